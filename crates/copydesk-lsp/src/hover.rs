//! Hovers: on a known name, its card (also for a misspelled name, through the finding's
//! suggestion); on a quotation, its speaker; on a finding, why it matters.

use crate::analysis::Analysis;
use copydesk_core::rules;
use copydesk_core::sourcing;
use std::collections::BTreeSet;

/// Markdown for what lies under `offset`, or `None` when nothing does.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<String> {
    let mut sections = entity_cards(analysis, offset);
    sections.extend(quotation_speaker(analysis, offset));
    sections.extend(findings(analysis, offset));
    (!sections.is_empty()).then(|| sections.join("\n\n---\n\n"))
}

fn covers(span: &std::ops::Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

/// Cards of the names at `offset`: as written, or as a finding suggests they should be.
fn entity_cards(analysis: &Analysis, offset: usize) -> Vec<String> {
    let gazetteer = &analysis.config.gazetteer;
    let mut entities: BTreeSet<_> = analysis
        .mentions()
        .iter()
        .filter(|mention| covers(&mention.span, offset))
        .map(|mention| mention.entity())
        .collect();
    let suggested = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("entity/") && covers(&d.span, offset))
        .filter_map(|d| d.suggestions.first())
        .filter_map(|name| gazetteer.lookup(name).first().copied());
    entities.extend(suggested);
    entities
        .into_iter()
        .filter_map(|id| gazetteer.card(id, analysis.document.language))
        .collect()
}

fn quotation_speaker(analysis: &Analysis, offset: usize) -> Option<String> {
    let doc = &analysis.document;
    let quotation = sourcing::analysis(doc)
        .quotations
        .iter()
        .find(|q| !q.is_term && covers(&q.span, offset))?;
    Some(match &quotation.speaker {
        Some(speaker) => doc.language.pick(
            format!("Citation de **{}**", doc.text(speaker.span.clone())),
            format!("Quotation by **{}**", doc.text(speaker.span.clone())),
        ),
        None => doc.language.pick(
            "Citation sans locuteur identifié".to_string(),
            "Quotation with no speaker found".to_string(),
        ),
    })
}

fn findings(analysis: &Analysis, offset: usize) -> Vec<String> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| covers(&d.span, offset))
        .map(|d| {
            let explanation = rules::find(d.code)
                .map(|rule| rule.info().explanation())
                .unwrap_or_default();
            format!("**{}** — {}\n\n{explanation}", d.code, d.message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::Format;

    fn analyse(text: &str) -> Analysis {
        Analysis::new(
            text.into(),
            Format::PlainText,
            Default::default(),
            1,
            &mut Default::default(),
        )
    }

    #[test]
    fn explains_the_finding_under_the_cursor_only() {
        let text = "Les opposants sont sont divisés.";
        let analysis = analyse(text);
        let on = hover(&analysis, text.find("sont").unwrap()).unwrap();
        assert!(on.starts_with("**style/repeated-word** — « sont »"));
        assert!(on.contains("## Why it matters"));
        assert_eq!(hover(&analysis, 0), None);
        assert_eq!(hover(&analysis, text.find("divisés").unwrap()), None);
    }

    #[test]
    fn shows_the_card_of_a_known_name_in_the_article_language() {
        let text = "Le porte-parole Dmitri Peskov a répondu aux journalistes hier soir.";
        let analysis = analyse(text);
        let card = hover(&analysis, text.find("Peskov").unwrap()).unwrap();
        assert!(card.starts_with("**Dmitri Peskov**"), "{card}");
        let text = "The spokesman Dmitry Peskov told reporters on Tuesday that it was over.";
        let card = hover(&analyse(text), text.find("Peskov").unwrap()).unwrap();
        assert!(card.starts_with("**Dmitry Peskov**"), "{card}");
    }

    #[test]
    fn names_the_speaker_of_a_quotation() {
        let text =
            "« Nous enverrons autant que nécessaire », a déclaré Dmitri Peskov aux journalistes.";
        let analysis = analyse(text);
        let on = hover(&analysis, text.find("enverrons").unwrap()).unwrap();
        assert!(on.contains("Citation de **Dmitri Peskov**"), "{on}");
    }
}
