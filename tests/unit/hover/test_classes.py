"""The static MRO (engine/explainers/classes.py): typing bases as their
``__mro__`` entries make them, unknown bases, and module bindings read from source.
Each expected MRO is what the interpreter gives for the same code (checked here by
running the snippet: it is our own test code)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pygloss.engine.explainers.classes import Classes
from pygloss.engine.explainers.mro import chain
from pygloss.syntax.source import Source

CASES = {
    "typeddict-subclass": (
        "from typing import TypedDict\nclass A(TypedDict):\n    x: int\nclass B(A):\n    y: int\n",
        "B",
        "`B` → `dict` → `object`",
    ),
    "namedtuple-class": (
        "from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n",
        "P",
        "`P` → `tuple` → `object`",
    ),
    "typing-alias-adds-generic": (
        "from typing import List\nclass L(List[int]):\n    pass\n",
        "L",
        "`L` → `list` → `typing.Generic` → `object`",
    ),
    "generic-dropped-before-another-generic": (
        "from typing import Generic, TypeVar\nT = TypeVar('T')\n"
        "class Base(Generic[T]):\n    pass\nclass C(Generic[T], Base[T]):\n    pass\n",
        "C",
        "`C` → `Base` → `typing.Generic` → `object`",
    ),
    "builtin-generic-alias": (
        "class D(dict[str, int]):\n    pass\n",
        "D",
        "`D` → `dict` → `object`",
    ),
    "protocol": (
        "from typing import Protocol, TypeVar\nT = TypeVar('T')\n"
        "class P(Protocol[T]):\n    def f(self) -> T: ...\n",
        "P",
        "`P` → `typing.Protocol` → `typing.Generic` → `object`",
    ),
    "rebound-name-uses-the-binding-before": (
        "class A:\n    pass\nclass B(A):\n    pass\nA = int\n",
        "B",
        "`B` → `A` → `object`",
    ),
    "nested-class-base-from-the-class-body": (
        "class Outer:\n    class Base:\n        pass\n    class Inner(Base):\n        pass\n",
        "Inner",
        "`Outer.Inner` → `Outer.Base` → `object`",
    ),
    "diamond": (
        "class A: pass\nclass B(A): pass\nclass C(A): pass\nclass D(B, C): pass\n",
        "D",
        "`D` → `B` → `C` → `A` → `object`",
    ),
}


def find(tree: list[ast.stmt], name: str) -> tuple[ast.ClassDef, tuple[ast.AST, ...]]:
    for node in tree:
        if isinstance(node, ast.ClassDef):
            if node.name == name:
                return node, ()
            try:
                inner, path = find(node.body, name)
            except LookupError:
                continue
            return inner, (node, *path)
    raise LookupError(name)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_mro_is_the_interpreters(case: str) -> None:
    text, name, expected = CASES[case]
    source = Source(text)
    node, path = find(list(source.statements), name)
    assert chain(Classes(source).mro(node, path)) == expected
    namespace: dict[str, object] = {}
    exec(compile(text, "<case>", "exec"), namespace)  # our own snippet, to state the truth
    klass = namespace[name] if name in namespace else getattr(namespace["Outer"], name)
    truth = [k.__name__ for k in klass.__mro__]  # type: ignore[attr-defined]
    assert truth == [n.strip("`").rsplit(".", 1)[-1] for n in expected.split(" → ")]


def test_a_later_star_import_may_rebind_a_class(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "base.py").write_text(
        "class Base:\n    pass\n\n"
        "try:\n    from pkg._speedups import *\nexcept ImportError:\n    pass\n"
    )
    (package / "_speedups.py").write_text("class Base:\n    pass\n")
    main = tmp_path / "main.py"
    text = "from pkg.base import Base\n\n\nclass C(Base):\n    pass\n"
    source = Source(text, str(main))
    mro = Classes(source).mro(find(list(source.statements), "C")[0])
    assert chain(mro) == "`C` → `Base` → …"
    assert mro.stop is not None and "may rebind `Base` by `from pkg._speedups import *`" in mro.stop


def test_methods_under_type_checking_do_not_count_and_branches_are_maybe() -> None:
    text = (
        "from typing import TYPE_CHECKING\nimport sys\n"
        "class A:\n    if TYPE_CHECKING:\n        def adapt(self): ...\n"
        "    if sys.version_info >= (3, 12):\n        def new(self): ...\n"
        "    def __eq__(self, other): return True\n"
        "class B(A):\n    pass\n"
    )
    source = Source(text)
    mro = Classes(source).mro(find(list(source.statements), "B")[0])
    a = mro.classes[1]
    assert a.defines("adapt") is False
    assert a.defines("new") is None
    assert a.defines("__hash__") is True  # __eq__ without __hash__: type sets it to None


def test_a_relative_name_never_reaches_a_top_level_module(tmp_path: Path) -> None:
    """Once `.abc` (a sibling module) was asked for, `abc` (the standard library's)
    still means the standard library's (the oracle found this order dependence)."""
    from pygloss.engine.explain import explain
    from tests.unit.hover.kb import hover_kb

    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "abc.py").write_text("class Traversable:\n    pass\n")
    first = (
        "from dataclasses import dataclass\nfrom . import abc\n\n\n"
        "@dataclass\nclass A(abc.Traversable):\n    x: int = 0\n"
    )
    explain(Source(first, str(package / "adapters.py")), first.index("@dataclass"), hover_kb())
    second = "import abc\n\n\nclass Reader(abc.ABC):\n    pass\n"
    found = explain(Source(second, str(package / "simple.py")), second.index("class"), hover_kb())
    assert found is not None
    assert found.context[0] == "MRO of `Reader` (C3): `Reader` → `abc.ABC` → `object`"
    source = Source(second, str(package / "simple.py"))
    assert Classes(source).modules.resolve(".abc.Traversable").kind == "unknown"
