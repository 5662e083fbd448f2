"""The store, on each engine, on analysed pages: keys, search with facets, entities however spelled, places,
failures, schema versions and the faults a desk meets (a locked file, a full disk)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from newsdesk.errors import ReadError, ReadFailure, StoreError
from newsdesk.model import Analysis
from newsdesk.store import SCHEMA_VERSION, SearchQuery, Store, content_hash, open_store, page_id_of
from newsdesk.store import sql as sql_body
from newsdesk.store import sqlite as sqlite_engine
from newsdesk.store.export import export_csv, export_geojson, export_jsonl
from newsdesk.store.query import fts_terms, marks_of, tsquery_terms
from newsdesk.store.rows import page_rows
from newsdesk.store.sqlite import SQLiteStore
from tests.store.test_store_schema import build_sqlite_store


def test_pages_are_keyed_by_their_text(store: Store, analyses: dict[str, Analysis]) -> None:
    kyiv = analyses["kyiv"]
    digest = content_hash(kyiv.page)
    assert store.known([digest, "0" * 64]) == {digest}
    copy = dataclasses.replace(kyiv, page=dataclasses.replace(kyiv.page, source="mirror.example/kyiv",
                                                              url="https://mirror.example/kyiv"))
    assert store.add([copy]) == [page_id_of(digest)]
    assert store.status().pages == 3
    stored = store.page(page_id_of(digest)[:8])
    assert stored.sources == ("kyiv.txt", "mirror.example/kyiv")
    assert stored.origins == ("Reuters",)
    assert stored.date == "2022-05-22"
    # The analysis comes back whole: the same JSON as the pipeline wrote.
    assert stored.to_analysis().to_json() == kyiv.to_json()


def test_page_ids_are_checked(store: Store) -> None:
    with pytest.raises(StoreError, match="ND-E021"):
        store.page("abc")
    with pytest.raises(StoreError, match="ND-E021"):
        store.page("not-hex-at-all")
    with pytest.raises(StoreError, match=r"ND-E022.*no page 'ffffffffffff'"):
        store.page("ffffffffffff")


def test_search_marks_the_match_in_the_snippet(store: Store) -> None:
    [hit] = store.search(SearchQuery("volunteers"))
    assert hit.title.startswith("HALDEN, Norway (AP)")
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["volunteers"]
    assert hit.origins == ("AP",)
    two = store.search(SearchQuery("Duda OR Kremlin"))
    assert {h.origins for h in two} == {("CNN",), ("Reuters",)}
    assert store.search(SearchQuery('"Polish President"'))[0].origins == ("CNN",)
    assert store.search(SearchQuery('"President Polish"')) == []


def test_search_facets_narrow_the_pages(store: Store) -> None:
    assert [h.origins for h in store.search(SearchQuery("", origin="reuters"))] == [("Reuters",)]
    assert [h.date for h in store.search(SearchQuery(""))] == ["2023-10-15", "2022-05-22", "2022-05-21"]
    window = SearchQuery("", date_from=dt.date(2022, 5, 22), date_to=dt.date(2022, 12, 31))
    assert [h.date for h in store.search(window)] == ["2022-05-22"]
    # Both spellings of the city are one gazetteer place; both of the president, one surname key.
    assert len(store.search(SearchQuery("", place="Kiev"))) == 2
    assert len(store.search(SearchQuery("", entity="Zelensky"))) == 2
    assert len(store.search(SearchQuery("President", entity="Zelenskiy", origin="CNN"))) == 1
    assert store.search(SearchQuery("", place="Atlantis")) == []


def test_search_reads_what_users_type(store: Store) -> None:
    # Punctuation and query syntax are words, never errors.
    assert store.search(SearchQuery('U.S. "unclosed OR -Kiev* NEAR(')) == []
    assert fts_terms('Kherson "Russian forces" OR Kyiv') == '"Kherson" "Russian forces" OR "Kyiv"'
    assert tsquery_terms('Kherson "Russian forces" OR Kyiv') == 'Kherson "Russian forces" or Kyiv'
    assert tsquery_terms("war or peace") == 'war "or" peace'
    assert store.search(SearchQuery("Duda or Kremlin")) == []  # "or" in lower case is a word, on every engine
    assert marks_of("a \ue000b\ue001 c") == ("a b c", ((2, 3),))
    with pytest.raises(StoreError, match=r"ND-E021.*10000 characters"):
        store.search(SearchQuery("war " * 2500))
    with pytest.raises(StoreError, match="ND-E021"):
        SearchQuery("x", limit=0)
    with pytest.raises(StoreError, match="ND-E021"):
        SearchQuery("x", date_from=dt.date(2022, 2, 1), date_to=dt.date(2022, 1, 1))


def test_an_entity_however_spelled(store: Store) -> None:
    sightings = store.entity("Zelenskiy")
    assert {s.page_title[:4] for s in sightings} == {"KYIV", "Kiev"}
    spellings = {text for s in sightings for _, _, text in s.mentions}
    assert spellings == {"Volodymyr Zelenskiy", "Zelenskiy", "Zelensky"}
    for sighting in sightings:
        page = store.page(sighting.page_id).analysis["text"]
        assert all(page[s:e] == text for s, e, text in sighting.mentions)
    kyiv = store.entity("Київ")  # the Ukrainian spelling, through the gazetteer's id
    assert {s.gazetteer_id for s in kyiv} == {"geonames:703448"} and len(kyiv) == 2
    assert store.entity("Kiprop")[0].label == "Daniel Kiprop"
    assert store.entity("Nobody Here") == []
    with pytest.raises(StoreError, match="no letters"):
        store.entity("!!!")


def test_exports(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "places.geojson"
    with out.open("w", encoding="utf-8") as handle:
        places = export_geojson(store, handle)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == places
    kyiv = next(f for f in data["features"] if f["properties"]["gazetteer_id"] == "geonames:703448")
    lon, lat = kyiv["geometry"]["coordinates"]
    assert abs(lat - 50.45) < 0.2 and abs(lon - 30.52) < 0.2  # GeoJSON is longitude first
    assert kyiv["properties"]["pages"] == 2
    assert {m["text"] for m in kyiv["properties"]["mentions"]} == {"KYIV", "Kyiv", "Kiev"}
    with (tmp_path / "pages.jsonl").open("w", encoding="utf-8") as handle:
        assert export_jsonl(store, handle) == 3
    records = [json.loads(line) for line in (tmp_path / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["schema"] for r in records} == {"newsdesk.analysis/1"} and all(r["page_id"] for r in records)
    with (tmp_path / "pages.csv").open("w", encoding="utf-8", newline="") as handle:
        assert export_csv(store, handle) == 3
    header, *rows = (tmp_path / "pages.csv").read_text(encoding="utf-8").splitlines()
    assert header.startswith("page_id,date,title") and len(rows) == 3


def test_failures_are_kept_until_the_source_succeeds(store: Store, analyses: dict[str, Analysis]) -> None:
    failure = ReadFailure("kyiv.txt", ReadError("kyiv.txt", "ND-E005", "cannot be decoded"))
    store.add([], [failure])
    [stored] = store.failures()
    assert stored.source == "kyiv.txt" and stored.code == "ND-E005" and "cannot be decoded" in stored.error
    assert store.status().failures == 1
    store.add([analyses["kyiv"]])
    assert store.failures() == [] and store.status().failures == 0


def test_schema_versions(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    path = tmp_path / "desk.db"
    with open_store(path) as store:
        store.add([analyses["halden"]])
    with open_store(path) as store:  # reopened: migrations are not run twice, the page is there
        assert store.status().pages == 1 and store.status().schema_version == SCHEMA_VERSION
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"ND-E020.*schema version 99.*newer newsdesk"):
        open_store(path)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match=r"ND-E020.*not a newsdesk store"):
        open_store(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, just text " * 200)
    with pytest.raises(StoreError, match=r"ND-E020.*not a SQLite database"):
        open_store(junk)


def test_a_version_1_store_is_migrated_with_its_pages(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    """A store written by the first schema (the analysis inside `pages`, names without type) opens as
    the current one: the page, its text search and its name facets all still answer."""
    path = tmp_path / "v1.db"
    analysis = analyses["kyiv"]
    digest = content_hash(analysis.page)
    rows = page_rows(analysis, digest, page_id_of(digest))
    with sqlite3.connect(path) as db:
        build_sqlite_store(db, 1)
        db.execute("INSERT INTO pages VALUES (1, ?, ?, ?, ?, ?, ?, '[]', '2022-05-22T00:00:00Z', ?)",
                   (rows.id, digest, rows.source, rows.url, rows.title, rows.date, rows.analysis_json))
        db.execute("INSERT INTO pages_fts (rowid, title, body) VALUES (1, ?, ?)", (rows.title, rows.text))
        db.executemany("INSERT INTO entities VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [r[1:10] for r in rows.facets["entities"]])  # r[10]: the mentions, packed in schema 4
        db.executemany("INSERT INTO entity_names VALUES (1, ?, ?, ?)", [r[1:4] for r in rows.facets["entity_names"]])
    with open_store(path) as store:
        assert store.status().schema_version == SCHEMA_VERSION
        assert store.page(rows.id).analysis == analysis.to_json()
        place = next(e for e in analysis.entities if e.type == "PLACE")
        word = rows.text.split()[0]
        assert [h.page_id for h in store.search(SearchQuery(word))] == [rows.id]
        assert [h.page_id for h in store.search(SearchQuery(place=place.label))] == [rows.id]
        assert [h.page_id for h in store.search(SearchQuery(word, entity=place.label))] == [rows.id]


def test_a_version_3_store_is_migrated_with_its_mentions(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    """A store of schema 3 (a row a mention, quotes and times tables) opens as the current one: each entity's
    mentions are packed on its row, in text order, and read back as they were written."""
    path = tmp_path / "v3.db"
    analysis = analyses["kyiv"]
    digest = content_hash(analysis.page)
    rows = page_rows(analysis, digest, page_id_of(digest), with_text=False)
    text = analysis.page.text
    mentions = [(e.id, s, end, text[s:end]) for e in analysis.entities for s, end in reversed(e.mentions)]
    with sqlite3.connect(path) as db:
        build_sqlite_store(db, 3)
        db.execute("INSERT INTO pages VALUES (1, ?, ?, ?, ?, ?, ?, '[\"Reuters\"]', '2022-05-22T00:00:00Z')",
                   (rows.id, digest, rows.source, rows.url, rows.title, rows.date))
        db.execute("INSERT INTO page_analyses VALUES (1, ?, ?)", (text, zlib.compress(rows.analysis_json.encode())))
        db.execute("INSERT INTO pages_fts (rowid, title, body) VALUES (1, ?, ?)", (rows.title, text))
        db.executemany("INSERT INTO entities VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [r[1:10] for r in rows.facets["entities"]])  # r[10]: the mentions, packed in schema 4
        db.executemany("INSERT INTO entity_names VALUES (1, ?, ?, ?, ?, ?)",
                       [r[1:] for r in rows.facets["entity_names"]])
        db.executemany("INSERT INTO mentions VALUES (1, ?, ?, ?, ?)", mentions)  # in reverse: order is the store's job
        db.execute("INSERT INTO quotes VALUES (1, 0, 0, 5, 'direct', 0, NULL, NULL, NULL)")
        db.execute("INSERT INTO times VALUES (1, 0, 0, 5, 'DATE', '2022-05-22', NULL, 0)")
    with open_store(path) as store:
        status = store.status()
        assert (status.schema_version, status.pages, status.mentions) == (SCHEMA_VERSION, 1, len(mentions))
        assert store.page(rows.id).analysis == analysis.to_json()
        zelenskiy = next(e for e in analysis.entities if e.label == "Volodymyr Zelenskiy")
        [sighting] = [s for s in store.entity("Zelenskiy") if s.entity_id == zelenskiy.id]
        assert sighting.mentions == tuple((s, e, text[s:e]) for s, e in sorted(zelenskiy.mentions))
        assert sighting.mentions[0][2] == "Volodymyr Zelenskiy"
        kyiv = next(p for p in store.places() if p.gazetteer_id == "geonames:703448")
        assert [m[1] for m in kyiv.mentions] == sorted(m[1] for m in kyiv.mentions)
        assert {m[3] for m in kyiv.mentions} == {"KYIV", "Kyiv"}
        store.add([analyses["kiev"]])  # and takes new pages in the new schema
        assert store.status().mentions == len(mentions) + sum(len(e.mentions) for e in analyses["kiev"].entities)
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not tables & {"mentions", "quotes", "times"}


def test_a_common_word_is_ranked_among_its_newest_matches(tmp_path: Path, analyses: dict[str, Analysis],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite ranks a word that many pages have among its newest RANK_WINDOW matches; a facet that only
    older pages pass still finds them (the window widens, then the whole store is ranked)."""
    monkeypatch.setattr(sqlite_engine, "RANK_WINDOW", 2)
    monkeypatch.setattr(sql_body, "NARROW_FACET_PAGES", 0)  # every facet a condition inside the window
    base = analyses["kyiv"]
    copies = [dataclasses.replace(base, page=dataclasses.replace(
        base.page, text=f"{base.page.text}\nCopy {i}.\n", source=f"copy-{i}.txt",
        reference_date=dt.date(2001, 1, 1) if i == 0 else base.page.reference_date)) for i in range(20)]
    with open_store(tmp_path / "desk.db") as store:
        ids = store.add(copies)
        newest = {h.page_id for h in store.search(SearchQuery("Zelenskiy", limit=2))}
        assert newest == set(ids[-2:])
        oldest = store.search(SearchQuery("Zelenskiy", date_to=dt.date(2001, 12, 31)))
        assert [h.page_id for h in oldest] == [ids[0]]
        assert len(store.search(SearchQuery("Zelenskiy", limit=30))) == 20


def test_a_locked_store_says_so_and_keeps_what_it_has(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    path = tmp_path / "desk.db"
    with open_store(path) as store:
        store.add([analyses["halden"]])
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process writing
    store = SQLiteStore(path, busy_timeout_ms=200)
    try:
        with pytest.raises(StoreError, match=r"ND-E023.*another process.*kept"):
            store.add([analyses["kyiv"]])
        other.execute("ROLLBACK")
        store.add([analyses["kyiv"]])
        assert store.status().pages == 2
    finally:
        other.close()
        store.close()


def test_a_full_disk_loses_no_committed_page(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    path = tmp_path / "desk.db"
    store = SQLiteStore(path)
    try:
        store.add([analyses["halden"]])
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is full from here
        big = dataclasses.replace(analyses["kyiv"], page=dataclasses.replace(
            analyses["kyiv"].page, text=analyses["kyiv"].page.text + " " * 200_000))
        with pytest.raises(StoreError, match=r"ND-E023.*full.*kept"):
            store.add([big])
        assert store.status().pages == 1
        assert store.page(page_id_of(content_hash(analyses["halden"].page))).title.startswith("HALDEN")
    finally:
        store.close()


def test_open_store_refuses_a_folder_it_cannot_create(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match=r"ND-E020.*cannot create its folder"):
        open_store(blocker / "sub" / "desk.db")


def test_a_name_also_finds_its_other_spellings(store: Store, analyses: dict[str, Analysis]) -> None:
    # "Zelensky" is written so on the CNN page and "Zelenskiy" on the Reuters one; the store groups the
    # two spellings, so search finds both pages and says which spelling matched where.
    kyiv, kiev = (page_id_of(content_hash(analyses[name].page)) for name in ("kyiv", "kiev"))
    hits = {h.page_id: h for h in store.search(SearchQuery(text="Zelensky"))}
    assert {kyiv, kiev} <= set(hits)
    assert ("Zelenskiy", "Zelensky") in hits[kyiv].matched and hits[kiev].matched == ()
    exact = {h.page_id for h in store.search(SearchQuery(text="Zelensky", exact=True))}
    assert kiev in exact and kyiv not in exact


def test_a_facet_only_hit_shows_text_not_its_title(store: Store) -> None:
    for hit in store.search(SearchQuery(place="Kyiv")):
        assert hit.snippet and not hit.snippet.startswith(hit.title[:30])
