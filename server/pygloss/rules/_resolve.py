"""Find the ``def`` a call refers to, within this file, from the syntax alone.

``function_called(ctx, call)`` answers for ``name(...)`` (a function defined in an
enclosing scope or at module level, not rebound otherwise) and ``self.name(...)``
inside a method (a method of the same class).  Anything else is None: pygloss
never guesses across files.  Also: whether a function is a generator, and the
values its ``return`` statements give.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._walk import children
from pygloss.rules.base import RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """Nodes of *function*'s body, not descending into nested functions or classes."""
    body = function.body if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) else []
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES):
            continue
        stack.extend(reversed(children(node)))


def scope_nodes(ctx: RuleContext, scope: ast.AST | None) -> Iterator[ast.AST]:
    """:func:`own_nodes` of a function, or of the module when *scope* is None."""
    if scope is not None:
        yield from own_nodes(scope)
        return
    stack: list[ast.AST] = list(reversed(ctx.source.statements))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _SCOPES):
            stack.extend(reversed(children(node)))


def is_generator(function: ast.AST) -> bool:
    return any(isinstance(n, ast.Yield | ast.YieldFrom) for n in own_nodes(function))


def returned_values(function: ast.AST) -> list[ast.expr | None]:
    """The value of each ``return`` in *function* (None for a bare ``return``)."""
    return [n.value for n in own_nodes(function) if isinstance(n, ast.Return)]


def _defs_in(statements: list[ast.stmt], name: str) -> list[Function]:
    found: list[Function] = []
    stack = list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if node.name == name:
                found.append(node)
        elif isinstance(node, ast.If | ast.Try | ast.TryStar | ast.With | ast.For | ast.While):
            for field in ("body", "orelse", "finalbody"):
                stack.extend(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                stack.extend(handler.body)
    return found


def function_called(ctx: RuleContext, call: ast.Call) -> Function | None:
    """The ``def`` that *call* runs, when this file says so unambiguously."""
    func = call.func
    if isinstance(func, ast.Name):
        return _function_named(ctx, call, func.id)
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    ):
        method = ctx.enclosing_function(call)
        klass = ctx.enclosing_class(call)
        if klass is None or not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
            return None
        params = method.args.posonlyargs + method.args.args
        if not params or params[0].arg != "self":
            return None
        defs = _defs_in(klass.body, func.attr)
        return defs[-1] if len(defs) == 1 else None
    return None


def _function_named(ctx: RuleContext, node: ast.AST, name: str) -> Function | None:
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Lambda) and name in ctx.bindings(ancestor):
            return None
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef) and name in ctx.bindings(
            ancestor
        ):
            defs = _defs_in(ancestor.body, name)
            return defs[0] if len(defs) == 1 else None
    if name in ctx.imports.bindings:
        return None
    defs = _defs_in(list(ctx.source.statements), name)
    if len(defs) != 1:
        return None
    # a def that is also assigned elsewhere at module level is not trusted
    assigned = any(
        isinstance(n, ast.Assign | ast.AnnAssign)
        and any(
            isinstance(t, ast.Name) and t.id == name
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        )
        for n in ctx.source.statements
    )
    return None if assigned else defs[0]
