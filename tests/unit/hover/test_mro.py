"""Where a call on a class's instance lands, listed on the class header (syntax only)."""

from __future__ import annotations

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
    assert "MRO of `User` (C3): `User` → `Model` → `Mixin` → `object`" in context
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
