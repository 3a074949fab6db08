//! An entity's card in Markdown: what `copydesk entity` prints and the editor hover shows.

use super::country_name;
use super::entity::{Entity, Kind};
use crate::language::Language;
use std::fmt::Write;

/// Renders the card of an entity for an article in `language`.
pub fn render(entity: &Entity, language: Language) -> String {
    let fr = language == Language::French;
    let mut out = String::new();
    let house = entity.name(language);
    let _ = write!(out, "**{house}** — {}", entity.kind.label(language));
    if let Some(category) = &entity.category {
        let _ = write!(out, " ({})", category_label(category, language));
    }
    out.push('\n');
    if let Some(description) = &entity.description {
        let _ = writeln!(out, "\n{}", capitalise(description.get(language)));
    }
    let mut facts: Vec<String> = Vec::new();
    let other_name = entity.name(other(language));
    if other_name != house {
        facts.push(format!(
            "{} : {other_name}",
            if fr { "En anglais" } else { "In French" }
        ));
    }
    if !entity.aliases.is_empty() {
        facts.push(format!(
            "{}{} {}",
            if fr {
                "Autres formes admises"
            } else {
                "Also written"
            },
            if fr { " :" } else { ":" },
            entity.aliases.join(", ")
        ));
    }
    for variant_language in [Language::French, Language::English] {
        let variants: Vec<&String> = entity
            .variants
            .get(variant_language)
            .iter()
            .filter(|v| v.as_str() != entity.name(variant_language))
            .collect();
        if !variants.is_empty() {
            let list: Vec<&str> = variants.iter().map(|v| v.as_str()).collect();
            facts.push(format!(
                "{}{} {}",
                match (fr, variant_language) {
                    (true, Language::French) => "Graphies françaises",
                    (true, Language::English) => "Graphies anglaises (fautives en français)",
                    (false, Language::French) => "French spellings (wrong in English)",
                    (false, Language::English) => "English spellings",
                },
                if fr { " :" } else { ":" },
                list.join(", ")
            ));
        }
    }
    if let Some(original) = &entity.original {
        facts.push(format!(
            "{}{} {original}",
            if fr { "Nom d'origine" } else { "Native name" },
            if fr { " :" } else { ":" }
        ));
    }
    if let Some(country) = &entity.country {
        let country = country_name(country, language).unwrap_or(country);
        facts.push(format!(
            "{}{} {country}",
            if fr { "Pays" } else { "Country" },
            if fr { " :" } else { ":" }
        ));
    }
    if entity.kind == Kind::Media {
        if let Some(owner) = entity.owner {
            let mut line = format!(
                "{}{} {}",
                if fr { "Propriété" } else { "Ownership" },
                if fr { " :" } else { ":" },
                owner.label(language)
            );
            if let Some(state) = &entity.state {
                let state = country_name(state, language).unwrap_or(state);
                let _ = write!(line, " ({state})");
            }
            if let Some(note) = &entity.note {
                let _ = write!(line, " — {}", note.get(language));
            }
            facts.push(line);
        }
    }
    if let Some(id) = &entity.id {
        facts.push(format!("Wikidata{} {id}", if fr { " :" } else { ":" }));
    }
    if !facts.is_empty() {
        out.push('\n');
        for fact in facts {
            let _ = writeln!(out, "- {fact}");
        }
    }
    if !entity.roles.is_empty() {
        let _ = writeln!(out, "\n{}", if fr { "Fonctions :" } else { "Roles:" });
        out.push('\n');
        for role in &entity.roles {
            let dates = match (&role.from, &role.to) {
                (Some(from), Some(to)) => format!("{from} – {to}"),
                (Some(from), None) => format!("{} {from}", if fr { "depuis" } else { "since" }),
                (None, Some(to)) => format!("{} {to}", if fr { "jusqu'en" } else { "until" }),
                (None, None) => String::new(),
            };
            let title = role.title.get(language);
            if dates.is_empty() {
                let _ = writeln!(out, "- {title}");
            } else {
                let _ = writeln!(out, "- {title} ({dates})");
            }
        }
    }
    out
}

/// The gazetteer's category in words a reader knows: "head-of-state" → "chef d'État".
fn category_label(category: &str, language: Language) -> &str {
    let (french, english) = match category {
        "head-of-state" => ("chef d'État", "head of state"),
        "head-of-government" => ("chef de gouvernement", "head of government"),
        "minister" => ("ministre", "minister"),
        "spokesperson" => ("porte-parole", "spokesperson"),
        "official" => ("responsable", "official"),
        "politician" => ("personnalité politique", "politician"),
        "armed-group-leader" => ("chef de groupe armé", "armed group leader"),
        "city" => ("ville", "city"),
        "capital" => ("capitale", "capital"),
        "country" => ("pays", "country"),
        "region" => ("région", "region"),
        "airport" => ("aéroport", "airport"),
        "newspaper" => ("journal", "newspaper"),
        "broadcaster" => ("radio ou télévision", "broadcaster"),
        "agency" => ("agence de presse", "news agency"),
        "website" => ("site d'information", "news website"),
        "company" => ("entreprise", "company"),
        "international-organization" => {
            ("organisation internationale", "international organisation")
        }
        "government-body" => ("institution publique", "public body"),
        "party" => ("parti", "party"),
        "political-organization" => ("organisation politique", "political organisation"),
        "armed-group" => ("groupe armé", "armed group"),
        "think-tank" => ("centre de réflexion", "think tank"),
        "ngo" => ("ONG", "NGO"),
        "sports-federation" => ("fédération sportive", "sports federation"),
        "sports-club" => ("club sportif", "sports club"),
        "sportsperson" => ("sportif", "athlete"),
        "business-leader" => ("dirigeant d'entreprise", "business leader"),
        "trade-union" => ("syndicat", "trade union"),
        "activist" => ("militant", "activist"),
        "writer" => ("écrivain", "writer"),
        "artist" => ("artiste", "artist"),
        "journalist" => ("journaliste", "journalist"),
        _ => return category,
    };
    language.pick(french, english)
}

fn other(language: Language) -> Language {
    language.pick(Language::English, Language::French)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
