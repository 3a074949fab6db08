//! A folded view of the article's tokens, and the small questions the sourcing code asks of them.

use crate::document::Document;
use crate::text::{fold, is_capitalised};
use std::ops::Range;

/// The article's tokens folded for comparison (lowercase, no accents, plain apostrophes),
/// index for index with [`Document::tokens`].
pub(crate) struct Words<'a> {
    pub doc: &'a Document,
    pub folded: &'a [String],
}

/// Folds one token; ASCII tokens, the most common, only need lowercasing.
pub(crate) fn fold_token(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        fold(word)
    }
}

/// Characters that end a phrase: a speaker's name or a source never runs across them.
fn is_phrase_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '.'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '«'
            | '»'
            | '“'
            | '”'
            | '"'
            | '‹'
            | '›'
            | '–'
            | '—'
            | '…'
            | '|'
            | '/'
    )
}

impl<'a> Words<'a> {
    pub fn word(&self, token: usize) -> &'a str {
        &self.folded[token]
    }

    /// The token's text as written.
    pub fn raw(&self, token: usize) -> &'a str {
        self.doc.text(self.doc.tokens[token].span.clone())
    }

    pub fn span(&self, token: usize) -> Range<usize> {
        self.doc.tokens[token].span.clone()
    }

    /// The masked text between two tokens (`a` before `b`).
    pub fn between(&self, a: usize, b: usize) -> &'a str {
        let start = self.doc.tokens[a].span.end;
        let end = self.doc.tokens[b].span.start.max(start);
        &self.doc.masked[start..end]
    }

    /// Whether punctuation separates two consecutive tokens.
    pub fn broken(&self, a: usize, b: usize) -> bool {
        let gap = self.between(a, b);
        gap.chars().any(is_phrase_break) || gap.trim() == "-"
    }

    /// Whether the gap between two tokens holds this character.
    pub fn gap_has(&self, a: usize, b: usize, c: char) -> bool {
        self.between(a, b).contains(c)
    }

    /// Whether the token starts with a capital, after an elided article: "L’Opinion",
    /// "d’Ursula".
    pub fn is_capitalised(&self, token: usize) -> bool {
        let raw = self.raw(token);
        let mut chars = raw.chars();
        match (chars.next(), chars.next()) {
            (Some('l' | 'd' | 'L' | 'D'), Some(c)) if crate::text::is_apostrophe(c) => {
                is_capitalised(chars.as_str())
            }
            _ => is_capitalised(raw),
        }
    }

    pub fn is_number(&self, token: usize) -> bool {
        self.doc.tokens[token].kind == crate::segment::TokenKind::Number
    }

    /// Whether the token opens its sentence (its capital says nothing then).
    pub fn starts_sentence(&self, token: usize) -> bool {
        self.doc
            .sentence_at(self.doc.tokens[token].span.start)
            .is_some_and(|s| self.doc.sentences[s].tokens.start == token)
    }

    /// Whether the token is a name: capitalised where a common word would not be.
    pub fn is_name(&self, token: usize) -> bool {
        self.is_capitalised(token) && !self.starts_sentence(token)
    }

    /// The span from the first token's start to the last token's end.
    pub fn range(&self, first: usize, last: usize) -> Range<usize> {
        self.doc.tokens[first].span.start..self.doc.tokens[last].span.end
    }

    /// The indices of the tokens inside a byte range.
    pub fn tokens_in(&self, range: &Range<usize>) -> Range<usize> {
        let tokens = &self.doc.tokens;
        let first = tokens.partition_point(|t| t.span.start < range.start);
        let end = tokens.partition_point(|t| t.span.end <= range.end);
        first..end.max(first)
    }

    /// Whether the words from `at` on are `phrase` (folded words separated by spaces).
    pub fn matches(&self, at: usize, end: usize, phrase: &str) -> bool {
        for (token, word) in (at..).zip(phrase.split(' ')) {
            if token >= end || self.word(token) != word {
                return false;
            }
            if token > at && self.broken(token - 1, token) {
                return false;
            }
        }
        true
    }
}
