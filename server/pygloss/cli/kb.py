"""``pygloss kb list|show|check``: browse and validate knowledge topics."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pygloss.cli.common import UsageError


def add_parser(sub: Any) -> None:
    kb = sub.add_parser("kb", help="inspect or validate knowledge topics")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="ACTION")
    kb_list = kb_sub.add_parser("list", help="list topics")
    kb_list.add_argument("--area", help="only topics of this area")
    kb_show = kb_sub.add_parser("show", help="show one topic")
    kb_show.add_argument("id")
    kb_check = kb_sub.add_parser("check", help="validate a knowledge folder (exit 1 on errors)")
    kb_check.add_argument("dir", nargs="?", help="folder to check (default: the built-in one)")
    kb.set_defaults(run=run, kb_parser=kb)


def run(args: argparse.Namespace) -> int:
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
    args.kb_parser.print_help()
    return 2
