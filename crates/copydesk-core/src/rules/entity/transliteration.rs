use super::names::Names;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::gazetteer::{Entity, FormKind, Kind, Mention};
use crate::language::Language;
use crate::rules::{Rule, Scope};
use std::rc::Rc;

declare_rule! {
    /// A name transliterated for the other language.
    ///
    /// ## What it finds
    /// A person's name in the spelling of the other language's transliteration: "Dmitry
    /// Peskov", "Sergei Lavrov" or "Alexander Schetinin" in a French article (the French
    /// press writes "Dmitri Peskov", "Sergueï Lavrov", "Alexandre Chtchétinine"); "Sergueï
    /// Lavrov" or "Mohammed ben Salmane" in an English one.
    ///
    /// ## Why it matters
    /// Each language has its own transliteration of Russian, Ukrainian or Arabic names; copy
    /// pasted from a wire in the other language leaves a spelling readers of this one do not
    /// search for, and an article that mixes both.
    ///
    /// ## Example
    /// "Le porte-parole Dmitry Peskov" → "Le porte-parole Dmitri Peskov".
    ///
    /// ## Never flags
    /// Forms accepted in the article's language (the house name, aliases, that language's
    /// variants); established spellings; names that are the same in both languages; names of
    /// places and organisations (a translation, not a transliteration); people without a
    /// name in another script or listed variants.
    ///
    /// ## Fix
    /// Replaces the name by the house spelling for the article's language. Safe to apply without
    /// review.
    pub struct Transliteration;
    code = "entity/transliteration";
    severity = Warning;
}

impl Rule for Transliteration {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Paragraph
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let names = Names::of(doc, &ctx.config.gazetteer);
        for mention in names.mentions.iter() {
            let Some((entity, written_in)) = foreign_form(&names, mention, doc.language) else {
                continue;
            };
            let written = doc.text(mention.span.clone());
            if has_own_diacritics(written, &entity, written_in) {
                continue;
            }
            let suggestion = house_form(&entity, written, doc.language);
            if crate::gazetteer::key(&suggestion) == crate::gazetteer::key(written) {
                continue;
            }
            let message = doc.language.pick(
                format!(
                    "« {written} » est la graphie {} ; en français : « {suggestion} ».",
                    written_in.pick("française", "anglaise")
                ),
                format!(
                    "“{written}” is the {} spelling; in English: “{suggestion}”.",
                    written_in.pick("French", "English")
                ),
            );
            out.push(
                Diagnostic::new(Self::INFO.code, mention.span.clone(), message)
                    .suggest(suggestion)
                    .safe(),
            );
        }
    }
}

/// The person a mention names with a form of the other language, and that language; `None`
/// when the form is accepted in `language` for any entity it may name.
fn foreign_form(
    names: &Names,
    mention: &Mention,
    language: Language,
) -> Option<(Rc<Entity>, Language)> {
    if mention
        .matches
        .iter()
        .any(|(_, posting)| posting.form_kind().accepted_in(language))
    {
        return None;
    }
    let (id, posting) = mention.matches.first()?;
    let (entity, _) = names.entity(*id)?;
    let transliterated = entity.original.is_some()
        || !entity.variants.fr.is_empty()
        || !entity.variants.en.is_empty();
    if entity.kind != Kind::Person || !transliterated {
        return None;
    }
    match posting.form_kind() {
        FormKind::Name(other) | FormKind::Variant(other) | FormKind::Generated(other) => {
            Some((entity, other))
        }
        FormKind::Alias => None,
    }
}

/// Whether `written` has accents that no form of the other language has ("Raïsi" is not the
/// English "Raisi", whatever folding says).
fn has_own_diacritics(written: &str, entity: &Entity, other: Language) -> bool {
    let accented = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphabetic() && !c.is_ascii())
            .collect::<Vec<_>>()
    };
    let mine = accented(written);
    if mine.is_empty() {
        return false;
    }
    let theirs: Vec<char> = entity
        .forms()
        .iter()
        .filter(|(_, kind)| *kind != FormKind::Alias && kind.accepted_in(other))
        .flat_map(|(form, _)| accented(form))
        .collect();
    mine.iter().any(|c| !theirs.contains(c))
}

/// The house spelling to put in place of `written`: the full name, or its last word when only a
/// surname was written.
fn house_form(entity: &Entity, written: &str, language: Language) -> String {
    let house = entity.name(language);
    if written.split_whitespace().count() == 1 {
        house.rsplit(' ').next().unwrap_or(house).to_string()
    } else {
        house.to_string()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_in;
    use crate::{Format, Language};

    fn findings(text: &str, language: Language) -> Vec<(String, Vec<String>)> {
        findings_in(
            "entity/transliteration",
            text,
            Format::PlainText,
            Some(language),
        )
        .into_iter()
        .map(|(text, d)| (text, d.suggestions))
        .collect()
    }

    #[test]
    fn flags_english_forms_in_french() {
        let found = findings(
            "Selon Dmitry Peskov, Sergei Lavrov a reçu Alexander Schetinin.",
            Language::French,
        );
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|(t, s)| (t.as_str(), s[0].as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Dmitry Peskov", "Dmitri Peskov"),
                ("Sergei Lavrov", "Sergueï Lavrov"),
                ("Alexander Schetinin", "Alexandre Chtchétinine")
            ]
        );
    }

    #[test]
    fn flags_french_forms_in_english() {
        let found = findings("Sergueï Lavrov spoke on Monday.", Language::English);
        assert_eq!(found[0].1[0], "Sergei Lavrov");
    }

    #[test]
    fn never_flags_accepted_forms() {
        for (text, language) in [
            (
                "Dmitri Peskov et Sergueï Lavrov ont parlé. Peskov a ajouté.",
                Language::French,
            ),
            (
                "Dmitry Peskov and Sergei Lavrov spoke. Peskov added.",
                Language::English,
            ),
            (
                "Le Kremlin et Moscou ont répondu à Washington.",
                Language::French,
            ),
            ("Moscow and the Kremlin answered.", Language::English),
            (
                "Le président Ebrahim Raïsi est mort. Raïsi était pieux.",
                Language::French,
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
