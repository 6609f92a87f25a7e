"""Which ``def`` of this file a call runs, and which parameter an argument binds.

``call_target`` answers for ``name(...)`` and ``self.name(...)`` (through
:func:`~pygloss.rules._resolve.function_called`), for ``Class(...)`` (its
``__init__``), ``Class.method(...)``, ``self.method(...)`` of a base class defined in
this module, and ``super().method(...)``.  Anything else is None: pygloss never
guesses across files.
"""

from __future__ import annotations

import ast

from pygloss.rules._resolve import function_called
from pygloss.rules.base import RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _method(ctx: RuleContext, klass: ast.ClassDef, name: str, seen: int = 0) -> Function | None:
    """The method *name* of *klass* or of its bases defined in this module."""
    for statement in klass.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and statement.name == name:
            return statement
    for base in klass.bases:
        parent = ctx.module_classes.get(base.id) if isinstance(base, ast.Name) else None
        if parent is not None and parent is not klass and seen < 8:
            found = _method(ctx, parent, name, seen + 1)
            if found is not None:
                return found
    return None


def _bases_method(ctx: RuleContext, klass: ast.ClassDef, name: str) -> Function | None:
    for base in klass.bases:
        parent = ctx.module_classes.get(base.id) if isinstance(base, ast.Name) else None
        if parent is not None and parent is not klass:
            return _method(ctx, parent, name)
    return None


def call_target(ctx: RuleContext, call: ast.Call) -> tuple[Function, int] | None:
    """The def *call* runs, when this file says so, and how many leading parameters
    the call fills implicitly (1 for ``self.method(...)`` and ``Class(...)``)."""
    func = call.func
    found = function_called(ctx, call)
    if found is not None:
        return found, 1 if isinstance(func, ast.Attribute) else 0
    if isinstance(func, ast.Name) and func.id in ctx.module_classes:
        init = _method(ctx, ctx.module_classes[func.id], "__init__")
        return (init, 1) if init is not None else None
    if not isinstance(func, ast.Attribute):
        return None
    owner = func.value
    klass = ctx.enclosing_class(call)
    if isinstance(owner, ast.Name) and owner.id in ctx.module_classes:
        method = _method(ctx, ctx.module_classes[owner.id], func.attr)
        return (method, 0) if method is not None else None
    if klass is None:
        return None
    if isinstance(owner, ast.Name) and owner.id == "self":
        method = _method(ctx, klass, func.attr)
    elif isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "super":
        method = _bases_method(ctx, klass, func.attr)
    else:
        return None
    return (method, 1) if method is not None else None


def argument_parameter(function: Function, skip: int, call: ast.Call, value: ast.AST) -> str | None:
    """The parameter of *function* that *value* (an argument of *call*) binds, or None."""
    args = function.args
    positional = [*args.posonlyargs, *args.args][skip:]
    for index, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            return None
        if arg is value:
            return positional[index].arg if index < len(positional) else None
    for keyword in call.keywords:
        if keyword.value is value and keyword.arg is not None:
            names = {a.arg for a in [*positional, *args.kwonlyargs]}
            return keyword.arg if keyword.arg in names else None
    return None
