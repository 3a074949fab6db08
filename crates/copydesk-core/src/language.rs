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

/// French function words ("l'" and "d'un" are counted as elisions before these are asked).
fn is_french_marker(word: &str) -> bool {
    matches!(
        word,
        "le" | "la"
            | "les"
            | "des"
            | "du"
            | "de"
            | "et"
            | "est"
            | "une"
            | "un"
            | "dans"
            | "pour"
            | "que"
            | "qui"
            | "sur"
            | "pas"
            | "au"
            | "aux"
            | "avec"
            | "à"
            | "ce"
            | "cette"
            | "il"
            | "elle"
            | "ont"
            | "sont"
            | "été"
            | "selon"
            | "mais"
            | "par"
            | "ses"
            | "leur"
            | "d'un"
            | "d'une"
            | "l'"
            | "où"
    )
}

fn is_english_marker(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "of"
            | "and"
            | "to"
            | "in"
            | "is"
            | "was"
            | "for"
            | "that"
            | "with"
            | "on"
            | "said"
            | "by"
            | "as"
            | "at"
            | "from"
            | "his"
            | "her"
            | "has"
            | "have"
            | "are"
            | "it"
            | "were"
            | "which"
            | "would"
            | "their"
            | "an"
            | "this"
            | "but"
            | "after"
    )
}

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
        let mut lower = String::new();
        for word in text
            .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .filter(|word| !word.is_empty())
            .take(DETECTION_WORDS)
        {
            if is_elided(word) {
                french += 1;
                continue;
            }
            if word.len() > LONGEST_MARKER {
                continue;
            }
            let mut ascii = [0u8; LONGEST_MARKER];
            let word = if word.is_ascii() {
                let ascii = &mut ascii[..word.len()];
                ascii.copy_from_slice(word.as_bytes());
                ascii.make_ascii_lowercase();
                std::str::from_utf8(ascii).unwrap_or_default()
            } else {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                lower.as_str()
            };
            french += usize::from(is_french_marker(word));
            english += usize::from(is_english_marker(word));
        }
        if english > french {
            Language::English
        } else {
            Language::French
        }
    }
}

/// The words read to tell the language: a long article says it in its first pages, and the
/// language server detects it again at every keystroke.
const DETECTION_WORDS: usize = 3000;

/// The longest marker, in bytes: longer words are not looked up.
const LONGEST_MARKER: usize = 6;

/// "l'armée", "d'un": French elision.
fn is_elided(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('l' | 'L' | 'd' | 'D')) && matches!(chars.next(), Some('\'' | '’'))
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
