//! `copydesk explain` and `copydesk rules`.

use crate::status;
use copydesk_core::rules;

pub fn explain(code: &str) -> u8 {
    match rules::find(code) {
        Some(rule) => {
            let info = rule.info();
            println!("{} ({} by default)\n", info.code, info.default_severity);
            println!("{}", info.explanation());
            status::CLEAN
        }
        None => {
            let closest = rules::all()
                .iter()
                .map(|r| r.info().code)
                .min_by_key(|known| strsim::levenshtein(known, code));
            let hint = closest.map_or(String::new(), |c| format!(" Did you mean `{c}`?"));
            eprintln!(
                "copydesk: no rule has the code `{code}`.{hint} `copydesk rules` lists them."
            );
            status::TROUBLE
        }
    }
}

pub fn list() -> u8 {
    let width = rules::all()
        .iter()
        .map(|r| r.info().code.len())
        .max()
        .unwrap_or(0);
    for rule in rules::all() {
        let info = rule.info();
        println!(
            "{:width$}  {:7}  {}",
            info.code,
            info.default_severity.as_str(),
            info.summary()
        );
    }
    status::CLEAN
}
