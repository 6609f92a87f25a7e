"""Other linters' codes: ``# noqa: B006`` silences PG101 on its line, and hovering the
code says so.

Each pair of :data:`pygloss.rules.neighbours.NEIGHBOURS` is checked against Ruff
itself: among the pygloss rule's own INVALID examples, Ruff (``--preview``, only that
code selected) reports the code on a line where the pygloss rule reports too, and a
``# noqa`` naming it there silences the pygloss finding, while one naming an
unrelated code (E501) does not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pygloss.engine.api import Engine
from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.rules import get_rule
from pygloss.rules.neighbours import NEIGHBOURS, neighbour
from pygloss.syntax.source import Source

RUFF = shutil.which("ruff")
PAIRS = [(code, other.code) for code, others in NEIGHBOURS.items() for other in others]


def _finding_lines(code: str, text: str, path: str) -> set[int]:
    source = Source(text, path)
    findings = lint(source, Config(select=(code,))).findings
    return {source.line_of(f.start) + 1 for f in findings if f.code == code}


def _with_comment(text: str, line: int, comment: str) -> str:
    lines = text.splitlines(keepends=True)
    body = lines[line - 1].rstrip("\r\n")
    lines[line - 1] = f"{body}  {comment}\n"
    return "".join(lines)


@pytest.mark.skipif(RUFF is None, reason="ruff is a test dependency; not on PATH here")
@pytest.mark.parametrize(("code", "other"), PAIRS, ids=[f"{c}-{o}" for c, o in PAIRS])
def test_ruff_reports_the_code_where_pygloss_does_and_noqa_silences_both(
    tmp_path: Path, code: str, other: str
) -> None:
    rule = get_rule(code)
    assert rule is not None
    examples = {}
    for index, example in enumerate(rule.INVALID):
        folder = tmp_path / str(index)
        folder.mkdir()
        (folder / example.path).write_text(example.code, encoding="utf-8")
        examples[str(folder / example.path)] = example
    command = [RUFF, "check", "--isolated", "--preview", "--exit-zero", "--select", other]
    done = subprocess.run(
        [*command, "--output-format", "json", *examples],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shared = []
    for report in json.loads(done.stdout):
        example = examples[report["filename"]]
        line = report["location"]["row"]
        if report["code"] == other and line in _finding_lines(code, example.code, example.path):
            shared.append((example, line))
    assert shared, f"ruff's {other} reports none of the lines {code} reports in its examples"
    for example, line in shared:
        silenced = _with_comment(example.code, line, f"# noqa: {other}")
        assert line not in _finding_lines(code, silenced, example.path)
        unrelated = _with_comment(example.code, line, "# noqa: E501")
        assert line in _finding_lines(code, unrelated, example.path)


def test_the_table_names_real_rules_once() -> None:
    others = [other for _, other in PAIRS]
    assert len(others) == len(set(others))
    for code in NEIGHBOURS:
        assert get_rule(code) is not None, code
    assert neighbour("b006") is not None and neighbour("E501") is None


def test_noqa_lists_mix_codes() -> None:
    text = "def collect(out=[], seen=None):  # noqa: E501, B006\n    return out is 0\n"
    found = lint(Source(text)).findings
    assert [f.code for f in found] == ["PG102"]


def test_hover_on_a_neighbour_code_names_the_rule_it_silences() -> None:
    engine = Engine()
    text = "def collect(out=[]):  # noqa: B006\n    return out\n"
    explanation = engine.explain(Source(text), text.index("B006") + 2)
    assert explanation is not None
    assert (explanation.start, explanation.end) == (text.index("B006"), text.index("B006") + 4)
    assert explanation.markdown.startswith(
        "`B006` is `mutable-argument-default` from flake8-bugbear (also in Ruff). pygloss "
        "reports the same pitfall as **PG101** (`mutable-default-argument`), so this "
        "`# noqa` silences it too."
    )
    assert [t.id for t in explanation.topics] == ["pg101-mutable-default"]
    ruff_own = "import asyncio\n\nasyncio.create_task(job())  # noqa: RUF006\n"
    explained = engine.explain(Source(ruff_own), ruff_own.index("RUF006"))
    assert explained is not None and explained.markdown.startswith(
        "`RUF006` is Ruff's `asyncio-dangling-task`. pygloss reports the same pitfall as **PG303**"
    )
    unrelated = "x = 1  # noqa: E501\n"
    assert engine.explain(Source(unrelated), unrelated.index("E501") + 1) is None
