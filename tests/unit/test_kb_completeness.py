"""The knowledge base is complete: names, construct kinds, rule codes, notes headings.

These hold only when every knowledge topic of the issue exists: at least 250
importable names, a topic with the agreed id for each construct kind (the hover
recogniser links to it), a topic for each rule code, and every heading of the
notes covered by some topic's ``notes``.
"""

from __future__ import annotations

import pytest

from pygloss.engine.api import load_knowledge
from pygloss.kb.constructs import CONSTRUCTS
from pygloss.kb.loader import HEADINGS_FILE, read_headings
from pygloss.rules import REGISTRY
from tests.conftest import KNOWLEDGE

KB = load_knowledge()
MIN_NAMES = 250

# Construct kind -> the topic id that must list it (the hover explainers and rules
# link to these ids).
CONSTRUCT_TOPICS = {
    "decorator": "decorators",
    "decorator-stack": "decorators",
    "yield": "generators",
    "yield-from": "yield-from",
    "generator-expression": "generator-expressions",
    "list-comprehension": "comprehensions",
    "dict-comprehension": "comprehensions",
    "set-comprehension": "comprehensions",
    "lambda": "lambda",
    "with": "context-managers",
    "try": "exceptions",
    "except": "exceptions",
    "finally": "exceptions",
    "else-clause": "else-clauses",
    "raise-from": "exception-chaining",
    "global": "name-resolution",
    "nonlocal": "name-resolution",
    "star-args": "args-kwargs",
    "star-kwargs": "args-kwargs",
    "star-unpacking": "unpacking",
    "walrus": "walrus",
    "compare-is": "identity-vs-equality",
    "compare-none": "none-comparison",
    "chained-comparison": "chained-comparisons",
    "slice": "slicing",
    "augmented-assign": "augmented-assignment",
    "floor-div-mod": "division-and-modulo",
    "bool-op-default": "short-circuit-defaults",
    "f-string": "f-strings",
    "class-bases": "mro",
    "metaclass-keyword": "metaclasses",
    "dunder-method": "dunder-methods",
    "super-call": "super",
    "property": "property",
    "staticmethod": "staticmethod-classmethod",
    "classmethod": "staticmethod-classmethod",
    "abstractmethod": "abstract-base-classes",
    "main-guard": "main-guard",
    "dunder-all": "dunder-all",
    "import": "imports",
    "mutable-default": "default-arguments",
    "match": "pattern-matching",
    "type-params": "type-parameters",
    "del": "del-statement",
    "assert": "assert-statement",
    "async-def": "async-await",
    "await": "async-await",
    "async-with": "async-with-for",
    "async-for": "async-with-for",
    "slots": "slots",
}


def test_the_mapping_names_every_construct_kind() -> None:
    assert set(CONSTRUCT_TOPICS) == set(CONSTRUCTS)


@pytest.mark.parametrize(("kind", "topic_id"), sorted(CONSTRUCT_TOPICS.items()))
def test_each_construct_kind_has_its_topic(kind: str, topic_id: str) -> None:
    topic = KB.get(topic_id)
    assert topic is not None, f"no topic {topic_id!r} for construct kind {kind!r}"
    assert kind in topic.constructs


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_each_rule_has_a_topic_that_names_it(code: str) -> None:
    topic = KB.get(REGISTRY[code].topic)
    assert topic is not None and code in topic.rules


def test_at_least_250_fully_qualified_names() -> None:
    assert len(KB.names()) >= MIN_NAMES


NOTES_HEADINGS = 99  # the `##`..`####` headings of ../shared/notes/python-notes.md


def test_every_notes_heading_is_covered_by_a_topic() -> None:
    """From the heading list the knowledge base ships, so it runs without the notes."""
    listed = read_headings(KNOWLEDGE / HEADINGS_FILE, ordered=True)
    assert len(listed) == len(set(listed)) == NOTES_HEADINGS
    covered = {heading for topic in KB.topics.values() for heading in topic.notes}
    uncovered = [heading for heading in listed if heading not in covered]
    assert not uncovered, "notes headings no topic covers:\n" + "\n".join(uncovered)
