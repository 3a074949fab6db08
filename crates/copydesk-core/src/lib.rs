//! The core of copydesk: turns an article into something rules can read, runs the rules, and
//! returns diagnostics with byte spans.
//!
//! This crate knows nothing of the language server protocol, terminals or async runtimes: the CLI
//! and the LSP server convert its byte offsets at their edges (see [`position::LineIndex`]).

pub mod common_words;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod fix;
pub mod gazetteer;
pub mod incremental;
pub mod language;
mod markdown;
pub mod position;
pub mod rules;
pub mod segment;
pub mod sourcing;
mod suppress;
pub mod text;

pub use config::{Config, ConfigError};
pub use diagnostic::{Diagnostic, Related, Severity};
pub use document::{Document, Format};
pub use engine::{check, CheckContext};
pub use language::Language;
