"""JSON-RPC and LSP protocol state: every request gets exactly one answer.

:class:`HealingProtocol` sits between the framing (:mod:`pygloss.lsp.framing`) and
pygls's dispatch.  What pygls alone does not answer, it answers:

* a request the framing could not read, when its ``id`` is known: ``ParseError``;
* a request whose params do not fit the method (``line: -1``, ``character: 10**20``,
  ``params: null``): ``InvalidParams``, instead of no answer and an error pop-up;
* a message without ``"jsonrpc": "2.0"``, or a batch: ``InvalidRequest``;
* a request before ``initialize``: ``ServerNotInitialized`` (notifications then are
  dropped, ``exit`` excepted); a second ``initialize``: ``InvalidRequest`` (it would
  switch the position encoding mid-session);
* a request after ``shutdown``: ``InvalidRequest`` (pygls drops it silently); a
  request still running when ``shutdown`` comes is given :data:`SHUTDOWN_GRACE`
  seconds to finish and answer (pygls cancelled it at once);
* a response from the client that does not fit: the waiting request fails at once
  (instead of waiting forever).

``exit`` ends the session with status 0 after ``shutdown`` and 1 without it (as the
LSP says; pygls's ``sys.exit`` was swallowed and the status was always 0).  The
status is :attr:`HealingProtocol.exit_code`; :mod:`pygloss.lsp.transport` ends the
read loop when :attr:`HealingProtocol.exited` is set.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import cattrs
from lsprotocol import types
from pygls.exceptions import JsonRpcInternalError
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.protocol.json_rpc import (
    JsonRPCNotification,
    JsonRPCRequestMessage,
    JsonRPCResponseMessage,
    RPCRequest,
)

from pygloss.lsp.framing import FramingError, Message

log = logging.getLogger("pygloss.lsp")
CLIENT_LOGGED_FRAMING_ERRORS = 10  # framing errors also shown in the client's log
SHUTDOWN_GRACE = 5.0  # seconds requests in flight at shutdown may still take


async def _settle(futures: list[Any], grace: float = SHUTDOWN_GRACE) -> None:
    """Wait (at most *grace* seconds) for *futures* to finish."""
    waiting = [f if isinstance(f, asyncio.Future) else asyncio.wrap_future(f) for f in futures]
    await asyncio.wait(waiting, timeout=grace)


def _why(exc: Exception) -> str:
    """What did not fit, in a line ("invalid value for type, expected int @ $.line")."""
    try:
        details = cattrs.transform_error(exc)
    except Exception:
        details = []
    text = "; ".join(details[:3]) or str(exc).splitlines()[0] if str(exc) else repr(exc)
    return text[:300]


def _valid_id(value: Any) -> bool:
    return isinstance(value, int | str) and not isinstance(value, bool)


class HealingProtocol(LanguageServerProtocol):
    """pygls's protocol with the answers above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_seen = False
        self._client_requests: set[Any] = set()  # ids of the client's requests seen
        self.shutdown_requested: Any = None  # the shutdown request's result future
        self.exited = threading.Event()
        self.on_exit: list[Callable[[], None]] = []  # called once exit is handled
        self.exit_code = 0
        self.framing_errors = 0

    # -- what the transport hands over ---------------------------------------------------
    def receive(self, event: Message | FramingError) -> None:
        """One event from the framing: a message to dispatch, or a framing error."""
        if isinstance(event, FramingError):
            self._framing_error(event)
        else:
            self.handle_raw(event.data)

    def _framing_error(self, error: FramingError) -> None:
        self.framing_errors += 1
        if error.request_id is not None:
            self._error(error.request_id, types.ErrorCodes.ParseError, error.reason)
        message = f"pygloss: a message from the client could not be read: {error.reason}"
        log.warning("%s", message)
        if self.framing_errors <= CLIENT_LOGGED_FRAMING_ERRORS:
            if self.framing_errors == CLIENT_LOGGED_FRAMING_ERRORS:
                message += " (further framing errors go to the server's log only)"
            self._log_to_client(message)

    def handle_raw(self, data: Any) -> None:
        """Dispatch one decoded JSON value, answering what cannot be dispatched."""
        if isinstance(data, list):
            for item in data:
                if isinstance(item, dict) and "method" in item and _valid_id(item.get("id")):
                    self._error(
                        item["id"], types.ErrorCodes.InvalidRequest, "batches are not supported"
                    )
            log.warning("a JSON-RPC batch of %d messages was refused", len(data))
            return
        if not isinstance(data, dict):
            log.warning("a message that is not a JSON object was dropped: %.80r", data)
            return
        method, msg_id = data.get("method"), data.get("id")
        request = method is not None and "id" in data
        if data.get("jsonrpc") != "2.0" or (method is not None and not isinstance(method, str)):
            if request and _valid_id(msg_id):
                why = 'not a JSON-RPC 2.0 message ("jsonrpc": "2.0" and a string "method")'
                self._error(msg_id, types.ErrorCodes.InvalidRequest, why)
            log.warning("an invalid message was dropped: %.200r", data)
            return
        if "id" in data and not _valid_id(msg_id):
            log.warning("a message with an invalid id was dropped: %.200r", data)
            return
        if method == types.CANCEL_REQUEST and not _valid_id((data.get("params") or {}).get("id")):
            log.warning("a $/cancelRequest without a valid id was dropped: %.200r", data)
            return
        try:
            message = self._structure(data)
        except Exception as exc:
            self._unstructurable(data, exc)
            return
        self.handle_message(message)

    def _structure(self, data: dict[str, Any]) -> Any:
        """The typed message for *data* (the lsprotocol type of its method)."""
        if "method" in data:
            fallback = JsonRPCRequestMessage if "id" in data else JsonRPCNotification
            kind = self.get_message_type(data["method"]) or fallback
        elif "error" in data:
            kind = types.ResponseErrorMessage
        else:
            kind = self._result_types.pop(data["id"], None) or JsonRPCResponseMessage
        return self._converter.structure(data, kind)

    def _unstructurable(self, data: dict[str, Any], exc: Exception) -> None:
        method, msg_id = data.get("method"), data.get("id")
        reason = _why(exc)
        if method is not None and "id" in data:
            self._error(
                msg_id, types.ErrorCodes.InvalidParams, f"invalid params for {method}: {reason}"
            )
        elif method is None and isinstance(msg_id, int | str):  # a response to our request
            future = self._request_futures.pop(msg_id, None)
            if future is not None and not future.done():
                future.set_exception(JsonRpcInternalError(f"invalid response: {reason}"))
        log.warning("a %s that does not fit was dropped: %s", method or "response", reason)

    # -- protocol state ----------------------------------------------------------------
    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        request = isinstance(message, RPCRequest)
        if method is None or method == types.EXIT:  # a response, or exit: always taken
            super().handle_message(message)
            return
        if not self.initialize_seen:
            if method == types.INITIALIZE:
                self.initialize_seen = True
                super().handle_message(message)
            elif request:
                self._error(
                    message.id, types.ErrorCodes.ServerNotInitialized, "send initialize first"
                )
            return
        if self._shutdown:
            if request:
                why = "the server is shutting down (shutdown was requested)"
                self._error(message.id, types.ErrorCodes.InvalidRequest, why)
            return
        if method == types.INITIALIZE:
            self._error(message.id, types.ErrorCodes.InvalidRequest, "initialize was already sent")
            return
        if request:
            self._client_requests.add(message.id)
            if len(self._client_requests) > 1000:
                self.in_flight()  # forget the answered ones
        super().handle_message(message)

    @lsp_method(types.SHUTDOWN)
    def lsp_shutdown(self, *args: Any) -> Any:
        """Let the client's requests in flight finish (within :data:`SHUTDOWN_GRACE`),
        cancel what is left, then refuse every later request."""
        current = self.msg_id
        self.shutdown_requested = self._request_futures.get(current) if current else True
        running = [f for f in self.in_flight() if f is not self.shutdown_requested]
        if running:
            yield _settle, (running,), None
        if (handler := self.fm.features.get(types.SHUTDOWN)) is not None:
            yield handler, args, None
        for future in self.in_flight():  # the requests that did not finish in time
            if future is not self.shutdown_requested:
                future.cancel()
        self._shutdown = True
        return None

    @lsp_method(types.EXIT)
    def lsp_exit(self, *args: Any) -> Any:
        """End the session: status 0 after ``shutdown``, 1 without it."""
        pending = self.shutdown_requested
        if pending is not None and pending is not True and not pending.done():
            # shutdown is still letting requests finish: answer it first
            yield _settle, ([pending], SHUTDOWN_GRACE + 1), None
        if (handler := self.fm.features.get(types.EXIT)) is not None:
            yield handler, args, None
        self.exit_code = 0 if self.shutdown_requested is not None else 1
        self.exited.set()
        for listener in self.on_exit:
            listener()

    def in_flight(self) -> list[Any]:
        """Futures of the client's requests still being answered (not notifications'
        handlers, not the server's own requests to the client)."""
        running = []
        for msg_id in list(self._client_requests):
            future = self._request_futures.get(msg_id)
            if future is None or future.done():
                self._client_requests.discard(msg_id)
            else:
                running.append(future)
        return running

    async def settle(self, grace: float) -> None:
        """Wait at most *grace* seconds for the requests in flight to be answered."""
        running = self.in_flight()
        if running:
            await _settle(running, grace)

    # -- answering ---------------------------------------------------------------------
    def _error(self, msg_id: Any, code: types.ErrorCodes, message: str) -> None:
        if not _valid_id(msg_id):
            return
        self._send_response(msg_id, error=types.ResponseError(code=code, message=message))

    def _log_to_client(self, message: str) -> None:
        try:
            self.notify(
                types.WINDOW_LOG_MESSAGE,
                types.LogMessageParams(type=types.MessageType.Warning, message=message),
            )
        except Exception:  # the transport may be gone
            log.debug("could not send a log message", exc_info=True)
