"""Splice an edit into the previous version's parse: the text diff, the top-level
statement it touched, and that statement parsed again on its own.

Used by :mod:`pygloss.engine.incremental` (which states when the result equals a
full parse, and whose tests check it after random edits).
"""

from __future__ import annotations

import ast
import warnings

from pygloss.syntax.source import PARSE_ERRORS, ParseResult, Source

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # the longest k with a[:k] == b[:k]
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low


def splice(old_source: Source, source: Source) -> tuple[int, ast.stmt] | None:
    """``(index, statement)``: the top-level statement of *old_source* that the edit
    leading to *source* changed, parsed again, when the fast path applies (see
    :mod:`pygloss.engine.incremental`); None otherwise.  On success *source* gets
    the spliced parse (and the shifted line offsets) without parsing it whole."""
    old, new = old_source.text, source.text
    if "parse" in source.__dict__ or not old_source.parse.complete:
        return None
    if old.startswith("\ufeff") or new.startswith("\ufeff") or old == new:
        return None
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    old_end, new_end = len(old) - suffix, len(new) - suffix
    if any(c in "\r\n" for c in old[prefix:old_end]) or any(
        c in "\r\n" for c in new[prefix:new_end]
    ):
        return None
    if prefix and old[prefix - 1] == "\r":  # between \r and \n: the line breaks change
        return None
    extents = old_source.statement_extents
    index = _statement_holding(extents, prefix)
    if index is None:
        return None
    statement = old_source.statements[index]
    start, end = extents[index]
    if not isinstance(statement, _DEFINITIONS) or not statement.body or old_end > end:
        return None
    if prefix < old_source.span(statement.body[0])[0]:
        return None  # the header (decorators, signature, bases) changed
    if "line_starts" not in source.__dict__:  # no line break changed: shift the later ones
        delta = len(new) - len(old)
        source.__dict__["line_starts"] = [
            s if s <= prefix else s + delta for s in old_source.line_starts
        ]
    first = old_source.line_of(start)
    last = old_source.line_of(end)
    chunk_start = source.line_starts[first]
    chunk_end = source.line_starts[last + 1] if last + 1 < source.line_count else len(new)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse("\n" * first + new[chunk_start:chunk_end], type_comments=False)
    except PARSE_ERRORS:
        return None
    if len(tree.body) != 1:
        return None
    fresh = tree.body[0]
    if type(fresh) is not type(statement) or getattr(fresh, "name", None) != statement.name:
        return None
    statements = list(old_source.statements)
    statements[index] = fresh
    source.__dict__["parse"] = ParseResult(tuple(statements), ())

    return index, fresh


def _statement_holding(extents: list[tuple[int, int]], offset: int) -> int | None:
    low, high = 0, len(extents) - 1
    while low <= high:
        middle = (low + high) // 2
        start, end = extents[middle]
        if offset < start:
            high = middle - 1
        elif offset > end:
            low = middle + 1
        else:
            return middle
    return None
