//! Two words of a name written in both orders in one article: "Kuria Kimani" in the headline,
//! "Kimani Kuria" in the body. One order is wrong, whichever the gazetteer knows.

use super::names::{Names, Unit};
use crate::gazetteer::{Kind, Mention};
use std::collections::BTreeMap;
use std::ops::Range;

/// A pair of neighbouring name words, in the order written, with where it occurs.
struct Pair {
    spans: Vec<Range<usize>>,
    /// Whether the gazetteer knows the pair, as written, as (part of) a name.
    known: bool,
}

/// The pairs written in both orders, as (minority, majority): the order written less often is
/// the slip; on a tie, the one the gazetteer does not know, or else the later one.
pub(super) fn inversions(
    names: &Names,
    skip: &[Range<usize>],
) -> Vec<(Vec<Range<usize>>, Range<usize>)> {
    let pairs = pairs(names, skip);
    let mut found = Vec::new();
    for (&(first, second), pair) in &pairs {
        if first >= second {
            continue;
        }
        let Some(reversed) = pairs.get(&(second, first)) else {
            continue;
        };
        if pair.known && reversed.known {
            continue;
        }
        let score = |p: &Pair| (p.spans.len(), p.known, std::cmp::Reverse(p.spans[0].start));
        let (minority, majority) = if score(pair) < score(reversed) {
            (pair, reversed)
        } else {
            (reversed, pair)
        };
        found.push((minority.spans.clone(), majority.spans[0].clone()));
    }
    found.sort_by_key(|(spans, _)| spans[0].start);
    found
}

/// Every pair of capitalised name words side by side, separated by one space, keyed by their
/// folded words.
fn pairs<'a>(names: &'a Names, skip: &[Range<usize>]) -> BTreeMap<(&'a str, &'a str), Pair> {
    let mut pairs: BTreeMap<(&str, &str), Pair> = BTreeMap::new();
    for run in &names.runs {
        for window in run.units.windows(2) {
            let (a, b) = (&window[0], &window[1]);
            let span = a.span.start..b.span.end;
            if !is_name_word(names, a)
                || !is_name_word(names, b)
                || a.key == b.key
                || !is_one_space(names.text(a.span.end..b.span.start))
                || skip
                    .iter()
                    .any(|s| s.start < span.end && span.start < s.end)
            {
                continue;
            }
            let known = mention_covering(names, &span).is_some();
            let pair = pairs
                .entry((names.key(a.key), names.key(b.key)))
                .or_insert_with(|| Pair {
                    spans: Vec::new(),
                    known,
                });
            pair.known |= known;
            pair.spans.push(span);
        }
    }
    pairs
}

/// A word that may be part of a person's name: capitalised, not in capitals, not an ordinary
/// word, three letters or more, and not on its own the name of a place, organisation or outlet
/// ("France Allemagne" and "Allemagne France" are a match, not a name).
fn is_name_word(names: &Names, unit: &Unit) -> bool {
    let text = names.text(unit.span.clone());
    unit.capitalised
        && names.key(unit.key).chars().count() >= 3
        && text.chars().skip(1).any(char::is_lowercase)
        && !names.is_common(unit.key)
        && !mention_covering(names, &unit.span).is_some_and(|m| {
            m.span == unit.span
                && m.matches.iter().any(|&(id, _)| {
                    names
                        .entity(id)
                        .is_some_and(|(entity, _)| entity.kind != Kind::Person)
                })
        })
}

/// The known name that covers `span`, if any. Mentions come in text order and do not overlap.
fn mention_covering<'a>(names: &'a Names, span: &Range<usize>) -> Option<&'a Mention> {
    let after = names
        .mentions
        .partition_point(|m| m.span.start <= span.start);
    let mention = names.mentions[..after].last()?;
    (span.end <= mention.span.end).then_some(mention)
}

fn is_one_space(gap: &str) -> bool {
    let mut chars = gap.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c == ' ' || c == '\u{a0}')
}
