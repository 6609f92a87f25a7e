"""The hover benches keep working (run with tiny sizes, not timed: benches print figures)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def run(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_latency_bench() -> None:
    lines = run("bench/hover_latency.py", "--no-jedi", "--samples", "5", "--runs", "1")
    assert lines[0] == "command: python bench/hover_latency.py --no-jedi --samples 5 --runs 1"
    assert sum("budget p50 <= 10 ms, p95 <= 30 ms" in line for line in lines) == 3
    assert any(line.startswith("unittest/mock.py: ") for line in lines)


def test_server_bench_first_hover() -> None:
    lines = run("bench/hover_server.py", "--only", "first", "--starts", "1")
    assert lines[0] == "command: python bench/hover_server.py --only first --starts 1"
    assert any(line.startswith("first hover after initialize (1 fresh servers;") for line in lines)


def test_sweep_bench() -> None:
    lines = run("bench/hover_sweep.py", "--packages", "json", "--truncations", "1", "--step", "40")
    assert lines[1].startswith("5 files (")
    assert lines[2] == "raised: 0, logged: 0, bad: 0, unreadable files: 0"
