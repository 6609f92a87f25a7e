"""Scopes of a parsed file, indexed once: which statements bind which names.

Name resolution (:mod:`pygloss.engine.names`) asks, for every hover, where a name
is bound in the enclosing functions and in the module.  Walking a scope's body each
time costs milliseconds on a big file, so each body is indexed once, on first use,
and the index hangs off what owns the body (the def node, or the :class:`Source`
for the module) in weak dictionaries, so it goes away with the document version.

Bindings are statements (assignments, ``with ... as``, imports), so the walks here
visit statements only (:func:`statements_in`), never expressions, and do not enter
nested defs, classes or lambdas: their bodies are other scopes.
"""

from __future__ import annotations

import ast
import threading
import weakref
from collections.abc import Iterator, Sequence

from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_BLOCKS = ("body", "orelse", "finalbody")


def statements_in(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement of *body* and of its blocks (if/for/while/try/with/match),
    in source order; a def or class is yielded but not entered."""
    stack: list[ast.stmt] = list(reversed(body))
    while stack:
        statement = stack.pop()
        yield statement
        if isinstance(statement, SCOPES):
            continue
        inner: list[ast.stmt] = []
        for name in _BLOCKS:
            inner.extend(getattr(statement, name, ()) or ())
        for handler in getattr(statement, "handlers", ()):
            inner.extend(handler.body)
        for case in getattr(statement, "cases", ()):
            inner.extend(case.body)
        inner.sort(key=lambda s: (s.lineno, s.col_offset))
        stack.extend(reversed(inner))


def bound_names(node: ast.AST) -> list[str]:
    """Names a statement binds that name resolution can type."""
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.With | ast.AsyncWith):
        return [i.optional_vars.id for i in node.items if isinstance(i.optional_vars, ast.Name)]
    return []


class ScopeIndex:
    """The bindings of one scope's body.

    ``bindings``: name -> the statements that bind it (annotated and plain
    assignments, ``with ... as name``), anywhere in the body but not inside nested
    scopes; ``defined``: names that a ``def``, ``class`` or plain assignment at the
    top level of the body defines.
    """

    def __init__(self, body: Sequence[ast.stmt]) -> None:
        self.bindings: dict[str, list[ast.stmt]] = {}
        self.defined: set[str] = set()
        for statement in body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                self.defined.add(statement.name)
            elif isinstance(statement, ast.Assign):
                self.defined.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        for statement in statements_in(body):
            for name in bound_names(statement):
                self.bindings.setdefault(name, []).append(statement)


_INDEXES: weakref.WeakKeyDictionary[object, ScopeIndex] = weakref.WeakKeyDictionary()
_SCOPED_IMPORTS: weakref.WeakKeyDictionary[ast.AST, tuple[ImportMap, ImportMap]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def index_of(owner: object, body: Sequence[ast.stmt]) -> ScopeIndex:
    """The index of *body*, built once per *owner* (a def node, or the Source)."""
    with _LOCK:
        index = _INDEXES.get(owner)
    if index is None:
        index = ScopeIndex(body)
        with _LOCK:
            _INDEXES[owner] = index
    return index


def scoped_imports(owner: ast.FunctionDef | ast.AsyncFunctionDef, base: ImportMap) -> ImportMap:
    """*base* plus the imports made in *owner*'s body (cached per def and base)."""
    with _LOCK:
        cached = _SCOPED_IMPORTS.get(owner)
    if cached is not None and cached[0] is base:
        return cached[1]
    scoped = ImportMap(base.bindings)
    for statement in statements_in(owner.body):
        if isinstance(statement, ast.Import | ast.ImportFrom):
            scoped.add(statement)
    with _LOCK:
        _SCOPED_IMPORTS[owner] = (base, scoped)
    return scoped


def imports_at(path: Sequence[ast.AST], imports: ImportMap) -> ImportMap:
    """The module's *imports* plus those of every def enclosing the node *path*."""
    for owner in path:
        if isinstance(owner, FUNCS):
            imports = scoped_imports(owner, imports)
    return imports


class Scope:
    """The scopes visible at a 1-based *line*: the enclosing defs (or the class body the
    line is directly in), then the module.

    *module* is the :class:`Source` (its index is cached) or, for older callers, its
    statements (indexed on each use).
    """

    def __init__(
        self, module: Source | Sequence[ast.stmt], path: Sequence[ast.AST], line: int
    ) -> None:
        self.module = module
        self.path = path
        self.line = line

    @property
    def statements(self) -> Sequence[ast.stmt]:
        return self.module.statements if isinstance(self.module, Source) else self.module

    def bodies(self) -> list[tuple[ast.AST | None, ScopeIndex]]:
        """The enclosing defs' bodies (innermost first), then the module's; a class body
        only when the code runs in it directly (``id = Column(...)`` in a class body
        binds a class attribute), since nothing nested in a class sees its names."""
        scopes: list[tuple[ast.AST | None, ScopeIndex]] = []
        innermost = True
        for node in reversed(self.path):
            if isinstance(node, ast.ClassDef) and innermost:
                scopes.append((node, index_of(node, node.body)))
            if isinstance(node, FUNCS):
                scopes.append((node, index_of(node, node.body)))
            if isinstance(node, SCOPES):
                innermost = False
        if isinstance(self.module, Source):
            scopes.append((None, index_of(self.module, self.module.statements)))
        else:
            scopes.append((None, ScopeIndex(self.module)))
        return scopes
