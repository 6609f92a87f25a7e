"""``bench/check_stdlib.py`` keeps working (it is run, not timed: benches print
figures): on one small stdlib package, one round, with the parse floor and stages."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = Path(sysconfig.get_paths()["stdlib"]) / "json"


@pytest.mark.skipif(
    shutil.which("ruff") is None and not Path(sys.executable).with_name("ruff").exists(),
    reason="ruff is a test dependency; not on PATH here",
)
def test_the_stdlib_bench_runs_with_its_floor_and_stages() -> None:
    command = [sys.executable, "bench/check_stdlib.py", "--rounds", "1", "--floor", "--stages"]
    result = subprocess.run(
        [*command, str(PACKAGE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "rule failures or crashes: 0" in out
    assert "the parser alone: ast.parse of every file in a fresh process, in each round:" in out
    ratio = next(
        line for line in out.splitlines() if line.startswith("pygloss check --no-cache CPU / ")
    )
    assert "budget 1.3x" in ratio and float(ratio.rsplit(" ", 1)[1].rstrip("x")) > 0
    assert "where a cold check's CPU goes" in out and "walk:" in out
