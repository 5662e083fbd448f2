"""The shared engine: a PostgreSQL database, for a desk of several analysts (psycopg 3).

Everything lives in one schema, `newsdesk`, so the store can share a database with other
applications; a `newsdesk` schema that holds tables but no `meta` table is refused, never written to.
The tables are those of `newsdesk.store.migrations`, with PostgreSQL's types:

- the analysis JSON is a `json` column, not `jsonb`: `json` keeps the text exactly as the pipeline
  wrote it (key order included, so `show --json` reads the same on both engines) and costs only a
  validation on write; the facets every query needs are tables already, and `analysis::jsonb` is
  there for an ad hoc query.
- full text is a `tsvector` generated from `pages_fts` (title weighted A, body B) with a GIN index,
  in a text search configuration `newsdesk.folded`: PostgreSQL's `simple` dictionary (no stemming
  and no stop words, as SQLite's `unicode61` tokenizer: a name is matched as written, in any
  language) with diacritics folded by the `unaccent` extension when the server has it ("Kyiv" finds
  "Kyïv"; without it, they are different words: `meta.diacritics` says which).
- PostgreSQL's parser keeps "U.S.", "3.5", "reuters.com" or "2022-05-22" as one token, where SQLite
  and the query (`newsdesk.store.query`) split at every non-word character; so the text is stored
  for search with a \\x01 on each side of every such character (`_searchable`), which the parser
  reads as a blank: both engines find the same words, and snippets come back with the \\x01 removed.

The queries are `sql.SQLStore`'s (written with `?`, turned into psycopg's `%s` here); this module says
how PostgreSQL differs: lists passed as arrays, rows written with COPY, search with tsvector and
ts_headline. Writes: one transaction per `add`; writers queue on an advisory lock (as SQLite's BEGIN
IMMEDIATE), readers never wait. A lost connection is reopened on the next call.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from newsdesk.errors import StoreError
from newsdesk.store import SearchHit, SearchQuery, stored_origins
from newsdesk.store.browse import BrowseQueries
from newsdesk.store.links import LinkQueries
from newsdesk.store.migrations import INDEXED_CHARS, PG_SCHEMA, TS_CONFIG, pending
from newsdesk.store.query import (
    MARK_CLOSE,
    MARK_OPEN,
    EntityRef,
    check_query_length,
    expand_with_variants,
    facet_snippet,
    fold,
    marks_of,
    matched_variants,
    query_parts,
    tsquery_terms,
)
from newsdesk.store.rows import PageRows
from newsdesk.store.sql import Dialect

T = TypeVar("T")

#: The schema every table lives in.
SCHEMA = PG_SCHEMA
#: Writers (and migrations) of one database queue on this advisory lock ("newsdesk" in ASCII).
WRITE_LOCK = 0x6E65777364657368
#: How long a connection attempt waits for the server, unless the URL says (`connect_timeout=`).
CONNECT_TIMEOUT_S = 10
#: Snippets: up to this many words around the best match, as SQLite's `snippet(…, 24)`.
SNIPPET_WORDS = 24
#: Rank weights of ts_rank_cd for D, C, B (body) and A (title): a title match counts five times a
#: body match, as SQLite's bm25(5.0, 1.0).
RANK_WEIGHTS = [0.0, 0.0, 0.2, 1.0]
#: A snippet that ends this many characters or fewer before the text does, with no word in them, is
#: shown to the text's end (and so at its start).
EDGE = 200
#: The token types of `newsdesk.folded` that can hold letters with diacritics.
_LETTER_TOKENS = "word, hword, hword_part, numword, numhword, hword_numpart"

#: A character PostgreSQL's parser must not see: the blank put around each non-word character.
_BLANK = "\x01"
_NON_WORD = re.compile(r"[^\w \t\n\r\f\v]|_")
_WORD = re.compile(r"[^\W_]")


def _searchable(text: str) -> str:
    """The text as the full text reads it: \\x01 on each side of every character that is not a letter,
    digit or ASCII white space, so PostgreSQL's parser splits words where SQLite's tokenizer and
    the query do ("U.S." is "U" and "S"; "Kyiv’s" is "Kyiv" and "s"), whatever the database's locale."""
    return _NON_WORD.sub(f"{_BLANK}\\g<0>{_BLANK}", text)


@functools.lru_cache(maxsize=1024)
def _psycopg_sql(statement: str) -> str:
    """A statement written with `?` placeholders (as every statement of the store is), in psycopg's
    `%s` style: a `%` of the statement itself doubled."""
    return statement.replace("%", "%%").replace("?", "%s")


class PostgresDialect(Dialect):
    binary = ' COLLATE "C"'
    like = "ILIKE"

    def in_list(self, column: str, values: Sequence[Any], kind: str = "text") -> tuple[str, list[Any]]:
        return f"{column} = ANY(?::{kind}[])", [list(values)]

    def refs(self, refs: Sequence[EntityRef], alias: str) -> tuple[str, list[Any]]:
        return f"unnest(?::bigint[], ?::text[]) AS {alias}(page, entity_id)", [[p for p, _ in refs],
                                                                                [e for _, e in refs]]

    def text_match(self, text: str) -> tuple[str, list[Any]] | None:
        terms = tsquery_terms(text)
        if not terms:
            return None
        return f"p.pk IN (SELECT page FROM pages_fts WHERE document @@ websearch_to_tsquery('{TS_CONFIG}', ?))", [terms]

    def same_origin(self, column: str) -> str:
        return f"lower({column}) = lower(?)"  # as stories_origin is indexed

    def iso_day(self, column: str) -> str:
        return f"{column} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$'"

    def newest_first(self, column: str) -> str:
        return f"{column} DESC NULLS LAST"

    def best_label(self, weight: str, label: str) -> str:
        return f'(array_agg({label} ORDER BY {weight} DESC, {label} COLLATE "C" DESC))[1]'

    def best_place(self) -> str:
        best = 'ORDER BY e.mention_count DESC, e.label COLLATE "C" DESC'
        return f"(array_agg(e.label {best}))[1], (array_agg(e.lat {best}))[1], (array_agg(e.lon {best}))[1]"

    def place_point(self, values: Sequence[Any]) -> tuple[str, float, float]:
        label, lat, lon = values
        return str(label), float(lat), float(lon)


class PostgresStore(BrowseQueries, LinkQueries):
    engine = "postgresql"
    dialect: ClassVar[Dialect] = PostgresDialect()
    page_tables: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "pages": ("pk", "id", "content_hash", "source", "url", "title", "date", "origins", "ingested_at", "analysis"),
        "pages_fts": ("page", "title", "body"),
    }
    analysis_columns = "p.analysis"
    analysis_join = ""
    text_column = "p.analysis ->> 'text'"
    source_order = "seq"
    analysis_with_text = True

    def __init__(self, url: str) -> None:
        self.location = public_url(url)  # the URL without its password: what messages show
        self._password = _password_of(url)
        self._closed = False
        #: Whether diacritics are folded in the full text (the `unaccent` extension was there).
        self.diacritics = "kept"
        try:
            params = conninfo_to_dict(url)
        except psycopg.Error as exc:
            raise StoreError("ND-E020", f"store {self.location}: not a valid PostgreSQL URL: "
                                        f"{self._explain(exc)}") from exc
        params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        params.setdefault("application_name", "newsdesk")
        self._conninfo = make_conninfo("", **params)
        self._db: psycopg.Connection[Any] | None = None
        #: The connection of the write transaction under way (`_in_write`), which its statements use.
        self._writer: psycopg.Connection[Any] | None = None
        db = self._connection()
        try:
            self._migrate(db)
        except psycopg.Error as exc:
            db.close()
            raise StoreError("ND-E020", f"store {self.location}: {self._explain(exc)}") from exc
        except BaseException:
            db.close()
            raise

    # -- connection
    def _connection(self) -> psycopg.Connection[Any]:
        """The open connection, reopened when it was lost (the server restarted, the network dropped)."""
        if self._closed:
            raise StoreError("ND-E020", f"store {self.location}: the store is closed")
        if self._db is not None and not self._db.closed and not self._db.broken:
            return self._db
        if self._db is not None:
            self._db.close()
            self._db = None
        try:
            # autocommit: a read is its own transaction; writes and migrations open theirs explicitly.
            db = psycopg.connect(self._conninfo, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError("ND-E020", f"store {self.location}: {self._explain(exc)}") from exc
        try:
            db.execute(f"SET search_path TO {SCHEMA}")
        except psycopg.Error as exc:
            db.close()
            raise StoreError("ND-E020", f"store {self.location}: {self._explain(exc)}") from exc
        self._db = db
        return db

    @staticmethod
    def _lost(db: psycopg.Connection[Any]) -> bool:
        return db.closed or db.broken

    def _explain(self, exc: BaseException) -> str:
        """psycopg's message on one line, the password taken out, with what to do where it is cryptic."""
        message = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or type(exc).__name__
        if self._password and len(self._password) >= 4:
            message = message.replace(self._password, "***")
        lower = message.lower()
        if "password authentication failed" in lower or "no password supplied" in lower:
            return f"{message}: check the user and password (in the URL, PGPASSWORD or ~/.pgpass)"
        if "database" in lower and "does not exist" in lower:
            return f"{message}: create it first (createdb), or fix the database name in the URL"
        if any(k in lower for k in ("connection refused", "no such file or directory", "could not translate host",
                                    "timeout expired", "could not connect", "server closed the connection",
                                    "terminating connection", "connection is lost", "the connection is closed",
                                    "consuming input failed", "sending query failed")):
            return f"{message}: is the PostgreSQL server running and reachable?"
        if "permission denied" in lower:
            return f"{message}: the user needs CREATE on the database (for schema {SCHEMA}) or rights on it"
        return message

    # -- schema
    def _migrate(self, db: psycopg.Connection[Any]) -> None:
        # One transaction for every step, under the writers' lock: of two first opens, one migrates.
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            tables = {row[0] for row in db.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", (SCHEMA,))}
            version = 0
            if "meta" in tables:
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
                version = int(meta.get("schema_version", 0))
                self.diacritics = meta.get("diacritics", "kept")
            not_ours = f"the database has a schema {SCHEMA!r} that is not a newsdesk store"
            for step in pending(self.location, tables, version, not_ours):
                for statement in step.sql(self.engine):
                    db.execute(statement)
                if step.version == 1:
                    self.diacritics = self._fold_diacritics(db)
                    db.execute("INSERT INTO meta VALUES ('diacritics', %s)", (self.diacritics,))
                db.execute("INSERT INTO meta VALUES ('schema_version', %s) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(step.version),))

    @staticmethod
    def _fold_diacritics(db: psycopg.Connection[Any]) -> str:
        """Add `unaccent` to the full text's configuration when the server has the extension and the
        user may create it (it is a trusted extension); 'unaccent', else 'kept'."""
        if db.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").fetchone() is None:
            return "kept"
        try:
            with db.transaction():  # a savepoint: a refusal leaves the migration going
                db.execute(f"CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA {SCHEMA}")
        except psycopg.Error:
            return "kept"
        row = db.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                         "WHERE e.extname = 'unaccent'").fetchone()
        if row is None:
            return "kept"
        db.execute(sql.SQL("ALTER TEXT SEARCH CONFIGURATION {} ALTER MAPPING FOR {} WITH {}.unaccent, simple").format(
            sql.SQL(TS_CONFIG), sql.SQL(_LETTER_TOKENS), sql.Identifier(row[0])))
        return "unaccent"

    # -- the hooks of `SQLStore`
    def _in_write(self, work: Callable[[], T], failed: Callable[[str], str]) -> T:
        for attempt in (1, 2):
            db = self._connection()
            begun = False
            try:
                with db.transaction():
                    db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))  # writers queue here
                    begun = True
                    self._writer = db
                    try:
                        return work()
                    finally:
                        self._writer = None
            except psycopg.Error as exc:
                lost = self._lost(db)
                if lost and not begun and attempt == 1:
                    continue  # the connection had died while idle (a server restart): nothing sent, once more
                why = self._explain(exc)
                if lost:
                    why = f"the connection to the server was lost: {why}"
                raise StoreError("ND-E023", failed(why)) from exc
        raise AssertionError("not reached")  # pragma: no cover

    def _writing(self) -> psycopg.Connection[Any]:
        """The write transaction's connection: never another one (a statement on a new connection would
        commit on its own, outside the transaction)."""
        if self._writer is None:
            raise AssertionError("a write statement outside _in_write")
        return self._writer

    def _read(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        for attempt in (1, 2):
            db = self._connection()
            try:
                return db.execute(_psycopg_sql(query), params).fetchall()
            except psycopg.Error as exc:
                if self._lost(db) and attempt == 1:
                    continue  # the connection had died (a server restart): once more on a new one
                raise StoreError("ND-E020", f"store {self.location}: cannot be read: {self._explain(exc)}") from exc
        raise AssertionError("not reached")  # pragma: no cover

    def _execute(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._writing().execute(_psycopg_sql(query), params)
        return cursor.fetchall() if cursor.description is not None else []

    def _executemany(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._writing().cursor() as cursor:
                cursor.executemany(_psycopg_sql(query), rows)

    def _insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns))
        with self._writing().cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def _new_keys(self, count: int) -> list[int]:
        if not count:
            return []
        return sorted(int(r[0]) for r in self._execute(
            "SELECT nextval(pg_get_serial_sequence('pages', 'pk')) FROM generate_series(1, ?)", (count,)))

    def _page_values(self, pk: int, rows: PageRows, now: str) -> dict[str, tuple[Any, ...]]:
        return {"pages": (pk, rows.id, rows.content_hash, rows.source, rows.url, rows.title, rows.date,
                          list(rows.origins), now, rows.analysis_json),
                "pages_fts": (pk, _searchable(rows.title), _searchable(rows.text))}

    def _analysis(self, *kept: Any) -> dict[str, Any]:
        analysis: dict[str, Any] = kept[0]  # psycopg reads a json column as Python objects
        return analysis

    def _size_bytes(self) -> int | None:
        [(size,)] = self._read("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                               "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? "
                               "AND c.relkind = 'r'", (SCHEMA,))
        return int(size)

    def close(self) -> None:
        self._closed = True
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- search
    def search(self, query: SearchQuery) -> list[SearchHit]:
        check_query_length(query.text)
        lead, where, params = self._facets(query)
        if lead is not None:
            condition, values = self.dialect.in_list("p.pk", sorted(lead), "bigint")
            where, params = [condition, *where], [*values, *params]
        text, typed_for = query.text, dict[str, str]()
        if query.text and not query.exact:
            text, typed_for = expand_with_variants(query.text, self._spellings)
        terms = tsquery_terms(text)
        facets = "".join(" AND " + w for w in where)
        if terms:
            options = (f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxFragments=1, MaxWords={SNIPPET_WORDS}, "
                       f"MinWords={SNIPPET_WORDS * 2 // 3}")
            # The best pages first (ranked in the inner query), then their snippets: ts_headline reads
            # the whole text, so only for the pages shown. ts_headline starts and ends at a word; what
            # is around it (`before`, `after`, up to EDGE characters) tells whether the snippet reaches
            # the start or end of the text, as SQLite's snippet does, or an ellipsis is due there.
            found = f"""
                SELECT p.id, p.title, p.date, p.origins, p.source, h.snippet,
                       CASE WHEN h.at BETWEEN 1 AND {EDGE} + 1 THEN left(f.body, h.at - 1) END AS before,
                       CASE WHEN h.at > 0 AND length(f.body) - (h.at - 1 + length(h.plain)) <= {EDGE}
                            THEN substr(f.body, h.at + length(h.plain)) END AS after,
                       hit.score
                FROM (SELECT p.pk, ts_rank_cd(?::float4[], f.document, q.q, 1) AS score
                      FROM pages_fts f JOIN pages p ON p.pk = f.page,
                           websearch_to_tsquery('{TS_CONFIG}', ?) AS q(q)
                      WHERE f.document @@ q.q {facets} ORDER BY score DESC, p.pk LIMIT ?) AS hit
                JOIN pages p ON p.pk = hit.pk JOIN pages_fts f ON f.page = hit.pk,
                LATERAL (SELECT ts_headline('{TS_CONFIG}', left(f.body, {INDEXED_CHARS}),
                                            websearch_to_tsquery('{TS_CONFIG}', ?), ?) AS snippet) AS h0,
                LATERAL (SELECT replace(replace(h0.snippet, ?, ''), ?, '') AS plain) AS h1,
                LATERAL (SELECT h0.snippet, h1.plain, strpos(f.body, h1.plain) AS at) AS h
                ORDER BY hit.score DESC, hit.pk"""
            rows = self._read(found, [RANK_WEIGHTS, terms, *params, query.limit, terms, options, MARK_OPEN,
                                      MARK_CLOSE])
        else:
            listed = (f"SELECT p.id, p.title, p.date, p.origins, p.source, substr(f.body, 1, 600), '', '', 0.0 "
                      f"FROM pages p JOIN pages_fts f ON f.page = p.pk "
                      f"{'WHERE ' + ' AND '.join(where) if where else ''} "
                      f"ORDER BY p.date IS NULL, p.date DESC, p.pk DESC LIMIT ?")
            rows = self._read(listed, [*params, query.limit])
        parts = [words for words, operator in query_parts(text) if not operator]
        phrases = [words.split() for words in parts if " " in words]
        singles = {fold(words) for words in parts if " " not in words}
        hits = []
        for page_id, title, date, origins, source, raw, before, after, score in rows:
            raw = _edge(before) + raw.replace(_BLANK, "") + _edge(after) if terms else raw.replace(_BLANK, "")[:400]
            snippet, marks = _marks(raw, phrases, singles)
            if not terms:
                snippet = facet_snippet(snippet, title)
            hits.append(SearchHit(page_id, title, date, stored_origins(origins), source, snippet, marks, float(score),
                                  matched=matched_variants(snippet, marks, typed_for)))
        return hits


def _edge(around: str | None) -> str:
    """What to show beside a snippet: the rest of the text when it holds no word (SQLite's snippet
    reaches the text's start or end there), else an ellipsis."""
    if around is None:
        return "…"
    rest = around.replace(_BLANK, "")
    return "…" if _WORD.search(rest) else rest


def _marks(raw: str, phrases: list[list[str]], singles: set[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet and its marks (`marks_of`), with the words of one phrase match made one mark as SQLite
    marks them: ts_headline marks each word ("[Polish] [President]" → "[Polish President]")."""
    snippet, marks = marks_of(raw)
    if not phrases or not marks:
        return snippet, marks
    wanted = [[fold(w) for w in words] for words in phrases]
    in_phrases = {w for words in wanted for w in words}
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(marks):
        for words in wanted:
            run = marks[i:i + len(words)]
            if (len(run) == len(words)
                    and all(fold(snippet[s:e]) == w for (s, e), w in zip(run, words, strict=True))
                    and all(not _WORD.search(snippet[a[1]:b[0]]) for a, b in itertools.pairwise(run))):
                merged.append((run[0][0], run[-1][1]))
                i += len(words)
                break
        else:
            # ts_headline marks a phrase's word wherever it stands; SQLite only where the phrase matched.
            word = fold(snippet[marks[i][0]:marks[i][1]])
            if word in singles or word not in in_phrases:
                merged.append(marks[i])
            i += 1
    return snippet, tuple(merged)


def _password_of(url: str) -> str | None:
    try:
        password = conninfo_to_dict(url).get("password")
        return str(password) if password else None
    except psycopg.Error:
        parts = urlsplit(url)
        return parts.password


def public_url(url: str) -> str:
    """The URL without its password (in the user part or in `?password=`), as errors and `status` show it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("://", 1)[0] + "://…"
    netloc = parts.netloc
    if "@" in netloc:
        user, _, hosts = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{hosts}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"],
                      safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
