//! `copydesk` on the command line: output formats, exit codes, inputs good and bad, config,
//! suppression comments and `fix`.

mod common;

use common::{json_findings, run_in, run_with_stdin, stderr, stdout};
use serde_json::Value;
use std::fs;
use std::path::Path;

const DOUBLED: &str = "Les opposants sont sont divisés.\n";

fn workspace(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, content) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }
    dir
}

fn status(output: &std::process::Output) -> i32 {
    output
        .status
        .code()
        .expect("exited normally, not by a signal")
}

#[test]
fn json_output_keeps_its_public_shape() {
    let text = "---\nlang: fr\n---\n\n🗣 Élu, il est est là.\n";
    let dir = workspace(&[("article.md", text.as_bytes())]);
    let output = run_in(dir.path(), &["check", "--format", "json", "article.md"]);
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    let findings = json_findings(&output);
    assert_eq!(findings.len(), 1);
    let finding = &findings[0];
    let start = text.find("est est").unwrap();
    let end = start + "est est".len();
    assert_eq!(finding["path"], "article.md");
    assert_eq!(finding["code"], "style/repeated-word");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["byte_range"], serde_json::json!([start, end]));
    // Line 5; "🗣 Élu, il " is 10 scalar values, so the finding starts at column 11.
    assert_eq!(
        finding["range"]["start"],
        serde_json::json!({"line": 5, "column": 11})
    );
    assert_eq!(
        finding["range"]["end"],
        serde_json::json!({"line": 5, "column": 18})
    );
    assert_eq!(finding["suggestions"], serde_json::json!(["est"]));
    assert!(finding["message"].as_str().unwrap().contains("deux fois"));
}

#[test]
fn messages_follow_the_article_language() {
    let dir = workspace(&[("a.txt", b"He said that the the report was wrong.\n")]);
    let findings = json_findings(&run_in(dir.path(), &["check", "--format", "json", "a.txt"]));
    assert!(findings[0]["message"].as_str().unwrap().contains("twice"));
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let dir = workspace(&[("été.md", DOUBLED.as_bytes()), ("ok.md", b"Rien.\n")]);
    let output = run_in(dir.path(), &["check", "--format", "sarif", "."]);
    assert_eq!(status(&output), 1);
    let log: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let schema_text =
        fs::read_to_string(common::tests_dir().join("fixtures/sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "style/repeated-word");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "%C3%A9t%C3%A9.md"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startColumn"],
        15
    );
}

#[test]
fn github_output_is_workflow_commands() {
    let dir = workspace(&[("a.md", DOUBLED.as_bytes())]);
    let output = run_in(dir.path(), &["check", "--format", "github", "a.md"]);
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "::warning file=a.md,line=1,col=15,endLine=1,endColumn=24,title=style/repeated-word::"
        ),
        "{text}"
    );
}

#[test]
fn human_output_frames_the_line_and_the_suggestion() {
    let dir = workspace(&[("a.md", DOUBLED.as_bytes())]);
    let text = stdout(&run_in(dir.path(), &["check", "a.md"]));
    assert!(text.contains("warning[style/repeated-word]"), "{text}");
    assert!(text.contains("a.md:1:15"), "{text}");
    assert!(text.contains("Les opposants sont sont divisés."), "{text}");
    assert!(text.contains("^^^^^^^^^"), "{text}");
    assert!(text.contains("correction proposée : « sont »"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    let coloured = stdout(&run_in(dir.path(), &["check", "--color", "always", "a.md"]));
    assert!(coloured.contains('\u{1b}'));
}

#[test]
fn exit_codes_follow_the_fail_on_level() {
    let dir = workspace(&[
        ("bad.md", DOUBLED.as_bytes()),
        ("good.md", b"Tout va bien.\n"),
    ]);
    let run = |args: &[&str]| status(&run_in(dir.path(), args));
    assert_eq!(run(&["check", "good.md"]), 0);
    assert_eq!(run(&["check", "bad.md"]), 1);
    assert_eq!(run(&["check", "--fail-on", "error", "bad.md"]), 0);
    assert_eq!(run(&["check", "--fail-on", "never", "bad.md"]), 0);
    assert_eq!(run(&["check", "--no-such-flag"]), 2);
    assert_eq!(run(&["check", "--format", "xml", "good.md"]), 2);
    fs::write(dir.path().join(".copydesk.toml"), "fail-on = \"error\"\n").unwrap();
    assert_eq!(run(&["check", "bad.md"]), 0);
}

#[test]
fn unreadable_inputs_are_named_and_the_rest_still_checked() {
    let dir = workspace(&[
        ("bad-utf8.md", b"ligne\nab\xffcd\n"),
        ("doubled.md", DOUBLED.as_bytes()),
    ]);
    let output = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "missing.md",
            "bad-utf8.md",
            "doubled.md",
        ],
    );
    assert_eq!(status(&output), 2);
    let errors = stderr(&output);
    assert!(
        errors.contains("missing.md: no such file or folder"),
        "{errors}"
    );
    assert!(
        errors.contains("bad-utf8.md: is not valid UTF-8 at line 2, column 3"),
        "{errors}"
    );
    assert_eq!(
        json_findings(&output).len(),
        1,
        "doubled.md is still checked"
    );
}

#[test]
fn folders_are_walked_in_stable_order_honouring_gitignore() {
    let dir = workspace(&[
        (".gitignore", b"drafts/\n"),
        ("b.md", DOUBLED.as_bytes()),
        ("a/z.txt", DOUBLED.as_bytes()),
        ("a/c.markdown", DOUBLED.as_bytes()),
        ("drafts/x.md", DOUBLED.as_bytes()),
        ("image.png", b"\x89PNG\r\n\x1a\n\0\0\0"),
        ("notes.rst", DOUBLED.as_bytes()),
    ]);
    let output = run_in(dir.path(), &["check", "--format", "json", "."]);
    let paths: Vec<String> = json_findings(&output)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["a/c.markdown", "a/z.txt", "b.md"]);
    assert_eq!(status(&output), 1);
}

#[test]
fn a_binary_file_inside_a_folder_is_reported_not_read() {
    let dir = workspace(&[("notes.txt", b"abc\0\x01\x02binary"), ("a.md", b"Bien.\n")]);
    let output = run_in(dir.path(), &["check", "."]);
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("notes.txt: looks like a binary file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_empty_file_is_clean() {
    let dir = workspace(&[("empty.md", b""), ("blank.txt", b"\n\n  \n")]);
    let output = run_in(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(json_findings(&output).is_empty());
}

#[test]
fn standard_input_is_read_with_a_name_for_its_format_and_config() {
    let dir = workspace(&[]);
    let output = run_with_stdin(
        dir.path(),
        &["check", "--format", "json", "-"],
        DOUBLED.as_bytes(),
    );
    assert_eq!(json_findings(&output)[0]["path"], "<stdin>");
    let markdown = format!("`sont sont`\n\n{DOUBLED}");
    let output = run_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "draft.md",
            "-",
        ],
        markdown.as_bytes(),
    );
    let findings = json_findings(&output);
    assert_eq!(findings.len(), 1, "inline code is not checked in Markdown");
    assert_eq!(findings[0]["path"], "draft.md");
}

#[test]
fn huge_and_deeply_nested_inputs_end_normally() {
    let seed = fs::read_to_string(common::seeds_dir().join("seed-003.txt")).unwrap();
    let big = seed.repeat(20_000_000 / seed.len() + 1);
    let long_line = "Le président parle aux journalistes, ".repeat(2_000_000 / 37 + 1);
    let deep_quotes = format!("{} profond\n", ">".repeat(20_000));
    let deep_lists = format!("{}x\n", "- ".repeat(20_000));
    let deep_emphasis = format!("{}x{}\n", "*".repeat(20_000), "*".repeat(20_000));
    let deep_brackets = format!("{}x{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let dir = workspace(&[
        ("big.txt", big.as_bytes()),
        ("line.txt", long_line.as_bytes()),
        ("quotes.md", deep_quotes.as_bytes()),
        ("lists.md", deep_lists.as_bytes()),
        ("emphasis.md", deep_emphasis.as_bytes()),
        ("brackets.md", deep_brackets.as_bytes()),
    ]);
    for name in [
        "big.txt",
        "line.txt",
        "quotes.md",
        "lists.md",
        "emphasis.md",
        "brackets.md",
    ] {
        let output = run_in(dir.path(), &["check", "--format", "json", name]);
        assert!(
            matches!(status(&output), 0 | 1),
            "{name}: {}",
            stderr(&output)
        );
        json_findings(&output);
    }
}

#[test]
fn a_broken_config_names_file_line_and_column() {
    let dir = workspace(&[
        (
            ".copydesk.toml",
            b"language = \"fr\"\n[rules]\n\"style/repeated-word\" = \"loud\"\n",
        ),
        ("a.md", DOUBLED.as_bytes()),
    ]);
    let output = run_in(dir.path(), &["check", "a.md"]);
    assert_eq!(status(&output), 2);
    let errors = stderr(&output);
    assert!(
        errors.contains(".copydesk.toml:3:25: unknown level \"loud\""),
        "{errors}"
    );
}

#[test]
fn config_is_found_walking_up_and_can_turn_rules_off_and_ignore_paths() {
    let dir = workspace(&[
        (
            ".copydesk.toml",
            b"ignore = [\"archive/**\"]\n[rules]\n\"style/*\" = \"info\"\n",
        ),
        ("desk/today/a.md", DOUBLED.as_bytes()),
        ("archive/old.md", DOUBLED.as_bytes()),
    ]);
    let output = run_in(
        &dir.path().join("desk/today"),
        &["check", "--format", "json", "a.md"],
    );
    assert_eq!(json_findings(&output)[0]["severity"], "info");
    assert_eq!(
        status(&output),
        0,
        "info is below the default fail-on level"
    );
    let output = run_in(dir.path(), &["check", "--format", "json", "."]);
    let paths: Vec<Value> = json_findings(&output)
        .iter()
        .map(|f| f["path"].clone())
        .collect();
    assert_eq!(paths, ["desk/today/a.md"]);
    fs::write(
        dir.path().join("off.toml"),
        "[rules]\n\"style/repeated-word\" = \"off\"\n",
    )
    .unwrap();
    let output = run_in(
        dir.path(),
        &["check", "--format", "json", "--config", "off.toml", "desk"],
    );
    assert!(json_findings(&output).is_empty());
}

#[test]
fn suppression_comments_silence_findings() {
    let text = format!(
        "<!-- copydesk-disable-next-line style/repeated-word -->\n{DOUBLED}\n{DOUBLED}\n<!-- copydesk-disable style/* -->\n\n{DOUBLED}\n<!-- copydesk-enable style/* -->\n\n{DOUBLED}"
    );
    let dir = workspace(&[("a.md", text.as_bytes())]);
    let lines: Vec<Value> =
        json_findings(&run_in(dir.path(), &["check", "--format", "json", "a.md"]))
            .iter()
            .map(|f| f["range"]["start"]["line"].clone())
            .collect();
    assert_eq!(lines, [4, 12]);
}

fn no_stray_files(dir: &Path) {
    let names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".copydesk-fix")),
        "{names:?}"
    );
}

#[test]
fn fix_applies_safe_fixes_atomically_and_is_idempotent() {
    use std::os::unix::fs::PermissionsExt;
    let text = "Le le président est est parti.\n\nRien ici.\n";
    let dir = workspace(&[("a.md", text.as_bytes()), ("clean.md", b"Rien.\n")]);
    let path = dir.path().join("a.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let clean_modified = fs::metadata(dir.path().join("clean.md"))
        .unwrap()
        .modified()
        .unwrap();

    let output = run_in(dir.path(), &["fix", "."]);
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Le président est parti.\n\nRien ici.\n"
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(
        fs::metadata(dir.path().join("clean.md"))
            .unwrap()
            .modified()
            .unwrap(),
        clean_modified
    );
    no_stray_files(dir.path());

    let again = run_in(dir.path(), &["fix", "--dry-run", "."]);
    assert_eq!(stdout(&again), "", "a second run changes nothing");
    let check = run_in(dir.path(), &["check", "a.md"]);
    assert_eq!(status(&check), 0);
}

#[test]
fn fix_dry_run_prints_a_diff_and_writes_nothing() {
    let dir = workspace(&[("a.md", DOUBLED.as_bytes())]);
    let output = run_in(dir.path(), &["fix", "--dry-run", "a.md"]);
    let diff = stdout(&output);
    assert!(
        diff.contains("--- a/a.md") && diff.contains("+++ b/a.md"),
        "{diff}"
    );
    assert!(
        diff.contains("-Les opposants sont sont divisés.")
            && diff.contains("+Les opposants sont divisés."),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        DOUBLED
    );
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let dir = workspace(&[]);
    let output = run_with_stdin(dir.path(), &["fix", "-"], DOUBLED.as_bytes());
    assert_eq!(stdout(&output), "Les opposants sont divisés.\n");
}

#[test]
fn fix_refuses_what_it_cannot_read_and_leaves_it_untouched() {
    let dir = workspace(&[("bad.md", b"sont sont \xff\n")]);
    let output = run_in(dir.path(), &["fix", "bad.md"]);
    assert_eq!(status(&output), 2);
    assert_eq!(
        fs::read(dir.path().join("bad.md")).unwrap(),
        b"sont sont \xff\n"
    );
}

#[test]
fn explain_and_rules_print_the_rule_docs() {
    let dir = workspace(&[]);
    let rules = stdout(&run_in(dir.path(), &["rules"]));
    for rule in copydesk_core::rules::all() {
        let info = rule.info();
        assert!(
            rules.contains(info.code) && rules.contains(info.summary()),
            "{rules}"
        );
        let output = run_in(dir.path(), &["explain", info.code]);
        assert_eq!(status(&output), 0);
        let text = stdout(&output);
        for section in copydesk_core::rules::DOC_SECTIONS {
            assert!(
                text.contains(&format!("## {section}")),
                "{}: {section}",
                info.code
            );
        }
    }
    let output = run_in(dir.path(), &["explain", "style/repeated-wrd"]);
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).contains("Did you mean `style/repeated-word`?"));
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = fs::read_to_string(common::tests_dir().join("../README.md")).unwrap();
    for rule in copydesk_core::rules::all() {
        let info = rule.info();
        let row = format!(
            "| `{}` | {} | {} |",
            info.code,
            info.default_severity,
            info.summary()
        );
        assert!(readme.contains(&row), "README lacks the row: {row}");
    }
}

/// The plain Git hook given in the README blocks a commit whose staged article has a finding.
#[test]
fn the_readme_git_hook_blocks_a_commit_with_a_finding() {
    let readme = fs::read_to_string(common::tests_dir().join("../README.md")).unwrap();
    let hook = readme
        .split("`.git/hooks/pre-commit`:\n\n```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README gives a Git hook");
    let dir = workspace(&[("a.md", DOUBLED.as_bytes())]);
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_copydesk")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(["-c", "user.name=Desk", "-c", "user.email=desk@example.org"])
            .args(args)
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .expect("git runs")
    };
    git(&["init", "-q"]);
    let hook_path = dir.path().join(".git/hooks/pre-commit");
    fs::write(&hook_path, hook).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&hook_path, fs::Permissions::from_mode(0o755)).unwrap();
    git(&["add", "a.md"]);
    assert!(
        !git(&["commit", "-qm", "draft"]).status.success(),
        "the finding blocks the commit"
    );
    fs::write(dir.path().join("a.md"), "Les opposants sont divisés.\n").unwrap();
    git(&["add", "a.md"]);
    let commit = git(&["commit", "-qm", "draft"]);
    assert!(
        commit.status.success(),
        "{}",
        String::from_utf8_lossy(&commit.stderr)
    );
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    for args in [
        &["explain", "entity/misspelled"][..],
        &["rules"][..],
        &["entity", "Maduro"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        assert_eq!(status(&output), 0, "{args:?}: {}", stderr(&output));
        assert!(!stderr(&output).contains("panicked"), "{args:?}");
    }
}
