//! The gazetteer: who and what articles name, with the house spelling of each.
//!
//! Sources are human-editable TOML files (`crates/copydesk-core/gazetteer/*.toml`, schema in
//! its README). They are compiled ([`layer::compile`]) into one file of fst indexes and entity
//! records that is used where it lies: the bundled gazetteer is compiled into the binary, and a
//! large newsroom gazetteer is memory-mapped, so loading costs nothing whatever the size.
//!
//! A [`Gazetteer`] is a stack of such layers: the bundled one, then the newsroom's files from
//! `.copydesk.toml`, later layers extending and overriding earlier ones (a form known in a later
//! layer means that layer's entity; an entity with the same Wikidata id replaces the earlier one).

mod card;
pub mod entity;
pub mod layer;
pub mod matching;
mod near;
pub mod source;
mod translit;

pub use entity::{Entity, FormKind, Kind, Localized, Owner, Role, Variants};
pub use layer::{Bytes, Layer, Posting};
pub use source::GazetteerError;

use crate::document::Document;
use crate::language::Language;

use fst::{Automaton, IntoStreamer, Streamer};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// The bundled gazetteer, compiled from `gazetteer/*.toml` by the test
/// `bundled_gazetteer_is_in_step_with_its_sources`.
static BUNDLED_BYTES: &[u8] = include_bytes!("../../gazetteer/compiled/bundled.cdgaz");

static BUNDLED: LazyLock<Arc<Gazetteer>> = LazyLock::new(|| {
    let layer = Layer::open(Bytes::Static(BUNDLED_BYTES))
        .unwrap_or_else(|error| panic!("the bundled gazetteer is damaged: {error}"));
    Arc::new(Gazetteer::from_layers(vec![layer]))
});

/// The countries of the bundled gazetteer by ISO 3166-1 alpha-2 code: each one's entity, and
/// its name once decoded. Only the names asked for are decoded: decoding all of them would cost
/// more than checking a short article, on every run.
static COUNTRY_NAMES: LazyLock<HashMap<String, (u32, CountryName)>> = LazyLock::new(|| {
    BUNDLED.layers[0]
        .countries()
        .map(|(code, index)| (code, (index, OnceLock::new())))
        .collect()
});

/// A country's name, decoded on first use (`None` if its record does not decode).
type CountryName = OnceLock<Option<Localized>>;

/// The part of an entity record that names it.
#[derive(serde::Deserialize)]
struct Named {
    name: Localized,
}

/// The house name of a country from its ISO code: "RU" → "Russie" in French, "Russia" in English.
pub fn country_name(code: &str, language: Language) -> Option<&'static str> {
    let (index, name) = COUNTRY_NAMES.get(code)?;
    let name = name.get_or_init(|| {
        let record = BUNDLED.layers[0].record(*index)?;
        serde_json::from_str::<Named>(record).ok().map(|n| n.name)
    });
    name.as_ref().map(|name| name.get(language))
}

/// An entity of a gazetteer: its layer and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId {
    pub layer: u16,
    pub index: u32,
}

/// A form of a known entity found in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Source byte span of the form as written.
    pub span: Range<usize>,
    /// The entities the form names, most likely first (several when a form is ambiguous), each
    /// with the form it matched.
    pub matches: Vec<(EntityId, Posting)>,
}

impl Mention {
    /// The entity the form most likely names.
    pub fn entity(&self) -> EntityId {
        self.matches[0].0
    }

    /// How the form relates to that entity.
    pub fn posting(&self) -> Posting {
        self.matches[0].1
    }
}

/// A stack of compiled gazetteers, searched together.
#[derive(Debug)]
pub struct Gazetteer {
    layers: Vec<Layer>,
    /// Which entity answers for an entity of an earlier layer, once worked out (finding out
    /// decodes the entity).
    overrides: Mutex<HashMap<(usize, u32), EntityId>>,
}

impl Gazetteer {
    /// The gazetteer compiled into copydesk, loaded once.
    pub fn bundled() -> Arc<Gazetteer> {
        BUNDLED.clone()
    }

    /// A gazetteer of these layers only, in order of precedence (last wins).
    pub fn from_layers(layers: Vec<Layer>) -> Gazetteer {
        Gazetteer {
            layers,
            overrides: Mutex::default(),
        }
    }

    /// A gazetteer of these entities only.
    pub fn from_entities(entities: &[Entity]) -> Result<Gazetteer, String> {
        let bytes = layer::compile(entities)?;
        Ok(Gazetteer::from_layers(vec![Layer::open(Bytes::Owned(
            bytes,
        ))?]))
    }

    /// The bundled gazetteer extended by newsroom files: TOML sources, or compiled files
    /// (`copydesk gazetteer build`), which are memory-mapped.
    pub fn bundled_with(files: &[PathBuf]) -> Result<Gazetteer, GazetteerError> {
        let mut layers = vec![Layer::open(Bytes::Static(BUNDLED_BYTES))
            .map_err(|e| GazetteerError::io(Path::new("<bundled>"), &e))?];
        for path in files {
            layers.push(open_file(path)?);
        }
        Ok(Gazetteer::from_layers(layers))
    }

    /// How many entities all layers hold.
    pub fn len(&self) -> usize {
        self.layers.iter().map(Layer::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Decodes an entity.
    pub fn entity(&self, id: EntityId) -> Option<Entity> {
        self.layers.get(usize::from(id.layer))?.entity(id.index)
    }

    /// The entity that answers for `posting` of `layer`: itself, or the entity of a later layer
    /// with the same Wikidata id, which overrides it.
    fn resolve(&self, layer: usize, posting: Posting) -> EntityId {
        let own = EntityId {
            layer: layer as u16,
            index: posting.entity(),
        };
        if layer + 1 == self.layers.len() || !posting.has_id() {
            return own;
        }
        let mut overrides = self.overrides.lock().unwrap_or_else(|p| p.into_inner());
        *overrides.entry((layer, own.index)).or_insert_with(|| {
            let Some(id) = self.layers[layer].entity(own.index).and_then(|e| e.id) else {
                return own;
            };
            (layer + 1..self.layers.len())
                .rev()
                .find_map(|later| {
                    self.layers[later].by_id(&id).map(|index| EntityId {
                        layer: later as u16,
                        index,
                    })
                })
                .unwrap_or(own)
        })
    }

    /// The entities and forms behind a folded form, later layers first.
    fn postings_of(&self, folded: &str) -> Vec<(EntityId, Posting)> {
        let mut out = Vec::new();
        for (layer_index, layer) in self.layers.iter().enumerate().rev() {
            for posting in layer.lookup(folded) {
                out.push((self.resolve(layer_index, posting), posting));
            }
        }
        out
    }

    /// The entities a name or alias designates, ignoring case, accents, apostrophes, hyphens and
    /// spacing; a Wikidata id ("Q57413") also works.
    pub fn lookup(&self, name: &str) -> Vec<EntityId> {
        let mut found: Vec<EntityId> = self
            .postings_of(&key(name))
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for (layer_index, layer) in self.layers.iter().enumerate().rev() {
            if let Some(index) = layer.by_id(&name.trim().to_uppercase()) {
                found.push(EntityId {
                    layer: layer_index as u16,
                    index,
                });
            }
        }
        dedup_in_order(found)
    }

    /// Whether a folded text is a form of some entity.
    pub fn is_known_form(&self, folded: &str) -> bool {
        self.layers.iter().any(|l| l.forms.contains_key(folded))
    }

    /// Whether a folded word is a word of some entity's form.
    pub fn is_known_word(&self, folded: &str) -> bool {
        self.layers.iter().any(|l| l.words.contains_key(folded))
    }

    /// Entities with a name word starting with `prefix` (accent- and case-insensitive), for
    /// completion: "chtch" finds Alexandre Chtchétinine, "pesk" Dmitri Peskov. Entities whose
    /// first word matches come first, then shorter names.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<EntityId> {
        let prefix = key(prefix);
        if prefix.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut scored: Vec<((bool, usize), EntityId)> = Vec::new();
        let mut seen = HashSet::new();
        for (layer_index, layer) in self.layers.iter().enumerate().rev() {
            let automaton = fst::automaton::Str::new(&prefix).starts_with();
            let mut stream = layer.words.search(automaton).into_stream();
            while let Some((_, value)) = stream.next() {
                for posting in layer.word_postings(value) {
                    let id = self.resolve(layer_index, posting);
                    if seen.len() >= limit * 20 || !seen.insert(id) {
                        continue;
                    }
                    let Some(entity) = self.entity(id) else {
                        continue;
                    };
                    let name = key(&entity.name.fr);
                    scored.push(((!name.starts_with(&prefix), name.len()), id));
                }
                if seen.len() >= limit * 20 {
                    break;
                }
            }
        }
        scored.sort();
        scored.into_iter().take(limit).map(|(_, id)| id).collect()
    }

    /// Known words within `distance` edits of a folded word (case and accents ignored; a
    /// transposition of two letters is one edit).
    pub fn near_words(&self, folded: &str, distance: u8) -> Vec<String> {
        let automaton = near::NearKeys::new(folded, distance);
        let mut out = Vec::new();
        for layer in &self.layers {
            let mut stream = layer.words.search(&automaton).into_stream();
            while let Some((key, _)) = stream.next() {
                if let Ok(word) = std::str::from_utf8(key) {
                    out.push(word.to_string());
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Every known form in the article's prose: longest first, never overlapping, acronyms
    /// ("RT", "AP", "US") only where written in capitals, and only as whole words.
    pub fn mentions(&self, doc: &Document) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let mut matcher = matching::Matcher::new(&self.layers);
        let mut folded = matching::Folded::default();
        for paragraph in &doc.paragraphs {
            folded.refold(&doc.masked, paragraph.span.clone());
            for hit in matcher.find_forms(&folded, &doc.source) {
                let matches = hit
                    .postings
                    .into_iter()
                    .map(|(layer, posting)| (self.resolve(layer, posting), posting))
                    .collect();
                mentions.push(Mention {
                    span: folded.source_span(&doc.source, hit.range),
                    matches,
                });
            }
        }
        mentions
    }

    /// Mentions of news organisations a government controls (owner = "state"): Sputnik, RT,
    /// RIA Novosti, TASS, Xinhua, Press TV… Each mention's first match is the outlet.
    pub fn state_media_mentions(&self, doc: &Document) -> Vec<Mention> {
        self.mentions(doc)
            .into_iter()
            .filter_map(|mut mention| {
                mention
                    .matches
                    .retain(|(_, posting)| posting.is_state_media());
                (!mention.matches.is_empty()).then_some(mention)
            })
            .collect()
    }

    /// The entity's card as Markdown, in a language: house spelling, kind, roles with dates,
    /// other forms, description, ownership for media. `copydesk entity` and the editor hover
    /// print this same text.
    pub fn card(&self, id: EntityId, language: Language) -> Option<String> {
        self.entity(id)
            .map(|entity| card::render(&entity, language))
    }
}

/// The index key of a name: folded as [`crate::text::fold`] does, with hyphens as spaces, so that
/// "Bachar Al Assad" finds "Bachar al-Assad". Plain ASCII words take a fast path: the name rules
/// key every capitalised word of an article.
pub fn key(name: &str) -> String {
    let name = name.trim_matches(crate::text::is_space);
    if name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'\'')
    {
        return name.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if crate::text::is_space(c) || crate::text::is_hyphen(c) {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if crate::text::is_apostrophe(c) {
            out.push('\'');
        } else {
            matching::fold_char(c, |folded| out.push(folded));
        }
    }
    out
}

fn dedup_in_order(ids: Vec<EntityId>) -> Vec<EntityId> {
    let mut seen = HashSet::new();
    ids.into_iter().filter(|id| seen.insert(*id)).collect()
}

/// Opens a newsroom gazetteer: a compiled file is memory-mapped, anything else is read as TOML.
pub fn open_file(path: &Path) -> Result<Layer, GazetteerError> {
    let file = std::fs::File::open(path).map_err(|e| GazetteerError::io(path, &e))?;
    let mut magic = [0u8; 5];
    let is_compiled =
        std::io::Read::read_exact(&mut &file, &mut magic).is_ok() && &magic == b"CDGAZ";
    if is_compiled {
        // SAFETY: the file is opened read-only; like any memory-mapped reader, copydesk assumes
        // nobody truncates a gazetteer while it runs. Every read is bounds-checked.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| GazetteerError::io(path, &e))?;
        return Layer::open(Bytes::Mapped(map)).map_err(|message| GazetteerError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message,
        });
    }
    let entities = source::read_file(path)?;
    let bytes = layer::compile(&entities).map_err(|e| GazetteerError::io(path, &e))?;
    Layer::open(Bytes::Owned(bytes)).map_err(|e| GazetteerError::io(path, &e))
}

/// Compiles TOML source files into the bytes of one gazetteer file.
pub fn compile_files(files: &[PathBuf]) -> Result<Vec<u8>, GazetteerError> {
    let mut entities = Vec::new();
    for path in files {
        entities.extend(source::read_file(path)?);
    }
    layer::compile(&entities).map_err(|e| GazetteerError::io(Path::new("<compile>"), &e))
}

#[cfg(test)]
mod tests;
