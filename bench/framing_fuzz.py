"""Framing fuzzer: mutated LSP streams against the real server.

Each stream is one to three mutated messages (lengths off, headers garbled, bodies
cut or flipped, not JSON, junk: tests/robustness/framing_mutations.py) and then a
well-formed hover, the *sentinel*, which must be answered with its hover.  Streams
run back to back in sessions of ``--per-session`` (so the server must heal after
every one, whatever the one before left); half the sessions end with ``shutdown`` +
``exit`` (status must be 0), half by closing standard input in the middle of a
message (the server must be gone within 2 s).  The server runs under a 3 GiB
address-space cap.

Prints: streams, sentinels answered, the mutated requests answered (and how),
sessions, crashes, unexpected tracebacks, exit statuses and times, per mutation.

Usage: python bench/framing_fuzz.py [--streams 1000] [--per-session 50] [--seed 1]
       [--answer-timeout 30]  (PYTHONPATH=<old checkout>/server measures older code)
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.robustness.framing_mutations import DOCUMENT, stream
from tests.robustness.rawlsp import EXIT_BUDGET, RawServer, did_open, frame, notification, request


def run_session(
    rng: random.Random,
    first: int,
    count: int,
    end_by_eof: bool,
    totals: dict[str, object],
    wait: float = 30.0,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        uri = (root / "fuzz.py").as_uri()
        server = RawServer(root)
        try:
            server.start(root)
            server.send(frame(did_open(uri, DOCUMENT)))
            for number in range(first, first + count):
                data, used, sentinel = stream(rng, number, uri)
                server.send(data)
                try:
                    answer = server.answer(sentinel, timeout=wait)
                    good = "mock.patch" in json.dumps(answer.get("result"))
                except AssertionError:
                    good = False
                totals["streams"] += 1  # type: ignore[operator]
                totals["mutated"] += len(used)  # type: ignore[operator]
                totals["sentinels"] += good  # type: ignore[operator]
                for name in used:
                    totals["by_mutation"][name][good] += 1  # type: ignore[index]
                if not good:
                    totals["failures"].append((number, used))  # type: ignore[attr-defined]
                    if server.process.poll() is not None:
                        totals["crashes"] += 1  # type: ignore[operator]
                        return
            for msg_id, answers in server.responses.items():
                if isinstance(msg_id, str) and msg_id.startswith("bad-"):
                    error = answers[0].get("error")
                    totals["bad_answers"][error["code"] if error else "result"] += 1  # type: ignore[index]
                if len(answers) != 1:
                    totals["duplicates"] += 1  # type: ignore[operator]
            try:
                if end_by_eof:
                    server.send(b'Content-Length: 300\r\n\r\n{"jsonrpc": "2.0"')
                    code, seconds = server.close_and_wait()
                    totals["eof_exits"].append(seconds)  # type: ignore[attr-defined]
                    totals["slow_exits"] += seconds >= EXIT_BUDGET  # type: ignore[operator]
                else:
                    server.send(frame(request("bye", "shutdown")))
                    server.answer("bye", timeout=wait)
                    server.send(frame(notification("exit")))
                    code = server.process.wait(timeout=30)
                    totals["exit_codes"][code] += 1  # type: ignore[index]
            except (AssertionError, subprocess.TimeoutExpired) as exc:  # older code: deaf
                totals["exit_codes"][f"not ended: {exc}"[:60]] += 1  # type: ignore[index]
            time.sleep(0.1)  # the stderr reader's last bytes
            totals["tracebacks"] += len(server.unexpected_tracebacks())  # type: ignore[operator]
            totals["malformed_output"] += len(server.malformed)  # type: ignore[operator]
        finally:
            server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--per-session", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--answer-timeout", type=float, default=30.0, help="seconds to wait for a sentinel"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    totals: dict[str, object] = {
        "streams": 0,
        "mutated": 0,
        "sentinels": 0,
        "crashes": 0,
        "tracebacks": 0,
        "duplicates": 0,
        "malformed_output": 0,
        "slow_exits": 0,
        "failures": [],
        "eof_exits": [],
        "exit_codes": collections.Counter(),
        "bad_answers": collections.Counter(),
        "by_mutation": collections.defaultdict(lambda: [0, 0]),
    }
    started = time.monotonic()
    sessions = 0
    for first in range(0, args.streams, args.per_session):
        count = min(args.per_session, args.streams - first)
        run_session(rng, first, count, sessions % 2 == 1, totals, args.answer_timeout)
        sessions += 1
    seconds = time.monotonic() - started
    print(
        f"command: python bench/framing_fuzz.py --streams {args.streams} "
        f"--per-session {args.per_session} --seed {args.seed}"
    )
    print(f"{totals['streams']} streams in {sessions} sessions, {seconds:.0f} s")
    print(f"sentinels answered with their hover: {totals['sentinels']} of {totals['streams']}")
    print(
        f"crashes: {totals['crashes']}; unexpected tracebacks: {totals['tracebacks']}; "
        f"requests answered twice: {totals['duplicates']}; "
        f"malformed output: {totals['malformed_output']}"
    )
    answers = totals["bad_answers"]
    print(
        f"mutated requests answered: {sum(answers.values())} of {totals['mutated']} "  # type: ignore[attr-defined]
        f"({dict(answers)}; the others could not be read as requests)"
    )
    exits = totals["eof_exits"]
    if exits:
        print(
            f"exit after stdin closed mid-message: p50 {statistics.median(exits):.2f} s, "  # type: ignore[arg-type]
            f"max {max(exits):.2f} s, over {EXIT_BUDGET:g} s: {totals['slow_exits']}"
        )  # type: ignore[arg-type]
    print(f"exit statuses after shutdown + exit: {dict(totals['exit_codes'])}")  # type: ignore[call-overload]
    for name, (failed, passed) in sorted(totals["by_mutation"].items()):  # type: ignore[attr-defined]
        print(f"  {name:22} streams {failed + passed:5}  sentinel answered {passed:5}")
    for number, used in totals["failures"][:20]:  # type: ignore[index]
        print(f"  FAILED stream {number}: {used}")


if __name__ == "__main__":
    main()
