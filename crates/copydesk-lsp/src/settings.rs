//! Which configuration applies to a document: the nearest `.copydesk.toml` (each root of a
//! multi-root workspace finds its own), with the editor's settings on top.
//!
//! Editor settings come from `initializationOptions` and `workspace/didChangeConfiguration`,
//! either as they are or under a `copydesk` key:
//!
//! ```json
//! { "language": "fr", "rules": { "style/*": "off" }, "gazetteers": ["/newsroom/people.toml"] }
//! ```

use copydesk_core::config::FILE_NAME;
use copydesk_core::gazetteer::Gazetteer;
use copydesk_core::Config;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the editor's settings may set. Unknown keys are ignored: editors send their own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `fr`, `en` or `auto`.
    pub language: Option<String>,
    /// Rule code or glob → severity or `off`, over the file's `[rules]`.
    pub rules: BTreeMap<String, String>,
    /// Extra gazetteer files, after those of the file; relative ones from the file's folder.
    pub gazetteers: Vec<PathBuf>,
}

impl Settings {
    /// Reads settings sent by the editor; `null` or an empty object means none.
    pub fn from_json(value: &Value) -> Result<Settings, String> {
        let value = value.get("copydesk").unwrap_or(value);
        if value.is_null() {
            return Ok(Settings::default());
        }
        Settings::deserialize(value).map_err(|error| format!("copydesk settings: {error}"))
    }

    fn is_empty(&self) -> bool {
        self.language.is_none() && self.rules.is_empty() && self.gazetteers.is_empty()
    }

    /// Lays the settings over a configuration file's table.
    fn overlay(&self, table: &mut toml::Table) {
        if let Some(language) = &self.language {
            table.insert("language".into(), toml::Value::String(language.clone()));
        }
        if !self.gazetteers.is_empty() {
            let files = table
                .entry("gazetteer")
                .or_insert_with(|| toml::Value::Array(Vec::new()));
            if let toml::Value::Array(files) = files {
                let paths = self
                    .gazetteers
                    .iter()
                    .map(|path| path.display().to_string());
                files.extend(paths.map(toml::Value::String));
            }
        }
        if self.rules.is_empty() {
            return;
        }
        let rules = table
            .entry("rules")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(rules) = rules {
            for (pattern, level) in &self.rules {
                rules.insert(pattern.clone(), toml::Value::String(level.clone()));
            }
        }
    }
}

/// A configuration and the problems met while building it (shown to the user once).
#[derive(Clone, Debug)]
pub struct Resolved {
    pub config: Arc<Config>,
    pub problems: Vec<String>,
}

/// Resolved configurations, cached by configuration file until a file or the settings change.
#[derive(Default)]
pub struct ConfigStore {
    settings: Settings,
    folders: HashMap<PathBuf, Option<PathBuf>>,
    configs: HashMap<Option<PathBuf>, Resolved>,
}

impl ConfigStore {
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.configs.clear();
    }

    /// Forgets what was read from disk, after a configuration file changed.
    pub fn forget_files(&mut self) {
        self.folders.clear();
        self.configs.clear();
    }

    /// The configuration for a document in `folder` (`None` for documents not on disk), and
    /// whether it was built just now (so its problems are new).
    pub fn resolve(&mut self, folder: Option<&Path>) -> (Resolved, bool) {
        let file = folder.and_then(|folder| {
            self.folders
                .entry(folder.to_path_buf())
                .or_insert_with(|| Config::discover(folder))
                .clone()
        });
        if let Some(resolved) = self.configs.get(&file) {
            return (resolved.clone(), false);
        }
        let resolved = build(file.as_deref(), &self.settings);
        self.configs.insert(file, resolved.clone());
        (resolved, true)
    }
}

fn build(file: Option<&Path>, settings: &Settings) -> Resolved {
    let mut problems = Vec::new();
    let mut text = String::new();
    let mut base = Config::default();
    if let Some(path) = file {
        match Config::load(path) {
            Ok(config) => {
                base = config;
                text = std::fs::read_to_string(path).unwrap_or_default();
            }
            Err(error) => problems.push(error.to_string()),
        }
    }
    if settings.is_empty() {
        return Resolved {
            config: Arc::new(base),
            problems,
        };
    }
    let mut table: toml::Table = toml::from_str(&text).unwrap_or_default();
    settings.overlay(&mut table);
    let anchor = file.map_or_else(|| PathBuf::from(FILE_NAME), Path::to_path_buf);
    let merged = toml::to_string(&table).unwrap_or_default();
    let config = match Config::parse(&merged, &anchor) {
        Ok(mut config) if settings.gazetteers.is_empty() => {
            config.gazetteer = base.gazetteer.clone();
            config
        }
        Ok(mut config) => {
            // The settings add files: load them with the file's own (parse only names them).
            match Gazetteer::bundled_with(&config.gazetteers) {
                Ok(gazetteer) => config.gazetteer = Arc::new(gazetteer),
                Err(error) => {
                    problems.push(error.to_string());
                    config.gazetteer = base.gazetteer.clone();
                }
            }
            config
        }
        Err(error) => {
            problems.push(format!("copydesk settings: {}", error.message));
            base
        }
    };
    Resolved {
        config: Arc::new(config),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::config::RuleLevel;
    use copydesk_core::{Language, Severity};
    use serde_json::json;

    #[test]
    fn settings_are_read_bare_or_under_copydesk() {
        let bare = Settings::from_json(&json!({"language": "en", "other": 1})).unwrap();
        let nested = Settings::from_json(&json!({"copydesk": {"language": "en"}})).unwrap();
        assert_eq!(bare, nested);
        assert_eq!(Settings::from_json(&Value::Null), Ok(Settings::default()));
        assert!(Settings::from_json(&json!({"rules": 3})).is_err());
    }

    #[test]
    fn settings_override_the_file_and_each_root_has_its_own_file() {
        let workspace = std::env::temp_dir().join(format!("copydesk-lsp-{}", std::process::id()));
        let (one, two) = (workspace.join("one"), workspace.join("two"));
        std::fs::create_dir_all(&one).unwrap();
        std::fs::create_dir_all(&two).unwrap();
        std::fs::write(
            one.join(FILE_NAME),
            "language = \"fr\"\n[rules]\n\"style/*\" = \"info\"\n",
        )
        .unwrap();
        std::fs::write(two.join(FILE_NAME), "language = \"en\"\n").unwrap();
        let mut store = ConfigStore::default();
        let (first, fresh) = store.resolve(Some(&one));
        assert!(fresh && first.problems.is_empty());
        assert_eq!(first.config.language, Some(Language::French));
        assert_eq!(
            store.resolve(Some(&two)).0.config.language,
            Some(Language::English)
        );
        assert!(!store.resolve(Some(&one)).1);
        store.set_settings(Settings {
            language: None,
            rules: [("style/repeated-word".to_string(), "error".to_string())].into(),
            ..Settings::default()
        });
        let config = store.resolve(Some(&one)).0.config;
        assert_eq!(config.language, Some(Language::French));
        assert_eq!(
            config.rule_level("style/repeated-word"),
            Some(RuleLevel::On(Severity::Error))
        );
        std::fs::write(two.join(FILE_NAME), "language = ").unwrap();
        store.forget_files();
        let (broken, _) = store.resolve(Some(&two));
        assert_eq!(broken.problems.len(), 1);
        std::fs::remove_dir_all(&workspace).unwrap();
    }

    #[test]
    fn bad_settings_are_a_problem_not_a_failure() {
        let mut store = ConfigStore::default();
        store.set_settings(Settings {
            language: Some("de".into()),
            ..Settings::default()
        });
        let (resolved, _) = store.resolve(None);
        assert_eq!(resolved.config.language, None);
        assert!(resolved.problems[0].contains("de"));
    }

    #[test]
    fn gazetteers_from_the_settings_are_loaded_and_a_missing_one_is_a_problem() {
        let folder = std::env::temp_dir().join(format!("copydesk-lsp-gaz-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let people = folder.join("people.toml");
        std::fs::write(
            &people,
            "[[entity]]\nkind = \"person\"\nname = { fr = \"Aurélie Zwenkova\", en = \"Aurelie Zwenkova\" }\n",
        )
        .unwrap();
        let mut store = ConfigStore::default();
        assert!(store
            .resolve(None)
            .0
            .config
            .gazetteer
            .lookup("Aurélie Zwenkova")
            .is_empty());
        store.set_settings(Settings::from_json(&json!({ "gazetteers": [people] })).unwrap());
        let (resolved, _) = store.resolve(None);
        assert!(resolved.problems.is_empty(), "{:?}", resolved.problems);
        assert_eq!(
            resolved.config.gazetteer.lookup("Aurelie Zwenkova").len(),
            1
        );
        let missing = folder.join("none.toml");
        store.set_settings(Settings::from_json(&json!({ "gazetteers": [missing] })).unwrap());
        let (broken, _) = store.resolve(None);
        assert!(
            broken.problems[0].contains("none.toml"),
            "{:?}",
            broken.problems
        );
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
