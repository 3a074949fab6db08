use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::rules::Rule;
use crate::sourcing::analysis;

declare_rule! {
    /// A vague attribution that names no one.
    ///
    /// ## What it finds
    /// Weasel attributions: an unnamed group given as a source ("de nombreux observateurs",
    /// "pour les analystes", "selon certains experts", "plusieurs rapports indiquent", "selon des
    /// journalistes spécialisés", "certains estiment", "experts believe", "many analysts say"),
    /// hearsay ("il se dit que", "on dit que", "aux dires de certains", "des voix s'élèvent", "it
    /// is widely reported", "some say", "according to reports", "there are reports", "rumours
    /// suggest") and "les médias mainstream".
    ///
    /// ## Why it matters
    /// "De nombreux observateurs" is not a source: the reader cannot check it, and it lends a
    /// writer's own opinion the weight of a crowd.
    ///
    /// ## Example
    /// "Pour de nombreux observateurs politiques, le projet a échoué" → "Pour Jean Dupont,
    /// politologue à l'université de Caracas, le projet a échoué".
    ///
    /// ## Never flags
    /// A group that is named ("les analystes de Goldman Sachs", "experts at the IMF", "des
    /// experts, dont Jean Dupont"); a vague group followed, in the next sentence of the same
    /// paragraph, by a named source; a group whose sentence names where its view comes from
    /// ("analysts had expected a 1% drop, according to data compiled by Bloomberg", "selon un
    /// consensus FactSet", "d'après LSEG"); reports named by their kind ("job reports",
    /// "earnings reports", "les rapports annuels"); groups that are not given as a source ("les
    /// observateurs de l'élection étaient présents"); words inside a quotation.
    ///
    /// ## Fix
    /// Name the people or the report, or say it in the article's own voice if it is the
    /// newspaper's analysis.
    pub struct VagueSource;
    code = "attribution/vague-source";
    severity = Warning;
}

impl Rule for VagueSource {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for span in &analysis(doc).vague {
            let message = doc.language.pick(
                format!(
                    "Attribution vague : « {} » ne nomme personne. Qui, précisément ?",
                    doc.text(span.clone())
                ),
                format!(
                    "Vague attribution: “{}” names no one. Who, exactly?",
                    doc.text(span.clone())
                ),
            );
            out.push(Diagnostic::new(Self::INFO.code, span.clone(), message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    fn flagged(text: &str) -> Vec<String> {
        findings_of("attribution/vague-source", text)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }

    #[test]
    fn flags_french_weasel_attributions() {
        assert_eq!(
            flagged("Pour de nombreux observateurs politiques, le projet a échoué."),
            ["Pour de nombreux observateurs politiques"]
        );
        assert_eq!(
            flagged("Pour les analystes politiques, la présence russe va durer."),
            ["Pour les analystes politiques"]
        );
        assert_eq!(
            flagged("Plusieurs rapports publiés vendredi indiquent que la flotte arrive.").len(),
            1
        );
        assert_eq!(
            flagged("Selon certains experts, la crise va durer."),
            ["Selon certains experts"]
        );
        assert_eq!(
            flagged("Cette version est véhiculée par les médias mainstream."),
            ["médias mainstream"]
        );
        assert_eq!(flagged("Il se dit que le ministre va partir.").len(), 1);
        assert_eq!(flagged("Certains estiment que la crise va durer.").len(), 1);
        assert_eq!(
            flagged("Aux dires de certains, la réforme est morte."),
            ["Aux dires de certains"]
        );
        assert_eq!(
            flagged("Des voix s’élèvent pour dénoncer la réforme."),
            ["Des voix s’élèvent"]
        );
    }

    #[test]
    fn flags_introduced_pronouns_opinions_and_hearsay_clauses() {
        assert_eq!(
            flagged("Pour beaucoup, cette frappe marque une escalade."),
            ["Pour beaucoup"]
        );
        assert_eq!(
            flagged("For some, the verdict came too late."),
            ["For some"]
        );
        assert_eq!(
            flagged("Certains redoutent une crise ; d’autres y voient une chance."),
            ["Certains", "d’autres"]
        );
        assert_eq!(
            flagged("Il se dit dans les couloirs que le ministre va partir."),
            ["Il se dit dans les couloirs que"]
        );
        assert_eq!(
            flagged("On murmure à Bruxelles que l’accord est proche."),
            ["On murmure à Bruxelles que"]
        );
        assert_eq!(
            flagged("Il se dit que le ministre va partir, a affirmé Jean Dupont.").len(),
            1
        );
        assert_eq!(
            flagged("Il se dit que le ministre va partir. Jean Dupont, député, l’a affirmé.").len(),
            1
        );
    }

    #[test]
    fn never_flags_polls_or_pronouns_that_count() {
        for text in [
            "Selon des économistes interrogés par Reuters, la BCE va baisser ses taux.",
            "Analysts polled by Reuters expect a cut.",
            "Lavrov spoke to Rubio, the ministry said, News.az reports citing TASS.",
            "La réforme compte pour beaucoup dans sa défaite.",
            "Il a travaillé pour beaucoup de clients.",
            "Il se dit prêt à négocier.",
            "He worked for many years in Moscow.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn flags_english_weasel_attributions() {
        assert_eq!(flagged("Experts believe the crisis will last.").len(), 1);
        assert_eq!(flagged("Some say the talks are over.").len(), 1);
        assert_eq!(
            flagged("It is widely reported that the minister will resign."),
            ["It is widely reported"]
        );
        assert_eq!(
            flagged("Many analysts say the bank will cut rates.").len(),
            1
        );
        assert_eq!(
            flagged("There are reports that troops crossed the border."),
            ["There are reports"]
        );
        assert_eq!(
            flagged("Rumours suggest the minister will resign.").len(),
            1
        );
    }

    #[test]
    fn never_flags_named_groups_or_groups_that_are_not_sources() {
        for text in [
            "Les analystes de Goldman Sachs estiment que la crise va durer.",
            "De nombreux experts, dont Jean Dupont, estiment que la crise va durer.",
            "Les observateurs de l’élection étaient présents dans tout le pays.",
            "Pour de nombreux observateurs, la crise va durer. Jean Dupont, politologue, l’a affirmé.",
            "Analysts at the IMF believe the crisis will last.",
            "The government published several reports on the matter.",
            "« Les experts se trompent souvent sur tout », a déclaré le ministre.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn never_flags_a_consensus_with_a_named_origin() {
        for text in [
            "Analysts had expected a loss, according to data compiled by Bloomberg.",
            "On that basis, analysts predicted a profit of 7 cents, according to a Bloomberg survey.",
            "The result beat what analysts expected, according to Zacks Investment Research.",
            "Les analystes anticipaient une baisse de 2 %, selon un consensus FactSet.",
            "Les analystes tablaient sur un bénéfice stable, d’après LSEG.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
        assert_eq!(
            flagged("Analysts had expected a loss, according to two traders."),
            ["Analysts had"]
        );
    }

    #[test]
    fn reports_named_by_their_kind_are_not_hearsay() {
        for text in [
            "Recent job reports suggest that hiring is slowing.",
            "New earnings reports indicate a slowdown.",
            "Les rapports annuels indiquent une hausse des ventes.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
        assert_eq!(
            flagged("Recent reports suggest that hiring is slowing.").len(),
            1
        );
        assert_eq!(
            flagged("Media reports suggest the minister will resign.").len(),
            1
        );
        assert_eq!(flagged("Some reports indicate the talks failed.").len(), 1);
    }
}
