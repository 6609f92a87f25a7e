"""``pygloss check`` and ``pygloss explain`` on notebooks: cell positions in every
format, --fix/--diff touching only the changed cells' source, bad notebooks reported
with a clear note and never a crash (real subprocesses, real exit codes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_cli import run

CELLS = [
    {"cell_type": "markdown", "metadata": {}, "source": ["# Demo\n", "Some *text*."]},
    {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {"tags": ["setup"]},
        "outputs": [],
        "source": ["%matplotlib inline\n", "import os"],
    },
    {
        "cell_type": "code",
        "execution_count": 2,
        "metadata": {},
        "outputs": [
            {
                "data": {"image/png": "iVBORw0KGgo=", "text/plain": ["<Figure>"]},
                "metadata": {},
                "output_type": "display_data",
            }
        ],
        "source": ["def f(x=[]):\n", "    x.append(1)"],
    },
    {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": "%%bash\nls\n",
    },
    {
        "cell_type": "code",
        "execution_count": 3,
        "metadata": {},
        "outputs": [],
        "source": "y = !ls\nitems = list()\n",
    },
]
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "version": "3.12.1"},
}


def notebook_text(cells: list[object] = CELLS, indent: int | None = 1, **metadata: object) -> str:
    data = {"cells": cells, "metadata": metadata or METADATA, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # PG116 (off by default: Ruff's C408) is the simplest rule with a safe fix
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.pygloss]\nextend-select = ['PG116']\n"
    )
    (tmp_path / "nb.ipynb").write_text(notebook_text(), encoding="utf-8")
    return tmp_path


def test_text_output_names_the_cell(project: Path) -> None:
    result = run("check", "nb.ipynb", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "nb.ipynb:cell 3:1:9: warning: PG101 Mutable default `[]` for `x`: created once when "
        "the def runs and shared by every call, and this function mutates it (cell 3, line 2)"
    )
    assert lines[1:4] == ["    |", "  1 | def f(x=[]):", "    |         ^^"]
    assert any(line.startswith("nb.ipynb:cell 5:2:9: hint: PG116 ") for line in lines)
    assert lines[-2] == (
        "Found 2 problems: 1 warning, 1 hint (1 fixable with --fix, 1 more with --fix "
        "--unsafe-fixes)."
    )


def test_json_github_and_sarif_carry_the_cell(project: Path) -> None:
    found = json.loads(run("check", "nb.ipynb", "--format", "json", cwd=project).stdout)
    assert [(f["code"], f["cell"], f["line"], f["column"], f["end_column"]) for f in found] == [
        ("PG101", 3, 1, 9, 11),
        ("PG116", 5, 2, 9, 15),
    ]
    assert found[1]["fix"]["edits"] == [
        {
            "cell": 5,
            "location": {"line": 2, "column": 9},
            "end_location": {"line": 2, "column": 15},
            "content": "[]",
        }
    ]
    github = run("check", "nb.ipynb", "--format", "github", cwd=project).stdout.splitlines()
    assert github[1] == (
        "::notice title=pygloss (PG116),file=nb.ipynb::cell 5, line 2, column 9: PG116 `list()` "
        "builds an empty list: write `[]`"
    )
    sarif = json.loads(run("check", "nb.ipynb", "--format", "sarif", cwd=project).stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["properties"] == {
        "cell": 3,
        "startLine": 1,
        "startColumn": 9,
        "endLine": 1,
        "endColumn": 11,
    }
    assert result["locations"] == [
        {
            "physicalLocation": {"artifactLocation": {"uri": "nb.ipynb"}},
            "logicalLocations": [{"name": "cell 3"}],
        }
    ]


def test_diff_shows_the_changed_cells_and_changes_nothing(project: Path) -> None:
    before = (project / "nb.ipynb").read_bytes()
    result = run("check", "nb.ipynb", "--diff", "--unsafe-fixes", cwd=project)
    assert result.returncode == 1
    assert (project / "nb.ipynb").read_bytes() == before
    assert result.stdout.splitlines()[:4] == [
        "--- a/nb.ipynb:cell 3",
        "+++ b/nb.ipynb:cell 3",
        "@@ -1,2 +1,4 @@",
        "-def f(x=[]):",
    ]
    assert "--- a/nb.ipynb:cell 5" in result.stdout
    assert "-items = list()\n+items = []\n" in result.stdout


@pytest.mark.parametrize(
    ("indent", "newline", "bom"),
    [(1, "\n", False), (2, "\r\n", True), (None, "\n", True), (4, "\r\n", False)],
)
def test_fix_changes_only_the_fixed_cells_source(
    tmp_path: Path, indent: int | None, newline: str, bom: bool
) -> None:
    text = notebook_text(indent=indent).replace("\n", newline)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    path = tmp_path / "nb.ipynb"
    path.write_bytes(data)
    result = run("check", str(path), "--fix", "--extend-select", "PG116")
    assert (
        result.stdout.splitlines()[-1]
        == "Fixed 1 problem. Found 1 problem: 1 warning (1 more with --fix --unsafe-fixes)."
    )
    expected = data.replace(b'"y = !ls\\nitems = list()', b'"y = !ls\\nitems = []')
    assert expected != data
    assert path.read_bytes() == expected


def test_fix_leaves_a_file_with_nothing_to_fix_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "clean.ipynb"
    data = notebook_text(CELLS[:2], indent=2).replace("\n", "\r\n").encode()
    path.write_bytes(data)
    result = run("check", str(path), "--fix")
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == data


def test_directories_include_notebooks_and_exclude_applies(project: Path) -> None:
    (project / "skip").mkdir()
    (project / "skip" / "other.ipynb").write_text(notebook_text())
    (project / ".ipynb_checkpoints").mkdir()
    (project / "pyproject.toml").write_text("[tool.pygloss]\nexclude = ['skip/**']\n")
    found = json.loads(run("check", ".", "--format", "json", cwd=project).stdout)
    assert {f["path"] for f in found} == {"nb.ipynb"}


def test_standard_input_takes_a_notebook(project: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-P",
            "-m",
            "pygloss",
            "check",
            "-",
            "--stdin-filename",
            "x.ipynb",
            "--fix",
            "--extend-select",
            "PG116",
        ],
        input=notebook_text(),
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
    )
    assert result.stdout == notebook_text().replace("items = list()", "items = []")


BAD = {
    "invalid-json": ("{not json", "not valid JSON (line 1, column 2"),
    "not-utf8": (b"\xff\xfe{", "not valid UTF-8"),
    "v3": ('{"nbformat": 3, "worksheets": []}', "nbformat 3 is not supported"),
    "v9": ('{"nbformat": 9, "cells": []}', "nbformat 9 is not a version"),
    "no-cells": ('{"cells": {}}', "not a notebook: no `cells` list"),
    "r-kernel": (
        notebook_text(
            [{"cell_type": "code", "source": "x <- 1 is 1"}],
            kernelspec={"language": "R", "name": "ir"},
        ),
        "a R notebook (kernel language 'R'); not checked",
    ),
    "no-cell-type": (
        notebook_text([{"metadata": {}, "source": "x = 1 is 1\n"}]),
        "cell 1 has no `cell_type`; skipped",
    ),
    "source-number": (
        notebook_text([{"cell_type": "code", "source": 3}]),
        "cell 1: `source` is neither a string nor a list of strings; skipped",
    ),
}


def test_bad_notebooks_get_a_note_and_no_crash(tmp_path: Path) -> None:
    written = {}
    for name, (content, _) in BAD.items():
        data = content if isinstance(content, bytes) else content.encode()
        (tmp_path / f"{name}.ipynb").write_bytes(data)
        written[name] = data
    result = run("check", ".", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    notes = set(result.stderr.splitlines())
    for name, (_, note) in BAD.items():
        assert any(n.startswith(f"pygloss: note: {name}.ipynb: {note}") for n in notes), name
        assert (tmp_path / f"{name}.ipynb").read_bytes() == written[name]


@pytest.mark.slow
def test_a_50_mb_notebook_of_images_is_checked(tmp_path: Path) -> None:
    image = {
        "data": {"image/png": "A" * (5 * 2**20)},
        "metadata": {},
        "output_type": "display_data",
    }
    cells = [
        {**CELLS[2], "outputs": [image]} if i == 0 else {**CELLS[1], "outputs": [image]}
        for i in range(10)
    ]
    path = tmp_path / "big.ipynb"
    path.write_text(notebook_text(cells))
    assert path.stat().st_size > 50 * 2**20
    found = json.loads(run("check", str(path), "--format", "json").stdout)
    assert [(f["code"], f["cell"]) for f in found] == [("PG101", 1)]


def test_explain_a_position_in_a_cell(project: Path) -> None:
    result = run("explain", "nb.ipynb:cell 3:1:9", "--format", "json", cwd=project)
    found = json.loads(result.stdout)
    assert found["topics"][0]["id"] == "default-arguments"
    assert found["range"] == {"start": {"line": 1, "column": 9}, "end": {"line": 1, "column": 11}}
    masked = run("explain", "nb.ipynb:cell 2:1:3", cwd=project)
    assert masked.stdout == "nb.ipynb:cell 2:1:3: nothing to explain here\n"
    for location, error in [
        ("nb.ipynb:cell 4:1:1", "cell 4 is a %%bash cell; not explained"),
        ("nb.ipynb:cell 1:1:1", "cell 1 is a markdown cell; not explained"),
        ("nb.ipynb:cell 9:1:1", "has 5 cells, not 9"),
        ("nb.ipynb:2:1", "a notebook position is FILE:cell N:LINE:COL"),
        ("nb.ipynb:cell 3:7:1", "position is outside the file"),
    ]:
        result = run("explain", location, cwd=project)
        assert result.returncode == 2
        assert error in result.stderr
