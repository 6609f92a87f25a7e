"""The judged hover corpus (``tests/fixtures/hover_judged.jsonl``, regenerated and compared
by ``python bench/hover_judged.py``): at least 200 positions in code no one here wrote,
every one judged, none false or misleading, every stored output still what the hover
says, issue #21's nine real-code cases among them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "hover_judged.jsonl"
ENTRIES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
FIELDS = {
    "id",
    "project",
    "path",
    "line",
    "col",
    "token",
    "topics",
    "output",
    "verdict",
    "useful",
    "note",
}


def test_every_entry_is_complete_and_placed() -> None:
    projects = {p["name"] + "-" + p["version"] for p in _projects()}
    for entry in ENTRIES:
        assert set(entry) >= FIELDS, entry["id"]
        assert entry["id"] == f"{entry['project']}/{entry['path']}:{entry['line']}:{entry['col']}"
        assert entry["project"] in projects or re.fullmatch(r"python-3\.\d+\.\d+", entry["project"])
        assert isinstance(entry["useful"], bool) and entry["note"].strip(), entry["id"]
    assert len({e["id"] for e in ENTRIES}) == len(ENTRIES)


def test_at_least_200_positions_all_judged_none_false_or_misleading() -> None:
    verdicts = Counter(e["verdict"] for e in ENTRIES)
    assert len(ENTRIES) >= 200 and verdicts["unjudged"] == 0, verdicts
    wrong = sorted(e["id"] for e in ENTRIES if e["verdict"] in ("false", "misleading"))
    assert wrong == []
    assert set(verdicts) <= {"true"}, verdicts


def test_every_output_is_the_hover_of_today() -> None:
    """A stored output that the engine no longer gives is a verdict that no longer
    applies.  Re-hovering needs the projects' sdists: this runs on the ones unpacked in
    the ecosystem cache (``python bench/hover_judged.py`` downloads them all)."""
    done = subprocess.run(
        [sys.executable, "bench/hover_judged.py", "--cached-only", "--jedi-budget", "30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    figures = dict(
        line.split(": ", 1) for line in done.stdout.splitlines() if line.startswith("changed since")
    )
    changed, _, unavailable = figures["changed since judged"].partition("; not available here: ")
    if int(unavailable) == len(ENTRIES):
        pytest.skip("no project of the corpus is unpacked in the ecosystem cache")
    assert changed == "0" and done.returncode == 0, done.stdout


def test_the_issues_real_code_cases_are_in_it() -> None:
    assert {e.get("case") for e in ENTRIES} >= set(range(1, 10))


def test_positions_spread_over_projects_and_topics() -> None:
    assert len({e["project"] for e in ENTRIES}) >= 15
    assert len({e["topics"][0] for e in ENTRIES if e["topics"]}) >= 60


def _projects() -> list[dict[str, str]]:
    import tomllib

    path = ROOT / "bench" / "ecosystem" / "projects.toml"
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return [*data.get("project", []), *data.get("reference", [])]
