"""What a parsed code block of the notes uses: qualified names, dunders, fixtures.

One walk of the block collects every ``Name``/``Attribute`` chain with its line,
the imports (anywhere in the block), the names the block binds and what it binds
them to; then each chain is qualified, like the hover qualifies code:

1. through the block's own imports, else the file's base map (:mod:`.names`);
2. a name the block binds is typed from its binding — ``session = Session()``,
   ``with Session() as session``, ``logger = logging.getLogger()``, ``book = Mock()``,
   ``s = {1, 2}``, a parameter or variable annotation — so ``session.expire`` is
   ``sqlalchemy.orm.Session.expire`` (calling a class gives an instance of it; the
   known factories of :data:`pygloss.engine.names.CALL_RESULTS` give theirs);
3. what neither knows, through the section's :class:`~.context.Context` (receivers
   named like their type, placeholders, types and modules named by headings).

A lone name neither resolves is kept as ``("bare", name)``: it does not match, but
it corroborates a heading that names it in words ("Filter Map Reduce" over
``reduce(...)``).  Besides names it reports the dunder methods a block defines or calls
(``("dunder", "__new__")``), the pytest fixtures a test or fixture function takes
(``("fixture", "tmp_path")``) and the builtin type of each set, dict and list
literal (so a "Sets" heading is corroborated by ``{1, 2}``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field

from pygloss.engine.notes.context import Context, call_result
from pygloss.syntax.names import ImportMap, dotted_name

Key = tuple[str, str]
PYTEST_FIXTURES = frozenset(
    [
        "tmp_path",
        "tmp_path_factory",
        "tmpdir",
        "tmpdir_factory",
        "monkeypatch",
        "capsys",
        "capsysbinary",
        "capfd",
        "capfdbinary",
        "caplog",
        "request",
        "pytestconfig",
        "recwarn",
        "record_property",
        "record_testsuite_property",
        "cache",
        "doctest_namespace",
        "mocker",
        "module_mocker",
        "class_mocker",
        "package_mocker",
        "session_mocker",
        "event_loop",
    ]
)
# module globals worth a key of their own (``Path(__file__)``)
MODULE_DUNDERS = frozenset({"__file__", "__doc__", "__spec__", "__package__"})
_LITERALS: dict[type[ast.AST], str] = {
    ast.Set: "builtins.set",
    ast.Dict: "builtins.dict",
    ast.List: "builtins.list",
}
_BINDERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_SUBSCRIPT_METHODS: dict[type[ast.expr_context], str] = {
    ast.Load: "__getitem__",
    ast.Store: "__setitem__",
    ast.Del: "__delitem__",
}
OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "__add__",
    ast.Mult: "__mul__",
    ast.BitOr: "__or__",
    ast.BitAnd: "__and__",
    ast.Sub: "__sub__",
    ast.BitXor: "__xor__",
    ast.Div: "__truediv__",
}
SET_METHODS = {
    "__or__": "union",
    "__and__": "intersection",
    "__sub__": "difference",
    "__xor__": "symmetric_difference",
}
_SEQUENCE_OPERATORS = frozenset({"__add__", "__mul__"})
_SET_OPERATORS = frozenset(SET_METHODS)
# the operators each type defines (str % is formatting, not an operator worth a note)
OPERATIONS = {
    "builtins.list": _SEQUENCE_OPERATORS,
    "builtins.tuple": _SEQUENCE_OPERATORS,
    "builtins.str": _SEQUENCE_OPERATORS,
    "builtins.bytes": _SEQUENCE_OPERATORS,
    "builtins.set": _SET_OPERATORS,
    "builtins.frozenset": _SET_OPERATORS,
    "builtins.dict": frozenset({"__or__"}),
    "pathlib.Path": frozenset({"__truediv__"}),
    # ``with conn:`` commits or rolls back, and does not close: worth its own key
    "sqlite3.Connection": frozenset({"__enter__"}),
}
_MAX_DEPTH = 6


@dataclass
class Uses:
    """Keys a block uses: how often, the first line of each, and which were guessed."""

    counts: dict[Key, int] = field(default_factory=dict)
    lines: dict[Key, int] = field(default_factory=dict)
    guessed: set[Key] = field(default_factory=set)

    def add(self, key: Key, line: int, count: int = 1, guessed: bool = False) -> None:
        if key[0] == "name" and (key[1] == "mock" or key[1].startswith("mock.")):
            key = ("name", "unittest." + key[1])  # the mock backport is unittest.mock
        self.counts[key] = self.counts.get(key, 0) + count
        if key not in self.lines or line < self.lines[key]:
            self.lines[key] = line
        if guessed:
            self.guessed.add(key)


@dataclass
class _Walk:
    chains: list[tuple[str, int]] = field(default_factory=list)
    # (operand, special method, line, the operation's node id)
    operations: list[tuple[ast.expr, str, int, int]] = field(default_factory=list)
    called: list[tuple[ast.expr, str, int]] = field(default_factory=list)  # f().attr
    bound: dict[str, list[ast.expr | None]] = field(default_factory=dict)
    annotations: dict[str, ast.expr] = field(default_factory=dict)
    imports: ImportMap = field(default_factory=ImportMap)


def code_uses(
    statements: Iterable[ast.stmt], base: ImportMap, context: Context, first_line: int = 1
) -> Uses:
    """What a parsed block uses; *first_line* is the notes line of its line 1."""
    uses = Uses()
    walk = _Walk()
    shift = first_line - 1
    stack: list[ast.AST] = list(statements)
    while stack:
        node = stack.pop()
        line = getattr(node, "lineno", 1) + shift
        if isinstance(node, ast.Name) and not (
            node.id in MODULE_DUNDERS or (isinstance(node.ctx, ast.Store) and _is_dunder(node.id))
        ):
            if isinstance(node.ctx, ast.Load):
                walk.chains.append((node.id, line))
            else:
                walk.bound.setdefault(node.id, []).append(None)
            continue
        if isinstance(node, ast.Attribute):
            dotted = dotted_name(node)
            if node.attr.startswith("__") and node.attr.endswith("__"):
                uses.add(("dunder", node.attr), line)
            if dotted is not None:
                walk.chains.append((dotted, line))
                continue
            walk.called.append((node.value, node.attr, line))  # Path(p).parent
        elif isinstance(node, ast.Name) and (
            node.id in MODULE_DUNDERS or (isinstance(node.ctx, ast.Store) and _is_dunder(node.id))
        ):
            uses.add(("dunder", node.id), line)  # __file__; __slots__ = ...
        elif isinstance(node, ast.Import | ast.ImportFrom):
            walk.imports.add(node)
            for name in imported_names(node):
                uses.add(("name", name), line)
            continue
        _collect(node, walk, uses, line)
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)
    _qualify_chains(walk, base, context, uses)
    _qualify_operations(walk, base, context, uses)
    _qualify_called(walk, base, context, uses)
    return uses


def _is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _collect(node: ast.AST, walk: _Walk, uses: Uses, line: int) -> None:
    """Bindings, literal types, dunder definitions and fixtures of one node."""
    if (
        isinstance(node, ast.Subscript)
        and type(node.ctx) in _SUBSCRIPT_METHODS
        and not isinstance(node.slice, ast.Slice)  # items[:] is the slice kind
    ):
        walk.operations.append((node.value, _SUBSCRIPT_METHODS[type(node.ctx)], line, id(node)))
    elif isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        for operand in (node.left, node.right):
            walk.operations.append((operand, OPERATORS[type(node.op)], line, id(node)))
    elif isinstance(node, ast.Call):
        callee = dotted_name(node.func)
        for keyword in node.keywords:  # dataclass(frozen=True): the keyword of the callee
            if callee is not None and keyword.arg is not None:
                walk.chains.append((f"{callee}.{keyword.arg}", line))
    if type(node) in _LITERALS:
        uses.add(("name", _LITERALS[type(node)]), line)
    elif isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load) and node.elts:
        uses.add(("name", "builtins.tuple"), line)
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name):
            walk.bound.setdefault(target.id, []).append(node.value)
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        walk.annotations[node.target.id] = node.annotation
        walk.bound.setdefault(node.target.id, []).append(node.value)
    elif isinstance(node, ast.withitem):
        walk.operations.append((node.context_expr, "__enter__", line, id(node)))
        if isinstance(node.optional_vars, ast.Name):
            walk.bound.setdefault(node.optional_vars.id, []).append(node.context_expr)
    elif isinstance(node, _BINDERS):
        walk.bound.setdefault(node.name, []).append(None)
        if node.name.startswith("__") and node.name.endswith("__"):
            uses.add(("dunder", node.name), line)
        if not isinstance(node, ast.ClassDef) and _takes_fixtures(node):
            for arg in node.args.args:
                if arg.arg in PYTEST_FIXTURES:
                    uses.add(("fixture", arg.arg), line)
    elif isinstance(node, ast.arg):
        if node.annotation is not None:
            walk.annotations[node.arg] = node.annotation
        walk.bound.setdefault(node.arg, []).append(None)
    elif isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name):
        step = ast.Attribute(value=node.iter, attr="__next__", ctx=ast.Load())
        walk.bound.setdefault(node.target.id, []).append(ast.Call(func=step, args=[], keywords=[]))
    elif isinstance(node, ast.ExceptHandler) and node.name:
        value = ast.Call(func=node.type, args=[], keywords=[]) if node.type is not None else None
        walk.bound.setdefault(node.name, []).append(value)  # an instance of what it catches


def _takes_fixtures(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if node.name.startswith("test"):
        return True
    return any("fixture" in (dotted_name(_callee(d)) or "") for d in node.decorator_list)


def _callee(node: ast.expr) -> ast.expr:
    return node.func if isinstance(node, ast.Call) else node


def imported_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or not node.module:
        return []
    return [f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*"]


def _qualify_operations(walk: _Walk, base: ImportMap, context: Context, uses: Uses) -> None:
    """``d['k']``, ``a | b`` on a typed value: the special method (and for sets the
    method the operator stands for), at most once per node and method."""
    seen: set[int] = set()
    for value, method, line, operation in walk.operations:
        typed = _operand_type(value, walk, base, context)
        if (
            typed is None
            and isinstance(value, ast.Name)
            and value.id not in walk.bound
            and method != "__enter__"
        ):
            # `a | b` under a heading "Sets": operands of the type the headings name
            typed = next((t for t in context.types if method in OPERATIONS.get(t, ())), None)
        if typed is None or operation in seen:
            continue
        if method not in OPERATIONS.get(typed, ()) and not method.endswith("item__"):
            continue
        if method.endswith("item__") and typed not in OPERATIONS:
            continue
        seen.add(operation)
        uses.add(("name", f"{typed}.{method}"), line)
        if typed in ("builtins.set", "builtins.frozenset") and method in SET_METHODS:
            uses.add(("name", f"{typed}.{SET_METHODS[method]}"), line)


def _operand_type(
    value: ast.expr, walk: _Walk, base: ImportMap, context: Context, depth: int = 0
) -> str | None:
    """The type of an expression: a literal, a typed name, a call of a class or known
    factory, an attribute or method of a type that returns its own type."""
    if type(value) in _LITERALS:
        return _LITERALS[type(value)]
    if isinstance(value, ast.Constant) and isinstance(value.value, str | bytes):
        return "builtins.str" if isinstance(value.value, str) else "builtins.bytes"
    if depth >= _MAX_DEPTH:
        return None
    if isinstance(value, ast.Call):
        callee = _callee_name(value.func, walk, base, context, depth + 1)
        return call_result(callee) if callee else None
    if isinstance(value, ast.Attribute):
        owner = _operand_type(value.value, walk, base, context, depth + 1)
        return call_result(f"{owner}.{value.attr}") if owner else None
    if isinstance(value, ast.BinOp) and type(value.op) in OPERATORS:
        left = _operand_type(value.left, walk, base, context, depth + 1)
        method = OPERATORS[type(value.op)]
        return call_result(f"{left}.{method}") if left else None
    if not isinstance(value, ast.Name):
        return None
    if value.id in walk.bound or value.id in walk.annotations:
        return _type_of(value.id, walk, base, context, depth)
    return context.type_of(value.id) or _qualified_class(value.id, walk, base, context)


def _qualified_class(name: str, walk: _Walk, base: ImportMap, context: Context) -> str | None:
    found = qualify_dotted(name, walk, base, context)
    return found[0] if found and found[0].rsplit(".", 1)[-1][:1].isupper() else None


def _callee_name(
    func: ast.expr, walk: _Walk, base: ImportMap, context: Context, depth: int
) -> str | None:
    """``Path`` -> ``pathlib.Path``; ``Path(p).resolve`` -> ``pathlib.Path.resolve``."""
    dotted = dotted_name(func)
    if dotted is not None:
        found = qualify_dotted(dotted, walk, base, context)
        return found[0] if found else None
    if isinstance(func, ast.Attribute):
        owner = _operand_type(func.value, walk, base, context, depth + 1)
        return f"{owner}.{func.attr}" if owner else None
    return None


def _qualify_called(walk: _Walk, base: ImportMap, context: Context, uses: Uses) -> None:
    """``Counter(words).most_common``, ``Path(p).parent``: the attribute of what a call
    of a class or a known factory returns."""
    for value, attr, line in walk.called:
        owner = _operand_type(value, walk, base, context)
        if owner is not None:
            uses.add(("name", f"{owner}.{attr}"), line)


def _qualify_chains(walk: _Walk, base: ImportMap, context: Context, uses: Uses) -> None:
    for dotted, line in walk.chains:
        if dotted.startswith("__"):  # __name__, __file__: module globals, not topics
            continue
        found = qualify_dotted(dotted, walk, base, context)
        if found is not None:
            uses.add(("name", found[0]), line, guessed=found[1])
        elif "." not in dotted and dotted not in walk.bound:
            uses.add(("bare", dotted), line)  # `reduce(...)`: corroborates a heading word


def qualify_dotted(
    dotted: str, walk: _Walk, base: ImportMap, context: Context, depth: int = 0
) -> tuple[str, bool] | None:
    head, _, rest = dotted.partition(".")
    if head in walk.imports.bindings:
        resolved = walk.imports.resolve(dotted)
        return (resolved, False) if resolved else None
    if head in walk.bound or head in walk.annotations:
        typed = _type_of(head, walk, base, context, depth)
        if typed is None and not any(walk.bound.get(head, [])):
            typed = context.type_of(head)  # a parameter named like its type
        if typed is None or not rest:
            return None
        return f"{typed}.{rest}", False
    resolved = base.resolve(dotted)
    if resolved is not None:
        return resolved, False
    return context.resolve(dotted)


def _type_of(name: str, walk: _Walk, base: ImportMap, context: Context, depth: int) -> str | None:
    """The type a block binds *name* to (its annotation, else its one binding)."""
    if depth >= _MAX_DEPTH:
        return None
    annotation = walk.annotations.get(name)
    if annotation is not None:
        dotted = dotted_name(annotation)
        found = qualify_dotted(dotted, walk, base, context, depth + 1) if dotted else None
        if found is not None:
            return found[0]
    values = [v for v in walk.bound.get(name, []) if v is not None]
    if len(values) != 1:
        return None
    return _operand_type(values[0], walk, base, context, depth + 1)
