"""Hover through a real client: plain text for a client without Markdown, the
``hover.verbosity`` and ``hover.mute`` settings, and the CLI giving the same answer
at every position (including ``null`` ones and a file with a syntax error)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.conftest import EXAMPLES, ROOT
from tests.e2e.helpers import close_doc, initialize, open_doc, position_of, server_config

ORDERS_TEST = EXAMPLES / "test_orders.py"


@pytest_lsp.fixture(config=server_config())
async def plain(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    capabilities = client_capabilities("visual-studio-code")
    capabilities.text_document.hover = types.HoverClientCapabilities(
        content_format=[types.MarkupKind.PlainText]
    )
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=ROOT.as_uri(),
            initialization_options={
                "pygloss": {"hover": {"verbosity": "brief", "mute": ["decorators"]}}
            },
        )
    )
    yield
    await lsp_client.shutdown_session()


async def hover(client: LanguageClient, uri: str, position: types.Position) -> types.Hover | None:
    return await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )


async def test_plain_text_brief_and_muted_for_this_client(plain: LanguageClient) -> None:
    text = ORDERS_TEST.read_text()
    uri = open_doc(plain, ORDERS_TEST, text)
    found = await hover(
        plain, uri, position_of(text, 'mock.patch("examples.orders.charge_card")', 6)
    )
    assert found is not None
    assert found.contents.kind == types.MarkupKind.PlainText
    value = found.contents.value
    assert value.startswith("unittest.mock.patch — replace a name while a test runs\n\n")
    for markdown in ("**", "](", "```", "|---"):
        assert markdown not in value
    assert "| parameter |" not in value  # brief: no computed context
    assert "See also" not in value  # `decorators` is muted
    assert "Learn more <file://" in value
    # on the `@`: the same topic, and the range covers the `@` too
    at_sign = await hover(plain, uri, position_of(text, "@mock.patch"))
    assert at_sign is not None and at_sign.contents.value.startswith("unittest.mock.patch")
    assert at_sign.range is not None
    assert at_sign.range.start == position_of(text, "@mock.patch")
    assert at_sign.range.end == position_of(text, "@mock.patch", len("@mock.patch"))
    close_doc(plain, uri)


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


BROKEN = (
    "import asyncio\nfrom unittest import mock\n\n\n"
    "@mock.patch('app.db')\n"
    "def test_db(mock_db):\n"
    "    assert mock_db is not None\n\n\n"
    "async def main(urls):\n"
    "    for url in urls:\n"
    "        await asyncio.sleep(url\n"
    "    return [u for u in urls]\n\n\n"
    "async def fan_out(urls):\n"
    "    return await asyncio.gather(*urls)\n"
)
NEEDLES = [
    (ORDERS_TEST, 'mock.patch("examples.orders.send_receipt")', 8),
    (ORDERS_TEST, "@mock.patch", 0),
    (ORDERS_TEST, '"txn-1"', 0),
    (ORDERS_TEST, "def ", 0),
    (None, "mock.patch", 6),
    (None, "is not None", 0),
    (None, "for url", 0),
    (None, "for u in", 0),
    (None, "asyncio.sleep", 2),  # on the broken line itself: nothing
    (None, "main(urls)", 1),
    (None, "async def fan_out", 0),
    (None, "asyncio.gather", 9),
]


async def test_cli_explain_gives_what_the_hover_gives(client: LanguageClient, tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken_service.py"
    broken.write_text(BROKEN)
    shown = 0
    for path, needle, delta in NEEDLES:
        path = path or broken
        text = path.read_text()
        uri = open_doc(client, path, text)
        position = position_of(text, needle, delta)
        answer = await hover(client, uri, position)
        cli = subprocess.run(
            [sys.executable, "-P", "-m", "pygloss", "explain",
             f"{path}:{position.line + 1}:{position.character + 1}", "--format", "json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        data = json.loads(cli.stdout) if cli.stdout.strip() else None
        if answer is None:
            assert not data or not data.get("topics"), (needle, data)
        else:
            shown += 1
            assert data is not None, needle
            assert data["markdown"] == answer.contents.value, needle
        close_doc(client, uri)
    assert shown == 7
