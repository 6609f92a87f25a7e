"""Which sections are about a name or construct kind, ranked; the near misses with
their reasons; and the hover block (breadcrumb, matched excerpt, link)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.engine.notes import Key, NotesFile, best_matches, candidates, evaluate, index_notes
from pygloss.engine.notes.constructs import kinds_in
from pygloss.engine.notes.render import render_matches

NOTES = """\
# Python

## Testing

### Patching in general

```python
from unittest import mock
mock.patch("a")
mock.patch("b")
mock.patch("c")
```

### @mock.patch

One line about patch.
Another line.

```python
@mock.patch("a")
def test(m): ...
```

### Quick tip

```python
mock.patch("a")
```

## Waiting

```python
async def f():
    await g()
    await h()
```

## Printing

```python
print("hello")
```

## About print()
<!-- pygloss: print -->

## Frozen sets

Immutable, hashable sets.

## Custom sort

```python
names = sorted(names, key=str.lower)
```

## Types

Everything has one.

## Itertools

- `chain(a, b)`: one iterator after the other
- `islice(it, 3)`: the first three

## Reading files

```python
with open(path) as fh:
    fh.read()
```

## FastAPI

- `typing.Optional` makes a query parameter optional.

## Shared default

```python
def add(item, bucket=[]):
    bucket.append(item)
```
"""
PATCH: Key = ("name", "unittest.mock.patch")


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> NotesFile:
    path = tmp_path_factory.mktemp("notes") / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    return index_notes(NOTES, str(path), kinds_in)


def _headings(matches: list) -> list[str]:  # type: ignore[type-arg]
    return [m.section.heading for m in matches]


def test_about_beats_uses_then_context_then_central_code(notes: NotesFile) -> None:
    matches = candidates([notes], [PATCH])
    assert [(m.section.heading, m.tier) for m in matches] == [
        ("@mock.patch", 0),  # named in its heading as written
        ("Patching in general", 0),  # named in words ("patching"), its code backs it
        ("Quick tip", 1),  # uses it, under "Testing" (unittest, pytest)
    ]


def test_a_kind_only_in_passing_does_not_match(notes: NotesFile) -> None:
    matches, misses = evaluate([notes], [("kind", "with")])
    assert matches == []
    assert [(m.section.heading, m.why()) for m in misses] == [
        ("Reading files", "kind with: only in passing in its code; no heading names it")
    ]


def test_the_only_construct_of_a_section_matches_when_deliberate(notes: NotesFile) -> None:
    assert [m.section.heading for m in candidates([notes], [("kind", "mutable-default")])] == [
        "Shared default"
    ]
    _, misses = evaluate([notes], [("kind", "await")])  # await: shown in passing
    assert [m.why() for m in misses] == [
        "kind await: only in passing in its code; no heading names it"
    ]


def test_headings_in_words(notes: NotesFile) -> None:
    frozen = candidates([notes], [("name", "builtins.frozenset")])
    assert [(m.section.heading, m.why()) for m in frozen] == [
        ("Frozen sets", "name builtins.frozenset: its heading 'Frozen sets' names it")
    ]
    # "sort" is an everyday word: its code corroborates it
    assert _headings(candidates([notes], [("name", "builtins.sorted")])) == ["Custom sort"]


def test_an_everyday_heading_word_needs_corroboration(notes: NotesFile) -> None:
    matches, misses = evaluate([notes], [("name", "builtins.type")])
    assert matches == []
    assert [m.why() for m in misses] == [
        "name builtins.type: 'Types' names it in an everyday word that nothing corroborates"
    ]


def test_unqualified_names_resolve_against_the_heading_module(notes: NotesFile) -> None:
    matches = candidates([notes], [("name", "itertools.islice")])
    assert [(m.section.heading, m.why()) for m in matches] == [
        ("Itertools", "name itertools.islice: used under 'Itertools' (inline)")
    ]


def test_common_names_match_only_when_a_heading_or_marker_names_them(notes: NotesFile) -> None:
    matches, misses = evaluate([notes], [("name", "builtins.print")])
    # a marker first (named as written), then "Printing": print in words, its code uses it
    assert [(m.section.heading, m.why()) for m in matches] == [
        ("About print()", "name builtins.print: named by a marker (marker)"),
        ("Printing", "name builtins.print: its heading 'Printing' names it (code)"),
    ]
    assert misses == []


def test_a_package_section_needs_the_package_in_the_file(notes: NotesFile) -> None:
    key: list[Key] = [("name", "typing.Optional")]
    assert _headings(evaluate([notes], key, frozenset({"fastapi"}))[0]) == ["FastAPI"]
    matches, misses = evaluate([notes], key, frozenset({"typing"}))
    assert matches == []
    assert "name typing.Optional: it is about fastapi, which this file does not import" in [
        m.why() for m in misses
    ]


def test_a_section_and_one_containing_it_may_both_be_shown(notes: NotesFile) -> None:
    assert _headings(best_matches([notes], [PATCH])) == ["@mock.patch", "Patching in general"]


def test_render_titles_the_path_and_shows_what_matched(notes: NotesFile) -> None:
    matches = best_matches([notes], [PATCH])
    uri = Path(notes.path).resolve().as_uri()
    assert render_matches(matches, files=[notes]) == (
        "**From your notes — Testing › @mock.patch**\n\n"
        "One line about patch.\nAnother line.\n\n"
        f"[notes.md:14]({uri}#L14)\n\n"
        "**From your notes — Testing › Patching in general**\n\n"
        '```python\nmock.patch("a")\nmock.patch("b")\nmock.patch("c")\n```\n\n'
        f"[notes.md:5]({uri}#L5)"
    )


def test_render_the_matched_list_item(notes: NotesFile) -> None:
    matches = best_matches([notes], [("name", "itertools.islice")])
    assert render_matches(matches, files=[notes], markdown=False).splitlines()[:3] == [
        "From your notes — Itertools",
        "",
        "- islice(it, 3): the first three",
    ]


def test_render_without_excerpts(notes: NotesFile) -> None:
    matches = best_matches([notes], [PATCH], limit=1)
    uri = Path(notes.path).resolve().as_uri()
    assert render_matches(matches, excerpts=False) == (
        f"**From your notes — Testing › @mock.patch**\n\n[notes.md:14]({uri}#L14)"
    )
