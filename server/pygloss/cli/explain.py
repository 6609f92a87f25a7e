"""``pygloss explain FILE:LINE:COL``: what the hover would say at that position."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pygloss.cli.common import UsageError, load_source


def add_parser(sub: Any) -> None:
    explain = sub.add_parser("explain", help="explain the code at FILE:LINE:COL")
    explain.add_argument("location", help="FILE:LINE:COL, 1-based as editors show them")
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

    source = load_source(path)
    if line > source.line_count or col > len(source.line_text(line - 1)) + 1:
        raise UsageError(f"{path}:{line}:{col}: position is outside the file")
    offset = source.offset_at(line - 1, col - 1)
    engine = Engine(jedi_budget=5.0)  # a one-shot command can wait for a cold jedi
    engine.notes.warn = warn
    pages = LocalPages()  # "Learn more": the pages a language server built, if any
    pages.find(engine.kb)
    options = RenderOptions(verbosity=verbosity, markdown=markdown, pages=pages.base or "")
    explanation = engine.explain(source, offset, options, notes_spec_for(notes, path))
    if explanation is None:
        return {"topics": [], "markdown": ""}
    start_line, start_col = source.position(explanation.start)
    end_line, end_col = source.position(explanation.end)
    return {
        "topics": [{"id": t.id, "title": t.title} for t in explanation.topics],
        "markdown": explanation.markdown,
        "range": {
            "start": {"line": start_line + 1, "column": start_col + 1},
            "end": {"line": end_line + 1, "column": end_col + 1},
        },
    }


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
