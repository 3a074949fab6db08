//! `--format json`: one object per finding. This shape is a public contract (see README).

use crate::check::Checked;
use crate::output::Place;
use copydesk_core::{Diagnostic, Document, Severity};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

#[derive(Serialize)]
struct Finding<'a> {
    path: &'a str,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    byte_range: [usize; 2],
    range: Range,
    suggestions: &'a [String],
    fix_safe: bool,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    byte_range: [usize; 2],
    range: Range,
}

fn range(place: Place) -> Range {
    Range {
        start: Position {
            line: place.start.line,
            column: place.start.column,
        },
        end: Position {
            line: place.end.line,
            column: place.end.column,
        },
    }
}

pub fn write(out: &mut impl Write, checked: &[Checked]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Findings(checked))?;
    writeln!(out)
}

/// The findings of every article, serialised one by one as they are made rather than gathered
/// first: a large report then never holds all of them twice.
struct Findings<'a>(&'a [Checked]);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|c| {
            c.diagnostics
                .iter()
                .map(move |d| finding(&c.article.name, &c.article.doc, d))
        }))
    }
}

fn finding<'a>(path: &'a str, doc: &Document, d: &'a Diagnostic) -> Finding<'a> {
    Finding {
        path,
        code: d.code,
        severity: d.severity,
        message: &d.message,
        byte_range: [d.span.start, d.span.end],
        range: range(Place::of(doc, &d.span)),
        suggestions: &d.suggestions,
        fix_safe: d.safe_fix,
        related: d
            .related
            .iter()
            .map(|r| Related {
                message: &r.message,
                byte_range: [r.span.start, r.span.end],
                range: range(Place::of(doc, &r.span)),
            })
            .collect(),
    }
}
