"""Render a topic for a terminal (``pygloss kb show``): plain text, optional ANSI.

Headings become underlined lines, code blocks are indented by four spaces (with
their language and any "not run" reason), ``[text](url)`` links show their URL,
and ``**bold**`` loses its stars (or turns bold when colour is on).  The topic's
metadata (names, constructs, rules, see also, notes headings, docs) follows.
"""

from __future__ import annotations

import re
import textwrap

from pygloss.kb.model import Topic

_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*(.*)$")
INDENT = "    "
WIDTH = 88


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def bold(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.color else text

    def dim(self, text: str) -> str:
        return f"\x1b[2m{text}\x1b[0m" if self.color else text


def _inline(line: str, style: _Style) -> str:
    line = _LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", line)
    return _BOLD.sub(lambda m: style.bold(m.group(1)), line)


def render_markdown(text: str, color: bool = False) -> str:
    """*text* (Markdown) as terminal text."""
    style = _Style(color)
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence, info = match.group(1), match.group(2).strip()
            label = info.replace("norun:", "(not run:").strip()
            if "(not run:" in label:
                label += ")"
            if label:
                out.append(style.dim(f"{INDENT}[{label}]"))
            continue
        if fence is not None:
            if match and match.group(1).startswith(fence) and not match.group(2).strip():
                fence = None
            else:
                out.append(f"{INDENT}{line}".rstrip())
            continue
        heading = _HEADING.match(line)
        if heading:
            title = _inline(heading.group(2), style)
            rule = "=" if len(heading.group(1)) == 1 else "-" if len(heading.group(1)) == 2 else "~"
            if out and out[-1]:
                out.append("")
            out.extend([style.bold(title), rule * len(heading.group(2))])
            continue
        out.append(_inline(line, style))
    return "\n".join(out).strip("\n") + "\n"


def _field(label: str, values: tuple[str, ...]) -> list[str]:
    if not values:
        return []
    text = ", ".join(values)
    return textwrap.wrap(
        text, WIDTH, initial_indent=f"{label:<11}", subsequent_indent=" " * 11
    ) or [label]


def render_topic(topic: Topic, color: bool = False) -> str:
    """The whole topic for a terminal: title, summary, body, then its metadata."""
    style = _Style(color)
    parts = [style.bold(topic.title), "=" * min(len(topic.title), WIDTH), ""]
    parts.extend(textwrap.wrap(_inline(topic.summary, style), WIDTH, break_on_hyphens=False))
    parts.extend(["", render_markdown(topic.body, color).rstrip(), ""])
    meta = [
        *_field("Names:", topic.names),
        *_field("Constructs:", topic.constructs),
        *_field("Rules:", topic.rules),
        *_field("See also:", topic.see_also),
        *_field("Notes:", tuple(f'"{h}"' for h in topic.notes)),
        *[f"{'Docs:' if i == 0 else '':<11}{url}" for i, url in enumerate(topic.docs)],
        f"{'File:':<11}{topic.path}",
    ]
    parts.extend(style.dim(line) for line in meta)
    return "\n".join(parts) + "\n"
