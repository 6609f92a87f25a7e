#!/usr/bin/env bash
# Run the batch Emacs + eglot check (tests/editors/emacs_check.el); exit status = result.
# PYGLOSS_CMD chooses the server command (default: "pygloss serve").
set -euo pipefail
cd "$(dirname "$0")/../.."
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home timeout 120 emacs --batch -l tests/editors/emacs_check.el
