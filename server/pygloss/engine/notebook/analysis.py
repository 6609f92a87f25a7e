"""Lint, fix and fix-all a notebook: the engine's file operations on its module, with
the results kept to what lies inside one cell (see :mod:`.model`).

:func:`lint_notebook` runs the incremental lint (:mod:`pygloss.engine.incremental`)
on the notebook's module: after an edit inside one cell, only the statement the edit
touched is parsed again and only the rules that may depend on other statements run
on the whole module.  The previous version's state is used only when the cells are
laid out as before -- the same analysed cells, every one but the edited cell of the
same length -- so a moved, added or removed cell is linted in full.

:func:`fix_all_cells` applies fixes pass after pass like
:func:`~pygloss.engine.fixes.fix_all`, on the cells' own text: a fix whose edits
would cross a cell boundary or touch masked IPython syntax is not applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pygloss.engine.config import Config
from pygloss.engine.fixes import MAX_PASSES, _overlaps, apply_edits, fix
from pygloss.engine.incremental import LintState, lint_edit
from pygloss.engine.lint import LintResult, lint
from pygloss.engine.notebook.model import Cell, Notebook, NotebookSource
from pygloss.rules import get_rule
from pygloss.rules.base import Edit, Finding, FixSafety, RuleContext
from pygloss.syntax.source import Source


def layout(source: Source) -> tuple[tuple[int, int], ...] | None:
    """``(cell index, length)`` of each analysed cell of a notebook's module."""
    if not isinstance(source, NotebookSource):
        return None
    return tuple((s.index, len(s.masked.text)) for s in source.segments)


def _reusable(old: Source, new: Source) -> bool:
    """The same analysed cells in the same order, at most one of them resized (and
    none when the text is the same: then it was cut into cells the same way)."""
    before, after = layout(old), layout(new)
    if before is None or after is None or len(before) != len(after):
        return False
    if old.text == new.text:
        return before == after
    resized = 0
    for (old_index, old_length), (new_index, new_length) in zip(before, after, strict=True):
        if old_index != new_index:
            return False
        resized += old_length != new_length
    return resized <= 1


def lint_notebook(
    source: NotebookSource,
    previous: LintState | None = None,
    config: Config | None = None,
    deadline: float | None = None,
    *,
    path: str | None = None,
    incremental: bool = True,
) -> tuple[LintResult, LintState | None]:
    """The findings of a notebook's cells (module offsets; each inside one cell), and
    the state to pass with the next version."""
    path = path if path is not None else source.path
    if not incremental:
        return _kept(source, lint(source, config, path, deadline=deadline)), None
    if previous is not None and not _reusable(previous.source, source):
        previous = None
    result, state = lint_edit(source, previous, config, path, deadline)
    return _kept(source, result), state


def _kept(source: NotebookSource, result: LintResult) -> LintResult:
    return replace(result, findings=source.keep(result.findings))


def fix_cells(
    notebook: Notebook, finding: Finding, ctx: RuleContext | None = None
) -> tuple[str, FixSafety, dict[int, list[Edit]]] | None:
    """The finding's fix as edits of the cells' texts (title, safety, edits by cell
    index); None when there is none or it would cross a cell or touch a mask."""
    found = fix(notebook.source, finding, notebook.path, ctx)
    if found is None:
        return None
    edits = notebook.cell_edits(found.edits)
    if edits is None:
        return None
    return found.title, found.safety, edits


@dataclass(frozen=True)
class CellsFixed:
    texts: dict[int, str]  # the new text of each cell that changed, by index
    applied: int
    remaining: list[Finding]  # findings of the fixed notebook (module offsets)
    notebook: Notebook  # the fixed notebook


def fix_all_cells(
    cells: Sequence[Cell],
    config: Config | None = None,
    path: str | None = None,
    *,
    unsafe: bool = False,
    only: int | None = None,
) -> CellsFixed:
    """Every (safe, unless *unsafe*) fix of the notebook, until nothing more applies;
    with *only*, just the fixes whose edits all lie in that cell."""
    texts = [cell.text for cell in cells]
    applied = 0
    notebook = Notebook(list(cells), path)
    for _ in range(MAX_PASSES):
        result = lint(notebook.source, config, path)
        edits_by_cell: dict[int, list[Edit]] = {}
        taken: list[tuple[int, int]] = []
        chosen: list[Edit] = []
        for finding in notebook.keep(result.findings):
            rule = get_rule(finding.code)
            if rule is None or rule.fix_safety is None:
                continue
            if rule.fix_safety is FixSafety.UNSAFE and not unsafe:
                continue
            found = fix(notebook.source, finding, path, result.context)
            if found is None or (found.safety is FixSafety.UNSAFE and not unsafe):
                continue
            # an edit identical to one already taken (two fixes adding the same import)
            # is applied once
            module_edits = [e for e in found.edits if e not in chosen]
            if any(_overlaps(edit, taken) for edit in module_edits):
                continue
            by_cell = notebook.cell_edits(module_edits)
            if by_cell is None or (only is not None and set(by_cell) != {only}):
                continue
            for index, cell_edits in by_cell.items():
                edits_by_cell.setdefault(index, []).extend(cell_edits)
            taken.extend((edit.start, edit.end) for edit in module_edits)
            chosen.extend(module_edits)
            applied += 1
        if not edits_by_cell:
            break
        for index, cell_edits in edits_by_cell.items():
            texts[index] = apply_edits(texts[index], cell_edits)
        notebook = Notebook([replace(c, text=t) for c, t in zip(cells, texts, strict=True)], path)
    changed = {i: t for i, t in enumerate(texts) if t != cells[i].text}
    remaining = notebook.keep(lint(notebook.source, config, path).findings)
    return CellsFixed(changed, applied, remaining, notebook)
