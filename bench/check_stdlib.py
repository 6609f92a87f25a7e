"""``pygloss check`` over the running Python's whole standard library, timed against ruff.

Prints the findings per rule, any rule failure or crash (there must be none), and
the time of ``pygloss check`` (default rules, ``--jobs 2``) and of
``ruff check --select B006,F632,E711`` on the same files, alternating the two
commands for several rounds in one run so that machine load hits both alike.
Wall-clock and CPU seconds (user + system of all processes) are both reported:
on a shared machine the CPU ratio is the steadier of the two.

    python bench/check_stdlib.py [--rounds 3] [--jobs 2] [--floor] [PATH]

The ratios printed are median(pygloss) / median(ruff); the budget is 10x (wall).
``--floor`` then times CPython's parser alone on the same files (``symtable`` and
``ast.parse``, one process), as multiples of ruff's CPU time: the least any
checker built on it must spend.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import symtable
import sys
import sysconfig
import time
import warnings
from pathlib import Path

from pygloss.files import iter_python_files, read_source


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str, str, int]:
    """Wall seconds, CPU seconds (user + system of the children), stdout, stderr, status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout, result.stderr, result.returncode


def _series(values: list[float]) -> str:
    return f"{', '.join(f'{v:.2f}' for v in values)}; median {statistics.median(values):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(sysconfig.get_paths()["stdlib"])
    parser.add_argument("path", nargs="?", type=Path, default=default)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--floor", action="store_true", help="also time CPython's parser alone on the files"
    )
    args = parser.parse_args()
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    env = {**os.environ, "RAYON_NUM_THREADS": str(args.jobs)}
    pygloss_cmd = [sys.executable, "-P", "-m", "pygloss", "check", str(args.path), "--statistics"]
    pygloss_cmd += ["--jobs", str(args.jobs)]
    ruff_cmd = [ruff, "check", "--no-cache", "--select", "B006,F632,E711", "--statistics"]
    ruff_cmd += ["--exit-zero", str(args.path)]
    files = lines = 0
    for path in iter_python_files(args.path):
        text = read_source(path)
        if isinstance(text, str):
            files += 1
            lines += text.count("\n")
    load = os.getloadavg()[0]
    times: dict[str, list[float]] = {"pygloss": [], "ruff": [], "pygloss cpu": [], "ruff cpu": []}
    out = err = ruff_out = ""
    status = 0
    for _ in range(args.rounds):
        wall, cpu, out, err, status = timed(pygloss_cmd, env)
        times["pygloss"].append(wall)
        times["pygloss cpu"].append(cpu)
        wall, cpu, ruff_out, _, _ = timed(ruff_cmd, env)
        times["ruff"].append(wall)
        times["ruff cpu"].append(cpu)
    print("findings per rule (pygloss check --statistics):")
    print(out.rstrip())
    problems = [line for line in err.splitlines() if "internal error" in line or " failed:" in line]
    skipped = [line for line in err.splitlines() if line.startswith("pygloss: note:")]
    print(f"\nexit status {status}; files skipped with a note: {len(skipped)}")
    print(f"rule failures or crashes: {len(problems)}")
    for line in problems:
        print("  " + line)
    print("\nruff --statistics:")
    print(re.sub(r"(?m)^", "  ", ruff_out.rstrip()))
    print(f"\n{files} files, {lines} lines; load average at start {load:.2f}")
    print(f"command: {' '.join(pygloss_cmd)}")
    print(f"  wall s: {_series(times['pygloss'])}")
    print(f"  cpu s:  {_series(times['pygloss cpu'])}")
    print(f"command: RAYON_NUM_THREADS={args.jobs} {' '.join(ruff_cmd)}")
    print(f"  wall s: {_series(times['ruff'])}")
    print(f"  cpu s:  {_series(times['ruff cpu'])}")
    for kind in ("", " cpu"):
        ratio = statistics.median(times["pygloss" + kind]) / statistics.median(times["ruff" + kind])
        print(f"ratio pygloss / ruff{kind or ' wall'} (medians, same run): {ratio:.1f}x")
    if args.floor:
        _floor(args.path, statistics.median(times["ruff cpu"]))
    return 1 if problems else 0


def _floor(root: Path, ruff_cpu: float) -> None:
    """What CPython's own parser costs on the same files, in this process: the least
    any checker built on it must spend (``symtable`` parses in C and builds no syntax
    tree objects; ``ast.parse`` builds the tree the rules need)."""
    texts = []
    for path in iter_python_files(root):
        text = read_source(path)
        if isinstance(text, str):
            texts.append((str(path), text))
    print("\nthe parser alone, one process, CPU seconds (process_time), ratio to ruff's CPU:")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, parse in (
            ("symtable.symtable", lambda text, path: symtable.symtable(text, path, "exec")),
            ("ast.parse", lambda text, path: ast.parse(text)),
        ):
            started = time.process_time()
            for path, text in texts:
                with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
                    parse(text, path)
            spent = time.process_time() - started
            print(f"  {name}: {spent:.2f} s = {spent / ruff_cpu:.1f}x ruff's whole run")


if __name__ == "__main__":
    sys.exit(main())
