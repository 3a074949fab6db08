//! Segmentation of prose into quotations, sentences and word tokens, all as byte spans of the
//! source.

use crate::text::{is_apostrophe, is_hyphen, is_latin1_letter, is_space, is_word_char};
use std::ops::Range;
use std::sync::LazyLock;

/// A block of prose: a paragraph, a heading, a list item or a table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Range<usize>,
    /// Indices of its sentences in [`crate::Document::sentences`].
    pub sentences: Range<usize>,
}

/// A sentence, with the indices of its tokens in [`crate::Document::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub paragraph: usize,
    pub tokens: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

/// A word ("Chtchétinine", "Jean-Pierre", "l’armée", "An-124") or a number ("35", "1,5").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    pub kind: TokenKind,
}

/// A quotation mark pair: `span` runs from the opening mark to the end of the closing mark,
/// `inner` is what the marks enclose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotePair {
    pub span: Range<usize>,
    pub inner: Range<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Guillemet,
    Curly,
    Straight,
    Single,
}

/// Finds the quotation mark pairs in `text[range]`: « », “ ”, „ “, ‹ ›, " ", and a “ closed by
/// another “ as some sites print. Marks that never close are ignored. A » that opens a paragraph
/// with nothing open is the French continuation mark of a quotation running over paragraphs.
pub fn quote_pairs(text: &str, range: Range<usize>) -> Vec<QuotePair> {
    let mut open: Vec<(Mark, usize, usize)> = Vec::new();
    let mut pairs = Vec::new();
    let slice = &text[range.clone()];
    let first_visible = slice.len() - slice.trim_start_matches(is_space).len();
    // Every mark is '"' or starts with the lead byte 0xC2 (« ») or 0xE2 (“ ” „ ‹ ›): the other
    // bytes are skipped unread.
    for index in memchr::memchr3_iter(b'"', 0xC2, 0xE2, slice.as_bytes()) {
        let Some(c) = slice[index..].chars().next() else {
            continue;
        };
        let at = range.start + index;
        let mut close = |mark: Mark, open: &mut Vec<(Mark, usize, usize)>| {
            if let Some(depth) = open.iter().rposition(|&(m, _, _)| m == mark) {
                let (_, start, mark_len) = open[depth];
                open.truncate(depth);
                pairs.push(QuotePair {
                    span: start..at + c.len_utf8(),
                    inner: start + mark_len..at,
                });
            }
        };
        match c {
            '«' => open.push((Mark::Guillemet, at, c.len_utf8())),
            '»' if index == first_visible && open.is_empty() => {
                open.push((Mark::Guillemet, at, c.len_utf8()))
            }
            '»' => close(Mark::Guillemet, &mut open),
            '“' if open.last().is_some_and(|&(m, _, _)| m == Mark::Curly)
                && in_closing_position(
                    slice[..index].chars().next_back(),
                    slice[index + c.len_utf8()..].chars().next(),
                ) =>
            {
                close(Mark::Curly, &mut open)
            }
            '“' | '„' => open.push((Mark::Curly, at, c.len_utf8())),
            '”' => close(Mark::Curly, &mut open),
            '"' if open.iter().any(|&(m, _, _)| m == Mark::Straight) => {
                close(Mark::Straight, &mut open)
            }
            '"' => open.push((Mark::Straight, at, 1)),
            '‹' => open.push((Mark::Single, at, c.len_utf8())),
            '›' => close(Mark::Single, &mut open),
            _ => {}
        }
    }
    pairs.sort_by_key(|pair| pair.span.start);
    pairs
}

fn in_closing_position(previous: Option<char>, next: Option<char>) -> bool {
    let after_text = previous.is_some_and(|p| !is_space(p));
    let before_break = next.is_none_or(|n| is_space(n) || n.is_ascii_punctuation() || n == '…');
    after_text && before_break
}

/// Abbreviations after which a period does not end a sentence: titles, initials are handled
/// apart. Case matters ("M." is "Monsieur", "m." a metre).
const ABBREVIATIONS: &[&str] = &[
    // French
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste", "Sts", "Gal",
    "Gén", "gén", "Col", "col", "Cdt", "Cne", "Lt", "Sgt", "cf", "Cf", "env", "av", "apr", "J.-C",
    "vol", "éd", "Cie", "Sté", "art", "chap", "fig", "janv", "févr", "avr", "juil", "sept", "oct",
    "nov", "déc", "p", "pp", "n", "no", "No", "tél", "Tél", "hab", // English
    "Mr", "Mrs", "Ms", "Messrs", "Prof", "Jr", "Sr", "Gen", "Capt", "Cpt", "Gov", "Sen", "Rep",
    "Rev", "Hon", "Lieut", "Sgt", "Adm", "Brig", "Maj", "Cmdr", "Supt", "vs", "Vs", "approx",
    "Inc", "Ltd", "Co", "Corp", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "e.g", "i.e", "a.m", "p.m", "Ft", "Mt", "Nos", "Fig", "Dept", "Univ",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '“' | '"' | '’' | ')' | ']' | '›')
}

/// Splits `text[range]` (one paragraph) into sentences. Never splits inside a quotation, after a
/// title ("M.", "Mme", "Dr") or an initial ("V. Poutine").
pub fn split_sentences(text: &str, range: Range<usize>, quotes: &[QuotePair]) -> Vec<Range<usize>> {
    let boundaries = quote_depth_changes(quotes);
    let mut passed = 0;
    let mut depth = 0i32;
    let mut sentences = Vec::new();
    let mut start = range.start;
    for at in terminals(text, range.clone()) {
        let mark = char_at(text, at);
        while let Some(&(_, change)) = boundaries.get(passed).filter(|&&(offset, _)| offset <= at) {
            depth += change;
            passed += 1;
        }
        if depth == 0 {
            if let Some(next_start) = sentence_break_after(text, range.clone(), at, mark) {
                sentences.push(start..next_start);
                start = next_start;
            }
        }
    }
    sentences.push(start..range.end);
    sentences
        .into_iter()
        .filter_map(|span| trim(text, span))
        .collect()
}

/// The offsets of the terminal marks (. ! ? …) in `text[range]`, in order. "…" starts with the
/// byte 0xE2, like the typographic apostrophe and quotation marks: the bytes after tell them
/// apart.
fn terminals(text: &str, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let bytes = &text.as_bytes()[range.clone()];
    let mut ascii = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    let mut ellipses = memchr::memchr_iter(0xE2, bytes)
        .filter(move |&i| bytes[i..].starts_with("…".as_bytes()))
        .peekable();
    std::iter::from_fn(move || {
        let next = match (ascii.peek(), ellipses.peek()) {
            (Some(a), Some(e)) if e < a => ellipses.next(),
            (Some(_), _) => ascii.next(),
            (None, _) => ellipses.next(),
        };
        next.map(|i| range.start + i)
    })
}

/// The char that starts at `at`, a char boundary before the end of `text`.
fn char_at(text: &str, at: usize) -> char {
    match text.as_bytes()[at] {
        byte if byte.is_ascii() => byte as char,
        _ => text[at..].chars().next().unwrap_or(' '),
    }
}

/// Where the next sentence starts when the terminal `mark` at `at` ends one in the paragraph
/// `text[paragraph]`.
fn sentence_break_after(
    text: &str,
    paragraph: Range<usize>,
    at: usize,
    mark: char,
) -> Option<usize> {
    if mark == '.' && is_abbreviation_or_initial(text, at) {
        return None;
    }
    let after = &text[at + mark.len_utf8()..paragraph.end];
    let marks = after.trim_start_matches(|c| is_terminal(c) || is_closing(c));
    let rest = marks.trim_start_matches(is_space);
    let next = rest.chars().next()?;
    let next_at = paragraph.end - rest.len();
    if rest.len() < marks.len() {
        let starts_sentence = !next.is_lowercase() && !matches!(next, ',' | ';' | ':' | ')' | ']');
        return starts_sentence.then_some(next_at);
    }
    // "américaines“.Interrogé": a missing space after a period, before a capitalised word.
    let before = &text[paragraph.start..at];
    let glued_after_word = before
        .chars()
        .next_back()
        .is_some_and(|b| b.is_lowercase() || is_closing(b));
    let mut word = rest.chars().skip(1);
    let capitalised_word = next.is_uppercase() && word.next().is_some_and(char::is_lowercase);
    (mark == '.'
        && marks.len() == after.len()
        && glued_after_word
        && capitalised_word
        && !glued_before_period(before))
    .then_some(next_at)
}

/// "U.S.A" or "www.Site": a period inside a dotted word is not glued prose.
fn glued_before_period(before: &str) -> bool {
    before
        .chars()
        .rev()
        .take_while(|&c| !is_space(c))
        .any(|c| c == '.')
}

fn is_abbreviation_or_initial(text: &str, period: usize) -> bool {
    let word_start = text[..period]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || c == '.' || is_hyphen(c))
        .last()
        .map_or(period, |(i, _)| i);
    let word = &text[word_start..period];
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    let is_initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    is_initial || is_abbreviation(word) || is_dotted_initials(word)
}

/// Whether `word` is one of [`ABBREVIATIONS`], found by halving a sorted copy of them rather than
/// comparing with each (a long article has thousands of periods).
fn is_abbreviation(word: &str) -> bool {
    static SORTED: LazyLock<Vec<&str>> = LazyLock::new(|| {
        let mut sorted = ABBREVIATIONS.to_vec();
        sorted.sort_unstable();
        sorted
    });
    SORTED.binary_search(&word).is_ok()
}

/// "J.-C", "U.S", "e.g": letters separated by periods.
fn is_dotted_initials(word: &str) -> bool {
    word.contains('.') && word.split(['.', '-']).all(|part| part.chars().count() <= 1)
}

fn quote_depth_changes(quotes: &[QuotePair]) -> Vec<(usize, i32)> {
    let mut changes: Vec<(usize, i32)> = quotes
        .iter()
        .flat_map(|q| [(q.inner.start, 1), (q.inner.end, -1)])
        .collect();
    changes.sort();
    changes
}

fn trim(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[span.clone()];
    let leading = slice.len() - slice.trim_start_matches(is_space).len();
    let trailing = slice.len() - slice.trim_end_matches(is_space).len();
    let trimmed = span.start + leading..span.end - trailing;
    (trimmed.start < trimmed.end).then_some(trimmed)
}

/// The word and number tokens of `text[range]`. Hyphens and apostrophes between letters stay
/// inside a token; so do "." and "," between digits.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, range, &mut tokens);
    tokens
}

/// [`tokenize`], adding the tokens to `tokens`.
pub fn tokenize_into(text: &str, range: Range<usize>, tokens: &mut Vec<Token>) {
    let bytes = text.as_bytes().get(..range.end).unwrap_or_default();
    // The token being read: where it starts, and whether it has only digits so far.
    let mut current: Option<(usize, bool)> = None;
    // What joins() asks of the char before.
    let (mut after_word, mut after_digit) = (false, false);
    let mut at = range.start;
    while let Some(&byte) = bytes.get(at) {
        let class = BYTE_CLASSES[usize::from(byte)];
        if class == STARTS_WORD_RUN {
            let (length, digits) = ascii_word_run(&bytes[at..]);
            match &mut current {
                Some((_, all_digits)) => *all_digits &= digits,
                None => current = Some((at, digits)),
            }
            at += length;
            (after_word, after_digit) = (true, bytes[at - 1].is_ascii_digit());
            continue;
        }
        if class == ENDS_TOKEN {
            if let Some((start, all_digits)) = current.take() {
                tokens.push(token(start..at, all_digits));
            }
            (after_word, after_digit) = (false, false);
            at += 1;
            continue;
        }
        if byte == 0xC3
            && bytes
                .get(at + 1)
                .is_some_and(|&low| low != 0x97 && low != 0xB7)
        {
            // À to ÿ but × and ÷ (0xC3 then a byte): the letters of Latin-1, none a digit.
            match &mut current {
                Some((_, all_digits)) => *all_digits = false,
                None => current = Some((at, false)),
            }
            (after_word, after_digit) = (true, false);
            at += 2;
            continue;
        }
        let c = char_at(text, at);
        let next_at = at + c.len_utf8();
        if !c.is_ascii() && is_word_char(c) {
            let digit = !is_latin1_letter(c) && c.is_numeric();
            match &mut current {
                Some((_, all_digits)) => *all_digits &= digit,
                None => current = Some((at, digit)),
            }
            (after_word, after_digit) = (true, c.is_ascii_digit());
        } else {
            if let Some((start, all_digits)) = current {
                let next = || text[next_at..range.end].chars().next().unwrap_or(' ');
                if !joins(after_word, after_digit, c, next) {
                    tokens.push(token(start..at, all_digits));
                    current = None;
                }
            }
            (after_word, after_digit) = (false, false);
        }
        at = next_at;
    }
    if let Some((start, all_digits)) = current {
        tokens.push(token(start..range.end, all_digits));
    }
}

/// How the tokenizer takes a byte: an ASCII letter or digit starts a run of them; a space or an
/// ASCII mark that never joins (all but - ' . ,) ends the token, as joins() would say; any other
/// byte is read as the start of a char.
static BYTE_CLASSES: [u8; 256] = {
    let mut classes = [READ_AS_CHAR; 256];
    let mut byte = 0u8;
    while byte < 0x80 {
        classes[byte as usize] = if byte.is_ascii_alphanumeric() {
            STARTS_WORD_RUN
        } else if matches!(byte, b'-' | b'\'' | b'.' | b',') {
            READ_AS_CHAR
        } else {
            ENDS_TOKEN
        };
        byte += 1;
    }
    classes
};
const READ_AS_CHAR: u8 = 0;
const STARTS_WORD_RUN: u8 = 1;
const ENDS_TOKEN: u8 = 2;

/// The length of the run of ASCII letters and digits that starts `bytes`, and whether it holds
/// only digits (a run that starts with a letter is not read twice: `all` stops there).
fn ascii_word_run(bytes: &[u8]) -> (usize, bool) {
    let length = ascii_alphanumeric_len(bytes);
    (length, bytes[..length].iter().all(u8::is_ascii_digit))
}

/// The length of the run of ASCII letters and digits that starts `bytes`, eight bytes classified
/// at a time: most words end within the first eight.
fn ascii_alphanumeric_len(bytes: &[u8]) -> usize {
    let mut length = 0;
    while let Some(chunk) = bytes.get(length..length + 8) {
        let eight = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let stops = !ascii_alphanumeric(eight) & HIGH_BITS;
        if stops != 0 {
            // Bytes are numbered from the low end (little endian).
            return length + stops.trailing_zeros() as usize / 8;
        }
        length += 8;
    }
    let rest = &bytes[length..];
    length
        + rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count()
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = LOW_BITS * 0x80;

/// For eight bytes, the high bit of each that is an ASCII letter or digit.
fn ascii_alphanumeric(bytes: u64) -> u64 {
    let ascii = !bytes & HIGH_BITS;
    let low = bytes & (LOW_BITS * 0x7F);
    let digit = in_range(low, b'0', b'9');
    let letter = in_range(low | (LOW_BITS * 0x20), b'a', b'z');
    (digit | letter) & ascii
}

/// The high bit of each byte of `bytes` (each below 0x80) that lies in `low..=high`; no sum
/// carries into the next byte, since each stays below 0x100.
fn in_range(bytes: u64, low: u8, high: u8) -> u64 {
    let at_least_low = bytes + LOW_BITS * u64::from(0x80 - low);
    let above_high = bytes + LOW_BITS * u64::from(0x7F - high);
    at_least_low & !above_high & HIGH_BITS
}

fn token(span: Range<usize>, all_digits: bool) -> Token {
    let kind = if all_digits {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    Token { span, kind }
}

/// Whether `c`, after a word char (a digit) or not, and before `next`, stays inside a token.
fn joins(after_word: bool, after_digit: bool, c: char, next: impl Fn() -> char) -> bool {
    if is_hyphen(c) || is_apostrophe(c) {
        return after_word && is_word_char(next());
    }
    matches!(c, '.' | ',') && after_digit && next().is_ascii_digit()
}

/// The segmentation as it was first written, char by char: the reference the byte-level code
/// above must agree with.
#[cfg(test)]
mod reference {
    use super::{
        in_closing_position, is_abbreviation_or_initial, is_closing, is_terminal,
        quote_depth_changes, trim, Mark, QuotePair, Token, TokenKind,
    };
    use crate::text::{is_apostrophe, is_hyphen, is_space, is_word_char};
    use std::ops::Range;

    pub(super) fn quote_pairs(text: &str, range: Range<usize>) -> Vec<QuotePair> {
        let mut open: Vec<(Mark, usize, usize)> = Vec::new();
        let mut pairs = Vec::new();
        let slice = &text[range.clone()];
        let first_visible = slice
            .char_indices()
            .find(|&(_, c)| !is_space(c))
            .map(|(i, _)| i);
        let mut previous: Option<char> = None;
        let mut chars = slice.char_indices().peekable();
        while let Some((index, c)) = chars.next() {
            let at = range.start + index;
            let next = chars.peek().map(|&(_, n)| n);
            let mut close = |mark: Mark, open: &mut Vec<(Mark, usize, usize)>| {
                if let Some(depth) = open.iter().rposition(|&(m, _, _)| m == mark) {
                    let (_, start, mark_len) = open[depth];
                    open.truncate(depth);
                    pairs.push(QuotePair {
                        span: start..at + c.len_utf8(),
                        inner: start + mark_len..at,
                    });
                }
            };
            match c {
                '«' => open.push((Mark::Guillemet, at, c.len_utf8())),
                '»' if Some(index) == first_visible && open.is_empty() => {
                    open.push((Mark::Guillemet, at, c.len_utf8()))
                }
                '»' => close(Mark::Guillemet, &mut open),
                '“' if open.last().is_some_and(|&(m, _, _)| m == Mark::Curly)
                    && in_closing_position(previous, next) =>
                {
                    close(Mark::Curly, &mut open)
                }
                '“' | '„' => open.push((Mark::Curly, at, c.len_utf8())),
                '”' => close(Mark::Curly, &mut open),
                '"' if open.iter().any(|&(m, _, _)| m == Mark::Straight) => {
                    close(Mark::Straight, &mut open)
                }
                '"' => open.push((Mark::Straight, at, 1)),
                '‹' => open.push((Mark::Single, at, c.len_utf8())),
                '›' => close(Mark::Single, &mut open),
                _ => {}
            }
            previous = Some(c);
        }
        pairs.sort_by_key(|pair| pair.span.start);
        pairs
    }

    pub(super) fn split_sentences(
        text: &str,
        range: Range<usize>,
        quotes: &[QuotePair],
    ) -> Vec<Range<usize>> {
        let mut boundaries = quote_depth_changes(quotes);
        boundaries.reverse();
        let mut depth = 0i32;
        let mut sentences = Vec::new();
        let mut start = range.start;
        let slice = &text[range.clone()];
        let chars: Vec<(usize, char)> = slice
            .char_indices()
            .map(|(i, c)| (range.start + i, c))
            .collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            while boundaries.last().is_some_and(|&(offset, _)| offset <= at) {
                depth += boundaries.pop().map_or(0, |(_, change)| change);
            }
            if depth == 0 && is_terminal(c) {
                if let Some(next_start) = sentence_break_after(text, &chars, i) {
                    sentences.push(start..next_start);
                    start = next_start;
                }
            }
            i += 1;
        }
        sentences.push(start..range.end);
        sentences
            .into_iter()
            .filter_map(|span| trim(text, span))
            .collect()
    }

    fn sentence_break_after(text: &str, chars: &[(usize, char)], i: usize) -> Option<usize> {
        let (at, mark) = chars[i];
        if mark == '.' && is_abbreviation_or_initial(text, at) {
            return None;
        }
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closing(chars[j].1)) {
            j += 1;
        }
        let mut spaced = false;
        while j < chars.len() && is_space(chars[j].1) {
            spaced = true;
            j += 1;
        }
        let &(next_at, next) = chars.get(j)?;
        if spaced {
            let starts_sentence =
                !next.is_lowercase() && !matches!(next, ',' | ';' | ':' | ')' | ']');
            return starts_sentence.then_some(next_at);
        }
        // "américaines“.Interrogé": a missing space after a period, before a capitalised word.
        let before = i.checked_sub(1).map(|k| chars[k].1);
        let glued_after_word = before.is_some_and(|b| b.is_lowercase() || is_closing(b));
        let capitalised_word =
            next.is_uppercase() && chars.get(j + 1).is_some_and(|&(_, c)| c.is_lowercase());
        (mark == '.'
            && j == i + 1
            && glued_after_word
            && capitalised_word
            && !glued_before_period(chars, i))
        .then_some(next_at)
    }

    fn glued_before_period(chars: &[(usize, char)], i: usize) -> bool {
        chars[..i]
            .iter()
            .rev()
            .take_while(|&&(_, c)| !is_space(c))
            .any(|&(_, c)| c == '.')
    }

    pub(super) fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
        let mut tokens = Vec::new();
        let slice = &text[range.clone()];
        let mut chars = slice.char_indices().peekable();
        let mut current: Option<(usize, bool)> = None;
        let mut previous = ' ';
        while let Some((index, c)) = chars.next() {
            let at = range.start + index;
            let next = chars.peek().map_or(' ', |&(_, n)| n);
            if is_word_char(c) {
                let is_digit = c.is_numeric();
                current = Some(match current {
                    Some((start, all_digits)) => (start, all_digits && is_digit),
                    None => (at, is_digit),
                });
            } else if current.is_some() && joins(previous, c, next) {
                // Stays inside the token.
            } else if let Some((start, all_digits)) = current.take() {
                tokens.push(Token {
                    span: start..at,
                    kind: if all_digits {
                        TokenKind::Number
                    } else {
                        TokenKind::Word
                    },
                });
            }
            previous = c;
        }
        if let Some((start, all_digits)) = current {
            tokens.push(Token {
                span: start..range.end,
                kind: if all_digits {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
            });
        }
        tokens
    }

    fn joins(previous: char, c: char, next: char) -> bool {
        if is_hyphen(c) || is_apostrophe(c) {
            return is_word_char(previous) && is_word_char(next);
        }
        matches!(c, '.' | ',') && previous.is_ascii_digit() && next.is_ascii_digit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let quotes = quote_pairs(text, 0..text.len());
        split_sentences(text, 0..text.len(), &quotes)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            sentences("Est-ce une base militaire? S'il est vrai. Oui !"),
            ["Est-ce une base militaire?", "S'il est vrai.", "Oui !"]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("M. Maduro a parlé à Mme Rosales et au Dr House. V. Poutine aussi."),
            [
                "M. Maduro a parlé à Mme Rosales et au Dr House.",
                "V. Poutine aussi."
            ]
        );
        assert_eq!(
            sentences("Mr. Smith met Gen. Mattis."),
            ["Mr. Smith met Gen. Mattis."]
        );
    }

    #[test]
    fn every_abbreviation_and_no_other_word_is_found() {
        for word in ABBREVIATIONS {
            assert!(is_abbreviation(word), "{word}");
        }
        for word in [
            "", "m", "Mm", "Mmee", "janvier", "é", "Sgt.", "J.-C.", "pp ",
        ] {
            assert!(!is_abbreviation(word), "{word}");
        }
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            sentences("Des armes, etc. et des hommes."),
            ["Des armes, etc. et des hommes."]
        );
        assert_eq!(
            sentences("Des armes, etc. Puis rien."),
            ["Des armes, etc.", "Puis rien."]
        );
    }

    #[test]
    fn never_splits_inside_a_quotation() {
        let text = "« Parfois plus. Parfois moins. » a déclaré le diplomate. Fin.";
        assert_eq!(
            sentences(text),
            [
                "« Parfois plus. Parfois moins. » a déclaré le diplomate.",
                "Fin."
            ]
        );
        let same_mark = "“Nous irons. Ils viendront“ a-t-il dit. Fin.";
        assert_eq!(
            sentences(same_mark),
            ["“Nous irons. Ils viendront“ a-t-il dit.", "Fin."]
        );
    }

    #[test]
    fn splits_a_glued_sentence_after_a_quote() {
        assert_eq!(
            sentences("une attaque des “forces américaines“.Interrogé à ce sujet, il parle."),
            [
                "une attaque des “forces américaines“.",
                "Interrogé à ce sujet, il parle."
            ]
        );
        assert_eq!(sentences("Les U.S.A sont là."), ["Les U.S.A sont là."]);
    }

    #[test]
    fn unclosed_quotes_do_not_swallow_the_paragraph() {
        assert_eq!(
            sentences("Il dit « oui. Puis non."),
            ["Il dit « oui.", "Puis non."]
        );
    }

    #[test]
    fn quote_pairs_handle_same_mark_nesting_and_continuation() {
        let text = "“forces américaines“ et « il a dit “non” hier »";
        let pairs = quote_pairs(text, 0..text.len());
        let inner: Vec<&str> = pairs.iter().map(|p| &text[p.inner.clone()]).collect();
        assert_eq!(
            inner,
            ["forces américaines", " il a dit “non” hier ", "non"]
        );
        let continued = "» Et nous continuerons. »";
        assert_eq!(quote_pairs(continued, 0..continued.len()).len(), 1);
    }

    #[test]
    fn tokens_keep_hyphens_apostrophes_and_decimals() {
        let text = "L’Antonov An-124 de Jean-Pierre a transporté 1,5 tonne.";
        let words: Vec<&str> = tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| &text[t.span])
            .collect();
        assert_eq!(
            words,
            [
                "L’Antonov",
                "An-124",
                "de",
                "Jean-Pierre",
                "a",
                "transporté",
                "1,5",
                "tonne"
            ]
        );
    }

    #[test]
    fn numbers_are_told_from_words() {
        let text = "35 tonnes";
        let kinds: Vec<TokenKind> = tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, [TokenKind::Number, TokenKind::Word]);
    }

    /// Pieces of prose where segmentation decides something: marks of every kind, spaces of
    /// every kind, apostrophes, hyphens, titles, initials, numbers, accents and emoji.
    const PIECES: &[&str] = &[
        "a", "É", "é", "z", "7", "٣", "ǅ", " ", "\u{00A0}", "\u{202F}", "\u{FEFF}", "\n", ".", "!",
        "?", "…", ",", ";", ":", "'", "’", "ʼ", "‘", "-", "‐", "‑", "«", "»", "“", "”", "„", "\"",
        "‹", "›", ")", "]", "M", "Mme", "U.S", "etc", "Jean", "1,5", "🗣", "👇", "€", "—", "×", "÷",
        "À", "ÿ", "ß", "Octobre",
    ];

    fn prose(picks: &[usize]) -> String {
        picks
            .iter()
            .map(|&pick| PIECES[pick % PIECES.len()])
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn byte_level_segmentation_equals_the_reference(
            picks in proptest::collection::vec(0usize..1000, 0..60),
            before in 0usize..4,
            after in 0usize..4,
        ) {
            let text = prose(&picks);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let start = bounds[before.min(bounds.len() - 1)];
            let end = bounds[bounds.len() - 1 - after.min(bounds.len() - 1)].max(start);
            let range = start..end;
            let quotes = quote_pairs(&text, range.clone());
            proptest::prop_assert_eq!(&quotes, &reference::quote_pairs(&text, range.clone()));
            let sentences = split_sentences(&text, range.clone(), &quotes);
            proptest::prop_assert_eq!(
                &sentences,
                &reference::split_sentences(&text, range.clone(), &quotes)
            );
            for span in sentences.into_iter().chain([range]) {
                proptest::prop_assert_eq!(
                    tokenize(&text, span.clone()),
                    reference::tokenize(&text, span)
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_runs_read_eight_bytes_at_a_time_as_one_by_one(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            alphanumeric in proptest::collection::vec(0usize..62, 0..30),
        ) {
            const ALNUM: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
            let mut text: Vec<u8> = alphanumeric.iter().map(|&i| ALNUM[i]).collect();
            text.extend(bytes);
            let length = text.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let all_digits = text[..length].iter().all(u8::is_ascii_digit);
            proptest::prop_assert_eq!(ascii_word_run(&text), (length, all_digits));
        }
    }

    #[test]
    fn empty_and_space_only_prose_has_no_sentence_nor_token() {
        for text in ["", " \u{00A0}\u{202F}\u{FEFF} "] {
            assert!(sentences(text).is_empty(), "{text:?}");
            assert!(tokenize(text, 0..text.len()).is_empty());
            assert!(quote_pairs(text, 0..text.len()).is_empty());
        }
    }

    #[test]
    fn ellipsis_ends_a_sentence_and_other_three_byte_chars_do_not() {
        assert_eq!(
            sentences("Il attend… Puis rien — ni “oui”."),
            ["Il attend…", "Puis rien — ni “oui”."]
        );
    }

    #[test]
    fn tokens_around_no_break_spaces_typographic_apostrophes_and_emoji() {
        let text = "l’armée\u{00A0}d'Été 🗣Zaïomski‑Ivanov 3.5€ -x- ’a";
        let words: Vec<&str> = tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| &text[t.span])
            .collect();
        assert_eq!(
            words,
            ["l’armée", "d'Été", "Zaïomski‑Ivanov", "3.5", "x", "a"]
        );
    }
}
