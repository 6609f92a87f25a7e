"""Mutated LSP streams for the framing fuzzer (bench/framing_fuzz.py and a sample in
tests/robustness/test_framing_fuzz.py).

A *stream* is one to three mutated messages (a hover request each, with its own id)
followed by a well-formed sentinel hover that the server must answer with the hover.
The mutations are what broken clients and broken pipes produce: lengths off by a
few bytes or by many, negative, huge, not numbers, counted in characters; header
names in another case, spacing, line ends; headers missing, doubled, garbled or
cut; bodies cut, with bytes flipped, with invalid UTF-8, not JSON, empty; junk
between messages.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

HOVER_LINE, HOVER_CHARACTER = 2, 9  # "mock.patch" in the fuzz document
DOCUMENT = "from unittest import mock\n\np = mock.patch('os.remove')\n"

Mutation = Callable[[random.Random, dict[str, Any]], bytes]


def hover_request(msg_id: int | str, uri: str) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": msg_id,
        "method": "textDocument/hover",
        "params": {
            "textDocument": {"uri": uri},
            "position": {"line": HOVER_LINE, "character": HOVER_CHARACTER},
        },
    }


def _body(message: dict[str, Any], rng: random.Random | None = None) -> bytes:
    if rng is not None and rng.random() < 0.3:  # some clients send non-ASCII raw
        message = {**message, "note": "é€😀"}
        return json.dumps(message, ensure_ascii=False).encode()
    return json.dumps(message).encode()


def _framed(body: bytes, length: int | str | None = None, header: str = "Content-Length") -> bytes:
    value = len(body) if length is None else length
    return f"{header}: {value}\r\n\r\n".encode() + body


def off_by(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = _body(message, rng)
    delta = rng.choice([-1, 1]) * rng.choice([1, 2, 3, 5, 8, 13, 40, 100, 1000])
    return _framed(body, max(0, len(body) + delta))


def bad_length_value(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = _body(message, rng)
    value = rng.choice(["-5", "-0", "999999999999999", "1e3", "0x20", "", "lots", " ", "١٢", "+"])
    return _framed(body, value)


def counted_in_characters(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = json.dumps({**message, "text": "é" * rng.randint(1, 30)}, ensure_ascii=False).encode()
    return _framed(body, len(body.decode()))


def header_spelling(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = _body(message, rng)
    name = rng.choice(["content-length", "CONTENT-LENGTH", "Content-length", "Content-Lenght"])
    sep = rng.choice([": ", ":", ":  ", " : ", ":\t"])
    end = rng.choice(["\r\n\r\n", "\n\n", "\r\n\n", "\n\r\n", "\r\r"])
    return f"{name}{sep}{len(body)}{end}".encode() + body


def header_lines(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = _body(message, rng)
    length = f"Content-Length: {len(body)}"
    choices = [
        ["Content-Type: application/vscode-jsonrpc; charset=utf-8", length],
        [length, "Content-Type: text/plain"],
        [length, length],  # doubled (the same)
        [length, f"Content-Length: {len(body) + 7}"],  # doubled, conflicting
        ["X-Junk", length],  # a line without ':'
        ["Content-Type: x"],  # no length at all
        [length, "x" * rng.randint(100, 20_000) + ": y"],  # a very long header
    ]
    lines = rng.choice(choices)
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def cut_body(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = _body(message, rng)
    cut = rng.randint(0, len(body) - 1)
    if rng.random() < 0.5:
        return _framed(body)[: len(_framed(body)) - len(body) + cut]  # length kept: short
    return _framed(body[:cut])  # length of the cut body: not JSON


def flipped_bytes(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = bytearray(_body(message, rng))
    for _ in range(rng.randint(1, 4)):
        body[rng.randrange(len(body))] = rng.randrange(256)
    return _framed(bytes(body))


def not_json(rng: random.Random, message: dict[str, Any]) -> bytes:
    body = rng.choice(
        [
            b"",
            b"null",
            b"[]",
            b"42",
            b'"a string"',
            b"{" * 3000,
            b"[" * 100_000 + b"]" * 100_000,
            json.dumps([message, {**message, "id": f"{message['id']}-b"}]).encode(),  # a batch
            json.dumps({**message, "jsonrpc": "1.0"}).encode(),
            json.dumps({k: v for k, v in message.items() if k != "jsonrpc"}).encode(),
            json.dumps({**message, "id": {"a": 1}}).encode(),
            json.dumps({**message, "id": None}).encode(),
            json.dumps({**message, "params": None}).encode(),
            json.dumps({**message, "method": 5}).encode(),
            json.dumps({**message, "params": 0})[:-2].encode() + b"9" * 5000 + b"}",
            b"\xef\xbb\xbf" + json.dumps(message).encode(),  # a BOM
        ]
    )
    return _framed(body)


def junk_between(rng: random.Random, message: dict[str, Any]) -> bytes:
    junk = rng.choice([b"\r\n", b"\r\n\r\n", b"hello", b"\x00\xff", b"}}}", b"Content-Length"])
    return junk + _framed(_body(message, rng))


def header_only(rng: random.Random, message: dict[str, Any]) -> bytes:
    return _framed(_body(message, rng))[: rng.randint(1, 20)]


MUTATIONS: dict[str, Mutation] = {
    "off-by": off_by,
    "bad-length-value": bad_length_value,
    "counted-in-characters": counted_in_characters,
    "header-spelling": header_spelling,
    "header-lines": header_lines,
    "cut-body": cut_body,
    "flipped-bytes": flipped_bytes,
    "not-json": not_json,
    "junk-between": junk_between,
    "header-only": header_only,
}


def stream(rng: random.Random, number: int, uri: str) -> tuple[bytes, list[str], str]:
    """Stream *number*: its bytes, the mutations used, and its sentinel's id."""
    parts: list[bytes] = []
    used: list[str] = []
    for index in range(rng.randint(1, 3)):
        name = rng.choice(list(MUTATIONS))
        used.append(name)
        parts.append(MUTATIONS[name](rng, hover_request(f"bad-{number}-{index}", uri)))
    sentinel = f"sentinel-{number}"
    parts.append(_framed(json.dumps(hover_request(sentinel, uri)).encode()))
    return b"".join(parts), used, sentinel
