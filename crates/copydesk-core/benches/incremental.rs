//! One keystroke in a long article, as the language server sees it: the article is modelled
//! again, then checked either from scratch (`check`) or with the paragraph cache of the last
//! version (`check_cached`). Not a test: it prints figures for BENCHMARKS.md.
//!
//! `cargo bench -p copydesk-core --bench incremental` prints median times of both. On a shared
//! machine, count instructions instead: build with `--no-run`, then run the binary under
//! `valgrind --tool=callgrind` with `full N` or `cached N`, for two values of N; the difference
//! divided by the difference of N is the cost of one keystroke.

use copydesk_core::incremental::{check_cached, ParagraphCache};
use copydesk_core::{check, Config, Document, Format};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const WORDS: usize = 10_000;

/// The seed articles, paragraph after paragraph, until the text has `WORDS` words (the article
/// of the language server's benchmark).
fn long_article() -> String {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/seeds");
    let mut paragraphs = Vec::new();
    for index in 0..5 {
        let text = std::fs::read_to_string(seeds.join(format!("seed-00{index}.txt")))
            .expect("a seed article");
        paragraphs.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from),
        );
    }
    let mut article = String::new();
    let mut words = 0;
    for paragraph in paragraphs.iter().cycle() {
        if words >= WORDS {
            break;
        }
        words += paragraph.split_whitespace().count();
        article.push_str(paragraph);
        article.push_str("\n\n");
    }
    article
}

/// `edits` keystrokes (one character typed, then deleted, in the middle of the article), each
/// modelled and checked; the time of each.
fn keystrokes(cached: bool, edits: usize) -> Vec<Duration> {
    let article = long_article();
    let config = Config::default();
    let middle = article[..article.len() / 2].rfind(' ').expect("a space");
    let mut typed = article.clone();
    typed.insert(middle, 'x');
    let mut cache = ParagraphCache::default();
    let doc = Document::new(article.clone(), Format::PlainText, None);
    check_cached(&doc, &config, &mut cache);
    (0..edits)
        .map(|edit| {
            let text = if edit % 2 == 0 { &typed } else { &article };
            let started = Instant::now();
            let doc = Document::new(text.clone(), Format::PlainText, None);
            let found = if cached {
                check_cached(&doc, &config, &mut cache)
            } else {
                check(&doc, &config)
            };
            black_box(found);
            started.elapsed()
        })
        .collect()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let only = args.next();
    let edits = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    for (name, cached) in [("full", false), ("cached", true)] {
        if only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let time = median(keystrokes(cached, edits));
        println!(
            "{name}: model and check after one keystroke, median {:.2} ms ({edits} keystrokes)",
            time.as_secs_f64() * 1e3
        );
    }
}
