"""A client without ``workspace/configuration`` (Neovim 0.7's recorded capabilities):
settings come from ``initializationOptions`` and from the body of
``workspace/didChangeConfiguration``, and the server never asks for them."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.conftest import ROOT
from tests.e2e.helpers import close_doc, open_doc, server_config

BAD = (
    "from abc import ABCMeta\n\n\n"
    "class B(metaclass=ABCMeta):\n    def f(self, x=[]):\n        return x\n"
)
ALL = types.Range(
    start=types.Position(line=0, character=0), end=types.Position(line=9, character=0)
)


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    caps = client_capabilities("neovim@v0.7.0")
    assert not (caps.workspace and caps.workspace.configuration)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=ROOT.as_uri(),
            initialization_options={"pygloss": {"codeLens": True}},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def _labels(client: LanguageClient, uri: str) -> list[str]:
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=types.TextDocumentIdentifier(uri=uri), range=ALL)
    )
    return [str(h.label) for h in hints or []]


async def test_did_change_configuration_body_is_the_settings(client: LanguageClient) -> None:
    uri = open_doc(client, ROOT / "scratch_push_settings.py", BAD)
    assert await _labels(client, uri) == []
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"pygloss": {"inlayHints": True}})
    )
    # notifications are handled in order, so the next request sees the new settings
    assert await _labels(client, uri) == ["evaluated once"]
    # initializationOptions still apply underneath (code lenses stay on)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [lens.command.title for lens in lenses] == ["Explain metaclass=ABCMeta"]
    assert client.configuration_requests == []  # type: ignore[attr-defined]
    close_doc(client, uri)
