//! An open document's text, kept in step with the editor by incremental changes.

use crate::positions::{rope_char, PositionEncoding};
use copydesk_core::Format;
use ropey::Rope;
use std::fmt;
use tower_lsp::lsp_types::{Range, TextDocumentContentChangeEvent};

/// The text the editor shows, at a version.
#[derive(Clone, Debug)]
pub struct TextDocument {
    rope: Rope,
    pub version: i32,
    pub format: Format,
    /// False after a change that could not be applied: the text is then no longer what the
    /// editor shows, and only a full-text change (or reopening) brings it back.
    in_sync: bool,
}

/// Why a change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// The change's version is not newer than the text's.
    Reordered { current: i32, received: i32 },
    /// A range starts or ends past the end of the text, or runs backwards.
    BadRange(Range),
    /// An earlier change was refused; incremental changes cannot apply until a full text arrives.
    Lost,
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Reordered { current, received } => write!(
                f,
                "change for version {received} arrived after version {current}"
            ),
            SyncError::BadRange(range) => write!(
                f,
                "change range {}:{}-{}:{} is outside the text",
                range.start.line, range.start.character, range.end.line, range.end.character
            ),
            SyncError::Lost => {
                write!(f, "the text is out of step since an earlier refused change")
            }
        }
    }
}

impl TextDocument {
    pub fn new(text: &str, version: i32, format: Format) -> TextDocument {
        TextDocument {
            rope: Rope::from_str(text),
            version,
            format,
            in_sync: true,
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn is_in_sync(&self) -> bool {
        self.in_sync
    }

    /// Applies a `didChange` batch, all or nothing. On error the text keeps its last good state
    /// and is marked out of step until a full-text change arrives.
    pub fn apply(
        &mut self,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Result<(), SyncError> {
        let result = self.try_apply(version, changes, encoding);
        match &result {
            Ok(rope) => {
                self.rope = rope.clone();
                self.in_sync = true;
            }
            Err(_) => self.in_sync = false,
        }
        self.version = self.version.max(version);
        result.map(|_| ())
    }

    fn try_apply(
        &self,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Result<Rope, SyncError> {
        if version <= self.version {
            return Err(SyncError::Reordered {
                current: self.version,
                received: version,
            });
        }
        let mut rope = self.rope.clone();
        let mut in_sync = self.in_sync;
        for change in changes {
            let Some(range) = change.range else {
                rope = Rope::from_str(&change.text);
                in_sync = true;
                continue;
            };
            if !in_sync {
                return Err(SyncError::Lost);
            }
            let start = rope_char(&rope, range.start, encoding);
            let end = rope_char(&rope, range.end, encoding);
            let (Some(start), Some(end)) = (start, end) else {
                return Err(SyncError::BadRange(range));
            };
            if start > end {
                return Err(SyncError::BadRange(range));
            }
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
        if in_sync {
            Ok(rope)
        } else {
            Err(SyncError::Lost)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::Position;

    fn edit(range: (u32, u32, u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0, range.1),
                Position::new(range.2, range.3),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn full(text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn applies_edits_after_emoji_in_utf16() {
        let mut doc = TextDocument::new("🗣 sont sont\r\nfin", 1, Format::PlainText);
        let utf16 = PositionEncoding::Utf16;
        doc.apply(2, &[edit((0, 7, 0, 12), "")], utf16).unwrap();
        assert_eq!(doc.text(), "🗣 sont\r\nfin");
        doc.apply(3, &[edit((1, 3, 1, 3), ".")], utf16).unwrap();
        assert_eq!(doc.text(), "🗣 sont\r\nfin.");
    }

    #[test]
    fn refuses_old_versions_and_ranges_past_the_end_then_resyncs_on_full_text() {
        let mut doc = TextDocument::new("un", 5, Format::PlainText);
        let utf16 = PositionEncoding::Utf16;
        assert_eq!(
            doc.apply(4, &[edit((0, 0, 0, 0), "x")], utf16),
            Err(SyncError::Reordered {
                current: 5,
                received: 4
            })
        );
        assert!(!doc.is_in_sync());
        let mut doc = TextDocument::new("un", 5, Format::PlainText);
        assert!(matches!(
            doc.apply(6, &[edit((3, 0, 3, 1), "x")], utf16),
            Err(SyncError::BadRange(_))
        ));
        assert!(!doc.is_in_sync());
        assert_eq!(
            doc.apply(7, &[edit((0, 0, 0, 0), "x")], utf16),
            Err(SyncError::Lost)
        );
        assert_eq!(doc.text(), "un");
        doc.apply(8, &[full("deux"), edit((0, 4, 0, 4), "!")], utf16)
            .unwrap();
        assert_eq!((doc.text().as_str(), doc.is_in_sync()), ("deux!", true));
    }

    #[test]
    fn backward_ranges_are_refused() {
        let mut doc = TextDocument::new("abc", 1, Format::PlainText);
        assert!(doc
            .apply(2, &[edit((0, 2, 0, 1), "")], PositionEncoding::Utf8)
            .is_err());
        assert_eq!(doc.text(), "abc");
    }

    const PIECES: &[&str] = &["sont ", "é", "🗣", "\n", "\r\n", "x", "", "👇👇"];

    /// The LSP position (UTF-16) of a byte offset, counted without the rope.
    fn position(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let character = before[line_start..]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        Position::new(before.matches('\n').count() as u32, character as u32)
    }

    proptest::proptest! {
        #[test]
        fn incremental_edits_give_the_text_a_string_would(
            edits in proptest::collection::vec((proptest::prelude::any::<usize>(), 0usize..8, 0..PIECES.len()), 1..24)
        ) {
            let mut expected = String::from("# Été\r\n\n🗣 Les opposants sont divisés.\r\nFin 👇.\n");
            let mut doc = TextDocument::new(&expected, 1, Format::Markdown);
            for (version, (start, length, piece)) in (2..).zip(edits) {
                let boundaries: Vec<usize> = (0..=expected.len())
                    .filter(|&i| expected.is_char_boundary(i))
                    .filter(|&i| !(expected[..i].ends_with('\r') && expected[i..].starts_with('\n')))
                    .collect();
                let first = start % boundaries.len();
                let span = boundaries[first]..boundaries[(first + length).min(boundaries.len() - 1)];
                let range = Range::new(position(&expected, span.start), position(&expected, span.end));
                expected.replace_range(span, PIECES[piece]);
                let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: PIECES[piece].to_string() };
                proptest::prop_assert!(doc.apply(version, &[change], PositionEncoding::Utf16).is_ok());
            }
            proptest::prop_assert_eq!(doc.text(), expected);
        }
    }
}
