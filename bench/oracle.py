"""The oracle: every computed hover claim the interpreter can also state, checked
against the interpreter, over the standard library and the test extras' packages.

    python bench/oracle.py [--check mro,super,...] [--sample] [--jobs N] [--show N]

For each check (``bench/oracle_*.py``) the hover is asked in one process, started
with nothing but pygloss imported (as a server is: pygloss reads the MRO of the
standard-library modules *it* has imported from the interpreter, so the process
that asks must not have imported the code under test); the claims are then judged
in another process that imports the modules the claims are about (installed
libraries only: importing them is not running the user's code).

Each claim is *agreed* (the interpreter says the same), *said-unknown* (the hover
says where its knowledge stops, and what it does state is right) or *disagreed*;
a claim about an object the interpreter cannot reach (a class defined in a function,
a name rebound later, a module that does not import here) is *unreachable* and not
counted as checked.  The exit status is 1 when anything is disagreed.

``--sample`` checks a fixed handful of files per check (the test suite runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

STDLIB = Path(sysconfig.get_paths()["stdlib"])
PACKAGES = ("pydantic", "sqlalchemy", "fastapi", "attr", "attrs", "_pytest", "pytest")
# not imported: they act on import (open a browser, print, start a GUI) or only run as scripts
SKIP_MODULES = frozenset({"antigravity", "this", "__hello__", "__phello__", "idlelib",
                          "turtledemo", "tkinter", "turtle", "lib2to3", "pydoc_data"})  # fmt: skip
SKIP_DIRS = frozenset({"test", "tests", "idle_test", "site-packages", "__pycache__"})
CHECKS = ("mro", "super", "init", "patch", "metaclass", "wraps", "slots")
SAMPLE = frozenset({
    "json.decoder", "collections", "unittest.case", "asyncio.events", "email.message",
    "argparse", "enum", "dataclasses", "functools", "contextlib", "logging", "http.server",
    "socketserver", "typing", "zipfile", "pydantic.main", "sqlalchemy.orm.session",
    "fastapi.routing", "attr._make", "_pytest.monkeypatch", "_pytest.fixtures",
    "fastapi.openapi.models", "sqlalchemy.engine.interfaces", "_pytest.reports", "inspect",
})  # fmt: skip


def stdlib_files() -> Iterator[tuple[str, Path]]:
    for path in sorted(STDLIB.rglob("*.py")):
        relative = path.relative_to(STDLIB)
        if SKIP_DIRS.intersection(relative.parts[:-1]) or path.name == "__main__.py":
            continue
        module = module_of(relative)
        if module.split(".")[0] in SKIP_MODULES or "-" in module:
            continue
        yield module, path


def package_dir(name: str) -> Path | None:
    for entry in sys.path:
        candidate = Path(entry) / name
        if entry and (candidate / "__init__.py").is_file():
            return candidate
    return None


def package_files() -> Iterator[tuple[str, Path]]:
    for name in PACKAGES:
        directory = package_dir(name)
        if directory is None:
            continue
        for path in sorted(directory.rglob("*.py")):
            relative = path.relative_to(directory.parent)
            if SKIP_DIRS.intersection(relative.parts[:-1]) or path.name == "__main__.py":
                continue
            yield module_of(relative), path


def module_of(relative: Path) -> str:
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def files(sample: bool) -> list[tuple[str, Path]]:
    every = [*stdlib_files(), *package_files()]
    if not sample:
        return every
    return [(m, p) for m, p in every if m in SAMPLE]


def run_stage(stage: str, check: str, payload: list[object]) -> list[dict[str, object]]:
    """Run one stage of *check* in a fresh ``python -P`` process (input/output: JSON)."""
    with tempfile.TemporaryDirectory(prefix="pygloss-oracle-") as directory:
        given = Path(directory) / "in.json"
        given.write_text(json.dumps(payload), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-P", str(BENCH / "oracle.py"), "--stage", stage, "--check", check,
             "--input", str(given)],
            capture_output=True, text=True, cwd=directory, timeout=3600,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"{check} {stage} failed:\n{done.stderr[-3000:]}")
        result: list[dict[str, object]] = json.loads(done.stdout.splitlines()[-1])
        return result


def stage_main(stage: str, check: str, given: Path) -> None:
    module = __import__(f"oracle_{check}")
    payload = json.loads(given.read_text(encoding="utf-8"))
    if stage == "claims":
        out = [c for module_name, path in payload for c in module.claims(module_name, path)]
    else:
        out = module.judge_all(payload)
    sys.stdout.write("\n" + json.dumps(out) + "\n")


def run_check(check: str, targets: list[tuple[str, Path]], jobs: int) -> list[dict[str, object]]:
    module = __import__(f"oracle_{check}")
    selected = module.select(targets) if hasattr(module, "select") else targets
    payload = [(m, str(p)) for m, p in selected]
    chunks = [payload[i::jobs] for i in range(jobs)] if payload else [[]]
    claims: list[dict[str, object]] = []
    if jobs == 1:
        claims = run_stage("claims", check, chunks[0])
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(jobs) as pool:
            for part in pool.map(lambda chunk: run_stage("claims", check, chunk), chunks):
                claims.extend(part)
    return run_stage("judge", check, claims)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", default=",".join(CHECKS))
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=10, help="disagreements shown per check")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args()
    if args.stage:
        stage_main(args.stage, args.check, args.input)
        return 0
    shown = ["python bench/oracle.py", *sys.argv[1:]]
    print("command: " + " ".join(shown))
    print(f"Python {sys.version.split()[0]}")
    targets = files(args.sample)
    print(f"{len(targets)} files")
    totals: dict[str, Counter[str]] = {}
    failed = False
    for check in args.check.split(","):
        started = time.perf_counter()
        verdicts = run_check(check, targets, args.jobs)
        counts = Counter(str(v["verdict"]) for v in verdicts)
        totals[check] = counts
        checked = sum(counts[k] for k in ("agreed", "said-unknown", "disagreed"))
        print(
            f"{check}: checked {checked}, agreed {counts['agreed']}, "
            f"said-unknown {counts['said-unknown']}, disagreed {counts['disagreed']} "
            f"(unreachable {counts['unreachable']}; {time.perf_counter() - started:.0f} s)"
        )
        unknown = Counter(str(v.get("why", "")) for v in verdicts if v["verdict"] == "said-unknown")
        for why, count in unknown.most_common(3):
            print(f"  said-unknown {count}: {why}")
        bad = [v for v in verdicts if v["verdict"] == "disagreed"]
        failed = failed or bool(bad)
        for verdict in bad[: args.show]:
            print(f"  DISAGREED {verdict['where']}: {verdict['detail']}")
    if args.json:
        print(json.dumps({check: dict(counts) for check, counts in totals.items()}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
