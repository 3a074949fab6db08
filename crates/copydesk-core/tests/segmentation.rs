//! Sentence splitting on the real seed articles, kept as snapshots to review.

use copydesk_core::{Document, Format};
use std::path::PathBuf;

const SEEDS: [&str; 5] = [
    "seed-000.txt",
    "seed-001.txt",
    "seed-002.txt",
    "seed-003.txt",
    "seed-004.txt",
];

fn seed(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus/seeds")
        .join(name);
    let source = std::fs::read_to_string(&path).expect("seed article");
    Document::new(source, Format::PlainText, None)
}

fn sentences(doc: &Document) -> String {
    doc.paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, paragraph)| {
            doc.sentences[paragraph.sentences.clone()]
                .iter()
                .map(move |s| format!("[{p}] {}", doc.text(s.span.clone()).replace('\n', "⏎")))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_sentences() {
    for name in SEEDS {
        let doc = seed(name);
        insta::assert_snapshot!(name, sentences(&doc));
    }
}

#[test]
fn seeds_are_detected_as_french() {
    for name in SEEDS {
        assert_eq!(
            seed(name).language,
            copydesk_core::Language::French,
            "{name}"
        );
    }
}
