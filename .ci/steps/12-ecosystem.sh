#!/usr/bin/env bash
# The ecosystem check (issue #15): pygloss check over the pinned real projects, compared
# with the committed snapshot.  It fails when a finding above hint severity has no
# verdict in bench/ecosystem/judged.jsonl or a rule fails on real code; what appeared or
# disappeared since the snapshot is printed.
set -euo pipefail
cd "${ROOT:-$(git rev-parse --show-toplevel)}"
start=$SECONDS
python bench/ecosystem.py --diff
echo "ecosystem: checked in $((SECONDS - start)) s"
