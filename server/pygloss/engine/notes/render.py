"""The "From your notes" block of a hover.

Each section shown is titled with its path in the notes — "Classes › Inheritance and
MRO", "… › Metaclasses › Example" (at most three headings; a lone top heading over
the whole file is its title and left out) — followed by the part of it that matched
(the opening of the section when its heading matched; the code block or list item
using the name otherwise) and a ``file:///…#L<line>`` link that opens the notes there.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pygloss.engine.notes.excerpt import matched_excerpt
from pygloss.engine.notes.index import NotesFile, Section
from pygloss.engine.notes.match import HEADING_TIERS, Match
from pygloss.engine.render import to_plaintext

SEPARATOR = " › "


def breadcrumb(section: Section, depth: int = 3) -> str:
    """``Classes › Inheritance and MRO``: the section's heading after its ancestors'."""
    path = [*section.trail, section.heading]
    if len(path) > depth:
        path = ["…", *path[-(depth - 1) :]]
    return SEPARATOR.join(path)


def link(section: Section, line: int | None = None) -> str:
    """``file:///…/notes.md#L12``: opens the note at the heading (or at *line*)."""
    return f"{Path(section.path).resolve().as_uri()}#L{line or section.line}"


def excerpt(match: Match, files: Sequence[NotesFile] = ()) -> tuple[str, ...]:
    """The lines shown for *match*: the part that matched, else the section's opening."""
    section = match.section
    if match.tier in HEADING_TIERS or match.line == section.line:
        return section.excerpt
    notes = next((f for f in files if f.path == section.path), None)
    if notes is None or not notes.lines:
        return section.excerpt
    found = matched_excerpt(notes.lines, section.body, section.own_end, match.line)
    return found or section.excerpt


def render_matches(
    matches: Sequence[Match],
    excerpts: bool = True,
    markdown: bool = True,
    files: Sequence[NotesFile] = (),
) -> str:
    """The hover block: "From your notes — path › heading", the matched excerpt and a
    link to the heading's line; plain text (code indented, links spelled out) without
    *markdown*."""
    blocks: list[str] = []
    for match in matches:
        section = match.section
        label = f"{Path(section.path).name}:{section.line}"
        title = f"From your notes — {breadcrumb(section)}"
        parts = [f"**{title}**" if markdown else to_plaintext(title)]
        lines = excerpt(match, files) if excerpts else ()
        if lines:
            parts.append("\n".join(lines if markdown else _plain(lines)))
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
