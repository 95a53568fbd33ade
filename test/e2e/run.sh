#!/usr/bin/env bash
# `npm run test:e2e`: the extension tests in a real editor here (code-server = VS Code 1.100.3,
# driven by headless chromium), then the Neovim client when test/e2e/nvim/run.sh exists.
# The last line is `e2e: N passed, N failed` over both.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

CACHE=$(bash test/e2e/setup.sh) || { echo "e2e: 0 passed, 1 failed"; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/costlint-e2e.XXXXXX")
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && { kill -- -"$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }; rm -rf "$TMP"; }
trap cleanup EXIT
# The editor loads the extension as users get it: the .vsix built by `npm run package`, unpacked.
npm run --silent package >"$TMP/package.log" 2>&1 && unzip -q costlint.vsix -d "$TMP/vsix" ||
  { cat "$TMP/package.log"; echo "e2e: 0 passed, 1 failed"; exit 1; }
echo "packaged costlint.vsix ($(du -k costlint.vsix | cut -f1) KB)"
node_modules/.bin/esbuild test/e2e/vscode/index.ts --bundle --platform=node --format=cjs --target=node20 \
  --external:vscode --log-level=error --outfile=.e2e/out/index.js || { echo "e2e: 0 passed, 1 failed"; exit 1; }

mkdir -p "$TMP/user/User" "$TMP/ext" "$TMP/shots"
# A fresh copy of the example app: the tests apply quick fixes to it.
cp -r examples/support-app "$TMP/support-app"
cat > "$TMP/user/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "update.mode": "none",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "window.restoreWindows": "none",
  "files.hotExit": "off", "editor.inlayHints.enabled": "on", "editor.codeLens": true,
  "workbench.tips.enabled": false, "typescript.validate.enable": false, "javascript.validate.enable": false, "chat.commandCenter.enabled": false, "workbench.secondarySideBar.defaultVisibility": "hidden" }
JSON
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$TMP/config.yaml"

# The extension host inherits code-server's environment: that is how the tests find these.
export E2E_LOG=$TMP/mocha.log E2E_SCREENSHOT_DIR=$TMP/shots
set -m # the server gets its own process group, so cleanup stops it and all its helpers
"$CACHE/cs/node_modules/.bin/code-server" --config "$TMP/config.yaml" --user-data-dir "$TMP/user" \
  --extensions-dir "$TMP/ext" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
set +m

ready=
for _ in $(seq 1 600); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && { ready=1; break; }
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
vscode_passed=0 vscode_failed=1
if [ -z "$ready" ]; then
  echo "code-server did not start:"; tail -20 "$TMP/server.log"
else
  CS_HOST=127.0.0.1:$PORT E2E_CACHE=$CACHE EXT_DEV=$TMP/vsix/extension EXT_TESTS=$ROOT/.e2e/out/index.js WS=$TMP/support-app \
    E2E_SCREENSHOT_OUT=$ROOT/docs/images/editor.png node --import tsx test/e2e/code-server.ts
  runner_rc=$?
  # The runner printed mocha's output; its closing line has the counts.
  if counts=$(grep -Eo '^e2e: [0-9]+ passed, [0-9]+ failed' "$E2E_LOG" 2>/dev/null | tail -1) && [ -n "$counts" ]; then
    read -r vscode_passed vscode_failed < <(echo "$counts" | sed -E 's/e2e: ([0-9]+) passed, ([0-9]+) failed/\1 \2/')
  fi
  [ "$runner_rc" -ne 0 ] && [ "$vscode_failed" -eq 0 ] && vscode_failed=1
fi

nvim_passed=0 nvim_failed=0
if [ -x test/e2e/nvim/run.sh ] || [ -f test/e2e/nvim/run.sh ]; then
  nvim_out=$(bash test/e2e/nvim/run.sh 2>&1); nvim_rc=$?
  echo "$nvim_out"
  if counts=$(echo "$nvim_out" | grep -Eo '[0-9]+ passed, [0-9]+ failed' | tail -1) && [ -n "$counts" ]; then
    read -r nvim_passed nvim_failed < <(echo "$counts" | sed -E 's/([0-9]+) passed, ([0-9]+) failed/\1 \2/')
  fi
  [ "$nvim_rc" -ne 0 ] && [ "$nvim_failed" -eq 0 ] && nvim_failed=1
fi

passed=$((vscode_passed + nvim_passed))
failed=$((vscode_failed + nvim_failed))
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
