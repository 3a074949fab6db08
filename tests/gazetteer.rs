//! `copydesk entity` and `copydesk gazetteer`: cards, compiled gazetteers and Wikidata imports,
//! end to end.

mod common;

use common::{json_findings, run_in, stderr, stdout};
use std::fs;

const NEWSROOM: &str = r#"[[entity]]
kind = "person"
name = { fr = "Iouri Vexline", en = "Yuri Vexlin" }
aliases = ["Vexline"]
variants = { en = ["Yuri Vexlin", "Vexlin"] }
description = { fr = "porte-parole fictif", en = "fictional spokesman" }
"#;

const ARTICLE: &str = "Le porte-parole Yuri Vexlin a parlé lundi à Moscou.\n";

#[test]
fn entity_prints_the_card_whatever_the_case_and_accents() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &["entity", "DMITRI PESKOV"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let card = stdout(&output);
    assert!(card.starts_with("**Dmitri Peskov** — personne"), "{card}");
    assert!(card.contains("Dmitry Peskov"), "{card}");
    let output = run_in(dir.path(), &["entity", "chtch", "--language", "en"]);
    assert!(
        stdout(&output).contains("**Alexander Shchetinin**"),
        "{}",
        stdout(&output)
    );
    let output = run_in(dir.path(), &["entity", "nobody-known-here"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_compiled_newsroom_gazetteer_is_used_by_check() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("people.toml"), NEWSROOM).unwrap();
    let output = run_in(
        dir.path(),
        &["gazetteer", "build", "people.toml", "-o", "people.cdgaz"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    fs::write(
        dir.path().join(".copydesk.toml"),
        "language = \"fr\"\ngazetteer = [\"people.cdgaz\"]\n",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let output = run_in(dir.path(), &["check", "--format", "json", "a.txt"]);
    let findings = json_findings(&output);
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["suggestions"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("entity/transliteration", "Iouri Vexline")]);
    let output = run_in(dir.path(), &["entity", "vexlin"]);
    assert!(
        stdout(&output).contains("**Iouri Vexline**"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn broken_gazetteers_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("people.toml"),
        "[[entity]]\nkind = \"robot\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join(".copydesk.toml"),
        "gazetteer = [\"people.toml\"]\n",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let output = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("people.toml:2:"),
        "{}",
        stderr(&output)
    );
    fs::write(dir.path().join("people.cdgaz"), b"CDGAZ but damaged").unwrap();
    fs::write(
        dir.path().join(".copydesk.toml"),
        "gazetteer = [\"people.cdgaz\"]\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn a_wikidata_dump_imports_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let dump = common::tests_dir().join("fixtures/wikidata/dump.json");
    let output = run_in(
        dir.path(),
        &[
            "gazetteer",
            "import-wikidata",
            dump.to_str().unwrap(),
            "-o",
            "wd.toml",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("6 entities read, 4 kept"),
        "{}",
        stderr(&output)
    );
    let output = run_in(
        dir.path(),
        &["gazetteer", "build", "wd.toml", "-o", "wd.cdgaz"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    fs::write(
        dir.path().join(".copydesk.toml"),
        "gazetteer = [\"wd.cdgaz\"]\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["entity", "exampletown", "--language", "en"]);
    assert!(
        stdout(&output).contains("**Exampletown** — place"),
        "{}",
        stdout(&output)
    );
}
