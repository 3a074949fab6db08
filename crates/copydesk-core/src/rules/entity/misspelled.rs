use super::names::{Names, NearMiss};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::rules::Rule;
use std::collections::BTreeSet;

declare_rule! {
    /// A name spelt close to, but not as, a name the gazetteer knows.
    ///
    /// ## What it finds
    /// A near miss of a known person, organisation, place or news organisation: "Corostion
    /// Rostec" for "Corporation Rostec", "Nicolos Maduro" for "Nicolás Maduro", "Shingeru Ishiba"
    /// for "Shigeru Ishiba". A misspelt word counts when the words around it make a known name
    /// with it (then a word of seven letters or more may hold one slip more: "António
    /// Gutteres"), or when it is a long one-word name of an organisation or place ("Gazprome").
    ///
    /// ## Why it matters
    /// A misspelt name is the error readers notice and remember; it tells them the desk did not
    /// check, and it breaks search and archives.
    ///
    /// ## Example
    /// "Le patron de Corostion Rostec" → "Le patron de Corporation Rostec".
    ///
    /// ## Never flags
    /// Names the gazetteer knows (in any accepted form, with or without accents); ordinary
    /// French or English words, demonyms, months and weekdays; short words, where one letter
    /// makes another name; a word whose first letter differs; a lone surname close to a known
    /// one ("Hernández" beside "Fernández"), which is too often someone else.
    ///
    /// ## Fix
    /// Replaces the name by the house spelling for the article's language (or the corrected
    /// form for a short alias). Safe to apply without review only when one entity stands out.
    pub struct Misspelled;
    code = "entity/misspelled";
    severity = Warning;
}

impl Rule for Misspelled {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let names = Names::of(ctx.doc, &ctx.config.gazetteer);
        out.extend(names.misspellings(findings).iter().cloned());
    }
}

/// The misspelling findings of an article; the other name rules leave their spans alone.
pub(super) fn findings(names: &Names) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for group in widest_spans(names.near_misses()) {
        let span = group[0].span.clone();
        let mut suggestions: Vec<String> = Vec::new();
        let mut entities = BTreeSet::new();
        for miss in &group {
            let Some((entity, _)) = names.entity(miss.entity) else {
                continue;
            };
            entities.insert(miss.entity);
            let suggestion = names.suggestion(&entity, &miss.form, miss.form_kind);
            if !suggestions.contains(&suggestion) {
                suggestions.push(suggestion);
            }
        }
        let Some(first) = suggestions.first().cloned() else {
            continue;
        };
        let written = names.text(span.clone());
        let message = names.language.pick(
            format!("« {written} » : nom mal orthographié ? Le nom connu est « {first} »."),
            format!("“{written}”: misspelt name? The known name is “{first}”."),
        );
        let mut diagnostic = Diagnostic::new(Misspelled::INFO.code, span, message);
        for suggestion in suggestions {
            diagnostic = diagnostic.suggest(suggestion);
        }
        if entities.len() == 1 && diagnostic.suggestions.len() == 1 {
            diagnostic = diagnostic.safe();
        }
        out.push(diagnostic);
    }
    out
}

/// Groups near misses by span, keeping only the widest of overlapping spans.
fn widest_spans(misses: Vec<NearMiss>) -> Vec<Vec<NearMiss>> {
    let mut groups: Vec<Vec<NearMiss>> = Vec::new();
    for miss in misses {
        match groups.last_mut() {
            Some(group) if group[0].span == miss.span => group.push(miss),
            Some(group) if group[0].span.end > miss.span.start => {
                if miss.span.len() > group[0].span.len() {
                    *group = vec![miss];
                }
            }
            _ => groups.push(vec![miss]),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_in;
    use crate::{Format, Language};

    fn findings(text: &str, language: Language) -> Vec<(String, Vec<String>, bool)> {
        findings_in("entity/misspelled", text, Format::PlainText, Some(language))
            .into_iter()
            .map(|(text, d)| (text, d.suggestions, d.safe_fix))
            .collect()
    }

    #[test]
    fn flags_near_misses_of_known_names_in_french() {
        let found = findings(
            "Le président Nicolos Maduro a reçu le patron de Corostion Rostec à Caracas.",
            Language::French,
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "Nicolos Maduro");
        assert_eq!(found[0].1[0], "Nicolás Maduro");
        assert!(found[0].2, "one candidate: safe");
        assert_eq!(found[1].0, "Corostion Rostec");
        assert_eq!(found[1].1[0], "Corporation Rostec");
    }

    #[test]
    fn flags_near_misses_in_english() {
        let found = findings(
            "Prime Minister Shingeru Ishiba met Emmanuel Macorn in Tokyo on Monday.",
            Language::English,
        );
        let texts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert!(texts.contains(&"Shingeru Ishiba"), "{found:?}");
        assert!(texts.contains(&"Emmanuel Macorn"), "{found:?}");
        let found = findings("Flights left Domedovo airport at noon.", Language::English);
        assert_eq!(found[0].1[0], "Domodedovo", "{found:?}");
    }

    #[test]
    fn a_name_whose_other_words_are_right_allows_one_edit_more() {
        let found = findings(
            "Le secrétaire général António Gutteres a parlé.",
            Language::French,
        );
        assert_eq!(found[0].0, "António Gutteres", "{found:?}");
        assert_eq!(found[0].1[0], "António Guterres");
        let alone = findings("Le secrétaire général Gutteres a parlé.", Language::French);
        assert!(alone.is_empty(), "{alone:?}");
    }

    #[test]
    fn one_letter_more_is_a_slip_not_a_derived_word() {
        let found = findings("Le géant Gazprome a coupé le gaz.", Language::French);
        assert_eq!(found[0].1[0], "Gazprom", "{found:?}");
        let derived = findings("Les maduristes ont manifesté.", Language::French);
        assert!(derived.is_empty(), "{derived:?}");
    }

    #[test]
    fn a_letter_slipped_in_before_the_final_vowels_is_a_slip() {
        for (text, meant) in [
            ("Le ministre Antonio Tajanni a parlé.", "Antonio Tajani"),
            (
                "La députée Sandrine Roussseau a parlé.",
                "Sandrine Rousseau",
            ),
            ("Le président Nicolás Madurro a parlé.", "Nicolás Maduro"),
        ] {
            let found = findings(text, Language::French);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].1[0], meant, "{text}: {found:?}");
        }
        for text in [
            "Les Kényans et les Vénézuéliens ont voté.",
            "Les chavistes ont défilé.",
        ] {
            assert!(findings(text, Language::French).is_empty(), "{text}");
        }
    }

    #[test]
    fn never_flags_right_names_common_words_or_strangers() {
        for (text, language) in [
            (
                "Nicolas Maduro et Nicolás Maduro ont parlé à Moscou.",
                Language::French,
            ),
            (
                "Marion Maréchal a rencontré Marine Le Pen.",
                Language::French,
            ),
            (
                "Les Vénézuéliens ont voté dimanche 9 juin.",
                Language::French,
            ),
            (
                "Juan Hernández a parlé avec Romain Migus.",
                Language::French,
            ),
            (
                "The Wall Street Journal said Xi Jinping met Donald Trump.",
                Language::English,
            ),
        ] {
            assert!(
                findings(text, language).is_empty(),
                "{text}: {:?}",
                findings(text, language)
            );
        }
    }
}
