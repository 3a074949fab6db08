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
    /// sentences around it: no speech verb with its subject ("a déclaré le ministre", "a fait
    /// remarquer X", "lance-t-il", "said Smith", "alleging that", "a-t-il ajouté"), no "selon X",
    /// "d'après X", "according to X", no speaker introduced just before or labelled ("David
    /// Moyes: …"), and no earlier quotation or account of the same speaker it follows.
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
    /// runs over paragraphs (» … in French, a paragraph left open and the next one reopening
    /// with " in English) when its speaker is given once; a verbless fragment of any length set
    /// in its sentence (victimes « d’outrage et de menaces de mort »); a name written with the
    /// comma inside the marks (the “big, beautiful bill,”); a speaker's name as a label (`Jean
    /// Dupont (LR) : « … »`, or on the line before); an incise inside the quotation (« …, a
    /// lancé l’entraîneur. … »); a quotation in an account whose speaker was just named, with no
    /// other name in between; a quoted intertitle that the body gives again with its speaker; a
    /// quotation after a sentence that names someone in full ("Justin Trudeau annonce sa
    /// démission. « Le Parlement ne fonctionne plus »"), which readers take as the speaker.
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

    fn never_flags(texts: &[&str]) {
        for text in texts {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn ordinary_attributed_layouts() {
        never_flags(&[
            "« Nous ne lâcherons rien sur ce dossier », dit-il.",
            "« Rien n’est encore joué dans cette affaire », a-t-il ajouté.",
            "Selon lui, « rien n’est encore joué dans cette affaire ».",
            "D’après elle, « la réforme ne passera pas cette année ».",
            "« Rien n’est encore joué dans cette affaire. » La ministre l’a affirmé devant les députés.",
            "“Nothing has been decided yet in this case,” she told reporters.",
            "\"Nothing has been decided yet in this case.\" The senator said so twice on Monday.",
        ]);
    }

    #[test]
    fn a_name_label_gives_the_speaker() {
        never_flags(&[
            "Lyon 2-0 Nantes\n\nJean Dupont: \"We were tired after the break, but we held on until the end.\"",
            "Marie Curie (PS) : « Nous voterons contre ce budget, sans la moindre hésitation. »",
            "Paul Martin\n\n« Nous avons joué sans rythme pendant toute la première période. »",
        ]);
        assert_eq!(
            flagged("Résultats du soir :\n\n« Nous avons joué sans rythme pendant toute la première période. »").len(),
            1
        );
    }

    #[test]
    fn an_english_quotation_over_paragraphs_keeps_its_speaker() {
        never_flags(&["\"We started slowly, it is normal,\" said the coach.\n\n\"In the first half we were sloppy in our passing.\n\n\"The second half was better and I am delighted for the players.\""]);
        assert_eq!(
            flagged("The rain stopped at noon.\n\n\"In the first half we were sloppy in our passing.\n\n\"The second half was better and I am delighted for the players.\"").len(),
            1
        );
    }

    #[test]
    fn newsroom_speech_verbs_and_incises_attribute() {
        never_flags(&[
            "« Les autorités ont tenté plusieurs fois de nous provoquer », a fait remarquer le président.",
            "« Nous avons été solides du début à la fin », lance-t-il.",
            "« Nous avons été solides du début à la fin », a glissé l’entraîneur.",
            "L’entraîneur a salué son attaquant. « Comment décrire ce match ? C’est difficile, a lancé le technicien lyonnais. Il a été immense du début à la fin. »",
            "The president rejected a break with the country, alleging that there were \"very good relations with its people and its leaders.\"",
            "\"We have done nothing wrong at any point in this case,\" the lawyer insisted, noting the delay.",
        ]);
    }

    #[test]
    fn verbless_fragments_and_names_are_terms() {
        never_flags(&[
            "Les suspects, « défavorablement connus de la police et de la justice », ont été entendus.",
            "Les agents, victimes « d’outrage et de menaces de mort », ont porté plainte.",
            "Dubbed by the president as the “big, beautiful bill,” the text now heads back to the House.",
            "The Senate approved the president’s “One Big Beautiful Bill Act,” with one vote to spare.",
            "Le cortège a défilé dans le calme.\n\n« Un réel risque de guerre civile »\n\nLe pays est au bord du gouffre.",
        ]);
        assert_eq!(
            flagged("La foule a défilé. Les slogans, « le gouvernement doit partir avant la fin de l’année », résonnaient.").len(),
            1
        );
    }

    #[test]
    fn an_account_and_an_intertitle_keep_their_speaker() {
        never_flags(&[
            "La voiture a été « percutée à l’avant par un scooter », rapporte le procureur.\nL’un d’eux a « frappé le gendarme afin que le conducteur puisse s’enfuir ».",
            "Le match est fini.\n\n« La vie est plus belle avec lui ? Oui ! »\n\nInterrogé après la rencontre, l’entraîneur a répondu : « La vie est plus belle avec lui sur le terrain ? Oui, je suis d’accord ! »",
        ]);
        assert_eq!(
            flagged("Le conseil municipal s’est réuni mardi. Le texte « va ruiner la ville et tous ses commerces ».").len(),
            1
        );
    }

    #[test]
    fn a_full_name_in_the_sentence_before_gives_the_speaker() {
        never_flags(&[
            "Le Premier ministre Marc Durand annonce sa démission.\n\n« Le Parlement ne fonctionne plus depuis des mois. »",
            "Sur le terrain, le lieutenant-colonel Paul Martin pense d’abord au vent. « Il y a des secteurs où le feu passe en une heure. »",
            "Le maire Jean Dupont est arrivé ensuite. Il a « refusé de signer ce texte qui va ruiner la ville ».",
            "Coach Mark Evans watched the replay twice. \"We were simply not good enough tonight.\"",
        ]);
        for text in [
            "Le Parlement a voté la loi. « Le texte va ruiner la ville et tous ses commerces. »",
            "The court ruled on Monday. \"This is a dark day for everyone who works here.\"",
        ] {
            assert_eq!(flagged(text).len(), 1, "{text}");
        }
    }
}
