"""Shared pieces of the command line: the usage error and loading a source file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pygloss.syntax.source import Source

COULD_NOT_CHECK = 2  # exit status: a usage error, or something could not be checked
SEVERITIES = ("error", "warning", "information", "hint")  # most severe first


class UsageError(Exception):
    """A problem with what the user asked for: one line on stderr, exit 2."""


def load_source(path: Path) -> Source:
    """The parsed text of *path*, or a :class:`UsageError` saying why not."""
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


def codes(value: str | None) -> tuple[str, ...] | None:
    """A comma-separated list of rule codes or prefixes, upper-cased."""
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())
