//! Finding the articles to read, their configuration, and reading them.

use crate::{CommonArgs, LanguageArg};
use copydesk_core::document::decode;
use copydesk_core::{Config, Document, Format, Language};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where an article comes from.
#[derive(Clone, Debug)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// An article read and modelled, with the configuration that applies to it.
pub struct Article {
    /// The name shown in reports: the path as given or walked, or the stdin name.
    pub name: String,
    pub path: Option<PathBuf>,
    pub doc: Document,
    pub config: Arc<Config>,
}

/// Something that stops one input from being checked; reported on stderr, exit status 2.
#[derive(Debug)]
pub struct Problem(pub String);

/// Expands the command line's paths into inputs, in a stable order.
pub fn collect(args: &CommonArgs, configs: &Configs) -> (Vec<Input>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut stdin = false;
    for arg in &args.paths {
        if arg == "-" {
            stdin = true;
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            walk(&path, configs, &mut files, &mut problems);
        } else if path.is_file() {
            files.push(path);
        } else {
            problems.push(Problem(format!("{arg}: no such file or folder")));
        }
    }
    files.sort();
    files.dedup();
    let mut inputs: Vec<Input> = files.into_iter().map(Input::File).collect();
    if stdin {
        inputs.push(Input::Stdin);
    }
    (inputs, problems)
}

fn walk(folder: &Path, configs: &Configs, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let walker = ignore::WalkBuilder::new(folder).require_git(false).build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(Problem(error.to_string()));
                continue;
            }
        };
        let path = entry.path();
        let is_article =
            entry.file_type().is_some_and(|t| t.is_file()) && Format::from_path(path).is_some();
        if !is_article {
            continue;
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let ignored = configs
            .for_path(path)
            .is_ok_and(|config| config.is_ignored(&absolute));
        if !ignored {
            files.push(clean(path));
        }
    }
}

/// "./a.md" is shown as "a.md".
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// Configurations by file, loaded once each.
pub struct Configs {
    forced: Option<PathBuf>,
    loaded: Mutex<HashMap<PathBuf, Result<Arc<Config>, String>>>,
    default: Arc<Config>,
}

impl Configs {
    pub fn new(forced: Option<PathBuf>) -> Configs {
        Configs {
            forced,
            loaded: Mutex::new(HashMap::new()),
            default: Arc::new(Config::default()),
        }
    }

    /// The configuration for an article at `path` (or, for stdin, named `path`).
    pub fn for_path(&self, path: &Path) -> Result<Arc<Config>, String> {
        let found = match &self.forced {
            Some(forced) => Some(forced.clone()),
            None => {
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                let folder = folder.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                let absolute = std::path::absolute(&folder).unwrap_or(folder);
                Config::discover(&absolute)
            }
        };
        let Some(config_path) = found else {
            return Ok(self.default.clone());
        };
        let mut loaded = self
            .loaded
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        loaded
            .entry(config_path.clone())
            .or_insert_with(|| {
                Config::load(&config_path)
                    .map(Arc::new)
                    .map_err(|error| error.to_string())
            })
            .clone()
    }
}

/// Reads an input and builds its model.
pub fn read(input: &Input, args: &CommonArgs, configs: &Configs) -> Result<Article, Problem> {
    let (name, path, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Problem(format!("<stdin>: cannot read: {e}")))?;
            let name = args
                .stdin_filename
                .as_ref()
                .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
            (name, None, bytes)
        }
        Input::File(path) => {
            let name = path.display().to_string();
            let bytes =
                std::fs::read(path).map_err(|e| Problem(format!("{name}: cannot read: {e}")))?;
            (name, Some(path.clone()), bytes)
        }
    };
    let config_anchor = path
        .clone()
        .or_else(|| args.stdin_filename.clone())
        .unwrap_or_else(|| PathBuf::from("<stdin>"));
    let config = configs
        .for_path(&config_anchor)
        .map_err(|message| Problem(format!("{name}: configuration error: {message}")))?;
    let source = decode(bytes).map_err(|error| Problem(format!("{name}: {error}")))?;
    let format = Format::from_path(&config_anchor).unwrap_or(Format::PlainText);
    let language = args.language.map(to_language).or(config.language);
    let doc = Document::new(source, format, language);
    Ok(Article {
        name,
        path,
        doc,
        config,
    })
}

fn to_language(arg: LanguageArg) -> Language {
    match arg {
        LanguageArg::Fr => Language::French,
        LanguageArg::En => Language::English,
    }
}
