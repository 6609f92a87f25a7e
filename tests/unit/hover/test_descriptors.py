"""On ``def __get__``: data or non-data descriptor, checked against the interpreter.

Review of fresh projects, defect D: on Django's ``cached_property.__get__`` and
``DeferredAttribute.__get__`` the hover said every read through an instance calls
``__get__``.  A non-data descriptor (no ``__set__``/``__delete__``) is hidden by an
entry of the same name in the instance's ``__dict__``; a data descriptor is not.
Each class below is used for real: an instance's ``__dict__`` gets the name, and
the read must call ``__get__`` exactly when the hover says it does.
"""

from __future__ import annotations

from typing import Any

import pytest

from pygloss.engine.explain import explain
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb

SOURCE = """\
import functools


class Plain:
    def __get__(self, obj, objtype=None):
        calls.append(type(self).__name__)
        return "from __get__"


class Setter:
    def __get__(self, obj, objtype=None):
        calls.append(type(self).__name__)
        return "from __get__"

    def __set__(self, obj, value):
        obj.__dict__["attr"] = value


class Deleter:
    def __get__(self, obj, objtype=None):
        calls.append(type(self).__name__)
        return "from __get__"

    def __delete__(self, obj):
        pass


class NullSet:
    __set__ = None

    def __get__(self, obj, objtype=None):
        calls.append(type(self).__name__)
        return "from __get__"


class Inherits(Setter):
    def __get__(self, obj, objtype=None):
        calls.append(type(self).__name__)
        return "from __get__"


class Cached(functools.cached_property):
    def __get__(self, obj, objtype=None):
        calls.append(type(self).__name__)
        return "from __get__"


class FromProperty(property):
    def __get__(self, obj, objtype=None):
        calls.append(type(self).__name__)
        return "from __get__"
"""
NON_DATA = "makes non-data descriptors"
DATA = "makes data descriptors"
CLASSES = {
    "Plain": (NON_DATA, "it defines neither `__set__` nor `__delete__`"),
    "Setter": (DATA, "it defines `__set__`"),
    "Deleter": (DATA, "it defines `__delete__`"),
    "NullSet": (DATA, "it defines `__set__`"),
    "Inherits": (DATA, "it inherits `__set__` from `Setter`"),
    "Cached": (NON_DATA, "neither it nor a base defines `__set__` or `__delete__`"),
    "FromProperty": (DATA, "it inherits `__set__` from `property`"),
}


def hover_on_get(text: str, klass: str) -> str:
    start = text.index(f"class {klass}")
    offset = text.index("def __get__", start) + len("def __")
    explanation = explain(Source(text), offset, hover_kb())
    assert explanation is not None
    assert explanation.topics[0].id == "dunder-get"
    return "\n".join(explanation.context)


def get_runs_with_instance_entry(klass: str) -> bool:
    """Whether a read through an instance whose ``__dict__`` has the name calls
    ``__get__`` (run for real)."""
    namespace: dict[str, Any] = {}
    exec(compile(SOURCE, "<descriptors>", "exec"), namespace)
    calls: list[str] = []
    namespace["calls"] = calls
    descriptor_type = namespace[klass]
    descriptor = descriptor_type(lambda obj: "computed") if klass == "Cached" else descriptor_type()
    instance = type("Owner", (), {"attr": descriptor})()
    instance.__dict__["attr"] = "from the instance"
    value = instance.attr
    assert (value == "from __get__") == bool(calls)
    return bool(calls)


@pytest.mark.parametrize("klass", sorted(CLASSES))
def test_the_hover_says_what_the_interpreter_does(klass: str) -> None:
    kind, why = CLASSES[klass]
    context = hover_on_get(SOURCE, klass)
    assert f"`{klass}` {kind} ({why}" in context, context
    if kind == DATA:
        assert "calls `__get__` whatever the instance's `__dict__` holds" in context
        assert get_runs_with_instance_entry(klass)
    else:
        assert "calls `__get__` only while the instance's `__dict__` has no entry" in context
        assert not get_runs_with_instance_entry(klass)


def test_a_base_that_cannot_be_read_leaves_it_open() -> None:
    text = (
        "from elsewhere import Base\n\n\n"
        "class Lazy(Base):\n    def __get__(self, obj, objtype=None):\n        return 1\n"
    )
    context = hover_on_get(text, "Lazy")
    assert "Whether `Lazy` makes data descriptors is not known here" in context
    assert "`Base` is not known here" in context
    assert "makes non-data" not in context
    assert "makes data descriptors (" not in context


def test_a_base_of_the_file_that_defines_set_in_a_branch_leaves_it_open() -> None:
    text = (
        "import sys\n\n\nclass Base:\n    if sys.version_info >= (3, 12):\n"
        "        def __set__(self, obj, value):\n            pass\n\n\n"
        "class Lazy(Base):\n    def __get__(self, obj, objtype=None):\n        return 1\n"
    )
    context = hover_on_get(text, "Lazy")
    assert "Whether `Lazy` makes data descriptors is not known here" in context


def test_other_special_methods_get_no_descriptor_sentence() -> None:
    text = "class Box:\n    def __set__(self, obj, value):\n        pass\n"
    explanation = explain(Source(text), text.index("__set__") + 2, hover_kb())
    assert explanation is not None
    assert not any("descriptors" in block for block in explanation.context)
