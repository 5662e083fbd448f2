"""serve: the desk's HTTP API (FastAPI, run by uvicorn through `newsdesk serve`).

    app = create_app("desk.db", token=os.environ.get("NEWSDESK_TOKEN"))

Reads: `/search`, `/pages/{id}`, `/entities`, `/entities/{key}`, `/places` (GeoJSON), `/timeline`,
`/claims`, `/report`, `/reuse/{id}` (passages shared with other pages), `/events` (event clusters);
`POST /analyze` analyses one page without storing it; `POST /pages` stores pages
and needs `Authorization: Bearer <token>` (a server started without a token answers writes with 403).
The web desk (`newsdesk/web/`) is served at `/` and `/static/`; the OpenAPI document at `/openapi.json`.

Every answer is JSON, every error `{"error": {"code", "message"}}` with a 4xx status: the message names
the parameter and the problem, never a stack trace or SQL. `<`, `>` and `&` are written as JSON escapes,
so no answer carries markup a browser could run, whatever a page or a request held.

No global state: the app holds its store pool (one store a worker thread: a SQLite connection or a
PostgreSQL session each, as neither engine's connection is meant for concurrent use), its pipeline,
built on the first analysis and used from one thread (spaCy's pipelines are not thread-safe), and a
cache of the store-wide listings (entities, places, timeline), kept while no page is added.
`newsdesk serve --workers N` runs N processes, each building its app with `app_from_environment`.
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
import os
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import orjson
from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk import __version__
from newsdesk.errors import ConfigError, NewsdeskError, ReadError, ReadFailure, check_numbers
from newsdesk.model import Analysis, Page
from newsdesk.pipeline import AnalysisFailure, Pipeline
from newsdesk.read import ReadConfig, page_from_html, page_from_text, parse_date
from newsdesk.report import build_report
from newsdesk.store import ENTITY_TYPES, PageLinks, SearchHit, SearchQuery, Store, open_store

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

T = TypeVar("T")

#: The error codes of the API's own refusals (the store's and the reader's keep theirs).
BAD_REQUEST, TOO_LARGE, NO_TOKEN, NOT_FOUND, FAILED = "ND-E024", "ND-E025", "ND-E026", "ND-E027", "ND-E028"
#: HTTP status of each NewsdeskError code an endpoint can meet; any other is a bad request (400).
STATUS_OF_CODE = {"ND-E006": 413, "ND-E013": 422, "ND-E020": 503, "ND-E022": 404, "ND-E023": 503,
                  NO_TOKEN: 403, NOT_FOUND: 404, TOO_LARGE: 413}
#: A page id as `newsdesk search` prints it: 16 hex digits, or an unambiguous prefix of 6 or more.
PAGE_ID = r"^[0-9a-fA-F]{6,16}$"
#: Sent with every answer: no content sniffing (JSON is never read as HTML), no referrer to other sites.
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"))
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

    def __post_init__(self) -> None:
        check_numbers(self, "serve", ("max_body_bytes", "max_query_chars", "max_limit", "max_pages_per_post",
                                      "store_threads", "min_token_chars"), whole=True, minimum=1)


class ApiError(Exception):
    """A refusal the API answers with `status` and `{"error": {"code", "message"}}`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


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


class Analyser:
    """The pipeline, built on first use (seconds: models, gazetteer), and used from one thread."""

    def __init__(self, factory: Callable[[], Pipeline]) -> None:
        self._factory = factory
        self._pipeline: Pipeline | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-analyse")

    def _analyse(self, items: Sequence[Page | ReadFailure]) -> list[Analysis | ReadFailure | AnalysisFailure]:
        if self._pipeline is None:
            self._pipeline = self._factory()
        return [self._pipeline.analyze_one(item) for item in items]

    async def analyse(self, items: Sequence[Page | ReadFailure]) -> list[Analysis | ReadFailure | AnalysisFailure]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._analyse, items)

    def close(self) -> None:
        self._executor.shutdown(wait=True)


# ------------------------------------------------------------------------------------------ the body limit

class BodyLimit:
    """Refuse a request body over `max_bytes` with 413: from its Content-Length before reading any of it,
    or, for a body sent in chunks, as soon as the chunks pass the limit (at most `max_bytes` are held)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = send

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *SECURITY_HEADERS]}
            await given(message)

        send = send_with_headers
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(400, BAD_REQUEST, "the Content-Length header is not a number of bytes")(
                    scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await self._refuse(scope, receive, send, f"a body of {int(declared):,} bytes")
                return
            await self.app(scope, receive, send)
            return
        if headers.get(b"transfer-encoding", b"").lower() != b"chunked":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
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


def read_page(item: PageIn, index: int | None, max_bytes: int) -> Page:
    """A `PageIn` read as `newsdesk ingest` reads a JSONL record; ApiError or ReadError if it cannot be."""
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
        return page_from_html(source, item.html, config, record_date=date, url=item.url)
    return page_from_text(source, body, config, record_date=date, url=item.url)


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
    analyser = Analyser(pipeline_factory)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            analyser.close()
            pool.close()

    app = FastAPI(title="newsdesk", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="The corpus of a news desk: search, pages with their analysis, entities, places, "
                              "timeline, claims and situation reports. Errors are {\"error\": {code, message}}.")
    app.state.pool = pool
    app.state.analyser = analyser
    app.state.settings = settings
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    _add_error_handlers(app)

    text_max = settings.max_query_chars
    Text = Annotated[str, Query(max_length=text_max)]
    Name = Annotated[str | None, Query(max_length=text_max)]
    Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")]
    Limit = Annotated[int, Query(ge=1, le=settings.max_limit)]

    def filters(q: str, entity: str | None, place: str | None, origin: str | None, date_from: str | None,
                date_to: str | None, limit: int = 20) -> SearchQuery:
        for name, value in (("entity", entity), ("place", place), ("origin", origin)):
            if value is not None and not value.strip():
                raise ApiError(400, BAD_REQUEST, f"parameter {name} is empty: leave it out, or give a name")
        return SearchQuery(text=q, entity=entity, place=place, origin=origin,
                           date_from=parse_date(date_from, "parameter from") if date_from else None,
                           date_to=parse_date(date_to, "parameter to") if date_to else None, limit=limit)

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
                "from": _iso(query.date_from), "to": _iso(query.date_to), "limit": query.limit}

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
                     date_to: Annotated[Day, Query(alias="to")] = None, limit: Limit = 20) -> Response:
        """Words, "phrases" and OR; pages naming an entity or place (any spelling), with a story from an
        origin, dated within from..to. Best first; newest first without words."""
        query = filters(q, entity, place, origin, date_from, date_to, limit)

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
        page = read_page(item, None, settings.max_body_bytes)
        [result] = await analyser.analyse([page])
        if not isinstance(result, Analysis):
            raise ApiError(422, "ND-E013", result.to_json()["error"])
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
                read.append(read_page(item, index if isinstance(items, list) else None, settings.max_body_bytes))
            except ReadError as exc:
                read.append(ReadFailure(exc.source, exc))
        results = await analyser.analyse(read)
        analysed = [r for r in results if isinstance(r, Analysis)]
        failures = [r for r in results if not isinstance(r, Analysis)]
        stored = await pool.run(lambda store: store.add(analysed, failures))
        return json_response({"stored": stored, "failures": [f.to_json() for f in failures]})

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
        extra = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
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


__all__ = ["ApiError", "BodyLimit", "PageIn", "ServeConfig", "StorePool", "app_from_environment", "create_app",
           "json_response"]
