"""``pygloss check`` with worker processes: the workers tune their own memory
allocator, the calling process keeps its own settings, and the findings are those
of a check in one process."""

from __future__ import annotations

import gc
import multiprocessing
import os
from pathlib import Path

import pytest

from pygloss.cli import check, main

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the patched function reaches workers that are forked, not spawned ones",
)

BAD = "def f(x=[]):\n    x.append(1)\n    return x\n"


def test_workers_tune_their_own_process_not_the_callers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    for number in range(8):  # enough files for workers (fewer are checked in-process)
        (tree / f"m{number}.py").write_text(BAD)
    marks = tmp_path / "marks"
    marks.mkdir()
    monkeypatch.setattr(check, "_keep_freed_memory", lambda: (marks / str(os.getpid())).touch())
    threshold = gc.get_threshold()
    assert main(["check", str(tree), "--no-cache", "--jobs", "2"]) == 1
    with_workers = capsys.readouterr().out
    tuned = {int(mark.name) for mark in marks.iterdir()}
    assert tuned and os.getpid() not in tuned  # each worker, never this process
    assert gc.get_threshold() == threshold and not gc.get_freeze_count()
    assert main(["check", str(tree), "--no-cache", "--jobs", "1"]) == 1
    assert capsys.readouterr().out == with_workers
    assert with_workers.count("PG101") == 8
