"""A handler that raises is logged with its traceback and answers empty; the server
keeps serving other requests and documents, and shuts down cleanly."""

from __future__ import annotations

import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import ROOT
from tests.e2e.helpers import initialize, open_doc, server_config, wait_for_diagnostics

SERVER = [sys.executable, "-P", "-m", "pygloss", "serve"]


@pytest_lsp.fixture(config=server_config({"PYGLOSS_INJECT_FAULT": "hover"}))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, capabilities="neovim")
    yield
    await lsp_client.shutdown_session()


async def test_failing_hover_is_logged_and_server_keeps_working(client: LanguageClient) -> None:
    text = (
        "from unittest import mock\n\n@mock.patch('a.b')\ndef test(m):\n    pass\n\n"
        "def f(x=[]): return x\n"
    )
    uri = open_doc(client, ROOT / "scratch_fault.py", text)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=7),
        )
    )
    assert hover is None
    errors = [m.message for m in client.log_messages if m.type == types.MessageType.Error]
    assert any("hover failed" in m and "Traceback" in m and "fault injected" in m for m in errors)
    # the same server still answers other requests for this and other documents
    (diagnostic,) = await wait_for_diagnostics(client, uri)
    assert diagnostic.code == "PG101"
    other = open_doc(client, ROOT / "scratch_fault2.py", "def g(y={}): return y\n")
    assert len(await wait_for_diagnostics(client, other)) == 1


async def test_shutdown_and_exit() -> None:
    """Run last in this module: a fresh server exits with code 0 after shutdown + exit."""
    import asyncio

    process = await asyncio.create_subprocess_exec(
        *SERVER,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )

    def frame(payload: str) -> bytes:
        body = payload.encode()
        return f"Content-Length: {len(body)}\r\n\r\n".encode() + body

    assert process.stdin is not None
    process.stdin.write(
        frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}')
    )
    process.stdin.write(frame('{"jsonrpc":"2.0","method":"initialized","params":{}}'))
    process.stdin.write(frame('{"jsonrpc":"2.0","id":2,"method":"shutdown"}'))
    process.stdin.write(frame('{"jsonrpc":"2.0","method":"exit"}'))
    await process.stdin.drain()
    code = await asyncio.wait_for(process.wait(), timeout=30)
    assert code == 0
