#!/usr/bin/env bash
# The `copydesk` hook of .pre-commit-hooks.yaml, through the real pre-commit (from PyPI): a
# temporary repository's .pre-commit-config.yaml points at this repository at HEAD, and commits
# are refused or let through as a newsroom would see them.
#
# pre-commit clones the *committed* state of this repository at `git rev-parse HEAD`: uncommitted
# changes to the hook, pyproject.toml or the code are not what this test runs. Commit first.
#
# The first run for a commit builds copydesk in release mode through pip and maturin (several
# minutes on two cores); pre-commit keeps the result in tests/precommit/.cache, so later runs at
# the same commit reuse it, and cargo's build folder there keeps the dependencies between commits.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
cache="$root/tests/precommit/.cache"
mkdir -p "$cache"

if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv >/dev/null
fi
if [ ! -x "$cache/venv/bin/pre-commit" ]; then
  python3 -m venv "$cache/venv"
  timeout 600 "$cache/venv/bin/pip" install -q --disable-pip-version-check 'pre-commit>=3.2,<5'
fi
export PATH="$cache/venv/bin:$PATH"
export PRE_COMMIT_HOME="$cache/pre-commit"
export CARGO_TARGET_DIR="$cache/target"
# The hook's output as a newsroom's terminal would get it, minus colours, and no help from outside.
export NO_COLOR=1 PRE_COMMIT_COLOR=never
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

rev="$(git rev-parse HEAD)"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "pre-commit: note: testing the hook at commit ${rev:0:12}; uncommitted changes are not part of it"
fi
repo="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$repo" "$log"' EXIT

git_in_repo() {
  git -C "$repo" -c user.name=Desk -c user.email=desk@example.org -c commit.gpgsign=false "$@"
}

fail() {
  echo "--- output of the last command:" >&2
  cat "$log" >&2
  echo "pre-commit test failed: $*" >&2
  exit 1
}

# Commits what is staged; `expect` is `refused` or `accepted`, the rest are texts the output
# must contain.
commit() {
  local expect="$1" message="$2"
  shift 2
  local before status=0
  before="$(git_in_repo rev-parse -q --verify HEAD || true)"
  timeout 300 git -C "$repo" -c user.name=Desk -c user.email=desk@example.org \
    -c commit.gpgsign=false commit -qm "$message" >"$log" 2>&1 || status=$?
  [ "$status" -ne 124 ] || fail "$message: git commit timed out"
  local after
  after="$(git_in_repo rev-parse -q --verify HEAD || true)"
  case "$expect" in
    refused) [ "$status" -ne 0 ] && [ "$after" = "$before" ] || fail "$message: the commit went through" ;;
    accepted) [ "$status" -eq 0 ] && [ "$after" != "$before" ] || fail "$message: the commit was refused" ;;
  esac
  local needle
  for needle in "$@"; do
    grep -qF -- "$needle" "$log" || fail "$message: the output lacks \"$needle\""
  done
}

configure() {
  cat >"$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: copydesk
$1
EOF
  git_in_repo add .pre-commit-config.yaml
}

git_in_repo init -q
configure ""
(cd "$repo" && timeout 120 pre-commit install >"$log" 2>&1) || fail "pre-commit install"
started=$SECONDS
(cd "$repo" && timeout 1800 pre-commit install-hooks >"$log" 2>&1) \
  || fail "pre-commit could not install the copydesk hook (pip install . with maturin)"
echo "pre-commit: hook environment ready in $((SECONDS - started)) s"
commit accepted "the configuration alone" "(no files to check)Skipped"

cat >"$repo/maduro.md" <<'EOF'
# Venezuela

Le président Nicolos Maduro a prononcé un discours à Caracas, mardi.
EOF
git_in_repo add maduro.md
commit refused "an article with a misspelled name" \
  "copydesk" "Failed" "entity/misspelled" "Nicolás Maduro"

# Left in the working tree but not staged: only the staged files are checked.
git_in_repo reset -q
cat >"$repo/clean.md" <<'EOF'
# Venezuela

Le président Nicolás Maduro a prononcé un discours à Caracas.
EOF
git_in_repo add clean.md
commit accepted "a clean article" "Passed"

printf 'fn main() {}\n' >"$repo/main.rs"
git_in_repo add main.rs
commit accepted "only a Rust file" "(no files to check)Skipped"

# entity/misspelled is a warning: `--fail-on error` lets it through, still printed (verbose).
configure "        args: [--fail-on, error]
        verbose: true"
git_in_repo add maduro.md
commit accepted "a misspelled name with --fail-on error" "Passed" "Nicolás Maduro"

(cd "$repo" && timeout 120 pre-commit gc >/dev/null 2>&1) || true
echo "pre-commit: hook refused and let through commits as expected"
