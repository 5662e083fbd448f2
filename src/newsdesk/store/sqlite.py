"""The embedded engine: one SQLite file, WAL journal, FTS5 full text.

Why SQLite: a desk of one analyst needs no server, and SQLite's WAL mode lets searches run while an
ingest writes; FTS5 ranks with BM25 and cuts snippets itself. Every write is one transaction, so a
killed ingest leaves whole pages or none.

The queries are `sql.SQLStore`'s; this module says how SQLite differs: lists passed as JSON
(`json_each`), the analysis JSON kept compressed beside its text (`page_analyses`), rows written with
executemany, and search with FTS5.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import orjson

from newsdesk.errors import StoreError
from newsdesk.store import SearchHit, SearchQuery, stored_origins
from newsdesk.store.browse import BrowseQueries
from newsdesk.store.links import LinkQueries
from newsdesk.store.migrations import pending
from newsdesk.store.query import (
    MARK_CLOSE,
    MARK_OPEN,
    EntityRef,
    check_query_length,
    expand_with_variants,
    facet_snippet,
    fts_terms,
    marks_of,
    matched_variants,
)
from newsdesk.store.rows import PageRows
from newsdesk.store.sql import Dialect

T = TypeVar("T")

#: How long a writer waits for another process's lock before saying the store is busy.
BUSY_TIMEOUT_MS = 10_000
SNIPPET_TOKENS = 24
#: zlib's level for kept analyses: 1 compresses JSON about 6:1 at ~100 MB/s; higher levels gain little.
ANALYSIS_ZLIB_LEVEL = 1
#: SQLite's page size for new stores (the default is 4 KiB): at 16 KiB a commit spent a third less CPU
#: (5,000 bench/corpus.py pages in batches of 250: 0.17 -> 0.11 ms a page in COMMIT).
PAGE_BYTES = 16_384
#: The page cache of a connection, in KiB.
CACHE_KIB = 64 * 1024
#: A text search ranks at most this many of its matches, the newest stored (see `_rank_floor`).
RANK_WINDOW = 5_000


class SQLiteDialect(Dialect):
    binary = ""  # BINARY, SQLite's default collation
    like = "LIKE"  # folds ASCII case

    def in_list(self, column: str, values: Sequence[Any], kind: str = "text") -> tuple[str, list[Any]]:
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]

    def refs(self, refs: Sequence[EntityRef], alias: str) -> tuple[str, list[Any]]:
        return (f"(SELECT value ->> 0 AS page, value ->> 1 AS entity_id FROM json_each(?)) AS {alias}",
                [json.dumps(list(refs))])

    def text_match(self, text: str) -> tuple[str, list[Any]] | None:
        terms = fts_terms(text)
        return ("p.pk IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?)", [terms]) if terms else None

    def same_origin(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"  # as stories_origin is indexed

    def iso_day(self, column: str) -> str:
        return f"{column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"

    def newest_first(self, column: str) -> str:
        # SQLite sorts NULL first, so last when descending, and walks the index backwards.
        return f"{column} DESC"

    def best_label(self, weight: str, label: str) -> str:
        return f"substr(max(printf('%010d', {weight}) || {label}), 11)"

    def best_place(self) -> str:
        return "max(printf('%010d|%.7f|%.7f|', e.mention_count, e.lat, e.lon) || e.label)"

    def place_point(self, values: Sequence[Any]) -> tuple[str, float, float]:
        _, lat, lon, label = str(values[0]).split("|", 3)
        return label, float(lat), float(lon)


class SQLiteStore(BrowseQueries, LinkQueries):
    engine = "sqlite"
    dialect: ClassVar[Dialect] = SQLiteDialect()
    page_tables: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "pages": ("pk", "id", "content_hash", "source", "url", "title", "date", "origins", "ingested_at"),
        "page_analyses": ("pk", "text", "analysis"),
        "pages_fts": ("rowid", "title", "body"),
    }
    analysis_columns = "a.analysis, a.text"
    analysis_join = "JOIN page_analyses a ON a.pk = p.pk"
    text_column = "a.text"
    source_order = "rowid"
    analysis_with_text = False

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
        version = 0
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
        # A transaction a step: a store killed between two is at the version of the last one committed.
        for step in pending(self.location, tables, version, "a SQLite file but not a newsdesk store"):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in step.sql(self.engine):
                    self.db.execute(statement)
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(step.version),))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    # -- the hooks of `SQLStore`
    def _in_write(self, work: Callable[[], T], failed: Callable[[str], str]) -> T:
        # BEGIN IMMEDIATE takes the write lock at once: writers queue there, not halfway through a batch.
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                result = work()
                self.db.execute("COMMIT")
                return result
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError("ND-E023", failed(_explain(exc))) from exc

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError("ND-E020", f"store {self.path}: cannot be read: {_explain(exc)}") from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def _insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
                                rows)

    def _new_keys(self, count: int) -> list[int]:
        # The write lock (BEGIN IMMEDIATE) makes max(pk) safe.
        first = int(self.db.execute("SELECT coalesce(max(pk), 0) FROM pages").fetchone()[0]) + 1
        return list(range(first, first + count))

    def _page_values(self, pk: int, rows: PageRows, now: str) -> dict[str, tuple[Any, ...]]:
        return {"pages": (pk, rows.id, rows.content_hash, rows.source, rows.url, rows.title, rows.date,
                          orjson.dumps(list(rows.origins)).decode(), now),
                "page_analyses": (pk, rows.text, zlib.compress(rows.analysis_json.encode(), ANALYSIS_ZLIB_LEVEL)),
                "pages_fts": (pk, rows.title, rows.text)}

    def _analysis(self, *kept: Any) -> dict[str, Any]:
        """A kept analysis read back whole: compressed JSON, or plain JSON in a store migrated from schema 1,
        with its text put back."""
        analysis, text = kept
        loaded: dict[str, Any] = orjson.loads(zlib.decompress(analysis) if isinstance(analysis, bytes) else analysis)
        loaded["text"] = text
        return loaded

    def _size_bytes(self) -> int | None:
        return sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())

    def close(self) -> None:
        # SQLite's advice: keeps the planner's statistics current. A store that cannot be optimised now
        # (locked, full) is still closed.
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA optimize")
        self.db.close()

    # -- search
    def search(self, query: SearchQuery) -> list[SearchHit]:
        check_query_length(query.text)
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
                condition, values = self.dialect.in_list("+pages_fts.rowid", sorted(lead))
                where, params = [condition, *where], [*values, *params]
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
                condition, values = self.dialect.in_list("p.pk", sorted(lead))
                where, params = [condition, *where], [*values, *params]
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
            hits.append(SearchHit(page_id, title, date, stored_origins(origins), source, snippet, marks_at,
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
