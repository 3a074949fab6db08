//! What the name rules share: the known names in an article, its runs of capitalised words, and
//! the near misses of gazetteer names among them.

use crate::common_words::is_common_word;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::Format;
use crate::gazetteer::{key, Entity, EntityId, FormKind, Gazetteer, Kind, Mention};
use crate::language::Language;
use crate::segment::TokenKind;
use crate::text::{is_apostrophe, is_hyphen, is_space};
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

/// Lowercase words that belong inside names: "Abdel Fattah al-Burhan", "Ursula von der Leyen".
/// A `match` rather than a list: it is asked of every lowercase word of an article.
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "el"
            | "ad"
            | "ash"
            | "as"
            | "at"
            | "az"
            | "ben"
            | "bin"
            | "ibn"
            | "bint"
            | "abu"
            | "abou"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "da"
            | "di"
            | "do"
            | "dos"
            | "das"
            | "del"
            | "della"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "zu"
    )
}

/// A word of a name as written: a token, or a part of a hyphenated token ("al", "Burhan").
#[derive(Clone, Debug)]
pub struct Unit {
    pub span: Range<usize>,
    /// Folded, as gazetteer keys are.
    pub key: String,
    pub capitalised: bool,
}

/// Capitalised words in a row, with the particles between them: a possible name.
#[derive(Clone, Debug)]
pub struct Run {
    pub units: Vec<Unit>,
}

/// A form shared by more entities than this names nobody in particular: only the first ones are
/// tried as the name a misspelling was meant for.
const MAX_AMBIGUITY: usize = 16;

/// How many edits a misspelling may hold, by the length of the longer of two words: none for
/// short words, where one letter makes another name; more as names get longer.
pub fn edit_budget(a: &str, b: &str) -> usize {
    match a.chars().count().max(b.chars().count()) {
        0..=4 => 0,
        5..=8 => 1,
        9..=10 => 2,
        _ => 3,
    }
}

/// Whether `written` may be a slip for `right`: same first letter, within the edit budget
/// (transpositions count as one edit), and not the same word.
pub fn is_near(written: &str, right: &str) -> bool {
    written != right
        && written.chars().next() == right.chars().next()
        && strsim::osa_distance(written, right) <= edit_budget(written, right)
}

/// Whether `written` may be a slip for `right` in a longer name whose other words are right:
/// "António Gutteres" for "António Guterres". One edit more than [`is_near`] allows, for
/// words of seven letters or more.
fn is_near_in_name(written: &str, right: &str) -> bool {
    let budget = edit_budget(written, right);
    written != right
        && written.chars().next() == right.chars().next()
        && written.chars().count().min(right.chars().count()) >= 7
        && strsim::osa_distance(written, right) <= budget + 1
}

/// Whether `written` is a word derived from `right` rather than a slip: "Singaporean" from
/// "Singapore", "Vénézuélien" from "Venezuela", "maduriste" from "Maduro". A suffix of one
/// letter is a slip ("Gazprome"), and so is one letter slipped in before the final vowels
/// ("Tajanni", "Roussseau"): a derivation changes the ending of a name, it does not keep it.
pub fn is_derived(written: &str, right: &str) -> bool {
    let stem = right.trim_end_matches(['a', 'e', 'i', 'o', 'u', 'y']);
    let ending = &right[stem.len()..];
    let one_letter_slipped_in = !ending.is_empty()
        && written.ends_with(ending)
        && written.chars().count() == right.chars().count() + 1;
    written.len() > right.len()
        && written.len() >= stem.len() + 2
        && stem.len() >= 4
        && written.starts_with(stem)
        && !one_letter_slipped_in
}

/// An entity's forms with their keys.
type Forms = Rc<Vec<(String, FormKind, String)>>;

/// A decoded entity and its forms, or `None` for an entity that cannot be read.
type Known = Option<(Rc<Entity>, Forms)>;

/// The name analysis of one article, shared by the three name rules: the engine runs them one
/// after the other on the same thread, so the last analysis is kept per thread and reused when
/// the article (its text, prose, format and language) and the gazetteer are the same. Long
/// articles repeat names, so the near words of a word and the forms of an entity are looked up
/// once each.
pub struct Names {
    source: String,
    /// Kept apart from `source`: a copy of an article holding only some paragraphs (see
    /// `Document::only_paragraphs`) may have the same source as another with other prose.
    masked: String,
    format: Format,
    pub language: Language,
    pub gazetteer: Arc<Gazetteer>,
    pub mentions: Vec<Mention>,
    pub runs: Vec<Run>,
    near_words: RefCell<HashMap<String, Rc<Vec<NearWord>>>>,
    forms: RefCell<HashMap<EntityId, Known>>,
    misspellings: OnceCell<Vec<Diagnostic>>,
    unit_keys: OnceCell<HashSet<String>>,
}

thread_local! {
    static LAST: RefCell<Option<Rc<Names>>> = const { RefCell::new(None) };
}

/// A known word close to a word of the article.
struct NearWord {
    word: String,
    /// Within the edit budget of a word standing alone; otherwise near only inside a longer
    /// name whose other words are right.
    alone: bool,
}

/// A near miss of a gazetteer form: `span` is written, `form` was meant.
#[derive(Clone, Debug)]
pub struct NearMiss {
    pub span: Range<usize>,
    pub entity: EntityId,
    /// The form as the gazetteer writes it.
    pub form: String,
    pub form_kind: FormKind,
}

impl Names {
    /// The analysis of an article with a gazetteer, computed once for the three rules.
    pub fn of(doc: &Document, gazetteer: &Arc<Gazetteer>) -> Rc<Names> {
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            if let Some(names) = last.as_ref().filter(|names| {
                Arc::ptr_eq(&names.gazetteer, gazetteer)
                    && names.format == doc.format
                    && names.language == doc.language
                    && names.source == doc.source
                    && names.masked == doc.masked
            }) {
                return names.clone();
            }
            let names = Rc::new(Names {
                source: doc.source.clone(),
                masked: doc.masked.clone(),
                format: doc.format,
                language: doc.language,
                gazetteer: gazetteer.clone(),
                mentions: gazetteer.mentions(doc),
                runs: runs(doc),
                near_words: RefCell::default(),
                forms: RefCell::default(),
                misspellings: OnceCell::new(),
                unit_keys: OnceCell::new(),
            });
            *last = Some(names.clone());
            names
        })
    }

    /// The keys of every name word the article writes.
    fn unit_keys(&self) -> &HashSet<String> {
        self.unit_keys.get_or_init(|| {
            self.runs
                .iter()
                .flat_map(|run| run.units.iter().map(|unit| unit.key.clone()))
                .collect()
        })
    }

    /// The article's text of a span.
    pub fn text(&self, span: Range<usize>) -> &str {
        &self.source[span]
    }

    /// The misspelling findings, computed once: `entity/inconsistent` leaves their spans alone.
    pub fn misspellings(&self, compute: impl FnOnce(&Names) -> Vec<Diagnostic>) -> &[Diagnostic] {
        self.misspellings.get_or_init(|| compute(self))
    }

    /// An entity and its forms with their keys.
    pub fn entity(&self, id: EntityId) -> Known {
        self.forms
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| {
                let entity = self.gazetteer.entity(id)?;
                let forms = entity
                    .forms()
                    .into_iter()
                    .map(|(form, kind)| {
                        let form_key = key(&form);
                        (form, kind, form_key)
                    })
                    .collect();
                Some((Rc::new(entity), Rc::new(forms)))
            })
            .clone()
    }

    fn near_words(&self, word: &str) -> Rc<Vec<NearWord>> {
        self.near_words
            .borrow_mut()
            .entry(word.to_string())
            .or_insert_with(|| {
                let reach = if word.chars().count() >= 7 { 2 } else { 1 };
                let near = self.gazetteer.near_words(word, reach);
                Rc::new(
                    near.into_iter()
                        .filter(|w| !is_derived(word, w))
                        .filter_map(|w| {
                            let alone = is_near(word, &w);
                            (alone || is_near_in_name(word, &w))
                                .then_some(NearWord { word: w, alone })
                        })
                        .collect(),
                )
            })
            .clone()
    }

    fn covered_by_mention(&self, span: &Range<usize>) -> bool {
        let index = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions
            .get(index)
            .is_some_and(|m| m.span.start <= span.start && span.end <= m.span.end)
    }

    /// Whether a unit could be a misspelt word of a name: capitalised, not an ordinary word, not
    /// part of a known name.
    fn is_suspect(&self, unit: &Unit) -> bool {
        unit.capitalised
            && unit.key.chars().count() >= 4
            && !self.covered_by_mention(&unit.span)
            && !is_common_word(&unit.key)
            && !self.gazetteer.is_known_word(&unit.key)
    }

    /// Near misses of gazetteer forms, at most one per span.
    pub fn near_misses(&self) -> Vec<NearMiss> {
        let mut found = self.anchored_near_misses();
        found.extend(self.word_near_misses());
        found.retain(|miss| {
            let written = key(self.text(miss.span.clone()));
            !self.gazetteer.is_known_form(&written)
        });
        found.sort_by_key(|miss| (miss.span.start, miss.span.end));
        found
    }

    /// A known name with a misspelt word beside it: "Nicolos Maduro" (Maduro is known, and
    /// "Nicolás Maduro" is a form), "Corostion Rostec".
    fn anchored_near_misses(&self) -> Vec<NearMiss> {
        let mut found = Vec::new();
        for mention in &self.mentions {
            let Some((run, inside)) = self.units_of(&mention.span) else {
                continue;
            };
            if inside.start == 0 && inside.end == run.units.len() {
                continue;
            }
            let mention_keys: Vec<&str> = run.units[inside.clone()]
                .iter()
                .map(|u| u.key.as_str())
                .collect();
            let ids: HashSet<EntityId> = mention
                .matches
                .iter()
                .take(MAX_AMBIGUITY)
                .map(|(id, _)| *id)
                .collect();
            for id in ids {
                let Some((_, forms)) = self.entity(id) else {
                    continue;
                };
                for (form, kind, form_key) in forms.iter() {
                    let words: Vec<&str> = form_key.split(' ').collect();
                    let Some(at) = find_slice(&words, &mention_keys) else {
                        continue;
                    };
                    let before = at;
                    let after = words.len() - at - mention_keys.len();
                    if before + after == 0
                        || inside.start < before
                        || inside.end + after > run.units.len()
                    {
                        continue;
                    }
                    let units = &run.units[inside.start - before..inside.end + after];
                    let aligned = units.iter().zip(&words);
                    let fits = aligned.clone().all(|(unit, word)| {
                        unit.key == *word
                            || (self.is_suspect(unit)
                                && is_near(&unit.key, word)
                                && !is_derived(&unit.key, word))
                    });
                    if fits && aligned.clone().any(|(unit, word)| unit.key != *word) {
                        found.push(NearMiss {
                            span: units[0].span.start..units[units.len() - 1].span.end,
                            entity: id,
                            form: form.clone(),
                            form_kind: *kind,
                        });
                    }
                }
            }
        }
        found
    }

    /// A misspelt word that, corrected, makes a known form with the words around it
    /// ("Abdel Fattah al-Burharn"), or a long single-word name of an organisation or place
    /// ("Domedovo").
    fn word_near_misses(&self) -> Vec<NearMiss> {
        let mut found = Vec::new();
        for run in &self.runs {
            for (position, unit) in run.units.iter().enumerate() {
                if !self.is_suspect(unit) {
                    continue;
                }
                for near in self.near_words(&unit.key).iter() {
                    found.extend(self.windows_with(run, position, near));
                }
            }
        }
        found
    }

    /// Known forms made by the units of `run` around `position`, with `word` put in its place.
    fn windows_with(&self, run: &Run, position: usize, near: &NearWord) -> Vec<NearMiss> {
        let word = near.word.as_str();
        let mut found = Vec::new();
        for start in position.saturating_sub(3)..=position {
            for end in position + 1..=(start + 4).min(run.units.len()) {
                if end - start == 1 && !near.alone {
                    continue;
                }
                let keys: Vec<&str> = (start..end)
                    .map(|i| {
                        if i == position {
                            word
                        } else {
                            run.units[i].key.as_str()
                        }
                    })
                    .collect();
                let candidate = keys.join(" ");
                for id in self
                    .gazetteer
                    .lookup(&candidate)
                    .into_iter()
                    .take(MAX_AMBIGUITY)
                {
                    let Some((entity, forms)) = self.entity(id) else {
                        continue;
                    };
                    if end - start == 1 && !self.single_word_may_be_flagged(&entity, &candidate) {
                        continue;
                    }
                    let Some((form, kind, _)) =
                        forms.iter().find(|(_, _, k)| *k == candidate).cloned()
                    else {
                        continue;
                    };
                    found.push(NearMiss {
                        span: run.units[start].span.start..run.units[end - 1].span.end,
                        entity: id,
                        form,
                        form_kind: kind,
                    });
                }
            }
        }
        found
    }

    /// A lone word close to a known one-word name is a slip only for long names of things
    /// ("Domodedovo"): lone surnames are too often other people's ("Hernández", "Fernández"),
    /// and a slip on a word the article spells right elsewhere is an inconsistency.
    fn single_word_may_be_flagged(&self, entity: &Entity, candidate: &str) -> bool {
        entity.kind != Kind::Person
            && candidate.chars().count() >= 7
            && !self.unit_keys().contains(candidate)
    }

    /// The run holding a span, and the range of its units inside the span.
    fn units_of(&self, span: &Range<usize>) -> Option<(&Run, Range<usize>)> {
        let index = self
            .runs
            .partition_point(|run| run.units.last().is_some_and(|u| u.span.end <= span.start));
        let run = self.runs.get(index)?;
        let first = run.units.iter().position(|u| u.span.start >= span.start)?;
        let count = run.units[first..]
            .iter()
            .take_while(|u| u.span.end <= span.end)
            .count();
        (count > 0).then_some((run, first..first + count))
    }

    /// The spelling to suggest for a form of an entity: the house spelling in the article's
    /// language for full names, the corrected form itself for a shorter alias ("M. Maduro").
    pub fn suggestion(&self, entity: &Entity, form: &str, kind: FormKind) -> String {
        let language = self.language;
        match kind {
            FormKind::Alias if !form.is_empty() => form.to_string(),
            _ => entity.name(language).to_string(),
        }
    }
}

fn find_slice(haystack: &[&str], needle: &[&str]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .find(|&at| haystack[at..at + needle.len()] == *needle)
}

/// The runs of capitalised words of an article, sentence by sentence.
pub fn runs(doc: &Document) -> Vec<Run> {
    let mut runs = Vec::new();
    for sentence in &doc.sentences {
        let mut current: Vec<Unit> = Vec::new();
        let mut pending: Vec<Unit> = Vec::new();
        let mut last_end: Option<usize> = None;
        for token in doc.sentence_tokens(sentence) {
            let joined = last_end.is_some_and(|end| is_blank(&doc.masked[end..token.span.start]));
            if !joined || token.kind != TokenKind::Word {
                close_run(&mut runs, &mut current, &mut pending);
            }
            last_end = Some(token.span.end);
            if token.kind != TokenKind::Word {
                continue;
            }
            if is_plain_lowercase_word(&doc.source[token.span.clone()]) {
                close_run(&mut runs, &mut current, &mut pending);
                continue;
            }
            units(doc, token.span.clone(), |unit| {
                if unit.capitalised {
                    if !current.is_empty() {
                        current.append(&mut pending);
                    }
                    pending.clear();
                    current.push(unit);
                } else if !current.is_empty() && is_particle(&unit.key) {
                    pending.push(unit);
                } else {
                    close_run(&mut runs, &mut current, &mut pending);
                    if is_particle(&unit.key) {
                        current.push(unit);
                    }
                }
            });
        }
        close_run(&mut runs, &mut current, &mut pending);
    }
    runs
}

/// Whether text between two tokens is only spaces.
fn is_blank(gap: &str) -> bool {
    gap.bytes().all(|b| b == b' ') || gap.chars().all(is_space)
}

/// Whether a word is one unit, not capitalised, that is no particle ("président", "said",
/// "2024"): it ends any run, and most words of an article are such words, so they skip the work
/// of [`units`].
fn is_plain_lowercase_word(word: &str) -> bool {
    let plain_ascii = |b: u8| b.is_ascii() && !b.is_ascii_uppercase() && b != b'-' && b != b'\'';
    if word.bytes().all(plain_ascii) {
        return !is_particle(word);
    }
    // Each lowercase letter folds to one letter or more: a word longer than any particle needs
    // no folding to tell.
    word.chars().all(char::is_lowercase) && (word.chars().count() > 5 || !is_particle(&key(word)))
}

fn close_run(runs: &mut Vec<Run>, current: &mut Vec<Unit>, pending: &mut Vec<Unit>) {
    pending.clear();
    while current.first().is_some_and(|u| !u.capitalised) {
        current.remove(0);
    }
    if !current.is_empty() {
        runs.push(Run {
            units: std::mem::take(current),
        });
    }
}

/// The units of a word token: its hyphenated parts, without a leading elision ("d’Ukraine") or
/// an English possessive ("Prabowo’s").
fn units(doc: &Document, span: Range<usize>, mut each: impl FnMut(Unit)) {
    let word = &doc.source[span.clone()];
    // Most names are plain ASCII words, one unit each.
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return each(Unit {
            key: word.to_ascii_lowercase(),
            capitalised: word.as_bytes()[0].is_ascii_uppercase(),
            span,
        });
    }
    let mut span = span;
    let possessive = doc.source[span.clone()]
        .char_indices()
        .rev()
        .nth(1)
        .filter(|&(_, c)| is_apostrophe(c))
        .filter(|_| doc.source[span.clone()].ends_with(['s', 'S']));
    if let Some((at, _)) = possessive {
        span.end = span.start + at;
    }
    let text = &doc.source[span.clone()];
    let mut start = span.start;
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        let after = &text[at + c.len_utf8()..];
        let elided = text[..at].chars().all(char::is_lowercase) && at <= 3;
        if elided && after.chars().next().is_some_and(char::is_uppercase) {
            start = span.start + at + c.len_utf8();
        }
    }
    let mut part_start = start;
    let body = &doc.source[start..span.end];
    for (at, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), '-')))
    {
        if !is_hyphen(c) {
            continue;
        }
        let part = part_start..start + at;
        if !part.is_empty() {
            let written = &doc.source[part.clone()];
            each(Unit {
                key: key(written),
                capitalised: written.chars().next().is_some_and(char::is_uppercase),
                span: part,
            });
        }
        part_start = start + at + c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_keys(text: &str) -> Vec<Vec<(String, bool)>> {
        let doc = Document::new(text.to_string(), Format::PlainText, Some(Language::French));
        runs(&doc)
            .into_iter()
            .map(|run| {
                run.units
                    .into_iter()
                    .map(|unit| (doc.text(unit.span).to_string(), unit.capitalised))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn runs_hold_capitalised_words_and_the_particles_between_them() {
        let runs = run_keys(
            "Selon Abdel Fattah al-Burhan, l’armée d’Ukraine et Ursula von der Leyen, \
             Prabowo’s 2024 Jean‑Pierre Élysée 3e dé 🗣 Zaïomski.",
        );
        let texts: Vec<Vec<&str>> = runs
            .iter()
            .map(|run| run.iter().map(|(text, _)| text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["Selon", "Abdel", "Fattah", "al", "Burhan"],
                vec!["Ukraine"],
                vec!["Ursula", "von", "der", "Leyen"],
                vec!["Prabowo"],
                vec!["Jean", "Pierre", "Élysée"],
                vec!["Zaïomski"],
            ]
        );
        assert!(!runs[0][3].1 && runs[0][4].1);
        assert!(run_keys("").is_empty());
    }

    #[test]
    fn unit_keys_are_folded_as_gazetteer_keys() {
        let doc = Document::new(
            "Élysée ÉLYSÉE Gazprom2 O’Neill".to_string(),
            Format::PlainText,
            Some(Language::French),
        );
        let keys: Vec<String> = runs(&doc)
            .into_iter()
            .flat_map(|run| run.units.into_iter().map(|unit| unit.key))
            .collect();
        assert_eq!(keys, ["elysee", "elysee", "gazprom2", "o'neill"]);
    }
}
