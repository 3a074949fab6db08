//! `.copydesk.toml`: the project configuration shared by the command line, the language server
//! and CI.
//!
//! ```toml
//! language = "fr"                    # fr, en or auto (default: auto)
//! fail-on = "warning"                # error, warning, info, hint or never
//! gazetteer = ["newsroom/people.toml"]
//! ignore = ["archive/**", "*.draft.md"]
//!
//! [rules]
//! "attribution/*" = "info"
//! "entity/inconsistent" = "off"
//! ```

use crate::diagnostic::Severity;
use crate::gazetteer::Gazetteer;
use crate::language::Language;
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file name searched for, from the checked file's folder up to the root.
pub const FILE_NAME: &str = ".copydesk.toml";

/// When `copydesk check` exits with status 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// A finding at or above this severity fails the check.
    Severity(Severity),
    Never,
}

/// The level a rule runs at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

impl RuleLevel {
    fn parse(value: &str) -> Option<RuleLevel> {
        if value == "off" {
            Some(RuleLevel::Off)
        } else {
            Severity::parse(value).map(RuleLevel::On)
        }
    }
}

#[derive(Clone, Debug)]
struct RuleSetting {
    pattern: String,
    matcher: GlobMatcher,
    level: RuleLevel,
}

/// A loaded configuration. [`Config::default`] is what applies with no file.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file this came from, if any.
    pub path: Option<PathBuf>,
    /// The article language, when not `auto`.
    pub language: Option<Language>,
    pub fail_on: FailOn,
    /// Extra gazetteer files, resolved against the config file's folder.
    pub gazetteers: Vec<PathBuf>,
    /// The bundled gazetteer extended by `gazetteers` (loaded by [`Config::load`]).
    pub gazetteer: Arc<Gazetteer>,
    ignore: GlobSet,
    rules: Vec<RuleSetting>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            path: None,
            language: None,
            fail_on: FailOn::Severity(Severity::Warning),
            gazetteers: Vec::new(),
            gazetteer: Gazetteer::bundled(),
            ignore: GlobSet::empty(),
            rules: Vec::new(),
        }
    }
}

/// A configuration that cannot be used, with the place of the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// One-based line and column, when the problem has a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    language: Option<toml::Spanned<String>>,
    fail_on: Option<toml::Spanned<String>>,
    #[serde(default)]
    gazetteer: Vec<String>,
    #[serde(default)]
    ignore: Vec<toml::Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

impl Config {
    /// The nearest `.copydesk.toml` in `start` (a file's folder or a folder) or its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|folder| folder.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// Reads and checks a configuration file, and loads the gazetteers it lists.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the configuration: {error}"),
        })?;
        let mut config = Config::parse(&text, path)?;
        if !config.gazetteers.is_empty() {
            let gazetteer =
                Gazetteer::bundled_with(&config.gazetteers).map_err(|error| ConfigError {
                    path: error.path,
                    line: error.line,
                    column: error.column,
                    message: error.message,
                })?;
            config.gazetteer = Arc::new(gazetteer);
        }
        Ok(config)
    }

    /// Parses configuration text; `path` names it in errors and anchors relative paths.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error_at = |span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = span.map_or((None, None), |span| {
                let (line, column) = crate::text::line_column(text, span.start);
                (Some(line), Some(column))
            });
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text)
            .map_err(|error| error_at(error.span(), error.message().trim().to_string()))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut config = Config {
            path: Some(path.to_path_buf()),
            gazetteers: raw.gazetteer.iter().map(|g| folder.join(g)).collect(),
            ..Config::default()
        };
        if let Some(language) = raw.language {
            config.language = match language.get_ref().as_str() {
                "auto" => None,
                value => Some(Language::parse(value).ok_or_else(|| {
                    error_at(
                        Some(language.span()),
                        format!("unknown language \"{value}\": use \"fr\", \"en\" or \"auto\""),
                    )
                })?),
            };
        }
        if let Some(fail_on) = raw.fail_on {
            config.fail_on = match fail_on.get_ref().as_str() {
                "never" => FailOn::Never,
                value => FailOn::Severity(Severity::parse(value).ok_or_else(|| {
                    error_at(
                        Some(fail_on.span()),
                        format!("unknown fail-on level \"{value}\": use error, warning, info, hint or never"),
                    )
                })?),
            };
        }
        let mut ignore = GlobSetBuilder::new();
        for pattern in &raw.ignore {
            let glob = Glob::new(pattern.get_ref()).map_err(|e| {
                error_at(Some(pattern.span()), format!("invalid ignore pattern: {e}"))
            })?;
            ignore.add(glob);
        }
        config.ignore = ignore
            .build()
            .map_err(|e| error_at(None, format!("invalid ignore patterns: {e}")))?;
        for (pattern, level) in raw.rules {
            config
                .rules
                .push(rule_setting(&pattern, &level, &error_at)?);
        }
        Ok(config)
    }

    /// The level set for a rule by the most specific matching `[rules]` entry (an exact code
    /// beats a glob, a longer glob beats a shorter one); `None` leaves the rule as it is.
    pub fn rule_level(&self, code: &str) -> Option<RuleLevel> {
        self.rules
            .iter()
            .filter(|setting| setting.matcher.is_match(code))
            .max_by_key(|setting| (setting.pattern == code, setting.pattern.len()))
            .map(|setting| setting.level)
    }

    /// Whether a path (relative to the config file's folder, or as given) is to be skipped.
    pub fn is_ignored(&self, path: &Path) -> bool {
        let folder = self.path.as_deref().and_then(Path::parent);
        let relative = folder
            .and_then(|folder| path.strip_prefix(folder).ok())
            .unwrap_or(path);
        self.ignore.is_match(relative) || self.ignore.is_match(path)
    }
}

fn rule_setting(
    pattern: &toml::Spanned<String>,
    level: &toml::Spanned<String>,
    error_at: &dyn Fn(Option<std::ops::Range<usize>>, String) -> ConfigError,
) -> Result<RuleSetting, ConfigError> {
    let matcher = Glob::new(pattern.get_ref())
        .map_err(|e| error_at(Some(pattern.span()), format!("invalid rule pattern: {e}")))?
        .compile_matcher();
    if !crate::rules::all()
        .iter()
        .any(|rule| matcher.is_match(rule.info().code))
    {
        return Err(error_at(
            Some(pattern.span()),
            format!(
                "no rule matches \"{}\"; `copydesk rules` lists the codes",
                pattern.get_ref()
            ),
        ));
    }
    let level = RuleLevel::parse(level.get_ref()).ok_or_else(|| {
        error_at(
            Some(level.span()),
            format!(
                "unknown level \"{}\": use error, warning, info, hint or off",
                level.get_ref()
            ),
        )
    })?;
    Ok(RuleSetting {
        pattern: pattern.get_ref().clone(),
        matcher,
        level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/news/.copydesk.toml"))
    }

    #[test]
    fn reads_every_setting() {
        let config = parse(
            "language = \"en\"\nfail-on = \"error\"\ngazetteer = [\"people.toml\"]\nignore = [\"archive/**\"]\n[rules]\n\"style/*\" = \"off\"\n",
        )
        .unwrap();
        assert_eq!(config.language, Some(Language::English));
        assert_eq!(config.fail_on, FailOn::Severity(Severity::Error));
        assert_eq!(config.gazetteers, [PathBuf::from("/news/people.toml")]);
        assert!(config.is_ignored(Path::new("/news/archive/2019/a.md")));
        assert!(!config.is_ignored(Path::new("/news/today.md")));
        assert_eq!(
            config.rule_level("style/repeated-word"),
            Some(RuleLevel::Off)
        );
    }

    #[test]
    fn exact_codes_beat_globs() {
        let config =
            parse("[rules]\n\"style/*\" = \"off\"\n\"style/repeated-word\" = \"error\"\n").unwrap();
        assert_eq!(
            config.rule_level("style/repeated-word"),
            Some(RuleLevel::On(Severity::Error))
        );
        assert_eq!(config.rule_level("entity/misspelled"), None);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let error = parse("language = \"fr\"\nfail-on = \n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(
            error.to_string().starts_with("/news/.copydesk.toml:2:"),
            "{error}"
        );
    }

    #[test]
    fn unknown_keys_levels_and_rules_are_errors_with_a_place() {
        let error = parse("langage = \"fr\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (Some(1), Some(1)));
        let error = parse("[rules]\n\"style/repeated-word\" = \"loud\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (Some(2), Some(25)));
        assert!(error.message.contains("loud"));
        let error = parse("[rules]\n\"nothing/*\" = \"off\"\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        let error = parse("language = \"de\"\n").unwrap_err();
        assert!(error.message.contains("de"));
    }

    #[test]
    fn gazetteers_load_with_the_config_and_their_errors_have_a_place() {
        let dir = std::env::temp_dir().join(format!("copydesk-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(FILE_NAME), "gazetteer = [\"people.toml\"]\n").unwrap();
        std::fs::write(
            dir.join("people.toml"),
            "[[entity]]\nkind = \"person\"\nname = { fr = \"Romain Migus\", en = \"Romain Migus\" }\n",
        )
        .unwrap();
        let config = Config::load(&dir.join(FILE_NAME)).unwrap();
        assert!(!config.gazetteer.lookup("romain migus").is_empty());
        std::fs::write(dir.join("people.toml"), "[[entity]]\nkind = 3\n").unwrap();
        let error = Config::load(&dir.join(FILE_NAME)).unwrap_err();
        assert_eq!(error.path, dir.join("people.toml"));
        assert_eq!(error.line, Some(2), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
