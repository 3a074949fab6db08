//! Reading gazetteer sources: TOML files of `[[entity]]` tables (see `gazetteer/README.md`).

use super::entity::{is_valid_date, Entity, Kind};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// A gazetteer that cannot be used, with the place of the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerError {
    pub path: PathBuf,
    /// One-based line and column, when the problem has a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for GazetteerError {}

impl GazetteerError {
    pub(crate) fn at(path: &Path, text: &str, offset: Option<usize>, message: String) -> Self {
        let (line, column) = offset.map_or((None, None), |offset| {
            let (line, column) = crate::text::line_column(text, offset);
            (Some(line), Some(column))
        });
        GazetteerError {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    }

    pub(crate) fn io(path: &Path, error: &dyn fmt::Display) -> Self {
        GazetteerError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the gazetteer: {error}"),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    #[serde(default)]
    entity: Vec<toml::Spanned<Entity>>,
}

/// Reads a TOML source file.
pub fn read_file(path: &Path) -> Result<Vec<Entity>, GazetteerError> {
    let text = std::fs::read_to_string(path).map_err(|e| GazetteerError::io(path, &e))?;
    parse(&text, path)
}

/// Parses TOML source text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entity>, GazetteerError> {
    let file: SourceFile = toml::from_str(text).map_err(|error| {
        GazetteerError::at(
            path,
            text,
            error.span().map(|s| s.start),
            error.message().trim().to_string(),
        )
    })?;
    file.entity
        .into_iter()
        .map(|spanned| {
            let start = spanned.span().start;
            let entity = spanned.into_inner();
            validate(&entity)
                .map_err(|message| GazetteerError::at(path, text, Some(start), message))?;
            Ok(entity)
        })
        .collect()
}

/// Checks what the TOML types cannot: non-empty names, dates, media-only fields.
fn validate(entity: &Entity) -> Result<(), String> {
    if entity.name.fr.trim().is_empty() || entity.name.en.trim().is_empty() {
        return Err("`name` needs a non-empty `fr` and `en`".into());
    }
    for role in &entity.roles {
        for date in role.from.iter().chain(&role.to) {
            if !is_valid_date(date) {
                return Err(format!(
                    "role date \"{date}\" of {} is not YYYY, YYYY-MM or YYYY-MM-DD",
                    entity.name.en
                ));
            }
        }
        if let (Some(from), Some(to)) = (&role.from, &role.to) {
            let common = from.len().min(to.len());
            if to[..common] < from[..common] {
                return Err(format!(
                    "a role of {} ends ({to}) before it starts ({from})",
                    entity.name.en
                ));
            }
        }
    }
    let media_field = entity.owner.is_some() || entity.state.is_some() || entity.note.is_some();
    if media_field && entity.kind != Kind::Media {
        return Err(format!(
            "{}: `owner`, `state` and `note` are for media entities only",
            entity.name.en
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_entity() {
        let entities = parse(
            "[[entity]]\nkind = \"person\"\nname = { fr = \"Dmitri Peskov\", en = \"Dmitry Peskov\" }\naliases = [\"Peskov\"]\n",
            Path::new("p.toml"),
        )
        .unwrap();
        assert_eq!(entities[0].name.fr, "Dmitri Peskov");
        assert_eq!(entities[0].aliases, ["Peskov"]);
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let error = parse(
            "[[entity]]\nkind = \"person\"\nname = { fr = \"A\", en = \"A\" }\nrole = []\n",
            Path::new("people.toml"),
        )
        .unwrap_err();
        assert_eq!(error.line, Some(4), "{error}");
        assert!(error.to_string().starts_with("people.toml:4:1:"), "{error}");
        let error = parse(
            "[[entity]]\nkind = \"robot\"\nname = { fr = \"A\", en = \"A\" }\n",
            Path::new("p.toml"),
        )
        .unwrap_err();
        assert_eq!(error.line, Some(2), "{error}");
        let error = parse(
            "[[entity]]\nkind = \"person\"\nname = { fr = \"A\", en = \"A\" }\nroles = [{ title = { fr = \"x\", en = \"x\" }, from = \"2019-13\" }]\n\n[[entity]]\nkind = \"person\"\nname = { fr = \"B\", en = \"B\" }\nowner = \"state\"\n",
            Path::new("p.toml"),
        )
        .unwrap_err();
        assert!(error.message.contains("2019-13"), "{error}");
    }

    #[test]
    fn roles_end_after_they_start() {
        let role = |from: &str, to: &str| {
            format!("[[entity]]\nkind = \"person\"\nname = {{ fr = \"A\", en = \"A\" }}\nroles = [{{ title = {{ fr = \"x\", en = \"x\" }}, from = \"{from}\", to = \"{to}\" }}]\n")
        };
        assert!(parse(&role("2020-05-01", "2019"), Path::new("p.toml")).is_err());
        assert!(parse(&role("2025-10-05", "2025-10"), Path::new("p.toml")).is_ok());
    }

    #[test]
    fn media_fields_belong_to_media() {
        let error = parse(
            "\n[[entity]]\nkind = \"person\"\nname = { fr = \"B\", en = \"B\" }\nowner = \"state\"\n",
            Path::new("p.toml"),
        )
        .unwrap_err();
        assert_eq!(error.line, Some(2), "{error}");
    }
}
