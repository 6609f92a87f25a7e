"""Which calls create a coroutine, judged from syntax alone (rules PG301, PG304).

A call creates a coroutine when it calls, in this file:

* an ``async def`` at module level, or nested in the enclosing function, that is
  the only binding of its name, has no ``yield`` (that would make it an async
  generator) and no decorator except the few that keep a coroutine function one;
* ``self.m(...)`` / ``cls.m(...)`` in a method, where the class body defines
  ``async def m`` the same way;
* an asyncio coroutine function (``asyncio.sleep``, ``asyncio.wait_for``...);
* a coroutine method of a local asyncio object (``queue.put`` after
  ``queue = asyncio.Queue()`` in the same function).

Names resolved by jedi are deliberately not used: rules stay on syntax.
"""

from __future__ import annotations

import ast
import weakref

from pygloss.rules._flow import qualified_in, walk_scope
from pygloss.rules._scopes import bound_names, parameter_names
from pygloss.rules.base import RuleContext
from pygloss.syntax.names import dotted_name

Function = ast.FunctionDef | ast.AsyncFunctionDef

ASYNCIO_COROUTINES = frozenset(
    "asyncio." + name
    for name in (
        "sleep",
        "wait_for",
        "wait",
        "to_thread",
        "open_connection",
        "open_unix_connection",
        "start_server",
        "start_unix_server",
        "create_subprocess_exec",
        "create_subprocess_shell",
    )
)
# coroutine methods of asyncio objects made in the same function
OBJECT_COROUTINES = {
    "asyncio.Queue": {"put", "get", "join"},
    "asyncio.LifoQueue": {"put", "get", "join"},
    "asyncio.PriorityQueue": {"put", "get", "join"},
    "asyncio.Lock": {"acquire"},
    "asyncio.Semaphore": {"acquire"},
    "asyncio.BoundedSemaphore": {"acquire"},
    "asyncio.Event": {"wait"},
    "asyncio.Condition": {"acquire", "wait", "wait_for"},
}
_OBJECT_METHODS = frozenset().union(*OBJECT_COROUTINES.values())
# per document (RuleContext) and function: the local asyncio objects
_CACHE: weakref.WeakKeyDictionary[RuleContext, dict[int, dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)
_KEEPS_COROUTINE = frozenset(
    {
        "builtins.staticmethod",
        "builtins.classmethod",
        "abc.abstractmethod",
        "typing.override",
        "typing_extensions.override",
        "functools.wraps",
    }
)


def is_coroutine_function(func: ast.AST, ctx: RuleContext) -> bool:
    """An ``async def`` that returns a coroutine when called (see module docstring)."""
    if not isinstance(func, ast.AsyncFunctionDef):
        return False
    for decorator in func.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ctx.imports.resolve(dotted_name(target) or "") not in _KEEPS_COROUTINE:
            return False
    return not any(isinstance(n, ast.Yield | ast.YieldFrom) for n in walk_scope(func.body))


def _only_definition(owner: ast.AST | None, name: str, ctx: RuleContext) -> ast.AST | None:
    """The one statement of *owner*'s body (None: the module's) binding *name*, or None
    when there are 0 or several (which statements bind which names is worked out once
    per body and document)."""
    index: dict[ast.AST | None, dict[str, list[ast.stmt]]]
    index = ctx.cache.setdefault("coroutines-definitions", {})
    binders = index.get(owner)
    if binders is None:
        binders = index[owner] = {}
        body = ctx.source.statements if owner is None else owner.body  # type: ignore[attr-defined]
        for statement in body:
            for bound in bound_names([statement]):
                binders.setdefault(bound, []).append(statement)
    found = binders.get(name, ())
    return found[0] if len(found) == 1 else None


def coroutine_callee(call: ast.Call, ctx: RuleContext) -> str | None:
    """How the callee of *call* reads (``fetch``, ``self.save``, ``asyncio.sleep``) when
    the call surely creates a coroutine; None otherwise."""
    func = call.func
    scopes = [a for a in ctx.ancestors(call) if isinstance(a, Function | ast.Lambda)]
    if isinstance(func, ast.Name):
        for scope in scopes:
            if isinstance(scope, ast.Lambda):
                if func.id in ctx.bindings(scope):
                    return None
                continue
            if func.id in ctx.bindings(scope):
                found = _only_definition(scope, func.id, ctx)
                return func.id if found and is_coroutine_function(found, ctx) else None
        if func.id in ctx.imports.bindings:
            return func.id if qualified_in(func, ctx, ASYNCIO_COROUTINES) else None
        found = _only_definition(None, func.id, ctx)
        return func.id if found and is_coroutine_function(found, ctx) else None
    if not isinstance(func, ast.Attribute):
        return None
    if qualified_in(func, ctx, ASYNCIO_COROUTINES):
        return dotted_name(func)
    receiver = func.value
    if not isinstance(receiver, ast.Name) or not scopes:
        return None
    method = scopes[0]
    if isinstance(method, ast.Lambda):
        return None
    if _is_self(receiver, method, ctx):
        owner = ctx.parent(method)
        assert isinstance(owner, ast.ClassDef)
        found = _only_definition(owner, func.attr, ctx)
        return f"{receiver.id}.{func.attr}" if found and is_coroutine_function(found, ctx) else None
    if func.attr not in _OBJECT_METHODS:
        return None
    made = _asyncio_objects(method, ctx).get(receiver.id)
    if made is not None and func.attr in OBJECT_COROUTINES[made]:
        return f"{receiver.id}.{func.attr}"
    return None


def _is_self(receiver: ast.Name, method: Function, ctx: RuleContext) -> bool:
    """``self``/``cls``: the first parameter of a method defined directly in a class."""
    if not isinstance(ctx.parent(method), ast.ClassDef):
        return False
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or params[0].arg != receiver.id or receiver.id not in ("self", "cls"):
        return False
    rebinds = ctx.bindings(method) - {p.arg for p in params}
    return receiver.id not in rebinds


def _asyncio_objects(func: Function, ctx: RuleContext) -> dict[str, str]:
    """``{name: "asyncio.Queue", ...}`` for names bound once in *func*, from such a call
    (computed once per function and document)."""
    per_function = _CACHE.setdefault(ctx, {})
    found = per_function.get(id(func))
    if found is None:
        found = {}
        stores: dict[str, list[ast.Name]] = {}
        others: set[str] = parameter_names(func.args)
        for node in walk_scope(func.body):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                stores.setdefault(node.id, []).append(node)
            elif isinstance(node, Function | ast.ClassDef | ast.Import | ast.ImportFrom):
                others |= bound_names([node])
            elif isinstance(node, ast.ExceptHandler) and node.name:
                others.add(node.name)
        for name, names in stores.items():
            if name in others or len(names) != 1:
                continue
            assign = ctx.parent(names[0])
            if (
                isinstance(assign, ast.Assign)
                and assign.targets == [names[0]]
                and isinstance(assign.value, ast.Call)
            ):
                made = ctx.imports.resolve(dotted_name(assign.value.func) or "")
                if made in OBJECT_COROUTINES:
                    found[name] = made
        per_function[id(func)] = found
    return found
