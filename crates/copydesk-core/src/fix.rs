//! Applying suggestions to the text.

use crate::diagnostic::Diagnostic;
use std::ops::Range;

/// Replaces byte ranges of `source`. Edits are applied from the start; an edit that overlaps an
/// earlier one, or whose range is not on character boundaries inside the text, is skipped.
/// Returns the new text and the number of edits applied.
pub fn apply_edits(source: &str, mut edits: Vec<(Range<usize>, String)>) -> (String, usize) {
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(source.len());
    let mut cursor = 0;
    let mut applied = 0;
    for (range, replacement) in edits {
        let valid = range.start >= cursor
            && range.start <= range.end
            && range.end <= source.len()
            && source.is_char_boundary(range.start)
            && source.is_char_boundary(range.end);
        if !valid {
            continue;
        }
        out.push_str(&source[cursor..range.start]);
        out.push_str(&replacement);
        cursor = range.end;
        applied += 1;
    }
    out.push_str(&source[cursor..]);
    (out, applied)
}

/// Applies the first suggestion of every finding marked safe.
pub fn apply_safe_fixes(source: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let edits = diagnostics
        .iter()
        .filter(|d| d.safe_fix)
        .filter_map(|d| Some((d.span.clone(), d.suggestions.first()?.clone())))
        .filter(|(range, replacement)| source.get(range.clone()) != Some(replacement.as_str()))
        .collect();
    apply_edits(source, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_non_overlapping_edits_in_order() {
        let (text, n) = apply_edits(
            "un deux trois",
            vec![(8..13, "3".into()), (0..2, "1".into()), (1..5, "x".into())],
        );
        assert_eq!((text.as_str(), n), ("1 deux 3", 2));
    }

    #[test]
    fn refuses_edits_outside_the_text_or_inside_a_char() {
        let (text, n) = apply_edits("é", vec![(1..2, "x".into()), (0..9, "y".into())]);
        assert_eq!((text.as_str(), n), ("é", 0));
    }
}
