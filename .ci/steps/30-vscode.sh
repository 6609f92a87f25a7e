#!/usr/bin/env bash
# The VS Code extension (client-vscode/): build, lint, unit tests, package the .vsix
# (with the server and its dependencies bundled), then the end-to-end test in a real
# VS Code (code-server) driven by Debian's Chromium.  Installs everything it needs;
# nothing is cached between runs.  Offline-install workarounds for code-server come
# from ../shared/recipes/real-editors.md.
set -euo pipefail
ROOT=${ROOT:-$(git rev-parse --show-toplevel)}
cd "$ROOT/client-vscode"
start=$SECONDS
lap() { echo "[30-vscode] $1 done at $((SECONDS - start)) s"; }

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium libkrb5-dev ripgrep build-essential pkg-config curl > /dev/null
lap "apt-get install"

npm ci --no-audit --no-fund
lap "npm ci"
npm run build
npm run lint
npm test
lap "build, lint, unit tests"
npm run package          # bundled/libs (pinned, hashed) + esbuild --production + vsce
lap "package"

# code-server 4.100.3 for the e2e test.  Offline workarounds: @vscode/ripgrep's
# postinstall downloads rg from GitHub unless it finds this exact cached tarball (hand
# it Debian's rg); node-pty's postinstall runs `npx node-gyp` (npm_config_yes); the
# kerberos module builds against libkrb5-dev; code-server's root check needs unsafe-perm.
rg_tmp=$(mktemp -d)
mkdir -p "$rg_tmp/vscode-ripgrep-cache-1.15.11"
tar czf "$rg_tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
(cd e2e && TMPDIR="$rg_tmp" npm_config_yes=true npm_config_unsafe_perm=true npm ci --no-audit --no-fund)
rm -rf "$rg_tmp"
lap "code-server install"

bash e2e/run.sh "pygloss-$(node -p "require('./package.json').version").vsix"
lap "end-to-end test"
