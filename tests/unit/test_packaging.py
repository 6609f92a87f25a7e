"""The knowledge base ships inside the wheel and is found from an installed wheel and
from the source checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE, ROOT

PROBE = (
    "from pygloss.kb.loader import builtin_knowledge_dir; "
    "from pygloss.engine.api import load_knowledge; "
    "kb = load_knowledge(); "
    "print(builtin_knowledge_dir()); print(len(kb), sorted(kb.topics)[0], len(kb.problems))"
)


def test_checkout_finds_the_top_level_knowledge_folder() -> None:
    from pygloss.kb.loader import builtin_knowledge_dir

    assert builtin_knowledge_dir() == KNOWLEDGE


@pytest.mark.slow
def test_installed_wheel_finds_its_own_copy(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (wheel,) = dist.glob("pygloss-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "pygloss/knowledge/testing/mock-patch.md" in names
    assert "pygloss/knowledge/notes-headings.txt" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(target)!r}); import site; " + PROBE,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    location, summary = result.stdout.splitlines()
    assert Path(location) == target / "pygloss" / "knowledge"
    count = len(list(KNOWLEDGE.rglob("*.md"))) - 1  # minus README.md
    assert summary.split() == [str(count), sorted_first_topic(), "0"]


def sorted_first_topic() -> str:
    from pygloss.engine.api import load_knowledge

    return sorted(load_knowledge().topics)[0]
