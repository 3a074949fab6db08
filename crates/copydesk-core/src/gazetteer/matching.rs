//! Finding known names in prose: the prose is folded (case, diacritics, apostrophes, hyphens,
//! spaces) with a map back to source offsets, then every word start walks the forms index.
//!
//! The walk follows the fst byte by byte from each word start, so it costs the length of the
//! longest partial match, needs no automaton built at load time, and works the same on the
//! bundled gazetteer and on a memory-mapped file of a million entities (an Aho-Corasick automaton
//! over millions of forms would take seconds and hundreds of megabytes to build on every run).

use super::layer::{first_word, Layer, Posting};
use crate::text::{is_apostrophe, is_hyphen, is_space};
use std::ops::Range;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Prose folded for matching, with the source offset of every folded byte.
pub struct Folded {
    pub text: String,
    /// `offsets[i]` is the source offset of the character folded byte `i` came from; one more
    /// entry holds the end of the span.
    offsets: Vec<usize>,
}

impl Folded {
    /// Folds `source[span]` as [`crate::text::fold`] does, keeping offsets. Runs of spaces and
    /// line breaks become one space, so names wrapped over lines still match.
    pub fn new(source: &str, span: Range<usize>) -> Folded {
        let mut text = String::with_capacity(span.len());
        let mut offsets = Vec::with_capacity(span.len() + 1);
        let mut last_space = false;
        for (at, c) in source[span.clone()].char_indices() {
            let at = span.start + at;
            if c.is_ascii_alphanumeric() {
                text.push(c.to_ascii_lowercase());
                offsets.push(at);
                last_space = false;
                continue;
            }
            let mut push = |text: &mut String, folded: char| {
                let before = text.len();
                text.push(folded);
                offsets.extend(std::iter::repeat_n(at, text.len() - before));
            };
            if is_space(c) {
                if !last_space {
                    push(&mut text, ' ');
                }
                last_space = true;
                continue;
            }
            last_space = false;
            if is_apostrophe(c) {
                push(&mut text, '\'');
            } else if is_hyphen(c) {
                push(&mut text, '-');
            } else {
                fold_char(c, |folded| push(&mut text, folded));
            }
        }
        offsets.push(span.end);
        Folded { text, offsets }
    }

    /// The source span of folded bytes `range`.
    pub fn source_span(&self, source: &str, range: Range<usize>) -> Range<usize> {
        let start = self.offsets[range.start];
        let last = self.offsets[range.end.saturating_sub(1).max(range.start)];
        let end = if range.end >= self.offsets.len() - 1 {
            *self.offsets.last().unwrap_or(&start)
        } else {
            last + source[last..].chars().next().map_or(0, char::len_utf8)
        };
        start..end.max(start)
    }
}

/// Folds one character: no diacritics, lowercase, ligatures spelt out.
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    match c {
        'œ' | 'Œ' => "oe".chars().for_each(emit),
        'æ' | 'Æ' => "ae".chars().for_each(emit),
        'ß' => "ss".chars().for_each(emit),
        _ if c.is_ascii() => emit(c.to_ascii_lowercase()),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                d.to_lowercase().for_each(&mut emit);
            }
        }),
    }
}

/// Byte offsets in folded text where a word starts: a letter or digit not after a letter, a
/// digit or a hyphen (so "soudan" in "port-soudan" is not a word start, "otan" in "l'otan" is).
pub fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous: Option<char> = None;
    text.char_indices().filter_map(move |(at, c)| {
        let starts =
            c.is_alphanumeric() && !previous.is_some_and(|p| p.is_alphanumeric() || p == '-');
        previous = Some(c);
        starts.then_some(at)
    })
}

/// Whether folded text has a word boundary at `end`: no letter or digit follows, nor a hyphen
/// joining another word.
pub fn ends_word(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        None => true,
        Some('-') => !rest.next().is_some_and(char::is_alphanumeric),
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Every form of `layer` (keys have hyphens as spaces, see [`super::key`]) that starts at folded offset `start` and ends on a word boundary:
/// (end, fst value), shortest first.
pub fn walk(layer: &Layer, text: &str, start: usize) -> Vec<(usize, u64)> {
    let fst = layer.forms.as_fst();
    let mut node = fst.root();
    let mut output = fst::raw::Output::zero();
    let mut hits = Vec::new();
    for (i, &b) in text.as_bytes()[start..].iter().enumerate() {
        let b = if b == b'-' { b' ' } else { b };
        let Some(index) = node.find_input(b) else {
            break;
        };
        let transition = node.transition(index);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
        let end = start + i + 1;
        if node.is_final() && text.is_char_boundary(end) && ends_word(text, end) {
            hits.push((end, output.cat(node.final_output()).value()));
        }
    }
    hits
}

/// A found form: its folded byte range and its postings, with their layer, later layers first.
pub struct Hit {
    pub range: Range<usize>,
    pub postings: Vec<(usize, Posting)>,
}

/// The longest known forms in folded text, left to right, not overlapping, whose written case
/// fits (see [`Posting::case_matches`]).
pub fn find_forms(layers: &[Layer], folded: &Folded, source: &str) -> Vec<Hit> {
    let text = &folded.text;
    let mut hits = Vec::new();
    let mut next_free = 0;
    let mut ends: Vec<(usize, usize, u64)> = Vec::new();
    for start in word_starts(text) {
        if start < next_free {
            continue;
        }
        // A word written in lowercase starts only the forms that may be written so: most words
        // of an article are lowercase, and walking the index from each would cost the most.
        let lowercase = source[folded.offsets[start]..]
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        let first = if lowercase {
            first_word(&text[start..])
        } else {
            ""
        };
        ends.clear();
        for (index, layer) in layers.iter().enumerate() {
            if lowercase && !layer.may_start_in_lowercase(first) {
                continue;
            }
            ends.extend(
                walk(layer, text, start)
                    .into_iter()
                    .map(|(end, value)| (end, index, value)),
            );
        }
        ends.sort_by(|a, b| b.cmp(a));
        let mut longest: Option<Hit> = None;
        for &(end, layer, value) in &ends {
            if longest.as_ref().is_some_and(|hit| hit.range.end != end) {
                break;
            }
            let written = &source[folded.source_span(source, start..end)];
            let postings = layers[layer]
                .form_postings(value)
                .into_iter()
                .filter(|p| p.case_matches(written))
                .map(|p| (layer, p));
            let hit = longest.get_or_insert_with(|| Hit {
                range: start..end,
                postings: Vec::new(),
            });
            hit.postings.extend(postings);
            if hit.postings.is_empty() {
                longest = None;
            }
        }
        if let Some(hit) = longest {
            next_free = hit.range.end;
            hits.push(hit);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_source_offsets() {
        let source = "Le  Kremlin a dit: Sergueï\u{00A0}Lavrov";
        let folded = Folded::new(source, 0..source.len());
        assert_eq!(folded.text, "le kremlin a dit: serguei lavrov");
        let at = folded.text.find("serguei lavrov").unwrap();
        let span = folded.source_span(source, at..folded.text.len());
        assert_eq!(&source[span], "Sergueï\u{00A0}Lavrov");
        let at = folded.text.find("serguei").unwrap();
        assert_eq!(&source[folded.source_span(source, at..at + 7)], "Sergueï");
    }

    #[test]
    fn words_start_after_apostrophes_but_not_inside_hyphenated_words() {
        let starts: Vec<usize> = word_starts("l'otan jean-pierre").collect();
        assert_eq!(starts, [0, 2, 7]);
        assert!(ends_word("maduro's", 6));
        assert!(!ends_word("maduros", 6));
        assert!(!ends_word("port-soudan", 4));
        assert!(ends_word("pro- et anti", 3));
    }
}
