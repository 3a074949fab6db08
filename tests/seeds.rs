//! The five real articles copydesk was started from: every expected finding whose rule exists
//! is reported, and nothing is flagged inside a span the newsroom marked as right.

mod common;

use common::{json_findings, run_in, seeds_dir};
use serde_json::Value;

fn expected() -> Value {
    let text = std::fs::read_to_string(seeds_dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn range(value: &Value) -> (u64, u64) {
    let pair = value.as_array().expect("[start, end]");
    (pair[0].as_u64().unwrap(), pair[1].as_u64().unwrap())
}

#[test]
fn seed_articles_meet_expectations() {
    let expected = expected();
    let mut failures = Vec::new();
    let mut checked_findings = 0;
    for (file, spec) in expected["files"].as_object().expect("files") {
        let output = run_in(&seeds_dir(), &["check", "--format", "json", file]);
        assert_ne!(
            output.status.code(),
            Some(2),
            "{file}: {}",
            common::stderr(&output)
        );
        let found = json_findings(&output);
        for want in spec["expected"].as_array().unwrap() {
            let code = want["code"].as_str().unwrap();
            if copydesk_core::rules::find(code).is_none() {
                continue;
            }
            checked_findings += 1;
            let (start, end) = range(&want["byte_range"]);
            let hit = found.iter().find(|d| {
                let (s, e) = range(&d["byte_range"]);
                d["code"] == code && s < end && start < e
            });
            let Some(hit) = hit else {
                failures.push(format!("{file}: missing {code} on {:?}", want["text"]));
                continue;
            };
            if let Some(accepted) = want.get("accepted_suggestions").and_then(Value::as_array) {
                let first = &hit["suggestions"][0];
                if !accepted.contains(first) {
                    failures.push(format!(
                        "{file}: {code} on {:?} suggests {first}, expected one of {accepted:?}",
                        want["text"]
                    ));
                }
            }
        }
        for keep in spec["not_flagged"].as_array().unwrap() {
            let (start, end) = range(&keep["byte_range"]);
            for d in &found {
                let (s, e) = range(&d["byte_range"]);
                if (start <= s && s < end) || (start < e && e <= end) {
                    failures.push(format!(
                        "{file}: {} flags {:?}, which is right",
                        d["code"], keep["text"]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{checked_findings} expected findings checked (the others await their rules)");
}

#[test]
fn expected_ranges_match_the_copied_articles() {
    for (file, spec) in expected()["files"].as_object().unwrap() {
        let text = std::fs::read(seeds_dir().join(file)).unwrap();
        let entries = spec["expected"].as_array().unwrap().iter();
        for entry in entries.chain(spec["not_flagged"].as_array().unwrap()) {
            let (start, end) = range(&entry["byte_range"]);
            let slice = &text[start as usize..end as usize];
            assert_eq!(slice, entry["text"].as_str().unwrap().as_bytes(), "{file}");
        }
    }
}
