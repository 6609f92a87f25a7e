"""Benchmark: load and validate the whole knowledge base (budget: <= 100 ms).

Measures ``KnowledgeBase.load()`` exactly as the engine calls it at start-up (read
every topic, parse its TOML front matter, validate, cross-check, index), in this
process, N times, and prints the median and 95th percentile of the wall-clock
time and of the process's CPU time (steadier on a shared, loaded machine).  ``--copies K`` also
measures a base K times bigger (the topics copied under new ids into a temp dir)
to show how the cost grows.

    python bench/kb_load.py [--runs 50] [--copies 4]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pygloss.kb import loader
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.loader import builtin_knowledge_dir, load_topics
from pygloss.rules import REGISTRY


def load_knowledge() -> KnowledgeBase:
    """What ``pygloss.engine.api.load_knowledge`` does at start-up."""
    return KnowledgeBase.load(known_rules=frozenset(REGISTRY))


def _time(fn: object, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (this process) milliseconds of each run."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _stats(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"


def _report(label: str, measured: tuple[list[float], list[float]]) -> None:
    wall, cpu = measured
    print(f"{label}: wall {_stats(wall)}; cpu {_stats(cpu)} ({len(wall)} runs)")


def _copied_base(copies: int, target: Path) -> Path:
    source = builtin_knowledge_dir()
    shutil.copy(source / "notes-headings.txt", target / "notes-headings.txt")
    for n in range(copies):
        for path in source.rglob("*.md"):
            if path.name.lower() == "readme.md":
                continue
            text = path.read_text(encoding="utf-8")
            text = re.sub(r'^(id = ")([^"]+)"', rf'\g<1>\g<2>-c{n}"', text, count=1, flags=re.M)
            text = re.sub(r"^see_also = .*$", "see_also = []", text, count=1, flags=re.M)
            folder = target / f"copy{n}" / path.parent.relative_to(source)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{path.stem}-c{n}.md").write_text(text, encoding="utf-8")
    return target


@contextlib.contextmanager
def _tomllib_only() -> Iterator[None]:
    """Switch off the quick front-matter reader (to show what it saves)."""
    saved = loader.quick_loads
    loader.quick_loads = lambda text: None
    try:
        yield
    finally:
        loader.quick_loads = saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--copies", type=int, default=0, help="also time a K-times bigger base")
    args = parser.parse_args()
    print("command: python bench/kb_load.py " + " ".join(sys.argv[1:]))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    kb = load_knowledge()
    size = sum(len(t.body) for t in kb.topics.values())
    print(f"knowledge base: {len(kb)} topics, {len(kb.names())} names, {size // 1024} KiB of body")
    if kb.problems:
        print(f"warning: {len(kb.problems)} problems while loading")
    _report("load_knowledge() (read + validate + index)", _time(load_knowledge, args.runs))
    with _tomllib_only():
        _report("  same, tomllib for every front matter", _time(load_knowledge, args.runs))
    if args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            folder = _copied_base(args.copies, Path(tmp))
            rules = frozenset(REGISTRY)
            count = len(load_topics([folder], known_rules=rules).topics)
            times = _time(lambda: load_topics([folder], known_rules=rules), args.runs)
            _report(f"{args.copies}x copies ({count} topics) load_topics()", times)
            with _tomllib_only():
                times = _time(lambda: load_topics([folder], known_rules=rules), args.runs)
            _report("  same, tomllib for every front matter", times)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
