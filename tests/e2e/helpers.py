"""Helpers for end-to-end tests: open documents, apply edits the way a client does.

Positions are computed here the way a client computes them (by encoding the line
prefix), independently of ``pygloss.lsp.convert``, so the tests check it.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.conftest import ROOT

UTF16 = "utf-16"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


async def initialize(
    client: LanguageClient,
    capabilities: str = "visual-studio-code",
    root: Path | None = ROOT,
    options: Any = None,
) -> types.InitializeResult:
    """``initialize`` + ``initialized`` as the named client (pytest-lsp's recorded
    capabilities) would send them, on *root* (None: no workspace)."""
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(capabilities),
            root_uri=root.as_uri() if root is not None else None,
            initialization_options=options,
        )
    )


def open_doc(client: LanguageClient, path: Path | str, text: str, version: int = 1) -> str:
    uri = (
        Path(path).resolve().as_uri()
        if not str(path).startswith(("file:", "untitled:"))
        else str(path)
    )
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=version, text=text
            )
        )
    )
    return uri


def change_doc(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def close_doc(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


def units(text: str, encoding: str = UTF16) -> int:
    """Length of *text* in code units of *encoding*, as a client counts them."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def position_at(text: str, offset: int, encoding: str = UTF16) -> types.Position:
    """The LSP position of code-point *offset* in *text*."""
    starts = _line_starts(text)
    line = max(i for i, start in enumerate(starts) if start <= offset)
    return types.Position(line=line, character=units(text[starts[line] : offset], encoding))


def position_of(text: str, needle: str, delta: int = 0, encoding: str = UTF16) -> types.Position:
    """LSP position of the first *needle* in *text*, plus *delta* characters."""
    return position_at(text, text.index(needle) + delta, encoding)


def range_of(text: str, needle: str, encoding: str = UTF16, after: str = "") -> types.Range:
    """The LSP range of the first *needle* in *text* that follows *after*."""
    start = text.index(after + needle) + len(after)
    return types.Range(
        start=position_at(text, start, encoding),
        end=position_at(text, start + len(needle), encoding),
    )


def offset_at(text: str, position: types.Position, encoding: str = UTF16) -> int:
    """Code-point offset of an LSP position (the client's side of the conversion)."""
    starts = _line_starts(text)
    if position.line >= len(starts):
        return len(text)
    start = starts[position.line]
    end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
    line = text[start:end].rstrip("\r\n")
    for column in range(len(line) + 1):
        if units(line[:column], encoding) >= position.character:
            return start + column
    return start + len(line)


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str = UTF16) -> str:
    spans = [
        (
            offset_at(text, e.range.start, encoding),
            offset_at(text, e.range.end, encoding),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def pulls_diagnostics(client: LanguageClient) -> bool:
    """Whether the server pulls diagnostics with this client (it does when the
    client supports ``textDocument/diagnostic``; then it never pushes)."""
    caps = client.capabilities
    return bool(caps and caps.text_document and caps.text_document.diagnostic)


async def pull_diagnostics(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert report.kind == "full"
    return list(report.items)


async def code_actions(
    client: LanguageClient,
    uri: str,
    rng: types.Range,
    diagnostics: list[types.Diagnostic],
    only: list[str] | None = None,
) -> list[Any]:
    """The code actions the server offers for *rng*, sent with *diagnostics* as context."""
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng,
            context=types.CodeActionContext(diagnostics=diagnostics, only=only),
        )
    )
    return list(actions or [])


async def resolved(client: LanguageClient, action: types.CodeAction) -> types.CodeAction:
    """*action* with its edit: resolved by the server when it came without one."""
    return action if action.edit else await client.code_action_resolve_async(action)


async def wait_for_diagnostics(
    client: LanguageClient, uri: str, version: int | None = None, timeout: float = 30
) -> list[types.Diagnostic]:
    """The diagnostics for *uri* (at *version*, when given): pulled when the server
    pulls with this client, else waited for (pushed)."""
    if pulls_diagnostics(client):
        return await pull_diagnostics(client, uri)
    for _ in range(100):
        # the waiter is registered before looking, so a notification handled between
        # the look and the wait cannot be missed (it would be, with a coroutine that
        # registers only when its task first runs)
        following = next_publish(client)
        params = client.published.get(uri)  # type: ignore[attr-defined]
        if params is not None and (version is None or params.version == version):
            return list(params.diagnostics)
        await asyncio.wait_for(following, timeout)
    raise AssertionError(f"no diagnostics for {uri} at version {version}")


def next_publish(client: LanguageClient) -> asyncio.Future[Any]:
    """A future for the next ``publishDiagnostics`` the client receives, registered now."""
    registered = client.protocol.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return asyncio.wrap_future(registered)


def _record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published[params.uri] = params  # type: ignore[attr-defined]


def _record_registration(client: LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


def _record_configuration(client: LanguageClient, params: types.ConfigurationParams) -> list[Any]:
    """Answer ``workspace/configuration`` as pytest-lsp does, and keep the request."""
    client.configuration_requests.append(params)  # type: ignore[attr-defined]
    return [
        client.get_configuration(section=item.section, scope_uri=item.scope_uri)
        for item in params.items
    ]


def _record_refresh(method: str):  # type: ignore[no-untyped-def]
    def record(client: LanguageClient, params: None) -> None:
        client.refreshes.append(method)  # type: ignore[attr-defined]

    return record


def make_client() -> LanguageClient:
    """pytest-lsp's test client, also keeping each publishDiagnostics' version, the
    capabilities the server registers and the refresh requests it sends (as a real
    client would accept them)."""
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_diagnostics
    features[types.CLIENT_REGISTER_CAPABILITY] = _record_registration
    features[types.WORKSPACE_CONFIGURATION] = _record_configuration
    for method in (
        types.WORKSPACE_DIAGNOSTIC_REFRESH,
        types.WORKSPACE_INLAY_HINT_REFRESH,
        types.WORKSPACE_CODE_LENS_REFRESH,
    ):
        features[method] = _record_refresh(method)
    register_lsp_features(client, features)
    client.published = {}  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    client.refreshes = []  # type: ignore[attr-defined]
    client.configuration_requests = []  # type: ignore[attr-defined]
    return client


def server_config(env: dict[str, str] | None = None) -> ClientServerConfig:
    """Start ``python -P -m pygloss serve`` (this interpreter) with our test client.

    *env* is added to this process's environment (pytest-lsp would otherwise
    replace it, losing ``PYTHONPATH`` and so testing another checkout's pygloss).
    """
    return ClientServerConfig(
        server_command=[sys.executable, "-P", "-m", "pygloss", "serve"],
        client_factory=make_client,
        server_env={**os.environ, **env} if env else None,
    )
