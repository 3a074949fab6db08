use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::gazetteer::country_name;
use crate::rules::Rule;
use crate::sourcing::state_media_citations;

declare_rule! {
    /// A claim attributed to a state-controlled outlet.
    ///
    /// ## What it finds
    /// A state-controlled outlet given as a source — Sputnik, RT, RIA Novosti, TASS, Xinhua,
    /// CGTN, IRNA, KCNA, Press TV and every outlet the gazetteer lists with `owner = "state"` —
    /// as a speaker ("a rapporté RIA Novosti", "selon Sputnik", "according to KCNA", "TASS
    /// reported", "…, reports RIA Novosti"), as the channel of a statement ("a déclaré … à
    /// l'agence TASS", "told TASS": the outlet alone holds the record of what was said) or in a
    /// "Source :" line. The message names the state.
    ///
    /// ## Why it matters
    /// A state outlet speaks for its government: the reader must know it to weigh the claim.
    /// This is information, not an error: such outlets are often the only source for what a
    /// government says.
    ///
    /// ## Example
    /// "selon l'agence Sputnik" → "selon l'agence d'État russe Sputnik".
    ///
    /// ## Never flags
    /// Outlets with statutory independence (`owner = "public"`: AFP, BBC, France Télévisions…)
    /// and private ones; an article about the outlet itself, where it is not a source ("RT a
    /// été interdite dans l'Union européenne"); an outlet that only asks the question a named
    /// speaker answers before the press ("Peskov said in reply to a TASS question", "en réponse
    /// à une question de l'agence TASS").
    ///
    /// ## Fix
    /// Say that the outlet is state-controlled and by which state, and confirm the claim
    /// elsewhere where you can.
    pub struct StateMedia;
    code = "source/state-media";
    severity = Info;
}

impl Rule for StateMedia {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for citation in state_media_citations(doc, &ctx.config.gazetteer) {
            let about = citation
                .description
                .map(|d| format!(" — {d}"))
                .unwrap_or_default();
            let state = country_name(&citation.state, doc.language).unwrap_or(&citation.state);
            let message = doc.language.pick(
                format!(
                    "{} est un média contrôlé par l’État ({state}){about} : dites-le au lecteur.",
                    citation.outlet
                ),
                format!(
                    "{} is controlled by the state ({state}){about}: tell the reader.",
                    citation.outlet
                ),
            );
            out.push(Diagnostic::new(Self::INFO.code, citation.span, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    fn flagged(text: &str) -> Vec<(String, String)> {
        findings_of("source/state-media", text)
            .into_iter()
            .map(|(text, d)| (text, d.message))
            .collect()
    }

    #[test]
    fn flags_state_outlets_given_as_sources() {
        let found = flagged("Selon le média russe Sputnik, la Russie a envoyé des militaires.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Sputnik");
        assert!(found[0].1.contains("(Russie)"), "{}", found[0].1);
        let english = flagged("The launch failed, according to KCNA.");
        assert!(english[0].1.contains("(North Korea)"), "{}", english[0].1);
        assert_eq!(
            flagged(
                "« Nous sommes en contact », a déclaré Dmitri Peskov à l’agence de presse TASS."
            )
            .len(),
            1
        );
        assert_eq!(
            flagged("Source : La Russie retire ses experts – Sputnik France").len(),
            1
        );
    }

    #[test]
    fn finds_acronyms_written_capitalised() {
        let found = flagged("Selon l'agence Irna, Téhéran a rejeté l'offre.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Irna");
        assert!(found[0].1.contains("(Iran)"), "{}", found[0].1);
        let english = flagged("The talks were over, according to Tass.");
        assert_eq!(english.len(), 1, "{english:?}");
        assert!(english[0].1.contains("(Russia)"), "{}", english[0].1);
    }

    #[test]
    fn never_flags_independent_outlets_or_articles_about_the_outlet() {
        for text in [
            "Selon l’Agence France-Presse, la Russie a envoyé des militaires.",
            "RT a été interdite dans l’Union européenne en 2022.",
            "The BBC said the talks had failed.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn flags_outlets_that_report() {
        for text in [
            "The talks were useful, said the spokesman Dmitry Peskov, reports RIA Novosti.",
            "The launch failed on Monday, KCNA reported.",
            "Les pourparlers ont échoué, a indiqué l’agence TASS.",
        ] {
            assert_eq!(flagged(text).len(), 1, "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn never_flags_an_outlet_that_only_asks_the_question() {
        for text in [
            "« Ce n’est pas vrai », a déclaré Dmitri Peskov en réponse à une question de l’agence TASS.",
            "\"That is not true,\" Peskov said on Sunday in reply to a TASS question.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }
}
