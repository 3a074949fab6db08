//! `--format json`: one object per finding. This shape is a public contract (see README).
//!
//! The report is written by hand, byte for byte as `serde_json::to_writer_pretty` writes it
//! (two-space indent, its string escapes): the shape is fixed, and serde's generic pretty printer
//! cost as much per finding as modelling a paragraph. A test holds the two to the same bytes.

use crate::check::Checked;
use crate::output::Place;
use copydesk_core::{Diagnostic, Document};
use std::io::{self, Write};
use std::ops::Range;

/// Bytes gathered before they go to the output: large enough to make few writes, small enough
/// that a large report is never held whole.
const CHUNK: usize = 64 * 1024;

pub fn write(out: &mut impl Write, checked: &[Checked]) -> io::Result<()> {
    let mut json = Json(Vec::with_capacity(2 * CHUNK));
    json.raw("[");
    let mut first = true;
    for c in checked {
        for diagnostic in &c.diagnostics {
            json.raw(if first { "\n  " } else { ",\n  " });
            first = false;
            json.finding(&c.article.name, &c.article.doc, diagnostic);
            if json.0.len() >= CHUNK {
                out.write_all(&json.0)?;
                json.0.clear();
            }
        }
    }
    json.raw(if first { "]\n" } else { "\n]\n" });
    out.write_all(&json.0)
}

/// The fixed text around the numbers of a span, its members indented by `$outer`:
/// `"byte_range": [start, end]` and `"range": {"start": {"line", "column"}, "end": {…}}`,
/// one value a line.
macro_rules! span_layout {
    ($outer:literal, $inner:literal, $innermost:literal) => {
        [
            concat!(",\n", $outer, "\"byte_range\": [\n", $inner),
            concat!(",\n", $inner),
            concat!(
                "\n",
                $outer,
                "],\n",
                $outer,
                "\"range\": {\n",
                $inner,
                "\"start\": {\n"
            ),
            concat!($innermost, "\"line\": "),
            concat!(",\n", $innermost, "\"column\": "),
            concat!("\n", $inner, "},\n", $inner, "\"end\": {\n"),
            concat!("\n", $inner, "}\n", $outer, "}"),
        ]
    };
}

/// A finding's span: its members are indented by four spaces.
const FINDING_SPAN: [&str; 7] = span_layout!("    ", "      ", "        ");
/// A related place's span: eight spaces.
const RELATED_SPAN: [&str; 7] = span_layout!("        ", "          ", "            ");

/// The report being written.
struct Json(Vec<u8>);

impl Json {
    fn raw(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    fn finding(&mut self, path: &str, doc: &Document, d: &Diagnostic) {
        self.raw("{\n    \"path\": ");
        self.string(path);
        self.raw(",\n    \"code\": ");
        self.string(d.code);
        self.raw(",\n    \"severity\": ");
        self.string(d.severity.as_str());
        self.raw(",\n    \"message\": ");
        self.string(&d.message);
        self.span(&FINDING_SPAN, doc, &d.span);
        self.raw(",\n    \"suggestions\": ");
        if d.suggestions.is_empty() {
            self.raw("[]");
        } else {
            for (index, suggestion) in d.suggestions.iter().enumerate() {
                self.raw(if index == 0 { "[\n      " } else { ",\n      " });
                self.string(suggestion);
            }
            self.raw("\n    ]");
        }
        self.raw(if d.safe_fix {
            ",\n    \"fix_safe\": true"
        } else {
            ",\n    \"fix_safe\": false"
        });
        self.raw(",\n    \"related\": ");
        if d.related.is_empty() {
            self.raw("[]");
        } else {
            for (index, related) in d.related.iter().enumerate() {
                self.raw(if index == 0 {
                    "[\n      {"
                } else {
                    ",\n      {"
                });
                self.raw("\n        \"message\": ");
                self.string(&related.message);
                self.span(&RELATED_SPAN, doc, &related.span);
                self.raw("\n      }");
            }
            self.raw("\n    ]");
        }
        self.raw("\n  }");
    }

    fn span(&mut self, layout: &[&str; 7], doc: &Document, span: &Range<usize>) {
        let place = Place::of(doc, span);
        self.raw(layout[0]);
        self.number(span.start as u64);
        self.raw(layout[1]);
        self.number(span.end as u64);
        self.raw(layout[2]);
        for (position, after) in [(place.start, layout[5]), (place.end, layout[6])] {
            self.raw(layout[3]);
            self.number(position.line.into());
            self.raw(layout[4]);
            self.number(position.column.into());
            self.raw(after);
        }
    }

    fn number(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.extend_from_slice(&digits[start..]);
    }

    /// A string with serde_json's escapes: `"`, `\` and the control characters; everything
    /// else, non-ASCII included, as is. Eight bytes are looked at a time, and runs of plain
    /// bytes copied whole.
    fn string(&mut self, s: &str) {
        self.0.push(b'"');
        let bytes = s.as_bytes();
        let mut plain = 0;
        let mut at = 0;
        while at < bytes.len() {
            if let Some(chunk) = bytes.get(at..at + 8) {
                if !needs_escape(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))) {
                    at += 8;
                    continue;
                }
            }
            let byte = bytes[at];
            if byte >= 0x20 && byte != b'"' && byte != b'\\' {
                at += 1;
                continue;
            }
            self.0.extend_from_slice(&bytes[plain..at]);
            self.escape(byte);
            at += 1;
            plain = at;
        }
        self.0.extend_from_slice(&bytes[plain..]);
        self.0.push(b'"');
    }

    fn escape(&mut self, byte: u8) {
        match byte {
            b'"' => self.raw("\\\""),
            b'\\' => self.raw("\\\\"),
            b'\x08' => self.raw("\\b"),
            b'\x0C' => self.raw("\\f"),
            b'\n' => self.raw("\\n"),
            b'\r' => self.raw("\\r"),
            b'\t' => self.raw("\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let high = HEX[usize::from(byte >> 4)];
                let low = HEX[usize::from(byte & 0xF)];
                self.0
                    .extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            }
        }
    }
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = LOW_BITS * 0x80;

/// Whether any of eight bytes is a control character, `"` or `\`.
fn needs_escape(bytes: u64) -> bool {
    // The high bit of (b - 0x20) & !b is set for b < 0x20 and for no other byte, when no
    // lower byte borrowed; a borrow comes only from a lower byte below 0x20, found anyway.
    let control = bytes.wrapping_sub(LOW_BITS * 0x20) & !bytes;
    let quote = is_zero_byte(bytes ^ (LOW_BITS * u64::from(b'"')));
    let backslash = is_zero_byte(bytes ^ (LOW_BITS * u64::from(b'\\')));
    (control | quote | backslash) & HIGH_BITS != 0
}

/// The high bit set in some byte when a byte of `bytes` is zero (and only then: a false
/// positive needs a zero byte below it).
fn is_zero_byte(bytes: u64) -> u64 {
    bytes.wrapping_sub(LOW_BITS) & !bytes & HIGH_BITS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Article;
    use copydesk_core::diagnostic::Related;
    use copydesk_core::{Config, Format, Severity};
    use serde::Serialize;
    use std::sync::Arc;

    /// The report as serde_json wrote it before: the reference for the bytes.
    mod reference {
        use super::*;

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

        pub(super) fn write(checked: &[Checked]) -> Vec<u8> {
            let findings: Vec<Finding> = checked
                .iter()
                .flat_map(|c| {
                    c.diagnostics
                        .iter()
                        .map(move |d| finding(&c.article.name, &c.article.doc, d))
                })
                .collect();
            let mut out = serde_json::to_vec_pretty(&findings).expect("serialisable");
            out.push(b'\n');
            out
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
    }

    const SOURCE: &str = "\u{FEFF}Zaïomski 🗣 dit\r\n« oui »\n\nl’armée\u{00A0}d'Été.\n";

    fn article(name: &str, diagnostics: Vec<Diagnostic>) -> Checked {
        let doc = Document::new(SOURCE.to_string(), Format::PlainText, None);
        Checked {
            article: Article {
                name: name.to_string(),
                path: None,
                doc,
                config: Arc::new(Config::default()),
            },
            diagnostics,
        }
    }

    fn diagnostic(span: Range<usize>, message: &str) -> Diagnostic {
        Diagnostic::new("entity/misspelled", span, message)
    }

    fn written(checked: &[Checked]) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, checked).expect("written to memory");
        out
    }

    fn assert_same_bytes(checked: &[Checked]) {
        let (now, before) = (written(checked), reference::write(checked));
        assert_eq!(
            String::from_utf8_lossy(&now),
            String::from_utf8_lossy(&before)
        );
    }

    #[test]
    fn an_empty_report_is_an_empty_array() {
        assert_same_bytes(&[]);
        assert_same_bytes(&[article("a.txt", Vec::new())]);
        assert_eq!(written(&[]), b"[]\n");
    }

    #[test]
    fn findings_are_written_as_serde_json_writes_them() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        let mut escapes = diagnostic(3..11, &format!("\"q\" \\ {every_control}\u{7F}\u{2028}é🗣"));
        escapes.severity = Severity::Error;
        escapes.suggestions = vec!["Zaïomsky".into(), String::new(), "a\"b\\".into()];
        escapes.safe_fix = true;
        let mut related = diagnostic(0..SOURCE.len(), "l’autre « graphie »");
        related.related = vec![
            Related {
                span: 3..11,
                message: "l'autre graphie : « Zaïomski »".into(),
            },
            Related {
                span: SOURCE.len() + 40..SOURCE.len() + 50,
                message: String::new(),
            },
        ];
        related.suggestions = vec!["un".into()];
        let second = vec![diagnostic(26..29, ""), diagnostic(30..30, "\n")];
        assert_same_bytes(&[
            article("dossier/\"é\"\\a.txt", vec![escapes, related]),
            article("b.txt", Vec::new()),
            article("c.md", second),
        ]);
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them_wherever_the_byte_falls() {
        let specials = (0u8..0x20)
            .map(char::from)
            .chain(['"', '\\', '\u{7F}', 'é', '’', '🗣']);
        for special in specials {
            for before in 0..18 {
                let text = format!("{}{special}{}", "a".repeat(before), "bé".repeat(before % 5));
                let mut json = Json(Vec::new());
                json.string(&text);
                let expected = serde_json::to_string(&text).expect("serialisable");
                assert_eq!(String::from_utf8_lossy(&json.0), expected, "{text:?}");
            }
        }
    }

    #[test]
    fn large_reports_are_written_in_chunks_with_the_same_bytes() {
        let many = (0..2000)
            .map(|i| diagnostic(3 + i % 20..6 + i % 20, &"x".repeat(i % 50)))
            .collect();
        assert_same_bytes(&[article("a.txt", many)]);
    }
}
