"""The notes part of a hover: the sections about what is under the cursor.

:func:`notes_extra` is the hook passed to ``explain``: it looks up the keys of
:mod:`.keys` in the configured notes (:mod:`.match`) and renders the best two
sections (:mod:`.render`).  :func:`judged` also returns the near misses, for
``pygloss notes which``.
"""

from __future__ import annotations

from collections.abc import Sequence

from pygloss.engine.extras import Addition, Extra, ExtraEnv
from pygloss.engine.notes.index import NotesFile
from pygloss.engine.notes.keys import CursorKeys, keys_at, keys_from
from pygloss.engine.notes.match import LIMIT, Match, Miss, evaluate, pick
from pygloss.engine.notes.render import render_matches
from pygloss.engine.notes.store import NotesIndex, NotesSpec

__all__ = ["CursorKeys", "best", "judged", "keys_at", "keys_from", "notes_extra", "ranked"]


def _by_name(matches: Sequence[Match]) -> bool:
    return any(m.key[0] != "kind" for m in matches)


def judged(files: Sequence[NotesFile], keys: CursorKeys) -> tuple[list[Match], list[Miss]]:
    """Every matching section, best first (the fallback name when the name itself
    matches nothing), and the sections that mention a key but are not about it."""
    matches, misses = evaluate(files, keys.keys, keys.packages)
    if keys.fallback and not _by_name(matches):
        more, more_misses = evaluate(files, [*keys.fallback, *keys.keys], keys.packages)
        return more, [*misses, *(m for m in more_misses if m not in misses)]
    return matches, misses


def ranked(files: Sequence[NotesFile], keys: CursorKeys) -> list[Match]:
    return judged(files, keys)[0]


def best(files: Sequence[NotesFile], keys: CursorKeys, limit: int = LIMIT) -> list[Match]:
    """The sections a hover shows."""
    return pick(files, ranked(files, keys), limit)


def notes_extra(index: NotesIndex, spec: NotesSpec) -> Extra:
    """The ``explain`` hook adding "From your notes" for the notes of *spec*."""

    def from_your_notes(env: ExtraEnv) -> Addition | None:
        files = index.files(spec)
        if not files:
            return None
        keys = keys_from(env.cursor, env.imports, env.targets)
        if not keys.all():
            return None
        brief = env.options.verbosity == "brief"
        matches = best(files, keys, 1 if brief else LIMIT)
        if not matches:
            return None
        start, end = keys.spans.get(matches[0].key, (env.cursor.offset, env.cursor.offset))
        text = render_matches(
            matches, excerpts=not brief, markdown=env.options.markdown, files=files
        )
        return Addition(text, start, end)

    return from_your_notes
