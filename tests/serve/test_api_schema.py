"""The HTTP API against its own OpenAPI description (issue 24): schemathesis generates requests for every
operation of `/openapi.json` — valid ones and ones that break the schema (wrong types, missing or extra
fields, out-of-range numbers, odd strings) — and sends them to the app (`newsdesk.serve.app.create_app`) over a
temporary SQLite store holding a few invented pages, linked. No answer may be a 5xx, and every error
(4xx) must be a JSON body `{"error": {"code", "message"}}` with a catalogued code.

Examples are few an operation (`EXAMPLES`) and derandomised, so the test is quick and the same on every run;
writes carry the bearer token, so `POST /pages` analyses and stores what it is sent."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.errors import CATALOGUE
from newsdesk.jobs.link import link_pages
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.serve.app import create_app
from newsdesk.store import open_store

#: Generated requests per operation and mode (NEWSDESK_SCHEMA_EXAMPLES=200 for a longer run by hand).
EXAMPLES = int(os.environ.get("NEWSDESK_SCHEMA_EXAMPLES", "12"))
TOKEN = "schema-token-0123456789abcdef"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline,
               analyses: dict[str, Analysis]) -> Iterator[Any]:
    """The schema of an app over a store of the invented pages and the sample page, linked."""
    where = tmp_path_factory.mktemp("api") / "desk.db"
    sample = resources.files("newsdesk").joinpath("samples/sample_page.txt").read_text(encoding="utf-8")
    pages = [*analyses.values(),
             pipeline.analyze(page_from_text("sample.txt", sample, ReadConfig(reference_date=dt.date(2023, 10, 15))))]
    with open_store(where) as store:
        store.add(pages)
        link_pages(store)
    app = create_app(where, token=TOKEN, pipeline_factory=lambda: pipeline)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    try:  # the app's lifespan (its store threads, analysis slot, linker) ends with the module
        from schemathesis.python.asgi import shutdown_lifespans

        shutdown_lifespans()
    except ImportError:  # another schemathesis layout: its exit hook ends it
        pass


def check(label: str, response: Any) -> None:
    """No 5xx; an error is `{"error": {"code", "message"}}` with a catalogued code, and leaks nothing."""
    assert response.status_code < 500, f"{label}: {response.status_code} {response.text[:500]}"
    if response.status_code < 400:
        return
    types = response.headers.get("content-type") or [""]  # schemathesis keeps each header's values in a list
    assert types[0].startswith("application/json"), f"{label}: {response.status_code} answered as {types}"
    body = json.loads(response.content)
    error = body.get("error") if isinstance(body, dict) else None
    assert isinstance(error, dict) and set(error) == {"code", "message"}, f"{label}: {body!r}"
    assert error["code"] in CATALOGUE and isinstance(error["message"], str) and error["message"], body
    for leak in ("Traceback", "SELECT", "sqlite", "File \"", "/tmp/", "desk.db"):
        assert leak not in response.text, f"{label}: the error shows {leak!r}"


def exercise(operation: Any, mode: GenerationMode, seen: Counter[str], statuses: Counter[tuple[str, int]]) -> None:
    """`EXAMPLES` requests of one operation in one mode, each checked."""
    label = f"{operation.method.upper()} {operation.path}"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        seen[label] += 1
        statuses[(label, response.status_code)] += 1
        check(label, response)

    run()


def test_no_answer_is_a_5xx_and_every_error_is_json(api_schema: Any) -> None:
    """Each operation with `EXAMPLES` requests that fit the schema and `EXAMPLES` that do not. (The
    operations are driven here, not by schemathesis' pytest plugin, whose lazy schemas need pytest's
    `Node._nodeid`, gone in pytest 9.2.)"""
    seen: Counter[str] = Counter()
    statuses: Counter[tuple[str, int]] = Counter()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            exercise(operation, mode, seen, statuses)
    figures = {op: {"requests": n, "statuses": {s: c for (o, s), c in sorted(statuses.items()) if o == op}}
               for op, n in sorted(seen.items())}
    print(f"\nschemathesis: {len(seen)} operations, {sum(seen.values())} requests, "
          f"{sum(c for (_, s), c in statuses.items() if s >= 500)} 5xx: {json.dumps(figures)}")
    assert len(seen) == len(operations) >= 12, sorted(seen)
    assert {"GET /search", "GET /pages/{page_id}", "POST /analyze", "POST /pages", "GET /events"} <= set(seen)
    # Both kinds of answer are reached: results, and refusals of what breaks the schema.
    assert any(s < 300 for _, s in statuses) and any(400 <= s < 500 for _, s in statuses)
