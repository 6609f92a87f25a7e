"""Names a class statement sees, from the syntax: what a class body binds, a nested
class's qualified name, and the enclosing def or class body that binds a name
(which then hides the module's binding of it)."""

from __future__ import annotations

import ast

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
NOTHING: frozenset[str] = frozenset()


def class_namespace(node: ast.ClassDef) -> tuple[set[str], set[str]]:
    """``(certain, conditional)``: the names the class body binds (defs, assignments,
    imports, nested classes; not an annotation without a value), and those it binds
    only in an ``if``/``try``/``with``/loop body (never under ``if TYPE_CHECKING:``,
    which does not run).  A class that defines ``__eq__`` and not ``__hash__`` gets
    ``__hash__ = None`` from ``type``."""
    certain: set[str] = set()
    conditional: set[str] = set()
    for statement in node.body:
        if isinstance(statement, ast.If | ast.Try | ast.With | ast.For | ast.While):
            for inner in _branches(statement):
                for child in inner:
                    conditional |= bound_by(child)
            continue
        certain |= bound_by(statement)
    if "__hash__" not in certain | conditional and "__eq__" in certain | conditional:
        (certain if "__eq__" in certain else conditional).add("__hash__")
    return certain, conditional - certain


def nulled_names(node: ast.ClassDef, certain: set[str]) -> frozenset[str]:
    """The names the class body certainly leaves bound to ``None`` (``__hash__ = None``,
    ``__iter__ = None``...), with ``__hash__`` when ``type`` sets it for a class that
    defines ``__eq__`` and not ``__hash__`` (*certain*: its names, from
    :func:`class_namespace`)."""
    last: dict[str, bool] = {}
    for statement in node.body:
        if isinstance(statement, ast.If | ast.Try | ast.With | ast.For | ast.While):
            for name in {n for inner in _branches(statement) for c in inner for n in bound_by(c)}:
                last.pop(name, None)  # maybe rebound: not certain
            continue
        is_none = (
            isinstance(statement, ast.Assign | ast.AnnAssign)
            and isinstance(statement.value, ast.Constant)
            and statement.value.value is None
        )
        for name in bound_by(statement):
            last[name] = is_none
    found = {name for name, none in last.items() if none}
    if "__hash__" in certain and "__eq__" in certain and "__hash__" not in last:
        found.add("__hash__")
    return frozenset(found) if found else NOTHING


def _branches(statement: ast.stmt) -> list[list[ast.stmt]]:
    if isinstance(statement, ast.If):
        test = statement.test
        name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
        return [statement.orelse] if name == "TYPE_CHECKING" else [statement.body, statement.orelse]
    branches = [list(getattr(statement, "body", [])), list(getattr(statement, "orelse", []))]
    branches += [h.body for h in getattr(statement, "handlers", [])]
    return [*branches, list(getattr(statement, "finalbody", []))]


def qualname(node: ast.ClassDef, path: tuple[ast.AST, ...]) -> str:
    """``Outer.Inner`` for a class nested in classes; the bare name inside a def."""
    names: list[str] = []
    for owner in path:
        if isinstance(owner, (*_FUNCS, ast.Lambda)):
            names = []
        elif isinstance(owner, ast.ClassDef) and owner is not node:
            names.append(owner.name)
    return ".".join([*names, node.name])


def enclosing_binding(
    head: str, node: ast.ClassDef, path: tuple[ast.AST, ...]
) -> tuple[ast.AST, tuple[ast.AST, ...]] | None:
    """Where *head* is bound in a def or class body enclosing *node*, before it: the
    binding statement (a nested class there, or any other) with the path to it; None
    when *head* is a module-level name."""
    for position in range(len(path) - 1, -1, -1):
        owner = path[position]
        if owner is node:
            continue
        if isinstance(owner, ast.ClassDef):
            found: ast.AST | None = None
            for statement in owner.body:
                if statement.lineno >= node.lineno:
                    break
                if head in bound_by(statement):  # a nested class, or another binding
                    found = statement
            if found is not None:
                return found, path[: position + 1]
        elif isinstance(owner, (*_FUNCS, ast.Lambda)):
            args = owner.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            if any(a is not None and a.arg == head for a in params):
                return owner, ()
            if isinstance(owner, ast.Lambda):
                continue
            binders = [s for s in owner.body if head in bound_by(s) or _declares(s, head)]
            if binders:
                nested = _straight_class(owner, binders, head, node, path, position)
                return (nested, path[: position + 1]) if nested else (owner, ())
    return None


def _declares(statement: ast.stmt, head: str) -> bool:
    return isinstance(statement, ast.Global | ast.Nonlocal) and head in statement.names


def _straight_class(
    owner: ast.AST,
    binders: list[ast.stmt],
    head: str,
    node: ast.ClassDef,
    path: tuple[ast.AST, ...],
    position: int,
) -> ast.ClassDef | None:
    """The class statement *head* names when the class statement *node* runs, for a
    *node* written straight in the body of the def *owner*: the last statement of that
    body before *node* that binds *head*, when it is a class statement of that name
    (None when *node* is in a branch or loop, or another binding may come between)."""
    body: list[ast.stmt] = getattr(owner, "body", [])
    inner = path[position + 1 :]  # what lies between the def and the class statement
    if any(p is not node for p in inner) or not any(s is node for s in body):
        return None
    if any(_declares(s, head) for s in binders):
        return None
    at = next(i for i, s in enumerate(body) if s is node)
    before = [s for s in binders if _position(body, s) < at]
    last = before[-1] if before else None
    if isinstance(last, ast.ClassDef) and last.name == head:
        return last
    return None


def _position(body: list[ast.stmt], statement: ast.stmt) -> int:
    return next(i for i, s in enumerate(body) if s is statement)


def bound_by(statement: ast.stmt) -> set[str]:
    """The names *statement* binds in the scope it runs in (not inside defs/classes)."""
    if isinstance(statement, (*_FUNCS, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).split(".")[0] for a in statement.names if a.name != "*"}
    if isinstance(statement, ast.AnnAssign) and statement.value is None:
        return set()
    names: set[str] = set()
    stack: list[ast.AST] = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
        elif node is not statement and isinstance(node, ast.stmt):
            names |= bound_by(node)
            continue
        elif isinstance(node, ast.Lambda | ast.comprehension):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return names


def line_seen(node: ast.ClassDef, path: tuple[ast.AST, ...]) -> int | None:
    """The line whose module-level bindings a base sees: the class's own (module-level
    code, in if/try blocks too, runs in order, and a class body binds no module name);
    None (the module's end) for a class in a function, which runs later."""
    if any(isinstance(p, _FUNCS) for p in path):
        return None
    return node.lineno


def decorated_or_meta(node: ast.ClassDef, plain: frozenset[str]) -> tuple[bool, bool]:
    """``(decorated, plain_metaclass)`` of a class statement (*plain*: the metaclass
    spellings that add no method)."""
    metaclass = next((k.value for k in node.keywords if k.arg == "metaclass"), None)
    plain_meta = metaclass is None or ast.unparse(metaclass) in plain
    return bool(node.decorator_list), plain_meta


def hook_may_add(node: ast.ClassDef) -> bool:
    """Whether the class's ``__init_subclass__`` may give a subclass attributes: it
    stores an attribute on ``cls``, calls ``setattr``, or passes ``cls`` to a call
    (other than ``super().__init_subclass__``, whose classes are judged on their own).
    True when it is defined in a branch, where it is not read."""
    hooks = [s for s in node.body if isinstance(s, _FUNCS) and s.name == "__init_subclass__"]
    if not hooks:
        return "__init_subclass__" in class_namespace(node)[1]
    hook = hooks[-1]
    params = [*hook.args.posonlyargs, *hook.args.args]
    if not params:
        return True
    cls = params[0].arg
    for child in ast.walk(hook):
        if (
            isinstance(child, ast.Attribute)
            and isinstance(child.ctx, ast.Store | ast.Del)
            and _mentions(child.value, cls)
        ):
            return True
        if isinstance(child, ast.Call):
            if isinstance(child.func, ast.Name) and child.func.id in ("setattr", "delattr"):
                return True
            if _is_super_hook(child):
                continue
            arguments = [*child.args, *(k.value for k in child.keywords)]
            if any(isinstance(a, ast.Name) and a.id == cls for a in arguments):
                return True
            if isinstance(child.func, ast.Attribute) and _mentions(child.func.value, cls):
                return True  # cls.register(...), cls.__dict__.update(...)
    return False


def _is_super_hook(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init_subclass__"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))
