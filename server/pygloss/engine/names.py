"""Fully qualified names for the code under the cursor: syntax first, jedi second.

Resolution order:

1. **Syntax** (:func:`resolve_syntax`, no jedi): a ``Name``/``Attribute`` chain is
   qualified through the file's imports (module level and the enclosing function's),
   and a local head is typed from its binding in the enclosing scopes — a parameter
   or variable annotation (``session: Session``, ``Annotated[Session, ...]``), an
   assignment from a call (``app = FastAPI()``), ``with X(...) as x`` — so
   ``session.commit`` becomes ``sqlalchemy.orm.Session.commit``.  A small table says
   what calling a known factory's instance gives (``sessionmaker(...)()`` -> Session).
2. **jedi** (:class:`~pygloss.engine.jedi_resolver.JediResolver`, the only jedi
   importer), only when the syntax has no answer and jedi may have one
   (:func:`worth_asking_jedi`): in one worker thread, with a time budget; on
   time-out, or while the worker is busy, the caller answers with what the syntax
   found.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Sequence
from dataclasses import dataclass

from pygloss.engine.attributes import Attribute, self_attribute
from pygloss.engine.scopes import Scope, imports_at
from pygloss.syntax.names import ImportMap, dotted_name
from pygloss.syntax.source import Source

# Calling an *instance* of the key gives an instance of the value.
FACTORY_RESULTS = {
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.Session",
    "sqlalchemy.ext.asyncio.async_sessionmaker": "sqlalchemy.ext.asyncio.AsyncSession",
}
# What calling a known function returns.
CALL_RESULTS = {
    "logging.getLogger": "logging.Logger",
    "sqlalchemy.create_engine": "sqlalchemy.Engine",
    "sqlalchemy.orm.Session": "sqlalchemy.orm.Session",
}
# What a literal or a constant evaluates to.
LITERAL_TYPES: dict[type[ast.AST], str] = {
    ast.List: "builtins.list",
    ast.ListComp: "builtins.list",
    ast.Dict: "builtins.dict",
    ast.DictComp: "builtins.dict",
    ast.Set: "builtins.set",
    ast.SetComp: "builtins.set",
    ast.Tuple: "builtins.tuple",
    ast.JoinedStr: "builtins.str",
}
_CONSTANTS: dict[type, str] = {str: "builtins.str", bytes: "builtins.bytes"}
BUILTIN_CLASSES = frozenset(
    f"builtins.{name}"
    for name, value in vars(builtins).items()
    if isinstance(value, type) and not issubclass(value, BaseException)
)
_MAX_DEPTH = 4
# pytest fixtures known by name: an unannotated parameter so named, in a test file, is
# the fixture pytest passes (pytest's own, and the pytest-mock plugin's).
FIXTURE_TYPES = {
    "monkeypatch": "pytest.MonkeyPatch",
    "mocker": "pytest_mock.MockerFixture",
    "class_mocker": "pytest_mock.MockerFixture",
    "module_mocker": "pytest_mock.MockerFixture",
    "package_mocker": "pytest_mock.MockerFixture",
    "session_mocker": "pytest_mock.MockerFixture",
}
# Generic aliases whose methods are those of a builtin class.
_GENERIC_ALIASES = {
    "typing.Dict": "builtins.dict", "typing.List": "builtins.list", "typing.Set": "builtins.set",
    "typing.FrozenSet": "builtins.frozenset", "typing.Tuple": "builtins.tuple",
    "typing.DefaultDict": "collections.defaultdict", "typing.Deque": "collections.deque",
    "typing.OrderedDict": "collections.OrderedDict", "typing.Counter": "collections.Counter",
}  # fmt: skip


@dataclass(frozen=True)
class Resolved:
    """A qualified name and how it was found (``import``, ``binding`` or ``jedi``)."""

    name: str
    how: str
    instance: bool = False  # the head is an instance of a class (``session.commit``)


def candidates(name: str, module: str | None = None) -> list[str]:
    """Spellings to look up in the knowledge base for *name*, most exact first.

    Topics name objects as users import them (``asyncio.gather``), while jedi reports
    where they are defined (``asyncio.tasks.gather``): when the defining *module* is
    known, the object path is tried under each shorter prefix of that module.
    """
    found = [name]
    if module and name.startswith(module + ".") and "." in module:
        rest = name[len(module) + 1 :]
        parts = module.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            found.append(".".join(parts[:cut]) + "." + rest)
    return list(dict.fromkeys(found))


def annotation_type(node: ast.expr | None, imports: ImportMap) -> str | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(node, ast.Subscript):
        outer = _qualify(node.value, imports)
        if outer in ("typing.Annotated", "typing_extensions.Annotated", "typing.Optional"):
            inner = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) else node.slice
            return annotation_type(inner, imports)
        if outer in _GENERIC_ALIASES:
            return _GENERIC_ALIASES[outer]
        if outer in BUILTIN_CLASSES or outer in _GENERIC_ALIASES.values():
            return outer  # dict[str, list] has the methods of dict
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
        left = annotation_type(node.left, imports)
        return left or annotation_type(node.right, imports)
    return _qualify(node, imports)


def _qualify(node: ast.AST, imports: ImportMap) -> str | None:
    dotted = dotted_name(node)
    return imports.resolve(dotted) if dotted else None


def _binding_of(head: str, scope: Scope) -> tuple[ast.AST | None, ast.AST | None]:
    """``(owner, node)``: the binding of *head* that the code at ``scope.line`` sees —
    a parameter (``ast.arg``) of an enclosing def, or the latest binding statement
    before that line in the innermost scope that has one; ``(None, None)`` if none."""
    for owner, index in scope.bodies():
        if isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef):
            args = owner.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            for arg in params:
                if arg is not None and arg.arg == head:
                    return owner, arg
        latest: ast.AST | None = None
        for node in index.bindings.get(head, ()):
            line = getattr(node, "lineno", 0)
            if line <= scope.line and (latest is None or line >= latest.lineno):  # type: ignore[attr-defined]
                latest = node
        if latest is not None:
            return owner, latest
    return None, None


def _binding_type(
    head: str, scope: Scope, imports: ImportMap, depth: int
) -> tuple[str, bool] | None:
    """``(qualified type, is_instance)`` of the local *head*, or None."""
    if depth > _MAX_DEPTH:
        return None
    _owner, node = _binding_of(head, scope)
    if node is None:
        return None
    if isinstance(node, ast.arg):
        found = annotation_type(node.annotation, imports)
        if found is None and node.annotation is None and _in_test_file(scope):
            found = FIXTURE_TYPES.get(node.arg)
        return (found, True) if found else None
    return _bound_here(node, head, scope, imports, depth)


def _in_test_file(scope: Scope) -> bool:
    """``test_*.py``, ``*_test.py`` or ``conftest.py``: pytest passes fixtures by name."""
    path = scope.module.path if isinstance(scope.module, Source) else None
    name = (path or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name == "conftest.py" or (
        name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))
    )


def _bound_here(
    node: ast.AST, head: str, scope: Scope, imports: ImportMap, depth: int
) -> tuple[str, bool] | None:
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        if node.target.id == head:
            found = annotation_type(node.annotation, imports)
            return (found, True) if found else None
        return None
    if isinstance(node, ast.Assign):
        if any(isinstance(t, ast.Name) and t.id == head for t in node.targets):
            return _value_type(node.value, scope, imports, depth)
        return None
    if isinstance(node, ast.With | ast.AsyncWith):
        for item in node.items:
            var = item.optional_vars
            if isinstance(var, ast.Name) and var.id == head:
                return _value_type(item.context_expr, scope, imports, depth)
    return None


def _value_type(
    value: ast.expr, scope: Scope, imports: ImportMap, depth: int
) -> tuple[str, bool] | None:
    if isinstance(value, ast.Await):
        value = value.value
    literal = LITERAL_TYPES.get(type(value))
    if literal is not None:
        return literal, True
    if isinstance(value, ast.Constant):
        constant = _CONSTANTS.get(type(value.value))
        return (constant, True) if constant else None
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    qualified = _qualify(func, imports)
    if qualified in CALL_RESULTS:
        return CALL_RESULTS[qualified], True
    if qualified in FACTORY_RESULTS:
        return qualified, True
    if qualified is not None:
        # a call of a class gives an instance; of anything else, unknown (PEP 8 names)
        last = qualified.rsplit(".", 1)[-1]
        if last[:1].isupper() or qualified in BUILTIN_CLASSES:
            return qualified, True
        return None
    if isinstance(func, ast.Name):  # calling a local: an instance of a known factory?
        inner = _binding_type(func.id, scope, imports, depth + 1)
        if inner is not None and inner[1] and inner[0] in FACTORY_RESULTS:
            return FACTORY_RESULTS[inner[0]], True
    return None


def resolve_syntax(
    node: ast.AST,
    source: Source | Sequence[ast.stmt],
    path: Sequence[ast.AST],
    imports: ImportMap,
    line: int,
) -> Resolved | None:
    """Qualify a Name/Attribute chain from imports and local bindings (1-based *line*).

    *path* is the cursor's node path in *source*'s statements (outermost first).
    Pass the :class:`Source` (its scope indexes are cached); its statements work too.
    """
    dotted = dotted_name(node)
    if dotted is None:
        return None
    imports = imports_at(path, imports)
    head, _, rest = dotted.partition(".")
    scope = Scope(source, path, line)
    if head in ("self", "cls") and _is_param(head, path):
        first, _, more = rest.partition(".")
        found = _self_attribute(first, scope, imports) if first else None
        if found is not None and found.kind == "base":  # inherited from an imported class
            return Resolved(f"{found.name}.{rest}", "binding", instance=True)
        if found is not None and found.kind == "type" and more:
            return Resolved(f"{found.name}.{more}", "binding", instance=found.instance)
        return None  # ``self.x`` itself (Pylance shows its type), or not known
    local = _binding_type(head, scope, imports, 0)
    if local is not None:
        if not rest:
            return None  # a local variable itself: Pylance already shows its type
        return Resolved(f"{local[0]}.{rest}", "binding", instance=local[1])
    if _is_shadowed(head, scope):
        return None
    qualified = imports.resolve(dotted)
    return Resolved(qualified, "import") if qualified else None


def worth_asking_jedi(
    node: ast.AST, source: Source, path: Sequence[ast.AST], imports: ImportMap, line: int
) -> bool:
    """Whether jedi may know what the syntax did not (call after :func:`resolve_syntax`).

    Yes for a name bound to a value the syntax cannot type (a call of a function of
    this file, an attribute, ...), including ``self.x`` bound that way, and for a
    name that only a star import can explain.  No for everything else: a name the
    imports or a typed binding already explain (jedi would only follow re-exports),
    an unannotated parameter (jedi would search the call sites: slow, and a guess),
    a def or class of this file, and a method or attribute the class defines.
    """
    dotted = dotted_name(node)
    if dotted is None:
        return False
    imports = imports_at(path, imports)
    head, _, rest = dotted.partition(".")
    scope = Scope(source, path, line)
    if head in ("self", "cls") and _is_param(head, path):
        first = rest.partition(".")[0]
        found = _self_attribute(first, scope, imports) if first else None
        return found is not None and found.kind == "untyped" and _jedi_may_type(found.value)
    _owner, binding = _binding_of(head, scope)
    if isinstance(binding, ast.arg):
        return False
    if binding is not None:
        return _binding_type(head, scope, imports, 0) is None and _jedi_may_type(
            _bound_value(binding, head)
        )
    if _is_shadowed(head, scope) or imports.resolve(head) is not None:
        return False
    return _has_star_import(source)


def _bound_value(node: ast.AST, head: str) -> ast.expr | None:
    """The value a binding statement gives *head* (None for an annotation only)."""
    if isinstance(node, ast.Assign):
        return node.value
    if isinstance(node, ast.With | ast.AsyncWith):
        for item in node.items:
            if isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == head:
                return item.context_expr
    return None


def _jedi_may_type(value: ast.expr | None) -> bool:
    """A call, an await, an attribute or a subscript: jedi may infer its type; a
    plain name (often an unannotated parameter) or an operation, hardly."""
    return isinstance(value, ast.Call | ast.Await | ast.Attribute | ast.Subscript)


def _is_param(name: str, path: Sequence[ast.AST]) -> bool:
    for node in reversed(path):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            return any(a.arg == name for a in [*args.posonlyargs, *args.args])
    return False


def _self_attribute(attr: str, scope: Scope, imports: ImportMap) -> Attribute:
    def type_of(value: ast.expr, method: ast.AST | None) -> tuple[str, bool] | None:
        inner = Scope(scope.module, [method] if method is not None else [], 10**9)
        return _value_type(value, inner, imports, 1)

    def annotation_of(annotation: ast.expr) -> str | None:
        return annotation_type(annotation, imports)

    statements = scope.statements
    return self_attribute(attr, scope.path, statements, imports, type_of, annotation_of)


def _has_star_import(source: Source) -> bool:
    return any(
        isinstance(s, ast.ImportFrom) and any(a.name == "*" for a in s.names)
        for s in source.statements
    )


def _is_shadowed(head: str, scope: Scope) -> bool:
    """True when *head* is defined in this file (a def, class or plain assignment)."""
    if head in ("self", "cls"):
        return True
    for owner, index in scope.bodies():
        if isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef):
            args = owner.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            if any(a is not None and a.arg == head for a in params):
                return True
        if head in index.defined:
            return True
    return False
