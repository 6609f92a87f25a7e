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


async def test_list_topics_lists_every_topic_as_plain_text_sorted_by_what_is_shown(
    client: LanguageClient,
) -> None:
    kb = load_knowledge()
    result = await execute(client, "pygloss.listTopics")
    assert isinstance(result, list)
    assert sorted(item["id"] for item in result) == sorted(kb.topics)
    # a picker shows the title as written: no backticks, code kept as it is
    assert not [item["title"] for item in result if "`" in item["title"]]
    assert not [item["summary"] for item in result if "`" in item["summary"]]
    by_id = {item["id"]: item for item in result}
    assert by_id["slots"]["title"] == "__slots__: fixed attributes, no instance __dict__"
    assert by_id["args-kwargs"]["title"] == "*args and **kwargs"
    # sorted by what is shown, ignoring case and a name's leading @ _ *
    keys = [item["title"].lstrip("@_*.`'\"(").casefold() for item in result]
    assert keys == sorted(keys)
    titles = [item["title"] for item in result]
    assert titles.index("*args and **kwargs") < titles.index(
        "__slots__: fixed attributes, no instance __dict__"
    )
    (patch,) = [item for item in result if item["id"] == "mock-patch"]
    topic = kb.get("mock-patch")
    assert topic is not None
    assert patch == {
        "id": "mock-patch",
        "title": topic.title,  # (no code span in this one)
        "summary": " ".join(topic.summary.replace("`", "").split()),
        "area": topic.area,
    }
