"""Mask the IPython syntax of one notebook cell so the rest parses as Python.

IPython accepts, besides Python, lines that are commands to the shell or to itself:
``%magic args``, ``!shell command`` (``!!cmd``), ``x = %magic`` and ``x = !cmd``,
help requests (``obj?``, ``obj??``, ``?obj``), the auto-call escapes (``/f a``,
``,f a b``, ``;f a b``) and, on a cell's first line, ``%%cell_magic``.  They are
recognised where IPython recognises them -- at the start of a logical line, outside
strings, comments and brackets (a ``?`` as the last token of a logical line) --
and each is replaced, character for character, by ``0`` and spaces; line breaks are
kept, so the masked text has exactly the length and the lines of the cell and every
offset means the same place in both.  A masked line is still a statement (``0``), so
a magic alone in an indented block keeps the block valid.

A cell magic whose body is Python run in the user's namespace (``%%time``,
``%%timeit``, ``%%capture``, ...) masks only its first line; any other
(``%%bash``, ``%%sql``, ``%%html``, an extension's magic) makes the whole cell
something pygloss does not read: :attr:`Masked.skipped` names it.

Deliberately not handled: IPython's ``%autocall`` without an escape (``f 1``; off by
default) and transformers that extensions register; such lines stay syntax errors.
This module is pure: text in, text and ranges out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# cell magics whose body is Python run in the kernel's namespace: the body is analysed
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit"})
_ESCAPES = "%!?/,;"
_CELL_MAGIC = re.compile(r"%%([^\s(]*)")


@dataclass(frozen=True)
class Masked:
    """One cell's text with its IPython syntax masked."""

    text: str  # same length and line breaks as the cell
    spans: tuple[tuple[int, int], ...]  # (start, end) of each masked stretch, in order
    skipped: str | None = None  # "%%bash": the cell is not Python (text is then "")

    def touches(self, start: int, end: int, new_text: str | None = None) -> bool:
        """Whether the range ``[start, end)`` overlaps a mask.  An empty range (an
        insertion of *new_text*) touches a mask strictly inside it, and one at its
        edge unless the inserted text keeps to its own line (it ends with a line
        break before the mask, or starts with one after it)."""
        for low, high in self.spans:
            if low > end:
                break
            if start < high and low < end:
                return True
            if start == end and low <= start <= high:
                if low < start < high or new_text is None:
                    return True
                if start == low and not new_text.endswith(("\n", "\r")):
                    return True
                if start == high and not new_text.startswith(("\n", "\r")):
                    return True
        return False


def cell_magic(text: str) -> str | None:
    """The name of the cell magic on the cell's first non-blank line (``"bash"`` for
    ``%%bash``), or None when the cell does not start with one."""
    for line in text.splitlines():
        if line.strip():
            found = _CELL_MAGIC.match(line)
            return found.group(1) if found else None
    return None


def mask_cell(text: str) -> Masked:
    """*text* with its IPython syntax masked (see the module docstring)."""
    name = cell_magic(text)
    spans: list[tuple[int, int]] = []
    start = 0
    if name is not None:
        if name not in PYTHON_CELL_MAGICS:
            return Masked("", (), f"%%{name}")
        start = text.index("%%")
        end = _line_end(text, start)
        spans.append((start, end))
        start = end
    spans.extend(_LineScanner(text, start).escapes())
    if not spans:
        return Masked(text, ())
    chars = list(text)
    for low, high in spans:
        first = True
        for i in range(low, high):
            if chars[i] in "\r\n":
                continue
            chars[i] = "0" if first else " "
            first = False
    return Masked("".join(chars), tuple(spans))


def _line_end(text: str, start: int) -> int:
    """The offset of the line break ending the physical line at *start* (or the end)."""
    ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
    return min(ends) if ends else len(text)


class _LineScanner:
    """Finds the logical lines of Python-with-IPython text and what to mask in them.

    Tracks strings (with prefixes, triple quotes, escapes), comments, brackets and
    backslash continuations, like Python's tokenizer, closely enough to know where a
    logical line starts and what its last significant character is.
    """

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start

    def escapes(self) -> list[tuple[int, int]]:
        text, n = self.text, len(self.text)
        spans: list[tuple[int, int]] = []
        i = self.start
        while i < n:
            # the start of a logical line: skip its indentation
            while i < n and text[i] in " \t\f":
                i += 1
            if i >= n:
                break
            if text[i] in "\r\n":
                i += 1
                continue
            begin = i
            if text[begin] in _ESCAPES:  # a command line, not Python: to the line's end
                end = self._command_end(begin)
                spans.append((begin, end))
                i = end
                continue
            end, last, assign = self._logical_line(begin)
            if last is not None and text[last] == "?":
                spans.append((begin, end))
            elif assign is not None:
                spans.append((assign, end))
            i = end
        return spans

    def _logical_line(self, i: int) -> tuple[int, int | None, int | None]:
        """From *i* (a logical line's first character): the offset of its final line
        break (or the end), of its last significant character, and of a ``%``/``!``
        right after a plain top-level ``=`` (IPython's ``x = %magic``)."""
        text, n = self.text, len(self.text)
        depth = 0
        last: int | None = None
        previous = ""  # the previous significant character
        while i < n:
            char = text[i]
            if char in "\r\n":
                if depth == 0:
                    return i, last, None
                i += 1
                continue
            if char == "\\" and i + 1 < n and text[i + 1] in "\r\n":  # a continuation
                i += 3 if text[i + 1 : i + 3] == "\r\n" else 2
                continue
            if char == "#":
                i = _line_end(text, i)
                continue
            if char in "'\"":
                i = self._string_end(i)
                last, previous = i - 1, char
                continue
            if char in " \t\f":
                i += 1
                continue
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth = max(0, depth - 1)
            elif (
                char in "%!"
                and depth == 0
                and previous == "="
                and last is not None
                and self._plain_assign(last)
            ):
                return self._command_end(i), last, i
            last, previous = i, char
            i += 1
        return n, last, None

    def _command_end(self, i: int) -> int:
        """The end of an IPython command starting at *i*: its physical line, and the
        next ones while a line ends with a backslash (IPython joins those)."""
        text = self.text
        while True:
            end = _line_end(text, i)
            if end == len(text) or end == i or text[end - 1] != "\\":
                return end
            i = end + (2 if text[end : end + 2] == "\r\n" else 1)

    def _plain_assign(self, at: int) -> bool:
        """Whether the ``=`` at *at* is an assignment (not ``==``, ``<=``, ``+=``...)."""
        before = self.text[at - 1] if at > 0 else ""
        return before not in "=!<>+-*/%&|^@:~"

    def _string_end(self, i: int) -> int:
        """The offset after the string literal whose opening quote is at *i* (an
        unterminated single-quoted string ends at its line's end, as a tokenizer
        error would)."""
        text, n = self.text, len(self.text)
        quote = text[i]
        triple = text[i : i + 3] == quote * 3
        delimiter = quote * 3 if triple else quote
        i += len(delimiter)
        while i < n:
            char = text[i]
            if char == "\\":  # escapes the next character (in raw strings too)
                i += 2
                continue
            if not triple and char in "\r\n":
                return i
            if text.startswith(delimiter, i):
                return i + len(delimiter)
            i += 1
        return n
