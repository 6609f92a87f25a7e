"""Apply every fix (unsafe ones too) to every stdlib file that compiles; check the result.

Prints how many files and fixes, per rule, and any file whose fixed text no longer
compiles or changes again on a second pass (there must be none).

    python bench/fix_stdlib.py [PATH]
"""

from __future__ import annotations

import argparse
import sys
import sysconfig
import warnings
from collections import Counter
from pathlib import Path

from pygloss.engine.config import Config
from pygloss.engine.fixes import fix_all
from pygloss.engine.lint import lint
from pygloss.files import iter_python_files, read_source
from pygloss.syntax.source import Source


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(sysconfig.get_paths()["stdlib"])
    parser.add_argument("path", nargs="?", type=Path, default=default)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # SyntaxWarnings of the code being checked
    config = Config(select=("ALL",))
    fixed_by_rule: Counter[str] = Counter()
    files = fixes = 0
    problems: list[str] = []
    for path in iter_python_files(args.path):
        text = read_source(path)
        if not isinstance(text, str):
            continue
        try:
            compile(text, str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            continue  # only files that compile: a fix must keep them compiling
        before = Counter(f.code for f in lint(Source(text, str(path)), config).findings)
        result = fix_all(text, config, str(path), unsafe=True)
        if not result.applied:
            continue
        files += 1
        fixes += result.applied
        after = Counter(f.code for f in result.remaining)
        fixed_by_rule.update(before - after)
        try:
            compile(result.text, str(path), "exec", dont_inherit=True)
        except SyntaxError as exc:
            problems.append(f"{path}: no longer compiles: {exc}")
        if fix_all(result.text, config, str(path), unsafe=True).text != result.text:
            problems.append(f"{path}: a second pass changes it again")
    print(f"files changed: {files}; fixes applied: {fixes}")
    print(
        "findings removed per rule: "
        + ", ".join(f"{k} {v}" for k, v in sorted(fixed_by_rule.items()))
    )
    print(f"problems: {len(problems)}")
    for line in problems:
        print("  " + line)
    print(f"command: python {' '.join(sys.argv)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
