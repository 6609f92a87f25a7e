"""Precision of the notes in the hover on real code (issue #16): every section shown
at the judged positions (``tests/fixtures/notes/precision/python-notes.jsonl``) has a
verdict, and 95 % or more of them are relevant.

The positions are in the standard library of the Python they were sampled with
(3.11) and in the ecosystem projects of ``bench/ecosystem`` (cached outside the
repository); a position whose line is not found — another Python, no cache — is
left out, and the test is skipped when fewer than 100 remain.  The notes are the
shared ``python-notes.md`` (``../shared`` beside the clone).  To re-judge after a
change: ``python -P bench/notes_precision.py update FILE``, then give each
``"relevant": null`` a verdict.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType

import pytest

from tests.conftest import ROOT
from tests.notes_reach import NO_SHARED, SHARED_NOTES, indexed

JUDGED = ROOT / "tests" / "fixtures" / "notes" / "precision" / "python-notes.jsonl"
AT_LEAST = 0.95
POSITIONS = 100


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "notes_precision", ROOT / "bench" / "notes_precision.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("notes_precision", module)
    spec.loader.exec_module(module)
    return module


def test_every_section_shown_is_judged_and_relevant() -> None:
    if not SHARED_NOTES.is_file():
        pytest.skip(NO_SHARED)
    bench = _bench()
    entries = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()]
    tally = bench.replay(entries, indexed(SHARED_NOTES))["all"]
    if tally.found < POSITIONS:
        pytest.skip(
            f"only {tally.found} of the {len(entries)} judged positions are in this "
            "environment (another Python's standard library, no ecosystem cache)"
        )
    assert tally.unjudged == 0, "sections shown without a verdict: run bench/notes_precision.py"
    assert tally.relevant / tally.judged >= AT_LEAST, tally.line("all")
