"""``pygloss pages build OUT``: the knowledge base and the rules as a static site.

Exit 1 when a link between the pages is broken (the pages are still written, so
the broken page can be looked at), 2 when OUT is a non-empty folder that is not a
site this command wrote.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pygloss.cli.common import UsageError


def add_parser(sub: Any) -> None:
    pages = sub.add_parser("pages", help="build the knowledge pages as a static site")
    pages_sub = pages.add_subparsers(dest="pages_command", metavar="ACTION")
    build = pages_sub.add_parser(
        "build", help="write the site into a folder (exit 1 on a broken link)"
    )
    build.add_argument("out", help="folder to write (created; a previous build there is replaced)")
    pages.set_defaults(run=run, pages_parser=pages)


def run(args: argparse.Namespace) -> int:
    if args.pages_command != "build":
        args.pages_parser.print_help()
        return 2
    from pygloss.engine.knowledge import load_knowledge
    from pygloss.pages import SiteError, build_site

    out = Path(args.out)
    try:
        report = build_site(out, load_knowledge())
    except SiteError as exc:
        raise UsageError(str(exc)) from exc
    for problem in report.broken:
        print(problem)
    index = (out / "index.html").resolve().as_uri()
    print(f"{len(report.pages)} pages, {len(report.broken)} broken links: {index}")
    return 1 if report.broken else 0
