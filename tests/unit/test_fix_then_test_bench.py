"""``bench/fix_then_test.py``'s reading of test reports and its comparison (the bench
itself downloads projects and runs their suites: it is run by hand, not here)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import ROOT

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="5">
<testcase classname="tests.test_a" name="test_ok" time="0.01"/>
<testcase classname="tests.test_a" name="test_bad" time="0.01"><failure message="x"/></testcase>
<testcase classname="tests.test_a" name="test_skip" time="0"><skipped message="y"/></testcase>
<testcase classname="tests.test_b" name="test_teardown" time="0.01"/>
<testcase classname="tests.test_b" name="test_teardown" time="0.01"><error message="z"/></testcase>
</testsuite></testsuites>
"""


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return importlib.import_module("fix_then_test")
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_outcomes_are_read_per_test_and_compared(tmp_path: Path) -> None:
    bench = _bench()
    report = tmp_path / "junit.xml"
    report.write_text(REPORT)
    before = bench.outcomes(report)
    assert before == {
        "tests.test_a::test_ok": "passed",
        "tests.test_a::test_bad": "failure",
        "tests.test_a::test_skip": "skipped",
        "tests.test_b::test_teardown": "error",  # its teardown failed
    }
    after = {**before, "tests.test_a::test_ok": "failure", "tests.test_c::test_new": "passed"}
    del after["tests.test_a::test_skip"]
    assert bench.compare(before, after) == {
        "tests.test_a::test_ok": ("passed", "failure"),
        "tests.test_a::test_skip": ("skipped", "missing"),
        "tests.test_c::test_new": ("missing", "passed"),
    }
    assert bench.outcomes(tmp_path / "none.xml") == {}  # the suite did not even start
    assert bench._counts(before) == "1 passed 1 failed 1 error 1 skipped"
