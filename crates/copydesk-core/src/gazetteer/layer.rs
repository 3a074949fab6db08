//! The compiled form of a gazetteer: one file that is used where it lies (in the binary, or
//! memory-mapped), so that loading costs nothing whatever its size.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! 0   magic "CDGAZ" + format version (3 bytes)
//! 8   entity count (u64)
//! 16  ten sections, each (offset u64, length u64):
//!     entity offsets (u64 × count+1 into entity data), entity data (JSON per entity),
//!     forms (fst map: folded form → postings), postings (u64 each),
//!     words (fst map: folded word of a form → word postings), word postings (u64 each),
//!     lowercase starts (fst set: the first word of each form that may match in lowercase),
//!     state-media starts (fst set: the first word of each form of a state-controlled outlet),
//!     state-media lowercase starts (fst set: the same, of the forms that may match in
//!     lowercase),
//!     countries (fst map: ISO 3166-1 alpha-2 code → index of the country's entity)
//! ```
//!
//! A posting packs an entity's index, which of its forms matched, and the flags matching needs
//! without decoding the entity (see [`Posting`]). An fst value packs where a key's postings start
//! and how many there are.

use super::entity::{Entity, FormKind, Kind};
use super::key;
use crate::language::Language;
use crate::sourcing::cues::Fnv;
use fst::Streamer;
use fst::{Map, MapBuilder};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

const MAGIC: &[u8; 8] = b"CDGAZ\x00\x00\x03";
const SECTIONS: usize = 10;
const HEADER_LEN: usize = 16 + SECTIONS * 16;
/// Keys of the forms map that start with this byte are Wikidata ids, not written forms.
pub(crate) const ID_KEY_PREFIX: u8 = 0;

/// The bytes of a compiled gazetteer, wherever they live.
pub enum Bytes {
    Static(&'static [u8]),
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Static(bytes) => bytes,
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(map) => map,
        }
    }
}

/// A section of shared bytes, so that fst maps can borrow from one file.
#[derive(Clone)]
pub(crate) struct Section {
    bytes: Arc<Bytes>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Section {
    fn as_ref(&self) -> &[u8] {
        &(*self.bytes).as_ref()[self.range.clone()]
    }
}

/// One entry of a postings list: an entity, one of its forms, and flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Posting(u64);

const KIND_SHIFT: u32 = 48;
const ENGLISH: u64 = 1 << 52;
const ENTITY_KIND_SHIFT: u32 = 53;
const STATE_MEDIA: u64 = 1 << 55;
const ALL_CAPS: u64 = 1 << 56;
const CAPITALISED: u64 = 1 << 57;
const HAS_ID: u64 = 1 << 58;

impl Posting {
    fn new(entity: u32, form: u16, kind: FormKind, entity_data: &Entity, text: &str) -> Posting {
        let (code, language) = match kind {
            FormKind::Name(l) => (0, Some(l)),
            FormKind::Alias => (1, None),
            FormKind::Variant(l) => (2, Some(l)),
            FormKind::Generated(l) => (3, Some(l)),
        };
        let mut bits = u64::from(entity) | (u64::from(form) << 32) | (code << KIND_SHIFT);
        if language == Some(Language::English) {
            bits |= ENGLISH;
        }
        let entity_kind = Kind::ALL
            .iter()
            .position(|&k| k == entity_data.kind)
            .unwrap_or(0) as u64;
        bits |= entity_kind << ENTITY_KIND_SHIFT;
        if entity_data.is_state_media() {
            bits |= STATE_MEDIA;
        }
        bits |= case_flags(text);
        if entity_data.id.is_some() {
            bits |= HAS_ID;
        }
        Posting(bits)
    }

    /// The entity's index in its layer.
    pub fn entity(self) -> u32 {
        self.0 as u32
    }

    /// Which of [`Entity::forms`] this is.
    pub fn form(self) -> usize {
        ((self.0 >> 32) & 0xFFFF) as usize
    }

    pub fn form_kind(self) -> FormKind {
        let language = if self.0 & ENGLISH != 0 {
            Language::English
        } else {
            Language::French
        };
        match (self.0 >> KIND_SHIFT) & 0xF {
            0 => FormKind::Name(language),
            2 => FormKind::Variant(language),
            3 => FormKind::Generated(language),
            _ => FormKind::Alias,
        }
    }

    pub fn entity_kind(self) -> Kind {
        Kind::ALL[((self.0 >> ENTITY_KIND_SHIFT) & 0b11) as usize]
    }

    /// Whether the entity is a state-controlled news organisation.
    pub fn is_state_media(self) -> bool {
        self.0 & STATE_MEDIA != 0
    }

    pub(crate) fn has_id(self) -> bool {
        self.0 & HAS_ID != 0
    }

    /// Whether `written` (the text as it stands in the article) has the case the form needs:
    /// acronyms ("RT", "AP", "US", "WHO") only in capitals, or as one capitalised word when they
    /// are long and no ordinary word ("Irna", "Tass"; see [`is_press_acronym`]), and short or
    /// capitalised forms ("Fed", "Maduro") only with a capital initial, so that "us", "who" or
    /// "fed" never match.
    pub fn case_matches(self, written: &str) -> bool {
        if self.0 & ALL_CAPS != 0 {
            return written
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                || is_press_acronym(written);
        }
        if self.0 & CAPITALISED != 0 {
            return written
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase);
        }
        true
    }
}

/// Whether a word is an acronym as the press often writes it, capitalised ("Irna" for IRNA,
/// "Tass" for TASS): one word of four letters or more, a capital then lowercase letters, that is
/// no ordinary word, so that "Union", "Lot" or "Nato" (a frequent English word) never stand for
/// an acronym.
fn is_press_acronym(written: &str) -> bool {
    let mut letters = written.chars();
    letters.next().is_some_and(char::is_uppercase)
        && letters.all(char::is_lowercase)
        && written.chars().count() >= 4
        && !crate::common_words::is_listed_word(written)
}

/// The first word of folded text: its letters and digits up to anything else ("al" of
/// "al ghais", "l" of "l'otan"). A form can match where the text's first word is the form's.
pub(crate) fn first_word(folded: &str) -> &str {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
}

fn case_flags(form: &str) -> u64 {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        ALL_CAPS
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        CAPITALISED
    } else {
        0
    }
}

fn pack(start: usize, count: usize) -> u64 {
    ((start as u64) << 24) | (count as u64).min(0xFF_FFFF)
}

fn unpack(value: u64) -> Range<usize> {
    let start = (value >> 24) as usize;
    start..start + (value & 0xFF_FFFF) as usize
}

/// The words of a form key, for completion and near misses: its words ("l'opinion") and the
/// parts of words with an apostrophe ("opinion").
fn form_words(key: &str) -> impl Iterator<Item = &str> {
    key.split(' ').flat_map(|word| {
        let parts = word
            .split('\'')
            .filter(move |part| part.len() != word.len());
        std::iter::once(word).chain(parts)
    })
}

/// Compiles entities into the bytes of a gazetteer file.
pub fn compile(entities: &[Entity]) -> Result<Vec<u8>, String> {
    let mut offsets = Vec::with_capacity(entities.len() + 1);
    let mut data = Vec::new();
    let mut forms: BTreeMap<Vec<u8>, Vec<Posting>> = BTreeMap::new();
    let mut words: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    let mut lowercase_starts: BTreeSet<String> = BTreeSet::new();
    let mut state_media_starts: BTreeSet<String> = BTreeSet::new();
    let mut state_media_lowercase_starts: BTreeSet<String> = BTreeSet::new();
    let mut countries: BTreeMap<String, u64> = BTreeMap::new();
    for (index, entity) in entities.iter().enumerate() {
        let index = u32::try_from(index).map_err(|_| "too many entities".to_string())?;
        offsets.push(data.len() as u64);
        serde_json::to_writer(&mut data, entity).map_err(|e| e.to_string())?;
        for (form_index, (text, kind)) in entity.forms().iter().enumerate().take(0xFFFF) {
            let folded = key(text);
            if folded.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            let posting = Posting::new(index, form_index as u16, *kind, entity, text);
            for word in form_words(&folded) {
                words.entry(word.to_string()).or_default().push(posting);
            }
            let first = first_word(&folded);
            if case_flags(text) == 0 {
                lowercase_starts.insert(first.to_string());
            }
            if entity.is_state_media() {
                state_media_starts.insert(first.to_string());
                if case_flags(text) == 0 {
                    state_media_lowercase_starts.insert(first.to_string());
                }
            }
            forms.entry(folded.into_bytes()).or_default().push(posting);
        }
        if let (Kind::Place, Some("country"), Some(code)) =
            (entity.kind, entity.category.as_deref(), &entity.country)
        {
            countries.insert(code.clone(), u64::from(index));
        }
        if let Some(id) = &entity.id {
            let mut key = vec![ID_KEY_PREFIX];
            key.extend_from_slice(id.as_bytes());
            let posting = Posting::new(index, 0, FormKind::Name(Language::French), entity, "");
            forms.entry(key).or_default().push(posting);
        }
    }
    offsets.push(data.len() as u64);
    let (forms_fst, postings) = index(forms)?;
    let (words_fst, word_postings) = index(words)?;
    let word_set = |words: BTreeSet<String>| -> Result<Vec<u8>, String> {
        let set = fst::Set::from_iter(words).map_err(|e| e.to_string())?;
        Ok(set.into_fst().into_inner())
    };
    let countries = fst::Map::from_iter(countries)
        .map_err(|e| e.to_string())?
        .into_fst()
        .into_inner();
    let sections: [Vec<u8>; SECTIONS] = [
        offsets.iter().flat_map(|o| o.to_le_bytes()).collect(),
        data,
        forms_fst,
        postings,
        words_fst,
        word_postings,
        word_set(lowercase_starts)?,
        word_set(state_media_starts)?,
        word_set(state_media_lowercase_starts)?,
        countries,
    ];
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(entities.len() as u64).to_le_bytes());
    let mut at = HEADER_LEN as u64;
    for section in &sections {
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&(section.len() as u64).to_le_bytes());
        at += section.len() as u64;
    }
    for section in sections {
        out.extend(section);
    }
    Ok(out)
}

fn index<K: AsRef<[u8]> + Ord>(
    entries: BTreeMap<K, Vec<Posting>>,
) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut builder = MapBuilder::memory();
    let mut postings = Vec::new();
    let mut count = 0;
    for (key, mut list) in entries {
        list.sort_unstable();
        list.dedup();
        builder
            .insert(key, pack(count, list.len()))
            .map_err(|e| e.to_string())?;
        count += list.len();
        postings.extend(list.iter().flat_map(|p| p.0.to_le_bytes()));
    }
    let map = builder.into_inner().map_err(|e| e.to_string())?;
    Ok((map, postings))
}

/// One compiled gazetteer, read in place.
pub struct Layer {
    bytes: Arc<Bytes>,
    count: usize,
    offsets: Range<usize>,
    data: Range<usize>,
    pub(crate) forms: Map<Section>,
    postings: Range<usize>,
    pub(crate) words: Map<Section>,
    word_postings: Range<usize>,
    /// The first words of forms that may match written in lowercase ("al" of "al-Sissi", "von"
    /// of "von der Leyen"): only there does a lowercase word start a name.
    lowercase_starts: WordSet,
    /// The first words of the forms of state-controlled outlets ("sputnik", "ria", "agence").
    state_media_starts: WordSet,
    /// The first words of the forms of state-controlled outlets that may match in lowercase.
    state_media_lowercase_starts: WordSet,
    /// ISO country codes → the country's entity.
    countries: Map<Section>,
}

/// A set of folded words of the compiled file, loaded into a hash set on first use: the
/// question is asked for most words of an article, and a hash lookup costs a fraction of an
/// fst walk.
struct WordSet {
    compiled: fst::Set<Section>,
    loaded: OnceLock<LoadedWords>,
}

/// The words of a [`WordSet`], and a bit for each of their signatures: most words of an
/// article begin as none of them does or are not as long, and a bit tells so.
struct LoadedWords {
    words: HashSet<String, BuildHasherDefault<Fnv>>,
    /// One bit per [`signature`].
    signatures: Vec<u64>,
}

impl WordSet {
    fn new(compiled: fst::Set<Section>) -> WordSet {
        WordSet {
            compiled,
            loaded: OnceLock::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        let loaded = self.loaded();
        let bit = signature(word);
        loaded.signatures[bit >> 6] & (1 << (bit & 63)) != 0 && loaded.words.contains(word)
    }

    /// Whether the set holds `word` once its ASCII letters are in lowercase; its signature
    /// decides for most words without a copy.
    fn contains_any_case(&self, word: &str) -> bool {
        let loaded = self.loaded();
        let bit = signature_in_lowercase(word);
        if loaded.signatures[bit >> 6] & (1 << (bit & 63)) == 0 {
            return false;
        }
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return loaded.words.contains(word);
        }
        let mut buffer = [0; 32];
        match buffer.get_mut(..word.len()) {
            Some(lowercase) => {
                lowercase.copy_from_slice(word.as_bytes());
                lowercase.make_ascii_lowercase();
                std::str::from_utf8(lowercase).is_ok_and(|w| loaded.words.contains(w))
            }
            None => loaded.words.contains(&word.to_ascii_lowercase()),
        }
    }

    fn loaded(&self) -> &LoadedWords {
        self.loaded.get_or_init(|| {
            let mut words = HashSet::default();
            let mut stream = self.compiled.stream();
            while let Some(key) = stream.next() {
                words.extend(std::str::from_utf8(key).ok().map(str::to_string));
            }
            LoadedWords::new(words)
        })
    }
}

impl LoadedWords {
    fn new(words: HashSet<String, BuildHasherDefault<Fnv>>) -> LoadedWords {
        let mut signatures = vec![0; 1 << 10];
        for word in &words {
            let bit = signature(word);
            signatures[bit >> 6] |= 1 << (bit & 63);
        }
        LoadedWords { words, signatures }
    }
}

/// A word's bit in [`LoadedWords::signatures`]: a hash of its first two bytes and its length,
/// so that "des" and "dans" are told apart from "de" at once.
fn signature(word: &str) -> usize {
    let bytes = word.as_bytes();
    let byte = |i: usize| u32::from(bytes.get(i).copied().unwrap_or(0));
    mix(byte(0), byte(1), word.len())
}

/// [`signature`] of a word with its ASCII letters in lowercase.
fn signature_in_lowercase(word: &str) -> usize {
    let bytes = word.as_bytes();
    let byte = |i: usize| u32::from(bytes.get(i).map_or(0, u8::to_ascii_lowercase));
    mix(byte(0), byte(1), word.len())
}

fn mix(first: u32, second: u32, length: usize) -> usize {
    let key = (first << 16) | (second << 8) | length.min(0xFF) as u32;
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl std::fmt::Debug for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Layer({} entities)", self.count)
    }
}

impl Layer {
    /// Reads the header of compiled bytes; the rest is read on demand.
    pub fn open(bytes: Bytes) -> Result<Layer, String> {
        let bytes = Arc::new(bytes);
        let all: &[u8] = (*bytes).as_ref();
        if all.len() < HEADER_LEN || &all[..8] != MAGIC {
            return Err("not a compiled copydesk gazetteer (or from another version); rebuild it with `copydesk gazetteer build`".into());
        }
        let u64_at = |at: usize| u64::from_le_bytes(all[at..at + 8].try_into().unwrap_or([0; 8]));
        let count = u64_at(8) as usize;
        let mut sections = Vec::with_capacity(SECTIONS);
        for i in 0..SECTIONS {
            let start = u64_at(16 + i * 16) as usize;
            let len = u64_at(24 + i * 16) as usize;
            let end = start.checked_add(len).filter(|&end| end <= all.len());
            let Some(end) = end else {
                return Err("the compiled gazetteer is truncated".into());
            };
            sections.push(start..end);
        }
        if sections[0].len() != (count + 1) * 8 {
            return Err("the compiled gazetteer's entity table is damaged".into());
        }
        let map = |range: &Range<usize>| {
            Map::new(Section {
                bytes: bytes.clone(),
                range: range.clone(),
            })
            .map_err(|e| format!("the compiled gazetteer's index is damaged: {e}"))
        };
        let word_set = |range: &Range<usize>| {
            fst::Set::new(Section {
                bytes: bytes.clone(),
                range: range.clone(),
            })
            .map(WordSet::new)
            .map_err(|e| format!("the compiled gazetteer's index is damaged: {e}"))
        };
        Ok(Layer {
            forms: map(&sections[2])?,
            words: map(&sections[4])?,
            lowercase_starts: word_set(&sections[6])?,
            state_media_starts: word_set(&sections[7])?,
            state_media_lowercase_starts: word_set(&sections[8])?,
            countries: map(&sections[9])?,
            count,
            offsets: sections[0].clone(),
            data: sections[1].clone(),
            postings: sections[3].clone(),
            word_postings: sections[5].clone(),
            bytes,
        })
    }

    /// How many entities the layer holds.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn all(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }

    fn u64_in(&self, range: &Range<usize>, index: usize) -> Option<u64> {
        let at = range.start + index * 8;
        let slice = self.all().get(at..at + 8).filter(|_| at + 8 <= range.end)?;
        Some(u64::from_le_bytes(slice.try_into().ok()?))
    }

    /// Decodes one entity.
    pub fn entity(&self, index: u32) -> Option<Entity> {
        serde_json::from_str(self.record(index)?).ok()
    }

    /// The JSON record of one entity, as compiled.
    pub(crate) fn record(&self, index: u32) -> Option<&str> {
        let index = index as usize;
        let start = self.u64_in(&self.offsets, index)? as usize;
        let end = self.u64_in(&self.offsets, index + 1)? as usize;
        let bytes = self
            .all()
            .get(self.data.start + start..self.data.start + end)?;
        std::str::from_utf8(bytes).ok()
    }

    fn postings_in(&self, range: &Range<usize>, value: u64) -> Vec<Posting> {
        unpack(value)
            .filter_map(|i| self.u64_in(range, i).map(Posting))
            .collect()
    }

    /// The postings of a forms-map value.
    pub(crate) fn form_postings(&self, value: u64) -> Vec<Posting> {
        self.postings_in(&self.postings, value)
    }

    /// The postings of a words-map value.
    pub(crate) fn word_postings(&self, value: u64) -> Vec<Posting> {
        self.postings_in(&self.word_postings, value)
    }

    /// The postings of a folded form.
    pub fn lookup(&self, folded: &str) -> Vec<Posting> {
        self.forms
            .get(folded)
            .map(|value| self.form_postings(value))
            .unwrap_or_default()
    }

    /// Whether a form of the layer may start with this folded word written in lowercase.
    pub(crate) fn may_start_in_lowercase(&self, word: &str) -> bool {
        self.lowercase_starts.contains(word)
    }

    /// Whether a form of a state-controlled outlet may start with this word, folded but for
    /// the case of ASCII letters, written in lowercase or not.
    pub(crate) fn may_start_state_media(&self, word: &str, lowercase: bool) -> bool {
        if lowercase {
            self.state_media_lowercase_starts.contains_any_case(word)
        } else {
            self.state_media_starts.contains_any_case(word)
        }
    }

    /// The ISO codes of the countries, with their entities.
    pub(crate) fn countries(&self) -> impl Iterator<Item = (String, u32)> + '_ {
        let mut stream = self.countries.stream();
        std::iter::from_fn(move || {
            let (code, index) = stream.next()?;
            Some((String::from_utf8_lossy(code).into_owned(), index as u32))
        })
    }

    /// The entity with a Wikidata id.
    pub fn by_id(&self, id: &str) -> Option<u32> {
        let mut key = vec![ID_KEY_PREFIX];
        key.extend_from_slice(id.as_bytes());
        let value = self.forms.get(key)?;
        self.form_postings(value).first().map(|p| p.entity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::source;
    use std::path::Path;

    fn layer(toml: &str) -> Layer {
        let entities = source::parse(toml, Path::new("t.toml")).unwrap();
        Layer::open(Bytes::Owned(compile(&entities).unwrap())).unwrap()
    }

    #[test]
    fn compiled_layers_find_forms_ids_and_entities() {
        let layer = layer(
            "[[entity]]\nid = \"Q1\"\nkind = \"media\"\nname = { fr = \"RT\", en = \"RT\" }\naliases = [\"Russia Today\"]\nowner = \"state\"\nstate = \"RU\"\n",
        );
        let postings = layer.lookup("russia today");
        assert_eq!(postings.len(), 1);
        assert!(postings[0].is_state_media());
        assert_eq!(postings[0].form_kind(), FormKind::Alias);
        assert_eq!(layer.by_id("Q1"), Some(0));
        assert_eq!(layer.entity(0).unwrap().name.fr, "RT");
        let rt = layer.lookup("rt")[0];
        assert!(rt.case_matches("RT") && !rt.case_matches("Rt"));
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        assert!(Layer::open(Bytes::Owned(b"nonsense".to_vec())).is_err());
        let mut bytes = compile(&[]).unwrap();
        bytes.truncate(bytes.len() - 1);
        assert!(Layer::open(Bytes::Owned(bytes)).is_err());
    }
}
