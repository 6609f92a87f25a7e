"""Which notes sections match the names and construct kinds under the cursor.

Ranking, best first:

1. the *tier* of the evidence: a heading or marker naming the name (0), the name in
   the section's code or inline code (1), a marker naming the construct kind (2),
   the kind in the section's code (3) — so an exact name match beats a construct;
2. *uses*: how often the section's own text uses it (more first);
3. *length*: the shorter, more specific section first.

A very common name (``print``, ``len``, ``list``...) never matches through code or
inline code alone: only a heading or a marker that names it makes a section about
it.  The same holds for construct kinds that example code is full of (``import``,
f-strings, ``__init__``).  Only a section's own text counts (see :mod:`.index`), and
a section is never shown together with one that contains it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pygloss.engine.notes.index import Key, NotesFile, Section
from pygloss.engine.render import to_plaintext

COMMON_NAMES = frozenset(
    "builtins." + name
    for name in [
        "print",
        "len",
        "list",
        "dict",
        "set",
        "tuple",
        "str",
        "int",
        "float",
        "bool",
        "range",
        "enumerate",
        "zip",
        "isinstance",
        "type",
        "object",
        "open",
        "sorted",
        "min",
        "max",
        "sum",
        "map",
        "filter",
        "repr",
        "id",
        "iter",
        "next",
        "abs",
        "any",
        "all",
        "hash",
        "getattr",
        "setattr",
        "hasattr",
        "input",
        "round",
        "super",
        "format",
        "reversed",
        "Exception",
        "ValueError",
        "TypeError",
        "KeyError",
        "None",
        "True",
        "False",
        "self",
        "NotImplementedError",
        "RuntimeError",
    ]
)
# kinds nearly every example shows in passing; a marker can still name them
COMMON_KINDS = frozenset({"import", "f-string", "dunder-method"})
EXPLICIT = frozenset({"heading", "marker"})
LIMIT = 2


@dataclass(frozen=True)
class Match:
    """A section that matches, with the key and evidence that make it match."""

    section: Section
    key: Key
    tier: int
    uses: int
    origins: tuple[tuple[str, int], ...]

    @property
    def rank(self) -> tuple[int, int, int, str, int]:
        s = self.section
        return (self.tier, -self.uses, s.length, s.path, s.line)

    def why(self) -> str:
        """``name asyncio.gather: heading, code ×3`` — for ``pygloss notes which``."""
        kind, value = self.key
        parts = [origin if n == 1 else f"{origin} ×{n}" for origin, n in self.origins]
        return f"{kind} {value}: {', '.join(parts)}"


def _tier(key: Key, origins: dict[str, int]) -> tuple[int, int] | None:
    """(tier, uses) of one section's own evidence for *key*, None when it does not count."""
    kind, value = key
    explicit = any(origins.get(o) for o in EXPLICIT)
    common = value in COMMON_NAMES if kind == "name" else value in COMMON_KINDS
    if common and not explicit:
        return None
    uses = sum(origins.values())
    if kind == "name":
        return (0 if explicit else 1), uses
    return (2 if origins.get("marker") else 3), uses


def candidates(files: Iterable[NotesFile], keys: Sequence[Key]) -> list[Match]:
    """Every section whose own text matches one of *keys*, best first."""
    best: dict[tuple[str, int], Match] = {}
    for notes in files:
        for key in dict.fromkeys(keys):
            for index in notes.by_key.get(key, ()):
                section = notes.sections[index]
                origins = dict(section.own.get(key, {}))
                scored = _tier(key, origins)
                if scored is None:
                    continue
                ordered = tuple((o, origins[o]) for o in _ORDER if origins.get(o))
                match = Match(section, key, scored[0], scored[1], ordered)
                ident = (section.path, section.index)
                if ident not in best or match.rank < best[ident].rank:
                    best[ident] = match
    return sorted(best.values(), key=lambda m: m.rank)


_ORDER = ("heading", "marker", "code", "inline")


def best_matches(
    files: Sequence[NotesFile], keys: Sequence[Key], limit: int = LIMIT
) -> list[Match]:
    """The best *limit* matches, never a section together with one containing it."""
    by_path = {notes.path: notes for notes in files}
    chosen: list[Match] = []
    for match in candidates(files, keys):
        notes = by_path[match.section.path]
        family = {match.section.index, *notes.ancestors(match.section.index)}
        if any(
            c.section.path == match.section.path
            and (
                c.section.index in family or match.section.index in notes.ancestors(c.section.index)
            )
            for c in chosen
        ):
            continue
        chosen.append(match)
        if len(chosen) == limit:
            break
    return chosen


def link(section: Section) -> str:
    """``file:///…/notes.md#L12``: opens the note at the heading."""
    return f"{Path(section.path).resolve().as_uri()}#L{section.line}"


def render_matches(matches: Sequence[Match], excerpts: bool = True, markdown: bool = True) -> str:
    """The hover block: "From your notes — heading", an excerpt and a link to the
    heading's line; plain text (code indented, links spelled out) without *markdown*."""
    blocks: list[str] = []
    for match in matches:
        section = match.section
        label = f"{Path(section.path).name}:{section.line}"
        title = f"From your notes — {section.heading}"
        parts = [f"**{title}**" if markdown else to_plaintext(title)]
        if excerpts and section.excerpt:
            parts.append("\n".join(section.excerpt if markdown else _plain(section.excerpt)))
        parts.append(f"[{label}]({link(section)})" if markdown else f"{label} <{link(section)}>")
        blocks.append("\n\n".join(parts))
    return "\n\n".join(blocks)


def _plain(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    code = False
    for line in lines:
        if line.startswith("```"):
            code = not code
            if code and out:
                out.append("")
        else:
            out.append("    " + line if code else to_plaintext(line))
    return out
