"""pygloss.files: the bounded reader, the walk, the glob and the safe write.

Each hostile path a workspace can commit or a setting can name is read here
directly: devices, FIFOs, sockets, the process's own descriptors, symlink loops,
files over the limit.  Nothing may block, raise or read without bound.
"""

from __future__ import annotations

import glob
import os
import socket
import stat
from pathlib import Path

import pytest

from pygloss.files import (
    GlobLimits,
    Stamp,
    Unreadable,
    glob_files,
    iter_python_files,
    read_bytes,
    read_head,
    read_source_file,
    walk,
    write_if_unchanged,
)

LIMIT = 1_000_000


def special_paths(tmp_path: Path) -> dict[str, Path]:
    """A FIFO, a socket, symlinks to devices and to the process's descriptors, a loop."""
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    made = {"fifo": fifo}
    for name, target in {
        "zero": "/dev/zero",
        "urandom": "/dev/urandom",
        "stdin": "/dev/stdin",
        "stdout": "/dev/stdout",
        "fd0": "/proc/self/fd/0",
        "fd1": "/proc/self/fd/1",
    }.items():
        link = tmp_path / f"{name}.md"
        link.symlink_to(target)
        made[name] = link
    loop_a, loop_b = tmp_path / "loop_a.md", tmp_path / "loop_b.md"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    made["loop"] = loop_a
    sock = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    made["socket"] = sock
    made["folder"] = tmp_path
    return made


@pytest.mark.timeout(30)
def test_only_regular_files_are_read(tmp_path: Path) -> None:
    paths = special_paths(tmp_path / "x" if (tmp_path / "x").mkdir() is None else tmp_path)
    for name, path in paths.items():
        result = read_bytes(path, LIMIT)
        assert isinstance(result, Unreadable), name
        if name in ("loop",):
            assert result.error and "symlink loop" in result.reason
        elif name == "folder":
            assert not result.error and "is a directory" in result.reason
        elif name in ("stdin", "stdout", "fd0", "fd1"):  # however they are redirected
            assert "not a regular file" in result.reason or "own standard" in result.reason
        else:
            assert not result.error and "not a regular file" in result.reason, (name, result)
        head = read_head(path, 100)
        assert isinstance(head, Unreadable), name


def test_the_kind_of_special_file_is_named(tmp_path: Path) -> None:
    paths = special_paths(tmp_path)
    assert "(a FIFO)" in read_bytes(paths["fifo"], LIMIT).reason  # type: ignore[union-attr]
    assert "(a character device)" in read_bytes(paths["zero"], LIMIT).reason  # type: ignore[union-attr]
    assert "(a socket)" in read_bytes(paths["socket"], LIMIT).reason  # type: ignore[union-attr]


def test_size_limit_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2000)
    assert read_bytes(big, 2000) == b"x" * 2000
    over = read_bytes(big, 1999)
    assert isinstance(over, Unreadable) and over.too_large and not over.error
    assert read_head(big, 10) == b"x" * 10
    missing = read_bytes(tmp_path / "missing.md", LIMIT)
    assert isinstance(missing, Unreadable) and missing.error
    assert "No such file" in missing.reason
    assert isinstance(read_bytes("a\0b", LIMIT), Unreadable)


def test_proc_sys_and_the_own_streams_are_refused(tmp_path: Path) -> None:
    for path in ("/proc/self/maps", "/proc/self/environ", "/sys/kernel/notes"):
        result = read_bytes(path, LIMIT)
        assert isinstance(result, Unreadable) and "/proc or /sys" in result.reason, path
    log = tmp_path / "stdout.log"  # the process's standard output redirected to a file
    with open(log, "wb") as out:
        saved = os.dup(1)
        os.dup2(out.fileno(), 1)
        try:
            result = read_bytes(tmp_path / "stdout.log", LIMIT)
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    assert isinstance(result, Unreadable)
    assert result.reason == "is this process's own standard output; skipped"


def test_a_file_longer_than_its_size_said_is_still_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grows.md"
    path.write_bytes(b"x" * 100)
    real_stat = os.stat

    def says_empty(p: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(p, *args, **kwargs)  # type: ignore[arg-type]
        return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:]))

    monkeypatch.setattr(os, "stat", says_empty)
    result = read_bytes(path, 10)
    assert isinstance(result, Unreadable) and result.too_large


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.py"
    secret.write_text("x = 1\n")
    real_open = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == secret:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    result = read_bytes(secret, LIMIT)
    assert isinstance(result, Unreadable) and result.error
    assert result.reason == "Permission denied"


def test_source_file_has_its_encoding_and_stamp(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"\xef\xbb\xbfx = 1\r\n")
    found = read_source_file(path, 100)
    assert not isinstance(found, Unreadable)
    assert (found.text, found.encoding) == ("x = 1\r\n", "utf-8-sig")
    assert found.stamp == Stamp.of(path.read_bytes(), path.stat().st_mtime_ns)
    over = read_source_file(path, 3)
    assert isinstance(over, Unreadable) and "larger than max-file-size (3)" in over.reason


# -- walk ---------------------------------------------------------------------------
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "a.py").write_text("")
    (root / "pkg" / "b.py").write_text("")
    (root / "pkg" / "sub" / "c.pyi").write_text("")
    (root / "pkg" / "notes.md").write_text("")
    (root / ".git").mkdir()
    (root / ".git" / "hook.py").write_text("")
    (root / "venvdir").mkdir()
    (root / "venvdir" / "pyvenv.cfg").write_text("")
    (root / "venvdir" / "v.py").write_text("")
    return root


def test_python_files_in_the_order_of_os_walk(tmp_path: Path) -> None:
    root = tree(tmp_path)
    found = [p.relative_to(root).as_posix() for p in iter_python_files(root)]
    assert found == ["a.py", "pkg/b.py", "pkg/sub/c.pyi"]


def test_symlink_loops_are_entered_once(tmp_path: Path) -> None:
    root = tree(tmp_path)
    (root / "pkg" / "x").symlink_to(".")
    (root / "pkg" / "y").symlink_to("..")
    problems: list[Unreadable] = []
    found = list(iter_python_files(root, problems))  # not followed at all
    assert len(found) == 3 and problems == []
    followed = [e.parts for e in walk(root, follow_symlinks=True, problems=problems)]
    assert len(followed) == len(set(followed)) == 7  # every real file once
    assert problems == []


def test_special_files_are_yielded_for_the_reader_to_refuse(tmp_path: Path) -> None:
    root = tree(tmp_path)
    os.mkfifo(root / "fifo.py")
    (root / "zero.py").symlink_to("/dev/zero")
    found = {p.name: p for p in iter_python_files(root)}
    for name in ("fifo.py", "zero.py"):
        result = read_source_file(found[name], 2_000_000)
        assert isinstance(result, Unreadable) and "not a regular file" in result.reason


def test_an_unreadable_folder_is_reported_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "pkg":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    problems: list[Unreadable] = []
    found = [p.name for p in iter_python_files(root, problems)]
    assert found == ["a.py"]
    assert problems == [
        Unreadable(root / "pkg", "cannot list the folder: Permission denied", error=True)
    ]


def test_depth_cap(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(12):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.py").write_text("")
    from pygloss.files import WalkLimits

    problems: list[Unreadable] = []
    assert list(walk(tmp_path, limits=WalkLimits(max_depth=5), problems=problems)) == []
    assert len(problems) == 1 and "deeper than 5 folders" in problems[0].reason
    assert len(list(walk(tmp_path, limits=WalkLimits(max_depth=12)))) == 1


# -- glob ---------------------------------------------------------------------------
GLOBS = [
    "**/*.md",
    "*.md",
    "docs/*.md",
    "docs/**/*.md",
    "docs/**",
    "**/notes/*.md",
    "d?cs/[a-c]*.md",
    "docs/**/deep/**/*.md",
    ".hidden/*.md",
    "**/.hidden/*.md",
    "docs",
    "nothing/**/*.md",
]


def notes_tree(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    for name in (
        "top.md",
        "docs/a.md",
        "docs/b.md",
        "docs/z.txt",
        "docs/notes/n.md",
        "docs/x/deep/y/d.md",
        "docs/.hidden/h.md",
        ".hidden/h.md",
        "other/notes/o.md",
    ):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)
    return root


@pytest.mark.parametrize("pattern", GLOBS)
def test_glob_agrees_with_the_standard_library(tmp_path: Path, pattern: str) -> None:
    root = notes_tree(tmp_path)
    absolute = str(root / pattern)
    expected = sorted(p for p in glob.glob(absolute, recursive=True) if os.path.isfile(p))
    found, warnings = glob_files(absolute)
    assert (found, warnings) == (expected, [])


@pytest.mark.timeout(60)
def test_glob_over_two_symlinks_to_the_folder_is_finite(tmp_path: Path) -> None:
    root = notes_tree(tmp_path)
    (root / "docs" / "x2").symlink_to(".")
    (root / "docs" / "y2").symlink_to(".")
    found, warnings = glob_files(str(root / "docs" / "**" / "*.md"))
    assert [Path(p).name for p in found] == ["a.md", "b.md", "n.md", "d.md"]
    assert warnings == []


def test_glob_caps_files_folders_and_depth(tmp_path: Path) -> None:
    root = tmp_path / "many"
    for i in range(30):
        (root / f"f{i:02}").mkdir(parents=True)
        (root / f"f{i:02}" / "n.md").write_text("")
    found, warnings = glob_files(str(root / "**" / "*.md"), GlobLimits(max_files=10))
    assert len(found) == 10 and warnings == [
        "matches more than 10 files; only the first 10 found are used"
    ]
    found, warnings = glob_files(str(root / "**" / "*.md"), GlobLimits(max_dirs=5))
    assert len(found) == 4 and len(warnings) == 1 and "over 5 folders" in warnings[0]
    deep = root / "f00" / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (deep / "d.md").write_text("")
    found, warnings = glob_files(str(root / "f00" / "**" / "*.md"), GlobLimits(max_depth=2))
    assert len(found) == 1 and "deeper than 2 folders" in warnings[0]


def test_glob_never_returns_special_files(tmp_path: Path) -> None:
    root = notes_tree(tmp_path)
    os.mkfifo(root / "docs" / "fifo.md")
    (root / "docs" / "zero.md").symlink_to("/dev/zero")
    found, _ = glob_files(str(root / "docs" / "*.md"))
    assert [Path(p).name for p in found] == ["a.md", "b.md"]


# -- write --------------------------------------------------------------------------
def read_for_fix(path: Path) -> Stamp:
    found = read_source_file(path)
    assert not isinstance(found, Unreadable)
    return found.stamp


def test_write_keeps_mode_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\r\ny = 2\r\n")
    path.chmod(0o751)
    stamp = read_for_fix(path)
    assert write_if_unchanged(path, "x = 3\r\ny = 2\r\n", "utf-8", stamp) is None
    assert path.read_bytes() == b"x = 3\r\ny = 2\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert [p.name for p in tmp_path.iterdir()] == ["m.py"]  # no temporary file left


def test_an_edit_made_after_the_read_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("x = 1\n")
    stamp = read_for_fix(path)
    path.write_text("x = 1\n# the user's edit\n")
    assert write_if_unchanged(path, "x = 2\n", "utf-8", stamp) == (
        "changed since it was read; not fixed (run pygloss again)"
    )
    assert path.read_text() == "x = 1\n# the user's edit\n"
    same_size = tmp_path / "n.py"
    same_size.write_text("x = 1\n")
    stamp = read_for_fix(same_size)
    os.utime(same_size, ns=(stamp.mtime_ns, stamp.mtime_ns))
    same_size.write_text("x = 9\n")  # same size...
    os.utime(same_size, ns=(stamp.mtime_ns, stamp.mtime_ns))  # ... and the same mtime
    assert write_if_unchanged(same_size, "x = 2\n", "utf-8", stamp) is not None  # the hash
    assert same_size.read_text() == "x = 9\n"


def test_read_only_files_and_folders_are_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.py"
    path.write_text("x = 1\n")
    stamp = read_for_fix(path)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode)
    )
    assert write_if_unchanged(path, "x = 2\n", "utf-8", stamp) == "read-only; not fixed"
    monkeypatch.setattr(os, "access", real_access)

    def no_temp(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", no_temp)
    assert write_if_unchanged(path, "x = 2\n", "utf-8", stamp) == (
        "cannot write: Permission denied; not fixed"
    )
    assert path.read_text() == "x = 1\n"


def test_symlinks_and_hard_links_stay_links(tmp_path: Path) -> None:
    target = tmp_path / "real.py"
    target.write_text("x = 1\n")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    assert write_if_unchanged(link, "x = 2\n", "utf-8", read_for_fix(link)) is None
    assert link.is_symlink() and target.read_text() == "x = 2\n"
    other = tmp_path / "hard.py"
    os.link(target, other)
    assert write_if_unchanged(other, "x = 3\n", "utf-8", read_for_fix(other)) is None
    assert target.read_text() == other.read_text() == "x = 3\n"
    assert target.stat().st_ino == other.stat().st_ino


def test_text_the_encoding_cannot_hold_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n")
    found = read_source_file(path)
    assert not isinstance(found, Unreadable) and found.encoding == "iso-8859-1"
    why = write_if_unchanged(path, found.text + "y = '\u20ac'\n", found.encoding, found.stamp)
    assert why is not None and "cannot be written as iso-8859-1" in why


ENCODED = [
    b"",
    b"x = 1\n",
    b"\xef\xbb\xbfx = 1\n",
    b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
    b"#!/usr/bin/env python\n# coding: cp1252\nx = 1\n",
    b"\n# vim: set fileencoding=utf-8 :\n",
    b"x = 1\n# coding: latin-1\n",  # not a comment-only first line: no cookie
    b"x = 1\ny = 2\n# coding: latin-1\n",  # third line: too late
    b"\xef\xbb\xbf# coding: latin-1\n",  # a BOM and another encoding
    b"# \xff\xfe\nx = 1\n",  # a first line that is not UTF-8
    b"# coding: no-such-codec\n",
    b"x = 1\r# coding: latin-1\r",  # old Mac line ends: one line for the tokenizer
]


@pytest.mark.parametrize("data", ENCODED)
def test_the_declared_encoding_is_the_tokenizers(data: bytes) -> None:
    """The shortcut for a file whose first two lines say nothing of "coding" answers
    what :func:`tokenize.detect_encoding` answers, or fails where it fails."""
    import io
    import tokenize

    from pygloss.files.source import _declared_encoding

    try:
        expected: object = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        expected = SyntaxError
    try:
        found: object = _declared_encoding(data)
    except SyntaxError:
        found = SyntaxError
    if expected is SyntaxError and found == "utf-8":  # the shortcut defers to the decode:
        with pytest.raises(UnicodeDecodeError):  # it fails there, with the same note
            data.decode("utf-8")
    else:
        assert found == expected
