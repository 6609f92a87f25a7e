"""Recognise the classic decorator shape that PG105 and PG106 judge.

::

    def outer(func):                  # a parameter: the decorated function
        def wrapper(*args, **kwargs):  # an inner def...
            ... func(*args, **kwargs)  # ...that calls that parameter
        return wrapper                 # ...and is what outer returns

Precision first: the shape counts only with evidence that ``outer`` is a decorator:
``outer`` is applied as ``@outer`` in the same file, or the wrapper passes its own
``*args``/``**kwargs`` straight through (no value of its own added) to a parameter
whose name says it is the decorated function (``func``, ``fn``, ``f``, ``method``...).
Closures that merely call a callback stay silent, and so do parameters that cannot be
the decorated function: one with a default (``on_call=None``), one annotated as a
class (``type[...]``), the parameters of a pytest fixture (other fixtures).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from pygloss.rules._resolve import own_nodes
from pygloss.rules._scopes import parameter_names
from pygloss.rules.base import RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef
_DEFS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef})
# names that copy a function's metadata onto its wrapper
_WRAPS = frozenset({"wraps", "update_wrapper", "decorator", "wrapper"})
_METADATA = frozenset({"__name__", "__qualname__", "__doc__", "__wrapped__", "__dict__"})
# a line holding only `@name` (a comment may follow): a bare-name decorator
_BARE_DECORATOR = re.compile(r"^[ \t]*@([A-Za-z_]\w*)[ \t]*(?:#.*)?$", re.MULTILINE)
_DEF_NAME = re.compile(r"(?:async\s+)?(?:def|class)\s+(\w+)")


@dataclass(frozen=True)
class DecoratorShape:
    outer: Function
    param: str
    wrapper: Function
    calls: tuple[ast.Call, ...]


# names that say a parameter is the function being decorated
_FUNCTION_NAMES = frozenset(
    {"f", "fn", "func", "fun", "function", "meth", "method", "wrapped", "callable"}
)
_FUNCTION_SUFFIXES = ("_func", "_fn", "_function", "_method", "_meth")


def _forwards(wrapper: Function, call: ast.Call) -> bool:
    """Whether *call* passes the wrapper's ``*args``/``**kwargs`` through, with no value
    of its own among the positional arguments (``client(app, **kwargs)`` adds ``app``)."""
    args = wrapper.args
    star = args.vararg.arg if args.vararg else None
    double = args.kwarg.arg if args.kwarg else None
    own = {a.arg for a in (*args.posonlyargs, *args.args)}
    for arg in call.args:
        value = arg.value if isinstance(arg, ast.Starred) else arg
        if not (isinstance(value, ast.Name) and (value.id in own or value.id == star)):
            return False
    starred = any(
        isinstance(a, ast.Starred) and isinstance(a.value, ast.Name) and a.value.id == star
        for a in call.args
    )
    return starred or any(
        k.arg is None and isinstance(k.value, ast.Name) and k.value.id == double
        for k in call.keywords
    )


def _function_named(name: str) -> bool:
    return name in _FUNCTION_NAMES or name.endswith(_FUNCTION_SUFFIXES)


def _not_the_function(outer: Function, param: str) -> bool:
    """Whether *param* of *outer* cannot be the decorated function: it has a default,
    it is annotated as a class, or *outer* is a pytest fixture (its parameters are
    other fixtures)."""
    args = outer.args
    positional = [*args.posonlyargs, *args.args]
    defaulted = {a.arg for a in positional[len(positional) - len(args.defaults) :]}
    defaulted |= {a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d}
    if param in defaulted:
        return True
    for arg in positional:
        if arg.arg == param and arg.annotation is not None:
            head = arg.annotation.value if isinstance(arg.annotation, ast.Subscript) else None
            if getattr(head, "id", getattr(head, "attr", "")) in ("type", "Type"):
                return True
    for decorator in outer.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if getattr(target, "attr", getattr(target, "id", "")) == "fixture":
            return True
    return False


def applied_as_decorator(ctx: RuleContext, name: str) -> bool:
    """Whether ``@name`` decorates something in this file (computed once per file)."""
    if f"@{name}" not in ctx.source.text:
        return False
    used = ctx.cache.get("decorator-names")
    if used is None:
        used = set(_BARE_DECORATOR.findall(ctx.source.text))
        ctx.cache["decorator-names"] = used
    return name in used


def decorator_shape(ctx: RuleContext, outer: ast.AST) -> DecoratorShape | None:
    """The decorator shape of *outer*, or None when it is not clearly one (memoized)."""
    if type(outer) not in _DEFS or _DEFS.isdisjoint(map(type, outer.body)):  # type: ignore[attr-defined]
        return None  # no def in its body (most functions): not a decorator
    shapes: dict[int, DecoratorShape | None] = ctx.cache.setdefault("decorator-shapes", {})
    key = id(outer)
    if key not in shapes:
        shapes[key] = _decorator_shape(ctx, outer)
    return shapes[key]


def _decorator_shape(ctx: RuleContext, outer: ast.AST) -> DecoratorShape | None:
    if not isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    params = [a.arg for a in (*outer.args.posonlyargs, *outer.args.args)]
    if params and params[0] in ("self", "cls"):
        params = params[1:]
    if not params:
        return None
    inner = {n.name: n for n in outer.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    if not inner:
        return None
    returned = [n.value for n in own_nodes(outer) if isinstance(n, ast.Return)]
    names = [v.id for v in returned if isinstance(v, ast.Name)]
    wrappers = {n for n in names if n in inner}
    if len(wrappers) != 1 or any(n not in inner and n not in params for n in names):
        return None
    wrapper = inner[wrappers.pop()]
    if any(v is not None and not isinstance(v, ast.Name) for v in returned):
        return None
    shadowed = parameter_names(wrapper.args)
    for param in params:
        if param in shadowed:
            continue
        calls = tuple(
            n
            for n in own_nodes(wrapper)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == param
        )
        if not calls:
            continue
        if _not_the_function(outer, param):
            return None
        forwarded = _function_named(param) and any(_forwards(wrapper, c) for c in calls)
        if forwarded or applied_as_decorator(ctx, outer.name):
            return DecoratorShape(outer, param, wrapper, calls)
        return None
    return None


def copies_metadata(shape: DecoratorShape) -> bool:
    """True when the wrapper gets the function's metadata some way or other."""
    if shape.wrapper.decorator_list:
        return True  # @wraps(func), or another decorator that may do the same
    name = shape.wrapper.name
    for node in own_nodes(shape.outer):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in _WRAPS or called == "setattr":
                return True
            # a helper given both functions, like importlib's `_wrap(wrapper, fxn)`
            passed = {a.id for a in node.args if isinstance(a, ast.Name)}
            if {name, shape.param} <= passed:
                return True
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == name
            and node.attr in _METADATA
        ):
            return True
    return False


def in_test_code(ctx: RuleContext) -> bool:
    """A test file, or a file under a ``test``/``tests``/``testing`` folder."""
    return ctx.in_test_code


def def_name_span(ctx: RuleContext, function: Function | ast.ClassDef) -> tuple[int, int]:
    """Offsets of the name in ``def name(`` / ``class name``: a narrow range to report on."""
    start = ctx.span(function)[0]
    match = _DEF_NAME.match(ctx.source.text, start)
    if match is None:
        return start, start
    return match.start(1), match.end(1)


def for_others(ctx: RuleContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the decorator holding *function* (the outermost def around it, or the
    class of a ``__call__``) is public API meant to be applied by others: a public
    name in the module's ``__all__``, or whose docstring shows it applied.  Any other
    method judges by its own name and docstring: that its class is exported says
    nothing of it (litestar's ``EventListener.wrap_in_error_handler``)."""
    unit: ast.AST = function
    while isinstance(outer := ctx.enclosing_function(unit), ast.FunctionDef | ast.AsyncFunctionDef):
        unit = outer
    parent = ctx.parent(unit)
    if isinstance(parent, ast.ClassDef) and getattr(unit, "name", "") == "__call__":
        unit = parent  # a class whose instances decorate: the class is what others apply
    if not isinstance(unit, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return False
    name = unit.name
    if name.startswith("_") or ctx.enclosing_function(unit) is not None:
        return False
    docstring = ast.get_docstring(unit) or ""
    return f"@{name}" in docstring or ">>>" in docstring or name in _exported(ctx)


def _exported(ctx: RuleContext) -> frozenset[str]:
    """The names of the module's literal ``__all__``."""
    key = "missing-wraps-all"
    if key not in ctx.cache:
        names: set[str] = set()
        for statement in ctx.source.statements:
            if (
                isinstance(statement, ast.Assign | ast.AugAssign)
                and any(
                    isinstance(t, ast.Name) and t.id == "__all__"
                    for t in (
                        statement.targets
                        if isinstance(statement, ast.Assign)
                        else [statement.target]
                    )
                )
                and isinstance(statement.value, ast.List | ast.Tuple)
            ):
                names.update(
                    e.value
                    for e in statement.value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                )
        ctx.cache[key] = frozenset(names)
    found: frozenset[str] = ctx.cache[key]
    return found


def makes_aliases(ctx: RuleContext, name: str) -> bool:
    """Whether every use of *name* in this file is ``other = name(function)``, binding
    the result under names other than the function's (at least one such use)."""
    found = False
    for node in ctx.source.walk():
        if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)):
            continue
        call = ctx.parent(node)
        statement = ctx.parent(call) if isinstance(call, ast.Call) else None
        if not (
            isinstance(call, ast.Call)
            and call.func is node
            and len(call.args) == 1
            and isinstance(call.args[0], ast.Name)
            and isinstance(statement, ast.Assign)
            and all(isinstance(t, ast.Name) for t in statement.targets)
        ):
            return False  # a decorator, or a use pygloss cannot classify
        if any(t.id == call.args[0].id for t in statement.targets if isinstance(t, ast.Name)):
            return False  # `f = deco(f)`: decorating by hand
        found = True
    return found
