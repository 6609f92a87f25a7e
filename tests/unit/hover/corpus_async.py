"""Hover cases in an asyncio service written the way real projects write one."""

from __future__ import annotations

from tests.unit.hover.case import case

SERVICE = """\
import asyncio
import logging
from contextlib import asynccontextmanager

import httpx

log = logging.getLogger(__name__)


async def fetch(client, url):
    response = await client.get(url)
    return response.json()


async def fetch_all_slow(client, urls):
    results = []
    for url in urls:
        results.append(await fetch(client, url))
    return results


async def fetch_all_fast(client, urls):
    return await asyncio.gather(*(fetch(client, u) for u in urls))


async def fetch_with_group(client, urls):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(client, u)) for u in urls]
    return [t.result() for t in tasks]


async def profile(client, user_id):
    user = await fetch(client, f"/users/{user_id}")
    orders = await fetch(client, f"/orders?user={user_id}")
    return user, orders


async def respond(scope, receive, send):
    await send({"type": "http.response.start", "status": 503})
    await send({"type": "http.response.body", "body": b"busy"})


async def chained(client):
    token = await fetch(client, "/token")
    data = await fetch(client, token)
    return data


def fire_and_forget(client):
    fetch(client, "/ping")


async def stream(queue):
    async for item in queue:
        yield item


class Worker:
    def __init__(self, queue):
        self.queue = queue
        self.running = False

    async def handle(self, item):
        await asyncio.sleep(0)

    async def run(self):
        self.running = True
        while self.running:
            item = await self.queue.get()
            self.handle(item)

    async def drain(self):
        try:
            while not self.queue.empty():
                await self.handle(self.queue.get_nowait())
        except asyncio.CancelledError:
            log.info("drain cancelled")
            raise
        finally:
            self.running = False


@asynccontextmanager
async def lifespan(app):
    worker = Worker(asyncio.Queue())
    yield {"worker": worker}


async def main():
    async with httpx.AsyncClient() as client:
        pending = fetch(client, "/health")
        print(await fetch_all_fast(client, ["/a", "/b"]))


if __name__ == "__main__":
    asyncio.run(main())
"""

CASES = [
    case(
        "await-in-for",
        SERVICE,
        "await fetch(client, url)",
        "async-await",
        "in a `for` loop",
        "asyncio.gather",
    ),
    case("await-gather-name", SERVICE, "asyncio.gather", "asyncio-gather", delta=9),
    case("await-gather-keyword", SERVICE, "await asyncio.gather", "async-await"),
    case("taskgroup-name", SERVICE, "asyncio.TaskGroup", "asyncio-task-group", delta=9),
    case("async-with-taskgroup", SERVICE, "async with asyncio.TaskGroup", "async-with-for"),
    case(
        "consecutive-independent",
        SERVICE,
        'await fetch(client, f"/orders',
        "async-await",
        "These 2 awaits run one after another",
        "None uses another's result",
    ),
    case(
        "consecutive-independent-conditional",
        SERVICE,
        'await fetch(client, f"/orders',
        "async-await",
        "if their effects do not depend on each other either",
    ),
    case(
        # uvicorn's flow_control.py: two ASGI sends whose order matters
        "consecutive-through-one-channel",
        SERVICE,
        'await send({"type": "http.response.body"',
        "async-await",
        "they all act through `send`",
        "only if their effects are independent",
    ),
    case(
        "consecutive-dependent",
        SERVICE,
        "await fetch(client, token)",
        "async-await",
        "`fetch` uses an earlier result, so that order is needed",
    ),
    case(
        "unawaited-statement",
        SERVICE,
        'fetch(client, "/ping")',
        "async-await",
        "calling it only creates a coroutine object",
    ),
    case(
        "unawaited-method",
        SERVICE,
        "self.handle(item)",
        "async-await",
        "`self.handle(...)` is an `async def`",
        delta=6,
    ),
    case(
        "unawaited-assigned-unused",
        SERVICE,
        'fetch(client, "/health")',
        "async-await",
        "never awaited",
    ),
    case("awaited-call-null", SERVICE, "await self.handle(self.queue", None, delta=11),
    case("async-def-keyword", SERVICE, "async def fetch(client", "async-await"),
    case("async-def-def", SERVICE, "def fetch(client", "async-await"),
    case("async-for-gen", SERVICE, "async for item", "async-with-for"),
    case("yield-in-async-gen", SERVICE, "yield item", "generators"),
    case("await-in-while", SERVICE, "await self.queue.get()", "async-await", "in a `while` loop"),
    case("await-sleep-name", SERVICE, "asyncio.sleep(0)", "async-await", delta=9),
    case("genexp-in-gather", SERVICE, "for u in urls))", "generator-expressions"),
    case("star-args-gather", SERVICE, "*(fetch", "args-kwargs"),
    case("listcomp-tasks", SERVICE, "for u in urls]", "comprehensions"),
    case("fstring-url", SERVICE, 'f"/users/', "f-strings"),
    case("fstring-inner-null", SERVICE, '{user_id}"', None, delta=2),
    case("try-drain", SERVICE, "try:\n            while", "exceptions"),
    case("except-cancelled", SERVICE, "except asyncio.CancelledError", "exceptions"),
    case("finally-drain", SERVICE, "finally:\n            self.running", "exceptions"),
    case(
        "asynccontextmanager-deco",
        SERVICE,
        "@asynccontextmanager",
        ("contextmanager-decorator", "decorators"),
    ),
    case("dunder-init-worker", SERVICE, "__init__(self, queue)", ("dunder-init", "dunder-methods")),
    case("main-guard-async", SERVICE, 'if __name__ == "__main__"', "main-guard"),
    case("async-with-client", SERVICE, "async with httpx", "async-with-for"),
    case("logger-info", SERVICE, "log.info", "logging-loggers", delta=4),
    case("response-json-null", SERVICE, "response.json()", None, delta=10),
    case("results-append-jedi", SERVICE, "results.append", "lists", delta=9),
    case("return-null", SERVICE, "return results", None),
    case("queue-empty-null", SERVICE, "self.queue.empty()", None, delta=12),
    case("not-null", SERVICE, "while not self", None, delta=6),
]
