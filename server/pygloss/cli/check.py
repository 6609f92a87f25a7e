"""``pygloss check PATH...``: report pitfalls in files and directories."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pygloss.cli.common import UsageError, codes


def add_parser(sub: Any) -> None:
    check = sub.add_parser("check", help="report pitfalls in files and directories")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--select", help="comma-separated codes or prefixes to enable")
    check.add_argument("--ignore", help="comma-separated codes or prefixes to disable")
    check.set_defaults(run=run)


def check_paths(
    paths: Sequence[Path],
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Findings (as JSON-ready dicts) for *paths*, and notes about skipped files."""
    from dataclasses import replace

    from pygloss.engine.api import Engine
    from pygloss.files import Unreadable, iter_python_files, read_source
    from pygloss.syntax.source import Source

    engine = Engine()
    reports: list[dict[str, Any]] = []
    notes: list[str] = []
    for root in paths:
        if not root.exists():
            raise UsageError(f"{root}: no such file or directory")
    for root in paths:
        for path in iter_python_files(root):
            config, warnings = engine.config_for(str(path))
            notes.extend(w for w in warnings if w not in notes)
            if select is not None:
                config = replace(config, select=select)
            if ignore is not None:
                config = replace(config, ignore=config.ignore + ignore)
            if path != root and config.is_excluded(str(path)):
                continue
            text = read_source(path)
            if isinstance(text, Unreadable):
                notes.append(f"{path}: {text.reason}")
                continue
            if len(text) > config.max_file_size:
                notes.append(f"{path}: larger than max-file-size ({config.max_file_size}); skipped")
                continue
            source = Source(text, str(path))
            result = engine.lint(source, config, str(path))
            for issue in result.syntax_errors:
                reports.append(
                    _report(
                        path,
                        source,
                        source.offset_at(issue.line, issue.column),
                        None,
                        "PG000",
                        "error",
                        f"syntax error: {issue.message}",
                        None,
                    )
                )
            for finding in result.findings:
                topic = engine.rule_topic(finding.code)
                report = _report(
                    path,
                    source,
                    finding.start,
                    finding.end,
                    finding.code,
                    str(finding.severity),
                    finding.message,
                    topic.id if topic else None,
                )
                if finding.related:
                    report["related"] = [_related(source, r) for r in finding.related]
                reports.append(report)
    return reports, notes


def _report(
    path: Path,
    source: Any,
    start: int,
    end: int | None,
    code: str,
    severity: str,
    message: str,
    topic: str | None,
) -> dict[str, Any]:
    line, col = source.position(start)
    end_line, end_col = source.position(end if end is not None else start)
    return {
        "path": str(path),
        "line": line + 1,
        "column": col + 1,
        "end_line": end_line + 1,
        "end_column": end_col + 1,
        "code": code,
        "severity": severity,
        "message": message,
        "topic": topic,
    }


def _related(source: Any, related: Any) -> dict[str, Any]:
    line, col = source.position(related.start)
    return {"line": line + 1, "column": col + 1, "message": related.message}


def run(args: argparse.Namespace) -> int:
    from pygloss.engine.api import Engine

    reports, notes = check_paths(
        [Path(p) for p in args.paths], codes(args.select), codes(args.ignore)
    )
    for note in notes:
        print(f"pygloss: note: {note}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(reports, indent=2))
    else:
        engine = Engine()
        for report in reports:
            print(
                f"{report['path']}:{report['line']}:{report['column']}: "
                f"{report['code']} {report['message']}"
            )
            for related in report.get("related", ()):
                print(
                    f"    note: {report['path']}:{related['line']}:{related['column']}: "
                    f"{related['message']}"
                )
            why = engine.why(report["code"]) if report["code"] != "PG000" else ""
            if why:
                print(f"    why: {why}")
        count = len(reports)
        if count:
            print(f"Found {count} problem{'s' if count != 1 else ''}.")
        else:
            print("All checks passed.")
    return 1 if reports else 0
