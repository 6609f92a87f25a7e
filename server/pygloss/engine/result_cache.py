"""The persistent result cache: what a file gave last time, kept between runs.

A checked file's result is stored under a *key* the caller derives from everything the
result depends on (the file's bytes, its path, the configuration, the rule set and
pygloss's own code), and handed back only for the same key.  Nothing here knows what a
result is: it is JSON-ready data, validated again by the caller when read.

Layout: ``<cache dir>/<pygloss version>/<pack>.json``, one *pack* per source folder
(the entries of its files, by file name), so a run reads and writes a few hundred small
files however many sources there are, and a changed file rewrites only its folder's
pack.  The cache folder gets a ``.gitignore`` (``*``) and a ``CACHEDIR.TAG`` when it is
created.

Safe under concurrent runs: a pack is written to a temporary file in the same folder and
renamed over the old one (readers see the old pack or the new one, never half of one);
before writing, the pack on disk is read again and entries other runs stored meanwhile
are kept.  A pack is a header line (magic, format, SHA-256 of the body) and a JSON
body; one that is truncated, corrupt, of another format, or written for another
folder is ignored (its folder's files are checked again) and rewritten.  Never trusted
beyond that: JSON only, no pickle.

Bounded: when the cache folder holds more than :data:`MAX_BYTES` of packs, the least
recently used are removed (a pack read is marked used at most once a day); temporary
files left by a run that was killed are removed after an hour.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from pygloss.files import Unreadable, read_bytes, read_head

CACHE_DIR_NAME = ".pygloss_cache"
ENV_CACHE_DIR = "PYGLOSS_CACHE_DIR"
MAGIC = "pygloss-result-cache"
FORMAT = 1
MAX_BYTES = 100 * 1024 * 1024  # all packs together
MAX_PACK_BYTES = 64 * 1024 * 1024  # a bigger file is not a pack of ours
STALE_TEMP_SECONDS = 3600
TOUCH_SECONDS = 86400
GITIGNORE = "# Created by pygloss: its result cache (`pygloss clean` removes it).\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by pygloss.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

Entry = dict[str, Any]


class _Pack:
    """The entries of one source folder: file name -> ``{"key": ..., "result": ...}``."""

    def __init__(self, path: Path, folder: str, entries: dict[str, Entry], valid: bool) -> None:
        self.path = path
        self.folder = folder
        self.entries = entries
        self.valid = valid  # read whole and sound (or absent): no rewrite needed as such
        self.changed: dict[str, Entry] = {}


class ResultCache:
    """The packs of one cache folder, read on first use and written by :meth:`flush`."""

    def __init__(self, root: Path, version: str) -> None:
        self.root = root
        self.folder = root / version
        self._packs: dict[str, _Pack] = {}
        self.hits = 0  # the caller counts the results it used
        self.stored = 0

    @classmethod
    def open(cls, root: Path, version: str) -> ResultCache | None:
        """The cache in folder *root* for pygloss *version*, created if needed; None
        when it cannot be (a read-only folder, a file in the way): the caller then runs
        without one."""
        if not version[:1].isdigit() or "/" in version or os.sep in version:
            raise ValueError(f"not a version: {version!r}")
        try:
            fresh = not root.is_dir()
            (root / version).mkdir(parents=True, exist_ok=True)
            if fresh:  # never in a folder of the user's that cache-dir names
                _write_small(root / ".gitignore", GITIGNORE)
                _write_small(root / "CACHEDIR.TAG", CACHEDIR_TAG)
        except OSError:
            return None
        return cls(root, version)

    # -- reading ---------------------------------------------------------------------
    def entry(self, path: str) -> Entry | None:
        """The stored entry of file *path*, whatever its key (None when there is none)."""
        folder, name = os.path.split(os.path.abspath(path))
        return self._pack(folder).entries.get(name)

    def lookup(self, path: str, key: str) -> Any:
        """The result stored for *path* under *key*, or None."""
        found = self.entry(path)
        if found is None or found.get("key") != key:
            return None
        return found.get("result")

    def _pack(self, folder: str) -> _Pack:
        pack = self._packs.get(folder)
        if pack is None:
            path = self.folder / f"{_digest(folder)[:24]}.json"
            entries, valid = read_pack(path, folder)
            pack = self._packs[folder] = _Pack(path, folder, entries, valid)
        return pack

    # -- writing ---------------------------------------------------------------------
    def store(self, path: str, key: str, result: Any) -> None:
        """Keep *result* for *path* under *key* (written by :meth:`flush`)."""
        folder, name = os.path.split(os.path.abspath(path))
        pack = self._pack(folder)
        entry = {"key": key, "result": result}
        pack.entries[name] = entry
        pack.changed[name] = entry
        self.stored += 1

    def flush(self) -> None:
        """Write the packs that changed; mark the ones read as used; keep the bound.
        Never raises: a cache that cannot be written is a cache that is not used."""
        now = time.time()
        for pack in self._packs.values():
            try:
                if pack.changed:
                    _write_pack(pack)
                elif pack.entries and now - _mtime(pack.path) > TOUCH_SECONDS:
                    os.utime(pack.path)
            except OSError:
                continue
        with contextlib.suppress(OSError):
            trim(self.root)


def cache_root(start: Path, configured: str | None = None) -> Path:
    """Where the cache of a run started in folder *start* lives: *configured* (the
    command line's ``--cache-dir`` or ``$PYGLOSS_CACHE_DIR``, relative to *start*) if
    given, else ``.pygloss_cache`` in the folder of the nearest ``pyproject.toml`` at
    or above *start*, else in *start* itself.  (``cache-dir`` in that ``pyproject.toml``
    is applied by the caller, which reads the file anyway.)"""
    if configured:
        return start / configured
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder / CACHE_DIR_NAME
    return start / CACHE_DIR_NAME


def read_pack(path: Path, folder: str) -> tuple[dict[str, Entry], bool]:
    """The entries of the pack at *path* for source *folder*, and whether it was sound
    (absent counts as sound); anything else gives no entries."""
    data = read_bytes(path, MAX_PACK_BYTES)  # a regular file, bounded: never a FIFO
    if isinstance(data, Unreadable):
        return {}, data.os_errno == errno.ENOENT
    header, newline, body = data.partition(b"\n")
    fields = header.split(b" ")
    if (
        not newline
        or len(data) > MAX_PACK_BYTES
        or len(fields) != 3
        or fields[0] != MAGIC.encode()
        or fields[1] != str(FORMAT).encode()
        or fields[2] != hashlib.sha256(body).hexdigest().encode()
    ):
        return {}, False
    try:
        loaded = json.loads(body)
    except (ValueError, RecursionError):
        return {}, False
    if not isinstance(loaded, dict) or loaded.get("folder") != folder:
        return {}, False
    entries = loaded.get("entries")
    if not isinstance(entries, dict):
        return {}, False
    return {
        name: entry
        for name, entry in entries.items()
        if isinstance(entry, dict) and isinstance(entry.get("key"), str)
    }, True


def _write_pack(pack: _Pack) -> None:
    """Merge what this run stored into the pack on disk (another run may have written
    it meanwhile), then replace it atomically."""
    current, _ = read_pack(pack.path, pack.folder)
    current.update(pack.changed)
    body = json.dumps(
        {"folder": pack.folder, "entries": current}, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    header = f"{MAGIC} {FORMAT} {hashlib.sha256(body).hexdigest()}\n".encode()
    temp = pack.path.with_name(f".{pack.path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temp.open("wb") as stream:
            stream.write(header)
            stream.write(body)
        os.replace(temp, pack.path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    pack.entries, pack.changed = current, {}


def trim(root: Path, limit: int = MAX_BYTES) -> int:
    """Remove the least recently used packs until the cache folder holds at most
    *limit* bytes, and temporary files older than an hour; the bytes removed."""
    now = time.time()
    packs: list[tuple[float, int, Path]] = []
    for version in _version_folders(root):
        for entry in os.scandir(version):
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if entry.name.endswith(".tmp"):
                    if now - info.st_mtime > STALE_TEMP_SECONDS:
                        os.unlink(entry.path)
                elif entry.name.endswith(".json"):
                    packs.append((info.st_mtime, info.st_size, Path(entry.path)))
    total = sum(size for _, size, _ in packs)
    removed = 0
    for _, size, path in sorted(packs):
        if total - removed <= limit:
            break
        with contextlib.suppress(OSError):
            if _is_pack(path):
                path.unlink()
                removed += size
    return removed


def clean(root: Path) -> bool:
    """Remove the cache in folder *root*: only what pygloss wrote there (its version
    folders of packs, its ``.gitignore`` and ``CACHEDIR.TAG``), then the folder if it
    is left empty, so a ``cache-dir`` set to a folder of the user's loses nothing
    else.  True when something was removed."""
    removed = False
    for version in _version_folders(root):
        for entry in os.scandir(version):
            if _ours(entry):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed = True
        with contextlib.suppress(OSError):
            version.rmdir()
    for name, content in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        path = root / name
        if read_bytes(path, len(content.encode()) + 1) == content.encode():
            with contextlib.suppress(OSError):
                path.unlink()
                removed = True
    with contextlib.suppress(OSError):
        root.rmdir()
    return removed


def _ours(entry: os.DirEntry[str]) -> bool:
    """Whether *entry* is a pack (or a pack being written) by pygloss."""
    if not entry.name.endswith((".json", ".tmp")) or not entry.is_file(follow_symlinks=False):
        return False
    return _is_pack(Path(entry.path), empty_ok=entry.name.endswith(".tmp"))


def _is_pack(path: Path, empty_ok: bool = False) -> bool:
    head = read_head(path, len(MAGIC) + 1)
    if isinstance(head, Unreadable):
        return False
    return head == f"{MAGIC} ".encode() or (empty_ok and not head)


def _version_folders(root: Path) -> list[Path]:
    """The folders of pygloss versions in cache folder *root* (``0.1.0``, ...)."""
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []
    return [
        Path(e.path) for e in entries if e.name[:1].isdigit() and e.is_dir(follow_symlinks=False)
    ]


def _write_small(path: Path, text: str) -> None:
    if not path.exists():
        path.write_text(text, encoding="utf-8")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
