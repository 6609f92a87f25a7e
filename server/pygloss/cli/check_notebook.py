"""``pygloss check`` on a Jupyter notebook (``.ipynb``): read, lint, fix, report.

The notebook's code cells are checked as one module (:mod:`pygloss.engine.notebook`).
Each finding carries ``cell`` (1-based, counting every cell of the file, as Ruff
does) and its ``line``/``column`` inside that cell; related places and fix edits
carry theirs.  ``--fix`` rewrites only the ``source`` of the cells it changed and
keeps every other byte of the file (:func:`~pygloss.engine.notebook.ipynb.rewrite_ipynb`
checks that the new file reads back as the old one with just those sources
changed; if not, the file is left alone and a note says so).

``max-file-size`` applies to the notebook's code, not to its outputs: a notebook
whose embedded images make it large is still checked when its code is not.  Files
above :data:`MAX_NOTEBOOK_BYTES` are not read at all (the bounded reader,
:func:`pygloss.files.read_bytes`); a fix is written only over the bytes that were read
(:func:`pygloss.files.write_if_unchanged`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pygloss.cli.check_files import described, edit_json, skip_reason, syntax_error_json
from pygloss.cli.check_report import (
    MAX_NOTEBOOK_BYTES,
    NOT_SOURCE,
    TOO_LARGE,
    FileJob,
    FileReport,
)
from pygloss.engine.fixes import fix
from pygloss.engine.lint import lint
from pygloss.engine.notebook.analysis import fix_all_cells
from pygloss.engine.notebook.ipynb import IpynbFile, NotebookError, read_ipynb, rewrite_ipynb
from pygloss.engine.notebook.model import Notebook
from pygloss.files import Stamp, Unreadable, read_bytes
from pygloss.rules import get_rule
from pygloss.rules.base import Edit, Finding, FixSafety, RuleContext

BOM = "\ufeff"


def read_notebook(
    path: Path, text: str | None = None
) -> tuple[IpynbFile, bool, Stamp | None] | Unreadable:
    """The notebook at *path* (or in *text*), whether it starts with a byte-order
    mark, and the stamp of what was read; or why it cannot be read."""
    stamp = None
    if text is None:
        try:
            before = os.stat(path).st_mtime_ns
        except OSError:
            before = 0  # read_bytes says why
        data = read_bytes(path, MAX_NOTEBOOK_BYTES)
        if isinstance(data, Unreadable):
            return data
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return Unreadable(path, "not valid UTF-8 (a notebook is UTF-8 JSON); skipped")
        stamp = Stamp.of(data, before)
    bom = text.startswith(BOM)
    try:
        return read_ipynb(text[1:] if bom else text), bom, stamp
    except NotebookError as exc:
        return Unreadable(path, f"{exc}; skipped")


def check_notebook(job: FileJob, report: FileReport) -> None:
    read = read_notebook(Path(job.path), job.text)
    if isinstance(read, Unreadable):
        report.notes.append(f"{job.path}: {read.reason}")
        report.failed = read.error
        report.skipped = skip_reason(read)
        return
    ipynb, bom, report.stamp = read
    report.notes.extend(f"{job.path}: {note}" for note in ipynb.notes)
    if ipynb.skip is not None:
        report.notes.append(f"{job.path}: {ipynb.skip}")
        report.skipped = NOT_SOURCE
        return
    notebook = Notebook(ipynb.cells, job.path)
    if len(notebook.text) > job.config.max_file_size:
        size = job.config.max_file_size
        report.notes.append(f"{job.path}: code larger than max-file-size ({size}); skipped")
        report.skipped = TOO_LARGE
        return
    if job.fix != "none":
        fixed = fix_all_cells(ipynb.cells, job.config, job.path, unsafe=job.fix == "unsafe")
        if fixed.texts:
            try:
                new_raw = rewrite_ipynb(ipynb, fixed.texts)
            except NotebookError as exc:
                report.notes.append(f"{job.path}: fixes not applied: {exc}")
            else:
                report.applied = fixed.applied
                report.original = BOM + ipynb.raw if bom else ipynb.raw
                report.fixed = BOM + new_raw if bom else new_raw
                report.cell_diffs = [
                    (i + 1, ipynb.cells[i].text, t) for i, t in sorted(fixed.texts.items())
                ]
                notebook = fixed.notebook
    _report(job, report, notebook)


def _report(job: FileJob, report: FileReport, notebook: Notebook) -> None:
    result = lint(notebook.source, job.config, job.path)
    for failure in result.failures:
        report.notes.append(f"{job.path}: rule {failure.code} failed: {failure.error}")
    for issue in result.syntax_errors:
        where = _place(notebook, notebook.source.offset_at(issue.line, issue.column))
        if where is not None:
            report.findings.append(syntax_error_json(job.path, where, issue.message))
    for finding in notebook.keep(result.findings):
        data = _finding_json(notebook, job.path, finding, result.context)
        if data["fix"] and data["fix"]["safety"] == FixSafety.UNSAFE and not job.unsafe_fixes:
            data["fix"]["hidden"] = True
        report.findings.append(data)
    report.findings.sort(key=lambda r: (r["cell"], r["line"], r["column"], r["code"]))
    for data in report.findings:
        source = notebook.cell_source(data["cell"] - 1)
        report.lines[(data["cell"], data["line"])] = source.line_text(data["line"] - 1)


def _place(notebook: Notebook, offset: int) -> dict[str, int] | None:
    """``{"cell", "line", "column"}`` (1-based, code points) of a module offset."""
    where = notebook.to_cell(offset)
    if where is None:
        return None
    index, cell_offset = where
    line, column = notebook.cell_source(index).position(cell_offset)
    return {"cell": index + 1, "line": line + 1, "column": column + 1}


def _finding_json(
    notebook: Notebook, path: str, finding: Finding, ctx: RuleContext | None
) -> dict[str, Any]:
    where = notebook.in_cell(finding.start, finding.end)
    assert where is not None  # notebook.keep() kept only findings inside one cell
    index, start, end = where
    source = notebook.cell_source(index)
    (line, column), (end_line, end_column) = source.position(start), source.position(end)
    rule = get_rule(finding.code)
    report: dict[str, Any] = {
        "path": path,
        "cell": index + 1,
        "line": line + 1,
        "column": column + 1,
        "end_line": end_line + 1,
        "end_column": end_column + 1,
        **described(finding),
    }
    if rule is not None and rule.fix_safety is not None:
        found = fix(notebook.source, finding, path, ctx)
        by_cell = notebook.cell_edits(found.edits) if found is not None else None
        if found is not None and by_cell is not None:
            edits: list[dict[str, Any]] = []
            for cell, cell_edits in sorted(by_cell.items()):
                edits.extend(_edit_json(notebook, cell, edit) for edit in cell_edits)
            report["fix"] = {"title": found.title, "safety": str(found.safety), "edits": edits}
    related = [(r, _place(notebook, r.start)) for r in finding.related]
    if related:
        report["related"] = [{**at, "message": r.message} for r, at in related if at]
    return report


def _edit_json(notebook: Notebook, cell: int, edit: Edit) -> dict[str, Any]:
    source = notebook.cell_source(cell)
    return {"cell": cell + 1, **edit_json(source, edit.start, edit.end, edit.new_text)}
