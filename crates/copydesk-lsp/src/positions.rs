//! The one place where the core's UTF-8 byte offsets meet LSP positions, in the encoding
//! negotiated with the client.

use copydesk_core::position::{Encoding, LineCol, LineIndex};
use ropey::Rope;
use std::ops::Range;
use tower_lsp::lsp_types::{self as lsp, ClientCapabilities, PositionEncodingKind};

/// How the client counts columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client lists it (LSP 3.17 `general.positionEncodings`), else the
    /// mandatory UTF-16.
    pub fn negotiate(capabilities: &ClientCapabilities) -> PositionEncoding {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref());
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
            PositionEncoding::Utf8
        } else {
            PositionEncoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn core(self) -> Encoding {
        match self {
            PositionEncoding::Utf8 => Encoding::Utf8,
            PositionEncoding::Utf16 => Encoding::Utf16,
        }
    }

    fn unit_len(self, c: char) -> usize {
        match self {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A text and its line index: what positions are read against.
#[derive(Clone, Copy)]
pub struct Frame<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl Frame<'_> {
    pub fn position(&self, offset: usize) -> lsp::Position {
        let LineCol { line, column } = self.lines.position(self.text, offset, self.encoding.core());
        lsp::Position::new(line, column)
    }

    pub fn range(&self, span: &Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position: a column past its line's end is the line's end; a line
    /// past the text's end is `None`.
    pub fn offset(&self, position: lsp::Position) -> Option<usize> {
        let at = LineCol {
            line: position.line,
            column: position.character,
        };
        self.lines.offset(self.text, at, self.encoding.core())
    }

    /// The byte span of a range, `None` when a position is past the end or the range runs
    /// backwards.
    pub fn span(&self, range: lsp::Range) -> Option<Range<usize>> {
        let span = self.offset(range.start)?..self.offset(range.end)?;
        (span.start <= span.end).then_some(span)
    }
}

/// The char index in a rope of a position, with the same reading as [`Frame::offset`]: lines
/// end at `\n` (a `\r` before it is part of the break), a column past the end of its line is
/// the line's end, a column inside a character moves to its end.
pub fn rope_char(
    rope: &Rope,
    position: lsp::Position,
    encoding: PositionEncoding,
) -> Option<usize> {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return None;
    }
    let start = rope.line_to_char(line);
    let mut content = rope.line(line).chars().peekable();
    let (mut units, mut chars) = (0usize, 0usize);
    while let Some(c) = content.next() {
        let ends_line = c == '\n' || (c == '\r' && content.peek() == Some(&'\n'));
        if ends_line || units >= position.character as usize {
            break;
        }
        units += encoding.unit_len(c);
        chars += 1;
    }
    Some(start + chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame<'a>(text: &'a str, lines: &'a LineIndex, encoding: PositionEncoding) -> Frame<'a> {
        Frame {
            text,
            lines,
            encoding,
        }
    }

    #[test]
    fn rope_and_frame_read_positions_alike() {
        let text = "\u{FEFF}🗣« Zaïomski »\r\nÉtats-Unis 👇\n\nfin";
        let lines = LineIndex::new(text);
        let rope = Rope::from_str(text);
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let frame = frame(text, &lines, encoding);
            for line in 0..5 {
                for character in 0..30 {
                    let position = lsp::Position::new(line, character);
                    let by_rope =
                        rope_char(&rope, position, encoding).map(|c| rope.char_to_byte(c));
                    assert_eq!(by_rope, frame.offset(position), "{position:?} {encoding:?}");
                }
            }
        }
    }

    #[test]
    fn emoji_count_two_utf16_units_and_four_bytes() {
        let text = "🗣 sont sont";
        let lines = LineIndex::new(text);
        let at = text.find("sont").unwrap();
        let utf16 = frame(text, &lines, PositionEncoding::Utf16);
        assert_eq!(utf16.position(at), lsp::Position::new(0, 3));
        let utf8 = frame(text, &lines, PositionEncoding::Utf8);
        assert_eq!(utf8.position(at), lsp::Position::new(0, 5));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let mut capabilities = ClientCapabilities::default();
        assert_eq!(
            PositionEncoding::negotiate(&capabilities),
            PositionEncoding::Utf16
        );
        capabilities.general = Some(lsp::GeneralClientCapabilities {
            position_encodings: Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            ..Default::default()
        });
        assert_eq!(
            PositionEncoding::negotiate(&capabilities),
            PositionEncoding::Utf8
        );
    }
}
