//! `--format github`: GitHub Actions workflow commands, which annotate the pull request.

use crate::check::Checked;
use crate::output::{suggestion_note, Place};
use copydesk_core::Severity;
use std::io::{self, Write};

pub fn write(out: &mut impl Write, checked: &[Checked]) -> io::Result<()> {
    for c in checked {
        let doc = &c.article.doc;
        for d in &c.diagnostics {
            let place = Place::of(doc, &d.span);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let mut message = d.message.clone();
            if let Some(note) = suggestion_note(doc, d) {
                message = format!("{message} ({note})");
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&c.article.name),
                place.start.line,
                place.start.column,
                place.end.line,
                place.end.column,
                escape_property(d.code),
                escape_data(&message),
            )?;
        }
    }
    Ok(())
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_workflow_commands_reserve() {
        assert_eq!(escape_data("50 %\nfin"), "50 %25%0Afin");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
