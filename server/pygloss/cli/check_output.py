"""Output formats of ``pygloss check``: text (with a code frame), json, github, sarif,
and ``--statistics``.

Every writer takes the findings as the JSON-ready dicts of
:mod:`pygloss.cli.check_files` (1-based lines and code-point columns) and returns
the text to print.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pygloss import __version__
from pygloss.cli.common import SEVERITIES

Report = dict[str, Any]
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "information": "notice", "hint": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "information": "note", "hint": "note"}
_TAB = 4


def _expand(line: str, column: int) -> tuple[str, int]:
    """*line* with tabs expanded, and where 0-based *column* lands in it."""
    before = line[:column].expandtabs(_TAB)
    return line.expandtabs(_TAB), len(before)


def code_frame(report: Report, text: str) -> list[str]:
    """The source line with a caret under the finding (to its line's end if longer)."""
    number = report["line"]
    shown, start = _expand(text, report["column"] - 1)
    if report["end_line"] == number:
        end = len(text[: report["end_column"] - 1].expandtabs(_TAB))
    else:
        end = len(shown.rstrip())
    width = max(1, end - start)
    gutter = " " * len(str(number))
    return [
        f"{gutter} |",
        f"{number} | {shown.rstrip()}",
        f"{gutter} | {' ' * start}{'^' * width}",
    ]


def _fix_line(report: Report) -> str | None:
    found = report.get("fix")
    if not found:
        return None
    if found.get("hidden"):
        return f"= fix (unsafe, with --unsafe-fixes): {found['title']}"
    return f"= fix ({found['safety']}): {found['title']}"


def location(path: str, place: Report) -> str:
    """``path:line:column``; in a notebook ``path:cell 3:line:column`` (as Ruff writes it)."""
    cell = f"cell {place['cell']}:" if place.get("cell") else ""
    return f"{path}:{cell}{place['line']}:{place['column']}"


def text_output(
    reports: Sequence[Report], lines: dict[str, dict[Any, str]], why: Callable[[str], str]
) -> str:
    out: list[str] = []
    for report in reports:
        out.append(
            f"{location(report['path'], report)}: "
            f"{report['severity']}: {report['code']} {report['message']}"
        )
        key = (report["cell"], report["line"]) if report.get("cell") else report["line"]
        text = lines.get(report["path"], {}).get(key)
        if text is not None:
            out.extend(f"  {row}" for row in code_frame(report, text))
        for related in report.get("related", ()):
            out.append(f"  = note: {location(report['path'], related)}: {related['message']}")
        reason = why(report["code"]) if report["code"] != "PG000" else ""
        if reason:
            out.append(f"  = why: {reason}")
        fix_line = _fix_line(report)
        if fix_line:
            out.append(f"  {fix_line}")
        out.append("")
    return "\n".join(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 and word != 'information' else ''}"


def summary(
    reports: Sequence[Report],
    applied: int = 0,
    fail_on: str = "information",
    skipped: Mapping[str, int] | None = None,
    partial: int = 0,
) -> str:
    """The last line(s) of the text output: what was fixed, what was found by
    severity, what ``--fix`` could do, which findings do not fail the check, and how
    many files were not checked and why, and how many were checked without a rule that
    raised on them (*partial*).  "All checks passed." only when every file was
    checked by every rule."""
    count = len(reports)
    fixed = f"Fixed {_plural(applied, 'problem')}. " if applied else ""
    not_checked = "".join(
        f"\n{_plural(number, 'file')} skipped: {why} (see the notes above)."
        for why, number in sorted((skipped or {}).items())
    )
    if partial:
        not_checked += (
            f"\n{_plural(partial, 'file')} checked without a rule that failed on it "
            "(see the notes above)."
        )
    if not count:
        if applied:
            return f"{fixed}No problems remain.{not_checked}"
        if not_checked:
            return f"No problems found in the files checked.{not_checked}"
        return "All checks passed."
    by_severity = Counter(r["severity"] for r in reports)
    levels = ", ".join(
        _plural(by_severity[level], level) for level in SEVERITIES if by_severity[level]
    )
    safe = sum(1 for r in reports if r.get("fix") and not r["fix"].get("hidden"))
    hidden = sum(1 for r in reports if r.get("fix") and r["fix"].get("hidden"))
    details = []
    if safe:
        details.append(f"{safe} fixable with --fix")
    if hidden:
        details.append(f"{hidden} more with --fix --unsafe-fixes")
    extra = f" ({', '.join(details)})" if details else ""
    line = f"{fixed}Found {_plural(count, 'problem')}: {levels}{extra}."
    below = [level for level in SEVERITIES[SEVERITIES.index(fail_on) + 1 :] if by_severity[level]]
    if below:
        names = " and ".join(
            "information" if level == "information" else f"{level}s" for level in below
        )
        line += f"\n{names.capitalize()} do not fail the check (--fail-on {fail_on})."
    return line + not_checked


def statistics_output(reports: Sequence[Report]) -> str:
    """Count per rule, most frequent first, like ``ruff check --statistics``."""
    counts = Counter(r["code"] for r in reports)
    names = {r["code"]: r.get("name", "") for r in reports}
    fixable = {r["code"] for r in reports if r.get("fix") and not r["fix"].get("hidden")}
    width = len(str(max(counts.values()))) if counts else 1
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if code in fixable else "[ ]"
        rows.append(f"{count:>{width}}  {code}  {mark} {names[code]}")
    return "\n".join(rows)


def json_output(reports: Sequence[Report]) -> str:
    cleaned = []
    for report in reports:
        item = dict(report)
        if item.get("fix"):
            item["fix"] = {k: v for k, v in item["fix"].items() if k != "hidden"}
        cleaned.append(item)
    return json.dumps(cleaned, indent=2)


def _escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_output(reports: Sequence[Report]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    rows = []
    for r in reports:
        level = _GITHUB_LEVEL.get(r["severity"], "warning")
        place: tuple[tuple[str, object], ...] = (
            ("line", r["line"]),
            ("col", r["column"]),
            ("endLine", r["end_line"]),
            ("endColumn", r["end_column"]),
        )
        text = f"{r['code']} {r['message']}"
        if r.get("cell"):  # the file's own lines are JSON: name the cell in the message
            place = ()
            text = f"cell {r['cell']}, line {r['line']}, column {r['column']}: {text}"
        props = ",".join(
            f"{key}={_escape(str(value), property_value=True)}"
            for key, value in (("title", f"pygloss ({r['code']})"), ("file", r["path"]), *place)
        )
        rows.append(f"::{level} {props}::{_escape(text)}")
    return "\n".join(rows)


def sarif_output(reports: Sequence[Report], topic_uri: Callable[[str], str | None]) -> str:
    """SARIF 2.1.0 with the rule registry as the tool's rules; columns in code points."""
    from pygloss.rules import all_rules

    rules = []
    for rule in all_rules():
        entry: dict[str, Any] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.message},
            "defaultConfiguration": {"level": _SARIF_LEVEL[str(rule.severity)]},
            "properties": {"fixSafety": str(rule.fix_safety) if rule.fix_safety else None},
        }
        uri = topic_uri(rule.code)
        if uri:
            entry["helpUri"] = uri
        rules.append(entry)
    results = [_sarif_result(r) for r in reports]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pygloss",
                        "version": __version__,
                        "informationUri": "https://github.com/pygloss/pygloss",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2)


def _sarif_result(r: Report) -> dict[str, Any]:
    """One SARIF result.  In a notebook the file's lines are JSON, so the region (cell
    line and column) is given in the result's properties with the cell, and the
    location names the cell as a logical location."""
    region = {
        "startLine": r["line"],
        "startColumn": r["column"],
        "endLine": r["end_line"],
        "endColumn": r["end_column"],
    }
    physical: dict[str, Any] = {"artifactLocation": {"uri": r["path"]}}
    result: dict[str, Any] = {
        "ruleId": r["code"],
        "level": _SARIF_LEVEL.get(r["severity"], "warning"),
        "message": {"text": r["message"]},
        "locations": [{"physicalLocation": physical}],
    }
    if r.get("cell"):
        result["locations"][0]["logicalLocations"] = [{"name": f"cell {r['cell']}"}]
        result["properties"] = {"cell": r["cell"], **region}
    else:
        physical["region"] = region
    return result
