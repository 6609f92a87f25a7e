"""A slow hover (a cold jedi lookup, simulated with ``PYGLOSS_INJECT_DELAY``, which
holds a worker of the explanation pool) never delays other requests, and
``$/cancelRequest`` answers it with ``RequestCancelled`` at once.  Checked with
each recorded client: Neovim pulls its diagnostics, VS Code and Emacs get them
pushed.  No timing thresholds: the tests assert the order things finish in."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled
from pytest_lsp import LanguageClient

from tests.conftest import ROOT
from tests.e2e.helpers import (
    change_doc,
    code_actions,
    initialize,
    open_doc,
    server_config,
    wait_for_diagnostics,
)

SLOW_HOVER_SECONDS = 2
TEXT = "from unittest import mock\n\np = mock.patch('os.remove')\n\ndef f(x=[]):\n    return x\n"


@pytest_lsp.fixture(
    config=server_config({"PYGLOSS_INJECT_DELAY": f"hover:{SLOW_HOVER_SECONDS}"}),
    params=["visual-studio-code", "neovim", "emacs"],
    scope="module",
)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    await initialize(
        lsp_client,
        capabilities=request.param,
        options={"pygloss": {"diagnostics": {"debounceMs": 0}}},
    )
    lsp_client.name = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def _hover(client: LanguageClient, uri: str, msg_id: str) -> asyncio.Future[object]:
    """Send a hover with a known id; return the future of its answer (already sent)."""
    params = types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=2, character=11),
    )
    future = asyncio.ensure_future(
        client.protocol.send_request_async(types.TEXT_DOCUMENT_HOVER, params, msg_id=msg_id)
    )
    await asyncio.sleep(0)  # let the request go out before anything sent after it
    return future


async def test_slow_hover_does_not_delay_diagnostics_or_other_requests(
    client: LanguageClient,
) -> None:
    name = client.name  # type: ignore[attr-defined]
    uri = open_doc(client, ROOT / f"scratch_slow_{name}.py", TEXT, version=1)
    # two slow hovers: as many as the explanation pool has workers
    slow = await _hover(client, uri, f"slow-{name}")
    slow2 = await _hover(client, uri, f"slow2-{name}")
    # an edit and a diagnostic pull (or push) after the slow hovers were sent
    change_doc(
        client, uri, 2, TEXT.replace("x=[]", "x=[], y={}").replace("return x", "return x, y")
    )
    diagnostics = await wait_for_diagnostics(client, uri, 2)
    assert [d.code for d in diagnostics] == ["PG101", "PG101"]
    assert not slow.done() and not slow2.done()
    # other requests are answered meanwhile too
    actions = await code_actions(client, uri, diagnostics[0].range, diagnostics[:1])
    assert actions and not slow.done()
    for hover in await asyncio.gather(slow, slow2):
        assert isinstance(hover, types.Hover)
        assert hover.contents.value.startswith("**unittest.mock.patch")


async def test_cancel_request_answers_request_cancelled(client: LanguageClient) -> None:
    name = client.name  # type: ignore[attr-defined]
    uri = open_doc(client, ROOT / f"scratch_cancel_{name}.py", TEXT, version=1)
    slow = await _hover(client, uri, f"cancel-{name}")
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=f"cancel-{name}"))
    with pytest.raises(JsonRpcRequestCancelled):
        await slow
    # the server goes on answering (a second slow hover completes normally)
    hover = await (await _hover(client, uri, f"after-{name}"))
    assert isinstance(hover, types.Hover)
