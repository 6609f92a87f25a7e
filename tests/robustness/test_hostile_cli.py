"""``pygloss check`` on a workspace built to hurt it: special files in the walk, an
unreadable folder, a ``pyproject.toml`` that breaks the TOML parser, ten thousand
``per-file-ignores``, and ``--fix`` racing an edit or meeting a read-only file.

Each case is what a cloned repository (or a user's editor) can do; each process is
capped in memory and time (:mod:`tests.robustness.hostile`).  Exit statuses: 1 when
problems are reported, 2 when something could not be checked or fixed, never a
traceback.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pygloss.cli import main
from tests.robustness.hostile import nest, run_cli, without_dac_override

BAD = "def f(x=[]):\n    x.append(1)\n    return x\n"
FIXABLE = "items = list()\n"  # PG116's fix; the rule is off by default (Ruff's C408)
OPT_IN = ("--extend-select", "PG116")


def no_traceback(result: object) -> None:
    assert "Traceback" not in result.stderr, result.stderr  # type: ignore[attr-defined]


def test_special_files_in_the_walk_are_skipped_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(BAD)
    (tmp_path / "zero.py").symlink_to("/dev/zero")  # endless: read until MemoryError before
    (tmp_path / "urandom.py").symlink_to("/dev/urandom")
    os.mkfifo(tmp_path / "fifo.py")  # blocks open() forever before
    result = run_cli("check", ".", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert "good.py:1:9: warning: PG101" in result.stdout
    notes = result.stderr.splitlines()
    assert "pygloss: note: fifo.py: not a regular file (a FIFO); skipped" in notes
    assert "pygloss: note: zero.py: not a regular file (a character device); skipped" in notes
    assert "pygloss: note: urandom.py: not a regular file (a character device); skipped" in notes


def test_an_unreadable_folder_is_reported_and_the_rest_checked(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(BAD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.py").write_text(BAD)
    (tmp_path / "z.py").write_text(BAD)
    locked.chmod(0)
    try:
        result = run_cli("check", ".", cwd=tmp_path, prefix=without_dac_override())
    finally:
        locked.chmod(stat.S_IRWXU)
    no_traceback(result)
    assert result.returncode == 2, result.stderr
    assert (
        "a.py:1:9: warning: PG101" in result.stdout and "z.py:1:9: warning: PG101" in result.stdout
    )
    assert "pygloss: note: locked: cannot list the folder: Permission denied" in result.stderr
    assert result.stderr.rstrip().endswith(
        "pygloss: 1 path could not be checked or fixed (see the notes above)"
    )


def test_a_pyproject_that_breaks_the_toml_parser_means_defaults_and_one_note(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.pygloss]\nselect = ["PG102"]\n\n[tool.other]\nx = {nest(600)}\n'
    )
    (tmp_path / "m.py").write_text(BAD)
    result = run_cli("check", ".", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2  # could not check as configured: not 1, "problems found"
    assert "m.py:1:9: warning: PG101" in result.stdout  # the defaults applied
    pyproject = tmp_path / "pyproject.toml"
    assert result.stderr.splitlines()[0] == (
        f"pygloss: note: {pyproject}: cannot read: nested too deeply to parse; using the defaults"
    )
    explained = run_cli("explain", "m.py:1:7", cwd=tmp_path)
    no_traceback(explained)
    assert explained.returncode == 0, explained.stderr


def test_per_file_ignores_are_matched_once_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    globs = "\n".join(f'"nowhere{i}/**" = ["PG101"]' for i in range(300))
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.pygloss.per-file-ignores]\n{globs}\n"skip_*.py" = ["PG101"]\n'
    )
    for i in range(10):
        (tmp_path / f"keep_{i}.py").write_text(BAD)
        (tmp_path / f"skip_{i}.py").write_text(BAD)
    resolved: list[Path] = []
    real_resolve = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        resolved.append(self)
        return real_resolve(self, strict)

    monkeypatch.setattr(Path, "resolve", counting)
    assert main(["check", str(tmp_path), "--jobs", "1", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert out.count('"code": "PG101"') == 10 and "skip_" not in out
    # each file's path is resolved once (relative to the project), not per rule and glob
    assert len(resolved) <= 20, len(resolved)


def test_ten_thousand_per_file_ignores_stay_linear(tmp_path: Path) -> None:
    globs = "\n".join(f'"nowhere{i}/**" = ["PG101"]' for i in range(10_000))
    (tmp_path / "pyproject.toml").write_text(f"[tool.pygloss.per-file-ignores]\n{globs}\n")
    for i in range(20):
        (tmp_path / f"m{i}.py").write_text(BAD)
    result = run_cli("check", ".", "--format", "json", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1 and result.stdout.count('"code": "PG101"') == 20


def test_fix_keeps_an_edit_made_while_it_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pygloss.cli import check_files

    edited, other = tmp_path / "edited.py", tmp_path / "other.py"
    edited.write_text(FIXABLE)
    other.write_text(FIXABLE)
    real_check = check_files.check_file

    def check_then_edit(job: check_files.FileJob) -> check_files.FileReport:
        report = real_check(job)  # read and fixed in memory; now the user saves an edit
        if job.path == str(edited):
            edited.write_text(FIXABLE + "# the user's edit\n")
        return report

    monkeypatch.setattr(check_files, "check_file", check_then_edit)
    status = main(["check", str(tmp_path), "--fix", "--unsafe-fixes", "--jobs", "1", *OPT_IN])
    err = capsys.readouterr().err
    assert status == 2
    assert edited.read_text() == FIXABLE + "# the user's edit\n"  # nothing lost
    assert other.read_text() == "items = []\n"  # the other file is fixed
    assert f"{edited}: changed since it was read; not fixed (run pygloss again)" in err


def test_fix_reports_a_read_only_file_and_fixes_the_others(tmp_path: Path) -> None:
    (tmp_path / "a_locked.py").write_text(FIXABLE)
    (tmp_path / "b_open.py").write_text(FIXABLE)
    (tmp_path / "a_locked.py").chmod(0o444)
    result = run_cli(
        "check",
        ".",
        "--fix",
        "--unsafe-fixes",
        *OPT_IN,
        cwd=tmp_path,
        prefix=without_dac_override(),
    )
    no_traceback(result)
    assert result.returncode == 2
    assert "pygloss: note: a_locked.py: read-only; not fixed" in result.stderr
    assert (tmp_path / "a_locked.py").read_text() == FIXABLE
    assert (tmp_path / "b_open.py").read_text() == "items = []\n"
    assert stat.S_IMODE((tmp_path / "a_locked.py").stat().st_mode) == 0o444


def test_spawned_workers_import_nothing_from_the_checked_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where workers are spawned (macOS, Windows), each runs ``python -c`` in the
    working directory: a ``multiprocessing.py`` there must not be imported."""
    import concurrent.futures
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    marker = tmp_path / "ran"
    project = tmp_path / "project"
    project.mkdir()
    for name in ("multiprocessing", "concurrent", "pickle"):
        (project / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write('{name}')\n")
    for i in range(8):
        (project / f"m{i}.py").write_text(BAD)
    monkeypatch.chdir(project)
    monkeypatch.delenv("PYTHONSAFEPATH", raising=False)
    spawn = multiprocessing.get_context("spawn")

    def spawned(*args: object, **kwargs: object) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(*args, mp_context=spawn, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spawned)
    assert main(["check", ".", "--jobs", "2", "--format", "json"]) == 1
    assert capsys.readouterr().out.count('"code": "PG101"') == 8
    assert not marker.exists(), marker.read_text()
