"""The embedded engine: one SQLite file, WAL journal, FTS5 full text.

Why SQLite: a desk of one analyst needs no server, and SQLite's WAL mode lets searches run while an
ingest writes; FTS5 ranks with BM25 and cuts snippets itself. Every write is one transaction, so a
killed ingest leaves whole pages or none.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

from newsdesk.errors import StoreError
from newsdesk.model import Analysis
from newsdesk.store import (
    MARK_CLOSE,
    MARK_OPEN,
    SCHEMA_VERSION,
    ClusterStory,
    CorpusEntityRow,
    EntitySighting,
    EntitySummary,
    EventClusterSummary,
    Failed,
    LinkBatch,
    LinkPage,
    PageLinks,
    PlaceCount,
    PlaceSummary,
    ReusePassage,
    SearchHit,
    SearchQuery,
    Store,
    StoredClaim,
    StoredFailure,
    StoredPage,
    StoreStatus,
    TimelineDay,
    check_limit,
    claim_rows,
    content_hash,
    entity_key_label,
    iso_now,
    page_id_of,
    reuse_passages,
)
from newsdesk.store.query import (
    EntityRef,
    expand_with_variants,
    facet_snippet,
    fts_terms,
    marks_of,
    match_entities,
    matched_variants,
    name_keys,
    store_spellings,
)
from newsdesk.store.rows import COLUMNS, page_rows, unpacked_mentions

#: Schema migrations: version → statements that take the previous version to it. Never edit a
#: released step; add the next one.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE pages (
            pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL, url TEXT, title TEXT NOT NULL, date TEXT, origins TEXT NOT NULL,
            ingested_at TEXT NOT NULL, analysis TEXT NOT NULL)""",
        "CREATE INDEX pages_date ON pages(date)",
        """CREATE TABLE page_sources (
            page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE, source TEXT NOT NULL, url TEXT,
            seen_at TEXT NOT NULL, PRIMARY KEY (page, source))""",
        """CREATE TABLE failures (
            source TEXT PRIMARY KEY, error TEXT NOT NULL, code TEXT NOT NULL, at TEXT NOT NULL)""",
        """CREATE TABLE stories (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, origin TEXT,
            title TEXT, dateline_place TEXT, dateline_date TEXT, PRIMARY KEY (page, idx))""",
        "CREATE INDEX stories_origin ON stories(origin COLLATE NOCASE)",
        """CREATE TABLE entities (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            entity_id TEXT NOT NULL, label TEXT NOT NULL, type TEXT NOT NULL, lat REAL, lon REAL,
            country TEXT, gazetteer_id TEXT, within_place TEXT, mention_count INTEGER NOT NULL,
            PRIMARY KEY (page, entity_id))""",
        "CREATE INDEX entities_gazetteer ON entities(gazetteer_id) WHERE gazetteer_id IS NOT NULL",
        # Clustered on what queries look up (WITHOUT ROWID: one b-tree a table, not a table and an index).
        """CREATE TABLE entity_names (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            entity_id TEXT NOT NULL, name_key TEXT NOT NULL, surname_key TEXT NOT NULL,
            PRIMARY KEY (name_key, page, entity_id)) WITHOUT ROWID""",
        "CREATE INDEX entity_names_surname ON entity_names(surname_key) WHERE surname_key != ''",
        """CREATE TABLE mentions (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            entity_id TEXT NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (page, entity_id, start_pos, end_pos)) WITHOUT ROWID""",
        """CREATE TABLE quotes (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, kind TEXT NOT NULL,
            story INTEGER NOT NULL, speaker TEXT, speaker_text TEXT, cue TEXT, PRIMARY KEY (page, idx))""",
        """CREATE TABLE claims (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            claim_id TEXT NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, low REAL, high REAL,
            per TEXT, unit TEXT, kind TEXT NOT NULL, story INTEGER NOT NULL, speaker TEXT, speaker_text TEXT,
            about TEXT, same_as TEXT, PRIMARY KEY (page, claim_id))""",
        """CREATE TABLE times (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, type TEXT NOT NULL,
            value TEXT, anchor TEXT, story INTEGER NOT NULL, PRIMARY KEY (page, idx))""",
        "CREATE INDEX times_value ON times(value)",
        """CREATE TABLE events (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL, event_date TEXT NOT NULL, what TEXT NOT NULL, start_pos INTEGER NOT NULL,
            end_pos INTEGER NOT NULL, story INTEGER NOT NULL, where_entity TEXT, PRIMARY KEY (page, idx))""",
        "CREATE INDEX events_date ON events(event_date)",
        # The text is indexed with diacritics folded ("Kyiv" finds "Kyïv"). The index keeps no copy of
        # the text: snippets read it from the analysis JSON through this view (external content).
        "CREATE VIEW page_text AS SELECT pk, title, analysis ->> '$.text' AS body FROM pages",
        "CREATE VIRTUAL TABLE pages_fts USING fts5(title, body, content = 'page_text', content_rowid = 'pk', "
        "tokenize = 'unicode61 remove_diacritics 2')",
    ),
    # A name facet from entity_names alone: the entity's type and gazetteer id beside each name, and the
    # surname index by page too, so that "is this page's entity named so?" is one index seek.
    2: (
        "ALTER TABLE entity_names ADD COLUMN type TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE entity_names ADD COLUMN gazetteer_id TEXT",
        "UPDATE entity_names SET (type, gazetteer_id) = (SELECT e.type, e.gazetteer_id FROM entities e "
        "WHERE e.page = entity_names.page AND e.entity_id = entity_names.entity_id)",
        "CREATE INDEX entity_names_places ON entity_names(name_key, gazetteer_id) WHERE gazetteer_id IS NOT NULL",
        "DROP INDEX entity_names_surname",
        "CREATE INDEX entity_names_surname ON entity_names(surname_key, page) WHERE surname_key != ''",
        "DROP INDEX entities_gazetteer",
        "CREATE INDEX entities_gazetteer ON entities(gazetteer_id, page) WHERE gazetteer_id IS NOT NULL",
        # The analysis JSON in a table of its own: inline, its ~30 KB made every page row fill a b-tree
        # page, so a search that checks a few thousand pages read a few thousand pages from disk. It is
        # kept compressed (zlib: a sixth of the bytes to write, most of a page's write time at 100k
        # pages); the text beside it as it is, for the full-text index's snippets.
        "CREATE TABLE page_analyses (pk INTEGER PRIMARY KEY REFERENCES pages(pk) ON DELETE CASCADE, "
        "text TEXT NOT NULL, analysis BLOB NOT NULL)",
        "INSERT INTO page_analyses SELECT pk, analysis ->> '$.text', analysis FROM pages",
        "DROP VIEW page_text",
        "ALTER TABLE pages DROP COLUMN analysis",
        "CREATE VIEW page_text AS SELECT p.pk, p.title, a.text AS body FROM pages p JOIN page_analyses a "
        "ON a.pk = p.pk",
    ),
    # Links (issue 8): passages shared between pages, corpus entities, event clusters, the linkers' state.
    3: (
        # `page` copied [start, end) from `source` when `copied` is 1; 0: the evidence does not decide.
        """CREATE TABLE reuse_passages (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL,
            source INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE, source_start INTEGER NOT NULL,
            source_end INTEGER NOT NULL, copied INTEGER NOT NULL, similarity REAL NOT NULL, clues TEXT NOT NULL,
            copy_cluster INTEGER NOT NULL, PRIMARY KEY (page, start_pos, source, source_start)) WITHOUT ROWID""",
        "CREATE INDEX reuse_passages_source ON reuse_passages(source)",
        "CREATE INDEX reuse_passages_cluster ON reuse_passages(copy_cluster)",
        """CREATE TABLE corpus_entities (id TEXT PRIMARY KEY, label TEXT NOT NULL, type TEXT NOT NULL,
            pages INTEGER NOT NULL, mentions INTEGER NOT NULL, first_seen TEXT, last_seen TEXT, gazetteer_id TEXT)""",
        """CREATE TABLE entity_links (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            entity_id TEXT NOT NULL, corpus_id TEXT NOT NULL, PRIMARY KEY (page, entity_id)) WITHOUT ROWID""",
        "CREATE INDEX entity_links_corpus ON entity_links(corpus_id)",
        """CREATE TABLE event_clusters (id TEXT PRIMARY KEY, title TEXT NOT NULL, first_date TEXT, last_date TEXT,
            size INTEGER NOT NULL, topic TEXT NOT NULL)""",
        "CREATE INDEX event_clusters_last ON event_clusters(last_date)",
        """CREATE TABLE event_members (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            story INTEGER NOT NULL, cluster_id TEXT NOT NULL, PRIMARY KEY (page, story)) WITHOUT ROWID""",
        "CREATE INDEX event_members_cluster ON event_members(cluster_id)",
        "CREATE TABLE link_state (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
    ),
    # Fewer rows a page (issue 7: two thirds of a write was SQLite inserting ~230 facet rows a page): an
    # entity's mentions packed on its row as JSON ([start, end, text], by start); quotes and times, which
    # no query reads, only in the analysis JSON.
    4: (
        "ALTER TABLE entities ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]'",
        # The mentions table is clustered by (page, entity_id, start_pos, end_pos): grouped in that order.
        "CREATE TEMP TABLE packed AS SELECT page, entity_id, json_group_array(json_array(start_pos, end_pos, text)) "
        "AS mentions FROM (SELECT * FROM mentions ORDER BY page, entity_id, start_pos, end_pos) "
        "GROUP BY page, entity_id",
        "UPDATE entities SET mentions = p.mentions FROM temp.packed p WHERE p.page = entities.page "
        "AND p.entity_id = entities.entity_id",
        "DROP TABLE temp.packed",
        "DROP TABLE mentions",
        "DROP TABLE quotes",
        "DROP TABLE times",
        # Tables keyed by (page, …) clustered on that key (WITHOUT ROWID): one b-tree a row, not a table
        # and its primary key's index.
        """CREATE TABLE entities_4 (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            entity_id TEXT NOT NULL, label TEXT NOT NULL, type TEXT NOT NULL, lat REAL, lon REAL,
            country TEXT, gazetteer_id TEXT, within_place TEXT, mention_count INTEGER NOT NULL,
            mentions TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (page, entity_id)) WITHOUT ROWID""",
        "INSERT INTO entities_4 SELECT page, entity_id, label, type, lat, lon, country, gazetteer_id, within_place, "
        "mention_count, mentions FROM entities",
        "DROP TABLE entities",
        "ALTER TABLE entities_4 RENAME TO entities",
        "CREATE INDEX entities_gazetteer ON entities(gazetteer_id, page) WHERE gazetteer_id IS NOT NULL",
        """CREATE TABLE stories_4 (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, origin TEXT,
            title TEXT, dateline_place TEXT, dateline_date TEXT, PRIMARY KEY (page, idx)) WITHOUT ROWID""",
        "INSERT INTO stories_4 SELECT page, idx, start_pos, end_pos, origin, title, dateline_place, dateline_date "
        "FROM stories",
        "DROP TABLE stories",
        "ALTER TABLE stories_4 RENAME TO stories",
        "CREATE INDEX stories_origin ON stories(origin COLLATE NOCASE)",
        """CREATE TABLE claims_4 (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            claim_id TEXT NOT NULL, start_pos INTEGER NOT NULL, end_pos INTEGER NOT NULL, low REAL, high REAL,
            per TEXT, unit TEXT, kind TEXT NOT NULL, story INTEGER NOT NULL, speaker TEXT, speaker_text TEXT,
            about TEXT, same_as TEXT, PRIMARY KEY (page, claim_id)) WITHOUT ROWID""",
        "INSERT INTO claims_4 SELECT page, claim_id, start_pos, end_pos, low, high, per, unit, kind, story, speaker, "
        "speaker_text, about, same_as FROM claims",
        "DROP TABLE claims",
        "ALTER TABLE claims_4 RENAME TO claims",
        """CREATE TABLE events_4 (page INTEGER NOT NULL REFERENCES pages(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL, event_date TEXT NOT NULL, what TEXT NOT NULL, start_pos INTEGER NOT NULL,
            end_pos INTEGER NOT NULL, story INTEGER NOT NULL, where_entity TEXT,
            PRIMARY KEY (page, idx)) WITHOUT ROWID""",
        "INSERT INTO events_4 SELECT page, idx, event_date, what, start_pos, end_pos, story, where_entity FROM events",
        "DROP TABLE events",
        "ALTER TABLE events_4 RENAME TO events",
        "CREATE INDEX events_date ON events(event_date)",
        # The gazetteer ids a place's name has, once a pair: the partial index it replaces took a random
        # insert for every place name of every page; a pair already known writes nothing.
        "CREATE TABLE place_keys (name_key TEXT NOT NULL, gazetteer_id TEXT NOT NULL, "
        "PRIMARY KEY (name_key, gazetteer_id)) WITHOUT ROWID",
        "INSERT OR IGNORE INTO place_keys SELECT name_key, gazetteer_id FROM entity_names "
        "WHERE gazetteer_id IS NOT NULL",
        "DROP INDEX entity_names_places",
    ),
}

#: Each page entity (`e.*`) with the key of the entity across pages it is part of (issue 27: one entity,
#: one count, wherever it is shown): its corpus entity's (`newsdesk link`) gazetteer id, else its own,
#: else the corpus entity's TYPE:label, else its own (a page not linked yet).
ENTITY_ROWS = (
    "SELECT e.*, coalesce(c.gazetteer_id, e.gazetteer_id, coalesce(c.type, e.type) || ':' || "
    "coalesce(c.label, e.label)) AS key, coalesce(c.label, e.label) AS key_label, coalesce(c.type, e.type) AS key_type "
    "FROM entities e LEFT JOIN entity_links l ON l.page = e.page AND l.entity_id = e.entity_id "
    "LEFT JOIN corpus_entities c ON c.id = l.corpus_id")
#: How long a writer waits for another process's lock before saying the store is busy.
BUSY_TIMEOUT_MS = 10_000
#: A query longer than this is refused: no reader types it, and it would only cost time.
MAX_QUERY_CHARS = 1_000
SNIPPET_TOKENS = 24
#: zlib's level for kept analyses: 1 compresses JSON about 6:1 at ~100 MB/s; higher levels gain little.
ANALYSIS_ZLIB_LEVEL = 1
#: SQLite's page size for new stores (the default is 4 KiB): at 16 KiB a commit spent a third less CPU
#: (5,000 bench/corpus.py pages in batches of 250: 0.17 -> 0.11 ms a page in COMMIT).
PAGE_BYTES = 16_384
#: The page cache of a connection, in KiB.
CACHE_KIB = 64 * 1024
#: A facet that leaves at most this many pages leads a search: its pages are looked up one by one.
#: A wider one is a condition checked on each page the text or the date order finds.
NARROW_FACET_PAGES = 5_000
#: A text search ranks at most this many of its matches, the newest stored (see `_rank_floor`).
RANK_WINDOW = 5_000


class SQLiteStore(Store):
    engine = "sqlite"

    def __init__(self, path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.location = str(path)
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("ND-E020", f"store {path}: cannot create its folder: {exc.strerror or exc}") from exc
        try:
            # isolation_level=None: transactions are begun and ended here, explicitly.
            self.db = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None,
                                      check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError("ND-E020", f"store {path}: cannot be opened: {exc}") from exc
        try:
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            # Only a new store takes it (before WAL mode and the first table; an existing one keeps its own):
            # a page's ~100 rows dirty fewer, larger pages, so a commit writes fewer WAL frames.
            self.db.execute(f"PRAGMA page_size = {PAGE_BYTES}")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash loses no committed page
            self.db.execute("PRAGMA foreign_keys = ON")
            # 64 MB of page cache (the default is 2 MB): the name and full-text indexes grow in key order,
            # not insertion order, and at 100k pages a small cache re-reads their pages on every batch.
            self.db.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError("ND-E020", f"store {path}: {_explain(exc)}") from exc

    # -- schema
    def _migrate(self) -> None:
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise StoreError("ND-E020", f"store {self.path}: a SQLite file but not a newsdesk store "
                                        f"(it has tables {sorted(tables)[:5]})")
        version = 0
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError("ND-E020", f"store {self.path}: schema version {version} was written by a newer "
                                        f"newsdesk (this one reads up to {SCHEMA_VERSION}); upgrade newsdesk")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[step]:
                    self.db.execute(statement)
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(step),))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _writing(self, failed: Callable[[str], str]) -> Iterator[None]:
        """One write transaction (taking the write lock at once): committed whole, or rolled back; a
        SQLite error becomes ND-E023 with `failed(why)` as its message."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError("ND-E023", failed(_explain(exc))) from exc

    # -- writes
    def known(self, digests: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(digests))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._read(f"SELECT content_hash FROM pages WHERE content_hash IN ({marks})",
                                                  chunk))
        return found

    def add(self, analyses: Sequence[Analysis], failures: Sequence[Failed] = ()) -> list[str]:
        now = iso_now()
        with self._writing(lambda why: f"store {self.path}: the batch of {len(analyses)} pages was not written "
                                        f"({why}); pages written before it are kept"):
            ids = self._add_pages(analyses, now)
            for failure in failures:
                info = failure.to_json()
                self.db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                                (failure.source, info.get("error", ""), info.get("code", ""), now))
        return ids

    def _add_pages(self, analyses: Sequence[Analysis], now: str) -> list[str]:
        """Write a batch inside the caller's transaction. One executemany a table for the whole batch:
        per-page statements cost more than the rows. A text already stored (or twice in the batch)
        only adds a source to its page."""
        digests = [content_hash(a.page) for a in analyses]
        ids = [page_id_of(d) for d in digests]
        stored: dict[str, int] = {}
        for i in range(0, len(digests), 500):
            chunk = digests[i:i + 500]
            stored.update(self.db.execute(
                f"SELECT content_hash, pk FROM pages WHERE content_hash IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        # Keys are given here, not left to SQLite, so that every table's rows can be built before any
        # insert; the write lock (BEGIN IMMEDIATE) makes max(pk) safe.
        next_pk = int(self.db.execute("SELECT coalesce(max(pk), 0) FROM pages").fetchone()[0]) + 1
        pages: list[tuple[Any, ...]] = []
        texts: list[tuple[Any, ...]] = []
        kept: list[tuple[int, str, bytes]] = []
        sources: list[tuple[Any, ...]] = []
        facets: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        place_keys: set[tuple[str, str]] = set()
        for analysis, digest, page_id in zip(analyses, digests, ids, strict=True):
            page = analysis.page
            pk = stored.get(digest)
            if pk is not None:
                sources.append((pk, page.source, page.url, now))
                continue
            pk = stored[digest] = next_pk
            next_pk += 1
            rows = page_rows(analysis, digest, page_id, key=pk, with_text=False)
            pages.append((pk, page_id, digest, rows.source, rows.url, rows.title, rows.date,
                          orjson.dumps(list(rows.origins)).decode(), now))
            kept.append((pk, rows.text, zlib.compress(rows.analysis_json.encode(), ANALYSIS_ZLIB_LEVEL)))
            texts.append((pk, rows.title, rows.text))
            sources.append((pk, page.source, page.url, now))
            for table, values in rows.facets.items():
                facets[table].extend(values)
            place_keys.update((v[2], v[5]) for v in rows.facets["entity_names"] if v[5] is not None)
        self.db.executemany("DELETE FROM failures WHERE source = ?", [(a.page.source,) for a in analyses])
        self.db.executemany("INSERT INTO pages (pk, id, content_hash, source, url, title, date, origins, ingested_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", pages)
        self.db.executemany("INSERT INTO page_analyses (pk, text, analysis) VALUES (?, ?, ?)", kept)
        self.db.executemany("INSERT OR IGNORE INTO page_sources VALUES (?, ?, ?, ?)", sources)
        self.db.executemany("INSERT INTO pages_fts (rowid, title, body) VALUES (?, ?, ?)", texts)
        for table, columns in COLUMNS.items():
            if facets[table]:
                marks = ",".join("?" * (len(columns) + 1))
                self.db.executemany(f"INSERT INTO {table} (page, {', '.join(columns)}) VALUES ({marks})",
                                    facets[table])
        self.db.executemany("INSERT OR IGNORE INTO place_keys VALUES (?, ?)", sorted(place_keys))
        return ids

    # -- reads
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError("ND-E020", f"store {self.path}: cannot be read: {_explain(exc)}") from exc

    _PAGE_COLUMNS = ("pages.pk, id, content_hash, source, url, title, date, origins, ingested_at, a.text, "
                     "a.analysis FROM pages JOIN page_analyses a ON a.pk = pages.pk")

    def _stored(self, row: tuple[Any, ...]) -> StoredPage:
        pk, page_id, digest, source, url, title, date, origins, at, text, analysis = row
        sources = tuple(r[0] for r in self._read("SELECT source FROM page_sources WHERE page = ? ORDER BY seen_at, "
                                                 "rowid", (pk,)))
        return StoredPage(page_id, digest, source, url, title, date, tuple(json.loads(origins)), at,
                          _analysis(analysis, text), sources or (source,))

    def page(self, page_id: str) -> StoredPage:
        wanted = page_id.strip().lower()
        if len(wanted) < 6 or any(c not in "0123456789abcdef" for c in wanted):
            raise StoreError("ND-E021", f"page id {page_id!r}: a page id is 6 to 16 hex digits "
                                        "(as `newsdesk search` prints them)")
        rows = self._read(f"SELECT {self._PAGE_COLUMNS} WHERE id >= ? AND id < ? LIMIT 2",
                          (wanted, wanted + "g"))
        if not rows:
            raise StoreError("ND-E022", f"no page {page_id!r} in store {self.location}")
        if len(rows) > 1:
            raise StoreError("ND-E021", f"page id {page_id!r} is the start of several pages' ids: give more digits")
        return self._stored(rows[0])

    def pages(self, batch: int = 500) -> Iterator[StoredPage]:
        last = 0
        while True:
            rows = self._read(f"SELECT {self._PAGE_COLUMNS} WHERE pages.pk > ? ORDER BY pages.pk LIMIT ?",
                              (last, batch))
            if not rows:
                return
            for row in rows:
                yield self._stored(row)
            last = rows[-1][0]

    def search(self, query: SearchQuery) -> list[SearchHit]:
        if len(query.text) > MAX_QUERY_CHARS:
            raise StoreError("ND-E021", f"search query of {len(query.text)} characters: at most "
                                        f"{MAX_QUERY_CHARS} are allowed")
        lead, where, params = self._facets(query)
        text, typed_for = query.text, dict[str, str]()
        if query.text and not query.exact:
            text, typed_for = expand_with_variants(query.text, self._spellings)
        terms = fts_terms(text)
        # Rank first, cut snippets only for the hits kept: snippet() over every match of a common
        # word costs more than the ranking itself.
        if terms:
            if lead is not None:
                # A narrow facet: its pages filter the matches as the index yields them (the `+` keeps
                # SQLite from handing the IN list to FTS5, which would look each page up: ~50 µs apiece),
                # and BM25 scores at most NARROW_FACET_PAGES of them.
                where, params = ["+pages_fts.rowid IN (SELECT value FROM json_each(?))", *where], [lead, *params]
            sql = (f"SELECT p.pk, p.id, p.title, p.date, p.origins, p.source, bm25(pages_fts, 5.0, 1.0) AS score "
                   f"FROM pages_fts JOIN pages p ON p.pk = pages_fts.rowid "
                   f"WHERE pages_fts MATCH ? {''.join(' AND ' + w for w in where)} ORDER BY score LIMIT ?")
            rows: list[tuple[Any, ...]] = []
            # The window is the text's alone (finding it scores nothing and checks no facet); wide
            # facets are checked inside it. Too few hits there: a window eight times wider, then the
            # whole store.
            for window in (RANK_WINDOW, 8 * RANK_WINDOW) if lead is None else ():
                floor = self._rank_floor(terms, window)
                if floor is None:
                    break
                rows = self._read(sql.replace("MATCH ?", "MATCH ? AND pages_fts.rowid >= ?", 1),
                                  [terms, floor, *params, query.limit])
                if len(rows) == query.limit:
                    break
            if len(rows) < query.limit:
                rows = self._read(sql, [terms, *params, query.limit])
            # One statement for every hit's snippet (FTS5 looks each rowid of the list up).
            marks = ",".join("?" * len(rows))
            snippets = dict(self._read(
                f"SELECT rowid, snippet(pages_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}) "
                f"FROM pages_fts WHERE pages_fts MATCH ? AND rowid IN ({marks})", [terms, *(r[0] for r in rows)]))
        else:
            if lead is not None:
                where, params = ["p.pk IN (SELECT value FROM json_each(?))", *where], [lead, *params]
            # Newest first from the date index (NULL dates sort last when descending).
            sql = (f"SELECT p.pk, p.id, p.title, p.date, p.origins, p.source, 0.0 FROM pages p "
                   f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY p.date DESC, p.pk DESC LIMIT ?")
            rows = self._read(sql, [*params, query.limit])
            marks = ",".join("?" * len(rows))
            snippets = dict(self._read(f"SELECT pk, substr(body, 1, 400) FROM page_text WHERE pk IN ({marks})",
                                       [r[0] for r in rows]))
        hits = []
        for pk, page_id, title, date, origins, source, score in rows:
            snippet, marks_at = marks_of(snippets.get(pk, ""))
            if not terms:
                snippet = facet_snippet(snippet, title)
            hits.append(SearchHit(page_id, title, date, tuple(json.loads(origins)), source, snippet, marks_at,
                                  -float(score), matched=matched_variants(snippet, marks_at, typed_for)))
        return hits

    def _rank_floor(self, terms: str, window: int) -> int | None:
        """The key of the `window`-th newest page that matches the text, or None when fewer match.

        BM25 scores every page that matches, and a common word matches a third of the store: at
        100k pages that alone takes ~100 ms. Above the window, the best matches among the newest
        RANK_WINDOW are returned; walking the index newest first to find where that window starts
        scores nothing, so it costs a fraction of ranking."""
        rows = self._read("SELECT rowid FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                          [terms, window - 1])
        return int(rows[0][0]) if rows else None

    def _facets(self, query: SearchQuery) -> tuple[str | None, list[str], list[Any]]:
        """How the facets narrow a search: the pages of the narrow ones (at most NARROW_FACET_PAGES, as
        a JSON list that leads the query; None when no facet is narrow), and SQL conditions on `p` for
        the wide ones, with their parameters."""
        narrow: list[set[int]] = []
        where: list[str] = []
        params: list[Any] = []

        def add(pages: set[int] | None, condition: str, *values: Any) -> None:
            if pages is not None:
                narrow.append(pages)
            else:
                where.append(condition)
                params.extend(values)

        for name, kind in ((query.entity, None), (query.place, "PLACE")):
            if name is not None:
                pages, condition, values = self._name_facet(name, kind, linked=not query.exact)
                add(pages, condition, *values)
        if query.origin is not None:
            origin = query.origin.strip()
            # A rare origin: start from its stories; a common one: a condition on each page found.
            rows = self._read("SELECT page FROM stories WHERE origin = ? COLLATE NOCASE LIMIT ?",
                              [origin, NARROW_FACET_PAGES + 1])
            add({r[0] for r in rows} if len(rows) <= NARROW_FACET_PAGES else None,
                "EXISTS (SELECT 1 FROM stories s WHERE s.page = p.pk AND s.origin = ? COLLATE NOCASE)", origin)
        if query.date_from is not None or query.date_to is not None:
            low = query.date_from.isoformat() if query.date_from else ""
            high = query.date_to.isoformat() if query.date_to else "9999"
            rows = self._read("SELECT pk FROM pages WHERE date >= ? AND date <= ? LIMIT ?",
                              [low, high, NARROW_FACET_PAGES + 1])
            add({r[0] for r in rows} if len(rows) <= NARROW_FACET_PAGES else None,
                "p.date >= ? AND p.date <= ?", low, high)
        if not narrow:
            return None, where, params
        lead = set.intersection(*narrow)
        return json.dumps(sorted(lead)), where, params

    def _name_key(self, name: str, kind: str | None) -> tuple[str, str] | None:
        """The entity_names column and key a typed name is found by, as `match_entities` reads it (the
        whole name, else its surname among people, else a one-word name as a surname); None: no entity."""
        full, surname = name_keys(name)
        if not full:
            raise StoreError("ND-E021", f"entity name {name!r} has no letters to look up")
        steps = [("name_key", full)]
        if surname and surname != full:
            steps.append(("surname_key", surname))
        if " " not in full:
            steps.append(("surname_key", full))
        type_clause = "AND type = ?" if kind else ""
        for column, key in steps:
            if self._read(f"SELECT 1 FROM entity_names WHERE {column} = ? {type_clause} LIMIT 1",
                          [key, *([kind] if kind else [])]):
                return column, key
        return None

    def _gazetteer_ids(self, column: str, key: str) -> list[str]:
        """The gazetteer ids of the places a name matched: every place with one is the same place
        ("Київ" finds "Kiev"). Only whole-name keys name places (surname keys are people's), and only
        places have ids, so no type is asked: `place_keys` answers alone."""
        if column != "name_key":
            return []
        return [r[0] for r in self._read("SELECT gazetteer_id FROM place_keys WHERE name_key = ?", [key])]

    def _name_facet(self, name: str, kind: str | None, linked: bool = True
                    ) -> tuple[set[int] | None, str, list[Any]]:
        """A name facet from the indexes of entity_names: its pages when they are at most
        NARROW_FACET_PAGES, else a condition on each page `p` (a common name: "Ukraine" is on half of them).
        With `linked`, also the pages of the corpus entities (`newsdesk link`) those entities are part of:
        the pages `entity` and the entity list count, however the name is written there."""
        found = self._name_key(name, kind)
        if found is None:
            return set(), "", []
        column, key = found
        gids = self._gazetteer_ids(column, key)
        type_clause, type_params = ("AND type = ?", [kind]) if kind else ("", [])
        named = f"SELECT page FROM entity_names WHERE {column} = ? {type_clause}"
        pages = {r[0] for r in self._read(f"{named} LIMIT ?", [key, *type_params, NARROW_FACET_PAGES + 1])}
        same_place = "SELECT page FROM entities WHERE gazetteer_id IN (SELECT value FROM json_each(?))"
        if gids and len(pages) <= NARROW_FACET_PAGES:
            pages.update(r[0] for r in self._read(f"{same_place} LIMIT ?", [json.dumps(gids),
                                                                            NARROW_FACET_PAGES + 1]))
        corpus = json.dumps(self._corpus_ids(column, key, kind, gids)) if linked else "[]"
        if corpus != "[]" and len(pages) <= NARROW_FACET_PAGES:
            pages.update(r[0] for r in self._read(
                "SELECT page FROM entity_links WHERE corpus_id IN (SELECT value FROM json_each(?)) LIMIT ?",
                [corpus, NARROW_FACET_PAGES + 1]))
        if len(pages) <= NARROW_FACET_PAGES:
            return pages, "", []
        # A wide name: checked on each page the text index or the date order yields, by an index seek,
        # so a search stops as soon as it has its hits (a list of a common name's pages costs ~100 ms).
        type_clause = "AND n.type = ?" if kind else ""
        condition = f"EXISTS (SELECT 1 FROM entity_names n WHERE n.{column} = ? AND n.page = p.pk {type_clause})"
        if gids:
            condition = (f"({condition} OR EXISTS (SELECT 1 FROM entities e WHERE e.page = p.pk "
                         f"AND e.gazetteer_id IN ({','.join('?' * len(gids))})))")
        if corpus != "[]":
            condition = (f"({condition} OR EXISTS (SELECT 1 FROM entity_links l WHERE l.page = p.pk "
                         "AND l.corpus_id IN (SELECT value FROM json_each(?))))")
        return None, condition, [key, *type_params, *gids, *([corpus] if corpus != "[]" else [])]

    def _corpus_ids(self, column: str, key: str, kind: str | None, gids: list[str]) -> list[str]:
        """The corpus entities that the page entities a name facet matched (by key, or as the same place)
        are linked to."""
        type_clause, type_params = ("AND n.type = ?", [kind]) if kind else ("", [])
        return [r[0] for r in self._read(
            "SELECT l.corpus_id FROM entity_names n JOIN entity_links l ON l.page = n.page "
            f"AND l.entity_id = n.entity_id WHERE n.{column} = ? {type_clause} UNION "
            "SELECT l.corpus_id FROM entities e JOIN entity_links l ON l.page = e.page AND l.entity_id = e.entity_id "
            "WHERE e.gazetteer_id IN (SELECT value FROM json_each(?))", [key, *type_params, json.dumps(gids)])]

    def _matches(self, name: str, kind: str | None) -> list[EntityRef]:
        type_clause = "AND type = ?" if kind else ""

        def by_key(column: str, key: str) -> set[EntityRef]:
            return {(int(p), str(e)) for p, e in self._read(
                f"SELECT DISTINCT page, entity_id FROM entity_names WHERE {column} = ? {type_clause}",
                [key, *([kind] if kind else [])])}

        def same_places(matched: set[EntityRef]) -> set[EntityRef]:
            # Two steps through the indexes (the matched entities' ids, then every entity with one):
            # a self-join grows with the square of a common place's mentions.
            ids = [r[0] for r in self._read(
                "SELECT DISTINCT e.gazetteer_id FROM json_each(?) j JOIN entities e "
                "ON e.page = j.value ->> 0 AND e.entity_id = j.value ->> 1 WHERE e.gazetteer_id IS NOT NULL",
                [json.dumps(sorted(matched))])]
            if not ids:
                return set()
            return {(int(p), str(e)) for p, e in self._read(
                "SELECT page, entity_id FROM entities WHERE gazetteer_id IN (SELECT value FROM json_each(?))",
                [json.dumps(ids)])}

        return match_entities(name, by_key, same_places)

    def _spellings(self, name: str) -> list[str]:
        """The store's spellings of the entities `name` names (for search's variants)."""
        return store_spellings(name, lambda typed: self._matches(typed, None), self._packed_mentions)

    def _packed_mentions(self, refs: list[EntityRef]) -> list[str | None]:
        return [r[0] for r in self._read("SELECT e.mentions FROM json_each(?) j JOIN entities e "
                                         "ON e.page = j.value ->> 0 AND e.entity_id = j.value ->> 1",
                                         [json.dumps(refs)])]

    def _linked(self, refs: list[EntityRef]) -> list[EntityRef]:
        """`refs` and every page entity linked to the same corpus entity (`newsdesk link`): the name's
        entity across pages, counted as `/entities` and the corpus entity count it."""
        if not refs:
            return refs
        more = self._read("SELECT l.page, l.entity_id FROM entity_links l WHERE l.corpus_id IN (SELECT m.corpus_id "
                          "FROM json_each(?) j JOIN entity_links m ON m.page = j.value ->> 0 "
                          "AND m.entity_id = j.value ->> 1)", [json.dumps(refs)])
        return sorted({*refs, *((int(p), str(e)) for p, e in more)})

    def _pages_named(self, name: str, kind: str | None, linked: bool = True) -> set[int]:
        """The pages of a name facet, with those of its corpus entities unless not `linked` (as `_name_facet`)."""
        refs = self._matches(name, kind)
        return {pk for pk, _ in (self._linked(refs) if linked else refs)}

    def entity(self, name: str, limit: int = 100) -> list[EntitySighting]:
        if limit < 1:
            raise StoreError("ND-E021", f"limit must be at least 1, not {limit}")
        matched = self._linked(self._matches(name, None))
        sightings: list[EntitySighting] = []
        rows = self._read(
            "SELECT p.id, p.title, p.date, e.entity_id, e.label, e.type, e.lat, e.lon, e.gazetteer_id, e.mentions "
            "FROM json_each(?) j JOIN entities e ON e.page = j.value ->> 0 AND e.entity_id = j.value ->> 1 "
            "JOIN pages p ON p.pk = e.page ORDER BY p.date IS NULL, p.date DESC, p.pk LIMIT ?",
            [json.dumps(matched), limit])
        for page_id, title, date, entity_id, label, kind, lat, lon, gid, packed in rows:
            sightings.append(EntitySighting(page_id, title, date, entity_id, label, kind, unpacked_mentions(packed),
                                            lat, lon, gid))
        return sightings

    def places(self) -> Iterator[PlaceSummary]:
        rows = self._read(
            "SELECT coalesce(e.gazetteer_id, 'label:' || lower(e.label)) AS key, e.label, e.lat, e.lon, e.country, "
            "e.gazetteer_id, p.id, p.pk, e.mentions FROM entities e JOIN pages p ON p.pk = e.page "
            "WHERE e.type = 'PLACE' AND e.lat IS NOT NULL ORDER BY key, p.pk")
        # A place's mentions page by page, each page's in text order (two entities of a page may share a key).
        current: list[tuple[Any, ...]] = []
        for *row, pk, packed in rows:
            if current and row[0] != current[0][1][0]:
                yield _place([r for _, r in sorted(current, key=lambda c: c[0])])
                current = []
            current.extend(((pk, s, e), (*row, s, e, t)) for s, e, t in unpacked_mentions(packed))
        if current:
            yield _place([r for _, r in sorted(current, key=lambda c: c[0])])

    def failures(self, limit: int = 1000) -> list[StoredFailure]:
        return [StoredFailure(*row) for row in
                self._read("SELECT source, error, code, at FROM failures ORDER BY at DESC, source LIMIT ?", (limit,))]

    def status(self) -> StoreStatus:
        def count(table: str) -> int:
            return int(self._read(f"SELECT count(*) FROM {table}")[0][0])

        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return StoreStatus(self.engine, self.location, SCHEMA_VERSION, count("pages"), count("page_sources"),
                           count("failures"), count("entities"),
                           int(self._read("SELECT coalesce(sum(mention_count), 0) FROM entities")[0][0]), size)

    def close(self) -> None:
        # SQLite's advice: keeps the planner's statistics current. A store that cannot be optimised now
        # (locked, full) is still closed.
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA optimize")
        self.db.close()

    # Browsing (serve)
    def _kept(self, query: SearchQuery, *, dates: bool = True) -> tuple[str, list[Any]]:
        """The pages a browse query keeps, as a condition on `p` (pages) and its parameters: the text as
        search reads it, every facet, and (with `dates`) the page date; "" when every page is kept."""
        if len(query.text) > MAX_QUERY_CHARS:
            raise StoreError("ND-E021", f"search query of {len(query.text)} characters: at most "
                                        f"{MAX_QUERY_CHARS} are allowed")
        where: list[str] = []
        params: list[Any] = []
        terms = fts_terms(query.text)
        if terms:
            where.append("p.pk IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?)")
            params.append(terms)
        for name, kind in ((query.entity, None), (query.place, "PLACE")):
            if name is not None:
                where.append("p.pk IN (SELECT value FROM json_each(?))")
                params.append(json.dumps(sorted(self._pages_named(name, kind, linked=not query.exact))))
        if query.origin is not None:
            where.append("EXISTS (SELECT 1 FROM stories s WHERE s.page = p.pk AND s.origin = ? COLLATE NOCASE)")
            params.append(query.origin.strip())
        if dates and query.date_from is not None:
            where.append("p.date >= ?")
            params.append(query.date_from.isoformat())
        if dates and query.date_to is not None:
            where.append("p.date <= ?")
            params.append(query.date_to.isoformat())
        return " AND ".join(where), params

    def _summaries(self, where: str, params: Sequence[Any], limit: int | None, rows: str = "",
                   row_params: Sequence[Any] = ()) -> list[EntitySummary]:
        """The entities (`ENTITY_ROWS`' keys) that have a page entity meeting `where` (on `g`), each counted
        over all its page entities; `rows` narrows the page entities read first (an index-led condition)."""
        picked = f"WHERE g.key IN (SELECT key FROM g WHERE {where})" if where != "1" else ""
        # The label of a key is the one with most mentions on a page (ties: the greatest in code point order).
        found = self._read(
            f"WITH g AS ({ENTITY_ROWS} {'WHERE ' + rows if rows else ''}) "
            "SELECT g.key, substr(max(printf('%010d', g.mention_count) || g.key_label), 11), min(g.key_type), "
            f"count(DISTINCT g.page), sum(g.mention_count) AS mentions FROM g {picked} GROUP BY g.key "
            f"ORDER BY mentions DESC, g.key {'LIMIT ?' if limit else ''}",
            [*row_params, *params, *([limit] if limit else [])])
        return [EntitySummary(key, label, kind, int(pages), int(mentions))
                for key, label, kind, pages, mentions in found]

    def entities(self, query: str | None = None, type: str | None = None, limit: int = 50) -> list[EntitySummary]:
        check_limit(limit)
        where: list[str] = ["1"]
        params: list[Any] = []
        if type is not None:
            where.append("g.key_type = ?")
            params.append(type)
        if query is not None:
            matched = self._matches(query, type)
            written = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("(g.label LIKE ? ESCAPE '\\' OR g.label LIKE ? ESCAPE '\\' OR (g.page, g.entity_id) IN "
                         "(SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?) j))")
            params.extend([written + "%", "% " + written + "%", json.dumps(matched)])
        return self._summaries(" AND ".join(where), params, limit)

    def entity_by_key(self, key: str, limit: int = 100) -> tuple[EntitySummary, list[EntitySighting]]:
        check_limit(limit)
        named = entity_key_label(key)
        # The page entities that may have the key, found through the indexes: those written so, and those
        # linked to a corpus entity of that name or gazetteer id.
        if named:
            rows = ("(e.page, e.entity_id) IN (SELECT page, entity_id FROM entities WHERE type = ? AND label = ? "
                    "UNION SELECT l.page, l.entity_id FROM corpus_entities c JOIN entity_links l ON l.corpus_id = c.id "
                    "WHERE c.type = ? AND c.label = ?)")
            row_params = [*named, *named]
        else:
            rows = ("(e.page, e.entity_id) IN (SELECT page, entity_id FROM entities WHERE gazetteer_id = ? "
                    "UNION SELECT l.page, l.entity_id FROM corpus_entities c JOIN entity_links l ON l.corpus_id = c.id "
                    "WHERE c.gazetteer_id = ?)")
            row_params = [key, key]
        summaries = self._summaries("g.key = ?", [key], None, rows, row_params)
        if not summaries:
            raise StoreError("ND-E022", f"no entity {key!r} in store {self.location}")
        found = self._read(
            f"WITH g AS ({ENTITY_ROWS} WHERE {rows}) "
            "SELECT p.id, p.title, p.date, g.entity_id, g.label, g.type, g.lat, g.lon, g.gazetteer_id, g.mentions "
            "FROM g JOIN pages p ON p.pk = g.page WHERE g.key = ? "
            "ORDER BY p.date IS NULL, p.date DESC, p.pk LIMIT ?", [*row_params, key, limit])
        sightings = [EntitySighting(page_id, title, date, entity_id, label, kind, unpacked_mentions(packed), lat, lon,
                                    gid)
                     for page_id, title, date, entity_id, label, kind, lat, lon, gid, packed in found]
        return summaries[0], sightings

    def place_counts(self, query: SearchQuery, limit: int = 1000) -> list[PlaceCount]:
        check_limit(limit)
        kept, params = self._kept(query)
        pages = f"JOIN pages p ON p.pk = e.page AND {kept}" if kept else ""
        # Label and point of a key: those of its row with most mentions (a street's point is its town's,
        # which may differ between pages).
        rows = self._read(
            "SELECT coalesce(e.gazetteer_id, 'label:' || lower(e.label)) AS key, "
            "max(printf('%010d|%.7f|%.7f|', e.mention_count, e.lat, e.lon) || e.label), min(e.country), "
            "min(e.gazetteer_id), count(DISTINCT e.page), sum(e.mention_count) AS mentions "
            f"FROM entities e {pages} WHERE e.type = 'PLACE' AND e.lat IS NOT NULL "
            "GROUP BY key ORDER BY mentions DESC, key LIMIT ?", [*params, limit])
        places = []
        for key, best, country, gid, count, mentions in rows:
            _, lat, lon, label = best.split("|", 3)
            places.append(PlaceCount(key, label, float(lat), float(lon), country, gid, int(count), int(mentions)))
        return places

    def timeline(self, query: SearchQuery) -> list[TimelineDay]:
        kept, params = self._kept(query, dates=False)
        days: list[str] = ["day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"]
        bounds: list[Any] = []
        if query.date_from is not None:
            days.append("day >= ?")
            bounds.append(query.date_from.isoformat())
        if query.date_to is not None:
            days.append("day <= ?")
            bounds.append(query.date_to.isoformat())
        rows = self._read(
            f"WITH kept AS (SELECT p.pk, p.date FROM pages p {'WHERE ' + kept if kept else ''}) "
            "SELECT day, sum(pages), sum(events), sum(claims) FROM ("
            " SELECT date AS day, count(*) AS pages, 0 AS events, 0 AS claims FROM kept GROUP BY date"
            " UNION ALL SELECT v.event_date, 0, count(*), 0 FROM events v JOIN kept ON kept.pk = v.page "
            "GROUP BY v.event_date"
            " UNION ALL SELECT kept.date, 0, 0, count(*) FROM claims c JOIN kept ON kept.pk = c.page GROUP BY kept.date"
            f") WHERE {' AND '.join(days)} GROUP BY day ORDER BY day", [*params, *bounds])
        return [TimelineDay(day, int(pages), int(events), int(claims)) for day, pages, events, claims in rows]

    def claims(self, query: SearchQuery, limit: int = 100) -> list[StoredClaim]:
        check_limit(limit)
        kept, params = self._kept(query)
        rows = self._read(
            "SELECT p.pk, p.id, p.title, p.date, c.claim_id, c.start_pos, c.end_pos, c.low, c.high, c.per, c.unit, "
            "c.kind, c.speaker, c.speaker_text, (SELECT label FROM entities s WHERE s.page = c.page "
            "AND s.entity_id = c.speaker), c.about, c.same_as FROM pages p JOIN claims c ON c.page = p.pk "
            # Undated pages last: SQLite sorts NULL first, so last when descending, and walks the date index.
            f"{'WHERE ' + kept if kept else ''} ORDER BY p.date DESC, p.pk DESC, c.start_pos LIMIT ?", [*params, limit])
        pks = sorted({row[0] for row in rows})
        texts = dict(self._read(f"SELECT pk, body FROM page_text WHERE pk IN ({','.join('?' * len(pks))})", pks)
                     ) if pks else {}
        return claim_rows(rows, texts)

    def generation(self) -> tuple[int, int]:
        pages, greatest = self._read("SELECT count(*), coalesce(max(pk), 0) FROM pages")[0]
        return int(pages), int(greatest)


    # Links (issue 8)
    _LINK_PAGE = ("SELECT p.pk, p.id, p.source, p.url, p.date, a.text, a.analysis FROM {} "
                  "JOIN page_analyses a ON a.pk = p.pk")

    def link_state(self) -> dict[str, bytes]:
        return {str(k): bytes(v) for k, v in self._read("SELECT key, value FROM link_state")}

    def unlinked(self, after: int, limit: int) -> list[LinkPage]:
        rows = self._read(self._LINK_PAGE.format("pages p") + " WHERE p.pk > ? ORDER BY p.pk LIMIT ?", (after, limit))
        return [LinkPage(int(pk), i, src, url, date, _analysis(kept, text))
                for pk, i, src, url, date, text, kept in rows]

    def link_pages(self, page_ids: Iterable[str]) -> dict[str, LinkPage]:
        rows = self._read(self._LINK_PAGE.format("json_each(?) j JOIN pages p ON p.id = j.value"),
                          (json.dumps(sorted(set(page_ids))),))
        return {i: LinkPage(int(pk), i, src, url, date, _analysis(kept, text))
                for pk, i, src, url, date, text, kept in rows}

    def reuse_spans(self, page_ids: Iterable[str]) -> list[tuple[str, int, int, int]]:
        rows = self._read(
            "WITH w AS (SELECT p.pk, p.id FROM json_each(?) j JOIN pages p ON p.id = j.value) "
            "SELECT w.id, r.start_pos, r.end_pos, r.copy_cluster FROM w JOIN reuse_passages r ON r.page = w.pk "
            "UNION ALL SELECT w.id, r.source_start, r.source_end, r.copy_cluster FROM w "
            "JOIN reuse_passages r ON r.source = w.pk", (json.dumps(sorted(set(page_ids))),))
        return [(str(i), int(s), int(e), int(c)) for i, s, e, c in rows]

    def save_links(self, batch: LinkBatch) -> None:
        with self._writing(lambda why: f"store {self.path}: the links of pages up to key {batch.watermark} were "
                                        f"not written ({why}); links written before are kept"):
            ids = {r.page_id for r in batch.passages} | {r.source_id for r in batch.passages}
            ids |= {page for page, _, _ in batch.entity_links} | {page for page, _, _ in batch.members}
            pk = dict(self.db.execute("SELECT p.id, p.pk FROM json_each(?) j JOIN pages p ON p.id = j.value",
                                      (json.dumps(sorted(ids)),)).fetchall())
            if ids - set(pk):
                raise StoreError("ND-E023", f"store {self.path}: links name pages that are not stored: "
                                            f"{sorted(ids - set(pk))[:3]}")
            # A passage is stored once, in either orientation: re-deciding its direction replaces the reverse row.
            self.db.executemany(
                "DELETE FROM reuse_passages WHERE page = ? AND start_pos = ? AND source = ? AND source_start = ?",
                [(pk[r.source_id], r.source_start, pk[r.page_id], r.start) for r in batch.passages])
            self.db.executemany(
                "INSERT OR REPLACE INTO reuse_passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(pk[r.page_id], r.start, r.end, pk[r.source_id], r.source_start, r.source_end, int(r.copied),
                  r.similarity, json.dumps(list(r.clues), ensure_ascii=False), r.copy_cluster)
                 for r in batch.passages])
            self.db.executemany("UPDATE reuse_passages SET copy_cluster = ? WHERE copy_cluster = ?",
                                [(to, old) for old, to in batch.merges])
            self.db.executemany("INSERT OR REPLACE INTO corpus_entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [(e.id, e.label, e.type, e.pages, e.mentions, e.first_seen, e.last_seen,
                                  e.gazetteer_id) for e in batch.entities])
            self.db.executemany("INSERT OR REPLACE INTO entity_links VALUES (?, ?, ?)",
                                [(pk[page], local, corpus) for page, local, corpus in batch.entity_links])
            if batch.all_clusters:
                self.db.execute("DELETE FROM event_clusters")
            self.db.executemany("INSERT OR REPLACE INTO event_clusters VALUES (?, ?, ?, ?, ?, ?)",
                                [(c.id, c.title, c.first, c.last, c.size, c.topic) for c in batch.clusters])
            self.db.executemany("INSERT OR REPLACE INTO event_members VALUES (?, ?, ?)",
                                [(pk[page], story, cluster) for page, story, cluster in batch.members])
            self.db.executemany("INSERT OR REPLACE INTO link_state VALUES (?, ?)",
                                [*batch.states, ("watermark", str(batch.watermark).encode())])

    def reuse(self, page_id: str) -> list[ReusePassage]:
        page = self.page(page_id)
        [(pk,)] = self._read("SELECT pk FROM pages WHERE id = ?", (page.id,))
        rows = self._read(
            "SELECT 1, r.copied, r.start_pos, r.end_pos, o.id, o.title, o.date, o.origins, o.url, r.source_start, "
            "r.source_end, r.similarity, r.clues, r.copy_cluster FROM reuse_passages r JOIN pages o ON o.pk = r.source "
            "WHERE r.page = ? UNION ALL "
            "SELECT 0, r.copied, r.source_start, r.source_end, o.id, o.title, o.date, o.origins, o.url, r.start_pos, "
            "r.end_pos, r.similarity, r.clues, r.copy_cluster FROM reuse_passages r JOIN pages o ON o.pk = r.page "
            "WHERE r.source = ?", (pk, pk))
        return reuse_passages(page.id, rows, page.analysis.get("text", ""))

    def events(self, limit: int = 50, query: str | None = None) -> list[EventClusterSummary]:
        check_limit(limit)
        words = (query or "").split()
        where = ("WHERE " + " AND ".join("c.title LIKE ?" for _ in words)) if words else ""
        clusters = self._read(f"SELECT id, title, first_date, last_date, size, topic FROM event_clusters c {where} "
                              "ORDER BY last_date IS NULL, last_date DESC, CAST(substr(id, 3) AS INTEGER) DESC LIMIT ?",
                              [*(f"%{w}%" for w in words), limit])
        members: dict[str, list[tuple[str, str, str | None]]] = {}
        for cluster, page_id, title, date in self._read(
                "SELECT DISTINCT m.cluster_id, p.id, p.title, p.date FROM json_each(?) j "
                "JOIN event_members m ON m.cluster_id = j.value JOIN pages p ON p.pk = m.page "
                "ORDER BY p.date IS NULL, p.date DESC, p.pk DESC", (json.dumps([c[0] for c in clusters]),)):
            members.setdefault(cluster, []).append((page_id, title, date))
        stories: dict[str, list[ClusterStory]] = {}
        for row in self._read(
                "SELECT m.cluster_id, p.id, s.idx, s.start_pos, s.end_pos, s.title, s.origin, "
                "COALESCE(s.dateline_date, p.date) FROM json_each(?) j "
                "JOIN event_members m ON m.cluster_id = j.value JOIN pages p ON p.pk = m.page "
                "JOIN stories s ON s.page = m.page AND s.idx = m.story "
                "ORDER BY p.date IS NULL, p.date DESC, p.pk DESC, s.idx", (json.dumps([c[0] for c in clusters]),)):
            stories.setdefault(row[0], []).append(ClusterStory(*row[1:]))
        return [EventClusterSummary(i, t, f, last, int(n), topic, tuple(members.get(i, ())), tuple(stories.get(i, ())))
                for i, t, f, last, n, topic in clusters]

    def corpus_entities(self, name: str, limit: int = 20) -> list[CorpusEntityRow]:
        check_limit(limit)
        rows = self._read(
            # Pages and mentions counted from the links as they are now, as `/entities` counts them (the
            # linker's own tallies are of the pages as it saw them).
            "SELECT c.id, c.label, c.type, count(DISTINCT l.page), sum(e.mention_count) AS mentions, c.first_seen, "
            "c.last_seen, c.gazetteer_id FROM corpus_entities c JOIN entity_links l ON l.corpus_id = c.id "
            "JOIN entities e ON e.page = l.page AND e.entity_id = l.entity_id "
            "WHERE c.id IN (SELECT l.corpus_id FROM json_each(?) j JOIN entity_links l "
            "ON l.page = j.value ->> 0 AND l.entity_id = j.value ->> 1) GROUP BY c.id ORDER BY mentions DESC, c.id "
            "LIMIT ?",
            (json.dumps(self._matches(name, None)), limit))
        return [CorpusEntityRow(*row) for row in rows]

    def page_links(self, page_ids: Iterable[str]) -> dict[str, PageLinks]:
        wanted = json.dumps(sorted(set(page_ids)))
        counts: dict[str, list[int]] = {}
        clusters: dict[str, set[int]] = {}
        for page_id, side, copied, cluster in self._read(
                "WITH w AS (SELECT p.pk, p.id FROM json_each(?) j JOIN pages p ON p.id = j.value) "
                "SELECT w.id, 0, r.copied, r.copy_cluster FROM w JOIN reuse_passages r ON r.page = w.pk UNION ALL "
                "SELECT w.id, 1, r.copied, r.copy_cluster FROM w JOIN reuse_passages r ON r.source = w.pk",
                (wanted,)):
            tally = counts.setdefault(page_id, [0, 0, 0])
            tally[int(side) if copied else 2] += 1
            clusters.setdefault(page_id, set()).add(int(cluster))
        events: dict[str, list[str]] = {}
        for page_id, cluster in self._read(
                "SELECT p.id, m.cluster_id FROM json_each(?) j JOIN pages p ON p.id = j.value "
                "JOIN event_members m ON m.page = p.pk ORDER BY m.story", (wanted,)):
            if cluster not in events.setdefault(page_id, []):
                events[page_id].append(cluster)
        out: dict[str, PageLinks] = {}
        for page_id in counts.keys() | events.keys():
            copied_from, copied_by, unknown = counts.get(page_id, [0, 0, 0])
            out[page_id] = PageLinks(copied_from, copied_by, unknown, tuple(sorted(clusters.get(page_id, ()))),
                                     tuple(events.get(page_id, ())))
        return out


def _place(rows: list[tuple[Any, ...]]) -> PlaceSummary:
    labels: dict[str, int] = {}
    for row in rows:
        labels[row[1]] = labels.get(row[1], 0) + 1
    key, _, lat, lon, country, gid = rows[0][:6]
    return PlaceSummary(key=key, label=max(labels, key=lambda k: labels[k]), lat=lat, lon=lon, country=country,
                        gazetteer_id=gid, pages=len({r[6] for r in rows}),
                        mentions=tuple((r[6], r[7], r[8], r[9]) for r in rows))


def _analysis(kept: bytes | str, text: str) -> dict[str, Any]:
    """A kept analysis read back whole: compressed JSON, or plain JSON in a store migrated from schema 1."""
    loaded: dict[str, Any] = orjson.loads(zlib.decompress(kept) if isinstance(kept, bytes) else kept)
    loaded["text"] = text
    return loaded


def _explain(exc: sqlite3.Error) -> str:
    """SQLite's message, with what it means for the user where it is cryptic."""
    message = str(exc)
    if "locked" in message or "busy" in message:
        return f"{message}: another process is writing to it (another ingest?); try again when it is done"
    if "full" in message:
        return f"{message}: free some disk space and run the same command again to resume"
    if "not a database" in message:
        return f"{message}: the file is not a SQLite database"
    return message

