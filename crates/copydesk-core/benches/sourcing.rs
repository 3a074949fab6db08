//! The cost of the sourcing and fact rules on the seed corpus: the check time (building each
//! article's model and running the rules) with every rule, against the same with the
//! `attribution/*`, `source/*` and `fact/*` families turned off in the configuration.
//!
//! `cargo bench -p copydesk-core --bench sourcing` prints both and the overhead; the figures are
//! recorded in BENCHMARKS.md.

use copydesk_core::{check, Config, Document, Format};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const ROUNDS: usize = 15;
const PASSES_PER_ROUND: usize = 50;

fn seeds() -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the seed corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a seed article"))
        .collect()
}

/// One pass over the corpus: model every article and check it.
fn pass(articles: &[String], config: &Config) -> usize {
    articles
        .iter()
        .map(|text| {
            let doc = Document::new(text.clone(), Format::PlainText, None);
            check(&doc, config).len()
        })
        .sum()
}

fn round(articles: &[String], config: &Config) -> Duration {
    let start = Instant::now();
    for _ in 0..PASSES_PER_ROUND {
        black_box(pass(articles, config));
    }
    start.elapsed() / PASSES_PER_ROUND as u32
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let articles = seeds();
    let all = Config::default();
    let without = Config::parse(
        "[rules]\n\"attribution/*\" = \"off\"\n\"source/*\" = \"off\"\n\"fact/*\" = \"off\"\n",
        Path::new("bench.toml"),
    )
    .expect("a valid configuration");
    pass(&articles, &all);
    pass(&articles, &without);
    let (mut with_times, mut without_times) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        with_times.push(round(&articles, &all));
        without_times.push(round(&articles, &without));
    }
    let (with_rules, without_rules) = (median(with_times), median(without_times));
    let overhead = with_rules.as_secs_f64() / without_rules.as_secs_f64() - 1.0;
    println!(
        "seed corpus ({} articles), median per pass of {ROUNDS} rounds × {PASSES_PER_ROUND} passes",
        articles.len()
    );
    println!("  without attribution/source/fact: {without_rules:?}");
    println!("  with every rule:                 {with_rules:?}");
    println!(
        "  overhead of the three families:  {:.1} %",
        overhead * 100.0
    );
}
