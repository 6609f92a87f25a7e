"""One model of a notebook: its code cells, in order, as one Python module.

A notebook's kernel runs its code cells one after the other in one namespace, so
pygloss reads them as one module: later cells see the imports, definitions and
decorators of earlier ones.  :class:`Notebook` joins the Python cells' text, each
masked by :func:`~pygloss.engine.notebook.mask.mask_cell` (IPython syntax replaced
character for character) and ended by a line break, into :attr:`Notebook.source`, a
:class:`NotebookSource` that the engine lints and explains like a file.

Positions map both ways exactly: a cell's text appears unchanged in length and lines
at :attr:`Segment.start` of the module, so a code-point offset in the cell is that
offset plus the cell's start.  (The LSP layer converts editor positions against the
*original* cell text, whose UTF-16/UTF-8 widths the masks do not keep.)

The module is parsed cell by cell (:class:`NotebookSource`): a statement never spans
two cells, as in the kernel, where an unclosed bracket at the end of one cell is a
syntax error of that cell.  So a finding never spans two cells either;
:meth:`Notebook.keep` also drops the (unlikely) findings that touch a mask, and
:meth:`Notebook.cell_edits` refuses a fix whose edits would.

Skipped, with the reason in :attr:`Notebook.skipped`: markdown and raw cells, code
cells in another language, and cells whose cell magic is not Python (``%%bash``).
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pygloss.engine.notebook.mask import Masked, mask_cell
from pygloss.engine.splice import shift_lines
from pygloss.rules.base import Edit, Finding
from pygloss.syntax.recovery import (
    PARSE_ERRORS,
    ParseResult,
    SyntaxIssue,
    issue_of,
    parse_code,
    recover,
)
from pygloss.syntax.source import Source

PYTHON_LANGUAGES = frozenset({"python", "python3", "ipython", "ipython3"})


@dataclass(frozen=True)
class Cell:
    """One cell as the notebook holds it."""

    text: str
    kind: str = "code"  # "code", "markdown" or "raw"
    language: str = "python"


@dataclass(frozen=True)
class Segment:
    """Where one analysed cell sits in the module."""

    index: int  # the cell's position in :attr:`Notebook.cells`
    start: int  # module offset of the cell's first character
    first_line: int  # module line (0-based) of the cell's first line
    masked: Masked

    @property
    def end(self) -> int:
        """Module offset just after the cell's text (before the added line break)."""
        return self.start + len(self.masked.text)


class NotebookSource(Source):
    """The module of a notebook: a :class:`Source` parsed cell by cell."""

    whole_parse = False

    def __init__(self, text: str, path: str | None, segments: Sequence[Segment]) -> None:
        super().__init__(text, path)
        self.segments = tuple(segments)
        self._starts = [s.start for s in self.segments]

    def fresh(self) -> NotebookSource:
        """The same text and cells, nothing computed yet."""
        return NotebookSource(self.text, self.path, self.segments)

    @cached_property
    def parse(self) -> ParseResult:
        statements: list[ast.stmt] = []
        errors: list[SyntaxIssue] = []
        for segment in self.segments:
            code = segment.masked.text
            try:
                body = list(parse_code(code).body)
                found: tuple[SyntaxIssue, ...] = ()
            except PARSE_ERRORS as exc:
                result = recover(code, Source(code).line_starts, issue_of(exc, 0))
                body, found = list(result.statements), result.errors
            shift_lines(body, segment.first_line)
            statements.extend(body)
            errors.extend(
                SyntaxIssue(e.line + segment.first_line, e.column, e.message) for e in found
            )
        return ParseResult(tuple(statements), tuple(errors))

    def segment_at(self, offset: int) -> Segment | None:
        """The analysed cell holding module *offset* (its end included)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        segment = self.segments[index]
        return segment if offset <= segment.end else None

    def to_cell(self, offset: int) -> tuple[int, int] | None:
        """``(cell index, offset in that cell)`` of module *offset*."""
        segment = self.segment_at(offset)
        if segment is None:
            return None
        return segment.index, offset - segment.start

    def in_cell(
        self, start: int, end: int, new_text: str | None = None
    ) -> tuple[int, int, int] | None:
        """``(cell index, start, end)`` in the cell of the module range, when it lies in
        one cell and touches no mask (see :meth:`Masked.touches`; *new_text*: what an
        edit inserts there); None otherwise."""
        segment = self.segment_at(start)
        if segment is None or end > segment.end or end < start:
            return None
        low, high = start - segment.start, end - segment.start
        if segment.masked.touches(low, high, new_text):
            return None
        return segment.index, low, high

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings that lie in one cell and touch no IPython mask."""
        return [f for f in findings if self.in_cell(f.start, f.end) is not None]

    def cell_edits(self, edits: Iterable[Edit]) -> dict[int, list[Edit]] | None:
        """A fix's edits as edits of cell texts (cell offsets), by cell index; None
        when one of them would cross a cell boundary or touch an IPython mask."""
        by_cell: dict[int, list[Edit]] = {}
        for edit in edits:
            where = self.in_cell(edit.start, edit.end, edit.new_text)
            if where is None:
                return None
            index, start, end = where
            by_cell.setdefault(index, []).append(Edit(start, end, edit.new_text))
        return by_cell

    def parse_unit(self, offset: int) -> int:
        segment = self.segment_at(offset)
        return -1 if segment is None else segment.index

    def line_label(self, offset: int) -> str:
        segment = self.segment_at(offset)
        if segment is None:
            return super().line_label(offset)
        line = self.line_of(offset) - segment.first_line + 1
        return f"cell {segment.index + 1}, line {line}"


@dataclass
class Notebook:
    """Cells, and the module made of the Python ones (see the module docstring)."""

    cells: Sequence[Cell]
    path: str | None = None
    skipped: dict[int, str] = field(init=False)
    segments: dict[int, Segment] = field(init=False)

    def __post_init__(self) -> None:
        self.skipped, self.segments = {}, {}
        parts: list[str] = []
        offset = line = 0
        for index, cell in enumerate(self.cells):
            if cell.kind != "code":
                self.skipped[index] = f"a {cell.kind} cell"
                continue
            if cell.language.lower() not in PYTHON_LANGUAGES:
                self.skipped[index] = f"a {cell.language} cell"
                continue
            masked = mask_cell(cell.text)
            if masked.skipped is not None:
                self.skipped[index] = f"a {masked.skipped} cell"
                continue
            text = masked.text
            if text and not text.endswith(("\n", "\r")):
                text += "\n"
            self.segments[index] = Segment(index, offset, line, masked)
            parts.append(text)
            offset += len(text)
            line += len(Source(text).line_starts) - 1
        self.text = "".join(parts)

    @cached_property
    def source(self) -> NotebookSource:
        return NotebookSource(self.text, self.path, list(self.segments.values()))

    @cached_property
    def _cell_sources(self) -> dict[int, Source]:
        return {}

    def cell_source(self, index: int) -> Source:
        """The cell's own text as a :class:`Source` (for its lines; never parsed)."""
        found = self._cell_sources.get(index)
        if found is None:
            found = self._cell_sources[index] = Source(self.cells[index].text, self.path)
        return found

    # -- positions -------------------------------------------------------------
    def to_module(self, index: int, offset: int) -> int | None:
        """Module offset of code-point *offset* in cell *index* (None: not analysed)."""
        segment = self.segments.get(index)
        if segment is None:
            return None
        return segment.start + max(0, min(offset, len(segment.masked.text)))

    def to_cell(self, offset: int) -> tuple[int, int] | None:
        """``(cell index, offset in that cell)`` of module *offset*."""
        return self.source.to_cell(offset)

    def in_cell(
        self, start: int, end: int, new_text: str | None = None
    ) -> tuple[int, int, int] | None:
        """See :meth:`NotebookSource.in_cell`."""
        return self.source.in_cell(start, end, new_text)

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        """See :meth:`NotebookSource.keep`."""
        return self.source.keep(findings)

    def cell_edits(self, edits: Iterable[Edit]) -> dict[int, list[Edit]] | None:
        """See :meth:`NotebookSource.cell_edits`."""
        return self.source.cell_edits(edits)
