"""Signs that a mutable default is state kept between calls on purpose (PG101).

The classic bug is an accumulator nobody meant to share: ``def add(x, into=[])``.
The same mechanics are also an idiom: a memo table, a counter cell, a closure's
state.  Each sign here is in the code, not guessed from a corpus:

- the function is nested in another function, so its ``def`` (and the default)
  runs again on every call of the outer one: the object is the state of one
  closure, not of the program (``def reader(lnum=[lnum])`` in a loop);
- the parameter's name says it: private (``_cache``, ``_mainns``: not for callers
  to pass) or naming a cache or memo;
- every change stores an item under a key computed from another parameter, and the
  function reads items back (``cache[path] = result`` and ``return cache[path]``):
  a memo table.  A key only tested with ``in`` is not enough: that is a "seen"
  set, the classic accumulator bug of a recursive walk;
- the default is a list with items and every change replaces one of them
  (``count=[0]`` with ``count[0] += 1``): a mutable cell, whose length never changes.

A default with one of these signs is not reported (the sharing is real, but the
code shows it is wanted; Ruff's B006 still reports it); :func:`kept_on_purpose`
says which sign.
"""

from __future__ import annotations

import ast

from pygloss.rules._default_use import Use
from pygloss.rules._default_uses import uses
from pygloss.rules.base import RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda

_STATE_WORDS = ("cache", "memo")


def kept_on_purpose(
    ctx: RuleContext, function: Function, arg: ast.arg, default: ast.expr
) -> str | None:
    """Why the mutation of *arg*'s default looks intended, as a message clause."""
    outer = ctx.enclosing_function(function)
    if outer is not None:
        owner = "a lambda" if isinstance(outer, ast.Lambda) else f"`{outer.name}`"
        return f"it is nested in {owner}, so each run of {owner} makes a new one"
    name = arg.arg
    if name.startswith("_"):
        return f"the private name `{name}` suggests the sharing is intended"
    if any(word in name.lower() for word in _STATE_WORDS):
        return f"the name `{name}` suggests the sharing is intended"
    changes = [u for u in uses(ctx, function, name) if u.mutation]
    if not changes or any(u.kind != "mutates" for u in changes):
        return None
    others = _parameters(function) - {name}
    if all(_keyed_by(u, others) for u in changes) and _reads_items(function, name):
        return "it stores and reads back items keyed by an argument, as a memo table does"
    if isinstance(default, ast.List) and default.elts and all(_target(u) for u in changes):
        return "every change replaces an item, so its length never changes: a mutable cell"
    return None


def _parameters(function: Function) -> set[str]:
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return {a.arg for a in every if a is not None}


def _target(use: Use) -> ast.expr | None:
    """The key a change writes at: ``k`` of ``d[k] = v`` or ``d[k] += v``."""
    node = use.node
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
        return node.slice
    return None


def _keyed_by(use: Use, parameters: set[str]) -> bool:
    key = _target(use)
    return key is not None and any(
        isinstance(n, ast.Name) and n.id in parameters for n in ast.walk(key)
    )


def _reads_items(function: Function, name: str) -> bool:
    """Whether *function* reads an item of *name* back (``name[k]``, ``name.get(k)``)."""
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
            and node.value.id == name
        ):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "setdefault")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            return True
    return False
