//! `copydesk gazetteer import-wikidata DUMP`: turns a Wikidata JSON dump into gazetteer TOML.
//!
//! The dump is a JSON array with one entity per line (`[`, then `{…},` lines, then `]`), plain,
//! gzip or bzip2. It is streamed line by line, so its size does not matter. Kept: people (P31 =
//! Q5), organisations, places and news organisations with a French or English label, with their
//! labels, aliases, descriptions, and positions held (P39) with start and end dates. Position
//! titles are the positions' labels when the dump holds them.

use crate::status;
use copydesk_core::gazetteer::{Entity, Kind, Localized, Role};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

/// Classes (P31 values) that decide an entity's kind.
const PEOPLE: &[&str] = &["Q5"];
const MEDIA: &[&str] = &[
    "Q11032",
    "Q1110794",
    "Q1153191",
    "Q192283",
    "Q15265344",
    "Q1616075",
    "Q14350",
    "Q17232649",
    "Q1002697",
    "Q2001305",
];
const ORGANIZATIONS: &[&str] = &[
    "Q43229",
    "Q4830453",
    "Q783794",
    "Q7278",
    "Q484652",
    "Q327333",
    "Q891723",
    "Q6881511",
    "Q163740",
    "Q17149090",
    "Q245065",
    "Q2659904",
    "Q1331793",
    "Q178706",
];
const PLACES: &[&str] = &[
    "Q6256",
    "Q3624078",
    "Q515",
    "Q5119",
    "Q1549591",
    "Q486972",
    "Q1637706",
    "Q200250",
    "Q10864048",
    "Q82794",
    "Q35657",
    "Q107390",
    "Q1221156",
    "Q1093829",
    "Q1187811",
    "Q1248784",
];
/// Positions (P31 = position), whose labels name roles.
const POSITIONS: &[&str] = &[
    "Q4164871", "Q30461", "Q48352", "Q14212", "Q83307", "Q294414",
];

#[derive(Deserialize)]
struct Text {
    value: String,
}

#[derive(Deserialize)]
struct WikidataEntity {
    id: String,
    #[serde(default)]
    labels: HashMap<String, Text>,
    #[serde(default)]
    aliases: HashMap<String, Vec<Text>>,
    #[serde(default)]
    descriptions: HashMap<String, Text>,
    #[serde(default)]
    claims: HashMap<String, Vec<Value>>,
}

#[derive(Serialize)]
struct Wrapper<'a> {
    entity: [&'a Entity; 1],
}

/// What the import found, for the summary line and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub read: usize,
    pub kept: usize,
}

/// Streams `dump` into gazetteer TOML written to `output`.
pub fn run(dump: &Path, output: &Path) -> u8 {
    let file = match File::open(dump) {
        Ok(file) => file,
        Err(error) => {
            eprintln!("copydesk: cannot read {}: {error}", dump.display());
            return status::TROUBLE;
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(size);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let reader = bar.wrap_read(file);
    let result = File::create(output)
        .map_err(|e| format!("cannot write {}: {e}", output.display()))
        .and_then(|out| {
            let mut out = BufWriter::new(out);
            let counts = import(decompress(reader, dump), &mut out, |counts| {
                bar.set_message(format!("{} kept of {}", counts.kept, counts.read));
            })?;
            out.flush().map_err(|e| e.to_string())?;
            Ok(counts)
        });
    bar.finish_and_clear();
    match result {
        Ok(counts) => {
            eprintln!(
                "copydesk: {} entities read, {} kept in {}",
                counts.read,
                counts.kept,
                output.display()
            );
            status::CLEAN
        }
        Err(message) => {
            eprintln!("copydesk: {}: {message}", dump.display());
            status::TROUBLE
        }
    }
}

/// A reader that decompresses by the dump's extension.
fn decompress<'a>(reader: impl Read + 'a, path: &Path) -> Box<dyn BufRead + 'a> {
    let name = path.to_string_lossy();
    if name.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(reader)))
    } else if name.ends_with(".bz2") {
        Box::new(BufReader::new(bzip2::read::MultiBzDecoder::new(reader)))
    } else {
        Box::new(BufReader::new(reader))
    }
}

/// Reads dump lines and writes the kept entities as TOML; `progress` is told every 10,000.
pub fn import(
    input: impl BufRead,
    out: &mut impl Write,
    mut progress: impl FnMut(&Counts),
) -> Result<Counts, String> {
    let mut counts = Counts::default();
    let mut kept: Vec<(Entity, Vec<(String, Role)>)> = Vec::new();
    let mut position_titles: HashMap<String, Localized> = HashMap::new();
    for (number, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", number + 1))?;
        let json = line.trim().trim_end_matches(',');
        if json.is_empty() || json == "[" || json == "]" {
            continue;
        }
        let raw: WikidataEntity = serde_json::from_str(json)
            .map_err(|e| format!("line {}: not a Wikidata entity: {e}", number + 1))?;
        counts.read += 1;
        let classes = values_of(&raw, "P31");
        if classes.iter().any(|c| POSITIONS.contains(&c.as_str())) {
            if let Some(title) = localized(&raw.labels) {
                position_titles.insert(raw.id.clone(), title);
            }
        }
        if let Some(entity) = convert(&raw, &classes) {
            let roles = positions_held(&raw);
            kept.push((entity, roles));
            counts.kept += 1;
        }
        if counts.read % 10_000 == 0 {
            progress(&counts);
        }
    }
    for (mut entity, roles) in kept {
        entity.roles = roles
            .into_iter()
            .map(|(position, mut role)| {
                if let Some(title) = position_titles.get(&position) {
                    role.title = title.clone();
                }
                role
            })
            .collect();
        let text = toml::to_string(&Wrapper { entity: [&entity] }).map_err(|e| e.to_string())?;
        writeln!(out, "{text}").map_err(|e| e.to_string())?;
    }
    progress(&counts);
    Ok(counts)
}

fn localized(texts: &HashMap<String, Text>) -> Option<Localized> {
    let fr = texts.get("fr").map(|t| t.value.clone());
    let en = texts.get("en").map(|t| t.value.clone());
    match (fr, en) {
        (Some(fr), Some(en)) => Some(Localized { fr, en }),
        (Some(one), None) | (None, Some(one)) => Some(Localized {
            fr: one.clone(),
            en: one,
        }),
        (None, None) => None,
    }
}

fn kind_of(classes: &[String]) -> Option<Kind> {
    let has = |list: &[&str]| classes.iter().any(|c| list.contains(&c.as_str()));
    if has(PEOPLE) {
        Some(Kind::Person)
    } else if has(MEDIA) {
        Some(Kind::Media)
    } else if has(ORGANIZATIONS) {
        Some(Kind::Organization)
    } else if has(PLACES) {
        Some(Kind::Place)
    } else {
        None
    }
}

fn convert(raw: &WikidataEntity, classes: &[String]) -> Option<Entity> {
    let kind = kind_of(classes)?;
    let name = localized(&raw.labels)?;
    let mut aliases: Vec<String> = Vec::new();
    for language in ["fr", "en"] {
        for alias in raw.aliases.get(language).into_iter().flatten() {
            let value = alias.value.trim().to_string();
            if value.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                && value != name.fr
                && value != name.en
                && !aliases.contains(&value)
            {
                aliases.push(value);
            }
        }
    }
    Some(Entity {
        id: Some(raw.id.clone()),
        kind,
        category: None,
        name,
        aliases,
        variants: Default::default(),
        original: None,
        description: localized(&raw.descriptions),
        country: None,
        roles: Vec::new(),
        owner: None,
        state: None,
        note: None,
    })
}

/// The item ids a property's statements point to.
fn values_of(raw: &WikidataEntity, property: &str) -> Vec<String> {
    raw.claims
        .get(property)
        .into_iter()
        .flatten()
        .filter_map(|claim| {
            claim
                .pointer("/mainsnak/datavalue/value/id")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .collect()
}

/// Positions held (P39): the position's id and a role with its dates (P580 start, P582 end).
fn positions_held(raw: &WikidataEntity) -> Vec<(String, Role)> {
    raw.claims
        .get("P39")
        .into_iter()
        .flatten()
        .filter_map(|claim| {
            let position = claim
                .pointer("/mainsnak/datavalue/value/id")?
                .as_str()?
                .to_string();
            let date = |qualifier: &str| {
                claim
                    .pointer(&format!("/qualifiers/{qualifier}/0/datavalue/value"))
                    .and_then(wikidata_date)
            };
            let role = Role {
                title: Localized {
                    fr: position.clone(),
                    en: position.clone(),
                },
                from: date("P580"),
                to: date("P582"),
            };
            Some((position, role))
        })
        .collect()
}

/// A Wikidata time value ("+2013-04-19T00:00:00Z", precision 9 = year, 10 = month, 11 = day)
/// as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn wikidata_date(value: &Value) -> Option<String> {
    let time = value.get("time")?.as_str()?.strip_prefix('+')?;
    let precision = value.get("precision").and_then(Value::as_u64).unwrap_or(11);
    let date = time.split('T').next()?;
    let length = match precision {
        0..=9 => 4,
        10 => 7,
        _ => 10,
    };
    let date = date.get(..length)?;
    let zeroed = date.ends_with("-00");
    (!zeroed).then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    const FIXTURE: &str = include_str!("../../../tests/fixtures/wikidata/dump.json");

    fn import_text(input: &[u8], path: &str) -> (Counts, Vec<Entity>) {
        let mut out = Vec::new();
        let reader = decompress(Cursor::new(input.to_vec()), Path::new(path));
        let counts = import(reader, &mut out, |_| {}).unwrap();
        let text = String::from_utf8(out).unwrap();
        let entities =
            copydesk_core::gazetteer::source::parse(&text, Path::new("import.toml")).unwrap();
        (counts, entities)
    }

    #[test]
    fn keeps_people_organisations_places_and_media_with_roles() {
        let (counts, entities) = import_text(FIXTURE.as_bytes(), "dump.json");
        assert_eq!(counts, Counts { read: 6, kept: 4 });
        let maduro = &entities[0];
        assert_eq!(maduro.kind, Kind::Person);
        assert_eq!(maduro.name.fr, "Nicolás Maduro");
        assert!(maduro.aliases.contains(&"Maduro".to_string()));
        assert_eq!(maduro.roles[0].title.fr, "président du Venezuela");
        assert_eq!(maduro.roles[0].from.as_deref(), Some("2013-04-19"));
        assert_eq!(maduro.roles[0].to, None);
        let kinds: Vec<Kind> = entities.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [Kind::Person, Kind::Media, Kind::Organization, Kind::Place]
        );
    }

    #[test]
    fn reads_gzip_and_bzip2_dumps() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(FIXTURE.as_bytes()).unwrap();
        let (counts, _) = import_text(&gz.finish().unwrap(), "dump.json.gz");
        assert_eq!(counts.kept, 4);
        let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        bz.write_all(FIXTURE.as_bytes()).unwrap();
        let (counts, _) = import_text(&bz.finish().unwrap(), "dump.json.bz2");
        assert_eq!(counts.kept, 4);
    }

    #[test]
    fn a_broken_line_is_an_error_with_its_number() {
        let mut out = Vec::new();
        let error = import(Cursor::new("[\n{\"id\": 3}\n]\n"), &mut out, |_| {}).unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
    }
}
