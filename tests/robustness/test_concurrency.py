"""Concurrency: 50 hovers fired without waiting, half of them cancelled.

Every request gets exactly one response: the cancelled ones ``RequestCancelled``
(or, when the answer won the race, the answer), the others their hover; no
response arrives twice or for an id that was never sent, and nothing is logged as
an error.  Two servers: one whose hovers first hold an explanation worker
(``PYGLOSS_INJECT_DELAY``, as a cold jedi lookup would), so the cancelled half is
still queued and *must* come back cancelled; and a plain one, where answers and
cancellations race.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled
from pytest_lsp import LanguageClient

from tests.conftest import ROOT
from tests.e2e.helpers import close_doc, initialize, open_doc, position_of
from tests.robustness.common import HEADROOM, hover, logged_errors, robust_config

TEXT = (
    "import asyncio\nfrom unittest import mock\n\n"
    "@mock.patch('os.remove')\ndef test_it(mock_remove, x=[]):\n"
    "    asyncio.sleep(1)\n    return [y for y in x]\n"
)
COUNT = 50
DELAY = 0.4  # seconds each hover holds a worker of the two-worker explanation pool


def count_responses(client: LanguageClient) -> Counter[Any]:
    """Count every response the client receives, by request id."""
    seen: Counter[Any] = Counter()
    protocol = client.protocol
    handle = protocol._handle_response

    def counting(msg_id: Any, result: Any = None, error: Any = None) -> None:
        seen[msg_id] += 1
        handle(msg_id, result, error)

    protocol._handle_response = counting  # type: ignore[method-assign]
    return seen


async def _initialize(client: LanguageClient) -> None:
    await initialize(client, capabilities="neovim")


@pytest_lsp.fixture(config=robust_config({"PYGLOSS_INJECT_DELAY": f"hover:{DELAY}"}))
async def delayed(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await _initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=robust_config())
async def plain(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await _initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def test_queued_hovers_that_are_cancelled_answer_request_cancelled(
    delayed: LanguageClient,
) -> None:
    await fifty_hovers_half_cancelled(delayed, queued=True)


async def test_hovers_cancelled_while_answering_get_one_response_each(
    plain: LanguageClient,
) -> None:
    await fifty_hovers_half_cancelled(plain, queued=False)


async def fifty_hovers_half_cancelled(client: LanguageClient, queued: bool) -> None:
    seen_logs = len(client.log_messages)
    uri = open_doc(client, ROOT / "tests" / "robustness" / "concurrent.py", TEXT)
    targets = [("mock.patch", 1), ("asyncio.sleep", 1), ("[]", 0), ("for y", 1), ("@", 1)]
    targets.append(("import asyncio", 0))  # each has a hover
    positions = [position_of(TEXT, *targets[i % len(targets)]) for i in range(COUNT)]
    await hover(client, uri, positions[0])  # warm: the knowledge base is loaded
    responses = count_responses(client)
    ids = [f"hover-{queued}-{i}" for i in range(COUNT)]
    futures = [
        asyncio.ensure_future(
            client.protocol.send_request_async(
                types.TEXT_DOCUMENT_HOVER,
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri), position=position
                ),
                msg_id=msg_id,
            )
        )
        for msg_id, position in zip(ids, positions, strict=True)
    ]
    await asyncio.sleep(0)  # the 50 requests go out before the cancellations
    # queued (delayed server): cancel the last half (still queued behind the first);
    # plain server: cancel every other one (racing their answers)
    cancelled = set(ids[COUNT // 2 :] if queued else ids[1::2])
    for msg_id in ids:
        if msg_id in cancelled:
            client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=msg_id))
    limit = (COUNT * DELAY + 10) * HEADROOM
    results = await asyncio.wait_for(
        asyncio.gather(*futures, return_exceptions=True), timeout=limit
    )
    for msg_id, result in zip(ids, results, strict=True):
        if msg_id in cancelled and isinstance(result, JsonRpcRequestCancelled):
            continue
        assert msg_id not in cancelled or not queued, f"{msg_id} was answered: {result!r}"
        assert result is None or isinstance(result, types.Hover), (msg_id, result)
    answered = [r for i, r in zip(ids, results, strict=True) if i not in cancelled]
    assert [r for r in answered if not isinstance(r, types.Hover)] == []
    if queued:
        assert all(
            isinstance(r, JsonRpcRequestCancelled)
            for i, r in zip(ids, results, strict=True)
            if i in cancelled
        )
    # exactly one response per request, none for unknown ids
    assert {k: v for k, v in responses.items() if v != 1} == {}
    assert set(responses) == set(ids)
    # the server still answers, and logged no error
    assert isinstance(await hover(client, uri, positions[0]), types.Hover)
    close_doc(client, uri)
    assert logged_errors(client, seen_logs) == []
