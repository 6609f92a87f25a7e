"""Broken framing and bad requests against the real server: each request gets
exactly one answer, the server heals at the next header and keeps serving, and
the protocol's states (before ``initialize``, after ``shutdown``, ``exit``) hold.

Every case sends its bad bytes, then a well-formed hover that must be answered,
then ``shutdown`` (which must be answered) and closes standard input (the server
must be gone within 2 s, status 0).  Before this work every framing case here left the
server deaf for the rest of the session.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.robustness.rawlsp import (
    EXIT_BUDGET,
    RawServer,
    did_open,
    frame,
    hover,
    notification,
    request,
)

TEXT = "from unittest import mock\n\np = mock.patch('os.remove')\n"
PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS, NOT_INITIALIZED = -32700, -32600, -32602, -32002


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RawServer]:
    running = RawServer(tmp_path)
    try:
        yield running
    finally:
        running.kill()


def sentinel(server: RawServer, uri: str, msg_id: str = "sentinel") -> None:
    """A well-formed hover after the bad bytes: answered with the hover."""
    server.send(frame(hover(msg_id, uri, 2, 9)))
    answer = server.answer(msg_id)
    assert "mock.patch" in json.dumps(answer.get("result")), answer


def end_session(server: RawServer) -> None:
    """``shutdown`` answered, then standard input closes: gone within 2 s, status 0
    (``exit`` itself: ``test_protocol_states``, ``test_exit_without_shutdown_exits_1``)."""
    server.send(frame(request("bye", "shutdown")))
    assert server.answer("bye") == {"jsonrpc": "2.0", "id": "bye", "result": None}
    code, seconds = server.close_and_wait()
    assert (code, seconds < EXIT_BUDGET) == (0, True), (code, seconds)
    assert server.answered_once() and server.malformed == []
    assert server.unexpected_tracebacks() == []


def opened(server: RawServer, tmp_path: Path) -> str:
    server.start(tmp_path)
    uri = (tmp_path / "m.py").as_uri()
    server.send(frame(did_open(uri, TEXT)))
    return uri


HOVER = {"textDocument": {"uri": "file:///nowhere.py"}, "position": {"line": 0, "character": 0}}


def bad_hover(msg_id: int) -> dict[str, object]:
    return request(msg_id, "textDocument/hover", HOVER)


def body(message: object) -> bytes:
    return json.dumps(message).encode()


def length_in_characters(message: object) -> bytes:
    """A client bug: Content-Length counted in characters, not bytes (``é`` is two)."""
    data = json.dumps(message, ensure_ascii=False).encode()
    return f"Content-Length: {len(data.decode())}\r\n\r\n".encode() + data


INVALID_UTF8 = b'{"jsonrpc":"2.0","id":7,"method":"x","params":"\xff\xfe' + b'x"}'
HUGE_NUMBER = b'{"jsonrpc":"2.0","id":7,"method":"x","params":{"n":' + b"9" * 5000 + b"}}"
FRAMINGS = {
    # what a broken client sends: (bytes, the id that must get a ParseError or None)
    "length-5-short": (frame(bad_hover(7), -5), 7),
    "length-40-long": (frame(bad_hover(7), 40), 7),
    "length-negative": (b"Content-Length: -5\r\n\r\n" + body(bad_hover(7)), 7),
    "length-huge": (b"Content-Length: 999999999999999\r\n\r\n" + body(bad_hover(7)), 7),
    "length-not-a-number": (b"Content-Length: lots\r\n\r\n" + body(bad_hover(7)), 7),
    "no-length": (b"Content-Type: x\r\n\r\n" + body(bad_hover(7)), 7),
    "garbage-line": (b"hello there\r\n", None),
    "invalid-utf8": (b"Content-Length: %d\r\n\r\n" % len(INVALID_UTF8) + INVALID_UTF8, 7),
    "not-json": (b"Content-Length: 40\r\n\r\n" + b'{"jsonrpc":"2.0","method":"x","id":7,"pa', 7),
    "5000-digits": (b"Content-Length: %d\r\n\r\n" % len(HUGE_NUMBER) + HUGE_NUMBER, 7),
    "chars-not-bytes": (
        length_in_characters(request(7, "textDocument/didOpen", {"t": "é" * 10})),
        7,
    ),
}
CONTENT_TYPE = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
# framings a lenient reader accepts as they are (the request is answered normally)
ACCEPTED = {
    "lowercase": "content-length: {}\r\n\r\n",
    "no-space": "Content-Length:{}\r\n\r\n",
    "two-spaces": "Content-Length:  {}\r\n\r\n",
    "lf-only": "Content-Length: {}\n\n",
    "content-type-first": CONTENT_TYPE + "Content-Length: {}\r\n\r\n",
}


@pytest.mark.parametrize("case", FRAMINGS)
def test_a_framing_error_is_answered_and_the_server_heals(
    server: RawServer, tmp_path: Path, case: str
) -> None:
    uri = opened(server, tmp_path)
    data, answered = FRAMINGS[case]
    server.send(data)
    sentinel(server, uri)
    if answered is not None:
        assert server.answer(answered)["error"]["code"] == PARSE_ERROR
    logged = [n for n in server.notifications if "could not be read" in json.dumps(n)]
    assert len(logged) == 1  # logged once
    end_session(server)


@pytest.mark.parametrize("case", ACCEPTED)
def test_lenient_headers_are_read(server: RawServer, tmp_path: Path, case: str) -> None:
    uri = opened(server, tmp_path)
    server.send(frame(hover("lenient", uri, 2, 9), header=ACCEPTED[case]))
    assert "mock.patch" in json.dumps(server.answer("lenient")["result"])
    sentinel(server, uri)
    end_session(server)


def test_a_lone_request_with_a_long_length_is_answered_without_more_input(
    server: RawServer, tmp_path: Path
) -> None:
    uri = opened(server, tmp_path)
    server.send(frame(hover(9, uri, 2, 9), 40))  # then nothing: the client waits
    assert server.answer(9)["error"]["code"] == PARSE_ERROR
    sentinel(server, uri)
    end_session(server)


DOC = {"uri": "file:///m.py"}
BAD_PARAMS = {
    "negative-line": {"textDocument": DOC, "position": {"line": -1, "character": 0}},
    "huge-character": {"textDocument": DOC, "position": {"line": 0, "character": 10**20}},
    "null": None,
    "a-list": [1, 2],
    "missing-position": {"textDocument": DOC},
}


@pytest.mark.parametrize("case", BAD_PARAMS)
def test_bad_params_get_invalid_params(server: RawServer, tmp_path: Path, case: str) -> None:
    uri = opened(server, tmp_path)
    server.send(frame(request(5, "textDocument/hover", BAD_PARAMS[case])))
    assert server.answer(5)["error"]["code"] == INVALID_PARAMS
    assert not any(n["method"] == "window/showMessage" for n in server.notifications)
    sentinel(server, uri)
    end_session(server)


def test_every_request_of_a_bad_batch_is_answered(server: RawServer, tmp_path: Path) -> None:
    uri = opened(server, tmp_path)
    messages = [
        request(20, "shutdown") | {"jsonrpc": "1.0"},  # wrong version
        {"id": 21, "method": "textDocument/hover", "params": HOVER},  # no jsonrpc
        request(22, "textDocument/codeAction", {"textDocument": {"uri": uri}}),
        request(23, "workspace/executeCommand", {"command": "nope", "arguments": [{"x": 1}]}),
        request(24, "codeAction/resolve", {"kind": "quickfix"}),  # no title
        request(25, "no/such/method", {}),
    ]
    for message in messages:
        server.send(frame(message))
    server.send(frame([request(26, "shutdown"), request(27, "shutdown")]))  # a batch
    codes = {i: server.answer(i).get("error", {}).get("code") for i in range(20, 28)}
    assert codes == {
        20: INVALID_REQUEST,
        21: INVALID_REQUEST,
        22: INVALID_PARAMS,
        23: INVALID_PARAMS,
        24: INVALID_PARAMS,
        25: -32601,
        26: INVALID_REQUEST,
        27: INVALID_REQUEST,
    }
    server.send(frame(notification("$/cancelRequest", {"id": {"a": 1}})))  # unhashable id
    sentinel(server, uri)
    end_session(server)


def test_protocol_states(server: RawServer, tmp_path: Path) -> None:
    server.send(frame(request(10, "shutdown")))  # before initialize
    assert server.answer(10)["error"]["code"] == NOT_INITIALIZED
    server.send(frame(request(2, "textDocument/hover", HOVER)))
    assert server.answer(2)["error"]["code"] == NOT_INITIALIZED
    result = server.start(tmp_path)  # still possible after that
    encoding = result["result"]["capabilities"].get("positionEncoding")
    utf8 = {"general": {"positionEncodings": ["utf-8"]}}
    server.send(frame(request(3, "initialize", {"processId": None, "capabilities": utf8})))
    assert server.answer(3)["error"]["code"] == INVALID_REQUEST  # the encoding stays
    assert encoding == "utf-16"
    server.send(frame(request(4, "shutdown")))
    assert server.answer(4)["result"] is None
    server.send(frame(request(5, "textDocument/hover", HOVER)))  # after shutdown
    server.send(frame(request(6, "shutdown")))
    assert server.answer(5)["error"]["code"] == INVALID_REQUEST
    assert server.answer(6)["error"]["code"] == INVALID_REQUEST
    server.send(frame(notification("exit")))
    assert server.process.wait(timeout=30) == 0
    assert server.answered_once()


def test_exit_without_shutdown_exits_1(server: RawServer, tmp_path: Path) -> None:
    server.start(tmp_path)
    server.send(frame(notification("exit")))
    assert server.process.wait(timeout=30) == 1


def test_the_server_exits_soon_after_stdin_closes(server: RawServer, tmp_path: Path) -> None:
    uri = opened(server, tmp_path)
    sentinel(server, uri)
    server.send(b"Content-Length: 100\r\n\r\n{")  # half a message: must not hold the exit
    _, seconds = server.close_and_wait()
    assert seconds < EXIT_BUDGET, seconds
    assert server.unexpected_tracebacks() == []
