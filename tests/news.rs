//! Real published news (../shared/corpus/news, beside the repository; skipped when absent): no
//! entity/* finding may touch a name the corpus lists as right, except the real errors it lists.
//! The texts are read in place, never copied into the repository.

mod common;

use common::{json_findings, run_in};
use serde_json::Value;
use std::path::PathBuf;

/// How many of the corpus's real name errors the rules catch today: fewer is a regression.
const CAUGHT_AT_LEAST: usize = 8;

fn corpus() -> Option<PathBuf> {
    let dir = common::tests_dir().join("../../shared/corpus/news");
    dir.join("names.json").is_file().then_some(dir)
}

/// Byte ranges where `needle` occurs in `text` as a whole token.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle)
        .map(|(at, _)| (at, at + needle.len()))
        .filter(|&(start, end)| {
            !is_word(text[..start].chars().next_back()) && !is_word(text[end..].chars().next())
        })
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn no_name_rule_flags_a_right_name_in_real_news() {
    let Some(dir) = corpus() else {
        eprintln!("no news corpus beside the repository: skipped");
        return;
    };
    let names: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("names.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    let (mut caught, mut name_errors) = (0, 0);
    for (file, spec) in names["files"].as_object().unwrap() {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let language = file.split('/').next().unwrap();
        let output = run_in(
            &dir,
            &["check", "--format", "json", "--language", language, file],
        );
        let findings: Vec<Value> = json_findings(&output)
            .into_iter()
            .filter(|d| d["code"].as_str().unwrap().starts_with("entity/"))
            .collect();
        let range = |d: &Value| {
            let r = d["byte_range"].as_array().unwrap();
            (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            )
        };
        let touches = |d: &Value, (start, end): (usize, usize)| {
            let (s, e) = range(d);
            s < end && start < e
        };
        let mut real_spans = Vec::new();
        for error in spec["real_errors"].as_array().unwrap() {
            let kind = error["kind"].as_str().unwrap();
            let spans: Vec<(usize, usize)> = strings(&error["as_written"])
                .iter()
                .flat_map(|s| occurrences(&text, s))
                .collect();
            if kind.starts_with("name_") {
                name_errors += 1;
                if findings
                    .iter()
                    .any(|d| spans.iter().any(|&s| touches(d, s)))
                {
                    caught += 1;
                }
            }
            real_spans.extend(spans);
        }
        let listed = strings(&spec["names"])
            .into_iter()
            .chain(strings(&spec["other_proper_terms"]));
        for name in listed {
            for span in occurrences(&text, &name) {
                for d in findings.iter().filter(|d| touches(d, span)) {
                    if !real_spans.iter().any(|&real| touches(d, real)) {
                        failures.push(format!(
                            "{file}: {} flags {name:?}: {}",
                            d["code"], d["message"]
                        ));
                    }
                }
            }
        }
    }
    eprintln!("real name errors caught: {caught} of {name_errors}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        caught >= CAUGHT_AT_LEAST,
        "only {caught} of the corpus's {name_errors} real name errors caught"
    );
}
