"""An out-parameter: a default the function only writes into, never reads (PG101).

``def aliases(field, out={}): ... out[name] = kind``, with ``aliases(f, out=mine)``
elsewhere in the file, is the out-parameter idiom: a caller that wants the entries
passes its own dict, and one that does not gets the shared default.  When every use
of the parameter only puts something into the object (``out[k] = v``,
``out.append(x)`` or ``out.add(x)`` as a statement) and none reads it, returns it,
keeps it or passes it on, no call can see what an earlier call wrote: the sharing
changes no result.  The idiom is recognised only when a call in the file does pass
its own object for the parameter: without one, ``def add(item, bucket=[]):
bucket.append(item)`` is the classic slip, an accumulator whose caller forgot to
read it or the author to return it, and stays reported.  Writes whose outcome depends
on what is already there (``items.remove(x)`` raises when ``x`` is absent,
``out[k] += 1`` reads ``out[k]``) are reads too; so is an item assignment into a list
(``out[3] = v`` raises on a short one), which is accepted only on a dict default.
"""

from __future__ import annotations

import ast

from pygloss.rules._call_targets import argument_parameter, call_target
from pygloss.rules.base import RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda

# methods that put into a list, dict, set or deque whatever it holds already
_ADDERS = frozenset(
    {"append", "appendleft", "extend", "extendleft", "insert", "add", "update", "setdefault"}
)
_MAPPINGS = frozenset({"dict", "defaultdict", "OrderedDict", "Counter"})


def out_parameter(ctx: RuleContext, function: Function, name: str, default: ast.expr) -> bool:
    """Whether parameter *name* of *function* is only written into, never read, and
    a call in this file passes its own object for it."""
    return _only_written(ctx, function, name, default) and _passed_in(ctx, function, name)


def _passed_in(ctx: RuleContext, function: Function, name: str) -> bool:
    for call in ctx.source.walk():
        if not isinstance(call, ast.Call):
            continue
        target = call_target(ctx, call)
        if target is None or target[0] is not function:
            continue
        values = [*call.args, *(keyword.value for keyword in call.keywords)]
        if any(argument_parameter(function, target[1], call, v) == name for v in values):
            return True
    return False


def _only_written(ctx: RuleContext, function: Function, name: str, default: ast.expr) -> bool:
    if isinstance(function, ast.Lambda):
        return False  # its body is a value: whatever it computes is returned
    writes = 0
    for node in (inner for statement in function.body for inner in ast.walk(statement)):
        if isinstance(node, ast.Global | ast.Nonlocal) and name in node.names:
            return False
        if not (isinstance(node, ast.Name) and node.id == name):
            continue
        if not (isinstance(node.ctx, ast.Load) and _writes_into(ctx, node, default)):
            return False  # read, rebound, or changed in a way that reads it
        writes += 1
    return writes > 0


def _writes_into(ctx: RuleContext, name: ast.Name, default: ast.expr) -> bool:
    parent = ctx.parent(name)
    if isinstance(parent, ast.Subscript) and parent.value is name:
        statement = ctx.parent(parent)
        stored = isinstance(statement, ast.Assign) and parent in statement.targets
        return stored and _mapping(default)
    if isinstance(parent, ast.Attribute) and parent.value is name and parent.attr in _ADDERS:
        call = ctx.parent(parent)
        return (
            isinstance(call, ast.Call)
            and call.func is parent
            and isinstance(ctx.parent(call), ast.Expr)  # its result is dropped
        )
    return False


def _mapping(default: ast.expr) -> bool:
    if isinstance(default, ast.Dict | ast.DictComp):
        return True
    if isinstance(default, ast.Call):
        func = default.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return called in _MAPPINGS
    return False
