//! `copydesk entity QUERY`: the card of a known name, as the editor hover shows it.

use crate::files::Configs;
use crate::{status, LanguageArg};
use copydesk_core::gazetteer::Gazetteer;
use copydesk_core::Language;
use std::path::PathBuf;

/// Prints the card of the entities a name designates (accent- and case-insensitive), or of the
/// names that start with it.
pub fn run(query: &str, language: Option<LanguageArg>, config: Option<PathBuf>) -> u8 {
    let configs = Configs::new(config);
    let config = match configs.for_path(&PathBuf::from("./entity")) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("copydesk: {message}");
            return status::TROUBLE;
        }
    };
    let language = match language {
        Some(LanguageArg::En) => Language::English,
        Some(LanguageArg::Fr) => Language::French,
        None => config.language.unwrap_or(Language::French),
    };
    match cards(&config.gazetteer, query, language) {
        Some(text) => status::print(&text),
        None => {
            eprintln!("copydesk: no known name matches \"{query}\"");
            status::FINDINGS
        }
    }
}

/// The cards for a query, separated by rules; `None` when nothing matches.
pub fn cards(gazetteer: &Gazetteer, query: &str, language: Language) -> Option<String> {
    let mut ids = gazetteer.lookup(query);
    if ids.is_empty() {
        ids = gazetteer.complete(query, 5);
    }
    let cards: Vec<String> = ids
        .into_iter()
        .filter_map(|id| gazetteer.card(id, language))
        .collect();
    (!cards.is_empty()).then(|| cards.join("\n---\n\n"))
}
