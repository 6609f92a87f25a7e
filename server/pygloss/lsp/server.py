"""Build the pygloss language server and register its features.

This module only wires things together; each feature lives in
``pygloss/lsp/features/<feature>.py`` with a ``register(server)`` function.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import wraps
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from pygloss import __version__
from pygloss.engine.api import Engine
from pygloss.engine.config import Config
from pygloss.lsp.convert import UTF16
from pygloss.lsp.documents import Document, DocumentStore
from pygloss.lsp.settings import Settings, parse_settings

log = logging.getLogger("pygloss.lsp")
F = TypeVar("F", bound=Callable[..., Any])
FAULT_ENV = "PYGLOSS_INJECT_FAULT"


class PyglossProtocol(LanguageServerProtocol):
    """pygls protocol whose document sync goes to pygloss's own store.

    pygls's built-in open/change/close handlers update pygls's workspace; these
    replacements update :class:`DocumentStore` instead (LSP line semantics, one
    conversion module) and then call the registered feature handlers.
    """

    _server: PyglossServer

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


class PyglossServer(LanguageServer):
    """The language server: documents, settings and the engine."""

    def __init__(self, engine: Engine | None = None) -> None:
        super().__init__("pygloss", __version__, protocol_cls=PyglossProtocol, max_workers=2)
        self.store = DocumentStore()
        self._engine = engine
        self.settings = Settings()
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pygloss")
        self._warned: set[str] = set()
        self._engine_lock = threading.Lock()
        self.pending: dict[str, asyncio.Task[Any]] = {}

    @property
    def engine(self) -> Engine:
        """The engine, loading the knowledge base on first use (once, thread-safe)."""
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    engine = Engine()
                    for problem in engine.kb.problems:
                        self.log_once(f"knowledge base: {problem}", types.MessageType.Warning)
                    self._engine = engine
        return self._engine

    @property
    def encoding(self) -> str:
        try:
            encoding = self.workspace.position_encoding
        except RuntimeError:
            return UTF16
        return str(encoding or UTF16)

    def update_settings(self, raw: Any) -> None:
        settings, warnings = parse_settings(raw)
        self.settings = settings
        for warning in warnings:
            self.log_once(warning, types.MessageType.Warning)

    def config_for(self, doc: Document) -> Config:
        config, warnings = self.engine.config_for(doc.path)
        for warning in warnings:
            self.log_once(warning, types.MessageType.Warning)
        merged, _ = self.settings.apply_to(config)
        return merged

    def log_once(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        if message in self._warned:
            return
        self._warned.add(message)
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
        loop = asyncio.get_running_loop()
        if not hasattr(self, "_event_loop"):
            self._event_loop = loop
        return await loop.run_in_executor(self.pool, func, *args)


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


def create_server(engine: Engine | None = None) -> PyglossServer:
    """A new server with every feature registered."""
    from pygloss.lsp.features import code_actions, diagnostics, hover, lifecycle

    server = PyglossServer(engine)
    for feature in (lifecycle, hover, diagnostics, code_actions):
        feature.register(server)
    return server
