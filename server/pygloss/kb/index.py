"""The loaded knowledge base, indexed by id, fully qualified name, construct and rule.

Built once from a :class:`~pygloss.kb.model.LoadResult`; lookups are dictionary hits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from pygloss.kb.loader import builtin_knowledge_dir, load_topics
from pygloss.kb.model import KbProblem, Topic


class KnowledgeBase:
    """Topics with their indexes. Immutable after construction."""

    def __init__(self, topics: Iterable[Topic], problems: Sequence[KbProblem] = ()) -> None:
        self.topics: dict[str, Topic] = {}
        self.problems: tuple[KbProblem, ...] = tuple(problems)
        by_name: dict[str, list[Topic]] = defaultdict(list)
        by_construct: dict[str, list[Topic]] = defaultdict(list)
        by_rule: dict[str, list[Topic]] = defaultdict(list)
        for topic in topics:
            self.topics[topic.id] = topic
            for name in topic.names:
                by_name[name].append(topic)
            for kind in topic.constructs:
                by_construct[kind].append(topic)
            for code in topic.rules:
                by_rule[code].append(topic)
        self._by_name = dict(by_name)
        self._by_construct = dict(by_construct)
        self._by_rule = dict(by_rule)

    @classmethod
    def load(
        cls,
        dirs: Sequence[Path] | None = None,
        *,
        known_rules: frozenset[str] | None = None,
    ) -> KnowledgeBase:
        """Load the built-in knowledge (and any extra *dirs* after it)."""
        all_dirs = [builtin_knowledge_dir(), *(dirs or [])]
        result = load_topics(all_dirs, known_rules=known_rules)
        return cls(result.topics, result.problems)

    def get(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def for_name(self, qualified_name: str) -> list[Topic]:
        """Topics that explain *qualified_name* (e.g. ``unittest.mock.patch``)."""
        return list(self._by_name.get(qualified_name, ()))

    def for_construct(self, kind: str) -> list[Topic]:
        return list(self._by_construct.get(kind, ()))

    def for_rule(self, code: str) -> list[Topic]:
        return list(self._by_rule.get(code, ()))

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def __len__(self) -> int:
        return len(self.topics)
