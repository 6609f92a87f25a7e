"""``pygloss check PATH...``: report (and fix) pitfalls in files and directories.

Files are checked in parallel, one process per core (``--jobs``); each file gets
the configuration of its nearest ``pyproject.toml`` with the command line's
``--select`` / ``--ignore`` / ``--extend-select`` on top.  ``-`` checks standard
input (see :mod:`pygloss.cli.check_input`); with ``--fix`` the fixed source goes to
standard output and the report to standard error.  Exit status: 0 when nothing is
reported, 1 when a finding of the ``--fail-on`` severity or above is (information by
default: hints are shown but do not fail; with ``--diff``: when a fix would change a
file), 2 on a usage error and when something could not be checked (a file or folder that
cannot be read, a ``pyproject.toml`` that cannot be parsed, a rule that raised on a
file, which is then checked by the other rules, a fix that could not be written); 2 wins
over 1.  A file skipped by policy (binary, not decodable, over
``max-file-size``, not a regular file) is a note and does not change the status.

With ``--fix``, a file is rewritten only if it is unchanged since it was read
(:func:`pygloss.files.write_if_unchanged`: atomic, mode and owner kept); a file
edited meanwhile keeps the edit and gets a note.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gc
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pygloss.cli.common import COULD_NOT_CHECK, SEVERITIES, UsageError, codes

if TYPE_CHECKING:
    from pygloss.cli.check_input import StdinSource

FORMATS = ("text", "json", "github", "sarif")


def add_parser(sub: Any) -> None:
    check = sub.add_parser("check", help="report pitfalls in files and directories")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories; '-' for standard input"
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the path of the source read from standard input (for messages and configuration)",
    )
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--select", help="comma-separated codes or prefixes to enable")
    check.add_argument("--ignore", help="comma-separated codes or prefixes to disable")
    check.add_argument("--extend-select", help="codes or prefixes to enable in addition")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="also offer and apply unsafe fixes"
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a diff; change no file"
    )
    check.add_argument("--statistics", action="store_true", help="print counts per rule")
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="information",
        metavar="SEVERITY",
        help="exit 1 only for findings of this severity or above: error, warning, "
        "information (the default: hints are shown but do not fail) or hint",
    )
    check.add_argument(
        "--jobs", type=int, default=0, help="worker processes (default: one per core)"
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude to files named on the command line too (for pre-commit)",
    )
    check.add_argument(
        "--no-cache", action="store_true", help="check every file; neither read nor write the cache"
    )
    check.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="the result cache's folder (default: .pygloss_cache beside the pyproject.toml)",
    )
    check.add_argument(
        "--verbose", action="store_true", help="also say how many files the cache answered"
    )
    check.set_defaults(run=run)


def _validate(selectors: tuple[str, ...] | None, option: str) -> None:
    if not selectors:
        return
    from pygloss.rules import REGISTRY

    for selector in selectors:
        if selector != "ALL" and not any(code.startswith(selector) for code in REGISTRY):
            raise UsageError(f"{option}: no rule matches {selector!r}")


def validate_selectors(args: argparse.Namespace) -> None:
    """Raise :class:`UsageError` for a ``--select``/``--ignore``/``--extend-select``
    that names no rule (before any input is read)."""
    _validate(codes(args.select), "--select")
    _validate(codes(args.ignore), "--ignore")
    _validate(codes(getattr(args, "extend_select", None)), "--extend-select")


def collect_jobs(
    paths: Sequence[Path],
    args: argparse.Namespace,
    stdin: StdinSource | None = None,
    errors: list[str] | None = None,
) -> tuple[list[Any], list[str]]:
    """A :class:`FileJob` per file to check (or the one for *stdin*, when given), and
    notes (configuration warnings, unreadable special files); what could not be
    checked (a folder, a ``pyproject.toml``) is also added to *errors*."""
    from pygloss.cli.check_input import read_special
    from pygloss.cli.check_report import FileJob
    from pygloss.engine.config import Config, ConfigError, find_pyproject, load_pyproject
    from pygloss.files import Unreadable, iter_python_files

    failed = errors if errors is not None else []

    select, ignore = codes(args.select), codes(args.ignore)
    extend = codes(getattr(args, "extend_select", None))
    validate_selectors(args)
    if stdin is None:
        for root in paths:
            if not root.exists():
                raise UsageError(f"{root}: no such file or directory")
    configs: dict[Path | None, Config] = {}
    notes: list[str] = []
    fix_mode = "none"
    if args.fix or args.diff:
        fix_mode = "unsafe" if args.unsafe_fixes else "safe"

    nearest: dict[Path, Path | None] = {}  # folder -> its pyproject.toml, asked once

    def config_for(path: Path, folder: Path | None = None) -> Config:
        # absolute: a relative path's parents stop at the working directory
        if folder is None:
            pyproject = find_pyproject(path.absolute())
        else:  # the folder of a file found by the walk: one look per folder
            folder = folder.absolute()
            if folder not in nearest:
                nearest[folder] = find_pyproject(folder)
            pyproject = nearest[folder]
        config = configs.get(pyproject)
        if config is None:
            config, warnings = load_pyproject(pyproject) if pyproject else (Config(), [])
            notes.extend(w for w in warnings if w not in notes)
            failed.extend(str(w) for w in warnings if isinstance(w, ConfigError))
            if select is not None:  # like ruff: a later layer's select starts afresh
                config = replace(config, select=select, ignore=(), extend_select=())
            if ignore is not None:
                config = replace(config, ignore=config.ignore + ignore)
            if extend is not None:
                config = replace(config, extend_select=config.extend_select + extend)
            configs[pyproject] = config
        return config

    jobs = []
    if stdin is not None:
        config = config_for(Path(stdin.name) if stdin.named else Path.cwd() / "pyproject.toml")
        # like an editor's buffer (and ruff's --force-exclude): an excluded name is not linted
        if not (stdin.named and config.is_excluded(stdin.name)):
            jobs.append(FileJob(stdin.name, config, fix_mode, args.unsafe_fixes, stdin.text))
        return jobs, notes
    for root in paths:
        if not root.is_dir() and not root.is_file():  # /dev/stdin, a FIFO: read it here
            config = config_for(root)
            text = read_special(root, config.max_file_size)
            if isinstance(text, Unreadable):
                notes.append(f"{root}: {text.reason}")
                continue
            mode = fix_mode
            if args.fix and not args.diff:  # nothing to write to: report the source as it is
                notes.append(f"{root}: not a regular file; fixes not written (use '-' instead)")
                mode = "none"
            jobs.append(FileJob(str(root), config, mode, args.unsafe_fixes, text))
            continue
        problems: list[Unreadable] = []
        for path in iter_python_files(root, problems):
            config = config_for(path, path.parent)
            named = path == root and not getattr(args, "force_exclude", False)
            if not named and config.is_excluded(str(path)):
                continue
            jobs.append(FileJob(str(path), config, fix_mode, args.unsafe_fixes))
        for problem in problems:
            notes.append(f"{problem.path}: {problem.reason}")
            failed.append(str(problem.path))
    return jobs, notes


def run_jobs(jobs: Sequence[Any], workers: int) -> Iterator[Any]:
    """Check every job, in parallel when it pays off; reports come back in job order."""
    if not jobs:  # all answered by the cache: the engine is not even imported
        return
    from pygloss.cli.check_files import check_file

    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(jobs) < 4:
        threshold = gc.get_threshold()  # in-process: tune, then restore the caller's
        gc.set_threshold(*_GC_THRESHOLD)
        try:
            yield from map(check_file, jobs)
        finally:
            gc.set_threshold(*threshold)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from pygloss.engine.lint import load_rules

    load_rules()  # here, once: forked workers share the imported rule modules
    gc.freeze()  # and their objects stay untouched by the workers' collections (no copies)
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    done = 0
    try:
        with (
            _safe_path(),
            ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool,
        ):
            for report in pool.map(check_file, jobs, chunksize=chunk):
                done += 1
                yield report
    except BrokenProcessPool:  # a worker died (killed, out of memory): check the rest here
        yield from run_jobs(jobs[done:], 1)
    finally:
        gc.unfreeze()  # the caller's objects are collectable again


@contextlib.contextmanager
def _safe_path() -> Iterator[None]:
    """``PYTHONSAFEPATH=1`` while worker processes start: where they are spawned
    (macOS, Windows) each runs ``python -c ...``, which puts the working directory
    (the project being checked) first on ``sys.path``, so a ``multiprocessing.py``
    there would run.  Restored afterwards (the caller's environment is its own)."""
    previous = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = previous


def _keep_freed_memory() -> None:
    """Have glibc's malloc keep what one file's tree frees for the next file's, rather
    than hand it back to the system and fault it in again (in a worker, which lives
    for one run: the caller's process keeps glibc's own settings).  Measured on the
    stdlib: half the page faults, 0.1 s less CPU.  Nothing is done where the C
    library is not glibc."""
    if not sys.platform.startswith("linux"):
        return
    try:
        if not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
            return
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (ValueError, OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)  # blocks under 32 MB come from the heap
    mallopt(_M_TRIM_THRESHOLD, 512 << 20)  # whose free top is kept up to 512 MB


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's <malloc.h>
_GC_THRESHOLD = (50_000, 50, 100)


def _start_worker() -> None:
    """A worker's own settings: fewer cyclic collections (a parse allocates ~100k
    nodes, none of them in cycles that outlive the file, and the default threshold,
    700, re-scans the heap often), and freed memory kept for the next file."""
    gc.set_threshold(*_GC_THRESHOLD)
    _keep_freed_memory()


def _diff(report: Any) -> str:
    if report.cell_diffs:  # a notebook: the changed cells' sources, not its JSON
        return "".join(
            line
            for number, old, new in report.cell_diffs
            for line in difflib.unified_diff(
                _with_newline(old.splitlines(keepends=True)),
                _with_newline(new.splitlines(keepends=True)),
                fromfile=f"a/{report.path}:cell {number}",
                tofile=f"b/{report.path}:cell {number}",
            )
        )
    return "".join(
        difflib.unified_diff(
            report.original.splitlines(keepends=True),
            report.fixed.splitlines(keepends=True),
            fromfile=f"a/{report.path}",
            tofile=f"b/{report.path}",
        )
    )


def _with_newline(lines: list[str]) -> list[str]:
    """A last line without a line break gets one (and the marker diff(1) prints), so
    the next file's header starts on a line of its own."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def run(args: argparse.Namespace) -> int:
    from pygloss.cli import check_output
    from pygloss.cli.check_input import read_stdin, stdin_name, write_source

    validate_selectors(args)  # a usage error must not wait for standard input
    name = stdin_name(args)
    stdin = read_stdin(name) if name is not None else None
    errors: list[str] = []
    jobs, notes = collect_jobs([Path(p) for p in args.paths], args, stdin, errors)
    reports = _reports(jobs, args, stdin is not None)
    findings = [finding for report in reports for finding in report.findings]
    skipped = Counter(r.skipped for r in reports if r.skipped)
    errors.extend(r.path for r in reports if r.failed)
    partial = [r.path for r in reports if r.rule_failures and not r.failed]
    errors.extend(partial)  # a rule raised there: not everything was checked
    if args.diff:
        _print_notes(notes, reports)
        diffs = [_diff(r) for r in reports if r.fixed is not None]
        sys.stdout.write("".join(diffs))
        applied = sum(r.applied for r in reports if r.fixed is not None)
        print(f"Would fix {applied} problem{'s' if applied != 1 else ''}.", file=sys.stderr)
        return COULD_NOT_CHECK if errors else 1 if diffs else 0
    applied = 0
    out = sys.stdout
    if args.fix and stdin is not None:  # like ruff: the source out, the report to stderr
        fixed = reports[0].fixed if reports else None
        write_source(stdin, stdin.text if fixed is None else fixed)
        applied = reports[0].applied if fixed is not None else 0
        out = sys.stderr
    elif args.fix:
        applied = _write_fixes(reports, errors)
    _print_notes(notes, reports)
    if args.statistics:
        if findings:
            print(check_output.statistics_output(findings), file=out)
    elif args.format == "json":
        print(check_output.json_output(findings), file=out)
    elif args.format == "github":
        if findings:
            print(check_output.github_output(findings), file=out)
    elif args.format == "sarif":
        print(check_output.sarif_output(findings, _topic_uri), file=out)
    else:
        lines = {r.path: r.lines for r in reports}
        if findings:
            print(check_output.text_output(findings, lines, _why(findings)), file=out)
        summary = check_output.summary(findings, applied, args.fail_on, skipped, len(partial))
        print(summary, file=out)
    if errors:
        print(
            f"pygloss: {len(errors)} path{'s' if len(errors) != 1 else ''} could not be "
            "checked or fixed (see the notes above)",
            file=sys.stderr,
        )
        return COULD_NOT_CHECK
    return 1 if any(failing(f, args.fail_on) for f in findings) else 0


def _reports(jobs: Sequence[Any], args: argparse.Namespace, reading_stdin: bool) -> list[Any]:
    """Every job's report, from the result cache where it can answer."""
    from pygloss.cli.check_cache import cached_reports, open_cache

    cache = open_cache(args, reading_stdin)
    if cache is None:
        reports = list(run_jobs(jobs, args.jobs))
    else:
        reports = list(cached_reports(jobs, cache, run_jobs, args.jobs))
    if args.verbose:
        where = f"from the cache in {cache.root}" if cache else "from the cache (not used)"
        hits = cache.hits if cache else 0
        # a skipped file is looked at again on every run (its note is printed again),
        # but not checked: said apart, so "1 checked" means one file changed
        skipped = sum(1 for report in reports if report.skipped)
        apart = f", {skipped} skipped" if skipped else ""
        checked = len(jobs) - hits - skipped
        print(
            f"pygloss: {len(jobs)} files: {checked} checked{apart}, {hits} {where}",
            file=sys.stderr,
        )
    return reports


def failing(finding: dict[str, Any], fail_on: str) -> bool:
    """Whether *finding* is at least as severe as *fail_on* (it then fails the check)."""
    return SEVERITIES.index(finding["severity"]) <= SEVERITIES.index(fail_on)


def _print_notes(notes: list[str], reports: Sequence[Any]) -> None:
    for note in [*notes, *(n for r in reports for n in r.notes)]:
        print(f"pygloss: note: {note}", file=sys.stderr)


def _write_fixes(reports: Sequence[Any], errors: list[str]) -> int:
    """Write each fixed file back (only over what was read); the fixes applied.
    A file that could not be written gets a note and counts as not fixed."""
    from pygloss.files import write_if_unchanged

    applied = 0
    for report in reports:
        if report.fixed is None or report.stamp is None:
            continue
        why = write_if_unchanged(Path(report.path), report.fixed, report.encoding, report.stamp)
        if why is None:
            applied += report.applied
        else:
            report.notes.append(f"{report.path}: {why}")
            errors.append(report.path)
    return applied


def _why(findings: Sequence[dict[str, Any]]) -> Callable[[str], str]:
    """One line on why a rule's pattern is a problem: its topic's summary (only the
    topics of the rules reported are read, by the ids the findings name)."""
    from pygloss.engine.knowledge import rule_topic_alone

    topics = {f["code"]: f.get("topic") for f in findings}

    def why(code: str) -> str:
        topic = rule_topic_alone(code, topics.get(code))
        return topic.summary if topic else ""

    return why


def _topic_uri(code: str) -> str | None:
    from pygloss.engine.knowledge import rule_topic_alone

    topic = rule_topic_alone(code)
    return topic.uri if topic else None
