//! `copydesk fix`: applies the suggestions marked safe, writing each file atomically.

use crate::files::{self, Article, Configs, Input, Problem};
use crate::{status, FixArgs};
use copydesk_core::fix::apply_safe_fixes;
use copydesk_core::Document;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Fixing can reveal or create another safe finding; a few passes reach a fixed point.
const MAX_PASSES: usize = 8;

pub fn run(args: FixArgs) -> u8 {
    let configs = Configs::new(args.common.config.clone());
    let (inputs, mut problems) = files::collect(&args.common, &configs);
    for input in &inputs {
        if let Err(problem) = fix_one(input, &args, &configs) {
            problems.push(problem);
        }
    }
    for Problem(message) in &problems {
        eprintln!("copydesk: {message}");
    }
    if problems.is_empty() {
        status::CLEAN
    } else {
        status::TROUBLE
    }
}

fn fix_one(input: &Input, args: &FixArgs, configs: &Configs) -> Result<(), Problem> {
    let article = files::read(input, &args.common, configs)?;
    let (fixed, count) = fix_until_stable(&article);
    let original = &article.doc.source;
    let write_error = |e: io::Error| Problem(format!("{}: cannot write: {e}", article.name));
    if args.dry_run {
        print_diff(&article.name, original, &fixed).map_err(write_error)?;
        return Ok(());
    }
    match &article.path {
        None => io::stdout()
            .write_all(fixed.as_bytes())
            .map_err(write_error)?,
        Some(path) if count > 0 => {
            write_atomically(path, &fixed).map_err(write_error)?;
            eprintln!("{}: {count} fixed", article.name);
        }
        Some(_) => {}
    }
    Ok(())
}

/// Applies safe fixes until none is left; returns the text and how many were applied.
pub fn fix_until_stable(article: &Article) -> (String, usize) {
    let mut text = article.doc.source.clone();
    let mut total = 0;
    for _ in 0..MAX_PASSES {
        let doc = Document::new(text.clone(), article.doc.format, Some(article.doc.language));
        let diagnostics = copydesk_core::check(&doc, &article.config);
        let (next, applied) = apply_safe_fixes(&text, &diagnostics);
        if applied == 0 {
            break;
        }
        total += applied;
        text = next;
    }
    (text, total)
}

fn print_diff(name: &str, original: &str, fixed: &str) -> io::Result<()> {
    if original == fixed {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(original, fixed);
    let mut stdout = io::stdout().lock();
    write!(
        stdout,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )
}

/// Writes through a temporary file in the same folder, then renames it over the original, so
/// that an interrupted write never leaves a half-written article. Permissions are kept and a
/// symbolic link keeps pointing at the (updated) file it pointed at.
fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&target)?.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".copydesk-fix-")
        .tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
