use super::names::{is_near, KeyId, Names, Unit};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::gazetteer::{EntityId, FormKind};
use crate::rules::Rule;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

declare_rule! {
    /// One name spelt two ways in the same article.
    ///
    /// ## What it finds
    /// A name written one way here and a slightly different way there, whether or not the
    /// gazetteer knows it: "Zaïomski" … "Zaïosmki", "Raïssi" … "Raïsi", "Erdoğan" … "Erdogan";
    /// and two names written in both orders: "Kuria Kimani" … "Kimani Kuria".
    /// The less frequent spelling is flagged (on a tie, the one the gazetteer does not know, or
    /// else the later one), with the other as a related place.
    ///
    /// ## Why it matters
    /// At least one of the two spellings is wrong, and readers notice; an article must hold to
    /// one spelling of a name.
    ///
    /// ## Example
    /// "L'ambassadeur Vladimir Zaïomski … selon Zaïosmki" → "selon Zaïomski".
    ///
    /// ## Never flags
    /// Two names the gazetteer knows as distinct entities; feminine or plural forms
    /// ("Zakharov"/"Zakharova", "Kowalski"/"Kowalska", "Vénézuélien"/"Vénézuéliens") and the
    /// adjective of a place ("Qatar"/"Qatari", "Kashmir"/"Kashmiri", "Kenya"/"Kenyan"); names
    /// further apart than a slip (two edits at most, one for names up to eight letters); names
    /// with different first letters; short names; ordinary words; names whose neighbours show
    /// two different people ("Mohamed Ali" and "Mohammed Salah"); words in capitals. For the
    /// order of two names: both orders known to the gazetteer as names; a word that is on its own
    /// a place, organisation or outlet ("France Allemagne", "Allemagne France").
    ///
    /// ## Fix
    /// Suggests the other spelling. Not applied without review: the journalist knows which one
    /// is right.
    pub struct Inconsistent;
    code = "entity/inconsistent";
    severity = Warning;
}

impl Rule for Inconsistent {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let names = Names::of(ctx.doc, &ctx.config.gazetteer);
        let misspelled: Vec<Range<usize>> = names
            .misspellings(super::misspelled::findings)
            .iter()
            .map(|d| d.span.clone())
            .collect();
        let mut spellings = spellings(&names, &misspelled);
        spellings.sort_by_key(|s| (s.key.chars().next(), s.key.len(), s.spans[0].start));
        let mut flagged = HashSet::new();
        for (i, a) in spellings.iter().enumerate() {
            let candidates = spellings[i + 1..].iter().take_while(|b| {
                b.key.chars().next() == a.key.chars().next() && b.key.len() <= a.key.len() + 3
            });
            for b in candidates {
                if !are_two_spellings_of_one_name(a, b) {
                    continue;
                }
                let (minority, majority) = if a.score() < b.score() {
                    (a, b)
                } else {
                    (b, a)
                };
                if !flagged.insert(minority.written.as_str()) {
                    continue;
                }
                out.extend(report(
                    &names,
                    &minority.spans,
                    majority.spans[0].clone(),
                    Difference::Spelling,
                ));
            }
        }
        for (spans, other) in super::word_order::inversions(&names, &misspelled) {
            out.extend(report(&names, &spans, other, Difference::Order));
        }
    }
}

/// One spelling of a word in the article, with where it occurs; its key and neighbours borrow
/// the article's name analysis.
struct Spelling<'a> {
    /// Lowercase, diacritics kept: "zaïomski".
    written: String,
    key: &'a str,
    /// The entities the spelling is a form of.
    entities: Vec<EntityId>,
    /// The spelling is, as written, a word of another language's form of its entity
    /// ("Sudan" in a French article that also says "Soudan"): a translation, not a slip.
    foreign: bool,
    known: bool,
    spans: Vec<Range<usize>>,
    /// For each occurrence, the other name words around it ("vladimir"), sorted.
    neighbours: Vec<Vec<KeyId>>,
}

impl Spelling<'_> {
    /// Which spelling wins: more occurrences, then known to the gazetteer, then earlier.
    fn score(&self) -> (usize, bool, std::cmp::Reverse<usize>) {
        (
            self.spans.len(),
            self.known,
            std::cmp::Reverse(self.spans[0].start),
        )
    }
}

/// What a unit's text is to [`spellings`]: worked out once per text as written.
#[derive(Clone, Copy)]
enum Role {
    /// Too short, in capitals, or an ordinary word.
    Ignored,
    /// The index of its spelling, among the distinct lowercase spellings.
    Spelling(usize),
}

/// The distinct spellings of capitalised words that may be names. Pairs are only looked for
/// among spellings with the same first letter and close lengths, as a slip keeps both.
fn spellings<'a>(names: &'a Names, skip: &[Range<usize>]) -> Vec<Spelling<'a>> {
    let mut found: Vec<Spelling> = Vec::new();
    let mut by_written: HashMap<String, Role> = HashMap::new();
    let mut roles: Vec<Option<Role>> = vec![None; names.spellings];
    for run in &names.runs {
        // Most runs hold no spelling worth keeping: their name words are looked for only when
        // one does.
        let mut words: Option<Vec<KeyId>> = None;
        for unit in &run.units {
            if !unit.capitalised || is_inside(skip, &unit.span) {
                continue;
            }
            let role = *roles[unit.spelling as usize]
                .get_or_insert_with(|| role(names, unit, &mut by_written, &mut found));
            let Role::Spelling(index) = role else {
                continue;
            };
            let spelling = &mut found[index];
            spelling.spans.push(unit.span.clone());
            let words = words.get_or_insert_with(|| name_words(names, &run.units));
            spelling.neighbours.push(neighbours_of(words, unit.key));
        }
    }
    found
}

/// The role of a capitalised unit's text, making its spelling when it is the first of it.
fn role<'a>(
    names: &'a Names,
    unit: &Unit,
    by_written: &mut HashMap<String, Role>,
    found: &mut Vec<Spelling<'a>>,
) -> Role {
    let text = names.text(unit.span.clone());
    let key = names.key(unit.key);
    let all_caps = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if all_caps || key.chars().count() < 5 {
        return Role::Ignored;
    }
    let written = text.to_lowercase();
    if let Some(&role) = by_written.get(&written) {
        return role;
    }
    let entities = names.gazetteer.lookup(key);
    let known = !entities.is_empty();
    let role = if !known && names.is_common(unit.key) {
        Role::Ignored
    } else {
        found.push(Spelling {
            written: written.clone(),
            key,
            foreign: is_foreign_word(names, &entities, &written),
            entities,
            known,
            spans: Vec::new(),
            neighbours: Vec::new(),
        });
        Role::Spelling(found.len() - 1)
    };
    by_written.insert(written, role);
    role
}

/// Whether `span` lies inside one of `spans` (sorted by start, not overlapping).
fn is_inside(spans: &[Range<usize>], span: &Range<usize>) -> bool {
    let index = spans.partition_point(|s| s.end <= span.start);
    spans
        .get(index)
        .is_some_and(|s| s.start <= span.start && span.end <= s.end)
}

/// The keys of a run's capitalised words that are no ordinary words.
fn name_words(names: &Names, units: &[Unit]) -> Vec<KeyId> {
    units
        .iter()
        .filter(|u| u.capitalised && !names.is_common(u.key))
        .map(|u| u.key)
        .collect()
}

/// The name words other than `key`, sorted and without repeats: a set.
fn neighbours_of(words: &[KeyId], key: KeyId) -> Vec<KeyId> {
    let mut neighbours: Vec<KeyId> = words.iter().copied().filter(|w| *w != key).collect();
    neighbours.sort_unstable();
    neighbours.dedup();
    neighbours
}

/// Whether every element of sorted `a` is in sorted `b`.
fn is_subset(a: &[KeyId], b: &[KeyId]) -> bool {
    let mut rest = b.iter();
    a.iter().all(|x| rest.any(|y| y == x))
}

fn is_foreign_word(names: &Names, entities: &[EntityId], written: &str) -> bool {
    let language = names.language;
    let in_forms = |accepted: bool| {
        entities.iter().any(|id| {
            names.entity(*id).is_some_and(|(_, forms)| {
                forms.iter().any(|(form, kind, _)| {
                    *kind != FormKind::Alias
                        && kind.accepted_in(language) == accepted
                        && form.to_lowercase().split([' ', '-']).any(|w| w == written)
                })
            })
        })
    };
    in_forms(false) && !in_forms(true)
}

/// Endings that make a feminine or plural form, or the adjective of a place ("Qatar"/"Qatari",
/// "Kenya"/"Kenyan"), rather than another name.
const INFLECTION_PAIRS: &[(&str, &str)] = &[
    ("", "i"),
    ("", "n"),
    ("", "a"),
    ("", "e"),
    ("", "s"),
    ("", "es"),
    ("", "x"),
    ("", "ne"),
    ("", "nne"),
    ("i", "a"),
    ("y", "a"),
    ("y", "aya"),
    ("i", "aia"),
    ("iy", "aya"),
    ("o", "a"),
    ("al", "aux"),
];

fn is_inflection(a: &str, b: &str) -> bool {
    let common = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    let (rest_a, rest_b) = (&a[common..], &b[common..]);
    INFLECTION_PAIRS
        .iter()
        .any(|&(x, y)| (rest_a, rest_b) == (x, y) || (rest_a, rest_b) == (y, x))
}

fn are_two_spellings_of_one_name(a: &Spelling, b: &Spelling) -> bool {
    let same_letters = a.key == b.key;
    if !same_letters && (!is_near(a.key, b.key) || is_inflection(a.key, b.key)) {
        return false;
    }
    if !same_letters && (a.foreign || b.foreign) {
        return false;
    }
    let distinct_entities = !a.entities.iter().any(|id| b.entities.contains(id));
    if !same_letters && a.known && b.known && distinct_entities {
        return false;
    }
    a.neighbours.iter().filter(|na| !na.is_empty()).all(|na| {
        b.neighbours
            .iter()
            .filter(|nb| !nb.is_empty())
            .all(|nb| is_subset(na, nb) || is_subset(nb, na))
    })
}

/// What differs between two writings of one name: a letter or two, or the order of its words.
#[derive(Clone, Copy)]
enum Difference {
    Spelling,
    Order,
}

/// The findings for each place of the minority writing, pointing at the other one.
fn report(
    names: &Names,
    spans: &[Range<usize>],
    other_span: Range<usize>,
    difference: Difference,
) -> Vec<Diagnostic> {
    let other = names.text(other_span.clone()).to_string();
    spans
        .iter()
        .map(|span| {
            let written = names.text(span.clone());
            let (message, related) = match difference {
                Difference::Spelling => (
                    names.language.pick(
                        format!("« {written} » est aussi écrit « {other} » dans l'article : choisissez une graphie."),
                        format!("“{written}” is also spelt “{other}” in this article: pick one spelling."),
                    ),
                    names.language.pick(
                        format!("l'autre graphie : « {other} »"),
                        format!("the other spelling: “{other}”"),
                    ),
                ),
                Difference::Order => (
                    names.language.pick(
                        format!("« {written} » est aussi écrit « {other} » dans l'article : les deux noms sont inversés ; choisissez un ordre."),
                        format!("“{written}” is also written “{other}” in this article: the two names are swapped; pick one order."),
                    ),
                    names.language.pick(
                        format!("l'autre ordre : « {other} »"),
                        format!("the other order: “{other}”"),
                    ),
                ),
            };
            Diagnostic::new(Inconsistent::INFO.code, span.clone(), message)
                .suggest(other.clone())
                .relate(other_span.clone(), related)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::KeyId;
    use crate::rules::testing::findings_in;
    use crate::{Format, Language};

    fn findings(text: &str, language: Language) -> Vec<(String, Vec<String>, usize)> {
        findings_in(
            "entity/inconsistent",
            text,
            Format::PlainText,
            Some(language),
        )
        .into_iter()
        .map(|(text, d)| (text, d.suggestions, d.related.len()))
        .collect()
    }

    #[test]
    fn neighbour_sets_compare_as_sets() {
        use super::{is_subset, neighbours_of};
        let keys = |ids: &[u32]| -> Vec<KeyId> { ids.iter().map(|&i| KeyId::new(i)).collect() };
        let around = neighbours_of(&keys(&[4, 1, 4, 2, 3]), KeyId::new(3));
        assert_eq!(
            around,
            keys(&[1, 2, 4]),
            "sorted, without repeats or the word itself"
        );
        assert!(is_subset(&keys(&[1, 4]), &around));
        assert!(is_subset(&[], &around));
        assert!(!is_subset(&keys(&[0, 1]), &around));
        assert!(!is_subset(&keys(&[5]), &around));
        assert!(!is_subset(&around, &keys(&[1, 2])));
    }

    #[test]
    fn flags_the_minority_spelling_in_french() {
        let found = findings(
            "L'ambassadeur Vladimir Zaïomski a parlé. Selon Zaïosmki, rien ne change.",
            Language::French,
        );
        assert_eq!(
            found,
            [("Zaïosmki".to_string(), vec!["Zaïomski".to_string()], 1)]
        );
    }

    #[test]
    fn flags_unknown_names_and_accents_in_english() {
        let found = findings(
            "Mayor Jonas Wexlerman spoke. Wexlerman said yes. Later Wexlerrman said no.",
            Language::English,
        );
        assert_eq!(found[0].0, "Wexlerrman");
        let found = findings(
            "President Recep Tayyip Erdoğan won. Erdoğan thanked voters, and Erdogan left.",
            Language::English,
        );
        assert_eq!(found[0].0, "Erdogan", "{found:?}");
        let found = findings(
            "Mayor Jonas Wexlerman spoke. Wexlerman’s aides agreed.",
            Language::English,
        );
        assert!(found.is_empty(), "a possessive is the same name: {found:?}");
    }

    #[test]
    fn never_flags_distinct_people_inflections_or_far_names() {
        for (text, language) in [
            (
                "Maria Zakharova et Ivan Zakharov ont parlé.",
                Language::French,
            ),
            (
                "Anna Kowalska et Jan Kowalski sont venus.",
                Language::French,
            ),
            ("Mohamed Hamdan a vu Mohammed Salah.", Language::French),
            ("Les Vénézuélien et Vénézuéliens votent.", Language::French),
            ("Kim Jong-un met Kim Jong-il's widow.", Language::English),
            (
                "Qatar mediated; the Qatari proposal and Kashmiri youths in Kashmir.",
                Language::English,
            ),
            ("Kenya thanked the Kenyan police.", Language::English),
            ("Rostov and Rostock are ports.", Language::English),
            ("Le Sudan War Monitor observe le Soudan.", Language::French),
            (
                "Prabowo Subianto beat Ganjar Pranowo; Prabowo’s win.",
                Language::English,
            ),
        ] {
            assert!(
                findings(text, language).is_empty(),
                "{text}: {:?}",
                findings(text, language)
            );
        }
    }

    #[test]
    fn flags_two_names_written_in_both_orders() {
        let found = findings(
            "Finance chair Kuria Kimani backed the bill. Protesters torched the home of Kimani Kuria.",
            Language::English,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Kimani Kuria");
        assert_eq!(found[0].1[0], "Kuria Kimani");
        assert_eq!(found[0].2, 1, "points at the other order");
        let french = findings(
            "Le député Otieno Wafula a voté. Otieno Wafula a été visé, puis Wafula Otieno a parlé.",
            Language::French,
        );
        assert_eq!(french.len(), 1, "{french:?}");
        assert_eq!(french[0].0, "Wafula Otieno", "the order written less often");
    }

    #[test]
    fn never_flags_matches_places_or_names_apart() {
        for (text, language) in [
            (
                "Le match France Allemagne a eu lieu, puis Allemagne France.",
                Language::French,
            ),
            (
                "Kuria Kimani a voté, et Kimani, Kuria et d'autres aussi.",
                Language::French,
            ),
            (
                "KURIA KIMANI in the headline, then Kimani Kuria in the text.",
                Language::English,
            ),
        ] {
            assert!(
                findings(text, language).is_empty(),
                "{text}: {:?}",
                findings(text, language)
            );
        }
    }
}
