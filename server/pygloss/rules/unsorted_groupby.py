"""PG107: ``itertools.groupby`` on data not known to be sorted by the grouping key.

``groupby`` starts a new group each time the key changes, so unsorted data gives
several groups per key.  That is harmless when the groups are only counted or
accumulated, and grouping *runs* on purpose is legitimate (run-length encoding,
``groupby(enumerate(xs), ...)``), so the rule needs two things: the groups are
collected one per key (a dict comprehension or ``dict(...)`` keyed by the group
key, or ``result[key] = ...`` in the loop: a later group overwrites an earlier
one), and the data is visibly unordered (a parameter or variable never sorted in
this scope, dict views, ``set(...)``, ``os.listdir``, ``glob``...).  Data from an
unknown call, an attribute or a subscript is given the benefit of the doubt.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Any

from pygloss.rules._resolve import scope_nodes
from pygloss.rules._scopes import parameter_names, target_names
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

SORTED, UNKNOWN, UNSORTED = "sorted", "unknown", "unsorted"
_ORDERED_CALLS = frozenset(
    {
        "builtins.sorted",
        "builtins.enumerate",
        "builtins.zip",
        "builtins.range",
        "itertools.count",
        "heapq.merge",
        "heapq.nsmallest",
        "heapq.nlargest",
    }
)
_ORDERED_METHODS = frozenset({"order_by", "most_common", "sort_values", "sorted", "sort_index"})
_UNORDERED_CALLS = frozenset(
    {"builtins.set", "os.listdir", "os.scandir", "glob.glob", "glob.iglob", "os.walk"}
)
_UNORDERED_METHODS = frozenset({"items", "keys", "values", "iterdir", "glob", "rglob"})
_PASS_THROUGH = frozenset(
    {"builtins.list", "builtins.tuple", "builtins.iter", "builtins.reversed", "builtins.filter"}
)
_AWARE = re.compile(r"sort|consecutive|contiguous|adjacent|\bruns?\b", re.I)

Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None


def order_of(expr: ast.expr, ctx: RuleContext, scope: Scope, depth: int = 0) -> str:
    """Whether *expr* is known ``sorted`` (or grouped on purpose), ``unsorted`` or neither."""
    if depth > 4:
        return UNKNOWN
    if isinstance(expr, ast.Constant):
        return SORTED if isinstance(expr.value, str | bytes) else UNKNOWN
    if isinstance(expr, ast.List | ast.Tuple):
        values: list[Any] = [e.value for e in expr.elts if isinstance(e, ast.Constant)]
        if len(values) != len(expr.elts):
            return UNKNOWN
        try:
            return SORTED if values == sorted(values) else UNSORTED
        except TypeError:
            return UNKNOWN
    if isinstance(expr, ast.ListComp | ast.GeneratorExp | ast.SetComp):
        if isinstance(expr, ast.SetComp):
            return UNSORTED
        return order_of(expr.generators[0].iter, ctx, scope, depth + 1)
    if isinstance(expr, ast.Call):
        name = ctx.qualified(expr.func)
        method = expr.func.attr if isinstance(expr.func, ast.Attribute) else None
        if name in _ORDERED_CALLS or method in _ORDERED_METHODS:
            return SORTED
        if name in _UNORDERED_CALLS or (method in _UNORDERED_METHODS and not expr.args):
            return UNSORTED
        if name in _PASS_THROUGH and expr.args:
            return order_of(expr.args[-1], ctx, scope, depth + 1)
        return UNKNOWN
    if isinstance(expr, ast.Name):
        return _name_order(expr.id, ctx, scope, depth)
    return UNKNOWN


def _name_order(name: str, ctx: RuleContext, scope: Scope, depth: int) -> str:
    nodes = list(scope_nodes(ctx, scope))
    values: list[ast.expr] = []
    for node in nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value
            if node.func.attr == "sort" and isinstance(target, ast.Name) and target.id == name:
                return SORTED
        if isinstance(node, ast.Assign) and any(name in target_names(t) for t in node.targets):
            if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                values.append(node.value)
            else:
                return UNKNOWN
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor | ast.With):
            if isinstance(node, ast.With):
                if any(
                    name in target_names(i.optional_vars) for i in node.items if i.optional_vars
                ):
                    return UNKNOWN
            elif name in target_names(node.target):
                if isinstance(node, ast.AnnAssign) and node.value is not None:
                    values.append(node.value)
                else:
                    return UNKNOWN
    if not values:
        is_param = isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and (
            name in parameter_names(scope.args)
        )
        return UNSORTED if is_param else UNKNOWN
    orders = {order_of(v, ctx, scope, depth + 1) for v in values}
    return orders.pop() if len(orders) == 1 else UNKNOWN


def _key_name(target: ast.expr) -> str | None:
    """``k`` in ``for k, g in ...`` / ``for k, _ in ...``."""
    if isinstance(target, ast.Tuple) and target.elts and isinstance(target.elts[0], ast.Name):
        return target.elts[0].id
    return None


def one_group_per_key(call: ast.Call, ctx: RuleContext) -> bool:
    """Whether the groups of *call* are collected into something keyed by the group key."""
    parent = ctx.parent(call)
    if isinstance(parent, ast.Call) and ctx.qualified(parent.func) == "builtins.dict":
        return True  # dict(groupby(...))
    if isinstance(parent, ast.comprehension) and parent.iter is call:
        key = _key_name(parent.target)
        outer = ctx.parent(parent)
        if isinstance(outer, ast.DictComp):
            return key is not None and isinstance(outer.key, ast.Name) and outer.key.id == key
        if isinstance(outer, ast.GeneratorExp | ast.ListComp):
            consumer = ctx.parent(outer)
            return isinstance(consumer, ast.Call) and ctx.qualified(consumer.func) == (
                "builtins.dict"
            )
        return False
    if isinstance(parent, ast.For) and parent.iter is call:
        key = _key_name(parent.target)
        for node in ast.walk(ast.Module(body=parent.body, type_ignores=[])):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.slice, ast.Name)
                        and target.slice.id == key
                    ):
                        return True
    return False


def _arguments(call: ast.Call) -> tuple[ast.expr | None, ast.expr | None]:
    data = call.args[0] if call.args else None
    key = call.args[1] if len(call.args) > 1 else None
    for keyword in call.keywords:
        if keyword.arg == "iterable":
            data = keyword.value
        elif keyword.arg == "key":
            key = keyword.value
    return data, key


class UnsortedGroupby(Rule):
    code = "PG107"
    name = "unsorted-groupby"
    message = "`groupby` on data not sorted by the key: equal keys apart give separate groups"
    fix_title = "Sort the data by the same key first"
    fix_safety = FixSafety.UNSAFE
    topic = "pg107-unsorted-groupby"
    stubs = False  # a stub file never runs
    severity = Severity.INFORMATION
    nodes = (ast.Call,)
    requires = ("groupby",)
    calls = frozenset({"groupby"})

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        if ctx.qualified(node.func) != "itertools.groupby":
            return
        data, _ = _arguments(node)
        if data is None:
            return
        scope = ctx.enclosing_function(node)
        if order_of(data, ctx, scope) != UNSORTED or not one_group_per_key(node, ctx):
            return
        if self._aware(ctx, node, scope):
            return
        text = ctx.source.segment(data)
        shown = text if len(text) <= 30 and "\n" not in text else "the data"
        message = (
            f"`groupby` only groups *consecutive* equal keys, and `{shown}` is not sorted by "
            "the key here: a key that comes back later makes a second group, which replaces "
            "the first one here"
        )
        yield self.finding(ctx, data, message)

    def _aware(self, ctx: RuleContext, call: ast.Call, scope: Scope) -> bool:
        """The author says the data is sorted or grouped in runs on purpose."""
        line = ctx.source.line_of(ctx.span(call)[0])
        comments = ctx.source.line_text(line) + ctx.source.line_text(line - 1)
        if "#" in comments and _AWARE.search(comments[comments.index("#") :]):
            return True
        docstring = ast.get_docstring(scope) if isinstance(scope, ast.FunctionDef) else None
        return bool(docstring and _AWARE.search(docstring))

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        found = ctx.find_node(finding.start, finding.end, ast.expr)
        parent = ctx.parent(found) if found is not None else None
        if isinstance(parent, ast.keyword):
            parent = ctx.parent(parent)
        for node in [parent] if isinstance(parent, ast.Call) else []:
            data, key = _arguments(node)
            if data is None or ctx.span(data) != (finding.start, finding.end):
                continue
            text = ctx.source.segment(data)
            if key is None or (isinstance(key, ast.Constant) and key.value is None):
                wrapped = f"sorted({text})"
            else:
                wrapped = f"sorted({text}, key={ctx.source.segment(key)})"
            edit = Edit(finding.start, finding.end, wrapped)
            return Fix(self.fix_title or "", FixSafety.UNSAFE, (edit,))
        return None

    VALID = [
        Valid("from itertools import groupby\n\ndef runs(s):\n    return groupby(sorted(s))\n"),
        Valid(
            "import itertools\n\ndef by_kind(items):\n    items.sort(key=kind)\n"
            "    return itertools.groupby(items, key=kind)\n",
        ),
        Valid(
            "from itertools import groupby\n\nencoded = [(k, len(list(g))) for k, g in "
            "groupby('AAABBC')]\n"
        ),
        Valid(
            "from itertools import groupby\n\ndef spans(nums):\n"
            "    return groupby(enumerate(nums), lambda p: p[1] - p[0])\n",
        ),
        Valid(
            "from itertools import groupby\n\ndef by_day(rows):\n"
            '    """Group rows, which arrive sorted by day."""\n'
            "    return groupby(rows, key=day)\n",
        ),
        Valid("from itertools import groupby\n\ndef f():\n    return groupby(load(), key=k)\n"),
        Valid(
            "from itertools import groupby\n\ndef f(rows):\n"
            "    rows = sorted(rows, key=k)\n    return groupby(rows, k)\n",
        ),
        Valid("from mylib import groupby\n\ndef f(rows):\n    return groupby(rows, k)\n"),
        Valid(
            "from itertools import groupby\n\ndef totals(rows, sums):\n"
            "    for kind, group in groupby(rows, key=type):\n"
            "        sums[kind] += len(list(group))\n",
        ),
        Valid(
            "from itertools import groupby\n\ndef show(rows):\n"
            "    for kind, group in groupby(rows, key=type):\n        print(kind, list(group))\n",
        ),
    ]
    INVALID = [
        Invalid(
            "from itertools import groupby\n\ndef by_city(people):\n"
            "    return {city: list(g) for city, g in groupby(people, key=city_of)}\n",
            fixed="from itertools import groupby\n\ndef by_city(people):\n"
            "    return {city: list(g) for city, g in groupby(sorted(people, key=city_of), "
            "key=city_of)}\n",
        ),
        Invalid(
            "import itertools\n\ndef f(counts):\n"
            "    return dict(itertools.groupby(counts.items(), lambda kv: kv[1]))\n",
            fixed="import itertools\n\ndef f(counts):\n"
            "    return dict(itertools.groupby(sorted(counts.items(), key=lambda kv: kv[1]), "
            "lambda kv: kv[1]))\n",
        ),
        Invalid(
            "import os\nfrom itertools import groupby\n\nnames = os.listdir('.')\n"
            "by_length = dict((k, list(g)) for k, g in groupby(names, key=len))\n",
            fixed="import os\nfrom itertools import groupby\n\nnames = os.listdir('.')\n"
            "by_length = dict((k, list(g)) for k, g in groupby(sorted(names, key=len), key=len))\n",
        ),
        Invalid(
            "from itertools import groupby\n\ndef f(words):\n"
            "    firsts = [w[0] for w in words]\n    index = {}\n"
            "    for letter, group in groupby(firsts):\n        index[letter] = list(group)\n"
            "    return index\n",
            fixed="from itertools import groupby\n\ndef f(words):\n"
            "    firsts = [w[0] for w in words]\n    index = {}\n"
            "    for letter, group in groupby(sorted(firsts)):\n"
            "        index[letter] = list(group)\n    return index\n",
        ),
        Invalid(
            "from itertools import groupby as runs\n\ndef f(xs):\n"
            "    return {k: len(list(g)) for k, g in runs(xs)}\n",
            fixed="from itertools import groupby as runs\n\ndef f(xs):\n"
            "    return {k: len(list(g)) for k, g in runs(sorted(xs))}\n",
        ),
    ]
