//! Code actions: apply a suggestion, fix every safe finding, silence a rule for the next line.

use crate::analysis::Analysis;
use crate::gazetteer_action::add_to_gazetteer;
use crate::positions::PositionEncoding;
use copydesk_core::fix::apply_safe_fixes;
use copydesk_core::{check, Diagnostic, Document, Format};
use std::collections::HashMap;
use std::ops::Range;
use tower_lsp::lsp_types::{self as lsp, CodeActionKind, CodeActionOrCommand, TextEdit, Url};

/// `copydesk fix` stops after this many rounds too: a fix that keeps making new findings is a
/// bug in a rule, not a reason to loop.
const FIX_ROUNDS: usize = 10;

/// What the editor asked for.
pub struct Request<'a> {
    pub uri: &'a Url,
    pub span: Range<usize>,
    pub only: Option<&'a [CodeActionKind]>,
    pub encoding: PositionEncoding,
}

impl Request<'_> {
    fn wants(&self, kind: &CodeActionKind) -> bool {
        self.only.is_none_or(|only| {
            only.iter()
                .any(|asked| kind.as_str().starts_with(asked.as_str()))
        })
    }
}

/// The actions for a range of an analysed document.
pub fn code_actions(analysis: &Analysis, request: &Request) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    if request.wants(&CodeActionKind::QUICKFIX) {
        for diagnostic in analysis.diagnostics_at(request.span.clone()) {
            actions.extend(suggestions(analysis, diagnostic, request));
            actions.extend(disable_next_line(analysis, diagnostic, request));
        }
        if let Ok(path) = request.uri.to_file_path() {
            actions.extend(add_to_gazetteer(
                analysis,
                &path,
                request.span.clone(),
                request.encoding,
            ));
        }
    }
    if request.wants(&CodeActionKind::SOURCE_FIX_ALL) {
        actions.extend(fix_all(analysis, request));
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn edit(uri: &Url, edits: Vec<TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn suggestions(
    analysis: &Analysis,
    diagnostic: &Diagnostic,
    request: &Request,
) -> Vec<lsp::CodeAction> {
    let language = analysis.document.language;
    let range = analysis.frame(request.encoding).range(&diagnostic.span);
    diagnostic
        .suggestions
        .iter()
        .enumerate()
        .map(|(rank, replacement)| {
            let title = if replacement.is_empty() {
                language.pick("Supprimer".to_string(), "Remove".to_string())
            } else {
                language.pick(
                    format!("Remplacer par « {replacement} »"),
                    format!("Replace with “{replacement}”"),
                )
            };
            lsp::CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![analysis.lsp_diagnostic(
                    diagnostic,
                    request.uri,
                    request.encoding,
                )]),
                edit: Some(edit(
                    request.uri,
                    vec![TextEdit::new(range, replacement.clone())],
                )),
                is_preferred: Some(rank == 0 && diagnostic.safe_fix),
                ..Default::default()
            }
        })
        .collect()
}

/// `<!-- copydesk-disable-next-line CODE -->` before the finding's line. Inside a paragraph the
/// comment goes at the end of the line before, as inline HTML, so the paragraph is not split.
fn disable_next_line(
    analysis: &Analysis,
    diagnostic: &Diagnostic,
    request: &Request,
) -> Option<lsp::CodeAction> {
    let doc = &analysis.document;
    if doc.format != Format::Markdown {
        return None;
    }
    let comment = format!("<!-- copydesk-disable-next-line {} -->", diagnostic.code);
    let line = doc.lines.line_of(diagnostic.span.start);
    let previous = line
        .checked_sub(1)
        .and_then(|previous| doc.lines.line_span(&doc.source, previous))
        .filter(|span| !doc.source[span.clone()].trim().is_empty());
    let (at, text) = match previous {
        Some(span) => (span.end, format!(" {comment}")),
        None => {
            let start = doc.lines.line_span(&doc.source, line)?.start;
            let newline = if doc.source.contains("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            (start, format!("{comment}{newline}"))
        }
    };
    let position = analysis.frame(request.encoding).position(at);
    Some(lsp::CodeAction {
        title: doc.language.pick(
            format!("Désactiver {} pour la ligne suivante", diagnostic.code),
            format!("Disable {} for the next line", diagnostic.code),
        ),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit(
            request.uri,
            vec![TextEdit::new(lsp::Range::new(position, position), text)],
        )),
        ..Default::default()
    })
}

/// Every safe fix, applied round after round as `copydesk fix` does, as one edit over the part
/// of the text that changes.
fn fix_all(analysis: &Analysis, request: &Request) -> Option<lsp::CodeAction> {
    let doc = &analysis.document;
    let config = &analysis.config;
    let mut text = doc.source.clone();
    let mut diagnostics = analysis.diagnostics.clone();
    for _ in 0..FIX_ROUNDS {
        let (fixed, applied) = apply_safe_fixes(&text, &diagnostics);
        if applied == 0 {
            break;
        }
        text = fixed;
        let round = Document::new(text.clone(), doc.format, config.language);
        diagnostics = check(&round, config);
    }
    if text == doc.source {
        return None;
    }
    let (span, replacement) = changed_part(&doc.source, &text);
    let range = analysis.frame(request.encoding).range(&span);
    Some(lsp::CodeAction {
        title: doc.language.pick(
            "copydesk : corriger tout ce qui est sûr".to_string(),
            "copydesk: fix all safe findings".to_string(),
        ),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        edit: Some(edit(
            request.uri,
            vec![TextEdit::new(range, replacement.to_string())],
        )),
        ..Default::default()
    })
}

/// The span of `old` that differs from `new`, and what replaces it, trimmed to char boundaries.
fn changed_part<'a>(old: &str, new: &'a str) -> (Range<usize>, &'a str) {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions(text: &str, format: Format, span: Range<usize>) -> Vec<lsp::CodeAction> {
        let analysis = Analysis::new(
            text.into(),
            format,
            Default::default(),
            1,
            &mut Default::default(),
        );
        let uri = Url::parse("file:///a.md").unwrap();
        let request = Request {
            uri: &uri,
            span,
            only: None,
            encoding: PositionEncoding::Utf16,
        };
        code_actions(&analysis, &request)
            .into_iter()
            .map(|action| match action {
                CodeActionOrCommand::CodeAction(action) => action,
                CodeActionOrCommand::Command(_) => unreachable!("only code actions are made"),
            })
            .collect()
    }

    fn edits(action: &lsp::CodeAction) -> Vec<TextEdit> {
        action
            .edit
            .clone()
            .unwrap()
            .changes
            .unwrap()
            .into_values()
            .next()
            .unwrap()
    }

    #[test]
    fn offers_the_suggestion_the_comment_and_fix_all() {
        let text = "Titre\n\nLes opposants sont sont divisés.\n";
        let at = text.find("sont").unwrap();
        let found = actions(text, Format::Markdown, at..at);
        let titles: Vec<&str> = found.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Remplacer par « sont »",
                "Désactiver style/repeated-word pour la ligne suivante",
                "copydesk : corriger tout ce qui est sûr"
            ]
        );
        assert_eq!(
            edits(&found[1])[0].new_text,
            "<!-- copydesk-disable-next-line style/repeated-word -->\n"
        );
        let fix_all = &edits(&found[2])[0];
        assert_eq!(fix_all.new_text, "");
        assert_eq!(
            fix_all.range,
            lsp::Range::new(lsp::Position::new(2, 19), lsp::Position::new(2, 24))
        );
    }

    #[test]
    fn inside_a_paragraph_the_comment_ends_the_line_before() {
        let text = "Une ligne\nLes opposants sont sont divisés.\n";
        let at = text.find("sont").unwrap();
        let found = actions(text, Format::Markdown, at..at);
        let comment = edits(&found[1]).remove(0);
        assert_eq!(comment.range.start, lsp::Position::new(0, 9));
        let (fixed, _) = copydesk_core::fix::apply_edits(text, vec![(9..9, comment.new_text)]);
        let doc = Document::new(fixed, Format::Markdown, None);
        assert!(check(&doc, &Default::default()).is_empty());
    }

    #[test]
    fn plain_text_has_no_comment_and_nothing_is_offered_away_from_findings() {
        let text = "Les opposants sont sont divisés. Fin.";
        let at = text.find("sont").unwrap();
        assert_eq!(actions(text, Format::PlainText, at..at).len(), 2);
        assert!(actions("Rien à dire.", Format::PlainText, 0..0).is_empty());
    }

    #[test]
    fn changed_part_stays_on_char_boundaries() {
        assert_eq!(changed_part("aé b", "aè b"), (1..3, "è"));
        assert_eq!(changed_part("sont sont", "sont"), (4..9, ""));
    }
}
