"""The background linter: big documents linted in a child process, with the same
findings as in-process, cancellable by a newer version, bounded in memory."""

from __future__ import annotations

import threading
import time

import pytest

from pygloss.engine import background
from pygloss.engine.background import BackgroundLinter
from pygloss.engine.config import Config
from pygloss.engine.lint import LintResult, lint
from pygloss.syntax.source import Source
from tests.corpus import stdlib_lines

pytestmark = pytest.mark.skipif(not BackgroundLinter.available, reason="POSIX only")
TAIL = "\n\ndef f(x=[]):\n    return x\n\n\nx = 1 is 1\n"


@pytest.fixture
def linter():  # type: ignore[no-untyped-def]
    running = BackgroundLinter()
    yield running
    running.close()


def test_the_same_findings_as_in_process(linter: BackgroundLinter) -> None:
    text = stdlib_lines(6000) + TAIL
    here = lint(Source(text, "/big.py"), Config(), "/big.py")
    there = linter.lint("file:///big.py", text, "/big.py", Config())
    assert isinstance(there, LintResult)
    assert there.findings == here.findings and there.syntax_errors == here.syntax_errors
    assert {f.code for f in there.findings} >= {"PG101"}
    assert there.context is None and linter.stats.children == 1
    again = linter.lint("file:///big.py", text, "/big.py", Config())  # the same child
    assert isinstance(again, LintResult) and linter.stats.children == 1


def test_a_newer_version_cancels_the_lint_of_the_old(linter: BackgroundLinter) -> None:
    slow = "x = (" * 90 + "1" + ")" * 90 + "\n"  # broken lines: recovered one by one, slowly
    text = slow * 20_000
    outcome: list[object] = []
    current = [True]
    worker = threading.Thread(
        target=lambda: outcome.append(linter.lint("u", text, None, Config(), lambda: current[0]))
    )
    worker.start()
    deadline = time.monotonic() + 60
    while linter.stats.jobs == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    current[0] = False
    linter.cancel("u")
    worker.join(60)
    assert outcome == [None] and linter.stats.cancelled == 1
    fresh = linter.lint("u", "def f(x=[]): return x\n", None, Config())
    assert isinstance(fresh, LintResult) and [f.code for f in fresh.findings] == ["PG101"]
    assert linter.stats.children == 2


def test_a_stale_version_is_not_linted(linter: BackgroundLinter) -> None:
    assert linter.lint("u", "x = 1\n", None, Config(), lambda: False) is None
    assert linter.stats.children == 0 and linter.stats.skipped == 1


def test_a_lint_over_the_memory_cap_stays_in_the_child(
    linter: BackgroundLinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "CHILD_MEMORY", 400 << 20)
    text = "x = [" + "1, " * 3_000_000 + "]\n"  # an AST far over 400 MB
    outcome = linter.lint("u", text, None, Config())
    assert isinstance(outcome, LintResult)  # the parse failed for lack of memory, there
    assert [issue.message for issue in outcome.syntax_errors] == ["too deeply nested to parse"]
    fine = linter.lint("u", "def f(x=[]): return x\n", None, Config())
    assert isinstance(fine, LintResult) and [f.code for f in fine.findings] == ["PG101"]


def test_a_lint_past_the_hard_timeout_is_stopped_and_says_so(
    linter: BackgroundLinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "HARD_TIMEOUT", 0.5)
    slow = "x = (" * 90 + "1" + ")" * 90 + "\n"
    outcome = linter.lint("u", slow * 20_000, None, Config())
    assert isinstance(outcome, str) and "stopped" in outcome, outcome
    assert linter.stats.failed == 1
