"""Fixture files for rules with many edge cases (STYLE.md #13).

``tests/fixtures/rules/PG101_defaults.py`` holds real-looking code whose lines carry
``# error: PG101`` where the rule must report and ``# ok`` where a near miss must
stay silent.  The test checks the comments against the findings, then compares the
findings and the source after every fix (unsafe ones included) with the golden file
``PG101_defaults.expected``.  Refresh golden files with ``pytest --update-golden``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import fix_all
from pygloss.engine.lint import lint
from pygloss.syntax.source import Source
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rules"
_CODES = re.compile(r"PG\d{3}")
_ERROR = re.compile(r"#\s*error:\s*(?P<codes>PG\d{3}(?:\s*,\s*PG\d{3})*)")


def _codes_of(path: Path) -> tuple[str, ...]:
    head = path.stem.split("_")
    return tuple(part for part in head if _CODES.fullmatch(part))


def _marked(text: str) -> set[tuple[int, str]]:
    marked = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = _ERROR.search(line)
        if match:
            marked.update((number, code) for code in _CODES.findall(match.group("codes")))
    return marked


def render(path: Path) -> str:
    """The findings of the fixture's rules, then its source after all their fixes."""
    text = path.read_text(encoding="utf-8")
    config = Config(select=_codes_of(path))
    source = Source(text, path.name)
    rows = []
    for finding in lint(source, config, path.name).findings:
        line, column = source.position(finding.start)
        rows.append(f"{line + 1}:{column + 1}: {finding.code} {finding.message}")
    fixed = fix_all(text, config, path.name, unsafe=True)
    return (
        f"# findings ({', '.join(config.select or ())}), line:column 1-based\n"
        + "\n".join(rows)
        + f"\n# after all fixes ({fixed.applied} applied, {len(fixed.remaining)} left)\n"
        + fixed.text
    )


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("PG*.py")), ids=lambda p: p.stem)
def test_error_comments_match_the_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    source = Source(text, path.name)
    found = {
        (source.line_of(f.start) + 1, f.code)
        for f in lint(source, Config(select=_codes_of(path)), path.name).findings
    }
    assert found == _marked(text)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("PG*.py")), ids=lambda p: p.stem)
def test_golden_output(path: Path, request: pytest.FixtureRequest) -> None:
    golden = path.with_suffix(".expected")
    actual = render(path)
    if request.config.getoption("--update-golden"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file: run pytest {__file__} --update-golden"
    assert actual == golden.read_text(encoding="utf-8")
