"""PG110: ``timeit.timeit(f())`` times the *result* of one call, which is not callable.

``timeit`` wants a callable or a statement string.  ``f()`` runs ``f`` once, right
away, and passes what it returned; unless that is a string or a callable, timeit
raises ``ValueError: stmt is neither a string nor callable``.  The rule reports
only when it can see the result is neither: a builtin such as ``sum(...)``, or a
function of this file whose ``return`` values are plainly data (or None).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._fixkit import may_be_caught, rebinds_module_name
from pygloss.rules._resolve import function_called, is_generator, returned_values
from pygloss.rules.base import (
    Edit,
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Rule,
    RuleContext,
    Valid,
)

_TIMEIT = frozenset({"timeit.timeit", "timeit.repeat", "timeit.Timer"})
_DATA_BUILTINS = frozenset(
    f"builtins.{name}"
    for name in [
        "sum",
        "len",
        "sorted",
        "list",
        "dict",
        "set",
        "tuple",
        "frozenset",
        "min",
        "max",
        "abs",
        "round",
        "any",
        "all",
        "range",
        "int",
        "float",
        "bool",
        "divmod",
        "pow",
        "sorted",
        "reversed",
        "enumerate",
        "zip",
        "map",
        "filter",
        "print",
    ]
)
_DATA_NODES = (
    ast.List,
    ast.Dict,
    ast.Set,
    ast.Tuple,
    ast.ListComp,
    ast.DictComp,
    ast.SetComp,
    ast.GeneratorExp,
    ast.BinOp,
    ast.UnaryOp,
    ast.Compare,
    ast.BoolOp,
)


def _plainly_data(value: ast.expr | None, ctx: RuleContext) -> bool:
    if value is None:
        return True
    if isinstance(value, ast.Constant):
        return not isinstance(value.value, str)
    if isinstance(value, ast.Call):
        return ctx.qualified(value.func) in _DATA_BUILTINS
    if isinstance(value, ast.IfExp):
        return _plainly_data(value.body, ctx) and _plainly_data(value.orelse, ctx)
    return isinstance(value, _DATA_NODES)


def _statement_argument(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "stmt":
            return keyword.value
    return call.args[0] if call.args else None


def result_is_not_callable(call: ast.Call, ctx: RuleContext) -> bool:
    if ctx.qualified(call.func) in _DATA_BUILTINS:
        return True
    function = function_called(ctx, call)
    if function is None:
        return False
    if isinstance(function, ast.AsyncFunctionDef) or is_generator(function):
        return True  # a coroutine or a generator object
    return all(_plainly_data(value, ctx) for value in returned_values(function))


# builtins whose result is never a string or a callable, whatever their arguments
_FIXED_TYPE_BUILTINS = frozenset(
    f"builtins.{name}"
    for name in (
        "len",
        "sorted",
        "list",
        "dict",
        "set",
        "tuple",
        "frozenset",
        "range",
        "int",
        "float",
        "bool",
        "any",
        "all",
        "enumerate",
        "zip",
        "map",
        "filter",
        "print",
    )
)
_FIXED_TYPE_NODES = (
    ast.List,
    ast.Dict,
    ast.Set,
    ast.Tuple,
    ast.ListComp,
    ast.DictComp,
    ast.SetComp,
    ast.GeneratorExp,
)


def _certainly_data(value: ast.expr | None) -> bool:
    if value is None or isinstance(value, _FIXED_TYPE_NODES):
        return True
    if isinstance(value, ast.Constant):
        return not isinstance(value.value, str)
    if isinstance(value, ast.IfExp):
        return _certainly_data(value.body) and _certainly_data(value.orelse)
    return False


def _certainly_rejected(call: ast.Call, ctx: RuleContext) -> bool:
    """Whether timeit certainly raises ValueError on what *call* returns (the basis
    of the safe fix): a builtin whose result has a fixed type that is neither a
    string nor callable, or a plain module function (no decorator, not a method a
    subclass could override) whose every ``return`` is such a value, a coroutine or a
    generator.  ``a + b`` or ``max(...)`` may be a string, which timeit runs."""
    if ctx.qualified(call.func) in _FIXED_TYPE_BUILTINS:
        return True
    if not isinstance(call.func, ast.Name):
        return False
    function = function_called(ctx, call)
    if function is None or function.decorator_list:
        return False
    if ctx.module_functions.get(call.func.id) is not function:
        return False  # a nested def may be rebound in its function (`work = wrap(work)`)
    if rebinds_module_name(ctx, call.func.id):
        return False
    if isinstance(function, ast.AsyncFunctionDef) or is_generator(function):
        return True
    return all(_certainly_data(value) for value in returned_values(function))


class TimeitCallResult(Rule):
    code = "PG110"
    name = "timeit-call-result"
    message = "`timeit` is given the result of a call, not something it can call"
    fix_title = "Pass the function (or a lambda) instead of calling it"
    fix_safety = FixSafety.SAFE
    topic = "pg110-timeit-call-result"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    requires = ("timeit",)
    calls = frozenset({"timeit", "repeat", "Timer"})

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        name = ctx.qualified(node.func)
        if name not in _TIMEIT:
            return
        stmt = _statement_argument(node)
        if not isinstance(stmt, ast.Call) or not result_is_not_callable(stmt, ctx):
            return
        func = ctx.source.segment(stmt.func)
        message = (
            f"`{name.rsplit('.', 1)[-1]}` gets what `{func}(...)` returned (called once, now), "
            "not something to call and time; pass the callable"
        )
        yield self.finding(ctx, stmt, message)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        call = ctx.find_node(finding.start, finding.end, ast.Call)
        if call is None:
            return None
        text = ctx.source.segment(call)
        if not call.args and not call.keywords:
            replacement = ctx.source.segment(call.func)
        else:
            replacement = f"lambda: {text}"
        edit = Edit(finding.start, finding.end, replacement)
        safe = _certainly_rejected(call, ctx) and not may_be_caught(call, ctx)
        return Fix(self.fix_title or "", FixSafety.SAFE if safe else FixSafety.UNSAFE, (edit,))

    VALID = [
        Valid("import timeit\n\ndef work():\n    return 1\n\ntimeit.timeit(work, number=10)\n"),
        Valid("import timeit\n\ntimeit.timeit('sum(range(9))', number=10)\n"),
        Valid(
            "import timeit\n\ndef make(n):\n    def run():\n        return n\n    return run\n\n"
            "timeit.timeit(make(3), number=10)\n",
        ),
        Valid("import timeit, functools\n\ntimeit.timeit(functools.partial(f, 1))\n"),
        Valid("import timeit\n\ndef stmt():\n    return 'x = 1'\n\ntimeit.timeit(stmt())\n"),
        Valid("from mylib import timeit\n\ntimeit(sum([1, 2]))\n"),
        Valid("import timeit\n\ntimeit.timeit(lambda: sum(range(9)), number=10)\n"),
    ]
    INVALID = [
        Invalid(
            "import timeit\n\ndef work():\n    total = 0\n\n"
            "print(timeit.timeit(work(), number=10))\n",
            fixed="import timeit\n\ndef work():\n    total = 0\n\n"
            "print(timeit.timeit(work, number=10))\n",
        ),
        Invalid(
            "import timeit\n\ntimeit.timeit(sum(range(100)), number=10)\n",
            fixed="import timeit\n\ntimeit.timeit(lambda: sum(range(100)), number=10)\n",
        ),
        Invalid(
            "from timeit import repeat\n\ndef total(n):\n"
            "    return 0 if n < 1 else sum(range(n))\n\n"
            "repeat(stmt=total(20), number=3)\n",
            fixed="from timeit import repeat\n\ndef total(n):\n"
            "    return 0 if n < 1 else sum(range(n))\n\n"
            "repeat(stmt=lambda: total(20), number=3)\n",
        ),
        Invalid(
            "import timeit\n\nclass Bench:\n    def step(self):\n        return [1]\n\n"
            "    def run(self):\n        return timeit.Timer(self.step()).timeit(5)\n",
            fixed="import timeit\n\nclass Bench:\n    def step(self):\n        return [1]\n\n"
            "    def run(self):\n        return timeit.Timer(self.step).timeit(5)\n",
        ),
    ]
