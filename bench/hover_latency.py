"""Warm hover latency on real files: p50/p95 over sampled positions (engine level).

Usage: python bench/hover_latency.py [FILE ...] [--samples 200] [--seed 1]
Defaults to the stdlib's unittest/mock.py and an 8,000-line file built from stdlib
modules.  Prints the command, then per file: lines, parse time, p50/p95/max ms.
Not a test: numbers depend on the machine; compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import unittest.mock
from pathlib import Path

from pygloss.engine.api import Engine
from pygloss.syntax.source import Source


def eight_thousand_lines() -> tuple[str, str]:
    import asyncio.base_events
    import json.decoder
    import typing

    parts = [Path(m.__file__).read_text() for m in (typing, asyncio.base_events, json.decoder)]
    text = "\n".join(parts)
    while text.count("\n") < 8000:
        text += "\n" + parts[0]
    return "8000-line file", "\n".join(text.splitlines()[:8000]) + "\n"


def measure(engine: Engine, name: str, text: str, samples: int, rng: random.Random) -> None:
    started = time.perf_counter()
    source = Source(text)
    source.parse  # noqa: B018 - the per-version parse, cached as in the server
    parse_ms = (time.perf_counter() - started) * 1000
    offsets = [rng.randrange(len(text)) for _ in range(samples)]
    for offset in offsets[:20]:  # warm: jedi caches, lazy imports
        engine.explain(source, offset)
    times = []
    for offset in offsets:
        t0 = time.perf_counter()
        engine.explain(source, offset)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{name}: {text.count(chr(10))} lines, parse {parse_ms:.0f} ms, "
        f"p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("command:", " ".join([sys.executable, *sys.argv]))
    engine = Engine()
    rng = random.Random(args.seed)
    files = [(f, Path(f).read_text()) for f in args.files] or [
        ("unittest/mock.py", Path(unittest.mock.__file__).read_text()),
        eight_thousand_lines(),
    ]
    for name, text in files:
        measure(engine, name, text, args.samples, rng)


if __name__ == "__main__":
    main()
