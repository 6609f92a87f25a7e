"""A notebook's code cells form one module: later cells see earlier ones; positions map
exactly both ways; nothing reported or fixed spans two cells or touches IPython syntax."""

from __future__ import annotations

import pytest

from pygloss.engine.config import Config
from pygloss.engine.notebook.analysis import fix_all_cells, fix_cells, lint_notebook
from pygloss.engine.notebook.model import Cell, Notebook

EVERYTHING = Config(extend_select=("ALL",))
ROUTES_CELL_2 = (
    "from fastapi import FastAPI\n"
    "app = FastAPI()\n"
    "\n"
    '@app.get("/users/{user_id}")\n'
    "def read_user(user_id: str):\n"
    "    return user_id\n"
)
ROUTES_CELL_5 = '@app.get("/users/me")\ndef read_me():\n    return "me"\n'


def _codes(notebook: Notebook) -> list[tuple[str, int, int, int]]:
    """(code, cell number, line, column) of each finding, 1-based like the CLI."""
    result, _ = lint_notebook(notebook.source, config=EVERYTHING)
    found = []
    for finding in result.findings:
        where = notebook.to_cell(finding.start)
        assert where is not None
        index, offset = where
        line, column = notebook.cell_source(index).position(offset)
        found.append((finding.code, index + 1, line + 1, column + 1))
    return found


def test_later_cells_see_earlier_cells() -> None:
    notebook = Notebook(
        [
            Cell(ROUTES_CELL_2),
            Cell("# Users", kind="markdown"),
            Cell("x = 1\n"),
            Cell("%%bash\necho hi\n"),
            Cell(ROUTES_CELL_5),
        ],
        "/tmp/routes.ipynb",
    )
    result, _ = lint_notebook(notebook.source, config=EVERYTHING)
    [finding] = [f for f in result.findings if f.code == "PG401"]
    assert notebook.to_cell(finding.start) == (4, 9)
    assert "`/users/{user_id}` (cell 1, line 4)" in finding.message
    [related] = finding.related
    assert notebook.to_cell(related.start) == (0, 54)  # line 4, column 10
    assert notebook.skipped == {1: "a markdown cell", 3: "a %%bash cell"}


def test_a_statement_never_spans_two_cells() -> None:
    # as one file, cell 1's open bracket would swallow cell 2; the kernel runs them apart
    notebook = Notebook([Cell("x = (1,\n"), Cell("def f(a=[]):\n    return a\n")])
    assert _codes(notebook) == [("PG101", 2, 1, 9)]
    [error] = notebook.source.parse.errors
    assert error.line == 0


def test_ipython_syntax_is_never_reported() -> None:
    notebook = Notebook(
        [Cell("%load_ext autoreload\nx = !echo 1 is 1\nif x is 1:\n    pass\ny = 2 is 2?\n")]
    )
    assert _codes(notebook) == [("PG102", 1, 3, 4)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_positions_map_both_ways(newline: str) -> None:
    cells = [
        Cell(f"%matplotlib inline{newline}import os{newline}"),
        Cell("text", kind="markdown"),
        Cell(f"s = 'é🎉'{newline}def f(a=[]):{newline}    return a"),
    ]
    notebook = Notebook(cells)
    for index in (0, 2):
        text = cells[index].text
        for offset in range(len(text) + 1):
            module = notebook.to_module(index, offset)
            assert module is not None
            if offset == len(text) and index == 0:  # after its last line break:
                assert notebook.to_cell(module) == (2, 0)  # where the next cell starts
                continue
            assert notebook.to_cell(module) == (index, offset)
            if offset < len(text):
                masked = notebook.segments[index].masked.text
                assert notebook.text[module] == masked[offset]
    assert notebook.to_module(1, 0) is None
    assert _codes(notebook) == [("PG101", 3, 2, 9)]


def test_fix_edits_land_in_the_cell() -> None:
    notebook = Notebook([Cell("import os\n"), Cell("def f(a=[]):\n    return a\n")])
    result, _ = lint_notebook(notebook.source, config=EVERYTHING)
    [finding] = result.findings
    found = fix_cells(notebook, finding, result.context)
    assert found is not None
    _title, _safety, edits = found
    assert list(edits) == [1]
    assert "None" in "".join(e.new_text for e in edits[1])


def test_fix_all_changes_only_the_cells_it_fixes() -> None:
    cells = [
        Cell("%matplotlib inline\nimport os\n"),
        Cell("x = 1\nif x == None:\n    pass\n"),
        Cell("# untouched", kind="markdown"),
        Cell("y = !ls\nif y is 1:\n    pass\n"),
    ]
    fixed = fix_all_cells(cells, EVERYTHING, unsafe=True)
    assert fixed.texts == {
        1: "x = 1\nif x is None:\n    pass\n",
        3: "y = !ls\nif y == 1:\n    pass\n",
    }
    assert fixed.applied == 2
    assert fixed.remaining == []
