//! Near-miss search over an fst: a Levenshtein automaton evaluated lazily, one row of the
//! edit-distance table per byte, so that it costs nothing to build (fst's own Levenshtein
//! automaton builds a full DFA up front, milliseconds for two edits) and counts a transposition
//! of two letters as one edit, the commonest slip ("Macorn", "Zaïosmki").

use fst::Automaton;

/// Keys within `distance` edits (insertions, deletions, substitutions, transpositions of
/// adjacent bytes) of `query`, and with its first byte: a slip seldom hits the first letter,
/// and holding it prunes most of the index at the first step.
pub struct NearKeys<'a> {
    query: &'a [u8],
    distance: u8,
}

impl<'a> NearKeys<'a> {
    pub fn new(query: &'a str, distance: u8) -> NearKeys<'a> {
        NearKeys {
            query: query.as_bytes(),
            distance,
        }
    }
}

/// The last two rows of the table and the last byte read; `None` once no key can match.
#[derive(Clone)]
pub struct Rows {
    current: Vec<u8>,
    previous: Vec<u8>,
    last: Option<u8>,
}

impl Automaton for NearKeys<'_> {
    type State = Option<Rows>;

    fn start(&self) -> Option<Rows> {
        let n = self.query.len();
        Some(Rows {
            current: (0..=n).map(|i| i.min(255) as u8).collect(),
            previous: Vec::new(),
            last: None,
        })
    }

    fn is_match(&self, state: &Option<Rows>) -> bool {
        state
            .as_ref()
            .and_then(|rows| rows.current.last())
            .is_some_and(|&d| d <= self.distance)
    }

    fn can_match(&self, state: &Option<Rows>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<Rows>, byte: u8) -> Option<Rows> {
        let rows = state.as_ref()?;
        let q = self.query;
        if rows.last.is_none() && q.first() != Some(&byte) {
            return None;
        }
        let mut next = Vec::with_capacity(rows.current.len());
        next.push(rows.current[0].saturating_add(1));
        for j in 1..=q.len() {
            let cost = u8::from(q[j - 1] != byte);
            let mut best = (rows.current[j].saturating_add(1))
                .min(next[j - 1].saturating_add(1))
                .min(rows.current[j - 1].saturating_add(cost));
            if j > 1 && rows.last == Some(q[j - 1]) && byte == q[j - 2] && !rows.previous.is_empty()
            {
                best = best.min(rows.previous[j - 2].saturating_add(1));
            }
            next.push(best);
        }
        if next.iter().min().is_none_or(|&d| d > self.distance) {
            return None;
        }
        Some(Rows {
            previous: rows.current.clone(),
            current: next,
            last: Some(byte),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn near(words: &[&str], query: &str, distance: u8) -> Vec<String> {
        let set = Set::from_iter(words.iter().copied()).unwrap();
        let mut stream = set.search(NearKeys::new(query, distance)).into_stream();
        let mut out = Vec::new();
        while let Some(key) = stream.next() {
            out.push(String::from_utf8(key.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn finds_substitutions_insertions_deletions_and_transpositions() {
        let words = ["macron", "maduro", "peskov", "zaiomski"];
        assert_eq!(near(&words, "macorn", 1), ["macron"]);
        assert_eq!(near(&words, "zaiosmki", 1), ["zaiomski"]);
        assert_eq!(near(&words, "madur", 1), ["maduro"]);
        assert_eq!(near(&words, "peskovv", 1), ["peskov"]);
        assert_eq!(near(&words, "pestov", 1), ["peskov"]);
        assert!(
            near(&words, "baduro", 1).is_empty(),
            "the first letter holds"
        );
        assert!(near(&words, "putin", 1).is_empty());
    }
}
