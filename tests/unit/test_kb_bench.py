"""``bench/kb_load.py`` keeps working (it is run, not timed: benches print figures)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_kb_load_bench_runs_and_prints_its_command() -> None:
    result = subprocess.run(
        [sys.executable, "bench/kb_load.py", "--runs", "2", "--copies", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "command: python bench/kb_load.py --runs 2 --copies 1"
    assert any(
        line.startswith("load_knowledge() (read + validate + index): wall median") for line in lines
    )
    assert any(line.startswith("1x copies (") for line in lines)
