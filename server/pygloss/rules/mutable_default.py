"""PG101: a mutable default argument is created once, when the ``def`` runs.

Severity follows what the code shows (see :mod:`pygloss.rules._default_uses`).  A
warning when the default object is changed in place: by this function, by a function
of this file it is passed to, or through the attribute it is kept in (``self.ids =
ids``, then ``self.ids.append(...)`` in the class).  A hint when it returns, yields
or stores it (here or in a function of this file it is passed to) without the code
showing a change: the object outlives the call, and whether a caller changes it is
not in the file.  Nothing when the code shows the default is harmless: the function
only reads it, or only writes into it while a call in the file passes its own object
(an out-parameter, :mod:`pygloss.rules._write_only`: no call can see what another
wrote), or the sharing is state kept on purpose
(:mod:`pygloss.rules._kept_state`: a nested function, a private or cache-like name, a
memo table, a mutable cell), or all it knows is that the default goes to a callable
it cannot follow: no evidence of a change (every such hint read was false: tkinter's
``cnf={}``, multiprocessing's pickled ``kwds``).  A hint that concedes its own
harmlessness, or rests on nothing, is noise; Ruff's B006 reports every mutable default.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._default_uses import risky_use
from pygloss.rules._fixkit import (
    indent_unit,
    line_end,
    line_indent,
    newline_of,
    starts_line,
)
from pygloss.rules._imports import is_docstring
from pygloss.rules._kept_state import kept_on_purpose
from pygloss.rules._values import is_immutable_annotation, is_mutable, widen_to_optional
from pygloss.rules._write_only import out_parameter
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

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def defaults_of(func: Function) -> Iterator[tuple[ast.arg, ast.expr]]:
    """Each parameter that has a default, with that default."""
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    for arg, default in zip(
        positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
    ):
        yield arg, default
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kw_default is not None:
            yield arg, kw_default


_EMPTY_CALLS = frozenset({"list", "dict", "set", "deque", "OrderedDict", "bytearray"})


def _empty(default: ast.expr) -> bool:
    """``[]``, ``{}``, ``set()``, ``deque()``...: a default with nothing to remove."""
    if isinstance(default, ast.List | ast.Set):
        return not default.elts
    if isinstance(default, ast.Dict):
        return not default.keys
    if isinstance(default, ast.Call) and not default.args and not default.keywords:
        func = default.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name in _EMPTY_CALLS
    return False


def _fastapi_route(ctx: RuleContext, function: Function) -> bool:
    """A FastAPI path operation (``@app.get(...)``): FastAPI deep-copies a parameter's
    default for every request, so the object is not shared between requests."""
    if isinstance(function, ast.Lambda) or not any(
        target == "fastapi" or target.startswith("fastapi.")
        for target in ctx.imports.bindings.values()
    ):
        return False
    return any(
        isinstance(d, ast.Call)
        and isinstance(d.func, ast.Attribute)
        and d.func.attr in _ROUTE_DECORATORS
        for d in function.decorator_list
    )


_ROUTE_DECORATORS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route"}
)


class MutableDefault(Rule):
    code = "PG101"
    name = "mutable-default-argument"
    message = (
        "Mutable default argument: it is created once, when the def runs, and shared by every call"
    )
    fix_title = "Default to None and create the value inside the function"
    fix_safety = FixSafety.UNSAFE
    topic = "pg101-mutable-default"
    stubs = False  # a stub file never runs
    nodes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    # not statement-local: calls are followed into functions of the whole module

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, Function)
        if not node.args.defaults and not node.args.kw_defaults:
            return  # most functions: nothing to look at
        for arg, default in defaults_of(node):
            if (
                is_mutable(default, ctx)
                and not (
                    arg.annotation is not None and is_immutable_annotation(arg.annotation, ctx)
                )
                and not _fastapi_route(ctx, node)
            ):
                text = ctx.source.segment(default)
                shown = text if len(text) <= 30 and "\n" not in text else "..."
                use = risky_use(ctx, node, arg.arg, empty=_empty(default))
                if use is None or not (use.mutation or use.kept):
                    # only read, or only handed to a callable pygloss cannot follow: no
                    # evidence of a change (Ruff's B006 reports it for all who want)
                    continue
                if use.mutation:
                    if kept_on_purpose(ctx, node, arg, default):
                        continue  # state kept on purpose (a closure's, a memo's, a cell's)
                    if out_parameter(ctx, node, arg.arg, default):
                        continue  # only written into, and callers pass their own
                    risk = f", and this function {use.describe(ctx)}"
                else:
                    risk = f"; this function {use.describe(ctx)}"
                message = (
                    f"Mutable default `{shown}` for `{arg.arg}`: created once when the def "
                    f"runs and shared by every call{risk}"
                )
                severity = Severity.WARNING if use.mutation else Severity.HINT
                yield self.finding(ctx, default, message, severity=severity, param=arg.arg)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        func, arg, default = self._locate(ctx, finding)
        if func is None or arg is None or default is None or isinstance(func, ast.Lambda):
            return None
        source = ctx.source
        edits = [Edit(finding.start, finding.end, "None")]
        if arg.annotation is not None:
            widened = widen_to_optional(arg.annotation, ctx)
            if widened is None:
                return None
            if widened:
                start, end = ctx.span(arg.annotation)
                edits.append(Edit(start, end, widened))
        guard = self._guard_edit(ctx, func, arg.arg, source.segment(default))
        if guard is None:
            return None
        edits.append(guard)
        return Fix(self.fix_title or "", FixSafety.UNSAFE, tuple(edits))

    def _locate(
        self, ctx: RuleContext, finding: Finding
    ) -> tuple[Function | None, ast.arg | None, ast.expr | None]:
        node = ctx.find_node(finding.start, finding.end, ast.expr)
        arguments = ctx.parent(node) if node is not None else None
        function = ctx.parent(arguments) if isinstance(arguments, ast.arguments) else None
        if isinstance(function, Function):
            for arg, default in defaults_of(function):
                if default is node:
                    return function, arg, default
        return None, None, None

    def _guard_edit(
        self, ctx: RuleContext, func: ast.FunctionDef | ast.AsyncFunctionDef, name: str, value: str
    ) -> Edit | None:
        source = ctx.source
        body = func.body
        def_start = ctx.span(func)[0]
        outer = line_indent(source, def_start)
        first_start = ctx.span(body[0])[0]
        newline = newline_of(source, def_start)
        if not starts_line(source, first_start):
            # `def f(x=[]): return x` -- move the body to its own line.
            unit = indent_unit(source, outer, None)
            inner = outer + unit
            gap_start = first_start
            while gap_start > 0 and source.text[gap_start - 1] in " \t":
                gap_start -= 1
            text = f"{newline}{inner}if {name} is None:{newline}{inner}{unit}{name} = {value}"
            return Edit(gap_start, first_start, f"{text}{newline}{inner}")
        inner = line_indent(source, first_start)
        unit = indent_unit(source, outer, inner)
        guard = f"{inner}if {name} is None:{newline}{inner}{unit}{name} = {value}"
        if is_docstring(body[0]):
            doc_end = ctx.span(body[0])[1]
            if len(body) == 1:
                at = line_end(source, doc_end)
                return Edit(at, at, newline + guard)
            target = ctx.span(body[1])[0]
            if not starts_line(source, target):
                return None
        else:
            target = first_start
        at = source.line_starts[source.line_of(target)]
        return Edit(at, at, guard + newline)

    VALID = [
        Valid("def f(x=None):\n    return x\n"),
        Valid("def f(x=(), y='abc', z=frozenset()):\n    return x, y, z\n"),
        Valid("def f(x=1, *, y=b'', z=3.5):\n    return x\n"),
        Valid("def f(x=tuple()):\n    return x\n"),
        Valid("from mylib import list\n\ndef f(x=list()):\n    return x\n"),
        Valid("def f(x=(i for i in range(3))):\n    return x\n"),
        Valid("f = lambda x=None: x\n"),
        Valid("def f(items: list[int] | None = None):\n    items = items or []\n"),
        Valid(
            "from collections.abc import Sequence, Mapping\n\n"
            "def f(xs: Sequence[int] = [], m: 'Mapping[str, int] | None' = {}):\n"
            "    return xs, m\n",
        ),
        Valid("def list(*a):\n    return a\n\ndef f(x=list()):\n    return x\n"),
        # only read: harmless, so nothing (Ruff's B006 reports every mutable default)
        Valid("class C:\n    def m(self, seen=dict()):\n        '''Only a docstring.'''\n"),
        Valid(
            "def render(name, options={}):\n    width = options.get('width', 80)\n"
            "    for key in options:\n        print(key)\n    return name.ljust(width)\n"
        ),
        Valid("def total(values=[]):\n    return sum(values) + len(values)\n"),
        # only passed to code pygloss cannot follow: no evidence of a change (tkinter's
        # `cnf={}`, multiprocessing's `kwds={}` pickled and sent, pydoc's tables)
        Valid(
            "from tkinter import Widget\n\n\nclass Dial(Widget):\n"
            "    def __init__(self, master=None, cnf={}, **kw):\n"
            "        Widget.__init__(self, master, 'dial', cnf, kw)\n"
        ),
        Valid(
            "from multiprocessing import Process\n\n\n"
            "def start(target, args=(), kwds={}):\n"
            "    return Process(target=target, args=args, kwargs=kwds).start()\n"
        ),
        # state kept on purpose, as the code shows: a closure's, a cache's, a memo, a cell
        Valid(
            "def test_reader():\n    def tick(count=[0]):\n        count.append(1)\n"
            "        return len(count)\n\n    assert tick() == 2\n"
        ),
        Valid("def proxy_type(name, _cache={}):\n    _cache.setdefault(name, object())\n"),
        Valid("def lookup(key, cache={}):\n    cache.setdefault(key, object())\n"),
        Valid(
            "def fib(n, table={}):\n    if n not in table:\n"
            "        table[n] = n if n < 2 else fib(n - 1) + fib(n - 2)\n    return table[n]\n"
        ),
        Valid("def next_id(counter=[0]):\n    counter[0] += 1\n    return counter[0]\n"),
        # only written into, never read: an out-parameter whose default no call reads
        # back (pydantic-settings' `alias_path_args={}`), so no call sees another's writes
        Valid(
            "def aliases(field, out={}):\n    for path in field.paths:\n"
            "        out[path[0]] = 'dict' if len(path) > 2 else 'list'\n"
            "    return tuple(field.names)\n\n\n"
            "def parser(fields):\n    kinds = {}\n    for field in fields:\n"
            "        aliases(field, out=kinds)\n    return kinds\n"
        ),
        Valid(
            "class Tree:\n    def collect(self, node, into=[]):\n        into.append(node)\n\n"
            "    def nodes(self):\n        found = []\n        self.collect(self.root, found)\n"
            "        return found\n"
        ),
        # a guard or a `with` only reads it (a list, dict or set is no context manager)
        Valid("def f(v=[]):\n    match 1:\n        case _ if v:\n            pass\n"),
        Valid("def f(v={}):\n    with v:\n        pass\n"),
        # a stub's default is a declaration: it is never evaluated
        Valid("def f(x: list[int] = [], *, y: dict[str, int] = {}) -> None: ...\n", path="m.pyi"),
    ]
    INVALID = [
        # made the default of a nested function it returns: kept, so a hint (scrapy's shells)
        Invalid(
            "def make_shell(namespace={}):\n    def shell(namespace=namespace):\n"
            "        return namespace\n\n    return shell\n",
            fixed="def make_shell(namespace=None):\n    if namespace is None:\n"
            "        namespace = {}\n    def shell(namespace=namespace):\n"
            "        return namespace\n\n    return shell\n",
            severity="hint",
        ),
        Invalid(
            "def f(x=[]):\n    x.append(1)\n    return x\n",
            fixed="def f(x=None):\n    if x is None:\n        x = []\n"
            "    x.append(1)\n    return x\n",
        ),
        # returned or only stored: the object escapes, but no change is in the code
        Invalid(
            'def f(items: list[int] = []):\n    """Doc."""\n    return items\n',
            fixed=(
                "def f(items: list[int] | None = None):\n"
                '    """Doc."""\n'
                "    if items is None:\n"
                "        items = []\n"
                "    return items\n"
            ),
            severity="hint",
        ),
        Invalid(
            "async def g(*, options={}):\n    return options\n",
            fixed="async def g(*, options=None):\n    if options is None:\n"
            "        options = {}\n    return options\n",
            severity="hint",
        ),
        Invalid(
            "import collections\n\ndef f(q=collections.deque()):\n    q.append(1)\n",
            fixed="import collections\n\ndef f(q=None):\n    if q is None:\n"
            "        q = collections.deque()\n    q.append(1)\n",
        ),
        Invalid(
            "def f(x=set()): x.add(1)\n",
            fixed="def f(x=None):\n    if x is None:\n        x = set()\n    x.add(1)\n",
        ),
        # only written into, but no call passes its own: the classic accumulator slip
        Invalid(
            "def add(item, bucket=[]):\n    bucket.append(item)\n",
            fixed="def add(item, bucket=None):\n    if bucket is None:\n"
            "        bucket = []\n    bucket.append(item)\n",
        ),
        # written into and read back: the next call sees what this one wrote
        Invalid(
            "def register(name, kind, seen={}):\n    seen[name] = kind\n    return sorted(seen)\n",
            fixed="def register(name, kind, seen=None):\n    if seen is None:\n"
            "        seen = {}\n    seen[name] = kind\n    return sorted(seen)\n",
        ),
        Invalid(
            "def tally(word, counts={}):\n    counts[word] += 1\n",
            fixed="def tally(word, counts=None):\n    if counts is None:\n"
            "        counts = {}\n    counts[word] += 1\n",
        ),
        Invalid(
            "def f(x=[i for i in range(3)]):\n    x.reverse()\n",
            fixed="def f(x=None):\n    if x is None:\n        x = [i for i in range(3)]\n"
            "    x.reverse()\n",
        ),
        Invalid("handler = lambda event, seen=[]: seen.append(event)\n"),
        Invalid(
            "from collections import defaultdict\n\n"
            "def count(words, into: 'dict[str, int]' = defaultdict(int)):\n    return into\n",
            fixed="from collections import defaultdict\n\n"
            "def count(words, into: 'dict[str, int] | None' = None):\n"
            "    if into is None:\n        into = defaultdict(int)\n    return into\n",
            severity="hint",
        ),
        # kept on the instance and changed through it: every Registry() shares the list
        Invalid(
            "class Registry:\n    def __init__(self, names=[]):\n        self.names = names\n\n"
            "    def register(self, name):\n        self.names.append(name)\n",
            fixed="class Registry:\n    def __init__(self, names=None):\n"
            "        if names is None:\n            names = []\n        self.names = names\n\n"
            "    def register(self, name):\n        self.names.append(name)\n",
        ),
        # a recursive walk's `seen`, only tested with `in`: no memo table, the classic bug
        Invalid(
            "def walk(node, seen={}):\n    if node in seen:\n        return\n"
            "    seen[node] = True\n    for child in node.children:\n        walk(child, seen)\n",
            fixed="def walk(node, seen=None):\n    if seen is None:\n        seen = {}\n"
            "    if node in seen:\n        return\n"
            "    seen[node] = True\n    for child in node.children:\n        walk(child, seen)\n",
        ),
        # yielded, or kept on the instance with no change in the file: a caller may change it
        Invalid(
            "def each(items=[]):\n    yield items\n",
            fixed="def each(items=None):\n    if items is None:\n        items = []\n"
            "    yield items\n",
            severity="hint",
        ),
        Invalid(
            "class Script:\n    def __init__(self, imports=set()):\n"
            "        self.imports = imports\n",
            fixed="class Script:\n    def __init__(self, imports=None):\n"
            "        if imports is None:\n            imports = set()\n"
            "        self.imports = imports\n",
            severity="hint",
        ),
        # passed to a function of this file that keeps it: followed, so still a hint
        Invalid(
            "class Dialog:\n    def __init__(self, used):\n        self.used = used\n\n\n"
            "class Rename(Dialog):\n    def __init__(self, used=set()):\n"
            "        Dialog.__init__(self, used)\n",
            fixed="class Dialog:\n    def __init__(self, used):\n        self.used = used\n\n\n"
            "class Rename(Dialog):\n    def __init__(self, used=None):\n"
            "        if used is None:\n            used = set()\n"
            "        Dialog.__init__(self, used)\n",
            severity="hint",
        ),
    ]
