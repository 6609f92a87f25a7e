"""``pygloss serve`` start-up: process start to the ``initialize`` answer, against the
time to import pygls and lsprotocol alone (the floor every pygls server shares),
measured in the same run, from an installed wheel (:mod:`bench._wheel`).

Each round runs, one after the other (so machine load hits both alike):

* ``python -c "import pygls.lsp.server, lsprotocol.types"`` (the floor): wall time
  from start to exit, and its CPU time;
* ``pygloss serve``: a raw JSON-RPC ``initialize`` request written to its standard
  input at once, the wall time until the answer is read, and the server's CPU time
  at that moment (``/proc/PID/stat``); then ``shutdown``/``exit``.

    python bench/lsp_startup.py [--runs 15]

Budget (issue #17): ``initialize`` answered within 1.15x of the floor (medians).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _wheel import clean_environ, installed_wheel

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "processId": None,
        "rootUri": None,
        "capabilities": {
            "textDocument": {
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {"versionSupport": True},
            },
            "general": {"positionEncodings": ["utf-16"]},
        },
    },
}


def frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream: object) -> dict[str, object]:
    length = 0
    while True:
        line = stream.readline()  # type: ignore[attr-defined]
        if not line:
            raise EOFError("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))  # type: ignore[attr-defined,no-any-return]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def floor(python: str, env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([python, "-c", "import pygls.lsp.server, lsprotocol.types"], env=env, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall * 1000, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def serve(pygloss: str, env: dict[str, str]) -> tuple[float, float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [pygloss, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(frame(INITIALIZE))
    process.stdin.flush()
    while True:
        message = read_message(process.stdout)
        if message.get("id") == 1:
            break
    wall = (time.perf_counter() - started) * 1000
    cpu = cpu_seconds(process.pid) * 1000
    assert "capabilities" in message.get("result", {}), message  # type: ignore[operator]
    process.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    process.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
    process.stdin.close()
    process.wait(timeout=30)
    return wall, cpu


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * fraction) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bin_dir = installed_wheel()
    env = clean_environ()
    python, pygloss = str(bin_dir / "python"), str(bin_dir / "pygloss")
    floor(python, env)  # once untimed: the file system cache
    serve(pygloss, env)
    load = os.getloadavg()[0]
    rows: dict[str, tuple[list[float], list[float]]] = {
        "import pygls + lsprotocol": ([], []),
        "pygloss serve -> initialize": ([], []),
    }
    for _ in range(args.runs):
        for name, run in zip(
            rows, (lambda: floor(python, env), lambda: serve(pygloss, env)), strict=True
        ):
            wall, cpu = run()
            rows[name][0].append(wall)
            rows[name][1].append(cpu)
    print(f"command: python bench/lsp_startup.py --runs {args.runs}")
    print(f"pygloss from a wheel in {bin_dir.parent}")
    print(f"load average at start {load:.2f}, at end {os.getloadavg()[0]:.2f}")
    print(f"{'':30} {'wall p50':>9} {'wall p90':>9} {'cpu p50':>8} {'cpu p90':>8}")
    for name, (wall, cpu) in rows.items():
        print(
            f"{name:30} {statistics.median(wall):7.0f}ms {percentile(wall, 0.9):7.0f}ms "
            f"{statistics.median(cpu):6.0f}ms {percentile(cpu, 0.9):6.0f}ms"
        )
    (floor_wall, floor_cpu), (serve_wall, serve_cpu) = rows.values()
    for kind, ours, base in (("wall", serve_wall, floor_wall), ("cpu", serve_cpu, floor_cpu)):
        ratio = statistics.median(ours) / statistics.median(base)
        print(f"ratio initialize / import floor, {kind} (medians; budget 1.15x): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
