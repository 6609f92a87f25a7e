"""``pygloss kb list|show|check``: browse and validate knowledge topics.

``check`` validates like the language server loads (bad TOML, unknown fields,
duplicate ids, dangling ``see_also``/``rules``, unknown construct kinds, notes
headings not in ``notes-headings.txt``) and adds the hover-size and version-marker
checks of :mod:`pygloss.kb.style`; ``--run`` also runs every example and compares
what it prints with what the topic states (:mod:`pygloss.kb.runner`, the test
suite's own check); ``--coverage`` also requires every notes heading to be
covered.  It exits 1 when anything is wrong, so a team can lint its own
knowledge folder in CI.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pygloss.cli.common import UsageError

if TYPE_CHECKING:
    from pygloss.kb.model import Topic


def add_parser(sub: Any) -> None:
    kb = sub.add_parser("kb", help="inspect or validate knowledge topics")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="ACTION")
    kb_list = kb_sub.add_parser("list", help="list topics (id, title)")
    kb_list.add_argument("--area", help="only topics of this area (folder), e.g. 'language'")
    kb_show = kb_sub.add_parser("show", help="show one topic's page, rendered for the terminal")
    kb_show.add_argument("id", help="topic id, e.g. 'mock-patch'")
    kb_show.add_argument(
        "--markdown", action="store_true", help="print the topic file's Markdown instead"
    )
    kb_check = kb_sub.add_parser("check", help="validate a knowledge folder (exit 1 on errors)")
    kb_check.add_argument("dir", nargs="?", help="folder to check (default: the built-in one)")
    kb_check.add_argument(
        "--coverage",
        action="store_true",
        help="also require every heading of notes-headings.txt to be covered by a topic",
    )
    kb_check.add_argument(
        "--run",
        action="store_true",
        dest="run_examples",
        help="also run every example (subprocess, temp dir) and check its stated output",
    )
    kb.set_defaults(run=run, kb_parser=kb)


def use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _check(args: argparse.Namespace) -> int:
    from pygloss.kb.loader import HEADINGS_FILE, builtin_knowledge_dir, load_topics, read_headings
    from pygloss.kb.style import style_problems
    from pygloss.rules import REGISTRY

    folder = Path(args.dir) if args.dir else builtin_knowledge_dir()
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a directory")
    result = load_topics([folder], known_rules=frozenset(REGISTRY))
    problems = list(result.problems)
    for topic in result.topics:
        problems.extend(style_problems(topic))
    problems.sort(key=lambda p: (str(p.path), p.line))
    for problem in problems:
        print(problem)
    print(f"{len(result.topics)} topics ok, {len(problems)} problems")
    failed = bool(problems)
    if args.run_examples:
        failed |= _run_examples(result.topics)
    else:
        print("examples not run: add --run to run them and check their stated output")
    if args.coverage:
        listed = read_headings(folder / HEADINGS_FILE, ordered=True)
        covered = {heading for topic in result.topics for heading in topic.notes}
        missing = [h for h in listed if h not in covered]
        print(f"notes coverage: {len(listed) - len(missing)}/{len(listed)} headings covered")
        for heading in missing:
            print(f"  not covered: {heading}")
        failed |= bool(missing)
    return 1 if failed else 0


def _run_examples(topics: list[Topic]) -> bool:
    """Run every example of *topics*; print each failure; True when any failed."""
    from pygloss.kb.runner import check_block, runnable_blocks, skip_reason

    ran = skipped = 0
    failures: list[str] = []
    for topic in sorted(topics, key=lambda t: str(t.path)):
        for block in runnable_blocks(topic):
            if skip_reason(topic, block) is not None:
                skipped += 1
                continue
            ran += 1
            import tempfile

            with tempfile.TemporaryDirectory(prefix="pygloss-example-") as workdir:
                problems = check_block(block, Path(workdir))
            if problems:
                failures.append(f"{topic.path}:{block.line}: " + "\n    ".join(problems))
    for failure in failures:
        print(failure)
    print(
        f"examples: {ran - len(failures)} ran as stated, {len(failures)} failed, "
        f"{skipped} for other Python versions"
    )
    return bool(failures)


def run(args: argparse.Namespace) -> int:
    from pygloss.engine.knowledge import load_knowledge
    from pygloss.kb.terminal import render_topic
    from pygloss.pages.content import page_markdown, terminal_link

    if args.kb_command == "check":
        return _check(args)
    kb = load_knowledge()
    if args.kb_command == "list":
        topics = sorted(kb.topics.values(), key=lambda t: (t.area, t.id))
        if args.area:
            areas = sorted({t.area for t in topics})
            if args.area not in areas:
                raise UsageError(f"no area {args.area!r}; areas: {', '.join(areas)}")
            topics = [t for t in topics if t.area == args.area]
        width = max((len(t.area) + len(t.id) + 1 for t in topics), default=0)
        for topic in topics:
            label = f"{topic.area}/{topic.id}" if topic.area else topic.id
            print(f"{label:<{width}}  {topic.title}")
        return 0
    if args.kb_command == "show":
        shown = kb.get(args.id)
        if shown is None:
            import difflib

            close = difflib.get_close_matches(args.id, list(kb.topics), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UsageError(f"unknown topic {args.id!r}{hint}")
        if args.markdown:
            print(shown.markdown(), end="")
        else:
            page = page_markdown(shown, kb, terminal_link)
            print(render_topic(shown, page, use_color()), end="")
        return 0
    args.kb_parser.print_help()
    return 2
