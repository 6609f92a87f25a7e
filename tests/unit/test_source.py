"""Source: ast offsets in code points, and parsing that survives syntax errors."""

from __future__ import annotations

import ast
import re

import pytest

from pygloss.syntax.source import Source


def test_ast_byte_columns_become_code_point_offsets() -> None:
    text = 's = "漢字😀"; target = 1\n'
    source = Source(text)
    assign = source.statements[1]
    assert source.span(assign)[0] == text.index("target")


def test_bom_is_not_counted_by_the_parser_but_is_by_offsets() -> None:
    text = "\ufeffx = [1]\n"
    source = Source(text)
    assert source.parse.complete
    assert source.span(source.statements[0]) == (1, 8)


def test_broken_function_leaves_the_other_statements() -> None:
    text = "def ok(a=[]):\n    pass\n\ndef broken(x:\n    pass\n\nclass C:\n    y = 1\n"
    parse = Source(text).parse
    assert not parse.complete
    assert [type(s).__name__ for s in parse.statements] == ["FunctionDef", "ClassDef"]
    assert parse.errors[0].line == 3


def test_column_zero_text_inside_a_string_is_merged_back() -> None:
    text = 'def f():\n    """doc\nflush left\n"""\n    return 1\n\nx = (\n'
    parse = Source(text).parse
    names = [s.name for s in parse.statements if isinstance(s, ast.FunctionDef)]
    assert names == ["f"]


def test_nul_bytes_do_not_raise() -> None:
    parse = Source("a = 1\nb = '\0'\nc = 2\n").parse
    assert len(parse.statements) == 2
    assert not parse.complete


def test_deep_nesting_is_reported_not_raised() -> None:
    parse = Source("x = " + "(" * 1000 + ")" * 1000 + "\ny = 1\n").parse
    assert not parse.complete
    assert len(parse.statements) == 1


def test_path_at_includes_decorators_and_finds_the_innermost_node() -> None:
    text = "@deco(arg)\ndef f():\n    return g(1)\n"
    source = Source(text)
    path = source.path_at(text.index("arg"))
    assert isinstance(path[0], ast.FunctionDef)
    assert isinstance(path[-1], ast.Name) and path[-1].id == "arg"
    assert source.path_at(len(text) + 5) == []


@pytest.mark.parametrize(
    "text",
    ["", "x", "x\n", "\n\n", "a\nbc\n\ndef\n", "a\r\nb\rc\n", "\r", "a\u2028b\x0cc\nd", "é\n😀\n"],
)
def test_line_starts_follow_every_line_end(text: str) -> None:
    """Lines end at ``\\r\\n``, ``\\r`` or ``\\n`` only (the LSP's and the tokenizer's
    definition), whichever way the starts are computed."""
    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert Source(text).line_starts == expected
