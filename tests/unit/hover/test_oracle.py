"""The oracle (``bench/oracle.py``) on its sample: every computed claim it can check
agrees with the interpreter or says where its knowledge stops (the full run over the
standard library and the test extras' packages is ``python bench/oracle.py``; its
counts are in docs/design/hover.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKS = ("mro", "super", "init", "patch", "metaclass", "wraps", "slots")
# at least this many claims checked on the sample, per check
MINIMUM = {"mro": 200, "super": 300, "init": 40, "patch": 200, "metaclass": 50, "wraps": 25,
           "slots": 25}  # fmt: skip


@pytest.fixture(scope="module")
def counts() -> dict[str, dict[str, int]]:
    done = subprocess.run(
        [sys.executable, "bench/oracle.py", "--sample", "--json", "--check", ",".join(CHECKS)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, dict[str, int]] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("check", CHECKS)
def test_no_claim_disagrees_with_the_interpreter(
    check: str, counts: dict[str, dict[str, int]]
) -> None:
    found = counts[check]
    assert found.get("disagreed", 0) == 0
    checked = found.get("agreed", 0) + found.get("said-unknown", 0)
    assert checked >= MINIMUM[check], found
    assert found.get("said-unknown", 0) * 3 <= checked, found  # kept small
