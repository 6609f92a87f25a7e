"""pygloss: a Python language server that explains the Python under the cursor.

Layers (imports go one way only, enforced by ``tests/unit/test_layers.py``)::

    pygloss.lsp  ->  pygloss.engine  ->  pygloss.rules + pygloss.kb

``pygloss.cli`` calls the same engine functions as the LSP layer.

This module refuses one way of starting pygloss: plain ``python -m pygloss``.  That
puts the current directory first on ``sys.path``, and editors start the server in a
workspace the user may not have read, so a ``functools.py`` or ``pygloss.py`` there
would run.  Python's own ``runpy`` imports some modules (``functools``, ``contextlib``,
``types``, ``warnings``, ``importlib``, ...) from that path before any pygloss code can
act, so no check here can undo that launch; it can only stop pygloss from going on
and say how to start it safely (``pygloss`` itself, or ``python -P -m pygloss``).
"""

import sys as _sys

__version__ = "0.1.0"

UNSAFE_LAUNCH = (
    "pygloss: refusing to start from `python -m pygloss`: it puts the current directory\n"
    "first on sys.path, so modules there (a functools.py, a pygloss.py, ...) run as Python\n"
    "starts, and pygloss never runs a workspace's code. Start it with `pygloss ...` or\n"
    "`python -P -m pygloss ...` (or set PYTHONSAFEPATH=1).\n"
)


def _launched_unsafely() -> bool:
    """True while ``runpy`` locates ``pygloss`` for a ``python -m`` without ``-P``.

    During that search ``sys.argv[0]`` is ``"-m"`` (it becomes the module's path only
    once it is found); ``sys.flags.safe_path`` is set by ``-P``, ``-I`` and
    ``PYTHONSAFEPATH``, which keep the current directory off ``sys.path``.
    """
    return _sys.argv[:1] == ["-m"] and not _sys.flags.safe_path


if _launched_unsafely():
    _sys.stderr.write(UNSAFE_LAUNCH)
    raise SystemExit(2)
