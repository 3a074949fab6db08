use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::rules::{Rule, Scope};
use crate::segment::TokenKind;
use crate::sourcing::words::Words;
use crate::text::{is_capitalised, is_space};

declare_rule! {
    /// A word typed twice in a row.
    ///
    /// ## What it finds
    /// The same word twice with only spaces between them: "le le président", "the the report".
    ///
    /// ## Why it matters
    /// A doubled word slips past the eye because the reader's mind skips it; in print it looks
    /// careless and undermines trust in the rest of the article.
    ///
    /// ## Example
    /// "Les opposants sont sont divisés" → "Les opposants sont divisés".
    ///
    /// ## Never flags
    /// Repetitions the language allows: "nous nous", "vous vous", "that that", "had had";
    /// reduplications such as "bla bla", "so so" or "à la queue leu leu"; numbers; capitalised
    /// names ("Bora Bora"); words separated by punctuation ("vous, vous").
    ///
    /// ## Fix
    /// Removes the second occurrence. Safe to apply without review.
    pub struct RepeatedWord;
    code = "style/repeated-word";
    severity = Warning;
}

/// Words a language legitimately doubles.
const ALLOWED_REPEATS: &[&str] = &[
    "nous", "vous", "si", "that", "had", "bla", "blabla", "ha", "ah", "oh", "ho", "he", "hi", "so",
    "no", "non", "bye", "chop", "tam", "pom", "pan", "cha", "can", "mahi", "dum", "tut", "chut",
    "tsoin", "couci", "train", "fifty", "kif", "plan", "leu", "toc", "ylang",
];

impl Rule for RepeatedWord {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Paragraph
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let words = Words::of(doc);
        for sentence in &doc.sentences {
            for index in sentence.tokens.start..sentence.tokens.end.saturating_sub(1) {
                // Neighbours rarely fold alike: their ids say so before anything else is read.
                if !words.folded.same(index, index + 1) {
                    continue;
                }
                let (first, second) = (&doc.tokens[index], &doc.tokens[index + 1]);
                if first.kind != TokenKind::Word || second.kind != TokenKind::Word {
                    continue;
                }
                let word = words.word(index);
                let gap = &doc.masked[first.span.end..second.span.start];
                if !gap.chars().all(is_space) {
                    continue;
                }
                let (a, b) = (doc.text(first.span.clone()), doc.text(second.span.clone()));
                if ALLOWED_REPEATS.contains(&word) || (is_capitalised(a) && is_capitalised(b)) {
                    continue;
                }
                let message = doc.language.pick(
                    format!("« {a} » est écrit deux fois de suite."),
                    format!("“{a}” is written twice in a row."),
                );
                out.push(
                    Diagnostic::new(Self::INFO.code, first.span.start..second.span.end, message)
                        .suggest(a)
                        .safe(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    fn findings(text: &str) -> Vec<(String, Vec<String>)> {
        findings_of("style/repeated-word", text)
            .into_iter()
            .map(|(text, d)| (text, d.suggestions))
            .collect()
    }

    #[test]
    fn flags_a_doubled_word_in_french_and_english() {
        assert_eq!(
            findings("Les opposants sont sont divisés."),
            [("sont sont".to_string(), vec!["sont".to_string()])]
        );
        assert_eq!(findings("He read the the report.").len(), 1);
        assert_eq!(findings("The the report.").len(), 1);
        assert_eq!(findings("Le\u{00A0}le président.").len(), 1);
    }

    #[test]
    fn never_flags_allowed_repeats_names_numbers_or_punctuation() {
        for text in [
            "Nous nous sommes vus.",
            "He said that that was over.",
            "She had had enough.",
            "Ils ont voyagé à Bora Bora.",
            "Vous, vous restez.",
            "Il y a 12 12 ans.",
            "C'est du bla bla.",
            "Ils avancent à la queue leu leu.",
            "Il parle. Parle encore.",
        ] {
            assert!(findings(text).is_empty(), "{text}");
        }
    }
}
