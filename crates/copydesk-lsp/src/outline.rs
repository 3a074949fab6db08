//! Who is in the story: document symbols for the people, organisations and sources an article
//! names and its quotations, and the sourcing report the editor extension shows.

use crate::analysis::Analysis;
use crate::positions::{Frame, PositionEncoding};
use copydesk_core::gazetteer::{EntityId, Kind};
use copydesk_core::sourcing;
use serde_json::Value;
use std::collections::HashMap;
use std::ops::Range;
use tower_lsp::lsp_types::{DocumentSymbol, SymbolKind};

/// Quotations are shown by their first words in the outline.
const QUOTE_WORDS: usize = 8;

/// The outline: a group per kind of participant, then the quotations, in article order.
pub fn document_symbols(analysis: &Analysis, encoding: PositionEncoding) -> Vec<DocumentSymbol> {
    let doc = &analysis.document;
    let language = doc.language;
    let frame = analysis.frame(encoding);
    let mut groups = Vec::new();
    for (kind, label) in [
        (Kind::Person, language.pick("Personnes", "People")),
        (Kind::Organization, "Organisations"),
        (Kind::Media, language.pick("Médias", "Media")),
    ] {
        groups.extend(group(label, entity_symbols(analysis, kind, &frame)));
    }
    let report = sourcing::report(doc, &analysis.config.gazetteer);
    let sources = report
        .named_sources
        .iter()
        .map(|source| {
            symbol(
                &frame,
                source.text.clone(),
                None,
                SymbolKind::KEY,
                &source.span,
            )
        })
        .collect();
    groups.extend(group("Sources", sources));
    let quotations = report
        .quotations
        .iter()
        .map(|quotation| {
            let speaker = quotation.speaker.as_ref().map(|s| s.text.clone());
            symbol(
                &frame,
                first_words(&quotation.text),
                speaker,
                SymbolKind::STRING,
                &quotation.span,
            )
        })
        .collect();
    groups.extend(group(language.pick("Citations", "Quotations"), quotations));
    groups
}

/// One symbol per entity of a kind, at its first mention, with how often it is named.
fn entity_symbols(analysis: &Analysis, kind: Kind, frame: &Frame) -> Vec<DocumentSymbol> {
    let gazetteer = &analysis.config.gazetteer;
    let language = analysis.document.language;
    let mut first: Vec<(EntityId, Range<usize>)> = Vec::new();
    let mut count: HashMap<EntityId, usize> = HashMap::new();
    for mention in analysis.mentions() {
        if mention.posting().entity_kind() != kind {
            continue;
        }
        let id = mention.entity();
        *count.entry(id).or_default() += 1;
        if !first.iter().any(|(seen, _)| *seen == id) {
            first.push((id, mention.span.clone()));
        }
    }
    first
        .into_iter()
        .filter_map(|(id, span)| {
            let entity = gazetteer.entity(id)?;
            let times = count[&id];
            let detail = match times {
                1 => None,
                n => Some(language.pick(format!("{n} mentions"), format!("{n} mentions"))),
            };
            let symbol_kind = match kind {
                Kind::Person => SymbolKind::CONSTANT,
                _ => SymbolKind::NAMESPACE,
            };
            Some(symbol(
                frame,
                entity.name(language).to_string(),
                detail,
                symbol_kind,
                &span,
            ))
        })
        .collect()
}

#[allow(deprecated)]
fn symbol(
    frame: &Frame,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: &Range<usize>,
) -> DocumentSymbol {
    let range = frame.range(span);
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// A group holding `children`, spanning them; none when there are none.
#[allow(deprecated)]
fn group(name: &str, children: Vec<DocumentSymbol>) -> Option<DocumentSymbol> {
    let first = children.iter().map(|c| c.range.start).min()?;
    let last = children.iter().map(|c| c.range.end).max()?;
    let range = tower_lsp::lsp_types::Range::new(first, last);
    Some(DocumentSymbol {
        name: name.to_string(),
        detail: None,
        kind: SymbolKind::NAMESPACE,
        tags: None,
        deprecated: None,
        range,
        selection_range: tower_lsp::lsp_types::Range::new(first, first),
        children: Some(children),
    })
}

fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= QUOTE_WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..QUOTE_WORDS].join(" "))
    }
}

/// The sourcing report as JSON, each `span` (UTF-8 bytes) joined by its LSP `range`.
pub fn sourcing_report(analysis: &Analysis, encoding: PositionEncoding) -> Value {
    let report = sourcing::report(&analysis.document, &analysis.config.gazetteer);
    let mut value = serde_json::to_value(report).unwrap_or(Value::Null);
    add_ranges(&mut value, &analysis.frame(encoding));
    value
}

fn add_ranges(value: &mut Value, frame: &Frame) {
    match value {
        Value::Object(object) => {
            let span = object.get("span").and_then(|span| {
                let start = span.get("start")?.as_u64()? as usize;
                let end = span.get("end")?.as_u64()? as usize;
                Some(start..end)
            });
            if let Some(span) = span {
                let range = serde_json::to_value(frame.range(&span)).unwrap_or(Value::Null);
                object.insert("range".to_string(), range);
            }
            object.values_mut().for_each(|v| add_ranges(v, frame));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| add_ranges(v, frame)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::Format;

    const TEXT: &str = "🗣 « Nous enverrons autant que nécessaire », a déclaré Dmitri Peskov, porte-parole du Kremlin. Peskov a rencontré l'OTAN.";

    fn analyse() -> Analysis {
        Analysis::new(
            TEXT.into(),
            Format::PlainText,
            Default::default(),
            1,
            &mut Default::default(),
        )
    }

    #[test]
    fn the_outline_lists_people_organisations_and_quotations() {
        let symbols = document_symbols(&analyse(), PositionEncoding::Utf16);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert!(names.contains(&"Personnes"), "{names:?}");
        assert!(names.contains(&"Citations"), "{names:?}");
        let people = &symbols[0].children.as_ref().unwrap()[0];
        assert_eq!(people.name, "Dmitri Peskov");
        assert_eq!(people.detail.as_deref(), Some("2 mentions"));
        let quotes = symbols.iter().find(|s| s.name == "Citations").unwrap();
        let quote = &quotes.children.as_ref().unwrap()[0];
        assert_eq!(quote.range.start.character, 3);
        assert!(quote.detail.as_deref().unwrap().contains("Peskov"));
    }

    #[test]
    fn the_report_carries_lsp_ranges() {
        let report = sourcing_report(&analyse(), PositionEncoding::Utf16);
        let quotation = &report["quotations"][0];
        assert_eq!(quotation["range"]["start"]["character"], 3);
        assert!(quotation["speaker"]["text"]
            .as_str()
            .unwrap()
            .contains("Peskov"));
    }
}
