"""PG117: ``items = items or []`` replaces *every* falsy argument, not only None.

A caller who passes their own empty list (to collect results into it) gets it
silently swapped for a new one; ``0``, ``""`` and ``False`` are replaced too.
Reported only for a parameter whose default is None (or which has none), when the
fallback is a fresh mutable container, and only when the object's identity matters:
the function then mutates, returns, stores or passes it on (see
:mod:`pygloss.rules._default_uses`).  A function that only reads it cannot tell the
caller's empty container from its own, so the swap is harmless there.

Every finding is a hint.  A mutation loses something a caller could see (the items
added to their own empty container), but only if some caller passes an empty
container and reads it back, which is not in the function; on real projects no
caller did (ecosystem: 0 of 4 mutating cases worth acting on, the callers pass
``x or {}`` themselves or discard the dict).

Off by default (``extend-select = ["PG117"]`` turns it on): of its 20 hints on the
ecosystem projects and reference corpora, the second independent review judged none
worth acting on (1 debatable, 19 false: the container is only read further on,
serialized, or discarded by every caller); docs/rule-list.md states it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._default_uses import risky_use
from pygloss.rules._fixkit import indent_unit, line_indent, newline_of, statement_alone
from pygloss.rules._values import is_mutable
from pygloss.rules.base import (
    Edit,
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Rule,
    RuleContext,
    Severity,
    Valid,
)
from pygloss.rules.mutable_default import defaults_of


def _defaulting(node: ast.Assign | ast.AnnAssign, ctx: RuleContext) -> tuple[str, ast.expr] | None:
    """``(name, fallback)`` for ``name = name or <mutable fallback>``."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = node.value
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        return None
    if not isinstance(value, ast.BoolOp) or not isinstance(value.op, ast.Or):
        return None
    if len(value.values) != 2:
        return None
    first, fallback = value.values
    name = targets[0].id
    if not isinstance(first, ast.Name) or first.id != name or not is_mutable(fallback, ctx):
        return None
    return name, fallback


def _parameter_defaults_to_none(
    function: ast.FunctionDef | ast.AsyncFunctionDef, name: str
) -> bool:
    args = function.args
    if name not in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}:
        return False  # not a parameter, or *args / **kwargs (never None)
    for arg, default in defaults_of(function):
        if arg.arg == name:
            return isinstance(default, ast.Constant) and default.value is None
    return True


class OrDefaultParameter(Rule):
    code = "PG117"
    name = "or-default-parameter"
    message = "`x = x or []` replaces any falsy argument, not only None"
    fix_title = "Replace only None: `if x is None: x = []`"
    fix_safety = FixSafety.UNSAFE
    topic = "pg117-or-default-parameter"
    stubs = False  # a stub file never runs
    severity = Severity.HINT  # whether a caller relies on its empty container is not here
    default_enabled = False  # measured precision too low on real code (docs/rule-list.md)
    nodes = (ast.Assign, ast.AnnAssign)
    # not statement-local: reads the whole function, and follows calls into the module
    requires = (" or ",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Assign | ast.AnnAssign)
        found = _defaulting(node, ctx)
        if found is None:
            return
        name, fallback = found
        function = ctx.enclosing_function(node)
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            return
        if not _parameter_defaults_to_none(function, name):
            return
        use = risky_use(ctx, function, name)
        if use is None:
            return  # only read: the caller's empty container and a new one look the same
        fallback_text = ctx.source.segment(fallback)
        message = (
            f"`{name} = {name} or {fallback_text}` also replaces an empty container the "
            f"caller passed (and any other falsy value), and this function "
            f"{use.describe(ctx)}; test `if {name} is None`"
        )
        yield self.finding(ctx, node, message)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        node = ctx.find_node(finding.start, finding.end, ast.Assign)
        found = _defaulting(node, ctx) if node is not None else None
        function = ctx.enclosing_function(node) if node is not None else None
        if (
            node is None
            or found is None
            or not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        ):
            return None
        source = ctx.source
        if not statement_alone(source, finding.start, finding.end):
            return None
        name, fallback = found
        outer = line_indent(source, ctx.span(function)[0])
        inner = line_indent(source, ctx.span(function.body[0])[0])
        unit = indent_unit(source, outer, inner)
        here = line_indent(source, finding.start)
        newline = newline_of(source, finding.start)
        text = f"if {name} is None:{newline}{here}{unit}{name} = {source.segment(fallback)}"
        return Fix(
            self.fix_title or "", FixSafety.UNSAFE, (Edit(finding.start, finding.end, text),)
        )

    VALID = [
        Valid("def f(items=None):\n    if items is None:\n        items = []\n    return items\n"),
        Valid("def f(name=None):\n    name = name or 'anonymous'\n    return name\n"),
        Valid("def f(**kwargs):\n    kwargs = kwargs or {}\n    return kwargs\n"),
        Valid("def f(items=()):\n    items = items or []\n    return items\n"),
        Valid("def f():\n    items = load() or []\n    return items\n"),
        Valid("def f(items=None):\n    result = items or []\n    return result\n"),
        Valid("items = None\nitems = items or []\n"),
        # only read afterwards: an empty dict of the caller's and a new one look the
        # same (ecosystem: `params = params or {}` in aiohttp, starlette, celery)
        Valid(
            "def request(url, params=None):\n    params = params or {}\n"
            "    for key, value in params.items():\n        print(key, value)\n"
        ),
    ]
    INVALID = [
        Invalid(
            "def collect(out=None):\n    out = out or []\n    out.append(1)\n    return out\n",
            fixed="def collect(out=None):\n    if out is None:\n        out = []\n"
            "    out.append(1)\n    return out\n",
        ),
        Invalid(
            "class C:\n    def __init__(self, opts: dict | None = None):\n"
            "        opts = opts or {}\n        self.opts = opts\n",
            fixed="class C:\n    def __init__(self, opts: dict | None = None):\n"
            "        if opts is None:\n            opts = {}\n        self.opts = opts\n",
        ),
        Invalid(
            "async def run(tasks):\n  if True:\n    tasks = tasks or list()\n  return tasks\n",
            fixed="async def run(tasks):\n  if True:\n    if tasks is None:\n      tasks = list()\n"
            "  return tasks\n",
        ),
        Invalid(
            "def f(seen=None): seen = seen or set(); return seen\n",
        ),
        Invalid(
            "def f(*, tags: 'list[str] | None' = None):\n    tags: list = tags or ['a']\n"
            "    return tags\n",
        ),
    ]
