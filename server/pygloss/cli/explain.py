"""``pygloss explain FILE:LINE:COL``: what the hover would say at that position."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pygloss.cli.common import UsageError, load_source

if TYPE_CHECKING:
    from pygloss.engine.notebook.model import Notebook
    from pygloss.syntax.source import Source

_CELL = re.compile(r"(.+):cell ([0-9]+)")


def add_parser(sub: Any) -> None:
    explain = sub.add_parser("explain", help="explain the code at FILE:LINE:COL")
    explain.add_argument(
        "location",
        help="FILE:LINE:COL, 1-based as editors show them (a notebook: FILE:cell N:LINE:COL)",
    )
    explain.add_argument("--format", choices=["text", "json"], default="text")
    explain.add_argument("--verbosity", choices=["brief", "normal", "full"], default="normal")
    explain.add_argument(
        "--notes",
        action="append",
        metavar="PATH",
        help="your Markdown notes (file or glob; repeatable; default: notes in [tool.pygloss])",
    )
    explain.set_defaults(run=run)


def parse_location(location: str) -> tuple[Path, int, int]:
    parts = location.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise UsageError(f"expected FILE:LINE:COL, got {location!r}")
    line, col = int(parts[1]), int(parts[2])
    if line < 1 or col < 1:
        raise UsageError(f"line and column are 1-based, got {line}:{col}")
    return Path(parts[0]), line, col


def split_cell(path: Path) -> tuple[Path, int | None]:
    """``nb.ipynb:cell 3`` -> ``(nb.ipynb, 3)``; any other path -> ``(path, None)``."""
    found = _CELL.fullmatch(str(path))
    if found is None:
        return path, None
    cell = int(found.group(2))
    if cell < 1:
        raise UsageError(f"cells are numbered from 1, got cell {cell}")
    return Path(found.group(1)), cell


def explain_location(
    path: Path,
    line: int,
    col: int,
    verbosity: str = "normal",
    notes: list[str] | None = None,
    markdown: bool = True,
) -> dict[str, Any]:
    """The ``explain`` result for a 1-based position (used by the CLI and tests);
    without *markdown* its ``markdown`` is plain text."""
    from pygloss.cli.notes import notes_spec_for, warn
    from pygloss.engine.api import Engine
    from pygloss.engine.render import RenderOptions
    from pygloss.lsp.pages import LocalPages

    path, cell = split_cell(path)
    if cell is not None or path.suffix == ".ipynb":
        if cell is None:
            raise UsageError(f"{path}: a notebook position is FILE:cell N:LINE:COL")
        notebook, index = load_notebook(path, cell)
        where: Source = notebook.cell_source(index)
    else:
        where = load_source(path)
    if line > where.line_count or col > len(where.line_text(line - 1)) + 1:
        raise UsageError(f"{path}:{line}:{col}: position is outside the file")
    offset = where.offset_at(line - 1, col - 1)
    source = where
    if cell is not None:
        source = notebook.source
        module = notebook.to_module(index, offset)
        if module is None or notebook.in_cell(module, module) is None:
            return {"topics": [], "markdown": ""}  # IPython syntax: nothing to explain
        offset = module
    engine = Engine(jedi_budget=5.0)  # a one-shot command can wait for a cold jedi
    engine.notes.warn = warn
    pages = LocalPages()  # "Learn more": the pages a language server built, if any
    pages.find(engine.kb)
    options = RenderOptions(verbosity=verbosity, markdown=markdown, pages=pages.base or "")
    explanation = engine.explain(source, offset, options, notes_spec_for(notes, path))
    if explanation is None:
        return {"topics": [], "markdown": ""}
    result: dict[str, Any] = {
        "topics": [{"id": t.id, "title": t.title} for t in explanation.topics],
        "markdown": explanation.markdown,
    }
    start, end = explanation.start, explanation.end
    if cell is not None:
        inside = notebook.in_cell(start, end)
        if inside is None:
            return result
        start, end = inside[1], inside[2]
    start_line, start_col = where.position(start)
    end_line, end_col = where.position(end)
    result["range"] = {
        "start": {"line": start_line + 1, "column": start_col + 1},
        "end": {"line": end_line + 1, "column": end_col + 1},
    }
    return result


def load_notebook(path: Path, cell: int) -> tuple[Notebook, int]:
    """The notebook at *path* and the index of its cell number *cell*, or a
    :class:`UsageError` saying why not."""
    from pygloss.cli.check_notebook import read_notebook
    from pygloss.engine.notebook.model import Notebook
    from pygloss.files import Unreadable

    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    read = read_notebook(path)
    if isinstance(read, Unreadable):
        raise UsageError(f"{path}: {read.reason.removesuffix('; skipped')}")
    ipynb = read[0]
    if ipynb.skip is not None:
        raise UsageError(f"{path}: {ipynb.skip}")
    notebook = Notebook(ipynb.cells, str(path))
    if cell > len(ipynb.cells):
        raise UsageError(f"{path}: has {len(ipynb.cells)} cells, not {cell}")
    if cell - 1 in notebook.skipped:
        raise UsageError(f"{path}: cell {cell} is {notebook.skipped[cell - 1]}; not explained")
    return notebook, cell - 1


def run(args: argparse.Namespace) -> int:
    path, line, col = parse_location(args.location)
    json_format = args.format == "json"
    result = explain_location(path, line, col, args.verbosity, args.notes, markdown=json_format)
    if json_format:
        print(json.dumps(result, indent=2))
    elif result["markdown"]:
        print(result["markdown"])
    else:
        print(f"{path}:{line}:{col}: nothing to explain here")
    return 0
