//! Who says what in an article: direct quotations and their speakers, the sources the article
//! names, and the anonymous and vague ones. The attribution rules and `copydesk report` read it.
//!
//! The analysis is made once per [`Document`] (see [`analysis`]) and kept with it.

pub(crate) mod cues;
mod quotes;
mod report;
mod sources;
mod speakers;
mod state_media;
pub(crate) mod words;

pub use report::{report, QuotationEntry, Report, SourceEntry, StateMediaEntry};
pub use state_media::{state_media_citations, StateMediaCitation};

use crate::document::Document;
use std::ops::Range;
use words::Words;

/// A pair of quotation marks and what they enclose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the end of the closing mark (or of the paragraph, for a
    /// quotation that goes on in the next paragraph).
    pub span: Range<usize>,
    /// What the marks enclose.
    pub inner: Range<usize>,
    /// A quoted term («dictature maduriste», “coup d’État”), not someone's words.
    pub is_term: bool,
    pub speaker: Option<Speaker>,
    /// The index of the first part of a quotation running over paragraphs (its own index
    /// otherwise).
    pub chain: usize,
    /// Whether this part opens with the French continuation mark ».
    pub continues: bool,
}

/// Who a quotation is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as written: "le porte-parole de la présidence russe, Dmitri Peskov", "il". When
    /// only the verb was found ("a déclaré" with its subject out of reach), the verb's span.
    pub span: Range<usize>,
    /// The word that attributes: "a déclaré", "selon", "said".
    pub cue: Range<usize>,
}

/// How a source is brought in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A speech verb: "a déclaré", "said".
    SpeechVerb,
    /// A word that introduces a source: "selon", "d'après", "according to", "citant".
    Intro,
}

/// A place where the article says who says something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub cue: Range<usize>,
    /// The subject of the verb or the source after "selon", when found.
    pub speaker: Option<Range<usize>>,
    /// The index of its sentence in [`Document::sentences`].
    pub sentence: usize,
    pub kind: CueKind,
}

/// What a token may start, as bits: each scan of the analysis looks closer only at the tokens
/// that carry its bit, and skips sentences with none.
pub(crate) mod cue {
    /// A speech verb ("a déclaré", "said"), in any tense, with or without an inverted pronoun.
    pub const SPEECH_VERB: u8 = 1;
    /// A word that may start an attribution: a speech verb, "selon", "according", "pour"…
    pub const ATTRIBUTION: u8 = 1 << 1;
    /// A word that may start a vague attribution: "observateurs", "on", "il se dit"…
    pub const VAGUE: u8 = 1 << 2;
    /// A word that may start an anonymous source: "source", "anonymat", "familiar"…
    pub const ANONYMOUS: u8 = 1 << 3;
    /// A word a reporting conditional may hang on: "aurait", "said"… (for
    /// `attribution/unsourced-conditional`).
    pub const CONDITIONAL: u8 = 1 << 4;
    /// A speech verb that always reports speech ("a déclaré", "said").
    pub const STRONG_SPEECH_VERB: u8 = 1 << 5;
    /// A word without which a sentence holds no vague attribution: a group ("observateurs"), a
    /// pronoun ("certains"), a verb of hearsay ("murmure"), a word of a set phrase ("rumeurs").
    pub const VAGUE_KEY: u8 = 1 << 6;
}

/// The [`cue`] bits of a folded word.
fn cue_bits(word: &str) -> u8 {
    let mut bits = 0;
    if let Some(strength) = cues::speech_verb(word) {
        bits |= cue::SPEECH_VERB;
        if strength == cues::Strength::Strong {
            bits |= cue::STRONG_SPEECH_VERB;
        }
    }
    if speakers::may_attribute(word) {
        bits |= cue::ATTRIBUTION;
    }
    if sources::may_start_vague(word) {
        bits |= cue::VAGUE;
    }
    if sources::may_hold_vague(word) {
        bits |= cue::VAGUE_KEY;
    }
    if sources::may_start_anonymous(word) {
        bits |= cue::ANONYMOUS;
    }
    if crate::rules::attribution::unsourced_conditional::may_be_conditional(word) {
        bits |= cue::CONDITIONAL;
    }
    bits
}

/// The [`cue`] bits of every token, each distinct word classified once.
fn cue_bits_of(folded: &words::Folded) -> Vec<u8> {
    let bits = folded.per_word(cue_bits);
    (0..folded.len()).map(|token| *bits.of(token)).collect()
}

/// The [`cue`] bits of a sentence's tokens, or-ed together: a scan passes over the sentences
/// that lack its bit without reading their tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct SentenceCues {
    /// Of all its tokens.
    pub all: u8,
    /// Of its tokens outside quotations.
    pub live: u8,
}

/// The [`SentenceCues`] of every sentence, in one pass over the tokens.
fn sentence_cues(doc: &Document, cues: &[u8], quoted: &[bool]) -> Vec<SentenceCues> {
    doc.sentences
        .iter()
        .map(|sentence| {
            let mut summary = SentenceCues::default();
            for token in sentence.tokens.clone() {
                summary.all |= cues[token];
                if !quoted[token] {
                    summary.live |= cues[token];
                }
            }
            summary
        })
        .collect()
}

/// The sourcing of an article.
#[derive(Debug)]
pub struct Analysis {
    /// Whether each token is inside a quotation (not a quoted term).
    pub(crate) quoted: Vec<bool>,
    /// The [`cue`] bits of each token.
    pub(crate) cues: Vec<u8>,
    /// The [`cue`] bits of each sentence.
    pub(crate) sentence_cues: Vec<SentenceCues>,
    pub quotations: Vec<Quotation>,
    pub attributions: Vec<Attribution>,
    /// Anonymous sources: "une source proche du ministère", "sources familiar with".
    pub anonymous: Vec<Range<usize>>,
    /// Vague attributions: "de nombreux observateurs", "experts believe".
    pub vague: Vec<Range<usize>>,
}

/// The attributions of a range of sentences. Attributions are found sentence by sentence, so
/// they are in sentence order and a binary search finds them: scanning them all for each
/// sentence or quotation would make a long article cost the square of its length.
pub(crate) fn in_sentences(
    attributions: &[Attribution],
    sentences: Range<usize>,
) -> &[Attribution] {
    let start = attributions.partition_point(|a| a.sentence < sentences.start);
    let end = attributions.partition_point(|a| a.sentence < sentences.end);
    &attributions[start..end.max(start)]
}

/// The sourcing analysis of an article, made on first use and kept with the document.
pub fn analysis(doc: &Document) -> &Analysis {
    doc.sourcing.get_or_init(|| Analysis::new(doc))
}

impl Analysis {
    fn new(doc: &Document) -> Analysis {
        let words = Words::of(doc);
        let mut quotations = quotes::find(&words);
        let mut quoted = vec![false; doc.tokens.len()];
        for quotation in quotations.iter().filter(|q| !q.is_term) {
            for token in words.tokens_in(&quotation.inner) {
                quoted[token] = true;
            }
        }
        let cues = cue_bits_of(words.folded);
        let sentence_cues = sentence_cues(doc, &cues, &quoted);
        let attributions = speakers::find(&words, &quotations, &quoted, &cues, &sentence_cues);
        speakers::attach(&words, &mut quotations, &attributions);
        let scan = sources::Scan {
            words: &words,
            quoted: &quoted,
            cues: &cues,
            sentence_cues: &sentence_cues,
        };
        let anonymous = sources::anonymous(&scan, &attributions);
        let mut vague = sources::vague(&scan, &attributions);
        // "people close to him" is an anonymous source, not a vague one: one finding is enough.
        vague.retain(|v| !anonymous.iter().any(|a| a.start < v.end && v.start < a.end));
        Analysis {
            quotations,
            attributions,
            anonymous,
            vague,
            quoted,
            cues,
            sentence_cues,
        }
    }

    /// The folded-word view of the article, for rules that match words.
    pub(crate) fn words<'a>(&'a self, doc: &'a Document) -> Words<'a> {
        Words::of(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn sentence_cues_gather_the_bits_of_their_tokens() {
        let text = "Selon l’AFP, « des sources proches du dossier le disent ». Rien. \
                    « Il aurait fui », a-t-il déclaré ; certains doutent.";
        let doc = Document::new(text.to_string(), Format::PlainText, None);
        let analysis = analysis(&doc);
        assert_eq!(analysis.sentence_cues.len(), doc.sentences.len());
        for (sentence, summary) in doc.sentences.iter().zip(&analysis.sentence_cues) {
            let tokens = sentence.tokens.clone();
            let all = tokens.clone().fold(0, |bits, t| bits | analysis.cues[t]);
            let live = tokens
                .filter(|&t| !analysis.quoted[t])
                .fold(0, |bits, t| bits | analysis.cues[t]);
            assert_eq!(*summary, SentenceCues { all, live });
        }
        assert!(analysis.sentence_cues[0].all & cue::ANONYMOUS != 0);
        assert!(analysis.sentence_cues[0].live & cue::ANONYMOUS == 0);
        let empty = Document::new(String::new(), Format::PlainText, None);
        assert!(super::analysis(&empty).sentence_cues.is_empty());
    }

    #[test]
    fn cue_bits_of_every_token_match_its_word() {
        let text = "Selon l’AFP, « c’est fini », ajoute-t-elle, a-t-il déclaré. Des observateurs, des sources \
                    proches du dossier et d'aucuns estiment qu'il se dit que… People familiar \
                    with the matter said: anonymously, “unidentified” 🗣 Jean‑Pierre a ajouté \
                    aujourd'hui, 12 000 personnes. Ελλάδα déclarait, déclarèrent, déclarations, il \
                    aurait compté, ils compteraient";
        let doc = Document::new(text.to_string(), Format::PlainText, None);
        let words = Words::of(&doc);
        let bits = cue_bits_of(words.folded);
        assert_eq!(bits.len(), doc.tokens.len());
        for (token, &found) in bits.iter().enumerate() {
            assert_eq!(found, cue_bits(words.word(token)), "{}", words.word(token));
        }
        let has = |word: &str, bit: u8| {
            (0..bits.len()).any(|t| words.word(t) == word && bits[t] & bit != 0)
        };
        assert!(has("ajoute-t-elle", cue::SPEECH_VERB));
        assert!(has("ajoute-t-elle", cue::ATTRIBUTION));
        assert!(has("declare", cue::SPEECH_VERB));
        assert!(has("selon", cue::ATTRIBUTION));
        assert!(has("observateurs", cue::VAGUE));
        assert!(has("d'aucuns", cue::VAGUE));
        assert!(has("observateurs", cue::VAGUE_KEY));
        assert!(has("d'aucuns", cue::VAGUE_KEY));
        assert!(has("dit", cue::VAGUE_KEY));
        assert!(!has("il", cue::VAGUE_KEY));
        assert!(has("declare", cue::STRONG_SPEECH_VERB));
        assert!(!has("ajoute-t-elle", cue::STRONG_SPEECH_VERB));
        assert!(has("sources", cue::ANONYMOUS));
        assert!(has("familiar", cue::ANONYMOUS));
        assert!(has("anonymously", cue::ANONYMOUS));
        assert!(has("declarait", cue::SPEECH_VERB));
        assert!(!has("declarait", cue::CONDITIONAL));
        assert!(has("aurait", cue::CONDITIONAL));
        assert!(has("compteraient", cue::CONDITIONAL));
        assert!(cue_bits_of(&words::Folded::default()).is_empty());
    }
}
