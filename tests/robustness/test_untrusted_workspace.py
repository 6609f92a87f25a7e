"""In a workspace the editor does not trust, the repository's own ``notes`` are not
read; the user's ``pygloss.notes`` setting still is.  Trust comes from
``initializationOptions`` only: a pulled workspace setting cannot grant it.
"""

from __future__ import annotations

from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.e2e.helpers import close_doc, initialize, open_doc, position_of
from tests.robustness.common import hover, logged_errors, robust_config

TEXT = "from unittest import mock\n\np = mock.patch('os.remove')\n"
NOTES = "# mock.patch\n\nWords from the {} notes.\n"


@pytest_lsp.fixture(config=robust_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    # a repository's .vscode/settings.json reaches the server through this pull:
    # it must not be able to say the workspace is trusted
    lsp_client.set_configuration({"pygloss": {"workspaceTrusted": True}})
    await initialize(lsp_client, capabilities="neovim", options={"workspaceTrusted": False})
    yield
    await lsp_client.shutdown_session()


async def shown(client: LanguageClient, uri: str) -> str:
    result = await hover(client, uri, position_of(TEXT, "mock.patch", 1))
    assert result is not None
    return result.contents.value  # type: ignore[union-attr]


async def test_the_repositorys_notes_are_not_read(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "repo.md").write_text(NOTES.format("repository's"))
    (tmp_path / "pyproject.toml").write_text('[tool.pygloss]\nnotes = ["repo.md"]\n')
    seen = len(client.log_messages)
    uri = open_doc(client, tmp_path / "mod.py", TEXT)
    try:
        for _ in range(2):
            text = await shown(client, uri)
            assert "mock.patch" in text and "repository's notes" not in text
    finally:
        close_doc(client, uri)
    said = [
        m.message
        for m in client.log_messages[seen:]
        if "not trusted" in m.message and str(tmp_path) in m.message
    ]
    assert len(said) == 1 and "is ignored" in said[0]
    assert logged_errors(client, seen) == []


async def test_the_users_own_notes_setting_still_applies(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "mine.md").write_text(NOTES.format("user's"))
    notes = [str(tmp_path / "mine.md")]
    client.set_configuration({"pygloss": {"workspaceTrusted": True, "notes": notes}})
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    uri = open_doc(client, tmp_path / "mod.py", TEXT)
    try:
        for _ in range(20):  # the new settings apply after the server's pull
            if "user's notes" in await shown(client, uri):
                break
        else:
            raise AssertionError("the user's notes setting was not used")
    finally:
        close_doc(client, uri)


async def test_the_start_is_logged(client: LanguageClient) -> None:
    assert any(
        "workspace is not trusted" in m.message and m.type == types.MessageType.Info
        for m in client.log_messages
    )
