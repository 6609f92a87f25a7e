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

# Payments

```python
import stripe
stripe.Charge.create(amount=5)
stripe.Refund.create(charge=c)
results = asyncio.gather(fetch(), store())
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
        "    heading names: kinds async-def, async-for, async-with, await; modules asyncio;"
        " words async, asyncio\n"
        "    names: asyncio (code), asyncio.gather (code)\n"
        "    kinds: async-def (code), await (code)\n"
        "    too common alone: import (code)\n"
        "    unresolved (they only back a heading word): a, b\n"
        "    in subsections: asyncio.create_task\n"
        "notes.md:10: ## asyncio.create_task()\n"
        "    names: asyncio.create_task (heading, code)\n"
        "    unresolved (they only back a heading word): job\n"
        "notes.md:18: # Payments\n"
        "    heading names: words payments (weak)\n"
        "    names: asyncio.gather (code), stripe (code), stripe.Charge.create (code),"
        " stripe.Charge.create.amount (code), stripe.Refund.create (code),"
        " stripe.Refund.create.charge (code)\n"
        "    too common alone: import (code)\n"
        "    unresolved (they only back a heading word): c, fetch, store\n"
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
            "trail": [],
            "heading_names": {
                "kinds": {},
                "modules": {},
                "types": {},
                "words": {"x": False},
                "dunders": [],
                "files": [],
            },
            "names": {},
            "kinds": {"await": {"marker": 1}},
            "others": {},
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
        "      name asyncio.gather: used under 'Async' (code)\n"
        "(* = shown in the hover)\n"
        "not about it:\n"
        "  notes.md:18: Payments\n"
        "      name asyncio.gather: used in passing in its code\n"
    )


def test_which_reads_the_notes_of_pyproject(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "pyproject.toml").write_text('[tool.pygloss]\nnotes = ["notes.md"]\n')
    assert main(["notes", "which", "app.py:5:5", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["keys"] == [{"kind": "kind", "value": "await"}]
    assert [(m["heading"], m["why"], m["shown"]) for m in data["matches"]] == [
        ("Async", "kind await: its heading 'Async' names it (code)", True)
    ]
    assert data["rejected"] == []


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
