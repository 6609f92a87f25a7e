"""Glob patterns a workspace wrote (``docs/**/*.md``), expanded within bounds.

:func:`glob_files` expands one absolute pattern like :func:`glob.glob` with
``recursive=True`` — ``*``, ``?`` and ``[...]`` match within one name, ``**`` any
number of folders, names starting with ``.`` only when the pattern's part does —
but over :func:`pygloss.files.walk.walk`: each real folder is searched once (two
committed symlinks to ``.`` are 2^40 paths to :mod:`glob`, one folder here), folders
no match can lie under are not entered, and the search stops at ``max_files``
matches, ``max_dirs`` folders, ``max_depth`` levels or ``timeout`` seconds, with a
warning saying which.  Symlinked folders are followed (a notes folder may be one).
"""

from __future__ import annotations

import fnmatch
import os
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pygloss.files.read import Unreadable
from pygloss.files.walk import WalkLimits, walk

_MAGIC = re.compile(r"[*?\[]")
RECURSIVE = "**"


@dataclass(frozen=True)
class GlobLimits:
    max_files: int = 500
    max_dirs: int = 10_000
    max_depth: int = 32
    timeout: float = 2.0  # seconds


def has_magic(pattern: str) -> bool:
    return _MAGIC.search(pattern) is not None


@lru_cache(maxsize=256)
def _part(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


class PathPattern:
    """The parts of a relative glob, matched name by name (a small NFA: a state is
    the index of the next part to match)."""

    def __init__(self, parts: tuple[str, ...]) -> None:
        self.parts = parts
        self.recursive = RECURSIVE in parts

    def _close(self, states: set[int]) -> set[int]:
        todo = list(states)
        while todo:  # '**' may match no folder at all
            state = todo.pop()
            recursive = state < len(self.parts) and self.parts[state] == RECURSIVE
            if recursive and state + 1 not in states:
                states.add(state + 1)
                todo.append(state + 1)
        return states

    def _step(self, states: set[int], name: str) -> set[int]:
        after: set[int] = set()
        for state in states:
            if state >= len(self.parts):
                continue
            part = self.parts[state]
            if part == RECURSIVE:
                if not name.startswith("."):
                    after.add(state)
            elif _name_matches(part, name):
                after.add(state + 1)
        return self._close(after)

    def states(self, names: tuple[str, ...]) -> set[int]:
        states = self._close({0})
        for name in names:
            states = self._step(states, name)
            if not states:
                break
        return states

    def matches(self, names: tuple[str, ...]) -> bool:
        return len(self.parts) in self.states(names)

    def may_contain(self, names: tuple[str, ...]) -> bool:
        """Whether a match may lie below the folder at *names*."""
        return any(state < len(self.parts) for state in self.states(names))


def _name_matches(part: str, name: str) -> bool:
    if name.startswith(".") and not part.startswith("."):
        return False
    if not has_magic(part):
        return part == name
    return _part(part).match(name) is not None


def split_pattern(pattern: str) -> tuple[Path, tuple[str, ...]]:
    """The folder a pattern's literal start names, and the parts after it."""
    parts = Path(pattern).parts
    literal = 0
    while literal < len(parts) and not has_magic(parts[literal]):
        literal += 1
    return Path(*parts[:literal]) if literal else Path("."), tuple(parts[literal:])


def glob_files(pattern: str, limits: GlobLimits = GlobLimits()) -> tuple[list[str], list[str]]:
    """Regular files matching absolute *pattern* (sorted) and warnings."""
    base, rest = split_pattern(pattern)
    if not rest:
        return ([pattern] if os.path.isfile(pattern) else []), []
    matcher = PathPattern(rest)
    depth = limits.max_depth if matcher.recursive else len(rest) - 1
    walk_limits = WalkLimits(
        max_depth=depth, max_dirs=limits.max_dirs, deadline=time.monotonic() + limits.timeout
    )
    problems: list[Unreadable] = []
    found: list[str] = []
    warnings: list[str] = []
    entries = walk(
        base,
        lambda _path, names: matcher.may_contain(names),
        follow_symlinks=True,
        limits=walk_limits,
        problems=problems,
    )
    for entry in entries:
        if matcher.matches(entry.parts) and entry.path.is_file():
            if len(found) == limits.max_files:
                warnings.append(
                    f"matches more than {limits.max_files} files; only the first "
                    f"{limits.max_files} found are used"
                )
                break
            found.append(str(entry.path))
    for problem in problems:
        if problem.path == base and "cannot list" in problem.reason:
            continue  # the folder does not exist: "matches no file" says it
        warnings.append(f"{problem.path}: {problem.reason}")
    return sorted(found), warnings
