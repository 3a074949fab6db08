//! The human format: frames like rustc's, coloured on a terminal.

use crate::check::Checked;
use crate::output::suggestion_note;
use crate::ColorArg;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer};
use copydesk_core::Severity;
use std::io::{self, IsTerminal, Write};

/// Whether to colour: as asked, or when stdout is a terminal and NO_COLOR is not set.
pub fn use_color(choice: ColorArg) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

pub fn write(out: &mut impl Write, checked: &[Checked], color: bool) -> io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = term::Config::default();
    let mut counts = [0usize; 4];
    for c in checked {
        let file = files.add(c.article.name.clone(), c.article.doc.source.as_str());
        for d in &c.diagnostics {
            counts[d.severity as usize] += 1;
            let mut labels = vec![Label::primary(file, d.span.clone())];
            labels.extend(
                d.related.iter().map(|r| {
                    Label::secondary(file, r.span.clone()).with_message(r.message.clone())
                }),
            );
            let notes = suggestion_note(&c.article.doc, d).into_iter().collect();
            let frame = Diagnostic::new(level(d.severity))
                .with_code(d.code)
                .with_message(d.message.clone())
                .with_labels(labels)
                .with_notes(notes);
            term::emit_to_write_style(&mut buffer, &config, &files, &frame)
                .map_err(io::Error::other)?;
        }
    }
    out.write_all(buffer.as_slice())?;
    writeln!(out, "{}", summary(counts, checked.len()))
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
        Severity::Hint => Level::Help,
    }
}

/// "2 warnings, 1 info in 3 articles".
fn summary(counts: [usize; 4], articles: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 || word == "info" {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let parts: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .filter(|s| counts[**s as usize] > 0)
        .map(|s| plural(counts[*s as usize], s.as_str()))
        .collect();
    let found = if parts.is_empty() {
        "no finding".to_string()
    } else {
        parts.join(", ")
    };
    format!("{found} in {}", plural(articles, "article"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_by_severity() {
        assert_eq!(summary([0, 1, 2, 0], 3), "2 warnings, 1 info in 3 articles");
        assert_eq!(summary([0; 4], 1), "no finding in 1 article");
    }
}
