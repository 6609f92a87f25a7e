"""Repairing an unparsed gap: which statements come back, at their real positions,
and what a hover there says."""

from __future__ import annotations

import ast

import pytest

from pygloss.engine.explain import explain
from pygloss.engine.tolerant import MAX_REPAIRS, gap_at, recovered_view, repair
from pygloss.syntax.source import Source
from tests.conftest import split_cursor
from tests.unit.hover.kb import hover_kb


def repaired(text: str) -> list[tuple[str, int]]:
    source = Source(text)
    return [(type(s).__name__, s.lineno) for s in repair(source, 0, source.line_count)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x = foo(\ny = 2\n", [("Assign", 2)]),  # an unclosed call becomes `pass`, dropped
        ("def f(a,\n    return a\n", [("Return", 2)]),  # a broken header keeps its body
        ("if x\n    y = 1\nz = 2\n", [("Assign", 2), ("Assign", 3)]),
        ("def f():\n\nx = 1\n", [("Assign", 3)]),  # a header without a body
        ("s = '''abc\ndef f():\n    return 1\n", [("FunctionDef", 2)]),
        ("  x = 1\ny = 2\n", [("Assign", 2)]),  # unexpected indent
        ("for x in y:\n    pass\nelse\n    z = 1\n", [("For", 1), ("Assign", 4)]),
        ("x = )\n", []),
    ],
    ids=[
        "unclosed-call",
        "broken-def",
        "no-colon",
        "no-body",
        "open-string",
        "indent",
        "broken-else",
        "nothing-left",
    ],
)
def test_repair(text: str, expected: list[tuple[str, int]]) -> None:
    assert repaired(text) == expected


def test_a_broken_method_keeps_its_class_and_the_other_methods() -> None:
    text = (
        "class A(Base):\n"
        "    def f(self):\n"
        "        self.call(\n"
        "    def g(self):\n"
        "        return super().g()\n"
    )
    (klass,) = repair(Source(text), 0, 5)
    assert isinstance(klass, ast.ClassDef)
    assert [type(m).__name__ for m in klass.body] == ["FunctionDef", "FunctionDef"]
    f, g = klass.body
    assert [type(s).__name__ for s in f.body] == ["Pass"]  # kept: a body cannot be empty
    assert (g.lineno, g.col_offset) == (4, 4)


def test_positions_are_real_inside_a_gap_after_parsed_statements() -> None:
    text = "import os\n\n\nclass A:\n    x = [1,\n    def g(self):\n        return os.sep\n"
    source = Source(text)
    offset = text.index("os.sep")
    assert gap_at(source, offset) == (1, 8)  # from the line after `import os`
    view = recovered_view(source, offset)
    assert view is not None and view.text == text
    node = view.path_at(offset)[-1]
    assert view.segment(node) == "os"


def test_a_hover_on_the_broken_line_itself_says_nothing_elsewhere_it_works() -> None:
    marked = (
        "import asyncio\n\n\n"
        "class Worker:\n"
        "    async def run(self, urls):\n"
        "        for url in urls:\n"
        "            aw‸ait asyncio.sleep(1)\n"
        "    def broken(self):\n"
        "        return asyncio.gather(\n"
    )
    text, offset = split_cursor(marked)
    kb = hover_kb()
    found = explain(Source(text), offset, kb)
    assert found is not None and found.topics[0].id == "async-await"
    assert "in a `for` loop" in "\n".join(found.context)
    on_broken = explain(Source(text), text.index("gather(") + 2, kb)
    assert on_broken is None


def test_the_repair_gives_up_after_max_repairs() -> None:
    text = "".join(f"x{n} = (\n" for n in range(MAX_REPAIRS + 5)) + "y = 1\n"
    source = Source(text)
    assert repair(source, 0, source.line_count) == []
    assert recovered_view(source, text.index("y = 1")) is None


def test_crlf_and_tabs() -> None:
    text = "import os\r\nclass A:\r\n\tdef f(self):\r\n\t\tos.path.join(\r\n"
    text += "\tdef g(self):\r\n\t\treturn os.sep\r\n"
    source = Source(text)
    offset = text.index("os.sep")
    view = recovered_view(source, offset)
    assert view is not None
    assert view.segment(view.path_at(offset)[-1]) == "os"


def test_a_byte_order_mark_on_the_first_line_of_a_gap() -> None:
    text = "\ufeffdef f(a,\n    return a.sep\n"
    source = Source(text)
    (statement,) = repair(source, 0, source.line_count)
    assert source.segment(statement) == "return a.sep"


def test_each_gap_is_repaired_once_per_source(monkeypatch: pytest.MonkeyPatch) -> None:
    import pygloss.engine.tolerant as tolerant

    calls = []
    real = tolerant.repair
    monkeypatch.setattr(tolerant, "repair", lambda *a: calls.append(a) or real(*a))
    text = "class A:\n    def f(self):\n        self.x(\n    def g(self):\n        return 1\n"
    source = Source(text)
    for needle in ("def g", "return 1", "def f"):
        tolerant.recovered_view(source, text.index(needle))
    assert len(calls) == 1


def test_inside_a_method_that_source_wrote_over_with_pass() -> None:
    """``Source`` keeps a class with a broken method by writing ``pass`` over the
    whole method; the repair gives the method back, all but its broken line."""
    from pygloss.engine.tolerant import _rescued

    marked = (
        "import asyncio\n\n\n"
        "class Worker:\n"
        "    async def run(self, urls):\n"
        "        for url in urls:\n"
        "            aw‸ait asyncio.sleep(url)\n"
        "        asyncio.gather(\n"
        "\n"
        "    def other(self):\n"
        "        return [u for u in self.urls]\n"
    )
    text, offset = split_cursor(marked)
    source = Source(text)
    assert list(_rescued(source).values()) == [(3, source.line_count)]
    found = explain(source, offset, hover_kb())
    assert found is not None and found.topics[0].id == "async-await"
    assert "in a `for` loop" in "\n".join(found.context)
    other = explain(source, text.index("for u in"), hover_kb())
    assert other is not None and other.topics[0].id == "comprehensions"


def test_a_region_after_line_zero_has_real_lines_and_no_synthetic_nodes() -> None:
    text = "import os\n\n\nasync def f(a, b:\n    for u in a:\n        await u\n"
    source = Source(text)
    view = recovered_view(source, text.index("await"))
    assert view is not None
    assert [(type(s).__name__, s.lineno) for s in view.statements] == [
        ("Import", 1),
        ("For", 5),  # the broken `async def` line left no `if True:` behind
    ]
    assert view.segment(view.statements[1]).startswith("for u in a:")
