//! The rules and their one registry.
//!
//! A rule lives in `rules/<family>/<name>.rs` and is declared with [`declare_rule!`], whose doc
//! comment has a fixed shape — a one-line summary, then *What it finds*, *Why it matters*,
//! *Example*, *Never flags* and *Fix* — and becomes data: `copydesk explain`, `copydesk rules`,
//! the README's rule list and the editor hover all print that same text.

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::CheckContext;

pub mod attribution;
pub mod entity;
pub mod fact;
pub mod source;
pub mod style;

/// What a rule is, read from its declaration.
#[derive(Debug)]
pub struct RuleInfo {
    /// `family/name`, e.g. `entity/misspelled`.
    pub code: &'static str,
    pub default_severity: Severity,
    /// The rule's doc comment, as written.
    pub doc: &'static str,
}

/// The sections every rule's doc comment has, in this order.
pub const DOC_SECTIONS: [&str; 5] = [
    "What it finds",
    "Why it matters",
    "Example",
    "Never flags",
    "Fix",
];

impl RuleInfo {
    /// The doc comment as Markdown, without the one leading space `///` leaves on each line.
    pub fn explanation(&self) -> String {
        self.doc
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// The first line of the doc comment.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .unwrap_or("")
    }
}

/// What a rule's findings in a paragraph depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// That paragraph alone (its source and prose text), the article's language and the
    /// configuration: the findings lie inside the paragraph, and the same paragraph anywhere in
    /// any article gets the same ones. Such rules are re-run only on edited paragraphs (see
    /// [`crate::incremental`]).
    Paragraph,
    /// Anything else: other paragraphs (a name spelt elsewhere, a quotation's speaker in the
    /// sentence before), the front matter, or where the paragraph stands.
    Document,
}

/// A check over an article.
pub trait Rule: Send + Sync {
    fn info(&self) -> &'static RuleInfo;

    /// What its findings depend on. A rule is [`Scope::Document`] unless it says otherwise;
    /// `incremental`'s property test holds the others to their word.
    fn scope(&self) -> Scope {
        Scope::Document
    }

    /// Adds this rule's findings to `out`. Severity, configuration and suppression comments are
    /// applied by the engine afterwards.
    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>);
}

/// Declares a rule type whose doc comment becomes its [`RuleInfo`].
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis struct $name:ident;
        code = $code:literal;
        severity = $severity:ident;
    ) => {
        $(#[doc = $doc])+
        $vis struct $name;

        impl $name {
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                code: $code,
                default_severity: $crate::diagnostic::Severity::$severity,
                doc: concat!($($doc, "\n"),+),
            };
        }
    };
}

/// Every rule, in the order `copydesk rules` lists them.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &entity::misspelled::Misspelled,
        &entity::inconsistent::Inconsistent,
        &entity::transliteration::Transliteration,
        &attribution::unattributed_quote::UnattributedQuote,
        &attribution::anonymous_source::AnonymousSource,
        &attribution::vague_source::VagueSource,
        &attribution::unsourced_conditional::UnsourcedConditional,
        &source::state_media::StateMedia,
        &fact::total::Total,
        &fact::weekday::WeekdayMismatch,
        &style::repeated_word::RepeatedWord,
    ]
}

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|rule| rule.info().code == code)
}

/// What rule tests share: checking a text and keeping one rule's findings.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{check, Config, Diagnostic, Document, Format, Language};

    /// The findings of rule `code` on `text`, each with the text it spans.
    pub fn findings_in(
        code: &str,
        text: &str,
        format: Format,
        language: Option<Language>,
    ) -> Vec<(String, Diagnostic)> {
        let doc = Document::new(text.to_string(), format, language);
        check(&doc, &Config::default())
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| (doc.text(d.span.clone()).to_string(), d))
            .collect()
    }

    /// The findings of rule `code` on plain `text` in its detected language.
    pub fn findings_of(code: &str, text: &str) -> Vec<(String, Diagnostic)> {
        findings_in(code, text, Format::PlainText, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_unique_code_and_a_complete_doc() {
        let mut codes = std::collections::HashSet::new();
        for rule in all() {
            let info = rule.info();
            assert!(codes.insert(info.code), "duplicate code {}", info.code);
            let (family, name) = info.code.split_once('/').expect("family/name");
            assert!(!family.is_empty() && !name.is_empty());
            let explanation = info.explanation();
            let mut last = 0;
            for section in DOC_SECTIONS {
                let heading = format!("## {section}");
                let at = explanation
                    .find(&heading)
                    .unwrap_or_else(|| panic!("{} lacks `{heading}`", info.code));
                assert!(at >= last, "{}: `{heading}` out of order", info.code);
                last = at;
            }
            assert!(
                !info.summary().starts_with('#'),
                "{} lacks a summary line",
                info.code
            );
        }
    }
}
