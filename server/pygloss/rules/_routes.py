"""FastAPI routes read from syntax, for PG401 (shadowed route) and PG402 (duplicate).

For each block of statements (the module, or a function body such as an app
factory), routes are collected per ``FastAPI()`` / ``APIRouter()`` object bound in
that block, in registration order: ``@app.get("/p")``-style decorators (a stack of
them registers bottom-up), ``@app.api_route("/p", methods=[...])`` and
``app.add_api_route("/p", endpoint, methods=[...])``.  Rebinding the name starts a
new object.  Only literal paths and methods count; routes registered inside
``if``/``try`` blocks are left out (they may not all run).

Paths are compiled the way Starlette does: ``{name}`` matches one segment,
``{name:path}`` any rest, ``{name:int}`` digits, ``{name:float}``, ``{name:uuid}``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pygloss.rules.base import RuleContext
from pygloss.syntax.names import dotted_name

OWNERS = frozenset(
    {
        "fastapi.FastAPI",
        "fastapi.APIRouter",
        "fastapi.applications.FastAPI",
        "fastapi.routing.APIRouter",
    }
)
METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "trace"})
CONVERTORS = {
    "str": "[^/]+",
    "path": ".*",
    "int": "[0-9]+",
    "float": r"[0-9]+(?:\.[0-9]+)?",
    "uuid": "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}",
}
_PARAM = re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?}")


@dataclass(frozen=True)
class Route:
    owner: str  # the variable the route is registered on
    methods: frozenset[str]
    path: str
    path_node: ast.expr  # the path literal (where diagnostics point)
    statement: ast.stmt  # the decorated def or the add_api_route statement
    generation: int  # which binding of `owner` (a rebinding is another object)

    @property
    def is_static(self) -> bool:
        return "{" not in self.path

    @property
    def shown(self) -> str:
        return f"{'/'.join(sorted(self.methods))} {self.path}"


def compile_path(path: str) -> re.Pattern[str] | None:
    """Starlette's regex for a path template; None for an unknown convertor."""
    pattern = "^"
    position = 0
    for match in _PARAM.finditer(path):
        convertor = CONVERTORS.get(match.group(2) or "str")
        if convertor is None:
            return None
        pattern += re.escape(path[position : match.start()]) + f"(?:{convertor})"
        position = match.end()
    pattern += re.escape(path[position:]) + "$"
    return re.compile(pattern)


def shape(path: str) -> str:
    """The path with parameter names erased: ``/u/{id}`` and ``/u/{user_id}`` agree."""
    return _PARAM.sub(lambda m: "{:" + (m.group(2) or "str") + "}", path)


def blocks(module: ast.Module, ctx: RuleContext) -> Iterator[list[ast.stmt]]:
    """The module body and every function body (app factories register routes too);
    nothing when the module does not import FastAPI."""
    if not any(t.split(".")[0] == "fastapi" for t in ctx.imports.bindings.values()):
        return
    yield module.body
    for node in ast.walk(module):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.body


def routes_in(body: list[ast.stmt], ctx: RuleContext) -> list[Route]:
    """Routes registered directly by the statements of *body*, in registration order."""
    generations: dict[str, int] = {}
    counter = 0
    routes: list[Route] = []
    for statement in body:
        bound = _owner_binding(statement, ctx)
        if bound is not None:
            counter += 1
            generations[bound] = counter
            continue
        for name in _rebound(statement):
            generations.pop(name, None)
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in reversed(statement.decorator_list):
                route = _route(decorator, statement, generations, from_decorator=True)
                if route is not None:
                    routes.append(route)
        elif isinstance(statement, ast.Expr):
            route = _route(statement.value, statement, generations, from_decorator=False)
            if route is not None:
                routes.append(route)
    return routes


def _owner_binding(statement: ast.stmt, ctx: RuleContext) -> str | None:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target, value = statement.target, statement.value
    else:
        return None
    if not isinstance(target, ast.Name) or not isinstance(value, ast.Call):
        return None
    qualified = ctx.imports.resolve(dotted_name(value.func) or "")
    return target.id if qualified in OWNERS else None


def _rebound(statement: ast.stmt) -> Iterator[str]:
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    for target in targets:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                yield node.id
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield statement.name


def _route(
    call: ast.expr, statement: ast.stmt, generations: dict[str, int], *, from_decorator: bool
) -> Route | None:
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
        return None
    owner = call.func.value
    if not isinstance(owner, ast.Name) or owner.id not in generations:
        return None
    attr = call.func.attr
    if from_decorator and attr in METHODS:
        methods: frozenset[str] | None = frozenset({attr.upper()})
    elif (from_decorator and attr == "api_route") or (
        not from_decorator and attr == "add_api_route"
    ):
        methods = _methods(call)
    else:
        return None
    path_node = call.args[0] if call.args else _keyword(call, "path")
    if (
        methods is None
        or not isinstance(path_node, ast.Constant)
        or not isinstance(path_node.value, str)
    ):
        return None
    return Route(owner.id, methods, path_node.value, path_node, statement, generations[owner.id])


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _methods(call: ast.Call) -> frozenset[str] | None:
    """``methods=[...]`` as upper-case strings; GET when absent; None when not literal."""
    value = _keyword(call, "methods")
    if value is None:
        return frozenset({"GET"})
    if not isinstance(value, ast.List | ast.Tuple | ast.Set):
        return None
    names = [e.value for e in value.elts if isinstance(e, ast.Constant)]
    if len(names) != len(value.elts) or not all(isinstance(n, str) for n in names):
        return None
    return frozenset(str(n).upper() for n in names)
