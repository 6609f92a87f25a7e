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
