"""Imports a fix made unused: ``time`` after ``time.sleep`` became ``asyncio.sleep``.

The import goes when nothing else in the module names it; a string that mentions the
name (``__all__``, a string annotation) counts as a use.  Never in an ``__init__.py``,
whose imports may be re-exports.  A statement that binds other names loses only this
one; one alone in its isort section takes its blank line with it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from pygloss.rules._imports import Import, line_start, next_line_start
from pygloss.rules.base import Edit
from pygloss.syntax.source import Source


def _names_in_strings(source: Source, name: str) -> bool:
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    return any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and pattern.search(node.value) is not None
        for node in source.walk()
    )


def _uses(source: Source, name: str, skip: tuple[int, int]) -> Iterator[ast.Name]:
    for node in source.walk():
        if isinstance(node, ast.Name) and node.id == name:
            start, end = source.span(node)
            if not (skip[0] <= start and end <= skip[1]):
                yield node


def _binds(alias: ast.alias, name: str, plain_import: bool) -> bool:
    if alias.asname:
        return alias.asname == name
    return (alias.name.split(".")[0] if plain_import else alias.name) == name


def drop_if_unused(
    source: Source,
    path: str | None,
    name: str,
    replaced: tuple[int, int],
    *,
    adding: bool = False,
) -> Edit | None:
    """The edit removing the module-level import of *name* when the only use of it
    lay in *replaced* (the text a fix rewrites), else None.  *adding*: the same fix
    adds an import, so the blank lines around this one stay (they are its section's)."""
    if path is not None and Path(path).name == "__init__.py":
        return None
    if next(_uses(source, name, replaced), None) is not None:
        return None
    if _names_in_strings(source, name):
        return None
    for statement in source.statements:
        if not isinstance(statement, ast.Import | ast.ImportFrom):
            continue
        plain = isinstance(statement, ast.Import)
        bound = [a for a in statement.names if _binds(a, name, plain)]
        if not bound:
            continue
        if len(bound) == len(statement.names):
            return _remove_statement(source, statement, keep_blank_lines=adding)
        return _remove_alias(source, statement, statement.names.index(bound[0]))
    return None


def _remove_statement(
    source: Source, statement: Import, *, keep_blank_lines: bool = False
) -> Edit | None:
    """Remove the statement's line; when blank lines set it apart (a section of its
    own), the blank lines above it go too (or, at the top of the file, those below)."""
    start, end = source.span(statement)
    first_column = line_start(source, start)
    stop = next_line_start(source, end)
    if source.text[first_column:start].strip() or source.text[end:stop].strip():
        return None  # `x = 1; import time` or a trailing comment: leave it
    first, last = source.line_of(start), source.line_of(max(start, end - 1))
    count = len(source.line_starts)
    blank_before = first == 0 or not source.line_text(first - 1).strip()
    blank_after = last + 1 >= count or not source.line_text(last + 1).strip()
    if keep_blank_lines or not (blank_before and blank_after):
        return Edit(first_column, stop, "")
    if first == 0:
        below = last + 1
        while below < count and not source.line_text(below).strip():
            below += 1
        end_at = source.line_starts[below] if below < count else len(source.text)
        return Edit(0, end_at, "")
    above = first
    while above > 0 and not source.line_text(above - 1).strip():
        above -= 1
    return Edit(source.line_starts[above], stop, "")


def _remove_alias(source: Source, statement: Import, index: int) -> Edit:
    spans = [source.span(alias) for alias in statement.names]
    if index == 0:
        return Edit(spans[0][0], spans[1][0], "")
    return Edit(spans[index - 1][1], spans[index][1], "")


def root_name(node: ast.expr) -> str | None:
    """The name a Name/Attribute chain starts from (``time`` in ``time.sleep``)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None
