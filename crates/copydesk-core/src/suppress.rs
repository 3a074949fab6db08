//! Suppression comments in Markdown:
//! `<!-- copydesk-disable-next-line CODE[, CODE] -->`, and
//! `<!-- copydesk-disable CODE -->` … `<!-- copydesk-enable CODE -->`.
//! Codes may be globs (`attribution/*`); no code at all means every rule.

use crate::position::LineIndex;
use globset::{Glob, GlobMatcher};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*copydesk-(disable-next-line|disable|enable)\b([^>]*?)-->")
        .expect("valid directive pattern")
});

/// Which codes match a directive: all of them, or those matching one of its patterns.
#[derive(Clone, Debug)]
enum Codes {
    All,
    Some(Vec<GlobMatcher>),
}

impl Codes {
    fn parse(list: &str) -> Codes {
        let matchers: Vec<GlobMatcher> = list
            .split([',', ' ', '\t', '\n'])
            .filter(|part| !part.is_empty())
            .filter_map(|part| Glob::new(part).ok().map(|g| g.compile_matcher()))
            .collect();
        if matchers.is_empty() {
            Codes::All
        } else {
            Codes::Some(matchers)
        }
    }

    fn matches(&self, code: &str) -> bool {
        match self {
            Codes::All => true,
            Codes::Some(matchers) => matchers.iter().any(|m| m.is_match(code)),
        }
    }
}

/// Byte ranges of the article where some codes are not reported.
#[derive(Clone, Debug, Default)]
pub(crate) struct Suppressions {
    regions: Vec<(Range<usize>, Codes)>,
}

impl Suppressions {
    /// Reads the directives out of the article's HTML comments.
    pub fn from_comments(
        source: &str,
        lines: &LineIndex,
        comments: &[(Range<usize>, String)],
    ) -> Suppressions {
        let mut regions = Vec::new();
        let mut open: Vec<(usize, String)> = Vec::new();
        for (span, text) in comments {
            for directive in DIRECTIVE.captures_iter(text) {
                let list = directive[2].trim().to_string();
                match &directive[1] {
                    "disable-next-line" => {
                        if let Some(line) = next_non_blank_line(source, lines, span.end) {
                            regions.push((line, Codes::parse(&list)));
                        }
                    }
                    "disable" => open.push((span.end, list)),
                    _ => {
                        let closes = |codes: &String| list.is_empty() || *codes == list;
                        while let Some(index) = open.iter().rposition(|(_, codes)| closes(codes)) {
                            let (start, codes) = open.remove(index);
                            regions.push((start..span.start, Codes::parse(&codes)));
                            if !list.is_empty() {
                                break;
                            }
                        }
                    }
                }
            }
        }
        regions.extend(
            open.into_iter()
                .map(|(start, codes)| (start..source.len(), Codes::parse(&codes))),
        );
        Suppressions { regions }
    }

    /// Whether a finding of `code` starting at `offset` is suppressed.
    pub fn is_suppressed(&self, code: &str, offset: usize) -> bool {
        self.regions
            .iter()
            .any(|(range, codes)| range.contains(&offset) && codes.matches(code))
    }
}

fn next_non_blank_line(source: &str, lines: &LineIndex, after: usize) -> Option<Range<usize>> {
    let first = lines.line_of(after.saturating_sub(1)) + 1;
    (first..lines.line_count())
        .filter_map(|line| lines.line_span(source, line))
        .find(|span| !source[span.clone()].trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suppressions(source: &str) -> Suppressions {
        let comments: Vec<(Range<usize>, String)> = DIRECTIVE
            .find_iter(source)
            .map(|m| (m.range(), m.as_str().to_string()))
            .collect();
        Suppressions::from_comments(source, &LineIndex::new(source), &comments)
    }

    #[test]
    fn next_line_directive_covers_only_the_next_line() {
        let source = "<!-- copydesk-disable-next-line entity/misspelled, fact/* -->\nLigne un.\nLigne deux.\n";
        let s = suppressions(source);
        let one = source.find("un").unwrap();
        let two = source.find("deux").unwrap();
        assert!(s.is_suppressed("entity/misspelled", one));
        assert!(s.is_suppressed("fact/total", one));
        assert!(!s.is_suppressed("entity/inconsistent", one));
        assert!(!s.is_suppressed("entity/misspelled", two));
    }

    #[test]
    fn disable_enable_covers_a_region() {
        let source = "A\n<!-- copydesk-disable attribution/* -->\nB\n<!-- copydesk-enable attribution/* -->\nC\n";
        let s = suppressions(source);
        assert!(!s.is_suppressed("attribution/vague-source", source.find('A').unwrap()));
        assert!(s.is_suppressed("attribution/vague-source", source.find('B').unwrap()));
        assert!(!s.is_suppressed("attribution/vague-source", source.find('C').unwrap()));
    }

    #[test]
    fn disable_without_enable_runs_to_the_end_and_without_codes_covers_all() {
        let source = "A\n<!-- copydesk-disable -->\nB\n";
        let s = suppressions(source);
        assert!(s.is_suppressed("entity/misspelled", source.find('B').unwrap()));
        assert!(!s.is_suppressed("entity/misspelled", 0));
    }
}
