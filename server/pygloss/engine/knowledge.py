"""The knowledge base as the engine uses it: loaded whole, or one rule's topic alone.

:func:`load_knowledge` reads every topic (the server, ``pygloss kb``, the pages).
``pygloss check`` prints one line of "why" per rule it reports, so
:func:`rule_topic_alone` reads only that rule's topic file (``knowledge/<area>/<id>.md``)
instead of the 200-odd files of the whole base; it falls back to the whole base when
the file is not where its id says (a topic that moved, an id the rule misspells).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from pygloss.kb.loader import builtin_knowledge_dir, parse_topic

if TYPE_CHECKING:
    from pygloss.kb.index import KnowledgeBase
    from pygloss.kb.model import Topic

RULES_AREA = "rules"  # where rule topics live; tried first


def load_knowledge(extra: list[Path] | None = None) -> KnowledgeBase:
    """The built-in knowledge base (plus *extra* folders), rule codes checked."""
    from pygloss.kb.index import KnowledgeBase
    from pygloss.rules import REGISTRY

    return KnowledgeBase.load(extra, known_rules=frozenset(REGISTRY))


def rule_topic(kb: KnowledgeBase, code: str) -> Topic | None:
    """The topic that explains rule *code* in *kb* (its own, else one naming it)."""
    from pygloss.rules import get_rule

    rule = get_rule(code)
    if rule is None:
        return None
    return kb.get(rule.topic) or next(iter(kb.for_rule(rule.code)), None)


@functools.cache
def rule_topic_alone(code: str, topic_id: str | None = None) -> Topic | None:
    """Rule *code*'s topic read from its file alone (the whole base only as a fallback).
    *topic_id*, when the caller knows it (a finding names it), spares importing the
    rules to look it up."""
    if topic_id is None:
        from pygloss.rules import get_rule

        rule = get_rule(code)
        if rule is None:
            return None
        topic_id = rule.topic
    root = builtin_knowledge_dir()
    for area in _areas(root):
        path = root / area / f"{topic_id}.md"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        topic, problems = parse_topic(path, text, area)
        if topic is not None and not problems:
            return topic
    return rule_topic(_whole(), code)


def _areas(root: Path) -> list[str]:
    try:
        found = [entry.name for entry in root.iterdir() if entry.is_dir()]
    except OSError:
        return []
    return sorted(found, key=lambda area: (area != RULES_AREA, area))


@functools.cache
def _whole() -> KnowledgeBase:
    return load_knowledge()
