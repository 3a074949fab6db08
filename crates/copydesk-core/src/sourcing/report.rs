//! The sourcing report: who is quoted in an article and what it leans on. `copydesk report` prints
//! it; the language server shows the same data.

use super::cues::{is_determiner, marks_a_clause};
use super::{analysis, state_media_citations, CueKind};
use crate::document::Document;
use crate::gazetteer::{country_name, Gazetteer};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

/// A span of the article and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceEntry {
    /// UTF-8 byte offsets in the article, end exclusive.
    pub span: Range<usize>,
    pub text: String,
}

/// A quotation and who says it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuotationEntry {
    pub span: Range<usize>,
    pub text: String,
    pub speaker: Option<SourceEntry>,
}

/// A state-controlled outlet the article cites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateMediaEntry {
    pub span: Range<usize>,
    pub text: String,
    /// The outlet's name in the gazetteer.
    pub outlet: String,
    /// The state that controls it (ISO 3166 code).
    pub state: String,
    /// That state's name in the article's language ("Russie"), or the code if unknown.
    pub state_name: String,
}

/// Who is quoted in an article, and the sources it names, hides or leaves vague.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Direct quotations (not quoted terms), in order.
    pub quotations: Vec<QuotationEntry>,
    /// Sources named by a speech verb or "selon", first mention of each.
    pub named_sources: Vec<SourceEntry>,
    pub anonymous_sources: Vec<SourceEntry>,
    pub vague_attributions: Vec<SourceEntry>,
    pub state_media: Vec<StateMediaEntry>,
    /// The share of quotations with a speaker, from 0 to 1; `None` with no quotation.
    pub attributed_share: Option<f64>,
}

fn entry(doc: &Document, span: &Range<usize>) -> SourceEntry {
    SourceEntry {
        span: span.clone(),
        text: doc.text(span.clone()).to_string(),
    }
}

/// The sourcing report of an article; state-controlled outlets are known from `gazetteer`.
pub fn report(doc: &Document, gazetteer: &Gazetteer) -> Report {
    let analysis = analysis(doc);
    let words = analysis.words(doc);
    let quotations: Vec<QuotationEntry> = analysis
        .quotations
        .iter()
        .filter(|q| !q.is_term)
        .map(|q| QuotationEntry {
            span: q.span.clone(),
            text: doc.text(q.span.clone()).to_string(),
            speaker: q.speaker.as_ref().map(|s| entry(doc, &s.span)),
        })
        .collect();
    let overlaps = |span: &Range<usize>, others: &[Range<usize>]| {
        others
            .iter()
            .any(|o| o.start < span.end && span.start < o.end)
    };
    let mut seen = HashSet::new();
    let named_sources = analysis
        .attributions
        .iter()
        .filter(|a| matches!(a.kind, CueKind::SpeechVerb | CueKind::Intro))
        .filter_map(|a| a.speaker.clone())
        .filter(|span| !overlaps(span, &analysis.anonymous) && !overlaps(span, &analysis.vague))
        .filter(|span| {
            words.tokens_in(span).any(|t| {
                let word = words.word(t);
                words.is_capitalised(t) && !is_determiner(word) && !marks_a_clause(word)
            })
        })
        .filter(|span| seen.insert(crate::text::fold(doc.text(span.clone()))))
        .map(|span| entry(doc, &span))
        .collect();
    let with_speaker = quotations.iter().filter(|q| q.speaker.is_some()).count();
    Report {
        attributed_share: (!quotations.is_empty())
            .then(|| with_speaker as f64 / quotations.len() as f64),
        quotations,
        named_sources,
        anonymous_sources: analysis.anonymous.iter().map(|s| entry(doc, s)).collect(),
        vague_attributions: analysis.vague.iter().map(|s| entry(doc, s)).collect(),
        state_media: state_media_citations(doc, gazetteer)
            .into_iter()
            .map(|citation| StateMediaEntry {
                text: doc.text(citation.span.clone()).to_string(),
                span: citation.span,
                outlet: citation.outlet,
                state_name: country_name(&citation.state, doc.language)
                    .unwrap_or(&citation.state)
                    .to_string(),
                state: citation.state,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    #[test]
    fn reports_quotations_sources_and_share() {
        let text = "« Nous sommes en contact avec nos amis », a déclaré Dmitri Peskov. \
                    « Rien ne nous arrêtera jamais dans ce combat »\n\n\
                    Selon une source proche du ministère, la Russie a retiré ses experts. \
                    Pour de nombreux observateurs, c’est un tournant.";
        let doc = Document::new(text.into(), Format::PlainText, None);
        let report = report(&doc, &Gazetteer::bundled());
        assert_eq!(report.quotations.len(), 2);
        assert_eq!(
            report.quotations[0]
                .speaker
                .as_ref()
                .map(|s| s.text.as_str()),
            Some("Dmitri Peskov")
        );
        let named: Vec<&str> = report
            .named_sources
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(named, ["Dmitri Peskov"]);
        assert_eq!(
            report.anonymous_sources[0].text,
            "une source proche du ministère"
        );
        assert_eq!(
            report.vague_attributions[0].text,
            "Pour de nombreux observateurs"
        );
        assert_eq!(report.attributed_share, Some(1.0));
        assert!(report.state_media.is_empty());
    }

    #[test]
    fn pronouns_are_not_named_sources() {
        let text = "He said: “We will not give in to anyone, ever.”";
        let doc = Document::new(text.into(), Format::PlainText, None);
        let report = report(&doc, &Gazetteer::bundled());
        assert_eq!(report.quotations[0].speaker.as_ref().unwrap().text, "He");
        assert!(report.named_sources.is_empty());
    }

    #[test]
    fn reports_state_media_cited() {
        let text =
            "Selon l’agence russe RIA Novosti, les troupes sont arrivées. RT a été interdite.";
        let doc = Document::new(text.into(), Format::PlainText, None);
        let report = report(&doc, &Gazetteer::bundled());
        assert_eq!(report.state_media.len(), 1);
        assert_eq!(report.state_media[0].text, "RIA Novosti");
        assert_eq!(report.state_media[0].state, "RU");
        assert_eq!(report.state_media[0].state_name, "Russie");
    }
}
