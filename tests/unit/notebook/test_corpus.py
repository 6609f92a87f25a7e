"""Real notebooks (bench/notebooks/corpus: seaborn, statsmodels, Hugging Face, ipywidgets,
Voilà, nbformat's test files) are checked without a crash, and the writer rewrites any
of their code cells keeping every other byte of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pygloss.cli.check_files import FileJob, check_file
from pygloss.engine.config import Config
from pygloss.engine.notebook.ipynb import NotebookError, read_ipynb, rewrite_ipynb

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "notebooks" / "corpus"
NOTEBOOKS = sorted(CORPUS.rglob("*.ipynb"))


def test_the_corpus_is_there() -> None:
    assert len(NOTEBOOKS) >= 70
    assert len({p.relative_to(CORPUS).parts[0] for p in NOTEBOOKS}) >= 6


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_a_real_notebook_is_checked_and_rewritten_exactly(path: Path) -> None:
    report = check_file(FileJob(str(path), Config()))
    assert not [n for n in report.notes if "internal error" in n]
    raw = path.read_text(encoding="utf-8")
    try:
        notebook = read_ipynb(raw)
    except NotebookError:
        return  # nbformat 3: refused with a note (checked above: no crash)
    assert rewrite_ipynb(notebook, {i: c.text for i, c in enumerate(notebook.cells)}) == raw
    edits = {
        i: c.text + "\nx = 'é\\n🎉'\n" for i, c in enumerate(notebook.cells) if i in notebook.spans
    }
    if not edits:
        return
    new = rewrite_ipynb(notebook, edits)
    # the new text is the old one with each rewritten ``source`` value swapped in place
    at = before = 0
    for span in sorted((notebook.spans[i] for i in edits), key=lambda s: s.start):
        gap = raw[before : span.start]
        assert new[at : at + len(gap)] == gap
        _, at = json.JSONDecoder().raw_decode(new, at + len(gap))
        before = span.end
    assert new[at:] == raw[before:]
    old_data, new_data = json.loads(raw), json.loads(new)
    for index, text in edits.items():
        source = new_data["cells"][index]["source"]
        assert ("".join(source) if isinstance(source, list) else source) == text
        new_data["cells"][index]["source"] = old_data["cells"][index]["source"]
    assert new_data == old_data
