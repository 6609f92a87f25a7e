"""``pygloss.explain`` in a client that shows topics itself: the VS Code extension
declares ``experimental.pygloss.showTopic`` and renders the command's result beside
the editor, so the server asks it to open nothing (a ``window/showDocument`` of a
page made code-server open it externally, leaving the keyboard in the preview), and
says nothing when there is nothing to explain: the extension says it, or, for "Mute a
topic…", asks which topic (issue #20, item 4)."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.conftest import ROOT
from tests.e2e.helpers import close_doc, open_doc, server_config


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    capabilities = client_capabilities("visual-studio-code")
    capabilities.experimental = {"pygloss": {"showTopic": True}}
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=ROOT.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def test_a_client_that_shows_topics_is_asked_to_open_nothing(
    client: LanguageClient,
) -> None:
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="pygloss.explain", arguments=["pg101-mutable-default"])
    )
    assert result["topics"][0]["id"] == "pg101-mutable-default"
    assert result["markdown"].startswith("# ")
    assert client.shown_documents == []
    assert [m.message for m in client.messages] == []


async def test_nothing_to_explain_is_left_to_that_client(client: LanguageClient) -> None:
    uri = open_doc(client, ROOT / "scratch_shown.py", "x = 1\n\n\n")
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command="pygloss.explain",
            arguments=[{"uri": uri, "position": {"line": 2, "character": 0}}],
        )
    )
    assert result is None
    assert client.shown_documents == []
    assert [m.message for m in client.messages] == []
    close_doc(client, uri)
