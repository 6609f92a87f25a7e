"""``pygloss check`` with the result cache: a file whose result is known is not checked.

What a file's report depends on, and so what its cache key holds:

* the file's bytes (SHA-256: the key is the content, not a modification time);
* its path as given (messages, ``per-file-ignores`` and the test-file rules read it);
* the configuration that applies to it, whether unsafe fixes are shown;
* pygloss's own code: its version and the size and time of every module of the
  installed package, so a development checkout's edits count too;
* the few facts about the folders around the file that rules read
  (:func:`layout`): ``__init__.py`` files up to the project root (the module's
  dotted name), a ``mock.py`` beside it (the backport rule), the project root's
  top-level modules (first-party imports in fixes).

Only reports of files read from disk without ``--fix``/``--diff``, with no note (no
rule failure, no skip) are stored.  A file with no entry is checked without being read
here; a file with an entry is read and hashed first (about 40 ms for the whole
standard library) and checked only when the key differs.  A stored report is
validated field by field before use (:func:`report_from_json`); anything unexpected
makes it a miss.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pygloss import __version__
from pygloss.cli.check_report import MAX_NOTEBOOK_BYTES, NOTEBOOK_SUFFIX, FileJob, FileReport
from pygloss.cli.common import SEVERITIES
from pygloss.engine.result_cache import ENV_CACHE_DIR, ResultCache, cache_root
from pygloss.files import Unreadable, read_bytes, source_byte_limit

# the project roots rules look for (a test checks these are theirs): without importing
# the rules, which a run served from the cache never needs
_IMPORTS_ROOT = ("pyproject.toml", "setup.py", "setup.cfg")  # rules/_imports.py: first party
_MOCKS_ROOT = ("pyproject.toml", "setup.cfg", ".git")  # rules/_mocks.py: a module's name
_ROOT_MARKERS = tuple(dict.fromkeys(_IMPORTS_ROOT + _MOCKS_ROOT))
_FOLDER_FACTS = ("__init__.py", "mock.py", "mock/__init__.py")


def open_cache(args: argparse.Namespace, reading_stdin: bool) -> ResultCache | None:
    """The cache this run uses, or None: with ``--no-cache``, ``--fix``, ``--diff``,
    standard input, or a cache folder that cannot be created."""
    if args.no_cache or args.fix or args.diff or reading_stdin:
        return None
    return ResultCache.open(cache_location(args.cache_dir), __version__)


def cache_location(option: str | None) -> Path:
    """The cache folder: *option* (``--cache-dir``), else ``$PYGLOSS_CACHE_DIR``, else
    ``cache-dir`` in the nearest ``pyproject.toml`` at or above the current folder
    (relative to that file), else ``.pygloss_cache`` beside that file (or in the
    current folder when there is none)."""
    cwd = Path.cwd()
    configured = option or os.environ.get(ENV_CACHE_DIR)
    if configured:
        return cache_root(cwd, configured)
    from pygloss.engine.config import find_pyproject, load_pyproject

    pyproject = find_pyproject(cwd)
    if pyproject is not None:
        config, _ = load_pyproject(pyproject)  # its warnings are the check's to report
        if config.cache_dir:
            return pyproject.parent / config.cache_dir
    return cache_root(cwd)


def cached_reports(
    jobs: Sequence[FileJob], cache: ResultCache, run: Any, workers: int
) -> Iterator[FileReport]:
    """The report of every job, in order: from *cache* when its key matches, else from
    ``run(jobs, workers)`` (then stored).  Writes the cache before returning."""
    reports: list[FileReport | None] = [None] * len(jobs)
    keys: list[str | None] = [None] * len(jobs)
    pending: list[int] = []
    for index, job in enumerate(jobs):
        if job.text is not None or job.fix != "none":
            pending.append(index)
            continue
        if cache.entry(job.path) is not None:
            digest = _digest_of(job)
            if digest is not None:
                keys[index] = entry_key(job, digest)
                stored = cache.lookup(job.path, keys[index] or "")
                report = report_from_json(job.path, stored) if stored is not None else None
                if report is not None:
                    reports[index] = report
                    cache.hits += 1
                    continue
        pending.append(index)
    for index, report in zip(pending, run([jobs[i] for i in pending], workers), strict=True):
        reports[index] = report
        job = jobs[index]
        data = report_json(report) if job.text is None and job.fix == "none" else None
        if data is not None and report.stamp is not None:
            key = keys[index] or entry_key(job, report.stamp.digest)
            cache.store(job.path, key, data)
    cache.flush()
    for report in reports:
        assert report is not None
        yield report


def _digest_of(job: FileJob) -> str | None:
    """SHA-256 of the file's bytes as the check would read them (None: too large or
    unreadable; the check says why)."""
    notebook = job.path.endswith(NOTEBOOK_SUFFIX)
    limit = MAX_NOTEBOOK_BYTES if notebook else source_byte_limit(job.config.max_file_size)
    data = read_bytes(job.path, limit)
    if isinstance(data, Unreadable):
        return None
    return hashlib.sha256(data).hexdigest()


def entry_key(job: FileJob, digest: str) -> str:
    """The cache key of *job*'s report when its file's bytes have SHA-256 *digest*."""
    folder = os.path.dirname(os.path.abspath(job.path))
    parts = (_settings_key(job.config, job.fix, job.unsafe_fixes), job.path, layout(folder))
    return hashlib.sha256("\0".join((*parts, digest)).encode("utf-8", "replace")).hexdigest()


_SETTINGS: dict[tuple[int, str, bool], tuple[object, str]] = {}


def _settings_key(config: object, fix: str, unsafe_fixes: bool) -> str:
    """The part of the key the run's settings make (one per configuration object)."""
    found = _SETTINGS.get((id(config), fix, unsafe_fixes))
    if found is not None and found[0] is config:
        return found[1]
    text = json.dumps([code_fingerprint(), repr(config), fix, unsafe_fixes])
    key = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
    _SETTINGS[(id(config), fix, unsafe_fixes)] = (config, key)
    return key


@functools.cache
def code_fingerprint() -> str:
    """pygloss's version and the size and modification time of each of its modules."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    rows = [__version__]
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                rows.append(f"{os.path.relpath(path, package)} {info.st_size} {info.st_mtime_ns}")
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@functools.lru_cache(maxsize=4096)
def layout(folder: str) -> str:
    """The facts about the folders around a file in *folder* that rules read (see the
    module docstring), as text."""
    facts = [f"{name}={os.path.exists(os.path.join(folder, name))}" for name in _FOLDER_FACTS]
    current = folder
    package_root = project_root = False  # what rules/_imports.py and rules/_mocks.py call so
    while not (package_root and project_root):
        markers = [m for m in ("__init__.py", *_ROOT_MARKERS) if _exists(current, m)]
        facts.append(f"{current}:{','.join(markers)}")
        if not project_root and any(m in markers for m in _IMPORTS_ROOT):
            project_root = True
            facts.append(_modules(current))
            facts.append(_modules(os.path.join(current, "src")))
        package_root = package_root or any(m in markers for m in _MOCKS_ROOT)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return "\n".join(facts)


@functools.lru_cache(maxsize=4096)
def _exists(folder: str, name: str) -> bool:
    return os.path.exists(os.path.join(folder, name))


@functools.lru_cache(maxsize=256)
def _modules(folder: str) -> str:
    """The names in *folder* an import could mean: folders and ``.py`` files."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return f"{folder}:-"
    names = sorted(
        e.name for e in entries if e.name.endswith(".py") or e.is_dir(follow_symlinks=True)
    )
    return f"{folder}:{','.join(names)}"


# -- the report as JSON ------------------------------------------------------------------
def report_json(report: FileReport) -> dict[str, Any] | None:
    """What is kept of *report*, or None when it must not be kept (a note, a failure, a
    skip, a fix)."""
    if report.failed or report.notes or report.fixed is not None or report.stamp is None:
        return None
    lines = [[list(k) if isinstance(k, tuple) else k, text] for k, text in report.lines.items()]
    return {"findings": report.findings, "lines": lines}


def report_from_json(path: str, data: Any) -> FileReport | None:
    """The report of *path* from what :func:`report_json` stored, or None when *data*
    is not exactly that shape."""
    if not isinstance(data, dict) or set(data) != {"findings", "lines"}:
        return None
    findings, rows = data["findings"], data["lines"]
    if not isinstance(findings, list) or not isinstance(rows, list):
        return None
    if not all(_finding_ok(f, path) for f in findings):
        return None
    lines: dict[Any, str] = {}
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[1], str)):
            return None
        key = row[0]
        if _is_int(key):
            lines[key] = row[1]
        elif isinstance(key, list) and len(key) == 2 and all(_is_int(k) for k in key):
            lines[(key[0], key[1])] = row[1]
        else:
            return None
    return FileReport(path, findings=findings, lines=lines)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _place_ok(place: Any, *keys: str) -> bool:
    return isinstance(place, dict) and all(_is_int(place.get(k)) for k in keys)


def _finding_ok(finding: Any, path: str) -> bool:
    if not _place_ok(finding, "line", "column", "end_line", "end_column"):
        return False
    if finding.get("path") != path or finding.get("severity") not in SEVERITIES:
        return False
    if not all(isinstance(finding.get(k), str) for k in ("code", "name", "message")):
        return False
    if not isinstance(finding.get("topic"), str | None):
        return False
    if "cell" in finding and not _is_int(finding["cell"]):
        return False
    related = finding.get("related", [])
    if not isinstance(related, list) or not all(
        _place_ok(r, "line", "column") and isinstance(r.get("message"), str) for r in related
    ):
        return False
    fix = finding.get("fix")
    if fix is None:
        return True
    if not isinstance(fix, dict) or not isinstance(fix.get("title"), str):
        return False
    if not isinstance(fix.get("safety"), str) or not isinstance(fix.get("hidden", False), bool):
        return False
    edits = fix.get("edits")
    return isinstance(edits, list) and all(
        isinstance(e, dict)
        and _place_ok(e.get("location"), "line", "column")
        and _place_ok(e.get("end_location"), "line", "column")
        and isinstance(e.get("content"), str)
        for e in edits
    )
