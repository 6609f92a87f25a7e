"""Context explainers: Markdown computed from the code at hand.

An explainer is a function ``(env) -> str | None`` registered with :func:`explainer`
for topic ids, construct kinds and/or qualified names (prefixes end with ``.``).  It
runs when the hover shows one of its topics, or when the target that topic was found
for has one of its kinds or names, so context does not depend on which topic id the
knowledge base chose; the other topics are only listed as "See also".  Each
runs in try/except: one failing explainer is logged and the hover is answered with
the rest.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    """Everything an explainer may read: the code, its imports, and what is targeted."""

    source: Source
    imports: ImportMap
    kb: KnowledgeBase
    target: Target
    targets: tuple[Target, ...] = ()
    resolver: Any = None  # pygloss.engine.names.JediResolver, when jedi may be used
    primary: tuple[Target, ...] = ()  # the targets the shown topic was found for
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def target_of(self, kind: str) -> Target | None:
        """The target of construct *kind* (or ``"name"``), if the cursor is on one."""
        return next((t for t in self.targets if t.kind == kind), None)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.targets if t.name]


Explainer = Callable[[ExplainEnv], str | None]


@dataclass(frozen=True)
class _Registration:
    func: Explainer
    topics: frozenset[str]
    kinds: frozenset[str]
    names: tuple[str, ...]
    priority: int = 1

    def applies(self, topic_id: str, env: ExplainEnv) -> bool:
        """For the shown topic and the targets it was found for (others are "See also")."""
        if topic_id in self.topics:
            return True
        for target in env.primary or (env.target,):
            if target.kind in self.kinds:
                return True
            if target.name is not None and _name_matches(target.name, self.names):
                return True
        return False


def _name_matches(name: str, patterns: Sequence[str]) -> bool:
    return any(name == p or (p.endswith(".") and name.startswith(p)) for p in patterns)


_REGISTRY: list[_Registration] = []


def explainer(
    *topic_ids: str, kinds: Sequence[str] = (), names: Sequence[str] = (), priority: int = 1
) -> Callable[[Explainer], Explainer]:
    """Register an explainer; lower *priority* blocks are shown first."""

    def register(func: Explainer) -> Explainer:
        registration = _Registration(
            func, frozenset(topic_ids), frozenset(kinds), tuple(names), priority
        )
        _REGISTRY.append(registration)
        _REGISTRY.sort(key=lambda r: r.priority)
        return func

    return register


def context_for(topics: list[Topic], env: ExplainEnv) -> list[str]:
    """Markdown blocks from every explainer that applies, each in try/except."""
    blocks: list[str] = []
    for registration in _REGISTRY:
        if not registration.applies(topics[0].id, env):
            continue
        try:
            block = registration.func(env)
        except Exception:
            log.exception("explainer %s failed", getattr(registration.func, "__name__", "?"))
            continue
        if block and block not in blocks:
            blocks.append(block)
    return blocks


# Register the built-in explainers (import for their side effect), in display order.
from pygloss.engine.explainers import (  # noqa: E402, F401
    asyncio_awaits,
    dataclass_init,
    decorators,
    descriptors,
    fastapi_routes,
    generators,
    identity,
    metaclass,
    mock_patch,
    mro,
    parametrize,
    patch_target,
    slots,
)
