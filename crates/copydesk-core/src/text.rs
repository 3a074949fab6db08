//! Character classes and normalisation shared by segmentation and rules.

/// Spaces an article may contain besides the ASCII space: no-break (U+00A0), narrow no-break
/// (U+202F), thin (U+2009) and the other Unicode spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// Apostrophes: the typewriter one and the typographic one (U+2019), plus the modifier letter
/// apostrophe some keyboards produce.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Hyphens that join the parts of a word ("Jean-Pierre", "An-124").
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Whether a character can be part of a word token.
pub fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        _ if is_latin1_letter(c) => true,
        // Told here without the Unicode tables: the no-break space, « », the other signs of
        // Latin-1, and the general punctuation (’ “ ” – — … and the thin spaces).
        '\u{80}'..='\u{BF}' => matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼' | '½' | '¾'),
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The letters of Latin-1 (À to ÿ but × and ÷): most non-ASCII chars of French prose, told
/// without the Unicode tables. None of them is numeric.
pub(crate) fn is_latin1_letter(c: char) -> bool {
    matches!(c, 'À'..='ÿ') && !matches!(c, '×' | '÷')
}

/// Folds a string for comparison: lowercase, diacritics removed, typographic apostrophes and
/// hyphens made plain, every kind of space made one ASCII space.
pub fn fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = if is_apostrophe(c) {
            '\''
        } else if is_hyphen(c) {
            '-'
        } else if is_space(c) {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether the word starts with an uppercase letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Largest char boundary at or below `offset` (clamped to the text's length).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_accents_and_typographic_marks() {
        assert_eq!(fold("Nicolás  Maduro"), "nicolas maduro");
        assert_eq!(fold("L’Opinion"), "l'opinion");
        assert_eq!(fold("Zaïomski"), "zaiomski");
        assert_eq!(fold("Sergueï\u{00A0}Lavrov"), "serguei lavrov");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn no_break_spaces_are_spaces() {
        for c in ['\u{00A0}', '\u{202F}', '\u{2009}', ' ', '\t'] {
            assert!(is_space(c), "{c:?}");
        }
        assert!(!is_space('a'));
    }

    #[test]
    fn word_chars_are_the_alphanumeric_chars() {
        for c in ('\0'..='\u{3000}').chain(['🗣', '👇', '\u{FEFF}']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            if is_latin1_letter(c) {
                assert!(c.is_alphabetic() && !c.is_numeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn floor_char_boundary_never_splits_a_char() {
        let s = "é🗣";
        assert_eq!(floor_char_boundary(s, 1), 0);
        assert_eq!(floor_char_boundary(s, 4), 2);
        assert_eq!(floor_char_boundary(s, 99), s.len());
    }
}
