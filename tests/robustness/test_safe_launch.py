"""Starting pygloss inside a hostile workspace never runs the workspace's modules.

The workspace shadows every module Python can import by path at start-up: each
standard-library module that is not built into the interpreter, pygloss's own
dependencies, and ``pygloss.py`` itself — each file writes a marker when imported.
pygloss is started in it each way the docs and editor configurations use (the
``pygloss`` console script, ``python -P -m pygloss``, ``PYTHONSAFEPATH=1``), for the
CLI and for a server session, under the hostile suite's memory cap; no marker may
appear, and the server exits within two seconds of its standard input closing.

Plain ``python -m pygloss`` puts the working directory first on ``sys.path`` and
Python's ``runpy`` then imports modules from it before any pygloss code runs, so no
guard inside pygloss can make that launch safe.  What pygloss does is refuse it,
loudly, so that a configuration using it is noticed and changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from pygloss import UNSAFE_LAUNCH
from tests.robustness.hostile import capped
from tests.robustness.rawlsp import EXIT_BUDGET

DEPENDENCIES = (
    "pygloss", "jedi", "parso", "libcst", "pygls", "lsprotocol", "cattrs", "attrs",
    "attr", "typing_extensions", "yaml", "exceptiongroup",
)  # fmt: skip
MAIN = "import functools\n\n\n@functools.cache\ndef f(x=[]):\n    x.append(1)\n    return x\n"


def shadowed_names() -> list[str]:
    """Every top-level module a launch could import from the working directory."""
    stdlib = {name for name in sys.stdlib_module_names if name not in sys.builtin_module_names}
    stdlib.discard("__future__")  # a module that writes a file cannot also be __future__
    return sorted(stdlib | set(DEPENDENCIES))


def hostile_workspace(root: Path) -> tuple[Path, Path]:
    workspace, markers = root / "workspace", root / "markers"
    workspace.mkdir()
    markers.mkdir()
    for name in shadowed_names():
        target = markers / name
        (workspace / f"{name}.py").write_text(
            f"open({str(target)!r}, 'w').write('ran')\n", encoding="utf-8"
        )
    (workspace / "main.py").write_text(MAIN, encoding="utf-8")
    return workspace, markers


def launchers() -> list[object]:
    bindir = Path(sys.executable).parent
    return [
        pytest.param([str(bindir / "pygloss")], {}, id="console-script"),
        pytest.param([sys.executable, "-P", "-m", "pygloss"], {}, id="python-P-m"),
        pytest.param([sys.executable, "-m", "pygloss"], {"PYTHONSAFEPATH": "1"}, id="safepath"),
    ]


def run(command: list[str], workspace: Path, env: dict[str, str], **kw: object) -> str:
    done = subprocess.run(
        command,
        cwd=workspace,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=capped(),
        **kw,  # type: ignore[call-overload]
    )
    assert "Traceback" not in done.stderr, done.stderr
    return f"{done.returncode}\n{done.stdout}"


@pytest.mark.parametrize(("launch", "env"), launchers())
def test_cli_launches_run_nothing_from_the_workspace(
    tmp_path: Path, launch: list[str], env: dict[str, str]
) -> None:
    workspace, markers = hostile_workspace(tmp_path)
    assert run([*launch, "--version"], workspace, env).startswith("0\npygloss ")
    checked = run([*launch, "check", "--format", "json", "."], workspace, env)
    assert checked.startswith("1\n")
    assert [f["code"] for f in json.loads(checked.split("\n", 1)[1])] == ["PG101"]
    assert run([*launch, "explain", "main.py:4:3"], workspace, env).startswith("0\n")
    assert sorted(p.name for p in markers.iterdir()) == []


@pytest.mark.parametrize(("launch", "env"), launchers())
def test_server_launches_run_nothing_from_the_workspace(
    tmp_path: Path, launch: list[str], env: dict[str, str]
) -> None:
    """A whole session over stdio: initialize, open, hover, pull diagnostics, shutdown."""
    workspace, markers = hostile_workspace(tmp_path)
    uri = (workspace / "main.py").as_uri()
    messages = [
        {"id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": workspace.as_uri(), "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": MAIN}}},
        {"id": 2, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 3, "character": 2}}},
        {"id": 3, "method": "textDocument/diagnostic", "params": {
            "textDocument": {"uri": uri}}},
        {"id": 4, "method": "shutdown"},
        {"method": "exit"},
    ]  # fmt: skip
    server = subprocess.Popen(
        [*launch, "serve"],
        cwd=workspace,
        env={**os.environ, **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=capped(),
    )
    assert server.stdin is not None and server.stdout is not None
    answers: dict[object, dict[str, object]] = {}
    try:
        for message in messages:
            server.stdin.write(frame({"jsonrpc": "2.0", **message}))
            server.stdin.flush()
            while "id" in message and message["id"] not in answers:
                answer = read_message(server.stdout)
                if "id" in answer and "method" not in answer:
                    answers[answer["id"]] = answer
        closed = time.monotonic()
        server.stdin.close()
        assert server.wait(timeout=60) == 0
        assert time.monotonic() - closed < EXIT_BUDGET
    finally:
        server.kill()
        stderr = server.stderr.read().decode() if server.stderr else ""
    assert sorted(answers) == [1, 2, 3, 4], stderr  # type: ignore[type-var]
    assert "functools.cache" in json.dumps(answers[2]["result"])
    assert [d["code"] for d in answers[3]["result"]["items"]] == ["PG101"]
    assert sorted(p.name for p in markers.iterdir()) == []


def test_plain_python_m_is_refused(tmp_path: Path) -> None:
    """In a workspace with nothing in it to shadow, ``python -m pygloss`` stops before
    any pygloss module beyond the package itself is imported, and says why."""
    for args in (["--version"], ["serve"], ["check", "."]):
        done = subprocess.run(
            [sys.executable, "-m", "pygloss", *args],
            cwd=tmp_path,
            env={k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (done.returncode, done.stdout, done.stderr) == (2, "", UNSAFE_LAUNCH)


def test_plain_python_m_with_a_workspace_pygloss_py_is_python_not_pygloss(
    tmp_path: Path,
) -> None:
    """Why the docs never use plain ``-m``: Python itself picks the workspace's
    ``pygloss.py`` over the installed package.  The safe launches do not."""
    (tmp_path / "pygloss.py").write_text("print('workspace pygloss.py ran')\n")
    plain = subprocess.run(
        [sys.executable, "-m", "pygloss", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert plain.stdout == "workspace pygloss.py ran\n"
    safe = subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert safe.stdout.startswith("pygloss ")


def frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def read_message(stream: IO[bytes]) -> dict[str, object]:
    """One framed message from *stream* (the test's side of the server's stdout)."""
    fields = {}
    while (line := stream.readline().strip()) != b"":
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    return json.loads(stream.read(int(fields[b"content-length"])))  # type: ignore[no-any-return]
