//! Frequent French and English words, to tell a name from an ordinary word that happens to be
//! capitalised (a sentence start, a month, a demonym).
//!
//! The lists are the most frequent words of each language in the `wordfreq` package, written by
//! `tools/common_words.py` into `data/common-words-*.txt`, and compiled into
//! `data/common-words.table` by a test.

use crate::sourcing::words::fold_token;
use std::borrow::Cow;

/// The lists folded into a hash table, generated from the lists by the test
/// `compiled_table_is_in_step_with_the_lists`: a table built at start-up cost more than the
/// lookups of a whole article.
static TABLE: &[u8] = include_bytes!("../data/common-words.table");

/// How the compiled table is laid out, all integers little-endian: the number of buckets `n`
/// (a power of two) as a u32, then `n + 1` u32 offsets into the entries, where bucket `b` holds
/// the entries from offset `b` to offset `b + 1`; then the entries, each a length byte, a byte
/// that is 1 when the French list has the word, and the folded word. A word is in the bucket of
/// its FNV-1a hash modulo `n`.
struct Table<'a> {
    offsets: &'a [u8],
    entries: &'a [u8],
    mask: u64,
}

impl<'a> Table<'a> {
    fn read(bytes: &'a [u8]) -> Option<Table<'a>> {
        let buckets = read_u32(bytes, 0)? as usize;
        let entries_at = 4 + 4 * (buckets + 1);
        Some(Table {
            offsets: bytes.get(4..entries_at)?,
            entries: bytes.get(entries_at..)?,
            mask: (buckets as u64).checked_sub(1)?,
        })
    }

    /// Whether a folded word is listed, and if so whether the French list has it.
    fn get(&self, folded: &str) -> Option<bool> {
        let bucket = (fnv1a(folded.as_bytes()) & self.mask) as usize;
        let start = read_u32(self.offsets, 4 * bucket)? as usize;
        let end = read_u32(self.offsets, 4 * bucket + 4)? as usize;
        let mut entries = self.entries.get(start..end)?;
        while let [length, french, rest @ ..] = entries {
            let (word, next) = rest.split_at_checked(usize::from(*length))?;
            if word == folded.as_bytes() {
                return Some(*french == 1);
            }
            entries = next;
        }
        None
    }
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether a folded word is listed, and if so whether the French list has it.
fn listed_word(folded: &str) -> Option<bool> {
    Table::read(TABLE)?.get(folded)
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
    listed_word(&folded(word)).is_some()
}

/// Whether a word (any case, with or without accents) is a common French or English word, or a
/// plural or feminine form of one.
pub fn is_common_word(word: &str) -> bool {
    let folded = folded(word);
    if listed_word(&folded).is_some() {
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
            .any(|ending| stem_of(ending).is_some_and(|stem| listed_word(stem) == Some(true)))
    };
    let english_plural = || {
        stem_of("s").is_some_and(|stem| listed_word(stem).is_some())
            || stem_of("es").is_some_and(|stem| {
                ["s", "x", "z", "ch", "sh"]
                    .iter()
                    .any(|end| stem.ends_with(end))
                    && listed_word(stem).is_some()
            })
    };
    french_inflection() || english_plural()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    static FRENCH: &str = include_str!("../data/common-words-fr.txt");
    static ENGLISH: &str = include_str!("../data/common-words-en.txt");

    fn listed(list: &'static str) -> impl Iterator<Item = Cow<'static, str>> {
        lines(list)
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .map(folded)
    }

    /// The lines of a text, as [`str::lines`] gives them.
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

    /// The table of the lists, laid out as [`Table`] reads it: each folded word once, French
    /// when the French list has it.
    fn compile() -> Vec<u8> {
        let mut words: HashMap<Cow<str>, bool> = HashMap::new();
        words.extend(listed(FRENCH).map(|word| (word, true)));
        for word in listed(ENGLISH) {
            words.entry(word).or_insert(false);
        }
        let mut words: Vec<(Cow<str>, bool)> = words.into_iter().collect();
        words.sort();
        let buckets = (words.len() / 2).next_power_of_two().max(1);
        let mut by_bucket: Vec<Vec<u8>> = vec![Vec::new(); buckets];
        for (word, french) in &words {
            let entries = &mut by_bucket[(fnv1a(word.as_bytes()) as usize) & (buckets - 1)];
            entries.push(u8::try_from(word.len()).expect("a listed word is short"));
            entries.push(u8::from(*french));
            entries.extend_from_slice(word.as_bytes());
        }
        let mut table = (buckets as u32).to_le_bytes().to_vec();
        let mut offset = 0u32;
        for entries in std::iter::once(&Vec::new()).chain(&by_bucket) {
            offset += entries.len() as u32;
            table.extend_from_slice(&offset.to_le_bytes());
        }
        table.extend(by_bucket.concat());
        table
    }

    /// The compiled table is generated from the lists; this test is the generator. Run it with
    /// `COPYDESK_BLESS=1` after editing a list to write the new table.
    #[test]
    fn compiled_table_is_in_step_with_the_lists() {
        let compiled = compile();
        if std::env::var_os("COPYDESK_BLESS").is_some() {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/common-words.table");
            std::fs::write(path, &compiled).expect("write the compiled table");
            return;
        }
        assert!(
            compiled == TABLE,
            "data/common-words.table is out of step with data/common-words-*.txt: run \
             `COPYDESK_BLESS=1 cargo test -p copydesk-core compiled_table_is_in_step` and commit it"
        );
    }

    #[test]
    fn every_listed_word_is_found_with_its_language() {
        for word in listed(FRENCH) {
            assert_eq!(listed_word(&word), Some(true), "{word}");
        }
        for word in listed(ENGLISH) {
            assert!(listed_word(&word).is_some(), "{word}");
        }
        assert_eq!(listed_word("however"), Some(false));
        assert_eq!(listed_word(""), None);
        assert_eq!(listed_word("zaiomski"), None);
    }

    #[test]
    fn a_broken_table_finds_nothing_and_never_panics() {
        for bytes in [
            &[][..],
            &[0, 0, 0, 0],
            &[2, 0, 0, 0, 9, 9, 9, 9],
            &[1, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0],
            &[1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 5, 1, b'l'],
            &TABLE[..100],
        ] {
            if let Some(table) = Table::read(bytes) {
                assert_eq!(table.get("le"), None);
            }
        }
    }

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
