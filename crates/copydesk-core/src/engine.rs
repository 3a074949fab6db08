//! Running the rules over an article.

use crate::config::{Config, RuleLevel};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::{self, Rule};

/// What a rule may read.
pub struct CheckContext<'a> {
    pub doc: &'a Document,
    pub config: &'a Config,
}

/// Runs every enabled rule over the article. Findings come sorted by position, with the
/// configured severities, and without those a suppression comment turns off.
pub fn check(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let ctx = CheckContext { doc, config };
    let rules: Vec<&'static dyn Rule> = enabled_rules(config).collect();
    finish(doc, config, run_rules(&ctx, &rules))
}

/// Runs rules over the article, the name rules beside the others when a second core is free:
/// the name rules share one analysis of the article's names (made once per thread), so they
/// stay together, and the language server waits only for the slower half.
pub(crate) fn run_rules(
    ctx: &CheckContext,
    rules: &[&'static dyn Rule],
) -> Vec<(&'static dyn Rule, Vec<Diagnostic>)> {
    let (names, others): (Vec<&'static dyn Rule>, Vec<&'static dyn Rule>) = rules
        .iter()
        .partition(|rule| rule.info().code.starts_with("entity/"));
    let run = |group: Vec<&'static dyn Rule>| {
        group
            .into_iter()
            .map(|rule| {
                let mut out = Vec::new();
                rule.check(ctx, &mut out);
                (rule, out)
            })
            .collect::<Vec<_>>()
    };
    let (mut found, other_found) = rayon::join(|| run(names), || run(others));
    found.extend(other_found);
    found
}

/// The rules the configuration does not turn off, in registry order.
pub(crate) fn enabled_rules(config: &Config) -> impl Iterator<Item = &'static dyn Rule> + '_ {
    rules::all()
        .iter()
        .copied()
        .filter(|rule| config.rule_level(rule.info().code) != Some(RuleLevel::Off))
}

/// Applies the configured severities and the suppression comments to each rule's findings
/// (rules in registry order), then sorts them by position.
pub(crate) fn finish(
    doc: &Document,
    config: &Config,
    found: Vec<(&'static dyn Rule, Vec<Diagnostic>)>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (rule, findings) in found {
        let level = config.rule_level(rule.info().code);
        for mut diagnostic in findings {
            if doc.is_suppressed(diagnostic.code, diagnostic.span.start) {
                continue;
            }
            if let Some(RuleLevel::On(severity)) = level {
                diagnostic.severity = severity;
            }
            diagnostics.push(diagnostic);
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
    diagnostics.dedup_by(|a, b| a.span == b.span && a.code == b.code);
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::Format;
    use std::path::Path;

    const DOUBLED: &str = "Les opposants sont sont divisés.\n";

    #[test]
    fn configured_severity_and_off_apply() {
        let doc = Document::new(DOUBLED.into(), Format::Markdown, None);
        let config =
            Config::parse("[rules]\n\"style/*\" = \"error\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(check(&doc, &config)[0].severity, Severity::Error);
        let config =
            Config::parse("[rules]\n\"style/*\" = \"off\"\n", Path::new("c.toml")).unwrap();
        assert!(check(&doc, &config).is_empty());
    }

    #[test]
    fn suppression_comments_apply() {
        let text = format!("<!-- copydesk-disable-next-line style/repeated-word -->\n{DOUBLED}");
        let doc = Document::new(text, Format::Markdown, None);
        assert!(check(&doc, &Config::default()).is_empty());
    }

    #[test]
    fn code_is_never_checked() {
        let doc = Document::new(
            "Texte `sont sont` fin.\n\n    sont sont\n".into(),
            Format::Markdown,
            None,
        );
        assert!(check(&doc, &Config::default()).is_empty());
    }
}
