"""Fix, then test: ``pygloss check --fix`` (safe fixes only) on real projects whose own
test suites run here, and every test whose result changed.

    python bench/fix_then_test.py                  # every project of the corpus with `tests`
    python bench/fix_then_test.py --project tenacity --project decorator
    python bench/fix_then_test.py --unsafe-fixes   # the same with the unsafe fixes too

The projects are those of ``bench/ecosystem/projects.toml`` that say how their suite
runs here without services (``tests = {command, pythonpath, requires}``).  For each:
the unpacked sdist is copied twice into a scratch folder; one copy's suite runs as it
is, the other's after ``pygloss check --fix --select ALL`` (every rule, opt-in ones
too, so that every safe fix has its chance).  Each suite runs in a venv of its own
holding the pinned ``requires`` (created once in the cache, next to the sdists), with
``--junitxml`` so each test's outcome (passed, failed, error, skipped) can be
compared.  A test whose outcome differs is run again on both sides; only a change
seen twice is reported (a test whose result or id changes between two runs of the
same code is named as unstable and not counted).  The expected number of
changed tests is 0; the exit status is 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import venv
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from _ecosystem_corpus import Project, default_cache, download, load_projects, unpacked

ROOT = Path(__file__).resolve().parent.parent
Outcomes = dict[str, str]


def environment(project: Project, cache: Path) -> Path:
    """The venv holding the suite's pinned requirements (made on first use)."""
    listed = project.tests.get("requires", [])
    requires = sorted(str(r) for r in listed) if isinstance(listed, list) else []
    folder = cache / "venvs" / f"{project.key}-py{sys.version_info[0]}{sys.version_info[1]}"
    stamp = folder / ".requires"
    if stamp.exists() and stamp.read_text() == "\n".join(requires):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requires],
        check=True,
    )
    stamp.write_text("\n".join(requires))
    return folder


def run_suite(
    project: Project, tree: Path, env_folder: Path, report: Path
) -> tuple[Outcomes, float]:
    """Run the project's test command in *tree*; each test's outcome, and the seconds."""
    command = shlex.split(str(project.tests["command"]))
    if command[:3] != ["python", "-m", "pytest"]:
        raise ValueError(f"{project.key}: only `python -m pytest ...` suites are supported")
    command[0] = str(env_folder / "bin" / "python")
    command += [f"--junitxml={report}", "-o", "junit_family=xunit2"]
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PYTEST"))
    }
    environ["PYTHONPATH"] = str(tree / str(project.tests.get("pythonpath", ".")))
    environ["PYTHONDONTWRITEBYTECODE"] = "1"
    started = time.perf_counter()
    subprocess.run(
        command, cwd=tree, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    seconds = time.perf_counter() - started
    return outcomes(report), seconds


def outcomes(report: Path) -> Outcomes:
    """``{test id: outcome}`` from a JUnit XML report (empty when there is none)."""
    if not report.exists():
        return {}
    found: Outcomes = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        test = f"{case.get('classname', '')}::{case.get('name', '')}"
        kinds = {child.tag for child in case}
        outcome = next((k for k in ("error", "failure", "skipped") if k in kinds), "passed")
        # a teardown error is reported as a second case with the same name
        if found.get(test, "passed") == "passed":
            found[test] = outcome
    return found


def pygloss(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "check", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def fixable(tree: Path, unsafe: bool) -> Counter[str]:
    """Findings per rule that ``--fix`` (with *unsafe*: ``--unsafe-fixes``) would fix."""
    done = pygloss(str(tree), "--select", "ALL", "--format", "json", "--jobs", "1")
    counts: Counter[str] = Counter()
    for finding in json.loads(done.stdout or "[]"):
        fix = finding.get("fix")
        if fix and (unsafe or fix["safety"] == "safe"):
            counts[finding["code"]] += 1
    return counts


def apply_fixes(tree: Path, unsafe: bool) -> tuple[Counter[str], list[str]]:
    """Run ``pygloss check --fix`` on *tree*: fixes applied per rule, files changed."""
    before = {p: p.read_bytes() for p in tree.rglob("*.py")}
    counts = fixable(tree, unsafe)
    args = [str(tree), "--select", "ALL", "--fix", "--jobs", "1"]
    done = pygloss(*args, *(["--unsafe-fixes"] if unsafe else []))
    if done.returncode not in (0, 1):
        raise RuntimeError(f"pygloss check --fix failed:\n{done.stderr}")
    remaining = fixable(tree, unsafe)
    changed = sorted(str(p.relative_to(tree)) for p, b in before.items() if p.read_bytes() != b)
    return counts - remaining, changed


def compare(first: Outcomes, second: Outcomes) -> dict[str, tuple[str, str]]:
    tests = set(first) | set(second)
    return {
        t: (first.get(t, "missing"), second.get(t, "missing"))
        for t in sorted(tests)
        if first.get(t, "missing") != second.get(t, "missing")
    }


@dataclass
class Result:
    project: str
    fixes: dict[str, int]
    files_changed: list[str]
    before: Outcomes
    after: Outcomes
    changed: dict[str, tuple[str, str]]
    unstable: list[str]
    seconds: dict[str, float]


def check_project(project: Project, cache: Path, scratch: Path, unsafe: bool) -> Result:
    source = unpacked(project, cache)
    env_folder = environment(project, cache)
    trees = {}
    for side in ("before", "after"):
        trees[side] = scratch / project.key / side
        shutil.copytree(source, trees[side], ignore=shutil.ignore_patterns(".unpacked"))
    applied, changed_files = apply_fixes(trees["after"], unsafe)
    results = {}
    seconds = {}
    for side, tree in trees.items():
        results[side], seconds[side] = run_suite(project, tree, env_folder, tree / "junit.xml")
    changed = compare(results["before"], results["after"])
    unstable: list[str] = []
    if changed:  # run both again: a change seen twice is the fixes', else the test's
        again = {
            side: run_suite(project, tree, env_folder, tree / "junit-again.xml")[0]
            for side, tree in trees.items()
        }
        confirmed = compare(again["before"], again["after"])
        unstable = sorted(t for t in changed if confirmed.get(t) != changed[t])
        changed = {t: v for t, v in changed.items() if t not in unstable}
    return Result(
        project.key,
        dict(sorted(applied.items())),
        changed_files,
        results["before"],
        results["after"],
        changed,
        unstable,
        {side: round(s, 1) for side, s in seconds.items()},
    )


def _counts(outcome: Outcomes) -> str:
    names = {"failure": "failed", "error": "error", "skipped": "skipped", "passed": "passed"}
    merged = Counter(names.get(kind, kind) for kind in outcome.values())
    return " ".join(
        f"{merged[k]} {k}" for k in ("passed", "failed", "error", "skipped") if merged[k]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", help="only this project (repeatable)")
    parser.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    projects = [p for p in load_projects() if p.tests and p.group == "ecosystem"]
    if args.project:
        projects = [p for p in projects if p.name in args.project]
    cache = default_cache()
    download(projects, cache)
    scratch = Path(tempfile.mkdtemp(prefix="pygloss-fix-then-test-"))
    started = time.perf_counter()
    results = []
    try:
        for project in projects:
            print(f"{project.key}: fixing and testing", file=sys.stderr, flush=True)
            results.append(check_project(project, cache, scratch, args.unsafe_fixes))
    finally:
        if args.keep:
            print(f"scratch kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    changed = sum(len(r.changed) for r in results)
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
        return 1 if changed else 0
    mode = "safe and unsafe fixes" if args.unsafe_fixes else "safe fixes only"
    print(f"# pygloss check --fix --select ALL ({mode}), then each project's own suite")
    print(
        f"# {datetime.date.today()}, Python {platform.python_version()}, "
        f"{len(results)} projects, {time.perf_counter() - started:.0f} s"
    )
    print("| project | fixes applied | files changed | before | after | changed |")
    print("|---|---|---|---|---|---|")
    for r in results:
        fixes = ", ".join(f"{code} {n}" for code, n in r.fixes.items()) or "none"
        print(
            f"| {r.project} | {fixes} | {len(r.files_changed)} | {_counts(r.before)} | "
            f"{_counts(r.after)} | {len(r.changed)} |"
        )
    for r in results:
        for test, (was, now) in r.changed.items():
            print(f"changed: {r.project} {test}: {was} -> {now}")
        for test in r.unstable:
            print(f"unstable (differs between two runs), not counted: {r.project} {test}")
    print(f"tests whose result changed: {changed}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
