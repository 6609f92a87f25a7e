"""Editing a notebook re-checks only what the edit can affect, with the same result as a
full lint: seeded random edits of notebooks cut from real files (typing in a cell,
line breaks, syntax errors, IPython lines typed in, cells added, removed, moved,
split and merged); after each, the findings, messages and syntax errors equal those
of a full lint of the same cells, and a keystroke inside a function body in one cell
re-parses that function only."""

from __future__ import annotations

import random
import sysconfig
from dataclasses import replace
from pathlib import Path

import pytest

from pygloss.engine.config import Config
from pygloss.engine.incremental import LintState
from pygloss.engine.lint import lint
from pygloss.engine.notebook.analysis import lint_notebook
from pygloss.engine.notebook.model import Cell, Notebook
from pygloss.syntax.source import Source

STDLIB = Path(sysconfig.get_paths()["stdlib"])
ROOT = Path(__file__).resolve().parents[3]
EVERYTHING = Config(extend_select=("ALL",))
TYPED = (" is 1", "x", "(", "'", " == None", "=[]", "\n", "\n    pass\n", ":", "%", "?", "!")
IPYTHON = ("%matplotlib inline\n", "!pip list\n", "files = !ls\n", "obj?\n", "    %time 1\n")


def _cells(path: Path) -> list[Cell]:
    """The file cut into cells at some top-level statements, with a markdown cell and
    an IPython line here and there."""
    text = path.read_text(encoding="utf-8")
    source = Source(text)
    starts = [source.line_starts[s.lineno - 1] for s in source.statements[1:]]
    rng = random.Random(len(text))
    cuts = sorted(rng.sample(starts, min(12, len(starts))))
    cells: list[Cell] = []
    for low, high in zip([0, *cuts], [*cuts, len(text)], strict=True):
        body = text[low:high]
        if rng.random() < 0.3:
            body = rng.choice(IPYTHON[:4]) + body
        cells.append(Cell(body))
        if rng.random() < 0.2:
            cells.append(Cell("## notes", kind="markdown"))
    return cells


def _edit(cells: list[Cell], rng: random.Random) -> list[Cell]:
    cells = list(cells)
    code = [i for i, c in enumerate(cells) if c.kind == "code"]
    index = rng.choice(code)
    text = cells[index].text
    kind = rng.random()
    if kind < 0.7:  # type in a cell (mostly inside a line of a function body)
        at = rng.randint(0, len(text))
        cells[index] = replace(cells[index], text=text[:at] + rng.choice(TYPED) + text[at:])
    elif kind < 0.78:  # delete a few characters
        at = rng.randint(0, len(text))
        cells[index] = replace(cells[index], text=text[:at] + text[at + rng.randint(1, 4) :])
    elif kind < 0.83:  # an IPython line
        lines = text.splitlines(keepends=True)
        at = rng.randint(0, len(lines))
        lines.insert(at, rng.choice(IPYTHON))
        cells[index] = replace(cells[index], text="".join(lines))
    elif kind < 0.87:  # a new cell
        cells.insert(
            rng.randint(0, len(cells)),
            Cell(rng.choice(("x = 1 is 1\n", "", "def f(a=[]): pass\n"))),
        )
    elif kind < 0.9 and len(code) > 2:  # delete a cell
        del cells[index]
    elif kind < 0.94:  # move a cell
        cell = cells.pop(index)
        cells.insert(rng.randint(0, len(cells)), cell)
    elif kind < 0.97:  # split a cell
        at = rng.randint(0, len(text))
        cells[index : index + 1] = [replace(cells[index], text=text[:at]), Cell(text[at:])]
    elif index + 1 < len(cells):  # merge with the next
        cells[index : index + 2] = [replace(cells[index], text=text + cells[index + 1].text)]
    return cells


def _full(cells: list[Cell]) -> tuple[list[object], object]:
    notebook = Notebook(cells, "nb.ipynb")
    result = lint(notebook.source, EVERYTHING, "nb.ipynb")
    return notebook.keep(result.findings), result.syntax_errors


@pytest.mark.parametrize(
    ("path", "seed"),
    [
        pytest.param(STDLIB / "unittest" / "mock.py", 1, id="mock"),
        pytest.param(STDLIB / "asyncio" / "tasks.py", 2, id="tasks"),
        pytest.param(ROOT / "examples" / "shop" / "tests" / "test_billing.py", 3, id="billing"),
    ],
)
def test_incremental_lint_of_a_notebook_equals_a_full_lint(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    cells = _cells(path)
    state: LintState | None = None
    reparsed_one = 0
    history = [cells]
    for _ in range(80):
        broken = not Notebook(cells).source.parse.complete
        if len(history) > 1 and rng.random() < (0.8 if broken else 0.1):
            history.pop()  # undo the last edit
            cells = history[-1]
        else:
            cells = _edit(cells, rng)
            history.append(cells)
        notebook = Notebook(cells, "nb.ipynb")
        result, state = lint_notebook(notebook.source, state, EVERYTHING)
        findings, errors = _full(cells)
        assert result.findings == findings
        assert result.syntax_errors == errors
        reparsed_one += bool(state is not None and state.stats.get("reparsed") == 1)
    assert reparsed_one >= 2  # some random edits fall inside a body: the cheap path


def test_a_keystroke_in_a_function_body_reparses_that_function_only() -> None:
    cells = [
        Cell("%matplotlib inline\nimport os\n"),
        Cell("def f(a):\n    x = 1\n    return x\n\ndef g():\n    pass\n"),
        Cell("# notes", kind="markdown"),
        Cell("f(1)\nh = !ls\n"),
    ]
    _, state = lint_notebook(Notebook(cells, "nb.ipynb").source, None, EVERYTHING)
    text = cells[1].text
    for typed in ("x", " is 1", "\n    y = []"):
        at = text.index("\n", text.index("return x"))  # the end of that line
        text = text[:at] + typed + text[at:]
        cells[1] = Cell(text)
        notebook = Notebook(cells, "nb.ipynb")
        result, state = lint_notebook(notebook.source, state, EVERYTHING)
        assert state is not None and state.stats["reparsed"] == 1
        assert result.findings == _full(cells)[0]
    # typing an indented line at the start of the next cell must not join f's body
    cells[3] = Cell("    z = 1\n" + cells[3].text)
    result, state = lint_notebook(Notebook(cells, "nb.ipynb").source, state, EVERYTHING)
    assert [e.line for e in result.syntax_errors] == [9]  # cell 4, line 1
