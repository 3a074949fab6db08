use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::rules::Rule;
use crate::sourcing::analysis;

declare_rule! {
    /// An anonymous source: ask why it is anonymous.
    ///
    /// ## What it finds
    /// Sources the reader cannot identify: "une source proche du ministère", "une source non
    /// identifiée", "selon une source anonyme", "des sources au fait du dossier", "sous couvert
    /// d'anonymat", "un haut responsable" with no name, "a senior official said", "sources
    /// familiar with the matter", "people familiar with", "who asked not to be named",
    /// "s'exprimant anonymement", "speaking anonymously", "qui n'est pas autorisé à s'exprimer",
    /// "who was not authorized to speak", "qui a demandé à ne pas être identifié", "des sources
    /// palestiniennes", "une source de sécurité", "une source du parti", "sources had told
    /// NDTV"; unnamed people counted ("citant des responsables israéliens", "according to two
/// officials"); an unnamed official with any speech verb ("an Israeli official confirmed", "un
    /// responsable a précisé").
    ///
    /// ## Why it matters
    /// An anonymous source is the weakest source: the reader must take the newspaper's word
    /// for it. It is sometimes needed, to protect someone, so this is information, not an
    /// error: the desk checks that the reason is good and that the claim does not rest on it
    /// alone.
    ///
    /// ## Example
    /// "a confié une source proche du ministère russe de la Défense" → say why the source is
    /// anonymous ("qui a requis l'anonymat car elle n'est pas autorisée à s'exprimer") or name it.
    ///
    /// ## Never flags
    /// "source" meaning an origin ("une source d'embarras", "source of income"); named people
    /// and institutions ("un responsable de l'ONU", "a ministry spokesman"); sources inside a
    /// quotation; an unnamed official whose name the next sentence or the one after gives with
    /// a role and a speech verb, as wire ledes do ("…, a military official said. … Serhiy
    /// Popko, head of the military administration, said").
    ///
    /// ## Fix
    /// Name the source, or say why it cannot be named and confirm the claim elsewhere.
    pub struct AnonymousSource;
    code = "attribution/anonymous-source";
    severity = Info;
}

impl Rule for AnonymousSource {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for span in &analysis(doc).anonymous {
            let message = doc.language.pick(
                "Source anonyme : pourquoi n’est-elle pas nommée ? Dites-le au lecteur, ou confirmez l’information par une autre source.",
                "Anonymous source: why is it not named? Tell the reader, or confirm the claim with another source.",
            );
            out.push(Diagnostic::new(Self::INFO.code, span.clone(), message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    fn flagged(text: &str) -> Vec<String> {
        findings_of("attribution/anonymous-source", text)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }

    #[test]
    fn flags_french_anonymous_sources() {
        assert_eq!(
            flagged("Le groupe a réduit son personnel, a confié une source proche du ministère russe de la Défense."),
            ["une source proche du ministère russe de la Défense"]
        );
        assert_eq!(
            flagged("Le retrait, selon les sources au fait de la situation, est dû à l’absence de contrats."),
            ["les sources au fait de la situation"]
        );
        assert_eq!(
            flagged("Selon une source anonyme proche de l’armée, il était en fonctions."),
            ["une source anonyme proche de l’armée"]
        );
        assert_eq!(
            flagged("Un policier, qui s’exprimait sous couvert d’anonymat, l’a confirmé.").len(),
            1
        );
        assert_eq!(
            flagged(
                "Le navire a coulé, selon une source proche du port. Il a sombré, selon la source."
            ),
            ["une source proche du port"]
        );
        assert_eq!(
            flagged("Un quotidien local a rapporté qu’elle était partie."),
            ["Un quotidien local"]
        );
        assert_eq!(
            flagged(
                "La chaîne a indiqué, citant des sources de renseignement, qu’elle était arrivée."
            ),
            ["des sources de renseignement"]
        );
        assert_eq!(
            flagged("Le plan est prêt, selon un haut responsable américain."),
            ["un haut responsable américain"]
        );
    }

    #[test]
    fn flags_english_anonymous_sources() {
        assert_eq!(
            flagged("The company will cut jobs, sources familiar with the matter said."),
            ["sources familiar with the matter"]
        );
        assert_eq!(
            flagged("The deal is off, a senior official said on Monday."),
            ["a senior official"]
        );
        assert_eq!(
            flagged("The talks stalled, according to two people familiar with the negotiations.")
                .len(),
            1
        );
        assert!(!flagged("The talks stalled, said an aide who asked not to be named.").is_empty());
        assert_eq!(
            flagged("Two officials, speaking anonymously, confirmed the strike."),
            ["speaking anonymously"]
        );
        assert_eq!(
            flagged(
                "The strike was planned, said an officer who was not authorized to speak publicly."
            ),
            ["an officer who was not authorized to speak"]
        );
        assert_eq!(
            flagged("Le raid était prévu, selon un officier qui n’est pas autorisé à s’exprimer."),
            ["un officier qui n’est pas autorisé à s’exprimer"]
        );
    }

    #[test]
    fn flags_unnamed_people_close_to_the_matter() {
        assert_eq!(
            flagged("He was about to be freed, people close to him said."),
            ["people close to him"]
        );
        assert_eq!(
            flagged("Two people briefed on the deliberations said the justices were split."),
            ["Two people briefed on the deliberations"]
        );
        assert_eq!(
            flagged("According to one diplomat, Brazil wants a deal."),
            ["one diplomat"]
        );
        assert_eq!(
            flagged("A senior Turkish official said the response was slow."),
            ["A senior Turkish official"]
        );
        assert_eq!(
            flagged("Selon un conseiller russe, le président a été informé."),
            ["un conseiller russe"]
        );
        assert_eq!(
            flagged("Selon une personne au fait des discussions, le conseil était divisé.").len(),
            1
        );
    }

    #[test]
    fn never_flags_named_holders_of_a_role() {
        for text in [
            "The plan is ready, a senior official, John Smith, said.",
            "Le plan est prêt, a déclaré un conseiller, Jean Dupont.",
            "The town is close to the border, officials in Kyiv noted.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn flags_french_anonymity_phrases() {
        assert_eq!(
            flagged("Deux diplomates, s’exprimant anonymement, ont confirmé la rencontre."),
            ["s’exprimant anonymement"]
        );
        assert_eq!(
            flagged("Le raid était prévu, a dit un gradé qui n’est pas autorisé à s’exprimer publiquement."),
            ["un gradé qui n’est pas autorisé à s’exprimer"]
        );
    }

    #[test]
    fn never_flags_origins_or_named_sources() {
        for text in [
            "La Russie a retiré ses conseillers, une source d’embarras pour le président.",
            "Le pétrole est une source de revenus essentielle.",
            "Le plan est prêt, selon un responsable de l’ONU.",
            "Tourism is a source of income for the island.",
            "The plan is ready, a ministry spokesman said.",
            "Source : Sputnik France",
            "Le ministre n’est pas autorisé à signer ce contrat.",
            "Journalists were not authorized to enter the zone.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn flags_more_french_formulas() {
        assert_eq!(
            flagged("Un responsable, qui a demandé à ne pas être identifié, a démenti."),
            ["qui a demandé à ne pas être identifié"]
        );
        assert_eq!(
            flagged("Le raid a eu lieu, ont indiqué deux sources libanaises proches du dossier."),
            ["deux sources libanaises proches du dossier"]
        );
        assert_eq!(
            flagged("Le bilan est de douze morts, a-t-on appris auprès de sources de sécurité."),
            ["de sources de sécurité"]
        );
        assert_eq!(
            flagged("Un bâtiment a été visé, ont indiqué une source du parti et l’armée."),
            ["une source du parti"]
        );
        assert_eq!(
            flagged(
                "« Le bilan est lourd », a affirmé une source de sécurité au sujet de l’attaque."
            ),
            ["une source de sécurité"]
        );
    }

    #[test]
    fn flags_unnamed_officials_with_any_speech_verb() {
        assert_eq!(
            flagged("The delegation will travel on Sunday, an Israeli official confirmed."),
            ["an Israeli official"]
        );
        assert_eq!(
            flagged("The ceasefire holds, sources had told NDTV."),
            ["sources"]
        );
        assert_eq!(
            flagged("La délégation partira dimanche, un responsable égyptien a précisé."),
            ["un responsable égyptien"]
        );
        assert_eq!(
            flagged("Le site, citant des responsables israéliens, affirme que l’offre inclut une trêve."),
            ["des responsables israéliens"]
        );
        assert_eq!(
            flagged("The talks will resume, according to two officials."),
            ["two officials"]
        );
    }

    #[test]
    fn never_flags_an_official_named_in_the_next_sentences() {
        for text in [
            "Missiles hit the capital, a military official said on Tuesday.\n\"Stay in shelters!\" John Smith, head of the city's military administration, said on Telegram.",
            "An observer mission will go to Nigeria, an AU official said Friday.\n\nAU Commissioner Jane Doe said the mission would start in March.",
            "La frappe a visé la capitale, a déclaré un responsable militaire. Jean Dupont, chef de l’administration militaire, a précisé que trois missiles avaient été tirés.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }
}
