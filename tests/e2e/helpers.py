"""Helpers for end-to-end tests: open documents, apply edits the way a client does."""

from __future__ import annotations

import sys
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from pygloss.lsp.convert import UTF16, to_offset
from pygloss.syntax.source import Source


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


def position_of(text: str, needle: str, delta: int = 0) -> types.Position:
    """LSP (UTF-16) position of the first *needle* in *text*, plus *delta* characters."""
    offset = text.index(needle) + delta
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    prefix = text[offset - column : offset]
    return types.Position(line=line, character=len(prefix.encode("utf-16-le")) // 2)


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str = UTF16) -> str:
    source = Source(text)
    spans = [
        (
            to_offset(source, e.range.start, encoding),
            to_offset(source, e.range.end, encoding),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


async def wait_for_diagnostics(
    client: LanguageClient, uri: str, version: int | None = None
) -> list[types.Diagnostic]:
    """Wait until diagnostics for *uri* (at *version*, when given) arrive."""
    for _ in range(100):
        params = client.published.get(uri)  # type: ignore[attr-defined]
        if params is not None and (version is None or params.version == version):
            return list(params.diagnostics)
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    raise AssertionError(f"no diagnostics for {uri} at version {version}")


def _record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published[params.uri] = params  # type: ignore[attr-defined]


def _record_registration(client: LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


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
    return client


def server_config(env: dict[str, str] | None = None) -> ClientServerConfig:
    """Start ``python -m pygloss serve`` (this interpreter) with our test client."""
    return ClientServerConfig(
        server_command=[sys.executable, "-m", "pygloss", "serve"],
        client_factory=make_client,
        server_env=env,
    )
