#!/usr/bin/env bash
# End-to-end test of the packaged extension in a real VS Code: code-server (VS Code's
# workbench) driven by Debian's Chromium through playwright-core (drive.js).
#
#   bash client-vscode/e2e/run.sh [path/to/pygloss-X.Y.Z.vsix]
#
# Needs: `npm ci` done in this folder (see .ci/steps/30-vscode.sh for the offline
# workarounds), /usr/bin/chromium, and a Python >= 3.11 WITHOUT pygloss installed
# (PYGLOSS_E2E_PYTHON, default /usr/bin/python3): the extension must bring its own.
# Screenshots of each step (and of a failure) go to client-vscode/test-output/e2e/.
set -euo pipefail
E2E=$(cd "$(dirname "$0")" && pwd)
CLIENT=$(dirname "$E2E")
ROOT=$(dirname "$CLIENT")
VERSION=$(node -p "require('$CLIENT/package.json').version")
VSIX=$(realpath "${1:-$CLIENT/pygloss-$VERSION.vsix}")
OUT=${PYGLOSS_E2E_OUT:-$CLIENT/test-output/e2e}
CS=$E2E/node_modules/.bin/code-server
PYTHON=${PYGLOSS_E2E_PYTHON:-/usr/bin/python3}

[ -f "$VSIX" ] || { echo "e2e: no $VSIX (run npm run package first)"; exit 1; }
[ -x "$CS" ] || { echo "e2e: no code-server in $E2E/node_modules (npm ci there)"; exit 1; }
# the interpreter must not have pygloss: the extension is the only install step
unset VIRTUAL_ENV PYTHONPATH PYTHONHOME
if "$PYTHON" -c 'import pygloss' 2>/dev/null; then
  echo "e2e: $PYTHON can import pygloss; this test needs a Python without it"; exit 1
fi
echo "e2e: $("$PYTHON" --version) at $PYTHON, no pygloss installed: OK"
export PATH="$(dirname "$PYTHON"):/usr/bin:/bin"   # python3 on PATH is that one (no venv)

rm -rf "$OUT" && mkdir -p "$OUT"
RUN=$(mktemp -d /tmp/pygloss-e2e.XXXXXX)          # fresh profile, workspace and HOME
mkdir -p "$RUN/data/User" "$RUN/ws" "$RUN/home"
export HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_CACHE_HOME="$RUN/home/.cache" \
  XDG_DATA_HOME="$RUN/home/.local/share" XDG_RUNTIME_DIR="$RUN/home" TMPDIR="$RUN"
cp -r "$ROOT/examples" "$RUN/ws/examples"
cp -r "$E2E/workspace/." "$RUN/ws/"              # files only this test edits
mkdir -p "$RUN/ws/notebooks" && cp "$E2E/tour.ipynb" "$RUN/ws/notebooks/tour.ipynb"
cat > "$RUN/data/User/settings.json" <<'JSON'
{ "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false, "workbench.startupEditor": "none", "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false, "editor.hover.delay": 300, "git.enabled": false,
  "workbench.editor.enablePreview": false, "editor.minimap.enabled": false, "window.restoreWindows": "none" }
JSON
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/config.yaml"
COMMON=(--config "$RUN/config.yaml" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext")

"$CS" "${COMMON[@]}" --install-extension "$VSIX" > "$OUT/install.log" 2>&1 || { cat "$OUT/install.log"; exit 1; }
echo "e2e: installed $(basename "$VSIX") in code-server $("$CS" --config /dev/null --version | head -1)"

setsid "$CS" "${COMMON[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$RUN/ws" > "$OUT/code-server.log" 2>&1 &
CS_PID=$!
cleanup() {
  kill -- "-$CS_PID" 2>/dev/null || true            # the whole group: server, extension hosts, pygloss
  sleep 1; kill -9 -- "-$CS_PID" 2>/dev/null || true
  # the extension's log channel (client messages, the server's stderr and log messages)
  find "$RUN/data/logs" -name '*pygloss*.log' -exec cp {} "$OUT/pygloss-output.log" \; 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

# the examples this test opens: one with stacked @mock.patch, one with a PG101 default
cd "$RUN/ws"
MOCK_FILE=$(grep -rl --include='*.py' '@mock.patch(' examples | sort | head -1)
PG101_FILE=$(grep -rlE --include='*.py' '^\s*def .*=\[\]' examples | sort | head -1)
echo "e2e: hover file $MOCK_FILE, PG101 file $PG101_FILE"
STEPS=${PYGLOSS_E2E_STEPS:-files notebook}   # which drivers run (both by default)
rc=0
set +e
if [[ " $STEPS " == *" files "* ]]; then
  node "$E2E/drive.js" "http://127.0.0.1:$PORT/?folder=$RUN/ws" "$OUT" "$RUN/ws" "$MOCK_FILE" "$PG101_FILE" || rc=1
fi
# a real .ipynb in the notebook editor: hover, diagnostic and quick fix in its cells
if [[ " $STEPS " == *" notebook "* ]]; then
  node "$E2E/notebook.js" "http://127.0.0.1:$PORT/?folder=$RUN/ws" "$OUT" "$RUN/ws" notebooks/tour.ipynb || rc=1
fi
set -e
cleanup; trap - EXIT
if grep -q "useBundled: $RUN/ext/pygloss.pygloss-$VERSION/bundled/libs/pygloss/__init__.py" "$OUT/pygloss-output.log"; then
  echo "e2e: the server ran from the bundled libs: $(grep -m1 'starting pygloss' "$OUT/pygloss-output.log" | cut -c1-220)"
else
  echo "e2e: FAIL: the log does not show the bundled pygloss starting"; rc=1
fi
[ "$rc" = 0 ] || { echo "--- pygloss output:"; tail -40 "$OUT/pygloss-output.log" 2>/dev/null; }
echo "e2e: screenshots in $OUT: $(cd "$OUT" && ls *.png | tr '\n' ' ')"
exit "$rc"
