"""User notes: index any Markdown notes and find the sections about the code at hand.

* :mod:`.markdown` reads a file into headings, code blocks, inline code and markers;
* :mod:`.words` reads what a heading names in words (kinds, modules, types);
* :mod:`.context` and :mod:`.usage` qualify what code and inline code use, against
  the modules and types the enclosing headings name;
* :mod:`.index` files that under each section (:func:`index_notes`, pure);
* :mod:`.store` finds the configured files and caches each one's index per version;
* :mod:`.match` ranks the sections that are about the keys under the cursor;
* :mod:`.render` writes the hover's "From your notes" block;
* :mod:`.hover` turns what is under the cursor into keys.
"""

from __future__ import annotations

from pygloss.engine.notes.index import Key, NotesFile, Section, index_notes
from pygloss.engine.notes.match import Match, Miss, best_matches, candidates, evaluate
from pygloss.engine.notes.render import render_matches
from pygloss.engine.notes.store import NotesIndex, NotesSpec, read_notes

__all__ = [
    "Key",
    "Match",
    "Miss",
    "NotesFile",
    "NotesIndex",
    "NotesSpec",
    "Section",
    "best_matches",
    "candidates",
    "evaluate",
    "index_notes",
    "read_notes",
    "render_matches",
]
