"""Rendering: layout, verbosity, the line budget, the short example, plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.engine.render import FULL_LINES, RenderOptions, render, short_example, to_plaintext
from pygloss.kb.model import Topic

PATH = Path("/kb/constructs/demo.md")
BODY = """\
A decorator is called with the function and its result replaces the name.

More lead text.

## Example

```python
def deco(fn):
    return fn
```

## Pitfall

Something.
"""


def topic(topic_id: str = "demo", body: str = BODY, docs: tuple[str, ...] = ()) -> Topic:
    return Topic(
        id=topic_id,
        title=f"{topic_id} title",
        summary=f"{topic_id} summary.",
        area="constructs",
        path=PATH,
        body=body,
        docs=docs or ("https://docs.python.org/3/glossary.html#term-decorator",),
    )


def lines_of(text: str) -> int:
    return text.count("\n") + 1


def test_normal_layout_title_context_summary_example_links() -> None:
    text = render([topic(), topic("other")], ["Computed **here**."], RenderOptions())
    assert text == (
        "**demo title**\n\n"
        "Computed **here**.\n\n"
        "demo summary.\n\n"
        "```python\ndef deco(fn):\n    return fn\n```\n\n"
        "See also: *other title*\n\n"
        f"[Learn more]({PATH.resolve().as_uri()}) · "
        "[Python docs](https://docs.python.org/3/glossary.html#term-decorator)"
    )


def test_brief_is_title_summary_and_links_only() -> None:
    text = render([topic()], ["Computed context."], RenderOptions(verbosity="brief"))
    assert "Computed context." not in text
    assert "```python" not in text
    assert text.startswith("**demo title**\n\ndemo summary.")
    assert text.endswith("[Python docs](https://docs.python.org/3/glossary.html#term-decorator)")


def test_full_adds_the_lead_and_keeps_the_example() -> None:
    text = render([topic()], ["Computed context."], RenderOptions(verbosity="full"))
    assert "A decorator is called with the function" in text
    assert "More lead text." in text
    assert "def deco(fn):" in text


def test_normal_stays_within_max_lines_and_cuts_at_a_line_with_an_ellipsis() -> None:
    long_block = "\n".join(f"row {n}" for n in range(60))
    text = render([topic()], [long_block], RenderOptions())
    assert lines_of(text) <= 25
    kept = [line for line in text.splitlines() if line.startswith("row ")]
    assert kept == [f"row {n}" for n in range(len(kept))]  # whole lines, in order
    assert "…" in text
    assert "[Learn more]" in text  # the links are never cut


def test_the_example_is_left_out_when_it_does_not_fit() -> None:
    block = "\n".join(f"row {n}" for n in range(16))
    text = render([topic()], [block], RenderOptions())
    assert "row 15" in text and "```python" not in text


def test_full_has_a_larger_budget() -> None:
    block = "\n".join(f"row {n}" for n in range(60))
    text = render([topic()], [block], RenderOptions(verbosity="full"))
    assert "row 59" in text
    assert lines_of(text) <= FULL_LINES


def test_a_later_block_that_does_not_fit_is_dropped_not_split_into_code() -> None:
    code = "```python\n" + "\n".join(f"x{n} = {n}" for n in range(30)) + "\n```"
    text = render([topic()], ["First block.", code], RenderOptions())
    assert "First block." in text
    assert "x0 = 0" not in text  # a code block is never cut in the middle


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (BODY, "```python\ndef deco(fn):\n    return fn\n```"),
        ("Lead.\n\n## Example\n\nNo code here.\n", None),
        ("Lead only.\n", None),
        (
            "Lead.\n\n## Example\n\n```python\n"
            + "\n".join(f"a = {n}" for n in range(9))
            + "\n```\n",
            None,
        ),
        (
            "Lead.\n\n## Example\n\n```python norun: needs a server\nserve()\n```\n",
            "```python\nserve()\n```",
        ),
    ],
    ids=["short", "no-code", "no-example", "too-long", "norun-marker-dropped"],
)
def test_short_example(body: str, expected: str | None) -> None:
    assert short_example(topic(body=body)) == expected


def test_plaintext_has_no_markdown_syntax() -> None:
    markdown = render(
        [topic(), topic("other")],
        [
            "| parameter | receives |\n|---|---|\n| `mock_a` | `app.a` |",
            "Uses **bold** and `code`.",
        ],
        RenderOptions(markdown=True),
    )
    plain = render(
        [topic(), topic("other")],
        [
            "| parameter | receives |\n|---|---|\n| `mock_a` | `app.a` |",
            "Uses **bold** and `code`.",
        ],
        RenderOptions(markdown=False),
    )
    assert plain == to_plaintext(markdown)
    for syntax in ("**", "`", "```", "|---|", "]("):
        assert syntax not in plain
    assert plain.startswith("demo title\n\n| parameter | receives |")
    assert "| mock_a | app.a |" in plain
    assert f"Learn more <{PATH.resolve().as_uri()}>" in plain
    assert "Python docs <https://docs.python.org/3/glossary.html#term-decorator>" in plain
    assert "def deco(fn):" in plain  # the example's code stays, without its fence


def test_see_also_lists_each_other_topic_once() -> None:
    text = render([topic(), topic("b"), topic("c")], [], RenderOptions())
    assert "See also: *b title*, *c title*" in text


def test_a_topic_without_docs_has_only_learn_more() -> None:
    bare = Topic(id="bare", title="Bare", summary="S.", area="x", path=PATH)
    text = render([bare], [], RenderOptions())
    assert text.endswith(f"[Learn more]({PATH.resolve().as_uri()})")
    assert "Python docs" not in text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        pytest.param("**`*args` and `**kwargs`**", "*args and **kwargs", id="title-with-code"),
        pytest.param("Computes `v**0.5` here.", "Computes v**0.5 here.", id="inline-power"),
        pytest.param(
            "Uses **bold**.\n\n```python\nmerged = {**defaults, **overrides}\nv**0.5\n```\n\nEnd.",
            "Uses bold.\n\nmerged = {**defaults, **overrides}\nv**0.5\n\nEnd.",
            id="fenced-code",
        ),
        pytest.param(
            "See `d[k](x)` and [docs](https://x.y)",
            "See d[k](x) and docs <https://x.y>",
            id="link-syntax-in-code",
        ),
        pytest.param("``a ` b`` stays", "a ` b stays", id="double-backticks"),
        pytest.param("See also: *b title*, *c*", "See also: b title, c", id="emphasis"),
        pytest.param(
            r"See also: *\*args and \*\*kwargs*", "See also: *args and **kwargs", id="escaped-stars"
        ),
        pytest.param("a * b * c, 2*3*4", "a * b * c, 2*3*4", id="stars-that-are-not-emphasis"),
    ],
)
def test_plaintext_keeps_code_as_written(markdown: str, plain: str) -> None:
    assert to_plaintext(markdown) == plain


@pytest.mark.parametrize(
    ("title", "markdown_title"),
    [
        ("*args and **kwargs", r"**\*args and \*\*kwargs**"),
        ("__all__ — from module import *", r"**\_\_all\_\_ — from module import \***"),
        ("`__slots__`: fixed attributes", "**`__slots__`: fixed attributes**"),
    ],
)  # fmt: skip
def test_titles_are_escaped_in_markdown_and_read_as_written_in_plain_text(
    title: str, markdown_title: str
) -> None:
    shown = Topic(id="t", title=title, summary="s.", area="functions", path=PATH, body="")
    markdown = render([shown], [], RenderOptions())
    assert markdown.splitlines()[0] == markdown_title
    plain = render([shown], [], RenderOptions(markdown=False))
    assert plain.splitlines()[0] == title.replace("`", "")
