"""The cursor: the ``ast`` nodes and the token under one offset.

:func:`cursor_at` returns the nodes containing the offset (outermost first, from
:meth:`Source.path_at`) and the token under it, found by running the stdlib
tokenizer over the smallest stretch of lines that starts at a statement boundary
(the innermost statement, or the line after its last child statement that ends
before the cursor, so a cursor on ``else:`` after a long body tokenizes one line).
Keywords, operators and comments have no ``ast`` node; the token names them.

Offsets are code points into ``source.text`` (see :mod:`pygloss.syntax.source`).
"""

from __future__ import annotations

import ast
import functools
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field

from pygloss.syntax.source import Source

_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
MAX_TOKENIZE = 100_000  # characters token_at tokenizes from a statement start to the cursor


@dataclass(frozen=True)
class Token:
    """One token: its ``tokenize`` type, text and code-point offsets."""

    type: int
    string: str
    start: int
    end: int

    @property
    def is_name(self) -> bool:
        return self.type == tokenize.NAME

    @property
    def is_op(self) -> bool:
        return self.type == tokenize.OP

    @property
    def is_comment(self) -> bool:
        return self.type == tokenize.COMMENT


@dataclass(frozen=True)
class Cursor:
    """What is under one offset: the node path and the token (either may be empty)."""

    source: Source
    offset: int
    path: tuple[ast.AST, ...]
    token: Token | None
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def node(self) -> ast.AST | None:
        """The innermost node containing the offset."""
        return self.path[-1] if self.path else None

    def word(self, *words: str) -> bool:
        """True when the token is a NAME spelled as one of *words* (keywords too)."""
        return self.token is not None and self.token.is_name and self.token.string in words

    def op(self, *ops: str) -> bool:
        return self.token is not None and self.token.is_op and self.token.string in ops

    def innermost(self, *types: type[ast.AST]) -> ast.AST | None:
        for node in reversed(self.path):
            if isinstance(node, types):
                return node
        return None

    def parent_of(self, node: ast.AST) -> ast.AST | None:
        for index, candidate in enumerate(self.path):
            if candidate is node:
                return self.path[index - 1] if index > 0 else None
        return None

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.source.span(node)

    def token_span(self) -> tuple[int, int]:
        if self.token is None:
            return self.offset, self.offset
        return self.token.start, self.token.end


def cursor_at(source: Source, offset: int) -> Cursor:
    found = node_path(source, offset)
    return Cursor(source, offset, found, token_at(source, found, offset))


def node_path(source: Source, offset: int) -> tuple[ast.AST, ...]:
    """The nodes a cursor at *offset* is in, outermost first (see :func:`cursor_at`)."""
    at_sign = source.text[offset : offset + 1] == "@"
    # a decorator's node starts after its `@`: look just behind it
    path = source.path_at(offset + 1 if at_sign else offset)
    return tuple(_into_f_string(source, path, offset))


def _into_f_string(source: Source, path: list[ast.AST], offset: int) -> list[ast.AST]:
    """Before 3.12 an f-string's literal parts span the whole string and hide the
    expressions; descend into the ``{...}`` whose expression holds *offset*."""
    for index, node in enumerate(path):
        if not isinstance(node, ast.JoinedStr):
            continue
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                start, end = source.span(part.value)
                if start <= offset < end:
                    return [*path[: index + 1], part, *_descend(source, part.value, offset)]
        return path[: index + 1]
    return path


def _descend(source: Source, node: ast.AST, offset: int) -> list[ast.AST]:
    found = [node]
    while True:
        for child in ast.iter_child_nodes(found[-1]):
            if getattr(child, "end_col_offset", None) is None:
                continue
            start, end = source.span(child)
            if start <= offset < end:
                found.append(child)
                break
        else:
            return found


def _start_line(source: Source, path: tuple[ast.AST, ...], offset: int) -> int:
    """0-based line where tokenizing may start: a statement boundary before *offset*."""
    statements = [n for n in path if isinstance(n, ast.stmt | ast.ExceptHandler | ast.match_case)]
    if not statements:
        return source.line_of(offset)
    stmt = statements[-1]
    line = (stmt.pattern if isinstance(stmt, ast.match_case) else stmt).lineno - 1
    for decorator in getattr(stmt, "decorator_list", ()):
        line = min(line, decorator.lineno - 1)
    cursor_line = source.line_of(offset)
    best = line
    for name in _BODIES:
        for child in getattr(stmt, name, ()) or ():
            end = getattr(child, "end_lineno", None)
            if end is not None and best < end <= cursor_line:
                # `end` (1-based last line) is the 0-based index of the following line
                best = end
    return best


def _lines(source: Source, start: int) -> Iterator[str]:
    starts = source.line_starts
    text = source.text
    for index in range(start, len(starts)):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        line = text[starts[index] : end]
        if index == 0 and line.startswith("\ufeff"):
            line = line[1:]
        yield line


def token_at(source: Source, path: tuple[ast.AST, ...], offset: int) -> Token | None:
    """The token whose text contains *offset* (``start <= offset < end``), or None."""
    start_line = _start_line(source, path, offset)
    bom = 1 if start_line == 0 and source.text.startswith("\ufeff") else 0
    starts = source.line_starts
    if offset - starts[start_line] > MAX_TOKENIZE:
        return None  # deep inside a giant statement (a 1 MB literal): not worth seconds
    lines = _lines(source, start_line)
    readline = functools.partial(next, lines, "")
    try:
        for tok in tokenize.generate_tokens(readline):
            if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT):
                continue
            row, col = tok.start
            line = start_line + row - 1
            if line >= len(starts):
                return None
            begin = starts[line] + col + (bom if line == 0 else 0)
            if begin > offset:
                return None
            end_row, end_col = tok.end
            end_line = start_line + end_row - 1
            if end_line >= len(starts):
                end = len(source.text)
            else:
                end = starts[end_line] + end_col + (bom if end_line == 0 else 0)
            if begin <= offset < end and tok.type not in (tokenize.NEWLINE, tokenize.NL):
                return Token(tok.type, tok.string, begin, end)
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None
    return None
