//! What a rule reports.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// How serious a finding is. Ordered: `Hint < Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Hint,
        Severity::Info,
        Severity::Warning,
        Severity::Error,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(value: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Another place in the article that explains a finding (e.g. the other spelling of a name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Range<usize>,
    pub message: String,
}

/// One finding: a rule's code, a byte span in the article (end exclusive), a message in the
/// article's language, and replacement texts for the span, best first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub span: Range<usize>,
    pub message: String,
    pub suggestions: Vec<String>,
    pub related: Vec<Related>,
    /// Whether the first suggestion may be applied without a person reviewing it.
    pub safe_fix: bool,
}

impl Diagnostic {
    /// A finding with the rule's default severity, no suggestion and no related span.
    pub fn new(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let severity = crate::rules::find(code)
            .map(|rule| rule.info().default_severity)
            .unwrap_or(Severity::Warning);
        Diagnostic {
            code,
            severity,
            span,
            message: message.into(),
            suggestions: Vec::new(),
            related: Vec::new(),
            safe_fix: false,
        }
    }

    /// Adds a replacement for the span.
    pub fn suggest(mut self, replacement: impl Into<String>) -> Diagnostic {
        self.suggestions.push(replacement.into());
        self
    }

    /// Marks the first suggestion as safe to apply without review.
    pub fn safe(mut self) -> Diagnostic {
        self.safe_fix = !self.suggestions.is_empty();
        self
    }

    /// Points at another span that explains this one.
    pub fn relate(mut self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}
