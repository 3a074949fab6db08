//! Completion of names in the house spelling, from a prefix of any word of the name.

use crate::analysis::Analysis;
use crate::positions::PositionEncoding;
use copydesk_core::gazetteer::Entity;
use copydesk_core::text::{fold, is_apostrophe, is_hyphen, is_word_char};
use copydesk_core::Language;
use tower_lsp::lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Documentation,
    MarkupContent, MarkupKind, TextEdit,
};

/// How many names are offered at once; the list is marked incomplete so the editor asks again
/// as the journalist types.
const LIMIT: usize = 30;

/// The names completing the word that ends at `offset`.
pub fn complete(analysis: &Analysis, offset: usize, encoding: PositionEncoding) -> CompletionList {
    let source = &analysis.document.source;
    let start = word_start(source, offset);
    let prefix = &source[start..offset];
    let gazetteer = &analysis.config.gazetteer;
    let language = analysis.document.language;
    let range = analysis.frame(encoding).range(&(start..offset));
    let items = gazetteer
        .complete(prefix, LIMIT)
        .into_iter()
        .filter_map(|id| {
            let entity = gazetteer.entity(id)?;
            let name = entity.name(language).to_string();
            Some(CompletionItem {
                label: name.clone(),
                kind: Some(CompletionItemKind::CONSTANT),
                detail: Some(detail(&entity, language)),
                documentation: gazetteer.card(id, language).map(|card| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: card,
                    })
                }),
                filter_text: Some(matching_word(&name, prefix)),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, name))),
                ..Default::default()
            })
        })
        .collect();
    CompletionList {
        is_incomplete: true,
        items,
    }
}

/// The start of the word being typed: letters, digits, and hyphens or apostrophes inside it.
fn word_start(source: &str, offset: usize) -> usize {
    let offset = copydesk_core::text::floor_char_boundary(source, offset);
    let mut start = offset;
    for (index, c) in source[..offset].char_indices().rev() {
        if !(is_word_char(c) || is_hyphen(c) || is_apostrophe(c)) {
            break;
        }
        start = index;
    }
    start
}

/// The current role, else the last one, else the kind: what tells two namesakes apart.
fn detail(entity: &Entity, language: Language) -> String {
    entity
        .roles
        .iter()
        .rev()
        .find(|role| role.to.is_none())
        .or(entity.roles.last())
        .map(|role| role.title.get(language).to_string())
        .unwrap_or_else(|| entity.kind.label(language).to_string())
}

/// The word of the name that the prefix starts, folded: editors filter items against this, so
/// "chtch" and "chetin" both keep "Alexandre Chtchétinine" in the list.
fn matching_word(name: &str, prefix: &str) -> String {
    let prefix = fold(prefix);
    name.split(|c: char| c.is_whitespace() || is_hyphen(c))
        .map(fold)
        .find(|word| word.starts_with(&prefix))
        .unwrap_or_else(|| fold(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::Format;

    fn labels(text: &str) -> Vec<(String, String)> {
        let analysis = Analysis::new(
            text.into(),
            Format::PlainText,
            Default::default(),
            1,
            &mut Default::default(),
        );
        complete(&analysis, text.len(), PositionEncoding::Utf16)
            .items
            .into_iter()
            .map(|item| (item.label, item.filter_text.unwrap()))
            .collect()
    }

    #[test]
    fn completes_any_word_of_a_name_ignoring_case_and_accents() {
        let found = labels("Le diplomate a dit que le porte-parole pesk");
        assert!(
            found.contains(&("Dmitri Peskov".into(), "peskov".into())),
            "{found:?}"
        );
        let found = labels("Selon le diplomate russe CHTCH");
        assert!(
            found
                .iter()
                .any(|(label, _)| label == "Alexandre Chtchétinine"),
            "{found:?}"
        );
    }

    #[test]
    fn offers_nothing_without_a_prefix_and_replaces_only_the_prefix() {
        assert!(labels("Le président a dit ").is_empty());
        let text = "🗣 Selon pesk";
        let analysis = Analysis::new(
            text.into(),
            Format::PlainText,
            Default::default(),
            1,
            &mut Default::default(),
        );
        let list = complete(&analysis, text.len(), PositionEncoding::Utf16);
        let Some(CompletionTextEdit::Edit(edit)) = &list.items[0].text_edit else {
            panic!("a text edit");
        };
        assert_eq!(
            (edit.range.start.character, edit.range.end.character),
            (9, 13)
        );
    }
}
