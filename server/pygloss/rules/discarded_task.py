"""PG303: ``asyncio.create_task(...)`` / ``asyncio.ensure_future(...)`` /
``loop.create_task(...)`` whose task is thrown away.

What the rule knows is that no reference is kept: nothing can await or cancel the
task by name, an exception in it is only logged, and the event loop's own registry of tasks
holds them weakly.  Whether the task can be lost is another matter: while it is
scheduled or waits on a timer (``asyncio.sleep``) or on a future that something else
holds (a queue, a stream, a transport), that keeps it alive; only a task waiting on
something nothing else references can be garbage-collected before it finishes
(checked on 3.11: a discarded task in ``asyncio.sleep`` completes after
``gc.collect()``, one awaiting a future only it holds is destroyed while pending).
A syntactic rule cannot tell these apart, and on real projects the discarded tasks
are nearly always kept alive that way and deliberate (ecosystem: 0 of 33 judged worth
acting on), so the finding is a hint.  In test code (a test file, or a file under a
``tests`` folder) it reports nothing: all 31 test-code hints of the ecosystem check
were deliberate fire-and-forget (a helper that sleeps and then feeds a stream or sets
a future the test awaits, concurrent resolves started on purpose, a task the test
leaks to see what the loop does with it).

``TaskGroup.create_task`` is fine (the group holds its tasks) and is not flagged:
only receivers that are surely event loops count (``asyncio.get_running_loop()``, a
name bound from it, or a variable or attribute called ``loop``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._decorators import in_test_code
from pygloss.rules._flow import expects_error, qualified_in, walk_scope
from pygloss.rules.base import Finding, Invalid, Rule, RuleContext, Severity, Valid
from pygloss.syntax.names import dotted_name

_LOOP_FACTORIES = frozenset(
    {"asyncio.get_running_loop", "asyncio.get_event_loop", "asyncio.new_event_loop"}
)
_SPAWNERS = frozenset({"asyncio.create_task", "asyncio.ensure_future"})
_LOOP_NAMES = frozenset({"loop", "_loop", "event_loop", "_event_loop"})


class DiscardedTask(Rule):
    code = "PG303"
    name = "discarded-task"
    message = (
        "Task created and thrown away: no reference is left to await or cancel it, and its "
        "errors are only logged"
    )
    severity = Severity.HINT  # whether the task can be lost depends on what it waits on
    topic = "pg303-discarded-task"
    stubs = False  # a stub file never runs
    nodes = (ast.Expr,)
    statement_local = True  # audited: its statement, imports, qualified()
    requires = ("create_task", "ensure_future")

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Expr)
        call = node.value
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute | ast.Name):
            return
        qualified = qualified_in(call.func, ctx, _SPAWNERS)
        if qualified == "asyncio.create_task" or (
            qualified == "asyncio.ensure_future" and call.args and _makes_coroutine(call.args[0])
        ):
            spelled = dotted_name(call.func)
        elif (
            isinstance(call.func, ast.Attribute)
            and call.func.attr == "create_task"
            and self._is_loop(call.func.value, ctx)
        ):
            spelled = f"{ast.unparse(call.func.value)}.create_task"
        else:
            return
        if expects_error(node, ctx) or in_test_code(ctx):
            return
        message = (
            f"The task from `{spelled}(...)` is not kept: no reference is left to await "
            "or cancel it, an exception in it is only logged, and the event loop's "
            "registry of tasks holds it only weakly (if it waits on something nothing else "
            "references, it can be destroyed before it finishes); keep a reference (a set "
            "of tasks) or use `asyncio.TaskGroup`"
        )
        yield self.finding(ctx, call, message)

    def _is_loop(self, receiver: ast.expr, ctx: RuleContext) -> bool:
        if isinstance(receiver, ast.Call):
            return qualified_in(receiver.func, ctx, _LOOP_FACTORIES) is not None
        if isinstance(receiver, ast.Attribute):
            return receiver.attr in _LOOP_NAMES
        if not isinstance(receiver, ast.Name):
            return False
        if receiver.id in _LOOP_NAMES:
            return True
        func = ctx.enclosing_function(receiver)
        if isinstance(func, ast.Lambda) or func is None:
            return False
        values = [
            n.value
            for n in walk_scope(func.body)
            if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == receiver.id for t in n.targets)
        ]
        return bool(values) and all(
            isinstance(v, ast.Call) and qualified_in(v.func, ctx, _LOOP_FACTORIES) for v in values
        )

    VALID = [
        Valid(
            "import asyncio\n\n\nasync def main(jobs):\n    async with asyncio.TaskGroup() as tg:\n"
            "        for job in jobs:\n            tg.create_task(job.run())\n"
        ),
        Valid(
            "import asyncio\n\nbackground_tasks = set()\n\n\nasync def schedule(coro):\n"
            "    task = asyncio.create_task(coro)\n    background_tasks.add(task)\n"
            "    task.add_done_callback(background_tasks.discard)\n"
        ),
        Valid(
            "import asyncio\n\n\nasync def refresh_all(urls):\n"
            "    tasks = [asyncio.create_task(fetch(url)) for url in urls]\n"
            "    return await asyncio.gather(*tasks)\n"
        ),
        Valid(
            "import asyncio\n\n\nasync def wait_for(future):\n"
            "    asyncio.ensure_future(future)\n    return await future\n"
        ),
        Valid(
            "import asyncio\nimport unittest\n\n\nclass LoopTests(unittest.TestCase):\n"
            "    def test_closed_loop_refuses_tasks(self):\n"
            "        loop = asyncio.new_event_loop()\n        loop.close()\n"
            "        with self.assertRaises(RuntimeError):\n"
            "            loop.create_task(job())\n"
        ),
        # test code: a helper task that sleeps, then feeds what the test awaits
        Valid(
            "import asyncio\n\n\nasync def test_read_waits_for_data(stream):\n"
            "    async def feed():\n        await asyncio.sleep(0.01)\n"
            "        stream.feed_data(b'x')\n\n"
            "    asyncio.create_task(feed())\n    assert await stream.read(1) == b'x'\n",
            path="test_streams.py",
        ),
        Valid(
            "import asyncio\n\n\nasync def start_resolves(resolver, hosts):\n"
            "    loop = asyncio.get_running_loop()\n    for host in hosts:\n"
            "        loop.create_task(resolver.resolve(host))\n",
            path="tests/helpers.py",
        ),
        Valid(
            "class Nursery:\n    def create_task(self, coro):\n        ...\n\n\n"
            "async def main(nursery: Nursery, job):\n    nursery.create_task(job())\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import asyncio\n\n\nasync def place_order(order):\n"
            "    await order.save()\n    asyncio.create_task(send_receipt(order))\n"
        ),
        Invalid(
            "import asyncio\n\n\nclass Heartbeat:\n    def __init__(self, loop):\n"
            "        self._loop = loop\n\n    def start(self):\n"
            "        self._loop.create_task(self.beat())\n"
        ),
        Invalid(
            "import asyncio\n\n\nasync def start_workers(n):\n"
            "    loop = asyncio.get_running_loop()\n    for i in range(n):\n"
            "        loop.create_task(worker(i))\n"
        ),
        Invalid(
            "from asyncio import ensure_future\n\nfrom fastapi import FastAPI\n\n"
            "app = FastAPI()\n\n\n"
            '@app.post("/reports")\nasync def create_report(spec: dict):\n'
            "    ensure_future(render_report(spec))\n"
            '    return {"status": "accepted"}\n'
        ),
        Invalid(
            "import asyncio\n\n\ndef on_message(message):\n"
            "    asyncio.get_running_loop().create_task(handle(message))\n"
        ),
    ]


def _makes_coroutine(node: ast.expr) -> bool:
    """``ensure_future(coro())``: a fresh coroutine (a call), not an existing future."""
    return isinstance(node, ast.Call)
