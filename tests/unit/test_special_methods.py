"""Special methods: each one a class commonly defines has its own topic (what calls it and
when, its traps), and the hover on its ``def`` shows that topic before the general one."""

from __future__ import annotations

import pytest

from pygloss.engine.api import Engine
from pygloss.engine.constructs import DUNDERS
from pygloss.kb.constructs import is_construct, special_method_kind
from pygloss.syntax.source import Source

# construction, representation, comparison and hashing, containers and iteration,
# context management, finalisation, calling, attribute access, descriptors
COMMON = (
    "__new__",
    "__init__",
    "__init_subclass__",
    "__repr__",
    "__str__",
    "__format__",
    "__eq__",
    "__lt__",
    "__hash__",
    "__len__",
    "__getitem__",
    "__contains__",
    "__iter__",
    "__next__",
    "__enter__",
    "__exit__",
    "__del__",
    "__call__",
    "__getattr__",
    "__getattribute__",
    "__setattr__",
    "__get__",
    "__set__",
    "__set_name__",
)


@pytest.mark.parametrize("name", COMMON)
def test_each_common_special_method_has_its_own_topic(engine: Engine, name: str) -> None:
    topics = engine.kb.for_construct(special_method_kind(name))
    assert len(topics) == 1, [t.id for t in topics]
    (topic,) = topics
    assert topic.id != "dunder-methods"
    assert f"`{name}" in topic.title + topic.summary  # it is about this method
    assert "## Example" in topic.body


def test_qualified_kinds_name_methods_the_hover_recognises(engine: Engine) -> None:
    qualified = {k for t in engine.kb.topics.values() for k in t.constructs if ":" in k}
    assert qualified >= {special_method_kind(n) for n in COMMON}
    assert {k.partition(":")[2] for k in qualified} <= DUNDERS


@pytest.mark.parametrize(
    ("kind", "valid"),
    [
        ("dunder-method:__eq__", True),
        ("dunder-method:__set_name__", True),
        ("dunder-method:eq", False),
        ("dunder-method:__Eq__", False),
        ("dunder-method:", False),
        ("decorator:__eq__", False),
    ],
)
def test_qualified_construct_kinds(kind: str, valid: bool) -> None:
    assert is_construct(kind) is valid


@pytest.mark.parametrize("name", COMMON)
def test_hover_on_the_def_shows_the_methods_topic(engine: Engine, name: str) -> None:
    code = f"class Thing:\n    def {name}(self, *args):\n        pass\n"
    explanation = engine.explain(Source(code), code.index(name) + 2)
    assert explanation is not None
    shown = engine.kb.for_construct(special_method_kind(name))[0]
    assert explanation.topics[0].id == shown.id
    assert "dunder-methods" in [t.id for t in explanation.topics[1:]]  # "See also"


def test_a_method_without_its_own_topic_keeps_the_general_one(engine: Engine) -> None:
    code = "class Thing:\n    def __radd__(self, other):\n        return self\n"
    explanation = engine.explain(Source(code), code.index("__radd__") + 2)
    assert explanation is not None and explanation.topics[0].id == "dunder-methods"
