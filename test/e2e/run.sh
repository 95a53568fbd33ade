#!/usr/bin/env bash
# `npm run test:e2e`: the extension tests in a real editor here (code-server = VS Code 1.100.3,
# driven by headless chromium): the main suite in a trusted workspace, then the Restricted Mode
# suite in an untrusted one; then the Neovim client when test/e2e/nvim/run.sh exists.
# The last line is `e2e: N passed, N failed` over all of them.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

CACHE=$(bash test/e2e/setup.sh) || { echo "e2e: 0 passed, 1 failed"; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/costlint-e2e.XXXXXX")
SERVER_PID=
stop_server() { [ -n "$SERVER_PID" ] && { kill -- -"$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }; SERVER_PID=; }
trap 'stop_server; rm -rf "$TMP"' EXIT

# The editor loads the extension as users get it: the .vsix built by `npm run package`, unpacked.
npm run --silent package >"$TMP/package.log" 2>&1 && unzip -q costlint.vsix -d "$TMP/vsix" ||
  { cat "$TMP/package.log"; echo "e2e: 0 passed, 1 failed"; exit 1; }
echo "packaged costlint.vsix ($(du -k costlint.vsix | cut -f1) KB)"
node_modules/.bin/esbuild test/e2e/vscode/index.ts --bundle --platform=node --format=cjs --target=node20 \
  --external:vscode --log-level=error --outfile=.e2e/out/index.js || { echo "e2e: 0 passed, 1 failed"; exit 1; }

passed=0 failed=0
# run_suite <trusted|restricted>: one fresh code-server, user profile and copy of the example app.
run_suite() {
  local suite=$1 dir=$TMP/$1 trust_flag=--disable-workspace-trust trust=false
  [ "$suite" = restricted ] && { trust_flag=; trust=true; }
  mkdir -p "$dir/user/User" "$dir/ext" "$dir/shots"
  # A fresh copy of the example app: the tests apply quick fixes and edit its config.
  cp -r examples/support-app "$dir/support-app"
  cat > "$dir/user/User/settings.json" <<JSON
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "update.mode": "none",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "window.restoreWindows": "none",
  "files.hotExit": "off", "editor.inlayHints.enabled": "on", "editor.codeLens": true, "workbench.tips.enabled": false,
  "typescript.validate.enable": false, "javascript.validate.enable": false, "costlint.trace.server": "verbose",
  "security.workspace.trust.enabled": $trust, "security.workspace.trust.startupPrompt": "never" }
JSON
  local port
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$dir/config.yaml"

  # The extension host inherits code-server's environment: that is how the tests find these.
  export E2E_LOG=$dir/mocha.log E2E_DRIVER_DIR=$dir/shots COSTLINT_E2E_SUITE=$suite
  set -m # the server gets its own process group, so stop_server ends it and all its helpers
  # shellcheck disable=SC2086
  "$CACHE/cs/node_modules/.bin/code-server" --config "$dir/config.yaml" --user-data-dir "$dir/user" \
    --extensions-dir "$dir/ext" --disable-telemetry --disable-update-check $trust_flag --log trace \
    --disable-getting-started-override >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  set +m

  local ready= suite_passed=0 suite_failed=1 runner_rc counts
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && { ready=1; break; }
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$ready" ]; then
    echo "code-server did not start:"; tail -20 "$dir/server.log"
  else
    local shot=
    # The README's screenshot is rewritten only when asked (E2E_UPDATE_SCREENSHOT=1): a test run leaves the tree as it was.
    [ "$suite" = trusted ] && shot=$dir/editor.png
    [ "$suite" = trusted ] && [ "${E2E_UPDATE_SCREENSHOT:-}" = 1 ] && shot=$ROOT/docs/images/editor.png
    CS_HOST=127.0.0.1:$port E2E_CACHE=$CACHE EXT_DEV=$TMP/vsix/extension EXT_TESTS=$ROOT/.e2e/out/index.js \
      WS=$dir/support-app E2E_SCREENSHOT_OUT=$shot node --import tsx test/e2e/code-server.ts
    runner_rc=$?
    # The runner printed mocha's output; its closing line has the counts.
    if counts=$(grep -Eo '^e2e: [0-9]+ passed, [0-9]+ failed' "$E2E_LOG" 2>/dev/null | tail -1) && [ -n "$counts" ]; then
      read -r suite_passed suite_failed < <(echo "$counts" | sed -E 's/e2e: ([0-9]+) passed, ([0-9]+) failed/\1 \2/')
    fi
    [ "$runner_rc" -ne 0 ] && [ "$suite_failed" -eq 0 ] && suite_failed=1
  fi
  stop_server
  passed=$((passed + suite_passed)) failed=$((failed + suite_failed))
  [ "$suite" = trusted ] && check_token_not_logged "$dir"
}

# At trace level the LSP traffic, costlint/setToken included, goes to the output channel's log
# file: it must be there, with the token redacted. The test typed a token made of a random id.
check_token_not_logged() {
  local id
  id=$(cat "$1/shots/token-id" 2>/dev/null) || { echo "the token test did not run"; failed=$((failed + 1)); return; }
  set -- "$1" "$id"
  if grep -rIqF -- "$2" "$1/user" "$1/server.log"; then
    echo "the API token was written to a log: $(grep -rIlF -- "$2" "$1/user" "$1/server.log" | head -3)"; failed=$((failed + 1))
  elif ! grep -rIqF 'costlint/setToken' "$1/user"; then
    echo "no traced costlint/setToken message in $1/user: the token check proved nothing"; failed=$((failed + 1))
  else
    echo "✔ the API token is in no log (traced costlint/setToken redacted)"; passed=$((passed + 1))
  fi
}

# E2E_SUITES picks suites while working on one (default: all, then Neovim).
for suite in ${E2E_SUITES:-trusted restricted}; do run_suite "$suite"; done

if [ -z "${E2E_SUITES:-}" ] && [ -f test/e2e/nvim/run.sh ]; then
  nvim_out=$(bash test/e2e/nvim/run.sh 2>&1); nvim_rc=$?
  echo "$nvim_out"
  nvim_passed=0 nvim_failed=0
  if counts=$(echo "$nvim_out" | grep -Eo '[0-9]+ passed, [0-9]+ failed' | tail -1) && [ -n "$counts" ]; then
    read -r nvim_passed nvim_failed < <(echo "$counts" | sed -E 's/([0-9]+) passed, ([0-9]+) failed/\1 \2/')
  fi
  [ "$nvim_rc" -ne 0 ] && [ "$nvim_failed" -eq 0 ] && nvim_failed=1
  passed=$((passed + nvim_passed)) failed=$((failed + nvim_failed))
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
