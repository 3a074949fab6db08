//! The sourcing and fact rules on real published articles (`../shared/corpus/news` from the
//! repository root, read in place and never copied here; the test is skipped when the folder is
//! absent). Every finding of the `attribution/`, `source/` and `fact/` families was judged by
//! hand as one a desk editor would agree with; the list below holds them by file, code and the
//! flagged words, so that a new finding or a lost one shows.

mod common;

use common::{json_findings, run_in, tests_dir};

/// (file, code, flagged text), as judged: state outlets given as sources (the gazetteer lists
/// Al Jazeera as Qatari state media), unnamed sources, hearsay with no one answering for it,
/// and "which media?".
#[rustfmt::skip]
const JUDGED: &[(&str, &str, &str)] = &[
    ("en/06-lavrov-rubio-istanbul-talks-tass.txt", "source/state-media", "TASS"),
    ("en/07-houthis-rubymar-red-sea.txt", "source/state-media", "Al-Jazeera"),
    ("fr/04-xi-jinping-etats-unis-ria-novosti.txt", "source/state-media", "Xinhua"),
    ("fr/07-bresil-lula-premier-tour-russia-today.txt", "source/state-media", "Russia Today"),
    ("fr/12-turquie-erdogan-second-tour-anadolu.txt", "source/state-media", "Anadolu"),
    ("fr/24-coree-nord-satellite-kcna-reuters.txt", "source/state-media", "KCNA"),
    ("fr/25-russie-ukraine-defense-tass.txt", "source/state-media", "TASS"),
    ("fr/25-russie-ukraine-defense-tass.txt", "source/state-media", "TASS"),
    ("fr/25-russie-ukraine-defense-tass.txt", "source/state-media", "TASS"),
    ("fr/27-iran-raissi-mort-irna-mehr.txt", "source/state-media", "Irna"),
    ("fr/27-iran-raissi-mort-irna-mehr.txt", "source/state-media", "Mehr"),
    ("en/07-houthis-rubymar-red-sea.txt", "attribution/anonymous-source", "a source in the Yemeni maritime industry"),
    ("en/08-ioc-coventry-elected-president.txt", "attribution/unsourced-conditional", "is said to"),
    ("fr/09-von-der-leyen-reelue-commission.txt", "attribution/vague-source", "Selon les médias"),
    ("fr/18-bangladesh-hasina-fuit-inde.txt", "attribution/anonymous-source", "des sources militaires"),
    ("fr/18-bangladesh-hasina-fuit-inde.txt", "attribution/anonymous-source", "Un quotidien bangladais"),
    ("fr/18-bangladesh-hasina-fuit-inde.txt", "attribution/anonymous-source", "des sources de renseignement"),
    ("fr/18-bangladesh-hasina-fuit-inde.txt", "attribution/anonymous-source", "Une source proche de Sheikh Hasina"),
    ("fr/25-russie-ukraine-defense-tass.txt", "attribution/anonymous-source", "un pilote militaire russe"),
];

const FAMILIES: [&str; 3] = ["attribution/", "source/", "fact/"];

#[test]
fn news_corpus_findings_are_the_judged_ones() {
    let news = tests_dir().join("../../shared/corpus/news");
    if !news.is_dir() {
        eprintln!("skipped: {} is absent", news.display());
        return;
    }
    let output = run_in(&news, &["check", "--format", "json", "fr", "en"]);
    assert_ne!(output.status.code(), Some(2), "{}", common::stderr(&output));
    let mut found = Vec::new();
    for finding in json_findings(&output) {
        let code = finding["code"].as_str().unwrap().to_string();
        if !FAMILIES.iter().any(|family| code.starts_with(family)) {
            continue;
        }
        let path = finding["path"].as_str().unwrap().to_string();
        let bytes = std::fs::read(news.join(&path)).unwrap();
        let range = finding["byte_range"].as_array().unwrap();
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        let text = String::from_utf8_lossy(&bytes[start..end]).into_owned();
        found.push((path, code, text));
    }
    let mut judged: Vec<(String, String, String)> = JUDGED
        .iter()
        .map(|(path, code, text)| (path.to_string(), code.to_string(), text.to_string()))
        .collect();
    found.sort();
    judged.sort();
    let unexpected: Vec<_> = found.iter().filter(|f| !judged.contains(f)).collect();
    let lost: Vec<_> = judged.iter().filter(|j| !found.contains(j)).collect();
    assert_eq!(
        found, judged,
        "new findings to judge: {unexpected:#?}\nlost findings: {lost:#?}"
    );
}
