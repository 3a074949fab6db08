//! `copydesk check`.

use crate::files::{self, Article, Configs, Problem};
use crate::output;
use crate::{status, CheckArgs, FailOnArg};
use copydesk_core::config::FailOn;
use copydesk_core::{Diagnostic, Severity};
use rayon::prelude::*;

/// An article and what the rules found in it.
pub struct Checked {
    pub article: Article,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: CheckArgs) -> u8 {
    let configs = Configs::new(args.common.config.clone());
    let (inputs, mut problems) = files::collect(&args.common, &configs);
    let outcomes: Vec<Result<Checked, Problem>> = inputs
        .par_iter()
        .map(|input| {
            let article = files::read(input, &args.common, &configs)?;
            let diagnostics = copydesk_core::check(&article.doc, &article.config);
            Ok(Checked {
                article,
                diagnostics,
            })
        })
        .collect();
    let mut checked = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(done) => checked.push(done),
            Err(problem) => problems.push(problem),
        }
    }
    let color = output::human::use_color(args.color);
    if let Err(error) = output::write(args.format, &checked, color) {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("copydesk: cannot write the report: {error}");
            return status::TROUBLE;
        }
    }
    for Problem(message) in &problems {
        eprintln!("copydesk: {message}");
    }
    if checked.is_empty() && problems.is_empty() {
        eprintln!("copydesk: no article found (looked for .md, .markdown and .txt files)");
    }
    if !problems.is_empty() {
        status::TROUBLE
    } else if checked.iter().any(|c| fails(c, args.fail_on)) {
        status::FINDINGS
    } else {
        status::CLEAN
    }
}

fn fails(checked: &Checked, forced: Option<FailOnArg>) -> bool {
    let threshold = match forced {
        Some(FailOnArg::Never) => return false,
        Some(FailOnArg::Error) => Severity::Error,
        Some(FailOnArg::Warning) => Severity::Warning,
        Some(FailOnArg::Info) => Severity::Info,
        Some(FailOnArg::Hint) => Severity::Hint,
        None => match checked.article.config.fail_on {
            FailOn::Never => return false,
            FailOn::Severity(severity) => severity,
        },
    };
    checked.diagnostics.iter().any(|d| d.severity >= threshold)
}
