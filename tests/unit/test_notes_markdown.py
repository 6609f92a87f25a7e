"""The Markdown reader of the notes index: headings, fences, inline code, markers."""

from __future__ import annotations

import pytest

from pygloss.engine.notes.markdown import parse_markdown


def _headings(text: str) -> list[tuple[int, int, str, int, int | None]]:
    doc = parse_markdown(text)
    return [(s.line, s.level, s.heading, s.end, s.parent) for s in doc.sections]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("# One\n", [(1, 1, "One", 1, None)], id="atx-1"),
        pytest.param("###### Six\n", [(1, 6, "Six", 1, None)], id="atx-6"),
        pytest.param("####### seven\n", [], id="atx-7-is-text"),
        pytest.param("#hashtag\n", [], id="atx-needs-space"),
        pytest.param("## Closed ##\n", [(1, 2, "Closed", 1, None)], id="atx-closing-hashes"),
        pytest.param("## C# notes\n", [(1, 2, "C# notes", 1, None)], id="atx-inner-hash-kept"),
        pytest.param("   ### Indented\n", [(1, 3, "Indented", 1, None)], id="atx-3-spaces"),
        pytest.param("    # code\n", [], id="atx-4-spaces-is-not"),
        pytest.param("Title\n=====\n", [(1, 1, "Title", 2, None)], id="setext-1"),
        pytest.param("Title\n---\n", [(1, 2, "Title", 2, None)], id="setext-2"),
        pytest.param(
            "Two line\ntitle\n===\n", [(1, 1, "Two line title", 3, None)], id="setext-paragraph"
        ),
        pytest.param("text\n\n---\n", [], id="thematic-break-after-blank"),
        pytest.param("- item\n---\n", [], id="list-item-is-not-setext"),
        pytest.param("---\ntitle: x\n---\n# Real\n", [(4, 1, "Real", 4, None)], id="front-matter"),
    ],
)
def test_headings(text: str, expected: list[tuple[int, int, str, int, int | None]]) -> None:
    assert _headings(text) == expected


def test_a_section_owns_text_up_to_the_next_heading_of_the_same_or_higher_level() -> None:
    text = "# A\ntext\n## B\nb\n### C\nc\n## D\nd\n# E\n"
    assert _headings(text) == [
        (1, 1, "A", 8, None),
        (3, 2, "B", 6, 0),
        (5, 3, "C", 6, 1),
        (7, 2, "D", 8, 0),
        (9, 1, "E", 9, None),
    ]


def test_headings_inside_code_fences_are_code() -> None:
    text = "# Real\n```python\n# a comment\nx = 1\n```\n~~~\n## still code\n~~~\n"
    doc = parse_markdown(text)
    assert [s.heading for s in doc.sections] == ["Real"]
    assert [(b.line, b.lang, b.code) for b in doc.blocks] == [
        (2, "python", "# a comment\nx = 1\n"),
        (6, "", "## still code\n"),
    ]


def test_fences_close_with_the_same_character_at_least_as_long() -> None:
    text = "````py\n```\nstill\n````\nafter\n"
    doc = parse_markdown(text)
    assert [(b.lang, b.code, b.closed) for b in doc.blocks] == [("py", "```\nstill\n", True)]


def test_an_unterminated_fence_runs_to_the_end_and_is_reported() -> None:
    doc = parse_markdown("# A\n```python\nx = 1\n# not a heading\n")
    assert doc.unterminated == 2
    assert [s.heading for s in doc.sections] == ["A"]
    assert doc.blocks[0].closed is False and doc.blocks[0].code == "x = 1\n# not a heading\n"


def test_indented_fences_lose_their_indent() -> None:
    doc = parse_markdown("  ```python\n  def f():\n      pass\n  ```\n")
    assert doc.blocks[0].code == "def f():\n    pass\n"


def test_inline_code_and_markers_with_their_lines() -> None:
    text = "# `asyncio.gather()`\nUse ``a `b` c`` and `x.y`.\n<!-- pygloss: mock.patch, await -->\n"
    doc = parse_markdown(text)
    assert [(s.line, s.text) for s in doc.inline] == [
        (1, "asyncio.gather()"),
        (2, "a `b` c"),
        (2, "x.y"),
    ]
    assert [(s.line, s.text) for s in doc.markers] == [(3, "mock.patch, await")]


def test_table_of_contents_links_are_not_inline_code_about_the_section() -> None:
    doc = parse_markdown("- [`asyncio.gather()`](#asyncio-gather)\n")
    assert doc.inline == []
