"""The ``pygloss`` command line: one module per sub-command.

Each sub-command module has ``add_parser(subparsers)`` (which sets ``run``) and
``run(args) -> int``.  Every sub-command calls the same engine as the language
server.  Exit codes: 0 = nothing to report, 1 = something was reported (``check``)
or invalid knowledge (``kb check``), 2 = usage error (bad arguments, missing file,
position outside the file) or something could not be checked (``check``: an
unreadable file or folder, a broken ``pyproject.toml``, a fix not written).  Errors
are one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pygloss import __version__

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

DESCRIPTION = """\
pygloss explains the Python under your cursor and flags classic pitfalls.

  pygloss check src/                 report pitfalls (PG101 mutable default, ...)
  pygloss clean                      remove pygloss check's result cache
  pygloss explain app.py:12:5        explain the code at line 12, column 5
  pygloss serve                      run the language server on stdio (for editors)
  pygloss rule PG101                 show a rule's explanation
  pygloss kb list                    list the knowledge topics
  pygloss pages build site/          the topics and rules as web pages
  pygloss notes index NOTES.md       show what your own notes are indexed under
"""


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from pygloss.cli import check, clean, explain, kb, notes, pages, rule, serve

    parser = argparse.ArgumentParser(
        prog="pygloss",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pygloss {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (serve, explain, check, clean, rule, kb, notes, pages):
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else list(argv)) == ["--version"]:
        print(f"pygloss {__version__}")  # what argparse prints, without building the parser
        return 0
    from pygloss.cli.common import UsageError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        result: int = args.run(args)
        return result
    except UsageError as exc:
        print(f"pygloss: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
