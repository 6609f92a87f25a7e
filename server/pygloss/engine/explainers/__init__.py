"""Context explainers: Markdown computed from the code at hand, per topic.

An explainer is a function ``(env) -> str | None`` registered for topic ids with
:func:`explainer`.  Each runs in try/except: one failing explainer is logged and
the hover is answered with the rest.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Callable
from dataclasses import dataclass

from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

log = logging.getLogger("pygloss.explainers")


@dataclass(frozen=True)
class Target:
    """What the cursor is on: a construct kind, or ``"name"`` with its qualified name."""

    kind: str
    start: int
    end: int
    node: ast.AST
    path: tuple[ast.AST, ...]
    name: str | None = None


@dataclass(frozen=True)
class ExplainEnv:
    source: Source
    imports: ImportMap
    kb: KnowledgeBase
    target: Target


Explainer = Callable[[ExplainEnv], str | None]
_BY_TOPIC: dict[str, list[Explainer]] = {}


def explainer(*topic_ids: str) -> Callable[[Explainer], Explainer]:
    def register(func: Explainer) -> Explainer:
        for topic_id in topic_ids:
            _BY_TOPIC.setdefault(topic_id, []).append(func)
        return func

    return register


def context_for(topics: list[Topic], env: ExplainEnv) -> list[str]:
    """Markdown blocks from every explainer registered for *topics*."""
    blocks: list[str] = []
    seen: set[Explainer] = set()
    for topic in topics:
        for func in _BY_TOPIC.get(topic.id, ()):
            if func in seen:
                continue
            seen.add(func)
            try:
                block = func(env)
            except Exception:
                log.exception("explainer %s failed", getattr(func, "__name__", func))
                continue
            if block:
                blocks.append(block)
    return blocks


# Register the built-in explainers (import for their side effect).
from pygloss.engine.explainers import mock_patch  # noqa: E402, F401
