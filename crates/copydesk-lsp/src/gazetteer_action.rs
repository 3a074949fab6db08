//! "Add to the workspace gazetteer": a name the desk knows to be right goes into the newsroom's
//! gazetteer — the first file `.copydesk.toml` lists, or a new `gazetteer.toml` listed in it —
//! as a workspace edit the journalist sees and saves. Saving re-checks open documents, since
//! the server watches TOML files.

use crate::analysis::Analysis;
use crate::positions::{Frame, PositionEncoding};
use copydesk_core::config::FILE_NAME;
use copydesk_core::position::LineIndex;
use copydesk_core::text::is_capitalised;
use copydesk_core::Config;
use std::ops::Range;
use std::path::Path;
use tower_lsp::lsp_types::{
    self as lsp, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Position, ResourceOp,
    TextDocumentEdit, TextEdit, Url,
};

/// The file created beside `.copydesk.toml` when it lists no gazetteer.
const NEW_GAZETTEER: &str = "gazetteer.toml";

/// The action for the name under `span` of a document saved at `document_path`, if any.
pub fn add_to_gazetteer(
    analysis: &Analysis,
    document_path: &Path,
    span: Range<usize>,
    encoding: PositionEncoding,
) -> Option<lsp::CodeAction> {
    let name_span = candidate(analysis, span)?;
    let name = analysis.document.text(name_span);
    let changes = gazetteer_changes(&analysis.config, document_path, name, encoding)?;
    Some(lsp::CodeAction {
        title: analysis.document.language.pick(
            format!("Ajouter « {name} » au répertoire de noms de l’espace de travail"),
            format!("Add “{name}” to the workspace gazetteer"),
        ),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(lsp::WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(changes)),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The name to add: the span of a name finding under the cursor (the journalist says it is
/// right as written), else the run of capitalised words under the cursor that the gazetteer
/// does not know. A lone capitalised word opening a sentence is an ordinary word.
fn candidate(analysis: &Analysis, span: Range<usize>) -> Option<Range<usize>> {
    if let Some(finding) = analysis
        .diagnostics_at(span.clone())
        .find(|d| d.code.starts_with("entity/"))
    {
        return Some(finding.span.clone());
    }
    let doc = &analysis.document;
    let sentence = &doc.sentences[doc.sentence_at(span.start)?];
    let tokens = doc.sentence_tokens(sentence);
    let capitalised = |i: usize| is_capitalised(doc.text(tokens[i].span.clone()));
    let joined = |i: usize| {
        doc.masked[tokens[i].span.end..tokens[i + 1].span.start]
            .chars()
            .all(|c| c == ' ')
    };
    let at = tokens
        .iter()
        .position(|t| t.span.start <= span.start && span.start <= t.span.end)?;
    if !capitalised(at) {
        return None;
    }
    let (mut first, mut last) = (at, at);
    while first > 0 && capitalised(first - 1) && joined(first - 1) {
        first -= 1;
    }
    while last + 1 < tokens.len() && capitalised(last + 1) && joined(last) {
        last += 1;
    }
    if first == 0 && last == 0 {
        return None;
    }
    let name = tokens[first].span.start..tokens[last].span.end;
    analysis
        .config
        .gazetteer
        .lookup(doc.text(name.clone()))
        .is_empty()
        .then_some(name)
}

fn gazetteer_changes(
    config: &Config,
    document_path: &Path,
    name: &str,
    encoding: PositionEncoding,
) -> Option<Vec<DocumentChangeOperation>> {
    let mut changes = Vec::new();
    let target = match config.gazetteers.first() {
        Some(listed) => listed.clone(),
        None => {
            let folder = config
                .path
                .as_deref()
                .and_then(Path::parent)
                .or_else(|| document_path.parent())?;
            let config_file = folder.join(FILE_NAME);
            match std::fs::read_to_string(&config_file) {
                Ok(text)
                    if text
                        .lines()
                        .any(|l| l.trim_start().starts_with("gazetteer")) =>
                {
                    return None;
                }
                Ok(_) => {}
                Err(_) => changes.push(create(&config_file)?),
            }
            let listing = format!("gazetteer = [\"{NEW_GAZETTEER}\"]\n");
            changes.push(insert(&config_file, Position::new(0, 0), listing)?);
            folder.join(NEW_GAZETTEER)
        }
    };
    let quoted = toml::Value::String(name.to_string()).to_string();
    let entry = format!(
        "[[entity]]\nkind = \"person\"  # person, organization, place or media\nname = {{ fr = {quoted}, en = {quoted} }}\n"
    );
    match std::fs::read_to_string(&target) {
        Ok(text) => {
            let separator = match text.len() - text.trim_end_matches('\n').len() {
                _ if text.is_empty() => "",
                0 => "\n\n",
                1 => "\n",
                _ => "",
            };
            let lines = LineIndex::new(&text);
            let frame = Frame {
                text: &text,
                lines: &lines,
                encoding,
            };
            let end = frame.position(text.len());
            changes.push(insert(&target, end, format!("{separator}{entry}"))?);
        }
        Err(_) => {
            changes.push(create(&target)?);
            changes.push(insert(&target, Position::new(0, 0), entry)?);
        }
    }
    Some(changes)
}

fn create(path: &Path) -> Option<DocumentChangeOperation> {
    Some(DocumentChangeOperation::Op(ResourceOp::Create(
        CreateFile {
            uri: Url::from_file_path(path).ok()?,
            options: Some(CreateFileOptions {
                overwrite: Some(false),
                ignore_if_exists: Some(true),
            }),
            annotation_id: None,
        },
    )))
}

fn insert(path: &Path, at: Position, text: String) -> Option<DocumentChangeOperation> {
    Some(DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: Url::from_file_path(path).ok()?,
            version: None,
        },
        edits: vec![OneOf::Left(TextEdit::new(lsp::Range::new(at, at), text))],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::Format;
    use std::sync::Arc;

    fn workspace(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("copydesk-gazetteer-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn edits(action: &lsp::CodeAction) -> Vec<(String, String)> {
        let Some(DocumentChanges::Operations(operations)) =
            action.edit.as_ref().unwrap().document_changes.clone()
        else {
            panic!("operations");
        };
        operations
            .into_iter()
            .map(|operation| match operation {
                DocumentChangeOperation::Op(ResourceOp::Create(create)) => {
                    let file = create.uri.path().rsplit('/').next().unwrap().to_string();
                    (format!("create {file}"), String::new())
                }
                DocumentChangeOperation::Edit(edit) => {
                    let file = edit
                        .text_document
                        .uri
                        .path()
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string();
                    let OneOf::Left(text_edit) = &edit.edits[0] else {
                        panic!("a plain edit");
                    };
                    (format!("edit {file}"), text_edit.new_text.clone())
                }
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    const TEXT: &str = "Le ministre a reçu Jean-Baptiste Zorglubov hier à Paris.";

    fn action(config: Config, dir: &Path, at: &str) -> Option<lsp::CodeAction> {
        let analysis = Analysis::new(
            TEXT.into(),
            Format::PlainText,
            Arc::new(config),
            1,
            &mut Default::default(),
        );
        let offset = TEXT.find(at).unwrap();
        add_to_gazetteer(
            &analysis,
            &dir.join("article.txt"),
            offset..offset,
            PositionEncoding::Utf16,
        )
    }

    #[test]
    fn creates_the_gazetteer_and_lists_it_when_there_is_none() {
        let dir = workspace("new");
        let found = action(Config::default(), &dir, "Zorglubov").unwrap();
        assert_eq!(
            found.title,
            "Ajouter « Jean-Baptiste Zorglubov » au répertoire de noms de l’espace de travail"
        );
        let changes = edits(&found);
        assert_eq!(changes[0].0, "create .copydesk.toml");
        assert_eq!(
            changes[1],
            (
                "edit .copydesk.toml".into(),
                "gazetteer = [\"gazetteer.toml\"]\n".into()
            )
        );
        assert_eq!(changes[2].0, "create gazetteer.toml");
        assert_eq!(
            changes[3].1,
            "[[entity]]\nkind = \"person\"  # person, organization, place or media\nname = { fr = \"Jean-Baptiste Zorglubov\", en = \"Jean-Baptiste Zorglubov\" }\n"
        );
        let config_path = dir.join(FILE_NAME);
        std::fs::write(&config_path, &changes[1].1).unwrap();
        std::fs::write(dir.join(NEW_GAZETTEER), &changes[3].1).unwrap();
        let config = Config::load(&config_path).unwrap();
        assert!(!config
            .gazetteer
            .lookup("Jean-Baptiste Zorglubov")
            .is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn appends_to_the_listed_gazetteer() {
        let dir = workspace("listed");
        let config_path = dir.join(FILE_NAME);
        std::fs::write(&config_path, "gazetteer = [\"people.toml\"]\n").unwrap();
        std::fs::write(dir.join("people.toml"), "# Our people").unwrap();
        let config = Config::load(&config_path).unwrap();
        let changes = edits(&action(config, &dir, "Jean").unwrap());
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].0, "edit people.toml");
        assert!(changes[0].1.starts_with("\n\n[[entity]]\n"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn known_names_ordinary_words_and_sentence_openers_are_not_offered() {
        let dir = workspace("never");
        assert!(action(Config::default(), &dir, "Paris").is_none());
        assert!(action(Config::default(), &dir, "ministre").is_none());
        assert!(action(Config::default(), &dir, "Le ").is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
