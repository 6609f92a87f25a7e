"""PG302: a blocking call (``time.sleep``, ``requests``, ``urlopen``, ``subprocess``)
made directly in an ``async def``: the whole event loop waits with it.

Calls in a nested ``def`` or ``lambda`` (e.g. handed to ``asyncio.to_thread``) run
elsewhere and are not flagged.  Names are resolved from the file's imports, with
shadowing respected.  The advice and the fix name the module's own async library
(:mod:`pygloss.rules._async_library`): ``trio.sleep`` in trio code, ``anyio.sleep``
in anyio code, never ``asyncio.sleep`` there.  Where no async library is imported,
the standard library's asyncio is assumed for the fix, and the message names the
alternatives.

In test code (a test file, or a file under a ``tests`` folder) it reports nothing:
there a blocking call in a coroutine is nearly always the scenario under test (a loop
kept busy on purpose, a race reproduced, a patched ``requests``), and on real
projects every one read was deliberate (ecosystem: 0 of 6 worth acting on).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._async_library import Library, async_library
from pygloss.rules._decorators import in_test_code
from pygloss.rules._fixkit import import_name, statement_alone
from pygloss.rules._flow import final_names, qualified_in, running_in_async_def
from pygloss.rules._unused_imports import drop_if_unused, root_name
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

_HTTP = ("get", "post", "put", "patch", "delete", "head", "options", "request")
_TO_THREAD = {
    "asyncio": "`await asyncio.to_thread(...)`",
    "trio": "`await trio.to_thread.run_sync(...)`",
    "anyio": "`await anyio.to_thread.run_sync(...)`",
    "unknown": "`await asyncio.to_thread(...)` (or your async library's worker threads)",
}
_SLEEP = {
    "asyncio": "use `await asyncio.sleep(...)`",
    "trio": "use `await trio.sleep(...)`",
    "anyio": "use `await anyio.sleep(...)`",
    "unknown": "use `await asyncio.sleep(...)` (or your async library's sleep)",
}
_PROCESS = {
    "asyncio": "`await asyncio.create_subprocess_exec(...)`",
    "trio": "`await trio.run_process(...)`",
    "anyio": "`await anyio.run_process(...)`",
    "unknown": "`await asyncio.create_subprocess_exec(...)`",
}
BLOCKING = frozenset(
    {
        "time.sleep",
        "urllib.request.urlopen",
        *(f"requests.{verb}" for verb in _HTTP),
        *(f"subprocess.{name}" for name in ("run", "call", "check_call", "check_output")),
    }
)


def advice(call: str, library: Library) -> str:
    """What to do instead of *call*, in *library*'s terms."""
    if call == "time.sleep":
        return _SLEEP[library]
    if call.startswith("subprocess."):
        return f"use {_PROCESS[library]} or {_TO_THREAD[library]}"
    return f"use an async HTTP client (httpx.AsyncClient, aiohttp) or {_TO_THREAD[library]}"


def _zero(call: ast.Call) -> bool:
    """``sleep(0)`` / ``sleep(0.0)``: a duration that is literally zero."""
    value = call.args[0] if len(call.args) == 1 and not call.keywords else None
    if not isinstance(value, ast.Constant) or type(value.value) not in (int, float):
        return False
    return value.value == 0


class BlockingCallInAsync(Rule):
    code = "PG302"
    name = "blocking-call-in-async"
    message = "Blocking call inside async def: the event loop and every task wait for it"
    fix_title = "Await the async library's sleep (`asyncio`, `trio` or `anyio`)"
    fix_safety = FixSafety.UNSAFE
    topic = "pg302-blocking-call-in-async"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    calls = final_names(BLOCKING)
    statement_local = True  # audited: its statement, imports, qualified()
    requires = ("async",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        if not isinstance(node.func, ast.Name | ast.Attribute):
            return
        qualified = qualified_in(node.func, ctx, BLOCKING)
        if qualified is None or in_test_code(ctx) or running_in_async_def(node, ctx) is None:
            return
        if qualified == "time.sleep" and _zero(node):
            return  # `time.sleep(0)` waits for nothing: it only lets other threads run
        message = (
            f"`{qualified}` blocks the event loop inside `async def`: every other task "
            f"waits until it returns; {advice(qualified, async_library(ctx))}"
        )
        yield self.finding(ctx, node, message, call=qualified)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        library = async_library(ctx)
        if library == "unknown":
            library = "asyncio"  # no async library imported: the standard library's
        if finding.data.get("call") != "time.sleep":
            return None
        call = ctx.find_node(finding.start, finding.end, ast.Call)
        statement = ctx.parent(call) if call is not None else None
        if call is None or not isinstance(statement, ast.Expr) or statement.value is not call:
            return None  # `x = time.sleep(1)` and the like: leave it to the author
        if not statement_alone(ctx.source, *ctx.span(statement)):
            return None
        try:
            spelled, import_edit = import_name(
                ctx.source, ctx.imports, library, "sleep", style="module", path=ctx.path
            )
        except ValueError:
            return None
        func_start, func_end = ctx.span(call.func)
        edits = [
            Edit(finding.start, finding.start, "await "),
            Edit(func_start, func_end, spelled),
        ]
        if import_edit is not None:
            edits.append(import_edit)
        freed = root_name(call.func)
        if freed is not None:
            unused = drop_if_unused(
                ctx.source, ctx.path, freed, (func_start, func_end), adding=import_edit is not None
            )
            if unused is not None:
                edits.append(unused)
        frees = (freed,) if freed else ()
        title = f"Use `await {library}.sleep(...)`"
        return Fix(title, FixSafety.UNSAFE, tuple(edits), frees)

    VALID = [
        # waits for nothing: a busy loop that lets other threads run (textual's sleep
        # profiler)
        Valid("import time\n\nasync def spin(until):\n    while until():\n        time.sleep(0)\n"),
        Valid(
            "import asyncio\nimport time\n\n\nasync def backoff(attempt):\n"
            "    await asyncio.sleep(2**attempt)\n\n\ndef retry_sync(attempt):\n"
            "    time.sleep(2**attempt)\n"
        ),
        Valid(
            "import asyncio\n\nimport requests\n\n\nasync def fetch_profile(user_id):\n"
            "    url = f'https://api.example.com/users/{user_id}'\n"
            "    return await asyncio.to_thread(lambda: requests.get(url, timeout=5))\n"
        ),
        Valid(
            "import subprocess\n\n\nasync def build(loop, args):\n"
            "    def compile_assets():\n        return subprocess.run(args, check=True)\n\n"
            "    return await loop.run_in_executor(None, compile_assets)\n"
        ),
        Valid(
            "import httpx\n\n\nasync def fetch(url):\n"
            "    async with httpx.AsyncClient() as client:\n"
            "        return await client.get(url)\n"
        ),
        Valid("import time\n\n\nasync def tick(time):\n    time.sleep(1)\n"),
        # a trio test that blocks on purpose and says so in Ruff's code (the case)
        Valid(
            "import time\n\nimport trio\n\n\nasync def test_clock():\n"
            "    time.sleep(0.01)  # noqa: ASYNC251  # need to wait for an OS thread\n"
            "    await trio.lowlevel.checkpoint()\n"
        ),
        Valid(
            "from myapp import requests\n\n\nasync def handler():\n    return requests.get('x')\n"
        ),
        # test code blocks the loop on purpose (aiohttp, asgiref, CPython's timeout tests)
        Valid(
            "import asyncio\nimport time\n\n\nasync def test_timeout_fires_while_busy():\n"
            "    async with asyncio.timeout(0.01):\n        time.sleep(0.05)  # a busy loop\n"
            "        await asyncio.sleep(0)\n",
            path="test_timeouts.py",
        ),
        Valid(
            "import time\n\n\nasync def hold_the_loop(seconds):\n    time.sleep(seconds)\n",
            path="tests/helpers.py",
        ),
    ]
    INVALID = [
        Invalid(
            "import asyncio\nimport time\n\n\nasync def poll_status(job):\n"
            "    while not job.done:\n        time.sleep(0.5)\n",
            fixed="import asyncio\n\n\nasync def poll_status(job):\n"
            "    while not job.done:\n        await asyncio.sleep(0.5)\n",
        ),
        # trio and anyio code get their own sleep, never asyncio's (asyncio.sleep
        # fails under trio)
        Invalid(
            "import time\n\nimport trio\n\n\nasync def wait_for_peer():\n"
            "    time.sleep(0.1)\n    await trio.lowlevel.checkpoint()\n",
            fixed="import trio\n\n\nasync def wait_for_peer():\n"
            "    await trio.sleep(0.1)\n    await trio.lowlevel.checkpoint()\n",
        ),
        Invalid(
            "import time\nfrom anyio import fail_after\n\n\nasync def poll_before_deadline():\n"
            "    with fail_after(0.1):\n        time.sleep(0.11)\n",
            fixed="import anyio\nfrom anyio import fail_after\n\n\n"
            "async def poll_before_deadline():\n    with fail_after(0.1):\n"
            "        await anyio.sleep(0.11)\n",
        ),
        # no async library imported: asyncio, the standard library's, is assumed
        Invalid(
            "import time\n\n\nasync def poll(job):\n    time.sleep(0.5)\n",
            fixed="import asyncio\n\n\nasync def poll(job):\n    await asyncio.sleep(0.5)\n",
        ),
        Invalid(
            "import asyncio\nfrom time import sleep\n\n\nclass Worker:\n"
            "    async def run(self):\n        sleep(1)  # give the broker a moment\n"
            "        await self.consume()\n",
            fixed="import asyncio\n\n\nclass Worker:\n"
            "    async def run(self):\n        await asyncio.sleep(1)  # give the broker a moment\n"
            "        await self.consume()\n",
        ),
        Invalid(
            "import requests\nfrom fastapi import APIRouter\n\n"
            'router = APIRouter(prefix="/weather")\n\n\n'
            '@router.get("/{city}")\nasync def forecast(city: str):\n'
            '    response = requests.get(f"https://api.example.com/{city}", timeout=5)\n'
            "    return response.json()\n"
        ),
        Invalid(
            "import subprocess\n\n\nasync def render_pdf(path):\n"
            '    subprocess.run(["wkhtmltopdf", path, "out.pdf"], check=True)\n'
        ),
        Invalid(
            "from urllib.request import urlopen\n\n\nasync def ping(url):\n"
            "    with urlopen(url, timeout=3) as response:\n        return response.status\n"
        ),
    ]
