"""The HTTP API (`newsdesk.serve.app`) over a small store of invented pages: every endpoint's answer, the
bearer token on writes, body and query limits, hostile parameters (SQL, FTS syntax, markup) answered
with a 4xx JSON error or a normal result, never a 500 or a leak; and a real `newsdesk serve` process."""

from __future__ import annotations

import asyncio
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.errors import ConfigError
from newsdesk.model import Analysis
from newsdesk.serve.app import create_app
from newsdesk.serve.config import ServeConfig
from newsdesk.serve.desk import desk_of
from newsdesk.serve.guard import BodyLimit
from newsdesk.store import content_hash, open_store, page_id_of
from tests.corpus_pages import DATES, KYIV_REUTERS

with warnings.catch_warnings():
    # Starlette 1.10 asks for the `httpx2` fork under its TestClient; httpx (pinned) still drives it the same.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789abcdef"
HOSTILE = ["' OR 1=1 --", '"; DROP TABLE pages; --', "<script>alert(1)</script>", "NEAR(", '"unbalanced', "*",
           "col:val"]
#: What no answer may ever show: a stack trace, SQL or its engine, a path of the server.
LEAKS = ("Traceback", "SELECT", "sqlite", "psycopg", "File \"", "/tmp/", "desk.db")


def _client(location: Path | str, analyses: dict[str, Analysis], pipeline: Pipeline, token: str | None = TOKEN,
            config: ServeConfig | None = None) -> Iterator[TestClient]:
    with open_store(location) as store:
        store.add(list(analyses.values()))
    app = create_app(location, token=token, pipeline_factory=lambda: pipeline, config=config)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(tmp_path: Path, analyses: dict[str, Analysis], pipeline: Pipeline) -> Iterator[TestClient]:
    yield from _client(tmp_path / "desk.db", analyses, pipeline)


@pytest.fixture
def any_engine(store_location: Path | str, analyses: dict[str, Analysis], pipeline: Pipeline) -> Iterator[TestClient]:
    yield from _client(store_location, analyses, pipeline)


def _id(analysis: Analysis) -> str:
    return page_id_of(content_hash(analysis.page))


def _error(response: Any, status: int, code: str | None = None) -> str:
    """The answer is `status` with one JSON error; its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message"} and error["message"]
    if code:
        assert error["code"] == code
    assert not any(leak in response.text for leak in LEAKS), response.text
    return str(error["message"])


# ------------------------------------------------------------------ reads, on each engine
def test_every_read_endpoint_answers_on_each_engine(any_engine: TestClient, analyses: dict[str, Analysis]) -> None:
    client = any_engine
    hits = client.get("/search", params={"q": "Duda"}).json()["hits"]
    assert [h["page_id"] for h in hits] == [_id(analyses["kiev"])]
    assert all(hits[0]["snippet"][s:e] == "Duda" for s, e in hits[0]["marks"]) and hits[0]["marks"]
    page = client.get(f"/pages/{_id(analyses['kyiv'])}").json()
    assert page["analysis"]["text"] == KYIV_REUTERS and page["origins"] == ["Reuters"]
    entities = client.get("/entities").json()["entities"]
    assert any(e["key"] == "geonames:703448" and e["pages"] == 2 for e in entities)
    one = client.get("/entities/geonames:703448").json()
    assert len(one["sightings"]) == 2 and one["entity"]["label"] in {"Kyiv", "Kiev"}
    places = client.get("/places").json()
    assert places["type"] == "FeatureCollection" and places["features"]
    assert [d["date"] for d in client.get("/timeline").json()["days"]] == sorted(DATES.values())
    assert {c["page_id"] for c in client.get("/claims").json()["claims"]} >= {_id(analyses["halden"])}


# ------------------------------------------------------------------ each endpoint
def test_search_with_facets_and_the_query_echoed(client: TestClient, analyses: dict[str, Analysis]) -> None:
    answer = client.get("/search", params={"q": "President", "entity": "Zelensky", "origin": "CNN"}).json()
    assert [h["page_id"] for h in answer["hits"]] == [_id(analyses["kiev"])]
    assert answer["query"] == {"q": "President", "entity": "Zelensky", "place": None, "origin": "CNN", "from": None,
                               "to": None, "limit": 20, "exact": False}
    newest = client.get("/search", params={"from": "2022-05-22", "limit": 5}).json()["hits"]
    assert [h["date"] for h in newest] == ["2023-10-15", "2022-05-22"]
    assert set(newest[0]) >= {"page_id", "title", "date", "origins", "source", "snippet", "marks", "score"}
    # Links in brief, as `newsdesk search` shows them: these pages were never linked, so none.
    assert {k: newest[0][k] for k in ("copied_from", "copied_by", "reuse_unknown", "copy_clusters", "events")} == {
        "copied_from": 0, "copied_by": 0, "reuse_unknown": 0, "copy_clusters": [], "events": []}
    assert client.get("/search", params={"place": "Київ"}).json()["hits"][0]["origins"] in (["Reuters"], ["CNN"])


def test_a_page_with_its_analysis_spans_into_its_text(client: TestClient, analyses: dict[str, Analysis]) -> None:
    kiev = analyses["kiev"]
    page = client.get(f"/pages/{_id(kiev)[:8]}").json()  # an unambiguous prefix is enough
    assert set(page) >= {"id", "title", "date", "origins", "sources", "url", "analysis"}
    assert (page["id"], page["date"], page["sources"]) == (_id(kiev), "2022-05-21", ["kiev.txt"])
    text = page["analysis"]["text"]
    for entity in page["analysis"]["entities"]:
        for mention in entity["mentions"]:
            start, end = (mention["start"], mention["end"]) if isinstance(mention, dict) else mention[:2]
            assert text[start:end]
    for story in page["analysis"]["stories"]:
        assert 0 <= story["start"] < story["end"] <= len(text)
    _error(client.get("/pages/0123456789abcdef"), 404, "ND-E022")
    _error(client.get("/pages/not-hex"), 400, "ND-E024")
    _error(client.get("/pages/abc"), 400)


def test_entities_places_timeline_claims(client: TestClient, analyses: dict[str, Analysis]) -> None:
    people = client.get("/entities", params={"type": "PERSON", "limit": 10}).json()["entities"]
    assert people and all(e["type"] == "PERSON" for e in people)
    assert [e["mentions"] for e in people] == sorted((e["mentions"] for e in people), reverse=True)
    duda = client.get("/entities", params={"q": "Duda"}).json()["entities"]
    assert [e["key"] for e in duda] == ["PERSON:Andrzej Duda"]
    sightings = client.get("/entities/PERSON:Andrzej Duda").json()["sightings"]
    assert [s["page_id"] for s in sightings] == [_id(analyses["kiev"])]
    assert {m["text"] for m in sightings[0]["mentions"]} >= {"Andrzej Duda", "Duda"}
    _error(client.get("/entities/PERSON:Nobody At All"), 404, "ND-E022")
    _error(client.get("/entities/nokey"), 400, "ND-E024")
    _error(client.get("/entities", params={"type": "SHIP"}), 400, "ND-E024")

    features = client.get("/places", params={"q": "Duda"}).json()["features"]
    labels = {f["properties"]["label"] for f in features}
    assert labels == {"Ukraine", "Kyiv", "Lviv"}
    lviv = next(f for f in features if f["properties"]["label"] == "Lviv")
    assert lviv["geometry"]["type"] == "Point" and 23 < lviv["geometry"]["coordinates"][0] < 25  # [lon, lat]
    assert set(lviv["properties"]) == {"key", "label", "country", "gazetteer_id", "pages", "mentions"}

    days = client.get("/timeline", params={"from": "2022-05-01", "to": "2022-05-31"}).json()["days"]
    assert [d["date"] for d in days] == ["2022-05-21", "2022-05-22"]
    assert set(days[0]) == {"date", "pages", "events", "claims"}
    _error(client.get("/timeline", params={"from": "2022-06-01", "to": "2022-05-01"}), 400, "ND-E021")

    claims = client.get("/claims", params={"q": "soldiers"}).json()["claims"]
    [soldiers] = claims
    assert soldiers["value"] == "50–100" and soldiers["text"].startswith("50 to 100")
    text = analyses["kyiv"].page.text
    assert text[soldiers["start"]:soldiers["end"]] == soldiers["text"]
    assert {"page_id", "value", "unit", "claimant", "date", "text", "start", "end"} <= set(soldiers)


def test_report_links_its_items_to_their_sources(client: TestClient, analyses: dict[str, Analysis]) -> None:
    report = client.get("/report", params={"q": "Zelensky OR Zelenskiy"}).json()
    sources = [s for s in _sources(report)]
    assert sources, report
    texts = {_id(a): a.page.text for a in analyses.values()}
    for source in sources:
        assert source["page_id"] in texts and 0 <= source["start"] < source["end"] <= len(texts[source["page_id"]])


def _sources(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, dict) and "page_id" in v)
            else:
                yield from _sources(value)
    elif isinstance(data, list):
        for value in data:
            yield from _sources(value)


def test_analyze_reads_text_or_html_and_stores_nothing(client: TestClient) -> None:
    text = "BERLIN (Reuters) - Chancellor Olaf Scholz met union leaders in Berlin on Tuesday.\n"
    analysis = client.post("/analyze", json={"text": text, "date": "2023-03-07"}).json()
    assert analysis["text"] == text
    assert any(e["label"] == "Berlin" for e in analysis["entities"])
    assert [s["origin"] for s in analysis["stories"]] == ["Reuters"]
    html = f"<html><head><title>Scholz meets unions</title></head><body><article><p>{text}</p></article></body></html>"
    from_html = client.post("/analyze", json={"html": html, "url": "https://example.com/a"}).json()
    assert "Olaf Scholz" in from_html["text"] and from_html["url"] == "https://example.com/a"
    assert client.get("/search", params={"q": "Scholz"}).json()["hits"] == []
    _error(client.post("/analyze", json={"text": text, "html": html}), 400, "ND-E024")
    _error(client.post("/analyze", json={"body": text}), 400, "ND-E024")
    _error(client.post("/analyze", json={"text": "   "}), 400, "ND-E003")
    _error(client.post("/analyze", json={"text": text, "date": "7 March"}), 400, "ND-E010")


def test_writes_need_the_token(client: TestClient) -> None:
    page = {"text": "OSLO (AP) - The city council of Oslo approved a new tram line on Monday.\n", "date": "2023-05-08"}
    assert _error(client.post("/pages", json=page), 401, "ND-E026").startswith("this write needs")
    assert client.post("/pages", json=page).headers["www-authenticate"] == "Bearer"
    _error(client.post("/pages", json=page, headers={"Authorization": "Bearer wrong-token-0123456789"}), 403)
    _error(client.post("/pages", json=page, headers={"Authorization": f"Basic {TOKEN}"}), 401)
    assert client.get("/search", params={"q": "tram"}).json()["hits"] == []
    before = client.get("/timeline").json()["days"]  # kept by the listing cache until a page is added
    assert client.get("/timeline").json()["days"] == before and "2023-05-08" not in {d["date"] for d in before}
    good = {"Authorization": f"Bearer {TOKEN}"}
    answer = client.post("/pages", json=[page, {"text": ""}], headers=good).json()
    assert len(answer["stored"]) == 1 and [f["code"] for f in answer["failures"]] == ["ND-E003"]
    [hit] = client.get("/search", params={"q": "tram"}).json()["hits"]
    assert hit["page_id"] == answer["stored"][0] and hit["date"] == "2023-05-08"
    assert "2023-05-08" in {d["date"] for d in client.get("/timeline").json()["days"]}
    assert any(e["label"] == "Oslo" for e in client.get("/entities", params={"q": "Oslo"}).json()["entities"])
    _error(client.post("/pages", json=[], headers=good), 400)


def test_a_server_without_a_token_serves_reads_only(tmp_path: Path, analyses: dict[str, Analysis],
                                                     pipeline: Pipeline) -> None:
    for client in _client(tmp_path / "ro.db", analyses, pipeline, token=None):
        message = _error(client.post("/pages", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}),
                         403, "ND-E026")
        assert "without a write token" in message
        assert client.get("/search").status_code == 200
    with pytest.raises(ConfigError, match="at least 16"):
        create_app(tmp_path / "ro.db", token="short")


# ------------------------------------------------------------------ bad input
def test_malformed_json_and_bodies_over_the_limit(tmp_path: Path, analyses: dict[str, Analysis],
                                                  pipeline: Pipeline) -> None:
    limit = 64 * 1024
    for client in _client(tmp_path / "desk.db", analyses, pipeline, config=ServeConfig(max_body_bytes=limit)):
        json_type = {"content-type": "application/json"}
        assert "not valid JSON" in _error(client.post("/analyze", content=b'{"text": "x', headers=json_type), 400)
        _error(client.post("/analyze", content=b"", headers=json_type), 400)
        _error(client.post("/analyze", content=b"[1, 2]", headers=json_type), 400)
        _error(client.post("/analyze", content=b"[" * 50_000, headers=json_type), 400)  # too deep for any parser
        _error(client.post("/analyze", content=b'{"text": "a lone \\ud800 half"}', headers=json_type), 400)
        _error(client.post("/analyze", content=b'{"text": "plain"}', headers={"content-type": "text/plain"}), 400)
        _error(client.post("/pages", content=b"\xff\xfe{}", headers={**json_type, "Authorization": f"Bearer {TOKEN}"}),
               400)
        just_over = json.dumps({"text": "a" * limit}).encode()
        assert len(just_over) > limit
        assert "over this server's limit" in _error(client.post("/analyze", content=just_over, headers=json_type),
                                                     413, "ND-E025")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as the chunks come
            yield b'{"text": "'
            for _ in range(limit // 1024 + 1):
                yield b"a" * 1024
            yield b'"}'

        _error(client.post("/analyze", content=chunks(), headers=json_type), 413, "ND-E025")
        small = json.dumps({"text": "ROME (AP) - A short page about Rome.\n"}).encode()
        assert client.post("/analyze", content=iter([small[:10], small[10:]]), headers=json_type).status_code == 200


def test_a_huge_declared_body_is_refused_before_any_of_it_is_read() -> None:
    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the app was called")

    async def receive() -> dict[str, Any]:
        raise AssertionError("the body was read")

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/pages", "headers": [(b"content-length", b"104857600")]}
    asyncio.run(BodyLimit(app, 5 * 2**20)(scope, receive, send))
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["error"]["code"] == "ND-E025"


def test_long_queries_unknown_ids_and_routes(client: TestClient) -> None:
    long = "war " * 2500
    for path in ("/search", "/timeline", "/claims", "/places", "/report", "/entities"):
        assert "at most 1000 characters" in _error(client.get(path, params={"q": long}), 400, "ND-E024")
    _error(client.get("/search", params={"entity": long}), 400)
    _error(client.get("/search", params={"limit": "many"}), 400)
    _error(client.get("/search", params={"limit": 100_000}), 400)
    _error(client.get("/search", params={"entity": " "}), 400)
    _error(client.get("/nowhere"), 404, "ND-E027")
    _error(client.put("/search"), 405, "ND-E027")
    _error(client.get("/docs"), 404)  # its page would load assets from a CDN


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_in_every_parameter(any_engine: TestClient, hostile: str) -> None:
    client = any_engine
    parameters = {"/search": ["q", "entity", "place", "origin", "from", "to", "limit"],
                  "/entities": ["q", "type", "limit"], "/places": ["q", "entity", "place", "origin", "from", "to"],
                  "/timeline": ["q", "entity", "place", "origin", "from", "to"],
                  "/claims": ["q", "entity", "place", "origin", "from", "to", "limit"],
                  "/report": ["q", "from", "to"]}
    answers = [client.get(path, params={name: hostile}) for path, names in parameters.items() for name in names]
    answers += [client.get(f"/pages/{hostile}"), client.get(f"/entities/{hostile}"),
                client.get(f"/entities/PERSON:{hostile}")]
    answers += [client.post("/analyze", json={"text": hostile, "url": hostile}),
                client.post("/analyze", json={"text": "x", "date": hostile}),
                client.post("/pages", json={"text": hostile}, headers={"Authorization": f"Bearer {hostile}"})]
    for answer in answers:
        assert answer.status_code < 500, answer.text
        data = answer.json()
        if answer.status_code >= 400:
            _error(answer, answer.status_code)
        else:
            assert "error" not in data
        assert b"<script" not in answer.content  # markup is sent escaped, never as it came
    assert client.get("/search").json()["hits"]  # nothing was dropped


def test_the_openapi_document_lists_the_contract(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/search", "/pages/{page_id}", "/entities", "/entities/{key}", "/places", "/timeline", "/claims",
            "/report", "/analyze", "/pages"} <= set(paths)
    index = client.get("/")
    assert index.status_code == 200
    if index.headers["content-type"].startswith("text/html"):
        assert "<html" in index.text.lower()
    else:
        assert "note" in index.json()
    _error(client.get("/static/package.json"), 404)


def test_the_filters_are_one_dependency_with_the_apps_limits(tmp_path: Path, analyses: dict[str, Analysis],
                                                             pipeline: Pipeline) -> None:
    """Every route that filters lists its filters in one order, with the limits of the app's config."""
    config = ServeConfig(max_query_chars=40, max_limit=30)
    for client in _client(tmp_path / "desk.db", analyses, pipeline, config=config):
        paths = client.get("/openapi.json").json()["paths"]
        listed = {path: [p["name"] for p in paths[path]["get"]["parameters"]] for path in
                  ("/search", "/places", "/timeline", "/claims", "/report")}
        filters = ["q", "entity", "place", "origin", "from", "to"]
        assert listed == {"/search": [*filters, "limit", "exact"], "/places": [*filters, "limit"],
                          "/timeline": filters, "/claims": [*filters, "limit"], "/report": ["q", "from", "to"]}
        search = {p["name"]: p["schema"] for p in paths["/search"]["get"]["parameters"]}
        assert search["q"]["maxLength"] == 40 and search["limit"]["maximum"] == 30
        _error(client.get("/claims", params={"entity": "x" * 41}), 400, "ND-E024")
        _error(client.get("/timeline", params={"place": " "}), 400, "ND-E024")
        assert client.get("/search", params={"limit": 30}).json()["query"]["limit"] == 30


# ------------------------------------------------------------------ a real server
def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_newsdesk_serve_answers_on_loopback_and_stops(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        store.add(list(analyses.values()))
    port = _free_port()
    env = {**os.environ, "NEWSDESK_TOKEN": TOKEN}
    # Two worker processes: each builds its app from what `newsdesk serve` hands it (`app_from_environment`).
    server = subprocess.Popen([sys.executable, "-m", "newsdesk.cli.main", "serve", "--db", str(db), "--port", str(port),
                               "--workers", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/openapi.json", timeout=5) as answer:
                    assert answer.status == 200
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start in 60 s"
                time.sleep(0.2)
        with urllib.request.urlopen(f"{base}/search?q=marathon", timeout=10) as answer:
            hits = json.loads(answer.read())["hits"]
        assert [h["page_id"] for h in hits] == [_id(analyses["halden"])]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/pages/ffffffffffffffff", timeout=10)
        assert refused.value.code == 404 and json.loads(refused.value.read())["error"]["code"] == "ND-E022"
        # 100 MB announced, a few bytes sent: refused at once, not read.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"POST /pages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 104857600\r\n\r\n{\"text\": \"")
            status_line = raw.recv(4096).split(b"\r\n", 1)[0]
        assert b" 413 " in status_line
        # Writes: the token from $NEWSDESK_TOKEN reached the workers.
        request = urllib.request.Request(f"{base}/pages", method="POST", headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
            data=json.dumps({"text": "LIMA (Reuters) - Peru's congress met in Lima on Friday.\n"}).encode())
        with urllib.request.urlopen(request, timeout=120) as answer:
            assert len(json.loads(answer.read())["stored"]) == 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        finally:
            if server.poll() is None:
                server.kill()
            if server.stdout:
                server.stdout.close()
            if server.stderr:
                server.stderr.close()
    assert server.returncode is not None


def test_a_worker_builds_its_app_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.serve.app import ENV_CONFIG, ENV_DB, ENV_TOKEN_VAR, app_from_environment

    monkeypatch.setenv(ENV_DB, str(tmp_path / "w.db"))
    monkeypatch.setenv(ENV_CONFIG, json.dumps({"max_body_bytes": 1234, "store_threads": 1}))
    monkeypatch.setenv(ENV_TOKEN_VAR, "NEWSDESK_TEST_WORKER_TOKEN")
    monkeypatch.setenv("NEWSDESK_TEST_WORKER_TOKEN", TOKEN)
    with TestClient(app_from_environment()) as client:
        assert desk_of(client.app).settings.max_body_bytes == 1234  # type: ignore[arg-type]
        _error(client.post("/pages", json={"text": "x"}, headers={"Authorization": "Bearer nope-nope-nope-nope"}),
               403, "ND-E026")
        _error(client.post("/pages", content=b"x" * 2000), 413)
    monkeypatch.setenv(ENV_CONFIG, '{"max_body_bytes": "big"}')
    with pytest.raises(ConfigError, match="max_body_bytes"):
        app_from_environment()


def test_serve_refuses_a_named_token_variable_that_is_not_set(tmp_path: Path) -> None:
    from newsdesk.cli.main import main

    err = io.StringIO()
    env_name = "NEWSDESK_TEST_TOKEN_THAT_IS_NOT_SET"
    assert env_name not in os.environ
    assert main(["serve", "--db", str(tmp_path / "d.db"), "--token-env", env_name], io.StringIO(), err) == 2
    assert env_name in err.getvalue() and "not set" in err.getvalue()
