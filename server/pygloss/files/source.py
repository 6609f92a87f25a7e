"""Python source files on disk: read (bounded), decode, and remember what was read.

Files are decoded with their PEP 263 encoding (UTF-8 by default); binary files and
files that do not decode are :class:`~pygloss.files.read.Unreadable` (skipped),
never raised.  :func:`read_source_file` also returns the file's :class:`Stamp`
(size, modification time, content hash) so that a fix can be written back only if
the file is still what was read (:mod:`pygloss.files.write`).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import tokenize
from dataclasses import dataclass
from pathlib import Path

from pygloss.files.read import Unreadable, read_bytes

MAX_SOURCE_BYTES = 64_000_000  # when the caller names no limit


@dataclass(frozen=True)
class Stamp:
    """What identifies the content of a file as it was read."""

    size: int
    mtime_ns: int
    digest: str  # SHA-256 of the bytes

    @classmethod
    def of(cls, data: bytes, mtime_ns: int) -> Stamp:
        return cls(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str  # decoded, without a BOM
    encoding: str  # how to write it back: its PEP 263 encoding ("utf-8-sig" with a BOM)
    stamp: Stamp


def source_byte_limit(max_chars: int) -> int:
    """Bytes that may hold *max_chars* characters (UTF-8 uses at most 4 each)."""
    return 4 * max_chars + 4


def read_source_file(path: Path, max_chars: int | None = None) -> SourceFile | Unreadable:
    """*path* read (regular files only, bounded) and decoded, with its stamp."""
    limit = MAX_SOURCE_BYTES if max_chars is None else source_byte_limit(max_chars)
    try:
        before = os.stat(path).st_mtime_ns
    except OSError:
        before = 0  # read_bytes says why
    data = read_bytes(path, limit)
    if isinstance(data, Unreadable):
        if data.too_large and max_chars is not None:
            return Unreadable(
                path, f"larger than max-file-size ({max_chars}); skipped", too_large=True
            )
        return data
    decoded = _decode(data, path)
    if isinstance(decoded, Unreadable):
        return decoded
    text, encoding = decoded
    if max_chars is not None and len(text) > max_chars:
        return Unreadable(path, f"larger than max-file-size ({max_chars}); skipped", too_large=True)
    return SourceFile(path, text, encoding, Stamp.of(data, before))


def read_source(path: Path, max_chars: int | None = None) -> str | Unreadable:
    """The decoded text of *path*, or why it cannot be read as Python source."""
    found = read_source_file(path, max_chars)
    return found if isinstance(found, Unreadable) else found.text


def decode_source(data: bytes, path: Path) -> str | Unreadable:
    """*data* decoded as Python source (PEP 263, BOM dropped), or why it cannot be."""
    decoded = _decode(data, path)
    return decoded if isinstance(decoded, Unreadable) else decoded[0]


def _decode(data: bytes, path: Path) -> tuple[str, str] | Unreadable:
    """*data* decoded, with the encoding it declares (PEP 263; ``utf-8-sig`` with a BOM:
    how to write it back)."""
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Unreadable(path, "binary file (NUL bytes); skipped")
    try:
        encoding = _declared_encoding(data)
    except SyntaxError as exc:
        head = b"\n".join(data.splitlines()[:2])
        if b"coding" in head:
            return Unreadable(path, f"bad encoding declaration: {exc.msg}; skipped")
        return Unreadable(path, "not valid utf-8 text; skipped")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return Unreadable(path, f"not valid {encoding} text; skipped")
    return (text[1:] if text.startswith("\ufeff") else text), encoding


def _declared_encoding(data: bytes) -> str:
    """What :func:`tokenize.detect_encoding` says of *data*; most files declare
    nothing in their first two lines (no "coding" there): UTF-8, with its BOM or not."""
    end = data.find(b"\n")
    if end >= 0:
        end = data.find(b"\n", end + 1)
    if b"coding" not in (data if end < 0 else data[:end]):
        if data.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return "utf-8"
    return tokenize.detect_encoding(io.BytesIO(data).readline)[0]
