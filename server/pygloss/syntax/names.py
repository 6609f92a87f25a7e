"""Resolve names to fully qualified names from a file's own imports (no jedi).

``ImportMap`` maps each local name bound by an import to what it refers to::

    import os.path            ->  os       -> os          (binds the top package)
    import numpy as np        ->  np       -> numpy
    from unittest import mock ->  mock     -> unittest.mock
    from x.y import z as w    ->  w        -> x.y.z
    from . import sibling     ->  sibling  -> .sibling    (relative: leading dots kept)

and :func:`qualify` turns a ``Name``/``Attribute`` chain into a dotted name with the
first part replaced through the map (``mock.patch.object`` -> ``unittest.mock.patch.object``).
Unimported names are qualified as builtins when they are builtins.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterable

BUILTIN_NAMES = frozenset(dir(builtins))


def dotted_name(node: ast.AST) -> str | None:
    """``a.b.c`` for a chain of Name/Attribute nodes, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


class ImportMap:
    """Local name -> fully qualified name, from import statements."""

    def __init__(self, bindings: dict[str, str] | None = None) -> None:
        self.bindings: dict[str, str] = dict(bindings or {})

    @classmethod
    def from_statements(cls, statements: Iterable[ast.stmt]) -> ImportMap:
        """Imports at module level, including inside if/try/with blocks (not defs)."""
        imports = cls()
        imports.add_statements(statements)
        return imports

    def add_statements(self, statements: Iterable[ast.stmt]) -> None:
        stack = list(reversed(list(statements)))  # popped from the end: source order
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Import | ast.ImportFrom):
                self.add(node)
            elif isinstance(node, ast.If | ast.Try | ast.With | ast.TryStar):
                children: list[ast.stmt] = list(node.body)
                children += getattr(node, "orelse", [])
                children += getattr(node, "finalbody", [])
                for handler in getattr(node, "handlers", []):
                    children += handler.body
                stack.extend(reversed(children))

    def add(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.bindings[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    self.bindings[top] = top
            return
        module = "." * (node.level or 0) + (node.module or "")
        for alias in node.names:
            if alias.name == "*":
                continue
            prefix = module if module.endswith(".") or not module else module + "."
            self.bindings[alias.asname or alias.name] = prefix + alias.name

    def scoped(self, statements: Iterable[ast.stmt]) -> ImportMap:
        """A copy with the imports made inside a function body added."""
        inner = ImportMap(self.bindings)
        for node in statements:
            for child in ast.walk(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    inner.add(child)
        return inner

    def resolve(self, dotted: str) -> str | None:
        """Qualify a dotted name; None when its first part is neither imported nor builtin."""
        head, _, rest = dotted.partition(".")
        target = self.bindings.get(head)
        if target is None:
            if head in BUILTIN_NAMES:
                target = "builtins." + head
            else:
                return None
        return f"{target}.{rest}" if rest else target

    def local_names_for(self, qualified: str) -> list[str]:
        """Local dotted spellings that resolve to *qualified* (``patch``, ``mock.patch``)."""
        spellings: list[str] = []
        for local, target in self.bindings.items():
            if qualified == target:
                spellings.append(local)
            elif qualified.startswith(target + "."):
                spellings.append(local + qualified[len(target) :])
        return spellings


def qualify(node: ast.AST, imports: ImportMap) -> str | None:
    """Fully qualified name of a Name/Attribute chain through *imports*, or None."""
    dotted = dotted_name(node)
    return imports.resolve(dotted) if dotted else None
