"""User notes: index any Markdown notes and find the sections about the code at hand.

* :mod:`.markdown` reads a file into headings, code blocks, inline code and markers;
* :mod:`.names` qualifies the names that code, inline code and headings mention;
* :mod:`.index` files that evidence under each section (:func:`index_notes`, pure);
* :mod:`.store` finds the configured files and caches each one's index per version;
* :mod:`.match` ranks the sections for the names and kinds under the cursor and
  renders the hover's "From your notes" block.
"""

from __future__ import annotations

from pygloss.engine.notes.index import Key, NotesFile, Section, index_notes
from pygloss.engine.notes.match import Match, best_matches, candidates, render_matches
from pygloss.engine.notes.store import NotesIndex, NotesSpec, read_notes

__all__ = [
    "Key",
    "Match",
    "NotesFile",
    "NotesIndex",
    "NotesSpec",
    "Section",
    "best_matches",
    "candidates",
    "index_notes",
    "read_notes",
    "render_matches",
]
