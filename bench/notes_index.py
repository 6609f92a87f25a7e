"""Benchmark: index a notes file (budget for ``python-notes.md``: <= 200 ms).

Measures what the server does the first time a hover needs a notes file (and after
the file changed): :meth:`NotesIndex.file` on a fresh index — read, decode, split
into sections, read the headings, qualify the names of every code block against
their context, find their construct kinds with the hover's recognisers, build the
excerpts.  It also times the cached path (``stat`` only, what every later hover
pays) and a hover's notes lookup: ranking every matching section and picking the
best two, for the keys of each position of a mix of code (:data:`LOOKUP_CODE`, one
position per token that looks anything up), the keys computed beforehand.
Wall-clock time and this process's CPU time are both printed: on a shared, busy
machine the wall-clock figures are inflated by waiting for a core, so compare
the ratios of one run rather than figures from different runs.

    python bench/notes_index.py [--runs 30] [PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pygloss.engine.notes import NotesIndex
from pygloss.engine.notes.hover import best, keys_at
from pygloss.syntax.source import Source

NOTES = Path("shared") / "notes" / "python-notes.md"
# ../shared beside the clone (as CI lays it out), else the shared folder of a worktree
CANDIDATES = [Path(__file__).resolve().parents[1].parent / NOTES, Path("/work") / NOTES]
DEFAULT = next((p for p in CANDIDATES if p.is_file()), CANDIDATES[0])
# everyday code to hover: names, methods, decorators, kinds, operators, subscripts
LOOKUP_CODE = """\
import asyncio
import itertools
from unittest import mock
from sqlalchemy.orm import Session


@mock.patch("shop.billing.charge")
def test_pay(charge, monkeypatch, tmp_path):
    monkeypatch.setenv("DEBUG", "1")
    charge.return_value = {"ok": True}


async def main(session: Session, names, rows):
    seen = set()
    counts = {}
    for name in sorted(names, key=str.lower):
        seen.add(name)
        counts.setdefault(name, 0)
        counts[name] += 1
    with open("x") as fh:
        first, *rest = fh.read().split()
    session.refresh(rows[0])
    await asyncio.gather(*[job(n) for n in names if n is not None])
    return list(itertools.chain(seen, rest)), seen | set(counts)
"""


def _time(fn: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _time_each(
    fn: Callable[[object], object], inputs: list[object], rounds: int
) -> tuple[list[float], list[float]]:
    """One timing per input per round (the lookup of each position, several times)."""
    wall, cpu = [], []
    for _ in range(rounds):
        for item in inputs:
            start, start_cpu = time.perf_counter(), time.process_time()
            fn(item)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _token_starts(code: str) -> list[int]:
    """The offset of each name and operator of *code*."""
    return [m.start() for m in re.finditer(r"[A-Za-z_]\w*|[-+*/%|&^<>=!@\[\]{}():,]+", code)]


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _report(label: str, measured: tuple[list[float], list[float]]) -> None:
    wall, cpu = measured
    print(
        f"{label}: median {statistics.median(wall):.3f} ms, p95 {_p95(wall):.3f} ms "
        f"(cpu median {statistics.median(cpu):.3f} ms, p95 {_p95(cpu):.3f} ms) "
        f"over {len(wall)} runs"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    path = os.path.abspath(args.path)
    if not os.path.isfile(path):
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    print(f"$ python bench/notes_index.py --runs {args.runs} {args.path}")
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, load average {load:.2f}, cpus {os.cpu_count()}")
    warm = NotesIndex(warn=lambda message: None)
    start, start_cpu = time.perf_counter(), time.process_time()
    notes = warm.file(path)  # imports and first-use caches, not counted below
    first = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
    assert notes is not None
    pairs = sum(len(s.own) for s in notes.sections)
    print(
        f"{Path(path).name}: {os.path.getsize(path)} bytes, {len(notes.sections)} sections, "
        f"{pairs} (section, name or kind) entries"
    )
    print(
        f"first index in this process (imports, module lexicon): {first[0]:.1f} ms "
        f"(cpu {first[1]:.1f} ms), once"
    )
    _report(
        "index (first use / after a change)",
        _time(lambda: NotesIndex(warn=lambda message: None).file(path), args.runs),
    )
    _report(
        "index without construct kinds",
        _time(lambda: NotesIndex(warn=lambda message: None, kinds_of=None).file(path), args.runs),
    )
    _report("cached (every later hover)", _time(lambda: warm.file(path), args.runs * 10))
    source = Source(LOOKUP_CODE, "lookup.py")
    lookups = [keys_at(source, offset) for offset in _token_starts(LOOKUP_CODE)]
    lookups = [keys for keys in lookups if keys.all()]
    shown = sum(bool(best([notes], keys)) for keys in lookups)
    print(f"{len(lookups)} positions that look something up, {shown} with a section shown")
    _report(
        "a hover's lookup (rank every match, pick two)",
        _time_each(lambda keys: best([notes], keys), lookups, max(1, args.runs // 2)),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
