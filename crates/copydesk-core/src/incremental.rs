//! Checking an article again after an edit, re-running the rules of
//! [`Scope::Paragraph`] only on the paragraphs that changed.
//!
//! A [`ParagraphCache`] keeps, for each paragraph text, the findings of those rules relative to
//! the paragraph's start. A paragraph is the same when its source and its prose (the masked
//! text, which tells what Markdown around it makes code or markup) are the same; the cache is
//! emptied when the language, the format, the gazetteer or the set of rules changes. The rules
//! of [`Scope::Document`] run on the whole article every time, and suppression comments and
//! severities are applied afterwards to every finding, cached or not, so a comment or a code
//! fence written in one paragraph still acts on the others.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Format};
use crate::engine::{check, enabled_rules, finish, run_rules, CheckContext};
use crate::gazetteer::Gazetteer;
use crate::language::Language;
use crate::rules::{Rule, Scope};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// The findings of the paragraph rules on the paragraphs of the last article checked.
#[derive(Default)]
pub struct ParagraphCache {
    setting: Option<Setting>,
    /// For each paragraph text, each paragraph rule's findings (in registry order), with spans
    /// relative to the paragraph's start.
    entries: HashMap<ParagraphText, Arc<Vec<Vec<Diagnostic>>>>,
}

/// What, besides its own text, the paragraph rules' findings in a paragraph depend on.
struct Setting {
    gazetteer: Arc<Gazetteer>,
    language: Language,
    format: Format,
    rules: Vec<&'static str>,
}

impl PartialEq for Setting {
    fn eq(&self, other: &Setting) -> bool {
        Arc::ptr_eq(&self.gazetteer, &other.gazetteer)
            && (self.language, self.format) == (other.language, other.format)
            && self.rules == other.rules
    }
}

/// A paragraph's source and prose, with their hash computed once: the cache's maps look a
/// paragraph up several times per check, and hash only that.
#[derive(Clone, Eq)]
struct ParagraphText {
    hash: u64,
    source: Box<str>,
    masked: Box<str>,
}

impl ParagraphText {
    fn of(doc: &Document, span: Range<usize>) -> ParagraphText {
        let (source, masked) = (&doc.source[span.clone()], &doc.masked[span]);
        let mut hasher = DefaultHasher::new();
        (source, masked).hash(&mut hasher);
        ParagraphText {
            hash: hasher.finish(),
            source: source.into(),
            masked: masked.into(),
        }
    }
}

impl PartialEq for ParagraphText {
    fn eq(&self, other: &ParagraphText) -> bool {
        self.hash == other.hash && self.source == other.source && self.masked == other.masked
    }
}

impl Hash for ParagraphText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl ParagraphCache {
    /// How many distinct paragraphs it holds findings for.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The same findings as [`check`], in the same order, reusing `cache` for the paragraphs it
/// has seen and leaving in it those of this article.
pub fn check_cached(
    doc: &Document,
    config: &Config,
    cache: &mut ParagraphCache,
) -> Vec<Diagnostic> {
    let rules: Vec<&'static dyn Rule> = enabled_rules(config).collect();
    let local: Vec<&'static dyn Rule> = rules
        .iter()
        .copied()
        .filter(|rule| rule.scope() == Scope::Paragraph)
        .collect();
    let setting = Setting {
        gazetteer: config.gazetteer.clone(),
        language: doc.language,
        format: doc.format,
        rules: local.iter().map(|rule| rule.info().code).collect(),
    };
    if cache.setting.as_ref() != Some(&setting) {
        cache.entries.clear();
        cache.setting = Some(setting);
    }
    let texts: Vec<ParagraphText> = doc
        .paragraphs
        .iter()
        .map(|p| ParagraphText::of(doc, p.span.clone()))
        .collect();
    if !fill(doc, config, &local, &texts, &mut cache.entries) {
        cache.entries.clear();
        return check(doc, config);
    }
    let per_paragraph: Vec<Arc<Vec<Vec<Diagnostic>>>> = texts
        .iter()
        .map(|text| cache.entries.get(text).cloned().unwrap_or_default())
        .collect();
    cache.entries = texts
        .into_iter()
        .zip(per_paragraph.iter().cloned())
        .collect();

    let ctx = CheckContext { doc, config };
    let whole: Vec<&'static dyn Rule> = rules
        .iter()
        .copied()
        .filter(|rule| rule.scope() != Scope::Paragraph)
        .collect();
    let mut found = run_rules(&ctx, &whole);
    for (index, rule) in local.into_iter().enumerate() {
        let mut out = Vec::new();
        for (paragraph, findings) in doc.paragraphs.iter().zip(&per_paragraph) {
            let start = paragraph.span.start;
            let cached = findings.get(index).into_iter().flatten();
            out.extend(cached.map(|d| placed(d, start)));
        }
        found.push((rule, out));
    }
    finish(doc, config, found)
}

/// Runs the paragraph rules on the paragraphs whose text `entries` lacks, all at once on a copy
/// of the article holding only them, and adds their findings. False when a rule reported
/// something outside the paragraph it was found in, breaking its [`Scope::Paragraph`] promise.
fn fill(
    doc: &Document,
    config: &Config,
    local: &[&'static dyn Rule],
    texts: &[ParagraphText],
    entries: &mut HashMap<ParagraphText, Arc<Vec<Vec<Diagnostic>>>>,
) -> bool {
    let mut missing: Vec<usize> = Vec::new();
    let mut seen = HashSet::new();
    for (index, text) in texts.iter().enumerate() {
        if !entries.contains_key(text) && seen.insert(text) {
            missing.push(index);
        }
    }
    if missing.is_empty() {
        return true;
    }
    let part = doc.only_paragraphs(&missing);
    let ctx = CheckContext { doc: &part, config };
    let mut fresh = vec![vec![Vec::new(); local.len()]; missing.len()];
    for (r, rule) in local.iter().enumerate() {
        let mut out = Vec::new();
        rule.check(&ctx, &mut out);
        for diagnostic in out {
            let at = part
                .paragraphs
                .partition_point(|p| p.span.end <= diagnostic.span.start);
            let Some(relative) = part
                .paragraphs
                .get(at)
                .and_then(|p| relative(&diagnostic, p.span.clone()))
            else {
                return false;
            };
            fresh[at][r].push(relative);
        }
    }
    for (index, findings) in missing.into_iter().zip(fresh) {
        entries.insert(texts[index].clone(), Arc::new(findings));
    }
    true
}

/// A finding with its spans made relative to the start of `paragraph`, if they all lie in it.
fn relative(diagnostic: &Diagnostic, paragraph: Range<usize>) -> Option<Diagnostic> {
    let inside = |span: &Range<usize>| paragraph.start <= span.start && span.end <= paragraph.end;
    if !inside(&diagnostic.span) || !diagnostic.related.iter().all(|r| inside(&r.span)) {
        return None;
    }
    Some(moved(diagnostic, |offset| offset - paragraph.start))
}

/// A cached finding placed in a paragraph starting at `start`.
fn placed(diagnostic: &Diagnostic, start: usize) -> Diagnostic {
    moved(diagnostic, |offset| offset + start)
}

fn moved(diagnostic: &Diagnostic, shift: impl Fn(usize) -> usize) -> Diagnostic {
    let mut moved = diagnostic.clone();
    moved.span = shift(moved.span.start)..shift(moved.span.end);
    for related in &mut moved.related {
        related.span = shift(related.span.start)..shift(related.span.end);
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::Path;

    /// Paragraphs that lean on each other: a quotation whose speaker is in the paragraph
    /// before, a weekday whose year was named earlier, a name spelt two ways.
    const CROSSING: &str = "Le 3 mars 2019, Dmitri Peskov a déclaré :\n\n\
        « Nous irons jusqu’au bout. »\n\n\
        L’ambassadeur Vladimir Zaïomski est arrivé lundi 5 mars.\n\n\
        Selon Zaïosmki, rien n’est joué.\n\n\
        Ils sont sont partis : 10 chars, 5 avions, soit au total 12 engins.\n";

    const SEEDS: [&str; 6] = [
        CROSSING,
        include_str!("../../../tests/corpus/seeds/seed-000.txt"),
        include_str!("../../../tests/corpus/seeds/seed-001.txt"),
        include_str!("../../../tests/corpus/seeds/seed-002.txt"),
        include_str!("../../../tests/corpus/seeds/seed-003.txt"),
        include_str!("../../../tests/corpus/seeds/seed-004.txt"),
    ];

    /// What an edit inserts: words the rules react to, paragraph breaks, quotation marks, and
    /// Markdown that changes what later paragraphs are (a code fence, suppression comments).
    const PIECES: &[&str] = &[
        "x",
        "",
        "\n\n",
        "\r\n",
        " sont sont ",
        "Nicolos Maduro ",
        "Raisi ",
        "Zaïosmki et Zaïomski ",
        "« Nous irons », a-t-il dit. ",
        "» ",
        "“",
        "10 chars, 5 avions, soit au total 12 engins. ",
        "mardi 3 mars 2019 ",
        "\n```\n",
        "<!-- copydesk-disable-next-line -->\n",
        "\n\n<!-- copydesk-disable style/* -->\n\n",
        "<!-- copydesk-enable -->",
        "# ",
        "🗣 é",
    ];

    fn configs() -> [Config; 3] {
        let parse = |text: &str| Config::parse(text, Path::new("c.toml")).expect("valid");
        [
            Config::default(),
            parse("[rules]\n\"style/*\" = \"off\"\n\"fact/total\" = \"error\"\n"),
            parse("language = \"en\"\n"),
        ]
    }

    fn replace_at(text: &mut String, at: usize, length: usize, piece: &str) {
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let first = at % boundaries.len();
        let last = (first + length).min(boundaries.len() - 1);
        text.replace_range(boundaries[first]..boundaries[last], piece);
    }

    /// Some of the seed's paragraphs, in another order: an article where each paragraph has
    /// other neighbours.
    fn shuffled(seed: &str, picks: &[usize]) -> String {
        let paragraphs: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
        let picked: Vec<&str> = picks
            .iter()
            .map(|&pick| paragraphs[pick % paragraphs.len()])
            .collect();
        picked.join("\n\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// The cache is first filled from the seed's paragraphs in other company, then the seed
        /// is edited: a rule wrongly declared [`Scope::Paragraph`] shows as a difference.
        #[test]
        fn cached_checks_equal_fresh_ones_after_any_edits(
            seed in 0..SEEDS.len(),
            markdown in any::<bool>(),
            picks in proptest::collection::vec(any::<usize>(), 1..16),
            edits in proptest::collection::vec(
                (any::<usize>(), 0usize..40, 0..PIECES.len(), 0usize..3),
                1..8,
            ),
        ) {
            let format = if markdown { Format::Markdown } else { Format::PlainText };
            let configs = configs();
            let mut text = SEEDS[seed].to_string();
            let doc = Document::new(text.clone(), format, None);
            let mut cache = ParagraphCache::default();
            let other = Document::new(shuffled(&text, &picks), format, Some(doc.language));
            check_cached(&other, &configs[0], &mut cache);
            prop_assert_eq!(check_cached(&doc, &configs[0], &mut cache), check(&doc, &configs[0]));
            for (at, length, piece, config) in edits {
                replace_at(&mut text, at, length, PIECES[piece]);
                let config = &configs[config];
                let doc = Document::new(text.clone(), format, config.language);
                prop_assert_eq!(check_cached(&doc, config, &mut cache), check(&doc, config));
            }
        }
    }

    fn doubled(paragraphs: &[&str]) -> String {
        paragraphs.join("\n\n")
    }

    #[test]
    fn unchanged_paragraphs_are_kept_and_moved() {
        let config = Config::default();
        let mut cache = ParagraphCache::default();
        let text = doubled(&["Ils sont sont là.", "Elles sont sont ici.", "Fin."]);
        let doc = Document::new(text, Format::Markdown, None);
        check_cached(&doc, &config, &mut cache);
        assert_eq!(cache.len(), 3);
        let text = doubled(&["Un ajout.", "Ils sont sont là.", "Elles sont sont ici."]);
        let doc = Document::new(text.clone(), Format::Markdown, None);
        let found = check_cached(&doc, &config, &mut cache);
        assert_eq!(found, check(&doc, &config));
        let spans: Vec<&str> = found.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(spans, ["sont sont", "sont sont"]);
        assert_eq!(cache.len(), 3, "the paragraphs of this article only");
    }

    #[test]
    fn a_comment_or_a_fence_in_one_paragraph_acts_on_cached_ones() {
        let config = Config::default();
        let mut cache = ParagraphCache::default();
        let body = doubled(&["Ils sont sont là.", "Elles sont sont ici."]);
        let doc = Document::new(body.clone(), Format::Markdown, None);
        assert_eq!(check_cached(&doc, &config, &mut cache).len(), 2);
        for before in [
            "<!-- copydesk-disable style/repeated-word -->\n\n",
            "Texte.\n\n```\n",
        ] {
            let doc = Document::new(format!("{before}{body}"), Format::Markdown, None);
            assert!(
                check_cached(&doc, &config, &mut cache).is_empty(),
                "{before}"
            );
        }
    }
}
