use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::rules::Rule;
use crate::sourcing::analysis;

declare_rule! {
    /// A quotation with no speaker.
    ///
    /// ## What it finds
    /// A direct quotation — « … », “ … ”, " … ", ‹ … › — with no speaker in its sentence or the
    /// sentences around it: no speech verb with its subject ("a déclaré le ministre", "said
    /// Smith", "a-t-il ajouté"), no "selon X", "d'après X", "according to X", no speaker
    /// introduced just before, and no earlier quotation of the same speaker it follows.
    ///
    /// ## Why it matters
    /// Every quote has a speaker: a reader who cannot tell who said it cannot weigh it, and an
    /// unattributed quote reads as the newspaper's own voice.
    ///
    /// ## Example
    /// « Nous ne céderons rien. » (nobody named) → « Nous ne céderons rien », a déclaré la
    /// ministre.
    ///
    /// ## Never flags
    /// Quoted terms: a short phrase with no clause of its own («dictature maduriste», “forces
    /// américaines”, « coup d’État », « les bras croisés »); titles and names announced by the
    /// word before (le film « La vie est un long fleuve tranquille », une tribune intitulée « … »,
    /// the book “…”); a headline with its newspaper ("Le quotidien a titré : « … »"); quotations
    /// whose speaker is given in
    /// the sentence before ("Il a ajouté :") or after; the later paragraphs of a quotation that
    /// runs over paragraphs (» …) when its speaker is given once.
    ///
    /// ## Fix
    /// Name the speaker next to the quotation, or turn it into reported speech.
    pub struct UnattributedQuote;
    code = "attribution/unattributed-quote";
    severity = Warning;
}

impl Rule for UnattributedQuote {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let analysis = analysis(doc);
        for quotation in &analysis.quotations {
            if quotation.is_term || quotation.speaker.is_some() || quotation.continues {
                continue;
            }
            let message = doc.language.pick(
                "Citation sans locuteur : qui parle ? Nommez la personne citée dans la phrase ou la phrase voisine.",
                "Quotation with no speaker: who says this? Name the person quoted in this sentence or the next.",
            );
            out.push(Diagnostic::new(
                Self::INFO.code,
                quotation.span.clone(),
                message,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    fn flagged(text: &str) -> Vec<String> {
        findings_of("attribution/unattributed-quote", text)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }

    #[test]
    fn flags_a_quotation_nobody_says() {
        assert_eq!(
            flagged("La salle était comble. « Nous ne céderons rien à personne, jamais. »"),
            ["« Nous ne céderons rien à personne, jamais. »"]
        );
        assert_eq!(
            flagged("The hall was full. \"We will never give in to anyone.\"").len(),
            1
        );
    }

    #[test]
    fn never_flags_attributed_quotations_or_terms() {
        for text in [
            "« Nous ne céderons rien à personne », a déclaré la ministre.",
            "La ministre a ajouté :\n\n« Nous ne céderons rien à personne. »",
            "Selon Jean Dupont, « rien n’est encore décidé à ce stade ».",
            "Les tenants de la «dictature maduriste» parlent d’un « coup d’État ».",
            "“We will never give in to anyone,” said the minister.",
            "“We will never give in,” she added. “Not today, not tomorrow, not ever.”",
            "« Nous irons jusqu’au bout, dit-il.\n\n» Et nous ne reculerons devant rien ni personne. »",
            "« C’était un mur d’eau qui a tout emporté », a décrit un habitant.",
            "L’agence Irna a cité le ministre : « Israël paiera le prix de ses crimes. »",
            "One sign read \"My body, my choice, and nobody else's\".",
            "“The court acted without any evidence at all,” the lawyer was quoted as saying.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }
}
