"""Which Python a project runs on, so a hover states what holds there.

The knowledge base marks statements that hold only on some versions
(:mod:`pygloss.kb.versions`).  The versions a file is written for are the
``requires-python`` of the nearest ``pyproject.toml`` (``[project]`` table), a
range such as ``>=3.11``; when there is none, or it cannot be read, the version
of the interpreter running pygloss.  Cached per pyproject file and modification
time.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pygloss.engine.config import find_pyproject, read_pyproject
from pygloss.kb.versions import PythonRange, interpreter_range, parse_range

_CACHE: dict[str, tuple[float, PythonRange | None]] = {}
_LOCK = threading.Lock()


def requires_python(pyproject: Path) -> PythonRange | None:
    """The ``[project] requires-python`` range of one pyproject file, or None."""
    data = read_pyproject(pyproject)  # bounded, never raises
    if isinstance(data, str):
        return None
    project = data.get("project")
    spec = project.get("requires-python") if isinstance(project, dict) else None
    if not isinstance(spec, str):
        return None
    try:
        return parse_range(spec)
    except ValueError:
        return None


def project_python(path: str | None) -> PythonRange:
    """The Python versions the file at *path* is written for (see the module doc)."""
    pyproject = find_pyproject(Path(path)) if path else None
    if pyproject is None:
        return interpreter_range()
    key = str(pyproject)
    try:
        mtime = os.stat(pyproject).st_mtime
    except OSError:
        return interpreter_range()
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is None or cached[0] != mtime:
        cached = (mtime, requires_python(pyproject))
        with _LOCK:
            _CACHE[key] = cached
    return cached[1] or interpreter_range()
