//! copydesk as a language server over standard input and output (`copydesk lsp`).
//!
//! Everything the core returns is in UTF-8 byte offsets; [`positions`] is the one place where
//! they become LSP positions. Logs go to the client (`window/logMessage`), never to stdout,
//! which carries the protocol.

mod actions;
mod analysis;
mod completion;
mod gazetteer_action;
mod hover;
mod outline;
pub mod positions;
mod server;
mod settings;
mod text_document;
mod transport;

use server::Server;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tower_lsp::LspService;

/// Serves the protocol on stdin/stdout until the client sends `exit` or closes stdin. Returns
/// whether a `shutdown` request came first, as LSP's exit status asks (0 if so, else 1).
pub fn run() -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let flag = shutdown_requested.clone();
    runtime.block_on(async move {
        let channel = transport::Channel::new();
        let outbox = channel.outbox();
        let (service, socket) = LspService::new(move |client| Server::new(client, outbox, flag));
        transport::serve(
            tokio::io::stdin(),
            tokio::io::stdout(),
            service,
            socket,
            channel,
        )
        .await;
    });
    runtime.shutdown_background();
    Ok(shutdown_requested.load(Ordering::SeqCst))
}
