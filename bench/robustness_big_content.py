"""The large-content cases of issue #19, through the real server: before and after.

1. *keystrokes*: one-character edits near the end of a 50 MB document (over
   ``max-file-size``), each followed at once by a hover in a small document: how
   long that hover waits (p50, max).
2. *short lines*: a 1.2 MB file of 200,000 short lines (its parse alone is over the
   2.5 s lint budget): seconds until its diagnostics are published, whether PG101
   (last line) is in them, hovers in a small document meanwhile, the server's peak RSS.
3. *twenty files*: twenty 1.8 MB files of standard-library code opened together:
   seconds until all have diagnostics (or how many after ``--wait`` s), the server's
   peak RSS, and its RSS 5 s after all are closed.

``--server-path DIR`` runs the server from another checkout (``DIR`` first on
``PYTHONPATH``: the code before a change), for the before/after comparison.

Usage: python bench/robustness_big_content.py [--case keystrokes|short-lines|twenty]
       [--keystrokes 20] [--wait 180] [--server-path DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.corpus import stdlib_lines
from tests.robustness.rawlsp import RawServer, did_open, frame, hover, notification

SMALL = "from unittest import mock\n\np = mock.patch('os.remove')\n"
TAIL = "\n\ndef f(x=[]):\n    return x\n"


def memory(pid: int) -> tuple[float, float]:
    """(current, peak) resident MiB of *pid*."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            found[line.split(":")[0]] = int(line.split()[1]) / 1024
    return found.get("VmRSS", 0.0), found.get("VmHWM", 0.0)


def timed_hover(server: RawServer, uri: str, msg_id: str) -> float:
    started = time.perf_counter()
    server.send(frame(hover(msg_id, uri, 2, 9)))
    server.answer(msg_id, timeout=600)
    return time.perf_counter() - started


def edit(uri: str, version: int, line: int, text: str) -> bytes:
    position = {"line": line, "character": 0}
    change = {"range": {"start": position, "end": position}, "text": text}
    return frame(
        notification(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
    )


def diagnosed(server: RawServer) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for note in list(server.notifications):
        if note["method"] == "textDocument/publishDiagnostics":
            found[note["params"]["uri"]] = [d["code"] for d in note["params"]["diagnostics"]]
    return found


def start(root: Path, env: dict[str, str]) -> tuple[RawServer, str]:
    server = RawServer(root, env=env)
    server.start(root)
    small = (root / "small.py").as_uri()
    server.send(frame(did_open(small, SMALL)))
    timed_hover(server, small, "warm")
    deadline = time.monotonic() + 60  # jedi's warm-up shares the interpreter: let it end
    while time.monotonic() < deadline and not any(
        "warm-up done" in json.dumps(n) for n in list(server.notifications)
    ):
        time.sleep(0.2)
    return server, small


def keystrokes(root: Path, env: dict[str, str], count: int) -> None:
    server, small = start(root, env)
    try:
        huge = (root / "huge.py").as_uri()
        lines = 5_000_000
        started = time.perf_counter()
        server.send(frame(did_open(huge, "value = 1\n" * lines)))
        opened = timed_hover(server, small, "after-open") + time.perf_counter() - started
        waits = []
        for version in range(2, count + 2):
            server.send(edit(huge, version, lines - 1000, "#"))
            waits.append(timed_hover(server, small, f"k{version}"))
        print(
            f"keystrokes in a 50 MB document: open+hover {opened:.2f} s; hover after each of "
            f"{count} keystrokes p50 {statistics.median(waits) * 1000:.0f} ms "
            f"max {max(waits) * 1000:.0f} ms"
        )
    finally:
        server.kill()


def short_lines(root: Path, env: dict[str, str], wait: float) -> None:
    server, small = start(root, env)
    try:
        big = (root / "big.py").as_uri()
        started = time.monotonic()
        server.send(frame(did_open(big, "x = 1\n" * 200_000 + TAIL)))
        waits = []
        while time.monotonic() - started < wait and big not in diagnosed(server):
            waits.append(timed_hover(server, small, f"h{len(waits)}"))
            time.sleep(0.2)
        seconds = time.monotonic() - started
        codes = diagnosed(server).get(big)
        cut = [
            n["params"]["message"] for n in server.notifications if "stopped after" in json.dumps(n)
        ]
        _, peak = memory(server.process.pid)
        shown = "never" if codes is None else f"after {seconds:.1f} s: {codes or 'none'}"
        hovers = (
            f"p50 {statistics.median(waits) * 1000:.0f} ms max {max(waits) * 1000:.0f} ms"
            if waits
            else "none asked"
        )
        print(
            f"200,000 short lines (1.2 MB): diagnostics {shown}; lint cut: {bool(cut)}; "
            f"small-document hovers meanwhile {hovers}; peak RSS {peak:.0f} MiB"
        )
    finally:
        server.kill()


def twenty(root: Path, env: dict[str, str], wait: float) -> None:
    server, _ = start(root, env)
    try:
        # the finding first: after the cut last statement a def makes the tolerant parse
        # go statement by statement (10,000 compiles, a known gap: docs/robustness.md)
        text = TAIL.lstrip() + "\n\n" + stdlib_lines(50_000)
        uris = [(root / f"big{i}.py").as_uri() for i in range(20)]
        started = time.monotonic()
        for uri in uris:
            server.send(frame(did_open(uri, text)))
        while time.monotonic() - started < wait and len(set(uris) & set(diagnosed(server))) < 20:
            time.sleep(0.5)
        seconds = time.monotonic() - started
        done = len(set(uris) & set(diagnosed(server)))
        with_pg101 = sum("PG101" in diagnosed(server).get(uri, []) for uri in uris)
        _, peak = memory(server.process.pid)
        for uri in uris:
            server.send(
                frame(notification("textDocument/didClose", {"textDocument": {"uri": uri}}))
            )
        time.sleep(5)
        after, _ = memory(server.process.pid)
        print(
            f"twenty 1.8 MB files: {done} of 20 diagnosed ({with_pg101} with their PG101) "
            f"after {seconds:.0f} s; peak RSS {peak:.0f} MiB; "
            f"RSS 5 s after closing them all {after:.0f} MiB"
        )
    finally:
        server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=["keystrokes", "short-lines", "twenty"], action="append")
    parser.add_argument("--keystrokes", type=int, default=20)
    parser.add_argument("--wait", type=float, default=180.0)
    parser.add_argument("--server-path", help="run the server from this source folder")
    args = parser.parse_args()
    env = {}
    if args.server_path:
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [args.server_path, os.environ.get("PYTHONPATH")])
        )
    print(
        "command: python bench/robustness_big_content.py "
        + " ".join(sys.argv[1:])
        + f"   (load average {os.getloadavg()[0]:.1f})"
    )
    for case in args.case or ["keystrokes", "short-lines", "twenty"]:
        with tempfile.TemporaryDirectory() as folder:
            if case == "keystrokes":
                keystrokes(Path(folder), env, args.keystrokes)
            elif case == "short-lines":
                short_lines(Path(folder), env, args.wait)
            else:
                twenty(Path(folder), env, args.wait)


if __name__ == "__main__":
    main()
