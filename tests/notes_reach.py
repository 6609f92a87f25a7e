"""Reachability tables for notes: which sections a hover at a cursor shows.

A case is ``(section, code)``: *section* is the section's path in the notes
("Classes › Inheritance and MRO: Method Resolution Order", without the file's
title heading), *code* is a snippet with a ``‸`` cursor, written as code a person
would have open.  :func:`shown` gives the paths of the sections the hover shows
there (the two best, as ``pygloss notes which`` marks them), computed like the
hover computes them without the knowledge base or jedi.  A case may name the file
it is in (``pkg/__init__.py: ...`` on its first line) when the file matters.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from pygloss.engine.notes import NotesFile, index_notes
from pygloss.engine.notes.constructs import kinds_in
from pygloss.engine.notes.hover import best, keys_at
from pygloss.syntax.source import Source
from tests.conftest import ROOT, split_cursor

SHARED_NOTES = ROOT.parent / "shared" / "notes" / "python-notes.md"
NOTES_FIXTURES = ROOT / "tests" / "fixtures" / "notes"
NO_SHARED = "../shared/notes/python-notes.md is absent (a clone without ../shared beside it)"


@cache
def indexed(*paths: Path) -> tuple[NotesFile, ...]:
    return tuple(index_notes(p.read_text(encoding="utf-8"), str(p), kinds_in) for p in paths)


def path_of(notes: NotesFile, index: int, with_file: bool = False) -> str:
    """``Classes › Metaclasses`` (``dictionaries.md: get()`` with the file name)."""
    section = notes.sections[index]
    path = " › ".join([*section.trail, section.heading])
    return f"{Path(notes.path).name}: {path}" if with_file else path


def shown(files: Sequence[NotesFile], code: str) -> list[str]:
    """Paths of the sections a hover at the ``‸`` of *code* shows (with the file name
    when there are several files)."""
    filename = "snippet.py"
    first, _, rest = code.partition("\n")
    if first.startswith("# file: "):
        filename, code = first.removeprefix("# file: ").strip(), rest
    text, offset = split_cursor(code)
    keys = keys_at(Source(text, filename), offset)
    by_path = {f.path: f for f in files}
    several = len(files) > 1
    return [path_of(by_path[m.section.path], m.section.index, several) for m in best(files, keys)]


def all_paths(files: Sequence[NotesFile]) -> list[str]:
    several = len(files) > 1
    return [path_of(f, s.index, several) for f in files for s in f.sections]


def notes_folder(name: str) -> tuple[NotesFile, ...]:
    """Every Markdown file of ``tests/fixtures/notes/<name>``, as one glob would find them."""
    return indexed(*sorted(Path(p) for p in (NOTES_FIXTURES / name).glob("**/*.md")))


def check_table(
    files: Sequence[NotesFile],
    cases: Sequence[tuple[str, str]],
    not_about_code: dict[str, str],
) -> list[tuple[str, str, list[str]]]:
    """The cases whose section is not shown; every section is either a case's or
    listed with why it has none."""
    paths = all_paths(files)
    for section, _code in cases:
        assert section in paths, f"no section {section!r} in the notes"
    covered = {section for section, _ in cases} | set(not_about_code)
    missing = [p for p in paths if p not in covered]
    assert not missing, f"sections with no case and no reason: {missing}"
    return [(s, c, shown(files, c)) for s, c in cases if s not in shown(files, c)]


def case_params(cases: Sequence[tuple[str, str]]) -> list[object]:
    return [
        pytest.param(s, c, id=f"{i:02d}-{s.rsplit(' › ', 1)[-1][:40]}")
        for i, (s, c) in enumerate(cases)
    ]


def fixture_file(name: str) -> Path:
    path = NOTES_FIXTURES / name
    assert path.is_file(), path
    return Path(path)
