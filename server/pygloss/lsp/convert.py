"""The one position adapter: engine offsets <-> LSP positions.

Engine side: an *offset* is a 0-based index into the text in code points.
LSP side: ``Position(line, character)``, both 0-based; ``character`` counts code
units of the negotiated ``positionEncoding``: ``utf-16`` (the LSP default; a
character outside the Basic Multilingual Plane, such as most emoji, is 2 units),
``utf-8`` (1 to 4 units per character) or ``utf-32`` (code points).

The server negotiates the encoding in ``initialize`` with
:func:`choose_position_encoding`.

Lines end at ``\\r\\n``, ``\\r`` or ``\\n`` as the LSP specifies (see
:class:`~pygloss.syntax.source.Source`).  Positions past the end of a line clamp to
the line's end; lines past the end of the text clamp to the end of the text; a
position inside a multi-unit character rounds down to that character's start.
"""

from __future__ import annotations

import re

from lsprotocol import types

from pygloss.syntax.source import Source

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
_PREFERRED = (UTF8, UTF32)


def choose_position_encoding(capabilities: types.ClientCapabilities) -> str:
    """The encoding pygloss uses with a client, from ``general.positionEncodings``.

    The first encoding the client offers that is UTF-8 or UTF-32 (UTF-32 is the
    engine's own unit; UTF-8 is how many editors store text, and neither needs
    surrogate-pair arithmetic); UTF-16, which every client supports, when it
    offers neither.  pygls alone would take the client's first supported one,
    which is often UTF-16.  Returns the plain string (``"utf-8"``), never the enum.
    """
    general = capabilities.general
    offered = (general.position_encodings if general else None) or []
    for encoding in offered:
        value = str(getattr(encoding, "value", encoding))
        if value in _PREFERRED:
            return value
    return UTF16


def _units(char: str, encoding: str) -> int:
    code = ord(char)
    if encoding == UTF32:
        return 1
    if encoding == UTF8:
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 2 if code > 0xFFFF else 1


def units_in(text: str, encoding: str) -> int:
    """Length of *text* in code units of *encoding*."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def column_to_units(line_text: str, column: int, encoding: str) -> int:
    """Code-point *column* of *line_text* as code units."""
    return units_in(line_text[:column], encoding)


def units_to_column(line_text: str, units: int, encoding: str) -> int:
    """Code units into *line_text* as a code-point column (clamped, rounded down)."""
    if units <= 0:
        return 0
    if encoding == UTF32 or line_text.isascii():
        return min(units, len(line_text))
    counted = 0
    for column, char in enumerate(line_text):
        counted += _units(char, encoding)
        if counted > units:
            return column
        if counted == units:
            return column + 1
    return len(line_text)


def to_offset(source: Source, position: types.Position, encoding: str = UTF16) -> int:
    """Engine offset of an LSP position in *source* (clamped into the text)."""
    line = position.line
    if line < 0:
        return 0
    if line >= source.line_count:
        return len(source.text)
    text = source.line_text(line)
    column = units_to_column(text, position.character, encoding)
    return source.line_starts[line] + column


def to_position(source: Source, offset: int, encoding: str = UTF16) -> types.Position:
    """LSP position of an engine offset in *source*."""
    line, column = source.position(offset)
    text = source.line_text(line)
    return types.Position(line=line, character=column_to_units(text, column, encoding))


def to_lsp_range(source: Source, start: int, end: int, encoding: str = UTF16) -> types.Range:
    return types.Range(
        start=to_position(source, start, encoding), end=to_position(source, end, encoding)
    )


def to_offsets(source: Source, rng: types.Range, encoding: str = UTF16) -> tuple[int, int]:
    return to_offset(source, rng.start, encoding), to_offset(source, rng.end, encoding)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SCAN = 1 << 16  # characters counted at a time when locating a line


def text_offset(text: str, position: types.Position, encoding: str = UTF16) -> int:
    """:func:`to_offset` without a :class:`Source`: for a text too big to index every
    line of on each keystroke (a 50 MB document), the line is found by counting line
    breaks chunk by chunk (C-speed ``str.count``), which costs what the offset costs."""
    if position.line < 0:
        return 0
    return _offset_in_line(text, _line_start(text, position.line), position.character, encoding)


def _offset_in_line(text: str, start: int | None, character: int, encoding: str) -> int:
    if start is None:
        return len(text)
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    carriage = text.find("\r", start, end)
    end = end if carriage == -1 else carriage
    return start + units_to_column(text[start:end], character, encoding)


def _line_start(text: str, line: int, position: int = 0) -> int | None:
    """Offset of the start of the *line*-th line after the one starting at *position*;
    None when the text has fewer lines."""
    remaining, size = line, len(text)
    while remaining > 0:
        if position >= size:
            return None
        stop = min(size, position + _SCAN)
        if stop < size and text[stop - 1] == "\r" and text[stop] == "\n":
            stop += 1  # never split a \r\n
        if text.find("\r", position, stop) == -1:
            count = text.count("\n", position, stop)
            if count < remaining:
                remaining -= count
                position = stop
                continue
            for _ in range(remaining):
                position = text.index("\n", position) + 1
            return position
        for match in _LINE_BREAK.finditer(text, position, stop):
            remaining -= 1
            if remaining == 0:
                return match.end()
        position = stop
    return position


def text_offsets(text: str, rng: types.Range, encoding: str = UTF16) -> tuple[int, int]:
    """:func:`text_offset` of both ends, the end's line counted from the start's."""
    if rng.start.line < 0 or rng.end.line < rng.start.line:
        return text_offset(text, rng.start, encoding), text_offset(text, rng.end, encoding)
    first = _line_start(text, rng.start.line)
    start = _offset_in_line(text, first, rng.start.character, encoding)
    last = None if first is None else _line_start(text, rng.end.line - rng.start.line, first)
    return start, _offset_in_line(text, last, rng.end.character, encoding)
