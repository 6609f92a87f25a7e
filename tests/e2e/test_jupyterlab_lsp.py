"""pygloss behind jupyter-lsp, the server half of JupyterLab's language-server support.

A real ``jupyter server`` (with the ``jupyter_lsp`` extension) is started headless with
the server spec copied out of ``docs/editors.md`` (so the documented configuration is
what is tested), then spoken to over ``/lsp/ws/pygloss`` the way jupyterlab-lsp's
frontend does: initialize, a ``didOpen`` of a notebook's virtual document, a hover and
the pushed diagnostics.

The virtual document is built as JupyterLab 4.x / jupyterlab-lsp 5.x build it
(``@jupyterlab/lsp`` ``VirtualDocument.appendCodeBlock`` and ``value``; the IPython
overrides of jupyterlab-lsp ``transclusions/ipython/overrides.ts``): every cell in
order, each followed by a line break, joined by two more; a markdown or raw cell is
moved to a markdown/text document and leaves an empty line; ``%magic``, ``!cmd`` and
``name?`` lines are rewritten into ``get_ipython()`` calls. The document's URI is the
notebook's path under the ``.virtual_documents`` folder, or under the server's root
when the spec sets ``requires_documents_on_disk`` to false (``solveUris``), and the
``rootUri`` of ``initialize`` is that same base folder.

Skipped only when jupyter_server or jupyter_lsp is not installed (both are in the
``test`` extra).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytest.importorskip("jupyter_server")
pytest.importorskip("jupyter_lsp")

from jupyter_lsp.paths import normalized_uri
from tornado.httpclient import AsyncHTTPClient
from tornado.websocket import WebSocketClientConnection, websocket_connect

TOKEN = "pygloss-e2e"
START_TIMEOUT = 60.0
REPLY_TIMEOUT = 30.0

# (cell type, source in the notebook, the text jupyterlab-lsp sends for it)
CELLS: list[tuple[str, str, str]] = [
    (
        "code",
        "from unittest import mock\n%matplotlib inline",
        'from unittest import mock\nget_ipython().run_line_magic("matplotlib", "inline")',
    ),
    ("markdown", "# Patching\nThe test below swaps `os.getcwd`.", ""),
    (
        "code",
        '!pip install requests\nimport os\n\n@mock.patch("os.getcwd")\n'
        "def test_cwd(getcwd):\n    assert os.getcwd() is getcwd.return_value",
        'get_ipython().getoutput("pip install requests")\nimport os\n\n'
        '@mock.patch("os.getcwd")\n'
        "def test_cwd(getcwd):\n    assert os.getcwd() is getcwd.return_value",
    ),
    (
        "code",
        "def remember(item, seen=[]):\n    seen.append(item)\n    return seen",
        "def remember(item, seen=[]):\n    seen.append(item)\n    return seen",
    ),
    ("code", "remember?", "get_ipython().run_line_magic('pinfo',  'remember')"),
]


def virtual_document(sent: list[str]) -> str:
    """``VirtualDocument.value``: each block plus a line break, joined by two more."""
    return "\n\n".join(block + "\n" for block in sent)


def notebook_json(cells: list[tuple[str, str, str]]) -> str:
    def cell(kind: str, source: str) -> dict[str, Any]:
        extra: dict[str, Any] = {"execution_count": None, "outputs": []} if kind == "code" else {}
        return {"cell_type": kind, "metadata": {}, "source": source, **extra}

    return json.dumps(
        {
            "cells": [cell(kind, source) for kind, source, _ in cells],
            "metadata": {
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                "language_info": {
                    "name": "python",
                    "mimetype": "text/x-python",
                    "file_extension": ".py",
                },
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def documented_json() -> list[Any]:
    """The JSON blocks of docs/editors.md's JupyterLab section: the server config, then
    the ``serverSettings``."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = text.split("## JupyterLab (jupyterlab-lsp)", 1)[1].split("\n## ", 1)[0]
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", section, re.S)]
    assert len(blocks) == 2, "docs/editors.md's JupyterLab section: config and settings"
    return blocks


def documented_spec() -> dict[str, Any]:
    spec: dict[str, Any] = documented_json()[0]["LanguageServerManager"]["language_servers"][
        "pygloss"
    ]
    return spec


def spec_on_disk() -> dict[str, Any]:
    """The documented spec without ``requires_documents_on_disk`` (jupyter-lsp's default,
    true: the text goes to a copy under .virtual_documents)."""
    spec = documented_spec()
    spec.pop("requires_documents_on_disk", None)
    return spec


SPECS: dict[str, Callable[[], dict[str, Any]]] = {
    "documented": documented_spec,
    "documents-on-disk": spec_on_disk,
}
NOTES = (
    "# Team notes\n\n## Patching in tests\n\n"
    "We patch where a name is looked up, never where it is defined:\n\n"
    '```python\n@mock.patch("os.getcwd")\ndef test_cwd(getcwd): ...\n```\n'
)


def position_of(text: str, needle: str, offset: int = 0) -> dict[str, int]:
    """Line and UTF-16 column of *needle* (+ *offset*) in *text*; ASCII here."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return {"line": line, "character": index - (text.rfind("\n", 0, index) + 1)}


@dataclass
class JupyterServer:
    root: Path
    port: int
    log: Path
    spec: dict[str, Any]

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


@pytest.fixture(scope="module", params=list(SPECS))
def jupyter(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[JupyterServer]:
    """``jupyter server`` with jupyter-lsp and the spec in its config folder."""
    work = tmp_path_factory.mktemp("jupyter")
    root, config, runtime = work / "root", work / "config", work / "runtime"
    for folder in (root, config, runtime, root / "docs"):
        folder.mkdir()
    spec = SPECS[request.param]()
    server_config = {"LanguageServerManager": {"language_servers": {"pygloss": spec}}}
    (config / "jupyter_server_config.json").write_text(json.dumps(server_config), "utf-8")
    (root / "analysis.ipynb").write_text(notebook_json(CELLS), encoding="utf-8")
    (root / "docs" / "python-notes.md").write_text(NOTES, encoding="utf-8")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "JUPYTER_DATA_DIR": str(work / "data"),
        "JUPYTER_PLATFORM_DIRS": "1",
        # the spec's argv is ["pygloss", "serve"]: found on PATH, as in a user's venv
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    log = work / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                "--no-browser",
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                "--ServerApp.port=0",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={root}",
            ],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        port = _wait_for_port(runtime, process, log)
        yield JupyterServer(root, port, log, spec)
    finally:
        process.send_signal(signal.SIGINT)  # jupyter server's own clean shutdown
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_port(runtime: Path, process: subprocess.Popen[bytes], log: Path) -> int:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"jupyter server exited: {log.read_text(errors='replace')[-4000:]}")
        for info in runtime.glob("jpserver-*.json"):
            with contextlib.suppress(ValueError, OSError):
                port = json.loads(info.read_text(encoding="utf-8")).get("port")
                if port and _accepts(int(port)):  # the info file can come before the socket
                    return int(port)
        time.sleep(0.1)
    pytest.fail(f"jupyter server did not start: {log.read_text(errors='replace')[-4000:]}")


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


async def lsp_status(server: JupyterServer) -> dict[str, Any]:
    response = await AsyncHTTPClient().fetch(
        f"http://{server.base}/lsp/status", headers={"Authorization": f"token {TOKEN}"}
    )
    status: dict[str, Any] = json.loads(response.body)
    return status


@dataclass
class SocketClient:
    """A JSON-RPC client over jupyter-lsp's websocket (one JSON message per frame)."""

    socket: WebSocketClientConnection
    replies: dict[int, asyncio.Future[Any]] = field(default_factory=dict)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    server_requests: list[dict[str, Any]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    next_id: int = 0

    async def read_forever(self) -> None:
        while (raw := await self.socket.read_message()) is not None:
            message = json.loads(raw)
            if "method" not in message:
                future = self.replies.pop(message["id"], None)
                if future is not None and not future.done():
                    future.set_result(message)
                continue
            if "id" in message:
                # jupyterlab-lsp answers workspace/configuration with null per item and
                # accepts (un)registrations; null for every request is what it amounts to
                self.server_requests.append(message)
                result = (
                    [None] * len(message["params"]["items"])
                    if message["method"] == "workspace/configuration"
                    else None
                )
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            else:
                self.notifications.append(message)
                self.arrived.set()

    def send(self, message: dict[str, Any]) -> None:
        self.socket.write_message(json.dumps(message))

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    async def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.replies[self.next_id] = future
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        reply: dict[str, Any] = await asyncio.wait_for(future, REPLY_TIMEOUT)
        assert "error" not in reply, reply
        return reply

    async def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        """The diagnostics last published for *uri* at *version* or later."""

        def latest() -> list[dict[str, Any]] | None:
            for note in reversed(self.notifications):
                params = note["params"]
                if (
                    note["method"] == "textDocument/publishDiagnostics"
                    and params["uri"] == uri
                    and params.get("version", version) >= version
                ):
                    found: list[dict[str, Any]] = params["diagnostics"]
                    return found
            return None

        deadline = time.monotonic() + REPLY_TIMEOUT
        while (found := latest()) is None:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), max(0.1, deadline - time.monotonic()))
        return found


@contextlib.asynccontextmanager
async def connected(server: JupyterServer) -> AsyncIterator[SocketClient]:
    socket = await websocket_connect(f"ws://{server.base}/lsp/ws/pygloss?token={TOKEN}")
    client = SocketClient(socket)
    reader = asyncio.create_task(client.read_forever())
    try:
        yield client
    finally:
        socket.close()
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader


async def hover_text(client: SocketClient, uri: str, position: dict[str, int]) -> str:
    reply = await client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
    )
    contents = reply["result"]["contents"]
    assert contents["kind"] == "markdown", contents
    value: str = contents["value"]
    return value


def jupyterlab_capabilities() -> dict[str, Any]:
    """What jupyterlab-lsp 5.x declares: the adapter's base plus the features used here."""
    return {
        "textDocument": {
            "synchronization": {
                "dynamicRegistration": True,
                "willSave": False,
                "didSave": True,
                "willSaveWaitUntil": False,
            },
            "hover": {"dynamicRegistration": True, "contentFormat": ["markdown", "plaintext"]},
            "publishDiagnostics": {"tagSupport": {"valueSet": [1, 2]}},
        },
        "workspace": {"didChangeConfiguration": {"dynamicRegistration": True}},
    }


async def test_pygloss_serves_a_notebook_through_jupyter_lsp(jupyter: JupyterServer) -> None:
    status = await lsp_status(jupyter)
    assert "pygloss" in status["sessions"], (status["sessions"].keys(), jupyter.log_tail())
    session = status["sessions"]["pygloss"]
    assert session["spec"]["languages"] == ["python"]
    assert session["status"] == "not_started"

    # solveUris: the notebook's path under the root, or under its .virtual_documents copy
    in_memory = jupyter.spec.get("requires_documents_on_disk") is False
    root_uri = normalized_uri(str(jupyter.root))
    base = root_uri if in_memory else root_uri + "/.virtual_documents"
    uri = base + "/analysis.ipynb"
    text = virtual_document([sent for _, _, sent in CELLS])

    async with connected(jupyter) as client:
        init = await client.request(
            "initialize",
            {
                "capabilities": jupyterlab_capabilities(),
                "initializationOptions": None,
                "processId": None,
                "rootUri": base,
                "workspaceFolders": None,
            },
        )
        capabilities = init["result"]["capabilities"]
        assert capabilities["hoverProvider"], capabilities
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": {}})
        status = await lsp_status(jupyter)
        assert status["sessions"]["pygloss"]["status"] == "started"
        assert status["sessions"]["pygloss"]["handler_count"] == 1

        # jupyterlab-lsp's sendOpen: didOpen, then a full-text didChange of the same version
        document = {"uri": uri, "languageId": "python", "version": 0, "text": text}
        client.notify("textDocument/didOpen", {"textDocument": document})
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 0}, "contentChanges": [{"text": text}]},
        )

        found = await client.diagnostics(uri, 0)
        codes = [(d.get("code"), d["range"]["start"]) for d in found]
        assert codes == [("PG101", position_of(text, "[]"))], found
        # the magics jupyterlab-lsp rewrote into get_ipython() calls are never reported
        magic_lines = {i for i, line in enumerate(text.splitlines()) if "get_ipython" in line}
        assert not magic_lines & {d["range"]["start"]["line"] for d in found}

        hover = await hover_text(client, uri, position_of(text, "mock.patch", 6))
        assert hover.startswith("**unittest.mock.patch — "), hover
        # cell 1 imported mock; cell 3 uses it
        assert "| `getcwd` | `os.getcwd` (bottom decorator) |" in hover, hover
        assert "From your notes" not in hover

        # nothing to say about the get_ipython() call a line magic became
        magic = await client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": position_of(text, "run_line_magic", 3)},
        )
        assert magic["result"] is None, magic

        # Settings -> Language Servers -> pygloss -> serverSettings, as documented: sent
        # as workspace/didChangeConfiguration (jupyterlab-lsp does not answer
        # workspace/configuration)
        # (jupyterlab-lsp renames serverSettings to configuration and sends that)
        settings = documented_json()[1]["language_servers"]["pygloss"]["serverSettings"]
        client.notify("workspace/didChangeConfiguration", {"settings": settings})
        hover = await hover_text(client, uri, position_of(text, "mock.patch", 6))
        assert hover.startswith("**unittest.mock.patch — "), hover
        assert "(bottom decorator)" not in hover, hover  # brief
        # relative notes paths resolve against the rootUri jupyterlab-lsp sends: the
        # server's root only when the documents are not copied to disk
        assert ("From your notes" in hover) is in_memory, hover

        # a later keystroke: full text again, next version; the default no longer changes
        edited = text.replace("    seen.append(item)\n", "    print(item)\n")
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 1}, "contentChanges": [{"text": edited}]},
        )
        found = await client.diagnostics(uri, 1)
        assert [d for d in found if d.get("severity", 1) <= 2] == [], found

        await client.request("shutdown", None)
        client.notify("exit", None)

    # the websocket closed: jupyter-lsp stops the language server
    deadline = time.monotonic() + REPLY_TIMEOUT
    while (await lsp_status(jupyter))["sessions"]["pygloss"]["status"] != "stopped":
        assert time.monotonic() < deadline, jupyter.log_tail()
        await asyncio.sleep(0.1)
