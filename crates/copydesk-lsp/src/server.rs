//! The protocol handlers. Requests read the latest analysis of a document; checks run on
//! tokio's blocking pool so the request loop never waits on the rules.

use crate::actions::{self, Request};
use crate::analysis::Analysis;
use crate::completion;
use crate::hover;
use crate::outline;
use crate::positions::PositionEncoding;
use crate::settings::{ConfigStore, Settings};
use crate::text_document::TextDocument;
use crate::transport::Outbox;
use copydesk_core::incremental::ParagraphCache;
use copydesk_core::{Config, Format};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// The files the server asks the editor to watch: `.copydesk.toml` and the gazetteers it
/// lists, which are TOML too.
const CONFIG_GLOB: &str = "**/*.toml";

/// How long the text must stay unchanged after a check before the server looks up the names
/// of that version for hovers and completions (they find them themselves if asked sooner).
const NAMES_AFTER_PAUSE: Duration = Duration::from_millis(150);

/// The command that returns a document's sourcing report: arguments `[uri]`.
pub const SOURCING_REPORT: &str = "copydesk.sourcingReport";

pub struct Server {
    client: Client,
    state: Arc<State>,
}

struct State {
    /// Where diagnostics are published.
    outbox: Outbox,
    encoding: Mutex<PositionEncoding>,
    watch_dynamically: AtomicBool,
    shutdown_requested: Arc<AtomicBool>,
    documents: Mutex<HashMap<Url, OpenDocument>>,
    configs: Mutex<ConfigStore>,
    /// Held while checking that an analysis is current and publishing it, so that an older
    /// run can never publish after a newer one.
    publishing: tokio::sync::Mutex<()>,
}

struct OpenDocument {
    text: TextDocument,
    analysis: Option<Arc<Analysis>>,
    /// The paragraph rules' findings by paragraph, shared by the checks of this document.
    cache: Arc<Mutex<ParagraphCache>>,
}

/// Locks a mutex, recovering the data if a thread panicked while holding it: the documents
/// stay usable, and a later full-text change repairs anything half done.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    fn encoding(&self) -> PositionEncoding {
        *lock(&self.encoding)
    }

    fn publish_diagnostics(&self, uri: Url, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        self.outbox
            .notify::<notification::PublishDiagnostics>(&params);
    }

    fn is_current(&self, uri: &Url, version: i32) -> bool {
        lock(&self.documents)
            .get(uri)
            .is_some_and(|doc| doc.text.version == version && doc.text.is_in_sync())
    }

    /// The configuration for a document, and the problems to show if it was just built.
    fn config_for(&self, uri: &Url) -> (Arc<Config>, Vec<String>) {
        let path = uri.to_file_path().ok();
        let folder = path.as_deref().and_then(Path::parent);
        let (resolved, fresh) = lock(&self.configs).resolve(folder);
        let problems = if fresh { resolved.problems } else { Vec::new() };
        (resolved.config, problems)
    }
}

/// A document's format: from its file extension, else from the editor's language id.
fn format_of(uri: &Url, language_id: &str) -> Format {
    let by_extension = uri
        .to_file_path()
        .ok()
        .and_then(|path| Format::from_path(&path));
    by_extension.unwrap_or(if language_id == "markdown" {
        Format::Markdown
    } else {
        Format::PlainText
    })
}

impl Server {
    pub fn new(client: Client, outbox: Outbox, shutdown_requested: Arc<AtomicBool>) -> Server {
        Server {
            client,
            state: Arc::new(State {
                outbox,
                encoding: Mutex::default(),
                watch_dynamically: AtomicBool::default(),
                shutdown_requested,
                documents: Mutex::default(),
                configs: Mutex::default(),
                publishing: tokio::sync::Mutex::default(),
            }),
        }
    }

    async fn log(&self, typ: MessageType, message: String) {
        self.client.log_message(typ, message).await;
    }

    async fn show_problems(&self, problems: Vec<String>) {
        for problem in problems {
            self.client.show_message(MessageType::ERROR, problem).await;
        }
    }

    /// Checks the current version of a document off the request loop and publishes the result,
    /// unless a newer version arrived meanwhile.
    async fn schedule_check(&self, uri: Url) {
        let snapshot = lock(&self.state.documents).get(&uri).and_then(|doc| {
            doc.text.is_in_sync().then(|| {
                let cache = doc.cache.clone();
                (doc.text.text(), doc.text.version, doc.text.format, cache)
            })
        });
        let Some((text, version, format, cache)) = snapshot else {
            return;
        };
        let (config, problems) = self.state.config_for(&uri);
        self.show_problems(problems).await;
        let state = self.state.clone();
        tokio::spawn(async move {
            let job_state = state.clone();
            let job_uri = uri.clone();
            let analysis = tokio::task::spawn_blocking(move || {
                job_state.is_current(&job_uri, version).then(|| {
                    let mut cache = lock(&cache);
                    Arc::new(Analysis::new(text, format, config, version, &mut cache))
                })
            })
            .await
            .ok()
            .flatten();
            let Some(analysis) = analysis else {
                return;
            };
            let publishing = state.publishing.lock().await;
            let diagnostics = {
                let mut documents = lock(&state.documents);
                match documents.get_mut(&uri) {
                    Some(doc) if doc.text.version == version && doc.text.is_in_sync() => {
                        doc.analysis = Some(analysis.clone());
                        analysis.lsp_diagnostics(&uri, state.encoding())
                    }
                    _ => return,
                }
            };
            state.publish_diagnostics(uri.clone(), diagnostics, Some(version));
            drop(publishing);
            // Hovers, completions and the outline need the names; find them before they ask,
            // once typing pauses, so that no keystroke's check shares the processor with the
            // names of a version already replaced.
            tokio::time::sleep(NAMES_AFTER_PAUSE).await;
            if state.is_current(&uri, version) {
                let _ = tokio::task::spawn_blocking(move || analysis.mentions().len()).await;
            }
        });
    }

    /// Checks every open document again, after a configuration change, with new paragraph
    /// caches: the old ones hold findings made with the old configuration.
    async fn recheck_all(&self) {
        let uris: Vec<Url> = {
            let mut documents = lock(&self.state.documents);
            for doc in documents.values_mut() {
                doc.cache = Arc::default();
            }
            documents.keys().cloned().collect()
        };
        for uri in uris {
            self.schedule_check(uri).await;
        }
    }

    /// The analysis of the current version of a document, made now if the last one is stale.
    async fn analysis(&self, uri: &Url) -> Option<Arc<Analysis>> {
        let (text, version, format, cache) = {
            let documents = lock(&self.state.documents);
            let doc = documents.get(uri)?;
            if let Some(analysis) = doc
                .analysis
                .as_ref()
                .filter(|a| a.version == doc.text.version)
            {
                return Some(analysis.clone());
            }
            let cache = doc.cache.clone();
            (doc.text.text(), doc.text.version, doc.text.format, cache)
        };
        let (config, _) = self.state.config_for(uri);
        let analysis = tokio::task::spawn_blocking(move || {
            let mut cache = lock(&cache);
            Arc::new(Analysis::new(text, format, config, version, &mut cache))
        })
        .await
        .ok()?;
        if let Some(doc) = lock(&self.state.documents).get_mut(uri) {
            if doc.text.version == version {
                doc.analysis = Some(analysis.clone());
            }
        }
        Some(analysis)
    }

    /// Asks the editor to watch configuration files. Spawned: notifications are handled in
    /// order on the reading loop, which must stay free to read the editor's answer.
    fn register_config_watcher(&self) {
        let watchers = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(CONFIG_GLOB.to_string()),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "copydesk-config-watcher".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(watchers).ok(),
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(error) = client.register_capability(vec![registration]).await {
                let message = format!("cannot watch {CONFIG_GLOB}: {error}");
                client.log_message(MessageType::WARNING, message).await;
            }
        });
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = PositionEncoding::negotiate(&params.capabilities);
        *lock(&self.state.encoding) = encoding;
        let watch_dynamically = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.state
            .watch_dynamically
            .store(watch_dynamically, Ordering::Relaxed);
        if let Some(options) = &params.initialization_options {
            match Settings::from_json(options) {
                Ok(settings) => lock(&self.state.configs).set_settings(settings),
                Err(problem) => self.show_problems(vec![problem]).await,
            }
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions::default()),
                document_symbol_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![SOURCING_REPORT.to_string()],
                    ..Default::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        ..Default::default()
                    },
                )),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.state.watch_dynamically.load(Ordering::Relaxed) {
            self.register_config_watcher();
        }
        self.log(MessageType::INFO, "copydesk language server ready".into())
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let format = format_of(&item.uri, &item.language_id);
        let text = TextDocument::new(&item.text, item.version, format);
        lock(&self.state.documents).insert(
            item.uri.clone(),
            OpenDocument {
                text,
                analysis: None,
                cache: Arc::default(),
            },
        );
        self.schedule_check(item.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.state.encoding();
        let outcome = lock(&self.state.documents).get_mut(&uri).map(|doc| {
            doc.text.apply(
                params.text_document.version,
                &params.content_changes,
                encoding,
            )
        });
        match outcome {
            Some(Ok(())) => self.schedule_check(uri).await,
            Some(Err(error)) => {
                let message = format!(
                    "copydesk lost track of {uri}: {error}. Close and reopen the file to check it again."
                );
                self.client
                    .show_message(MessageType::WARNING, &message)
                    .await;
                self.log(MessageType::WARNING, message).await;
                self.state.publish_diagnostics(uri, Vec::new(), None);
            }
            None => {
                self.log(
                    MessageType::WARNING,
                    format!("ignored a change to {uri}, which was never opened"),
                )
                .await;
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.state.documents).remove(&uri);
        let _publishing = self.state.publishing.lock().await;
        self.state.publish_diagnostics(uri, Vec::new(), None);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match Settings::from_json(&params.settings) {
            Ok(settings) => lock(&self.state.configs).set_settings(settings),
            Err(problem) => return self.show_problems(vec![problem]).await,
        }
        self.recheck_all().await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        lock(&self.state.configs).forget_files();
        self.recheck_all().await;
    }

    async fn did_change_workspace_folders(&self, _: DidChangeWorkspaceFoldersParams) {
        lock(&self.state.configs).forget_files();
        self.recheck_all().await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(analysis) = self.analysis(&position.text_document.uri).await else {
            return Ok(None);
        };
        let frame = analysis.frame(self.state.encoding());
        let Some(offset) = frame.offset(position.position) else {
            return Ok(None);
        };
        Ok(hover::hover(&analysis, offset).map(|markdown| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: None,
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(analysis) = self.analysis(&uri).await else {
            return Ok(None);
        };
        let encoding = self.state.encoding();
        let Some(span) = analysis.frame(encoding).span(params.range) else {
            return Ok(Some(Vec::new()));
        };
        let request = Request {
            uri: &uri,
            span,
            only: params.context.only.as_deref(),
            encoding,
        };
        Ok(Some(actions::code_actions(&analysis, &request)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        let Some(analysis) = self.analysis(&position.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.state.encoding();
        let Some(offset) = analysis.frame(encoding).offset(position.position) else {
            return Ok(None);
        };
        let list = completion::complete(&analysis, offset, encoding);
        Ok(Some(CompletionResponse::List(list)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(analysis) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let symbols = outline::document_symbols(&analysis, self.state.encoding());
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command != SOURCING_REPORT {
            return Err(Error::invalid_params(format!(
                "unknown command {}; the server knows {SOURCING_REPORT}",
                params.command
            )));
        }
        let uri = params
            .arguments
            .first()
            .and_then(|argument| serde_json::from_value::<Url>(argument.clone()).ok())
            .ok_or_else(|| Error::invalid_params("expected the document's URI as argument"))?;
        let Some(analysis) = self.analysis(&uri).await else {
            return Err(Error::invalid_params(format!("{uri} is not open")));
        };
        Ok(Some(outline::sourcing_report(
            &analysis,
            self.state.encoding(),
        )))
    }
}
