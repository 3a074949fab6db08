#!/usr/bin/env bash
# Real editors as clients of `copydesk lsp`: Neovim headless, Emacs with Eglot in batch mode and
# Vim with ALE in Ex mode.
# Installs them from Debian when missing (CI machines start bare), quietly.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v nvim >/dev/null || need+=(neovim)
command -v emacs >/dev/null || need+=(emacs-nox)
[ -d /usr/share/emacs/site-lisp/elpa/eglot-1.9 ] || ls /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || need+=(elpa-eglot)
command -v vim >/dev/null || need+=(vim)
[ -d /usr/share/vim-ale ] || need+=(vim-ale)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build -q --locked -p copydesk-cli
export COPYDESK_ROOT="$PWD"
export COPYDESK_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/copydesk"

# Each editor's chatter is shown only when it fails.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
run() {
  if ! timeout 120 "$@" >"$log" 2>&1 </dev/null; then
    cat "$log" >&2
    echo "editor test failed: $*" >&2
    exit 1
  fi
  grep -h "as expected" "$log"
}
run nvim --headless --clean -c "luafile tests/editors/neovim.lua"
run emacs --batch -Q -l tests/editors/eglot.el
run vim --clean -Nes -i NONE -c "packadd ale" -S tests/editors/ale.vim
