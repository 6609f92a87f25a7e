"""Where a call on a class's instance lands, listed on the class header (syntax only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.engine.explain import explain
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb


def context_on(source: str, needle: str) -> str:
    explanation = explain(Source(source), source.index(needle), hover_kb())
    assert explanation is not None
    return "\n".join(explanation.context)


def test_a_method_inherited_past_an_imported_base_is_not_claimed() -> None:
    source = (
        "from shop.base import Model\n"
        "class Mixin:\n    def touch(self): pass\n"
        "class User(Model, Mixin):\n    pass\n"
    )
    context = context_on(source, "class User")
    assert context.startswith("MRO of `User` (C3): `User` → `Model` → …\n\n")
    assert "Later come `Mixin` (in an order that depends on it) and `object`." in context
    assert "touch" not in context  # Model, defined elsewhere, may define it


def test_own_methods_and_dunders_are_not_listed_init_is() -> None:
    source = (
        "class A:\n    def __init__(self): pass\n    def __repr__(self): return 'A'\n"
        "    def run(self): pass\n    def stop(self): pass\n"
        "class B(A):\n    def run(self): pass\n"
    )
    context = context_on(source, "class B")
    assert "`run` overrides `A.run`." in context
    assert "On a `B`: `__init__()` runs `A.__init__`, `stop()` runs `A.stop`." in context
    assert "__repr__" not in context


def test_at_most_six_methods_then_a_count() -> None:
    methods = "".join(f"    def m{i}(self): pass\n" for i in range(9))
    context = context_on(f"class A:\n{methods}class B(A):\n    pass\n", "class B")
    assert context.endswith("`m5()` runs `A.m5` and 3 more.")


def test_an_unresolved_base_stops_the_mro_and_says_why() -> None:
    """Issue #21, case 2: no made-up `T → Thing → object`."""
    source = "from somewhere_unknown import Thing\n\n\nclass T(Thing):\n    pass\n"
    context = context_on(source, "class T")
    assert context == (
        "MRO of `T` (C3): `T` → `Thing` → …\n\n"
        "After `Thing` the order is not known: no module `somewhere_unknown` is found on this "
        "file's import path, so the bases of `Thing` are not known."
    )


def test_an_imported_base_resolves_from_the_files_project_whatever_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #21, case 2: the base's module is found from the file's project root."""
    project = tmp_path / "project"
    (project / "mylib").mkdir(parents=True)
    (project / "tests").mkdir()
    (project / "pyproject.toml").write_text("")
    (project / "mylib" / "__init__.py").write_text("")
    (project / "mylib" / "testing.py").write_text(
        "import unittest\n\n\nclass AsyncTestCase(unittest.TestCase):\n    pass\n"
    )
    test_file = project / "tests" / "test_x.py"
    text = "from mylib.testing import AsyncTestCase\n\n\nclass TestX(AsyncTestCase):\n    pass\n"
    test_file.write_text(text)
    answers = []
    for directory in (project, tmp_path, project / "tests"):
        monkeypatch.chdir(directory)
        explanation = explain(Source(text, str(test_file)), text.index("class TestX"), hover_kb())
        assert explanation is not None
        answers.append(explanation.context[0])
    assert (
        answers
        == [
            "MRO of `TestX` (C3): `TestX` → `mylib.testing.AsyncTestCase` → "
            "`unittest.case.TestCase` → `object`"
        ]
        * 3
    )


NESTED = """\
import unittest


class Test(unittest.TestCase):
    def test_it(self):
        class Immutable:
            def get_info(self, value):
                return value

        class ImmutableChild(Immutable):
            def get_info(self, value):
                return super().get_info(value)

        if self:
            class Maybe:
                pass
        else:
            Maybe = int

        class Child(Maybe):
            def get_info(self):
                return super().get_info()
"""


def test_a_class_defined_earlier_in_the_same_function_is_that_class() -> None:
    # cachetools tests/test_cachedmethod.py:662: Immutable is the class just above
    assert context_on(NESTED, "super().get_info(value)") == (
        "`super().get_info` in `ImmutableChild` runs `Immutable.get_info` next "
        "(MRO: `ImmutableChild` → `Immutable` → `object`)."
    )
    # a name bound in a branch is not taken for one of its bindings, and a class that
    # cannot be read is not said to lack the method
    assert context_on(NESTED, "super().get_info()") == (
        "What `super().get_info` in `Child` runs is not known: `Maybe` is not known here "
        "(MRO: `Child` → `Maybe` → …)."
    )


HASH_NONE = """\
from collections.abc import Mapping


class Keyed:
    def __eq__(self, other):
        return self is other


class Response(Mapping):
    def __hash__(self):
        return id(self)


class Sub(Keyed):
    def __hash__(self):
        return super().__hash__()


class Off:
    __iter__ = None


class On(Off):
    def __iter__(self):
        return iter(())
"""


def test_a_dunder_set_to_none_is_not_said_to_be_reached() -> None:
    # aiohttp web_response.py:645: Mapping.__hash__ is None (it defines __eq__ only)
    assert context_on(HASH_NONE, "__hash__(self):\n        return id") == (
        "`Response.__hash__` overrides `collections.abc.Mapping.__hash__`, which is `None` "
        "(instances of `collections.abc.Mapping` are unhashable): this definition makes "
        "`Response` instances hashable again, and `super().__hash__()` here would raise "
        "`TypeError`."
    )
    # from the source: a class statement with __eq__ and no __hash__
    assert context_on(HASH_NONE, "super().__hash__()").startswith(
        "`super().__hash__` in `Sub` finds `Keyed.__hash__`, which is `None`: calling it "
        "raises `TypeError`"
    )
    assert "`On.__iter__` overrides `Off.__iter__`, which is `None`" in context_on(
        HASH_NONE, "__iter__(self)"
    )


def test_a_method_object_has_is_named_as_the_fallback_when_the_mro_is_not_known() -> None:
    source = (
        "from unknown_pkg import Base\n\n\nclass Address(Base):\n"
        "    def __str__(self):\n        return 'a'\n\n    def __set__(self, obj, value):\n"
        "        pass\n"
    )
    assert context_on(source, "__str__") == (
        "Which `__str__` `Address.__str__` overrides is not known: `Base` is not known here; "
        "it is `object.__str__` unless a class before `object` in the MRO has its own."
    )
    assert context_on(source, "__set__") == (
        "Whether `Address.__set__` overrides another `__set__` is not known: `Base` is not "
        "known here."
    )
