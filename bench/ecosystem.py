"""The ecosystem check: every default rule over the pinned real projects of
``bench/ecosystem/projects.toml``, with every finding judged in ``bench/ecosystem/judged.jsonl``.

    python bench/ecosystem.py               # findings per project and rule, precision, time
    python bench/ecosystem.py --diff        # only what appeared or disappeared since the snapshot
    python bench/ecosystem.py --update      # rewrite the snapshot, keeping the verdicts
    python bench/ecosystem.py --list [--context 3] [--unjudged]   # the findings themselves
    python bench/ecosystem.py --extend-select PG206 --list        # an opt-in rule too

``judged.jsonl`` is the snapshot: one line per finding of the default rule set
(project, path, line, col, code, severity, message) with its ``verdict`` (``true``,
``false`` or ``debatable``) and a one-line ``reason`` a reviewer can check by reading
the code.  Every finding above hint severity must be judged; hints (not listed in an
editor's Problems panel, not failing ``pygloss check``) may be.  ``--update`` keeps
the verdict of every finding still reported at the same place and adds new ones
unjudged (``verdict`` null).  ``--diff`` prints what appeared (``+``), disappeared
(``-``) or changed its message or severity (``~``); it exits 1 when a finding above
hint severity is unjudged or a rule raised.  Precision per rule is true / judged
(debatable counts against).  Opt-in rules (``--extend-select``) are counted and listed
but not part of the snapshot.  The corpora are downloaded on first use (see
``bench/_ecosystem_corpus.py``); ``--group`` picks the ecosystem projects or the
reference corpora of docs/rules-precision.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from _ecosystem_corpus import Project, default_cache, download, load_projects, unpacked
from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.files import Unreadable, iter_python_files, read_source
from pygloss.syntax.source import Source

JUDGED = Path(__file__).resolve().parent / "ecosystem" / "judged.jsonl"
VERDICTS = ("true", "false", "debatable")
Key = tuple[str, str, int, int, str]


@dataclass
class Run:
    findings: list[dict[str, object]]
    files: Counter[str]
    lines: Counter[str]
    seconds: dict[str, float]
    failures: list[str]


def key(row: dict[str, object]) -> Key:
    return (
        str(row["project"]),
        str(row["path"]),
        int(str(row["line"])),
        int(str(row["col"])),
        str(row["code"]),
    )


def check(projects: list[Project], cache: Path, config: Config) -> Run:
    run = Run([], Counter(), Counter(), {}, [])
    for project in projects:
        root = unpacked(project, cache)
        started = time.perf_counter()
        tops = [root / folder for folder in project.paths] or [root]
        for path in (path for top in tops for path in iter_python_files(top)):
            text = read_source(path)
            if isinstance(text, Unreadable):
                continue
            relative = path.relative_to(root).as_posix()
            run.files[project.name] += 1
            run.lines[project.name] += text.count("\n")
            source = Source(text, str(path))
            result = lint(source, config, str(path))
            run.failures += [
                f"{project.key}/{relative}: {f.code} {f.error}" for f in result.failures
            ]
            for finding in result.findings:
                line, column = source.position(finding.start)
                run.findings.append(
                    {
                        "project": project.name,
                        "path": relative,
                        "line": line + 1,
                        "col": column + 1,
                        "code": finding.code,
                        "severity": finding.severity.value,
                        "message": finding.message,
                    }
                )
        run.seconds[project.name] = time.perf_counter() - started
    run.findings.sort(key=key)
    return run


def load_judged(path: Path) -> dict[Key, dict[str, object]]:
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return {key(row): row for row in rows}


def write_judged(path: Path, run: Run, judged: dict[Key, dict[str, object]]) -> None:
    lines = []
    for row in run.findings:
        old = judged.get(key(row), {})
        merged = {**row, "verdict": old.get("verdict"), "reason": old.get("reason", "")}
        lines.append(json.dumps(merged, ensure_ascii=False))
    path.write_text("".join(f"{line}\n" for line in lines))


def where(row: dict[str, object]) -> str:
    return f"{row['project']}/{row['path']}:{row['line']}:{row['col']}: {row['code']}"


def show(row: dict[str, object], cache: Path, projects: dict[str, Project], context: int) -> None:
    print(f"{where(row)} [{row['severity']}] {row['message']}")
    if context <= 0:
        return
    root = unpacked(projects[str(row["project"])], cache)
    text = (root / str(row["path"])).read_text(encoding="utf-8", errors="replace").splitlines()
    line = int(str(row["line"]))
    for number in range(max(1, line - context), min(len(text), line + context) + 1):
        marker = ">" if number == line else " "
        print(f"  {marker}{number:5} | {text[number - 1]}")


def diff(run: Run, judged: dict[Key, dict[str, object]]) -> list[str]:
    now = {key(row): row for row in run.findings}
    out = [f"+ {where(row)} {row['message']}" for k, row in now.items() if k not in judged]
    out += [f"- {where(row)} {row['message']}" for k, row in judged.items() if k not in now]
    for k, row in now.items():
        old = judged.get(k)
        if old and (old["message"], old["severity"]) != (row["message"], row["severity"]):
            out.append(f"~ {where(row)} [{old['severity']} -> {row['severity']}] {row['message']}")
    return out


def report(run: Run, projects: list[Project], judged: dict[Key, dict[str, object]]) -> None:
    print(f"{'project':<20} {'version':>8} {'files':>6} {'lines':>9} {'time':>6}  findings")
    for project in projects:
        if project.group == "reference" and project is next(
            p for p in projects if p.group == "reference"
        ):
            print("-- the corpora of docs/rules-precision.md (only `paths`):")
        per_rule = Counter(
            str(row["code"]) for row in run.findings if row["project"] == project.name
        )
        rules = ", ".join(f"{code} {n}" for code, n in sorted(per_rule.items())) or "-"
        print(
            f"{project.name:<20} {project.version:>8} {run.files[project.name]:>6}"
            f" {run.lines[project.name]:>9,} {run.seconds[project.name]:>5.1f}s  {rules}"
        )
    total = sum(run.seconds.values())
    print(
        f"total: {len(projects)} projects, {sum(run.files.values()):,} files,"
        f" {sum(run.lines.values()):,} lines, {len(run.findings)} findings, {total:.1f} s"
    )
    tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in run.findings:
        verdict = judged.get(key(row), {}).get("verdict") or "unjudged"
        tally[(str(row["code"]), str(row["severity"]))][str(verdict)] += 1
    print(
        f"\n{'rule':<6} {'severity':<12} {'n':>4} {'true':>5} {'false':>5} {'debat.':>6}"
        f" {'unjudged':>8} {'precision':>9}"
    )
    for (code, severity), counts in sorted(tally.items()):
        judged_n = sum(counts[v] for v in VERDICTS)
        precision = f"{100 * counts['true'] / judged_n:.0f} %" if judged_n else "-"
        print(
            f"{code:<6} {severity:<12} {sum(counts.values()):>4} {counts['true']:>5}"
            f" {counts['false']:>5} {counts['debatable']:>6} {counts['unjudged']:>8} {precision:>9}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="only changes since the snapshot")
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot")
    parser.add_argument("--list", action="store_true", help="print every finding")
    parser.add_argument("--unjudged", action="store_true", help="with --list: unjudged only")
    parser.add_argument("--context", type=int, default=0, help="with --list: lines around")
    parser.add_argument("--project", action="append", default=[], help="only this project")
    parser.add_argument("--group", choices=("all", "ecosystem", "reference"), default="all")
    parser.add_argument("--extend-select", default="", help="opt-in rules to add (not judged)")
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument(
        "--fetch", action="store_true", help="only download and unpack the corpus (CI, tests)"
    )
    args = parser.parse_args()
    projects = [
        p
        for p in load_projects()
        if (not args.project or p.name in args.project) and args.group in ("all", p.group)
    ]
    skipped = [p for p in projects if not p.available]
    projects = [p for p in projects if p.available]
    extend = tuple(c.strip().upper() for c in args.extend_select.split(",") if c.strip())
    if extend and (args.diff or args.update):
        parser.error("--extend-select measures opt-in rules; the snapshot is the default set")
    if (args.project or args.group != "all" or skipped) and args.update:
        parser.error("--update rewrites the whole snapshot: run it on every corpus")
    download(projects, args.cache)
    if args.fetch:
        for project in projects:
            unpacked(project, args.cache)
        print(f"{len(projects)} projects unpacked in {args.cache}")
        return 0
    run = check(projects, args.cache, Config(extend_select=extend))
    names = {p.name for p in projects}
    judged = {k: v for k, v in load_judged(args.judged).items() if k[0] in names}
    print(f"command: python {' '.join(sys.argv)}")
    print(f"date: {datetime.date.today()}  python {platform.python_version()}")
    for project in skipped:
        print(f"skipped: {project.name} {project.version}, this is {platform.python_version()}")
    if args.diff:
        changes = diff(run, judged)
        print("\n".join(changes) if changes else "no change")
    elif args.list:
        by_name = {p.name: p for p in projects}
        for row in run.findings:
            pending = row["severity"] != "hint" and not judged.get(key(row), {}).get("verdict")
            if not args.unjudged or pending:
                show(row, args.cache, by_name, args.context)
    else:
        report(run, projects, judged)
    if args.update:
        changes = diff(run, judged)
        write_judged(args.judged, run, judged)
        print(f"{args.judged}: {len(run.findings)} findings, {len(changes)} changes")
        judged = load_judged(args.judged)
    unjudged = [
        row
        for row in run.findings
        if row["code"] not in extend
        and row["severity"] != "hint"
        and judged.get(key(row), {}).get("verdict") not in VERDICTS
    ]
    print(f"unjudged findings (above hint): {len(unjudged)}  rule failures: {len(run.failures)}")
    for failure in run.failures:
        print(f"  FAILED {failure}")
    return 1 if unjudged or run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
