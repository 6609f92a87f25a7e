"""The command line: explain, check, rule, kb, and every bad-input case.

Runs ``python -P -m pygloss`` in a subprocess, the way users run it, so exit codes and
stderr are the real ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("pygloss ")
    help_text = run("--help").stdout
    for command in ("check", "explain", "serve", "rule", "kb"):
        assert command in help_text


def test_explain_json_on_the_example() -> None:
    result = run("explain", "examples/test_orders.py:13:11", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["topics"][0] == {
        "id": "mock-patch",
        "title": "unittest.mock.patch — replace a name while a test runs",
    }
    assert "`mock_charge_card` | `examples.orders.charge_card`" in data["markdown"]
    assert data["range"]["start"] == {"line": 13, "column": 6}


def test_explain_where_nothing_applies_is_empty_and_exit_0() -> None:
    result = run("explain", "examples/orders.py:1:1", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"topics": [], "markdown": ""}


def test_check_reports_pg101_with_why_and_exit_1() -> None:
    result = run("check", "examples/")
    assert result.returncode == 1, result.stderr
    assert (
        "examples/orders.py:12:43: warning: PG101 Mutable default `[]` for `history`"
        in result.stdout
    )
    assert "why: A default value is evaluated once" in result.stdout


def test_check_json_fields() -> None:
    result = run("check", str(EXAMPLES / "orders.py"), "--format", "json")
    (report,) = json.loads(result.stdout)
    assert report == {
        "path": str(EXAMPLES / "orders.py"),
        "line": 12,
        "column": 43,
        "end_line": 12,
        "end_column": 45,
        "code": "PG101",
        "name": "mutable-default-argument",
        "severity": "warning",
        "message": "Mutable default `[]` for `history`: created once when the def runs and "
        "shared by every call, and this function mutates it (line 14)",
        "topic": "pg101-mutable-default",
        "fix": {
            "title": "Default to None and create the value inside the function",
            "safety": "unsafe",
            "edits": [
                {
                    "location": {"line": 12, "column": 43},
                    "end_location": {"line": 12, "column": 45},
                    "content": "None",
                },
                {
                    "location": {"line": 13, "column": 1},
                    "end_location": {"line": 13, "column": 1},
                    "content": "    if history is None:\n        history = []\n",
                },
            ],
        },
    }


def test_clean_file_exits_0(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("def f(x=None):\n    return x\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 0 and "All checks passed." in result.stdout


def test_missing_file_is_a_usage_error() -> None:
    for args in (("check", "no/such/dir"), ("explain", "no_such.py:1:1")):
        result = run(*args)
        assert result.returncode == 2
        assert result.stderr.startswith("pygloss: error: ") and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "location", ["orders.py:99:1", "orders.py:1:500", "orders.py:0:1", "orders.py:one:1"]
)
def test_position_outside_the_file_is_a_usage_error(location: str) -> None:
    result = run("explain", f"examples/{location}")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_binary_and_non_utf8_files_are_skipped_and_others_still_checked(tmp_path: Path) -> None:
    (tmp_path / "binary.py").write_bytes(b"\x00\x01\x02def f(x=[]): return x\n")
    (tmp_path / "latin.py").write_bytes(b"name = '\xe9t\xe9'\ndef f(x=[]): return x\n")
    (tmp_path / "bad.py").write_text("def f(x=[]):\n    x.append(1)\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert "binary.py: binary file" in result.stderr
    assert "latin.py: not valid utf-8 text" in result.stderr
    assert "bad.py:1:9: warning: PG101" in result.stdout
    assert "Traceback" not in result.stderr


def test_declared_encoding_is_respected(tmp_path: Path) -> None:
    (tmp_path / "decl.py").write_bytes(
        b"# -*- coding: latin-1 -*-\nname = '\xe9'\ndef f(x={}): x[name] = 1\n"
    )
    result = run("check", str(tmp_path))
    assert "decl.py:3:9: warning: PG101" in result.stdout


def test_syntax_error_is_reported_and_other_files_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a_broken.py").write_text("def f(:\n    pass\n\ndef g(y=[]):\n    return y\n")
    (tmp_path / "b_fine.py").write_text("def h(z={}):\n    return z\n")
    result = run("check", str(tmp_path), "--format", "json")
    codes = [(Path(r["path"]).name, r["code"], r["line"]) for r in json.loads(result.stdout)]
    assert codes == [
        ("a_broken.py", "PG000", 1),
        ("a_broken.py", "PG101", 4),
        ("b_fine.py", "PG101", 1),
    ]


def test_virtualenvs_and_git_folders_are_skipped(tmp_path: Path) -> None:
    for folder in (".git", "venvdir", "__pycache__"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.py").write_text("def f(x=[]): return x\n")
    (tmp_path / "venvdir" / "pyvenv.cfg").write_text("home = /usr\n")
    assert run("check", str(tmp_path)).returncode == 0


def test_rule_and_kb_commands() -> None:
    rule = run("rule", "PG101")
    assert rule.returncode == 0 and "\nFix safety\n----------\n" in rule.stdout
    assert run("rule", "PG999").returncode == 2
    listing = run("kb", "list")
    assert "testing/mock-patch" in listing.stdout
    assert "unittest.mock.patch" in run("kb", "show", "mock-patch").stdout
    assert run("kb", "check").returncode == 0


def test_kb_check_fails_on_a_bad_folder(tmp_path: Path) -> None:
    (tmp_path / "broken.md").write_text("no front matter\n")
    result = run("kb", "check", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'broken.md'}:1: missing '+++'" in result.stdout
