"""Writing a fixed file back without ever losing a byte.

:func:`write_if_unchanged` writes new text over a file only if the file is still
exactly what was read (size, modification time and SHA-256 of its bytes, the
:class:`~pygloss.files.source.Stamp`): an edit saved while ``pygloss check --fix``
ran is kept, and the file is reported as not fixed.  The new bytes go to a
temporary file in the same folder, which then replaces the original in one
``rename`` (a crash or a full disk leaves the original untouched); the original's
permission bits and, where allowed, its owner and group are kept; the text is
written byte for byte (line endings are the fixer's, which keeps the file's own).
A symlink is written through (its target is replaced, the link stays).

Not atomic, deliberately: a file with several hard links is rewritten in place,
so every link sees the fix.  The check and the rename are two steps: an edit saved
in the microseconds between them can still be lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from pygloss.files.read import Unreadable, open_regular, os_reason
from pygloss.files.source import Stamp

CHANGED = "changed since it was read; not fixed (run pygloss again)"


def _current(fd: int, stamp: Stamp) -> bool:
    info = os.fstat(fd)
    if info.st_size != stamp.size or info.st_mtime_ns != stamp.mtime_ns:
        return False
    digest = hashlib.sha256()
    while chunk := os.read(fd, 1 << 20):
        digest.update(chunk)
    return digest.hexdigest() == stamp.digest


def write_if_unchanged(path: Path, text: str, encoding: str, stamp: Stamp) -> str | None:
    """Write *text* (in *encoding*) over *path* if it still matches *stamp*;
    None when written, else why not (one line, for a note)."""
    try:
        data = text.encode(encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        return f"the fixed text cannot be written as {encoding} ({exc}); not fixed"
    target = Path(os.path.realpath(path))
    fd = open_regular(target)
    if isinstance(fd, Unreadable):
        return f"{fd.reason}; not fixed"
    try:
        if not _current(fd, stamp):
            return CHANGED
        info = os.fstat(fd)
    except OSError as exc:
        return f"{os_reason(exc)}; not fixed"
    finally:
        os.close(fd)
    if not os.access(target, os.W_OK):
        return "read-only; not fixed"
    try:
        if info.st_nlink > 1:
            _write_in_place(target, data)
        else:
            _replace(target, data, info, stamp)
    except _Changed:
        return CHANGED
    except OSError as exc:
        return f"cannot write: {os_reason(exc)}; not fixed"
    return None


class _Changed(Exception):
    pass


def _write_in_place(target: Path, data: bytes) -> None:
    with open(target, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _replace(target: Path, data: bytes, info: os.stat_result, stamp: Stamp) -> None:
    fd, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".pygloss-fix", dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, info.st_mode & 0o7777)
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(temporary, info.st_uid, info.st_gid)
        now = os.stat(target)
        if now.st_size != stamp.size or now.st_mtime_ns != stamp.mtime_ns:
            raise _Changed
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
