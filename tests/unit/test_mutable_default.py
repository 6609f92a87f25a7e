"""PG101 beyond the in-rule examples: what is and is not flagged, and the fix's edges."""

from __future__ import annotations

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import fix_all
from pygloss.engine.lint import lint
from pygloss.syntax.source import Source

ONLY = Config(select=("PG101",))


def _flagged(code: str) -> list[str]:
    source = Source(code)
    return [source.text[f.start : f.end] for f in lint(source, ONLY).findings]


@pytest.mark.parametrize(
    "default",
    [
        "[]",
        "{}",
        "set()",
        "list()",
        "dict()",
        "[x for x in y]",
        "{k: 1 for k in y}",
        "{x for x in y}",
        "bytearray()",
        "{1, 2}",
        "[1, 2]",
    ],
)
def test_mutable_defaults_are_flagged(default: str) -> None:
    assert _flagged(f"def f(a={default}):\n    pass\n") == [default]


@pytest.mark.parametrize(
    "default",
    [
        "()",
        "None",
        "frozenset()",
        "'text'",
        "b''",
        "0",
        "(1, [2])",
        "tuple()",
        "range(3)",
        "MappingProxyType({})",
        "True",
        "...",
    ],
)
def test_immutable_defaults_are_not_flagged(default: str) -> None:
    assert _flagged(f"def f(a={default}):\n    pass\n") == []


def test_positional_only_and_keyword_only_defaults_line_up() -> None:
    code = "def f(a, b=[], /, c=1, *, d={}, e, g=()):\n    pass\n"
    assert _flagged(code) == ["[]", "{}"]


def test_lambda_is_flagged_without_a_fix() -> None:
    result = fix_all("cb = lambda e, acc=[]: acc\n", ONLY, unsafe=True)
    assert result.applied == 0 and len(result.remaining) == 1


def test_fix_is_unsafe_so_fix_all_skips_it_by_default() -> None:
    code = "def f(x=[]):\n    return x\n"
    assert fix_all(code, ONLY).text == code


def test_two_mutable_defaults_get_two_guards_in_parameter_order() -> None:
    code = "def f(a=[], b={}):\n    return a, b\n"
    result = fix_all(code, ONLY, unsafe=True)
    assert result.text == (
        "def f(a=None, b=None):\n"
        "    if a is None:\n        a = []\n"
        "    if b is None:\n        b = {}\n"
        "    return a, b\n"
    )


def test_one_line_body_with_two_defaults_converges() -> None:
    result = fix_all("def f(a=[], b={}): return a, b\n", ONLY, unsafe=True)
    assert result.remaining == []
    compile(result.text, "<fixed>", "exec")


def test_optional_annotation_is_kept() -> None:
    code = "from typing import Optional\n\ndef f(x: Optional[list] = []):\n    return x\n"
    result = fix_all(code, ONLY, unsafe=True)
    assert "x: Optional[list] = None" in result.text


def test_tabs_and_crlf_are_preserved() -> None:
    code = "def f(x=[]):\r\n\treturn x\r\n"
    result = fix_all(code, ONLY, unsafe=True)
    assert result.text == "def f(x=None):\r\n\tif x is None:\r\n\t\tx = []\r\n\treturn x\r\n"


@pytest.mark.parametrize(
    ("line", "silenced"),
    [
        ("def f(x=[]):  # noqa: PG101", True),
        ("def f(x=[]):  # noqa", True),
        ("def f(x=[]):  # noqa: E501", False),
        ("def f(x=[]):  # pygloss: ignore[PG101]", True),
        ("def f(x=[]):  # pygloss: ignore[PG102]", False),
    ],
)
def test_suppression_comments(line: str, silenced: bool) -> None:
    assert (_flagged(line + "\n    pass\n") == []) is silenced


def test_ignore_comment_on_the_line_before() -> None:
    assert _flagged("# pygloss: ignore[PG101]\ndef f(x=[]):\n    pass\n") == []


def test_syntax_error_elsewhere_keeps_the_diagnostic() -> None:
    code = "def good(x=[]):\n    pass\n\ndef bad(:\n    pass\n\ndef also(y={}):\n    pass\n"
    assert _flagged(code) == ["[]", "{}"]
