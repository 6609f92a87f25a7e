"""PG304: a ``for`` loop that awaits one independent call per item, one after another.

Flagged loop bodies (one statement, no ``else``), inside ``async def``::

    for x in xs:                    for x in xs:
        await f(x)                      results.append(await f(x))

where the awaited call is a plain function or a method of the loop item, uses the
loop variable, and reads nothing the loop changes.  Left alone, because their order
usually matters or is the point: method calls on a shared object (``await
session.execute(...)``, ``await self.send(...)``), ``asyncio.sleep``, a callback the
function was given (ASGI's ``await send(message)``), calls named for ordered I/O or
lifecycle (``send_*``, ``write``, ``emit``, ``close``/``aclose``, ``stop``...), and
test code (a test awaits step by step on purpose).

The rule cannot know that the calls are independent, and says so.  The rewrite to
``asyncio.gather`` is offered as a refactoring (``refactor.rewrite``), not a quick
fix: it changes when the calls run; in trio or anyio code the message names a
nursery or task group instead and no rewrite is offered (``asyncio.gather`` is not
theirs); where no async library is imported, asyncio is assumed.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator

from pygloss.rules._async_library import async_library
from pygloss.rules._decorators import in_test_code
from pygloss.rules._fixkit import import_name, statement_alone
from pygloss.rules._flow import running_in_async_def
from pygloss.rules._scopes import target_names
from pygloss.rules.base import (
    Edit,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Invalid,
    Rule,
    RuleContext,
    Severity,
    Valid,
)
from pygloss.syntax.names import dotted_name

_ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.List, ast.Tuple, ast.Set)
# callee names whose calls are ordered I/O or lifecycle steps: sequence is the point
_ORDERED = (
    *("send", "write", "emit", "publish", "notify", "dispatch", "put", "push", "broadcast"),
    *("log", "flush", "close", "aclose", "stop", "shutdown", "start", "cancel", "release"),
    *("disconnect", "unsubscribe", "wait"),
)
_CONCURRENTLY = {
    "asyncio": "`asyncio.gather` can run them concurrently",
    "trio": "a nursery (`nursery.start_soon`) can run them concurrently",
    "anyio": "a task group (`tg.start_soon`) can run them concurrently",
    "unknown": "`asyncio.gather` (or your async library's task group) can run them concurrently",
}


class SequentialAwaitsInLoop(Rule):
    code = "PG304"
    name = "sequential-awaits-in-loop"
    message = "Awaits run one after another in this loop: if independent, they could overlap"
    fix_title = "Run the calls concurrently with asyncio.gather"
    fix_safety = FixSafety.UNSAFE
    fix_kind = FixKind.REFACTOR_REWRITE
    severity = Severity.HINT
    topic = "pg304-sequential-awaits-in-loop"
    stubs = False  # a stub file never runs
    nodes = (ast.For,)
    requires = ("async",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.For)
        if in_test_code(ctx):
            return  # tests await step by step on purpose
        shape = _shape(node, ctx)
        if shape is None:
            return
        call, _ = shape
        message = (
            f"Consecutive awaits: each `await {dotted_name(call.func) or 'call'}(...)` starts "
            "only after the previous one finishes; if the calls are independent, "
            f"{_CONCURRENTLY[async_library(ctx)]}"
        )
        start = ctx.span(node)[0]
        header_end = ctx.span(node.iter)[1]
        yield Finding(self.code, message, start, header_end, self.severity)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        loop = next(
            (
                n
                for n in ctx.source.walk()
                if isinstance(n, ast.For) and ctx.span(n)[0] == finding.start
            ),
            None,
        )
        shape = _shape(loop, ctx) if loop is not None else None
        if loop is None or shape is None or async_library(ctx) in ("trio", "anyio"):
            return None  # asyncio.gather is asyncio's: never offered in trio/anyio code
        call, results = shape
        start, end = ctx.span(loop)
        if not statement_alone(ctx.source, start, end) or _has_comment(ctx, start, end):
            return None
        try:
            gather, import_edit = import_name(
                ctx.source, ctx.imports, "asyncio", "gather", style="module", path=ctx.path
            )
        except ValueError:
            return None
        iterable = ctx.source.segment(loop.iter)
        if not isinstance(loop.iter, _ATOMS):
            iterable = f"({iterable})"
        generator = (
            f"{ctx.source.segment(call)} for {ctx.source.segment(loop.target)} in {iterable}"
        )
        rewritten = f"await {gather}(*({generator}))"
        if results is not None:
            rewritten = f"{results}.extend({rewritten})"
        edits = [Edit(start, end, rewritten)]
        if import_edit is not None:
            edits.append(import_edit)
        return Fix(self.fix_title or "", FixSafety.UNSAFE, tuple(edits))

    VALID = [
        Valid(
            "async def sync_users(session, users):\n    for user in users:\n"
            "        await session.merge(user)\n    await session.commit()\n"
        ),
        Valid(
            "import asyncio\n\n\nasync def retry(fetch):\n    for attempt in range(3):\n"
            "        await asyncio.sleep(2**attempt)\n"
        ),
        Valid(
            "async def drain(pages):\n    total = 0\n    for page in pages:\n"
            "        total = await count(page, total)\n    return total\n"
        ),
        Valid(
            "async def send_all(self, messages):\n    for message in messages:\n"
            "        await self.websocket.send_json(message)\n"
        ),
        Valid("async def poll(client):\n    for _ in range(10):\n        await refresh()\n"),
        Valid(
            "async def collect(urls):\n    results = []\n    for url in urls:\n"
            "        results.append(await fetch(url, previous=results))\n    return results\n"
        ),
        Valid("def load_all(paths):\n    for path in paths:\n        load(path)\n"),
        # ASGI: the messages must go out in order through the callback (the case)
        Valid(
            "async def app(scope, receive, send):\n    for message in messages(scope):\n"
            "        await send(message)\n"
        ),
        # closing resources one by one, in trio/anyio code (ecosystem: anyio, trio)
        Valid(
            "import anyio\n\n\nasync def aclose(self):\n    for listener in self.listeners:\n"
            "        await listener.aclose()\n"
        ),
        # tracing hooks run in registration order (ecosystem: aiohttp's client)
        Valid(
            "async def _on_headers(self, method, url, headers):\n    for trace in self._traces:\n"
            "        await trace.send_request_headers(method, url, headers)\n"
        ),
        # a test awaits step by step on purpose (order-dependent cache tests)
        Valid(
            "async def test_cache(cache):\n    for key in ['a', 'b']:\n"
            "        await fill(cache, key)\n",
            path="tests/test_cache.py",
        ),
    ]
    INVALID = [
        Invalid(
            "import asyncio\n\n\nasync def fetch_prices(client, symbols):\n"
            "    prices = []\n    for symbol in symbols:\n"
            "        prices.append(await fetch_price(client, symbol))\n    return prices\n",
            fixed="import asyncio\n\n\nasync def fetch_prices(client, symbols):\n"
            "    prices = []\n"
            "    prices.extend(await asyncio.gather(*(fetch_price(client, symbol) "
            "for symbol in symbols)))\n    return prices\n",
        ),
        Invalid(
            "import asyncio\n\n\nasync def refresh_all(accounts):\n    for account in accounts:\n"
            "        await account.refresh()\n",
            fixed="import asyncio\n\n\nasync def refresh_all(accounts):\n"
            "    await asyncio.gather(*(account.refresh() for account in accounts))\n",
        ),
        # trio code: a nursery is named, asyncio.gather is not offered
        Invalid(
            "import trio\n\n\nasync def crawl(urls):\n    for url in urls:\n"
            "        await download(url)\n"
        ),
        Invalid(
            '"""Warm the caches."""\nfrom asyncio import gather\n\n\n'
            "async def warm(cache, keys):\n    for key, ttl in keys.items():\n"
            "        await warm_key(cache, key, ttl=ttl)\n",
            fixed='"""Warm the caches."""\nfrom asyncio import gather\n\n\n'
            "async def warm(cache, keys):\n"
            "    await gather(*(warm_key(cache, key, ttl=ttl) for key, ttl in keys.items()))\n",
        ),
        Invalid(
            "import asyncio\n\n\nclass Crawler:\n    async def crawl(self, urls, extra):\n"
            "        for url in urls + extra:\n            await download(url)\n",
            fixed="import asyncio\n\n\nclass Crawler:\n    async def crawl(self, urls, extra):\n"
            "        await asyncio.gather(*(download(url) for url in (urls + extra)))\n",
        ),
    ]


def _shape(loop: ast.For, ctx: RuleContext) -> tuple[ast.Call, str | None] | None:
    """The awaited call, and the list it is appended to (None for a bare await)."""
    if loop.orelse or len(loop.body) != 1 or not isinstance(loop.body[0], ast.Expr):
        return None
    if running_in_async_def(loop, ctx) is None:
        return None
    targets = set(target_names(loop.target))
    if not targets or not _plain_target(loop.target):
        return None
    value = loop.body[0].value
    results: str | None = None
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "append"
        and isinstance(value.func.value, ast.Name)
        and len(value.args) == 1
        and not value.keywords
    ):
        results = value.func.value.id
        value = value.args[0]
        if results in targets:
            return None
    if not isinstance(value, ast.Await) or not isinstance(value.value, ast.Call):
        return None
    call = value.value
    names = {n.id for n in ast.walk(call) if isinstance(n, ast.Name)}
    if not names & targets or (results is not None and results in names):
        return None
    if any(isinstance(n, ast.Await | ast.NamedExpr | ast.Yield) for n in ast.walk(call)):
        return None
    callee = call.func
    last = callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", "")
    if last.lstrip("_").startswith(_ORDERED):
        return None  # ordered I/O or a lifecycle step: the sequence is the point
    if isinstance(callee, ast.Name):
        if callee.id in targets or _parameter_of_function(loop, callee.id, ctx):
            return None  # a callback the function was given (ASGI `send`): a channel
    elif isinstance(callee, ast.Attribute):
        root = callee
        while isinstance(root, ast.Attribute):
            root = root.value  # type: ignore[assignment]
        if not (isinstance(root, ast.Name) and root.id in targets):
            return None  # a method of a shared object: its calls may need their order
    else:
        return None
    if (ctx.qualified(callee) or "").startswith("asyncio."):
        return None
    return call, results


def _parameter_of_function(node: ast.AST, name: str, ctx: RuleContext) -> bool:
    function = ctx.enclosing_function(node)
    if function is None:
        return False
    args = function.args
    every = (*args.posonlyargs, *args.args, *args.kwonlyargs)
    return any(arg.arg == name for arg in every)


def _plain_target(target: ast.expr) -> bool:
    if isinstance(target, ast.Name):
        return True
    return isinstance(target, ast.Tuple | ast.List) and all(
        isinstance(e, ast.Name) for e in target.elts
    )


def _has_comment(ctx: RuleContext, start: int, end: int) -> bool:
    """True when the loop's lines hold a comment (the rewrite would drop it)."""
    source = ctx.source
    text = source.text[source.line_starts[source.line_of(start)] : end]
    try:
        return any(
            token.type == tokenize.COMMENT
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
        )
    except (tokenize.TokenError, SyntaxError):
        return True
