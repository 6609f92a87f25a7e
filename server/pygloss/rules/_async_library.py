"""Which async library a module's coroutines run under, decided by its imports.

``asyncio``, ``trio`` or ``anyio`` — or ``unknown``.  Rules use it so that advice and
fixes name the module's own API: ``await trio.sleep(...)`` in trio code,
``anyio.sleep`` in anyio code, never an ``asyncio`` function where asyncio may not
be running (``asyncio.sleep`` fails under trio; ``asyncio.gather`` is not anyio's).

- anyio imported: ``anyio`` — its API works on every backend, so it wins;
- trio (or a trio-only library) imported, and nothing asyncio-only: ``trio``;
- an asyncio-only library imported (asyncio, aiohttp, Tornado, asyncpg...), and no
  trio: ``asyncio``;
- only Starlette/FastAPI, which run on anyio and always bring it: ``anyio``;
- nothing of these, or trio and asyncio together: ``unknown`` (rules then assume
  the standard library's asyncio for a fix, and name the alternatives).
"""

from __future__ import annotations

from typing import Literal

from pygloss.rules.base import RuleContext

Library = Literal["asyncio", "trio", "anyio", "unknown"]

_ON_ANYIO = frozenset({"starlette", "fastapi"})
_TRIO = frozenset({"trio", "trio_websocket", "pytest_trio"})
_ASYNCIO = frozenset(
    {
        *("asyncio", "aiohttp", "tornado", "asyncpg", "aiofiles", "aiosqlite", "aiomysql"),
        *("uvloop", "pytest_asyncio", "motor", "aioredis", "aiokafka", "aio_pika"),
    }
)


def async_library(ctx: RuleContext) -> Library:
    """The async library of *ctx*'s module (computed once per document)."""
    found: Library | None = ctx.cache.get("async-library")
    if found is None:
        found = _decide({target.split(".")[0] for target in ctx.imports.bindings.values()})
        ctx.cache["async-library"] = found
    return found


def _decide(roots: set[str]) -> Library:
    if "anyio" in roots:
        return "anyio"
    trio, asyncio = bool(roots & _TRIO), bool(roots & _ASYNCIO)
    if trio and not asyncio:
        return "trio"
    if asyncio and not trio:
        return "asyncio"
    if not (trio or asyncio) and roots & _ON_ANYIO:
        return "anyio"
    return "unknown"
