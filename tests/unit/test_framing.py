"""The healing frame parser (pygloss.lsp.framing), fed bytes in every chunking:
what it reads, what it reports as framing errors (with the request's id), and that
it always finds the next message."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pygloss.lsp.framing import (
    MAX_CONTENT_LENGTH,
    FrameParser,
    FramingError,
    Message,
    top_level_id,
)


def request(msg_id: int) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": {"x": "é"}}


def frame(obj: Any, delta: int = 0, header: str = "Content-Length: {}\r\n\r\n") -> bytes:
    body = json.dumps(obj).encode()
    return header.format(len(body) + delta).encode() + body


def parse(data: bytes, chunk: int) -> list[tuple[str, Any]]:
    parser = FrameParser()
    events = []
    for start in range(0, len(data), chunk):
        events += parser.feed(data[start : start + chunk])
    events += parser.idle()
    return [
        ("message", e.data["id"]) if isinstance(e, Message) else ("error", e.request_id)
        for e in events
    ]


def in_characters(obj: Any) -> bytes:
    body = json.dumps(obj, ensure_ascii=False).encode()
    return f"Content-Length: {len(body.decode())}\r\n\r\n".encode() + body


NEXT = frame(request(2))
BODY = json.dumps(request(1)).encode()
BOTH = [("message", 1), ("message", 2)]  # read as they are
HEALED = [("error", 1), ("message", 2)]  # request 1 answered with an error, 2 read
OVER = MAX_CONTENT_LENGTH + 1
TYPE_FIRST = "Content-Type: x\r\nContent-Length: {}\r\n\r\n"
CUT = b'Content-Length: 40\r\n\r\n{"jsonrpc":"2.0","method":"x","id":7,"pa'
CASES = {
    "well-formed": (frame(request(1)) + NEXT, BOTH),
    "5-short": (frame(request(1), -5) + NEXT, HEALED),
    "40-long": (frame(request(1), 40) + NEXT + frame(request(3)), [*HEALED, ("message", 3)]),
    "negative": (b"Content-Length: -5\r\n\r\n" + BODY + NEXT, HEALED),
    "over-the-cap": (b"Content-Length: %d\r\n\r\n" % OVER + BODY + NEXT, HEALED),
    "superscript-digit": (b"Content-Length: \xb2\r\n\r\n" + BODY + NEXT, HEALED),
    "lowercase": (frame(request(1), header="content-length: {}\r\n\r\n") + NEXT, BOTH),
    "no-space": (frame(request(1), header="Content-Length:{}\r\n\r\n") + NEXT, BOTH),
    "lf-only": (frame(request(1), header="Content-Length: {}\n\n") + NEXT, BOTH),
    "type-first": (frame(request(1), header=TYPE_FIRST) + NEXT, BOTH),
    "in-characters": (in_characters(request(1)) + NEXT, HEALED),
    "garbage-line": (b"hello\r\n" + NEXT, [("error", None), ("message", 2)]),
    "no-length": (b"X-Foo: 1\r\n\r\n" + BODY + NEXT, HEALED),
    "cut-header": (b"Content-Len" + NEXT, [("error", None), ("message", 2)]),
    "bad-json-right-length": (CUT + NEXT, [("error", 7), ("message", 2)]),
    "blank-lines-between": (frame(request(1)) + b"\r\n\r\n" + NEXT, BOTH),
}  # fmt: skip


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
@pytest.mark.parametrize("case", CASES)
def test_each_case_in_every_chunking(case: str, chunk: int) -> None:
    data, expected = CASES[case]
    assert parse(data, chunk) == expected


def test_a_lone_long_request_is_settled_when_input_stops() -> None:
    parser = FrameParser()
    assert parser.feed(frame(request(9), 40)) == []
    assert parser.waiting
    (error,) = parser.idle()
    assert isinstance(error, FramingError) and error.request_id == 9
    assert not parser.waiting


def test_a_slow_body_is_not_settled_early() -> None:
    parser = FrameParser()
    data = frame(request(9))
    assert parser.feed(data[:-10]) == []
    assert parser.idle() == []  # incomplete JSON: more may come
    assert parser.feed(data[-10:]) == [Message(request(9))]


def test_skipped_bytes_are_not_kept() -> None:
    parser = FrameParser()
    parser.feed(f"Content-Length: {MAX_CONTENT_LENGTH + 1}\r\n\r\n".encode())
    for _ in range(100):  # 100 MB of body nobody will read
        assert parser.feed(b'{"jsonrpc": "2.0", "params": "' + b"x" * 1_000_000) == []
        assert len(parser._buffer) < 10_000
    events = parser.feed(b'"}' + NEXT)
    assert [type(e) for e in events] == [FramingError, Message]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"jsonrpc":"2.0","id":5,"method":"x","params":{"id":6}}', 5),
        (b'{"params":{"id":6},"method":"x","id":"a\\"b"', 'a"b'),
        (b'{"jsonrpc":"2.0","id":5,"result":null}', None),  # a response: never answered
        (b'{"method":"x","params":{"id":6}', None),  # only a nested id
        (b'{"id":1.5,"method":"x"}', None),
        (b'{"id":true,"method":"x"}', None),
        (b'{"id":' + b"9" * 30 + b',"method":"x"}', None),
    ],
)
def test_top_level_id(raw: bytes, expected: object) -> None:
    assert top_level_id(raw) == expected


def test_an_id_that_is_not_utf8_is_unknown_not_a_crash() -> None:
    body = b'{"jsonrpc": "2.0"\xa1 "id": "b\xe6d-1", "method": "x"}'
    events = parse(b"Content-Length: %d\r\n\r\n" % (len(body) + 9) + body + NEXT, 5)
    assert events == [("error", None), ("message", 2)]
    assert top_level_id(b'{"method": "x", "id": "b\xe6d"}') is None


def test_a_failing_parser_is_reset_and_the_next_header_read() -> None:
    parser = FrameParser()
    parser.feed(b"Content-Length: 500\r\n\r\n{")
    parser.reset()
    events = parser.feed(b'"junk"}' + NEXT)
    assert [type(e) for e in events] == [FramingError, Message]
