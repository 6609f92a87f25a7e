"""No hover line wider than a reader can take in (issue #21, case 9): over every table
case, plain-text lines stay within 100 columns (prose is wrapped; link lines excepted)
and code blocks in the Markdown too; a long decorator call is elided in "Means:"."""

from __future__ import annotations

import pytest

from pygloss.engine.explain import explain
from pygloss.engine.render import WIDTH, RenderOptions
from pygloss.syntax.source import Source
from tests.unit.hover.case import Case
from tests.unit.hover.kb import hover_kb
from tests.unit.hover.test_table import ALL, RESOLVER


def render(case: Case, markdown: bool) -> str | None:
    options = RenderOptions(markdown=markdown)
    found = explain(Source(case.source), case.offset, hover_kb(), options, RESOLVER)
    return None if found is None else found.markdown


def code_lines(markdown: str) -> list[str]:
    lines, inside = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line)
    return lines


@pytest.mark.parametrize("case", ALL)
def test_lines_fit(case: Case) -> None:
    plain = render(case, markdown=False)
    if plain is None:
        return
    wide = [line for line in plain.splitlines() if len(line) > WIDTH and "://" not in line]
    assert wide == []
    markdown = render(case, markdown=True) or ""
    assert [line for line in code_lines(markdown) if len(line) > WIDTH] == []


def test_a_long_decorator_call_is_elided_in_means() -> None:
    text = (
        "@register('a rather long command name', aliases=['one', 'two', 'three'])\n"
        "@cached(60)\ndef handler():\n    pass\n"
    )
    found = explain(Source(text), 0, hover_kb())
    assert found is not None
    assert "Means: `handler = register(...)(cached(60)(handler))` (bottom-up)" in "\n".join(
        found.context
    )
