"""Render topics and computed context as hover Markdown (or plain text).

Layout: **title**, the computed context's warnings (⚠, one paragraph each), the rest
of the computed context, the summary, a short example (only when it is short and
there is room), "See also" for the other topics, then "Learn more" (opens the topic's
page) and the official documentation link: what was computed about this code comes
within the first lines a hover shows (:mod:`pygloss.engine.hover_layout`).

Verbosity: ``brief`` is title, summary and links; ``normal`` (the default) adds the
context and a short example, within ``max_lines`` (25); ``full`` adds the topic's
explanation and the example, within ``FULL_LINES``.  Context blocks that do not fit
are cut at a line boundary with an ellipsis, never mid-line.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pygloss.engine.hover_layout import separate_lines, split_warnings

if TYPE_CHECKING:
    from pygloss.kb.model import Topic

VERBOSITIES = ("brief", "normal", "full")
FULL_LINES = 80
EXAMPLE_LINES = 8
WIDTH = 100  # plain-text prose is wrapped at this many columns
_CODE = re.compile(r"```python[^\n]*\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class RenderOptions:
    verbosity: str = "normal"
    mute: frozenset[str] = field(default_factory=frozenset)
    markdown: bool = True
    max_lines: int = 25
    pages: str = ""
    """Base URL (ending in ``/``) of the topic pages "Learn more" opens; empty: the
    topic's file (the language server passes the published or locally built site)."""

    def learn_more(self, topic: Topic) -> str:
        """The URL "Learn more" opens for *topic*."""
        return topic.link(self.pages)


def short_example(topic: Topic, limit: int = EXAMPLE_LINES) -> str | None:
    """The topic's first ``## Example`` code block when it has at most *limit* lines."""
    section = topic.section("Example")
    if not section:
        return None
    match = _CODE.search(section)
    if match is None:
        return None
    code = match.group(1).strip("\n")
    if not code or code.count("\n") + 1 > limit:
        return None
    return f"```python\n{code}\n```"


def render(topics: list[Topic], context: list[str], options: RenderOptions) -> str:
    primary = topics[0]
    summary = primary.summary.strip()
    # what was computed about this code first, its warnings first of all; then what
    # the topic says in general (hover_layout.py)
    warnings: list[str] = []
    blocks: list[str] = []
    if options.verbosity != "brief":
        warnings, blocks = split_warnings([separate_lines(block.strip()) for block in context])
    head = [f"**{escape(primary.title)}**", *warnings]
    after: list[str] = []
    if options.verbosity == "full" and primary.lead:
        after.append(primary.lead)
    tail: list[str] = []
    others = [t for t in topics[1:] if t.id != primary.id]
    if others:
        tail.append("See also: " + ", ".join(f"*{escape(t.title)}*" for t in others))
    links = [f"[Learn more]({options.learn_more(primary)})"]
    if primary.docs:
        links.append(f"[Python docs]({primary.docs[0]})")
    tail.append(" · ".join(links))
    limit = FULL_LINES if options.verbosity == "full" else options.max_lines
    example = short_example(primary) if options.verbosity != "brief" else None
    if example is not None:
        used = _count([*head, *blocks, summary, *after, *tail])
        if options.verbosity == "full" or used + example.count("\n") + 3 <= limit:
            after.append(example)
    room = limit - _count([*head, summary, *tail])
    kept = _fit(blocks, room)
    room -= sum(block.count("\n") + 2 for block in kept)
    parts = [*head, *kept, summary, *_fit(after, room), *tail]
    text = "\n\n".join(p for p in parts if p)
    return text if options.markdown else to_plaintext(text)


def _count(parts: list[str]) -> int:
    parts = [p for p in parts if p]
    return sum(p.count("\n") + 1 for p in parts) + max(0, len(parts) - 1)


def _fit(blocks: list[str], room: int) -> list[str]:
    """As many whole lines of *blocks* as fit in *room* lines (each block also costs
    the blank line that separates it from what comes before)."""
    kept: list[str] = []
    for block in blocks:
        if not block:
            continue
        lines = block.splitlines()
        cost = len(lines) + 1
        if cost <= room:
            kept.append(block)
            room -= cost
            continue
        available = room - 2  # the separator and the "…" line
        if available >= 2 and not block.startswith("```"):
            cut = lines[:available]
            if sum(line.startswith("```") for line in cut) % 2:  # inside a code block
                cut = [*lines[: available - 1], "…", "```"]
                kept.append("\n".join(cut))
            else:
                kept.append("\n".join([*cut, "…"]))
        break
    return kept


_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_ESCAPED = re.compile(r"[*_\\]")
# *emphasis*: an unescaped star that opens (not after a word, a backslash or a star; a
# non-space after it) and one that closes (a non-space before it, not a word after it)
_EMPHASIS = re.compile(r"(?<![\\\w*])\*(?![\s*])(.+?)(?<![\s\\])\*(?![\w*])")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash escape of ASCII punctuation
# A fenced block (its fence lines included) or an inline code span (a run of backticks,
# its text, the same run): their text is code and is kept as written.
_CODE_PARTS = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$\n?|(`+)(.+?)\2", re.DOTALL | re.MULTILINE)
_FENCED = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$\n?", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def to_plaintext(markdown: str, width: int = WIDTH) -> str:
    """A readable plain-text version for clients that do not render Markdown.

    Only the Markdown outside code is rewritten (emphasis markers, links, table
    separator rows); code keeps every character (``v**0.5``, ``**kwargs``) and loses
    only its fences and backticks.  Prose lines longer than *width* are wrapped at
    spaces (a client showing plain text may not wrap them); code blocks and table
    rows are left as they are.
    """
    parts: list[str] = []
    position = 0
    for match in _FENCED.finditer(markdown):
        parts.append(_wrap(_inline(markdown[position : match.start()]), width))
        parts.append(match.group(1))
        position = match.end()
    parts.append(_wrap(_inline(markdown[position:]), width))
    return "".join(parts)


def _inline(markdown: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(markdown):
        parts.append(_prose(markdown[position : match.start()]))
        parts.append(match.group(2))
        position = match.end()
    parts.append(_prose(markdown[position:]))
    return "".join(parts)


def _wrap(text: str, width: int) -> str:
    lines = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith("|") or "://" in line:  # tables, links
            lines.append(line)
            continue
        indent = "  " if line.startswith(("- ", "⚠ ")) else ""
        lines.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


def escape(text: str) -> str:
    """*text* (a title: plain text that may hold code spans) with the characters Markdown
    would read as emphasis escaped outside its code spans (``*args``, ``__all__``)."""
    parts: list[str] = []
    position = 0
    for match in _CODE_PARTS.finditer(text):
        parts.append(_ESCAPED.sub(r"\\\g<0>", text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_ESCAPED.sub(r"\\\g<0>", text[position:]))
    return "".join(parts)


def _prose(text: str) -> str:
    text = _LINK.sub(r"\1 <\2>", text)
    text = text.replace("**", "")
    text = _EMPHASIS.sub(r"\1", text)
    text = _UNESCAPE.sub(r"\1", text)
    return re.sub(r"(?m)^\|[-| ]+\|$\n?", "", text)  # table separator rows
