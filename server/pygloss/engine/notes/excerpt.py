"""The few lines of a section that a hover shows.

:func:`heading_excerpt` is a section's opening: its first paragraphs, and the start
of its first code block (fenced again, without imports and blank lines) when the
section has less than two lines of prose before it.  :func:`matched_excerpt` is the
part that matched: the list item or paragraph holding the inline code, or the code
block from the statement using the name.  Lines are 1-based, as editors show them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LIMIT = 4  # lines of content
_IMPORT = re.compile(r"^(?:import\s|from\s+\S+\s+import\s)")
_TOC_LINE = re.compile(r"^(?:[-*+]|\d+[.)])?\s*\[[^\]]*\]\(#[^)]*\)\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})(.*)$")


def heading_excerpt(lines: Sequence[str], body: int, own_end: int) -> tuple[str, ...]:
    """The first lines of the text from line *body* to *own_end*."""
    out: list[str] = []
    content = 0
    fence: str | None = None
    for line in lines[body - 1 : own_end]:
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                break
            if not stripped or _IMPORT.match(stripped):  # boilerplate, not the point
                continue
            out.append(clip(line.rstrip()))
            content += 1
            if content >= LIMIT:
                break
            continue
        if stripped.startswith(("```", "~~~")):
            if content >= 2:
                break
            fence = stripped[:3]
            info = stripped.lstrip("`~").split()
            out.append("```" + (info[0] if info else ""))
            continue
        if not stripped:
            if content >= 2:
                break
            continue
        if stripped.startswith("<!--") or _is_setext_line(stripped) or _TOC_LINE.match(stripped):
            continue
        out.append(clip(stripped))
        content += 1
        if content >= LIMIT:
            break
    return _closed(out, fence is not None)


def matched_excerpt(lines: Sequence[str], body: int, own_end: int, line: int) -> tuple[str, ...]:
    """The part of the text from *body* to *own_end* around *line*: its code block
    from the statement on that line, or its list item or paragraph."""
    fence = _fence_around(lines, body, line)
    if fence is not None:
        return _code_excerpt(lines, fence, line, own_end)
    start = line
    while start > body and not _ITEM.match(lines[start - 1]) and lines[start - 2].strip():
        start -= 1
    out: list[str] = []
    for number in range(start, min(own_end, start + LIMIT - 1) + 1):
        text = lines[number - 1]
        if not text.strip() or (number > start and _ITEM.match(text)):
            break
        out.append(clip(text.strip()))
    return tuple(out)


def _fence_around(lines: Sequence[str], body: int, line: int) -> tuple[int, str] | None:
    """(line of the opening fence, its info) when *line* is inside a code block."""
    opened: tuple[int, str, str] | None = None
    for number in range(body, line):
        match = _FENCE.match(lines[number - 1])
        if match is None:
            continue
        if opened is None:
            opened = (number, match.group(1)[0] * 3, match.group(2).strip())
        elif match.group(1).startswith(opened[1]) and not match.group(2).strip():
            opened = None
    return (opened[0], opened[2]) if opened else None


def _code_excerpt(
    lines: Sequence[str], fence: tuple[int, str], line: int, own_end: int
) -> tuple[str, ...]:
    opening, info = fence
    start = line
    # back up to the statement's first line (at most two lines: a decorator, a def)
    while start - 1 > opening and start > line - 2 and lines[start - 1][:1] in (" ", "\t"):
        start -= 1
    out = ["```" + (info.split()[0] if info else "")]
    content = 0
    for number in range(start, own_end + 1):
        text = lines[number - 1]
        if _FENCE.match(text):
            break
        if not text.strip() or _IMPORT.match(text.strip()):
            continue
        out.append(clip(text.rstrip()))
        content += 1
        if content >= LIMIT:
            break
    return _closed(out, True)


def _closed(out: list[str], fenced: bool) -> tuple[str, ...]:
    if fenced:
        if out and out[-1].startswith("```"):  # the block held nothing but imports
            out.pop()
        else:
            out.append("```")
    return tuple(out)


def _is_setext_line(stripped: str) -> bool:
    return bool(stripped) and set(stripped) <= {"=", "-"}


def clip(line: str, width: int = 160) -> str:
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
