"""Diagnostics of big documents, from the engine's background linter.

A document over :data:`~pygloss.engine.background.BACKGROUND_SIZE` characters (and
under ``max-file-size``) is linted in a child process, so its parse never holds the
server (see :mod:`pygloss.engine.background`).  The server says so once per
document; the next edit cancels the lint of the version before; a lint that could
not finish says why (a log line, once per document), and its diagnostics are empty.
When documents close, the memory they held is given back to the system
(:func:`closed`).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types

from pygloss.lsp.documents import Document
from pygloss.lsp.server import PyglossServer

if TYPE_CHECKING:  # the engine is imported on first use (initialize does not wait)
    from pygloss.engine.lint import LintResult


def in_background(ls: PyglossServer, doc: Document) -> bool:
    from pygloss.engine.background import BACKGROUND_SIZE

    return ls.engine.background.available and len(doc.text) > BACKGROUND_SIZE


def lint_in_background(ls: PyglossServer, doc: Document) -> LintResult | None:
    """*doc*'s lint from the child process; None when a newer version made it moot."""
    from pygloss.engine.background import BACKGROUND_BUDGET
    from pygloss.engine.lint import LintResult

    ls.log_once(
        f"pygloss: {doc.uri} has {len(doc.text):,} characters: its diagnostics are "
        f"computed in a separate process (up to {BACKGROUND_BUDGET:g} s a version)",
        types.MessageType.Info,
        key=f"background {doc.uri}",
    )
    config = ls.config_for(doc)
    source = doc.source
    if source.path is not None and config.is_excluded(source.path):
        return LintResult()
    revision = doc.revision
    outcome = ls.engine.background.lint(
        doc.uri, source.text, source.path, config, lambda: doc.revision == revision
    )
    if isinstance(outcome, str):
        ls.log_once(
            f"pygloss: diagnostics for {doc.uri} were skipped: {outcome}",
            types.MessageType.Warning,
            key=f"background-failed {doc.uri}",
        )
        return LintResult()
    return outcome


def cancel(ls: PyglossServer, uri: str) -> None:
    """*uri* changed or closed: stop linting its old version (nothing to stop before the
    engine exists: this never makes the event loop wait for it to load)."""
    if ls.engine_loaded:
        ls.engine.background.cancel(uri)


RELEASE_DELAY = 1.0  # seconds after the last close before memory is given back


def closed(ls: PyglossServer) -> None:
    """A document closed: soon (once closes stop coming), collect and give the freed
    memory back to the system, off the event loop (:func:`release_memory`)."""
    from pygloss.engine.memory import release_memory

    if ls.memory_release is not None:
        ls.memory_release.cancel()
    ls.memory_release = asyncio.get_running_loop().call_later(
        RELEASE_DELAY, ls.pool.submit, release_memory
    )
