"""PG106: a decorator's wrapper calls the function but never returns its result.

Reported only when a call's result is thrown away on the spot (``func(*args)`` or
``await func(*args)`` as a statement): a wrapper that binds the result and hands it
to something else (``coro = func(...)``, ``runner.run(coro)``) does something with it
on purpose, such as running a coroutine.  A wrapper annotated ``-> None`` says it
returns nothing, and so does a decorator whose parameter is annotated as a callable
returning None (``Callable[[], Awaitable[None]]``): not reported.  A warning when the
file applies the decorator (``@name``) or shows it for others to apply (PG105's test);
any other such wrapper is a hint, since a wrapper the file only calls may be run for
its effect alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._decorators import (
    DecoratorShape,
    applied_as_decorator,
    decorator_shape,
    def_name_span,
    for_others,
    in_test_code,
)
from pygloss.rules._fixkit import starts_line
from pygloss.rules._resolve import is_generator, own_nodes
from pygloss.rules._values import unquoted
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
    tail_name,
)


def _returns_a_value(wrapper: ast.AST) -> bool:
    return any(isinstance(n, ast.Return) and n.value is not None for n in own_nodes(wrapper))


def _discards(ctx: RuleContext, wrapper: ast.AST, call: ast.Call) -> bool:
    """Whether the wrapper throws the call's result away: a bare statement, or a name
    bound to it that is never read."""
    parent = ctx.parent(call)
    if isinstance(parent, ast.Await):
        parent = ctx.parent(parent)
    if isinstance(parent, ast.Expr):
        return True
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        if isinstance(target, ast.Name):
            return not any(
                isinstance(n, ast.Name) and n.id == target.id and isinstance(n.ctx, ast.Load)
                for n in ast.walk(wrapper)
            )
    return False


def _is_none(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _takes_none_returning(shape: DecoratorShape) -> bool:
    """Whether the decorator's parameter is annotated as a callable that returns None
    (``Callable[..., None]``, or an awaitable or coroutine of None: prefect's
    ``fn: Callable[[], Awaitable[None]]``): then there is no result to drop."""
    args = shape.outer.args
    param = next(
        (a for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if a.arg == shape.param),
        None,
    )
    annotation = unquoted(param.annotation) if param is not None else None
    if not isinstance(annotation, ast.Subscript) or tail_name(annotation.value) != "Callable":
        return False
    parts = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
    result = parts[-1] if len(parts) == 2 else None
    if isinstance(result, ast.Subscript) and tail_name(result.value) in _AWAITING:
        inner = result.slice
        result = inner.elts[-1] if isinstance(inner, ast.Tuple) and inner.elts else inner
    return _is_none(result)


_AWAITING = frozenset({"Awaitable", "Coroutine"})


def _last_call_statement(shape: DecoratorShape) -> ast.Expr | None:
    """The wrapper's last statement when it is the bare call (``func(...)``/``await``)."""
    last = shape.wrapper.body[-1]
    if not isinstance(last, ast.Expr):
        return None
    value = last.value.value if isinstance(last.value, ast.Await) else last.value
    return last if any(value is call for call in shape.calls) else None


class WrapperDropsResult(Rule):
    code = "PG106"
    name = "wrapper-drops-result"
    message = "Decorator wrapper never returns the function's result: decorated calls return None"
    fix_title = "Return the result of the call"
    fix_safety = FixSafety.UNSAFE
    topic = "pg106-wrapper-drops-result"
    stubs = False  # a stub file never runs
    nodes = (ast.FunctionDef, ast.AsyncFunctionDef)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        shape = decorator_shape(ctx, node)
        if shape is None or _returns_a_value(shape.wrapper) or is_generator(shape.wrapper):
            return
        if in_test_code(ctx) or shape.param.startswith("test"):
            return  # decorators of test functions: tests return None anyway
        if _is_none(shape.wrapper.returns):
            return  # `-> None`: the author says the wrapper returns nothing
        if _takes_none_returning(shape):
            return  # `fn: Callable[[], Awaitable[None]]`: nothing to return
        if not any(_discards(ctx, shape.wrapper, call) for call in shape.calls):
            return  # the result is bound and used: what the wrapper does with it is on purpose
        start, end = def_name_span(ctx, shape.wrapper)
        message = (
            f"`{shape.wrapper.name}` calls `{shape.param}(...)` but never returns its result: "
            "every decorated function now returns None"
        )
        last = _last_call_statement(shape)
        fixable = last is not None and starts_line(ctx.source, ctx.span(last)[0])
        data = {} if fixable else {"fixable": False}  # no quick fix offered for this one
        # a warning when functions are seen decorated with it (here, or by others as its
        # docs show); a wrapper the file only calls may be run for its effect alone
        # (Django's `check_errors` wraps thread targets)
        outer = shape.outer
        applied = applied_as_decorator(ctx, outer.name) or for_others(ctx, outer)
        severity = self.severity if applied else Severity.HINT
        yield Finding(self.code, message, start, end, severity, data)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        wrapper = ctx.definition_at(finding.start)
        outer = ctx.parent(wrapper) if wrapper is not None else None
        for node in [outer] if outer is not None else []:
            shape = decorator_shape(ctx, node)
            if shape is None or def_name_span(ctx, shape.wrapper) != (finding.start, finding.end):
                continue
            last = _last_call_statement(shape)
            if last is None:
                return None
            start = ctx.span(last)[0]
            if not starts_line(ctx.source, start):
                return None
            return Fix(self.fix_title or "", FixSafety.UNSAFE, (Edit(start, start, "return "),))
        return None

    VALID = [
        Valid(
            "def log(func):\n    def wrapper(*args, **kwargs):\n"
            "        result = func(*args, **kwargs)\n        print(result)\n        return result\n"
            "    return wrapper\n",
        ),
        # takes only functions that return None (prefect's block registration memo)
        Valid(
            "from typing import Awaitable, Callable\n\n"
            "def memoized(fn: Callable[[], Awaitable[None]]):\n"
            "    async def wrapper(*args, **kwargs):\n        await fn(*args, **kwargs)\n"
            "    return wrapper\n\n@memoized\nasync def register():\n    pass\n",
        ),
        # declared to return nothing (ecosystem: litestar's listener error handler)
        Valid(
            "def handle_errors(fn):\n    async def wrapped(*args, **kwargs) -> None:\n"
            "        try:\n            await fn(*args, **kwargs)\n"
            "        except Exception:\n            log.exception('listener failed')\n"
            "    return wrapped\n",
        ),
        # the result (a coroutine) is handed to a runner on purpose (ecosystem:
        # pytest-asyncio's sync wrapper around async tests)
        Valid(
            "import functools\n\ndef wrap_in_sync(func, runner):\n"
            "    @functools.wraps(func)\n"
            "    def inner(*args, **kwargs):\n"
            "        coro = func(*args, **kwargs)\n"
            "        runner.run(coro)\n"
            "    return inner\n",
        ),
        Valid(
            "def once(func):\n    def wrapper(*args, **kwargs):\n        if done:\n"
            "            return None\n        return func(*args, **kwargs)\n    return wrapper\n",
        ),
        Valid(
            "def make_handler(callback):\n    def handler(event):\n        callback(event)\n"
            "    return handler\n",
        ),
        Valid(
            "def each(func):\n    def wrapper(*args, **kwargs):\n"
            "        for item in func(*args, **kwargs):\n            yield item\n"
            "    return wrapper\n",
        ),
        Valid(
            "def quiet(func):\n    def wrapper(*args, **kwargs):\n"
            "        try:\n            return func(*args, **kwargs)\n        except OSError:\n"
            "            pass\n    return wrapper\n",
        ),
    ]
    INVALID = [
        Invalid(
            "import functools\n\ndef log(func):\n    @functools.wraps(func)\n"
            "    def wrapper(*args, **kwargs):\n        print('calling')\n"
            "        func(*args, **kwargs)\n    return wrapper\n\n@log\ndef add(a, b):\n"
            "    return a + b\n",
            fixed="import functools\n\ndef log(func):\n    @functools.wraps(func)\n"
            "    def wrapper(*args, **kwargs):\n        print('calling')\n"
            "        return func(*args, **kwargs)\n    return wrapper\n\n@log\ndef add(a, b):\n"
            "    return a + b\n",
        ),
        Invalid(
            "def traced(func):\n    async def wrapper(*args):\n        await func(*args)\n"
            "    return wrapper\n",
            fixed="def traced(func):\n    async def wrapper(*args):\n"
            "        return await func(*args)\n    return wrapper\n",
            severity="hint",  # never applied here: it may wrap callbacks run for effect
        ),
        Invalid(
            "def timed(func):\n    def wrapper(*args, **kwargs):\n"
            "        value = func(*args, **kwargs)\n        print('done')\n    return wrapper\n",
            severity="hint",
        ),
        Invalid(
            "def guarded(func):\n    def wrapper(x):\n        with lock:\n            func(x)\n"
            "    return wrapper\n\n@guarded\ndef double(x):\n    return 2 * x\n",
        ),
        Invalid(
            "def checked(func):\n    def wrapper(*args, **kwargs):\n        if not ready:\n"
            "            return\n        func(*args, **kwargs)\n    return wrapper\n",
            fixed="def checked(func):\n    def wrapper(*args, **kwargs):\n        if not ready:\n"
            "            return\n        return func(*args, **kwargs)\n    return wrapper\n",
            severity="hint",
        ),
        # takes functions that return something: their results are lost
        Invalid(
            "from typing import Callable\n\ndef logged(fn: Callable[[int], int]):\n"
            "    def wrapper(x):\n        print(x)\n        fn(x)\n    return wrapper\n\n"
            "@logged\ndef double(x):\n    return 2 * x\n",
            fixed="from typing import Callable\n\ndef logged(fn: Callable[[int], int]):\n"
            "    def wrapper(x):\n        print(x)\n        return fn(x)\n    return wrapper\n\n"
            "@logged\ndef double(x):\n    return 2 * x\n",
        ),
        # documented for others to apply: a warning though this file never applies it
        Invalid(
            'def traced(func):\n    """Log each call: ``@traced``."""\n\n'
            "    def wrapper(*args):\n        print(args)\n        func(*args)\n"
            "    return wrapper\n",
            fixed='def traced(func):\n    """Log each call: ``@traced``."""\n\n'
            "    def wrapper(*args):\n        print(args)\n        return func(*args)\n"
            "    return wrapper\n",
        ),
    ]
