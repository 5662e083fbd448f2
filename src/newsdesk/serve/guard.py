"""serve.guard: the layers around the app. `BodyLimit` refuses a body over the limit (from its
Content-Length, before reading it) or one that does not arrive in time; `SecureHeaders` gives every
answer the security headers (CSP with `frame-ancestors 'none'`, X-Frame-Options…) and makes a
redirect's Location a path, never built from the Host header. The connection layer (`GuardedH11Protocol`,
`GuardedHttpToolsProtocol`, `uvicorn_options`) closes connections that do not send a request head in
`header_seconds`, caps open connections at `max_connections`, and answers its refusals in JSON.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import h11
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from newsdesk.serve.config import BAD_REQUEST, OVER_BUDGET, TOO_LARGE, ServeConfig, error_response, json_response

#: The desk's policy, as its index.html's <meta> states it, plus what only a header can say: no site may
#: frame the desk (`frame-ancestors`; a <meta> policy cannot carry it). The desk runs no inline script;
#: Leaflet positions its layers with inline styles, hence `'unsafe-inline'` for styles only.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
#: Sent with every answer: no framing (clickjacking), no content sniffing (JSON is never read as HTML),
#: no referrer to other sites.
SECURITY_HEADERS = ((b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
                    (b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"))
#: The key under which the app hands its `ServeConfig` to the connection layer (through uvicorn's
#: lifespan state, which uvicorn gives every connection's protocol).
LIMITS_KEY = "newsdesk.serve_config"


class BodyLimit:
    """Refuse a request body over `max_bytes` with 413: from its Content-Length before reading any of it,
    or, for a body sent in chunks, as soon as the chunks pass the limit (at most `max_bytes` are held).
    The body is read whole before the app runs, and must arrive within `read_seconds` (else 408): a
    client that sends a head and then a byte a minute holds nothing for long."""

    def __init__(self, app: ASGIApp, max_bytes: int, read_seconds: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.read_seconds = read_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(400, BAD_REQUEST, "the Content-Length header is not a number of bytes",
                                     {"Connection": "close"})(scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await self._refuse(scope, receive, send, f"a body of {int(declared):,} bytes")
                return
            if int(declared) == 0:
                await self.app(scope, receive, send)
                return
        elif headers.get(b"transfer-encoding", b"").lower() != b"chunked":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.read_seconds):
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        return  # the client went away
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        await self._refuse(scope, receive, send, "a body sent in chunks")
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await error_response(408, BAD_REQUEST, f"the request body did not arrive in {self.read_seconds:g} s "
                                                   f"({size:,} bytes came)", {"Connection": "close"})(
                scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, what: str) -> None:
        await error_response(413, TOO_LARGE, f"{what} is over this server's limit of {self.max_bytes:,} bytes",
                             {"Connection": "close"})(scope, receive, send)


class SecureHeaders:
    """The outermost layer: every answer, errors and the server's own 500 included, gets the security
    headers, and a redirect's Location is made a path. Starlette builds a redirect's URL from the
    request's Host header (`/static` → `http://<Host>/static/`): a forged Host would send the client off
    this server, and a path like `//evil.example` would too, so the path starts with exactly one `/`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                headers = [(name, relative_location(value) if name.lower() == b"location" else value)
                           for name, value in message.get("headers", ()) if name.lower() not in names]
                message = {**message, "headers": [*headers, *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, secured)


def relative_location(location: bytes) -> bytes:
    """A redirect target as a path on this server: scheme and host dropped, one leading slash."""
    parts = urlsplit(location.decode("latin-1"))
    path = "/" + parts.path.lstrip("/\\")
    return (path + (f"?{parts.query}" if parts.query else "")).encode("latin-1")


class DeskApp(FastAPI):
    """FastAPI with `SecureHeaders` outside its whole middleware stack (outside the layer that answers
    an unhandled error), so no answer leaves without the headers."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecureHeaders(super().build_middleware_stack())


# ------------------------------------------------------------------------------------------ the connection layer

def _raw_error(status: int, reason: str, code: str, message: str) -> bytes:
    """A whole HTTP/1.1 error answer, JSON with the security headers, for the connection layer to write
    where no request (or no app) is there to answer: then the connection is closed."""
    body = bytes(json_response({"error": {"code": code, "message": message}}).body)
    head = [f"HTTP/1.1 {status} {reason}".encode("ascii"), b"content-type: application/json",
            f"content-length: {len(body)}".encode("ascii"), b"connection: close",
            *(name + b": " + value for name, value in SECURITY_HEADERS)]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


class _HeadGuard:
    """What uvicorn's HTTP protocols lack against idle and half-sent requests (uvicorn has no timeout on
    reading a request head: its keep-alive timer is cancelled by the first byte of one), for either:

    - a request head must be complete `header_seconds` after the connection opens or the head starts
      (one deadline, not reset by each byte), else 408 and the connection is closed;
    - at most `max_connections` are open: one past it is answered 503 and closed at once (uvicorn's
      `limit_concurrency` answers in plain text and keeps the connection, holding its descriptor);
    - refusals of a malformed or oversized head are answered in JSON, like the app's.

    The limits are the app's `ServeConfig`, which `create_app` hands over through uvicorn's lifespan
    state (so `--workers` processes, each building its own app, need no global); defaults without it."""

    def __init__(self, protocol: GuardedH11Protocol | GuardedHttpToolsProtocol) -> None:
        self.protocol = protocol
        limits = protocol.app_state.get(LIMITS_KEY)
        self.limits = limits if isinstance(limits, ServeConfig) else ServeConfig()
        self.timer: asyncio.TimerHandle | None = None

    def opened(self, transport: asyncio.Transport) -> bool:
        """False when the connection is one too many (answered and closed)."""
        if len(self.protocol.connections) > self.limits.max_connections:
            self.protocol.logger.warning("refused a connection: %d are open already", self.limits.max_connections)
            transport.write(_raw_error(503, "Service Unavailable", OVER_BUDGET,
                                       f"this server has {self.limits.max_connections:,} connections open, "
                                       "its most: retry in a minute"))
            transport.close()
            return False
        return True

    def watch(self, owes_head: bool) -> None:
        """Arm the head deadline while the client owes a request head, disarm it once the head is in."""
        if self.protocol.transport.is_closing() or not owes_head:
            self.cancel()
        elif self.timer is None and self.protocol.timeout_keep_alive_task is None:
            # An idle keep-alive connection has uvicorn's own (shorter) timer; a head started has this one.
            self.timer = self.protocol.loop.call_later(self.limits.header_seconds, self._expired)

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _expired(self) -> None:
        self.timer = None
        self.refuse(408, "Request Timeout", f"no complete request head came in {self.limits.header_seconds:g} s")

    def refuse(self, status: int, reason: str, message: str) -> None:
        self.cancel()
        transport = self.protocol.transport
        if not transport.is_closing():
            transport.write(_raw_error(status, reason, BAD_REQUEST, message))
            transport.close()

    def bad_head(self) -> None:
        self.refuse(400, "Bad Request", "the request head is malformed or over this server's limit of "
                                        f"{self.limits.max_head_bytes:,} bytes")


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with `_HeadGuard`. h11 itself bounds a head still arriving at
    `max_head_bytes` (uvicorn's `h11_max_incomplete_event_size`); one arriving whole in a single read
    is bounded by the read's size (64 KB)."""

    guard: _HeadGuard

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.guard = _HeadGuard(self)
        if self.guard.opened(transport):
            self._watch()

    def _watch(self) -> None:
        self.guard.watch(self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()  # a pipelined request may have started already

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.cancel()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        self.guard.bad_head()


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol (its C parser: cheaper a request) with `_HeadGuard`, and a bound on
    the head's size, which httptools does not have."""

    guard: _HeadGuard
    _in_head = False
    _head_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.guard = _HeadGuard(self)
        if self.guard.opened(transport):
            self._watch()

    def _watch(self) -> None:
        idle = (self.cycle is None or self.cycle.response_complete) and not self.pipeline
        self.guard.watch(self._in_head or idle)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.parser is not None:
            self._watch()

    def on_message_begin(self) -> None:
        self._in_head, self._head_bytes = True, 0
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > self.guard.limits.max_head_bytes:
            # Raised inside the parser's callback: httptools raises HttpParserCallbackError, and uvicorn
            # answers it with `send_400_response`.
            raise ValueError("request head over the limit")

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.cancel()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        self.guard.bad_head()


def uvicorn_options(settings: ServeConfig) -> dict[str, Any]:
    """The uvicorn settings that go with `settings`: the guarded httptools protocol (`GuardedH11Protocol`
    does the same on h11, pure Python), keep-alive, head size. No `limit_concurrency`: the guard caps
    connections itself, answering JSON and closing."""
    return {"http": GuardedHttpToolsProtocol,
            "timeout_keep_alive": settings.keep_alive_seconds,
            "h11_max_incomplete_event_size": settings.max_head_bytes, "server_header": False,
            "timeout_graceful_shutdown": 10, "lifespan": "on"}


__all__ = ["CONTENT_SECURITY_POLICY", "LIMITS_KEY", "SECURITY_HEADERS", "BodyLimit", "DeskApp", "GuardedH11Protocol",
           "GuardedHttpToolsProtocol", "SecureHeaders", "relative_location", "uvicorn_options"]
