"""PG305: ``asyncio.run(...)`` called in the body of an ``async def``.

``asyncio.run`` starts a new event loop and refuses to when one is already running
in the thread, which is always the case while a coroutine body executes under
asyncio: ``RuntimeError: asyncio.run() cannot be called from a running event
loop``.  Calls in a nested ``def``/``lambda`` (often run in another thread) are not
flagged, nor is a module that imports trio (whose coroutines run without an asyncio
loop).

A call whose coroutine the function closes itself (``coro = main()``,
``asyncio.run(coro)``, ``coro.close()`` in a ``finally``) is not flagged either:
closing a coroutine that ``asyncio.run`` was given only makes sense when the author
expects the refusal (CPython's own test of this error does exactly that).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._flow import (
    expects_error,
    final_names,
    qualified_in,
    running_in_async_def,
    walk_scope,
)
from pygloss.rules._unused_imports import drop_if_unused, root_name
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

_RUN = frozenset({"asyncio.run"})
_PLAIN = (ast.Call, ast.Name, ast.Attribute, ast.Subscript, ast.Await)


def _closes_argument(call: ast.Call, function: ast.AsyncFunctionDef) -> bool:
    """``asyncio.run(coro)`` where *function* also calls ``coro.close()``."""
    if len(call.args) != 1 or not isinstance(call.args[0], ast.Name):
        return False
    name = call.args[0].id
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "close"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
        for node in walk_scope(function.body)
    )


class AsyncioRunInAsync(Rule):
    code = "PG305"
    name = "asyncio-run-in-async"
    message = "asyncio.run() inside async def raises RuntimeError: a loop is already running"
    fix_title = "Await the coroutine instead"
    fix_safety = FixSafety.UNSAFE
    severity = Severity.ERROR
    topic = "pg305-asyncio-run-in-async"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    calls = final_names(_RUN)
    statement_local = True  # audited: its statement, imports, qualified()
    requires = ("async",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        if not isinstance(node.func, ast.Name | ast.Attribute):
            return
        if not qualified_in(node.func, ctx, _RUN):
            return
        function = running_in_async_def(node, ctx)
        if function is None or _closes_argument(node, function):
            return
        if any(t.split(".")[0] == "trio" for t in ctx.imports.bindings.values()):
            return
        if expects_error(node, ctx):
            return
        yield self.finding(
            ctx,
            node,
            "`asyncio.run()` inside `async def` raises `RuntimeError` (a loop is already "
            "running) before running the coroutine it is given; `await` the coroutine "
            "instead",
        )

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        call = ctx.find_node(finding.start, finding.end, ast.Call)
        if call is None or len(call.args) != 1 or call.keywords:
            return None  # `debug=` or a missing argument: not a plain swap
        argument = call.args[0]
        if isinstance(argument, ast.Starred):
            return None
        text = ctx.source.segment(argument)
        if not isinstance(argument, _PLAIN):
            text = f"({text})"
        edits = [Edit(finding.start, finding.end, f"await {text}")]
        freed = root_name(call.func)
        if freed is not None:
            func_start, func_end = ctx.span(call.func)
            unused = drop_if_unused(ctx.source, ctx.path, freed, (func_start, func_end))
            if unused is not None:
                edits.append(unused)
        frees = (freed,) if freed else ()
        return Fix(self.fix_title or "", FixSafety.UNSAFE, tuple(edits), frees)

    VALID = [
        Valid(
            "import asyncio\n\n\nasync def main():\n    await serve()\n\n\n"
            'if __name__ == "__main__":\n    asyncio.run(main())\n'
        ),
        Valid(
            "import asyncio\n\n\nasync def export(loop, report):\n"
            "    return await loop.run_in_executor(None, lambda: asyncio.run(render(report)))\n"
        ),
        Valid(
            "import asyncio\n\n\nasync def handler(job):\n"
            "    def run_in_thread():\n        return asyncio.run(job())\n\n"
            "    return await asyncio.to_thread(run_in_thread)\n"
        ),
        Valid(
            "import asyncio\n\nimport trio\n\n\nasync def bridge():\n"
            "    return asyncio.run(legacy())\n"
        ),
        Valid(
            "import asyncio\n\nimport pytest\n\n\nasync def test_nested_run_is_refused():\n"
            "    with pytest.raises(RuntimeError):\n        asyncio.run(noop())\n"
        ),
        Valid("from myapp import asyncio\n\n\nasync def main():\n    asyncio.run(job())\n"),
        # the author closes the coroutine: the refusal is what the code expects
        Valid(
            "import asyncio\n\n\nasync def nested_run():\n    coro = job()\n    try:\n"
            "        asyncio.run(coro)\n    finally:\n        coro.close()\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import asyncio\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.post("/sync")\nasync def trigger_sync():\n'
            "    asyncio.run(sync_inventory())\n"
            '    return {"status": "done"}\n',
            fixed="from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.post("/sync")\nasync def trigger_sync():\n'
            "    await sync_inventory()\n"
            '    return {"status": "done"}\n',
        ),
        Invalid(
            "from asyncio import run\n\n\nclass Importer:\n"
            "    async def load(self, rows):\n        result = run(self.parse(rows))\n"
            "        return result\n",
            fixed="class Importer:\n"
            "    async def load(self, rows):\n        result = await self.parse(rows)\n"
            "        return result\n",
        ),
        Invalid(
            "import asyncio\n\nimport pytest\n\n\n@pytest.mark.asyncio\n"
            "async def test_refresh(client):\n"
            "    assert asyncio.run(client.refresh()) is None\n",
            fixed="import pytest\n\n\n@pytest.mark.asyncio\n"
            "async def test_refresh(client):\n"
            "    assert await client.refresh() is None\n",
        ),
        Invalid(
            "import asyncio\n\n\nasync def main(tasks):\n"
            "    for task in tasks:\n        asyncio.run(task or idle())\n",
            fixed="async def main(tasks):\n"
            "    for task in tasks:\n        await (task or idle())\n",
        ),
        Invalid("import asyncio\n\n\nasync def main():\n    asyncio.run(job(), debug=True)\n"),
        # closing another object is no sign that the refusal is expected
        Invalid(
            "import asyncio\n\n\nasync def main(other):\n    coro = job()\n"
            "    asyncio.run(coro)\n    other.close()\n",
            fixed="async def main(other):\n    coro = job()\n    await coro\n    other.close()\n",
        ),
    ]
