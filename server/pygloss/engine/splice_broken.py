"""An edit that leaves one top-level def/class body unparseable: what the tolerant
full parse (:meth:`Source.parse`, ``recover``) would make of the new version,
computed from the previous version's statements and a parse of that one statement.

For a text broken only there, ``recover`` parses the statements before it in one
piece (the same as before the edit: their text did not change and ends where a
top-level statement starts), reports the error of the broken chunk parsed alone
(with the line numbers of that parse in its message), keeps what ``rescue`` makes
of that chunk (the class with its broken method written over by ``pass``, or
nothing for a broken function), and parses the rest in one piece (the same
statements as before, shifted).  That holds when

* the tolerant parse cuts the text into the same chunks there: the statement's first
  line starts a chunk, no line before the next statement does, and the next
  statement's first line does (lines at column 0 inside a string would break this);
  only blank and comment lines lie between the statement before and this one (not a
  lone backslash, which joins them);
* the error of the whole text lies in that chunk, and no merge of the chunk with the
  chunks after it parses: the chunk is the last one (the text ends with it), or its
  error is not one found at the end of the text (an unclosed bracket or string, a
  missing block) and the chunk followed by the next statement fails with the very
  same error, so the parser stopped inside the chunk (the statements after it
  cannot change where it stopped);
* the edit adds or removes no line, so the previous version's trees are used as
  they are (that version stays the base the next edit is diffed against).

Otherwise :func:`splice_broken` returns None and the full path runs.
"""

from __future__ import annotations

import ast
import bisect
import warnings

from pygloss.engine.splice import Region, Spliced
from pygloss.syntax.recovery import chunk_starts, issue_of, rescue
from pygloss.syntax.source import PARSE_ERRORS, ParseResult, Source

_AT_END = ("never closed", "EOF", "unterminated triple-quoted", "expected an indented block")


def _error(code: str) -> SyntaxError | None:
    """The SyntaxError of parsing *code* as ``recover`` does (None: it parses or
    fails otherwise)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(code, type_comments=False)
    except SyntaxError as exc:
        return exc
    except PARSE_ERRORS:
        return None
    return None


def _where(exc: SyntaxError) -> tuple[object, ...]:
    return (type(exc), exc.msg, exc.lineno, exc.offset, exc.end_lineno, exc.end_offset)


def splice_broken(old_source: Source, source: Source, region: Region) -> Spliced | None:
    """The spliced parse of *source* when its only syntax error is in the statement of
    *region* (see the module docstring); None when that cannot be shown."""
    if region.line_delta:
        return None
    text, line_starts = source.text, source.line_starts
    starts = chunk_starts(text, line_starts)
    at = bisect.bisect_left(starts, region.first)
    if at == len(starts) or starts[at] != region.first:
        return None
    extents = old_source.statement_extents
    gap = text[extents[region.index - 1][1] if region.index else 0 : region.chunk_start]
    if any(line.strip()[:1] not in ("", "#") for line in gap.splitlines()):
        return None  # a backslash line joins the statement before to this one
    following = starts[at + 1] if at + 1 < len(starts) else source.line_count
    if following != region.stop:
        return None
    chunk = text[region.chunk_start : region.chunk_end]
    exc = _error(chunk)
    if exc is None:
        return None
    issue = issue_of(exc, region.first)
    if not region.first <= issue.line < region.stop:
        return None
    if at + 1 < len(starts):  # the chunk and the next statement: the same error
        if any(words in (exc.msg or "") for words in _AT_END):
            return None
        after = starts[at + 2] if at + 2 < len(starts) else None
        merged = text[region.chunk_start : line_starts[after] if after is not None else None]
        again = _error(merged)
        if again is None or _where(again) != _where(exc):
            return None
    rescued = rescue(chunk, region.first)
    old = old_source.statements[region.index]
    same = (
        len(rescued) == 1
        and type(rescued[0]) is type(old)
        and getattr(rescued[0], "name", None) == getattr(old, "name", None)
    )
    statements = [*old_source.statements[: region.index], *rescued]
    statements += old_source.statements[region.index + 1 :]
    errors = (issue,)
    source.__dict__["parse"] = ParseResult(tuple(statements), errors)
    return Spliced(region.index, rescued, 0, errors, same)
