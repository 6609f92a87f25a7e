"""Which modules jedi may import: only built-in or installed ones, never the user's.

jedi reads ``.py`` files without running them, but it *imports* a module it has no
source for (an extension module, a sourceless ``.pyc``) to introspect it, and
imports the modules listed in its ``settings.auto_import_modules`` outright.  With a
workspace on ``sys.path`` that would run the user's code inside the server.
:func:`installed_module` is the test :mod:`pygloss.engine.jedi_resolver` applies
before letting jedi import anything (it does not import jedi itself).
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
import sysconfig
from functools import lru_cache


def installed_module(dotted_name: str, sys_path: list[str]) -> bool:
    """Whether importing *dotted_name* on *sys_path* runs only built-in or installed
    code: it is already imported, or built in, or every package on the way to it
    lives under this interpreter's library directories (stdlib, site-packages)."""
    if dotted_name in sys.modules:
        return True
    parts = dotted_name.split(".")
    if parts[0] in sys.builtin_module_names:
        return len(parts) == 1
    roots = library_roots()
    search: list[str] = list(sys_path)
    for part in parts:
        spec = importlib.machinery.PathFinder.find_spec(part, search)
        if spec is None:
            return False
        places = [spec.origin] if spec.has_location and spec.origin else []
        places += list(spec.submodule_search_locations or [])
        if not places or not all(_under(place, roots) for place in places):
            return False
        search = list(spec.submodule_search_locations or [])
    return True


@lru_cache(maxsize=1)
def library_roots() -> tuple[str, ...]:
    """This interpreter's stdlib and site-packages directories (resolved)."""
    names = ("stdlib", "platstdlib", "purelib", "platlib")
    paths = {sysconfig.get_paths().get(name) for name in names}
    return tuple(os.path.realpath(p) for p in paths if p)


def _under(place: str, roots: tuple[str, ...]) -> bool:
    real = os.path.realpath(place)
    return any(real == root or real.startswith(root + os.sep) for root in roots)
