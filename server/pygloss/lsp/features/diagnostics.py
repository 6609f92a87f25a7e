"""Diagnostics: lint each open document, debounced per document, published with
its version, cleared on close.

After the debounce delay the document must still be open and at the same version;
linting runs in the worker pool so hovers are never blocked, and the result is
published only if the version is still current.
"""

from __future__ import annotations

import asyncio
import traceback

from lsprotocol import types

from pygloss.engine.lint import LintResult
from pygloss.lsp.convert import to_lsp_range
from pygloss.lsp.documents import Document
from pygloss.lsp.server import PyglossServer, guarded
from pygloss.rules.base import Finding, Severity

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def lint_document(ls: PyglossServer, doc: Document) -> LintResult:
    """Findings of *doc* at its current version (computed once per version)."""
    cached = doc.cache.get("lint")
    if cached is not None and cached[0] == doc.version:
        return cached[1]  # type: ignore[no-any-return]
    version, source = doc.version, doc.source
    config = ls.config_for(doc)
    if len(doc.text) > config.max_file_size:
        ls.log_once(
            f"pygloss: {doc.uri} is larger than max-file-size ({config.max_file_size} "
            "characters); not analysed",
            types.MessageType.Info,
        )
        result = LintResult()
    else:
        result = ls.engine.lint(source, config, doc.path)
    for failure in result.failures:
        ls.log_once(
            f"pygloss: rule {failure.code} failed: {failure.error}", types.MessageType.Error
        )
    doc.cache["lint"] = (version, result)
    return result


def _related(
    ls: PyglossServer, doc: Document, finding: Finding
) -> list[types.DiagnosticRelatedInformation] | None:
    """The finding's related places, when it has some and the client shows them."""
    caps = ls.client_capabilities.text_document
    publish = caps.publish_diagnostics if caps else None
    if not finding.related or not (publish and publish.related_information):
        return None
    return [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=doc.uri, range=to_lsp_range(doc.source, r.start, r.end, ls.encoding)
            ),
            message=r.message,
        )
        for r in finding.related
    ]


def to_diagnostic(ls: PyglossServer, doc: Document, finding: Finding) -> types.Diagnostic:
    topic = ls.engine.rule_topic(finding.code)
    rule = ls.engine.rule(finding.code)
    return types.Diagnostic(
        range=to_lsp_range(doc.source, finding.start, finding.end, ls.encoding),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.code,
        source="pygloss",
        code_description=types.CodeDescription(href=topic.uri) if topic else None,
        data={"fixable": bool(rule and rule.fix_safety), **dict(finding.data)},
        related_information=_related(ls, doc, finding),
    )


async def publish(ls: PyglossServer, uri: str, delay: float) -> None:
    if delay:
        await asyncio.sleep(delay)
    doc = ls.store.get(uri)
    if doc is None:
        return
    version = doc.version
    if not ls.settings.diagnostics_enabled:
        diagnostics: list[types.Diagnostic] = []
    else:
        result = await ls.run_in_pool(lint_document, ls, doc)
        current = ls.store.get(uri)
        if current is not doc or doc.version != version:
            return  # edited meanwhile; the newer version has its own task
        diagnostics = [to_diagnostic(ls, doc, f) for f in result.findings]
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
    )


def schedule(ls: PyglossServer, uri: str, delay: float) -> None:
    previous = ls.pending.pop(uri, None)
    if previous is not None and not previous.done():
        previous.cancel()
    task = asyncio.ensure_future(_guarded_publish(ls, uri, delay))
    ls.pending[uri] = task


async def _guarded_publish(ls: PyglossServer, uri: str, delay: float) -> None:
    try:
        await publish(ls, uri, delay)
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        ls.log(
            f"pygloss: diagnostics failed for {uri}: {exc!r}\n{traceback.format_exc()}",
            types.MessageType.Error,
        )


def refresh_all(ls: PyglossServer) -> None:
    for uri in ls.store.uris():
        schedule(ls, uri, 0)


def register(server: PyglossServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded(server)
    def did_open(ls: PyglossServer, params: types.DidOpenTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(server)
    def did_change(ls: PyglossServer, params: types.DidChangeTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, ls.settings.debounce_ms / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded(server)
    def did_save(ls: PyglossServer, params: types.DidSaveTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(server)
    def did_close(ls: PyglossServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )
