"""A small JSON-RPC client that drives ``python -P -m pygloss serve`` over stdio (benches).

Not a test helper (the tests use pytest-lsp): benches need wall-clock timings of
single requests and the server's process id for its memory, with nothing between.
Requests from the server are answered the way a plain client would
(``workspace/configuration`` with nulls, registrations with null); notifications are
kept with their arrival time so a bench can wait for them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

CAPABILITIES: dict[str, Any] = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "publishDiagnostics": {},
        "synchronization": {"didSave": True},
    },
    "workspace": {"configuration": True, "workspaceFolders": True},
    "window": {"workDoneProgress": False},
}


class Server:
    """One server process and its stdio pipes."""

    def __init__(self, log_file: Path | None = None) -> None:
        stderr = open(log_file, "w") if log_file else subprocess.DEVNULL  # noqa: SIM115
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "pygloss", "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=os.environ.copy(),
        )
        self._next_id = 0
        self._pending: dict[int, Future[Any]] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.notifications: list[tuple[float, str, Any]] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    # -- wire ------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        with self._write_lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:
                self._answer(message)
            elif "method" in message:
                with self._changed:
                    self.notifications.append(
                        (time.perf_counter(), message["method"], message.get("params"))
                    )
                    self._changed.notify_all()
            else:
                future = self._pending.pop(message["id"], None)
                if future is not None:
                    if "error" in message:
                        future.set_exception(RuntimeError(str(message["error"])))
                    else:
                        future.set_result(message.get("result"))

    def _answer(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [None] * len(message["params"]["items"])
        self._send({"id": message["id"], "result": result})

    # -- API -------------------------------------------------------------------------
    def request(self, method: str, params: Any, timeout: float = 120) -> Any:
        with self._lock:
            self._next_id += 1
            request_id = self._next_id
            future: Future[Any] = Future()
            self._pending[request_id] = future
        self._send({"id": request_id, "method": method, "params": params})
        return future.result(timeout=timeout)

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(
        self, predicate: Callable[[list[tuple[float, str, Any]]], bool], timeout: float = 300
    ) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self.notifications):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the server did not send what was awaited")
                self._changed.wait(left)

    def initialize(self, root: Path) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": CAPABILITIES,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1) -> None:
        item = {"uri": uri, "languageId": "python", "version": version, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def hover(self, uri: str, line: int, character: int) -> Any:
        position = {"line": line, "character": character}
        return self.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
        )

    def diagnostics_for(self, uri: str) -> int:
        return sum(
            1
            for _, method, params in self.notifications
            if method == "textDocument/publishDiagnostics" and params["uri"] == uri
        )

    def logged(self, text: str) -> bool:
        return any(
            method == "window/logMessage" and text in params["message"]
            for _, method, params in self.notifications
        )

    def rss_mb(self) -> tuple[float, float]:
        """``(VmRSS, VmHWM)`` of the server process in MB (Linux ``/proc``)."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            fields[name] = value.strip()
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()


def utf16_position(text: str, offset: int) -> tuple[int, int]:
    """LSP ``(line, character)`` of code-point *offset* (UTF-16 units, ``\\n`` lines)."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line, len(text[start:offset].encode("utf-16-le")) // 2
