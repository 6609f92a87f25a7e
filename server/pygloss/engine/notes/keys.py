"""Lookup keys for the notes: what is under the cursor, as the notes index it.

:func:`keys_from` turns what ``explain`` found at the cursor into keys:

* the qualified name under the cursor (from the file's imports and bindings, as the
  hover resolves it, whether or not the knowledge base knows it, plus any name the
  hover resolved through jedi); what that leaves unresolved is typed as the notes
  are (:mod:`.context`): a receiver named like its type when its package is
  imported (``session`` with SQLAlchemy, ``app`` with FastAPI, ``loop`` with
  asyncio; ``mocker`` and ``monkeypatch`` as parameters), a literal receiver
  (``", ".join`` is ``str.join``); on a decorator's ``@``, the whole decorator;
* on a keyword argument, the keyword of the function called, then the function
  (``key=`` in ``sorted(xs, key=len)``: ``builtins.sorted.key``, ``builtins.sorted``);
* on an operator or a subscript of a typed value, its special method, and for sets
  the method it stands for (``a | b``: ``set.__or__``, ``set.union``; ``d['k']``:
  ``dict.__getitem__``);
* every construct kind there; the dunder method defined or called (``__new__``);
  the pytest fixture a test takes (``tmp_path``); in ``__init__.py`` and
  ``__main__.py``, the file itself for its module-level code;
* notes-only topics the vocabulary has no kind for: a subscript, a ``for`` loop,
  an ``in`` test, a multiple assignment, a private ``__name``, an argument the
  function changes in place (see :data:`.vocabulary.TOPICS`).

When nothing matches the name itself, the fallback keys are tried (the enclosing
attribute: ``mock`` in ``mock.patch`` -> ``unittest.mock.patch``).  :func:`keys_at`
computes the keys without the knowledge base or jedi, for ``pygloss notes which``.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Sequence
from dataclasses import dataclass

from pygloss.engine.constructs import recognize
from pygloss.engine.cursor import Cursor, cursor_at
from pygloss.engine.explain import imports_for
from pygloss.engine.explainers import Target
from pygloss.engine.names import LITERAL_TYPES as NAMES_LITERAL_TYPES
from pygloss.engine.names import resolve_syntax
from pygloss.engine.notes.index import Key
from pygloss.engine.notes.typed import (
    FUNCS,
    is_parameter,
    operation_keys,
    typed_by_name,
)
from pygloss.engine.notes.usage import (
    MODULE_DUNDERS,
    PYTEST_FIXTURES,
)
from pygloss.engine.tolerant import recovered_view
from pygloss.syntax.names import ImportMap, dotted_name, qualify
from pygloss.syntax.source import Source

_PACKAGE_FILES = ("__init__.py", "__main__.py")


@dataclass(frozen=True)
class CursorKeys:
    """Lookup keys at a cursor; *fallback* is tried when *keys* match nothing by name."""

    keys: tuple[Key, ...]
    fallback: tuple[Key, ...]
    spans: dict[Key, tuple[int, int]]
    packages: frozenset[str] | None = None  # top-level packages the file imports

    def all(self) -> tuple[Key, ...]:
        return (*self.keys, *self.fallback)


def _syntax_names(cursor: Cursor, imports: ImportMap) -> list[tuple[str, tuple[int, int]]]:
    """The name under the cursor, then the attribute it is the value of, qualified."""
    node = cursor.node
    if node is None:
        return []
    path = cursor.path
    if isinstance(node, ast.alias) and len(path) > 1:
        statement = path[-2]
        if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
            return [(f"{statement.module}.{node.name}", cursor.span(statement))]
        if isinstance(statement, ast.Import):
            return [(node.name, cursor.span(statement))]
        return []
    if isinstance(node, ast.keyword):  # sorted(xs, key=len): the keyword, then the function
        call = cursor.parent_of(node)
        name = qualify(call.func, imports) if isinstance(call, ast.Call) else None
        if not name or node.arg is None:
            return []
        return [(f"{name}.{node.arg}", cursor.span(node)), (name, cursor.span(node))]
    if not isinstance(node, ast.Name | ast.Attribute):
        return []
    chain: list[ast.AST] = [node]
    parent = cursor.parent_of(node)
    if isinstance(parent, ast.Attribute) and parent.value is node:
        chain.append(parent)
    if cursor.source.text[cursor.offset : cursor.offset + 1] == "@":
        # on a decorator's @: the decorator's whole name first (@mock.patch, not mock)
        while isinstance(parent, ast.Attribute) and parent.value is chain[-1]:
            chain.append(parent)
            parent = cursor.parent_of(parent)
        chain.reverse()
    line = cursor.source.line_of(cursor.offset) + 1
    found: list[tuple[str, tuple[int, int]]] = []
    for candidate in chain:
        resolved = resolve_syntax(candidate, cursor.source, path, imports, line)
        name = resolved.name if resolved is not None else typed_by_name(candidate, cursor, imports)
        if name is not None:
            found.append((name, cursor.span(candidate)))
    return found


def _fixture(cursor: Cursor) -> tuple[str, tuple[int, int]] | None:
    """A pytest fixture the enclosing test or fixture takes, under the cursor."""
    node = cursor.node
    if isinstance(node, ast.arg):
        name = node.arg
    elif isinstance(node, ast.Name):
        name = node.id
    else:
        return None
    if name not in PYTEST_FIXTURES or not is_parameter(name, cursor.path):
        return None
    return name, cursor.span(node)


def _dunder(cursor: Cursor) -> tuple[str, tuple[int, int]] | None:
    node = cursor.node
    token = cursor.token
    if token is None or not (token.string.startswith("__") and token.string.endswith("__")):
        return None
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Attribute):
        return token.string, (token.start, token.end)
    if isinstance(node, ast.Name) and (
        node.id in MODULE_DUNDERS or isinstance(node.ctx, ast.Store)
    ):
        return node.id, (token.start, token.end)  # __file__; __slots__ = ... in a class
    return None


_MUTATORS = frozenset(
    [
        "append",
        "extend",
        "insert",
        "remove",
        "pop",
        "clear",
        "sort",
        "reverse",
        "update",
        "setdefault",
        "popitem",
        "add",
        "discard",
        "difference_update",
        "intersection_update",
    ]
)


def _mutated_argument(cursor: Cursor) -> tuple[int, int] | None:
    """A parameter of the enclosing function whose object is changed in place here
    (``items.append(x)``, ``items[0] = x``, ``items += more``): what the caller passed."""
    node = cursor.node
    if not isinstance(node, ast.Name) or not is_parameter(node.id, cursor.path):
        return None
    parent = cursor.parent_of(node)
    mutated = (
        (isinstance(parent, ast.Subscript) and isinstance(parent.ctx, ast.Store | ast.Del))
        or (isinstance(parent, ast.AugAssign) and parent.target is node)
        or (
            isinstance(parent, ast.Attribute)
            and parent.attr in _MUTATORS
            and isinstance(cursor.parent_of(parent), ast.Call)
        )
    )
    return cursor.span(node) if mutated else None


def _topics(cursor: Cursor) -> list[tuple[str, tuple[int, int]]]:
    """Notes-only topics at the cursor (see :data:`pygloss.engine.notes.vocabulary.TOPICS`)."""
    node = cursor.node
    token = cursor.token
    word = token.string if token is not None else ""
    span = (token.start, token.end) if token is not None else (cursor.offset, cursor.offset)
    parent = cursor.parent_of(node) if node is not None else None
    found: list[tuple[str, tuple[int, int]]] = []
    if isinstance(node, ast.Subscript) or (
        isinstance(parent, ast.Subscript)
        and node is parent.slice
        and isinstance(node, ast.Constant | ast.UnaryOp)
    ):
        found.append(("subscript", span))
    if isinstance(node, ast.For | ast.AsyncFor) and word == "for":
        found.append(("for-loop", span))
    if (
        isinstance(node, ast.Compare)
        and word in ("in", "not")
        and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
    ):
        found.append(("membership", span))
    if isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Store) and word == ",":
        found.append(("multiple-assignment", span))  # on the comma of `a, b = pair`
    if (
        isinstance(node, ast.Attribute)
        and node.attr.startswith("__")
        and not node.attr.endswith("__")
    ):
        found.append(("name-mangling", span))
    if isinstance(node, ast.Raise) and word == "raise" and node.cause is None:
        found.append(("raise", span))
    if isinstance(node, ast.IfExp) and word in ("if", "else"):
        found.append(("conditional-expression", span))
    if (mutated := _mutated_argument(cursor)) is not None:
        found.append(("argument-passing", mutated))
    return found


_DECORATOR_KINDS = frozenset({"decorator", "decorator-stack"})


def _on_decorator_name(cursor: Cursor) -> bool:
    """On a decorator's ``@`` or its name (``@mock.patch(`` up to the parenthesis)."""
    token = cursor.token
    if token is not None and token.string == "@":
        return True
    for node in cursor.path:
        decorators = getattr(node, "decorator_list", None)
        if not decorators:
            continue
        for decorator in decorators:
            callee = decorator.func if isinstance(decorator, ast.Call) else decorator
            start, end = cursor.span(callee)
            if start <= cursor.offset <= end:
                return True
    return cursor.source.text[cursor.offset : cursor.offset + 1] == "@"


def _package_file(cursor: Cursor) -> str | None:
    """``__init__.py`` for its imports and ``__all__``; ``__main__.py`` for its imports
    and its module-level calls (``main()``)."""
    name = os.path.basename(cursor.source.path or "")
    if name not in _PACKAGE_FILES or not cursor.path:
        return None
    statement = cursor.path[0]
    if any(isinstance(node, (*FUNCS, ast.ClassDef)) for node in cursor.path):
        return None  # the body of a def or class: about that code, not the file
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return name
    if name == "__main__.py" and isinstance(statement, ast.Expr):
        return name  # main() at module level: what `python -m package` runs
    if isinstance(statement, ast.Assign) and any(
        dotted_name(t) == "__all__" for t in statement.targets
    ):
        return name
    return None


def keys_from(cursor: Cursor, imports: ImportMap, targets: Sequence[Target]) -> CursorKeys:
    keys: list[Key] = []
    fallback: list[Key] = []
    spans: dict[Key, tuple[int, int]] = {}

    def add(key: Key, span: tuple[int, int], primary: bool = True) -> None:
        if key not in keys and key not in fallback:
            (keys if primary else fallback).append(key)
            spans.setdefault(key, span)

    for index, (name, span) in enumerate(_syntax_names(cursor, imports)):
        add(("name", name), span, index == 0)
    for target in targets:
        if target.kind in _DECORATOR_KINDS and not _on_decorator_name(cursor):
            continue  # inside a decorator's arguments: about the argument, not decorators
        if target.kind != "name":
            add(("kind", target.kind), (target.start, target.end))
        elif target.name:
            add(("name", target.name), (target.start, target.end))
    if (dunder := _dunder(cursor)) is not None:
        add(("dunder", dunder[0]), dunder[1])
    if (fixture := _fixture(cursor)) is not None:
        add(("fixture", fixture[0]), fixture[1])
    if (package_file := _package_file(cursor)) is not None:
        add(("file", package_file), cursor.span(cursor.path[0]))
    for name, span in operation_keys(cursor, imports):
        add(("name", name), span)
    literal = cursor.node
    token = cursor.token
    on_bracket = token is not None and token.string in ("[", "{", "(")
    if literal is not None and on_bracket and type(literal) in NAMES_LITERAL_TYPES:
        typed = NAMES_LITERAL_TYPES[type(literal)]
        add(("name", typed), cursor.span(literal))  # on a display's opening bracket
    for topic, span in _topics(cursor):
        add(("topic", topic), span)
    fallback = [k for k in fallback if k not in keys]
    packages = frozenset(
        target.split(".")[0] for target in imports.bindings.values() if not target.startswith(".")
    )
    return CursorKeys(tuple(keys), tuple(fallback), spans, packages)


def keys_at(source: Source, offset: int) -> CursorKeys:
    """The keys a hover at *offset* looks up (without the knowledge base or jedi)."""
    view = recovered_view(source, offset) or source
    cursor = cursor_at(view, offset)
    imports = imports_for(view)
    targets = [
        Target(found.kind, found.start, found.end, found.node, cursor.path)
        for found in recognize(cursor, imports)
    ]
    return keys_from(cursor, imports, targets)
