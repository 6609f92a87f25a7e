"""Small text helpers that fixes share: indentation, line breaks, insertion points.

These work on offsets of a :class:`~pygloss.syntax.source.Source` and never parse.
"""

from __future__ import annotations

import ast

from pygloss.syntax.source import Source


def line_indent(source: Source, offset: int) -> str:
    """Leading whitespace of the line holding *offset*."""
    text = source.line_text(source.line_of(offset))
    return text[: len(text) - len(text.lstrip(" \t"))]


def starts_line(source: Source, offset: int) -> bool:
    """True when only whitespace precedes *offset* on its line."""
    line = source.line_of(offset)
    return not source.text[source.line_starts[line] : offset].strip()


def newline_of(source: Source, offset: int) -> str:
    """The line break used by the line holding *offset* (``\\n`` when there is none)."""
    line = source.line_of(offset)
    if line + 1 < len(source.line_starts):
        end = source.line_starts[line + 1]
        return "\r\n" if source.text[end - 2 : end] == "\r\n" else source.text[end - 1]
    return "\r\n" if "\r\n" in source.text else "\n"


def line_end(source: Source, offset: int) -> int:
    """Offset just before the line break of the line holding *offset*."""
    line = source.line_of(offset)
    return source.line_starts[line] + len(source.line_text(line))


def indent_unit(source: Source, outer: str, inner: str | None) -> str:
    """The file's indentation step: *inner* minus *outer* when known, else 4 spaces."""
    if inner is not None and inner.startswith(outer) and len(inner) > len(outer):
        return inner[len(outer) :]
    return "\t" if outer.startswith("\t") else "    "


def is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )
