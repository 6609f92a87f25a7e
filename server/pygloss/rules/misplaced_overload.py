"""PG113: ``@overload`` after the implementation, or overloads with no implementation.

At runtime ``typing.overload`` returns a stub that raises ``NotImplementedError``
when called, and the last definition of a name wins: an overload placed after the
implementation replaces it, and overloads never followed by an implementation
leave only that stub.  Stub files (``.pyi``), ``Protocol`` classes, ``if
TYPE_CHECKING:`` blocks and abstract overloads legitimately have no implementation.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._decorators import def_name_span
from pygloss.rules.base import Finding, Invalid, Rule, RuleContext, Valid, tail_name

_NAMES = frozenset({"overload"})
_OVERLOAD = frozenset({"typing.overload", "typing_extensions.overload"})
_PROTOCOL = frozenset({"typing.Protocol", "typing_extensions.Protocol"})
_TYPE_CHECKING = frozenset({"typing.TYPE_CHECKING", "typing_extensions.TYPE_CHECKING"})
Function = ast.FunctionDef | ast.AsyncFunctionDef


def _is_overload(ctx: RuleContext, function: Function) -> bool:
    return any(
        tail_name(d) in ctx.aliases(_NAMES) and ctx.qualified(d) in _OVERLOAD
        for d in function.decorator_list
    )


def _is_abstract(ctx: RuleContext, function: Function) -> bool:
    return any((ctx.qualified(d) or "").startswith("abc.abstract") for d in function.decorator_list)


def _type_checking(ctx: RuleContext, test: ast.expr) -> bool:
    return ctx.qualified(test) in _TYPE_CHECKING or (
        isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
    )


def _blocks(ctx: RuleContext, body: list[ast.stmt]) -> Iterator[tuple[list[ast.stmt], bool]]:
    """Each statement list of a scope (nested if/try/with bodies too), and whether it
    is under ``if TYPE_CHECKING:``."""
    stack: list[tuple[list[ast.stmt], bool]] = [(body, False)]
    while stack:
        statements, checking = stack.pop()
        yield statements, checking
        for node in statements:
            if isinstance(node, ast.If):
                stack.append((node.body, checking or _type_checking(ctx, node.test)))
                stack.append((node.orelse, checking))
            elif isinstance(node, ast.Try | ast.TryStar):
                for block in (node.body, node.orelse, node.finalbody):
                    stack.append((block, checking))
                stack.extend((h.body, checking) for h in node.handlers)
            elif isinstance(node, ast.With):
                stack.append((node.body, checking))


def _under_type_checking(ctx: RuleContext, node: ast.AST) -> bool:
    """Whether *node* sits in the body of an ``if TYPE_CHECKING:`` (at any depth)."""
    child = node
    for ancestor in ctx.ancestors(node):
        if (
            isinstance(ancestor, ast.If)
            and any(child is s for s in ancestor.body)
            and _type_checking(ctx, ancestor.test)
        ):
            return True
        child = ancestor
    return False


def _has_overloads(body: list[ast.stmt], names: frozenset[str]) -> bool:
    """Cheap pre-check: a def decorated ``@overload`` (or an alias) in these blocks."""
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if any(tail_name(d) in names for d in node.decorator_list):
                return True
        elif isinstance(node, ast.If | ast.Try | ast.TryStar | ast.With):
            for field in ("body", "orelse", "finalbody"):
                stack.extend(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                stack.extend(handler.body)
    return False


def _bound_names(statements: list[ast.stmt]) -> set[str]:
    """Names these statements bind by assignment or import (one pass over them)."""
    names: set[str] = set()
    for node in statements:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


class MisplacedOverload(Rule):
    code = "PG113"
    name = "misplaced-overload"
    message = "`@overload` without an implementation after it: calls raise NotImplementedError"
    topic = "pg113-misplaced-overload"
    nodes = (ast.Module, ast.ClassDef)
    requires = ("overload",)
    statement_local = True  # audited: a class's own body, ancestors, imports, qualified()

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Module | ast.ClassDef)
        if ctx.is_stub:
            return
        protocol = isinstance(node, ast.ClassDef) and any(
            ctx.qualified(b.value if isinstance(b, ast.Subscript) else b) in _PROTOCOL
            for b in node.bases
        )
        if not _has_overloads(node.body, ctx.aliases(_NAMES)):
            return
        # a class defined under `if TYPE_CHECKING:` is only seen by type checkers
        declared_only = isinstance(node, ast.ClassDef) and _under_type_checking(ctx, node)
        blocks = list(_blocks(ctx, node.body))
        implemented: set[str] = set()
        bound: set[str] = set()
        for statements, _ in blocks:
            for statement in statements:
                if isinstance(statement, Function) and not _is_overload(ctx, statement):
                    implemented.add(statement.name)
            elsewhere = _bound_names(statements)
            bound |= {s.name for s in statements if isinstance(s, Function)} & elsewhere
        for statements, checking in blocks:
            last_overload: dict[str, Function] = {}
            functions = [(s, _is_overload(ctx, s)) for s in statements if isinstance(s, Function)]
            # the last implementation of each name: the definition calls reach, unless an
            # overload comes after it (one before it is replaced by it, as it should be)
            final = {f.name: i for i, (f, stub) in enumerate(functions) if not stub}
            for index, (statement, stub) in enumerate(functions):
                if not stub:
                    continue
                if index > final.get(statement.name, len(functions)):
                    yield self._report(ctx, statement, after=True)
                else:
                    last_overload[statement.name] = statement
            if checking or protocol or declared_only:
                continue
            for name, overload in last_overload.items():
                if name in implemented or name in bound or _is_abstract(ctx, overload):
                    continue
                yield self._report(ctx, overload, after=False)

    def _report(self, ctx: RuleContext, function: Function, *, after: bool) -> Finding:
        start, end = def_name_span(ctx, function)
        if after:
            message = (
                f"`@overload` of `{function.name}` comes after the implementation: this stub "
                "replaces it, so calls raise NotImplementedError; move the overloads above"
            )
        else:
            message = (
                f"`@overload` of `{function.name}` with no implementation after it: calls raise "
                "NotImplementedError; add the undecorated implementation last"
            )
        return Finding(self.code, message, start, end, self.severity)

    VALID = [
        Valid(
            "from typing import overload\n\n@overload\ndef f(x: int) -> int: ...\n"
            "@overload\ndef f(x: str) -> str: ...\ndef f(x):\n    return x\n",
        ),
        Valid(
            "from typing import Protocol, overload\n\nclass P(Protocol):\n    @overload\n"
            "    def f(self, x: int) -> int: ...\n    @overload\n"
            "    def f(self, x: str) -> str: ...\n",
        ),
        Valid(
            "from typing import overload\n\n@overload\ndef f(x: int) -> int: ...\n",
            path="api.pyi",
        ),
        # overloads and an implementation twice over (black's formatting test data):
        # the second implementation is the one calls reach
        Valid(
            "from typing import overload\n\n@overload\ndef f(x: int) -> int: ...\n"
            "def f(x):\n    return x\n\n@overload\ndef f(x: int) -> int: ...\n"
            "def f(x):\n    return x\n",
        ),
        Valid(
            "from typing import TYPE_CHECKING, overload\n\nif TYPE_CHECKING:\n    @overload\n"
            "    def f(x: int) -> int: ...\n    @overload\n    def f(x: str) -> str: ...\n"
            "else:\n    from _impl import f\n",
        ),
        Valid(
            "from abc import ABC, abstractmethod\nfrom typing import overload\n\nclass A(ABC):\n"
            "    @overload\n    @abstractmethod\n    def f(self, x: int) -> int: ...\n"
            "    @overload\n    @abstractmethod\n    def f(self, x: str) -> str: ...\n",
        ),
        Valid("def overload(f):\n    return f\n\n@overload\ndef g(): ...\n"),
        # a class that only type checkers see (pytest's `_SkipMarkDecorator`)
        Valid(
            "from typing import TYPE_CHECKING, overload\n\nif TYPE_CHECKING:\n"
            "    class Mark:\n        @overload\n        def __call__(self, x: int) -> int: ...\n"
            "        @overload\n        def __call__(self, x: str) -> str: ...\n",
        ),
    ]
    INVALID = [
        Invalid(
            "from typing import overload\n\ndef f(x):\n    return x\n\n@overload\n"
            "def f(x: int) -> int: ...\n",
        ),
        Invalid(
            "from typing import overload\n\n@overload\ndef f(x: int) -> int: ...\n"
            "@overload\ndef f(x: str) -> str: ...\n",
        ),
        Invalid(
            "import typing\n\nclass C:\n    @typing.overload\n"
            "    def get(self, k: int) -> int: ...\n"
            "    def get(self, k):\n        return k\n    @typing.overload\n"
            "    def get(self, k: str) -> str: ...\n",
        ),
        Invalid(
            "from typing_extensions import overload\n\nclass C:\n    @overload\n"
            "    async def fetch(self, k: int) -> int: ...\n    @overload\n"
            "    async def fetch(self, k: str) -> str: ...\n",
        ),
    ]
