"""A raw LSP client: the real server in a subprocess, fed exactly the bytes a test
chooses (broken framing included), under a memory cap.

It reads the server's output in a thread with a strict parser (the server must
frame its own messages correctly), records every response by id, and can close
standard input and time how long the server takes to exit.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from tests.robustness.hostile import MEMORY_CAP, PYGLOSS, capped, server_env

EXIT_BUDGET = 2.0  # seconds from closing standard input to the process's end


def frame(message: Any, delta: int = 0, header: str = "Content-Length: {}\r\n\r\n") -> bytes:
    """*message* framed, its Content-Length off by *delta*."""
    body = json.dumps(message).encode("utf-8")
    return header.format(len(body) + delta).encode("ascii") + body


def request(msg_id: int | str, method: str, params: Any = None) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}


def notification(method: str, params: Any = None) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def initialize(msg_id: int = 1, root: Path | None = None, options: Any = None) -> dict[str, Any]:
    return request(
        msg_id,
        "initialize",
        {
            "processId": None,
            "rootUri": root.as_uri() if root else None,
            "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}}},
            "initializationOptions": options,
        },
    )


def did_open(uri: str, text: str) -> dict[str, Any]:
    item = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    return notification("textDocument/didOpen", {"textDocument": item})


def hover(msg_id: int | str, uri: str, line: int, character: int) -> dict[str, Any]:
    position = {"line": line, "character": character}
    return request(
        msg_id, "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
    )


class RawServer:
    """``pygloss serve`` under a memory cap, spoken to in raw bytes."""

    def __init__(
        self,
        cwd: Path,
        memory: int = MEMORY_CAP,
        env: dict[str, str] | None = None,
        hold_requests: bool = False,
    ):
        """*hold_requests*: keep the server's requests in ``held`` instead of answering
        them at once (empty) as a client does."""
        self.process = subprocess.Popen(
            [*PYGLOSS, "serve"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**server_env(), **(env or {})},
            preexec_fn=capped(memory),
        )
        self.responses: dict[Any, list[dict[str, Any]]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.malformed: list[bytes] = []  # output the client could not read (must stay empty)
        self.held: list[dict[str, Any]] | None = [] if hold_requests else None
        self._changed = threading.Condition()
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- output ------------------------------------------------------------------------
    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            try:
                message = json.loads(body)
            except ValueError:
                self.malformed.append(body)
                continue
            with self._changed:
                if "id" in message and "method" not in message:
                    self.responses.setdefault(message["id"], []).append(message)
                elif "id" in message and self.held is not None:
                    self.held.append(message)
                elif "id" in message:  # a request from the server: answer it empty
                    self.send(frame({"jsonrpc": "2.0", "id": message["id"], "result": None}))
                else:
                    self.notifications.append(message)
                self._changed.notify_all()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()

    # -- input -------------------------------------------------------------------------
    def send(self, data: bytes) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(data)
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):  # the server is gone: the test will say so
            pass

    def answer(self, msg_id: Any, timeout: float = 60.0) -> dict[str, Any]:
        """The one response to request *msg_id* (failing the test after *timeout*)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while msg_id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise AssertionError(
                        f"no answer to request {msg_id!r} "
                        f"(server {'exited' if self.process.poll() is not None else 'running'})"
                    )
                self._changed.wait(min(left, 0.5))
            return self.responses[msg_id][0]

    def start(self, root: Path | None = None, options: Any = None) -> dict[str, Any]:
        self.send(frame(initialize(1, root, options)))
        result = self.answer(1)
        self.send(frame(notification("initialized", {})))
        return result

    def close_and_wait(self) -> tuple[int, float]:
        """Close standard input; the exit status and the seconds until the exit."""
        assert self.process.stdin is not None
        started = time.monotonic()
        self.process.stdin.close()
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("the server did not exit within 30 s of stdin closing") from None
        return code, time.monotonic() - started

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def unexpected_tracebacks(self) -> list[str]:
        """Tracebacks in the server's log, but pygls's own record of a JSON-RPC error
        it answered (``JsonRpcInvalidParams``: the request got its error response)."""
        records = re.split(
            r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", self.stderr.decode("utf-8", "replace")
        )
        return [
            record
            for record in records
            if "Traceback" in record
            and not re.search(r"\npygls\.exceptions\.JsonRpc\w+: [^\n]*\s*$", record)
        ]

    def answered_once(self) -> bool:
        """Every response id seen exactly once."""
        return all(len(found) == 1 for found in self.responses.values())
