"""The notes files of a workspace, read and indexed once per version.

:class:`NotesIndex` turns the configured patterns (``docs/python-notes.md``,
``wiki/**/*.md``, ``~/notes.md``; relative to the workspace root) into files and
keeps each file's :class:`NotesFile` until its size or modification time changes,
or until :meth:`NotesIndex.files_changed` is told it changed.  Glob expansions are
kept for a few seconds (and dropped on any reported change).

Notes files are read with the bounded reader (:mod:`pygloss.files`: regular files
only, never a FIFO, a device or the server's own pipes) and globs expanded with a
file, folder, depth and time cap, each real folder once (symlink loops).

Bad notes never raise: a missing path, a directory, a binary or oversized file, a
file with over :data:`MAX_NOTES_HEADINGS` heading lines, a glob that matches nothing
give a warning and are skipped; invalid UTF-8 is decoded
with replacement characters (and a warning).  Each warning goes once to ``warn``
(per file version: a file that changes may warn again).  Thread-safe.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pygloss.engine.config import Config
from pygloss.engine.notes.constructs import kinds_in
from pygloss.engine.notes.index import KindsOf, NotesFile, index_notes
from pygloss.files import GlobLimits, Unreadable, glob_files, has_magic, read_bytes

log = logging.getLogger("pygloss.notes")
MAX_NOTES_BYTES = 4_000_000
# indexing costs about 0.3 ms a section: a file of 60,000 headings held the first
# hover for 14 s; over this many heading lines a file is not indexed
MAX_NOTES_HEADINGS = 5_000
_HEADING = re.compile(r"^#", re.MULTILINE)
MAX_GLOB_FILES = 500
GLOB_TTL = 5.0  # seconds a glob expansion is reused


@dataclass(frozen=True)
class NotesSpec:
    """Where a document's notes are: patterns and the folder relative ones start from."""

    patterns: tuple[str, ...]
    root: str | None = None

    @classmethod
    def from_config(cls, config: Config) -> NotesSpec | None:
        """``notes`` of a ``[tool.pygloss]`` table, relative to its project folder."""
        return cls(config.notes, config.root) if config.notes else None


def read_notes(path: str) -> tuple[str | None, list[str]]:
    """The text of notes file *path* (None when unusable) and warnings about it; read
    with the bounded reader (regular files only: never a FIFO, a device, the server's
    own pipes), at most :data:`MAX_NOTES_BYTES`."""
    data = read_bytes(path, MAX_NOTES_BYTES)
    if isinstance(data, Unreadable):
        return None, [_unreadable(path, data)]
    if b"\0" in data[:8192]:
        return None, [f"notes: {path}: binary file (NUL bytes), not Markdown; skipped"]
    headings = len(_HEADING.findall(data.decode("latin-1")))
    if headings > MAX_NOTES_HEADINGS:
        return None, [
            f"notes: {path}: {headings:,} lines start with '#', over the "
            f"{MAX_NOTES_HEADINGS:,} a notes file may have; skipped (split it in several files)"
        ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("utf-8-sig", errors="replace")
        return text, [
            f"notes: {path}:{line}: not valid UTF-8 (byte {exc.start}); undecodable bytes replaced"
        ]


def _unreadable(path: str, why: Unreadable) -> str:
    if why.too_large:
        size = os.path.getsize(path) / 1_000_000
        return (
            f"notes: {path}: {size:.1f} MB is over the {MAX_NOTES_BYTES // 1_000_000} MB "
            "limit for a notes file; skipped"
        )
    if why.reason == "No such file or directory" and not os.path.lexists(path):
        return f"notes: {path}: no such file; skipped"
    if why.reason.startswith("is a directory"):
        return f"notes: {path}: is a directory; skipped (use a glob: {path}/**/*.md)"
    if why.error:
        return f"notes: {path}: cannot read ({why.reason}); skipped"
    return f"notes: {path}: {why.reason}"


def expand(pattern: str, root: str | None) -> tuple[list[str], list[str]]:
    """Files named by one pattern (``~`` expanded, relative to *root*) and warnings."""
    expanded = os.path.expanduser(pattern.strip())
    if not expanded:
        return [], []
    if not os.path.isabs(expanded):
        if root is None:
            return [], [f"notes: {pattern!r} is relative but there is no workspace root; skipped"]
        expanded = os.path.join(root, expanded)
    expanded = os.path.normpath(expanded)
    if not has_magic(expanded):
        return [expanded], []
    # bounded: each real folder once (symlink loops), file, folder, depth and time caps
    found, problems = glob_files(expanded, GlobLimits(max_files=MAX_GLOB_FILES))
    warnings = [f"notes: {pattern!r}: {problem}" for problem in problems]
    if not found:
        warnings.append(f"notes: {pattern!r} matches no file under {root or '/'}")
    return found, warnings


class NotesIndex:
    """Indexed notes files, cached by path and (size, mtime)."""

    def __init__(
        self, warn: Callable[[str], None] | None = None, kinds_of: KindsOf | None = kinds_in
    ) -> None:
        self.warn = warn if warn is not None else log.warning
        self.kinds_of = kinds_of
        self._lock = threading.Lock()
        self._files: dict[str, tuple[tuple[int, int], NotesFile | None]] = {}
        self._globs: dict[tuple[str, str | None], tuple[float, list[str]]] = {}
        self._warned: dict[str, set[str]] = {}  # path (or pattern) -> messages sent

    def files(self, spec: NotesSpec | None) -> list[NotesFile]:
        """The indexed files of *spec*, each once, in the order configured."""
        if spec is None:
            return []
        seen: set[str] = set()
        found: list[NotesFile] = []
        for path in self.paths(spec):
            if path in seen:
                continue
            seen.add(path)
            notes = self.file(path)
            if notes is not None:
                found.append(notes)
        return found

    def paths(self, spec: NotesSpec) -> list[str]:
        paths: list[str] = []
        now = time.monotonic()
        for pattern in spec.patterns:
            key = (pattern, spec.root)
            with self._lock:
                cached = self._globs.get(key)
            if cached is not None and now - cached[0] < GLOB_TTL:
                paths.extend(cached[1])
                continue
            found, warnings = expand(pattern, spec.root)
            self._report(f"pattern:{pattern}", warnings)
            with self._lock:
                self._globs[key] = (now, found)
            paths.extend(found)
        return paths

    def file(self, path: str) -> NotesFile | None:
        """The index of one file (None when it cannot be used), re-read when it changed."""
        try:
            info = os.stat(path)
            stamp = (info.st_size, info.st_mtime_ns)
        except OSError:
            stamp = (-1, -1)
        with self._lock:
            cached = self._files.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        with self._lock:
            self._warned.pop(path, None)  # a new version may warn again
        notes = self._index(path)
        with self._lock:
            self._files[path] = (stamp, notes)
        return notes

    def _index(self, path: str) -> NotesFile | None:
        text, warnings = read_notes(path)
        notes: NotesFile | None = None
        if text is not None:
            try:
                notes = index_notes(text, path, self.kinds_of)
                warnings.extend(f"notes: {w}" for w in notes.warnings)
            except Exception as exc:  # a bug here must not take hovers down
                log.exception("indexing %s failed", path)
                warnings.append(f"notes: {path}: could not be indexed ({exc!r}); skipped")
        self._report(path, warnings)
        return notes

    def _report(self, key: str, warnings: Iterable[str]) -> None:
        for message in warnings:
            with self._lock:
                sent = self._warned.setdefault(key, set())
                if message in sent:
                    continue
                sent.add(message)
            try:
                self.warn(message)
            except Exception:  # the sink may be gone (shutdown)
                log.debug("could not report %s", message, exc_info=True)

    def files_changed(self, paths: Sequence[str]) -> bool:
        """Forget what was read from *paths*; True when any of them is a notes file
        (indexed, or matched by a configured glob, so possibly a new one)."""
        changed = False
        with self._lock:
            patterns = [_absolute(pattern, root) for pattern, root in self._globs]
            for path in map(os.path.normpath, paths):
                if self._files.pop(path, None) is not None or any(
                    p and fnmatch.fnmatchcase(path, p) for p in patterns
                ):
                    changed = True
                self._warned.pop(path, None)
            if changed:
                self._globs.clear()
                self._warned = {
                    k: v for k, v in self._warned.items() if not k.startswith("pattern:")
                }
        return changed


def _absolute(pattern: str, root: str | None) -> str | None:
    expanded = os.path.expanduser(pattern.strip())
    if not os.path.isabs(expanded):
        if root is None:
            return None
        expanded = os.path.join(root, expanded)
    return os.path.normpath(expanded)
