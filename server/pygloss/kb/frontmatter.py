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

# A TOML basic string whose escapes mean the same in JSON: no \U, no \/, no raw
# control characters (JSON rejects those; TOML allows a raw tab, so bail out).
_STRING = r'"(?:[^"\\\x00-\x1f\x7f]|\\[btnfr"\\]|\\u[0-9A-Fa-f]{4})*"'
_LINE = re.compile(rf"^([A-Za-z0-9_-]+) = ({_STRING}|\[\]|\[{_STRING}(?:, {_STRING})*\])$")


def quick_loads(text: str) -> dict[str, Any] | None:
    """The TOML *text* as a dict when it is in the simple subset, else None."""
    data: dict[str, Any] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None or match.group(1) in data:
            return None
        data[match.group(1)] = json.loads(match.group(2))
    return data
