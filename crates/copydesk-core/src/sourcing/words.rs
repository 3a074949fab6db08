//! A folded view of the article's tokens, and the small questions the sourcing code asks of them.

use crate::document::Document;
use crate::text::{fold, is_capitalised};
use std::ops::Range;

/// The article's tokens folded for comparison (lowercase, no accents, plain apostrophes),
/// index for index with [`Document::tokens`], in one buffer.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    text: String,
    /// Where each folded token starts in `text`, then where the last one ends: token `t` is
    /// `text[bounds[t]..bounds[t + 1]]`, found without a special case for the first token.
    bounds: Vec<usize>,
}

impl Folded {
    pub fn new(doc: &Document) -> Folded {
        let mut folded = Folded {
            text: String::with_capacity(doc.source.len()),
            bounds: Vec::with_capacity(doc.tokens.len() + 1),
        };
        folded.bounds.push(0);
        for token in &doc.tokens {
            fold_into(&doc.source[token.span.clone()], &mut folded.text);
            folded.bounds.push(folded.text.len());
        }
        folded
    }

    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    #[inline]
    pub fn get(&self, token: usize) -> &str {
        let bounds = &self.bounds[token..token + 2];
        &self.text[bounds[0]..bounds[1]]
    }

    /// Whether two tokens fold to the same word; their lengths tell most pairs apart at once.
    pub fn same(&self, a: usize, b: usize) -> bool {
        let (a, b) = (&self.bounds[a..a + 2], &self.bounds[b..b + 2]);
        a[1] - a[0] == b[1] - b[0] && self.text[a[0]..a[1]] == self.text[b[0]..b[1]]
    }

    /// The folded tokens in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.bounds
            .windows(2)
            .map(|bounds| &self.text[bounds[0]..bounds[1]])
    }
}

/// The tokens of an article with their folded forms.
pub(crate) struct Words<'a> {
    pub doc: &'a Document,
    pub folded: &'a Folded,
}

/// Folds one token as [`fold`] does. Most tokens are ASCII or carry only French accents and
/// typographic apostrophes, which a table folds without Unicode decomposition; the others go
/// through [`fold`].
pub(crate) fn fold_token(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Appends the folded form of a token to `out`.
fn fold_into(word: &str, out: &mut String) {
    let start = out.len();
    if word.is_ascii() {
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let plain = match c {
            'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => 'i',
            'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'ÿ' => 'y',
            '’' | 'ʼ' | '‘' => '\'',
            '‐' | '‑' => '-',
            _ => {
                out.truncate(start);
                out.push_str(&fold(word));
                return;
            }
        };
        out.push(plain);
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
    /// The words of an article, folded on first use and kept with the document.
    pub fn of(doc: &'a Document) -> Words<'a> {
        Words {
            doc,
            folded: doc.folded_tokens.get_or_init(|| Folded::new(doc)),
        }
    }

    #[inline]
    pub fn word(&self, token: usize) -> &'a str {
        self.folded.get(token)
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
        // Most gaps are one space: nothing to scan.
        if gap == " " {
            return false;
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_compares_folded_tokens() {
        use crate::document::{Document, Format};
        let doc = Document::new(
            "Élu élu, l’État l'état ; été étés 🗣 🗣".to_string(),
            Format::PlainText,
            None,
        );
        let words = Words::of(&doc);
        let same = |a: usize, b: usize| words.folded.same(a, b);
        for a in 0..words.folded.len() {
            for b in 0..words.folded.len() {
                assert_eq!(same(a, b), words.word(a) == words.word(b), "{a} {b}");
            }
        }
        assert!(same(0, 1));
        assert!(same(2, 3));
        assert!(!same(4, 5));
    }

    #[test]
    fn fold_token_agrees_with_fold() {
        for word in [
            "Déclaré",
            "l’armée",
            "Zaïomski",
            "Œuvre",
            "Nicolás",
            "Jean‑Pierre",
            "ÇA",
            "Sergueï",
            "Ελλάδα",
            "plain",
        ] {
            assert_eq!(fold_token(word), fold(word), "{word}");
        }
    }

    #[test]
    fn iter_and_get_agree_on_every_token() {
        use crate::document::{Document, Format};
        let doc = Document::new(
            "L’Élysée a dit : « non ». 🗣 Jean-Pierre\u{a0}Dupont l'ÉTAT".to_string(),
            Format::PlainText,
            None,
        );
        let words = Words::of(&doc);
        let listed: Vec<&str> = words.folded.iter().collect();
        assert_eq!(listed.len(), doc.tokens.len());
        assert_eq!(listed.len(), words.folded.len());
        for (token, word) in listed.iter().enumerate() {
            assert_eq!(*word, words.word(token));
            assert_eq!(*word, fold(words.raw(token)));
        }
        assert_eq!(listed.first(), Some(&"l'elysee"));
        assert_eq!(Folded::default().len(), 0);
        assert_eq!(Folded::default().iter().count(), 0);
        let empty = Document::new(String::new(), Format::PlainText, None);
        assert_eq!(Words::of(&empty).folded.len(), 0);
    }

    #[test]
    fn broken_reads_the_gap_between_tokens() {
        use crate::document::{Document, Format};
        let doc = Document::new("a b, c - d–e\u{a0}f".to_string(), Format::PlainText, None);
        let words = Words::of(&doc);
        let raw: Vec<&str> = (0..doc.tokens.len()).map(|t| words.raw(t)).collect();
        assert_eq!(raw, ["a", "b", "c", "d", "e", "f"]);
        let broken: Vec<bool> = (1..raw.len()).map(|t| words.broken(t - 1, t)).collect();
        assert_eq!(broken, [false, true, true, true, false]);
    }
}
