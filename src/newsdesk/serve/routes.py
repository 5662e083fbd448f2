"""serve.routes: the API's endpoints, and `add_routes`, which gives them to an app.

Reads: `/search`, `/pages/{id}`, `/entities`, `/entities/{key}`, `/places` (GeoJSON), `/timeline`,
`/claims`, `/report`, `/reuse/{id}` (passages shared with other pages), `/events` (event clusters);
`POST /analyze` analyses one page without storing it; `POST /pages` stores pages (and queues their
linking to the rest of the corpus, as `newsdesk ingest` links) and needs `Authorization: Bearer <token>`
(a server started without a token answers writes with 403). The web desk is served at `/` and `/static/`.

Each endpoint reaches its app's services through `desk_of(request.app)`; the parameters whose limits
the app's config sets are marked (`serve.search`) and declared for the app by `add_routes`.
"""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations at run time.
import dataclasses
import datetime as dt
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from newsdesk import __version__
from newsdesk.errors import ReadError, ReadFailure
from newsdesk.model import Analysis, Page
from newsdesk.read.files import ReadConfig, page_from_html, page_from_text, parse_date
from newsdesk.report.build import build_report
from newsdesk.serve.config import (
    BAD_REQUEST,
    NO_TOKEN,
    NOT_FOUND,
    TOO_LARGE,
    ApiError,
    ServeConfig,
    error_response,
    json_response,
)
from newsdesk.serve.desk import desk_of
from newsdesk.serve.search import LIMIT, PATH_TEXT, QUERY_TEXT, Endpoint, SearchFilters, declared
from newsdesk.store import ENTITY_TYPES, PageLinks, SearchHit, SearchQuery, Store

#: A page id as `newsdesk search` prints it: 16 hex digits, or an unambiguous prefix of 6 or more.
PAGE_ID = r"^[0-9a-fA-F]{6,16}$"
#: Files of the web folder that are its build tooling, not the desk: never served.
HIDDEN = ("node_modules/", "package.json", "package-lock.json")

PageKey = Annotated[str, PathParam(pattern=PAGE_ID)]
Name = Annotated[str | None, QUERY_TEXT]
Limit = Annotated[int, LIMIT]


# ------------------------------------------------------------------------------------------ reads

async def search(request: Request, query: Annotated[SearchQuery, SearchFilters(limit=20, exact=True)]) -> Response:
    """Words, "phrases" and OR; pages naming an entity or place (any spelling), with a story from an
    origin, dated within from..to. Best first; newest first without words. A name in the words also
    matches the store's other spellings of it (each hit says which it `matched`), unless `exact`."""
    def found(store: Store) -> list[SearchHit]:
        # Each hit with its links in brief (copied passages, event clusters), as `newsdesk search` shows.
        hits = store.search(query)
        links = store.page_links(hit.page_id for hit in hits)
        return [dataclasses.replace(hit, links=links.get(hit.page_id, PageLinks())) for hit in hits]

    hits = await desk_of(request.app).pool.run(found)
    return json_response({"hits": [hit.to_json() for hit in hits], "query": query_json(query)})


async def page(request: Request, page_id: PageKey) -> Response:
    stored = await desk_of(request.app).pool.run(lambda store: store.page(page_id))
    return json_response({"id": stored.id, "title": stored.title, "date": stored.date,
                          "origins": list(stored.origins), "sources": list(stored.sources), "url": stored.url,
                          "analysis": stored.analysis})


async def entities(request: Request, q: Name = None, type: Literal["PERSON", "PLACE", "ORG"] | None = None,
                   limit: Limit = 50) -> Response:
    name = q if q is not None and q.strip() else None
    return await listing(request, lambda store: {"entities": [e.to_json() for e in store.entities(name, type,
                                                                                                 limit)]})


async def entity(request: Request, key: Annotated[str, PATH_TEXT], limit: Limit = 100) -> Response:
    """`key` as /entities lists it: a gazetteer id (geonames:703448) or TYPE:label (PERSON:Andrzej Duda)."""
    if not key.strip() or (":" not in key):
        raise ApiError(400, BAD_REQUEST, f"entity key {key!r}: a key is a gazetteer id (geonames:703448) or "
                                         f"TYPE:label with TYPE one of {', '.join(ENTITY_TYPES)}, as /entities "
                                         "lists them")
    summary, sightings = await desk_of(request.app).pool.run(lambda store: store.entity_by_key(key, limit))
    return json_response({"entity": summary.to_json(), "sightings": [s.to_json() for s in sightings]})


async def places(request: Request,
                 query: Annotated[SearchQuery, SearchFilters(limit=1000, most=10_000)]) -> Response:
    def geojson(store: Store) -> dict[str, Any]:
        features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                     "properties": {"key": p.key, "label": p.label, "country": p.country,
                                    "gazetteer_id": p.gazetteer_id, "pages": p.pages, "mentions": p.mentions}}
                    for p in store.place_counts(query, query.limit)]
        return {"type": "FeatureCollection", "features": features}

    return await listing(request, geojson)


async def timeline(request: Request, query: Annotated[SearchQuery, SearchFilters()]) -> Response:
    return await listing(request, lambda store: {"days": [day.to_json() for day in store.timeline(query)]})


async def claims(request: Request, query: Annotated[SearchQuery, SearchFilters(limit=100)]) -> Response:
    found = await desk_of(request.app).pool.run(lambda store: store.claims(query, query.limit))
    return json_response({"claims": [c.to_json() for c in found]})


async def report(request: Request, query: Annotated[SearchQuery, SearchFilters(names=False)]) -> Response:
    """The pages found for q (best first, at most 200), read as a report: what they say of each
    subject, dated events, claims; every item carries its sources as [{page_id, start, end}]."""
    made = await desk_of(request.app).pool.run(
        lambda store: build_report(store, query.text, date_from=query.date_from, date_to=query.date_to))
    return json_response(made.to_json())


# Links (issue 8): what `newsdesk link` found across pages.
async def reuse(request: Request, page_id: PageKey) -> Response:
    found = await desk_of(request.app).pool.run(lambda store: store.reuse(page_id))
    return json_response({"passages": [p.to_json() for p in found]})


async def events(request: Request, q: Name = None, limit: Limit = 20) -> Response:
    words = q.strip() if q and q.strip() else None
    return await listing(request, lambda store: {"events": [c.to_json() for c in store.events(limit, words)]})


async def listing(request: Request, compute: Callable[[Store], Any]) -> Response:
    """A store-wide listing's answer, from the app's cache while the store has not changed."""
    desk = desk_of(request.app)
    key = f"{request.url.path}?{sorted(request.query_params.multi_items())}"
    generation = await desk.pool.run(lambda store: store.generation())
    body = desk.listings.get(key, generation)
    if body is None:
        body = bytes(json_response(await desk.pool.run(compute)).body)
        desk.listings.put(key, generation, body)
    return Response(body, media_type="application/json")


def query_json(query: SearchQuery) -> dict[str, Any]:
    """A search's query as `/search` echoes it, under the parameters' names."""
    return {"q": query.text, "entity": query.entity, "place": query.place, "origin": query.origin,
            "from": _iso(query.date_from), "to": _iso(query.date_to), "limit": query.limit, "exact": query.exact}


# ------------------------------------------------------------------------------------------ writes

class PageIn(BaseModel):
    """One page to analyse: its text or its HTML, where it came from, and its date (YYYY-MM-DD)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="the page as plain text")
    html: str | None = Field(default=None, description="the page as HTML (its main text is extracted)")
    url: str | None = Field(default=None, max_length=2_000, description="where the page was read")
    date: str | None = Field(default=None, max_length=10, description="the page's date, YYYY-MM-DD")


async def analyze(request: Request, item: PageIn) -> Response:
    """422 ND-E029 when the analysis passes the server's time budget, 503 when every analysis slot
    is busy, 413 when the text is longer than the server analyses."""
    desk = desk_of(request.app)
    page = read_page(item, None, desk.settings.max_body_bytes, desk.settings.max_analysis_chars)
    result = await desk.analyser.analyse(page)
    if not isinstance(result, Analysis):
        failure = result.to_json()
        raise ApiError(422, failure["code"], failure["error"])
    return json_response(result.to_json())


async def add_pages(request: Request, items: PageIn | list[PageIn]) -> Response:
    desk = desk_of(request.app)
    settings = desk.settings
    authorise(request, desk.token)
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
    results = [await desk.analyser.analyse(one) for one in read]  # each page its own slot and budget
    analysed = [r for r in results if isinstance(r, Analysis)]
    failures = [r for r in results if not isinstance(r, Analysis)]
    stored = await desk.pool.run(lambda store: store.add(analysed, failures))
    if analysed:
        desk.linker.queue()  # linked as `newsdesk ingest` links, after this answer
    return json_response({"stored": stored, "failures": [f.to_json() for f in failures],
                          "linking": "queued" if analysed else "nothing to link"})


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


def authorise(request: Request, token: str | None) -> None:
    """Writes need `Authorization: Bearer <token>`, compared in constant time."""
    if token is None:
        raise ApiError(403, NO_TOKEN, "writes are disabled: this server was started without a write token "
                                      "(set one in the variable named by newsdesk serve --token-env)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, NO_TOKEN, "this write needs the header Authorization: Bearer <token>")
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.strip().encode("utf-8")):
        raise ApiError(403, NO_TOKEN, "the bearer token is not this server's write token")


# ------------------------------------------------------------------------------------------ the web desk

async def index() -> Response:
    folder = web_folder()
    if folder is not None and (folder / "index.html").is_file():
        return FileResponse(folder / "index.html", media_type="text/html")
    return json_response({"newsdesk": __version__, "note": "the web desk is not installed; the API is "
                                                            "described at /openapi.json"})


class WebFiles(StaticFiles):
    """The web desk's files, less its build tooling (node_modules, package.json)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.replace("\\", "/").lstrip("/").startswith(HIDDEN):
            raise StarletteHTTPException(404)
        return await super().get_response(path, scope)


def web_folder() -> Path | None:
    """The installed `newsdesk/web/` folder, None when this install has none."""
    folder = Path(str(resources.files("newsdesk").joinpath("web")))
    return folder if folder.is_dir() else None


def static_files() -> ASGIApp:
    """The web desk's files, or a JSON 404 for each when this install has none."""
    folder = web_folder()
    if folder is None:
        async def missing(scope: Scope, receive: Receive, send: Send) -> None:
            await error_response(404, NOT_FOUND, "the web desk is not installed")(scope, receive, send)

        return missing
    return WebFiles(directory=folder)


# ------------------------------------------------------------------------------------------ the table

@dataclass(frozen=True, slots=True)
class Route:
    """An endpoint at a path: its method, and the summary the OpenAPI document gives it."""

    method: Literal["GET", "POST"]
    path: str
    endpoint: Endpoint
    summary: str | None = None
    in_schema: bool = True


#: Every route, in the order the app matches them and the OpenAPI document lists them.
ROUTES = (
    Route("GET", "/", index, in_schema=False),
    Route("GET", "/search", search, "Full-text search with facets"),
    Route("GET", "/pages/{page_id}", page, "One stored page with its analysis"),
    Route("GET", "/entities", entities, "Entities across pages, most mentioned first"),
    Route("GET", "/entities/{key:path}", entity, "One entity and where it is mentioned"),
    Route("GET", "/places", places, "Located places as a GeoJSON FeatureCollection"),
    Route("GET", "/timeline", timeline, "Pages, events and claims a day"),
    Route("GET", "/claims", claims, "Claims of the pages found, newest first"),
    Route("GET", "/report", report, "A situation report on a query, each item linked to its sources"),
    Route("GET", "/reuse/{page_id}", reuse, "Passages a page shares with other pages, with who copied whom"),
    Route("GET", "/events", events, "Pages grouped by the event they report, newest first"),
    Route("POST", "/analyze", analyze, "Analyse one page (nothing is stored)"),
    Route("POST", "/pages", add_pages, "Analyse pages and keep them in the store (bearer token required)"),
)


def add_routes(app: FastAPI, settings: ServeConfig) -> None:
    """Every route of `ROUTES`, its parameters declared with the limits of `settings`, and the web desk's
    files at `/static`."""
    for route in ROUTES:
        app.add_api_route(route.path, declared(route.endpoint, settings), methods=[route.method],
                          summary=route.summary, include_in_schema=route.in_schema)
    app.mount("/static", static_files(), name="static")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


__all__ = ["PAGE_ID", "ROUTES", "PageIn", "Route", "WebFiles", "add_routes", "authorise", "query_json", "read_page",
           "web_folder"]
