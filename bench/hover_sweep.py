"""Robustness sweep: hover every token of real packages and of truncated copies.

    python bench/hover_sweep.py [--packages unittest asyncio json] [--truncations 2]
                                [--seed 1] [--step 1] [--jedi] [--list] [--jobs 1]

For every ``.py`` file of the stdlib packages (subpackages included), hover at the
start of every token -- each word or number, and each punctuation or operator
character, including inside strings and comments -- of the file itself and of
``--truncations`` copies cut at random characters (mid-token, mid-string: a file
being typed).  Counts, per kind:

* ``raised``: an exception escaped ``explain`` (an LSP hover would fail);
* ``logged``: an exception was caught and logged inside (a recogniser, an
  explainer, a jedi lookup) -- the hover still answered, but it is a bug;
* ``bad``: an answer whose range is not inside the text or does not hold the
  offset, or that is longer than the 25-line default.

Exit status 1 when any count is not zero; ``--list`` prints each failure as
``path[:cut]:offset kind message``.  Syntax only by default; ``--jedi`` adds jedi
with a 50 ms budget (slower).  The test suite runs the same sweep over a sample
(``tests/unit/hover/test_robustness.py``).
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import random
import re
import sys
import sysconfig
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pygloss.engine.api import load_knowledge
from pygloss.engine.explain import explain
from pygloss.engine.jedi_resolver import JediResolver
from pygloss.kb.index import KnowledgeBase
from pygloss.syntax.source import Source

STDLIB = Path(sysconfig.get_paths()["stdlib"])
TOKEN = re.compile(r"\w+|[^\w\s]")
MAX_LINES = 25


@dataclass
class Sweep:
    """Counts and failures of one sweep."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


class _Caught(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def token_starts(text: str) -> list[int]:
    return [m.start() for m in TOKEN.finditer(text)]


def hover_all(
    text: str,
    label: str,
    kb: KnowledgeBase,
    sweep: Sweep,
    resolver: JediResolver | None = None,
    step: int = 1,
) -> None:
    """Hover every *step*-th token start of *text*; record what went wrong."""
    source = Source(text, label)
    caught = _Caught()
    logger = logging.getLogger("pygloss")
    logger.addHandler(caught)
    try:
        for offset in token_starts(text)[::step]:
            sweep.counts["hovers"] += 1
            before = len(caught.records)
            try:
                found = explain(source, offset, kb, None, resolver)
            except Exception as exc:  # the sweep counts what a request would raise
                sweep.counts["raised"] += 1
                sweep.failures.append(f"{label}:{offset} raised {exc!r}")
                continue
            for record in caught.records[before:]:
                sweep.counts["logged"] += 1
                sweep.failures.append(f"{label}:{offset} logged {record.getMessage()}")
            if found is None:
                continue
            sweep.counts["shown"] += 1
            inside = 0 <= found.start <= found.end <= len(text)
            holds = found.start <= offset <= found.end
            if not (inside and holds) or found.markdown.count("\n") + 1 > MAX_LINES:
                sweep.counts["bad"] += 1
                sweep.failures.append(f"{label}:{offset} bad range {found.start}..{found.end}")
    finally:
        logger.removeHandler(caught)


def files_of(packages: list[str]) -> list[Path]:
    return sorted(p for name in packages for p in (STDLIB / name).rglob("*.py"))


def sweep_file(
    path: Path,
    kb: KnowledgeBase,
    sweep: Sweep,
    rng: random.Random,
    truncations: int,
    resolver: JediResolver | None = None,
    step: int = 1,
) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        sweep.counts["unreadable"] += 1
        return
    sweep.counts["files"] += 1
    hover_all(text, str(path), kb, sweep, resolver, step)
    for _ in range(truncations):
        cut = rng.randrange(len(text) + 1) if text else 0
        sweep.counts["truncated copies"] += 1
        hover_all(text[:cut], f"{path}:{cut}", kb, sweep, resolver, step)


_KB: KnowledgeBase | None = None


def _sweep_one(item: tuple[Path, int, int, int, bool]) -> tuple[Counter[str], list[str]]:
    """Sweep one file (in a worker process when ``--jobs`` > 1)."""
    global _KB
    path, seed, truncations, step, jedi = item
    if _KB is None:
        _KB = load_knowledge()
    resolver = JediResolver(budget=0.05) if jedi else None
    sweep = Sweep()
    sweep_file(path, _KB, sweep, random.Random(seed), truncations, resolver, step)
    return sweep.counts, sweep.failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", nargs="+", default=["unittest", "asyncio", "json"])
    parser.add_argument("--truncations", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--step", type=int, default=1, help="hover every STEP-th token")
    parser.add_argument("--jedi", action="store_true")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    args = parser.parse_args()
    print("command:", " ".join(["python", *sys.argv]))
    started = time.perf_counter()
    paths = files_of(args.packages)
    lines = sum(path.read_bytes().count(b"\n") for path in paths)
    # each file gets its own seeded generator: the same cuts whatever --jobs is
    work = [(path, args.seed + index, args.truncations, args.step, args.jedi)
            for index, path in enumerate(paths)]  # fmt: skip
    sweep = Sweep()
    if args.jobs > 1:
        with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
            results = pool.imap_unordered(_sweep_one, work)
            for counts, failures in results:
                sweep.counts.update(counts)
                sweep.failures.extend(failures)
    else:
        for item in work:
            counts, failures = _sweep_one(item)
            sweep.counts.update(counts)
            sweep.failures.extend(failures)
    seconds = time.perf_counter() - started
    counts = sweep.counts
    print(
        f"{counts['files']} files ({lines} lines) of {', '.join(args.packages)} and "
        f"{counts['truncated copies']} truncated copies: {counts['hovers']} hovers, "
        f"{counts['shown']} answered, in {seconds:.0f} s"
    )
    print(
        f"raised: {counts['raised']}, logged: {counts['logged']}, bad: {counts['bad']}, "
        f"unreadable files: {counts['unreadable']}"
    )
    if args.list:
        for failure in sweep.failures:
            print(failure)
    return 1 if counts["raised"] or counts["logged"] or counts["bad"] else 0


if __name__ == "__main__":
    sys.exit(main())
