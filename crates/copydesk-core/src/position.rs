//! Conversion between byte offsets and line/column positions.
//!
//! Rules speak in UTF-8 byte offsets. The command line shows columns in Unicode scalar values,
//! the language server speaks UTF-16 code units (or UTF-8 when the client allows). All of them
//! go through [`LineIndex`].

/// How a column is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units, the LSP default.
    Utf16,
    /// Unicode scalar values (what a person counts as characters, give or take combining marks).
    Scalar,
}

/// A zero-based line and a zero-based column in some [`Encoding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of the lines of a text. Lines end at `\n`; a `\r` before it belongs to the line
/// break, not to the line's content.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The zero-based line holding a byte offset (offsets past the end are on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of a line's content, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.len, |next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end.max(start))
    }

    /// The position of a byte offset. An offset inside a character counts as that character's
    /// start; an offset past the end is the end.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let offset = crate::text::floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        LineCol {
            line: line as u32,
            column: count_units(&text[start..offset], encoding) as u32,
        }
    }

    /// The position as a person reads it in a terminal: columns in scalar values, and a byte
    /// order mark at the start of the file not counted.
    pub fn display_position(&self, text: &str, offset: usize) -> LineCol {
        let mut position = self.position(text, offset, Encoding::Scalar);
        if position.line == 0 && text.starts_with('\u{FEFF}') && offset > 0 {
            position.column = position.column.saturating_sub(1);
        }
        position
    }

    /// The byte offset of a position. A column past the end of its line means the end of the
    /// line (as LSP asks); a line past the end of the text is `None`.
    pub fn offset(&self, text: &str, position: LineCol, encoding: Encoding) -> Option<usize> {
        let span = self.line_span(text, position.line as usize)?;
        let mut units = 0usize;
        for (index, c) in text[span.clone()].char_indices() {
            if units >= position.column as usize {
                return Some(span.start + index);
            }
            units += unit_len(c, encoding);
        }
        Some(span.end)
    }
}

fn unit_len(c: char, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Scalar => 1,
    }
}

fn count_units(s: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => s.len(),
        // A char outside the Basic Multilingual Plane (four UTF-8 bytes, lead byte 0xF0 and
        // above) takes two UTF-16 units.
        Encoding::Utf16 => s.chars().count() + s.bytes().filter(|&b| b >= 0xF0).count(),
        Encoding::Scalar => s.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> LineCol {
        LineCol { line, column }
    }

    #[test]
    fn counts_emoji_and_accents_per_encoding() {
        let text = "🗣« Il semble »\nété";
        let index = LineIndex::new(text);
        let offset = text.find("Il").unwrap();
        assert_eq!(index.position(text, offset, Encoding::Utf8), pos(0, 7));
        assert_eq!(index.position(text, offset, Encoding::Utf16), pos(0, 4));
        assert_eq!(index.position(text, offset, Encoding::Scalar), pos(0, 3));
        let second = text.find('t').unwrap();
        assert_eq!(index.position(text, second, Encoding::Utf16), pos(1, 1));
    }

    #[test]
    fn utf16_columns_count_two_units_for_chars_beyond_the_basic_plane() {
        let text = "é’🗣\u{00A0}👇x\u{10FFFF}y";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices() {
            let expected: usize = text[..offset].chars().map(char::len_utf16).sum();
            let position = index.position(text, offset, Encoding::Utf16);
            assert_eq!(position, pos(0, expected as u32));
        }
    }

    #[test]
    fn crlf_line_breaks_are_not_content() {
        let text = "un\r\ndeux\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_span(text, 0), Some(0..2));
        assert_eq!(index.position(text, 4, Encoding::Utf16), pos(1, 0));
        assert_eq!(index.offset(text, pos(0, 99), Encoding::Utf16), Some(2));
        assert_eq!(index.offset(text, pos(1, 2), Encoding::Utf16), Some(6));
    }

    #[test]
    fn byte_order_mark_is_a_unit_for_lsp_but_not_shown_in_columns() {
        let text = "\u{FEFF}Moscou";
        let index = LineIndex::new(text);
        let offset = text.find('M').unwrap();
        assert_eq!(offset, 3);
        assert_eq!(index.position(text, offset, Encoding::Utf16), pos(0, 1));
        assert_eq!(index.display_position(text, offset), pos(0, 0));
        assert_eq!(index.offset(text, pos(0, 1), Encoding::Utf16), Some(3));
        for inside_the_mark in 1..3 {
            assert_eq!(index.display_position(text, inside_the_mark), pos(0, 0));
        }
    }

    #[test]
    fn round_trips_every_char_boundary() {
        let text = "Zaïomski 👇\r\nÉtats-Unis\n\n🗣x";
        let index = LineIndex::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Scalar] {
            for (offset, _) in text.char_indices().filter(|&(_, c)| c != '\n') {
                let position = index.position(text, offset, encoding);
                assert_eq!(
                    index.offset(text, position, encoding),
                    Some(offset),
                    "{encoding:?}"
                );
            }
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped_or_refused() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1, Encoding::Utf16), pos(0, 0));
        assert_eq!(index.position(text, 50, Encoding::Utf16), pos(0, 1));
        assert_eq!(index.offset(text, pos(3, 0), Encoding::Utf16), None);
    }
}
