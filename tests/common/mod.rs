//! Helpers shared by the end-to-end tests: running the `copydesk` binary and reading fixtures.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace's `tests/` folder.
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

/// The seed articles copied from the newsroom.
pub fn seeds_dir() -> PathBuf {
    tests_dir().join("corpus/seeds")
}

pub fn copydesk() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.env("NO_COLOR", "1").stdin(Stdio::null());
    command
}

/// Runs `copydesk ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    copydesk()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("copydesk runs")
}

/// Runs `copydesk ARGS` with `input` on standard input.
pub fn run_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = copydesk()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("copydesk ends")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The JSON findings printed by `check --format json`.
pub fn json_findings(output: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(output), stderr(output)))
}
