"""The fast walks find what ``ast.walk`` finds: :func:`~pygloss.engine.dispatch.collect`
puts every node of each wanted type in its bucket (and gives up when its deadline has
passed), and :func:`~pygloss.rules._walk.descendants` lists the nodes in ``ast.walk``'s
order, less the context and operator singletons."""

from __future__ import annotations

import ast
import sysconfig
import time
from collections import Counter
from pathlib import Path

import pytest

from pygloss.engine.dispatch import collect
from pygloss.files import iter_python_files, read_source
from pygloss.rules._walk import descendants
from pygloss.syntax.source import Source

STDLIB = Path(sysconfig.get_paths()["stdlib"])

SHAPES = [
    "@deco(1 is 2)\ndef f(a=[], *, b=lambda x={}: x, **k) -> 'T':\n"
    "    return [y for y in a if y is not None]\n",
    "d = {**base, 'k': 1, None: 2}\nglobal g\nnonlocal_names = {1, 2}\n",
    "match p:\n    case [1, *rest] if rest:\n        pass\n    case {'k': v, **kw}:\n"
    "        pass\n    case Point(x=0) | None | True:\n        pass\n",
    "class A(B, metaclass=M):\n    async def m(self):\n        async with l as k:\n"
    "            yield f'{k!r:>{w}}'\n        x += await self.n()\n",
    "try:\n    pass\nexcept* ValueError as e:\n    raise X from e\n",
]
SINGLETONS = (ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop)


def _walked(module: ast.Module) -> list[ast.AST]:
    return [n for n in ast.walk(module) if not isinstance(n, SINGLETONS)]


def _check(text: str) -> None:
    module = ast.Module(body=list(Source(text, "t.py").statements), type_ignores=[])
    expected = _walked(module)
    assert descendants(module) == expected
    kinds = {type(n) for n in expected}
    wanted = kinds | {ast.Lambda, ast.Yield}  # a type the module may not hold
    buckets = collect(module, wanted)
    assert buckets is not None and set(buckets) == wanted
    assert Counter(id(n) for b in buckets.values() for n in b) == Counter(map(id, expected))
    for kind, nodes in buckets.items():
        assert all(type(n) is kind for n in nodes)
    some = collect(module, {ast.Call, ast.Name})
    assert some is not None
    assert Counter(map(id, some[ast.Name])) == Counter(
        id(n) for n in expected if type(n) is ast.Name
    )


@pytest.mark.parametrize("text", SHAPES)
def test_the_walks_find_what_ast_walk_finds(text: str) -> None:
    _check(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", list(iter_python_files(STDLIB))[5::60], ids=lambda p: str(p.relative_to(STDLIB))
)
def test_the_walks_on_the_stdlib(path: Path) -> None:
    text = read_source(path)
    if isinstance(text, str):
        _check(text)


def test_collect_stops_at_its_deadline() -> None:
    small = ast.parse("x = [f(i) for i in range(3)]\n" * 50)  # fewer nodes than a stretch
    found = collect(small, {ast.Call}, deadline=time.monotonic() - 1)
    assert found is not None and len(found[ast.Call]) == 100
    big = ast.parse("x = [f(i) for i in range(3)]\n" * 2000)
    assert collect(big, {ast.Call}, deadline=time.monotonic() - 1) is None
    found = collect(big, {ast.Call}, deadline=time.monotonic() + 60)
    assert found is not None and len(found[ast.Call]) == 4000
