//! The language of an article: French or English.

use serde::Serialize;

/// A language copydesk writes its messages in and knows the conventions of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[serde(rename = "fr")]
    French,
    #[serde(rename = "en")]
    English,
}

const FRENCH_MARKERS: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "que", "qui",
    "sur", "pas", "au", "aux", "avec", "à", "ce", "cette", "il", "elle", "ont", "sont", "été",
    "selon", "mais", "par", "ses", "leur", "d'un", "d'une", "l'", "où",
];
const ENGLISH_MARKERS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "for", "that", "with", "on", "said", "by", "as",
    "at", "from", "his", "her", "has", "have", "are", "it", "were", "which", "would", "their",
    "an", "this", "but", "after",
];

impl Language {
    /// The two-letter code: `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
        }
    }

    /// Reads a language name or code as found in front matter or config ("fr", "fr-FR",
    /// "français", "English"…).
    pub fn parse(value: &str) -> Option<Language> {
        let value = value.trim().to_lowercase();
        let primary = value.split(['-', '_']).next().unwrap_or("");
        match primary {
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Language::French),
            "en" | "eng" | "english" | "anglais" => Some(Language::English),
            _ => None,
        }
    }

    /// Picks the French or the English text.
    pub fn pick<T>(self, french: T, english: T) -> T {
        match self {
            Language::French => french,
            Language::English => english,
        }
    }

    /// Guesses the language from the most frequent function words; French when in doubt, since
    /// copydesk is French first.
    pub fn detect(text: &str) -> Language {
        let (mut french, mut english) = (0usize, 0usize);
        for word in text
            .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .take(5000)
        {
            let word = word.to_lowercase().replace('’', "'");
            let word = word.as_str();
            if FRENCH_MARKERS.contains(&word) || word.starts_with("l'") || word.starts_with("d'") {
                french += 1;
            }
            if ENGLISH_MARKERS.contains(&word) {
                english += 1;
            }
        }
        if english > french {
            Language::English
        } else {
            Language::French
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_french_and_english() {
        assert_eq!(
            Language::detect("Le Kremlin a admis dimanche avoir des contacts avec le Venezuela."),
            Language::French
        );
        assert_eq!(
            Language::detect("The Kremlin said on Sunday that it was in contact with Venezuela."),
            Language::English
        );
        assert_eq!(Language::detect(""), Language::French);
    }

    #[test]
    fn parses_codes_and_names() {
        assert_eq!(Language::parse("fr-FR"), Some(Language::French));
        assert_eq!(Language::parse("English"), Some(Language::English));
        assert_eq!(Language::parse("de"), None);
    }
}
