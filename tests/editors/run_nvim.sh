#!/usr/bin/env bash
# Run the headless Neovim check (tests/editors/nvim_check.lua); exit status = result.
# PYGLOSS_CMD chooses the server command (default: "pygloss serve").
set -euo pipefail
cd "$(dirname "$0")/../.."
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
XDG_STATE_HOME=$home/.local/state XDG_CACHE_HOME=$home/.cache \
  timeout 120 nvim --headless -u NONE -c "luafile tests/editors/nvim_check.lua"
