"""The tolerant parse behind :class:`~pygloss.syntax.source.Source`.

When the whole text does not parse, :func:`recover` parses the top-level
statements one by one (neighbouring chunks are merged when a statement spans what
looked like several), so analysis still covers every top-level statement that
parses.  The stretch before the parser's error (and the rest after a broken
statement) is first tried in one piece: one error in a huge file costs about two
parses, not one per statement.  Inside a broken class, :func:`rescue` leaves out
the broken method and keeps the rest.
"""

from __future__ import annotations

import ast
import bisect
import re
import warnings
from dataclasses import dataclass

_MAX_MERGE = 12
PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError)


@dataclass(frozen=True)
class SyntaxIssue:
    """A region that did not parse: 0-based line and a message from the parser."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class ParseResult:
    """Top-level statements that parsed, and the syntax errors met on the way."""

    statements: tuple[ast.stmt, ...]
    errors: tuple[SyntaxIssue, ...]

    @property
    def complete(self) -> bool:
        return not self.errors

    @property
    def module(self) -> ast.Module:
        """A module made of the statements that parsed (all of them when complete)."""
        return ast.Module(body=list(self.statements), type_ignores=[])


def parse_code(code: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for `is` with a literal etc.
        return ast.parse(code, type_comments=False)


def issue_of(exc: BaseException, line_offset: int) -> SyntaxIssue:
    if isinstance(exc, SyntaxError):
        line = max(0, (exc.lineno or 1) - 1 + line_offset)
        column = max(0, (exc.offset or 1) - 1)
        return SyntaxIssue(line, column, exc.msg or "invalid syntax")
    if isinstance(exc, RecursionError | MemoryError):
        return SyntaxIssue(line_offset, 0, "too deeply nested to parse")
    return SyntaxIssue(line_offset, 0, str(exc) or type(exc).__name__)


def chunk_starts(code: str, line_starts: list[int]) -> list[int]:
    """0-based lines that look like the start of a top-level statement.

    A line starts a statement when it begins at column 0 with something other than
    a closing bracket, a comment or a continuation of a decorated definition.
    """
    starts: list[int] = []
    previous_decorator = False
    n = len(line_starts)
    for line in range(n):
        begin = line_starts[line]
        end = line_starts[line + 1] if line + 1 < n else len(code)
        text = code[begin:end]
        first = text[:1]
        if not first or first in " \t\r\n#)]}\f":
            continue
        if previous_decorator:
            previous_decorator = first == "@"
            continue
        starts.append(line)
        previous_decorator = first == "@"
    return starts


def recover(code: str, line_starts: list[int], first: SyntaxIssue) -> ParseResult:
    starts = chunk_starts(code, line_starts)
    if not starts:
        return ParseResult((), (first,))
    bounds = [line_starts[line] for line in starts] + [len(code)]
    statements: list[ast.stmt] = []
    errors: list[SyntaxIssue] = []
    i = _leap(code, starts, bounds, 0, first.line, statements)
    while i < len(starts):
        parsed = False
        failure: SyntaxIssue | None = None
        for j in range(i + 1, min(i + 1 + _MAX_MERGE, len(starts) + 1)):
            chunk = code[bounds[i] : bounds[j]]
            try:
                tree = parse_code(chunk)
            except PARSE_ERRORS as exc:
                if failure is None:
                    failure = issue_of(exc, starts[i])
                continue
            ast.increment_lineno(tree, starts[i])
            statements.extend(tree.body)
            i = j
            parsed = True
            break
        if not parsed:
            errors.append(failure or SyntaxIssue(starts[i], 0, "invalid syntax"))
            statements.extend(rescue(code[bounds[i] : bounds[i + 1]], starts[i]))
            i += 1
            if i < len(starts):  # the rest in one piece, or up to its next error
                try:
                    tree = parse_code(code[bounds[i] :])
                except PARSE_ERRORS as exc:
                    i = _leap(code, starts, bounds, i, issue_of(exc, starts[i]).line, statements)
                else:
                    statements.extend(_shifted(tree, starts[i]))
                    i = len(starts)
    return ParseResult(tuple(statements), tuple(errors) or (first,))


def _leap(
    code: str,
    starts: list[int],
    bounds: list[int],
    i: int,
    error_line: int,
    statements: list[ast.stmt],
) -> int:
    """Parse chunks ``i..k-1`` in one piece, *k* being the chunk where the parser
    stopped (*error_line*); add their statements and return *k*, or *i* when that
    piece does not parse either (then the chunks are parsed one by one)."""
    k = bisect.bisect_right(starts, error_line) - 1
    if k <= i:
        return i
    try:
        tree = parse_code(code[bounds[i] : bounds[k]])
    except PARSE_ERRORS:
        return i
    statements.extend(_shifted(tree, starts[i]))
    return k


def _shifted(tree: ast.Module, line: int) -> list[ast.stmt]:
    if line:
        ast.increment_lineno(tree, line)
    return tree.body


_DEFINITION = re.compile(r"(?:async\s+def|def|class)\b")
_MAX_RESCUES = 5


def rescue(chunk: str, first_line: int) -> list[ast.stmt]:
    """The top-level statement in *chunk* with its broken nested definitions left out.

    A syntax error inside one method would otherwise lose the whole class.  The
    innermost indented ``def``/``class`` around the error line (with its decorators)
    is replaced by ``pass`` and blank lines, keeping every other line where it was,
    and the chunk is parsed again (a few times at most).  Nothing when that fails.
    """
    lines = chunk.splitlines(keepends=True)
    blanked: set[int] = set()
    for _ in range(_MAX_RESCUES):
        try:
            tree = parse_code("".join(lines))
        except SyntaxError as exc:
            block = _enclosing_definition(lines, (exc.lineno or 1) - 1)
            if block is None or block[0] in blanked:
                return []
            start, end = block
            blanked.add(start)
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            ending = lines[start][len(lines[start].rstrip("\r\n")) :] or "\n"
            lines[start] = f"{indent}pass{ending}"
            for index in range(start + 1, end):
                text = lines[index]
                lines[index] = text[len(text.rstrip("\r\n")) :] or "\n"
            continue
        except PARSE_ERRORS:
            return []
        ast.increment_lineno(tree, first_line)
        return tree.body
    return []


def _enclosing_definition(lines: list[str], error: int) -> tuple[int, int] | None:
    """``(first, end)`` line indices of the innermost nested def/class holding *error*
    (decorators included); None when the error is not inside an indented definition."""

    def indent_of(text: str) -> int:
        expanded = text.expandtabs()
        return len(expanded) - len(expanded.lstrip())

    def code(index: int) -> str:
        stripped = lines[index].strip()
        return "" if stripped.startswith("#") else stripped

    error = max(0, min(error, len(lines) - 1))
    while error > 0 and not code(error):
        error -= 1
    if not code(error):
        return None
    definition: int | None = None
    if _DEFINITION.match(code(error)):
        definition = error
    else:
        need = indent_of(lines[error])
        for index in range(error - 1, -1, -1):
            if not code(index) or indent_of(lines[index]) >= need:
                continue
            if _DEFINITION.match(code(index)):
                definition = index
                break
            need = indent_of(lines[index])
    if definition is None:
        return None
    depth = indent_of(lines[definition])
    if depth == 0:
        return None
    end = definition + 1
    while end < len(lines) and (not code(end) or indent_of(lines[end]) > depth):
        end += 1
    start = definition
    while start > 0 and code(start - 1).startswith("@"):
        start -= 1
    return start, end
