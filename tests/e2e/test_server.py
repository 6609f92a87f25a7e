"""End to end through a real LSP client (pytest-lsp): lifecycle, hover, diagnostics,
code actions, and a handler failure that must not take the server down."""

from __future__ import annotations

import ast
import asyncio
import json
import subprocess
import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from pygloss.lsp.features.code_actions import UNSAFE
from tests.conftest import EXAMPLES, ROOT
from tests.e2e.helpers import (
    apply_text_edits,
    change_doc,
    close_doc,
    code_actions,
    initialize,
    next_publish,
    open_doc,
    position_of,
    server_config,
    wait_for_diagnostics,
)

SERVER = [sys.executable, "-P", "-m", "pygloss", "serve"]


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    result = await initialize(lsp_client, options={"pygloss": {"diagnostics": {"debounceMs": 50}}})
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_initialize_advertises_the_features(client: LanguageClient) -> None:
    result = client.init_result  # type: ignore[attr-defined]
    caps = result.capabilities
    assert result.server_info.name == "pygloss"
    assert caps.hover_provider
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert types.CodeActionKind.QuickFix in caps.code_action_provider.code_action_kinds
    assert "pygloss.explain" in caps.execute_command_provider.commands


async def test_hover_explains_mock_patch_with_the_parameter_table(client: LanguageClient) -> None:
    path = EXAMPLES / "test_orders.py"
    text = path.read_text()
    uri = open_doc(client, path, text)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, 'mock.patch("examples.orders.charge_card")', 6),
        )
    )
    assert hover is not None
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith(
        "**unittest.mock.patch — replace a name while a test runs**"
    )
    assert "| `mock_charge_card` | `examples.orders.charge_card` (bottom decorator) |" in (
        hover.contents.value
    )
    line = position_of(text, 'mock.patch("examples.orders.charge_card")').line
    assert hover.range == types.Range(
        start=types.Position(line=line, character=5), end=types.Position(line=line, character=15)
    )
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, '"txn-1"'),
        )
    )
    assert nothing is None
    close_doc(client, uri)


async def test_diagnostics_on_open_change_and_close(client: LanguageClient) -> None:
    path = ROOT / "scratch_diag.py"
    text = "def f(items=[]):\n    items.append(1)\n"
    uri = open_doc(client, path, text, version=1)
    (diagnostic,) = await wait_for_diagnostics(client, uri, 1)
    assert diagnostic.code == "PG101" and diagnostic.source == "pygloss"
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.range == types.Range(
        start=types.Position(line=0, character=12), end=types.Position(line=0, character=14)
    )
    assert diagnostic.code_description.href.endswith("/rules/pg101-mutable-default.html")

    text = "def f(items=None, more={}, other=set()):\n    return items, more, other\n"
    change_doc(client, uri, 2, text)
    diagnostics = await wait_for_diagnostics(client, uri, 2)
    assert [d.range.start.character for d in diagnostics] == [23, 33]

    change_doc(client, uri, 3, "def f(items=None):\n    return items\n")
    assert await wait_for_diagnostics(client, uri, 3) == []

    change_doc(client, uri, 4, "def f(items=[]):\n    return items\n")
    assert len(await wait_for_diagnostics(client, uri, 4)) == 1
    cleared = next_publish(client)
    close_doc(client, uri)
    await asyncio.wait_for(cleared, 30)
    assert list(client.diagnostics[uri]) == []


async def test_incremental_edits_with_emoji_keep_positions_right(client: LanguageClient) -> None:
    text = 'label = "😀 漢字"\ndef f(items=None):\n    return items\n'
    uri = open_doc(client, ROOT / "scratch_incr.py", text, version=1)
    assert await wait_for_diagnostics(client, uri, 1) == []
    # replace `None` (line 1, UTF-16 columns 12..16) with `[]`, then insert an emoji default
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=1, character=12),
                        end=types.Position(line=1, character=16),
                    ),
                    text="[]",
                ),
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=0, character=9),
                        end=types.Position(line=0, character=11),
                    ),
                    text="🎉🎉",
                ),
            ],
        )
    )
    (diagnostic,) = await wait_for_diagnostics(client, uri, 2)
    assert diagnostic.range.start == types.Position(line=1, character=12)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=1),
        )
    )
    assert hover is None
    close_doc(client, uri)


async def test_code_action_fixes_pg101(client: LanguageClient) -> None:
    path = ROOT / "scratch_fix.py"
    text = (
        "def add(item, bucket: list[str] = []):\n"
        '    """Add it."""\n'
        "    bucket.append(item)\n"
        "    return bucket\n"
    )
    uri = open_doc(client, path, text, version=1)
    (diagnostic,) = await wait_for_diagnostics(client, uri, 1)
    actions = await code_actions(client, uri, diagnostic.range, [diagnostic])
    titles = [a.title for a in actions]
    assert titles == [
        "Default to None and create the value inside the function" + UNSAFE,
        "Ignore PG101 on this line",
        "Explain PG101",
    ]
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix and not fix.is_preferred
    if fix.edit is None:  # the client supports lazy resolution
        fix = await client.code_action_resolve_async(fix)
    fixed = apply_text_edits(text, fix.edit.changes[uri])
    assert fixed == (
        "def add(item, bucket: list[str] | None = None):\n"
        '    """Add it."""\n'
        "    if bucket is None:\n"
        "        bucket = []\n"
        "    bucket.append(item)\n"
        "    return bucket\n"
    )
    ast.parse(fixed)
    change_doc(client, uri, 2, fixed)
    assert await wait_for_diagnostics(client, uri, 2) == []

    ignored = apply_text_edits(text, actions[1].edit.changes[uri])
    change_doc(client, uri, 3, ignored)
    assert ignored.splitlines()[0].endswith("# pygloss: ignore[PG101]")
    assert await wait_for_diagnostics(client, uri, 3) == []
    close_doc(client, uri)


async def test_explain_command_returns_the_topic(client: LanguageClient) -> None:
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="pygloss.explain", arguments=["pg101-mutable-default"])
    )
    assert result["topics"] == [
        {"id": "pg101-mutable-default", "title": "PG101 mutable default argument"}
    ]
    assert "## Fix safety" in result["markdown"]


async def test_cli_and_server_give_the_same_answer(client: LanguageClient) -> None:
    path = EXAMPLES / "test_orders.py"
    text = path.read_text()
    uri = open_doc(client, path, text)
    position = position_of(text, 'mock.patch("examples.orders.send_receipt")', 8)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )
    cli = subprocess.run(
        [
            sys.executable,
            "-P",
            "-m",
            "pygloss",
            "explain",
            f"{path}:{position.line + 1}:{position.character + 1}",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(cli.stdout)
    assert data["topics"][0]["id"] == "mock-patch"
    assert data["markdown"] == hover.contents.value
    close_doc(client, uri)
