"""The read loop: bytes from the client, through the healing framing, to the protocol.

Replaces pygls's ``run_async`` (which trusts every ``Content-Length`` and goes deaf
after one wrong one) for stdio and TCP.  Reads are chunks of whatever the client
sent; :class:`~pygloss.lsp.framing.FrameParser` cuts them into messages and
framing errors; each goes to :meth:`HealingProtocol.receive`.  When a message is
half-read and nothing more comes for :data:`IDLE` seconds, the parser is asked to
settle it (a request whose length was too large is answered rather than left
waiting for bytes that never come).

The loop ends at end of input (the client closed the pipe or the connection: the
requests still running get :data:`EOF_GRACE` seconds to answer, so the process is
gone well within 2 s), on ``exit``, or when the output is broken; it never raises.
Work still pending then (a held workspace-diagnostics request, a warm-up) is not
cancelled one task at a time: the process is about to end (:mod:`pygloss.cli.serve`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sys
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

from pygls.io_ import StdoutWriter

from pygloss.lsp.framing import FrameParser
from pygloss.lsp.jsonrpc import HealingProtocol

log = logging.getLogger("pygloss.lsp")
IDLE = 0.5  # seconds without input before a half-read message is settled
FLUSH = 0.05  # seconds the loop still runs after exit, for answers already scheduled
EOF_GRACE = 1.0  # seconds requests in flight at end of input may take to answer
CHUNK = 1 << 16
FIRST = asyncio.FIRST_COMPLETED


async def pump(read: Callable[[], Awaitable[bytes]], protocol: HealingProtocol) -> None:
    """Feed what *read* returns to *protocol* until end of input or ``exit``."""
    parser = FrameParser()
    pending: asyncio.Future[bytes] | None = None
    loop = asyncio.get_running_loop()
    exited = loop.create_future()  # set when exit is handled (maybe after a yield)
    protocol.on_exit.append(lambda: _wake(loop, exited))
    while not protocol.exited.is_set():
        if pending is None:
            pending = asyncio.ensure_future(read())
        timeout = IDLE if parser.waiting else None
        done, _ = await asyncio.wait({pending, exited}, timeout=timeout, return_when=FIRST)
        if exited.done():
            break
        if not done:
            events = _guarded(parser.idle, parser)
        else:
            try:
                data = pending.result()
            except (OSError, ValueError) as exc:  # the input is gone
                log.info("reading from the client failed: %r", exc)
                return
            pending = None
            if not data:  # the client closed its end: answer what is running, briefly
                _deliver(parser.idle(), protocol)
                await protocol.settle(EOF_GRACE)
                await asyncio.sleep(FLUSH)
                return
            events = _guarded(functools.partial(parser.feed, data), parser)
        if not _deliver(events, protocol):
            return
    if pending is not None:
        pending.cancel()
    await asyncio.sleep(FLUSH)  # answers scheduled by the last message (cancellations) go out


def _guarded(step: Callable[[], list[Any]], parser: FrameParser) -> list[Any]:
    """*step* of the parser; a bug there drops what it held (with a log), never the
    session: the parser starts again at the next header."""
    try:
        return step()
    except Exception:
        log.exception("the framing parser failed; what it held is dropped")
        parser.reset()
        return []


def _wake(loop: asyncio.AbstractEventLoop, future: asyncio.Future[None]) -> None:
    loop.call_soon_threadsafe(_set, future)


def _set(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _deliver(events: list[Any], protocol: HealingProtocol) -> bool:
    """Hand *events* to *protocol*; False when the client can no longer be written to."""
    for event in events:
        try:
            protocol.receive(event)
        except BrokenPipeError:
            log.info("the client's end of the output is closed")
            return False
        except Exception:  # a bug in handling one message must not end the session
            log.exception("handling a message failed")
        if protocol.exited.is_set():
            return True
    return True


def serve_stdio(protocol: HealingProtocol, stdin: BinaryIO | None = None,
                stdout: BinaryIO | None = None) -> None:  # fmt: skip
    """Serve *protocol* on standard input and output until the session ends."""
    source: Any = stdin or sys.stdin.buffer
    protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pygloss-stdin")
    read_chunk = getattr(source, "read1", None) or source.read

    async def main() -> None:
        loop = asyncio.get_running_loop()
        await pump(lambda: loop.run_in_executor(reader, read_chunk, CHUNK), protocol)

    try:
        _run(main())
    finally:
        reader.shutdown(wait=False, cancel_futures=True)


def serve_tcp(protocol: HealingProtocol, host: str, port: int) -> None:
    """Serve *protocol* to the first client that connects on *host*:*port*, until
    that connection ends."""

    async def main() -> None:
        finished = asyncio.Event()

        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            protocol.set_writer(writer)
            try:
                await pump(lambda: reader.read(CHUNK), protocol)
            finally:
                finished.set()

        server = await asyncio.start_server(connection, host, port)
        log.info("listening on %s:%s", host, port)
        async with server:
            await finished.wait()

    _run(main())


def _run(main: Coroutine[Any, Any, None]) -> None:
    """Run *main* in a new event loop, leaving the tasks still pending after it alone."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    with contextlib.suppress(KeyboardInterrupt, BrokenPipeError):
        loop.run_until_complete(main)
