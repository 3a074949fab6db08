//! What the gazetteer knows of one entity, as written in its TOML sources.

use crate::language::Language;
use serde::{Deserialize, Serialize};

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organization,
    Place,
    Media,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Media];

    /// The kind in the article's language, for cards and messages.
    pub fn label(self, language: Language) -> &'static str {
        match self {
            Kind::Person => language.pick("personne", "person"),
            Kind::Organization => language.pick("organisation", "organisation"),
            Kind::Place => language.pick("lieu", "place"),
            Kind::Media => language.pick("média", "media outlet"),
        }
    }
}

/// Who owns a news organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    /// Controlled by a government.
    State,
    /// Public service or public law, with statutory editorial independence.
    Public,
    Private,
}

impl Owner {
    pub fn label(self, language: Language) -> &'static str {
        match self {
            Owner::State => language.pick("média d'État", "state-controlled"),
            Owner::Public => language.pick("service public", "public service"),
            Owner::Private => language.pick("privé", "private"),
        }
    }
}

/// A text in French and in English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub fr: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, language: Language) -> &str {
        language.pick(&self.fr, &self.en)
    }
}

/// Spellings that belong to one language's transliteration, per language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variants {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fr: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

impl Variants {
    pub fn get(&self, language: Language) -> &[String] {
        language.pick(&self.fr, &self.en)
    }

    fn is_empty(&self) -> bool {
        self.fr.is_empty() && self.en.is_empty()
    }
}

/// A position held, with `YYYY`, `YYYY-MM` or `YYYY-MM-DD` dates; no `to` while in office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// One entity: a person, an organisation, a place or a news organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Wikidata QID, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The house spelling per language.
    pub name: Localized,
    /// Other accepted forms, in any language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Variants::is_empty")]
    pub variants: Variants,
    /// The name in its native script (Cyrillic, Arabic…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Localized>,
    /// ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Media only: who owns the outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// Media only: the state that controls a state or public outlet (ISO country code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Media only: a short note on ownership.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
}

/// How a form relates to its entity, which decides what a rule makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// The house spelling in a language.
    Name(Language),
    /// Accepted in any language.
    Alias,
    /// Belongs to this language's transliteration, and is wrong in the other one.
    Variant(Language),
    /// A transliteration generated from `original` for this language.
    Generated(Language),
}

impl FormKind {
    /// Whether a text in `language` may use the form as it is.
    pub fn accepted_in(self, language: Language) -> bool {
        match self {
            FormKind::Alias => true,
            FormKind::Name(l) | FormKind::Variant(l) | FormKind::Generated(l) => l == language,
        }
    }
}

impl Entity {
    /// The house spelling in a language.
    pub fn name(&self, language: Language) -> &str {
        self.name.get(language)
    }

    /// Every written form of the entity with its kind, house names first; the order is stable,
    /// since compiled indexes refer to forms by position.
    pub fn forms(&self) -> Vec<(String, FormKind)> {
        let mut forms = vec![
            (self.name.fr.clone(), FormKind::Name(Language::French)),
            (self.name.en.clone(), FormKind::Name(Language::English)),
        ];
        forms.extend(self.aliases.iter().map(|a| (a.clone(), FormKind::Alias)));
        for language in [Language::French, Language::English] {
            forms.extend(
                self.variants
                    .get(language)
                    .iter()
                    .map(|v| (v.clone(), FormKind::Variant(language))),
            );
        }
        if self.kind == Kind::Person {
            forms.extend(super::translit::generate(self));
        }
        forms
    }

    /// Whether the outlet is controlled by a government.
    pub fn is_state_media(&self) -> bool {
        self.kind == Kind::Media && self.owner == Some(Owner::State)
    }
}

/// Whether a date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
pub fn is_valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}
