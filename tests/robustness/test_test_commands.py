"""The test-only commands exist only when ``PYGLOSS_TEST_COMMANDS=1``: a server
started without it does not advertise them and answers them with an error."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from tests.conftest import ROOT
from tests.e2e.helpers import close_doc, initialize, open_doc, server_config
from tests.robustness.common import within

TEST_COMMANDS = (
    "pygloss.test.documentText",
    "pygloss.test.liveDocuments",
    "pygloss.test.backgroundStats",
)


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    result = await initialize(lsp_client)
    lsp_client.commands = result.capabilities.execute_command_provider.commands  # type: ignore[attr-defined, union-attr]
    yield
    await lsp_client.shutdown_session()


async def test_test_commands_are_absent_by_default(client: LanguageClient) -> None:
    advertised = client.commands  # type: ignore[attr-defined]
    assert "pygloss.explain" in advertised  # the real commands are there
    assert not set(TEST_COMMANDS) & set(advertised)
    uri = open_doc(client, ROOT / "tests" / "robustness" / "no_test_commands.py", "x = 1\n")
    try:
        for command in TEST_COMMANDS:
            with pytest.raises(JsonRpcException):
                await within(
                    client.workspace_execute_command_async(
                        types.ExecuteCommandParams(command=command, arguments=[uri])
                    )
                )
    finally:
        close_doc(client, uri)
