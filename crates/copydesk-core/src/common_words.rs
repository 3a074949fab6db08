//! Frequent French and English words, to tell a name from an ordinary word that happens to be
//! capitalised (a sentence start, a month, a demonym).
//!
//! The lists are the most frequent words of each language in the `wordfreq` package, written by
//! `tools/common_words.py` into `data/common-words-*.txt`.

use crate::sourcing::cues::Fnv;
use crate::sourcing::words::fold_token;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

static FRENCH: &str = include_str!("../data/common-words-fr.txt");
static ENGLISH: &str = include_str!("../data/common-words-en.txt");

/// Each listed word, folded, and whether the French list has it. Most lines are folded already
/// and are borrowed as they are; FNV hashing and a table sized up front: the table is built on
/// every run and asked about every capitalised word.
type WordTable = HashMap<Cow<'static, str>, bool, BuildHasherDefault<Fnv>>;

static WORDS: LazyLock<WordTable> = LazyLock::new(|| {
    let capacity = [FRENCH, ENGLISH]
        .iter()
        .map(|list| list.bytes().filter(|&b| b == b'\n').count() + 1)
        .sum();
    let mut words = WordTable::with_capacity_and_hasher(capacity, Default::default());
    words.extend(listed(FRENCH).map(|word| (word, true)));
    for word in listed(ENGLISH) {
        words.entry(word).or_insert(false);
    }
    words
});

fn listed(list: &'static str) -> impl Iterator<Item = Cow<'static, str>> {
    lines(list)
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(folded)
}

/// The lines of a text, as [`str::lines`] gives them. That searches for each line break with a
/// call of its own, which cost more than all the rest of building the table.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(end) = rest.bytes().position(|b| b == b'\n') else {
            return Some(std::mem::take(&mut rest));
        };
        let line = &rest[..end];
        rest = &rest[end + 1..];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Endings of French plural and feminine forms, tried when a word is not in the lists itself:
/// "Vénézuéliens" is common because "vénézuélien" is.
const FRENCH_INFLECTIONS: &[&str] = &["s", "x", "e", "es", "ne", "nes", "nne", "nnes"];

fn folded(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold_token(word))
    }
}

/// Whether a word (any case, with or without accents) is itself in the lists of common French or
/// English words, inflections aside: "Tass" is not, though "tas" is.
pub fn is_listed_word(word: &str) -> bool {
    WORDS.contains_key(folded(word).as_ref())
}

/// Whether a word (any case, with or without accents) is a common French or English word, or a
/// plural or feminine form of one.
pub fn is_common_word(word: &str) -> bool {
    let folded = folded(word);
    if WORDS.contains_key(folded.as_ref()) {
        return true;
    }
    let stem_of = |ending: &str| {
        folded
            .strip_suffix(ending)
            .filter(|stem| stem.chars().count() >= 3)
    };
    let french_inflection = || {
        FRENCH_INFLECTIONS
            .iter()
            .any(|ending| stem_of(ending).is_some_and(|stem| WORDS.get(stem) == Some(&true)))
    };
    let english_plural = || {
        stem_of("s").is_some_and(|stem| WORDS.contains_key(stem))
            || stem_of("es").is_some_and(|stem| {
                ["s", "x", "z", "ch", "sh"]
                    .iter()
                    .any(|end| stem.ends_with(end))
                    && WORDS.contains_key(stem)
            })
    };
    french_inflection() || english_plural()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_words_months_weekdays_and_demonyms_are_common() {
        for word in [
            "Le",
            "Selon",
            "Janvier",
            "mardi",
            "Vénézuéliens",
            "Américaine",
            "The",
            "However",
            "Monday",
            "Russians",
            "président",
        ] {
            assert!(is_common_word(word), "{word}");
        }
    }

    #[test]
    fn lines_are_split_as_str_lines_does() {
        for text in [
            "",
            "a",
            "a\n",
            "a\n\nb",
            "a\r\nb\r\n",
            "a\rb\r",
            "\n\n",
            "é\nü",
        ] {
            assert!(lines(text).eq(text.lines()), "{text:?}");
        }
    }

    #[test]
    fn listed_words_leave_inflections_out() {
        assert!(is_listed_word("Union") && is_listed_word("Nato"));
        assert!(is_common_word("Tass") && !is_listed_word("Tass"));
        assert!(!is_listed_word("Irna"));
    }

    #[test]
    fn rare_names_are_not_common() {
        for word in [
            "Chtchétinine",
            "Peskov",
            "Zaïomski",
            "Corostion",
            "Nicolos",
            "Rostec",
            "Gutteres",
        ] {
            assert!(!is_common_word(word), "{word}");
        }
    }
}
