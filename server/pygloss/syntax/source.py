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
costs about two parses, not one per statement (:mod:`pygloss.syntax.recovery`).
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterator
from functools import cached_property
from itertools import accumulate

from pygloss.syntax.recovery import (
    PARSE_ERRORS,
    ParseResult,
    SyntaxIssue,
    issue_of,
    parse_code,
    recover,
)

__all__ = ["PARSE_ERRORS", "ParseResult", "Source", "SyntaxIssue"]

_NEWLINE = re.compile(r"\r\n|\r|\n")
_PLUS_ONE = (1).__add__


class Source:
    """One version of one file's text. Everything derived from it is computed once."""

    whole_parse = True
    """The text is one parse unit.  (A notebook's module is parsed cell by cell: see
    :meth:`parse_unit`; the incremental lint then never emulates a whole-text parse.)"""

    def __init__(self, text: str, path: str | None = None) -> None:
        self.text = text
        self.path = path
        self._bom = 1 if text.startswith("\ufeff") else 0

    # -- lines and offsets -------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        """Offset of the first character of every line (at least one line)."""
        text = self.text
        if "\r" in text:  # rare: any of the three line ends
            starts = [0]
            starts.extend(m.end() for m in _NEWLINE.finditer(text))
            return starts
        # only "\n": each line starts one past the end of the one before (a running
        # sum of the lines' lengths plus one, in C: no Python code per line)
        starts = list(accumulate(map(_PLUS_ONE, map(len, text.split("\n"))), initial=0))
        starts.pop()  # one past the end of the last line
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

    def line_label(self, offset: int) -> str:
        """How a message names the line of *offset*: ``line 12`` (1-based; a notebook's
        module says ``cell 3, line 2``)."""
        return f"line {self.line_of(offset) + 1}"

    def parse_unit(self, offset: int) -> int:
        """Which separately parsed part of the text holds *offset* (always 0 here; a
        notebook cell's number in a notebook's module)."""
        return 0

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
            tree = parse_code(code)
        except PARSE_ERRORS as exc:
            first = issue_of(exc, 0)
        else:
            return ParseResult(tuple(tree.body), ())
        return recover(code, self.line_starts, first)

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
