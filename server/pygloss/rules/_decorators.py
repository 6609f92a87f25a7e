"""Recognise the classic decorator shape that PG105 and PG106 judge.

::

    def outer(func):                  # a parameter: the decorated function
        def wrapper(*args, **kwargs):  # an inner def...
            ... func(*args, **kwargs)  # ...that calls that parameter
        return wrapper                 # ...and is what outer returns

Precision first: the shape counts only with evidence that ``outer`` is a decorator:
the wrapper passes its ``*args``/``**kwargs`` through to the call, or ``outer`` is
applied as ``@outer`` in the same file.  Closures that merely call a callback stay
silent.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import PurePath

from pygloss.rules._resolve import own_nodes
from pygloss.rules._scopes import parameter_names
from pygloss.rules.base import RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef
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


def _forwards(wrapper: Function, call: ast.Call) -> bool:
    args = wrapper.args
    star = args.vararg.arg if args.vararg else None
    double = args.kwarg.arg if args.kwarg else None
    for arg in call.args:
        if (
            isinstance(arg, ast.Starred)
            and isinstance(arg.value, ast.Name)
            and arg.value.id == star
        ):
            return True
    return any(
        k.arg is None and isinstance(k.value, ast.Name) and k.value.id == double
        for k in call.keywords
    )


def _applied_as_decorator(ctx: RuleContext, name: str) -> bool:
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
        if any(_forwards(wrapper, c) for c in calls) or _applied_as_decorator(ctx, outer.name):
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
    if ctx.is_test_file:
        return True
    parts = PurePath(ctx.path).parts[:-1] if ctx.path else ()
    return any(part in ("test", "tests", "testing") for part in parts)


def def_name_span(ctx: RuleContext, function: Function | ast.ClassDef) -> tuple[int, int]:
    """Offsets of the name in ``def name(`` / ``class name``: a narrow range to report on."""
    start = ctx.span(function)[0]
    match = _DEF_NAME.match(ctx.source.text, start)
    if match is None:
        return start, start
    return match.start(1), match.end(1)
