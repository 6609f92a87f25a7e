"""``pygloss clean``: remove the result cache of ``pygloss check``, like ``ruff clean``.

The folder is found as ``pygloss check`` finds it (``--cache-dir``,
``$PYGLOSS_CACHE_DIR``, ``cache-dir`` in the nearest ``pyproject.toml``, else
``.pygloss_cache`` beside it).  Only what pygloss wrote there is removed
(:func:`pygloss.engine.result_cache.clean`), so a ``cache-dir`` that names a folder of
yours loses nothing else.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    clean = sub.add_parser("clean", help="remove the result cache of pygloss check")
    clean.add_argument("--cache-dir", metavar="DIR", help="the cache folder (default: as check)")
    clean.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pygloss.cli.check_cache import cache_location
    from pygloss.engine.result_cache import clean

    root = cache_location(args.cache_dir)
    if clean(root):
        print(f"Removed the cache in {root}")
    else:
        print(f"No cache in {root}")
    return 0
