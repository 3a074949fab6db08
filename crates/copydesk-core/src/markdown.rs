//! Markdown scoping: which bytes of a Markdown article are prose.
//!
//! The result keeps the source's byte offsets: every byte that is not prose (code, HTML, link
//! destinations, front matter, Markdown syntax) is replaced by a space in the masked text, line
//! breaks stay where they are. Rules then read the masked text with the source's offsets.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// What the Markdown parser found.
pub(crate) struct Scoped {
    pub masked: String,
    /// Runs of prose with no block boundary inside: paragraphs, headings, list items, cells.
    pub blocks: Vec<Range<usize>>,
    /// HTML comments, for suppression directives: span and text.
    pub comments: Vec<(Range<usize>, String)>,
    /// The YAML front matter's content, when there is one.
    pub front_matter: Option<Range<usize>>,
}

/// Options that match what newsroom Markdown uses: tables, footnotes, strikethrough and front
/// matter. Smart punctuation stays off: it would change the text the journalist wrote.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Text nested in these is not prose.
#[derive(Default)]
struct Skip {
    code_block: usize,
    metadata: usize,
    image: usize,
    autolink: usize,
}

impl Skip {
    fn any(&self) -> bool {
        self.code_block + self.metadata + self.image + self.autolink > 0
    }
}

pub(crate) fn scope(source: &str) -> Scoped {
    let mut masked = blank_copy(source);
    let mut blocks = Vec::new();
    let mut comments = Vec::new();
    let mut front_matter = None;
    let mut current: Option<Range<usize>> = None;
    let mut skip = Skip::default();
    let mut autolinks: Vec<bool> = Vec::new();

    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    flush(&mut current, &mut blocks);
                }
                match tag {
                    Tag::CodeBlock(_) => skip.code_block += 1,
                    Tag::MetadataBlock(_) => skip.metadata += 1,
                    Tag::Image { .. } => skip.image += 1,
                    Tag::Link { link_type, .. } => {
                        let is_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        skip.autolink += usize::from(is_autolink);
                        autolinks.push(is_autolink);
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::CodeBlock => skip.code_block -= 1,
                    TagEnd::MetadataBlock(_) => skip.metadata -= 1,
                    TagEnd::Image => skip.image -= 1,
                    TagEnd::Link => skip.autolink -= usize::from(autolinks.pop() == Some(true)),
                    _ => {}
                }
                if is_block_end(&end) {
                    flush(&mut current, &mut blocks);
                }
            }
            Event::Text(_) if skip.metadata > 0 => {
                front_matter = Some(range);
            }
            Event::Text(_) if !skip.any() => {
                unmask(&mut masked, source, range.clone());
                current = Some(match current {
                    Some(run) => run.start..range.end,
                    None => range,
                });
            }
            Event::Html(text) | Event::InlineHtml(text) if text.contains("<!--") => {
                comments.push((range, text.into_string()));
            }
            Event::Rule => flush(&mut current, &mut blocks),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    Scoped {
        masked,
        blocks,
        comments,
        front_matter,
    }
}

/// A copy of the source with every byte but line breaks made a space.
pub(crate) fn blank_copy(source: &str) -> String {
    let blank: Vec<u8> = source
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    String::from_utf8(blank).expect("spaces and line breaks are ASCII")
}

fn unmask(masked: &mut String, source: &str, range: Range<usize>) {
    masked.replace_range(range.clone(), &source[range]);
}

fn flush(current: &mut Option<Range<usize>>, blocks: &mut Vec<Range<usize>>) {
    if let Some(run) = current.take() {
        blocks.push(run);
    }
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_block_end(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(source: &str) -> String {
        scope(source)
            .masked
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn code_html_and_link_destinations_are_not_prose() {
        let source = "# Titre\n\nLe `code` et <span>html</span> [lien](https://x.org/Maduro).\n\n```\nNicolos Maduro\n```\n";
        assert_eq!(prose(source), "Titre Le et html lien .");
    }

    #[test]
    fn front_matter_is_kept_apart() {
        let source = "---\ndate: 2019-03-27\nlang: fr\n---\n\nTexte.\n";
        let scoped = scope(source);
        let front = scoped.front_matter.expect("front matter");
        assert!(source[front].contains("date: 2019-03-27"));
        assert_eq!(prose(source), "Texte.");
    }

    #[test]
    fn offsets_are_those_of_the_source() {
        let source = "Un **gras** 🗣 texte\n";
        let scoped = scope(source);
        assert_eq!(scoped.masked.len(), source.len());
        let at = source.find("texte").unwrap();
        assert_eq!(&scoped.masked[at..at + 5], "texte");
    }

    #[test]
    fn blocks_are_split_at_headings_items_and_cells() {
        let source = "# Titre\nParagraphe un.\n\n- point un\n- point deux\n\n| a | b |\n|---|---|\n| c | d |\n";
        let scoped = scope(source);
        let texts: Vec<&str> = scoped.blocks.iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(
            texts,
            [
                "Titre",
                "Paragraphe un.",
                "point un",
                "point deux",
                "a",
                "b",
                "c",
                "d"
            ]
        );
    }

    #[test]
    fn images_and_autolinks_are_not_prose() {
        assert_eq!(
            prose("Voir ![Nicolos](a.png) et <https://b.org>."),
            "Voir et ."
        );
    }

    #[test]
    fn blank_copy_keeps_length_and_line_breaks() {
        let source = "É🗣 a\r\nb\u{00A0}’\n";
        let blank = blank_copy(source);
        assert_eq!(blank.len(), source.len());
        assert_eq!(blank, format!("{}\r\n{}\n", " ".repeat(8), " ".repeat(6)));
    }

    #[test]
    fn comments_are_collected() {
        let scoped = scope("<!-- copydesk-disable entity/misspelled -->\n\nTexte.\n");
        assert_eq!(scoped.comments.len(), 1);
    }
}
