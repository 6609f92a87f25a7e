"""Open documents: text, version and the parsed :class:`Source` of that version.

pygloss keeps its own store instead of pygls's workspace so that line breaks follow
the LSP definition (pygls splits on form feeds and Unicode separators too) and every
conversion goes through :mod:`pygloss.lsp.convert`.  Per-version analysis (parse,
lint findings) hangs off the :class:`Document` and is dropped with it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types

from pygloss.lsp.convert import UTF16, to_offsets
from pygloss.syntax.source import Source


def uri_to_path(uri: str) -> str | None:
    """The file-system path of a ``file:`` URI; None for other schemes."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"
    if len(path) >= 3 and path[0] == "/" and path[2] == ":":  # /C:/x on Windows
        path = path[1:]
    return path


@dataclass
class Document:
    uri: str
    text: str
    version: int | None
    language_id: str = "python"
    cache: dict[str, Any] = field(default_factory=dict)
    carry: dict[str, Any] = field(default_factory=dict)
    """What outlives a version: state the next version's analysis may start from
    (``"lint"``: the incremental lint's state, see :mod:`pygloss.engine.incremental`)."""
    _source: Source | None = None

    @property
    def path(self) -> str | None:
        return uri_to_path(self.uri)

    @property
    def source(self) -> Source:
        if self._source is None:
            self._source = Source(self.text, self.path)
        return self._source

    def replace(self, text: str, version: int | None) -> None:
        self.text = text
        self.version = version
        self._source = None
        self.cache = {}


class DocumentStore:
    """Thread-safe map of URI -> Document for the documents the client has open."""

    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self._lock = threading.Lock()

    def open(
        self, uri: str, text: str, version: int | None, language_id: str = "python"
    ) -> Document:
        doc = Document(uri, text, version, language_id)
        with self._lock:
            self._docs[uri] = doc
        return doc

    def close(self, uri: str) -> None:
        with self._lock:
            self._docs.pop(uri, None)

    def get(self, uri: str) -> Document | None:
        with self._lock:
            return self._docs.get(uri)

    def uris(self) -> list[str]:
        with self._lock:
            return list(self._docs)

    def change(
        self,
        uri: str,
        version: int | None,
        changes: Sequence[types.TextDocumentContentChangeEvent],
        encoding: str = UTF16,
    ) -> Document | None:
        """Apply content changes in order; None when the document is not open."""
        doc = self.get(uri)
        if doc is None:
            return None
        text = doc.text
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                # the document's own Source while unchanged: its lines are often known
                source = doc.source if text is doc.text else Source(text)
                start, end = to_offsets(source, change.range, encoding)
                if end < start:
                    start, end = end, start
                text = text[:start] + change.text + text[end:]
            else:
                text = change.text
        doc.replace(text, version)
        return doc
