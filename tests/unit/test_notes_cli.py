"""``pygloss notes index``, ``pygloss notes which`` and ``pygloss explain --notes``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pygloss.cli import main

NOTES = """\
# Async

```python
import asyncio

async def main():
    await asyncio.gather(a(), b())
```

## asyncio.create_task()

Keep a reference to each task.

```python
task = asyncio.create_task(job())
```
"""
CODE = "import asyncio\n\n\nasync def f():\n    await asyncio.gather(x())\n"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "app.py").write_text(CODE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_index_prints_each_section_with_its_names_and_kinds(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notes", "index", "notes.md"]) == 0
    out = capsys.readouterr()
    assert out.out == (
        "notes.md:1: # Async\n"
        "    names: asyncio (code), asyncio.gather (code)\n"
        "    kinds: async-def (code), await (code)\n"
        "    too common alone: import (code)\n"
        "    in subsections: asyncio.create_task\n"
        "notes.md:10: ## asyncio.create_task()\n"
        "    names: asyncio.create_task (heading, code)\n"
    )
    assert out.err == ""


def test_index_json_and_globs(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "more").mkdir()
    (workspace / "more" / "x.md").write_text("# X\n<!-- pygloss: await -->\n")
    assert main(["notes", "index", "*.md", "more/**/*.md", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [Path(f["path"]).name for f in data] == ["notes.md", "x.md"]
    assert data[1]["sections"] == [
        {
            "line": 1,
            "level": 1,
            "heading": "X",
            "end": 2,
            "names": {},
            "kinds": {"await": {"marker": 1}},
            "in_subsections": [],
        }
    ]


def test_index_of_nothing_readable_is_a_usage_error(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notes", "index", "missing.md"]) == 2
    err = capsys.readouterr().err
    assert f"pygloss: notes: {workspace / 'missing.md'}: no such file; skipped" in err
    assert "pygloss: error: no notes file could be read" in err


def test_which_lists_the_matches_and_why(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notes", "which", "app.py:5:20", "--notes", "notes.md"]) == 0
    assert capsys.readouterr().out == (
        "app.py:5:20: looks up name asyncio.gather\n"
        "* notes.md:1: Async\n"
        "      name asyncio.gather: code\n"
        "(* = shown in the hover)\n"
    )


def test_which_reads_the_notes_of_pyproject(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "pyproject.toml").write_text('[tool.pygloss]\nnotes = ["notes.md"]\n')
    assert main(["notes", "which", "app.py:5:5", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["keys"] == [{"kind": "kind", "value": "await"}]
    assert [(m["heading"], m["why"], m["shown"]) for m in data["matches"]] == [
        ("Async", "kind await: code", True)
    ]


def test_which_without_notes_is_a_usage_error(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notes", "which", "app.py:5:20"]) == 2
    assert "no notes: pass --notes PATH" in capsys.readouterr().err


def test_explain_with_notes_adds_the_section(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", "app.py:5:20", "--notes", "notes.md", "--notes", "gone.md"]) == 0
    out = capsys.readouterr()
    uri = (workspace / "notes.md").resolve().as_uri()
    assert out.out.startswith("asyncio.gather()")
    assert out.out.endswith(
        "---\n\nFrom your notes — Async\n\n    async def main():\n"
        "        await asyncio.gather(a(), b())\n\n"
        f"notes.md:1 <{uri}#L1>\n"
    )
    assert f"pygloss: notes: {workspace / 'gone.md'}: no such file; skipped" in out.err
