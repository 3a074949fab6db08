//! Hovers: on a finding, why it matters.

use crate::analysis::Analysis;
use copydesk_core::rules;

/// Markdown for the findings under `offset`: each message, then its rule's explanation.
pub fn diagnostics_hover(analysis: &Analysis, offset: usize) -> Option<String> {
    let sections: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= offset && offset < d.span.end.max(d.span.start + 1))
        .map(|d| {
            let explanation = rules::find(d.code)
                .map(|rule| rule.info().explanation())
                .unwrap_or_default();
            format!("**{}** — {}\n\n{explanation}", d.code, d.message)
        })
        .collect();
    (!sections.is_empty()).then(|| sections.join("\n\n---\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::{Config, Format};

    #[test]
    fn explains_the_finding_under_the_cursor_only() {
        let text = "Les opposants sont sont divisés.";
        let analysis = Analysis::new(text.into(), Format::PlainText, &Config::default(), 1);
        let on = diagnostics_hover(&analysis, text.find("sont").unwrap()).unwrap();
        assert!(on.starts_with("**style/repeated-word** — « sont »"));
        assert!(on.contains("## Why it matters"));
        assert_eq!(diagnostics_hover(&analysis, 0), None);
        assert_eq!(
            diagnostics_hover(&analysis, text.find("divisés").unwrap()),
            None
        );
    }
}
