"""Open notebooks (LSP ``notebookDocument/*`` sync) and the cell documents features see.

A notebook is synchronised as its list of cells (URI and kind) plus one text
document per cell; cells are added, removed and moved with ``structure`` changes
and edited with ``textContent`` changes (incremental, in the negotiated position
encoding).  Each change makes a new immutable :class:`NotebookState`; its
:class:`~pygloss.engine.notebook.model.Notebook` (the code cells as one module) is
built once, on first use.

Features receive a :class:`CellDocument` for a cell URI: it answers like a
:class:`~pygloss.lsp.documents.Document` -- its ``source`` is the notebook's module,
its ``cache`` and ``carry`` are the notebook's (the notebook is linted once per
change, whichever cell asks) -- and converts between the cell's positions and the
module's offsets: editor positions are read against the cell's *own* text (the
masks of IPython syntax keep code points, not UTF-16 or UTF-8 widths), a result is
shown in a cell only when it lies in that cell, and a related place in another cell
is given with that cell's URI.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from pygloss.engine.config import Config
from pygloss.lsp.convert import UTF16, to_lsp_range, to_offset, to_offsets
from pygloss.lsp.documents import apply_changes, uri_to_path
from pygloss.syntax.source import Source

if TYPE_CHECKING:  # the engine is imported on first use (initialize does not wait)
    from pygloss.engine.notebook.model import Notebook, NotebookSource

_KINDS = {types.NotebookCellKind.Code: "code", types.NotebookCellKind.Markup: "markdown"}


@dataclass(frozen=True)
class CellText:
    """One cell's text document."""

    uri: str
    text: str
    version: int | None
    language_id: str
    kind: str = "code"  # "code" or "markdown"

    @cached_property
    def lines(self) -> Source:
        """The cell's own text, for its line table (never parsed)."""
        return Source(self.text)


@dataclass
class NotebookState:
    """One version of an open notebook: its cells in order."""

    uri: str
    version: int | None
    revision: int  # bumped by every change (structure or text): analysis is per revision
    cells: tuple[CellText, ...]
    cache: dict[str, Any]  # the notebook's per-revision results (shared by its cells)
    carry: dict[str, Any]  # what outlives a revision (the incremental lint's state)
    _views: dict[str, CellDocument] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def path(self) -> str | None:
        return uri_to_path(self.uri)

    @cached_property
    def model(self) -> Notebook:
        from pygloss.engine.notebook.model import Cell, Notebook

        cells = [Cell(c.text, kind=c.kind, language=c.language_id) for c in self.cells]
        return Notebook(cells, self.path)

    @cached_property
    def index(self) -> dict[str, int]:
        return {cell.uri: i for i, cell in enumerate(self.cells)}

    def view(self, uri: str) -> CellDocument | None:
        """The document features see for cell *uri* (the same object for one state)."""
        position = self.index.get(uri)
        if position is None:
            return None
        with self._lock:
            found = self._views.get(uri)
            if found is None:
                found = self._views[uri] = CellDocument(self, position)
            return found


class CellDocument:
    """A cell as a document: see the module docstring."""

    def __init__(self, state: NotebookState, index: int) -> None:
        self.state = state
        self.index = index
        self.cell = state.cells[index]

    @property
    def uri(self) -> str:
        return self.cell.uri

    @property
    def notebook_uri(self) -> str:
        return self.state.uri

    @property
    def version(self) -> int | None:
        """The cell text document's version (what diagnostics are published with)."""
        return self.cell.version

    @property
    def revision(self) -> int:
        """The notebook's revision: results depend on every cell."""
        return self.state.revision

    @property
    def language_id(self) -> str:
        return self.cell.language_id

    @property
    def path(self) -> str | None:
        return self.state.path

    @property
    def source(self) -> NotebookSource:
        return self.state.model.source

    @property
    def text(self) -> str:
        return self.state.model.text

    @property
    def cache(self) -> dict[str, Any]:
        return self.state.cache

    @property
    def carry(self) -> dict[str, Any]:
        return self.state.carry

    # -- positions ---------------------------------------------------------------
    def to_offset(self, position: types.Position, encoding: str = UTF16) -> int:
        """Module offset of a position in this cell; -1 (where nothing is found) when
        the cell is not analysed, or for the empty line after its last line break (whose
        module offset is where the next cell starts)."""
        offset = to_offset(self.cell.lines, position, encoding)
        module = self.state.model.to_module(self.index, offset)
        if module is None or self.source.parse_unit(module) != self.index:
            return -1  # not analysed, or after the cell's last line break: the next cell's
        return module

    def to_offsets(self, rng: types.Range, encoding: str = UTF16) -> tuple[int, int]:
        start, end = to_offsets(self.cell.lines, rng, encoding)
        low = self.state.model.to_module(self.index, start)
        high = self.state.model.to_module(self.index, end)
        return (low, high) if low is not None and high is not None else (-1, -1)

    def owns(self, start: int, end: int) -> bool:
        """Whether the module range lies in this cell (and off IPython syntax)."""
        where = self.source.in_cell(start, end)
        return where is not None and where[0] == self.index

    def to_range(self, start: int, end: int, encoding: str = UTF16) -> types.Range:
        """The range in this cell of a module range that :meth:`owns` says is here."""
        segment = self.state.model.segments[self.index]
        lines = self.cell.lines
        return to_lsp_range(lines, start - segment.start, end - segment.start, encoding)

    def location(
        self, start: int, end: int, encoding: str = UTF16, new_text: str | None = None
    ) -> types.Location | None:
        """The place of a module range in whichever cell holds it."""
        where = self.source.in_cell(start, end, new_text)
        if where is None:
            return None
        index, low, high = where
        cell = self.state.cells[index]
        return types.Location(uri=cell.uri, range=to_lsp_range(cell.lines, low, high, encoding))

    def cell_range(self, index: int, start: int, end: int, encoding: str = UTF16) -> types.Range:
        """The range of cell offsets in cell *index* (its own text)."""
        return to_lsp_range(self.state.cells[index].lines, start, end, encoding)

    def cell_uri(self, index: int) -> str:
        return self.state.cells[index].uri


class NotebookStore:
    """Thread-safe map of the open notebooks and of their cells' URIs."""

    def __init__(self) -> None:
        self._notebooks: dict[str, NotebookState] = {}
        self._cells: dict[str, str] = {}  # cell URI -> notebook URI
        self._lock = threading.Lock()
        self._revision = 0

    def _next(self) -> int:
        self._revision += 1
        return self._revision

    def cell(self, uri: str) -> CellDocument | None:
        with self._lock:
            notebook = self._notebooks.get(self._cells.get(uri, ""))
        return notebook.view(uri) if notebook is not None else None

    def notebook(self, uri: str) -> NotebookState | None:
        with self._lock:
            return self._notebooks.get(uri)

    def owner(self, uri: str) -> str | None:
        """The notebook URI holding cell *uri*."""
        with self._lock:
            return self._cells.get(uri)

    def cell_uris(self) -> list[str]:
        with self._lock:
            return [c.uri for n in self._notebooks.values() for c in n.cells]

    def open(self, params: types.DidOpenNotebookDocumentParams) -> NotebookState:
        notebook = params.notebook_document
        texts = {item.uri: item for item in params.cell_text_documents}
        cells = tuple(_cell(c, texts.get(c.document)) for c in notebook.cells)
        with self._lock:
            state = NotebookState(notebook.uri, notebook.version, self._next(), cells, {}, {})
            self._put(state)
        return state

    def close(self, uri: str) -> NotebookState | None:
        with self._lock:
            state = self._notebooks.pop(uri, None)
            if state is not None:
                for cell in state.cells:
                    self._cells.pop(cell.uri, None)
            return state

    def change(
        self, params: types.DidChangeNotebookDocumentParams, encoding: str
    ) -> tuple[NotebookState, NotebookState] | None:
        """Apply a change; ``(before, after)``, or None when the notebook is not open."""
        uri = params.notebook_document.uri
        with self._lock:
            before = self._notebooks.get(uri)
            if before is None:
                return None
            cells = list(before.cells)
            change = params.change.cells
            if change is not None:
                if change.structure is not None:
                    cells = _restructure(cells, change.structure)
                for data in change.data or ():
                    kind = _KINDS.get(data.kind, "code")
                    cells = [_with(c, kind=kind) if c.uri == data.document else c for c in cells]
                for content in change.text_content or ():
                    cells = [
                        _edited(c, content, encoding) if c.uri == content.document.uri else c
                        for c in cells
                    ]
            after = NotebookState(
                uri,
                params.notebook_document.version,
                self._next(),
                tuple(cells),
                {},
                before.carry,
            )
            for cell in before.cells:
                self._cells.pop(cell.uri, None)
            self._put(after)
        return before, after

    def _put(self, state: NotebookState) -> None:
        self._notebooks[state.uri] = state
        for cell in state.cells:
            self._cells[cell.uri] = state.uri


def _cell(cell: types.NotebookCell, item: types.TextDocumentItem | None) -> CellText:
    kind = _KINDS.get(cell.kind, "code")
    if item is None:  # a cell without its text document: an empty one (never analysed)
        return CellText(cell.document, "", None, "markdown" if kind != "code" else "", kind)
    return CellText(item.uri, item.text, item.version, item.language_id, kind)


def _with(cell: CellText, **changes: Any) -> CellText:
    return replace(cell, **changes)


def _restructure(
    cells: list[CellText], structure: types.NotebookDocumentCellChangeStructure
) -> list[CellText]:
    array = structure.array
    opened = {item.uri: item for item in structure.did_open or ()}
    known = {cell.uri: cell for cell in cells}
    new = [
        known[c.document]
        if c.document in known and c.document not in opened
        else _cell(c, opened.get(c.document))
        for c in array.cells or ()
    ]
    start = max(0, min(array.start, len(cells)))
    return cells[:start] + new + cells[start + array.delete_count :]


def _edited(
    cell: CellText, content: types.NotebookDocumentCellContentChanges, encoding: str
) -> CellText:
    text = apply_changes(cell.text, content.changes, encoding, cell.lines)
    return _with(cell, text=text, version=content.document.version)


def iter_views(state: NotebookState) -> Iterator[CellDocument]:
    """The documents of the notebook's cells, in order."""
    for cell in state.cells:
        view = state.view(cell.uri)
        if view is not None:
            yield view


def cell_fix_all_edit(
    doc: CellDocument, config: Config, encoding: str
) -> types.WorkspaceEdit | None:
    """``source.fixAll`` in a cell: every safe fix whose edits all lie in this cell
    (editors ask cell by cell), as one edit of the cell's text."""
    from pygloss.engine.notebook.analysis import fix_all_cells

    fixed = fix_all_cells(doc.state.model.cells, config, doc.path, only=doc.index)
    new = fixed.texts.get(doc.index)
    if new is None:
        return None
    whole = to_lsp_range(doc.cell.lines, 0, len(doc.cell.text), encoding)
    return types.WorkspaceEdit(changes={doc.uri: [types.TextEdit(range=whole, new_text=new)]})
