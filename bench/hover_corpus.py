"""The files the hover benchmarks measure (shared by the bench scripts; not a bench).

* ``unittest/mock.py`` of the running Python (~3,000 lines);
* an **8,000-line file that parses**: the stdlib's ``test/test_typing.py`` (real test
  code: classes, generics, decorators, ``unittest``) cut at the end of the first
  top-level statement that reaches line 8,000.  Where the ``test`` package is not
  installed (Debian's python3), whole stdlib modules are glued together instead and
  cut the same way; the label says which was used;
* a **broken variant** of that file: the same text with three statements cut off
  mid-line (a call without its closing parenthesis, as while typing), spread over
  the file, so three big classes are no longer parseable by ``ast`` and hovers in
  them go through the line-by-line repair of :mod:`pygloss.engine.tolerant`;
* ``fifty_files()``: 50 real stdlib modules for the memory benchmark.

Every function is deterministic for a given Python version.
"""

from __future__ import annotations

import ast
import os
import sysconfig
from pathlib import Path

STDLIB = Path(sysconfig.get_paths()["stdlib"])
LINES = 8000
GLUED = ("typing.py", "inspect.py", "argparse.py", "dataclasses.py", "functools.py")


def mock_py() -> tuple[str, str]:
    # read, not imported: the engine reads the MRO of stdlib classes already imported
    return "unittest/mock.py", (STDLIB / "unittest" / "mock.py").read_text(encoding="utf-8")


def cut_at_statement(text: str, lines: int = LINES) -> str:
    """*text* up to the end of the first top-level statement ending at or after line
    *lines* (all of it when shorter)."""
    tree = ast.parse(text)
    ends = [s.end_lineno or 0 for s in tree.body]
    last = min((end for end in ends if end >= lines), default=max(ends))
    return "".join(text.splitlines(keepends=True)[:last])


def _glued() -> str:
    parts = []
    for name in GLUED:
        text = (STDLIB / name).read_text(encoding="utf-8")
        parts.append("".join(line for line in text.splitlines(keepends=True)
                             if not line.startswith("from __future__")))  # fmt: skip
    return "\n".join(parts)


def eight_thousand_lines() -> tuple[str, str]:
    """``(label, text)``: a real file of about 8,000 lines (at least) that parses."""
    test_typing = STDLIB / "test" / "test_typing.py"
    if test_typing.exists():
        text = cut_at_statement(test_typing.read_text(encoding="utf-8"))
        label = "test/test_typing.py"
    else:
        text = cut_at_statement(_glued())
        label = "glued stdlib modules"
    ast.parse(text)  # must parse: this is the variant the budget applies to
    return f"{label} ({text.count(chr(10))} lines)", text


def broken(text: str, cuts: int = 3) -> str:
    """*text* with *cuts* calls cut off after their ``(``, spread over the file."""
    lines = text.splitlines(keepends=True)
    calls = [
        i
        for i, line in enumerate(lines)
        if line.startswith("        ")
        and "(" in line
        and line.count("(") == line.count(")")
        and not any(quote in line for quote in ("'", '"', "#"))
    ]
    for k in range(1, cuts + 1):
        index = calls[len(calls) * k // (cuts + 1)]
        line = lines[index]
        lines[index] = line[: line.index("(") + 1] + "\n"
    return "".join(lines)


def fifty_files() -> list[Path]:
    """50 stdlib modules, largest first among those of 300..3,000 lines (sorted, stable)."""
    found = []
    for path in sorted(STDLIB.glob("*.py")):
        try:
            count = path.read_bytes().count(b"\n")
        except OSError:
            continue
        if 300 <= count <= 3000:
            found.append((count, path.name, path))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [path for _, _, path in found[:50]]


def load() -> str:
    """The machine's load average (the machine is shared; figures are noisy)."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"
