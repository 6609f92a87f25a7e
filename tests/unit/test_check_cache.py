"""The result cache of ``pygloss check``: same output from the cache as without it, a
changed file checked again alone, concurrent runs, damaged or foreign packs, ``clean``.

Nothing here is timed (``bench/check_stdlib.py --warm`` measures the cache); the
counts come from ``--verbose`` ("N files: C checked, H from the cache")."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pygloss.cli import check_cache
from pygloss.engine import result_cache
from pygloss.engine.result_cache import MAGIC, ResultCache, read_pack, trim
from pygloss.rules import _imports, _mocks
from tests.conftest import ROOT

BAD = "def collect(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n"
NONE = "def same(a):\n    return a == None\n"
CLEAN = "def double(x):\n    return 2 * x\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-P", "-m", "pygloss", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
    )


def counts(stderr: str) -> tuple[int, int]:
    """(checked, from the cache) from ``--verbose``."""
    checked, _, cached = all_counts(stderr)
    return checked, cached


def all_counts(stderr: str) -> tuple[int, int, int]:
    """(checked, skipped, from the cache) from ``--verbose``."""
    pattern = r"pygloss: \d+ files: (\d+) checked(?:, (\d+) skipped)?, (\d+) from the cache"
    match = re.search(pattern, stderr)
    assert match, stderr
    return int(match.group(1)), int(match.group(2) or 0), int(match.group(3))


def project(tmp_path: Path, files: int = 6) -> Path:
    # PG103 is off by default (Ruff's E711): NONE's finding needs it turned on
    config = '[project]\nname = "demo"\n\n[tool.pygloss]\nextend-select = ["PG103"]\n'
    (tmp_path / "pyproject.toml").write_text(config)
    for index in range(files):
        folder = tmp_path / f"pkg{index % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"m{index}.py").write_text((BAD, NONE, CLEAN)[index % 3])
    return tmp_path


def packs(root: Path) -> list[Path]:
    return sorted((root / ".pygloss_cache").glob("*/*.json"))


@pytest.mark.parametrize("format", ["text", "json", "github", "sarif"])
def test_a_warm_run_prints_what_a_cold_run_prints(tmp_path: Path, format: str) -> None:
    root = project(tmp_path)
    uncached = run("check", ".", "--format", format, "--no-cache", cwd=root)
    assert not (root / ".pygloss_cache").exists()  # --no-cache writes nothing
    cold = run("check", ".", "--format", format, "--verbose", cwd=root)
    warm = run("check", ".", "--format", format, "--verbose", cwd=root)
    assert counts(cold.stderr) == (6, 0)
    assert counts(warm.stderr) == (0, 6)
    assert uncached.returncode == cold.returncode == warm.returncode == 1
    assert uncached.stdout == cold.stdout == warm.stdout
    assert "PG101" in warm.stdout and "PG103" in warm.stdout


def test_changing_one_file_checks_that_file_again(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("check", ".", cwd=root)
    (root / "pkg2" / "m2.py").write_text(CLEAN + "x = 1\n")  # content changed
    result = run("check", ".", "--verbose", "--format", "json", cwd=root)
    assert counts(result.stderr) == (1, 5)
    (root / "pkg0" / "m0.py").write_text(CLEAN)  # a finding fixed by hand
    result = run("check", ".", "--verbose", "--format", "json", cwd=root)
    assert counts(result.stderr) == (1, 5)
    assert [f["path"] for f in json.loads(result.stdout)] == [
        "pkg0/m3.py",
        "pkg1/m1.py",
        "pkg1/m4.py",
    ]
    os.utime(root / "pkg1" / "m1.py", ns=(0, 0))  # touched, same bytes: still from the cache
    assert counts(run("check", ".", "--verbose", cwd=root).stderr) == (0, 6)


def test_a_skipped_file_is_counted_apart_from_the_checked_ones(tmp_path: Path) -> None:
    """A file pygloss cannot read is looked at again on every run (its note is said
    again) but is not checked: after one edit, --verbose says one file was checked."""
    root = project(tmp_path)
    (root / "pkg0" / "bad_coding.py").write_bytes(b"# -*- coding: uft-8 -*-\nx = 1\n")
    cold = run("check", ".", "--verbose", cwd=root)
    assert all_counts(cold.stderr) == (6, 1, 0)
    assert "bad_coding.py: bad encoding declaration" in cold.stderr
    (root / "pkg2" / "m2.py").write_text(CLEAN + "x = 1\n")
    warm = run("check", ".", "--verbose", cwd=root)
    assert all_counts(warm.stderr) == (1, 1, 5)
    assert "bad_coding.py: bad encoding declaration" in warm.stderr
    assert "1 file skipped" in warm.stdout


def test_the_key_holds_the_settings_and_the_path(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("check", ".", cwd=root)
    assert counts(run("check", ".", "--select", "PG101", "--verbose", cwd=root).stderr) == (6, 0)
    assert counts(run("check", ".", "--unsafe-fixes", "--verbose", cwd=root).stderr) == (6, 0)
    # the same files named another way: another path in every message
    result = run("check", "pkg0", "--verbose", "--format", "json", cwd=root)
    assert counts(result.stderr) == (2, 0)
    assert {f["path"] for f in json.loads(result.stdout)} == {"pkg0/m0.py", "pkg0/m3.py"}
    (root / "pyproject.toml").write_text('[tool.pygloss]\nignore = ["PG103"]\n')
    result = run("check", ".", "--verbose", "--format", "json", cwd=root)
    assert counts(result.stderr) == (6, 0)
    assert {f["code"] for f in json.loads(result.stdout)} == {"PG101"}


def test_the_folders_around_a_file_are_in_its_key(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("check", ".", cwd=root)
    (root / "pkg1" / "__init__.py").write_text("")  # pkg1's modules get a dotted name
    result = run("check", ".", "--verbose", cwd=root)
    assert counts(result.stderr) == (3, 4)  # pkg1's two modules and its new __init__.py
    (root / "pkg0" / "mock.py").write_text("")  # the backport rule looks for it
    assert counts(run("check", ".", "--verbose", cwd=root).stderr) == (3, 5)


def test_the_project_root_markers_are_the_rules_own() -> None:
    assert check_cache._IMPORTS_ROOT == _imports._ROOT_MARKERS
    assert check_cache._MOCKS_ROOT == _mocks.ROOT_MARKERS


# A rule whose result depends on a file other than the one checked must have that
# dependency in the key (check_cache.layout); these are the rule modules that look at the
# file system today.  A new one fails here until the cache key covers what it reads.
FILE_SYSTEM_READERS = {"_imports.py", "_mocks.py", "mock_backport_import.py"}
_FS_CALLS = {"exists", "is_file", "is_dir", "read_text", "read_bytes", "open", "stat", "scandir"}


def test_only_known_rule_modules_read_the_file_system() -> None:
    readers = set()
    for path in sorted((ROOT / "server" / "pygloss" / "rules").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in _FS_CALLS:
                    readers.add(path.name)
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n.split(".")[0] in ("os", "glob", "shutil") for n in names):
                    readers.add(path.name)
    assert readers == FILE_SYSTEM_READERS


def test_two_runs_at_once_on_the_same_tree(tmp_path: Path) -> None:
    root = project(tmp_path, files=90)
    expected = run("check", ".", "--format", "json", "--no-cache", cwd=root).stdout
    for attempt in range(3):
        result_cache.clean(root / ".pygloss_cache")
        both = [start("check", ".", "--format", "json", "--jobs", "1", cwd=root) for _ in range(2)]
        outputs = [p.communicate(timeout=300) for p in both]
        assert [p.returncode for p in both] == [1, 1], [err for _, err in outputs]
        assert [out for out, _ in outputs] == [expected, expected], attempt
        for pack in packs(root):  # every pack whole and sound
            entries, sound = read_pack(
                pack, json.loads(pack.read_bytes().partition(b"\n")[2])["folder"]
            )
            assert sound and entries
        assert not list((root / ".pygloss_cache").glob("*/*.tmp"))
        warm = run("check", ".", "--format", "json", "--verbose", cwd=root)
        assert warm.stdout == expected
        assert counts(warm.stderr)[1] > 0


def test_a_pack_truncated_mid_way_is_ignored_and_rewritten(tmp_path: Path) -> None:
    root = project(tmp_path)
    expected = run("check", ".", "--format", "json", cwd=root).stdout
    (pack,) = [p for p in packs(root) if b"m0.py" in p.read_bytes()]
    whole = pack.read_bytes()
    pack.write_bytes(whole[: len(whole) // 2])
    result = run("check", ".", "--format", "json", "--verbose", cwd=root)
    assert result.stdout == expected
    assert counts(result.stderr) == (2, 4)  # the two files of that folder
    assert pack.read_bytes() == whole  # rewritten whole
    assert counts(run("check", ".", "--verbose", cwd=root).stderr) == (0, 6)


def test_a_fifo_committed_as_a_pack_is_not_read(tmp_path: Path) -> None:
    """A cloned repository's ``.pygloss_cache`` is the repository's: a pack that is a
    FIFO (opening it for reading would wait for a writer forever) is passed over."""
    root = project(tmp_path)
    expected = run("check", ".", "--format", "json", cwd=root).stdout
    (pack,) = [p for p in packs(root) if b"m0.py" in p.read_bytes()]
    pack.unlink()
    os.mkfifo(pack)
    result = run("check", ".", "--format", "json", "--verbose", cwd=root)
    assert result.stdout == expected
    assert counts(result.stderr) == (2, 4)  # the two files of that folder, checked again


@pytest.mark.parametrize(
    "damage",
    ["empty", "flipped-byte", "not-ours", "other-folder", "bad-report", "huge-line-number"],
)
def test_a_damaged_or_foreign_pack_is_never_trusted(tmp_path: Path, damage: str) -> None:
    root = project(tmp_path)
    expected = run("check", ".", "--format", "json", cwd=root).stdout
    (pack,) = [p for p in packs(root) if b"m0.py" in p.read_bytes()]
    header, _, body = pack.read_bytes().partition(b"\n")
    data = json.loads(body)
    if damage == "empty":
        pack.write_bytes(b"")
    elif damage == "flipped-byte":
        changed = bytearray(body)
        changed[len(changed) // 2] ^= 0x01
        pack.write_bytes(header + b"\n" + bytes(changed))
    elif damage == "not-ours":
        pack.write_text('{"folder": "x", "entries": {}}')
    else:
        if damage == "other-folder":
            data["folder"] = str(root / "elsewhere")
        for entry in data["entries"].values():
            if damage == "bad-report":
                entry["result"]["findings"] = [{"path": "evil.py"}]
            elif damage == "huge-line-number":
                for finding in entry["result"]["findings"]:
                    finding["line"] = "1; rm -rf /"
        body = json.dumps(data).encode()
        import hashlib

        pack.write_bytes(f"{MAGIC} 1 {hashlib.sha256(body).hexdigest()}\n".encode() + body)
    result = run("check", ".", "--format", "json", "--verbose", cwd=root)
    assert result.returncode == 1, result.stderr
    assert result.stdout == expected
    assert counts(result.stderr) == (2, 4)
    assert counts(run("check", ".", "--verbose", cwd=root).stderr) == (0, 6)  # rewritten


def test_fix_and_standard_input_bypass_the_cache(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("check", ".", cwd=root)
    assert counts(run("check", ".", "--diff", "--verbose", cwd=root).stderr) == (6, 0)
    fixed = run("check", ".", "--fix", "--unsafe-fixes", "--verbose", cwd=root)
    assert counts(fixed.stderr) == (6, 0)
    after = run("check", ".", "--verbose", "--unsafe-fixes", cwd=root)
    assert "All checks passed." in after.stdout


def test_an_unwritable_cache_folder_means_no_cache(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "blocker").write_text("a file where the cache folder would be")
    result = run("check", ".", "--cache-dir", "blocker/cache", "--verbose", cwd=root)
    assert result.returncode == 1
    assert "from the cache (not used)" in result.stderr


def test_cache_dir_from_the_setting_the_option_and_the_environment(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "pyproject.toml").write_text('[tool.pygloss]\ncache-dir = "build/pg"\n')
    sub = root / "pkg0"
    run("check", ".", cwd=sub)  # the pyproject.toml above the current folder
    assert list((root / "build" / "pg").glob("*/*.json"))
    assert (root / "build" / "pg" / ".gitignore").read_text().endswith("*\n")
    run("check", ".", "--cache-dir", "../opt", cwd=sub)
    assert list((root / "opt").glob("*/*.json"))
    env = {**os.environ, "PYGLOSS_CACHE_DIR": str(root / "env")}
    subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "check", "."], cwd=root, env=env, check=False
    )
    assert list((root / "env").glob("*/*.json"))


def test_clean_removes_only_what_pygloss_wrote(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("check", ".", cwd=root)
    assert packs(root)
    result = run("clean", cwd=root / "pkg1")
    assert result.stdout == f"Removed the cache in {root / '.pygloss_cache'}\n"
    assert not (root / ".pygloss_cache").exists()
    assert run("clean", cwd=root).stdout.startswith("No cache in ")
    mine = root / "mine"
    (mine / "2024").mkdir(parents=True)
    (mine / "2024" / "report.json").write_text("{}")
    (mine / "notes.txt").write_text("keep")
    run("check", ".", "--cache-dir", "mine", cwd=root)
    assert list(mine.glob("0*/*.json"))
    assert not (mine / ".gitignore").exists()  # a folder of the user's: no .gitignore in it
    run("clean", "--cache-dir", "mine", cwd=root)
    assert sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*")) == [
        "2024",
        "2024/report.json",
        "notes.txt",
    ]


def test_the_cache_is_bounded(tmp_path: Path) -> None:
    for index in range(6):
        cache = ResultCache.open(tmp_path / "c", "1.0")
        assert cache is not None
        folder = tmp_path / f"src{index}"
        cache.store(str(folder / "a.py"), "k", {"findings": [], "lines": [], "pad": "x" * 1000})
        cache.flush()
        pack = next(p for p in cache.folder.glob("*.json") if str(folder) in p.read_text())
        os.utime(pack, (index, index))  # oldest first
    (cache.folder / ".old.json.123.tmp").write_text("")
    os.utime(cache.folder / ".old.json.123.tmp", (0, 0))
    sizes = sorted(p.stat().st_size for p in cache.folder.glob("*.json"))
    removed = trim(tmp_path / "c", limit=sum(sizes[:3]))
    left = sorted(cache.folder.glob("*.json"))
    assert removed == sum(sizes[:3]) and len(left) == 3
    assert all(f"src{i}" not in p.read_text() for p in left for i in range(3))
    assert not list(cache.folder.glob("*.tmp"))


def test_skipped_files_are_counted_and_all_checks_passed_is_not_said(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pygloss]\nmax-file-size = 100\n")
    (tmp_path / "small.py").write_text(CLEAN)
    (tmp_path / "big.py").write_text(CLEAN * 10)
    (tmp_path / "binary.py").write_bytes(b"\0\1\2")
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert "All checks passed." not in result.stdout
    assert result.stdout.splitlines() == [
        "No problems found in the files checked.",
        "1 file skipped: larger than max-file-size (see the notes above).",
        "1 file skipped: not readable as Python source (see the notes above).",
    ]
    (tmp_path / "dirty.py").write_text(BAD)
    result = run("check", ".", cwd=tmp_path)
    assert result.stdout.splitlines()[-2:] == [
        "1 file skipped: larger than max-file-size (see the notes above).",
        "1 file skipped: not readable as Python source (see the notes above).",
    ]
