"""Hovering every token of real code, whole and cut at random points, raises nothing.

The full sweep (every token of the stdlib's ``unittest``, ``asyncio`` and ``json``,
two truncated copies of each file) is ``bench/hover_sweep.py``; this runs the same
code over a fixed sample.  Inputs the sweep once failed on are kept below as
regression cases.
"""

from __future__ import annotations

import random
import sys

import pytest

from pygloss.engine.api import load_knowledge
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import hover_sweep


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_knowledge()


def test_every_token_of_json_and_truncated_copies_of_a_sample(kb) -> None:  # type: ignore[no-untyped-def]
    sweep = hover_sweep.Sweep()
    rng = random.Random(4)
    for path in hover_sweep.files_of(["json"]):
        hover_sweep.sweep_file(path, kb, sweep, rng, truncations=1, step=3)
    others = hover_sweep.files_of(["unittest", "asyncio"])
    for path in rng.sample(others, 4):
        hover_sweep.sweep_file(path, kb, sweep, rng, truncations=2, step=13)
    assert sweep.failures == []
    assert sweep.counts["hovers"] > 4000 and sweep.counts["shown"] > 150


REGRESSIONS: list[tuple[str, str]] = [
    ("empty-file", ""),
    ("only-a-bom", "\ufeff"),
    ("lone-backslash", "x = 1 + \\"),
    # the sweep found: on a decorator's `@`, the range started after it
    ("decorator-at-sign", "class A:\n    @property\n    def x(self):\n        return 1\n"),
]


@pytest.mark.parametrize(("label", "text"), REGRESSIONS, ids=[label for label, _ in REGRESSIONS])
def test_inputs_the_sweep_failed_on(kb, label: str, text: str) -> None:  # type: ignore[no-untyped-def]
    sweep = hover_sweep.Sweep()
    hover_sweep.hover_all(text, label, kb, sweep)
    assert sweep.failures == []
