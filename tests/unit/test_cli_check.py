"""``pygloss check``: formats, fixes, diff, statistics, parallel runs, configuration.

Runs ``python -P -m pygloss`` in a subprocess, so exit codes and output are the real ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BAD = "def f(x=[]):\n    return x == None, x\n\nitems = list()\n"
# PG116 (off by default: Ruff's C408) is the simplest rule with a safe fix; PG103 (off by
# default: Ruff's E711) the simplest warning with an unsafe one
WITH_PG116 = "[project]\nname = 'x'\n\n[tool.pygloss]\nextend-select = ['PG103', 'PG116']\n"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "check", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(WITH_PG116)
    (tmp_path / "bad.py").write_text(BAD)
    return tmp_path


def test_text_output_has_a_code_frame_a_why_and_the_fix(project: Path) -> None:
    result = run(str(project / "bad.py"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    header = (
        f"{project / 'bad.py'}:2:12: warning: PG103 `== None` asks the object's `__eq__`; "
        "use `is None`"
    )
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    assert lines[start + 1 : start + 4] == [
        "    |",
        "  2 |     return x == None, x",
        "    |            ^^^^^^^^^",
    ]
    assert lines[start + 4].startswith("  = why: `x == None` calls")
    assert lines[start + 5] == "  = fix (unsafe, with --unsafe-fixes): Compare with `is` / `is not`"
    assert lines[-2:] == [
        "Found 3 problems: 1 warning, 2 hints (1 fixable with --fix, 2 more with --fix "
        "--unsafe-fixes).",
        "Hints do not fail the check (--fail-on information).",
    ]


def test_tabs_are_expanded_under_the_caret(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(WITH_PG116)
    (tmp_path / "t.py").write_text("if True:\n\tx = list()\n")
    frame = run(str(tmp_path / "t.py")).stdout.splitlines()[1:4]
    assert frame == ["    |", "  2 |     x = list()", "    |         ^^^^^^"]


def test_fix_applies_safe_fixes_only_and_reports_what_remains(project: Path) -> None:
    result = run(str(project), "--fix")
    assert result.returncode == 1
    assert (project / "bad.py").read_text() == BAD.replace("list()", "[]")
    assert result.stdout.splitlines()[-2].startswith("Fixed 1 problem. Found 2 problems")


def test_unsafe_fixes_and_exit_0_when_all_fixed(project: Path) -> None:
    result = run(str(project), "--fix", "--unsafe-fixes")
    assert result.returncode == 0, result.stdout
    assert (project / "bad.py").read_text() == (
        "def f(x=None):\n    if x is None:\n        x = []\n    return x is None, x\n\nitems = []\n"
    )
    assert result.stdout.strip() == "Fixed 3 problems. No problems remain."


def test_diff_prints_the_fixes_and_changes_nothing(project: Path) -> None:
    result = run(str(project), "--diff")
    assert result.returncode == 1
    assert (project / "bad.py").read_text() == BAD
    assert result.stdout.splitlines()[:2] == [
        f"--- a/{project / 'bad.py'}",
        f"+++ b/{project / 'bad.py'}",
    ]
    assert "-items = list()" in result.stdout and "+items = []" in result.stdout
    assert "x is None" not in result.stdout  # unsafe fixes only with --unsafe-fixes
    assert run(str(project), "--diff", "--select", "PG102").returncode == 0


def test_fix_keeps_the_file_encoding_and_line_endings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(WITH_PG116)
    path = tmp_path / "latin.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\r\nname = '\xe9'\r\nitems = list()\r\n")
    assert run(str(path), "--fix").returncode == 0
    assert path.read_bytes() == b"# -*- coding: latin-1 -*-\r\nname = '\xe9'\r\nitems = []\r\n"


def test_statistics(project: Path) -> None:
    result = run(str(project), "--statistics")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "1  PG101  [ ] mutable-default-argument",
        "1  PG103  [ ] none-equality",
        "1  PG116  [*] empty-collection-call",
    ]


def test_github_annotations(project: Path) -> None:
    lines = run(str(project), "--format", "github", "--select", "PG116").stdout.splitlines()
    assert lines == [
        f"::notice title=pygloss (PG116),file={project / 'bad.py'},line=4,col=9,endLine=4,"
        "endColumn=15::PG116 `list()` builds an empty list: write `[]`"
    ]


def test_sarif_log(project: Path) -> None:
    result = run(str(project), "--format", "sarif")
    log = json.loads(result.stdout)
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert "PG101" in rule_ids and rule_ids == sorted(rule_ids)
    assert [(r["ruleId"], r["level"]) for r in run_["results"]] == [
        ("PG101", "note"),  # a hint: `x` is only compared, never changed
        ("PG103", "warning"),
        ("PG116", "note"),
    ]
    region = run_["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 9, "endLine": 1, "endColumn": 11}


def test_parallel_and_serial_runs_agree(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(WITH_PG116)
    for i in range(12):
        (tmp_path / f"m{i:02}.py").write_text(BAD * (i % 3 + 1))
    serial = run(str(tmp_path), "--format", "json", "--jobs", "1")
    parallel = run(str(tmp_path), "--format", "json", "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert len(json.loads(serial.stdout)) == 3 * (4 * 1 + 4 * 2 + 4 * 3)


def test_pyproject_configuration_and_command_line_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pygloss]\n"
        'extend-select = ["PG103"]\n'
        'ignore = ["PG116"]\n'
        'severity = { PG101 = "error" }\n'
        'per-file-ignores = { "legacy/*.py" = ["PG103"] }\n'
        'exclude = ["build_out/**"]\n'
    )
    for folder in ("legacy", "build_out", "src"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "m.py").write_text(BAD)
    reports = json.loads(run(str(tmp_path), "--format", "json").stdout)
    found = sorted((Path(r["path"]).parent.name, r["code"], r["severity"]) for r in reports)
    assert found == [
        ("legacy", "PG101", "error"),
        ("src", "PG101", "error"),
        ("src", "PG103", "warning"),
    ]
    # --select on the command line starts afresh, as in ruff (the config's ignore is dropped)
    selected = run(str(tmp_path / "src"), "--format", "json", "--select", "PG116")
    assert [r["code"] for r in json.loads(selected.stdout)] == ["PG116"]
    # an excluded file named explicitly is still checked
    assert run(str(tmp_path / "build_out" / "m.py")).returncode == 1


def test_a_relative_path_finds_the_pyproject_above_the_working_directory(
    tmp_path: Path,
) -> None:
    config = '[tool.pygloss]\nextend-select = ["PG103"]\nignore = ["PG116"]\n'
    (tmp_path / "pyproject.toml").write_text(config)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "m.py").write_text(BAD)
    result = run("m.py", "--format", "json", cwd=tmp_path / "src")
    assert [r["code"] for r in json.loads(result.stdout)] == ["PG101", "PG103"]


def test_unknown_selector_is_a_usage_error(project: Path) -> None:
    result = run(str(project), "--select", "PG9")
    assert result.returncode == 2
    assert result.stderr == "pygloss: error: --select: no rule matches 'PG9'\n"


def test_each_finding_shows_its_severity_and_hints_do_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "hint.py"
    path.write_text("items = list()\n")
    (tmp_path / "pyproject.toml").write_text(WITH_PG116)
    result = run(str(path))
    assert result.returncode == 0  # a hint is shown, and does not fail the check
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}:1:9: hint: PG116 `list()` builds an empty list: write `[]`"
    assert lines[-2:] == [
        "Found 1 problem: 1 hint (1 fixable with --fix).",
        "Hints do not fail the check (--fail-on information).",
    ]
    assert run(str(path), "--fail-on", "hint").returncode == 1
    assert run(str(path), "--fail-on", "hint", "--format", "json").returncode == 1


def test_fail_on_sets_the_threshold(project: Path) -> None:
    config = (
        '[project]\nname = "x"\n\n[tool.pygloss]\nextend-select = ["PG103"]\n'
        'severity = { PG103 = "error" }\n'
    )
    (project / "pyproject.toml").write_text(config)
    assert run(str(project), "--fail-on", "error").returncode == 1  # PG103
    (project / "bad.py").write_text("def f(x=[]):\n    x.append(1)\n")  # a warning only
    result = run(str(project), "--fail-on", "error")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "Warnings do not fail the check (--fail-on error)."
    assert run(str(project), "--fail-on", "warning").returncode == 1
    assert run(str(project), "--fail-on", "note").returncode == 2  # not a severity


BREAK_PG101 = """\
import sys
from pygloss.cli import main
from pygloss.rules.mutable_default import MutableDefault

def broken(self, node, ctx):
    raise AttributeError("a bug in the rule")
    yield

MutableDefault.check = broken
sys.exit(main(["check", "--no-cache", "--jobs", "1", *sys.argv[1:]]))
"""


def test_a_rule_that_raises_is_not_hidden_behind_all_checks_passed(tmp_path: Path) -> None:
    """The file is still checked by the other rules, but the run must not look clean:
    a note names the rule, the summary counts the file and the status is 2."""
    clean = tmp_path / "clean.py"
    clean.write_text("def f(x=[]):\n    x.append(1)\n    return x\n")
    script = tmp_path / "break.py"
    script.write_text(BREAK_PG101)
    result = subprocess.run(
        [sys.executable, "-P", str(script), str(clean)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result
    assert "All checks passed." not in result.stdout
    assert "1 file checked without a rule that failed on it" in result.stdout
    assert f"{clean}: rule PG101 failed: AttributeError: a bug in the rule" in result.stderr
    # the same file with the rule working: one finding, status 1
    assert run(str(clean), "--no-cache").returncode == 1
