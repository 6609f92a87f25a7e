"""Reading source files from disk for the CLI: discovery, decoding, skipping.

Directories are walked recursively, skipping version-control folders, virtual
environments (any folder holding ``pyvenv.cfg``), caches and build output.
Files are decoded with their PEP 263 encoding (UTF-8 by default); binary files and
files that do not decode are reported as problems, never raised.
"""

from __future__ import annotations

import io
import os
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        "__pycache__",
        ".venv",
        "venv",
        ".env",
        "env",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".hypothesis",
        "node_modules",
        "site-packages",
        "build",
        "dist",
        ".eggs",
        "__pypackages__",
    }
)
SOURCE_SUFFIXES = (".py", ".pyi")


@dataclass(frozen=True)
class Unreadable:
    path: Path
    reason: str


def iter_python_files(root: Path) -> Iterator[Path]:
    """*root* itself when it is a file, else every Python file under it, sorted."""
    if root.is_file():
        yield root
        return
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIP_DIRS
            and not d.endswith(".egg-info")
            and not (here / d / "pyvenv.cfg").exists()
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield here / name


def read_source(path: Path) -> str | Unreadable:
    """The decoded text of *path*, or why it cannot be read as Python source."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Unreadable(path, exc.strerror or str(exc))
    return decode_source(data, path)


def decode_source(data: bytes, path: Path) -> str | Unreadable:
    """*data* decoded as Python source (PEP 263, BOM dropped), or why it cannot be."""
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Unreadable(path, "binary file (NUL bytes); skipped")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        head = b"\n".join(data.splitlines()[:2])
        if b"coding" in head:
            return Unreadable(path, f"bad encoding declaration: {exc.msg}; skipped")
        return Unreadable(path, "not valid utf-8 text; skipped")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return Unreadable(path, f"not valid {encoding} text; skipped")
    return text[1:] if text.startswith("\ufeff") else text
