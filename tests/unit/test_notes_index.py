"""Indexing the fixture notes (``tests/fixtures/notes/team-notes.md``): one test per
indexing path — headings, nested sections, code blocks with their imports,
fragments, aliases, inline code, headings, construct kinds, markers, common names."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.engine.notes import NotesFile, Section, index_notes
from pygloss.engine.notes.constructs import kinds_in
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "notes" / "team-notes.md"


@pytest.fixture(scope="module")
def notes() -> NotesFile:
    return index_notes(FIXTURE.read_text(encoding="utf-8"), str(FIXTURE), kinds_in)


def _section(notes: NotesFile, heading: str) -> Section:
    return next(s for s in notes.sections if s.heading == heading)


def _own(notes: NotesFile, heading: str) -> dict[str, dict[str, int]]:
    return {f"{k}:{v}": dict(o) for (k, v), o in _section(notes, heading).own.items()}


def test_sections_from_atx_and_setext_headings_nested_as_entries(notes: NotesFile) -> None:
    assert [(s.line, s.level, s.heading, s.end) for s in notes.sections] == [
        (5, 1, "Team notes", 11),
        (12, 1, "Mocking", 56),  # setext, level 1
        (25, 2, "Decorator order", 56),  # setext, level 2
        (40, 3, "Fragments that do not parse", 49),
        (50, 3, "Local names shadow aliases", 56),
        (57, 1, "Async", 132),
        (71, 3, "asyncio.create_task()", 91),  # closing hashes
        (84, 4, "Deeply nested: timeouts", 91),
        (92, 2, "Metaclasses", 104),
        (105, 2, "Markers", 109),
        (110, 2, "Only common names", 116),
        (117, 2, "Shell and output are not Python", 132),
    ]
    by_line = {s.line: s for s in notes.sections}
    assert by_line[84].parent == 6 and by_line[71].parent == 5  # nested entries


def test_code_block_resolves_its_own_imports(notes: NotesFile) -> None:
    assert _own(notes, "Mocking") == {
        "name:unittest.mock": {"code": 1},
        "name:unittest.mock.patch": {"code": 1},
        "kind:import": {"code": 1},
        "kind:with": {"code": 1},
        # `charge` is the mock the patch gives: a receiver named like a mock would be
        # typed, but it is bound here to what `with` gives, which is not known
        "bare:checkout": {"code": 1},  # never matches; corroborates a heading word
    }


def test_py_tagged_block_and_decorators(notes: NotesFile) -> None:
    own = _own(notes, "Decorator order")
    assert own["name:unittest.mock.patch"] == {"code": 2}
    assert own["name:unittest.mock.patch.stopall"] == {"code": 1}
    assert own["kind:decorator-stack"] == {"code": 1}


def test_fragments_fall_back_to_dotted_names_and_aliases(notes: NotesFile) -> None:
    assert _own(notes, "Fragments that do not parse") == {
        "name:numpy.zeros": {"code": 1},
        "name:pandas.DataFrame": {"code": 1},
        "name:unittest.mock.patch.object": {"code": 1},
    }
    assert any("1 python code block(s) do not parse (line 44)" in w for w in notes.warnings)


def test_a_local_name_shadows_an_alias(notes: NotesFile) -> None:
    # `mock = build_fake()`: not unittest.mock, and not typed as a mock either
    assert _own(notes, "Local names shadow aliases") == {"bare:build_fake": {"code": 1}}


def test_untagged_block_inline_code_and_kinds(notes: NotesFile) -> None:
    own = _own(notes, "Async")
    assert own["name:asyncio.gather"] == {"code": 1, "inline": 1}
    assert own["name:asyncio.TaskGroup"] == {"inline": 1}
    assert own["kind:async-def"] == {"code": 1}
    assert own["kind:await"] == {"code": 1}


def test_dotted_name_in_a_heading(notes: NotesFile) -> None:
    own = _own(notes, "asyncio.create_task()")
    assert own["name:asyncio.create_task"] == {"heading": 1, "code": 1}


def test_nested_section_evidence_is_inherited_not_own(notes: NotesFile) -> None:
    parent = _section(notes, "asyncio.create_task()")
    assert ("name", "asyncio.timeout") in parent.inherited
    assert ("name", "asyncio.timeout") not in parent.own
    assert _own(notes, "Deeply nested: timeouts")["kind:async-with"] == {"code": 1}


def test_metaclass_keyword_kind(notes: NotesFile) -> None:
    assert _own(notes, "Metaclasses")["kind:metaclass-keyword"] == {"code": 1}


def test_markers_name_names_and_kinds(notes: NotesFile) -> None:
    assert _own(notes, "Markers") == {
        "name:unittest.mock.patch": {"marker": 1},
        "kind:await": {"marker": 1},
    }


def test_common_names_are_indexed(notes: NotesFile) -> None:
    own = _own(notes, "Only common names")
    assert own["name:builtins.print"] == {"code": 1}
    assert own["name:builtins.len"] == {"code": 1}


def test_other_languages_are_not_python_and_doctests_are(notes: NotesFile) -> None:
    own = _own(notes, "Shell and output are not Python")
    assert "name:numpy.linalg" not in own  # bash
    assert "name:asyncio.gather" not in own  # json
    assert own["name:json.dumps"] == {"code": 1}  # >>> prompts stripped


def test_table_of_contents_is_not_evidence(notes: NotesFile) -> None:
    own = _own(notes, "Team notes")
    assert "name:asyncio.gather" not in own
    assert own == {"name:builtins.print": {"inline": 1}, "name:builtins.len": {"inline": 1}}


def test_excerpts_are_the_first_lines_of_prose_or_code(notes: NotesFile) -> None:
    assert _section(notes, "Async").excerpt == (
        "Our services are asynchronous. Prefer `asyncio.gather()` over awaiting in a loop;",
        "see also `asyncio.TaskGroup`.",
    )
    assert _section(notes, "Only common names").excerpt == (
        "```python",
        "print(len([1, 2, 3]))",
        "values = list(range(3))",
        "```",
    )


def test_the_shared_notes_index_without_warnings() -> None:
    path = Path(ROOT).parent / "shared" / "notes" / "python-notes.md"
    if not path.is_file():
        pytest.skip("../shared/notes/python-notes.md is absent (a clone without ../shared)")
    notes = index_notes(path.read_text(encoding="utf-8"), str(path), kinds_in)
    headings = {s.heading for s in notes.sections}
    assert {"@mock.patch", "`asyncio.gather()`", "Metaclasses"} <= headings
    gather = next(s for s in notes.sections if s.heading == "`asyncio.gather()`")
    assert gather.own[("name", "asyncio.gather")]["heading"] == 1
