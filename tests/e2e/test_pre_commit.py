"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by pre-commit itself.

``pre-commit try-repo`` installs this checkout (its working tree, uncommitted changes
included) into a fresh environment of its own, as ``repo: https://...`` does for users,
and runs a hook on a small git repository: ``pygloss`` reports and fails the commit,
``pygloss-fix`` applies the safe fixes and fails because it changed files, and a file
that ``exclude`` names is left alone although pre-commit names it.  Slow: the
environment is built from PyPI (pygls, jedi, libcst, ...) once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PYPROJECT = '[project]\nname = "shop"\n\n[tool.pygloss]\nexclude = ["vendored/**"]\n'
ORDERS = (
    "from dataclasses import dataclass\n\n\n"
    "def place_order(customer, history=[]):\n"
    "    history.append(customer)\n"
    "    return history\n\n\n"
    "@dataclass\n"
    "class Cart:\n"
    "    items: list[str] = []\n"
)
FIXED = ORDERS.replace("import dataclass\n", "import dataclass, field\n").replace(
    "= []\n", "= field(default_factory=list)\n"
)
VENDORED = "def legacy(items=[]):\n    return items\n"
CLEAN = "def total(prices):\n    return sum(prices)\n"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def try_repo(hook: str, repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def small_repo(path: Path) -> Path:
    (path / "shop").mkdir(parents=True)
    (path / "vendored").mkdir()
    (path / "pyproject.toml").write_text(PYPROJECT)
    (path / "shop" / "orders.py").write_text(ORDERS)
    (path / "shop" / "prices.py").write_text(CLEAN)
    (path / "vendored" / "legacy.py").write_text(VENDORED)
    (path / "README.md").write_text("a shop\n")
    git("init", "-q", cwd=path)
    git("add", ".", cwd=path)
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x", cwd=path)
    return path


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_pygloss_hook_reports_and_fails(tmp_path: Path, home: Path) -> None:
    repo = small_repo(tmp_path / "repo")
    result = try_repo("pygloss", repo, home)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "pygloss" in out and "Failed" in out
    assert "shop/orders.py:4:35: warning: PG101 Mutable default `[]` for `history`" in out
    assert "shop/orders.py:11:24: warning: PG111" in out
    assert "vendored" not in out  # exclude holds for files pre-commit names
    assert (repo / "shop" / "orders.py").read_text() == ORDERS  # the check changes nothing


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_fix_hook_applies_safe_fixes_only(tmp_path: Path, home: Path) -> None:
    repo = small_repo(tmp_path / "repo")
    result = try_repo("pygloss-fix", repo, home)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "files were modified by this hook" in out
    fixed = (repo / "shop" / "orders.py").read_text()
    assert fixed == FIXED  # PG111's safe fix; PG101's is unsafe: reported, not applied
    assert "PG101" in out
    assert (repo / "vendored" / "legacy.py").read_text() == VENDORED
    again = try_repo("pygloss-fix", repo, home)  # nothing left to fix; PG101 still fails
    assert again.returncode == 1 and "files were modified" not in again.stdout
