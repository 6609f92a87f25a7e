"""What a dataclass hover says is generated, when the class body writes some of those
methods itself, checked against the interpreter; and the ``__slots__`` hover of a
dataclass and of a class over a ``typing`` alias (cases an independent review found
false on litestar's and pytest's code); and the "object instead of Any" topic, shown
only where ``object`` is an annotation (huey's ``object()`` sentinel got it).

Each source is run here (it is this test's own code) so that the statement can be
compared with what Python does.
"""

from __future__ import annotations

import pytest

from pygloss.engine.explain import explain
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb


def _context(source: str, needle: str, delta: int = 1) -> str:
    explanation = explain(Source(source), source.index(needle) + delta, hover_kb())
    assert explanation is not None
    return "\n".join(explanation.context)


def _run(source: str) -> dict[str, object]:
    namespace: dict[str, object] = {}
    exec(compile(source, "<case>", "exec"), namespace)
    return namespace


HEAD = "from dataclasses import dataclass\n\n"


def test_a_frozen_dataclass_keeps_the_hash_and_eq_its_body_writes() -> None:
    source = HEAD + (
        "@dataclass(frozen=True)\nclass Key:\n    a: int\n\n"
        "    def __eq__(self, other):\n        return True\n\n"
        "    def __hash__(self):\n        return 7\n"
    )
    said = _context(source, "@dataclass")
    assert "Written in the class body, so kept: `__eq__`, `__hash__`." in said
    made = said.split("Generated:")[1].split("Written")[0]
    assert "__hash__" not in made and "__eq__" not in made
    key = _run(source)["Key"]
    assert hash(key(1)) == 7 and key(1) == key(2)  # type: ignore[operator]


def test_an_own_hash_without_frozen_is_kept_not_set_to_none() -> None:
    source = (
        HEAD + "@dataclass\nclass Key:\n    a: int\n\n    def __hash__(self):\n        return 5\n"
    )
    said = _context(source, "@dataclass")
    assert "kept: `__hash__`" in said and "unhashable" not in said
    assert hash(_run(source)["Key"](1)) == 5  # type: ignore[operator]


def test_an_own_eq_alone_still_leaves_instances_unhashable() -> None:
    source = (
        HEAD
        + "@dataclass\nclass Key:\n    a: int\n\n    def __eq__(self, o):\n        return True\n"
    )
    said = _context(source, "@dataclass")
    assert "kept: `__eq__`" in said and "instances are unhashable" in said
    assert _run(source)["Key"].__hash__ is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("options", "method"),
    [("unsafe_hash=True", "__hash__"), ("order=True", "__lt__"), ("frozen=True", "__setattr__")],
)
def test_options_that_clash_with_the_body_raise(options: str, method: str) -> None:
    source = HEAD + (
        f"@dataclass({options})\nclass Key:\n    a: int\n\n"
        f"    def {method}(self, *args):\n        return True\n"
    )
    assert "the decorator raises `TypeError`" in _context(source, "@dataclass")
    with pytest.raises(TypeError):
        _run(source)


def test_a_typing_alias_base_brings_no_fields_and_no_dict() -> None:
    source = (
        "import dataclasses\nfrom typing import Dict\n\n"
        "@dataclasses.dataclass\nclass Cache(Dict[str, str]):\n"
        '    __slots__ = ("path",)\n\n    path: str\n'
    )
    said = _context(source, "class Cache", delta=7)
    assert "__init__(self, path: str)" in said and "cannot read" not in said
    slots = _context(source, "__slots__")
    assert "Instances of `Cache` have no `__dict__`" in slots
    cache = _run(source)["Cache"]
    assert [f.name for f in dataclasses_fields(cache)] == ["path"]
    assert not hasattr(cache("p"), "__dict__")  # type: ignore[operator]


def test_a_class_a_decorator_may_rebuild_is_said_to_be_unknown_for_that_reason() -> None:
    source = (
        "import dataclasses\n\n@dataclasses.dataclass(slots=True)\nclass Point:\n"
        '    __slots__ = ("x",)\n    x: int\n'
    )
    said = _context(source, "__slots__")
    assert "depends on what the decorator of `Point` does with the class" in said
    assert "whose slots pygloss cannot read" not in said


def dataclasses_fields(cls: object) -> tuple[object, ...]:
    import dataclasses

    return dataclasses.fields(cls)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "needle", "shown"),
    [
        ("_missing = object()\n", "object", False),
        ("class Huey(object):\n    pass\n", "object", False),
        ("def f(value: object) -> None:\n    pass\n", "object", True),
        ("def f() -> list[object]:\n    return []\n", "object", True),
        ("seen: object = None\n", "object", True),
    ],
)
def test_the_object_annotation_topic_only_on_an_annotation(
    source: str, needle: str, shown: bool
) -> None:
    explanation = explain(Source(source), source.index(needle) + 1, hover_kb())
    ids = [t.id for t in explanation.topics] if explanation else []
    assert ("object-vs-any" in ids) is shown, ids
