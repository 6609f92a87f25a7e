"""A minimal LSP session for the robustness benches: start ``python -P -m pygloss serve``,
initialize it as a pull-diagnostics client with UTF-32 positions (so positions are
code points), and time requests.  Not a test helper: benches print figures only.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

CAPABILITIES = types.ClientCapabilities(
    general=types.GeneralClientCapabilities(position_encodings=["utf-32"]),
    text_document=types.TextDocumentClientCapabilities(
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        diagnostic=types.DiagnosticClientCapabilities(),
        code_action=types.CodeActionClientCapabilities(
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
        ),
    ),
)


@dataclass
class Session:
    client: LanguageClient
    pid: int
    errors: list[str] = field(default_factory=list)  # Error-level log messages
    messages: list[str] = field(default_factory=list)  # every log message
    latencies: dict[str, list[float]] = field(default_factory=dict)  # ms per method
    failures: dict[str, int] = field(default_factory=dict)  # error responses/time-outs
    slowest: list[tuple[float, str, str]] = field(default_factory=list)  # (ms, method, where)

    def rss_kib(self) -> int:
        """Resident memory of the server process (VmRSS, KiB)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    async def timed(
        self, method: str, request: Awaitable[Any], timeout: float = 60, where: str = ""
    ) -> Any:
        started = time.perf_counter()
        try:
            result = await asyncio.wait_for(request, timeout)
        except Exception as exc:  # an error response or a time-out: counted, reported
            self.failures[method] = self.failures.get(method, 0) + 1
            self.errors.append(f"{method} {where}: {exc!r}")
            return None
        elapsed = (time.perf_counter() - started) * 1000
        self.latencies.setdefault(method, []).append(elapsed)
        if elapsed > 1000:
            self.slowest.append((elapsed, method, where))
        return result

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="python", version=version, text=text
                )
            )
        )

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 30)
            self.client.exit(None)
        finally:
            await self.client.stop()


async def start(env: dict[str, str] | None = None, root: Path | None = None) -> Session:
    client = LanguageClient("pygloss-bench", "1")
    session: Session | None = None

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def log_message(params: types.LogMessageParams) -> None:
        if session is None:
            return
        session.messages.append(params.message)
        if params.type == types.MessageType.Error:
            session.errors.append(params.message)

    await client.start_io(
        sys.executable, "-P", "-m", "pygloss", "serve", env={**os.environ, **(env or {})}
    )
    assert client._server is not None
    session = Session(client, client._server.pid)
    await client.initialize_async(
        types.InitializeParams(
            capabilities=CAPABILITIES,
            root_uri=(root or Path.cwd()).as_uri(),
            initialization_options={"pygloss": {"diagnostics": {"debounceMs": 0}}},
        )
    )
    client.initialized(types.InitializedParams())
    return session


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def report(session: Session, slowest: int = 10) -> None:
    for method, values in sorted(session.latencies.items()):
        print(
            f"  {method:<28} n={len(values):>7}  p50 {percentile(values, 0.5):8.1f} ms"
            f"  p99 {percentile(values, 0.99):8.1f} ms  max {max(values):8.1f} ms"
            f"  failed {session.failures.get(method, 0)}"
        )
    over = sorted(session.slowest, reverse=True)
    if over:
        print(f"  {len(over)} requests over 1 s; the slowest:")
    for elapsed, method, where in over[:slowest]:
        print(f"    {elapsed:8.0f} ms  {method}  {where}")
