"""The pre-commit hooks' definitions and ``--force-exclude`` (the hooks themselves run
in ``tests/e2e/test_pre_commit.py``)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from pygloss.cli import build_parser
from tests.conftest import ROOT


def test_each_hook_is_a_valid_check_command() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["pygloss", "pygloss-fix"]
    for hook in hooks:
        program, *argv = shlex.split(hook["entry"])
        assert program == "pygloss"
        args = build_parser().parse_args([*argv, "some_file.py"])
        assert args.command == "check" and args.force_exclude
        assert args.fix == (hook["id"] == "pygloss-fix") and not args.unsafe_fixes
        assert hook["language"] == "python" and hook["require_serial"] is True
        assert set(hook["types_or"]) == {"python", "pyi", "jupyter"}


def test_force_exclude_applies_exclude_to_named_files(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pygloss]\nexclude = ["gen/**"]\n')
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "made.py").write_text("def f(x=[]):\n    x.append(1)\n    return x\n")

    def check(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-P", "-m", "pygloss", "check", *extra, "gen/made.py"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    named = check("--no-cache")
    assert named.returncode == 1 and "PG101" in named.stdout  # named: checked, as ruff does
    forced = check("--no-cache", "--force-exclude")
    assert forced.returncode == 0 and forced.stdout == "All checks passed.\n"
