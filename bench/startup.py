"""Start-up of the ``pygloss`` command from an installed wheel, against the interpreter
and Ruff, measured in the same run.

Builds a wheel of this checkout and installs it in a scratch virtual environment
(:mod:`bench._wheel`: byte code compiled by pip, as for users), then runs each command
``--runs`` times, round-robin so that machine load hits them alike, and prints the
median and 90th percentile of the wall time and of the CPU time (user + system of the
child: steadier than wall time on a shared machine):

* ``python -c pass`` (the interpreter's own start-up, the floor of any Python tool);
* ``pygloss --version``;
* ``pygloss check clean.py`` (a small file with no finding) and ``dirty.py`` (one
  finding, so its "why" is read from the knowledge base), ``--no-cache`` so that each
  run checks the file;
* ``pygloss rule PG101`` and ``pygloss kb show mock-patch``;
* ``ruff check --no-cache`` of the same two files, when ruff is installed.

    python bench/startup.py [--runs 20]

Budgets (issue #17): ``--version`` <= 60 ms; ``check`` <= 100 ms with no finding and
<= 130 ms with findings.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _wheel import clean_environ, installed_wheel

CLEAN = "def total(prices, rate=0.2):\n    return sum(p * (1 + rate) for p in prices)\n"
DIRTY = "def collect(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n"


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall ms, CPU ms (user + system of the child) and exit status of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    status = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    wall = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu, status.returncode


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * fraction) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    bin_dir = installed_wheel()
    pygloss = str(bin_dir / "pygloss")
    env = clean_environ()
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "clean.py").write_text(CLEAN)
        (work / "dirty.py").write_text(DIRTY)
        commands: dict[str, list[str]] = {
            "python -c pass": [str(bin_dir / "python"), "-c", "pass"],
            "pygloss --version": [pygloss, "--version"],
            "pygloss check clean.py": [pygloss, "check", "--no-cache", "clean.py"],
            "pygloss check dirty.py": [pygloss, "check", "--no-cache", "dirty.py"],
            "pygloss rule PG101": [pygloss, "rule", "PG101"],
            "pygloss kb show mock-patch": [pygloss, "kb", "show", "mock-patch"],
        }
        if Path(ruff).exists():
            commands["ruff check clean.py"] = [ruff, "check", "--no-cache", "clean.py"]
            commands["ruff check dirty.py"] = [ruff, "check", "--no-cache", "dirty.py"]
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        statuses: dict[str, set[int]] = {name: set() for name in commands}
        load = os.getloadavg()[0]
        for command in commands.values():  # once untimed: the file system cache
            timed(command, work, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu, status = timed(command, work, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
                statuses[name].add(status)
    print(f"command: python bench/startup.py --runs {args.runs}")
    print(f"pygloss from a wheel in {bin_dir.parent}; {os.cpu_count()} cores")
    print(f"load average at start {load:.2f}, at end {os.getloadavg()[0]:.2f}")
    print(f"{'':30} {'wall p50':>9} {'wall p90':>9} {'cpu p50':>8} {'cpu p90':>8}  exit")
    for name in commands:
        wall, cpu = walls[name], cpus[name]
        print(
            f"{name:30} {statistics.median(wall):7.1f}ms {percentile(wall, 0.9):7.1f}ms "
            f"{statistics.median(cpu):6.1f}ms {percentile(cpu, 0.9):6.1f}ms  "
            f"{','.join(map(str, sorted(statuses[name])))}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
