//! Checking a snapshot of a document, and turning the core's findings into LSP diagnostics.

use crate::positions::{Frame, PositionEncoding};
use copydesk_core::gazetteer::Mention;
use copydesk_core::incremental::{check_cached, ParagraphCache};
use copydesk_core::{Config, Diagnostic, Document, Format, Severity};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};
use tower_lsp::lsp_types::{self as lsp, Url};

/// The core's view of one version of a document, and its findings.
pub struct Analysis {
    pub version: i32,
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    pub config: Arc<Config>,
    mentions: OnceLock<Vec<Mention>>,
}

impl Analysis {
    /// Models and checks a version of a document. The rules that look at one paragraph at a
    /// time re-run only on the paragraphs `cache` has not seen (the findings are the same).
    pub fn new(
        text: String,
        format: Format,
        config: Arc<Config>,
        version: i32,
        cache: &mut ParagraphCache,
    ) -> Analysis {
        let document = Document::new(text, format, config.language);
        let diagnostics = check_cached(&document, &config, cache);
        Analysis {
            version,
            document,
            diagnostics,
            config,
            mentions: OnceLock::new(),
        }
    }

    /// The names the gazetteer knows in the article, found on first use.
    pub fn mentions(&self) -> &[Mention] {
        self.mentions
            .get_or_init(|| self.config.gazetteer.mentions(&self.document))
    }

    pub fn frame(&self, encoding: PositionEncoding) -> Frame<'_> {
        Frame {
            text: &self.document.source,
            lines: &self.document.lines,
            encoding,
        }
    }

    /// The findings whose span touches `span` (an empty span touches what holds it).
    pub fn diagnostics_at(
        &self,
        span: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.diagnostics
            .iter()
            .filter(move |d| d.span.start <= span.end && span.start <= d.span.end)
    }

    /// Every finding as the editor shows it.
    pub fn lsp_diagnostics(&self, uri: &Url, encoding: PositionEncoding) -> Vec<lsp::Diagnostic> {
        self.diagnostics
            .iter()
            .map(|d| self.lsp_diagnostic(d, uri, encoding))
            .collect()
    }

    pub fn lsp_diagnostic(
        &self,
        diagnostic: &Diagnostic,
        uri: &Url,
        encoding: PositionEncoding,
    ) -> lsp::Diagnostic {
        let frame = self.frame(encoding);
        let related = diagnostic
            .related
            .iter()
            .map(|related| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), frame.range(&related.span)),
                message: related.message.clone(),
            })
            .collect::<Vec<_>>();
        let data = FixData {
            suggestions: diagnostic.suggestions.clone(),
            safe_fix: diagnostic.safe_fix,
        };
        lsp::Diagnostic {
            range: frame.range(&diagnostic.span),
            severity: Some(lsp_severity(diagnostic.severity)),
            code: Some(lsp::NumberOrString::String(diagnostic.code.to_string())),
            code_description: None,
            source: Some("copydesk".to_string()),
            message: diagnostic.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: serde_json::to_value(data).ok(),
        }
    }
}

/// What a diagnostic's `data` carries: the fixes the editor can offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FixData {
    /// Replacement texts for the diagnostic's range, best first.
    pub suggestions: Vec<String>,
    /// Whether the first suggestion is safe without review (what `source.fixAll` applies).
    pub safe_fix: bool,
}

fn lsp_severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_after_an_emoji_has_its_utf16_range_code_and_fix_data() {
        let analysis = Analysis::new(
            "🗣 Ils sont sont là.\n".into(),
            Format::PlainText,
            Arc::new(Config::default()),
            1,
            &mut ParagraphCache::default(),
        );
        let uri = Url::parse("file:///a.txt").unwrap();
        let diagnostics = analysis.lsp_diagnostics(&uri, PositionEncoding::Utf16);
        assert_eq!(diagnostics.len(), 1);
        let diagnostic = &diagnostics[0];
        assert_eq!(
            diagnostic.range,
            lsp::Range::new(lsp::Position::new(0, 7), lsp::Position::new(0, 16))
        );
        assert_eq!(
            diagnostic.code,
            Some(lsp::NumberOrString::String("style/repeated-word".into()))
        );
        let data: FixData = serde_json::from_value(diagnostic.data.clone().unwrap()).unwrap();
        assert_eq!(
            data,
            FixData {
                suggestions: vec!["sont".into()],
                safe_fix: true
            }
        );
    }
}
