"""The bounded reader: how pygloss reads any file a workspace or a setting named.

A cloned repository chooses the paths pygloss reads (``notes = [...]`` in its
``pyproject.toml``, a ``manage.py`` jedi looks at, the files under a folder given to
``pygloss check``), and a path can name something that is not a file at all:
``/dev/zero`` (endless), ``/dev/stdin`` or ``/proc/self/fd/1`` (the server's own
LSP pipes), a FIFO (``open`` blocks until a writer comes, forever), a socket, a
symlink loop.  :func:`read_bytes` reads only **regular files**, at most ``limit``
bytes, and gives up after ``timeout`` seconds between chunks; everything else is an
:class:`Unreadable` saying why, never an exception.

How: ``stat`` first (a device or FIFO is refused before it is opened), then
``open`` with ``O_NONBLOCK | O_NOCTTY`` (opening a FIFO swapped in meanwhile does
not block) and ``fstat`` of the open descriptor (what is read is what was checked),
then ``read`` in chunks.  Also refused, though regular: the process's own standard
input, output and error however they are named (``/dev/stdout`` redirected to a
file, a hard link to it), and anything under ``/proc`` or ``/sys``.  What it cannot
bound: a single ``read`` that the kernel blocks (a hung network file system) — the
time cap is checked between chunks.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

READ_TIMEOUT = 5.0  # seconds one file may take to read
CHUNK = 1 << 20
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


@dataclass(frozen=True)
class Unreadable:
    """Why *path* was not read.

    ``error`` tells the two kinds apart: False when the file was *skipped* by
    policy (not a regular file, too large, binary, not decodable); True when it
    *could not be read* (permission denied, an I/O error, a symlink loop, a folder
    that cannot be listed), which the command line reports as "could not check".
    """

    path: Path
    reason: str
    error: bool = False
    too_large: bool = False
    os_errno: int = 0  # the errno of the OSError behind it, when there was one


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words ("a FIFO", "a character device", ...)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def os_reason(exc: OSError) -> str:
    """An ``OSError`` in words ("Permission denied", "symlink loop", ...)."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    return exc.strerror or str(exc)


_PSEUDO = ("/proc/", "/sys/")


def _own_stream(info: os.stat_result) -> str | None:
    """Which of the process's standard streams *info* is, if any."""
    for fd, name in ((0, "standard input"), (1, "standard output"), (2, "standard error")):
        try:
            stream = os.fstat(fd)
        except OSError:
            continue
        if (stream.st_dev, stream.st_ino) == (info.st_dev, info.st_ino):
            return name
    return None


def _refused(path: Path, mode: int) -> Unreadable:
    what = kind_of(mode)
    if what == "a directory":
        return Unreadable(path, "is a directory; skipped", os_errno=errno.EISDIR)
    return Unreadable(path, f"not a regular file ({what}); skipped")


def _too_large(path: Path, size: int | None, limit: int) -> Unreadable:
    shown = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
    reason = f"{shown} is over the limit of {limit:,} bytes; skipped"
    return Unreadable(path, reason, too_large=True)


def open_regular(path: str | os.PathLike[str], limit: int | None = None) -> int | Unreadable:
    """A read-only descriptor of regular file *path* (the caller closes it), or why
    not; with *limit*, a file whose size is over it is refused before it is opened."""
    where = Path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        return Unreadable(where, os_reason(exc), error=True, os_errno=exc.errno or 0)
    except ValueError as exc:  # an embedded NUL in the path
        return Unreadable(where, f"invalid path ({exc})", error=True)
    if not stat.S_ISREG(info.st_mode):
        return _refused(where, info.st_mode)
    if (stream := _own_stream(info)) is not None:
        return Unreadable(where, f"is this process's own {stream}; skipped")
    if os.path.realpath(path).startswith(_PSEUDO):
        return Unreadable(where, "a file of /proc or /sys; skipped")
    if limit is not None and info.st_size > limit:
        return _too_large(where, info.st_size, limit)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return Unreadable(where, os_reason(exc), error=True, os_errno=exc.errno or 0)
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        return Unreadable(where, os_reason(exc), error=True, os_errno=exc.errno or 0)
    if not stat.S_ISREG(info.st_mode):  # swapped for something else since stat()
        os.close(fd)
        return _refused(where, info.st_mode)
    return fd


def read_bytes(
    path: str | os.PathLike[str], limit: int, timeout: float = READ_TIMEOUT
) -> bytes | Unreadable:
    """The bytes of regular file *path* (at most *limit*), or why they were not read."""
    fd = open_regular(path, limit)
    if isinstance(fd, Unreadable):
        return fd
    where = Path(path)
    try:
        return _read_fd(fd, where, limit, time.monotonic() + timeout, timeout)
    except OSError as exc:
        return Unreadable(where, os_reason(exc), error=True, os_errno=exc.errno or 0)
    finally:
        os.close(fd)


def _read_fd(
    fd: int, where: Path, limit: int, deadline: float, timeout: float
) -> bytes | Unreadable:
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        try:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
        except BlockingIOError:  # not expected of a regular file; never spin on it
            return Unreadable(where, "would block; skipped", error=True)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if time.monotonic() > deadline:
            return Unreadable(where, f"reading took over {timeout:g} s; skipped", error=True)
    if total > limit:  # grew while being read, or a /proc file whose size says 0
        return _too_large(where, None, limit)
    return b"".join(chunks)


def read_head(path: str | os.PathLike[str], size: int) -> bytes | Unreadable:
    """At most the first *size* bytes of regular file *path* (a file's first line,
    a marker near its top), however large the file is."""
    fd = open_regular(path)
    if isinstance(fd, Unreadable):
        return fd
    try:
        return os.read(fd, size)
    except OSError as exc:
        return Unreadable(Path(path), os_reason(exc), error=True, os_errno=exc.errno or 0)
    finally:
        os.close(fd)
