"""The PostgreSQL store on a real, throwaway server (`tests/pg.py`): what only this engine has to get
right — its own schema in a shared database, versions, errors that never show the password, a server
lost in the middle of a write and back again, writers on two connections — and the same search as
SQLite on text full of punctuation. The behaviours both engines share are in test_store.py, run on
both through `store_location` (conftest.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.errors import ReadError, ReadFailure, StoreError
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import SCHEMA_VERSION, SearchQuery, Store, content_hash, open_store, page_id_of
from newsdesk.store.postgres import PostgresStore, public_url
from newsdesk.store.query import fold, query_parts
from newsdesk.store.rows import page_rows
from tests.corpus_pages import DATES, HALDEN_AP, KIEV_CNN, KYIV_REUTERS
from tests.pg import PASSWORD, PostgresServer, ServerUnavailable, wait_until
from tests.store.test_store_schema import build_postgres_store

#: Punctuation inside words, which PostgreSQL's parser would keep as one token and SQLite splits.
PUNCTUATED = (
    "WASHINGTON, June 3 (Reuters) - The U.S. economy grew 3.5% in the first quarter, the Commerce Department "
    "said on 2022-06-03, and Kyïv’s envoy called the figures \"state-of-the-art\" on reuters.com.\n"
    "Officials in Lviv said the e-mail from the embassy arrived at 10:30, after the Kherson-based office closed.\n"
)


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    pipeline = Pipeline()
    texts = {"kyiv": KYIV_REUTERS, "kiev": KIEV_CNN, "halden": HALDEN_AP, "washington": PUNCTUATED}
    dates = {**DATES, "washington": "2022-06-03"}
    return {name: pipeline.analyze(page_from_text(f"{name}.txt", text,
                                                  ReadConfig(reference_date=dt.date.fromisoformat(dates[name]))))
            for name, text in texts.items()}


@pytest.fixture
def store(postgres_url: str) -> Iterator[Store]:
    with open_store(postgres_url) as opened:
        yield opened


def admin(url: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(url, autocommit=True)


def test_the_store_keeps_to_its_own_schema(postgres_url: str, analyses: dict[str, Analysis]) -> None:
    with admin(postgres_url) as db:  # a database shared with another application
        db.execute("CREATE TABLE invoices (id INTEGER)")
        db.execute("INSERT INTO invoices VALUES (1)")
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore) and store.engine == "postgresql"
        assert store.add([analyses["halden"], analyses["kyiv"]]) == [
            page_id_of(content_hash(analyses[n].page)) for n in ("halden", "kyiv")]
        status = store.status()
        assert (status.pages, status.sources, status.schema_version) == (2, 2, SCHEMA_VERSION)
        assert status.size_bytes and status.size_bytes > 0
        assert PASSWORD not in status.location and status.location.startswith("postgresql://newsdesk@/desk_")
        assert [p.title[:6] for p in store.pages(batch=1)] == ["HALDEN", "KYIV, "]  # ingest order, in batches
    with admin(postgres_url) as db:
        tables = {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'newsdesk'")}
        assert {"meta", "pages", "pages_fts", "entities", "entity_names", "failures"} <= tables
        assert db.execute("SELECT count(*) FROM public.invoices").fetchone() == (1,)
        assert {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")} == {"invoices"}


def test_schema_versions(postgres_server: PostgresServer, postgres_url: str,
                         analyses: dict[str, Analysis]) -> None:
    with open_store(postgres_url) as store:
        store.add([analyses["halden"]])
    with open_store(postgres_url) as store:  # reopened: migrations are not run twice, the page is there
        assert store.status().pages == 1 and store.status().schema_version == SCHEMA_VERSION
    with admin(postgres_url) as db:
        db.execute("UPDATE newsdesk.meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"ND-E020.*schema version 99.*newer newsdesk") as caught:
        open_store(postgres_url)
    assert PASSWORD not in str(caught.value)
    # A schema called newsdesk that something else made is never written to.
    other = postgres_server.create_database("someone_elses")
    with admin(other) as db:
        db.execute("CREATE SCHEMA newsdesk")
        db.execute("CREATE TABLE newsdesk.orders (id INTEGER)")
    with pytest.raises(StoreError, match=r"ND-E020.*schema 'newsdesk' that is not a newsdesk store.*orders"):
        open_store(other)
    # An empty one (made by an administrator for the desk's user) is used.
    empty = postgres_server.create_database("made_by_a_dba")
    with admin(empty) as db:
        db.execute("CREATE SCHEMA newsdesk")
    with open_store(empty) as store:
        assert store.status().pages == 0


def test_a_version_3_store_is_migrated_with_its_mentions(postgres_url: str, analyses: dict[str, Analysis]) -> None:
    """As on SQLite: a schema 3 store (a row a mention, quotes and times tables) opens as the current one,
    each entity's mentions packed on its row in text order."""
    build_postgres_store(postgres_url, 3)
    analysis = analyses["kyiv"]
    digest = content_hash(analysis.page)
    rows = page_rows(analysis, digest, page_id_of(digest))
    text = analysis.page.text
    mentions = [(e.id, s, end, text[s:end]) for e in analysis.entities for s, end in reversed(e.mentions)]
    with admin(postgres_url) as db:
        db.execute("SET search_path TO newsdesk")
        db.execute("INSERT INTO pages (id, content_hash, source, url, title, date, origins, ingested_at, analysis) "
                   "VALUES (%s, %s, %s, %s, %s, %s, %s, '2022-05-22T00:00:00Z', %s)",  # pk 1, from the sequence
                   (rows.id, digest, rows.source, rows.url, rows.title, rows.date, list(rows.origins),
                    rows.analysis_json))
        db.execute("INSERT INTO pages_fts (page, title, body) VALUES (1, %s, %s)", (rows.title, text))
        with db.cursor() as cursor:
            cursor.executemany("INSERT INTO entities VALUES (1, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                               [r[1:10] for r in rows.facets["entities"]])
            cursor.executemany("INSERT INTO entity_names VALUES (1, %s, %s, %s, %s, %s)",
                               [r[1:] for r in rows.facets["entity_names"]])
            cursor.executemany("INSERT INTO mentions VALUES (1, %s, %s, %s, %s)", mentions)
        db.execute("INSERT INTO quotes VALUES (1, 0, 0, 5, 'direct', 0, NULL, NULL, NULL)")
        db.execute("INSERT INTO times VALUES (1, 0, 0, 5, 'DATE', '2022-05-22', NULL, 0)")
    with open_store(postgres_url) as store:
        status = store.status()
        assert (status.schema_version, status.pages, status.mentions) == (SCHEMA_VERSION, 1, len(mentions))
        zelenskiy = next(e for e in analysis.entities if e.label == "Volodymyr Zelenskiy")
        [sighting] = [s for s in store.entity("Zelenskiy") if s.entity_id == zelenskiy.id]
        assert sighting.mentions == tuple((s, e, text[s:e]) for s, e in sorted(zelenskiy.mentions))
        kyiv = next(p for p in store.places() if p.gazetteer_id == "geonames:703448")
        assert [m[1] for m in kyiv.mentions] == sorted(m[1] for m in kyiv.mentions)
        assert {m[3] for m in kyiv.mentions} == {"KYIV", "Kyiv"}
        store.add([analyses["kiev"]])  # and takes new pages in the new schema
        assert store.status().mentions == len(mentions) + sum(len(e.mentions) for e in analyses["kiev"].entities)
    with admin(postgres_url) as db:
        tables = {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'newsdesk'")}
        assert not tables & {"mentions", "quotes", "times"}
        # Step 5: the gazetteer ids of each place name, those of the page written before it included.
        assert db.execute("SELECT count(*) FROM newsdesk.place_keys").fetchone() == db.execute(
            "SELECT count(DISTINCT (name_key, gazetteer_id)) FROM newsdesk.entity_names "
            "WHERE gazetteer_id IS NOT NULL").fetchone() != (0,)


def test_errors_never_show_the_password(postgres_server: PostgresServer, postgres_url: str) -> None:
    wrong = postgres_url.replace(PASSWORD, "Not-The-Password-7")
    with pytest.raises(StoreError, match=r"ND-E020.*password authentication failed") as caught:
        open_store(wrong)
    assert "Not-The-Password-7" not in str(caught.value) and "postgresql://newsdesk@/desk_" in str(caught.value)
    with pytest.raises(StoreError, match=r"ND-E020.*does not exist.*createdb") as caught:
        open_store(postgres_server.url("no_such_desk"))
    assert PASSWORD not in str(caught.value)
    nowhere = postgres_server.url("desk").replace(f"port={postgres_server.port}", "port=1")
    with pytest.raises(StoreError, match=r"ND-E020.*is the PostgreSQL server running") as caught:
        open_store(nowhere)
    assert PASSWORD not in str(caught.value)
    assert public_url("postgresql://ann:s3cret@db.example:5432/desk?sslmode=require&password=s3cret") == \
        "postgresql://ann@db.example:5432/desk?sslmode=require"
    assert public_url("postgres://db.example/desk") == "postgres://db.example/desk"


def test_a_batch_is_stored_whole_or_not_at_all(store: Store, analyses: dict[str, Analysis]) -> None:
    class Broken:  # a failure PostgreSQL cannot store (NUL in text): the batch fails at its end
        source = "broken.txt"

        def to_json(self) -> dict[str, str]:
            return {"source": self.source, "error": "nul \x00 inside", "code": "ND-E004"}

    with pytest.raises(StoreError, match=r"ND-E023.*batch of 2 pages was not written.*kept"):
        store.add([analyses["halden"], analyses["kyiv"]], [Broken()])
    assert store.status().pages == 0 and store.known([content_hash(analyses["halden"].page)]) == set()
    # The same text twice in one batch is one page with two sources; a third source comes later.
    halden = analyses["halden"]
    mirror = dataclasses.replace(halden, page=dataclasses.replace(halden.page, source="mirror/halden.txt"))
    assert len(set(store.add([halden, mirror, halden]))) == 1
    elsewhere = dataclasses.replace(halden, page=dataclasses.replace(halden.page, source="elsewhere.txt"))
    store.add([elsewhere, elsewhere])
    assert store.page(page_id_of(content_hash(halden.page))).sources == ("halden.txt", "mirror/halden.txt",
                                                                          "elsewhere.txt")
    assert store.status().pages == 1 and store.status().sources == 3


def test_writers_on_two_connections_queue(postgres_url: str, analyses: dict[str, Analysis]) -> None:
    pages = list(analyses.values())
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with open_store(postgres_url) as mine:
                results.append(mine.add(pages))
        except BaseException as exc:  # reported below
            errors.append(exc)

    writers = [threading.Thread(target=write) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert errors == [] and len(results) == 4 and all(r == results[0] for r in results)
    with open_store(postgres_url) as store:
        assert store.status().pages == len(pages)


def test_failures_and_their_sources(store: Store, analyses: dict[str, Analysis]) -> None:
    failure = ReadFailure("kyiv.txt", ReadError("kyiv.txt", "ND-E005", "cannot be decoded"))
    store.add([], [failure, ReadFailure("b.txt", ReadError("b.txt", "ND-E003", "is empty"))])
    store.add([], [failure])  # again: still one failure of that source
    assert sorted((f.source, f.code) for f in store.failures()) == [("b.txt", "ND-E003"), ("kyiv.txt", "ND-E005")]
    store.add([analyses["kyiv"]])
    assert [f.source for f in store.failures()] == ["b.txt"] and store.status().failures == 1


def test_search_reads_words_as_sqlite_does(store: Store, tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    assert isinstance(store, PostgresStore)
    with open_store(tmp_path / "desk.db") as sqlite:
        sqlite.add(list(analyses.values()))
        store.add(list(analyses.values()))
        queries = ["U.S.", "U.S. economy", "3.5", "3.5%", "2022-06-03", "06", "Kyïv’s", "state-of-the-art", "state",
                   "reuters.com", "reuters", "e-mail", "10:30", "Kherson-based", "Kherson based", "Commerce OR Lviv",
                   '"first quarter"', '"quarter first"', "Duda", "Kiev", "KYIV", "president zelensky", "100",
                   "Zelenskiy OR volunteers", '"Polish President"', "envoy -figures", "!!!"]
        if store.diacritics == "unaccent":
            queries += ["Kyiv", "kyiv's", "Kyïv"]
        for text in queries:
            ours, theirs = store.search(SearchQuery(text)), sqlite.search(SearchQuery(text))
            assert {h.page_id for h in ours} == {h.page_id for h in theirs}, text
            words = {fold(w) for part, op in query_parts(text) if not op for w in [part, *part.split()]}
            for ours_hit, their_hit in zip(sorted(ours, key=lambda h: h.page_id),
                                           sorted(theirs, key=lambda h: h.page_id), strict=True):
                assert ours_hit.title == their_hit.title and ours_hit.origins == their_hit.origins
                marked = [fold(ours_hit.snippet[s:e]) for s, e in ours_hit.marks]
                assert bool(marked) == bool(their_hit.marks), (text, ours_hit.snippet, their_hit.snippet)
                # Every mark is one word or one whole phrase of the query, punctuation inside kept.
                # (or another spelling the store holds of a name in it, which the hit says it matched)
                allowed = words | {fold(found) for found, _ in ours_hit.matched}
                assert all(" ".join(re.findall(r"[^\W_]+", m)) in allowed for m in marked), (text, marked)
        [hit] = store.search(SearchQuery('"U.S. economy"'))
        assert [hit.snippet[s:e] for s, e in hit.marks] == ["U.S. economy"]
        [hit] = store.search(SearchQuery("volunteers"))
        assert hit.snippet.startswith("…") and hit.snippet.endswith("the course.\n")  # to the end, as SQLite
        listing = store.search(SearchQuery("", limit=2))
        assert [h.date for h in listing] == [h.date for h in sqlite.search(SearchQuery("", limit=2))]
        assert listing[0].snippet == sqlite.search(SearchQuery("", limit=1))[0].snippet and not listing[0].marks
        for name in ("Zelensky", "Київ", "Kiprop", "Lviv"):
            assert store.entity(name) == sqlite.entity(name), name
        assert list(store.places()) == list(sqlite.places())
        assert list(store.pages()) == [dataclasses.replace(p, ingested_at=mine.ingested_at)
                                       for p, mine in zip(sqlite.pages(), store.pages(), strict=True)]


def test_diacritics_are_folded(store: Store, analyses: dict[str, Analysis]) -> None:
    assert isinstance(store, PostgresStore)
    if store.diacritics != "unaccent":
        pytest.skip("the server has no unaccent extension: diacritics are kept")
    store.add([analyses["washington"], analyses["kyiv"]])
    hits = store.search(SearchQuery("Kyiv"))
    assert len(hits) == 2
    washington = next(h for h in hits if h.title.startswith("WASHINGTON"))
    assert [washington.snippet[s:e] for s, e in washington.marks] == ["Kyïv"]


def test_a_lost_server_keeps_committed_pages_and_is_found_again(postgres_server: PostgresServer,
                                                                analyses: dict[str, Analysis]) -> None:
    try:  # a server of its own: this one is stopped and started
        server = PostgresServer.start()
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        url = server.create_database("desk")
        store = open_store(url)
        store.add([analyses["halden"]], [ReadFailure("kyiv.txt", ReadError("kyiv.txt", "ND-E005", "undecodable"))])
        # Another session holds the failure row that the next batch clears: that batch writes its pages,
        # then waits; the server stops under it.
        other = admin(url)
        other.execute("BEGIN")
        other.execute("SELECT * FROM newsdesk.failures WHERE source = 'kyiv.txt' FOR UPDATE")
        caught: list[StoreError] = []

        def write() -> None:
            try:
                store.add([analyses["kiev"], analyses["kyiv"]])
            except StoreError as exc:
                caught.append(exc)

        writer = threading.Thread(target=write)
        writer.start()
        assert wait_until(lambda: other.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'newsdesk' AND wait_event_type = 'Lock'"
        ).fetchone() == (1,))
        server.stop("fast")
        writer.join(120)  # a loaded machine (CI beside other jobs) can take long to stop a server
        other.close()
        assert not writer.is_alive(), "the writer was still waiting two minutes after the server stopped"
        [error] = caught
        assert error.code == "ND-E023" and "connection to the server was lost" in error.problem
        assert "pages written before it are kept" in error.problem and PASSWORD not in error.problem
        with pytest.raises(StoreError, match=r"ND-E020.*is the PostgreSQL server running"):
            store.status()  # still down: said so, not a crash
        server.start_again()
        assert store.status().pages == 1  # the committed page, not half of the lost batch
        assert store.add([analyses["kiev"], analyses["kyiv"]]) and store.status().pages == 3
        assert store.failures() == []
        # Restarted while the store sat idle: the next call finds the server again by itself.
        server.stop("fast")
        server.start_again()
        assert len(store.search(SearchQuery("Duda"))) == 1
        server.stop("fast")
        server.start_again()
        store.add([analyses["washington"]])
        assert store.status().pages == 4
        store.close()
        with pytest.raises(StoreError, match="closed"):
            store.status()
    finally:
        server.destroy()
