"""A client that answers ``workspace/configuration`` late neither blocks analysis nor
loses its settings: the server analyses with the settings so far after 2 s, says so
once, and applies the answer when it comes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.robustness.common import HEADROOM, REQUEST_BUDGET
from tests.robustness.rawlsp import EXIT_BUDGET, RawServer, did_open, frame, request
from tests.robustness.test_hostile_workspace import wait_for

TEXT = "def f(x=[]):\n    x.append(1)\n    return x\n"
CAPABILITIES = {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}}


def codes(server: RawServer, uri: str) -> list[list[str]]:
    return [
        [d["code"] for d in n["params"]["diagnostics"]]
        for n in list(server.notifications)
        if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri
    ]


def test_a_late_configuration_answer_is_not_waited_for_and_not_lost(tmp_path: Path) -> None:
    server = RawServer(tmp_path, hold_requests=True)
    try:
        params = {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": CAPABILITIES}
        server.send(frame(request(1, "initialize", params)))
        server.answer(1)
        server.send(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        uri = (tmp_path / "m.py").as_uri()
        server.send(frame(did_open(uri, TEXT)))
        # analysed with the defaults while the client keeps the question unanswered
        assert wait_for(lambda: ["PG101"] in codes(server, uri), timeout=REQUEST_BUDGET * HEADROOM)
        assert server.held is not None
        pulls = [m for m in server.held if m["method"] == "workspace/configuration"]
        assert len(pulls) == 1, server.held
        said = [n for n in server.notifications if "not answered within" in json.dumps(n)]
        assert len(said) == 1
        settings = [{"ignore": ["PG101"]} for _ in pulls[0]["params"]["items"]]
        server.send(frame({"jsonrpc": "2.0", "id": pulls[0]["id"], "result": settings}))
        # the late answer applies: the document is analysed again without PG101
        assert wait_for(lambda: codes(server, uri)[-1] == [], timeout=REQUEST_BUDGET * HEADROOM)
        _, seconds = server.close_and_wait()
        assert seconds < EXIT_BUDGET
        assert server.unexpected_tracebacks() == []
    finally:
        server.kill()
