"""Long hovers (issue #20, item 3): the title, the warnings and what was computed come
first, within the lines VS Code shows without scrolling; the topic's general text, the
example and "See also" follow; two ⚠ lines stay two lines; a line after a list item
is not swallowed by the bullet."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from pygloss.engine.hover_layout import separate_lines, split_warnings
from pygloss.engine.render import RenderOptions, render
from pygloss.kb.model import Topic
from pygloss.syntax.source import Source
from tests.conftest import ROOT

SHOWN_LINES = 15  # what VS Code's hover shows before it scrolls
LINE_CHARS = 70  # characters on a line of a hover at VS Code's default width


def shown_lines(markdown: str) -> list[str]:
    """*markdown* as the lines a hover shows: long lines wrap, a paragraph break is a
    line (an estimate on the safe side: tables and titles are not narrower)."""
    lines: list[str] = []
    for line in markdown.split("\n"):
        wraps = max(1, math.ceil(len(line) / LINE_CHARS))
        lines.extend([line] + [""] * (wraps - 1))
    return lines


def topic() -> Topic:
    return Topic(
        id="demo",
        title="demo title",
        summary="The general summary of the topic.",
        area="constructs",
        path=Path("/kb/constructs/demo.md"),
        body="Lead.\n\n## Example\n\n```python\nx = 1\n```\n",
    )


def test_warnings_then_the_context_then_the_general_text() -> None:
    context = [
        "Mocks, bottom-up:\n\n| parameter | receives |\n|---|---|\n| `a` | `m.b` |\n\n"
        "⚠ `a` receives `m.b`\n⚠ `b` receives `m.a`",
        "Replaces `b` while the patch is active.",
    ]
    text = render([topic()], context, RenderOptions())
    order = [
        "**demo title**",
        "⚠ `a` receives `m.b`",
        "⚠ `b` receives `m.a`",
        "Mocks, bottom-up:",
        "Replaces `b`",
        "The general summary",
        "```python",
        "[Learn more]",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<p>⚠ <code>a</code> receives <code>m.b</code></p>" in html  # its own paragraph
    assert "<p>⚠ <code>b</code> receives <code>m.a</code></p>" in html


def test_brief_shows_no_computed_context_nor_warnings() -> None:
    text = render([topic()], ["⚠ a warning", "context"], RenderOptions(verbosity="brief"))
    assert "⚠" not in text and "context" not in text
    assert text.startswith("**demo title**\n\nThe general summary")


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        pytest.param("- one\n- two\nAfter.", "- one\n- two\n\nAfter.", id="after-a-list"),
        pytest.param("1. one\nAfter.", "1. one\n\nAfter.", id="after-a-numbered-item"),
        pytest.param("- one\n  goes on", "- one\n  goes on", id="indented-continuation"),
        pytest.param("- one\n\nAfter.", "- one\n\nAfter.", id="already-apart"),
        pytest.param("```\n- one\nx = 1\n```", "```\n- one\nx = 1\n```", id="code-untouched"),
    ],
)
def test_a_line_after_a_list_item_is_a_paragraph_of_its_own(block: str, expected: str) -> None:
    assert separate_lines(block) == expected
    html = MarkdownIt("commonmark").render(separate_lines(block))
    if "After." in block:
        assert "<p>After.</p>" in html


def test_split_warnings_keeps_code_and_continuations() -> None:
    block = "Intro.\n⚠ first,\nwhich goes on\n⚠ second\n\n```python\n⚠ in code\n```\nEnd."
    warnings, rest = split_warnings([block, "⚠ alone"])
    assert warnings == ["⚠ first, which goes on", "⚠ second", "⚠ alone"]
    assert rest == ["Intro.\n\n```python\n⚠ in code\n```\nEnd."]


DECORATED = """\
import functools


def logged(func):
    def wrapper(*args, **kwargs):
        print(func.__name__)
        return func(*args, **kwargs)
    return wrapper


@logged
def total(values):
    return sum(values)
"""


@pytest.mark.parametrize(
    ("path", "needle", "delta"),
    [
        pytest.param(
            "examples/shop/tests/test_billing.py",
            '@mock.patch("shop.billing.httpx',
            7,
            id="stacked",
        ),
        pytest.param(None, "@logged", 2, id="wrapper-without-wraps"),
    ],
)
def test_the_warnings_of_real_hovers_are_shown_without_scrolling(
    engine, path: str | None, needle: str, delta: int
) -> None:  # type: ignore[no-untyped-def]
    text = DECORATED if path is None else (ROOT / path).read_text(encoding="utf-8")
    source = Source(text, str(ROOT / (path or "scratch.py")))
    explanation = engine.explain(source, text.index(needle) + delta, RenderOptions())
    assert explanation is not None
    markdown = explanation.markdown
    warnings = [line for line in markdown.split("\n") if line.startswith("⚠")]
    assert warnings, markdown
    first = "\n".join(shown_lines(markdown)[:SHOWN_LINES])
    assert markdown.split("\n")[0] in first  # the title
    for warning in warnings:
        assert warning in first, f"not within {SHOWN_LINES} lines: {warning}\n{markdown}"
