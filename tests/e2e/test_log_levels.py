"""The server's log (issue #20, item 7): a late ``$/cancelRequest`` — the client
cancelling a request pygls has already answered, a normal race — is a debug record,
not a warning that editors show in red in the server's output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _session(level: str) -> str:
    """The stderr of a server that gets a cancel for a request it never saw."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 4242}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "serve", "--log-level", level],
        input=b"".join(_frame(m) for m in messages),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    return done.stderr.decode(errors="replace")


@pytest.mark.parametrize("level", ["WARNING", "DEBUG"])
def test_a_late_cancel_is_a_debug_record(level: str) -> None:
    lines = [line for line in _session(level).splitlines() if "unknown message id" in line]
    if level == "WARNING":
        assert lines == []
    else:
        assert len(lines) == 1 and " DEBUG pygls.protocol.json_rpc: " in lines[0], lines
