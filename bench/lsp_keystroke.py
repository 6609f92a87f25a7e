"""Keystroke to diagnostics on an 8,000-line file, pygloss against Ruff's server, with
each server's default settings, measured in the same run.

A real client (pygls) starts a server, opens the file of ``bench/lsp_diagnostics.py``
(the stdlib's ``test/test_typing.py`` cut at 8,000 lines, plus a few pitfalls) and
starts typing at once: each edit types ``x`` into ``items`` in ``if items == None`` of
the last function, the next deletes it, and so on; the time from an edit to the
diagnostics published for that version (push diagnostics, ``versionSupport``; a
publish without a version counts for the latest edit) is recorded, then the next edit
follows after ``--gap`` ms.  Typing starts as soon as the open's first diagnostics
arrive, so the first edits fall in the first seconds after opening, while pygloss's
background work (the knowledge base, jedi's warm-up) runs; those within five seconds
of the open are reported apart.  The servers alternate, ``--rounds`` sessions each.

    python bench/lsp_keystroke.py [--rounds 3] [--edits 40] [--gap 120]

Budget (issue #17): pygloss's p50 <= 2x Ruff's, over all edits and over the first
five seconds.  Ruff's server is ``ruff server`` from the same environment (its
default rule set reports the same ``== None``, and the typed name changes nothing
it reports; it publishes a version's diagnostics whether or not they changed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_diagnostics import corpus, cpu_seconds, percentile, place

FIRST_SECONDS = 5.0


class RawClient:
    """A minimal JSON-RPC client over a server's stdio (pygls's client cannot read
    every server's ``initialize`` answer): requests the server sends are answered with
    ``null`` (``workspace/configuration`` with one ``null`` per item: defaults)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.next_id = 0
        self.answers: dict[int, asyncio.Future[object]] = {}
        self.on_notification: dict[str, object] = {}
        self.reader = asyncio.ensure_future(self._read())

    def send(self, message: dict[str, object]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def request(self, method: str, params: object) -> object:
        self.next_id += 1
        answer: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self.answers[self.next_id] = answer
        self.send({"id": self.next_id, "method": method, "params": params})
        return await asyncio.wait_for(answer, 120)

    def notify(self, method: str, params: object) -> None:
        self.send({"method": method, "params": params})

    async def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = await stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(await stream.readexactly(length))
            if "method" in message and "id" in message:  # a request from the server
                params = message.get("params") or {}
                items = params.get("items") if isinstance(params, dict) else None
                result = (
                    [None] * len(items)
                    if message["method"].endswith("configuration") and items
                    else None
                )
                self.send({"id": message["id"], "result": result})
            elif "method" in message:
                handler = self.on_notification.get(message["method"])
                if handler is not None:
                    handler(message.get("params"))  # type: ignore[operator]
            elif message.get("id") in self.answers:
                self.answers.pop(message["id"]).set_result(message.get("result"))


def change(line: int, column: int, text: str, length: int) -> dict[str, object]:
    return {
        "range": {
            "start": {"line": line, "character": column},
            "end": {"line": line, "character": column + length},
        },
        "text": text,
    }


async def session(
    command: list[str], text: str, edits: int, gap: float
) -> list[tuple[float, float, float]]:
    """(seconds after the open, edit -> diagnostics ms, server CPU ms) of each edit."""
    process = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    client = RawClient(process)
    published: dict[int, asyncio.Event] = {}
    latest = {"version": 1}

    def on_diagnostics(params: dict[str, object]) -> None:
        version = params.get("version")
        key = version if isinstance(version, int) else latest["version"]
        published.setdefault(key, asyncio.Event()).set()

    client.on_notification["textDocument/publishDiagnostics"] = on_diagnostics
    folder = Path("/tmp/pygloss-bench")
    folder.mkdir(exist_ok=True)
    capabilities = {
        "textDocument": {
            "publishDiagnostics": {"versionSupport": True},
            "synchronization": {"didSave": True},
        },
        "workspace": {"configuration": True},
    }
    await client.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": capabilities},
    )
    client.notify("initialized", {})
    uri = (folder / "big_module.py").as_uri()
    opened = time.perf_counter()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    await asyncio.wait_for(published.setdefault(1, asyncio.Event()).wait(), timeout=120)
    line, _ = place(text, "end")
    measured: list[tuple[float, float, float]] = []
    for version in range(2, edits + 2):
        latest["version"] = version
        edit = change(line, 7, "x", 0) if version % 2 == 0 else change(line, 7, "", 1)
        started, used = time.perf_counter(), cpu_seconds(process.pid)
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]},
        )
        event = published.setdefault(version, asyncio.Event())
        await asyncio.wait_for(event.wait(), timeout=120)
        done = time.perf_counter()
        measured.append(
            (started - opened, (done - started) * 1000, (cpu_seconds(process.pid) - used) * 1000)
        )
        await asyncio.sleep(gap / 1000)
    await client.request("shutdown", None)
    client.notify("exit", None)
    await asyncio.wait_for(process.wait(), 30)
    client.reader.cancel()
    return measured


def summary(rows: list[tuple[float, float, float]]) -> str:
    if not rows:
        return "no edit"
    times = [ms for _, ms, _ in rows]
    cpu = [c for _, _, c in rows]
    return (
        f"{len(times):3} edits: p50 {percentile(times, 0.5):5.0f} ms, p90 "
        f"{percentile(times, 0.9):5.0f} ms, max {max(times):5.0f} ms; server CPU p50 "
        f"{statistics.median(cpu):4.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--gap", type=float, default=120, help="ms between edits")
    args = parser.parse_args()
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    servers = {
        "pygloss": [sys.executable, "-P", "-m", "pygloss", "serve"],
        "ruff server": [ruff, "server"],
    }
    text = corpus()
    load = os.getloadavg()[0]
    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in servers}
    for _ in range(args.rounds):
        for name, command in servers.items():
            rows[name] += asyncio.run(session(command, text, args.edits, args.gap))
    print(f"command: python bench/lsp_keystroke.py {' '.join(sys.argv[1:])}")
    print(f"file: {text.count(chr(10))} lines; default settings; a {args.gap:g} ms gap after")
    print(f"each edit's diagnostics; load average at start {load:.2f}, at end ", end="")
    print(f"{os.getloadavg()[0]:.2f}")
    for name, measured in rows.items():
        early = [r for r in measured if r[0] < FIRST_SECONDS]
        print(f"{name:12} all      {summary(measured)}")
        print(f"{name:12} first 5s {summary(early)}")
    for label, pick in (("all", lambda r: True), ("first 5 s", lambda r: r[0] < FIRST_SECONDS)):
        ours = [ms for r in rows["pygloss"] if pick(r) for ms in (r[1],)]
        theirs = [ms for r in rows["ruff server"] if pick(r) for ms in (r[1],)]
        if ours and theirs:
            ratio = statistics.median(ours) / statistics.median(theirs)
            print(f"ratio pygloss / ruff server p50, {label} (budget 2x): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
