"""PG105: a decorator's wrapper without ``functools.wraps`` hides the decorated function.

A warning when the file shows the decorator is for others to apply: its name is
public and it is in the module's ``__all__`` or its docstring shows it applied
(``@name`` or a ``>>>`` example).  Their functions are the ones whose names, docs
and signatures are lost (``help()``, Sphinx, frameworks that read signatures).  Any
other wrapper is a hint: most are a package's internal helpers, applied to internal
functions whose metadata nobody reads (ecosystem and 28 installed packages: every
warning left was a documented public decorator; jedi's and parso's ``to_list``-style
helpers were not worth acting on).

Not reported for an alias maker: a function that this file only ever calls to bind
its result under another name (``old_name = _deprecate(new_name)``).  There the
wrapper is a different function on purpose, and ``wraps`` would give it the name and
docstring of the function it forwards to (CPython's ``unittest`` deprecated aliases).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._decorators import (
    copies_metadata,
    decorator_shape,
    def_name_span,
    for_others,
    in_test_code,
    makes_aliases,
)
from pygloss.rules._fixkit import import_name, line_indent, newline_of, starts_line
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


class MissingWraps(Rule):
    code = "PG105"
    name = "missing-functools-wraps"
    message = "Decorator wrapper without `functools.wraps`: the decorated function loses its name"
    fix_title = "Add `@functools.wraps(...)` to the wrapper"
    fix_safety = FixSafety.UNSAFE
    topic = "pg105-missing-functools-wraps"
    stubs = False  # a stub file never runs
    nodes = (ast.FunctionDef, ast.AsyncFunctionDef)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        if in_test_code(ctx):
            return  # a test's own wrappers: nothing introspects their names or docs
        shape = decorator_shape(ctx, node)
        if shape is None or copies_metadata(shape):
            return
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if makes_aliases(ctx, node.name):
            return
        start, end = def_name_span(ctx, shape.wrapper)
        message = (
            f"`{shape.wrapper.name}` replaces the decorated function without "
            f"`@functools.wraps({shape.param})`: its `__name__`, `__doc__` and signature "
            "are lost"
        )
        severity = self.severity if for_others(ctx, node) else Severity.HINT
        yield Finding(self.code, message, start, end, severity, {"param": shape.param})

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        wrapper = ctx.definition_at(finding.start)
        outer = ctx.parent(wrapper) if wrapper is not None else None
        for node in [outer] if outer is not None else []:
            shape = decorator_shape(ctx, node)
            if shape is None or def_name_span(ctx, shape.wrapper) != (finding.start, finding.end):
                continue
            source = ctx.source
            def_start = ctx.span(shape.wrapper)[0]
            if not starts_line(source, def_start):
                return None
            spelling, import_edit = import_name(
                source, ctx.imports, "functools", "wraps", style="module", path=ctx.path
            )
            indent = line_indent(source, def_start)
            at = source.line_starts[source.line_of(def_start)]
            newline = newline_of(source, def_start)
            decorator = Edit(at, at, f"{indent}@{spelling}({shape.param}){newline}")
            edits = (import_edit, decorator) if import_edit else (decorator,)
            return Fix(self.fix_title or "", FixSafety.UNSAFE, edits)
        return None

    VALID = [
        Valid(
            "import functools\n\ndef log(func):\n    @functools.wraps(func)\n"
            "    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n"
            "    return wrapper\n",
        ),
        Valid(
            "from functools import update_wrapper\n\ndef log(func):\n"
            "    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n"
            "    update_wrapper(wrapper, func)\n    return wrapper\n",
        ),
        Valid(
            "def make_handler(callback):\n    def handler(event):\n        callback(event)\n"
            "    return handler\n",
        ),
        Valid(
            "def log(func):\n    def wrapper(*args, **kwargs):\n        return func(*args)\n"
            "    wrapper.__name__ = func.__name__\n    return wrapper\n",
        ),
        Valid(
            "def register(func):\n    REGISTRY.append(func)\n    return func\n",
        ),
        Valid(
            "def timed(func):\n    def wrapper(*args, **kwargs):\n        return 1\n"
            "    return wrapper\n",
        ),
        # a pytest fixture returning a factory: its parameter is another fixture, and the
        # factory adds its own value (`app`) to the call (ecosystem: aiohttp's tests)
        Valid(
            "import pytest\n\n@pytest.fixture\ndef echo_client(aiohttp_client):\n"
            "    async def factory(**kwargs):\n"
            "        app = make_app()\n"
            "        return await aiohttp_client(app, **kwargs)\n"
            "    return factory\n",
        ),
        # an optional callback is not the decorated function (ecosystem: celery's
        # firstmethod, where wraps(on_call) with on_call=None breaks inspect.signature)
        Valid(
            "def firstmethod(method, on_call=None):\n"
            "    def _matcher(it, *args, **kwargs):\n"
            "        for obj in it:\n"
            "            meth = getattr(obj, method)\n"
            "            reply = on_call(meth, *args, **kwargs) if on_call else meth(*args)\n"
            "            if reply is not None:\n"
            "                return reply\n"
            "    return _matcher\n",
        ),
        # a class, not a function, is being wrapped (ecosystem: fastapi-pagination)
        Valid(
            "def params_dependency(params: type[Params]):\n"
            "    async def dependency(*args, **kwargs):\n"
            "        yield params(*args, **kwargs)\n"
            "    return dependency\n",
        ),
        # forwarding to a parameter whose name does not say "the decorated function",
        # never applied as a decorator: a thread target, not a decorator (celery)
        Valid(
            "def _make_killable_target(target):\n"
            "    def killable_target(*args, **kwargs):\n"
            "        try:\n            return target(*args, **kwargs)\n"
            "        except GreenletExit:\n            return None\n"
            "    return killable_target\n",
        ),
        # an alias maker: each use binds the wrapper under another name, so wraps would
        # give the alias the name of the method it forwards to (CPython's unittest)
        Valid(
            "import warnings\n\nclass Case:\n    def check(self, x):\n        return x\n\n"
            "    def _deprecate(original_func):\n"
            "        def deprecated(*args, **kwargs):\n"
            "            warnings.warn('use ' + original_func.__name__, DeprecationWarning, 2)\n"
            "            return original_func(*args, **kwargs)\n"
            "        return deprecated\n\n"
            "    checkIt = assertIt = _deprecate(check)\n",
        ),
        # a test's own decorators: nothing introspects the wrapped tests' names
        Valid(
            "def trace(func):\n    def wrapper(*args, **kwargs):\n"
            "        return func(*args, **kwargs)\n    return wrapper\n",
            path="tests/test_trace.py",
        ),
    ]
    INVALID = [
        # a decorator documented for others to apply: their functions lose their names
        Invalid(
            'def log(func):\n    """Print each call::\n\n        @log\n'
            '        def handler(event): ...\n    """\n\n'
            "    def wrapper(*args, **kwargs):\n"
            "        print('calling', func.__name__)\n        return func(*args, **kwargs)\n"
            "    return wrapper\n",
            fixed='import functools\n\n\ndef log(func):\n    """Print each call::\n\n'
            '        @log\n        def handler(event): ...\n    """\n\n'
            "    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"
            "        print('calling', func.__name__)\n        return func(*args, **kwargs)\n"
            "    return wrapper\n",
        ),
        Invalid(
            "from functools import wraps\n\n__all__ = ['retry']\n\n"
            "def retry(times):\n    def decorate(func):\n"
            "        def wrapper(*args, **kwargs):\n            for _ in range(times - 1):\n"
            "                try:\n                    return func(*args, **kwargs)\n"
            "                except OSError:\n                    pass\n"
            "            return func(*args, **kwargs)\n        return wrapper\n"
            "    return decorate\n",
            fixed="from functools import wraps\n\n__all__ = ['retry']\n\n"
            "def retry(times):\n    def decorate(func):\n"
            "        @wraps(func)\n"
            "        def wrapper(*args, **kwargs):\n            for _ in range(times - 1):\n"
            "                try:\n                    return func(*args, **kwargs)\n"
            "                except OSError:\n                    pass\n"
            "            return func(*args, **kwargs)\n        return wrapper\n"
            "    return decorate\n",
        ),
        # internal helpers, not documented for others (jedi's `to_list`): hints
        Invalid(
            '"""Helpers."""\nimport time\n\n\ndef timed(fn):\n    def inner(*a, **kw):\n'
            "        start = time.perf_counter()\n        try:\n            return fn(*a, **kw)\n"
            "        finally:\n            print(time.perf_counter() - start)\n"
            "    return inner\n",
            fixed='"""Helpers."""\nimport functools\nimport time\n\n\ndef timed(fn):\n'
            "    @functools.wraps(fn)\n    def inner(*a, **kw):\n"
            "        start = time.perf_counter()\n        try:\n            return fn(*a, **kw)\n"
            "        finally:\n            print(time.perf_counter() - start)\n"
            "    return inner\n",
            severity="hint",
        ),
        # a method of an exported class, called by the class itself: its class being
        # public says nothing of the method (litestar's listener error handler)
        Invalid(
            "__all__ = ['Listener']\n\nclass Listener:\n"
            "    def __init__(self, fn):\n        self.fn = self.guard(fn)\n\n"
            "    @staticmethod\n    def guard(fn):\n"
            "        async def wrapped(*args, **kwargs):\n"
            "            try:\n                return await fn(*args, **kwargs)\n"
            "            except Exception:\n                pass\n"
            "        return wrapped\n",
            fixed="import functools\n\n__all__ = ['Listener']\n\nclass Listener:\n"
            "    def __init__(self, fn):\n        self.fn = self.guard(fn)\n\n"
            "    @staticmethod\n    def guard(fn):\n        @functools.wraps(fn)\n"
            "        async def wrapped(*args, **kwargs):\n"
            "            try:\n                return await fn(*args, **kwargs)\n"
            "            except Exception:\n                pass\n"
            "        return wrapped\n",
            severity="hint",
        ),
        Invalid(
            "import functools\n\ndef traced(func):\n    async def wrapper(x):\n"
            "        return await func(x)\n    return wrapper\n\n@traced\nasync def get(x):\n"
            "    return x\n",
            fixed="import functools\n\ndef traced(func):\n    @functools.wraps(func)\n"
            "    async def wrapper(x):\n"
            "        return await func(x)\n    return wrapper\n\n@traced\nasync def get(x):\n"
            "    return x\n",
            severity="hint",
        ),
        # a private decorator, even with a usage example, is not for others
        Invalid(
            'def _traced(func):\n    """Use as ``@_traced``."""\n\n'
            "    def wrapper(*args):\n        return func(*args)\n    return wrapper\n",
            fixed='import functools\n\n\ndef _traced(func):\n    """Use as ``@_traced``."""\n\n'
            "    @functools.wraps(func)\n"
            "    def wrapper(*args):\n        return func(*args)\n    return wrapper\n",
            severity="hint",
        ),
        # near-misses of the alias maker: also used with `@`, or decorating by hand
        Invalid(
            "def _deprecate(original):\n    def deprecated(*args):\n"
            "        return original(*args)\n    return deprecated\n\n"
            "def check(x):\n    return x\n\nold_check = _deprecate(check)\n\n"
            "@_deprecate\ndef other(x):\n    return x\n",
            fixed="import functools\n\n\ndef _deprecate(original):\n"
            "    @functools.wraps(original)\n    def deprecated(*args):\n"
            "        return original(*args)\n    return deprecated\n\n"
            "def check(x):\n    return x\n\nold_check = _deprecate(check)\n\n"
            "@_deprecate\ndef other(x):\n    return x\n",
            severity="hint",
        ),
        Invalid(
            "def logged(func):\n    def wrapper(*args):\n        return func(*args)\n"
            "    return wrapper\n\ndef area(w, h):\n    return w * h\n\narea = logged(area)\n",
            fixed="import functools\n\n\ndef logged(func):\n    @functools.wraps(func)\n"
            "    def wrapper(*args):\n        return func(*args)\n"
            "    return wrapper\n\ndef area(w, h):\n    return w * h\n\narea = logged(area)\n",
            severity="hint",
        ),
        # a decorator class whose docstring shows it applied
        Invalid(
            'class Memo:\n    """Cache results: ``@Memo()``."""\n\n'
            "    def __call__(self, func):\n        def cached(*args):\n"
            "            return func(*args)\n        return cached\n",
            fixed='import functools\n\n\nclass Memo:\n    """Cache results: ``@Memo()``."""\n\n'
            "    def __call__(self, func):\n"
            "        @functools.wraps(func)\n        def cached(*args):\n"
            "            return func(*args)\n        return cached\n",
        ),
    ]
