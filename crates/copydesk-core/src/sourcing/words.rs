//! A folded view of the article's tokens, and the small questions the sourcing code asks of them.

use crate::document::Document;
use crate::text::{fold, is_capitalised};
use std::ops::Range;

/// The article's tokens folded for comparison (lowercase, no accents, plain apostrophes),
/// index for index with [`Document::tokens`]. An article repeats its words, so each distinct
/// word is folded and stored once and every token points at it: equal folded words have equal
/// ids, and work done per word ([`Folded::per_word`]) is done once per distinct word.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    /// The distinct folded words, one after the other.
    text: String,
    /// Where each distinct word starts in `text`, then where the last one ends: word `w` is
    /// `text[bounds[w]..bounds[w + 1]]`, found without a special case for the first word.
    bounds: Vec<usize>,
    /// The distinct word of each token.
    ids: Vec<u32>,
}

impl Folded {
    pub fn new(doc: &Document) -> Folded {
        let mut folded = Folded {
            text: String::new(),
            bounds: vec![0],
            ids: Vec::with_capacity(doc.tokens.len()),
        };
        // Both tables live only while the article is read. A token written like an earlier one
        // is found by its text as written, without folding it again; words written differently
        // but folded alike ("État", "état") share the id of their folded form.
        let mut by_raw = Slots::default();
        let mut raw_words: Vec<(Sketch, &[u8], u32)> = Vec::new();
        let mut by_folded = Slots::default();
        for token in &doc.tokens {
            let raw = &doc.source.as_bytes()[token.span.clone()];
            let sketch = Sketch::of(raw);
            let found = by_raw.find_or_add(sketch.hash(), |entry| {
                let (known, text, _) = raw_words[entry];
                known == sketch && (sketch.is_whole() || text == raw)
            });
            let id = match found {
                Ok(entry) => raw_words[entry].2,
                Err(_) => {
                    let id = folded.intern(&doc.source[token.span.clone()], &mut by_folded);
                    raw_words.push((sketch, raw, id));
                    id
                }
            };
            folded.ids.push(id);
        }
        folded
    }

    /// The id of the folded form of `raw`, added to the distinct words if it is new.
    fn intern(&mut self, raw: &str, by_folded: &mut Slots) -> u32 {
        let start = self.text.len();
        fold_into(raw, &mut self.text);
        let word = &self.text[start..];
        let hash = Sketch::of(word.as_bytes()).hash();
        let (text, bounds) = (&self.text, &self.bounds);
        let distinct_word = |id: usize| &text[bounds[id]..bounds[id + 1]];
        match by_folded.find_or_add(hash, |id| distinct_word(id) == word) {
            Ok(id) => {
                self.text.truncate(start);
                id as u32
            }
            Err(id) => {
                self.bounds.push(self.text.len());
                id as u32
            }
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// How many distinct folded words the article has.
    pub fn distinct(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// The distinct word with this id.
    #[inline]
    pub fn distinct_word(&self, id: usize) -> &str {
        let bounds = &self.bounds[id..id + 2];
        &self.text[bounds[0]..bounds[1]]
    }

    /// The id of a token's folded word: two tokens fold alike exactly when their ids are equal.
    #[inline]
    pub fn id(&self, token: usize) -> usize {
        self.ids[token] as usize
    }

    #[inline]
    pub fn get(&self, token: usize) -> &str {
        self.distinct_word(self.id(token))
    }

    /// Whether two tokens fold to the same word.
    pub fn same(&self, a: usize, b: usize) -> bool {
        self.ids[a] == self.ids[b]
    }

    /// `classify` applied once to each distinct word, read back per token with
    /// [`PerWord::of`].
    pub fn per_word<T>(&self, classify: impl FnMut(&str) -> T) -> PerWord<'_, T> {
        PerWord {
            folded: self,
            values: (0..self.distinct())
                .map(|id| self.distinct_word(id))
                .map(classify)
                .collect(),
        }
    }
}

/// Something known of each distinct word of an article (see [`Folded::per_word`]).
pub(crate) struct PerWord<'a, T> {
    folded: &'a Folded,
    values: Vec<T>,
}

impl<T> PerWord<'_, T> {
    /// What is known of a token's word.
    #[inline]
    pub fn of(&self, token: usize) -> &T {
        &self.values[self.folded.id(token)]
    }
}

/// A hash table of entries numbered from 0 in the order they were added, which the caller
/// keeps: it holds only their hashes and where they sit, and asks the caller whether an entry
/// is the one looked for. Open addressing over a power of two slots, at most half full.
#[derive(Default)]
struct Slots {
    /// The entry in each slot, plus one; 0 for an empty slot.
    slots: Vec<u32>,
    hashes: Vec<u64>,
}

impl Slots {
    /// The entry with this hash for which `is_entry` holds, or else the number of the entry
    /// this call adds.
    fn find_or_add(&mut self, hash: u64, is_entry: impl Fn(usize) -> bool) -> Result<usize, usize> {
        if self.slots.is_empty() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => break,
                taken => {
                    let entry = taken as usize - 1;
                    if self.hashes[entry] == hash && is_entry(entry) {
                        return Ok(entry);
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        let entry = self.hashes.len();
        self.hashes.push(hash);
        // Only an addition can fill the table: a lookup never checks its load.
        if self.hashes.len() * 2 > self.slots.len() {
            self.grow();
        } else {
            self.slots[slot] = self.hashes.len() as u32;
        }
        Err(entry)
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(256);
        let mask = size - 1;
        self.slots = vec![0; size];
        for (entry, &hash) in self.hashes.iter().enumerate() {
            let mut slot = hash as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = entry as u32 + 1;
        }
    }
}

/// A word's length and its first and last eight bytes (four, or each byte, for shorter
/// words): read without a loop or a copy, they tell apart any two words of up to sixteen bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sketch {
    length: usize,
    head: u64,
    tail: u64,
}

impl Sketch {
    fn of(bytes: &[u8]) -> Sketch {
        let length = bytes.len();
        let (head, tail) = if length >= 8 {
            (read_u64(&bytes[..8]), read_u64(&bytes[length - 8..]))
        } else if length >= 4 {
            (
                u64::from(read_u32(&bytes[..4])),
                u64::from(read_u32(&bytes[length - 4..])),
            )
        } else if length > 0 {
            let three = u64::from(bytes[0])
                | u64::from(bytes[length / 2]) << 8
                | u64::from(bytes[length - 1]) << 16;
            (three, 0)
        } else {
            (0, 0)
        };
        Sketch { length, head, tail }
    }

    /// Whether the sketch holds every byte of its word.
    fn is_whole(self) -> bool {
        self.length <= 16
    }

    fn hash(self) -> u64 {
        const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
        let mixed = (self.head ^ (self.length as u64) << 56).wrapping_mul(MULTIPLIER)
            ^ self.tail.rotate_left(29);
        let mixed = mixed.wrapping_mul(MULTIPLIER);
        // The multiplication mixes the high bits best; the table picks its slot by the low ones.
        mixed ^ (mixed >> 32)
    }
}

fn read_u64(eight: &[u8]) -> u64 {
    let mut bytes = [0; 8];
    bytes.copy_from_slice(eight);
    u64::from_le_bytes(bytes)
}

fn read_u32(four: &[u8]) -> u32 {
    let mut bytes = [0; 4];
    bytes.copy_from_slice(four);
    u32::from_le_bytes(bytes)
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
        // Most gaps are one space: nothing to scan, nor to cut out of the text.
        let start = self.doc.tokens[a].span.end;
        if self.doc.tokens[b].span.start == start + 1
            && self.doc.masked.as_bytes().get(start) == Some(&b' ')
        {
            return false;
        }
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
    fn tokens_folded_alike_share_one_word() {
        use crate::document::{Document, Format};
        let doc = Document::new(
            "État état ÉTAT, l’État l'état L'ÉTAT ; Jean‑Pierre jean-pierre\u{a0}JEAN‑PIERRE 🗣 🗣 \
             Œuvre oeuvre Ελλάδα ελλάδα déclaré Declare dit dit"
                .to_string(),
            Format::PlainText,
            None,
        );
        let words = Words::of(&doc);
        let folded = words.folded;
        assert_eq!(folded.len(), doc.tokens.len());
        for a in 0..folded.len() {
            assert_eq!(folded.get(a), fold(words.raw(a)), "{}", words.raw(a));
            for b in 0..folded.len() {
                assert_eq!(folded.id(a) == folded.id(b), folded.get(a) == folded.get(b));
            }
        }
        let distinct: std::collections::HashSet<&str> =
            (0..folded.len()).map(|t| folded.get(t)).collect();
        assert_eq!(folded.distinct(), distinct.len());
        assert_eq!(folded.get(0), "etat");
        assert_eq!(folded.id(0), folded.id(2));
        assert_eq!(folded.id(3), folded.id(5));
        let empty = Document::new(String::new(), Format::PlainText, None);
        assert_eq!(Words::of(&empty).folded.distinct(), 0);
        assert_eq!(Folded::default().distinct(), 0);
    }

    #[test]
    fn entries_sharing_a_hash_stay_apart() {
        let keys = ["alpha", "beta", "gamma", "delta"];
        let mut slots = Slots::default();
        // Every key collides with every other.
        let add = |slots: &mut Slots, key: &str| slots.find_or_add(7, |entry| keys[entry] == key);
        for (entry, key) in keys.iter().enumerate() {
            assert_eq!(add(&mut slots, key), Err(entry));
        }
        for (entry, key) in keys.iter().enumerate() {
            assert_eq!(add(&mut slots, key), Ok(entry));
        }
        let mut many = Slots::default();
        for n in 0..2000_u64 {
            assert_eq!(
                many.find_or_add(n * 256, |entry| entry as u64 == n),
                Err(n as usize)
            );
        }
        for n in (0..2000_u64).rev() {
            assert_eq!(
                many.find_or_add(n * 256, |entry| entry as u64 == n),
                Ok(n as usize)
            );
        }
    }

    #[test]
    fn per_word_classifies_each_distinct_word_once() {
        use crate::document::{Document, Format};
        let doc = Document::new(
            "Le le LE chat, le chat.".to_string(),
            Format::PlainText,
            None,
        );
        let folded = Words::of(&doc).folded;
        let mut calls = 0;
        let lengths = folded.per_word(|word| {
            calls += 1;
            word.len()
        });
        assert_eq!(calls, 2);
        let read: Vec<usize> = (0..folded.len()).map(|t| *lengths.of(t)).collect();
        assert_eq!(read, [2, 2, 2, 4, 2, 4]);
    }

    #[test]
    fn sketches_tell_short_words_apart() {
        let words = [
            "",
            "a",
            "a\0",
            "b",
            "ab",
            "abb",
            "abc",
            "abcd",
            "abcde",
            "abcdefgh",
            "abcdefghi",
            "abcdefgi",
            "é",
            "’",
            "🗣",
            "déclaré",
            "0123456789abcdef",
            "0123456789abcdeg",
            "1123456789abcdef",
        ];
        let sketches: Vec<Sketch> = words.iter().map(|w| Sketch::of(w.as_bytes())).collect();
        for (i, a) in sketches.iter().enumerate() {
            for b in &sketches[i + 1..] {
                assert_ne!(a, b);
                assert_ne!(a.hash(), b.hash());
            }
        }
        assert_eq!(Sketch::of(b"selon"), Sketch::of(b"selon"));
        assert!(Sketch::of("🗣🗣🗣🗣".as_bytes()).is_whole());
        assert!(!Sketch::of("🗣🗣🗣🗣🗣".as_bytes()).is_whole());
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
    fn every_token_gets_its_folded_word() {
        use crate::document::{Document, Format};
        let doc = Document::new(
            "L’Élysée a dit : « non ». 🗣 Jean-Pierre\u{a0}Dupont l'ÉTAT".to_string(),
            Format::PlainText,
            None,
        );
        let words = Words::of(&doc);
        let listed: Vec<&str> = (0..words.folded.len())
            .map(|t| words.folded.get(t))
            .collect();
        assert_eq!(listed.len(), doc.tokens.len());
        assert_eq!(listed.len(), words.folded.len());
        for (token, word) in listed.iter().enumerate() {
            assert_eq!(*word, words.word(token));
            assert_eq!(*word, fold(words.raw(token)));
        }
        assert_eq!(listed.first(), Some(&"l'elysee"));
        assert_eq!(Folded::default().len(), 0);
        assert_eq!(Folded::default().distinct(), 0);
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
