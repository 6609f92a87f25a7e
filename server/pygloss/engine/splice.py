"""Splice an edit into the previous version's parse: the text diff, the top-level
statement it touched, and that statement parsed again on its own.

Used by :mod:`pygloss.engine.incremental` (which states when the result equals a
full parse, and whose tests check it after random edits).  A statement that no
longer parses is handled by :mod:`pygloss.engine.splice_broken`.
"""

from __future__ import annotations

import ast
import bisect
import warnings
from dataclasses import dataclass

from pygloss.rules._walk import CHILD_FIELDS, child_fields
from pygloss.syntax.source import _NEWLINE, PARSE_ERRORS, ParseResult, Source, SyntaxIssue

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_MAX_SLIDE = 200  # characters an insertion or deletion is slid back at most


@dataclass
class Spliced:
    """What replaced the top-level statement *index* of the previous version."""

    index: int
    fresh: list[ast.stmt]  # the statement parsed again (or what recovery made of it)
    line_delta: int  # lines added (negative: removed) by the edit
    errors: tuple[SyntaxIssue, ...] = ()  # the new version's syntax errors
    same_shape: bool = True  # one statement of the same kind and name as before


@dataclass
class Region:
    """The top-level statement an edit changed, and the new text of its lines."""

    index: int
    first: int  # its first line (0-based; the same in both versions)
    stop: int  # the line after its last one in the new version (the next statement's)
    chunk_start: int  # offsets of those lines in the new text
    chunk_end: int
    line_delta: int


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


def edited_region(old_source: Source, source: Source) -> Region | None:
    """The statement of *old_source* (complete, parsed) whose body the edit leading to
    *source* changed, when the edit lies inside the body of one top-level def/class:
    after the start of its first body statement and before the line where the next
    top-level statement starts.  Also gives *source* its line offsets (those before
    the edit kept, those after it shifted) without scanning the whole text."""
    old, new = old_source.text, source.text
    if "parse" in source.__dict__ or not old_source.parse.complete:
        return None
    if old.startswith("\ufeff") or new.startswith("\ufeff") or old == new:
        return None
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    old_end = len(old) - suffix
    placed = _place(old_source, prefix, old_end)
    # an insertion or deletion can often sit a little earlier just as well (a pasted
    # line that repeats the text before it): slide it back until it fits a body
    longer, end = (new, len(new) - suffix) if old_end == prefix else (old, old_end)
    pure = old_end == prefix or len(new) - suffix == prefix
    slid = 0
    while placed is None and pure and 0 < prefix < end and slid < _MAX_SLIDE:
        if longer[prefix - 1] != longer[end - 1]:
            break
        prefix, old_end, end, slid = prefix - 1, old_end - 1, end - 1, slid + 1
        placed = _place(old_source, prefix, old_end)
    if placed is None or (prefix and old[prefix - 1] == "\r"):
        return None  # (a change between \r and \n changes the line breaks)
    index, old_stop = placed
    extents, old_starts = old_source.statement_extents, old_source.line_starts
    if source.parse_unit(extents[index][0]) != source.parse_unit(len(new) - suffix):
        return None  # (a notebook: the edit is in a later cell than the definition)
    first = old_source.line_of(extents[index][0])
    delta = len(new) - len(old)
    chunk_end = old_starts[old_stop] + delta if old_stop < len(old_starts) else len(new)
    edited = old_source.line_of(prefix)
    if "line_starts" not in source.__dict__:  # rescan only the lines the edit changed
        middle = [m.end() for m in _NEWLINE.finditer(new, old_starts[edited], chunk_end)]
        tail = [start + delta for start in old_starts[old_stop + 1 :]]
        source.__dict__["line_starts"] = old_starts[: edited + 1] + middle + tail
    line_delta = source.line_count - len(old_starts)
    stop = old_stop + line_delta
    return Region(index, first, stop, source.line_starts[first], chunk_end, line_delta)


def _place(old_source: Source, prefix: int, old_end: int) -> tuple[int, int] | None:
    """``(index, line)``: the top-level def/class whose body holds the edit of
    ``old[prefix:old_end]`` and the line where the next statement starts (the line
    count when none does); None when the edit is not inside one body."""
    extents = old_source.statement_extents
    index = bisect.bisect_right([start for start, _ in extents], prefix) - 1
    if index < 0:
        return None
    statement = old_source.statements[index]
    if not isinstance(statement, _DEFINITIONS) or not statement.body:
        return None
    if prefix < old_source.span(statement.body[0])[0]:
        return None  # the header (decorators, signature, bases) changed
    if index + 1 == len(extents):
        return index, old_source.line_count
    old_stop = old_source.line_of(extents[index + 1][0])
    if old_end >= old_source.line_starts[old_stop]:
        return None  # the edit reaches the next statement's first line
    return index, old_stop


def splice(old_source: Source, source: Source) -> Spliced | None:
    """The statement of *old_source* that the edit leading to *source* changed, parsed
    again, when the fast path applies (see :mod:`pygloss.engine.incremental`); None
    otherwise.  On success *source* gets the spliced parse without parsing it whole,
    and the later statements' line numbers are shifted *in place* when the edit
    added or removed lines (the old version's trees must not be used afterwards)."""
    region = edited_region(old_source, source)
    if region is None:
        return None
    statement = old_source.statements[region.index]
    code = source.text[region.chunk_start : region.chunk_end]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse("\n" * region.first + code, type_comments=False)
    except PARSE_ERRORS:
        if not source.whole_parse:  # a notebook's cell: its own recovery, not the file's
            return None
        from pygloss.engine.splice_broken import splice_broken

        return splice_broken(old_source, source, region)
    if len(tree.body) != 1:
        return None
    fresh = tree.body[0]
    if type(fresh) is not type(statement) or getattr(fresh, "name", None) != getattr(
        statement, "name", None
    ):
        return None
    statements = list(old_source.statements)
    statements[region.index] = fresh
    shift_lines(statements[region.index + 1 :], region.line_delta)
    source.__dict__["parse"] = ParseResult(tuple(statements), ())
    return Spliced(region.index, [fresh], region.line_delta)


def shift_lines(statements: list[ast.stmt], delta: int) -> None:
    """``ast.increment_lineno`` of each statement, in place, with a walk over only the
    fields that can hold nodes (several times faster on a large file)."""
    if not delta:
        return
    stack: list[ast.AST] = list(statements)
    pop, push = stack.pop, stack.append
    known, node_type = CHILD_FIELDS, ast.AST
    while stack:
        node = pop()
        lineno = getattr(node, "lineno", None)
        if lineno is not None:
            node.lineno = lineno + delta  # type: ignore[attr-defined]
            end = getattr(node, "end_lineno", None)
            if end is not None:
                node.end_lineno = end + delta  # type: ignore[attr-defined]
        fields = known.get(type(node))
        if fields is None:
            fields = child_fields(type(node))
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, node_type):
                        push(item)
            elif isinstance(value, node_type):
                push(value)
