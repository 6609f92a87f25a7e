"""Hovers inside code that does not parse: repair the unparsed region, line by line.

:class:`~pygloss.syntax.source.Source` recovers per top-level statement: a broken
statement leaves a *gap* (the lines between the statements that parsed) that the
stdlib ``ast`` cannot see into, or, for a class with a broken method, the class with
that whole method written over by ``pass``.  For an offset in such a region,
:func:`recovered_view` repairs the region's text and parses it again, and returns a
:class:`Source` with the *same text* whose statements hold the repaired ones (in
place of what ``Source`` made of the region), at their real lines and columns, so
the normal pipeline runs on it unchanged -- inside the broken method too.

The repair is a loop over ``ast.parse`` (the C parser: a 1,500-line gap parses in
~15 ms), each round rewriting the one line the ``SyntaxError`` points at:

* a line that opens an indented block it can no longer own (``def f(a,`` followed by
  its body) becomes ``if True:``, so the body stays parseable; any other broken line
  becomes ``pass`` at its indentation; a line already rewritten is blanked, then the
  line before it is tried;
* ``expected an indented block after ... on line N`` rewrites the header on line N;
* ``unexpected indent`` blanks the over-indented run of lines.

Only whole lines are rewritten, so every other line keeps its positions.  The
synthetic ``if True:`` and ``pass`` nodes are removed from the result (their bodies
take their place), so no node covers the text of a rewritten line: a hover on the
broken line itself says nothing, a hover anywhere else in the gap works with the
whole enclosing class or function around it.  The loop is bounded
(:data:`MAX_REPAIRS` rounds); each gap is repaired at most once per source.

This replaces an earlier parso-based recovery: parso needs ~0.5 s for a
1,000-line gap and re-parsing one statement per cursor line was quadratic.

Python 3.12 syntax that an older ``ast`` rejects (``type X = ...``, ``def f[T]``) is
recognised from the line's text by :func:`legacy_type_params`.
"""

from __future__ import annotations

import ast
import bisect
import re
import sys
import threading
import warnings
import weakref

from pygloss.syntax.source import PARSE_ERRORS, ParseResult, Source

MAX_REPAIRS = 40
_CACHE: weakref.WeakKeyDictionary[Source, dict[tuple[int, int], Source | None]] = (
    weakref.WeakKeyDictionary()
)
_RESCUED: weakref.WeakKeyDictionary[Source, dict[int, tuple[int, int]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()
_TYPE_ALIAS = re.compile(r"^\s*(type)\s+\w+\s*(\[[^\]]*\])?\s*=")
_GENERIC_DEF = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+\w+\s*(\[[^\]]*\])")
_HEADER_LINE = re.compile(r"expected an indented block after .* on line (\d+)")
_BLOCK_FIELDS = ("body", "orelse", "finalbody")


def gap_at(source: Source, offset: int) -> tuple[int, int] | None:
    """0-based ``(first, last + 1)`` lines of the region to repair around *offset*: the
    unparsed gap holding it, or a statement :class:`Source` could only parse by
    blanking a broken definition inside it (with the blanked lines after it)."""
    if source.parse.complete:
        return None
    extents = source.statement_extents
    index = bisect.bisect_right([start for start, _ in extents], offset) - 1
    line = source.line_of(offset)
    rescued = _rescued(source).get(index)
    if rescued is not None and rescued[0] <= line < rescued[1]:
        return rescued
    if index >= 0 and extents[index][0] <= offset < extents[index][1]:
        return None
    first = source.line_of(extents[index][1]) + 1 if index >= 0 else 0
    stop = source.line_of(extents[index + 1][0]) if index + 1 < len(extents) else source.line_count
    if not first <= line < stop:
        return None
    return first, stop


def _rescued(source: Source) -> dict[int, tuple[int, int]]:
    """Top-level statements that :class:`Source` parsed by writing ``pass`` over a
    broken definition (a ``Pass`` on a line that does not say ``pass``): statement
    index -> the lines up to the next statement (cached per source)."""
    with _LOCK:
        cached = _RESCUED.get(source)
    if cached is not None:
        return cached
    found: dict[int, tuple[int, int]] = {}
    statements = source.statements
    errors = {issue.line for issue in source.parse.errors}
    for index, statement in enumerate(statements):
        first = statement.lineno - 1
        stop = statements[index + 1].lineno - 1 if index + 1 < len(statements) else None
        stop = source.line_count if stop is None else stop
        if not any(first <= line < stop for line in errors):
            continue
        if any(
            isinstance(node, ast.Pass) and source.line_text(node.lineno - 1).strip()[:4] != "pass"
            for node in ast.walk(statement)
        ):
            decorators = [d.lineno - 1 for d in getattr(statement, "decorator_list", ())]
            found[index] = (min([first, *decorators]), stop)
    with _LOCK:
        _RESCUED[source] = found
    return found


def recovered_view(source: Source, offset: int) -> Source | None:
    """A view of *source* whose statements include the repaired ones of the region at
    *offset* (in place of what :class:`Source` made of it)."""
    gap = gap_at(source, offset)
    if gap is None:
        return None
    with _LOCK:
        views = _CACHE.setdefault(source, {})
        if gap in views:
            return views[gap]
    statements = repair(source, *gap)
    view = _with_statements(source, statements, gap) if statements else None
    with _LOCK:
        views[gap] = view
    return view


def repair(source: Source, first: int, stop: int) -> list[ast.stmt]:
    """The statements of lines ``first..stop-1`` (0-based) after repairing them, with
    their real line numbers (the text is parsed after *first* empty lines: no tree walk
    to renumber it)."""
    lines = [source.line_text(n) for n in range(first, stop)]
    if first == 0 and lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]  # Source.offset accounts for the BOM on line 0
    rewritten: dict[int, str] = {}  # line of the region -> "if", "pass" or "blank"
    for _ in range(MAX_REPAIRS):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse("\n" * first + "\n".join(lines) + "\n")
        except SyntaxError as exc:
            if exc.lineno is not None:
                exc.lineno -= first
            if not _rewrite(lines, rewritten, exc, first):
                return []
            continue
        except PARSE_ERRORS:
            return []
        return _without_synthetic(tree.body, {first + n for n in rewritten})
    return []


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _next_code_line(lines: list[str], index: int) -> int | None:
    for later in range(index + 1, len(lines)):
        if lines[later].strip():
            return later
    return None


def _rewrite(lines: list[str], rewritten: dict[int, str], exc: SyntaxError, first: int) -> bool:
    """Rewrite the line *exc* points at (its ``lineno`` counted from the region's
    first line; the message's ``on line N`` from the file's); False when nothing is
    left to try."""
    if exc.lineno is None:
        return False
    index = min(max(exc.lineno - 1, 0), len(lines) - 1)
    header = _HEADER_LINE.search(exc.msg or "")
    if header is not None:
        index = min(max(int(header.group(1)) - 1 - first, 0), len(lines) - 1)
    elif isinstance(exc, IndentationError) and "unexpected indent" in (exc.msg or ""):
        depth = _indent(lines[index])
        for following in range(index, len(lines)):
            if lines[following].strip() and _indent(lines[following]) < depth:
                break
            _blank(lines, rewritten, following)
        return True
    while index >= 0 and (rewritten.get(index) == "blank" or not lines[index].strip()):
        index -= 1  # the error is at a line already emptied (or at the end): look back
    if index < 0:
        return False
    if index in rewritten:
        _blank(lines, rewritten, index)
        return True
    text = lines[index]
    indent = text[: _indent(text)]
    after = _next_code_line(lines, index)
    opens_block = after is not None and _indent(lines[after]) > len(indent)
    kind = "if" if opens_block and header is None else "pass"
    lines[index] = indent + ("if True:" if kind == "if" else "pass")
    rewritten[index] = kind
    return True


def _blank(lines: list[str], rewritten: dict[int, str], index: int) -> None:
    lines[index] = ""
    rewritten[index] = "blank"


def _without_synthetic(body: list[ast.stmt], lines: set[int]) -> list[ast.stmt]:
    """*body* with the ``if True:``/``pass`` written on rewritten *lines* (0-based, of
    the gap) replaced by their own bodies, recursively."""
    kept: list[ast.stmt] = []
    for statement in body:
        for name in _BLOCK_FIELDS:
            block = getattr(statement, name, None)
            if block:
                setattr(statement, name, _without_synthetic(block, lines) or block)
        for handler in getattr(statement, "handlers", ()):
            handler.body = _without_synthetic(handler.body, lines) or handler.body
        for case in getattr(statement, "cases", ()):
            case.body = _without_synthetic(case.body, lines) or case.body
        if statement.lineno - 1 in lines:
            if isinstance(statement, ast.If):
                kept.extend(statement.body)
                continue
            if isinstance(statement, ast.Pass):
                continue
        kept.append(statement)
    return kept


def _with_statements(source: Source, extra: list[ast.stmt], lines: tuple[int, int]) -> Source:
    kept = [s for s in source.statements if not lines[0] <= s.lineno - 1 < lines[1]]
    merged = sorted([*kept, *extra], key=lambda s: (s.lineno, s.col_offset))
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
