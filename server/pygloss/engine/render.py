"""Render topics and computed context as hover Markdown (or plain text).

Layout: title, summary, the computed context, then "Learn more" (the topic file)
and the official documentation link.  ``brief`` drops the context's details and
links; ``full`` adds the topic's short explanation.  At most ``max_lines`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pygloss.kb.model import Topic

VERBOSITIES = ("brief", "normal", "full")


@dataclass(frozen=True)
class RenderOptions:
    verbosity: str = "normal"
    mute: frozenset[str] = field(default_factory=frozenset)
    markdown: bool = True
    max_lines: int = 25


def render(topics: list[Topic], context: list[str], options: RenderOptions) -> str:
    primary = topics[0]
    parts = [f"**{primary.title}**", primary.summary]
    if options.verbosity != "brief":
        parts.extend(context)
    if options.verbosity == "full" and primary.lead:
        parts.append(primary.lead)
    others = [t for t in topics[1:]]
    if others:
        parts.append("See also: " + ", ".join(f"*{t.title}*" for t in others))
    links = [f"[Learn more]({primary.uri})"]
    if primary.docs:
        links.append(f"[Python docs]({primary.docs[0]})")
    parts.append(" · ".join(links))
    text = _clip("\n\n".join(p.strip() for p in parts if p.strip()), options.max_lines)
    return text if options.markdown else to_plaintext(text)


def _clip(text: str, max_lines: int) -> str:
    lines = text.splitlines()
    if len(lines) <= max_lines:
        return text
    return "\n".join([*lines[: max_lines - 2], "", lines[-1]])


_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def to_plaintext(markdown: str) -> str:
    """A readable plain-text version for clients that do not render Markdown."""
    text = _LINK.sub(r"\1 <\2>", markdown)
    text = text.replace("**", "").replace("`", "")
    return text
