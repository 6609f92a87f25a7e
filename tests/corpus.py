"""Real code to test and measure with, built from the running Python's standard
library (used by ``tests/robustness`` and ``bench/robustness_big.py``)."""

from __future__ import annotations

import os
from pathlib import Path


def stdlib_lines(count: int) -> str:
    """*count* lines of real code: whole stdlib modules that compile, concatenated."""
    lines: list[str] = []
    for path in sorted(Path(os.__file__).parent.glob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            compile(text, str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            continue
        lines.extend(text.splitlines())
        if len(lines) >= count:
            break
    return "\n".join(lines[:count]) + "\n"
