//! Speed and memory of `copydesk lsp` on a long article, measured as an editor sees them:
//! through stdio, from the request to the answer. Not a test: it prints figures for
//! BENCHMARKS.md. Run with `cargo bench -p copydesk-cli --bench lsp`.

#[path = "../../../tests/common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{utf16_position, LspClient};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const WORDS: usize = 10_000;
const EDITS: usize = 200;
const QUERIES: usize = 500;
const OPEN_DOCUMENTS: usize = 10;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed articles, paragraph after paragraph, until the text has `WORDS` words.
fn long_article() -> String {
    let seeds = repository().join("tests/corpus/seeds");
    let mut paragraphs = Vec::new();
    for index in 0..5 {
        let text = std::fs::read_to_string(seeds.join(format!("seed-00{index}.txt"))).unwrap();
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

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn report(what: &str, samples: &mut [Duration]) {
    let p50 = percentile(samples, 0.5);
    let p95 = percentile(samples, 0.95);
    println!(
        "{what}: p50 {:.2} ms, p95 {:.2} ms ({} samples)",
        p50.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        samples.len()
    );
}

fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The processor time a process has used (user and system), from `/proc`; clock ticks are
/// 1/100 s on Linux.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn main() {
    let root = repository();
    let article = long_article();
    let mut client = LspClient::start(Path::new(env!("CARGO_BIN_EXE_copydesk")), &root);
    client.initialize(json!({"processId": null, "capabilities": {}}));
    let uri = "file:///bench/long.txt";
    client.open(uri, "plaintext", &article);
    let first = client.diagnostics(uri, 1);
    println!(
        "article: {} words, {} bytes, {} findings",
        article.split_whitespace().count(),
        article.len(),
        first.len()
    );

    // One character typed then deleted, in the middle of the article, alternately.
    let middle = article[..article.len() / 2].rfind(' ').unwrap();
    let at = utf16_position(&article, middle);
    let after = json!({"line": at["line"], "character": at["character"].as_u64().unwrap() + 1});
    let mut latencies = Vec::new();
    let cpu_before = cpu_time(client.pid());
    for version in 2..(2 + EDITS as i64) {
        let change = if version % 2 == 0 {
            json!([{"range": {"start": at, "end": at}, "text": "x"}])
        } else {
            json!([{"range": {"start": at, "end": after}, "text": ""}])
        };
        let started = Instant::now();
        client.change(uri, version, change);
        client.diagnostics(uri, version);
        latencies.push(started.elapsed());
    }
    report("didChange → publishDiagnostics", &mut latencies);
    if let (Some(before), Some(after)) = (cpu_before, cpu_time(client.pid())) {
        println!(
            "server processor time per keystroke: {:.1} ms",
            (after - before).as_secs_f64() * 1e3 / EDITS as f64
        );
    }

    let peskov = utf16_position(&article, article.find("Peskov").unwrap() + 2);
    let mut hovers = Vec::new();
    for _ in 0..QUERIES {
        let started = Instant::now();
        let hover = client.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": peskov}),
        );
        hovers.push(started.elapsed());
        assert!(hover["contents"]["value"].is_string());
    }
    report("hover on a name", &mut hovers);

    let end = utf16_position(&article, article.len());
    let version = 2 + EDITS as i64;
    client.change(
        uri,
        version,
        json!([{"range": {"start": end, "end": end}, "text": "Selon pesk"}]),
    );
    client.diagnostics(uri, version);
    let typed = format!("{article}Selon pesk");
    let cursor = utf16_position(&typed, typed.len());
    let mut completions = Vec::new();
    for _ in 0..QUERIES {
        let started = Instant::now();
        let list: Value = client.call(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": cursor}),
        );
        completions.push(started.elapsed());
        assert!(!list["items"].as_array().unwrap().is_empty());
    }
    report("completion of “pesk”", &mut completions);

    for index in 1..OPEN_DOCUMENTS {
        let other = format!("file:///bench/long-{index}.txt");
        client.open(&other, "plaintext", &article);
        client.diagnostics(&other, 1);
    }
    if let Some(kib) = resident_kib(client.pid()) {
        println!(
            "resident memory with {OPEN_DOCUMENTS} such documents open: {:.1} MiB",
            kib as f64 / 1024.0
        );
    }
    assert!(client.shutdown().success());
}
