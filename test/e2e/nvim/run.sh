#!/usr/bin/env bash
# The costlint language server in Neovim, headless. Prints `nvim: N passed, N failed` last and
# exits non-zero on any failure. Installs Debian's neovim when run as root and it is missing.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

summary() { echo "nvim: $1 passed, $2 failed"; }

if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing neovim (Debian package)…"
    (apt-get install -y neovim >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y neovim >/dev/null 2>&1; }) || true
  fi
  if ! command -v nvim >/dev/null 2>&1; then
    echo "Neovim is not installed: run 'apt-get install -y neovim' (0.7 or newer) and try again."
    summary 0 1
    exit 1
  fi
fi

[ -f "$repo/dist/server.js" ] || (cd "$repo" && node esbuild.mjs) || { echo "cannot build dist/server.js"; summary 0 1; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
cp "$repo/test/fixtures/lsp/summarize.ts" "$work/src/summarize.ts"

output="$(cd "$work" && COSTLINT_SERVER="$repo/dist/server.js" COSTLINT_FILE="$work/src/summarize.ts" \
  timeout 300 nvim --headless --clean -c "luafile $here/lsp_test.lua" 2>&1)"
code=$?
echo "$output" | grep -v '^RESULT '
result="$(echo "$output" | grep '^RESULT ' | tail -1)"
if [ -z "$result" ]; then
  echo "Neovim exited ($code) before the test finished"
  summary 0 1
  exit 1
fi
read -r _ passed failed <<<"$result"
summary "$passed" "$failed"
[ "$failed" = 0 ] && [ "$code" = 0 ]
