"""serve: the desk's HTTP API (FastAPI, run by uvicorn through `newsdesk serve`).

    app = create_app("desk.db", token=os.environ.get("NEWSDESK_TOKEN"))

Reads: `/search`, `/pages/{id}`, `/entities`, `/entities/{key}`, `/places` (GeoJSON), `/timeline`,
`/claims`, `/report`, `/reuse/{id}` (passages shared with other pages), `/events` (event clusters);
`POST /analyze` analyses one page without storing it; `POST /pages` stores pages (and queues their
linking to the rest of the corpus, as `newsdesk ingest` links) and needs `Authorization: Bearer <token>`
(a server started without a token answers writes with 403).
The web desk (`newsdesk/web/`) is served at `/` and `/static/`; the OpenAPI document at `/openapi.json`.

Every answer is JSON, every error `{"error": {"code", "message"}}` with a 4xx status: the message names
the parameter and the problem, never a stack trace or SQL. `<`, `>` and `&` are written as JSON escapes,
so no answer carries markup a browser could run, whatever a page or a request held.

Under hostile load (issue 24): analyses run in worker processes of their own (`Analyser`), so a long
one neither holds the GIL the request threads need nor grows this process; each page has a time budget
(past it the worker is killed: 422), pages over `max_analysis_chars` are refused (413), and when every
slot is taken and `analysis_queue` requests wait, the next is answered 503 at once. Every answer
carries the security headers (`SecureHeaders`: CSP with `frame-ancestors 'none'`, X-Frame-Options…) and
a redirect's Location is always a path, never built from the Host header. The connection layer
(`GuardedH11Protocol`, `uvicorn_options`) closes connections that do not send a request head in
`header_seconds`, caps open connections at `max_connections`, and answers its refusals in JSON.

No global state: the app holds its store pool (one store a worker thread: a SQLite connection or a
PostgreSQL session each, as neither engine's connection is meant for concurrent use), its analysis
slots, its linker (one thread with its own store), and a cache of the store-wide listings (entities,
places, timeline), kept while no page is added. `newsdesk serve --workers N` runs N processes, each
building its app with `app_from_environment`.
"""

# No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations at run time,
# and the parameter types built in `create_app` (limits from its config) exist only there.
import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

import h11
import orjson
from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from newsdesk import __version__
from newsdesk.analysis.pipeline import AnalysisFailure, Pipeline, Result
from newsdesk.errors import ConfigError, NewsdeskError, ReadError, ReadFailure, check_numbers
from newsdesk.jobs.link import link_pages
from newsdesk.model import Analysis, Page
from newsdesk.read.files import ReadConfig, page_from_html, page_from_text, parse_date
from newsdesk.report.build import build_report
from newsdesk.store import ENTITY_TYPES, PageLinks, SearchHit, SearchQuery, Store, open_store

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

T = TypeVar("T")

#: The error codes of the API's own refusals (the store's and the reader's keep theirs).
BAD_REQUEST, TOO_LARGE, NO_TOKEN, NOT_FOUND, FAILED = "ND-E024", "ND-E025", "ND-E026", "ND-E027", "ND-E028"
#: An analysis stopped at its time budget (422), or no analysis slot free (503).
OVER_BUDGET = "ND-E029"
#: HTTP status of each NewsdeskError code an endpoint can meet; any other is a bad request (400).
STATUS_OF_CODE = {"ND-E006": 413, "ND-E013": 422, "ND-E020": 503, "ND-E022": 404, "ND-E023": 503,
                  NO_TOKEN: 403, NOT_FOUND: 404, TOO_LARGE: 413, OVER_BUDGET: 422}
#: A page id as `newsdesk search` prints it: 16 hex digits, or an unambiguous prefix of 6 or more.
PAGE_ID = r"^[0-9a-fA-F]{6,16}$"
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
#: Files of the web folder that are its build tooling, not the desk: never served.
HIDDEN = ("node_modules/", "package.json", "package-lock.json")


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """The API's limits. `max_body_bytes` is refused from the Content-Length header, before any of the
    body is read; `max_query_chars` bounds every text parameter (a search query, a name)."""

    max_body_bytes: int = 5 * 1024 * 1024
    max_query_chars: int = 1_000
    max_limit: int = 500
    #: Pages one `POST /pages` may carry (each is analysed before the answer: seconds each).
    max_pages_per_post: int = 50
    #: Threads reading the store, each with its own connection (SQLite and PostgreSQL run the queries, so
    #: threads beyond the cores only queue; `newsdesk serve --workers` adds processes).
    store_threads: int = 2
    #: Shortest token a server accepts: a guessable token is no lock.
    min_token_chars: int = 16
    #: Analyses run at once, each in a process of its own (one per core is the most that helps: the
    #: request threads need a core too). With `newsdesk serve --workers N`, N times this.
    analysis_slots: int = 1
    #: Requests that may wait for a slot; the next is answered 503 at once, not queued without end.
    analysis_queue: int = 8
    #: A page's time budget (s): past it the analysis is stopped (its process killed) and the request
    #: answered 422. A request also waits at most this long for a slot (else 503).
    analysis_seconds: float = 30.0
    #: Longest text one page may have to be analysed (413 beyond): a news page is a few thousand
    #: characters, and the analysis grows faster than the text.
    max_analysis_chars: int = 200_000
    #: An analysis process whose memory passed this (MB) after a page is replaced before the next one.
    analysis_recycle_mb: int = 1_536
    #: A connection must deliver a whole request head this many seconds after it opens or starts a
    #: request (not reset by each byte: a client dripping a header a byte a second is still cut off).
    header_seconds: float = 10.0
    #: A request body must arrive whole within this many seconds of its head (else 408).
    body_seconds: float = 30.0
    #: An idle keep-alive connection is closed after this many seconds.
    keep_alive_seconds: int = 5
    #: Open connections at most; a connection past it is answered 503 and closed at once, so a flood
    #: of idle connections cannot take every file descriptor.
    max_connections: int = 1_000
    #: Largest request head (request line and headers), in bytes.
    max_head_bytes: int = 16 * 1024

    def __post_init__(self) -> None:
        check_numbers(self, "serve", ("max_body_bytes", "max_query_chars", "max_limit", "max_pages_per_post",
                                      "store_threads", "min_token_chars", "analysis_slots", "max_analysis_chars",
                                      "analysis_recycle_mb", "keep_alive_seconds", "max_connections",
                                      "max_head_bytes"), whole=True, minimum=1)
        check_numbers(self, "serve", ("analysis_queue",), whole=True, minimum=0)
        check_numbers(self, "serve", ("analysis_seconds", "header_seconds", "body_seconds"), minimum=0.001)


class ApiError(Exception):
    """A refusal the API answers with `status` and `{"error": {"code", "message"}}`."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


# ------------------------------------------------------------------------------------------ JSON out

def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """`data` as JSON, with `<`, `>` and `&` escaped (`\\u003c`…): the same value to a JSON reader, and
    no markup in the bytes. Built with orjson, not FastAPI's encoder, which walks a large analysis slowly."""
    try:
        body = orjson.dumps(data)
    except TypeError:  # a lone surrogate in a string (orjson writes UTF-8 only): escaped by json, as \\ud800
        body = json.dumps(data, separators=(",", ":")).encode("ascii")
    body = body.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return json_response({"error": {"code": code, "message": message}}, status, headers)


# ------------------------------------------------------------------------------------------ the store pool

class StorePool:
    """Store calls on a fixed set of threads, each with its own store (opened on its first call), so
    requests read in parallel without sharing a connection; `close` closes every one."""

    def __init__(self, location: str | Path | None, threads: int) -> None:
        self.location = location
        first = open_store(location)  # opened here: a wrong location stops the server before it listens
        self.engine, self.where = first.engine, first.location
        self._opened: list[Store] = [first]
        self._spare: list[Store] = [first]
        self._local = threading.local()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="newsdesk-store")

    def _store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            with self._lock:
                store = self._spare.pop() if self._spare else None
            if store is None:
                store = open_store(self.location)
                with self._lock:
                    self._opened.append(store)
            self._local.store = store
        return store

    async def run(self, work: Callable[[Store], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: work(self._store()))

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


class ListingCache:
    """Answers of the store-wide listings (entities, places, timeline: an aggregate over every page, a few
    hundred ms at 10,000 pages), reused while the store's generation (`Store.generation`) is the same and
    for at most `ttl` seconds (another process may relink entities without adding a page). Used from the
    event loop's thread only."""

    def __init__(self, size: int = 256, ttl: float = 60.0) -> None:
        self.size, self.ttl = size, ttl
        self._answers: OrderedDict[str, tuple[tuple[int, int], float, bytes]] = OrderedDict()

    def get(self, key: str, generation: tuple[int, int]) -> bytes | None:
        found = self._answers.get(key)
        if found is None or found[0] != generation or time.monotonic() - found[1] > self.ttl:
            return None
        self._answers.move_to_end(key)
        return found[2]

    def put(self, key: str, generation: tuple[int, int], body: bytes) -> None:
        self._answers[key] = (generation, time.monotonic(), body)
        self._answers.move_to_end(key)
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)


@dataclass(frozen=True, slots=True)
class OverBudget(AnalysisFailure):
    """A page whose analysis passed the time budget and was stopped."""

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error, "code": OVER_BUDGET}


def _analysis_worker(conn: Connection, factory: Callable[[], Pipeline]) -> None:
    """An analysis process: build the pipeline, say so, then analyse each page sent until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops this process
    try:
        pipeline = factory()
    except Exception as exc:  # reported to the server, which answers the request with it
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", ""))
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        conn.send(pipeline.analyze_one(item))


def _rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux), 0 where /proc is not there."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Slot:
    """One analysis process, started on its first page (the pipeline takes seconds and hundreds of MB to
    build), killed at a page's time budget and started again for the next. Used by one thread at a time."""

    #: How long a new process may take to build its pipeline (not part of any page's budget).
    STARTUP_SECONDS = 300.0

    def __init__(self, factory: Callable[[], Pipeline], recycle_mb: int) -> None:
        self.factory, self.recycle_mb = factory, recycle_mb
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None

    def _start(self) -> Connection:
        # spawn, not fork: the server has threads (store pool, event loop) a forked child would inherit stuck.
        context = multiprocessing.get_context("spawn")
        conn, child = context.Pipe()
        process = context.Process(target=_analysis_worker, args=(child, self.factory), daemon=True,
                                  name="newsdesk-analysis")
        process.start()
        child.close()
        self.process, self.conn = process, conn
        if not conn.poll(self.STARTUP_SECONDS):
            self.stop()
            raise RuntimeError(f"the analysis process did not start in {self.STARTUP_SECONDS:g} s")
        kind, detail = conn.recv()
        if kind != "ready":
            self.stop()
            raise RuntimeError(f"the analysis process could not build its pipeline: {detail}")
        return conn

    def run(self, item: Page, budget: float) -> Result:
        try:
            conn = self.conn if self.conn is not None and self.process and self.process.is_alive() else self._start()
            conn.send(item)
            if not conn.poll(budget):
                self.stop()
                return OverBudget(item.source, f"[{OVER_BUDGET}] {item.source}: the analysis passed this server's "
                                               f"time budget of {budget:g} s and was stopped: send a shorter page")
            result: Result = conn.recv()
        except (EOFError, OSError, RuntimeError) as exc:  # the process died (killed, out of memory) or never started
            log.error("analysis process failed on %s: %s", item.source, exc)
            self.stop()
            return AnalysisFailure(item.source, f"[ND-E013] {item.source}: the analysis process failed "
                                                "(the server's log has why)")
        if self.process is not None and _rss_mb(self.process.pid or 0) > self.recycle_mb:
            self.stop()  # its memory high-water mark stays with it: the next page gets a fresh process
        return result

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(10)
        if self.conn is not None:
            self.conn.close()
        self.process = self.conn = None


class Analyser:
    """Analyses apart from the request threads, at most `analysis_slots` at once, each page within its
    time budget. A factory that can be sent to another process (the `Pipeline` class) runs in worker
    processes; one that cannot (a closure over a built pipeline, as the tests pass) runs on one thread of
    this process, with the same limits except that a page past its budget keeps that thread (and so the
    slot) until it ends: its request is answered at the budget all the same."""

    def __init__(self, factory: Callable[[], Pipeline], settings: ServeConfig) -> None:
        self._factory = factory
        self.budget, self.queue = settings.analysis_seconds, settings.analysis_queue
        try:
            pickle.dumps(factory)
            self.processes = True
        except (pickle.PicklingError, TypeError, AttributeError):
            self.processes = False
        slots = settings.analysis_slots if self.processes else 1  # spaCy's pipelines are not thread-safe
        self._idle = [_Slot(factory, settings.analysis_recycle_mb) for _ in range(slots if self.processes else 0)]
        self._gate = asyncio.Semaphore(slots)
        self._waiting = 0
        self._pipeline: Pipeline | None = None
        # Threads that wait on the processes (or, without processes, run the pipeline).
        self._executor = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="newsdesk-analyse")

    def _analyse_here(self, item: Page) -> Result:
        if self._pipeline is None:
            self._pipeline = self._factory()
        return self._pipeline.analyze_one(item)

    async def analyse(self, item: Page | ReadFailure) -> Result:
        """One page's result; an `OverBudget` failure past the budget; ApiError 503 when no slot is free."""
        if isinstance(item, ReadFailure):
            return item
        if self._waiting >= self.queue and self._gate.locked():
            raise ApiError(503, OVER_BUDGET, f"every analysis slot is busy and {self._waiting} requests wait: "
                                             "retry in a minute", {"Retry-After": "60"})
        self._waiting += 1
        try:
            await asyncio.wait_for(self._gate.acquire(), self.budget)
        except TimeoutError:
            raise ApiError(503, OVER_BUDGET, f"no analysis slot came free in {self.budget:g} s: retry in a minute",
                           {"Retry-After": "60"}) from None
        finally:
            self._waiting -= 1
        loop = asyncio.get_running_loop()
        if self.processes:
            slot = self._idle.pop()
            try:
                return await loop.run_in_executor(self._executor, slot.run, item, self.budget)
            finally:
                self._idle.append(slot)
                self._gate.release()
        work = loop.run_in_executor(self._executor, self._analyse_here, item)
        work.add_done_callback(lambda _: self._gate.release())  # the slot is free when the thread is
        done, _ = await asyncio.wait({work}, timeout=self.budget)
        if not done:
            return OverBudget(item.source, f"[{OVER_BUDGET}] {item.source}: the analysis passed this server's "
                                           f"time budget of {self.budget:g} s: send a shorter page")
        return work.result()

    def close(self) -> None:
        for slot in self._idle:
            slot.stop()  # a thread waiting on a killed process returns at once
        self._executor.shutdown(wait=True)


class Linker:
    """Links stored pages to the rest of the corpus (`newsdesk.jobs.link.link_pages`, as `newsdesk ingest`
    does) on one thread with its own store, so `POST /pages` answers once its pages are stored. Requests
    made while a run is queued share it; one made during a run queues the next (it links what is new)."""

    def __init__(self, location: str | Path | None) -> None:
        self.location = location
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._queued = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-link")

    def queue(self) -> None:
        with self._lock:
            if self._queued:
                return
            self._queued = True
        self._executor.submit(self._run)

    def _run(self) -> None:
        with self._lock:
            self._queued = False
        try:
            if self._store is None:
                self._store = open_store(self.location)
            summary = link_pages(self._store)
            log.info("linked the posted pages: %s", summary)
        except NewsdeskError as exc:
            log.warning("linking the posted pages failed: %s", exc)
        except Exception:  # a bug in linking must not stop later runs; the traceback goes to the log
            log.error("linking the posted pages failed", exc_info=True)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        if self._store is not None:
            self._store.close()


# ------------------------------------------------------------------------------------------ the body limit

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

    def __init__(self, protocol: "GuardedH11Protocol | GuardedHttpToolsProtocol") -> None:
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


class WebFiles(StaticFiles):
    """The web desk's files, less its build tooling (node_modules, package.json)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.replace("\\", "/").lstrip("/").startswith(HIDDEN):
            raise StarletteHTTPException(404)
        return await super().get_response(path, scope)


# ------------------------------------------------------------------------------------------ request bodies

class PageIn(BaseModel):
    """One page to analyse: its text or its HTML, where it came from, and its date (YYYY-MM-DD)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="the page as plain text")
    html: str | None = Field(default=None, description="the page as HTML (its main text is extracted)")
    url: str | None = Field(default=None, max_length=2_000, description="where the page was read")
    date: str | None = Field(default=None, max_length=10, description="the page's date, YYYY-MM-DD")


def read_page(item: PageIn, index: int | None, max_bytes: int, max_chars: int | None = None) -> Page:
    """A `PageIn` read as `newsdesk ingest` reads a JSONL record; ApiError or ReadError if it cannot be,
    ReadError ND-E006 (413) if its text is longer than `max_chars`."""
    where = "the body" if index is None else f"page {index} of the body"
    if (item.text is None) == (item.html is None):
        raise ApiError(400, BAD_REQUEST, f'{where} needs exactly one of "text" and "html"')
    if item.url is not None and not item.url.strip():
        raise ApiError(400, BAD_REQUEST, f'{where}: "url" is empty')
    date = parse_date(item.date, f'{where}: "date"') if item.date is not None else None
    body = item.text if item.text is not None else item.html or ""
    try:
        body.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ApiError(400, BAD_REQUEST, f"{where}: the page holds a lone surrogate at character {exc.start} "
                                         "(\\ud800-\\udfff alone is not Unicode text)") from exc
    source = item.url or f"api:{hashlib.sha256(body.encode('utf-8')).hexdigest()[:16]}"
    config = ReadConfig(max_bytes=max_bytes)
    if item.html is not None:
        page = page_from_html(source, item.html, config, record_date=date, url=item.url)
    else:
        page = page_from_text(source, body, config, record_date=date, url=item.url)
    if max_chars is not None and len(page.text) > max_chars:
        raise ReadError(source, "ND-E006", f"the page's text has {len(page.text):,} characters: this server "
                                           f"analyses at most {max_chars:,} a page")
    return page


# ------------------------------------------------------------------------------------------ the app

def create_app(store_location: str | Path | None, token: str | None = None,
               pipeline_factory: Callable[[], Pipeline] = Pipeline, config: ServeConfig | None = None) -> FastAPI:
    """The API over the store at `store_location` (a SQLite path or a PostgreSQL URL, as the CLI's
    `--db`). `token`: the bearer token writes need; None serves reads only (writes answer 403)."""
    settings = config or ServeConfig()
    if token is not None and len(token.strip()) < settings.min_token_chars:
        raise ConfigError("ND-E011", f"the write token has {len(token.strip())} characters: at least "
                                     f"{settings.min_token_chars} are needed (a guessable token is no lock)")
    pool = StorePool(store_location, settings.store_threads)
    analyser = Analyser(pipeline_factory, settings)
    linker = Linker(store_location)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[Mapping[str, Any]]:
        try:
            yield {LIMITS_KEY: settings}  # for the connection layer (`GuardedH11Protocol`)
        finally:
            analyser.close()
            linker.close()
            pool.close()

    app = DeskApp(title="newsdesk", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="The corpus of a news desk: search, pages with their analysis, entities, places, "
                              "timeline, claims and situation reports. Errors are {\"error\": {code, message}}.")
    app.state.pool = pool
    app.state.analyser = analyser
    app.state.linker = linker
    app.state.settings = settings
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, read_seconds=settings.body_seconds)
    _add_error_handlers(app)

    text_max = settings.max_query_chars
    Text = Annotated[str, Query(max_length=text_max)]
    Name = Annotated[str | None, Query(max_length=text_max)]
    Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")]
    Limit = Annotated[int, Query(ge=1, le=settings.max_limit)]

    def filters(q: str, entity: str | None, place: str | None, origin: str | None, date_from: str | None,
                date_to: str | None, limit: int = 20, exact: bool = False) -> SearchQuery:
        for name, value in (("entity", entity), ("place", place), ("origin", origin)):
            if value is not None and not value.strip():
                raise ApiError(400, BAD_REQUEST, f"parameter {name} is empty: leave it out, or give a name")
        return SearchQuery(text=q, entity=entity, place=place, origin=origin,
                           date_from=parse_date(date_from, "parameter from") if date_from else None,
                           date_to=parse_date(date_to, "parameter to") if date_to else None, limit=limit,
                           exact=exact)

    listings = ListingCache()

    async def listing(request: Request, compute: Callable[[Store], Any]) -> Response:
        """A store-wide listing's answer, from the cache while the store has not changed."""
        key = f"{request.url.path}?{sorted(request.query_params.multi_items())}"
        generation = await pool.run(lambda store: store.generation())
        body = listings.get(key, generation)
        if body is None:
            body = bytes(json_response(await pool.run(compute)).body)
            listings.put(key, generation, body)
        return Response(body, media_type="application/json")

    def query_json(query: SearchQuery) -> dict[str, Any]:
        return {"q": query.text, "entity": query.entity, "place": query.place, "origin": query.origin,
                "from": _iso(query.date_from), "to": _iso(query.date_to), "limit": query.limit,
                "exact": query.exact}

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        folder = _web_folder()
        if folder is not None and (folder / "index.html").is_file():
            return FileResponse(folder / "index.html", media_type="text/html")
        return json_response({"newsdesk": __version__, "note": "the web desk is not installed; the API is "
                                                                "described at /openapi.json"})

    @app.get("/search", summary="Full-text search with facets")
    async def search(q: Text = "", entity: Name = None, place: Name = None, origin: Name = None,
                     date_from: Annotated[Day, Query(alias="from")] = None,
                     date_to: Annotated[Day, Query(alias="to")] = None, limit: Limit = 20,
                     exact: bool = False) -> Response:
        """Words, "phrases" and OR; pages naming an entity or place (any spelling), with a story from an
        origin, dated within from..to. Best first; newest first without words. A name in the words also
        matches the store's other spellings of it (each hit says which it `matched`), unless `exact`."""
        query = filters(q, entity, place, origin, date_from, date_to, limit, exact)

        def found(store: Store) -> list[SearchHit]:
            # Each hit with its links in brief (copied passages, event clusters), as `newsdesk search` shows.
            hits = store.search(query)
            links = store.page_links(hit.page_id for hit in hits)
            return [dataclasses.replace(hit, links=links.get(hit.page_id, PageLinks())) for hit in hits]

        hits = await pool.run(found)
        return json_response({"hits": [hit.to_json() for hit in hits], "query": query_json(query)})

    @app.get("/pages/{page_id}", summary="One stored page with its analysis")
    async def page(page_id: Annotated[str, PathParam(pattern=PAGE_ID)]) -> Response:
        stored = await pool.run(lambda store: store.page(page_id))
        return json_response({"id": stored.id, "title": stored.title, "date": stored.date,
                              "origins": list(stored.origins), "sources": list(stored.sources), "url": stored.url,
                              "analysis": stored.analysis})

    @app.get("/entities", summary="Entities across pages, most mentioned first")
    async def entities(request: Request, q: Name = None, type: Literal["PERSON", "PLACE", "ORG"] | None = None,
                       limit: Limit = 50) -> Response:
        if q is not None and not q.strip():
            q = None
        name = q
        return await listing(request, lambda store: {"entities": [e.to_json() for e in store.entities(name, type,
                                                                                                     limit)]})

    @app.get("/entities/{key:path}", summary="One entity and where it is mentioned")
    async def entity(key: Annotated[str, PathParam(max_length=text_max)], limit: Limit = 100) -> Response:
        """`key` as /entities lists it: a gazetteer id (geonames:703448) or TYPE:label (PERSON:Andrzej Duda)."""
        if not key.strip() or (":" not in key):
            raise ApiError(400, BAD_REQUEST, f"entity key {key!r}: a key is a gazetteer id (geonames:703448) or "
                                             f"TYPE:label with TYPE one of {', '.join(ENTITY_TYPES)}, as /entities "
                                             "lists them")
        summary, sightings = await pool.run(lambda store: store.entity_by_key(key, limit))
        return json_response({"entity": summary.to_json(), "sightings": [s.to_json() for s in sightings]})

    @app.get("/places", summary="Located places as a GeoJSON FeatureCollection")
    async def places(request: Request, q: Text = "", entity: Name = None, place: Name = None, origin: Name = None,
                     date_from: Annotated[Day, Query(alias="from")] = None,
                     date_to: Annotated[Day, Query(alias="to")] = None,
                     limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> Response:
        query = filters(q, entity, place, origin, date_from, date_to)

        def geojson(store: Store) -> dict[str, Any]:
            features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                         "properties": {"key": p.key, "label": p.label, "country": p.country,
                                        "gazetteer_id": p.gazetteer_id, "pages": p.pages, "mentions": p.mentions}}
                        for p in store.place_counts(query, limit)]
            return {"type": "FeatureCollection", "features": features}

        return await listing(request, geojson)

    @app.get("/timeline", summary="Pages, events and claims a day")
    async def timeline(request: Request, q: Text = "", entity: Name = None, place: Name = None, origin: Name = None,
                       date_from: Annotated[Day, Query(alias="from")] = None,
                       date_to: Annotated[Day, Query(alias="to")] = None) -> Response:
        query = filters(q, entity, place, origin, date_from, date_to)
        return await listing(request, lambda store: {"days": [day.to_json() for day in store.timeline(query)]})

    @app.get("/claims", summary="Claims of the pages found, newest first")
    async def claims(q: Text = "", entity: Name = None, place: Name = None, origin: Name = None,
                     date_from: Annotated[Day, Query(alias="from")] = None,
                     date_to: Annotated[Day, Query(alias="to")] = None, limit: Limit = 100) -> Response:
        query = filters(q, entity, place, origin, date_from, date_to)
        found = await pool.run(lambda store: store.claims(query, limit))
        return json_response({"claims": [c.to_json() for c in found]})

    @app.get("/report", summary="A situation report on a query, each item linked to its sources")
    async def report(q: Text = "", date_from: Annotated[Day, Query(alias="from")] = None,
                     date_to: Annotated[Day, Query(alias="to")] = None) -> Response:
        """The pages found for q (best first, at most 200), read as a report: what they say of each
        subject, dated events, claims; every item carries its sources as [{page_id, start, end}]."""
        query = filters(q, None, None, None, date_from, date_to)
        made = await pool.run(lambda store: build_report(store, query.text, date_from=query.date_from,
                                                         date_to=query.date_to))
        return json_response(made.to_json())

    # Links (issue 8): what `newsdesk link` found across pages.
    @app.get("/reuse/{page_id}", summary="Passages a page shares with other pages, with who copied whom")
    async def reuse(page_id: Annotated[str, PathParam(pattern=PAGE_ID)]) -> Response:
        found = await pool.run(lambda store: store.reuse(page_id))
        return json_response({"passages": [p.to_json() for p in found]})

    @app.get("/events", summary="Pages grouped by the event they report, newest first")
    async def events(request: Request, q: Name = None, limit: Limit = 20) -> Response:
        words = q.strip() if q and q.strip() else None
        return await listing(request, lambda store: {"events": [c.to_json() for c in store.events(limit, words)]})

    @app.post("/analyze", summary="Analyse one page (nothing is stored)")
    async def analyze(item: PageIn) -> Response:
        """422 ND-E029 when the analysis passes the server's time budget, 503 when every analysis slot
        is busy, 413 when the text is longer than the server analyses."""
        page = read_page(item, None, settings.max_body_bytes, settings.max_analysis_chars)
        result = await analyser.analyse(page)
        if not isinstance(result, Analysis):
            failure = result.to_json()
            raise ApiError(422, failure["code"], failure["error"])
        return json_response(result.to_json())

    @app.post("/pages", summary="Analyse pages and keep them in the store (bearer token required)")
    async def add_pages(request: Request, items: PageIn | list[PageIn]) -> Response:
        _authorise(request, token)
        batch = items if isinstance(items, list) else [items]
        if not batch:
            raise ApiError(400, BAD_REQUEST, "the body is an empty list: send a page or a list of pages")
        if len(batch) > settings.max_pages_per_post:
            raise ApiError(413, TOO_LARGE, f"the body holds {len(batch)} pages: at most "
                                           f"{settings.max_pages_per_post} a request")
        read: list[Page | ReadFailure] = []
        for index, item in enumerate(batch):
            try:
                read.append(read_page(item, index if isinstance(items, list) else None, settings.max_body_bytes,
                                      settings.max_analysis_chars))
            except ReadError as exc:
                read.append(ReadFailure(exc.source, exc))
        results = [await analyser.analyse(one) for one in read]  # each page its own slot and budget
        analysed = [r for r in results if isinstance(r, Analysis)]
        failures = [r for r in results if not isinstance(r, Analysis)]
        stored = await pool.run(lambda store: store.add(analysed, failures))
        if analysed:
            linker.queue()  # linked as `newsdesk ingest` links, after this answer
        return json_response({"stored": stored, "failures": [f.to_json() for f in failures],
                              "linking": "queued" if analysed else "nothing to link"})

    app.mount("/static", _static_files(), name="static")
    return app


#: What `newsdesk serve --workers N` hands each worker process (uvicorn starts them by import string):
#: the store, the `ServeConfig` fields as JSON, and the name of the variable holding the token.
ENV_DB, ENV_CONFIG, ENV_TOKEN_VAR = "NEWSDESK_SERVE_DB", "NEWSDESK_SERVE_CONFIG", "NEWSDESK_SERVE_TOKEN_ENV"


def app_from_environment() -> FastAPI:
    """The app of one worker process, from the variables `newsdesk serve` set (`ENV_*`)."""
    try:
        fields = json.loads(os.environ.get(ENV_CONFIG) or "{}")
        config = ServeConfig(**fields)
    except (ValueError, TypeError) as exc:
        raise ConfigError("ND-E011", f"${ENV_CONFIG} is not a serve configuration: {exc}") from exc
    token_var = os.environ.get(ENV_TOKEN_VAR)
    return create_app(os.environ.get(ENV_DB) or None, token=(os.environ.get(token_var) or None) if token_var else None,
                      config=config)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _web_folder() -> Path | None:
    """The installed `newsdesk/web/` folder, None when this install has none."""
    folder = Path(str(resources.files("newsdesk").joinpath("web")))
    return folder if folder.is_dir() else None


def _static_files() -> ASGIApp:
    folder = _web_folder()
    if folder is None:
        async def missing(scope: Scope, receive: Receive, send: Send) -> None:
            await error_response(404, NOT_FOUND, "the web desk is not installed")(scope, receive, send)

        return missing
    return WebFiles(directory=folder)


def _authorise(request: Request, token: str | None) -> None:
    """Writes need `Authorization: Bearer <token>`, compared in constant time."""
    if token is None:
        raise ApiError(403, NO_TOKEN, "writes are disabled: this server was started without a write token "
                                      "(set one in the variable named by newsdesk serve --token-env)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, NO_TOKEN, "this write needs the header Authorization: Bearer <token>")
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.strip().encode("utf-8")):
        raise ApiError(403, NO_TOKEN, "the bearer token is not this server's write token")


def _add_error_handlers(app: FastAPI) -> None:
    async def api_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        extra = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
        return error_response(exc.status, exc.code, exc.message, extra)

    async def newsdesk_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsdeskError)
        status = STATUS_OF_CODE.get(exc.code, 400)
        if status >= 500:
            log.warning("store error: %s", exc)
        # The store's file path or server address is the server's business, not the client's.
        where = request.app.state.pool.where
        message = str(exc).removeprefix(f"[{exc.code}] ").replace(f" in store {where}", "")
        return error_response(status, exc.code, message.replace(f"store {where}", "the store"))

    async def invalid(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(400, BAD_REQUEST, _explain_invalid(exc.errors()))

    async def http_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            return error_response(404, NOT_FOUND, "no such endpoint: see /openapi.json")
        if exc.status_code == 405:
            return error_response(405, NOT_FOUND, "this endpoint does not take this method: see /openapi.json",
                                  dict(exc.headers or {}))
        return error_response(exc.status_code, BAD_REQUEST if exc.status_code < 500 else FAILED, str(exc.detail))

    async def bug(_: Request, exc: Exception) -> Response:
        # The traceback goes to the server's log, never to the client.
        log.error("request failed", exc_info=exc)
        return error_response(500, FAILED, "the server failed on this request (a bug: the server's log has it)")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(NewsdeskError, newsdesk_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, bug)


def _explain_invalid(errors: Sequence[Any]) -> str:
    """FastAPI's validation errors as one line naming each parameter; never the value sent."""
    parts = []
    for error in errors[:5]:
        loc = [str(p) for p in error.get("loc", ())]
        where = loc[1:] if loc and loc[0] in ("query", "path", "body", "header") else loc
        kind = str(error.get("type", ""))
        if kind == "json_invalid":
            parts.append(f"the body is not valid JSON ({error.get('ctx', {}).get('error', 'malformed')})")
        elif kind == "missing" and not where:
            parts.append("the body is missing: send a JSON object with \"text\" or \"html\"")
        elif kind == "extra_forbidden" and where:
            parts.append(f"the body has an unknown field {where[-1][:40]!r}: only text, html, url and date")
        else:
            name = ".".join(where) or "the body"
            parts.append(f"{'parameter ' if loc[:1] in (['query'], ['path']) else ''}{name}: "
                         f"{error.get('msg', 'not valid')}")
    return "; ".join(parts) or "the request is not valid"


__all__ = ["ApiError", "BodyLimit", "DeskApp", "GuardedH11Protocol", "PageIn", "SecureHeaders", "ServeConfig",
           "StorePool", "app_from_environment", "create_app", "json_response", "uvicorn_options"]
