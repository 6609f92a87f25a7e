"""What the mock rules (PG202-PG207) share: which calls make mocks or patchers, which
names hold mocks, the pytest ``mocker`` / ``monkeypatch`` fixtures, and this
module's importable dotted name.

``unittest.mock`` and the third-party ``mock`` backport are treated alike.
"""

from __future__ import annotations

import ast
import keyword
from pathlib import Path

from pygloss.rules._flow import walk_scope
from pygloss.rules.base import RuleContext
from pygloss.syntax.names import dotted_name
from pygloss.syntax.patches import (
    PATCH_KINDS,
    assignments,
    given_new,
    new_callable_given,
    patch_kind,
)

Function = ast.FunctionDef | ast.AsyncFunctionDef

MOCK_CLASSES = frozenset(
    "unittest.mock." + name
    for name in (
        "Mock",
        "MagicMock",
        "AsyncMock",
        "NonCallableMock",
        "NonCallableMagicMock",
        "PropertyMock",
        "create_autospec",
    )
)
MOCKER_FIXTURES = frozenset(
    {"mocker", "module_mocker", "class_mocker", "package_mocker", "session_mocker"}
)
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", ".git")


def qualified_mock_name(node: ast.expr, ctx: RuleContext) -> str | None:
    """``unittest.mock.X`` for ``Mock``, ``mock.Mock`` (stdlib or backport)..."""
    qualified = ctx.imports.resolve(dotted_name(node) or "")
    if qualified is None:
        return None
    if qualified.startswith("mock."):
        qualified = "unittest." + qualified
    return qualified


def fixture_parameter(name: ast.expr, ctx: RuleContext, fixtures: frozenset[str]) -> bool:
    """*name* is a parameter (a pytest fixture) of the function it is used in."""
    if not isinstance(name, ast.Name) or name.id not in fixtures:
        return False
    func = ctx.enclosing_function(name)
    if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    args = func.args
    return any(a.arg == name.id for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))


def mocker_call(call: ast.Call, ctx: RuleContext) -> str | None:
    """``patch``/``patch.object``/``Mock``... for ``mocker.<that>(...)``, else None."""
    parts: list[str] = []
    node: ast.expr = call.func
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not parts or not fixture_parameter(node, ctx, MOCKER_FIXTURES):
        return None
    return ".".join(parts)


def makes_mock(call: ast.Call, ctx: RuleContext) -> bool:
    """The call returns a mock: ``Mock()``, ``create_autospec(...)``,
    ``patch(...).start()``, ``mocker.patch(...)``, ``mocker.MagicMock()``..."""
    if qualified_mock_name(call.func, ctx) in MOCK_CLASSES:
        return True
    via_mocker = mocker_call(call, ctx)
    if via_mocker is not None:
        if via_mocker.startswith("patch"):
            return hands_out_mock(call, "unittest.mock." + via_mocker, ctx)
        return via_mocker.split(".")[0] in {"Mock", "MagicMock", "AsyncMock"} or (
            via_mocker in {"create_autospec", "spy", "stub", "async_stub"}
        )
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "start":
        inner = func.value
        if isinstance(inner, ast.Call):
            kind = patch_kind(inner.func, ctx.imports)
            return kind is not None and hands_out_mock(inner, kind, ctx)
    return False


def hands_out_mock(call: ast.Call, kind: str, ctx: RuleContext) -> bool:
    """A patch call of *kind* (``unittest.mock.patch``...) hands out a mock: patch
    makes it (no ``new`` but ``DEFAULT``, no ``**options`` that may hold one) and a
    ``new_callable``, when given, is a mock class.  ``patch.dict`` hands out the
    dictionary and ``patch.multiple`` a dict of mocks: not a mock."""
    if PATCH_KINDS.get(kind, -1) < 0 or given_new(call, kind, ctx.imports):
        return False
    if any(k.arg is None for k in call.keywords):
        return False
    made = new_callable_given(call)
    return made is None or qualified_mock_name(made, ctx) in MOCK_CLASSES


def mock_names(func: Function, ctx: RuleContext) -> set[str]:
    """Names that hold mocks in *func*: bound only from mock-making calls, ``with
    patch(...) as name``, or parameters fed by ``@patch`` decorators."""
    bound: dict[str, bool] = {}
    for node in walk_scope(func.body):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    ok = isinstance(node.value, ast.Call) and makes_mock(node.value, ctx)
                    bound[target.id] = bound.get(target.id, True) and ok
        elif isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
            call = node.context_expr
            ok = False
            if isinstance(call, ast.Call):
                via_mocker = mocker_call(call, ctx)
                kind = patch_kind(call.func, ctx.imports) or (
                    "unittest.mock." + via_mocker if via_mocker else None
                )
                ok = kind is not None and hands_out_mock(call, kind, ctx)
            name = node.optional_vars.id
            bound[name] = bound.get(name, True) and ok
        elif (
            isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Store)
            and not isinstance(ctx.parent(node), ast.Assign | ast.withitem)
        ):
            bound[node.id] = False  # another kind of binding: unknown
    names = {name for name, ok in bound.items() if ok}
    in_class = isinstance(ctx.parent(func), ast.ClassDef)
    for decorator, param in assignments(func, ctx.imports, in_class):
        node = decorator.node
        if param is None or param.arg in bound or not isinstance(node, ast.Call):
            continue
        if hands_out_mock(node, decorator.kind, ctx):  # not a `new_callable=StringIO`
            names.add(param.arg)
    return names


def mock_attributes(cls: ast.ClassDef, ctx: RuleContext) -> set[str]:
    """``self.<attr>`` attributes assigned only mocks in the methods of *cls*."""
    bound: dict[str, bool] = {}
    for method in cls.body:
        if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in walk_scope(method.body):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                ):
                    ok = isinstance(node.value, ast.Call) and makes_mock(node.value, ctx)
                    bound[target.attr] = bound.get(target.attr, True) and ok
    return {name for name, ok in bound.items() if ok}


def module_name(path: str | None) -> str | None:
    """This file's importable dotted name, when it is certain; else None.

    The name follows the ``__init__.py`` chain up from the file (what ``import``
    and pytest's default import mode use).  It is taken as certain only when that
    chain ends at the project root (the nearest folder holding ``pyproject.toml``,
    ``setup.cfg`` or ``.git``) or at a ``src`` folder directly inside it; a test
    folder without ``__init__.py`` (imported under different names by different
    runners) gives None.
    """
    if not path:
        return None
    file = Path(path)
    if file.suffix != ".py":
        return None
    try:
        folder = file.absolute().parent
        root = next(
            (f for f in (folder, *folder.parents) if any((f / m).exists() for m in ROOT_MARKERS)),
            None,
        )
        if root is None or (root / "__init__.py").exists():
            return None
        parts = [] if file.stem == "__init__" else [file.stem]
        current = folder
        while current != root and (current / "__init__.py").is_file():
            parts.insert(0, current.name)
            current = current.parent
    except OSError:
        return None
    if not (current == root or (current.name == "src" and current.parent == root)):
        return None
    if not parts or not all(p.isidentifier() and not keyword.iskeyword(p) for p in parts):
        return None
    return ".".join(parts)
