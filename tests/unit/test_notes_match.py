"""Ranking the sections that match a name or construct kind, and the hover block."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.engine.notes import Key, NotesFile, best_matches, candidates, index_notes
from pygloss.engine.notes.constructs import kinds_in
from pygloss.engine.notes.match import render_matches

NOTES = """\
# Testing

## Patching in general

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

## Quick tip

```python
mock.patch("a")
```

## Long tip

```python
mock.patch("a")
x = 1
y = 2
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

## Imports everywhere

```python
import os
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


def test_heading_beats_uses_then_uses_then_shorter(notes: NotesFile) -> None:
    assert _headings(candidates([notes], [PATCH])) == [
        "@mock.patch",  # named in its heading
        "Patching in general",  # three uses
        "Quick tip",  # one use, shorter
        "Long tip",
    ]


def test_a_section_is_not_shown_with_one_containing_it(notes: NotesFile) -> None:
    # "Testing" contains everything but matches on nothing of its own.
    assert _headings(best_matches([notes], [PATCH])) == ["@mock.patch", "Quick tip"]


def test_an_exact_name_beats_a_construct(notes: NotesFile) -> None:
    keys: list[Key] = [("kind", "decorator"), PATCH]
    assert _headings(candidates([notes], keys))[:2] == ["@mock.patch", "Patching in general"]
    waiting = candidates([notes], [("kind", "await")])
    assert [(m.section.heading, m.tier, m.uses) for m in waiting] == [("Waiting", 3, 2)]


def test_common_names_match_only_when_a_heading_or_marker_names_them(notes: NotesFile) -> None:
    matches = candidates([notes], [("name", "builtins.print")])
    assert _headings(matches) == ["About print()"]
    assert matches[0].why() == "name builtins.print: marker"


def test_common_kinds_do_not_match_from_code(notes: NotesFile) -> None:
    assert candidates([notes], [("kind", "import")]) == []


def test_why_lists_the_evidence(notes: NotesFile) -> None:
    best = candidates([notes], [PATCH])[0]
    assert best.why() == "name unittest.mock.patch: heading, code"


def test_render_shows_heading_excerpt_and_a_link_to_the_line(notes: NotesFile) -> None:
    matches = best_matches([notes], [PATCH])
    uri = Path(notes.path).resolve().as_uri()
    assert render_matches(matches) == (
        "**From your notes — @mock.patch**\n\n"
        "One line about patch.\nAnother line.\n\n"
        f"[notes.md:12]({uri}#L12)\n\n"
        "**From your notes — Quick tip**\n\n"
        '```python\nmock.patch("a")\n```\n\n'
        f"[notes.md:22]({uri}#L22)"
    )


def test_render_without_excerpts(notes: NotesFile) -> None:
    matches = best_matches([notes], [PATCH], limit=1)
    uri = Path(notes.path).resolve().as_uri()
    assert render_matches(matches, excerpts=False) == (
        f"**From your notes — @mock.patch**\n\n[notes.md:12]({uri}#L12)"
    )
