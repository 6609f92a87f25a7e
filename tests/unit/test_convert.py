"""Position conversion between engine offsets and LSP positions in each encoding."""

from __future__ import annotations

import pytest
from lsprotocol import types

from pygloss.lsp.convert import UTF8, UTF16, UTF32, to_lsp_range, to_offset, to_position
from pygloss.syntax.source import Source

TEXT = 'x = "😀"; y = 1\ns = "漢字"; z = 2\nc = "é"; w = 3\r\nlast'
# "e" + combining acute accent: two code points, one glyph
COMBINING = 'k = "e\u0301"; v = 4\n'


def _pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [(UTF16, 10), (UTF8, 12), (UTF32, 9)],
    ids=["utf-16", "utf-8", "utf-32"],
)
def test_emoji_shifts_columns_by_encoding(encoding: str, expected: int) -> None:
    source = Source(TEXT)
    offset = TEXT.index("y")
    assert to_position(source, offset, encoding) == _pos(0, expected)
    assert to_offset(source, _pos(0, expected), encoding) == offset


@pytest.mark.parametrize(
    ("encoding", "expected"), [(UTF16, 10), (UTF8, 14), (UTF32, 10)], ids=["16", "8", "32"]
)
def test_cjk_is_one_utf16_unit_but_three_utf8_bytes(encoding: str, expected: int) -> None:
    source = Source(TEXT)
    offset = TEXT.index("z")
    assert to_position(source, offset, encoding) == _pos(1, expected)
    assert to_offset(source, _pos(1, expected), encoding) == offset


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_combining_marks_count_as_separate_code_points(encoding: str) -> None:
    source = Source(COMBINING)
    offset = COMBINING.index("v")
    expected = {UTF8: 11, UTF16: 10, UTF32: 10}[encoding]
    assert to_position(source, offset, encoding) == _pos(0, expected)
    assert to_offset(source, _pos(0, expected), encoding) == offset


def test_crlf_lines_and_last_line_without_newline() -> None:
    source = Source(TEXT)
    assert to_position(source, TEXT.index("last"), UTF16) == _pos(3, 0)
    assert to_offset(source, _pos(2, 99), UTF16) == TEXT.index("\r\n")


def test_positions_past_the_end_clamp() -> None:
    source = Source("ab\ncd")
    assert to_offset(source, _pos(0, 50), UTF16) == 2
    assert to_offset(source, _pos(9, 0), UTF16) == 5
    assert to_position(source, 99, UTF16) == _pos(1, 2)


def test_position_inside_a_surrogate_pair_rounds_down() -> None:
    source = Source("😀x")
    assert to_offset(source, _pos(0, 1), UTF16) == 0
    assert to_offset(source, _pos(0, 2), UTF16) == 1


def test_form_feed_is_not_a_line_break() -> None:
    text = "a = 1\n\x0cb = 2\n"
    source = Source(text)
    assert to_position(source, text.index("b"), UTF16) == _pos(1, 1)


def test_range_round_trip() -> None:
    source = Source(TEXT)
    start, end = TEXT.index("😀"), TEXT.index("z")
    rng = to_lsp_range(source, start, end, UTF16)
    assert rng == types.Range(start=_pos(0, 5), end=_pos(1, 10))
