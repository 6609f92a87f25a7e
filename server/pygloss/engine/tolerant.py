"""Hovers inside a statement that does not parse, with parso's error-recovering tree.

:class:`~pygloss.syntax.source.Source` recovers per top-level statement: a broken
``def`` leaves a gap that the stdlib ``ast`` cannot see into.  For an offset in such a
gap, :func:`recovered_view` parses only that gap with parso (which recovers from
errors), walks up from the leaf under the cursor through the statements parso found,
and re-parses the outermost one that the stdlib ``ast`` accepts (wrapped in ``if 1:``
when it is indented).  The result is a :class:`Source` with the *same text* whose
statements include the recovered one at its real lines and columns, so the normal
pipeline runs on it unchanged.  Per source, each gap is parsed at most once.

Python 3.12 syntax that an older ``ast`` rejects (``type X = ...``, ``def f[T]``) is
recognised from the line's text by :func:`legacy_type_params`.
"""

from __future__ import annotations

import ast
import bisect
import re
import sys
import threading
import weakref
from typing import Any

from pygloss.syntax.source import PARSE_ERRORS, ParseResult, Source

_STATEMENTS = frozenset(
    {"funcdef", "classdef", "decorated", "async_stmt", "async_funcdef", "if_stmt", "for_stmt",
     "while_stmt", "try_stmt", "with_stmt", "simple_stmt", "match_stmt"}
)  # fmt: skip
_CACHE: weakref.WeakKeyDictionary[Source, dict[Any, Source | None]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
_TYPE_ALIAS = re.compile(r"^\s*(type)\s+\w+\s*(\[[^\]]*\])?\s*=")
_GENERIC_DEF = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+\w+\s*(\[[^\]]*\])")


def gap_at(source: Source, offset: int) -> tuple[int, int] | None:
    """0-based ``(first, last + 1)`` lines of the unparsed gap holding *offset*."""
    if source.parse.complete:
        return None
    extents = source.statement_extents
    index = bisect.bisect_right([start for start, _ in extents], offset) - 1
    if index >= 0 and extents[index][0] <= offset < extents[index][1]:
        return None
    first = source.line_of(extents[index][1]) + 1 if index >= 0 else 0
    stop = source.line_of(extents[index + 1][0]) if index + 1 < len(extents) else source.line_count
    line = source.line_of(offset)
    if not first <= line < stop:
        return None
    return first, stop


def recovered_view(source: Source, offset: int) -> Source | None:
    """A view of *source* that also holds the broken statement around *offset*."""
    gap = gap_at(source, offset)
    if gap is None:
        return None
    line = source.line_of(offset)
    with _LOCK:
        views = _CACHE.setdefault(source, {})
        key = (gap, line)
        if key in views:
            return views[key]
    view = _recover(source, gap, offset)
    with _LOCK:
        views[key] = view
    return view


def _parso_tree(source: Source, gap: tuple[int, int]) -> Any:
    import parso

    with _LOCK:
        views = _CACHE.setdefault(source, {})
        tree = views.get(("parso", gap))
    if tree is None:
        start = source.line_starts[gap[0]]
        end = source.line_starts[gap[1]] if gap[1] < source.line_count else len(source.text)
        tree = parso.parse(source.text[start:end], error_recovery=True)  # type: ignore[no-untyped-call]
        with _LOCK:
            views[("parso", gap)] = tree
    return tree


def _recover(source: Source, gap: tuple[int, int], offset: int) -> Source | None:
    tree = _parso_tree(source, gap)
    line, column = source.position(offset)
    leaf = tree.get_leaf_for_position((line - gap[0] + 1, column), include_prefixes=False)
    candidates = []
    node = leaf
    while node is not None and node.type != "file_input":
        if node.type in _STATEMENTS:
            candidates.append(node)
        node = node.parent
    for candidate in reversed(candidates):  # outermost first: the most context
        first = candidate.start_pos[0] - 1 + gap[0]
        end_line, end_col = candidate.end_pos
        last = end_line - 1 + gap[0] - (1 if end_col == 0 else 0)
        # parso may stretch a statement over the broken lines after it: drop those
        for stop in range(last, max(first, line) - 1, -1):
            statements = _parse_lines(source, first, stop, candidate.start_pos[1])
            if statements:
                return _with_statements(source, statements)
    # parso found no statement that parses: the cursor's line with its indented block
    indent = _indent(source.line_text(line))
    last = line
    for following in range(line + 1, gap[1]):
        text = source.line_text(following)
        if text.strip() and _indent(text) <= indent:
            break
        last = following
    statements = _parse_lines(source, line, last, indent)
    return _with_statements(source, statements) if statements else None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _parse_lines(source: Source, first: int, last: int, column: int) -> list[ast.stmt] | None:
    """The statements on lines ``first..last`` (0-based), parsed at their real positions."""
    if not source.line_text(first)[:column].isspace() and column:
        return None  # something else precedes the statement on its line
    lines = [source.line_text(n) for n in range(first, last + 1)]
    if first == 0 and lines and lines[0].startswith("\ufeff"):
        return None
    wrapped = column > 0
    code = ("if 1:\n" if wrapped else "") + "\n".join(lines) + "\n"
    try:
        tree = ast.parse(code)
    except PARSE_ERRORS:
        return None
    body: list[ast.stmt] = tree.body
    if wrapped:
        if len(body) != 1 or not isinstance(body[0], ast.If):
            return None
        body = body[0].body
    for statement in body:
        ast.increment_lineno(statement, first - (1 if wrapped else 0))
    return body


def _with_statements(source: Source, extra: list[ast.stmt]) -> Source:
    merged = sorted([*source.statements, *extra], key=lambda s: (s.lineno, s.col_offset))
    view = Source(source.text, source.path)
    view.__dict__["parse"] = ParseResult(tuple(merged), source.parse.errors)
    return view


def legacy_type_params(source: Source, offset: int) -> tuple[int, int] | None:
    """Span of PEP 695 syntax at *offset* when this Python's ``ast`` cannot parse it."""
    if sys.version_info >= (3, 12) or gap_at(source, offset) is None:
        return None
    line, column = source.position(offset)
    text = source.line_text(line)
    base = source.line_starts[line]
    alias = _TYPE_ALIAS.match(text)
    if alias and alias.start(1) <= column < alias.end(1):
        return base + alias.start(1), base + alias.end(1)
    generic = _GENERIC_DEF.match(text)
    if generic and generic.start(1) <= column < generic.end(1):
        return base + generic.start(1), base + generic.end(1)
    return None
