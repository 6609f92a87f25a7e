"""Hover-size checks, code-block parsing and the example runner reject what they should."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.kb.blocks import code_blocks, headings, stated_outputs
from pygloss.kb.loader import load_topics
from pygloss.kb.runner import output_mismatches, run_block
from pygloss.kb.style import sentence_count, style_problems

FRONT = """+++
id = "t"
title = "T"
summary = "{summary}"
+++
"""
FENCE = "```"


def _topic(tmp_path: Path, body: str, summary: str = "One sentence."):  # type: ignore[no-untyped-def]
    path = tmp_path / "t.md"
    path.write_text(FRONT.format(summary=summary) + body, encoding="utf-8")
    (topic,) = load_topics([tmp_path]).topics
    return topic


def _py(code: str, info: str = "python") -> str:
    return f"\n## Example\n\n{FENCE}{info}\n{code}{FENCE}\n"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("One sentence.", 1, id="one"),
        pytest.param("No final dot", 1, id="no-dot"),
        pytest.param("Calls `a.b()`, e.g. `x.y`. Then more!", 2, id="code-and-abbrev"),
        pytest.param("One. Two. Three.", 3, id="three"),
    ],
)
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


BAD = [
    ("three-sentences", "Lead.\n", "One. Two. Three.", 4, "summary has 3 sentences"),
    ("long-lead", "line\n" * 13, "S.", 6, "lead before the first '##' takes 13 lines"),
    ("no-lead", "## Example\n\nText.\n", "S.", 6, "no explanation before the first '##'"),
    ("long-example", "Lead.\n" + _py("x = 1\n" * 13), "S.", 10, "example has 13 lines"),
    ("norun-no-reason", "Lead.\n" + _py("x(\n", "python norun"), "S.", 10, "needs a reason"),
    ("unknown-mode", "Lead.\n" + _py("x = 1\n", "python fast"), "S.", 10, "unknown python"),
    ("bad-syntax", "Lead.\n" + _py("x = (\n"), "S.", 10, "example does not parse"),
    ("orphan-arrow", "Lead.\n" + _py("x = 1  # -> 1\n"), "S.", 11, "not at the end of a print"),
]


@pytest.mark.parametrize(
    ("body", "summary", "line", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_style_problems_name_file_and_line(
    tmp_path: Path, body: str, summary: str, line: int, message: str
) -> None:
    topic = _topic(tmp_path, body, summary)
    (problem,) = style_problems(topic)
    assert (problem.path, problem.line) == (topic.path, line)
    assert message in problem.message


def test_a_fitting_topic_has_no_style_problems(tmp_path: Path) -> None:
    body = "Lead.\n" + _py("print(1)  # -> 1\n") + _py("boom(\n", "python norun: a sketch")
    assert style_problems(_topic(tmp_path, body)) == []


def test_code_blocks_attach_output_and_read_info() -> None:
    text = f"x\n{FENCE}python pytest\ncode\n{FENCE}\n\n{FENCE}output\nout\n{FENCE}\n"
    (block,) = code_blocks(text, first_line=10)
    assert (block.line, block.mode, block.code, block.output) == (11, "pytest", "code\n", "out\n")
    (norun,) = code_blocks(f"{FENCE}python norun: needs a server\nx\n{FENCE}\n")
    assert (norun.mode, norun.norun_reason) == ("norun", "needs a server")


def test_headings_skip_code_fences_and_levels() -> None:
    text = f"# Top\n## A\n{FENCE}python\n## not a heading\n{FENCE}\n### B\n#### C\n##### D\n"
    assert headings(text) == ["A", "B", "C"]


def test_stated_outputs_use_the_line_where_print_starts() -> None:
    assert stated_outputs("print(\n  1)  # -> 1\nprint(2)  # -> 2\n") == {1: "1", 3: "2"}


@pytest.mark.parametrize(
    ("code", "output", "problem"),
    [
        pytest.param("print(1)  # -> 2\n", None, "printed ['1']", id="wrong-arrow"),
        pytest.param("if False:\n    print(1)  # -> 1\n", None, "never ran", id="not-run"),
        pytest.param("print(1)\n", "2\n", "output block differs", id="wrong-output"),
        pytest.param("for i in (1, 2):\n    print(i)  # -> 1\n", None, "['1', '2']", id="loop"),
    ],
)
def test_runner_catches_wrong_stated_output(
    tmp_path: Path, code: str, output: str | None, problem: str
) -> None:
    text = f"{FENCE}python\n{code}{FENCE}\n"
    if output is not None:
        text += f"{FENCE}output\n{output}{FENCE}\n"
    (block,) = code_blocks(text)
    result = run_block(block, tmp_path)
    assert result.returncode == 0
    (mismatch,) = output_mismatches(block, result)
    assert problem in mismatch


def test_runner_reports_failures_and_runs_in_a_temp_dir(tmp_path: Path) -> None:
    (ok,) = code_blocks(f"{FENCE}python\nimport os\nprint(os.getcwd())  # -> {tmp_path}\n{FENCE}\n")
    result = run_block(ok, tmp_path)
    assert result.returncode == 0 and output_mismatches(ok, result) == []
    (bad,) = code_blocks(f"{FENCE}python\nraise ValueError('boom')\n{FENCE}\n")
    failed = run_block(bad, tmp_path)
    assert failed.returncode == 1 and "ValueError: boom" in failed.stderr


def test_runner_runs_pytest_blocks(tmp_path: Path) -> None:
    code = "def test_ok():\n    assert 1 + 1 == 2\n"
    (block,) = code_blocks(f"{FENCE}python pytest\n{code}{FENCE}\n")
    result = run_block(block, tmp_path)
    assert result.returncode == 0 and "1 passed" in result.stdout
