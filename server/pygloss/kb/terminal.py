"""Render a topic's page for a terminal (``pygloss kb show``, ``pygloss rule``):
plain text, optional ANSI.

Headings become underlined lines, code blocks are indented by four spaces (with
their language and any "not run" reason), ``[text](url)`` links show their URL,
``**bold**`` loses its stars (or turns bold when colour is on), and long lines wrap
at :data:`WIDTH`.  The author's metadata (constructs, notes headings, file) follows.
"""

from __future__ import annotations

import re
import textwrap

from pygloss.kb.model import Topic

_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*")
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
        out.extend(_wrap(line, _inline(line, style)))
    return "\n".join(out).strip("\n") + "\n"


def _wrap(source: str, text: str) -> list[str]:
    """*text* (the rendered *source* line) wrapped at :data:`WIDTH`; list items keep
    their hanging indent, table rows are never wrapped."""
    if len(source) <= WIDTH or source.lstrip().startswith("|"):
        return [text]
    indent = " " * (len(source) - len(source.lstrip()))
    if source.lstrip().startswith(("- ", "* ")):
        indent += "  "
    return textwrap.wrap(
        text, WIDTH, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
    ) or [text]


def _field(label: str, values: tuple[str, ...]) -> list[str]:
    if not values:
        return []
    text = ", ".join(values)
    return textwrap.wrap(
        text, WIDTH, initial_indent=f"{label:<11}", subsequent_indent=" " * 11
    ) or [label]


def render_topic(topic: Topic, page: str, color: bool = False) -> str:
    """A topic for a terminal: its *page* (the Markdown of its page on the site, see
    :func:`pygloss.pages.content.page_markdown`), then what only authors need: the
    construct kinds and notes headings it is shown for, and its file."""
    style = _Style(color)
    meta = [
        *_field("Constructs:", topic.constructs),
        *_field("Notes:", tuple(f'"{h}"' for h in topic.notes)),
        f"{'File:':<11}{topic.path}",
    ]
    return render_markdown(page, color) + "\n" + "\n".join(style.dim(m) for m in meta) + "\n"
