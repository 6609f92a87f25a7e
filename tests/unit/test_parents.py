"""Parent links found on demand (:class:`~pygloss.rules._parents.LazyParents`) give the
answers of a full walk, for every node, asked in any order; and
:func:`~pygloss.rules._flow.own_statements` of an ``async def`` holds exactly the
statements :func:`~pygloss.rules._flow.running_in_async_def` places in it."""

from __future__ import annotations

import ast
import random
import sysconfig
from pathlib import Path

import pytest

from pygloss.files import iter_python_files, read_source
from pygloss.rules._flow import own_statements, running_in_async_def
from pygloss.rules._parents import LazyParents
from pygloss.rules._walk import children
from pygloss.rules.base import RuleContext
from pygloss.syntax.source import Source

STDLIB = Path(sysconfig.get_paths()["stdlib"])

SHAPES = [
    # decorators before the def line, defaults, annotations, a lambda default
    "@first(1 is 2)\n@second\ndef f(a=[], *, b=lambda x=[]: x, **k) -> 'T':\n"
    "    return [y for y in a if y is not None]\n",
    # every kind of block: try/except/else/finally, loops with else, with, match
    "try:\n    x = 1\nexcept (KeyError, OSError) as e:\n    pass\nelse:\n    y = 2\n"
    "finally:\n    z = 3\nfor i in r:\n    pass\nelse:\n    w = 4\n"
    "while c:\n    break\nelse:\n    v = 5\nwith a as b, c:\n    u = b\n"
    "match p:\n    case [1, *rest] if rest:\n        q = 1\n    case {'k': v, **kw}:\n"
    "        q = 2\n    case Point(x=0) | None:\n        q = 3\n    case _:\n        pass\n",
    # several statements on one line, a one-line if with an else, elif chains
    "a = 1; b = f(a); c = [a, b]\nif a: b()\nelse: c()\nif x:\n    pass\nelif y:\n"
    "    g()\nelif z is 3:\n    h()\n",
    # nested functions and classes, async constructs, f-strings, dicts with **
    "class A(Base, metaclass=M):\n    x: int = 0\n    def m(self):\n"
    "        async def inner():\n            async with l as k:\n                await k\n"
    "            async for i in it:\n                yield f'{i!r:>{w}}'\n"
    "        return {**self.d, 'k': (lambda: self)()}\n",
    # a def without parameters (an ``arguments`` with no position), global, try*
    "def f():\n    global g\n    g = 1\ntry:\n    pass\nexcept* ValueError:\n    pass\n",
    # a syntax error: the statements that parse are kept
    "def ok(a=[]):\n    return a\n\ndef broken(:\n    pass\n\nx = ok()\n",
]


def _full(module: ast.Module) -> dict[ast.AST, ast.AST]:
    parents: dict[ast.AST, ast.AST] = {}
    stack: list[ast.AST] = [module]
    while stack:
        node = stack.pop()
        for child in children(node):
            parents[child] = node
            stack.append(child)
    return parents


def _check_every_node(text: str, seed: int) -> None:
    source = Source(text, "example.py")
    module = ast.Module(body=list(source.statements), type_ignores=[])
    full = _full(module)
    nodes = list(full)
    random.Random(seed).shuffle(nodes)
    lazy = LazyParents(module)
    for node in nodes:
        assert lazy.get(node) is full[node], (type(node).__name__, getattr(node, "lineno", None))
    assert lazy.get(module) is None
    assert lazy.get(ast.Name("elsewhere")) is None  # not in the tree
    assert LazyParents(module).get(ast.Load()) is None  # singletons are never linked


@pytest.mark.parametrize("text", SHAPES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_node_gets_the_parent_a_full_walk_gives(text: str, seed: int) -> None:
    _check_every_node(text, seed)


def test_a_statement_is_placed_without_walking_expressions() -> None:
    text = "class A:\n    def m(self):\n        if x:\n            return f(1, 2)\n"
    module = ast.Module(body=list(Source(text, "m.py").statements), type_ignores=[])
    ret = module.body[0].body[0].body[0].body[0]  # type: ignore[attr-defined]
    lazy = LazyParents(module)
    assert isinstance(lazy.get(ret), ast.If)
    assert not lazy._walked and not lazy._complete  # only the blocks on the way were opened
    call = ret.value
    assert lazy.get(call) is ret
    assert lazy._walked == {ret} and not lazy._complete


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", list(iter_python_files(STDLIB))[3::40], ids=lambda p: str(p.relative_to(STDLIB))
)
def test_every_node_on_the_stdlib(path: Path) -> None:
    text = read_source(path)
    if isinstance(text, str):
        _check_every_node(text, 0)


ASYNC = sorted((STDLIB / "asyncio").glob("*.py"))


@pytest.mark.parametrize("path", ASYNC, ids=lambda p: p.name)
def test_own_statements_are_those_running_in_the_async_def(path: Path) -> None:
    text = read_source(path)
    assert isinstance(text, str)
    source = Source(text, str(path))
    ctx = RuleContext(source, str(path))
    module = ast.Module(body=list(source.statements), type_ignores=[])
    ctx.set_parents(_full(module))
    defs = [n for n in ast.walk(module) if isinstance(n, ast.AsyncFunctionDef)]
    owned = {id(s): d for d in defs for s in own_statements(d)}
    for statement in (n for n in ast.walk(module) if isinstance(n, ast.stmt)):
        assert running_in_async_def(statement, ctx) is owned.get(id(statement))
