"""Build the pygloss language server and register its features.

This module only wires things together; each feature lives in
``pygloss/lsp/features/<feature>.py`` with a ``register(server)`` function.

Two worker pools keep the event loop free: ``run_in_pool`` (lint, fixes, hints,
lenses: bounded work) and ``run_slow`` (explanations, which may wait on jedi), so a
slow lookup never delays a diagnostic pull.  A cancelled request
(``$/cancelRequest``) stops waiting at once and answers ``RequestCancelled``; the
worker finishes its job in the background.

Test-only fault injection (environment, read at each call):
``PYGLOSS_INJECT_FAULT=hover,code_action`` makes those handlers raise;
``PYGLOSS_INJECT_DELAY=hover:2.5`` makes them first occupy a worker of the slow
pool for that many seconds, as a cold jedi lookup would.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import lsp_method

from pygloss import __version__
from pygloss.lsp.convert import UTF16, choose_position_encoding
from pygloss.lsp.documents import Document, DocumentStore
from pygloss.lsp.folders import Folders
from pygloss.lsp.jsonrpc import HealingProtocol
from pygloss.lsp.logs import quiet_normal_races
from pygloss.lsp.pages import LocalPages
from pygloss.lsp.settings import Settings
from pygloss.syntax import ast_lock

if TYPE_CHECKING:  # the engine is imported on first use: initialize does not wait for it
    from pygloss.engine.api import Engine
    from pygloss.engine.config import Config

log = logging.getLogger("pygloss.lsp")
F = TypeVar("F", bound=Callable[..., Any])
# notebooks of any type whose Python cells pygloss serves (Jupyter's, VS Code's
# interactive window, untitled ones); markdown cells are not sent
NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithCells(
            notebook="*", cells=[types.NotebookCellLanguage(language="python")]
        )
    ],
    save=True,
)
FAULT_ENV = "PYGLOSS_INJECT_FAULT"
DELAY_ENV = "PYGLOSS_INJECT_DELAY"


class PyglossProtocol(HealingProtocol):
    """pygls protocol whose document sync goes to pygloss's own store (and whose
    every request gets one answer: :mod:`pygloss.lsp.jsonrpc`).

    pygls's built-in open/change/close handlers update pygls's workspace; these
    replacements update :class:`DocumentStore` instead (LSP line semantics, one
    conversion module) and then call the registered feature handlers.
    """

    _server: PyglossServer

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Any:
        """pygls's initialize, then pygloss's choices written into the capabilities:
        the position encoding (:func:`choose_position_encoding`) and pull or push
        diagnostics (pull only when the client supports ``textDocument/diagnostic``)."""
        server = self._server
        server.position_encoding = choose_position_encoding(params.capabilities)
        text_document = params.capabilities.text_document
        server.pull_diagnostics = bool(text_document and text_document.diagnostic)
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        result.capabilities.position_encoding = server.position_encoding
        if not server.pull_diagnostics:
            result.capabilities.diagnostic_provider = None
        return result

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        item = params.text_document
        self._server.store.open(item.uri, item.text, item.version, item.language_id)
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        server = self._server
        doc = server.store.change(
            params.text_document.uri,
            params.text_document.version,
            params.content_changes,
            server.encoding,
        )
        if doc is None:
            log.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        self._server.store.close(params.text_document.uri)
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None

    # notebooks: pygloss's store (lsp/notebooks.py), then the registered handlers
    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def lsp_notebook_document__did_open(self, params: types.DidOpenNotebookDocumentParams) -> Any:
        self._server.store.notebooks.open(params)
        if (handler := self.fm.features.get(types.NOTEBOOK_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def lsp_notebook_document__did_change(
        self, params: types.DidChangeNotebookDocumentParams
    ) -> Any:
        server = self._server
        if server.store.notebooks.change(params, server.encoding) is None:
            uri = params.notebook_document.uri
            log.warning("didChange for a notebook that is not open: %s", uri)
            return
        if (handler := self.fm.features.get(types.NOTEBOOK_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def lsp_notebook_document__did_close(self, params: types.DidCloseNotebookDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.NOTEBOOK_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None  # (it still sees the notebook's cells)
        self._server.store.notebooks.close(params.notebook_document.uri)


class Changes:
    """Wakes up waiters when open documents or settings change (event loop only)."""

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def notify(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait(self, timeout: float) -> None:
        """Return at the next change, or after *timeout* seconds."""
        if self._event is None:
            self._event = asyncio.Event()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)


class PyglossServer(LanguageServer):
    """The language server: documents, settings and the engine."""

    def __init__(self, engine: Engine | None = None) -> None:
        super().__init__(
            "pygloss",
            __version__,
            protocol_cls=PyglossProtocol,
            max_workers=2,
            notebook_document_sync=NOTEBOOK_SYNC,
        )
        self.store = DocumentStore()
        self.folders = Folders(warn=lambda m: self.log_once(m, types.MessageType.Warning))
        self._engine = engine
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pygloss")
        self.slow_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pygloss-slow")
        self._warned: set[str] = set()
        self._engine_lock = threading.Lock()
        self.pending: dict[str, asyncio.Task[Any]] = {}
        # diagnostics (lsp/features/diagnostics.py): the lint running per document, and
        # the CPU seconds the last lint after an edit took (the adaptive debounce)
        self.linting: dict[str, asyncio.Future[Any]] = {}
        self.lint_cost: dict[str, float] = {}
        self.hot: OrderedDict[str, None] = OrderedDict()  # documents keeping trees (lsp/hot.py)
        self.position_encoding: str = UTF16
        self.pull_diagnostics = False
        self.config_ready = asyncio.Event()  # set once the first settings pull is over
        self.changes = Changes()
        self.config_version = 0  # bumped when a watched pyproject.toml changes (or on reload)
        # the editor trusts the workspace (initializationOptions' workspaceTrusted; only
        # there: a repository's own .vscode/settings.json must not be able to set it)
        self.trusted = True
        self.memory_release: asyncio.TimerHandle | None = None  # lsp/background.py
        # re-check only what an edit touched (engine/incremental.py); PYGLOSS_FULL_LINT=1
        # lints every version in full (for benchmarks that compare the two)
        self.incremental_lint = os.environ.get("PYGLOSS_FULL_LINT") != "1"
        self.pages = LocalPages(lambda: self.engine.kb)  # the knowledge pages (lsp/pages.py)

    def start_io(self, stdin: Any = None, stdout: Any = None) -> None:
        """Serve on standard input and output (the healing framing:
        :mod:`pygloss.lsp.transport`) until the client closes them or sends ``exit``."""
        from pygloss.lsp.transport import serve_stdio

        serve_stdio(self.healing, stdin, stdout)

    def start_tcp(self, host: str, port: int) -> None:
        """Serve the first client that connects on *host*:*port*."""
        from pygloss.lsp.transport import serve_tcp

        serve_tcp(self.healing, host, port)

    @property
    def healing(self) -> HealingProtocol:
        assert isinstance(self.protocol, HealingProtocol)
        return self.protocol

    @property
    def exit_code(self) -> int:
        """0, or 1 when the client sent ``exit`` without ``shutdown`` first."""
        return self.healing.exit_code

    def stop_workers(self) -> None:
        """Stop waiting for the worker pools (the session is over): queued work is
        dropped, running work is abandoned."""
        for pool in (self.pool, self.slow_pool):
            pool.shutdown(wait=False, cancel_futures=True)

    @property
    def engine_loaded(self) -> bool:
        """Whether :attr:`engine` exists yet (reading it would create it)."""
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        """The engine, loading the knowledge base on first use (once, thread-safe)."""
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    from pygloss.engine.api import Engine

                    engine = Engine()
                    engine.notes.warn = lambda m: self.log(m, types.MessageType.Warning)
                    for problem in engine.kb.problems:
                        self.log_once(f"knowledge base: {problem}", types.MessageType.Warning)
                    self._engine = engine
        return self._engine

    @property
    def encoding(self) -> str:
        """The position encoding negotiated in ``initialize`` (``utf-16`` before)."""
        return self.position_encoding

    @property
    def settings(self) -> Settings:
        """The workspace-wide settings (use :meth:`settings_for` for a document)."""
        return self.folders.settings_for(None)

    def page_base(self, uri: str | None = None) -> str:
        """Base URL of the topic pages for document *uri*: the ``pages.url`` setting,
        else the locally built site, else "" (links then open the topic files)."""
        return self.folders.settings_for(uri).pages_url or self.pages.base or ""

    def settings_for(self, uri: str) -> Settings:
        """The settings for document *uri* (a notebook cell: its notebook's), with its
        workspace folder's own on top."""
        return self.folders.settings_for(self.store.owner(uri))

    def update_settings(self, raw: Any) -> None:
        """Replace the client's workspace-wide settings (``didChangeConfiguration``)."""
        self.folders.set_global(raw)

    @property
    def generation(self) -> str:
        """Changes whenever settings or configuration files change (for result ids)."""
        return f"{self.folders.version}.{self.config_version}"

    def config_for(self, doc: Document) -> Config:
        """``[tool.pygloss]`` of the document's project with its settings on top."""
        config, warnings = self.engine.config_for(doc.path)
        for warning in warnings:
            self.log_once(warning, types.MessageType.Warning)
        merged, _ = self.settings_for(doc.uri).apply_to(config)
        return merged

    def too_large(self, doc: Document) -> bool:
        """Whether *doc* is above its ``max-file-size`` and so is not analysed at all
        (no diagnostics, hovers, actions, hints or lenses); says so once per document."""
        limit = self.config_for(doc).max_file_size
        if len(doc.text) <= limit:
            return False
        self.log_once(
            f"pygloss: {doc.uri} is larger than max-file-size ({limit} characters); not analysed",
            types.MessageType.Info,
        )
        return True

    def client_supports(self, dotted: str) -> bool:
        """Whether a client capability such as ``"window.show_document.support"`` is set
        (``experimental`` is a plain mapping: ``"experimental.pygloss.showTopic"``)."""
        value: Any = self.client_capabilities
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
            if value is None:
                return False
        return bool(value)

    def log_once(
        self,
        message: str,
        kind: types.MessageType = types.MessageType.Info,
        key: str | None = None,
    ) -> None:
        """Log *message* unless it (or another message with the same *key*) was."""
        key = key or message
        if key in self._warned:
            return
        self._warned.add(key)
        self.log(message, kind)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """Send a ``window/logMessage`` (from any thread) and log to stderr."""
        log.log(logging.ERROR if kind == types.MessageType.Error else logging.INFO, "%s", message)
        params = types.LogMessageParams(type=kind, message=message)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        try:
            if loop is not None:
                self.window_log_message(params)
            elif self._loop is not None:
                self._loop.call_soon_threadsafe(self.window_log_message, params)
        except Exception:  # the transport may be gone during shutdown
            log.debug("could not send log message", exc_info=True)

    @property
    def _loop(self) -> asyncio.AbstractEventLoop | None:
        return getattr(self.protocol, "_loop", None) or getattr(self, "_event_loop", None)

    async def run_in_pool(self, func: Callable[..., Any], *args: Any) -> Any:
        """Run bounded work (lint, fixes, hints, lenses) off the event loop."""
        return await self._run(self.pool, func, *args)

    async def run_slow(self, func: Callable[..., Any], *args: Any) -> Any:
        """Run work that may wait on jedi (explanations) in its own pool."""
        return await self._run(self.slow_pool, func, *args)

    async def _run(self, pool: ThreadPoolExecutor, func: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        if not hasattr(self, "_event_loop"):
            self._event_loop = loop
        return await loop.run_in_executor(pool, func, *args)


def guarded(server: PyglossServer, default: Any = None) -> Callable[[F], F]:
    """Catch any exception of a handler: log it with its traceback, answer *default*."""

    def decorate(func: F) -> F:
        name = func.__name__

        def report(exc: BaseException) -> Any:
            trace = "".join(traceback.format_exception(exc))
            server.log(f"pygloss: {name} failed: {exc!r}\n{trace}", types.MessageType.Error)
            return default

        def inject() -> None:
            if name in os.environ.get(FAULT_ENV, "").split(","):
                raise RuntimeError(f"fault injected into {name} ({FAULT_ENV})")

        if asyncio.iscoroutinefunction(func):

            @wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                try:
                    inject()
                    if (delay := _injected_delay(name)) > 0:
                        await server.run_slow(time.sleep, delay)
                    return await func(*args, **kwargs)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    return report(exc)

            return run_async  # type: ignore[return-value]

        @wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                inject()
                return func(*args, **kwargs)
            except Exception as exc:
                return report(exc)

        return run  # type: ignore[return-value]

    return decorate


def _injected_delay(name: str) -> float:
    """Seconds of ``PYGLOSS_INJECT_DELAY`` (``name:seconds,...``) for handler *name*."""
    for item in os.environ.get(DELAY_ENV, "").split(","):
        handler, _, seconds = item.partition(":")
        if handler.strip() == name:
            try:
                return float(seconds)
            except ValueError:
                return 0.0
    return 0.0


def create_server(engine: Engine | None = None) -> PyglossServer:
    """A new server with every feature registered."""
    from pygloss.lsp.features import (
        code_actions,
        code_lens,
        commands,
        diagnostics,
        hover,
        inlay_hints,
        lifecycle,
        testing,
        topics,
    )

    ast_lock.install()  # worker threads parse concurrently: see pygloss.syntax.ast_lock
    quiet_normal_races()  # a late $/cancelRequest is logged at debug level (lsp/logs.py)
    server = PyglossServer(engine)
    for feature in (lifecycle, hover, diagnostics, code_actions, commands, inlay_hints, code_lens):
        feature.register(server)
    topics.register(server)
    testing.register(server)  # test-only commands, only with PYGLOSS_TEST_COMMANDS=1
    return server
