//! `copydesk explain` and `copydesk rules`.

use crate::status;
use copydesk_core::rules;

pub fn explain(code: &str) -> u8 {
    match rules::find(code) {
        Some(rule) => {
            let info = rule.info();
            status::print(&format!(
                "{} ({} by default)\n\n{}\n",
                info.code,
                info.default_severity,
                info.explanation()
            ))
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
    let mut text = String::new();
    for rule in rules::all() {
        let info = rule.info();
        text.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            info.code,
            info.default_severity.as_str(),
            info.summary()
        ));
    }
    status::print(&text)
}
