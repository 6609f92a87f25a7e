"""PG301: a coroutine created inside ``async def`` and never awaited: it never runs.

Two forms: a statement that only calls a coroutine function (``send_receipt(order)``),
and a variable assigned from such a call that is never read again in its function
(not awaited, passed on, returned or stored).  Which calls create coroutines is
decided from this file alone (:mod:`pygloss.rules._coroutines`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._coroutines import coroutine_callee
from pygloss.rules._flow import own_statements, reads, walk_scope
from pygloss.rules.base import Edit, Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid


class UnawaitedCoroutine(Rule):
    code = "PG301"
    name = "unawaited-coroutine"
    message = "Coroutine never awaited: calling an async function only creates it"
    fix_title = "Await the coroutine"
    fix_safety = FixSafety.UNSAFE
    topic = "pg301-unawaited-coroutine"
    stubs = False  # a stub file never runs
    nodes = (ast.AsyncFunctionDef,)
    requires = ("async",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.AsyncFunctionDef)
        for statement in own_statements(node):
            if isinstance(statement, ast.Expr | ast.Assign):
                yield from self._check_statement(statement, node, ctx)

    def _check_statement(
        self, node: ast.Expr | ast.Assign, func: ast.AsyncFunctionDef, ctx: RuleContext
    ) -> Iterator[Finding]:
        if not isinstance(node.value, ast.Call):
            return
        callee = coroutine_callee(node.value, ctx)
        if callee is None:
            return
        if isinstance(node, ast.Expr):
            message = (
                f"`{callee}(...)` is never awaited: it creates a coroutine that never runs "
                "(and Python warns 'coroutine was never awaited')"
            )
            yield self.finding(ctx, node.value, message, form="statement")
            return
        if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            return
        variable = node.targets[0].id
        if _declared_outside(variable, func) or next(reads(func.body, variable), None):
            return
        message = (
            f"`{variable}` holds the coroutine of `{callee}(...)` but is never awaited, "
            "passed on or returned: the coroutine never runs"
        )
        yield self.finding(ctx, node.value, message, form="assigned")

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        if finding.data.get("form") != "statement":
            return None  # awaiting, keeping a task or deleting the line: the author decides
        return Fix(
            self.fix_title or "", FixSafety.UNSAFE, (Edit(finding.start, finding.start, "await "),)
        )

    VALID = [
        Valid(
            "import asyncio\n\n\nasync def notify(user):\n    await asyncio.sleep(0)\n\n\n"
            "async def checkout(user):\n    await notify(user)\n"
            "    task = asyncio.create_task(notify(user))\n    await task\n"
        ),
        Valid(
            "async def fetch(url):\n    ...\n\n\n"
            "async def crawl(urls):\n    pending = fetch(urls[0])\n    return await pending\n"
        ),
        Valid("def fetch(url):\n    return url\n\n\nasync def crawl(urls):\n    fetch(urls[0])\n"),
        Valid(
            "async def stream(n):\n    for i in range(n):\n        yield i\n\n\n"
            "async def main():\n    stream(3)\n"
        ),
        Valid(
            "from worker import app\n\n\n@app.task\nasync def reindex():\n    ...\n\n\n"
            "async def nightly():\n    reindex()\n"
        ),
        Valid("async def load():\n    ...\n\n\nasync def main(load=print):\n    load()\n"),
        Valid(
            "class Repo:\n    async def save(self, item):\n        ...\n\n"
            "    def sync_save(self, item):\n        self.save(item)\n"
        ),
        Valid(
            "import asyncio\n\n\nasync def produce(items):\n"
            "    queue = asyncio.Queue()\n    queue.put_nowait(items)\n"
            "    waiter = asyncio.sleep(1)\n    tasks = [waiter]\n"
            "    await asyncio.gather(*tasks)\n"
        ),
        Valid(
            "async def save(item):\n    ...\n\n\nsave = wrap(save)\n\n\n"
            "async def main():\n    save(1)\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import asyncio\n\n\nasync def poll(client):\n    while True:\n"
            "        await client.refresh()\n        asyncio.sleep(5)\n",
            fixed="import asyncio\n\n\nasync def poll(client):\n    while True:\n"
            "        await client.refresh()\n        await asyncio.sleep(5)\n",
        ),
        Invalid(
            "class OrderService:\n    async def send_receipt(self, order):\n        ...\n\n"
            "    async def place(self, order):\n        self.send_receipt(order)\n"
            "        return order\n",
            fixed="class OrderService:\n    async def send_receipt(self, order):\n        ...\n\n"
            "    async def place(self, order):\n        await self.send_receipt(order)\n"
            "        return order\n",
        ),
        Invalid(
            "from sqlalchemy.ext.asyncio import AsyncSession\n\n\n"
            "async def audit(session: AsyncSession, event: str) -> None:\n"
            "    session.add(event)\n    await session.commit()\n\n\n"
            "async def delete_user(session: AsyncSession, user_id: int) -> None:\n"
            '    audit(session, f"delete {user_id}")\n',
            fixed="from sqlalchemy.ext.asyncio import AsyncSession\n\n\n"
            "async def audit(session: AsyncSession, event: str) -> None:\n"
            "    session.add(event)\n    await session.commit()\n\n\n"
            "async def delete_user(session: AsyncSession, user_id: int) -> None:\n"
            '    await audit(session, f"delete {user_id}")\n',
        ),
        Invalid(
            "import asyncio\n\n\nasync def worker(jobs):\n    queue = asyncio.Queue()\n"
            "    for job in jobs:\n        queue.put(job)\n    return queue\n",
            fixed="import asyncio\n\n\nasync def worker(jobs):\n    queue = asyncio.Queue()\n"
            "    for job in jobs:\n        await queue.put(job)\n    return queue\n",
        ),
        Invalid(
            "async def fetch_rates(currency):\n    ...\n\n\n"
            "async def refresh_prices(currencies):\n"
            "    rates = fetch_rates(currencies[0])\n"
            '    return {"status": "refreshed"}\n'
        ),
        Invalid(
            "import asyncio\n\n\nasync def handler(request):\n"
            "    async def log_request():\n        ...\n\n"
            "    pending = log_request()\n    await asyncio.sleep(0)\n    return request\n"
        ),
    ]


def _declared_outside(name: str, func: ast.AsyncFunctionDef) -> bool:
    """``global name`` / ``nonlocal name`` in *func*: the value lives on elsewhere."""
    return any(
        isinstance(node, ast.Global | ast.Nonlocal) and name in node.names
        for node in walk_scope(func.body)
    )
