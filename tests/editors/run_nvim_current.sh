#!/usr/bin/env bash
# Run the headless check of the current Neovim setup (tests/editors/nvim_check_current.lua,
# Neovim 0.11+); exit status = result.  NVIM chooses the binary (default: nvim on PATH);
# PYGLOSS_CMD the server command (default: "pygloss serve").
set -euo pipefail
cd "$(dirname "$0")/../.."
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
XDG_STATE_HOME=$home/.local/state XDG_CACHE_HOME=$home/.cache \
  timeout 180 "${NVIM:-nvim}" --headless --clean -c "luafile tests/editors/nvim_check_current.lua"
