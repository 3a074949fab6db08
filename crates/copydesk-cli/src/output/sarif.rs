//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it.

use crate::check::Checked;
use crate::output::Place;
use copydesk_core::rules;
use copydesk_core::Severity;
use serde_json::{json, Value};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn write(out: &mut impl Write, checked: &[Checked]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(checked))?;
    writeln!(out)
}

fn log(checked: &[Checked]) -> Value {
    let rules: Vec<Value> = rules::all()
        .iter()
        .map(|rule| rule_descriptor(rule.info()))
        .collect();
    let results: Vec<Value> = checked
        .iter()
        .flat_map(|c| c.diagnostics.iter().map(move |d| result(c, d)))
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/copydesk/copydesk",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn rule_descriptor(info: &rules::RuleInfo) -> Value {
    json!({
        "id": info.code,
        "name": info.code.replace(['/', '-'], "_"),
        "shortDescription": { "text": info.summary() },
        "fullDescription": { "text": info.summary() },
        "help": { "text": info.explanation(), "markdown": info.explanation() },
        "defaultConfiguration": { "level": level(info.default_severity) },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn region(c: &Checked, span: &std::ops::Range<usize>) -> Value {
    let place = Place::of(&c.article.doc, span);
    json!({
        "startLine": place.start.line,
        "startColumn": place.start.column,
        "endLine": place.end.line,
        "endColumn": place.end.column,
    })
}

fn location(c: &Checked, span: &std::ops::Range<usize>) -> Value {
    json!({ "physicalLocation": {
        "artifactLocation": { "uri": uri(&c.article.name) },
        "region": region(c, span),
    }})
}

fn result(c: &Checked, d: &copydesk_core::Diagnostic) -> Value {
    let rule_index = rules::all().iter().position(|r| r.info().code == d.code);
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [location(c, &d.span)],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !d.related.is_empty() {
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                let mut place = location(c, &r.span);
                place["id"] = json!(id);
                place["message"] = json!({ "text": r.message });
                place
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let Some(replacement) = d.suggestions.first() {
        result["fixes"] = json!([{
            "description": { "text": replacement },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(&c.article.name) },
                "replacements": [{
                    "deletedRegion": region(c, &d.span),
                    "insertedContent": { "text": replacement },
                }],
            }],
        }]);
    }
    result
}

/// A URI for a path: relative as given (forward slashes, reserved bytes percent-encoded), or a
/// `file://` URI for an absolute path.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let scheme = if path.starts_with('/') { "file://" } else { "" };
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{scheme}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(
            uri("articles/été 2019.md"),
            "articles/%C3%A9t%C3%A9%202019.md"
        );
        assert_eq!(uri("a\\b.md"), "a/b.md");
        assert_eq!(uri("/tmp/a b.md"), "file:///tmp/a%20b.md");
    }
}
