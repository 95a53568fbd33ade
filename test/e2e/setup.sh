#!/usr/bin/env bash
# Sets up what `npm run test:e2e` needs, idempotently: Debian packages (when root) and, in a cache
# folder outside the project's dependencies, code-server 4.100.3 (= VS Code 1.100.3 on Node 20)
# with playwright-core to drive it from headless chromium. Prints the cache folder on stdout.
set -euo pipefail
CACHE=${COSTLINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/costlint-e2e}
CODE_SERVER=4.100.3
PLAYWRIGHT=1.65.1
log() { echo "e2e setup: $*" >&2; }

APT_PACKAGES=(chromium ripgrep neovim curl unzip libkrb5-dev pkg-config libsecret-1-dev libx11-dev libxkbfile-dev)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    log "missing Debian packages: ${missing[*]}"
    log "install them with: sudo apt-get install -y ${missing[*]}"
    exit 2
  fi
fi

marker="$CACHE/installed-$CODE_SERVER-$PLAYWRIGHT"
if [ ! -f "$marker" ]; then
  log "installing code-server $CODE_SERVER and playwright-core $PLAYWRIGHT into $CACHE (about a minute)"
  mkdir -p "$CACHE/cs"
  # code-server's @vscode/ripgrep postinstall downloads rg unless its cache already holds the
  # archive: seed it from Debian's rg (check the tag in @vscode/ripgrep/lib/postinstall.js on bumps).
  rg_cache=${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11
  mkdir -p "$rg_cache" "$CACHE/rg"
  cp "$(command -v rg)" "$CACHE/rg/rg"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$CACHE/rg" rg
  echo '{"private":true}' > "$CACHE/cs/package.json"
  # --unsafe-perm: CI runs as root; npm_config_yes: node-pty's postinstall calls npx.
  (cd "$CACHE/cs" && npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm \
    "code-server@$CODE_SERVER" "playwright-core@$PLAYWRIGHT" >&2)
  touch "$marker"
fi
echo "$CACHE"
