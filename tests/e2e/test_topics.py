"""``pygloss.listTopics``, the command behind VS Code's "pygloss: Open a topic…" picker."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from pygloss.engine.api import load_knowledge
from tests.e2e.helpers import initialize, server_config


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def execute(client: LanguageClient, command: str, *arguments: object) -> object:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command, arguments=list(arguments))
    )


async def test_list_topics_lists_every_topic_sorted_by_title(client: LanguageClient) -> None:
    kb = load_knowledge()
    result = await execute(client, "pygloss.listTopics")
    assert isinstance(result, list)
    assert sorted(item["id"] for item in result) == sorted(kb.topics)
    titles = [item["title"].lower() for item in result]
    assert titles == sorted(titles)
    (patch,) = [item for item in result if item["id"] == "mock-patch"]
    topic = kb.get("mock-patch")
    assert topic is not None
    assert patch == {
        "id": "mock-patch",
        "title": topic.title,
        "summary": topic.summary,
        "area": topic.area,
    }
