"""End to end: what the issue-7 rules add to the protocol — a fix offered as a
``refactor.rewrite`` action (PG304) and ``relatedInformation`` (PG401)."""

from __future__ import annotations

import ast

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from pygloss.lsp.features.code_actions import UNSAFE
from tests.conftest import ROOT
from tests.e2e.helpers import (
    apply_text_edits,
    change_doc,
    close_doc,
    code_actions,
    initialize,
    open_doc,
    server_config,
    wait_for_diagnostics,
)


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, options={"pygloss": {"diagnostics": {"debounceMs": 50}}})
    yield
    await lsp_client.shutdown_session()


async def test_pg304_rewrite_is_a_refactoring_not_a_quick_fix(client: LanguageClient) -> None:
    text = (
        "import asyncio\n\n\n"
        "async def refresh_all(accounts):\n"
        "    for account in accounts:\n"
        "        await account.refresh()\n"
    )
    uri = open_doc(client, ROOT / "scratch_pg304.py", text)
    (diagnostic,) = await wait_for_diagnostics(client, uri, 1)
    assert diagnostic.code == "PG304"
    assert diagnostic.severity == types.DiagnosticSeverity.Hint

    quick = await code_actions(
        client, uri, diagnostic.range, [diagnostic], [types.CodeActionKind.QuickFix]
    )
    assert [a.title for a in quick] == ["Ignore PG304 on this line", "Explain PG304"]

    (rewrite,) = await code_actions(
        client, uri, diagnostic.range, [diagnostic], [types.CodeActionKind.Refactor]
    )
    assert rewrite.kind == types.CodeActionKind.RefactorRewrite
    assert rewrite.title == "Run the calls concurrently with asyncio.gather" + UNSAFE
    assert not rewrite.is_preferred
    if rewrite.edit is None:  # resolved lazily by clients that support it
        rewrite = await client.code_action_resolve_async(rewrite)
    fixed = apply_text_edits(text, rewrite.edit.changes[uri])
    assert fixed == (
        "import asyncio\n\n\n"
        "async def refresh_all(accounts):\n"
        "    await asyncio.gather(*(account.refresh() for account in accounts))\n"
    )
    ast.parse(fixed)
    change_doc(client, uri, 2, fixed)
    assert await wait_for_diagnostics(client, uri, 2) == []
    close_doc(client, uri)


async def test_pg401_points_at_the_earlier_route_and_moves_the_later_one(
    client: LanguageClient,
) -> None:
    text = (
        "from fastapi import APIRouter\n\n"
        'router = APIRouter(prefix="/users")\n\n\n'
        '@router.get("/{user_id}")\n'
        "async def read_user(user_id: int):\n"
        "    ...\n\n\n"
        '@router.get("/me")\n'
        "async def read_me():\n"
        "    ...\n"
    )
    uri = open_doc(client, ROOT / "scratch_pg401.py", text)
    (diagnostic,) = await wait_for_diagnostics(client, uri, 1)
    assert diagnostic.code == "PG401"
    assert diagnostic.range == types.Range(
        start=types.Position(line=10, character=12), end=types.Position(line=10, character=17)
    )
    assert list(diagnostic.related_information or []) == [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=uri,
                range=types.Range(
                    start=types.Position(line=5, character=12),
                    end=types.Position(line=5, character=24),
                ),
            ),
            message="GET /{user_id} is registered first and matches /me",
        )
    ]
    actions = await code_actions(client, uri, diagnostic.range, [diagnostic], None)
    fix = actions[0]
    # unsafe: the moved route now answers requests the other one answered
    assert fix.title == "Move this route above the route that shadows it" + UNSAFE
    assert fix.kind == types.CodeActionKind.QuickFix and not fix.is_preferred
    if fix.edit is None:
        fix = await client.code_action_resolve_async(fix)
    fixed = apply_text_edits(text, fix.edit.changes[uri])
    assert fixed == (
        "from fastapi import APIRouter\n\n"
        'router = APIRouter(prefix="/users")\n\n\n'
        '@router.get("/me")\n'
        "async def read_me():\n"
        "    ...\n\n\n"
        '@router.get("/{user_id}")\n'
        "async def read_user(user_id: int):\n"
        "    ...\n"
    )
    change_doc(client, uri, 2, fixed)
    assert await wait_for_diagnostics(client, uri, 2) == []
    close_doc(client, uri)
