"""Walking a folder tree that a workspace controls, within bounds.

:func:`walk` yields every entry that is not a folder (regular files, but also
FIFOs, devices, dangling symlinks: reading them is :mod:`pygloss.files.read`'s
job, which refuses what is not a regular file).  Folders are entered depth-first in
name order (the files of a folder come before its subfolders), and never twice:
each real folder (device and inode) is entered once, so symlinks to ``.`` or to a
parent cannot loop, even when symlinked folders are followed.  A folder that cannot
be listed, one deeper than ``max_depth``, and the folders beyond ``max_dirs`` or
past the ``deadline`` are reported in ``problems`` and not searched; the walk goes on.

:func:`iter_python_files` is the command line's walk: Python files, skipping
version-control folders, virtual environments (any folder holding ``pyvenv.cfg``),
caches and build output; symlinked folders are not followed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pygloss.files.read import Unreadable, os_reason

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
        ".pygloss_cache",
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
SOURCE_SUFFIXES = (".py", ".pyi", ".ipynb")  # notebooks: pygloss.cli.check_notebook
MAX_DEPTH = 100  # folders below the root; a real project is far shallower


@dataclass(frozen=True)
class WalkLimits:
    max_depth: int = MAX_DEPTH
    max_dirs: int | None = None  # folders entered, the root included
    deadline: float | None = None  # time.monotonic() after which the walk stops


@dataclass(frozen=True)
class Entry:
    path: Path
    parts: tuple[str, ...]  # the path relative to the root, one name per part


Descend = Callable[[Path, tuple[str, ...]], bool]


def walk(
    root: Path,
    descend: Descend | None = None,
    follow_symlinks: bool = False,
    limits: WalkLimits = WalkLimits(),
    problems: list[Unreadable] | None = None,
) -> Iterator[Entry]:
    """Every non-folder entry under folder *root*; ``descend(path, parts)`` says
    whether to enter a subfolder (all, by default)."""
    report = problems.append if problems is not None else (lambda problem: None)
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    entered = 0
    while stack:
        folder, parts = stack.pop()
        if limits.deadline is not None and time.monotonic() > limits.deadline:
            report(Unreadable(folder, "time limit reached; not searched", error=True))
            return
        if limits.max_dirs is not None and entered >= limits.max_dirs:
            report(Unreadable(folder, f"over {limits.max_dirs} folders; not searched", error=True))
            return
        if len(parts) > limits.max_depth:
            report(
                Unreadable(folder, f"deeper than {limits.max_depth} folders; not searched", True)
            )
            continue
        try:
            identity = os.stat(folder)
            key = (identity.st_dev, identity.st_ino)
            if key in seen:
                continue  # reached again through a symlink: already searched
            seen.add(key)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            report(Unreadable(folder, f"cannot list the folder: {os_reason(exc)}", error=True))
            continue
        entered += 1
        subfolders: list[tuple[Path, tuple[str, ...]]] = []
        for entry in entries:
            path, sub = Path(entry.path), (*parts, entry.name)
            if _is_folder(entry, follow_symlinks):
                if descend is None or descend(path, sub):
                    subfolders.append((path, sub))
            elif not _is_folder(entry, True):  # a symlinked folder not followed: neither
                yield Entry(path, sub)
        stack.extend(reversed(subfolders))


def _is_folder(entry: os.DirEntry[str], follow_symlinks: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow_symlinks)
    except OSError:
        return False


def _python_folder(path: Path, parts: tuple[str, ...]) -> bool:
    name = parts[-1]
    if name in SKIP_DIRS or name.endswith(".egg-info"):
        return False
    try:
        return not (path / "pyvenv.cfg").exists()
    except OSError:
        return True


def iter_python_files(root: Path, problems: list[Unreadable] | None = None) -> Iterator[Path]:
    """*root* itself when it is a file, else every Python file (and notebook) under it, sorted;
    folders that could not be searched are added to *problems* (when given)."""
    if root.is_file():
        yield root
        return
    for entry in walk(root, _python_folder, problems=problems):
        if entry.path.name.endswith(SOURCE_SUFFIXES):
            yield entry.path
