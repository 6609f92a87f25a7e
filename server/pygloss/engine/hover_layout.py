"""The order and the line breaks of a hover's computed context.

What a hover computed about this code comes before what the topic says in general,
and a warning (a line starting with ⚠) comes first of all: VS Code shows about 15
lines of a hover without scrolling.  :func:`split_warnings` takes the ⚠ paragraphs out
of the context blocks, one paragraph each (two ⚠ lines written one under the other
would render as one run-on paragraph).  :func:`separate_lines` gives a line that
follows a list item without indentation a paragraph of its own (Markdown would
otherwise continue the bullet's text with it).  Code fences are left as they are.
"""

from __future__ import annotations

import re

WARNING = "⚠"
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
_FENCE = re.compile(r"\s*(```|~~~)")


def _lines_outside_code(block: str) -> list[tuple[str, bool]]:
    """Each line of *block* with whether it is prose (outside a fenced code block)."""
    lines, fence = [], ""
    for line in block.split("\n"):
        match = _FENCE.match(line)
        if fence:
            lines.append((line, False))
            if match and match.group(1) == fence:
                fence = ""
        elif match:
            fence = match.group(1)
            lines.append((line, False))
        else:
            lines.append((line, True))
    return lines


def separate_lines(block: str) -> str:
    """*block* with a blank line before an unindented line that follows a list item."""
    out: list[str] = []
    previous_item = False
    for line, prose in _lines_outside_code(block):
        indented = line[:1].isspace()
        if prose and previous_item and line.strip() and not indented and not _LIST_ITEM.match(line):
            out.append("")
        out.append(line)
        previous_item = prose and bool(_LIST_ITEM.match(line))
    return "\n".join(out)


def _continues(line: str) -> bool:
    """Whether *line* goes on with the paragraph above it (not blank, not a new block)."""
    return bool(line.strip()) and not _LIST_ITEM.match(line) and not line.lstrip().startswith("|")


def split_warnings(blocks: list[str]) -> tuple[list[str], list[str]]:
    """The ⚠ paragraphs of *blocks*, one each, in order; and the blocks without them
    (a block left empty is dropped)."""
    warnings: list[str] = []
    rest: list[str] = []
    for block in blocks:
        kept: list[str] = []
        current: list[str] | None = None  # the warning being read
        for line, prose in _lines_outside_code(block):
            if prose and line.lstrip().startswith(WARNING):
                current = [line.strip()]
                warnings.append("")  # filled below
            elif current is not None and prose and _continues(line):
                current.append(line.strip())  # the warning's text goes on
            else:
                current = None
                kept.append(line)
            if current is not None:
                warnings[-1] = " ".join(current)
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
        if text:
            rest.append(text)
    return warnings, rest
