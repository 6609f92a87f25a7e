#!/usr/bin/env bash
# The knowledge pages: build the static site from knowledge/ and the rule registry
# (`pygloss pages build` exits 1 on a broken link or anchor), then open every page
# in Debian's headless Chromium (tests/pages/check.js): each renders, the search finds
# `mock.patch.object` and a rule code.  The site and the screenshots of a rule page, a
# topic page and a search result are the artefacts, in test-output/pages/.
set -euo pipefail
cd "${ROOT:-$(git rev-parse --show-toplevel)}"
OUT=test-output/pages
rm -rf "$OUT" && mkdir -p "$OUT"

if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium > /dev/null
fi
start=$SECONDS
pygloss pages build "$OUT/site"
(cd tests/pages && npm ci --no-audit --no-fund --silent)
node tests/pages/check.js "$OUT/site" "$OUT/screenshots"
echo "pages: built and checked in $((SECONDS - start)) s; artefacts in $OUT"
