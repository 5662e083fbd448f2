"""The embedded engine: one SQLite file, WAL journal, FTS5 full text.

Why SQLite: a desk of one analyst needs no server, and SQLite's WAL mode lets searches run while an
ingest writes; FTS5 ranks with BM25 and cuts snippets itself. Every write is one transaction, so a
killed ingest leaves whole pages or none.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.model import Analysis
from newsdesk.store import (
    MARK_CLOSE,
    MARK_OPEN,
    SCHEMA_VERSION,
    EntitySighting,
    Failed,
    PlaceSummary,
    SearchHit,
    SearchQuery,
    Store,
    StoredFailure,
    StoredPage,
    StoreStatus,
    content_hash,
    iso_now,
    page_id_of,
)
from newsdesk.store.query import EntityRef, fts_terms, marks_of, match_entities
from newsdesk.store.rows import COLUMNS, page_rows

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
}

#: How long a writer waits for another process's lock before saying the store is busy.
BUSY_TIMEOUT_MS = 10_000
#: A query longer than this is refused: no reader types it, and it would only cost time.
MAX_QUERY_CHARS = 1_000
SNIPPET_TOKENS = 24
#: Below this many rows a facet's own index leads the search; above it, the pages' date order does.
RARE_FACET_ROWS = 2_000


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
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash loses no committed page
            self.db.execute("PRAGMA foreign_keys = ON")
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
        ids: list[str] = []
        facets: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for analysis in analyses:
                    ids.append(self._add_page(analysis, now, facets))
                # One executemany a table for the whole batch: per-page calls cost more than the rows.
                for table, columns in COLUMNS.items():
                    if facets[table]:
                        marks = ",".join("?" * (len(columns) + 1))
                        self.db.executemany(f"INSERT INTO {table} (page, {', '.join(columns)}) VALUES ({marks})",
                                            facets[table])
                for failure in failures:
                    info = failure.to_json()
                    self.db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                                    (failure.source, info.get("error", ""), info.get("code", ""), now))
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError("ND-E023", f"store {self.path}: the batch of {len(analyses)} pages was not written "
                                        f"({_explain(exc)}); pages written before it are kept") from exc
        return ids

    def _add_page(self, analysis: Analysis, now: str, facets: dict[str, list[tuple[Any, ...]]]) -> str:
        """Write the page row and its text; its facet rows go to `facets`, written once per batch."""
        digest = content_hash(analysis.page)
        page_id = page_id_of(digest)
        page = analysis.page
        self.db.execute("DELETE FROM failures WHERE source = ?", (page.source,))
        row = self.db.execute("SELECT pk FROM pages WHERE content_hash = ?", (digest,)).fetchone()
        if row is not None:  # the same text from another source: one page, one more source
            self.db.execute("INSERT OR IGNORE INTO page_sources VALUES (?, ?, ?, ?)",
                            (row[0], page.source, page.url, now))
            return page_id
        rows = page_rows(analysis, digest, page_id)
        pk = self.db.execute(
            "INSERT INTO pages (id, content_hash, source, url, title, date, origins, ingested_at, analysis) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (page_id, digest, rows.source, rows.url, rows.title, rows.date, json.dumps(list(rows.origins)), now,
             rows.analysis_json)).lastrowid
        self.db.execute("INSERT INTO page_sources VALUES (?, ?, ?, ?)", (pk, page.source, page.url, now))
        self.db.execute("INSERT INTO pages_fts (rowid, title, body) VALUES (?, ?, ?)", (pk, rows.title, rows.text))
        for table, values in rows.facets.items():
            facets[table].extend((pk, *v) for v in values)
        return page_id

    # -- reads
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError("ND-E020", f"store {self.path}: cannot be read: {_explain(exc)}") from exc

    _PAGE_COLUMNS = "pk, id, content_hash, source, url, title, date, origins, ingested_at, analysis"

    def _stored(self, row: tuple[Any, ...]) -> StoredPage:
        pk, page_id, digest, source, url, title, date, origins, at, analysis = row
        sources = tuple(r[0] for r in self._read("SELECT source FROM page_sources WHERE page = ? ORDER BY seen_at, "
                                                 "rowid", (pk,)))
        return StoredPage(page_id, digest, source, url, title, date, tuple(json.loads(origins)), at,
                          json.loads(analysis), sources or (source,))

    def page(self, page_id: str) -> StoredPage:
        wanted = page_id.strip().lower()
        if len(wanted) < 6 or any(c not in "0123456789abcdef" for c in wanted):
            raise StoreError("ND-E021", f"page id {page_id!r}: a page id is 6 to 16 hex digits "
                                        "(as `newsdesk search` prints them)")
        rows = self._read(f"SELECT {self._PAGE_COLUMNS} FROM pages WHERE id >= ? AND id < ? LIMIT 2",
                          (wanted, wanted + "g"))
        if not rows:
            raise StoreError("ND-E022", f"no page {page_id!r} in store {self.location}")
        if len(rows) > 1:
            raise StoreError("ND-E021", f"page id {page_id!r} is the start of several pages' ids: give more digits")
        return self._stored(rows[0])

    def pages(self, batch: int = 500) -> Iterator[StoredPage]:
        last = 0
        while True:
            rows = self._read(f"SELECT {self._PAGE_COLUMNS} FROM pages WHERE pk > ? ORDER BY pk LIMIT ?",
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
        where, params = self._facets(query)
        terms = fts_terms(query.text)
        # Rank first, cut snippets only for the hits kept: snippet() over every match of a common
        # word costs more than the ranking itself.
        if terms:
            sql = (f"SELECT p.pk, p.id, p.title, p.date, p.origins, p.source, bm25(pages_fts, 5.0, 1.0) AS score "
                   f"FROM pages_fts JOIN pages p ON p.pk = pages_fts.rowid "
                   f"WHERE pages_fts MATCH ? {''.join(' AND ' + w for w in where)} ORDER BY score LIMIT ?")
            rows = self._read(sql, [terms, *params, query.limit])
            snippet_sql = (f"SELECT snippet(pages_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}) "
                           f"FROM pages_fts WHERE pages_fts MATCH ? AND rowid = ?")
        else:
            # Newest first from the date index (NULL dates sort last when descending).
            sql = (f"SELECT p.pk, p.id, p.title, p.date, p.origins, p.source, 0.0 FROM pages p "
                   f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY p.date DESC, p.pk DESC LIMIT ?")
            rows = self._read(sql, [*params, query.limit])
            snippet_sql = "SELECT substr(body, 1, 200) FROM page_text WHERE pk = ?"
        hits = []
        for pk, page_id, title, date, origins, source, score in rows:
            found = self._read(snippet_sql, [terms, pk] if terms else [pk])
            snippet, marks = marks_of(found[0][0] if found else "")
            hits.append(SearchHit(page_id, title, date, tuple(json.loads(origins)), source, snippet, marks,
                                  -float(score)))
        return hits

    def _facets(self, query: SearchQuery) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for name, kind in ((query.entity, None), (query.place, "PLACE")):
            if name is None:
                continue
            pages = self._pages_named(name, kind)
            where.append("p.pk IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(pages)))
        if query.origin is not None:
            origin = query.origin.strip()
            stories = self._read("SELECT count(*) FROM stories WHERE origin = ? COLLATE NOCASE", [origin])[0][0]
            # A rare origin: start from its stories; a common one: walk the pages newest first and stop
            # at the limit. (Either plan alone takes a full scan on the other kind.)
            if stories <= RARE_FACET_ROWS:
                where.append("p.pk IN (SELECT page FROM stories WHERE origin = ? COLLATE NOCASE)")
            else:
                where.append("EXISTS (SELECT 1 FROM stories s WHERE s.page = p.pk AND s.origin = ? COLLATE NOCASE)")
            params.append(origin)
        if query.date_from is not None:
            where.append("p.date >= ?")
            params.append(query.date_from.isoformat())
        if query.date_to is not None:
            where.append("p.date <= ?")
            params.append(query.date_to.isoformat())
        return where, params

    def _matches(self, name: str, kind: str | None) -> list[EntityRef]:
        type_clause = "AND e.type = ?" if kind else ""

        def by_key(column: str, key: str) -> set[EntityRef]:
            return {(int(p), str(e)) for p, e in self._read(
                "SELECT DISTINCT n.page, n.entity_id FROM entity_names n JOIN entities e ON e.page = n.page "
                f"AND e.entity_id = n.entity_id WHERE n.{column} = ? {type_clause}", [key, *([kind] if kind else [])])}

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

    def _pages_named(self, name: str, kind: str | None) -> set[int]:
        return {pk for pk, _ in self._matches(name, kind)}

    def entity(self, name: str, limit: int = 100) -> list[EntitySighting]:
        if limit < 1:
            raise StoreError("ND-E021", f"limit must be at least 1, not {limit}")
        matched = self._matches(name, None)
        sightings: list[EntitySighting] = []
        rows = self._read(
            "SELECT p.id, p.title, p.date, e.entity_id, e.label, e.type, e.lat, e.lon, e.gazetteer_id, p.pk "
            "FROM json_each(?) j JOIN entities e ON e.page = j.value ->> 0 AND e.entity_id = j.value ->> 1 "
            "JOIN pages p ON p.pk = e.page ORDER BY p.date IS NULL, p.date DESC, p.pk LIMIT ?",
            [json.dumps(matched), limit])
        for page_id, title, date, entity_id, label, kind, lat, lon, gid, pk in rows:
            mentions = tuple((int(s), int(e), str(t)) for s, e, t in self._read(
                "SELECT start_pos, end_pos, text FROM mentions WHERE page = ? AND entity_id = ? ORDER BY start_pos",
                (pk, entity_id)))
            sightings.append(EntitySighting(page_id, title, date, entity_id, label, kind, mentions, lat, lon, gid))
        return sightings

    def places(self) -> Iterator[PlaceSummary]:
        rows = self._read(
            "SELECT coalesce(e.gazetteer_id, 'label:' || lower(e.label)) AS key, e.label, e.lat, e.lon, e.country, "
            "e.gazetteer_id, p.id, m.start_pos, m.end_pos, m.text FROM entities e JOIN pages p ON p.pk = e.page "
            "JOIN mentions m ON m.page = e.page AND m.entity_id = e.entity_id "
            "WHERE e.type = 'PLACE' AND e.lat IS NOT NULL ORDER BY key, p.pk, m.start_pos")
        current: list[tuple[Any, ...]] = []
        for row in rows:
            if current and row[0] != current[0][0]:
                yield _place(current)
                current = []
            current.append(row)
        if current:
            yield _place(current)

    def failures(self, limit: int = 1000) -> list[StoredFailure]:
        return [StoredFailure(*row) for row in
                self._read("SELECT source, error, code, at FROM failures ORDER BY at DESC, source LIMIT ?", (limit,))]

    def status(self) -> StoreStatus:
        def count(table: str) -> int:
            return int(self._read(f"SELECT count(*) FROM {table}")[0][0])

        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return StoreStatus(self.engine, self.location, SCHEMA_VERSION, count("pages"), count("page_sources"),
                           count("failures"), count("entities"), count("mentions"), size)

    def close(self) -> None:
        # SQLite's advice: keeps the planner's statistics current. A store that cannot be optimised now
        # (locked, full) is still closed.
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA optimize")
        self.db.close()


def _place(rows: list[tuple[Any, ...]]) -> PlaceSummary:
    labels: dict[str, int] = {}
    for row in rows:
        labels[row[1]] = labels.get(row[1], 0) + 1
    key, _, lat, lon, country, gid = rows[0][:6]
    return PlaceSummary(key=key, label=max(labels, key=lambda k: labels[k]), lat=lat, lon=lon, country=country,
                        gazetteer_id=gid, pages=len({r[6] for r in rows}),
                        mentions=tuple((r[6], r[7], r[8], r[9]) for r in rows))


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
