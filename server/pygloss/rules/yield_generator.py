"""PG104: ``yield gen()`` hands out the generator object itself, not the items it makes.

A generator that yields sub-generators on purpose is a real pattern, so the rule
reports only with evidence that items were meant: the enclosing generator is
annotated to yield something else (``Iterator[int]``) or calls itself recursively
(a warning), or it also yields plain values elsewhere (a hint: items beside
sub-generators may be a nested structure built on purpose, as Django's tests of
``unordered_list`` do).

Decorated functions are left alone, on either side: a decorator may drive the
generator rather than iterate it (Tornado's ``@gen.coroutine`` and ``@gen_test``,
Twisted's ``@inlineCallbacks``, ``@contextmanager``), where ``yield call()`` hands a
future or a deferred to the driver, and a decorated callee may not return a generator
at all (``@gen.coroutine`` makes it return a Future).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._resolve import function_called, is_generator, own_nodes
from pygloss.rules._values import unquoted
from pygloss.rules.base import (
    Edit,
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Rule,
    RuleContext,
    Severity,
    Valid,
)

_ITERATOR_TYPES = frozenset(
    {"Iterator", "Iterable", "Generator", "AsyncIterator", "AsyncIterable", "AsyncGenerator"}
)
_VAGUE = _ITERATOR_TYPES | {"Any", "object"}


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _last_name(node.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split("[")[0].rsplit(".", 1)[-1].strip() or None
    return None


def annotated_items(function: ast.FunctionDef) -> bool:
    """True when the return annotation says the generator yields non-iterators."""
    returns = unquoted(function.returns)
    if not isinstance(returns, ast.Subscript) or _last_name(returns) not in _ITERATOR_TYPES:
        return False
    item = returns.slice.elts[0] if isinstance(returns.slice, ast.Tuple) else returns.slice
    if isinstance(item, ast.Tuple | ast.List) or not item:
        return False
    name = _last_name(item)
    return name is not None and name not in _VAGUE


# decorators that leave a method's calls returning what the function returns
_TRANSPARENT = frozenset({"staticmethod", "classmethod"})


def _decorated(function: ast.FunctionDef) -> bool:
    """Whether a decorator other than staticmethod/classmethod wraps *function*."""
    return any(
        not (isinstance(d, ast.Name) and d.id in _TRANSPARENT) for d in function.decorator_list
    )


def _plain(value: ast.expr | None) -> bool:
    """A yielded value that is clearly an item: a literal, a name, arithmetic..."""
    if value is None or (isinstance(value, ast.Constant) and value.value is None):
        return False
    return not isinstance(value, ast.Call | ast.Await | ast.GeneratorExp)


class YieldGenerator(Rule):
    code = "PG104"
    name = "yield-generator"
    message = "`yield` of a generator call yields the generator object, not its items"
    fix_title = "Use `yield from` to yield the items"
    fix_safety = FixSafety.UNSAFE
    topic = "pg104-yield-generator"
    stubs = False  # a stub file never runs
    nodes = (ast.Yield,)  # far fewer than the expression statements that may hold one
    # no `requires`: only a text that says "yield" has a Yield node, and the walk finds
    # them in passing, while looking for the word would read the whole text once more

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Yield)
        if not isinstance(node.value, ast.Call) or not isinstance(ctx.parent(node), ast.Expr):
            return  # only a statement of its own: `x = yield f()` uses what is sent
        outer = ctx.enclosing_function(node)
        if not isinstance(outer, ast.FunctionDef):
            return  # `yield from` is not allowed in `async def`
        if _decorated(outer):
            return  # the decorator may drive the generator (gen.coroutine, contextmanager)
        callee = function_called(ctx, node.value)
        if not isinstance(callee, ast.FunctionDef) or not is_generator(callee):
            return
        if _decorated(callee):
            return  # what a call returns is up to the decorator
        stated = callee is outer or annotated_items(outer)
        mixed = any(isinstance(n, ast.Yield) and _plain(n.value) for n in own_nodes(outer))
        if not stated and not mixed:
            return
        message = (
            f"`yield {callee.name}(...)` yields the generator object itself, not the items "
            f"it makes; use `yield from {callee.name}(...)`"
        )
        # items beside a sub-generator may be a nested structure built on purpose
        # (Django's tests feed `unordered_list` one): only a hint without more evidence
        yield self.finding(ctx, node, message, severity=None if stated else Severity.HINT)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        yielded = ctx.find_node(finding.start, finding.end, ast.Yield)
        if yielded is None or ctx.source.text[finding.start : finding.start + 5] != "yield":
            return None
        at = finding.start + 5
        return Fix(self.fix_title or "", FixSafety.UNSAFE, (Edit(at, at, " from"),))

    VALID = [
        Valid(
            "def rows():\n    yield 1\n\ndef pages():\n    yield rows()\n    yield rows()\n",
        ),
        Valid(
            "def numbers():\n    yield 1\n\n"
            "def all_numbers():\n    yield 0\n    yield from numbers()\n",
        ),
        Valid(
            "def make():\n    return [1]\n\ndef items():\n    yield 0\n    yield make()\n",
        ),
        Valid(
            "from typing import Iterator\n\ndef inner():\n    yield 1\n\n"
            "def batches() -> Iterator[Iterator[int]]:\n    yield inner()\n",
        ),
        Valid(
            "def inner():\n    yield 1\n\nasync def outer():\n    yield 0\n    yield inner()\n",
        ),
        Valid(
            "def inner():\n    yield 1\n\ndef outer(inner):\n    yield 0\n    yield inner()\n",
        ),
        Valid("def walk(node):\n    x = yield walk(node.child)\n    yield node\n"),
        # Tornado: a coroutine-style test yields futures of @gen.coroutine methods to
        # its driver; `yield from` would break it (ecosystem: tornado iostream_test)
        Valid(
            "from tornado import gen\nfrom tornado.testing import AsyncTestCase, gen_test\n\n"
            "class T(AsyncTestCase):\n"
            "    @gen.coroutine\n"
            "    def send_line(self, line):\n"
            "        yield self.stream.write(line)\n\n"
            "    @gen_test\n"
            "    def test_handshake(self):\n"
            "        yield self.send_line(b'EHLO')\n"
            "        self.client = yield self.connecting\n"
        ),
        Valid(
            "from tornado import gen\n\n"
            "def lines():\n    yield b'a'\n\n"
            "@gen.coroutine\n"
            "def serve(stream, reading):\n"
            "    yield lines()\n"
            "    data = yield reading\n"
        ),
    ]
    INVALID = [
        Invalid(
            "def walk(node):\n    yield node\n    for child in node.children:\n"
            "        yield walk(child)\n",
            fixed="def walk(node):\n    yield node\n    for child in node.children:\n"
            "        yield from walk(child)\n",
        ),
        Invalid(
            "from collections.abc import Generator\n\n"
            "def first() -> Generator[int, None, None]:\n    yield from range(5)\n\n"
            "def both() -> Generator[int, None, None]:\n    yield first()\n",
            fixed="from collections.abc import Generator\n\n"
            "def first() -> Generator[int, None, None]:\n    yield from range(5)\n\n"
            "def both() -> Generator[int, None, None]:\n    yield from first()\n",
        ),
        Invalid(
            "def header():\n    yield 'a'\n\ndef document(body):\n    yield header()\n"
            "    yield body\n",
            fixed="def header():\n    yield 'a'\n\ndef document(body):\n    yield from header()\n"
            "    yield body\n",
            severity="hint",
        ),
        Invalid(
            "class Tree:\n    def leaves(self):\n        yield 1\n\n"
            "    def everything(self) -> 'Iterator[int]':\n        yield self.leaves()\n",
            fixed="class Tree:\n    def leaves(self):\n        yield 1\n\n"
            "    def everything(self) -> 'Iterator[int]':\n        yield from self.leaves()\n",
        ),
        Invalid(
            "def outer():\n    def inner():\n        yield 1\n    yield 0\n    yield inner()\n",
            fixed="def outer():\n    def inner():\n        yield 1\n    yield 0\n"
            "    yield from inner()\n",
            severity="hint",
        ),
        # items beside a sub-generator: Django's test of nested lists does it on purpose
        Invalid(
            "def inner():\n    yield from ('B', 'C')\n\n"
            "def items():\n    yield 'A'\n    yield inner()\n    yield 'D'\n",
            fixed="def inner():\n    yield from ('B', 'C')\n\n"
            "def items():\n    yield 'A'\n    yield from inner()\n    yield 'D'\n",
            severity="hint",
        ),
    ]
