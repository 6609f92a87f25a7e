#!/usr/bin/env bash
# pygloss in a real JupyterLab (tests/jupyterlab/run.sh): jupyter lab with jupyterlab-lsp,
# configured exactly as docs/editors.md says, a notebook open in Debian's headless
# Chromium; the PG101 underline and pygloss's hover (with the user's notes) in its
# cells.  Screenshots in test-output/jupyterlab/.  The protocol side of the same setup
# runs in the Python tests (tests/e2e/test_jupyterlab_lsp.py).
set -euo pipefail
cd "${ROOT:-$(git rev-parse --show-toplevel)}"

if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium > /dev/null
fi
start=$SECONDS
# the versions docs/editors.md names as checked
pip install --quiet "jupyterlab==4.6.6" "jupyterlab-lsp==5.3.0" "ipykernel==7.4.0"
(cd tests/jupyterlab && npm ci --no-audit --no-fund --silent)
bash tests/jupyterlab/run.sh test-output/jupyterlab
echo "jupyterlab: checked in $((SECONDS - start)) s; screenshots in test-output/jupyterlab"
