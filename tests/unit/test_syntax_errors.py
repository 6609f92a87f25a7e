"""Diagnostics survive syntax errors: every finding outside the broken code is kept.

Other linters report nothing but the syntax error (ruff runs its AST rules only on
files that parse; libcst-based tools and pylint stop at the first error).
"""

from __future__ import annotations

import pytest

from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.syntax.source import Source

EVERYTHING = Config(select=("ALL",))

GOOD = """\
import itertools
import timeit
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("U")


def log(func):
    def wrapper(*args, **kwargs):
        func(*args, **kwargs)
    return wrapper


def collect(out=None, seen=[]):
    out = out or []
    if out == None or seen is 1:
        return list()
    return out, seen


def by_length(words):
    return {size: list(g) for size, g in itertools.groupby(words, key=len)}


@dataclass
class Cart:
    items: list = []


class Shop:
    stock = []

    def restock(self, item, log={}):
        self.stock.append(item)

    def total(self):
        return timeit.timeit(sum([1, 2]))
"""

BROKEN_FUNCTION = "\n\ndef broken(x:\n    return x\n\n\n"
BROKEN_METHOD = "    def broken(self, :\n        pass\n\n"


def _findings(code: str) -> list[tuple[str, str]]:
    source = Source(code, "example.py")
    return [(f.code, source.text[f.start : f.end]) for f in lint(source, EVERYTHING).findings]


def test_the_good_file_has_many_findings() -> None:
    codes = {code for code, _ in _findings(GOOD)}
    assert codes >= {"PG101", "PG102", "PG103", "PG105", "PG106", "PG107", "PG110", "PG111"}
    assert codes >= {"PG112", "PG114", "PG116", "PG117"}


@pytest.mark.parametrize(
    "where",
    [
        pytest.param("@dataclass", id="top-level-function-before-a-class"),
        pytest.param("def collect(", id="top-level-function-before-a-function"),
    ],
)
def test_a_broken_top_level_function_keeps_every_other_diagnostic(where: str) -> None:
    at = GOOD.index(where)
    broken = GOOD[:at] + BROKEN_FUNCTION.lstrip("\n") + GOOD[at:]
    source = Source(broken, "example.py")
    assert len(source.parse.errors) == 1
    assert _findings(broken) == _findings(GOOD)


def test_a_broken_method_keeps_the_rest_of_its_class() -> None:
    at = GOOD.index("    def total(self):")
    broken = GOOD[:at] + BROKEN_METHOD + GOOD[at:]
    source = Source(broken, "example.py")
    assert [e.line for e in source.parse.errors] == [GOOD[:at].count("\n")]
    assert _findings(broken) == _findings(GOOD)


def test_two_broken_places_and_an_unclosed_bracket_at_the_end() -> None:
    at = GOOD.index("@dataclass")
    broken = GOOD[:at] + BROKEN_FUNCTION.lstrip("\n") + GOOD[at:] + "\nvalue = compute(\n"
    source = Source(broken, "example.py")
    assert len(source.parse.errors) == 2
    assert _findings(broken) == _findings(GOOD)
