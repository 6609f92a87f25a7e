"""Source text with offsets and a tolerant ``ast`` parse.

Conventions used everywhere in pygloss's engine:

* an **offset** is a 0-based index into the text in code points (``text[offset]``);
* a **line** is 0-based; lines end at ``\\r\\n``, ``\\r`` or ``\\n`` (the LSP and
  Python tokenizer definition: form feed and Unicode line separators do not end a line);
* the stdlib ``ast`` reports 1-based line numbers and 0-based columns in UTF-8 bytes;
  :meth:`Source.offset` converts those to offsets.

:class:`Source` parses once, lazily.  When the whole text does not parse, the
top-level statements are parsed one by one (neighbouring chunks are merged when a
statement spans what looked like several), so analysis still covers every top-level
statement that parses.  This is what lets diagnostics and hovers survive a syntax
error elsewhere in the file.  The stretch before the parser's error (and the rest
after a broken statement) is first tried in one piece: one error in a huge file
costs about two parses, not one per statement.
"""

from __future__ import annotations

import ast
import bisect
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

_NEWLINE = re.compile(r"\r\n|\r|\n")
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


class Source:
    """One version of one file's text. Everything derived from it is computed once."""

    def __init__(self, text: str, path: str | None = None) -> None:
        self.text = text
        self.path = path
        self._bom = 1 if text.startswith("\ufeff") else 0

    # -- lines and offsets -------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        """Offset of the first character of every line (at least one line)."""
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(self.text))
        return starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_text(self, line: int) -> str:
        """The text of 0-based *line* without its line break ('' when out of range)."""
        if line < 0 or line >= len(self.line_starts):
            return ""
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_of(self, offset: int) -> int:
        """0-based line holding *offset* (clamped to the text)."""
        return max(0, bisect.bisect_right(self.line_starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of *offset*, both 0-based, column in code points."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        return line, offset - self.line_starts[line]

    def offset_at(self, line: int, column: int) -> int:
        """Offset of 0-based *line* and code-point *column*, clamped to that line."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.text)
        return self.line_starts[line] + max(0, min(column, len(self.line_text(line))))

    def offset(self, lineno: int, col_byte: int) -> int:
        """Offset of an ``ast`` position: 1-based *lineno*, column in UTF-8 bytes."""
        line = lineno - 1
        starts = self.line_starts
        if line >= len(starts):
            return len(self.text)
        if self._ascii:  # no slicing: a long line would make this linear per call
            end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
            while end > starts[line] and self.text[end - 1] in "\r\n":
                end -= 1
            return starts[line] + max(0, min(col_byte, end - starts[line]))
        text = self.line_text(line)
        if line == 0 and self._bom:
            text = text[1:]
        if text.isascii():
            column = min(col_byte, len(text))
        else:
            column = len(text.encode("utf-8")[:col_byte].decode("utf-8", "ignore"))
        if line == 0:
            column += self._bom
        return self.line_starts[line] + column

    @cached_property
    def _ascii(self) -> bool:
        return self.text.isascii()

    def span(self, node: ast.AST) -> tuple[int, int]:
        """``(start, end)`` offsets of an ``ast`` node that has positions."""
        start = self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end_lineno = getattr(node, "end_lineno", None) or node.lineno  # type: ignore[attr-defined]
        end_col = getattr(node, "end_col_offset", None)
        end = self.offset(end_lineno, end_col) if end_col is not None else start
        return start, end

    def segment(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    # -- parsing -----------------------------------------------------------
    @cached_property
    def parse(self) -> ParseResult:
        """Parse the text; on failure, parse each top-level statement on its own."""
        code = self.text[self._bom :]
        try:
            tree = _parse(code)
        except PARSE_ERRORS as exc:
            first = _issue(exc, 0)
        else:
            return ParseResult(tuple(tree.body), ())
        return _recover(code, self.line_starts, first)

    @property
    def statements(self) -> tuple[ast.stmt, ...]:
        return self.parse.statements

    @cached_property
    def statement_extents(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each top-level statement, decorators included."""
        extents = []
        for statement in self.statements:
            start, end = self.span(statement)
            for decorator in getattr(statement, "decorator_list", ()):
                start = min(start, self.span(decorator)[0])
            extents.append((start, end))
        return extents

    @cached_property
    def _statement_starts(self) -> list[int]:
        return [start for start, _ in self.statement_extents]

    def path_at(self, offset: int) -> list[ast.AST]:
        """Nodes containing *offset*, outermost first (empty when none does).

        A node contains the offsets ``start <= offset < end``; nodes without
        positions (``arguments``, ``comprehension``, ``withitem``...) are looked
        through.  Decorators count as part of the definition they decorate.
        """
        extents = self.statement_extents
        index = bisect.bisect_right(self._statement_starts, offset) - 1
        if index < 0 or not (extents[index][0] <= offset < extents[index][1]):
            return []
        path: list[ast.AST] = [self.statements[index]]
        while True:
            child = self._child_at(path[-1], offset)
            if child is None:
                return path
            path.extend(child)

    def _child_at(self, node: ast.AST, offset: int) -> list[ast.AST] | None:
        for child in self._children_near(node, offset):
            if hasattr(child, "lineno") and getattr(child, "end_col_offset", None) is not None:
                start, end = self._extent(child)
                if start <= offset < end:
                    return [child]
            else:
                inner = self._child_at(child, offset)
                if inner is not None:
                    return [child, *inner]
        return None

    def _extent(self, node: ast.AST) -> tuple[int, int]:
        start, end = self.span(node)
        for decorator in getattr(node, "decorator_list", ()):
            start = min(start, self.span(decorator)[0])
        return start, end

    def _children_near(self, node: ast.AST, offset: int) -> Iterator[ast.AST]:
        """The children of *node* in order; of a long list of positioned nodes (a
        huge literal, a long body), only the one that starts last before *offset*."""
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                yield value
            elif isinstance(value, list):
                items = [v for v in value if isinstance(v, ast.AST)]
                if len(items) > 32 and all(hasattr(v, "end_col_offset") for v in items):
                    index = bisect.bisect_right(items, offset, key=lambda v: self._extent(v)[0])
                    yield from items[max(0, index - 1) : index]
                else:
                    yield from items

    def walk(self) -> Iterator[ast.AST]:
        """Every node of every parsed statement (iterative, safe on deep trees)."""
        stack: list[ast.AST] = list(reversed(self.statements))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _parse(code: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for `is` with a literal etc.
        return ast.parse(code, type_comments=False)


def _issue(exc: BaseException, line_offset: int) -> SyntaxIssue:
    if isinstance(exc, SyntaxError):
        line = max(0, (exc.lineno or 1) - 1 + line_offset)
        column = max(0, (exc.offset or 1) - 1)
        return SyntaxIssue(line, column, exc.msg or "invalid syntax")
    if isinstance(exc, RecursionError | MemoryError):
        return SyntaxIssue(line_offset, 0, "too deeply nested to parse")
    return SyntaxIssue(line_offset, 0, str(exc) or type(exc).__name__)


def _chunk_starts(code: str, line_starts: list[int]) -> list[int]:
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


def _recover(code: str, line_starts: list[int], first: SyntaxIssue) -> ParseResult:
    starts = _chunk_starts(code, line_starts)
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
                tree = _parse(chunk)
            except PARSE_ERRORS as exc:
                if failure is None:
                    failure = _issue(exc, starts[i])
                continue
            ast.increment_lineno(tree, starts[i])
            statements.extend(tree.body)
            i = j
            parsed = True
            break
        if not parsed:
            errors.append(failure or SyntaxIssue(starts[i], 0, "invalid syntax"))
            statements.extend(_rescue(code[bounds[i] : bounds[i + 1]], starts[i]))
            i += 1
            if i < len(starts):  # the rest in one piece, or up to its next error
                try:
                    tree = _parse(code[bounds[i] :])
                except PARSE_ERRORS as exc:
                    i = _leap(code, starts, bounds, i, _issue(exc, starts[i]).line, statements)
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
        tree = _parse(code[bounds[i] : bounds[k]])
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


def _rescue(chunk: str, first_line: int) -> list[ast.stmt]:
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
            tree = _parse("".join(lines))
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
