"""The notebook check: ``pygloss check`` over real notebooks no one here wrote, with every
finding judged, ``--fix`` checked byte for byte, and the time it takes.

    python bench/notebooks.py               # findings, notes, fix check, speed
    python bench/notebooks.py --update      # rewrite the snapshot, keeping the verdicts
    python bench/notebooks.py --repeat 5    # speed: the median of 5 runs per notebook

The corpus is ``bench/notebooks/corpus/`` (sources, commits and licences in
``bench/notebooks/corpus.toml``): tutorial and documentation notebooks of seaborn,
statsmodels, Hugging Face, ipywidgets and Voilà, and nbformat's own test notebooks
(nbformat 3, odd metadata, other kernels).  For each notebook the script runs the
command line's own per-file code (:func:`pygloss.cli.check_files.check_file`, default
rules) and records findings and notes; an internal error counts as a crash.  Then it
copies the corpus and runs ``pygloss check --fix --unsafe-fixes`` on the copy as a
user would: a notebook nothing was fixed in must come back byte-identical, and a fixed
one must read back as the original with only code cells' ``source`` changed.

``bench/notebooks/judged.jsonl`` is the snapshot: one line per finding (notebook, cell,
line, col, code, severity, message) with its ``verdict`` (``true``, ``false`` or
``debatable``) and a one-line ``reason``.  The script exits 1 when a finding is
unjudged, a notebook crashed the check, or a fix changed a byte it should not have.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pygloss.cli.check_files import FileJob, check_file
from pygloss.engine.config import Config
from pygloss.engine.notebook.ipynb import NotebookError, read_ipynb
from pygloss.engine.notebook.model import Notebook

HERE = Path(__file__).resolve().parent / "notebooks"
CORPUS = HERE / "corpus"
JUDGED = HERE / "judged.jsonl"
VERDICTS = ("true", "false", "debatable")
FIELDS = ("notebook", "cell", "line", "col", "code", "severity", "message")


def notebooks() -> list[Path]:
    return sorted(CORPUS.rglob("*.ipynb"))


def _shape(path: Path) -> dict[str, int]:
    """Cells, code cells, IPython masks and skipped code cells of one notebook."""
    try:
        ipynb = read_ipynb(path.read_text(encoding="utf-8"))
    except (NotebookError, UnicodeDecodeError):
        return {"cells": 0, "code": 0, "masks": 0, "skipped": 0, "lines": 0}
    model = Notebook(ipynb.cells, str(path))
    code = sum(1 for c in ipynb.cells if c.kind == "code")
    return {
        "cells": len(ipynb.cells),
        "code": code,
        "masks": sum(len(s.masked.spans) for s in model.segments.values()),
        "skipped": code - len(model.segments),
        "lines": model.text.count("\n"),
    }


def check(repeat: int) -> tuple[list[dict[str, object]], list[str], list[str], list[float]]:
    """Findings (snapshot rows), notes, crashes and the check time of each notebook."""
    rows: list[dict[str, object]] = []
    notes: list[str] = []
    crashes: list[str] = []
    seconds: list[float] = []
    for path in notebooks():
        name = str(path.relative_to(CORPUS))
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            report = check_file(FileJob(str(path), Config()))
            times.append(time.perf_counter() - started)
        seconds.append(statistics.median(times))
        for note in report.notes:
            (crashes if "internal error" in note else notes).append(
                note.replace(str(CORPUS) + "/", "")
            )
        for finding in report.findings:
            rows.append(
                {
                    "notebook": name,
                    "cell": finding["cell"],
                    "line": finding["line"],
                    "col": finding["column"],
                    "code": finding["code"],
                    "severity": finding["severity"],
                    "message": finding["message"],
                }
            )
    return rows, notes, crashes, seconds


def fix_check() -> tuple[int, int, list[str]]:
    """``pygloss check --fix --unsafe-fixes`` on a copy: (untouched and byte-identical,
    fixed and reading back with only code sources changed, problems)."""
    problems: list[str] = []
    same = fixed = 0
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "corpus"
        shutil.copytree(CORPUS, copy)
        subprocess.run(
            [sys.executable, "-P", "-m", "pygloss", "check", "--fix", "--unsafe-fixes", str(copy)],
            capture_output=True,
            check=False,
        )
        for path in notebooks():
            before = path.read_bytes()
            after = (copy / path.relative_to(CORPUS)).read_bytes()
            if before == after:
                same += 1
                continue
            fixed += 1
            if not _only_sources_changed(before, after):
                problems.append(f"{path.relative_to(CORPUS)}: --fix changed more than sources")
    return same, fixed, problems


def _only_sources_changed(before: bytes, after: bytes) -> bool:
    old, new = json.loads(before), json.loads(after)
    for data in (old, new):
        for cell in data.get("cells", ()):
            if cell.get("cell_type") == "code":
                cell["source"] = ""
    return bool(old == new)


def keystrokes(count: int = 10, edits: int = 30) -> list[float]:
    """Seconds of the editor's lint of a notebook after one keystroke in a code cell (the
    incremental lint the server runs), on the *count* notebooks with the most code."""
    import random
    from dataclasses import replace

    from pygloss.engine.incremental import LintState
    from pygloss.engine.notebook.analysis import lint_notebook

    sized = []
    for path in notebooks():
        try:
            cells = read_ipynb(path.read_text(encoding="utf-8")).cells
        except (NotebookError, UnicodeDecodeError):
            continue
        sized.append((sum(len(c.text) for c in cells if c.kind == "code"), path, cells))
    timings: list[float] = []
    rng = random.Random(18)
    for _, path, cells in sorted(sized, key=lambda item: item[0])[-count:]:
        cells = list(cells)
        state: LintState | None = lint_notebook(Notebook(cells, str(path)).source)[1]
        code = [i for i, c in enumerate(cells) if c.kind == "code" and c.text]
        for _ in range(edits):
            index = rng.choice(code)
            text = cells[index].text
            at = rng.randint(0, len(text))
            cells[index] = replace(cells[index], text=text[:at] + "x" + text[at:])
            started = time.perf_counter()
            _, state = lint_notebook(Notebook(cells, str(path)).source, state)
            timings.append(time.perf_counter() - started)
    return sorted(timings)


def keyed(row: dict[str, object]) -> tuple[object, ...]:
    return tuple(row[f] for f in FIELDS[:5])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite judged.jsonl")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per notebook")
    args = parser.parse_args()
    paths = notebooks()
    shapes = [_shape(p) for p in paths]
    rows, notes, crashes, seconds = check(args.repeat)
    judged = (
        [json.loads(line) for line in JUDGED.read_text().splitlines()] if JUDGED.exists() else []
    )
    verdicts = {keyed(r): r for r in judged}
    snapshot = []
    for row in rows:
        known = verdicts.get(keyed(row), {})
        snapshot.append({**row, "verdict": known.get("verdict"), "reason": known.get("reason", "")})
    if args.update:
        JUDGED.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in snapshot))
    same, fixed, problems = fix_check()

    code_cells = sum(s["code"] for s in shapes)
    print(
        f"{len(paths)} notebooks from {len({p.relative_to(CORPUS).parts[0] for p in paths})} "
        "sources, "
        f"{sum(s['cells'] for s in shapes)} cells ({code_cells} code cells, "
        f"{sum(s['lines'] for s in shapes)} lines of code)"
    )
    print(
        f"IPython syntax masked: {sum(s['masks'] for s in shapes)} places; code cells skipped "
        f"(non-Python cell magics): {sum(s['skipped'] for s in shapes)}"
    )
    print(f"findings: {len(rows)}; notes: {len(notes)}; crashes: {len(crashes)}")
    for note in notes:
        print(f"  note: {note}")
    for crash in crashes:
        print(f"  CRASH: {crash}")
    counts: dict[str, list[int]] = {}
    for row in snapshot:
        tally = counts.setdefault(str(row["code"]), [0, 0, 0, 0])
        verdict = row["verdict"]
        tally[VERDICTS.index(verdict) if verdict in VERDICTS else 3] += 1
    for code, (true, false, debatable, open_) in sorted(counts.items()):
        print(f"  {code}: {true} true, {false} false, {debatable} debatable, {open_} unjudged")
    print(
        f"--fix --unsafe-fixes on a copy: {same} notebooks byte-identical (nothing fixed), "
        f"{fixed} fixed with only code sources changed"
        + (f"; {len(problems)} PROBLEMS" if problems else "")
    )
    for problem in problems:
        print(f"  {problem}")
    ordered = sorted(seconds)
    print(
        f"check time per notebook (median of {args.repeat} runs each, one process, "
        f"{platform.python_implementation()} {platform.python_version()}): "
        f"median {statistics.median(ordered) * 1000:.1f} ms, "
        f"p90 {ordered[int(len(ordered) * 0.9)] * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms, "
        f"total {sum(ordered):.2f} s"
    )
    typed = keystrokes()
    print(
        f"editor lint after one keystroke in a cell (model rebuilt, incremental lint), "
        f"{len(typed)} keystrokes in the 10 notebooks with the most code: "
        f"median {statistics.median(typed) * 1000:.1f} ms, "
        f"p90 {typed[int(len(typed) * 0.9)] * 1000:.1f} ms, max {typed[-1] * 1000:.1f} ms"
    )
    print(f"command: python bench/notebooks.py --repeat {args.repeat}")
    unjudged = [r for r in snapshot if r["verdict"] not in VERDICTS]
    return 1 if unjudged or crashes or problems else 0


if __name__ == "__main__":
    sys.exit(main())
