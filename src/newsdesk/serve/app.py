"""serve: the desk's HTTP API (FastAPI, run by uvicorn through `newsdesk serve`).

    app = create_app("desk.db", token=os.environ.get("NEWSDESK_TOKEN"))

The routes (`serve.routes`: search, pages, entities, places, timeline, claims, reports, links; writes
need `Authorization: Bearer <token>`), the web desk at `/` and `/static/`, the OpenAPI document at
`/openapi.json`.

Every answer is JSON, every error `{"error": {"code", "message"}}` with a 4xx status: the message names
the parameter and the problem, never a stack trace or SQL. `<`, `>` and `&` are written as JSON escapes,
so no answer carries markup a browser could run, whatever a page or a request held (`serve.config`).
Every answer carries the security headers, a body over the limit is refused before it is read, and the
connection layer bounds idle and half-sent requests (`serve.guard`).

No global state: the app holds its services (`serve.desk.Desk`: store pool, analysis slots, linker,
listing cache). `newsdesk serve --workers N` runs N processes, each building its app with
`app_from_environment`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk import __version__
from newsdesk.analysis.pipeline import Pipeline
from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.serve.config import BAD_REQUEST, FAILED, NOT_FOUND, STATUS_OF_CODE, ApiError, ServeConfig, error_response
from newsdesk.serve.desk import Analyser, Desk, Linker, ListingCache, StorePool, desk_of
from newsdesk.serve.guard import LIMITS_KEY, BodyLimit, DeskApp
from newsdesk.serve.routes import add_routes

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


def create_app(store_location: str | Path | None, token: str | None = None,
               pipeline_factory: Callable[[], Pipeline] = Pipeline, config: ServeConfig | None = None) -> FastAPI:
    """The API over the store at `store_location` (a SQLite path or a PostgreSQL URL, as the CLI's
    `--db`). `token`: the bearer token writes need; None serves reads only (writes answer 403)."""
    settings = config or ServeConfig()
    if token is not None and len(token.strip()) < settings.min_token_chars:
        raise ConfigError("ND-E011", f"the write token has {len(token.strip())} characters: at least "
                                     f"{settings.min_token_chars} are needed (a guessable token is no lock)")
    desk = Desk(settings, StorePool(store_location, settings.store_threads), Analyser(pipeline_factory, settings),
                Linker(store_location), ListingCache(), token)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[Mapping[str, Any]]:
        try:
            yield {LIMITS_KEY: settings}  # for the connection layer (`GuardedH11Protocol`)
        finally:
            desk.close()

    app = DeskApp(title="newsdesk", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="The corpus of a news desk: search, pages with their analysis, entities, places, "
                              "timeline, claims and situation reports. Errors are {\"error\": {code, message}}.")
    app.state.desk = desk
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, read_seconds=settings.body_seconds)
    _add_error_handlers(app)
    add_routes(app, settings)
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
        where = desk_of(request.app).pool.where
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


__all__ = ["ENV_CONFIG", "ENV_DB", "ENV_TOKEN_VAR", "app_from_environment", "create_app"]
