"""Diagnostics, pulled by the client or pushed by the server, never both.

*Pull* (when the client supports ``textDocument/diagnostic``): the client asks per
document, and with ``workspace/diagnostic`` for every open document.  Each report
has a ``resultId`` made of the document version and the settings generation, so an
unchanged document is answered "unchanged"; workspace reports carry the version.
A workspace pull that would report nothing new is held until something changes
(or :data:`WORKSPACE_HOLD` seconds pass): clients such as VS Code pull again as
soon as they get an answer, and would otherwise poll in a loop.

*Push* (otherwise): lint each open document and publish with its version; clear on
close.  After an edit, the lint starts at once when the last lint after an edit of that
document took less than :data:`FAST_LINT` seconds of CPU (the incremental lint of an
8,000-line file takes 20-80 ms), and after :data:`SLOW_DELAY` otherwise (an edit
that took the full path, a huge file); the ``diagnostics.debounceMs`` setting, when
given, replaces this with a fixed delay.  While a lint of the document is running, the
next one waits for it (typing faster than lints finish): each edit cancels the wait of
the edit before, so only the latest version is linted then, never two at once.  After
the delay the document must still be open and at the same version; linting runs in
the worker pool so hovers are never blocked, and the result is published only if the
version is current.

A notebook is linted once per change, as one module (:mod:`pygloss.lsp.notebooks`);
each of its cells gets the diagnostics that lie in it, and any edit re-checks every
cell (``interFileDependencies``: a cell's diagnostics depend on the cells before it).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import traceback
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from pygloss.lsp import background, hot
from pygloss.lsp.documents import Document, uri_to_path
from pygloss.lsp.server import PyglossServer, guarded
from pygloss.lsp.text import plain_title
from pygloss.rules.base import Finding, Severity

if TYPE_CHECKING:  # the engine is imported on first use (initialize does not wait)
    from pygloss.engine.lint import LintResult

WORKSPACE_HOLD = 60.0  # seconds a workspace pull with nothing new is held open
LINT_BUDGET = 2.5  # seconds one document's lint may take before it is cut short
FAST_LINT = 0.1  # CPU seconds: after an edit whose last lint was cheaper, lint at once
SLOW_DELAY = 0.3  # seconds to wait after an edit when that lint was slower

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def lint_document(ls: PyglossServer, doc: Document) -> LintResult:
    """Findings of *doc* at its current version (computed once per version and
    settings generation)."""
    from pygloss.engine.lint import LintResult

    key = (doc.revision, ls.generation)
    cached = doc.cache.get("lint")
    if cached is not None and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    # what is loaded once per server (the engine with its knowledge base, the rules)
    # is not this document's cost: under load it alone could spend the whole budget
    # and leave the first lint with nothing checked
    from pygloss.rules import all_rules

    _ = ls.engine, all_rules()
    deadline = time.monotonic() + LINT_BUDGET
    if ls.too_large(doc):
        result = LintResult()
    elif background.in_background(ls, doc):
        started = time.monotonic()
        found = background.lint_in_background(ls, doc)
        ls.lint_cost[ls.store.owner(doc.uri)] = time.monotonic() - started  # (another process)
        if found is None:
            return LintResult()  # a newer version is being linted: nothing to keep
        result = found
    else:
        previous = doc.carry.pop("lint", None) if ls.incremental_lint else None
        config = ls.config_for(doc)
        started = time.thread_time()
        if ls.incremental_lint:
            result, state = ls.engine.lint_edit(doc.source, previous, config, doc.path, deadline)
            if state is not None:
                doc.carry["lint"] = state
        else:
            result = ls.engine.lint(doc.source, config, doc.path, deadline)
        if previous is not None or not ls.incremental_lint:  # not a document's first lint
            ls.lint_cost[ls.store.owner(doc.uri)] = time.thread_time() - started
        else:  # linted in full: what hovers in it may ask jedi about (lsp/hot.py)
            doc.carry["hover modules"] = ls.engine.hover_modules(doc.source)
    if result.truncated:
        done = (
            f"{result.checked} of {result.total} nodes checked"
            if result.total
            else "before any rule ran: parsing and indexing took the time"
        )
        ls.log_once(
            f"pygloss: diagnostics for {doc.uri} stopped after {LINT_BUDGET:g} s "
            f"({done}); the rest is not checked",
            types.MessageType.Warning,
            key=f"lint-cut {doc.uri}",  # once per document, not per keystroke
        )
    for failure in result.failures:
        ls.log_once(
            f"pygloss: rule {failure.code} failed: {failure.error}", types.MessageType.Error
        )
    doc.cache["lint"] = (key, result)
    return result


def _related(
    ls: PyglossServer, doc: Document, finding: Finding
) -> list[types.DiagnosticRelatedInformation] | None:
    """The finding's related places, when it has some and the client shows them."""
    caps = ls.client_capabilities.text_document
    publish = caps.publish_diagnostics if caps else None
    if not finding.related or not (publish and publish.related_information):
        return None
    found = [(doc.location(r.start, r.end, ls.encoding), r.message) for r in finding.related]
    return [
        types.DiagnosticRelatedInformation(location=location, message=plain_title(message))
        for location, message in found
        if location is not None  # (in a notebook: a place in a cell pygloss reads)
    ] or None


def to_diagnostic(ls: PyglossServer, doc: Document, finding: Finding) -> types.Diagnostic:
    topic = ls.engine.rule_topic(finding.code)
    rule = ls.engine.rule(finding.code)
    return types.Diagnostic(
        range=doc.to_range(finding.start, finding.end, ls.encoding),
        message=plain_title(finding.message),  # clients show it as plain text
        severity=SEVERITY[finding.severity],
        code=finding.code,
        source="pygloss",
        code_description=(
            types.CodeDescription(href=topic.link(ls.page_base(doc.uri))) if topic else None
        ),
        data={"fixable": bool(rule and rule.fix_safety), **dict(finding.data)},
        related_information=_related(ls, doc, finding),
    )


async def diagnose(ls: PyglossServer, doc: Document) -> list[types.Diagnostic]:
    """The diagnostics of *doc* at its current version (empty when turned off)."""
    await _settings_ready(ls)
    if not ls.settings_for(doc.uri).diagnostics_enabled:
        return []
    running = asyncio.ensure_future(ls.run_in_pool(lint_document, ls, doc))
    ls.linting[doc.uri] = running

    def finished(future: asyncio.Future[Any]) -> None:  # also when the wait was cancelled
        if ls.linting.get(doc.uri) is future:
            del ls.linting[doc.uri]
        hot.settle(ls, doc)  # gone cold meanwhile (another document was opened): drop trees

    running.add_done_callback(finished)
    result = await asyncio.shield(running)  # a cancelled wait leaves the lint to finish
    return [to_diagnostic(ls, doc, f) for f in result.findings if doc.owns(f.start, f.end)]


def debounce(ls: PyglossServer, uri: str) -> float:
    """Seconds to wait before linting *uri* after an edit: the ``debounceMs`` setting
    when given, else none when the last lint after an edit was cheap."""
    fixed = ls.settings_for(uri).debounce_ms
    if fixed is not None:
        return fixed / 1000
    cost = ls.lint_cost.get(ls.store.owner(uri))
    return 0.0 if cost is None or cost < FAST_LINT else SLOW_DELAY


async def _lint_done(ls: PyglossServer, uri: str) -> None:
    """Wait for the lint of *uri* that is running, if any (its outcome is its own)."""
    running = ls.linting.get(uri)
    if running is not None and not running.done():
        with contextlib.suppress(Exception):
            await asyncio.shield(running)


async def _settings_ready(ls: PyglossServer) -> None:
    if not ls.config_ready.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ls.config_ready.wait(), 3)


def result_id(ls: PyglossServer, doc: Document) -> str:
    return f"{doc.revision}:{ls.generation}"


# -- push --------------------------------------------------------------------------
async def publish(ls: PyglossServer, uri: str, delay: float) -> None:
    if delay:
        await asyncio.sleep(delay)
    await _lint_done(ls, uri)  # typing faster than lints finish: this one waits its turn
    doc = ls.store.get(uri)
    if doc is None:
        return
    version, revision = doc.version, doc.revision
    diagnostics = await diagnose(ls, doc)
    if ls.store.get(uri) is not doc or doc.revision != revision:
        return  # edited meanwhile; the newer version has its own task
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
    )


def schedule(ls: PyglossServer, uri: str, delay: float) -> None:
    ls.changes.notify()
    if ls.engine_loaded:
        ls.engine.busy()  # jedi's warm-up steps wait: this lint comes first
    if ls.pull_diagnostics:
        return
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


def schedule_notebook(ls: PyglossServer, uri: str, delay: float) -> None:
    """Re-check every cell of notebook *uri* (an edit in one may change the others)."""
    state = ls.store.notebooks.notebook(uri)
    for cell in state.cells if state is not None else ():
        schedule(ls, cell.uri, delay)


def forget(ls: PyglossServer, uri: str) -> None:
    """A document (or notebook cell) went away: stop its check, clear what was shown."""
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.lint_cost.pop(uri, None)
    ls.changes.notify()
    if not ls.pull_diagnostics:
        cleared = types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        ls.text_document_publish_diagnostics(cleared)


def refresh_all(ls: PyglossServer) -> None:
    """Re-check every open document: re-publish (push) or ask the client to pull."""
    ls.changes.notify()
    if ls.pull_diagnostics:
        if ls.client_supports("workspace.diagnostics.refresh_support"):
            ls.workspace_diagnostic_refresh(None)
        return
    for uri in ls.store.uris():
        schedule(ls, uri, 0)


# -- pull --------------------------------------------------------------------------
async def document_report(
    ls: PyglossServer, uri: str, previous: str | None
) -> types.DocumentDiagnosticReport:
    doc = ls.store.get(uri)
    if doc is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    current = result_id(ls, doc)
    if previous == current:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=current)
    items = await diagnose(ls, doc)
    return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=current)


async def workspace_report(
    ls: PyglossServer, previous: dict[str, str]
) -> types.WorkspaceDiagnosticReport:
    """Reports for the open documents (and an empty one for each document the client
    knew that is now closed); held while none of them would be new."""
    report = await _workspace_items(ls, previous)
    if previous and all(item.kind == "unchanged" for item in report.items):
        await ls.changes.wait(WORKSPACE_HOLD)
        report = await _workspace_items(ls, previous)
    return report


async def _workspace_items(
    ls: PyglossServer, previous: dict[str, str]
) -> types.WorkspaceDiagnosticReport:
    items: list[types.WorkspaceDocumentDiagnosticReport] = []
    open_uris = ls.store.uris()
    for uri in open_uris:
        doc = ls.store.get(uri)
        if doc is None:
            continue
        current = result_id(ls, doc)
        if previous.get(uri) == current:
            items.append(
                types.WorkspaceUnchangedDocumentDiagnosticReport(
                    uri=uri, version=doc.version, result_id=current
                )
            )
            continue
        found = await diagnose(ls, doc)
        items.append(
            types.WorkspaceFullDocumentDiagnosticReport(
                uri=uri, version=doc.version, items=found, result_id=current
            )
        )
    for uri in previous.keys() - set(open_uris):
        items.append(types.WorkspaceFullDocumentDiagnosticReport(uri=uri, version=None, items=[]))
    return types.WorkspaceDiagnosticReport(items=items)


def register(server: PyglossServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded(server)
    def did_open(ls: PyglossServer, params: types.DidOpenTextDocumentParams) -> None:
        hot.used(ls, params.text_document.uri)
        schedule(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(server)
    def did_change(ls: PyglossServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        background.cancel(ls, uri)
        hot.used(ls, uri)
        schedule(ls, uri, debounce(ls, uri))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded(server)
    def did_save(ls: PyglossServer, params: types.DidSaveTextDocumentParams) -> None:
        if (path := uri_to_path(params.text_document.uri)) is not None:
            ls.engine.notes.files_changed([path])  # a saved notes file is read again
        schedule(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(server)
    def did_close(ls: PyglossServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        background.cancel(ls, uri)
        hot.forget(ls, uri)
        if (path := uri_to_path(uri)) is not None:
            ls.engine.document_closed(path)  # jedi's tree of it (robustness: memory)
        forget(ls, uri)
        background.closed(ls)  # memory back to the system, once closes stop coming

    # -- notebooks: a cell's diagnostics may depend on every cell before it ----------
    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    @guarded(server)
    def notebook_did_open(ls: PyglossServer, params: types.DidOpenNotebookDocumentParams) -> None:
        schedule_notebook(ls, params.notebook_document.uri, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    @guarded(server)
    def notebook_did_change(
        ls: PyglossServer, params: types.DidChangeNotebookDocumentParams
    ) -> None:
        uri = params.notebook_document.uri
        structure = params.change.cells.structure if params.change.cells else None
        for cell in (structure.did_close or ()) if structure else ():
            forget(ls, cell.uri)
        schedule_notebook(ls, uri, debounce(ls, uri))

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    @guarded(server)
    def notebook_did_save(ls: PyglossServer, params: types.DidSaveNotebookDocumentParams) -> None:
        schedule_notebook(ls, params.notebook_document.uri, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    @guarded(server)
    def notebook_did_close(ls: PyglossServer, params: types.DidCloseNotebookDocumentParams) -> None:
        if (path := uri_to_path(params.notebook_document.uri)) is not None:
            ls.engine.document_closed(path)
        for cell in params.cell_text_documents:
            forget(ls, cell.uri)

    options = types.DiagnosticOptions(
        identifier="pygloss",
        inter_file_dependencies=True,  # a notebook cell's diagnostics depend on other cells
        workspace_diagnostics=True,
    )

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, options)
    @guarded(server, default=types.RelatedFullDocumentDiagnosticReport(items=[]))
    async def diagnostic(
        ls: PyglossServer, params: types.DocumentDiagnosticParams
    ) -> types.DocumentDiagnosticReport:
        return await document_report(ls, params.text_document.uri, params.previous_result_id)

    @server.feature(types.WORKSPACE_DIAGNOSTIC)
    @guarded(server, default=types.WorkspaceDiagnosticReport(items=[]))
    async def workspace_diagnostic(
        ls: PyglossServer, params: types.WorkspaceDiagnosticParams
    ) -> types.WorkspaceDiagnosticReport:
        previous = {p.uri: p.value for p in params.previous_result_ids}
        return await workspace_report(ls, previous)
