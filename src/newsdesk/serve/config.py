"""serve.config: the API's limits (`ServeConfig`), and how it answers: JSON whatever a page or a request
held (`json_response`), every refusal as `{"error": {"code", "message"}}` (`ApiError`, `error_response`)
with the status its code calls for (`STATUS_OF_CODE`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi.responses import Response

from newsdesk.errors import check_numbers

#: The error codes of the API's own refusals (the store's and the reader's keep theirs).
BAD_REQUEST, TOO_LARGE, NO_TOKEN, NOT_FOUND, FAILED = "ND-E024", "ND-E025", "ND-E026", "ND-E027", "ND-E028"
#: An analysis stopped at its time budget (422), or no analysis slot free (503).
OVER_BUDGET = "ND-E029"
#: HTTP status of each NewsdeskError code an endpoint can meet; any other is a bad request (400).
STATUS_OF_CODE = {"ND-E006": 413, "ND-E013": 422, "ND-E020": 503, "ND-E022": 404, "ND-E023": 503,
                  NO_TOKEN: 403, NOT_FOUND: 404, TOO_LARGE: 413, OVER_BUDGET: 422}


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


__all__ = ["BAD_REQUEST", "FAILED", "NOT_FOUND", "NO_TOKEN", "OVER_BUDGET", "STATUS_OF_CODE", "TOO_LARGE", "ApiError",
           "ServeConfig", "error_response", "json_response"]
