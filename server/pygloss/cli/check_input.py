"""Sources of ``pygloss check`` that are not files on disk: standard input and pipes.

``pygloss check -`` reads the source from standard input (for editors and hooks that
lint unsaved text); ``--stdin-filename PATH`` names it, and that name is used for the
messages, ``per-file-ignores`` / ``exclude``, the nearest ``pyproject.toml`` and the
test-file rules.  A path given on the command line that is neither a regular file nor
a directory (``/dev/stdin``, a FIFO, a shell's ``<(...)``) is read once, here in the
main process, like a file; fixes are never written back to it.
"""

from __future__ import annotations

import argparse
import io
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

from pygloss.cli.common import UsageError
from pygloss.files import Unreadable, decode_source

STDIN = "-"


@dataclass(frozen=True)
class StdinSource:
    name: str  # the path for messages and configuration; "-" when unnamed
    text: str
    encoding: str  # how to write the fixed source back (the input's own encoding)

    @property
    def named(self) -> bool:
        return self.name != STDIN


def stdin_name(args: argparse.Namespace) -> str | None:
    """The name of the source to read from standard input, or None to check paths."""
    paths: list[str] = args.paths
    named: str | None = args.stdin_filename
    if STDIN in paths or (not paths and named is not None):
        if len(paths) > 1:
            raise UsageError("'-' (standard input) cannot be checked together with other paths")
        if named == "":
            raise UsageError("--stdin-filename: empty name")
        return named or STDIN
    if named is not None:
        raise UsageError("--stdin-filename names standard input: give '-' as the only PATH")
    if not paths:
        raise UsageError("no PATH given (give '-' to read the source from standard input)")
    return None


def read_stdin(name: str) -> StdinSource:
    """All of standard input, decoded like a file; a :class:`UsageError` if it cannot be."""
    label = "<stdin>" if name == STDIN else f"{name} (standard input)"
    if sys.stdin is None:
        raise UsageError(f"{label}: standard input is closed")
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        raise UsageError(f"{label}: cannot read: {exc.strerror or exc}") from None
    text = decode_source(data, Path(name))
    if isinstance(text, Unreadable):
        raise UsageError(f"{label}: {text.reason.removesuffix('; skipped')}")
    return StdinSource(name, text, _encoding(data))


def read_special(path: Path, max_chars: int) -> str | Unreadable:
    """The text of a path that is not a regular file, read at most once and bounded
    (``/dev/zero`` must not fill the memory)."""
    limit = 4 * max_chars + 4  # UTF-8 needs at most 4 bytes a character
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        return Unreadable(path, exc.strerror or str(exc))
    if len(data) > limit:
        return Unreadable(path, f"larger than max-file-size ({max_chars}); skipped")
    return decode_source(data, path)


def write_source(source: StdinSource, text: str) -> None:
    """*text* (the fixed source, or the unchanged one) on standard output, byte-exact."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode(source.encoding))
    sys.stdout.buffer.flush()


def _encoding(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:  # not reached: decode_source accepted the same bytes
        return "utf-8"
    return encoding
