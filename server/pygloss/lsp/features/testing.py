"""Test-only commands: read the server's own state from a real client.

Registered **only** when the environment variable ``PYGLOSS_TEST_COMMANDS`` is ``1``
when the server starts (the robustness tests set it; a test checks the commands are
absent otherwise), so no editor ever sees them:

``pygloss.test.documentText [uri]``
    ``{"uri", "version", "text"}`` of an open document as the server holds it
    (None when it is not open): the fuzzing test compares it with the client's text
    after every edit.
``pygloss.test.liveDocuments []``
    After a garbage collection, the URIs of every :class:`Document` and the paths of
    every :class:`Source` still alive in the process, and the open URIs: shows that
    closed documents release their caches.
``pygloss.test.backgroundStats []``
    The background linter's counters (jobs, cancelled, skipped, failed, children) and
    whether its child process is running.
"""

from __future__ import annotations

import gc
import os
from typing import Any

from pygloss.lsp.documents import Document
from pygloss.lsp.server import PyglossServer
from pygloss.syntax.source import Source

TEST_COMMANDS_ENV = "PYGLOSS_TEST_COMMANDS"
DOCUMENT_TEXT_COMMAND = "pygloss.test.documentText"
LIVE_DOCUMENTS_COMMAND = "pygloss.test.liveDocuments"
BACKGROUND_STATS_COMMAND = "pygloss.test.backgroundStats"


def enabled() -> bool:
    return os.environ.get(TEST_COMMANDS_ENV) == "1"


def document_text(ls: PyglossServer, uri: Any) -> dict[str, Any] | None:
    doc = ls.store.get(uri) if isinstance(uri, str) else None
    if doc is None:
        return None
    return {"uri": doc.uri, "version": doc.version, "text": doc.text}


def live_documents(ls: PyglossServer) -> dict[str, list[str]]:
    gc.collect()
    documents: list[str] = []
    sources: list[str] = []
    # frozen objects (gc.freeze, the jedi warm-up) are not in gc.get_objects(): thaw
    # them for the scan, so a closed document frozen by mistake is seen too
    gc.unfreeze()
    try:
        for obj in gc.get_objects():
            if isinstance(obj, Document):
                documents.append(obj.uri)
            elif isinstance(obj, Source):
                sources.append(obj.path or "<no path>")
    finally:
        gc.freeze()
    return {"open": sorted(ls.store.uris()), "documents": sorted(documents), "sources": sources}


def register(server: PyglossServer) -> None:
    if not enabled():
        return

    @server.command(DOCUMENT_TEXT_COMMAND)
    def document_text_command(ls: PyglossServer, *args: Any) -> dict[str, Any] | None:
        return document_text(ls, args[0] if args else None)

    @server.command(LIVE_DOCUMENTS_COMMAND)
    async def live_documents_command(ls: PyglossServer, *args: Any) -> dict[str, list[str]]:
        result: dict[str, list[str]] = await ls.run_in_pool(live_documents, ls)
        return result

    @server.command(BACKGROUND_STATS_COMMAND)
    def background_stats_command(ls: PyglossServer, *args: Any) -> dict[str, Any]:
        background = ls.engine.background
        stats = dict(vars(background.stats))
        stats["running"] = background.running()
        return stats
