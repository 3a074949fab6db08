//! The article model: source text, what of it is prose, and its segmentation.

use crate::date::Date;
use crate::language::Language;
use crate::markdown;
use crate::position::LineIndex;
use crate::segment::{self, Paragraph, QuotePair, Sentence, Token};
use crate::suppress::Suppressions;
use regex::Regex;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

/// How an article is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    PlainText,
}

impl Format {
    /// The format of a file checked by default: Markdown for `.md` and `.markdown`, plain text for
    /// `.txt`; `None` for any other extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::PlainText),
            _ => None,
        }
    }
}

/// What the YAML front matter says that copydesk uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub date: Option<Date>,
    pub language: Option<Language>,
}

/// An article, ready for the rules.
#[derive(Debug)]
pub struct Document {
    pub source: String,
    pub format: Format,
    /// The source with every byte that is not prose replaced by a space (line breaks kept):
    /// same length, same offsets.
    pub masked: String,
    pub front_matter: FrontMatter,
    pub language: Language,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Quotation mark pairs, paragraph by paragraph, in order.
    pub quotes: Vec<QuotePair>,
    pub lines: LineIndex,
    pub(crate) suppressions: Suppressions,
    /// Quotations, speakers and sources, worked out once for all the rules that need them.
    pub(crate) sourcing: OnceLock<crate::sourcing::Analysis>,
    /// The tokens folded for word lists, shared by the sourcing analysis and the fact rules.
    pub(crate) folded_tokens: OnceLock<crate::sourcing::words::Folded>,
}

/// News prose has about one word token in six bytes (a little more in French, a little less in
/// English): reserving that many spares the token table most of its regrowths, each a copy of
/// it into fresh pages.
const BYTES_PER_TOKEN: usize = 6;

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:https?://|www\.)[^\s<>«»"“”]+"#).expect("valid URL pattern"));

impl Document {
    /// Builds the model of an article. The language comes from the front matter, else from
    /// `configured`, else from the text itself.
    pub fn new(source: String, format: Format, configured: Option<Language>) -> Document {
        let lines = LineIndex::new(&source);
        let (mut masked, blocks, comments, front_matter) = match format {
            Format::Markdown => {
                let scoped = markdown::scope(&source);
                let front = scoped
                    .front_matter
                    .map(|range| read_front_matter(&source[range]))
                    .unwrap_or_default();
                (scoped.masked, scoped.blocks, scoped.comments, front)
            }
            Format::PlainText => {
                let masked = blank_byte_order_marks(&source);
                let blocks = plain_paragraphs(&source);
                (masked, blocks, Vec::new(), FrontMatter::default())
            }
        };
        mask_urls(&mut masked);
        let language = front_matter
            .language
            .or(configured)
            .unwrap_or_else(|| Language::detect(&masked));
        let suppressions = Suppressions::from_comments(&source, &lines, &comments);
        let source_len = source.len();
        let mut document = Document {
            source,
            format,
            masked,
            front_matter,
            language,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::with_capacity(source_len / BYTES_PER_TOKEN),
            quotes: Vec::new(),
            lines,
            suppressions,
            sourcing: OnceLock::new(),
            folded_tokens: OnceLock::new(),
        };
        for block in blocks {
            document.add_paragraph(block);
        }
        document
    }

    fn add_paragraph(&mut self, block: Range<usize>) {
        let quotes = segment::quote_pairs(&self.masked, block.clone());
        let first_sentence = self.sentences.len();
        let paragraph = self.paragraphs.len();
        for span in segment::split_sentences(&self.masked, block.clone(), &quotes) {
            let first_token = self.tokens.len();
            segment::tokenize_into(&self.masked, span.clone(), &mut self.tokens);
            self.sentences.push(Sentence {
                span,
                paragraph,
                tokens: first_token..self.tokens.len(),
            });
        }
        if self.sentences.len() > first_sentence {
            self.paragraphs.push(Paragraph {
                span: block,
                sentences: first_sentence..self.sentences.len(),
            });
        }
        self.quotes.extend(quotes);
    }

    /// A copy of the article holding only the paragraphs `keep` (indices, in increasing order),
    /// segmented as here. Every other byte of the source and of the prose is blanked, line
    /// breaks kept, so offsets and lines stay those of the article; there is no front matter
    /// and no suppression comment. A rule of [`crate::rules::Scope::Paragraph`] finds in it what
    /// it finds in those paragraphs of the whole article.
    pub(crate) fn only_paragraphs(&self, keep: &[usize]) -> Document {
        let blank = markdown::blank_copy(&self.source);
        let mut part = Document {
            source: blank.clone(),
            format: self.format,
            masked: blank,
            front_matter: FrontMatter::default(),
            language: self.language,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            quotes: Vec::new(),
            lines: self.lines.clone(),
            suppressions: Suppressions::default(),
            sourcing: OnceLock::new(),
            folded_tokens: OnceLock::new(),
        };
        for paragraph in keep.iter().filter_map(|&index| self.paragraphs.get(index)) {
            let span = paragraph.span.clone();
            part.source
                .replace_range(span.clone(), &self.source[span.clone()]);
            part.masked
                .replace_range(span.clone(), &self.masked[span.clone()]);
            let first_sentence = part.sentences.len();
            for sentence in &self.sentences[paragraph.sentences.clone()] {
                let first_token = part.tokens.len();
                part.tokens
                    .extend_from_slice(&self.tokens[sentence.tokens.clone()]);
                part.sentences.push(Sentence {
                    span: sentence.span.clone(),
                    paragraph: part.paragraphs.len(),
                    tokens: first_token..part.tokens.len(),
                });
            }
            part.paragraphs.push(Paragraph {
                span: span.clone(),
                sentences: first_sentence..part.sentences.len(),
            });
            let quotes = self.quotes.iter().filter(|q| span.contains(&q.span.start));
            part.quotes.extend(quotes.cloned());
        }
        part
    }

    /// The source text of a span.
    pub fn text(&self, span: Range<usize>) -> &str {
        &self.source[span]
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }

    /// The index of the sentence holding an offset.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(index)
            .filter(|s| s.span.start <= offset)
            .map(|_| index)
    }

    /// Whether a finding of `code` at `offset` is turned off by a suppression comment.
    pub fn is_suppressed(&self, code: &str, offset: usize) -> bool {
        self.suppressions.is_suppressed(code, offset)
    }
}

fn mask_urls(masked: &mut String) {
    let spans: Vec<Range<usize>> = URL.find_iter(masked).map(|m| m.range()).collect();
    for span in spans {
        let blank = " ".repeat(span.len());
        masked.replace_range(span, &blank);
    }
}

/// A copy of plain text with every byte order mark (U+FEFF, three bytes) made three spaces.
fn blank_byte_order_marks(source: &str) -> String {
    let mut masked = source.to_string();
    for at in memchr::memmem::find_iter(source.as_bytes(), "\u{FEFF}") {
        masked.replace_range(at..at + '\u{FEFF}'.len_utf8(), "   ");
    }
    masked
}

/// Reads `date:` and `lang:` (or `language:`) from YAML front matter. Only these plain scalar
/// keys matter, so a full YAML parser is not needed.
fn read_front_matter(yaml: &str) -> FrontMatter {
    let mut front = FrontMatter::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']);
        match key.trim() {
            "date" => front.date = Date::parse_iso(value),
            "lang" | "language" => front.language = Language::parse(value),
            _ => {}
        }
    }
    front
}

/// Paragraphs of plain text: blank lines separate them, and so does a line break after a line
/// that ends a sentence. A line break inside a sentence (hard-wrapped text) does not.
fn plain_paragraphs(source: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in lines_with_breaks(source) {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_matches(crate::text::is_space);
        let start =
            offset + (content.len() - content.trim_start_matches(crate::text::is_space).len());
        let end = start + trimmed.len();
        offset += line.len();
        if trimmed.is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        current = match current {
            Some(run) if continues_paragraph(&source[run.clone()], trimmed) => Some(run.start..end),
            Some(run) => {
                paragraphs.push(run);
                Some(start..end)
            }
            None => Some(start..end),
        };
    }
    paragraphs.extend(current);
    paragraphs
}

/// The lines of a text, each with its line break: `str::split_inclusive('\n')`, with memchr.
fn lines_with_breaks(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
    breaks.chain([text.len()]).filter_map(move |end| {
        let line = (end > start).then(|| &text[start..end]);
        start = end;
        line
    })
}

fn continues_paragraph(before: &str, line: &str) -> bool {
    let ends_sentence = before
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ':' | '»' | '”' | '"' | '“'));
    let starts_lowercase = line.chars().next().is_some_and(char::is_lowercase);
    !ends_sentence && starts_lowercase
}

/// Why an article's bytes cannot be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first offending byte.
    pub offset: usize,
    /// One-based line and column (in characters) of that byte.
    pub line: usize,
    pub column: usize,
    pub binary: bool,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.binary {
            "looks like a binary file (it holds a NUL byte)"
        } else {
            "is not valid UTF-8"
        };
        write!(
            f,
            "{what} at line {}, column {} (byte {}); save it as UTF-8 text",
            self.line, self.column, self.offset
        )
    }
}

impl std::error::Error for DecodeError {}

/// Reads an article's bytes as UTF-8 text, refusing binary files.
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    let locate = |bytes: &[u8], offset: usize, binary: bool| {
        let before = String::from_utf8_lossy(&bytes[..offset]);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        DecodeError {
            offset,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            binary,
        }
    };
    if let Some(nul) = memchr::memchr(0, &bytes) {
        return Err(locate(&bytes, nul, true));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        locate(error.as_bytes(), offset, false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_lines_that_end_sentences_are_paragraphs() {
        let source = "Premier paragraphe.\nSecond paragraphe\ncoupé en deux.\n\nTroisième.";
        let doc = Document::new(source.to_string(), Format::PlainText, None);
        let paragraphs: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|p| doc.text(p.span.clone()))
            .collect();
        assert_eq!(
            paragraphs,
            [
                "Premier paragraphe.",
                "Second paragraphe\ncoupé en deux.",
                "Troisième."
            ]
        );
    }

    #[test]
    fn front_matter_gives_date_and_language() {
        let source =
            "---\ntitle: \"Test\"\ndate: 2019-03-27\nlang: en\n---\n\nLe texte est en français.\n";
        let doc = Document::new(source.to_string(), Format::Markdown, Some(Language::French));
        assert_eq!(doc.front_matter.date, Date::new(2019, 3, 27));
        assert_eq!(doc.language, Language::English);
    }

    #[test]
    fn language_from_config_then_detection() {
        let doc = Document::new(
            "The president said.".into(),
            Format::PlainText,
            Some(Language::French),
        );
        assert_eq!(doc.language, Language::French);
        let doc = Document::new(
            "The president said that it was over.".into(),
            Format::PlainText,
            None,
        );
        assert_eq!(doc.language, Language::English);
    }

    #[test]
    fn urls_are_not_prose() {
        let doc = Document::new(
            "Voir https://Example.org/Maduro ici.".into(),
            Format::PlainText,
            None,
        );
        assert!(!doc.masked.contains("Maduro"));
        assert_eq!(doc.masked.len(), doc.source.len());
    }

    #[test]
    fn sentence_at_finds_the_sentence_of_an_offset() {
        let doc = Document::new("Un. Deux.".into(), Format::PlainText, None);
        assert_eq!(doc.sentence_at(5), Some(1));
        assert_eq!(doc.sentence_at(3), None);
    }

    #[test]
    fn lines_keep_their_breaks_as_split_inclusive_does() {
        for text in ["", "\n", "a", "a\n", "\n\nb", "é\r\n’\u{00A0}\n🗣", "x\n\n"] {
            let lines: Vec<&str> = lines_with_breaks(text).collect();
            let expected: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(lines, expected, "{text:?}");
        }
    }

    #[test]
    fn byte_order_marks_become_spaces_in_plain_text() {
        for text in [
            "",
            "\u{FEFF}",
            "\u{FEFF}Texte\u{FEFF}é\u{FEFF}",
            "sans marque",
        ] {
            assert_eq!(
                blank_byte_order_marks(text),
                text.replace('\u{FEFF}', "   ")
            );
        }
    }

    #[test]
    fn decode_names_the_place_of_bad_bytes() {
        let error = decode(b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            (error.line, error.column, error.offset, error.binary),
            (2, 3, 5, false)
        );
        assert!(decode(b"a\0b".to_vec()).unwrap_err().binary);
        assert_eq!(decode("é".as_bytes().to_vec()).unwrap(), "é");
    }
}
