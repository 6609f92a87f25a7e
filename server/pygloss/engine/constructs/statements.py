"""Recognisers for statement constructs: async/with/try/except/else/finally, raise
from, global/nonlocal, del, assert, import, match, the main guard and ``__all__``.

Each is recognised on its keyword (or, for ``__all__`` and the main guard, on the
name that makes it special), never inside the statement's body.
"""

from __future__ import annotations

import ast

from pygloss.engine.constructs import Found, at_node, at_token, keyword_of, recognizer, stmt_of
from pygloss.engine.cursor import Cursor
from pygloss.syntax.names import ImportMap


@recognizer("async-def")
def _async_def(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``async`` or ``def`` of an ``async def``, or on the name in a call to an
    ``async def`` of this file whose coroutine is never awaited (a bare ``fetch()``
    statement, or ``x = fetch()`` with ``x`` never used afterwards)."""
    node = keyword_of(cursor, (ast.AsyncFunctionDef,), "async", "def")
    if node is not None:
        return at_token(cursor, "async-def", node)
    call = unawaited_call(cursor)
    if call is not None:
        start, end = cursor.span(call.func)
        return Found("async-def", start, end, call)
    return None


def _async_defs(cursor: Cursor, callee: ast.expr) -> bool:
    """True when *callee* names an ``async def`` of this file (module level or ``self.m``)."""
    if isinstance(callee, ast.Name):
        defs = [
            s
            for s in cursor.source.statements
            if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        matching = [d for d in defs if d.name == callee.id]
        return bool(matching) and isinstance(matching[-1], ast.AsyncFunctionDef)
    if isinstance(callee, ast.Attribute) and isinstance(callee.value, ast.Name):
        if callee.value.id not in ("self", "cls"):
            return False
        owner = cursor.innermost(ast.ClassDef)
        if isinstance(owner, ast.ClassDef):
            methods = [
                s for s in owner.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
            matching = [m for m in methods if m.name == callee.attr]
            return bool(matching) and isinstance(matching[-1], ast.AsyncFunctionDef)
    return False


def unawaited_call(cursor: Cursor) -> ast.Call | None:
    """The call of an ``async def`` under the cursor when its coroutine is dropped."""
    node = cursor.path[-1] if cursor.path else None
    if not isinstance(node, ast.Name | ast.Attribute) or len(cursor.path) < 3:
        return None
    call = cursor.path[-2]
    if not isinstance(call, ast.Call) or call.func is not node or not _async_defs(cursor, node):
        return None
    statement = cursor.path[-3]
    if isinstance(statement, ast.Expr):
        return call
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        variable = statement.targets[0]
        scope = cursor.innermost(ast.FunctionDef, ast.AsyncFunctionDef) or None
        body = scope.body if scope is not None else list(cursor.source.statements)  # type: ignore[attr-defined]
        if isinstance(variable, ast.Name):
            uses = [
                n
                for s in body
                for n in ast.walk(s)
                if isinstance(n, ast.Name) and n.id == variable.id and isinstance(n.ctx, ast.Load)
            ]
            return call if not uses else None
    return None


@recognizer("async-with")
def _async_with(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``async`` or ``with`` of an ``async with``."""
    node = keyword_of(cursor, (ast.AsyncWith,), "async", "with")
    return at_token(cursor, "async-with", node) if node else None


@recognizer("async-for")
def _async_for(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``async`` or ``for`` of an ``async for`` loop, or ``async`` in a comprehension."""
    node = keyword_of(cursor, (ast.AsyncFor,), "async", "for")
    if node is not None:
        return at_token(cursor, "async-for", node)
    generator = cursor.path[-1] if cursor.path else None
    if isinstance(generator, ast.comprehension) and generator.is_async and cursor.word("async"):
        return at_token(cursor, "async-for", generator)
    return None


@recognizer("with")
def _with(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``with`` (or ``as``) of a plain ``with`` statement."""
    node = keyword_of(cursor, (ast.With,), "with", "as")
    return at_token(cursor, "with", node) if node else None


@recognizer("try")
def _try(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``try`` keyword."""
    node = keyword_of(cursor, (ast.Try, ast.TryStar), "try")
    return at_token(cursor, "try", node) if node else None


@recognizer("except")
def _except(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``except`` (also ``except*`` and the handler's ``as``)."""
    handler = cursor.path[-1] if cursor.path else None
    if isinstance(handler, ast.ExceptHandler) and (cursor.word("except", "as") or cursor.op("*")):
        return at_token(cursor, "except", handler)
    return None


@recognizer("else-clause")
def _else(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``else`` of a try, for or while statement (not of an ``if``)."""
    types = (ast.Try, ast.TryStar, ast.For, ast.AsyncFor, ast.While)
    node = keyword_of(cursor, types, "else")
    return at_token(cursor, "else-clause", node) if node else None


@recognizer("finally")
def _finally(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``finally`` keyword."""
    node = keyword_of(cursor, (ast.Try, ast.TryStar), "finally")
    return at_token(cursor, "finally", node) if node else None


@recognizer("raise-from")
def _raise_from(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``raise`` or ``from`` of ``raise X from Y``."""
    node = keyword_of(cursor, (ast.Raise,), "raise", "from")
    if isinstance(node, ast.Raise) and node.cause is not None:
        return at_token(cursor, "raise-from", node)
    return None


@recognizer("global")
def _global(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On a ``global`` statement (the keyword or its names)."""
    node = stmt_of(cursor)
    return at_node(cursor, "global", node) if isinstance(node, ast.Global) else None


@recognizer("nonlocal")
def _nonlocal(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On a ``nonlocal`` statement (the keyword or its names)."""
    node = stmt_of(cursor)
    return at_node(cursor, "nonlocal", node) if isinstance(node, ast.Nonlocal) else None


@recognizer("del")
def _del(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``del`` keyword."""
    node = keyword_of(cursor, (ast.Delete,), "del")
    return at_token(cursor, "del", node) if node else None


@recognizer("assert")
def _assert(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``assert`` keyword."""
    node = keyword_of(cursor, (ast.Assert,), "assert")
    return at_token(cursor, "assert", node) if node else None


@recognizer("import")
def _import(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``import``/``from``/``as`` of an import, on its dots, or on ``*`` of ``import *``."""
    node = stmt_of(cursor)
    if not isinstance(node, ast.Import | ast.ImportFrom):
        return None
    if cursor.word("import", "from", "as") or cursor.op(".", "...", "*"):
        return at_node(cursor, "import", node)
    return None


@recognizer("match")
def _match(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the soft keywords ``match`` and ``case`` of a match statement."""
    node = stmt_of(cursor)
    if not isinstance(node, ast.Match) or not cursor.word("match", "case") or cursor.token is None:
        return None
    subject_start = cursor.span(node.subject)[0]
    if cursor.token.string == "match" and cursor.token.end <= subject_start:
        return at_token(cursor, "match", node)
    if cursor.token.string == "case" and cursor.path[-1] is node:  # match_case has no position
        return at_token(cursor, "match", node)
    return None


def _is_main_guard(node: ast.AST) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    test = node.test
    parts = [test.left, *test.comparators]
    names = [p for p in parts if isinstance(p, ast.Name) and p.id == "__name__"]
    mains = [p for p in parts if isinstance(p, ast.Constant) and p.value == "__main__"]
    return len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) and bool(names and mains)


@recognizer("main-guard")
def _main_guard(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``if`` line of ``if __name__ == "__main__":`` (keyword, name or string)."""
    for node in reversed(cursor.path):
        if _is_main_guard(node):
            assert isinstance(node, ast.If)
            header_end = cursor.span(node.test)[1]
            if cursor.offset <= header_end and (cursor.word("if") or cursor.path[-1] is not node):
                start = cursor.span(node)[0]
                return Found("main-guard", start, header_end, node)
            return None
    return None


@recognizer("slots")
def _slots(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the name ``__slots__`` where a class body assigns it."""
    node = cursor.path[-1] if cursor.path else None
    if not (isinstance(node, ast.Name) and node.id == "__slots__"):
        return None
    if (
        len(cursor.path) >= 3
        and isinstance(cursor.path[-2], ast.Assign | ast.AnnAssign)
        and isinstance(cursor.path[-3], ast.ClassDef)
    ):
        return at_node(cursor, "slots", node)
    return None


@recognizer("dunder-all")
def _dunder_all(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the name ``__all__`` where a module assigns or extends it."""
    node = cursor.path[-1] if cursor.path else None
    if not (isinstance(node, ast.Name) and node.id == "__all__"):
        return None
    if len(cursor.path) == 2 and isinstance(
        cursor.path[0], ast.Assign | ast.AugAssign | ast.AnnAssign
    ):
        return at_node(cursor, "dunder-all", node)
    return None
