"""Which notes sections are *about* the names and construct kinds under the cursor.

A section matches a key in one of these tiers, best first:

0. its heading (or a marker) names the name: a dotted name, a name in backticks,
   or in words ("Frozen sets" for ``frozenset``, "Custom sort" for ``sorted``,
   "Refreshing objects" for ``Session.refresh`` in SQLAlchemy notes);
1. its own text uses the name, under a heading — its own or an ancestor's — that
   names the name or its module or type ("Itertools" over ``chain(...)``);
2. its heading names the name's type or module ("Lists" for ``list.append``,
   "SQLAlchemy" for ``sqlalchemy.select``);
3. its inline code names the name (the prose talks about it);
4. the name is the main name of its code (the most used, a quarter of the uses
   or more; or from the package most of its code uses);
5. its heading (or a marker) names the construct kind ("Context managers (with)",
   "Walrus", "Decorators"), or the notes-only topic under the cursor;
6. its code shows the kind, under an ancestor heading that names it;
7. the kind is the only construct its code shows, the code names nothing else, and
   it is a construct notes never show by accident (:data:`DELIBERATE_KINDS`: a
   mutable default, a walrus, ``nonlocal``...).

A name is more specific than a construct: every name tier comes first.
Then: sections matching more of the keys first, the more uses, the shorter.

What does **not** match (:class:`Miss`, listed by ``pygloss notes which``): a kind
only in passing in a section's code; a name used in passing in its code; a very
common name (``print``, ``len``...) or kind (``import``, f-strings) that no heading
or marker names; a heading word that is also an everyday word ("Types",
"Session", "Sets") when neither the section's own text nor the headings above it
corroborate it — the word must come with the thing in the section's code, or with
its package in the headings ("Refreshing" under "SQLAlchemy"); a section under a
heading about a package (FastAPI, SQLAlchemy) for a name from elsewhere, in a file
that does not import that package.  Words in prose never match.  Only a section's
own text counts (see :mod:`.index`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pygloss.engine.notes.index import Key, NotesFile, Section, loose_key
from pygloss.engine.notes.judge_kinds import judge_kind, judge_other
from pygloss.engine.notes.judge_names import in_context, judge_name, owner_in
from pygloss.engine.notes.verdict import (
    COMMON_DUNDERS,
    COMMON_KINDS,
    COMMON_NAMES,
    DELIBERATE_KINDS,
    EXPLICIT,
    HEADING_TIERS,
    LIMIT,
    Match,
    Miss,
    matched,
    name_parts,
    names_part,
)
from pygloss.engine.notes.words import forms, stems

__all__ = [
    "COMMON_DUNDERS",
    "COMMON_KINDS",
    "COMMON_NAMES",
    "DELIBERATE_KINDS",
    "EXPLICIT",
    "HEADING_TIERS",
    "LIMIT",
    "Match",
    "Miss",
    "best_matches",
    "candidates",
    "evaluate",
    "pick",
]


def evaluate(
    files: Sequence[NotesFile], keys: Sequence[Key], packages: frozenset[str] | None = None
) -> tuple[list[Match], list[Miss]]:
    """Every section matching one of *keys* (best first), and the near misses.

    *packages* are the top-level packages the hovered file imports (None: unknown);
    a section under a heading about a package (FastAPI, SQLAlchemy, asyncio) only
    matches a name from elsewhere in a file that uses that package."""
    best: dict[tuple[str, int], Match] = {}
    matched_keys: dict[tuple[str, int], set[Key]] = {}
    misses: dict[tuple[str, int], Miss] = {}
    for notes in files:
        for key in dict.fromkeys(keys):
            for index in _candidates(notes, key):
                found = _judge(notes, notes.sections[index], key, keys)
                if isinstance(found, Match) and packages is not None:
                    found = in_context(notes, found, packages)
                ident = (notes.path, index)
                if isinstance(found, Miss):
                    misses.setdefault(ident, found)
                    continue
                matched_keys.setdefault(ident, set()).add(key)
                if ident not in best or found.rank < best[ident].rank:
                    best[ident] = found
    kinds = {value for kind, value in keys if kind == "kind"}
    by_path = {notes.path: notes for notes in files}
    matches = [
        replace(
            m,
            breadth=len(matched_keys[i]),
            beyond=_beyond(m.section, kinds),
            framed=_framed(by_path[m.section.path], m.section, m.key),
        )
        for i, m in best.items()
    ]
    missed = [m for i, m in misses.items() if i not in best]
    return sorted(matches, key=lambda m: m.rank), missed


def _framed(notes: NotesFile, section: Section, key: Key) -> bool:
    """The headings above the section, or the file's title, are about *key* too: it sits
    in notes about it ("Dictionary › Create"), not in passing ("Enumerate ›
    Dictionary")."""
    # its own heading too: a top section naming the thing is in notes about it
    above = [notes.sections[i].terms for i in notes.ancestors(section.index)] + [notes.title]
    above.append(section.terms)
    kind, value = key
    for terms in above:
        if kind == "kind" and value in terms.kinds:
            return True
        if kind == "topic" and value in terms.topics:
            return True
        if kind == "name":
            parts = name_parts(value)
            if names_part(terms, parts[-1]) is not None or owner_in(terms, value, parts[:-1]):
                return True
    return False


def _beyond(section: Section, kinds: set[str]) -> int:
    """How many construct kinds the heading names strongly, when none of them is under
    the cursor ("@mock.patch pitfall: decorator order" is about more than a lone patch)."""
    named = [kind for kind, strong in section.terms.kinds.items() if strong]
    return 0 if kinds.intersection(named) else len(named)


def candidates(files: Sequence[NotesFile], keys: Sequence[Key]) -> list[Match]:
    """Every section whose own text or heading matches one of *keys*, best first."""
    return evaluate(files, keys)[0]


def best_matches(
    files: Sequence[NotesFile], keys: Sequence[Key], limit: int = LIMIT
) -> list[Match]:
    """The best *limit* matches."""
    return pick(files, candidates(files, keys), limit)


def pick(files: Sequence[NotesFile], matches: Sequence[Match], limit: int = LIMIT) -> list[Match]:
    """The first *limit* matches.  A section and one containing it may both be shown:
    each matched on its own text, and they share none."""
    return list(matches[:limit])


def _candidates(notes: NotesFile, key: Key) -> list[int]:
    kind, value = key
    found: list[int] = list(notes.by_key.get(key, ()))
    if kind == "kind":
        found += notes.by_kind.get(value, ())
    elif kind == "topic":
        found += notes.by_kind.get("topic:" + value, ())
    elif kind == "name" and not value.startswith("."):  # a relative import: the project's
        loose = loose_key(value)
        if loose is not None:
            found += notes.by_loose.get(loose, ())
        for part in name_parts(value):
            for form in forms(part):
                lower = form.lower()
                for variant in (lower, *stems(lower)):
                    found += notes.by_word.get(variant, ())
    elif kind == "fixture":
        found += notes.by_word.get(value.lower(), ())
    return list(dict.fromkeys(found))


def _judge(notes: NotesFile, section: Section, key: Key, keys: Sequence[Key]) -> Match | Miss:
    if not section.excerpt and not section.own:
        return Miss(section, key, "no text of its own: its subsections are the answer")
    if key[0] == "kind":
        named = _heading_names(section)
        if named and not named.intersection(keys):
            about = named.pop()[1]
            return Miss(section, key, f"its heading is about {about}, which is not here")
        return judge_kind(notes, section, key)
    if key[0] == "name":
        return judge_name(notes, section, key)
    if key[0] == "topic":
        if key[1] in section.terms.topics:
            return matched(section, key, 5, f"its heading {section.heading!r} names it", {})
        return Miss(section, key, "its heading does not name it")
    return judge_other(notes, section, key)


def _heading_names(section: Section) -> set[Key]:
    """The names a heading writes as dotted names (``@mock.patch pitfall``)."""
    return {k for k, origins in section.own.items() if k[0] == "name" and origins.get("heading")}
