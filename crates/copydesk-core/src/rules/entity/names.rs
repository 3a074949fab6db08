//! What the name rules share: the known names in an article, its runs of capitalised words, and
//! the near misses of gazetteer names among them.

use crate::common_words::is_common_word;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::Format;
use crate::gazetteer::{key, Entity, EntityId, FormKind, Gazetteer, Kind, Mention};
use crate::language::Language;
use crate::segment::TokenKind;
use crate::sourcing::cues::FastMap;
use crate::text::{is_apostrophe, is_hyphen, is_space};
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeSet;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

/// Lowercase words that belong inside names: "Abdel Fattah al-Burhan", "Ursula von der Leyen".
fn is_particle(word: &str) -> bool {
    particle(word).is_some()
}

/// How many particles [`particle`] knows.
const PARTICLES: usize = 31;

/// The number of a particle, below [`PARTICLES`]. A `match` rather than a list: it is asked of
/// every short lowercase word of an article.
fn particle(word: &str) -> Option<usize> {
    let index = match word {
        "al" => 0,
        "el" => 1,
        "ad" => 2,
        "ash" => 3,
        "as" => 4,
        "at" => 5,
        "az" => 6,
        "ben" => 7,
        "bin" => 8,
        "ibn" => 9,
        "bint" => 10,
        "abu" => 11,
        "abou" => 12,
        "de" => 13,
        "du" => 14,
        "des" => 15,
        "la" => 16,
        "le" => 17,
        "da" => 18,
        "di" => 19,
        "do" => 20,
        "dos" => 21,
        "das" => 22,
        "del" => 23,
        "della" => 24,
        "van" => 25,
        "von" => 26,
        "der" => 27,
        "den" => 28,
        "ter" => 29,
        "zu" => 30,
        _ => return None,
    };
    Some(index)
}

/// A folded word of an article: an index into its [`Keys`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(u32);

impl KeyId {
    fn index(self) -> usize {
        self.0 as usize
    }

    #[cfg(test)]
    pub(crate) fn new(index: u32) -> KeyId {
        KeyId(index)
    }
}

/// The distinct folded words of an article, each stored once: long articles repeat their names,
/// and the rules compare and look up a word's key, not each of its occurrences.
#[derive(Default)]
pub struct Keys {
    texts: Vec<Rc<str>>,
    ids: FastMap<Rc<str>, KeyId>,
}

impl Keys {
    /// The folded text of a key.
    pub fn text(&self, id: KeyId) -> &str {
        &self.texts[id.index()]
    }

    /// The id of a folded word the article writes, if it writes it.
    pub fn id(&self, folded: &str) -> Option<KeyId> {
        self.ids.get(folded).copied()
    }

    fn len(&self) -> usize {
        self.texts.len()
    }

    fn intern(&mut self, folded: String) -> KeyId {
        if let Some(&id) = self.ids.get(folded.as_str()) {
            return id;
        }
        let id = KeyId(self.texts.len() as u32);
        let text: Rc<str> = folded.into();
        self.texts.push(text.clone());
        self.ids.insert(text, id);
        id
    }
}

/// A word of a name as written: a token, or a part of a hyphenated token ("al", "Burhan").
#[derive(Clone, Debug)]
pub struct Unit {
    pub span: Range<usize>,
    /// Folded, as gazetteer keys are.
    pub key: KeyId,
    /// The same number for every unit written with the same text, so that what depends on the
    /// text alone is worked out once per spelling: below [`Names::spellings`].
    pub spelling: u32,
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
/// articles repeat names, so the near words of a word, the forms of an entity and what a key is
/// (common, known) are looked up once each.
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
    pub keys: Keys,
    /// How many distinct texts the units have: every [`Unit::spelling`] is below.
    pub spellings: usize,
    common: Vec<OnceCell<bool>>,
    may_be_misspelt: Vec<OnceCell<bool>>,
    near_words: RefCell<FastMap<KeyId, Rc<Vec<NearWord>>>>,
    forms: RefCell<FastMap<EntityId, Known>>,
    misspellings: OnceCell<Vec<Diagnostic>>,
    /// For each key, whether some unit of a run has it.
    unit_keys: OnceCell<Vec<bool>>,
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
            let Runs {
                runs,
                keys,
                spellings,
            } = runs(doc);
            let names = Rc::new(Names {
                source: doc.source.clone(),
                masked: doc.masked.clone(),
                format: doc.format,
                language: doc.language,
                gazetteer: gazetteer.clone(),
                mentions: gazetteer.mentions(doc),
                runs,
                common: vec![OnceCell::new(); keys.len()],
                may_be_misspelt: vec![OnceCell::new(); keys.len()],
                keys,
                spellings,
                near_words: RefCell::default(),
                forms: RefCell::default(),
                misspellings: OnceCell::new(),
                unit_keys: OnceCell::new(),
            });
            *last = Some(names.clone());
            names
        })
    }

    /// The folded text of a key.
    pub fn key(&self, id: KeyId) -> &str {
        self.keys.text(id)
    }

    /// Whether a key is a common word ([`is_common_word`]), asked once per key.
    pub fn is_common(&self, id: KeyId) -> bool {
        *self.common[id.index()].get_or_init(|| is_common_word(self.key(id)))
    }

    /// Whether a folded word is the key of some unit of a run.
    fn is_unit_key(&self, folded: &str) -> bool {
        let unit_keys = self.unit_keys.get_or_init(|| {
            let mut unit_keys = vec![false; self.keys.len()];
            for unit in self.runs.iter().flat_map(|run| &run.units) {
                unit_keys[unit.key.index()] = true;
            }
            unit_keys
        });
        self.keys.id(folded).is_some_and(|id| unit_keys[id.index()])
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

    fn near_words(&self, id: KeyId) -> Rc<Vec<NearWord>> {
        self.near_words
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| {
                let word = self.key(id);
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
        unit.capitalised && self.may_be_misspelt(unit.key) && !self.covered_by_mention(&unit.span)
    }

    /// What [`Names::is_suspect`] asks of a key alone: long enough, no ordinary word, no word of
    /// a known name.
    fn may_be_misspelt(&self, id: KeyId) -> bool {
        *self.may_be_misspelt[id.index()].get_or_init(|| {
            let key = self.key(id);
            key.chars().count() >= 4 && !self.is_common(id) && !self.gazetteer.is_known_word(key)
        })
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
        let mut next_run = 0;
        for mention in &self.mentions {
            let Some((run, inside)) = self.units_of(&mention.span, &mut next_run) else {
                continue;
            };
            // A near miss differs from the form in a word outside the mention, and that word
            // must be suspect: most mentions have none around them, and skip the forms.
            let mut outside = run.units[..inside.start]
                .iter()
                .chain(&run.units[inside.end..]);
            if !outside.any(|unit| self.is_suspect(unit)) {
                continue;
            }
            let mention_keys: Vec<&str> = run.units[inside.clone()]
                .iter()
                .map(|u| self.key(u.key))
                .collect();
            // In entity order, so that suggestions come out the same from one run to the next.
            let ids: BTreeSet<EntityId> = mention
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
                        let written = self.key(unit.key);
                        written == *word
                            || (self.is_suspect(unit)
                                && is_near(written, word)
                                && !is_derived(written, word))
                    });
                    if fits
                        && aligned
                            .clone()
                            .any(|(unit, word)| self.key(unit.key) != *word)
                    {
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
                for near in self.near_words(unit.key).iter() {
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
                            self.key(run.units[i].key)
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
            && !self.is_unit_key(candidate)
    }

    /// The run holding a span, and the range of its units inside the span. `next_run` is the
    /// first run that may hold it: spans asked in text order only move it forward.
    fn units_of(&self, span: &Range<usize>, next_run: &mut usize) -> Option<(&Run, Range<usize>)> {
        let ends_before = |run: &Run| run.units.last().is_some_and(|u| u.span.end <= span.start);
        while self.runs.get(*next_run).is_some_and(ends_before) {
            *next_run += 1;
        }
        let run = self.runs.get(*next_run)?;
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

/// The runs of capitalised words of an article and the keys of their words.
pub struct Runs {
    pub runs: Vec<Run>,
    pub keys: Keys,
    /// How many distinct texts the units have.
    pub spellings: usize,
}

/// Makes the units of an article, folding each distinct text once.
struct UnitMaker<'a> {
    source: &'a str,
    keys: Keys,
    /// For each text seen, what [`UnitMaker::look_up`] tells of it.
    seen: FastMap<&'a str, Seen>,
    /// The same for each particle written as it is ("de", "al"), by number: French prose has
    /// one every few words, and this spares them the map.
    particles: [Option<Seen>; PARTICLES],
}

/// What a text is as a unit: its key, its spelling number, whether it is capitalised and
/// whether its key is a particle.
#[derive(Clone, Copy)]
struct Seen {
    key: KeyId,
    spelling: u32,
    capitalised: bool,
    particle: bool,
}

impl<'a> UnitMaker<'a> {
    fn new(source: &'a str) -> Self {
        UnitMaker {
            source,
            keys: Keys::default(),
            seen: FastMap::default(),
            particles: [None; PARTICLES],
        }
    }

    /// The unit of a span whose text is particle number `index`.
    fn particle(&mut self, span: Range<usize>, index: usize) -> Unit {
        let seen = match self.particles[index] {
            Some(seen) => seen,
            None => {
                let seen = self.look_up(&self.source[span.clone()]);
                self.particles[index] = Some(seen);
                seen
            }
        };
        Unit {
            span,
            key: seen.key,
            spelling: seen.spelling,
            capitalised: seen.capitalised,
        }
    }

    /// The unit of a span, and whether it is a particle.
    fn unit(&mut self, span: Range<usize>) -> (Unit, bool) {
        let seen = self.look_up(&self.source[span.clone()]);
        let unit = Unit {
            span,
            key: seen.key,
            spelling: seen.spelling,
            capitalised: seen.capitalised,
        };
        (unit, seen.particle)
    }

    fn look_up(&mut self, written: &'a str) -> Seen {
        let spelling = self.seen.len() as u32;
        let keys = &mut self.keys;
        *self.seen.entry(written).or_insert_with(|| {
            let folded = key(written);
            Seen {
                particle: is_particle(&folded),
                key: keys.intern(folded),
                spelling,
                capitalised: written.chars().next().is_some_and(char::is_uppercase),
            }
        })
    }
}

/// The runs of capitalised words of an article, sentence by sentence.
pub fn runs(doc: &Document) -> Runs {
    let mut maker = UnitMaker::new(&doc.source);
    let mut runs = Vec::new();
    for sentence in &doc.sentences {
        let mut current: Vec<Unit> = Vec::new();
        let mut pending: Vec<Unit> = Vec::new();
        let mut last_end: Option<usize> = None;
        for token in doc.sentence_tokens(sentence) {
            // Nothing to close while no run is open (`pending` only grows after `current`):
            // most words of an article are read without looking at the gap before them.
            if !current.is_empty() {
                let joined =
                    last_end.is_some_and(|end| is_blank(&doc.masked[end..token.span.start]));
                if !joined || token.kind != TokenKind::Word {
                    close_run(&mut runs, &mut current, &mut pending);
                }
            }
            last_end = Some(token.span.end);
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = &doc.source[token.span.clone()];
            if let Some(index) = particle(word) {
                let unit = maker.particle(token.span.clone(), index);
                add_unit(&mut runs, &mut current, &mut pending, unit, true);
                continue;
            }
            if is_plain_lowercase_word(word, &mut maker) {
                close_run(&mut runs, &mut current, &mut pending);
                continue;
            }
            units(&mut maker, token.span.clone(), |unit, particle| {
                add_unit(&mut runs, &mut current, &mut pending, unit, particle);
            });
        }
        close_run(&mut runs, &mut current, &mut pending);
    }
    Runs {
        runs,
        spellings: maker.seen.len(),
        keys: maker.keys,
    }
}

/// Adds a unit to the run being read: a capitalised word extends it (with the particles
/// before it), a particle waits for the next capitalised word, anything else ends it.
fn add_unit(
    runs: &mut Vec<Run>,
    current: &mut Vec<Unit>,
    pending: &mut Vec<Unit>,
    unit: Unit,
    particle: bool,
) {
    if unit.capitalised {
        if !current.is_empty() {
            current.append(pending);
        }
        pending.clear();
        current.push(unit);
    } else if !current.is_empty() && particle {
        pending.push(unit);
    } else {
        close_run(runs, current, pending);
        if particle {
            current.push(unit);
        }
    }
}

/// Whether text between two tokens is only spaces.
fn is_blank(gap: &str) -> bool {
    gap.bytes().all(|b| b == b' ') || gap.chars().all(is_space)
}

/// The bytes of a plain lowercase ASCII word: ASCII, and no capital, hyphen or apostrophe.
const PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = !b.is_ascii_uppercase() && b != b'-' && b != b'\'';
        byte += 1;
    }
    table
};

/// Whether a word is one unit, not capitalised, that is no particle ("président", "said",
/// "2024"): it ends any run, and most words of an article are such words, so they skip the work
/// of [`units`]. A particle written as it is was told apart before.
fn is_plain_lowercase_word<'a>(word: &'a str, maker: &mut UnitMaker<'a>) -> bool {
    if word.bytes().all(|b| PLAIN_ASCII[usize::from(b)]) {
        return true;
    }
    let mut chars = 0;
    for c in word.chars() {
        if !c.is_lowercase() {
            return false;
        }
        chars += 1;
    }
    // Each lowercase letter folds to one letter or more: a word longer than any particle needs
    // no folding to tell.
    chars > 5 || !maker.look_up(word).particle
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

/// The units of a word token, each with whether it is a particle: its hyphenated parts, without
/// a leading elision ("d’Ukraine") or an English possessive ("Prabowo’s").
fn units(maker: &mut UnitMaker, span: Range<usize>, mut each: impl FnMut(Unit, bool)) {
    let source = maker.source;
    let word = &source[span.clone()];
    // Most names are plain ASCII words, one unit each.
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let (unit, particle) = maker.unit(span);
        return each(unit, particle);
    }
    let mut span = span;
    let possessive = word
        .char_indices()
        .rev()
        .nth(1)
        .filter(|&(_, c)| is_apostrophe(c))
        .filter(|_| word.ends_with(['s', 'S']));
    if let Some((at, _)) = possessive {
        span.end = span.start + at;
    }
    let text = &source[span.clone()];
    let mut start = span.start;
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        let after = &text[at + c.len_utf8()..];
        let elided = text[..at].chars().all(char::is_lowercase) && at <= 3;
        if elided && after.chars().next().is_some_and(char::is_uppercase) {
            start = span.start + at + c.len_utf8();
        }
    }
    let mut part_start = start;
    let body = &source[start..span.end];
    for (at, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), '-')))
    {
        if !is_hyphen(c) {
            continue;
        }
        let part = part_start..start + at;
        if !part.is_empty() {
            let (unit, particle) = maker.unit(part);
            each(unit, particle);
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
            .runs
            .into_iter()
            .map(|run| {
                run.units
                    .into_iter()
                    .map(|unit| (doc.text(unit.span).to_string(), unit.capitalised))
                    .collect()
            })
            .collect()
    }

    /// The written words of each run.
    fn texts_of(runs: &[Vec<(String, bool)>]) -> Vec<Vec<&str>> {
        runs.iter()
            .map(|run| run.iter().map(|(text, _)| text.as_str()).collect())
            .collect()
    }

    #[test]
    fn runs_hold_capitalised_words_and_the_particles_between_them() {
        let runs = run_keys(
            "Selon Abdel Fattah al-Burhan, l’armée d’Ukraine et Ursula von der Leyen, \
             Prabowo’s 2024 Jean‑Pierre Élysée 3e dé 🗣 Zaïomski.",
        );
        let texts = texts_of(&runs);
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
    fn particles_are_told_apart_however_they_are_written() {
        let runs = run_keys(
            "Le général Charles de Gaulle, dé Gaulle, De Gaulle et l’ami de la famille \
             Ursula von der Leyen 🗣 parle d'al-Burhan.",
        );
        let texts = texts_of(&runs);
        assert_eq!(
            texts,
            [
                vec!["Le"],
                vec!["Charles", "de", "Gaulle"],
                vec!["Gaulle"],
                vec!["De", "Gaulle"],
                vec!["Ursula", "von", "der", "Leyen"],
                vec!["Burhan"],
            ]
        );
    }

    #[test]
    fn plain_lowercase_words_end_runs_and_others_do_not() {
        let doc = Document::new(String::new(), Format::PlainText, Some(Language::French));
        let mut maker = UnitMaker::new(&doc.source);
        for word in [
            "président",
            "2024",
            "said",
            "été",
            "déjà",
            "à",
            "ß",
            "œ",
            "",
        ] {
            assert!(is_plain_lowercase_word(word, &mut maker), "{word}");
        }
        for word in [
            "dé",
            "dù",
            "vön",
            "🗣",
            "Élysée",
            "l’armée",
            "l'armée",
            "al-Burhan",
            "Jean‑Pierre",
            "iPhone",
        ] {
            assert!(!is_plain_lowercase_word(word, &mut maker), "{word}");
        }
    }

    #[test]
    fn unit_keys_are_folded_as_gazetteer_keys() {
        let doc = Document::new(
            "Élysée ÉLYSÉE Gazprom2 O’Neill".to_string(),
            Format::PlainText,
            Some(Language::French),
        );
        let runs = runs(&doc);
        let keys: Vec<&str> = runs
            .runs
            .iter()
            .flat_map(|run| run.units.iter().map(|unit| runs.keys.text(unit.key)))
            .collect();
        assert_eq!(keys, ["elysee", "elysee", "gazprom2", "o'neill"]);
        let spellings: Vec<u32> = runs.runs[0].units.iter().map(|u| u.spelling).collect();
        assert_eq!(spellings, [0, 1, 2, 3], "one number per text as written");
        assert_eq!(runs.keys.len(), 3, "one key per folded word");
    }
}
