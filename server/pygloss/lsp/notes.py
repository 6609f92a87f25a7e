"""Which notes a document's hover reads: the ``pygloss.notes`` setting or ``[tool.pygloss]``.

The editor setting (``initializationOptions``, ``workspace/configuration``,
``workspace/didChangeConfiguration``; per folder in a multi-root workspace) wins
over ``notes`` in the project's ``pyproject.toml``.  Relative paths in the setting
start at the document's workspace folder; those in ``pyproject.toml`` at the
folder holding it.  ``notes = []`` in the setting turns the notes off.  The
index itself (and re-reading a changed file) is the engine's
(:mod:`pygloss.engine.notes.store`).

In a workspace the editor does not trust (``workspaceTrusted: false`` in
``initializationOptions``; VS Code's Restricted Mode), the repository's own
``notes`` in ``pyproject.toml`` are ignored, with one log line saying so: a cloned
repository does not choose which files on the machine pygloss reads.  The user's
setting still applies (VS Code itself takes it from the user settings only there).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from lsprotocol import types

from pygloss.engine.config import parse_config
from pygloss.lsp.documents import Document, uri_to_path
from pygloss.lsp.server import PyglossServer

if TYPE_CHECKING:  # the notes engine is imported at the first hover that needs it
    from pygloss.engine.notes.store import NotesSpec


def _root(ls: PyglossServer, doc: Document) -> str | None:
    folder = ls.folders.folder_path_of(doc.uri)
    if folder is not None:
        return folder
    for uri in ls.folders.uris():  # an untitled document: the first folder
        path = uri_to_path(uri)
        if path is not None:
            return path
    return os.path.dirname(doc.path) if doc.path else None


def notes_spec(ls: PyglossServer, doc: Document) -> NotesSpec | None:
    """The notes a hover in *doc* shows (None: no notes configured)."""
    from pygloss.engine.notes.store import NotesSpec

    raw = ls.settings_for(doc.uri).lint.get("notes")
    if raw is not None:
        config, warnings = parse_config({"notes": raw}, where="settings")
        if not warnings:  # a bad value was reported by the settings; use pyproject's
            return NotesSpec(config.notes, _root(ls, doc)) if config.notes else None
    config, _ = ls.engine.config_for(doc.path)
    spec = NotesSpec.from_config(config)
    if spec is not None and not ls.trusted:
        ls.log_once(
            f"pygloss: the workspace is not trusted, so `notes` in {config.root}/pyproject.toml "
            "is ignored (trust the workspace, or set pygloss.notes, to use notes)",
            types.MessageType.Info,
            key=f"untrusted-notes {config.root}",
        )
        return None
    return spec
