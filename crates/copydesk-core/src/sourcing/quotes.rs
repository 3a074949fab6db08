//! Direct quotations, told from quoted terms, including quotations that run over paragraphs.

use super::cues::marks_a_clause;
use super::words::Words;
use super::Quotation;
use crate::segment::QuotePair;
use crate::text::is_space;
use std::ops::Range;

/// A quoted phrase of at most this many words with no clause of its own is a term.
const TERM_MAX_WORDS: usize = 5;

/// The article's quotations and quoted terms, outermost marks only, in order. A quotation that
/// runs over paragraphs (French style: each new paragraph opens with ») is one part per
/// paragraph, the parts sharing a `chain`.
pub(super) fn find(words: &Words) -> Vec<Quotation> {
    let doc = words.doc;
    let mut quotations: Vec<Quotation> = Vec::new();
    for (index, paragraph) in doc.paragraphs.iter().enumerate() {
        let pairs = outermost(&doc.quotes, &paragraph.span);
        for pair in &pairs {
            let continues = doc.masked[pair.span.clone()].starts_with('»');
            let part = quotation(words, pair.span.clone(), pair.inner.clone(), continues);
            push(&mut quotations, part);
        }
        let next_continues = doc
            .paragraphs
            .get(index + 1)
            .is_some_and(|next| first_visible(&doc.masked[next.span.clone()]) == Some('»'));
        if next_continues {
            if let Some(open) = unclosed_opening(&doc.masked, &paragraph.span, &pairs) {
                let mark = doc.masked[open..].chars().next().map_or(1, char::len_utf8);
                let continues = doc.masked[open..].starts_with('»');
                let mut part = quotation(
                    words,
                    open..paragraph.span.end,
                    open + mark..paragraph.span.end,
                    continues,
                );
                part.is_term = false;
                push(&mut quotations, part);
            }
        }
    }
    quotations
}

fn push(quotations: &mut Vec<Quotation>, mut part: Quotation) {
    part.chain = match quotations.last() {
        Some(previous) if part.continues => previous.chain,
        _ => quotations.len(),
    };
    quotations.push(part);
}

fn quotation(words: &Words, span: Range<usize>, inner: Range<usize>, continues: bool) -> Quotation {
    let is_term = !continues && is_term(words, &inner);
    Quotation {
        span,
        inner,
        is_term,
        speaker: None,
        chain: 0,
        continues,
    }
}

/// The pairs of a paragraph that no other pair encloses.
fn outermost<'q>(quotes: &'q [QuotePair], paragraph: &Range<usize>) -> Vec<&'q QuotePair> {
    let first = quotes.partition_point(|q| q.span.start < paragraph.start);
    let mut kept: Vec<&QuotePair> = Vec::new();
    for pair in quotes[first..]
        .iter()
        .take_while(|q| q.span.start < paragraph.end)
    {
        if kept
            .last()
            .is_none_or(|last| pair.span.start >= last.span.end)
        {
            kept.push(pair);
        }
    }
    kept
}

fn first_visible(text: &str) -> Option<char> {
    text.chars().find(|&c| !is_space(c))
}

/// The opening guillemet of a paragraph that no pair closes: a quotation going on in the next
/// paragraph.
fn unclosed_opening(masked: &str, paragraph: &Range<usize>, pairs: &[&QuotePair]) -> Option<usize> {
    let text = &masked[paragraph.clone()];
    let leading = text.len() - text.trim_start_matches(is_space).len();
    text.char_indices()
        .filter(|&(i, c)| c == '«' || (c == '»' && i == leading))
        .map(|(i, _)| paragraph.start + i)
        .find(|&at| !pairs.iter().any(|p| p.span.start <= at && at < p.span.end))
}

/// A short quoted phrase with no clause of its own («dictature maduriste», “coup d’État”), or a
/// title or a name the word before announces (le film « La vie est un long fleuve tranquille »,
/// the operation “Desert Shield”).
fn is_term(words: &Words, inner: &Range<usize>) -> bool {
    let tokens = words.tokens_in(inner);
    // "“The FDA followed the science,” she told the justices": a comma kept inside the marks
    // cuts a sentence short for its speaker; a term never carries one.
    let cut_sentence = words.doc.masked[inner.clone()]
        .trim_end_matches(is_space)
        .ends_with(',');
    if cut_sentence {
        return false;
    }
    if tokens.len() <= 2 || is_announced_title(words, &tokens) {
        return true;
    }
    let has_sentence_mark = words.doc.masked[inner.clone()]
        .trim_end_matches(|c: char| is_space(c) || matches!(c, '.' | '!' | '?' | '…'))
        .contains(['.', '!', '?', '…']);
    let has_clause = has_sentence_mark || tokens.clone().any(|t| marks_a_clause(words.word(t)));
    tokens.len() <= TERM_MAX_WORDS && !has_clause
}

/// A quoted phrase of at most this many words after a word that announces a title is a title.
const TITLE_MAX_WORDS: usize = 15;

/// Whether the word just before the quotation announces a title or a name: "le livre", "la
/// tribune", "intitulé", "baptisée", "titled", "the song".
fn is_announced_title(words: &Words, tokens: &Range<usize>) -> bool {
    let Some(before) = tokens.start.checked_sub(1) else {
        return false;
    };
    let between = words.between(before, tokens.start);
    let only_marks = between
        .chars()
        .all(|c| is_space(c) || matches!(c, '«' | '“' | '"' | '‹' | '‘' | '\'' | ','));
    tokens.len() <= TITLE_MAX_WORDS && only_marks && announces_title(words.word(before))
}

fn announces_title(word: &str) -> bool {
    matches!(
        word,
        "livre"
            | "ouvrage"
            | "essai"
            | "roman"
            | "recueil"
            | "film"
            | "documentaire"
            | "serie"
            | "emission"
            | "album"
            | "chanson"
            | "titre"
            | "piece"
            | "spectacle"
            | "exposition"
            | "tribune"
            | "editorial"
            | "chronique"
            | "rubrique"
            | "operation"
            | "slogan"
            | "devise"
            | "hashtag"
            | "intitule"
            | "intitulee"
            | "intitules"
            | "intitulees"
            | "baptise"
            | "baptisee"
            | "baptises"
            | "baptisees"
            | "surnomme"
            | "surnommee"
            | "dit"
            | "dite"
            | "dits"
            | "dites"
            | "publie"
            | "publier"
            | "book"
            | "novel"
            | "memoir"
            | "movie"
            | "documentary"
            | "series"
            | "show"
            | "song"
            | "play"
            | "exhibition"
            | "column"
            | "op-ed"
            | "motto"
            | "titled"
            | "entitled"
            | "dubbed"
            | "nicknamed"
            | "published"
            | "publish"
    )
}
