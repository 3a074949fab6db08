//! State-controlled outlets the article cites, known from the gazetteer (`owner = "state"`).

use super::{analysis, Analysis};
use crate::document::Document;
use crate::gazetteer::{matching, EntityId, Gazetteer};
use crate::language::Language;
use std::collections::HashMap;
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
/// the outlet itself: "RT a été interdite") is left out. Only those places are searched, which
/// keeps the gazetteer walk to a small part of the article.
pub fn state_media_citations(doc: &Document, gazetteer: &Gazetteer) -> Vec<StateMediaCitation> {
    let analysis = analysis(doc);
    let layers = gazetteer.layers();
    let mut citations = Vec::new();
    // One matcher for the article: the places repeat their words, whose walks it remembers.
    let mut matcher = matching::Matcher::new(layers);
    let mut filter = matching::OutletFilter::new(layers);
    let mut folded = matching::Folded::default();
    // What each outlet cited says of itself, decoded once per article.
    let mut outlets: HashMap<EntityId, Option<Outlet>> = HashMap::new();
    for span in cited_places(doc, analysis) {
        if !filter.may_name_outlet(&doc.masked, span.clone()) {
            continue;
        }
        folded.refold(&doc.masked, span);
        for hit in matcher.find_forms(&folded, &doc.source) {
            let Some(&(layer, posting)) = hit.postings.iter().find(|(_, p)| p.is_state_media())
            else {
                continue;
            };
            let id = EntityId {
                layer: layer as u16,
                index: posting.entity(),
            };
            let span = folded.source_span(&doc.source, hit.range.clone());
            if asks_the_question(&analysis.words(doc), &span) {
                continue;
            }
            let outlet = outlets
                .entry(id)
                .or_insert_with(|| Outlet::of(gazetteer, id, doc.language));
            let Some(outlet) = outlet else {
                continue;
            };
            citations.push(StateMediaCitation {
                span,
                outlet: outlet.name.clone(),
                state: outlet.state.clone(),
                description: outlet.description.clone(),
            });
        }
    }
    citations
}

/// What a citation says of a state-controlled outlet, in the article's language.
struct Outlet {
    name: String,
    state: String,
    description: Option<String>,
}

impl Outlet {
    fn of(gazetteer: &Gazetteer, id: EntityId, language: Language) -> Option<Outlet> {
        let entity = gazetteer.entity(id)?;
        Some(Outlet {
            name: entity.name.get(language).to_string(),
            state: entity.state?,
            description: entity.description.map(|d| d.get(language).to_string()),
        })
    }
}

/// The places where an outlet would be a source, in order and not overlapping: speakers, the
/// words after a channel word in a sentence that reports speech, and "Source :" lines.
fn cited_places(doc: &Document, analysis: &Analysis) -> Vec<Range<usize>> {
    let words = analysis.words(doc);
    let mut places: Vec<Range<usize>> = analysis
        .attributions
        .iter()
        .filter_map(|a| a.speaker.clone())
        .collect();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let tokens = sentence.tokens.clone();
        let source_line = tokens.len() > 1
            && matches!(words.word(tokens.start), "source" | "sources")
            && words.gap_has(tokens.start, tokens.start + 1, ':');
        if source_line {
            places.push(sentence.span.clone());
            continue;
        }
        if super::in_sentences(&analysis.attributions, index..index + 1).is_empty() {
            continue;
        }
        for token in tokens.clone() {
            if !is_channel_word(words.word(token)) || token + 1 >= tokens.end {
                continue;
            }
            let mut last = token + 1;
            while last + 1 < tokens.end && last - token < 6 && !words.broken(last, last + 1) {
                last += 1;
            }
            places.push(words.range(token + 1, last));
        }
    }
    places.extend(reporting_places(doc, analysis));
    places.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for place in places {
        match merged.last_mut() {
            Some(last) if place.start <= last.end => last.end = last.end.max(place.end),
            _ => merged.push(place),
        }
    }
    merged
}

/// The words before a speech verb, where an outlet is its subject whatever the verb's strength
/// ("TASS reported", "Xinhua a annoncé"), and after an inverted "…, reports": "…, reports RIA
/// Novosti".
fn reporting_places(doc: &Document, analysis: &Analysis) -> Vec<Range<usize>> {
    let words = analysis.words(doc);
    let mut places = Vec::new();
    for sentence in &doc.sentences {
        let tokens = sentence.tokens.clone();
        for token in tokens.clone().filter(|&t| !analysis.quoted[t]) {
            let word = words.word(token);
            let reports = matches!(word, "reports" | "reporting" | "writes");
            if reports && token > tokens.start && words.gap_has(token - 1, token, ',') {
                let mut last = token + 1;
                while last + 1 < tokens.end && last - token < 6 && !words.broken(last, last + 1) {
                    last += 1;
                }
                if last < tokens.end {
                    places.push(words.range(token + 1, last));
                }
            }
            if (reports || analysis.cues[token] & super::cue::SPEECH_VERB != 0)
                && token > tokens.start
                && !words.broken(token - 1, token)
            {
                let mut first = token - 1;
                while first > tokens.start && token - first < 6 && !words.broken(first - 1, first) {
                    first -= 1;
                }
                places.push(words.range(first, token - 1));
            }
        }
    }
    places
}

/// Whether the outlet only asks the question that a named speaker answers: "in reply to a TASS
/// question", "en réponse à une question de l'agence TASS". Its answer is given to the press
/// pool and is the speaker's claim; an interview given to the outlet ("told TASS", "a déclaré à
/// l'agence TASS") is still flagged, as the outlet alone holds the record of what was said.
fn asks_the_question(words: &super::words::Words, outlet: &Range<usize>) -> bool {
    let tokens = words.tokens_in(outlet);
    if tokens.is_empty() {
        return false;
    }
    let is_question = |t: usize| matches!(words.word(t), "question" | "questions");
    let after = tokens.end < words.folded.len()
        && !words.broken(tokens.end - 1, tokens.end)
        && is_question(tokens.end);
    let mut before = false;
    let mut cursor = tokens.start;
    while !before && cursor > 0 && tokens.start - cursor < 4 && !words.broken(cursor - 1, cursor) {
        cursor -= 1;
        before = is_question(cursor);
    }
    after || before
}
