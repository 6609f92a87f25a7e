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

import argparse
import sys
from collections.abc import Sequence

from pygloss import __version__
from pygloss.cli import check, explain, kb, notes, pages, rule, serve
from pygloss.cli.common import UsageError

COMMANDS = (serve, explain, check, rule, kb, notes, pages)

DESCRIPTION = """\
pygloss explains the Python under your cursor and flags classic pitfalls.

  pygloss check src/                 report pitfalls (PG101 mutable default, ...)
  pygloss explain app.py:12:5        explain the code at line 12, column 5
  pygloss serve                      run the language server on stdio (for editors)
  pygloss rule PG101                 show a rule's explanation
  pygloss kb list                    list the knowledge topics
  pygloss pages build site/          the topics and rules as web pages
  pygloss notes index NOTES.md       show what your own notes are indexed under
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pygloss",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pygloss {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
