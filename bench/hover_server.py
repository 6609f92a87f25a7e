"""Hover through the real server (``python -P -m pygloss serve`` over stdio, JSON-RPC).

    python bench/hover_server.py [--starts 5] [--samples 200] [--runs 3] [--files 50]

Three measurements, each printed with the machine's load:

1. **First hover after initialize** (budget <= 1.5 s), in ``--starts`` fresh server
   processes: once ``initialize`` is answered, send ``initialized``, open
   ``examples/test_orders.py`` and at once hover ``@mock.patch``; the time from the
   initialize answer to the hover answer (the knowledge base loads meanwhile, and
   jedi's start-up warm-up runs, as in an editor), the hover request alone, and, for
   information, the process start-up before the initialize answer.
2. **Warm hover latency over LSP** (budget p50 <= 10 ms, p95 <= 30 ms): one server,
   after its jedi warm-up has finished (it logs ``jedi warm-up done``); each file is
   opened (or changed to a new version, so per-version caches start empty), its
   diagnostics awaited (the parse is done), then 200 sampled positions are hovered one
   after another; round-trip times, median over ``--runs`` versions.
3. **Resident memory after opening 50 files** (budget <= 150 MB, issue #17): a fresh
   server, its start-up warm-up finished, 50 stdlib modules opened (their diagnostics
   awaited), then 10 hovers in each, then 8 s of quiet (the warm-ups of the modules the
   files import run then); ``VmRSS`` of the server process after each stage, and
   ``VmHWM`` (peak).  jedi runs inside the server process (no child processes; checked).

Not a test: numbers depend on the machine, which is shared; compare within a run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import hover_corpus
from lsp_client import Server, utf16_position

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "test_orders.py"
WARMED = "jedi warm-up done"
IDLE_AFTER = 8.0  # seconds of quiet before the last memory reading


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * fraction) - 1)]


def first_hover(starts: int, logs: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    line, character = utf16_position(text, text.index("mock.patch") + 6)
    after_init, request, startup = [], [], []
    for start in range(starts):
        server = Server(logs / f"first-{start}.log")
        try:
            server.initialize(ROOT)  # returns when the server has answered
            ready = time.perf_counter()
            server.open(EXAMPLE.as_uri(), text)
            sent = time.perf_counter()
            answer = server.hover(EXAMPLE.as_uri(), line, character)
            done = time.perf_counter()
            assert answer and "patch" in answer["contents"]["value"], answer
            after_init.append((done - ready) * 1000)
            request.append((done - sent) * 1000)
            startup.append((ready - server.started) * 1000)
        finally:
            server.close()

    def runs(values: list[float]) -> str:
        return f"median {statistics.median(values):.0f} ms, max {max(values):.0f} ms " + (
            f"(runs: {', '.join(f'{t:.0f}' for t in values)})"
        )

    print(
        f"first hover after initialize ({starts} fresh servers; initialized, didOpen "
        f"examples/test_orders.py, hover @mock.patch at once): from the initialize answer "
        f"to the hover answer {runs(after_init)}; the hover request alone "
        f"median {statistics.median(request):.0f} ms; before that, process start to the "
        f"initialize answer (Python, pygls and pygloss imports) median "
        f"{statistics.median(startup):.0f} ms"
    )
    verdict = "met" if max(after_init) <= 1500 else "NOT met"
    print(f"  budget <= 1.5 s (from the initialize answer, every run): {verdict}")


def warm_latency(samples: int, runs: int, seed: int, logs: Path) -> None:
    label, text = hover_corpus.eight_thousand_lines()
    files = [hover_corpus.mock_py(), (label, text), (f"{label}, broken", hover_corpus.broken(text))]
    server = Server(logs / "warm.log")
    try:
        server.initialize(ROOT)
        started = time.perf_counter()
        server.wait_for(lambda _: server.logged(WARMED))
        print(f"warm-up finished {time.perf_counter() - started:.1f} s after initialize")
        reference = bare_round_trip(server, samples)
        print(
            f"reference: a hover on a one-line file (`pass`; JSON-RPC and pygls, next to no "
            f"engine work), median of {samples}: {reference:.2f} ms"
        )
        for index, (name, body) in enumerate(files):
            uri = Path(tempfile.gettempdir(), f"pygloss-bench-{index}.py").as_uri()
            rng = random.Random(seed)
            offsets = [rng.randrange(len(body)) for _ in range(samples)]
            positions = [utf16_position(body, o) for o in offsets]
            p50s, p95s, maxes, shown = [], [], [], 0
            shown_times: list[float] = []
            for run in range(runs):
                seen = server.diagnostics_for(uri)
                if run == 0:
                    server.open(uri, body)
                else:
                    server.change(uri, body, run + 1)
                server.wait_for(lambda _, u=uri, s=seen: server.diagnostics_for(u) > s)
                times = []
                shown = 0
                for line, character in positions:
                    sent = time.perf_counter()
                    answer = server.hover(uri, line, character)
                    times.append((time.perf_counter() - sent) * 1000)
                    shown += answer is not None
                    if answer is not None:
                        shown_times.append(times[-1])
                p50s.append(statistics.median(times))
                p95s.append(percentile(times, 0.95))
                maxes.append(max(times))
            p50, p95 = statistics.median(p50s), statistics.median(p95s)
            print(
                f"{name}: median of {runs} versions: p50 {p50:.2f} ms, p95 {p95:.1f} ms "
                f"(runs: {', '.join(f'{t:.1f}' for t in p95s)}), max "
                f"{statistics.median(maxes):.0f} ms; {shown}/{samples} hovers shown; "
                f"p95 / reference {p95 / reference:.1f}"
            )
            if shown_times:
                print(
                    f"  hovers that showed something (all versions): p50 "
                    f"{statistics.median(shown_times):.2f} ms, p95 "
                    f"{percentile(shown_times, 0.95):.1f} ms"
                )
            verdict = "met" if p50 <= 10 and p95 <= 30 else "NOT met"
            print(f"  budget p50 <= 10 ms, p95 <= 30 ms: {verdict}")
    finally:
        server.close()


def bare_round_trip(server: Server, samples: int) -> float:
    """Median round trip of a hover on a one-line file: the fixed cost of a request
    (JSON-RPC, pygls, the document lookup) measured in the same run as the others."""
    uri = Path(tempfile.gettempdir(), "pygloss-bench-reference.py").as_uri()
    seen = server.diagnostics_for(uri)
    server.open(uri, "pass\n")
    server.wait_for(lambda _: server.diagnostics_for(uri) > seen)
    times = []
    for _ in range(samples):
        sent = time.perf_counter()
        server.hover(uri, 0, 0)
        times.append((time.perf_counter() - sent) * 1000)
    return statistics.median(times)


def memory(count: int, logs: Path) -> None:
    paths = hover_corpus.fifty_files()[:count]
    server = Server(logs / "memory.log")
    try:
        server.initialize(ROOT)
        before_warm = server.rss_mb()[0]
        server.wait_for(lambda _: server.logged(WARMED))
        after_warm = server.rss_mb()[0]
        texts = {}
        for path in paths:
            texts[path.as_uri()] = path.read_text(encoding="utf-8")
            server.open(path.as_uri(), texts[path.as_uri()])
        server.wait_for(lambda _: all(server.diagnostics_for(u) for u in texts))
        after_open = server.rss_mb()[0]
        rng = random.Random(1)
        for uri, text in texts.items():
            for _ in range(10):
                server.hover(uri, *utf16_position(text, rng.randrange(len(text))))
        rss, peak = server.rss_mb()
        time.sleep(IDLE_AFTER)  # the warm-ups the opened files queued run while it is quiet
        idle, peak = server.rss_mb()
        lines = sum(t.count("\n") for t in texts.values())
        print(
            f"resident memory: {before_warm:.0f} MB after initialize, {after_warm:.0f} MB "
            f"after jedi's start-up warm-up, {after_open:.0f} MB after opening {len(paths)} "
            f"files ({lines} lines, diagnostics published), {rss:.0f} MB after 10 hovers in "
            f"each, {idle:.0f} MB {IDLE_AFTER:g} s later (the files' warm-ups); peak "
            f"{peak:.0f} MB; child processes: {len(server.children())}"
        )
        met = max(rss, idle, after_open) <= 150
        print(f"  budget <= 150 MB with the files open and hovered: {'met' if met else 'NOT met'}")
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--only", choices=("first", "warm", "memory"))
    args = parser.parse_args()
    print("command:", " ".join(["python", *sys.argv]))
    print(hover_corpus.load(), f"(before) · Python {sys.version.split()[0]}")
    logs = Path(tempfile.mkdtemp(prefix="pygloss-bench-"))
    if args.only in (None, "first"):
        first_hover(args.starts, logs)
    if args.only in (None, "warm"):
        warm_latency(args.samples, args.runs, args.seed, logs)
    if args.only in (None, "memory"):
        memory(args.files, logs)
    print(hover_corpus.load(), f"(after) · server logs in {logs}")


if __name__ == "__main__":
    main()
