"""Context for FastAPI route decorators: route order and shadowing in this file.

FastAPI (Starlette) tries routes in the order they were added and takes the first
whose method and path pattern match.  A ``{param}`` segment matches any one segment
(whatever the parameter's type: a request for ``/users/me`` reaching
``/users/{user_id: int}`` fails validation with 422 instead of falling through), a
``{param:int}`` convertor matches digits only, ``{param:path}`` matches the rest.  So
an earlier route whose pattern matches this route's path shadows it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from pygloss.engine.explainers import ExplainEnv, explainer

METHODS = ("get", "post", "put", "delete", "patch", "options", "head", "trace")
OWNERS = ("fastapi.FastAPI.", "fastapi.APIRouter.", "fastapi.routing.APIRouter.",
          "fastapi.applications.FastAPI.")  # fmt: skip
_PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")
_CONVERTORS = {
    None: "[^/]+",
    "str": "[^/]+",
    "int": "[0-9]+",
    "float": r"[0-9]+(?:\.[0-9]+)?",
    "path": ".*",
    "uuid": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
}
_SAMPLES = {None: "x", "str": "x", "int": "1", "float": "1.5", "path": "x/y",
            "uuid": "12345678-1234-1234-1234-123456789abc"}  # fmt: skip


@dataclass(frozen=True)
class Route:
    owner: str
    methods: frozenset[str]
    path: str
    function: str
    line: int
    decorator: ast.expr


def _route(decorator: ast.expr, function: str) -> Route | None:
    if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Attribute):
        return None
    attribute = decorator.func
    if not isinstance(attribute.value, ast.Name):
        return None
    path_node = decorator.args[0] if decorator.args else None
    for keyword in decorator.keywords:
        if keyword.arg == "path":
            path_node = keyword.value
    if not (isinstance(path_node, ast.Constant) and isinstance(path_node.value, str)):
        return None
    if attribute.attr in METHODS:
        methods = frozenset({attribute.attr.upper()})
    elif attribute.attr in ("api_route", "route"):
        methods = frozenset({"GET"})
        for keyword in decorator.keywords:
            if keyword.arg == "methods" and isinstance(keyword.value, ast.List | ast.Tuple):
                methods = frozenset(
                    str(e.value).upper() for e in keyword.value.elts if isinstance(e, ast.Constant)
                )
    else:
        return None
    return Route(
        attribute.value.id, methods, path_node.value, function, decorator.lineno, decorator
    )


def pattern(path: str) -> re.Pattern[str]:
    regex, last = "", 0
    for match in _PARAM.finditer(path):
        regex += re.escape(path[last : match.start()]) + _CONVERTORS.get(match.group(2), "[^/]+")
        last = match.end()
    return re.compile(regex + re.escape(path[last:]) + "$")


def sample(path: str) -> str:
    return _PARAM.sub(lambda m: _SAMPLES.get(m.group(2), "x"), path)


def routes_in(statements: tuple[ast.stmt, ...], owner: str) -> list[Route]:
    found = []
    for statement in statements:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in statement.decorator_list:
                route = _route(decorator, statement.name)
                if route is not None and route.owner == owner:
                    found.append(route)
    return found


def shadowing(routes: list[Route], route: Route) -> Route | None:
    """The first earlier route that takes this route's requests."""
    probe = sample(route.path)
    for earlier in routes:
        if earlier is route or earlier.decorator is route.decorator:
            return None
        if earlier.methods & route.methods and pattern(earlier.path).match(probe):
            return earlier
    return None


@explainer("fastapi-routes", names=OWNERS)
def route_order(env: ExplainEnv) -> str | None:
    name = env.target.name or ""
    if not name.startswith(OWNERS):
        return None
    decorator = next(
        (n for n in env.target.path if isinstance(n, ast.Call) and n.func is env.target.node), None
    )
    if decorator is None:
        return None
    function = next(
        (n for n in env.target.path if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)), None
    )
    route = _route(decorator, function.name if function else "?")
    if route is None:
        return None
    routes = routes_in(env.source.statements, route.owner)
    mine = next((r for r in routes if r.decorator is decorator), route)
    index = next((i for i, r in enumerate(routes) if r is mine), 0)
    lines = [f"Route {index + 1} of {len(routes)} on `{route.owner}`, tried in this order:"]
    for position, other in enumerate(routes[:8]):
        marker = " ← this one" if other is mine else ""
        methods = "/".join(sorted(other.methods))
        lines.append(f"{position + 1}. {methods} `{other.path}` → `{other.function}`{marker}")
    if len(routes) > 8:
        lines.append(f"… and {len(routes) - 8} more")
    earlier = shadowing(routes, mine)
    if earlier is not None:
        exact = "every request to" if not _PARAM.search(mine.path) else "requests such as"
        where = env.source.line_label(env.source.span(earlier.decorator)[0])
        lines.append(
            f"⚠ Shadowed: {exact} `{sample(mine.path)}` matches `{earlier.path}` "
            f"(`{earlier.function}`, {where}) first, and never reaches "
            f"`{mine.function}`. Declare `{mine.path}` before `{earlier.path}`."
        )
    return "\n".join(lines)
