"""The dispatch hands a call only to the rules that may report on its name, and a
comparison only to those that may report on its operators: narrowing must lose no
finding.  Checked against running every rule on every node of its types, on the
rules' own examples, hand-made aliases and a sample of the standard library."""

from __future__ import annotations

import ast
import sysconfig
from pathlib import Path

import pytest

from pygloss.engine.config import Config
from pygloss.engine.dispatch import KEYED, dispatch
from pygloss.engine.lint import _rule_objects, applicable, lint, suppress
from pygloss.files import iter_python_files, read_source
from pygloss.rules.base import Finding, RuleContext
from pygloss.syntax.source import Source

STDLIB = Path(sysconfig.get_paths()["stdlib"])
EVERYTHING = Config(select=("ALL",))


def _unnarrowed(text: str, path: str) -> set[tuple[str, int, int, str]]:
    """Every applicable rule on every node of every type it names (then the
    suppression comments, as :func:`lint` applies them)."""
    source = Source(text, path)
    rules = applicable(list(_rule_objects()), source, path)
    ctx = RuleContext(source, path)
    module = ast.Module(body=list(source.statements), type_ignores=[])
    ctx.set_parents({c: p for p in ast.walk(module) for c in ast.iter_child_nodes(p)})
    found: list[Finding] = []
    for node in ast.walk(module):
        for rule in rules:
            if type(node) in rule.nodes:
                found.extend(rule.check(node, ctx))
    return {(f.code, f.start, f.end, f.message) for f in suppress(source, found)}


def _dispatched(text: str, path: str) -> set[tuple[str, int, int, str]]:
    result = lint(Source(text, path), EVERYTHING, path, rules=list(_rule_objects()))
    assert not result.failures
    return {(f.code, f.start, f.end, f.message) for f in result.findings}


def _examples() -> list[str]:
    return [
        example.code
        for rule in _rule_objects()
        for example in (*rule.INVALID, *rule.VALID)
        if any(t in KEYED for t in rule.nodes)
    ]


ALIASES = [
    # an import alias of a blocking call, inside async def
    "import asyncio\nfrom time import sleep as nap\n\nasync def main():\n    nap(1)\n",
    # asyncio.run through an alias of the module and of the function
    "import asyncio as aio\nfrom asyncio import run as go\n\n"
    "async def main(c):\n    aio.run(c)\n    go(c)\n",
    # a chained comparison where only the second operator is `is`
    "def f(x):\n    return 0 < x is 1\n",
    # None compared through `!=` in a chain
    "def f(x, y):\n    return x < y != None\n",
]


@pytest.mark.parametrize("text", _examples() + ALIASES)
def test_narrowing_loses_nothing_on_examples(text: str) -> None:
    assert _dispatched(text, "example.py") == _unnarrowed(text, "example.py")


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", list(iter_python_files(STDLIB))[7::60], ids=lambda p: str(p.relative_to(STDLIB))
)
def test_narrowing_loses_nothing_on_the_stdlib(path: Path) -> None:
    text = read_source(path)
    if not isinstance(text, str):
        return
    assert _dispatched(text, str(path)) == _unnarrowed(text, str(path))


def test_rules_for_a_call_and_a_comparison_are_made_once_per_document() -> None:
    source = Source("import time\nasync def f(a):\n    time.sleep(1)\n    a is 1\n", "m.py")
    ctx = RuleContext(source, "m.py")
    rules = applicable(list(_rule_objects()), source, "m.py")
    table = dispatch(rules, ctx, set())
    module = ast.Module(body=list(source.statements), type_ignores=[])
    calls = [n for n in ast.walk(module) if isinstance(n, ast.Call)]
    compare = next(n for n in ast.walk(module) if isinstance(n, ast.Compare))
    assert "PG302" in {r.code for r in table.rules_for(calls[0])}
    assert table.rules_for(calls[0]) is table.rules_for(calls[0])
    assert {r.code for r in table.rules_for(compare)} >= {"PG102"}
    assert "PG103" not in {r.code for r in table.rules_for(compare)}
