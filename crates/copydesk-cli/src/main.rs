//! `copydesk`: the copy desk of a newsroom on the command line.

mod check;
mod entity;
mod explain;
mod files;
mod fix;
mod gazetteer;
mod output;
mod report;
mod wikidata;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Reads news articles (Markdown or plain text, French or English) and reports misspelled
/// names, unsourced claims and facts that do not add up.
#[derive(Parser)]
#[command(name = "copydesk", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles and report findings.
    Check(CheckArgs),
    /// Apply the fixes that are safe without review, in place.
    Fix(FixArgs),
    /// Explain a rule: what it finds, why it matters, what it never flags.
    Explain {
        /// A rule code, e.g. entity/misspelled.
        code: String,
    },
    /// List the rules.
    Rules,
    /// Serve the language server protocol on standard input and output, for editors.
    Lsp {
        /// Accepted for clients that pass it (VS Code's does); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Say who is quoted in each article and which sources it leans on.
    Report(ReportArgs),
    /// Print what the gazetteer knows of a name (accent- and case-insensitive), as Markdown.
    Entity {
        /// A name, an alias, the start of a name word ("pesk") or a Wikidata id.
        query: String,
        /// The language of the card (default: the configuration's, else French).
        #[arg(long, value_enum)]
        language: Option<LanguageArg>,
        /// Use this configuration file (and its gazetteers) instead of looking for .copydesk.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Build or import gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Compile TOML sources (files or folders) into one file that loads by memory-mapping;
    /// list it in .copydesk.toml's `gazetteer` like a TOML file.
    Build {
        #[arg(value_name = "SOURCE", required = true)]
        sources: Vec<PathBuf>,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Turn a Wikidata JSON dump (.json, .json.gz or .json.bz2) into gazetteer TOML: people,
    /// organisations, places and media with French and English labels, aliases and positions.
    ImportWikidata {
        #[arg(value_name = "DUMP")]
        dump: PathBuf,
        #[arg(short, long, value_name = "FILE", default_value = "wikidata.toml")]
        output: PathBuf,
    },
}

/// Options shared by `check` and `fix`.
#[derive(clap::Args)]
struct CommonArgs {
    /// Files or folders to read; `-` reads standard input. Folders are walked for .md,
    /// .markdown and .txt files, honouring .gitignore.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<String>,
    /// Use this configuration file instead of looking for .copydesk.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The articles' language, overriding the configuration and detection.
    #[arg(long, value_enum)]
    language: Option<LanguageArg>,
    /// The name shown for standard input, and the place its configuration is looked up from.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 1 when a finding is at or above this level (overrides the configuration).
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
}

#[derive(clap::Args)]
struct FixArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Print the changes as a unified diff instead of writing them.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(clap::Args)]
struct ReportArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LanguageArg {
    Fr,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Exit statuses, as pre-commit hooks and CI read them.
pub(crate) mod status {
    use std::io::{ErrorKind, Write};

    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const TROUBLE: u8 = 2;

    /// Writes text to standard output. A reader that stops reading (`copydesk explain … | head`)
    /// is no trouble, as for any Unix tool; other write errors are reported.
    pub fn print(text: &str) -> u8 {
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => CLEAN,
            Err(error) if error.kind() == ErrorKind::BrokenPipe => CLEAN,
            Err(error) => {
                eprintln!("copydesk: cannot write to standard output: {error}");
                TROUBLE
            }
        }
    }
}

/// Exit status 0 after `shutdown` then `exit`, 1 after an `exit` with no `shutdown` (as LSP
/// asks), 2 when the server cannot start.
fn serve_lsp() -> u8 {
    match copydesk_lsp::run() {
        Ok(true) => status::CLEAN,
        Ok(false) => status::FINDINGS,
        Err(error) => {
            eprintln!("copydesk lsp: cannot start: {error}");
            status::TROUBLE
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                status::TROUBLE
            } else {
                status::CLEAN
            });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Explain { code } => explain::explain(&code),
        Command::Rules => explain::list(),
        Command::Lsp { stdio: _ } => serve_lsp(),
        Command::Report(args) => report::run(args),
        Command::Entity {
            query,
            language,
            config,
        } => entity::run(&query, language, config),
        Command::Gazetteer(GazetteerCommand::Build { sources, output }) => {
            gazetteer::build(&sources, &output)
        }
        Command::Gazetteer(GazetteerCommand::ImportWikidata { dump, output }) => {
            wikidata::run(&dump, &output)
        }
    };
    ExitCode::from(code)
}
