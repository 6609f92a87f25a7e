"""One lock around every ``ast.parse`` in a multi-threaded process (the server).

CPython (seen on 3.11.7) keeps the recursion depth of its AST-to-Python conversion in
module-wide state.  When a garbage collection during one thread's ``ast.parse`` runs
a Python callback (a ``WeakKeyDictionary`` entry going away), another thread may
enter ``ast.parse`` too, and the first one then fails with ``SystemError: AST
constructor recursion depth mismatch``.  The server parses in several worker threads
(lint, explanations, fixes, the knowledge base) and jedi's thread parses too
(``inspect.signature`` of built-ins), so :func:`install` (called by the server and
by :class:`~pygloss.engine.jedi_resolver.JediResolver`) makes ``ast.parse`` take one
re-entrant lock; parsing is C code holding the GIL anyway, so no parallelism is lost.
"""

from __future__ import annotations

import ast
import threading
from typing import Any

_LOCK = threading.RLock()
_ORIGINAL = ast.parse


def _locked_parse(*args: Any, **kwargs: Any) -> Any:
    with _LOCK:
        return _ORIGINAL(*args, **kwargs)


def install() -> None:
    """Make ``ast.parse`` serialised for the whole process (idempotent)."""
    ast.parse = _locked_parse


def installed() -> bool:
    return ast.parse is _locked_parse
