"""``pygloss kb list|show|check``: every topic renders; listing, checking, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.cli import main
from pygloss.engine.api import load_knowledge
from pygloss.kb.blocks import code_blocks
from pygloss.kb.model import Topic

TOPICS = sorted(load_knowledge().topics.values(), key=lambda t: t.id)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_kb_show_renders_every_topic(topic: Topic, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "show", topic.id]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{topic.title}\n=")
    assert "```" not in out and "\x1b[" not in out  # fences rendered, no colour when piped
    for heading in topic.sections():
        assert f"\n{heading}\n{'-' * len(heading)}\n" in out
    for block in code_blocks(topic.body):
        for line in block.code.splitlines():
            assert f"    {line}".rstrip() in out
    for name in topic.names:
        assert name in out


def test_kb_show_renders_links_and_norun_reasons(tmp_path: Path) -> None:
    from pygloss.kb.terminal import render_markdown

    text = "See [the docs](https://docs.python.org/3/).\n\n```python norun: a sketch\nx(\n```\n"
    assert render_markdown(text) == (
        "See the docs <https://docs.python.org/3/>.\n\n    [python (not run: a sketch)]\n    x(\n"
    )


def test_kb_show_unknown_topic_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "show", "mock-pach"]) == 2
    assert "did you mean mock-patch" in capsys.readouterr().err


def test_kb_list_by_area(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "list", "--area", "testing"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("testing/") for line in lines)
    assert main(["kb", "list", "--area", "no-such-area"]) == 2
    assert "areas:" in capsys.readouterr().err


def test_kb_check_reports_style_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topic = tmp_path / "t.md"
    topic.write_text('+++\nid = "t"\ntitle = "T"\nsummary = "A. B. C."\n+++\nLead.\n')
    assert main(["kb", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{topic}:4: summary has 3 sentences" in out and "1 topics ok, 1 problems" in out


def test_kb_check_coverage_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check", "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "notes coverage: 99/99 headings covered\n" in out and "not covered" not in out


def test_kb_check_coverage_fails_on_an_uncovered_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes-headings.txt").write_text("Covered\nForgotten\n")
    body = '+++\nid = "t"\ntitle = "T"\nsummary = "S."\nnotes = ["Covered"]\n+++\nLead.\n'
    (tmp_path / "t.md").write_text(body)
    assert main(["kb", "check", str(tmp_path)]) == 0
    assert main(["kb", "check", "--coverage", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "notes coverage: 1/2 headings covered\n  not covered: Forgotten\n" in out


EXAMPLE = """+++
id = "{id}"
title = "T"
summary = "S."
+++
Lead.

```python
print(6 * 7)  # -> {value}
```

```python version: <3.0
print("never run here")  # -> nothing
```
"""


def test_kb_check_runs_the_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "right.md").write_text(EXAMPLE.format(id="right", value=42))
    assert main(["kb", "check", str(tmp_path)]) == 0
    assert "examples not run: add --run" in capsys.readouterr().out
    assert main(["kb", "check", "--run", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "examples: 1 ran as stated, 0 failed, 1 for other Python versions" in out
    (tmp_path / "wrong.md").write_text(EXAMPLE.format(id="wrong", value=41))
    assert main(["kb", "check", str(tmp_path)]) == 0  # not run: nothing to see
    assert main(["kb", "check", "--run", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'wrong.md'}:8: line 1: printed ['42'], stated `# -> 41`" in out
    assert "examples: 1 ran as stated, 1 failed, 2 for other Python versions" in out
