"""Fast reading of the simple TOML that topic front matter uses, exact or not at all.

Nearly every front matter is ``key = "string"`` and ``key = ["s", ...]`` lines.
For those, a JSON decode of each value gives the same result as TOML and is about
five times faster than :mod:`tomllib` (which is pure Python), which keeps loading
the whole knowledge base well inside its budget.  Anything else — comments,
multi-line arrays, literal strings, escapes that JSON and TOML read differently,
a trailing comma — returns None and the caller uses :mod:`tomllib`, which also
produces the error messages.  A test checks both readers agree on every topic.
"""

from __future__ import annotations

import json
import re
from typing import Any

_KEY = re.compile(r"[A-Za-z0-9_-]+")
# JSON and TOML basic strings differ only in escapes (JSON has \/ and reads
# \uD83D\uDE00 surrogate pairs, TOML has \U) and in DEL (TOML forbids it raw).
# Values containing any of these go to tomllib; JSON itself rejects raw control
# characters, comments, trailing commas and multi-line values.
_DIFFERENT = ("\\u", "\\/", "\x7f")


def quick_loads(text: str) -> dict[str, Any] | None:
    """The TOML *text* as a dict when it is in the simple subset, else None.

    The ``key = value`` lines become one JSON object decoded in a single call;
    the decoded pairs must be exactly the declared keys, in order, so a value
    that smuggles in extra pairs (``a = "x", "b": "y"``) is refused.
    """
    if any(marker in text for marker in _DIFFERENT):
        return None
    keys: list[str] = []
    members: list[str] = []
    for line in text.splitlines():
        key, equals, value = line.partition("=")
        if not equals:
            if line.strip():
                return None
            continue
        key, value = key.strip(), value.strip()
        if not _KEY.fullmatch(key) or not value.startswith(('"', "[")):
            return None
        keys.append(key)
        members.append(f'"{key}": {value}')
    try:
        pairs = json.loads("{" + ", ".join(members) + "}", object_pairs_hook=list)
    except ValueError:
        return None
    if [key for key, _ in pairs] != keys or len(set(keys)) != len(keys):
        return None
    for _, value in pairs:
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                return None
        elif not isinstance(value, str):
            return None
    return dict(pairs)
