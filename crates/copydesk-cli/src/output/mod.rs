//! Report formats: human, json, sarif, github.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::check::Checked;
use crate::Format;
use copydesk_core::position::LineCol;
use copydesk_core::{Diagnostic, Document};
use std::io::{self, Write};

/// Writes the findings of every checked article to stdout in the chosen format.
pub fn write(format: Format, checked: &[Checked], color: bool) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        Format::Human => human::write(&mut out, checked, color)?,
        Format::Json => json::write(&mut out, checked)?,
        Format::Sarif => sarif::write(&mut out, checked)?,
        Format::Github => github::write(&mut out, checked)?,
    }
    out.flush()
}

/// One-based line and column (Unicode scalar values) of both ends of a span, as reports show.
pub struct Place {
    pub start: LineCol,
    pub end: LineCol,
}

impl Place {
    pub fn of(doc: &Document, span: &std::ops::Range<usize>) -> Place {
        let one_based = |offset| {
            let position = doc.lines.display_position(&doc.source, offset);
            LineCol {
                line: position.line + 1,
                column: position.column + 1,
            }
        };
        Place {
            start: one_based(span.start),
            end: one_based(span.end),
        }
    }
}

/// The first suggestion as the article's language phrases it.
pub fn suggestion_note(doc: &Document, diagnostic: &Diagnostic) -> Option<String> {
    let first = diagnostic.suggestions.first()?;
    Some(doc.language.pick(
        format!("correction proposée : « {first} »"),
        format!("suggested fix: “{first}”"),
    ))
}
