"""Recognise the construct kinds of the vocabulary under the cursor.

The recognisers live in :mod:`.statements`, :mod:`.expressions` and
:mod:`.definitions` (one function per kind); this module holds the registry.

One recogniser per kind of :data:`pygloss.kb.constructs.CONSTRUCTS`, registered with
:func:`recognizer`; its docstring says where the cursor must be.  The rule for all of
them: a construct is recognised on the token that *spells* it (a keyword such as
``try``/``else``/``await``, an operator such as ``is``/``+=``/``:=``/``*``, the ``@`` of a
decorator) or on the node it is about (a mutable default value, an f-string's literal
text), never anywhere inside its body, so hovering ordinary code stays silent.

:func:`recognize` returns every kind found, narrowest span first.  A test checks
that every kind of the vocabulary has a recogniser with a docstring.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Callable
from dataclasses import dataclass

from pygloss.engine.cursor import Cursor
from pygloss.syntax.names import ImportMap

log = logging.getLogger("pygloss.constructs")


@dataclass(frozen=True)
class Found:
    """A construct kind at the cursor: its span and the node it is about."""

    kind: str
    start: int
    end: int
    node: ast.AST


Recognizer = Callable[[Cursor, ImportMap], Found | None]
RECOGNIZERS: dict[str, Recognizer] = {}
COMPREHENSIONS = {
    ast.ListComp: "list-comprehension",
    ast.DictComp: "dict-comprehension",
    ast.SetComp: "set-comprehension",
    ast.GeneratorExp: "generator-expression",
}
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DUNDERS = frozenset(
    [
        "__new__",
        "__init__",
        "__call__",
        "__enter__",
        "__exit__",
        "__aenter__",
        "__aexit__",
        "__iter__",
        "__next__",
        "__aiter__",
        "__anext__",
        "__getitem__",
        "__setitem__",
        "__delitem__",
        "__len__",
        "__contains__",
        "__repr__",
        "__str__",
        "__del__",
        "__init_subclass__",
        "__eq__",
        "__hash__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__ne__",
        "__bool__",
        "__getattr__",
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__get__",
        "__set__",
        "__delete__",
        "__set_name__",
        "__class_getitem__",
        "__post_init__",
        "__format__",
        "__missing__",
        "__reversed__",
        "__await__",
        "__add__",
        "__sub__",
        "__mul__",
        "__radd__",
        "__iadd__",
        "__matmul__",
        "__truediv__",
        "__floordiv__",
        "__mod__",
        "__pow__",
        "__neg__",
        "__abs__",
        "__index__",
        "__int__",
        "__float__",
        "__copy__",
        "__deepcopy__",
        "__reduce__",
        "__getstate__",
        "__setstate__",
        "__fspath__",
        "__prepare__",
        "__instancecheck__",
    ]
)
_GENERIC = frozenset({"decorator", "decorator-stack"})
DECORATOR_KINDS = {
    "builtins.property": "property",
    "builtins.staticmethod": "staticmethod",
    "builtins.classmethod": "classmethod",
    "abc.abstractmethod": "abstractmethod",
}


def recognizer(kind: str) -> Callable[[Recognizer], Recognizer]:
    def register(func: Recognizer) -> Recognizer:
        RECOGNIZERS[kind] = func
        return func

    return register


def recognize(cursor: Cursor, imports: ImportMap) -> list[Found]:
    """Every construct kind at the cursor, narrowest span first."""
    if cursor.token is not None and cursor.token.is_comment:
        return []
    found: list[Found] = []
    for kind, func in RECOGNIZERS.items():
        try:
            result = func(cursor, imports)
        except Exception:  # a broken recogniser must not fail the hover
            log.exception("recogniser for %s failed", kind)
            continue
        if result is not None:
            found.append(result)
    # narrowest first; on a tie the specific kind (``property``) before ``decorator``
    return sorted(found, key=lambda f: (f.end - f.start, f.kind in _GENERIC))


def at_token(cursor: Cursor, kind: str, node: ast.AST) -> Found:
    start, end = cursor.token_span()
    return Found(kind, start, end, node)


def at_node(cursor: Cursor, kind: str, node: ast.AST) -> Found:
    start, end = cursor.span(node)
    return Found(kind, start, end, node)


def stmt_of(cursor: Cursor) -> ast.AST | None:
    return cursor.innermost(ast.stmt)


def keyword_of(cursor: Cursor, types: tuple[type[ast.AST], ...], *words: str) -> ast.AST | None:
    """The innermost *types* statement when the token is one of its *words*."""
    if not cursor.word(*words):
        return None
    node = stmt_of(cursor)
    return node if isinstance(node, types) else None


def decorator_at(cursor: Cursor) -> tuple[ast.AST, ast.expr] | None:
    """``(decorated def/class, decorator expression)`` when the cursor is in a decorator."""
    for index, node in enumerate(cursor.path[:-1]):
        if isinstance(node, (*FUNCS, ast.ClassDef)):
            child = cursor.path[index + 1]
            for decorator in node.decorator_list:
                if decorator is child:
                    return node, decorator
    token = cursor.token
    stmt = stmt_of(cursor)
    if token is not None and token.string == "@" and isinstance(stmt, (*FUNCS, ast.ClassDef)):
        for decorator in stmt.decorator_list:
            if cursor.source.span(decorator)[0] == token.end:
                return stmt, decorator
    return None


def decorator_found(cursor: Cursor, kind: str) -> Found | None:
    found = decorator_at(cursor)
    if found is None:
        return None
    owner, decorator = found
    if kind == "decorator-stack" and len(owner.decorator_list) < 2:  # type: ignore[attr-defined]
        return None
    start, end = cursor.span(decorator)
    return Found(kind, start - 1, end, owner)


# Register the recognisers (import for their side effect).
from pygloss.engine.constructs import definitions, expressions, statements  # noqa: E402, F401
