#!/usr/bin/env bash
# pygloss in a real JupyterLab: `jupyter lab` with jupyterlab-lsp, the server spec and
# the Language Servers settings of docs/editors.md (taken from the docs by
# tests/e2e/test_jupyterlab_lsp.py's helpers), a notebook open in Debian's headless
# Chromium (check.js): the hover and the diagnostic in its cells.
#
#   bash tests/jupyterlab/run.sh [out-dir]
#
# Needs: the active Python with pygloss, jupyterlab, jupyterlab-lsp and ipykernel;
# `npm ci` done in this folder; /usr/bin/chromium.  Screenshots go to out-dir
# (default test-output/jupyterlab).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$(realpath -m "${1:-$ROOT/test-output/jupyterlab}")
rm -rf "$OUT" && mkdir -p "$OUT"
command -v pygloss >/dev/null || { echo "jupyterlab: pygloss is not on PATH"; exit 1; }

RUN=$(mktemp -d /tmp/pygloss-jupyterlab.XXXXXX)
mkdir -p "$RUN/root/docs" "$RUN/config" "$RUN/runtime" "$RUN/settings" "$RUN/workspaces"
(cd "$ROOT" && python - "$RUN" <<'PY'
import json
import sys
from pathlib import Path

from tests.e2e.test_jupyterlab_lsp import CELLS, NOTES, documented_json, notebook_json

run = Path(sys.argv[1])
server_config, settings = documented_json()
(run / "config" / "jupyter_server_config.json").write_text(json.dumps(server_config))
(run / "root" / "analysis.ipynb").write_text(notebook_json(CELLS))
(run / "root" / "docs" / "python-notes.md").write_text(NOTES)
lsp = run / "settings" / "@jupyter-lsp" / "jupyterlab-lsp"
lsp.mkdir(parents=True)
# Settings -> Language Servers, exactly as documented
(lsp / "plugin.jupyterlab-settings").write_text(json.dumps(settings))
# show hovers without holding Ctrl (jupyterlab-lsp's Code Hover setting)
(lsp / "hover.jupyterlab-settings").write_text(json.dumps({"autoActivate": True, "delay": 200}))
news = run / "settings" / "@jupyterlab" / "apputils-extension"
news.mkdir(parents=True)
(news / "notification.jupyterlab-settings").write_text(
    json.dumps({"fetchNews": "false", "checkForUpdates": False})
)
PY
)

export JUPYTER_CONFIG_DIR="$RUN/config" JUPYTER_RUNTIME_DIR="$RUN/runtime" \
  JUPYTER_DATA_DIR="$RUN/data" JUPYTERLAB_SETTINGS_DIR="$RUN/settings" \
  JUPYTERLAB_WORKSPACES_DIR="$RUN/workspaces" JUPYTER_PLATFORM_DIRS=1
TOKEN=pygloss-jupyterlab
(cd "$RUN/root" && exec setsid jupyter lab --no-browser --allow-root --ServerApp.ip=127.0.0.1 \
  --ServerApp.port=0 --IdentityProvider.token="$TOKEN" --ServerApp.root_dir="$RUN/root" \
  > "$OUT/jupyterlab.log" 2>&1) &
LAB=$!
cleanup() {
  kill -- "-$LAB" 2>/dev/null || true   # the group: jupyter lab, the kernel, pygloss
  sleep 1; kill -9 -- "-$LAB" 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT

PORT=""
for _ in $(seq 600); do
  info=$(ls "$RUN"/runtime/jpserver-*.json 2>/dev/null | head -1 || true)
  [ -n "$info" ] && PORT=$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["port"])' "$info" 2>/dev/null || true)
  [ -n "$PORT" ] && break
  kill -0 "$LAB" 2>/dev/null || { cat "$OUT/jupyterlab.log"; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "jupyterlab: did not start"; cat "$OUT/jupyterlab.log"; exit 1; }
echo "jupyterlab: $(jupyter lab --version) with jupyterlab-lsp $(python -c 'import importlib.metadata as m; print(m.version("jupyterlab-lsp"))') on port $PORT"

if ! node "$HERE/check.js" "http://127.0.0.1:$PORT/lab/tree/analysis.ipynb?token=$TOKEN" "$OUT"; then
  echo "--- jupyterlab.log ---"; tail -40 "$OUT/jupyterlab.log"; exit 1
fi
