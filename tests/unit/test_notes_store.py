"""Finding, reading and caching notes files — and bad notes, which never raise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pygloss.engine.notes import NotesIndex, NotesSpec

GOOD = "# Gather\n\n```python\nimport asyncio\nasyncio.gather()\n```\n"


class Warnings(list[str]):
    def __call__(self, message: str) -> None:
        self.append(message)


@pytest.fixture
def warnings() -> Warnings:
    return Warnings()


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _headings(index: NotesIndex, spec: NotesSpec) -> list[str]:
    return [s.heading for f in index.files(spec) for s in f.sections]


def test_relative_paths_and_globs_start_at_the_root(tmp_path: Path, warnings: Warnings) -> None:
    _write(tmp_path / "docs" / "a.md", "# A\n")
    _write(tmp_path / "wiki" / "x" / "b.md", "# B\n")
    _write(tmp_path / "wiki" / "c.md", "# C\n")
    _write(tmp_path / "wiki" / "d.txt", "# D\n")
    index = NotesIndex(warn=warnings)
    spec = NotesSpec(("docs/a.md", "wiki/**/*.md"), str(tmp_path))
    assert _headings(index, spec) == ["A", "C", "B"]
    assert warnings == []


def test_home_is_expanded(
    tmp_path: Path, warnings: Warnings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    _write(tmp_path / "notes.md", "# Home\n")
    assert _headings(NotesIndex(warn=warnings), NotesSpec(("~/notes.md",), "/elsewhere")) == [
        "Home"
    ]


def test_a_file_is_indexed_once_per_version(tmp_path: Path, warnings: Warnings) -> None:
    path = _write(tmp_path / "n.md", GOOD)
    index = NotesIndex(warn=warnings)
    first = index.file(str(path))
    assert index.file(str(path)) is first
    _write(path, GOOD.replace("# Gather", "# Gathered!"))
    os.utime(path, ns=(1, 1))  # even with an old mtime: the size changed
    assert index.file(str(path)).sections[0].heading == "Gathered!"  # type: ignore[union-attr]


def test_files_changed_drops_the_file_even_with_the_same_size_and_mtime(
    tmp_path: Path, warnings: Warnings
) -> None:
    path = _write(tmp_path / "n.md", "# AAAA\n")
    stamp = path.stat().st_mtime_ns
    index = NotesIndex(warn=warnings)
    assert index.file(str(path)).sections[0].heading == "AAAA"  # type: ignore[union-attr]
    _write(path, "# BBBB\n")
    os.utime(path, ns=(stamp, stamp))
    assert index.file(str(path)).sections[0].heading == "AAAA"  # type: ignore[union-attr]
    assert index.files_changed([str(path)]) is True
    assert index.file(str(path)).sections[0].heading == "BBBB"  # type: ignore[union-attr]
    assert index.files_changed([str(tmp_path / "unrelated.py")]) is False


def test_a_new_file_matching_a_glob_is_found_after_a_change(
    tmp_path: Path, warnings: Warnings
) -> None:
    _write(tmp_path / "wiki" / "a.md", "# A\n")
    index = NotesIndex(warn=warnings)
    spec = NotesSpec(("wiki/*.md",), str(tmp_path))
    assert _headings(index, spec) == ["A"]
    new = _write(tmp_path / "wiki" / "b.md", "# B\n")
    assert index.files_changed([str(new)]) is True
    assert _headings(index, spec) == ["A", "B"]


BAD = [
    pytest.param(None, "missing.md", "no such file", id="missing"),
    pytest.param("dir", "folder", "is a directory", id="directory"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.md", "binary file", id="binary"),
    pytest.param("big", "huge.md", "MB is over the 4 MB limit", id="20-MB"),
]


@pytest.mark.parametrize(("content", "name", "message"), BAD)
def test_bad_notes_warn_once_naming_the_file_and_the_rest_still_works(
    tmp_path: Path, warnings: Warnings, content: str | bytes | None, name: str, message: str
) -> None:
    bad = tmp_path / name
    if content == "dir":
        bad.mkdir()
    elif content == "big":
        with open(bad, "wb") as handle:
            handle.truncate(20 * 1024 * 1024)
    elif content is not None:
        _write(bad, content)
    _write(tmp_path / "good.md", GOOD)
    index = NotesIndex(warn=warnings)
    spec = NotesSpec((name, "good.md"), str(tmp_path))
    for _ in range(3):
        assert _headings(index, spec) == ["Gather"]
    assert len(warnings) == 1
    assert message in warnings[0] and str(bad) in warnings[0]


def test_invalid_utf8_is_indexed_with_replacement_characters(
    tmp_path: Path, warnings: Warnings
) -> None:
    path = _write(tmp_path / "latin1.md", "# Caf\xe9\n\n`asyncio.gather()`\n".encode("latin-1"))
    index = NotesIndex(warn=warnings)
    notes = index.file(str(path))
    index.file(str(path))
    assert notes is not None and notes.sections[0].heading == "Caf\ufffd"
    assert notes.sections[0].own[("name", "asyncio.gather")] == {"inline": 1}
    assert warnings == [f"notes: {path}:1: not valid UTF-8 (byte 5); undecodable bytes replaced"]


def test_unterminated_fence_warns_and_keeps_the_sections_before(
    tmp_path: Path, warnings: Warnings
) -> None:
    path = _write(tmp_path / "open.md", GOOD + "\n# Open\n\n```python\nimport os\nos.getcwd()\n")
    notes = NotesIndex(warn=warnings).file(str(path))
    assert notes is not None and [s.heading for s in notes.sections] == ["Gather", "Open"]
    assert notes.sections[1].own[("name", "os.getcwd")] == {"code": 1}
    assert warnings == [
        f"notes: {path}:10: code fence is never closed; it runs to the end of the file"
    ]


def test_a_block_that_does_not_parse_warns_once_for_the_file(
    tmp_path: Path, warnings: Warnings
) -> None:
    text = GOOD + "\n```python\ndef broken(:\n```\n\n```python\nclass (\n```\n"
    path = _write(tmp_path / "frag.md", text)
    index = NotesIndex(warn=warnings)
    index.file(str(path))
    index.file(str(path))
    assert warnings == [
        f"notes: {path}: 2 python code block(s) do not parse (line 8, 12); "
        "indexed by the dotted names they contain"
    ]


def test_a_glob_matching_nothing_and_a_relative_path_without_root_warn(
    warnings: Warnings, tmp_path: Path
) -> None:
    index = NotesIndex(warn=warnings)
    assert index.files(NotesSpec(("wiki/**/*.md",), str(tmp_path))) == []
    assert index.files(NotesSpec(("notes.md",), None)) == []
    assert warnings == [
        f"notes: 'wiki/**/*.md' matches no file under {tmp_path}",
        "notes: 'notes.md' is relative but there is no workspace root; skipped",
    ]


def test_an_indexing_failure_is_a_warning(tmp_path: Path, warnings: Warnings) -> None:
    def broken(source: object, imports: object) -> dict[str, int]:
        raise RuntimeError("boom")

    path = _write(tmp_path / "n.md", GOOD)
    assert NotesIndex(warn=warnings, kinds_of=broken).file(str(path)) is None
    assert warnings == [f"notes: {path}: could not be indexed (RuntimeError('boom')); skipped"]
