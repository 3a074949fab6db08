//! State-controlled outlets the article cites, known from the gazetteer (`owner = "state"`).

use super::{analysis, Analysis};
use crate::document::Document;
use crate::gazetteer::Gazetteer;
use std::ops::Range;

/// A state-controlled outlet given as a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateMediaCitation {
    pub span: Range<usize>,
    /// The outlet's house name in the article's language.
    pub outlet: String,
    /// The controlling state (ISO 3166 code).
    pub state: String,
    /// What the gazetteer says of the outlet ("agence de presse d'État russe").
    pub description: Option<String>,
}

/// Words just before an outlet that make it the channel of a claim: "à l'agence TASS", "told
/// Xinhua", "via KCNA", "cité par l'agence Irna".
fn is_channel_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "au"
            | "aux"
            | "to"
            | "told"
            | "via"
            | "par"
            | "by"
            | "selon"
            | "d'apres"
            | "citant"
            | "citing"
            | "according"
            | "from"
            | "dans"
    )
}

/// The mentions of state-controlled outlets that the article gives as a source: as a speaker
/// ("a rapporté RIA Novosti", "selon Sputnik"), as the channel of a statement ("a déclaré … à
/// l'agence TASS"), or in a "Source :" line. A mention that is not a source (an article about
/// the outlet itself: "RT a été interdite") is left out.
pub fn state_media_citations(doc: &Document, gazetteer: &Gazetteer) -> Vec<StateMediaCitation> {
    let analysis = analysis(doc);
    gazetteer
        .state_media_mentions(doc)
        .into_iter()
        .filter(|mention| is_cited(doc, analysis, &mention.span))
        .filter_map(|mention| {
            let entity = gazetteer.entity(mention.entity())?;
            Some(StateMediaCitation {
                span: mention.span,
                outlet: entity.name.get(doc.language).to_string(),
                state: entity.state?,
                description: entity.description.map(|d| d.get(doc.language).to_string()),
            })
        })
        .collect()
}

fn is_cited(doc: &Document, analysis: &Analysis, span: &Range<usize>) -> bool {
    let Some(sentence) = doc.sentence_at(span.start) else {
        return false;
    };
    let words = analysis.words(doc);
    let as_speaker = analysis.attributions.iter().any(|a| {
        a.speaker
            .as_ref()
            .is_some_and(|s| s.start <= span.start && span.end <= s.end)
    });
    let tokens = doc.sentences[sentence].tokens.clone();
    let source_line = tokens.len() > 1
        && matches!(words.word(tokens.start), "source" | "sources")
        && words.gap_has(tokens.start, tokens.start + 1, ':');
    let first = words.tokens_in(span).start;
    let reported = analysis.attributions.iter().any(|a| a.sentence == sentence);
    let channel = (tokens.start..first)
        .rev()
        .take(4)
        .take_while(|&t| t + 1 == first || !words.broken(t, t + 1))
        .any(|t| is_channel_word(words.word(t)));
    as_speaker || source_line || (reported && channel)
}
