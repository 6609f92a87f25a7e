"""The per-file work of ``pygloss check``: read, lint, optionally fix, report as data.

:func:`check_file` runs in worker processes, so its input (:class:`FileJob`) and
output (:class:`FileReport`) are plain picklable data, and it never raises: an
unreadable file or a failing rule becomes a note.  Positions in the reports are
1-based lines and 1-based columns counted in code points (``end_column`` is
exclusive), like ruff's JSON output.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pygloss.cli.check_report import (
    NOT_SOURCE,
    NOTEBOOK_SUFFIX,
    SYNTAX_ERROR,
    TOO_LARGE,
    FileJob,
    FileReport,
)
from pygloss.engine.fixes import fix, fix_all
from pygloss.engine.lint import lint
from pygloss.files import Unreadable, read_source_file
from pygloss.rules import get_rule
from pygloss.rules.base import Finding, FixSafety, RuleContext
from pygloss.syntax.source import Source

log = logging.getLogger("pygloss.check")


def _position(source: Source, offset: int) -> tuple[int, int]:
    line, column = source.position(offset)
    return line + 1, column + 1


def edit_json(source: Source, start: int, end: int, content: str) -> dict[str, Any]:
    (line, column), (end_line, end_column) = _position(source, start), _position(source, end)
    return {
        "location": {"line": line, "column": column},
        "end_location": {"line": end_line, "column": end_column},
        "content": content,
    }


def described(finding: Finding) -> dict[str, Any]:
    """What a finding's JSON says besides where it is (its fix still ``None``)."""
    rule = get_rule(finding.code)
    return {
        "code": finding.code,
        "name": rule.name if rule else "",
        "severity": str(finding.severity),
        "message": finding.message,
        "topic": rule.topic if rule else None,
        "fix": None,
    }


def syntax_error_json(path: str, place: dict[str, int], message: str) -> dict[str, Any]:
    """A syntax error as a PG000 finding at *place* (``line``, ``column``; a notebook's
    ``cell`` too)."""
    return {
        "path": path,
        **place,
        "end_line": place["line"],
        "end_column": place["column"],
        "code": SYNTAX_ERROR,
        "name": "syntax-error",
        "severity": "error",
        "message": f"syntax error: {message}",
        "topic": None,
        "fix": None,
    }


def finding_json(
    source: Source, path: str, finding: Finding, ctx: RuleContext | None = None
) -> dict[str, Any]:
    """One finding as JSON-ready data, with its fix (computed now) when there is one."""
    rule = get_rule(finding.code)
    (line, column), (end_line, end_column) = (
        _position(source, finding.start),
        _position(source, finding.end),
    )
    report: dict[str, Any] = {
        "path": path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        **described(finding),
    }
    if rule is not None and rule.fix_safety is not None:
        found = fix(source, finding, path, ctx)
        if found is not None:
            report["fix"] = {
                "title": found.title,
                "safety": str(found.safety),
                "edits": [edit_json(source, e.start, e.end, e.new_text) for e in found.edits],
            }
    if finding.related:
        report["related"] = [
            dict(
                zip(("line", "column"), _position(source, r.start), strict=True), message=r.message
            )
            for r in finding.related
        ]
    return report


def _frame_lines(source: Source, reports: list[dict[str, Any]]) -> dict[int, str]:
    lines: dict[int, str] = {}
    for report in reports:
        lines[report["line"]] = source.line_text(report["line"] - 1)
    return lines


def check_file(job: FileJob) -> FileReport:
    """Lint (and fix) one file; never raises."""
    report = FileReport(job.path)
    try:
        _check(job, report)
    except Exception as exc:  # a bug in pygloss must not stop the other files
        log.exception("checking %s failed", job.path)
        report.notes.append(f"{job.path}: internal error: {type(exc).__name__}: {exc}")
        report.failed = True
    return report


def skip_reason(unreadable: Unreadable) -> str | None:
    """How the summary counts a file that was not read (None: an error, not a skip)."""
    if unreadable.error:
        return None
    return TOO_LARGE if unreadable.too_large else NOT_SOURCE


def _check(job: FileJob, report: FileReport) -> None:
    if job.path.endswith(NOTEBOOK_SUFFIX):
        from pygloss.cli.check_notebook import check_notebook

        check_notebook(job, report)
        return
    if job.text is None:
        found = read_source_file(Path(job.path), job.config.max_file_size)
        if isinstance(found, Unreadable):
            report.notes.append(f"{job.path}: {found.reason}")
            report.failed = found.error
            report.skipped = skip_reason(found)
            return
        text, report.encoding, report.stamp = found.text, found.encoding, found.stamp
    else:
        text = job.text
    if len(text) > job.config.max_file_size:
        size = job.config.max_file_size
        report.notes.append(f"{job.path}: larger than max-file-size ({size}); skipped")
        report.skipped = TOO_LARGE
        return
    if job.fix != "none":
        fixed = fix_all(text, job.config, job.path, unsafe=job.fix == "unsafe")
        report.applied = fixed.applied
        if fixed.text != text:
            report.original, report.fixed = text, fixed.text
            text = fixed.text
    source = Source(text, job.path)
    result = lint(source, job.config, job.path)
    for failure in result.failures:
        report.notes.append(f"{job.path}: rule {failure.code} failed: {failure.error}")
        report.rule_failures.append(failure.code)
    for issue in result.syntax_errors:
        line, column = _position(source, source.offset_at(issue.line, issue.column))
        place = {"line": line, "column": column}
        report.findings.append(syntax_error_json(job.path, place, issue.message))
    for finding in result.findings:
        data = finding_json(source, job.path, finding, result.context)
        if data["fix"] and data["fix"]["safety"] == FixSafety.UNSAFE and not job.unsafe_fixes:
            data["fix"]["hidden"] = True  # an unsafe fix: offered only with --unsafe-fixes
        report.findings.append(data)
    report.findings.sort(key=lambda r: (r["line"], r["column"], r["code"]))
    report.lines = _frame_lines(source, report.findings)
