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
    explain.set_defaults(run=run)


def parse_location(location: str) -> tuple[Path, int, int]:
    parts = location.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise UsageError(f"expected FILE:LINE:COL, got {location!r}")
    line, col = int(parts[1]), int(parts[2])
    if line < 1 or col < 1:
        raise UsageError(f"line and column are 1-based, got {line}:{col}")
    return Path(parts[0]), line, col


def explain_location(path: Path, line: int, col: int, verbosity: str = "normal") -> dict[str, Any]:
    """The ``explain`` result for a 1-based position (used by the CLI and tests)."""
    from pygloss.engine.api import Engine
    from pygloss.engine.render import RenderOptions

    source = load_source(path)
    if line > source.line_count or col > len(source.line_text(line - 1)) + 1:
        raise UsageError(f"{path}:{line}:{col}: position is outside the file")
    offset = source.offset_at(line - 1, col - 1)
    engine = Engine(jedi_budget=5.0)  # a one-shot command can wait for a cold jedi
    explanation = engine.explain(source, offset, RenderOptions(verbosity=verbosity))
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
    result = explain_location(path, line, col, args.verbosity)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    elif result["topics"]:
        from pygloss.engine.render import to_plaintext

        print(to_plaintext(result["markdown"]))
    else:
        print(f"{path}:{line}:{col}: nothing to explain here")
    return 0
