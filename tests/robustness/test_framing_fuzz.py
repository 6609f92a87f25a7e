"""A sample of the framing fuzzer (the full run: bench/framing_fuzz.py, 1,000 streams):
mutated messages, each stream followed by a well-formed hover that must be answered,
back to back in one session; no crash, no request answered twice, well-formed
output, and the session ends cleanly (shutdown + exit: 0; or stdin closed in the
middle of a message: gone within 2 s)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.robustness.framing_mutations import DOCUMENT, MUTATIONS, stream
from tests.robustness.rawlsp import EXIT_BUDGET, RawServer, did_open, frame, notification, request

STREAMS = 40


@pytest.mark.timeout(600)
@pytest.mark.parametrize("ending", ["shutdown", "eof"])
def test_every_sentinel_after_mutated_messages_is_answered(tmp_path: Path, ending: str) -> None:
    rng = random.Random(f"framing-{ending}")
    uri = (tmp_path / "fuzz.py").as_uri()
    server = RawServer(tmp_path)
    used: set[str] = set()
    try:
        server.start(tmp_path)
        server.send(frame(did_open(uri, DOCUMENT)))
        for number in range(STREAMS):
            data, mutations, sentinel = stream(rng, number, uri)
            used.update(mutations)
            server.send(data)
            answer = server.answer(sentinel, timeout=30)
            assert "mock.patch" in json.dumps(answer["result"]), (number, mutations, answer)
        if ending == "shutdown":
            server.send(frame(request("bye", "shutdown")))
            server.answer("bye")
            server.send(frame(notification("exit")))
            assert server.process.wait(timeout=30) == 0
        else:
            server.send(b'Content-Length: 300\r\n\r\n{"jsonrpc": "2.0"')
            _, seconds = server.close_and_wait()
            assert seconds < EXIT_BUDGET
        assert server.answered_once() and server.malformed == []
        assert server.unexpected_tracebacks() == []
    finally:
        server.kill()
    assert len(used) >= len(MUTATIONS) - 2  # the sample covers (nearly) every kind
