"""What jedi reads from the workspace, read through pygloss's bounded reader.

Left alone, ``jedi.Script(path=...)`` detects the project of the file by reading,
in every parent folder, ``.jedi/project.json`` and ``manage.py`` whole (a committed
symlink to ``/dev/zero`` makes it read until memory runs out, a FIFO blocks it),
and a ``buildout.cfg`` makes it read the first line of every file in ``bin/``.  So:

* :func:`project_for` finds the same project jedi would (the same search: a loaded
  ``.jedi/project.json``, else a Django ``manage.py``, else the nearest folder with
  ``setup.py``/``.git``/``pyproject.toml``/..., else the first folder without
  ``__init__.py``) but reads each file with :func:`pygloss.files.read_bytes`
  (regular files only, capped); a file it cannot read counts as absent.  The
  resolver passes that project to ``jedi.Script``, so jedi's own detection never
  runs.  Projects are cached per folder for :data:`PROJECT_TTL` seconds.
* :func:`bound_jedi_reads` makes jedi's other reads bounded: a module's source
  (parso's ``FileIO.read``: regular files up to :data:`MAX_MODULE_BYTES`, else
  empty) and buildout scripts (the first line only, regular files only).

Call :func:`bound_jedi_reads` once before jedi runs (the resolver's worker does).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pygloss.files import Unreadable, read_bytes, read_head

log = logging.getLogger("pygloss.jedi")

MAX_CONFIG_BYTES = 1_000_000  # .jedi/project.json, manage.py
MAX_MODULE_BYTES = 20_000_000  # one module's source
PROJECT_TTL = 5.0  # seconds a folder's project is reused
_POTENTIAL = ("setup.py", ".git", ".hg", "requirements.txt", "MANIFEST.in", "pyproject.toml")
_cache: OrderedDict[Path, tuple[float, Any]] = OrderedDict()
_lock = threading.Lock()


def project_for(path: str | None) -> Any:
    """The ``jedi.Project`` of a file at *path* (None: the working directory)."""
    folder = Path.cwd() if path is None else Path(path).absolute().parent
    now = time.monotonic()
    with _lock:
        cached = _cache.get(folder)
        if cached is not None and now - cached[0] < PROJECT_TTL:
            return cached[1]
    project = _detect(folder)
    with _lock:
        _cache[folder] = (now, project)
        while len(_cache) > 256:
            _cache.popitem(last=False)
    return project


def _detect(start: Path) -> Any:
    from jedi import Project

    probable: Path | None = None
    first_without_init: Path | None = None
    for folder in (start, *start.parents):
        loaded = _load_project_json(folder)
        if loaded is not None:
            return loaded
        if first_without_init is None:
            if _exists(folder / "__init__.py"):
                continue  # a package: the project is further up
            if not folder.is_file():
                first_without_init = folder
        if _is_django(folder):
            project = Project(folder)
            project._django = True  # what jedi's own detection sets
            return project
        if probable is None and any(_exists(folder / name) for name in _POTENTIAL):
            probable = folder
    return Project(probable or first_without_init or start)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _load_project_json(folder: Path) -> Any:
    """jedi's ``Project.load`` of *folder*, bounded; None when there is no usable one
    (missing, unreadable, not JSON, another version, unknown keys)."""
    from jedi import Project

    data = read_bytes(folder / ".jedi" / "project.json", MAX_CONFIG_BYTES)
    if isinstance(data, Unreadable):
        return None
    try:
        version, settings = json.loads(data)
        if version != 1 or not isinstance(settings, dict):
            return None
        # never from a file a repository can commit (jedi drops them too)
        settings.pop("load_unsafe_extensions", None)
        settings.pop("environment_path", None)
        return Project(**settings)
    except Exception:  # any shape: RecursionError, TypeError, ValueError...
        log.debug("ignoring %s/.jedi/project.json", folder, exc_info=True)
        return None


def _is_django(folder: Path) -> bool:
    data = read_bytes(folder / "manage.py", MAX_CONFIG_BYTES)
    return not isinstance(data, Unreadable) and b"DJANGO_SETTINGS_MODULE" in data


def _read_module(self: Any) -> bytes:
    """parso's ``FileIO.read``, bounded.  A missing or unreadable file raises what
    ``open`` raises (jedi probes for stubs that way); one refused by policy (too
    large, not a regular file) reads as empty."""
    data = read_bytes(self.path, MAX_MODULE_BYTES)
    if isinstance(data, Unreadable):
        if data.os_errno:
            raise OSError(data.os_errno, data.reason, str(self.path))
        log.warning("jedi: not reading %s: %s", self.path, data.reason)
        return b""
    return data


def _buildout_scripts(search_path: Path) -> Iterator[Path]:
    """jedi's ``_get_buildout_script_paths``, reading only each file's first line."""
    root = next((p for p in search_path.parents if (p / "buildout.cfg").is_file()), None)
    if root is None or not (root / "bin").is_dir():
        return
    try:
        names = sorted(p.name for p in (root / "bin").iterdir())[:100]
    except OSError:
        return
    for name in names:
        head = read_head(root / "bin" / name, 512)
        if isinstance(head, Unreadable):
            continue
        first = head.split(b"\n", 1)[0]
        if first.startswith(b"#!") and b"python" in first:
            yield root / "bin" / name


def bound_jedi_reads() -> None:
    """Route jedi's reads of module sources and buildout scripts through the bounded
    reader (idempotent)."""
    import parso.file_io
    from jedi.inference import sys_path

    if getattr(parso.file_io.FileIO.read, "pygloss_bounded", False):
        return
    _read_module.pygloss_bounded = True  # type: ignore[attr-defined]
    parso.file_io.FileIO.read = _read_module  # type: ignore[method-assign]
    sys_path._get_buildout_script_paths = _buildout_scripts
