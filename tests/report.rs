//! `copydesk report`: quotations with their speakers and the sources an article leans on, in
//! human and JSON form.

mod common;

use common::{run_in, run_with_stdin, seeds_dir, stdout};

#[test]
fn json_report_lists_quotations_speakers_and_sources() {
    let output = run_in(
        &seeds_dir(),
        &["report", "--format", "json", "seed-004.txt"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let reports: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let report = &reports[0];
    assert_eq!(report["path"], "seed-004.txt");
    assert_eq!(report["language"], "fr");
    let quotation = &report["quotations"][0];
    assert_eq!(
        quotation["text"],
        "« Nous sommes en contact avec nos amis vénézuéliens »"
    );
    assert_eq!(
        quotation["speaker"]["text"],
        "le porte-parole de la présidence russe, Dmitri Peskov"
    );
    assert_eq!(quotation["line"], 3);
    assert_eq!(report["attributed_share"], 1.0);
    assert_eq!(
        report["anonymous_sources"][0]["text"],
        "des sources proches de l’administration Trump"
    );
    assert_eq!(report["vague_attributions"].as_array().unwrap().len(), 2);
    assert_eq!(report["state_media"][0]["outlet"], "TASS");
    assert_eq!(report["state_media"][0]["state"], "RU");
    assert_eq!(report["state_media"][0]["state_name"], "Russie");
}

#[test]
fn human_report_speaks_the_article_language() {
    let text = "“We will not give in,” said the prime minister. \"Nothing is decided yet and nothing will be.\"\n\nThe deal is off, sources familiar with the talks said.\n";
    let output = run_with_stdin(&seeds_dir(), &["report", "-"], text.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let printed = stdout(&output);
    assert!(
        printed.contains("Quotations: 2 (2 with a speaker, 100 %)"),
        "{printed}"
    );
    assert!(printed.contains("— the prime minister"), "{printed}");
    assert!(printed.contains("Anonymous sources: 1"), "{printed}");
    assert!(
        printed.contains("sources familiar with the talks"),
        "{printed}"
    );
}

#[test]
fn unreadable_file_is_a_usage_error() {
    let output = run_in(&seeds_dir(), &["report", "no-such-article.md"]);
    assert_eq!(output.status.code(), Some(2));
}
