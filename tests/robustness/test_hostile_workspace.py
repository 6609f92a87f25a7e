"""The language server in a workspace built to hurt it.

Each case is a repository someone could clone and open: notes that name the
server's own pipes, a FIFO, a glob over symlinks to ``.``; a ``manage.py`` or
``.jedi/project.json`` that is ``/dev/zero``; a ``pyproject.toml`` that breaks the
TOML parser or carries ten thousand ``per-file-ignores``.  The real server runs in
it under a memory cap (``RLIMIT_AS``); it must answer hovers (the one the notes are
read for included), publish its diagnostics, keep its memory low, and be gone
within 2 s of its standard input closing.  Before this work every case here hung
the server, made it deaf, or made it cycle through gigabytes.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.robustness.common import HEADROOM, REQUEST_BUDGET
from tests.robustness.hostile import nest
from tests.robustness.rawlsp import EXIT_BUDGET, RawServer, did_open, frame, hover

TEXT = "from unittest import mock\n\np = mock.patch('os.remove')\n\n\ndef f(x=[]):\n    return x\n"
NOTES = "# mock.patch\n\nWords from the workspace's notes about mock.patch.\n"
RSS_BOUND = 1 << 30  # bytes: the server's peak resident memory (it needs ~300 MB)


def notes_to(target: str) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        (root / "pyproject.toml").write_text(f'[tool.pygloss]\nnotes = ["{target}"]\n')

    return build


def notes_fifo(root: Path) -> None:
    os.mkfifo(root / "notes.md")
    notes_to("notes.md")(root)


def notes_over_symlink_loops(root: Path) -> None:
    docs = root / "docs"
    docs.mkdir()
    (docs / "python.md").write_text(NOTES)
    (docs / "x").symlink_to(".")
    (docs / "y").symlink_to(".")
    notes_to("docs/**/*.md")(root)


def notes_of_many_headings(root: Path) -> None:
    (root / "big.md").write_text(
        "".join(
            f"## mock.patch variant {i}\n\nWords on `mock.patch` {i}.\n\n" for i in range(60_000)
        )
    )
    notes_to("big.md")(root)


def jedi_reads(name: str) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        (root / ".git").mkdir()
        path = root / name
        path.parent.mkdir(exist_ok=True)
        path.symlink_to("/dev/zero")

    return build


def deep_pyproject(root: Path) -> None:
    (root / "pyproject.toml").write_text(
        f'[tool.pygloss]\nselect = ["PG102"]\n\n[tool.x]\nx = {nest(600)}\n'
    )


def many_per_file_ignores(root: Path) -> None:
    globs = "\n".join(f'"nowhere{i}/**" = ["PG101"]' for i in range(10_000))
    (root / "pyproject.toml").write_text(f"[tool.pygloss.per-file-ignores]\n{globs}\n")


WORKSPACES = {
    "notes-dev-stdout": notes_to("/dev/stdout"),
    "notes-dev-stdin": notes_to("/dev/stdin"),
    "notes-proc-fd-0": notes_to("/proc/self/fd/0"),
    "notes-proc-fd-1": notes_to("/proc/self/fd/1"),
    "notes-dev-zero": notes_to("/dev/zero"),
    "notes-fifo": notes_fifo,
    "notes-glob-symlink-loops": notes_over_symlink_loops,
    "notes-60k-headings": notes_of_many_headings,
    "jedi-manage-py-dev-zero": jedi_reads("manage.py"),
    "jedi-project-json-dev-zero": jedi_reads(".jedi/project.json"),
    "pyproject-600-deep": deep_pyproject,
    "pyproject-10k-per-file-ignores": many_per_file_ignores,
}


def peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def wait_for(predicate: Callable[[], bool], timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.timeout(600)
@pytest.mark.parametrize("case", WORKSPACES)
def test_the_server_survives_the_workspace(tmp_path: Path, case: str) -> None:
    root = tmp_path / "workspace"
    root.mkdir()
    WORKSPACES[case](root)
    (root / "main.py").write_text(TEXT)
    uri = (root / "main.py").as_uri()
    server = RawServer(root)
    try:
        server.start(root)
        server.send(frame(did_open(uri, TEXT)))
        for attempt in range(3):  # the hover that reads the notes, then again
            server.send(frame(hover(f"hover-{attempt}", uri, 2, 9)))
            # the suite's bound for one request (2 s x headroom): a hang, not slowness
            answer = server.answer(f"hover-{attempt}", timeout=REQUEST_BUDGET * HEADROOM)
            assert "mock.patch" in json.dumps(answer["result"]), answer
        assert wait_for(
            lambda: any(
                n["method"] == "textDocument/publishDiagnostics"
                and n["params"]["uri"] == uri
                and [d["code"] for d in n["params"]["diagnostics"]] == ["PG101"]
                for n in list(server.notifications)
            )
        ), "no PG101 published (the defaults apply when the configuration is unusable)"
        # jedi's warm-up reads the project of the working directory: let it finish
        assert wait_for(
            lambda: any("warm-up done" in json.dumps(n) for n in list(server.notifications))
        ), "jedi's warm-up never finished"
        assert peak_rss(server.process.pid) < RSS_BOUND
        if case == "notes-60k-headings":  # indexing it held the first hover ~14 s
            assert any("over the 5,000" in json.dumps(n) for n in list(server.notifications))
        _, seconds = server.close_and_wait()
        assert seconds < EXIT_BUDGET, f"exit took {seconds:.1f} s after stdin closed"
        assert server.unexpected_tracebacks() == []
        assert not any(n["method"] == "window/showMessage" for n in server.notifications)
    finally:
        server.kill()


@pytest.mark.timeout(600)
def test_imported_modules_that_are_devices_or_fifos_are_not_read(tmp_path: Path) -> None:
    """The hover reads the source of the modules a class's bases come from: one that
    is /dev/zero or a FIFO (both committable) is unknown, not read."""
    root = tmp_path / "workspace"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "endless.py").symlink_to("/dev/zero")
    os.mkfifo(root / "blocking.py")
    text = (
        "import blocking\nimport endless\n\n\n"
        "class A(endless.Base):\n    pass\n\n\nclass B(blocking.Base):\n    pass\n"
    )
    (root / "main.py").write_text(text)
    uri = (root / "main.py").as_uri()
    server = RawServer(root)
    try:
        server.start(root)
        server.send(frame(did_open(uri, text)))
        for name, line in (("A", 4), ("B", 8)):
            for column in (6, 8):  # the class name, then its base
                server.send(frame(hover(f"{name}{column}", uri, line, column)))
                server.answer(f"{name}{column}", timeout=REQUEST_BUDGET * HEADROOM)
        assert peak_rss(server.process.pid) < RSS_BOUND
        _, seconds = server.close_and_wait()
        assert seconds < EXIT_BUDGET
        assert server.unexpected_tracebacks() == []
    finally:
        server.kill()
