"""Shared pieces of the robustness tests: a test-commands server, request helpers
that bound every answer in time and check its shape, and the error-log check.

Time limits here catch hangs, not slowness: the machine running the suite is shared
and loaded, so each limit is the budget from the issue times :data:`HEADROOM`.  The
exact latencies are measured by the scripts in ``bench/`` (see docs/design/robustness.md).
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.e2e.helpers import server_config

REQUEST_BUDGET = 2.0  # seconds: the bound for one request
HEADROOM = float(os.environ.get("PYGLOSS_TEST_HEADROOM", "5"))
TEST_ENV = {"PYGLOSS_TEST_COMMANDS": "1"}


def robust_config(env: dict[str, str] | None = None) -> ClientServerConfig:
    """``python -P -m pygloss serve`` with the test-only commands registered."""
    return server_config({**TEST_ENV, **(env or {})})


def doc_id(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def within(awaitable: Any, budget: float = REQUEST_BUDGET) -> Any:
    """The result of *awaitable*, failing the test when it takes longer than
    *budget* x :data:`HEADROOM` seconds (a hang, not a slow answer)."""
    return await asyncio.wait_for(awaitable, budget * HEADROOM)


async def hover(client: LanguageClient, uri: str, position: types.Position) -> types.Hover | None:
    result = await within(
        client.text_document_hover_async(
            types.HoverParams(text_document=doc_id(uri), position=position)
        )
    )
    assert result is None or isinstance(result, types.Hover), result
    if result is not None:
        assert isinstance(result.contents, types.MarkupContent) and result.contents.value
    return result  # type: ignore[no-any-return]


async def diagnostics(
    client: LanguageClient, uri: str, budget: float = REQUEST_BUDGET
) -> types.DocumentDiagnosticReport:
    """A pulled report (the server pulls with Neovim's capabilities)."""
    report = await within(
        client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=doc_id(uri))
        ),
        budget,
    )
    assert isinstance(
        report,
        types.RelatedFullDocumentDiagnosticReport | types.RelatedUnchangedDocumentDiagnosticReport,
    ), report
    if isinstance(report, types.RelatedFullDocumentDiagnosticReport):
        for item in report.items:
            assert isinstance(item, types.Diagnostic) and item.source == "pygloss"
            assert item.range.start.line <= item.range.end.line
    return report


async def code_actions(
    client: LanguageClient, uri: str, rng: types.Range, only: list[str] | None = None
) -> list[types.CodeAction | types.Command]:
    actions = await within(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc_id(uri),
                range=rng,
                context=types.CodeActionContext(diagnostics=[], only=only),
            )
        )
    )
    assert actions is None or isinstance(actions, list | tuple), actions
    for action in actions or []:
        assert isinstance(action, types.CodeAction | types.Command)
    return list(actions or [])


async def server_text(client: LanguageClient, uri: str) -> dict[str, Any] | None:
    """The server's own copy of document *uri* (``pygloss.test.documentText``)."""
    return await within(  # type: ignore[no-any-return]
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="pygloss.test.documentText", arguments=[uri])
        )
    )


def logged_errors(client: LanguageClient, since: int = 0) -> list[str]:
    """Error-level ``window/logMessage`` texts (a handler or rule that raised)."""
    return [m.message for m in client.log_messages[since:] if m.type == types.MessageType.Error]


def end_position() -> types.Position:
    """A position far past the end of any line and file."""
    return types.Position(line=10**6, character=10**6)


def open_uri(client: LanguageClient, uri: str, text: str, version: int = 1) -> str:
    """``didOpen`` of *uri* exactly as given (any scheme)."""
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=version, text=text
            )
        )
    )
    return uri


async def live_documents(client: LanguageClient) -> dict[str, list[str]]:
    """Open URIs, and every Document / Source alive in the server after a collection
    (``pygloss.test.liveDocuments``: a full garbage collection, so a larger budget)."""
    return await within(  # type: ignore[no-any-return]
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="pygloss.test.liveDocuments", arguments=[])
        ),
        budget=6.0,
    )
