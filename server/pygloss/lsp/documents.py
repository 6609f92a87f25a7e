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

from pygloss.lsp.convert import UTF16, text_offsets, to_lsp_range, to_offset, to_offsets
from pygloss.syntax.source import Source

# Above this many characters an edit is applied without indexing every line of the
# text (see convert.text_offset): a keystroke in a 50 MB document cost 0.7 s of the
# event loop for that index, now about what finding the edited line costs
INDEX_EDITS_UP_TO = 1_000_000


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

    @property
    def revision(self) -> int | None:
        """What analysis results are cached under (a notebook cell: its notebook's)."""
        return self.version

    # -- positions (a notebook cell converts against its notebook: lsp/notebooks.py) --
    def to_offset(self, position: types.Position, encoding: str = UTF16) -> int:
        return to_offset(self.source, position, encoding)

    def to_offsets(self, rng: types.Range, encoding: str = UTF16) -> tuple[int, int]:
        return to_offsets(self.source, rng, encoding)

    def owns(self, start: int, end: int) -> bool:
        """Whether an analysis result at ``[start, end)`` is shown in this document."""
        return True

    def to_range(self, start: int, end: int, encoding: str = UTF16) -> types.Range:
        return to_lsp_range(self.source, start, end, encoding)

    def location(
        self, start: int, end: int, encoding: str = UTF16, new_text: str | None = None
    ) -> types.Location | None:
        """Where ``[start, end)`` is (a notebook: in which cell; None when an edit
        inserting *new_text* there would cross a cell or touch IPython syntax)."""
        return types.Location(uri=self.uri, range=self.to_range(start, end, encoding))

    def drop_parse(self) -> None:
        """Forget the parsed text (it is parsed again when next needed)."""
        self._source = None

    def replace(self, text: str, version: int | None) -> None:
        self.text = text
        self.version = version
        self._source = None
        self.cache = {}


class DocumentStore:
    """Thread-safe map of URI -> Document for the documents the client has open."""

    def __init__(self) -> None:
        from pygloss.lsp.notebooks import NotebookStore

        self._docs: dict[str, Document] = {}
        self._lock = threading.Lock()
        self.notebooks = NotebookStore()  # notebooks and their cells

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
        """The open document *uri*: a file, or a cell of an open notebook."""
        with self._lock:
            found = self._docs.get(uri)
        if found is None:
            return self.notebooks.cell(uri)  # type: ignore[return-value]
        return found

    def uris(self) -> list[str]:
        """Every open document's URI, notebook cells included."""
        with self._lock:
            files = list(self._docs)
        return files + self.notebooks.cell_uris()

    def owner(self, uri: str) -> str:
        """The notebook URI of a cell, the URI itself otherwise (for folder settings)."""
        return self.notebooks.owner(uri) or uri

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
        doc.replace(apply_changes(doc.text, changes, encoding, doc.source), version)
        return doc


def apply_changes(
    text: str,
    changes: Sequence[types.TextDocumentContentChangeEvent],
    encoding: str = UTF16,
    source: Source | None = None,
) -> str:
    """*text* after the content changes, in order (*source*: *text*'s own, whose line
    table is often known already)."""
    original = text
    for change in changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            if len(text) > INDEX_EDITS_UP_TO:  # no line table of a huge text per keystroke
                start, end = text_offsets(text, change.range, encoding)
            else:
                lines = source if source is not None and text is original else Source(text)
                start, end = to_offsets(lines, change.range, encoding)
            if end < start:
                start, end = end, start
            text = "".join((text[:start], change.text, text[end:]))
        else:
            text = change.text
    return text
