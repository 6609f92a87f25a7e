"""Extra hover content from outside the knowledge base: the hook in ``explain``.

An *extra* is a function ``(ExtraEnv) -> Addition | None`` that the caller passes
to :func:`pygloss.engine.explain.explain` (the user's notes are one: see
:mod:`pygloss.engine.notes.hover`).  It sees everything explain found at the
cursor — every target, whether the knowledge base has topics for it or not — and
returns a block that goes below the explanation, or makes the whole hover when the
knowledge base has nothing to say: Markdown, or plain text when
``env.options.markdown`` is false.  Each extra runs in try/except, like
the explainers: a failing one is logged and the hover is answered without it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pygloss.engine.cursor import Cursor
from pygloss.engine.explainers import Target
from pygloss.engine.render import RenderOptions
from pygloss.syntax.names import ImportMap

log = logging.getLogger("pygloss.extras")
SEPARATOR = "---"


@dataclass(frozen=True)
class ExtraEnv:
    """What explain found at the cursor, for an extra to look up."""

    cursor: Cursor
    imports: ImportMap
    targets: tuple[Target, ...]
    options: RenderOptions


@dataclass(frozen=True)
class Addition:
    """A block of hover text and the offsets it is about (the hover's range when alone)."""

    markdown: str  # Markdown, or plain text when the hover is plain text
    start: int
    end: int


Extra = Callable[[ExtraEnv], Addition | None]


def run_extras(extras: Sequence[Extra], env: ExtraEnv) -> list[Addition]:
    """The additions of every extra, each run in try/except."""
    added: list[Addition] = []
    for extra in extras:
        try:
            addition = extra(env)
        except Exception:
            log.exception("hover extra %s failed", getattr(extra, "__name__", extra))
            continue
        if addition is not None and addition.markdown.strip():
            added.append(addition)
    return added


def append(markdown: str, added: Sequence[Addition], options: RenderOptions) -> str:
    """*markdown* (already rendered) followed by the additions, below a rule.

    *options* is the hover's (the additions were rendered for it)."""
    if not added:
        return markdown
    blocks = [a.markdown for a in added]
    parts = [markdown] if markdown else []
    return "\n\n".join([*parts, SEPARATOR, *blocks] if parts else blocks)
