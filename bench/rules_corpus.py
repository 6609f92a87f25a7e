"""Run selected rules over a corpus of Python files: findings per rule, rule failures
(exceptions) and time.  Used for the precision runs of docs/rules-precision.md and to
show that no rule raises on the whole standard library.

    python bench/rules_corpus.py --select PG2,PG3,PG4 [--list] PATH...
    python bench/rules_corpus.py --select PG2,PG3,PG4 --stdlib

``--list`` prints every finding as ``path:line:col: CODE message``.  Exit status 1
when a rule raised on some file.
"""

from __future__ import annotations

import argparse
import sys
import sysconfig
import time
from collections import Counter
from pathlib import Path

from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.files import Unreadable, iter_python_files, read_source
from pygloss.syntax.source import Source


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--select", default="PG2,PG3,PG4")
    parser.add_argument("--stdlib", action="store_true", help="add the running Python's stdlib")
    parser.add_argument("--list", action="store_true", help="print every finding")
    args = parser.parse_args()
    paths = list(args.paths)
    if args.stdlib:
        paths.append(Path(sysconfig.get_paths()["stdlib"]))
    select = tuple(c.strip().upper() for c in args.select.split(",") if c.strip())
    config = Config(select=select)
    counts: Counter[str] = Counter()
    failures: list[str] = []
    files = lines = 0
    started = time.perf_counter()
    for root in paths:
        for path in iter_python_files(root):
            text = read_source(path)
            if isinstance(text, Unreadable):
                continue
            files += 1
            lines += text.count("\n")
            source = Source(text, str(path))
            result = lint(source, config, str(path))
            for failure in result.failures:
                failures.append(f"{path}: {failure.code} {failure.error}")
            for finding in result.findings:
                counts[finding.code] += 1
                if args.list:
                    line, column = source.position(finding.start)
                    print(f"{path}:{line + 1}:{column + 1}: {finding.code} {finding.message}")
    elapsed = time.perf_counter() - started
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"files: {files}  lines: {lines}  time: {elapsed:.1f} s  select: {','.join(select)}")
    for code in sorted(counts):
        print(f"  {code}: {counts[code]}")
    print(f"findings: {sum(counts.values())}  rule failures: {len(failures)}")
    for failure in failures:
        print(f"  FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
