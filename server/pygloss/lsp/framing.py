"""LSP message framing that heals: bytes in, JSON messages and framing errors out.

A message is ``Content-Length: N`` (and other headers), an empty line, then N bytes
of JSON.  pygls's own reader wants exactly ``Content-Length: N\\r\\n`` and trusts N;
one wrong N and the rest of the body is read as the next header, so every later
message (``shutdown`` included) is lost.  :class:`FrameParser` is lenient where the
meaning is clear and careful where it is not:

* header names in any case, any spaces around the value, lines ending ``\\r\\n`` or
  ``\\n``, unknown headers ignored (``Content-Type``);
* ``Content-Length`` must be a non-negative integer up to :data:`MAX_CONTENT_LENGTH`
  (64 MiB; a bigger one is refused without reading the body into memory);
* a body that is not exactly one JSON value of N bytes is a framing error.  The
  parser then *resynchronises* at the next header: a ``Content-Length:`` line cannot
  occur inside valid JSON (a JSON string cannot hold a raw line break), so finding
  one inside a body proves the length was too large, and finding something other
  than a header right after a body proves it was too small.  The bytes in error
  become one :class:`FramingError`, with the ``id`` of the request when it can be
  read from them, so the server answers that request with an error instead of
  leaving the client waiting;
* when no more bytes come (the client sent one message and waits for its answer),
  :meth:`FrameParser.idle` settles a pending body: a complete JSON value that is
  shorter than its length says is reported as a framing error at once.

Memory stays bounded: a header block is at most :data:`MAX_HEADER_BYTES`, a body at
most the cap, and bytes skipped while resynchronising are dropped as they are scanned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

MAX_CONTENT_LENGTH = 64 * 1024 * 1024
MAX_HEADER_BYTES = 8192
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MARKER = re.compile(rb"content-length[ \t]*:[ \t]*\+?\d+[ \t]*\r?\n", re.IGNORECASE)
_HEADER_START = re.compile(rb"[ \t]*[A-Za-z][A-Za-z0-9-]*[ \t]*:")
_NAME_SO_FAR = re.compile(rb"[ \t]*[A-Za-z][A-Za-z0-9-]*[ \t]*")
_DIGITS = re.compile(r"\+?[0-9]+")
_MARKER_OVERLAP = 64  # bytes a marker split across two reads may span
_KEEP_HEAD = 4096  # bytes of a skipped segment kept to find the request's id


@dataclass(frozen=True)
class Message:
    """One well-framed JSON value (a dict for every valid JSON-RPC message)."""

    data: Any


@dataclass(frozen=True)
class FramingError:
    reason: str
    request_id: int | str | None = None  # the id of the request in error, when known


Event = Message | FramingError


class FrameParser:
    """Incremental: :meth:`feed` bytes, get the events they complete."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._length: int | None = None  # the body length of the message being read
        self._scanned = 0  # body bytes already searched for a header marker
        self._recovering: str | None = None  # why bytes are being skipped
        self._skip_from = 0  # where the search for the next header starts
        self._skipped_head = bytearray()  # the start of the bytes dropped while skipping
        self._dropped = 0

    def reset(self) -> None:
        """Drop everything held; what comes next is searched for a header."""
        self._buffer.clear()
        self._length = None
        self._start_recovery("bytes dropped after an error", 0)

    @property
    def waiting(self) -> bool:
        """True when part of a message is buffered (:meth:`idle` may settle it)."""
        return self._recovering is not None or self._length is not None or bool(self._buffer)

    def feed(self, data: bytes) -> list[Event]:
        self._buffer += data
        events: list[Event] = []
        while True:
            event = self._step()
            if event is None:
                return events
            if isinstance(event, Message | FramingError):
                events.append(event)

    def idle(self) -> list[Event]:
        """No bytes came for a while: settle what is buffered, if it can be."""
        if self._recovering is not None:
            return [self._end_recovery(len(self._buffer))]
        length = self._length
        if length is None or not self._buffer:
            return []
        data = bytes(self._buffer)
        value = _complete_json(data)
        if value is _INCOMPLETE and len(data) < length:
            return []  # the rest of the body may still come
        self._buffer.clear()
        self._length = None
        if value is _INCOMPLETE:
            return [FramingError("the body is not valid JSON", _request_id(value, data))]
        return [
            FramingError(
                f"Content-Length {length} but the body is {len(data)} bytes",
                _request_id(value, data),
            )
        ]

    # -- the steps ---------------------------------------------------------------------
    def _step(self) -> Event | object | None:
        """One event, ``_AGAIN`` to loop without one, None when more bytes are needed."""
        if self._recovering is not None:
            return self._recover()
        if self._length is None:
            return self._header()
        return self._body()

    def _header(self) -> Event | object | None:
        stripped = len(self._buffer) - len(self._buffer.lstrip())
        if stripped:  # blank lines between messages
            del self._buffer[:stripped]
        if not self._buffer:
            return None
        if _HEADER_START.match(self._buffer) is None:
            if _NAME_SO_FAR.fullmatch(self._buffer[:64]) and len(self._buffer) < 64:
                return None  # the start of a header name: wait for the rest
            return self._start_recovery("bytes that are not a header", 0)
        end = _HEADER_END.search(self._buffer, 0, MAX_HEADER_BYTES + 4)
        if end is None:
            if len(self._buffer) > MAX_HEADER_BYTES:
                return self._start_recovery(f"a header over {MAX_HEADER_BYTES} bytes", 1)
            return None
        length, problem = _content_length(bytes(self._buffer[: end.start()]))
        if problem is not None:
            return self._start_recovery(problem, 1)  # the next header may be inside
        del self._buffer[: end.end()]
        self._length, self._scanned = length, 0
        return _AGAIN

    def _body(self) -> Event | object | None:
        length = self._length
        assert length is not None
        # a header inside the body: the length was too large (or the body is not JSON)
        marker = _MARKER.search(self._buffer, max(0, self._scanned - _MARKER_OVERLAP))
        if marker is not None and marker.start() < length:
            head = bytes(self._buffer[: marker.start()])
            del self._buffer[: marker.start()]
            self._length = None
            return FramingError(
                f"Content-Length {length} but the next header starts after {len(head)} bytes",
                _request_id(_complete_json(head), head),
            )
        self._scanned = len(self._buffer)
        if len(self._buffer) < length:
            return None
        body = bytes(self._buffer[:length])
        try:
            data = json.loads(body)
        except Exception:  # not JSON: was the length right?
            verdict = _header_block(self._buffer[length:].lstrip())
            if verdict is None:
                return None  # wait: what follows (or idle) tells
            if verdict:  # yes: a bad body, then a good header
                del self._buffer[:length]
                self._length = None
                return FramingError("the body is not valid JSON", _request_id(_INCOMPLETE, body))
            self._length = None
            return self._start_recovery(f"Content-Length {length} is shorter than the body", 0)
        del self._buffer[:length]
        self._length = None
        return Message(data)

    # -- recovery ------------------------------------------------------------------------
    def _start_recovery(self, reason: str, skip: int) -> object:
        self._recovering = reason
        self._skip_from = skip  # the next header is searched for after these bytes
        self._skipped_head = bytearray()
        self._dropped = 0
        return _AGAIN

    def _recover(self) -> Event | None:
        marker = _MARKER.search(self._buffer, self._skip_from)
        if marker is not None:
            return self._end_recovery(marker.start())
        # drop what was scanned, but what a marker split across reads needs; keep the
        # start of the skipped bytes to find the request's id in
        keep = max(self._skip_from, len(self._buffer) - _MARKER_OVERLAP)
        if keep > 0:
            room = max(0, _KEEP_HEAD - len(self._skipped_head))
            self._skipped_head += self._buffer[: min(keep, room)]
            self._dropped += keep
            del self._buffer[:keep]
            self._skip_from = 0
        return None

    def _end_recovery(self, end: int) -> FramingError:
        tail = bytes(self._buffer[:end])
        del self._buffer[:end]
        if self._dropped <= _KEEP_HEAD:  # the whole segment is at hand
            segment, complete = bytes(self._skipped_head) + tail, True
        else:
            segment, complete = bytes(self._skipped_head), False
        reason = self._recovering or "unexpected bytes"
        self._recovering = None
        self._skipped_head = bytearray()
        self._dropped = 0
        body = _after_headers(segment)
        value = _complete_json(body) if complete else _INCOMPLETE
        return FramingError(f"{reason}; skipped to the next header", _request_id(value, body))


_AGAIN = object()
_INCOMPLETE = object()


def _content_length(block: bytes) -> tuple[int, str | None]:
    """The Content-Length of a header block, or why there is no usable one."""
    found: set[str] = set()
    for line in re.split(rb"\r?\n", block):
        name, colon, value = line.partition(b":")
        if not colon:
            return 0, f"a header line without ':' ({line[:40]!r})"
        if name.strip().lower() == b"content-length":
            found.add(value.strip().decode("latin-1"))
    if not found:
        return 0, "a header without Content-Length"
    if len(found) > 1:
        return 0, f"two different Content-Length headers ({', '.join(sorted(found))})"
    (text,) = found
    if _DIGITS.fullmatch(text) is None:
        return 0, f"Content-Length {text[:40]!r} is not a non-negative integer"
    length = int(text[:20]) if len(text) <= 20 else MAX_CONTENT_LENGTH + 1
    if length > MAX_CONTENT_LENGTH:
        return 0, f"Content-Length {text[:20]} is over the limit ({MAX_CONTENT_LENGTH} bytes)"
    return length, None


def _header_block(data: bytes | bytearray) -> bool | None:
    """Whether *data* starts with a header block that has a usable Content-Length
    (None: too little data to tell yet)."""
    if not data:
        return None
    if _HEADER_START.match(data) is None:
        return False
    end = _HEADER_END.search(data, 0, MAX_HEADER_BYTES + 4)
    if end is None:
        return None if len(data) <= MAX_HEADER_BYTES else False
    return _content_length(bytes(data[: end.start()]))[1] is None


def _after_headers(segment: bytes) -> bytes:
    """*segment* from its JSON body on (skipping a header block it starts with)."""
    if _HEADER_START.match(segment):
        end = _HEADER_END.search(segment)
        if end is not None:
            return segment[end.end() :]
    brace = segment.find(b"{")
    return segment[brace:] if brace > 0 else segment


def _complete_json(data: bytes) -> Any:
    """The one JSON value at the start of *data*, or ``_INCOMPLETE``."""
    try:
        text = data.decode("utf-8")
        value, _ = json.JSONDecoder().raw_decode(text.lstrip())
    except Exception:
        return _INCOMPLETE
    return value


def _request_id(value: Any, raw: bytes) -> int | str | None:
    """The id of the request *value* (or, when it did not parse, found in *raw* at
    the top level of its object); None for a notification or a response."""
    if value is not _INCOMPLETE:
        if isinstance(value, dict) and "method" in value:
            return _valid_id(value.get("id"))
        return None
    return top_level_id(raw[:_KEEP_HEAD])


def _valid_id(value: Any) -> int | str | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    return value


_ID_VALUE = re.compile(rb'\s*:\s*(-?\d{1,18}(?![\d.eE])|"(?:[^"\\\x00-\x1f]|\\.){0,200}")')


def top_level_id(raw: bytes) -> int | str | None:
    """The ``"id"`` of the outermost object in *raw* (maybe cut short or invalid
    further on), when that object also has a ``"method"`` (it is a request)."""
    depth, index, found, method = 0, 0, None, False
    in_string = False
    while index < len(raw):
        char = raw[index]
        if in_string:
            if char == 0x5C:  # backslash
                index += 2
                continue
            if char == 0x22:
                in_string = False
        elif char == 0x22:
            if depth == 1:
                end = raw.find(b'"', index + 1)
                key = raw[index + 1 : end] if end > 0 else b""
                if key == b"method":
                    method = True
                elif key == b"id" and found is None:
                    value = _ID_VALUE.match(raw, end + 1)
                    if value is not None:
                        try:
                            found = json.loads(value.group(1))
                        except ValueError:  # invalid UTF-8 or escapes in the id
                            found = None
            in_string = True
        elif char in b"{[":
            depth += 1
        elif char in b"}]":
            depth -= 1
            if depth <= 0:
                break
        index += 1
    return _valid_id(found) if method else None
