"""The ``pygloss`` command line: ``serve``, ``explain``, ``check``, ``kb``, ``rule``.

Every sub-command calls the same engine as the language server.  Exit codes:
0 = nothing to report, 1 = something was reported (``check``) or invalid knowledge
(``kb check``), 2 = usage error (bad arguments, missing file, position outside the
file).  Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pygloss import __version__

DESCRIPTION = """\
pygloss explains the Python under your cursor and flags classic pitfalls.

  pygloss check src/                 report pitfalls (PG101 mutable default, ...)
  pygloss explain app.py:12:5        explain the code at line 12, column 5
  pygloss serve                      run the language server on stdio (for editors)
  pygloss rule PG101                 show a rule's explanation
  pygloss kb list                    list the knowledge topics
"""


class UsageError(Exception):
    """A problem with what the user asked for: one line on stderr, exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pygloss",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pygloss {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the language server (stdio by default)")
    serve.add_argument("--stdio", action="store_true", help="talk LSP on stdin/stdout (default)")
    serve.add_argument("--tcp", action="store_true", help="listen on a TCP port instead")
    serve.add_argument("--host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=2087, help="TCP port (default 2087)")
    serve.add_argument("--log-file", help="also write the server log to this file")
    serve.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="log level for stderr / --log-file (default WARNING)",
    )

    explain = sub.add_parser("explain", help="explain the code at FILE:LINE:COL")
    explain.add_argument("location", help="FILE:LINE:COL, 1-based as editors show them")
    explain.add_argument("--format", choices=["text", "json"], default="text")
    explain.add_argument("--verbosity", choices=["brief", "normal", "full"], default="normal")

    check = sub.add_parser("check", help="report pitfalls in files and directories")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--select", help="comma-separated codes or prefixes to enable")
    check.add_argument("--ignore", help="comma-separated codes or prefixes to disable")

    rule = sub.add_parser("rule", help="show a rule's explanation, like `ruff rule`")
    rule.add_argument("code", help="rule code, e.g. PG101")

    kb = sub.add_parser("kb", help="inspect or validate knowledge topics")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="ACTION")
    kb_list = kb_sub.add_parser("list", help="list topics")
    kb_list.add_argument("--area", help="only topics of this area")
    kb_show = kb_sub.add_parser("show", help="show one topic")
    kb_show.add_argument("id")
    kb_check = kb_sub.add_parser("check", help="validate a knowledge folder (exit 1 on errors)")
    kb_check.add_argument("dir", nargs="?", help="folder to check (default: the built-in one)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "check":
            return _check(args)
        if args.command == "rule":
            return _rule(args)
        if args.command == "kb":
            return _kb(args, parser)
    except UsageError as exc:
        print(f"pygloss: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    parser.print_help()
    return 2


# -- serve ------------------------------------------------------------------
def _serve(args: argparse.Namespace) -> int:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if args.log_file:
        handlers.append(logging.FileHandler(args.log_file, encoding="utf-8"))
    logging.basicConfig(
        level=getattr(logging, args.log_level),
        handlers=handlers,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from pygloss.lsp.server import create_server

    server = create_server()
    if args.tcp:
        server.start_tcp(args.host, args.port)
    else:
        server.start_io()
    return 0


# -- explain ----------------------------------------------------------------
def parse_location(location: str) -> tuple[Path, int, int]:
    parts = location.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise UsageError(f"expected FILE:LINE:COL, got {location!r}")
    line, col = int(parts[1]), int(parts[2])
    if line < 1 or col < 1:
        raise UsageError(f"line and column are 1-based, got {line}:{col}")
    return Path(parts[0]), line, col


def _load_source(path: Path) -> Any:
    from pygloss.files import Unreadable, read_source
    from pygloss.syntax.source import Source

    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path}: is a directory, expected a file")
    text = read_source(path)
    if isinstance(text, Unreadable):
        raise UsageError(f"{path}: {text.reason}")
    return Source(text, str(path))


def explain_location(path: Path, line: int, col: int, verbosity: str = "normal") -> dict[str, Any]:
    """The ``explain`` result for a 1-based position (used by the CLI and tests)."""
    from pygloss.engine.api import Engine
    from pygloss.engine.render import RenderOptions

    source = _load_source(path)
    if line > source.line_count or col > len(source.line_text(line - 1)) + 1:
        raise UsageError(f"{path}:{line}:{col}: position is outside the file")
    offset = source.offset_at(line - 1, col - 1)
    explanation = Engine().explain(source, offset, RenderOptions(verbosity=verbosity))
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


def _explain(args: argparse.Namespace) -> int:
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


# -- check ------------------------------------------------------------------
def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


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
                reports.append(
                    _report(
                        path,
                        source,
                        finding.start,
                        finding.end,
                        finding.code,
                        str(finding.severity),
                        finding.message,
                        topic.id if topic else None,
                    )
                )
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


def _check(args: argparse.Namespace) -> int:
    from pygloss.engine.api import Engine

    reports, notes = check_paths(
        [Path(p) for p in args.paths], _codes(args.select), _codes(args.ignore)
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
            why = engine.why(report["code"]) if report["code"] != "PG000" else ""
            if why:
                print(f"    why: {why}")
        count = len(reports)
        if count:
            print(f"Found {count} problem{'s' if count != 1 else ''}.")
        else:
            print("All checks passed.")
    return 1 if reports else 0


# -- rule and kb --------------------------------------------------------------
def _rule(args: argparse.Namespace) -> int:
    from pygloss.engine.api import Engine

    engine = Engine()
    rule = engine.rule(args.code)
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r}")
    topic = engine.rule_topic(rule.code)
    print(f"{rule.code} ({rule.name})\n")
    fix = f"{rule.fix_safety} fix: {rule.fix_title}" if rule.fix_safety else "no automatic fix"
    print(f"Message: {rule.message}\nFix: {fix}\n")
    if topic is not None:
        print(topic.markdown())
    return 0


def _kb(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pygloss.engine.api import load_knowledge

    if args.kb_command == "check":
        from pygloss.kb.loader import builtin_knowledge_dir, load_topics
        from pygloss.rules import REGISTRY

        folder = Path(args.dir) if args.dir else builtin_knowledge_dir()
        if not folder.is_dir():
            raise UsageError(f"{folder}: not a directory")
        result = load_topics([folder], known_rules=frozenset(REGISTRY))
        for problem in result.problems:
            print(problem)
        print(f"{len(result.topics)} topics ok, {len(result.problems)} problems")
        return 1 if result.problems else 0
    kb = load_knowledge()
    if args.kb_command == "list":
        for topic in sorted(kb.topics.values(), key=lambda t: (t.area, t.id)):
            if args.area and topic.area != args.area:
                continue
            print(f"{topic.area + '/' if topic.area else ''}{topic.id}  {topic.title}")
        return 0
    if args.kb_command == "show":
        shown = kb.get(args.id)
        if shown is None:
            raise UsageError(f"unknown topic {args.id!r}")
        print(shown.markdown())
        return 0
    parser.parse_args(["kb", "--help"])
    return 2
