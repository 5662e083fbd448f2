"""sql: the store's queries and control flow, written once for both engines.

`SQLStore` holds what both engines do the same way: writing a batch of pages, reading pages back,
finding the entities a name means, entities and places across pages (with `browse.BrowseQueries` and
`links.LinkQueries`, its other two parts). An engine (`sqlite.SQLiteStore`, `postgres.PostgresStore`)
says only how it differs, in small hooks:

- its `Dialect`: how a list of values or of entity refs is passed to a statement, how text is compared
  byte-wise or without case, which rows the full text matches, how the best of a group is picked;
- how it runs a statement (every statement here is written with `?` placeholders: PostgreSQL's engine
  turns them into psycopg's `%s`), runs a write transaction and writes rows in bulk (executemany, COPY);
- how it keeps a page's analysis and text (`page_tables`, `_page_values`, `_analysis`), and searches.

Upserts are standard SQL (`INSERT … ON CONFLICT … DO UPDATE`, `upsert`), which both engines run.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from newsdesk.errors import StoreError
from newsdesk.model import Analysis
from newsdesk.store import (
    SCHEMA_VERSION,
    EntitySighting,
    Failed,
    PlaceSummary,
    SearchQuery,
    Store,
    StoredFailure,
    StoredPage,
    StoreStatus,
    content_hash,
    iso_now,
    page_id_of,
    stored_origins,
)
from newsdesk.store.query import EntityRef, match_entities, name_keys, store_spellings
from newsdesk.store.rows import COLUMNS, PageRows, page_rows, unpacked_mentions

T = TypeVar("T")

#: A facet that leaves at most this many pages leads a search: its pages are looked up one by one.
#: A wider one is a condition checked on each page the text or the date order finds.
NARROW_FACET_PAGES = 5_000
#: Values passed in one statement's list parameter (`known`, the stored pages of a batch).
LIST_CHUNK = 10_000


def upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """An insert of one row that replaces the row with the same `key` (does nothing when every column is
    the key): standard SQL, run as it is by SQLite (3.24+) and PostgreSQL."""
    changed = [c for c in columns if c not in key]
    action = ("DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in changed)) if changed else "DO NOTHING"
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({', '.join(key)}) {action}")


class Dialect(ABC):
    """How one engine's SQL says what the shared queries need: the small differences of the language."""

    #: A COLLATE clause comparing text by code point ("" where that is the default: SQLite's BINARY).
    binary: str
    #: LIKE without case (SQLite's LIKE already folds ASCII case; PostgreSQL's ILIKE).
    like: str

    @abstractmethod
    def in_list(self, column: str, values: Sequence[Any], kind: str = "text") -> tuple[str, list[Any]]:
        """`column` is one of `values` (`kind`: "text" or "bigint"), and the parameters it takes."""

    @abstractmethod
    def refs(self, refs: Sequence[EntityRef], alias: str) -> tuple[str, list[Any]]:
        """A FROM item named `alias` with one row (page, entity_id) a ref, and its parameters."""

    @abstractmethod
    def text_match(self, text: str) -> tuple[str, list[Any]] | None:
        """A condition on `p.pk` keeping the pages whose full text matches `text` (the user's words, read by
        `query_parts`), and its parameters; None when `text` has no words."""

    @abstractmethod
    def same_origin(self, column: str) -> str:
        """`column` is the origin given as the one parameter, case aside (as its index reads it)."""

    @abstractmethod
    def iso_day(self, column: str) -> str:
        """`column` is a full ISO date (YYYY-MM-DD)."""

    @abstractmethod
    def newest_first(self, column: str) -> str:
        """ORDER BY `column` descending, NULL last (as the engine walks its index)."""

    @abstractmethod
    def best_label(self, weight: str, label: str) -> str:
        """An aggregate: the `label` of the row with the greatest `weight`, ties to the greatest label."""

    @abstractmethod
    def best_place(self) -> str:
        """Aggregate columns over places `e` from which `place_point` reads the label, latitude and longitude
        of the place row with most mentions."""

    @abstractmethod
    def place_point(self, values: Sequence[Any]) -> tuple[str, float, float]:
        """(label, lat, lon) from the columns of `best_place`."""


def place_summary(rows: list[tuple[Any, ...]]) -> PlaceSummary:
    """A place from its mention rows (key, label, lat, lon, country, gazetteer id, page id, start, end, text)."""
    labels: dict[str, int] = {}
    for row in rows:
        labels[row[1]] = labels.get(row[1], 0) + 1
    key, _, lat, lon, country, gid = rows[0][:6]
    return PlaceSummary(key=key, label=max(labels, key=lambda k: labels[k]), lat=lat, lon=lon, country=country,
                        gazetteer_id=gid, pages=len({r[6] for r in rows}),
                        mentions=tuple((r[6], r[7], r[8], r[9]) for r in rows))


class SQLStore(Store):
    """The body both engines share; the hooks below are what each says for itself."""

    dialect: ClassVar[Dialect]
    #: The tables a new page writes besides its facets and sources, with their columns in the order of
    #: `_page_values`' tuples.
    page_tables: ClassVar[Mapping[str, tuple[str, ...]]]
    #: Columns (on pages `p`, with `analysis_join`) that `_analysis` reads a page's analysis from.
    analysis_columns: str
    analysis_join: str
    #: A page's text, as a column of `p` with `analysis_join`.
    text_column: str
    #: What orders a page's sources as they were seen, after `seen_at`.
    source_order: str
    #: Whether the kept analysis JSON holds the text (else the engine keeps the text beside it).
    analysis_with_text: bool

    # -- hooks
    @abstractmethod
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of a read; an engine error becomes StoreError ND-E020."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """One statement inside `_in_write` (its errors end the transaction); the rows it returns."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for each row, inside `_in_write`."""

    @abstractmethod
    def _insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """New rows, in bulk, inside `_in_write` (no conflict possible)."""

    @abstractmethod
    def _in_write(self, work: Callable[[], T], failed: Callable[[str], str]) -> T:
        """`work()` in one write transaction (writers queue): committed whole or rolled back; an engine
        error becomes StoreError ND-E023 saying `failed(why)`."""

    @abstractmethod
    def _new_keys(self, count: int) -> list[int]:
        """`count` new page keys, ascending (inside `_in_write`)."""

    @abstractmethod
    def _page_values(self, pk: int, rows: PageRows, now: str) -> dict[str, tuple[Any, ...]]:
        """The row of each of `page_tables` for a new page."""

    @abstractmethod
    def _analysis(self, *kept: Any) -> dict[str, Any]:
        """A page's analysis JSON from the `analysis_columns` of its row."""

    @abstractmethod
    def _size_bytes(self) -> int | None: ...

    # -- writes
    def known(self, digests: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(digests))
        found: set[str] = set()
        for i in range(0, len(wanted), LIST_CHUNK):
            where, params = self.dialect.in_list("content_hash", wanted[i:i + LIST_CHUNK])
            found.update(r[0] for r in self._read(f"SELECT content_hash FROM pages WHERE {where}", params))
        return found

    def add(self, analyses: Sequence[Analysis], failures: Sequence[Failed] = ()) -> list[str]:
        now = iso_now()
        return self._in_write(lambda: self._add_batch(analyses, failures, now),
                              lambda why: f"store {self.location}: the batch of {len(analyses)} pages was not "
                                          f"written ({why}); pages written before it are kept")

    def _add_batch(self, analyses: Sequence[Analysis], failures: Sequence[Failed], now: str) -> list[str]:
        """Write a batch inside the write transaction: one bulk write a table for the whole batch (per-page
        statements cost more than the rows). A text already stored, or twice in the batch, only adds a
        source to its page."""
        digests = [content_hash(a.page) for a in analyses]
        unique = list(dict.fromkeys(digests))
        stored: dict[str, int] = {}
        for i in range(0, len(unique), LIST_CHUNK):
            where, params = self.dialect.in_list("content_hash", unique[i:i + LIST_CHUNK])
            stored.update((str(d), int(k)) for d, k in self._execute(
                f"SELECT content_hash, pk FROM pages WHERE {where}", params))
        # Keys are given here, not left to the engine, so that every table's rows are built before any write.
        fresh = [d for d in unique if d not in stored]
        pk_of = dict(zip(fresh, self._new_keys(len(fresh)), strict=True))
        tables: dict[str, list[tuple[Any, ...]]] = {table: [] for table in self.page_tables}
        facets: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        sources: list[tuple[Any, ...]] = []  # of pages new in this batch: a bulk write
        more_sources: list[tuple[Any, ...]] = []  # of pages stored before: kept unless known
        seen: set[tuple[int, str]] = set()
        built: set[int] = set()
        place_keys: set[tuple[str, str]] = set()
        for analysis, digest in zip(analyses, digests, strict=True):
            page = analysis.page
            if digest in stored:  # the same text from another source: one page, one more source
                more_sources.append((stored[digest], page.source, page.url, now))
                continue
            pk = pk_of[digest]
            if (pk, page.source) not in seen:
                seen.add((pk, page.source))
                sources.append((pk, page.source, page.url, now))
            if pk in built:
                continue  # the same text twice in one batch: the second only adds its source
            built.add(pk)
            rows = page_rows(analysis, digest, page_id_of(digest), key=pk, with_text=self.analysis_with_text)
            for table, row in self._page_values(pk, rows, now).items():
                tables[table].append(row)
            for table, facet_rows in rows.facets.items():
                facets[table].extend(facet_rows)
            place_keys.update((v[2], v[5]) for v in rows.facets["entity_names"] if v[5] is not None)
        if analyses:  # a source that now succeeds is no longer a failure
            where, params = self.dialect.in_list("source", sorted({a.page.source for a in analyses}))
            self._execute(f"DELETE FROM failures WHERE {where}", params)
        for table, columns in self.page_tables.items():
            self._insert_rows(table, columns, tables[table])
        self._insert_rows("page_sources", ("page", "source", "url", "seen_at"), sources)
        if more_sources:
            self._executemany(upsert("page_sources", ("page", "source", "url", "seen_at"), ("page", "source")),
                              more_sources)
        for table, columns in COLUMNS.items():
            self._insert_rows(table, ("page", *columns), facets[table])
        if place_keys:  # most pairs are known: the gazetteer ids of a place's name, once
            self._executemany(upsert("place_keys", ("name_key", "gazetteer_id"), ("name_key", "gazetteer_id")),
                              sorted(place_keys))
        if failures:
            failed = [(f.source, info.get("error", ""), info.get("code", ""), now)
                      for f, info in ((f, f.to_json()) for f in failures)]
            self._executemany(upsert("failures", ("source", "error", "code", "at"), ("source",)), failed)
        return [page_id_of(d) for d in digests]

    # -- pages
    @property
    def _page_select(self) -> str:
        return (f"SELECT p.pk, p.id, p.content_hash, p.source, p.url, p.title, p.date, p.origins, p.ingested_at, "
                f"{self.analysis_columns} FROM pages p {self.analysis_join}")

    def _stored(self, rows: list[tuple[Any, ...]]) -> list[StoredPage]:
        where, params = self.dialect.in_list("page", [row[0] for row in rows], "bigint")
        sources: dict[int, list[str]] = {}
        for pk, source in self._read(f"SELECT page, source FROM page_sources WHERE {where} "
                                     f"ORDER BY page, seen_at, {self.source_order}", params):
            sources.setdefault(int(pk), []).append(source)
        return [StoredPage(page_id, digest, source, url, title, date, stored_origins(origins), at,
                           self._analysis(*kept), tuple(sources.get(int(pk), ())) or (source,))
                for pk, page_id, digest, source, url, title, date, origins, at, *kept in rows]

    def page(self, page_id: str) -> StoredPage:
        wanted = page_id.strip().lower()
        if len(wanted) < 6 or any(c not in "0123456789abcdef" for c in wanted):
            raise StoreError("ND-E021", f"page id {page_id!r}: a page id is 6 to 16 hex digits "
                                        "(as `newsdesk search` prints them)")
        rows = self._read(f"{self._page_select} WHERE p.id >= ? AND p.id < ? ORDER BY p.id LIMIT 2",
                          (wanted, wanted + "g"))
        if not rows:
            raise StoreError("ND-E022", f"no page {page_id!r} in store {self.location}")
        if len(rows) > 1:
            raise StoreError("ND-E021", f"page id {page_id!r} is the start of several pages' ids: give more digits")
        return self._stored(rows)[0]

    def pages(self, batch: int = 500) -> Iterator[StoredPage]:
        last = 0
        while True:
            rows = self._read(f"{self._page_select} WHERE p.pk > ? ORDER BY p.pk LIMIT ?", (last, batch))
            if not rows:
                return
            yield from self._stored(rows)
            last = rows[-1][0]

    def _texts(self, pks: Iterable[int]) -> dict[int, str]:
        """The texts of these pages by page key."""
        wanted = sorted(set(pks))
        if not wanted:
            return {}
        where, params = self.dialect.in_list("p.pk", wanted, "bigint")
        return {int(pk): str(text) for pk, text in self._read(
            f"SELECT p.pk, {self.text_column} FROM pages p {self.analysis_join} WHERE {where}", params)}

    # -- entities and places
    def entity(self, name: str, limit: int = 100) -> list[EntitySighting]:
        if limit < 1:
            raise StoreError("ND-E021", f"limit must be at least 1, not {limit}")
        matched = self._linked(self._matches(name, None))
        if not matched:
            return []
        refs, params = self.dialect.refs(matched, "m")
        rows = self._read(
            "SELECT p.id, p.title, p.date, e.entity_id, e.label, e.type, e.lat, e.lon, e.gazetteer_id, e.mentions "
            f"FROM {refs} JOIN entities e ON e.page = m.page AND e.entity_id = m.entity_id "
            "JOIN pages p ON p.pk = e.page "
            f"ORDER BY p.date IS NULL, p.date DESC, p.pk, e.entity_id{self.dialect.binary} LIMIT ?", [*params, limit])
        return [EntitySighting(page_id, title, date, entity_id, label, kind, unpacked_mentions(packed), lat, lon, gid)
                for page_id, title, date, entity_id, label, kind, lat, lon, gid, packed in rows]

    def places(self) -> Iterator[PlaceSummary]:
        rows = self._read(
            f"SELECT coalesce(e.gazetteer_id, 'label:' || lower(e.label)){self.dialect.binary} AS key, e.label, "
            "e.lat, e.lon, e.country, e.gazetteer_id, p.id, p.pk, e.mentions FROM entities e "
            "JOIN pages p ON p.pk = e.page WHERE e.type = 'PLACE' AND e.lat IS NOT NULL ORDER BY key, p.pk")
        # A place's mentions page by page, each page's in text order (two entities of a page may share a key).
        current: list[tuple[Any, ...]] = []
        for *row, pk, packed in rows:
            if current and row[0] != current[0][1][0]:
                yield place_summary([r for _, r in sorted(current, key=lambda c: c[0])])
                current = []
            current.extend(((pk, s, e), (*row, s, e, t)) for s, e, t in unpacked_mentions(packed))
        if current:
            yield place_summary([r for _, r in sorted(current, key=lambda c: c[0])])

    def failures(self, limit: int = 1000) -> list[StoredFailure]:
        return [StoredFailure(*row) for row in self._read(
            f"SELECT source, error, code, at FROM failures ORDER BY at DESC, source{self.dialect.binary} LIMIT ?",
            (limit,))]

    def status(self) -> StoreStatus:
        [row] = self._read(
            "SELECT (SELECT count(*) FROM pages), (SELECT count(*) FROM page_sources), "
            "(SELECT count(*) FROM failures), (SELECT count(*) FROM entities), "
            "(SELECT coalesce(sum(mention_count), 0) FROM entities)")
        pages, sources, failures, entities, mentions = (int(v) for v in row)
        return StoreStatus(self.engine, self.location, SCHEMA_VERSION, pages, sources, failures, entities, mentions,
                           self._size_bytes())

    def generation(self) -> tuple[int, int]:
        pages, greatest = self._read("SELECT count(*), coalesce(max(pk), 0) FROM pages")[0]
        return int(pages), int(greatest)

    # -- names: which entities a typed name means, on every engine the same way
    def _matches(self, name: str, kind: str | None) -> list[EntityRef]:
        type_clause, type_params = ("AND type = ?", [kind]) if kind else ("", [])

        def by_key(column: str, key: str) -> set[EntityRef]:
            return {(int(p), str(e)) for p, e in self._read(
                f"SELECT DISTINCT page, entity_id FROM entity_names WHERE {column} = ? {type_clause}",
                [key, *type_params])}

        def same_places(matched: set[EntityRef]) -> set[EntityRef]:
            # Two steps through the indexes (the matched entities' ids, then every entity with one):
            # a self-join grows with the square of a common place's mentions.
            refs, params = self.dialect.refs(sorted(matched), "m")
            ids = [r[0] for r in self._read(
                f"SELECT DISTINCT e.gazetteer_id FROM {refs} JOIN entities e ON e.page = m.page "
                "AND e.entity_id = m.entity_id WHERE e.gazetteer_id IS NOT NULL", params)]
            if not ids:
                return set()
            where, params = self.dialect.in_list("gazetteer_id", ids)
            return {(int(p), str(e)) for p, e in self._read(f"SELECT page, entity_id FROM entities WHERE {where}",
                                                            params)}

        return match_entities(name, by_key, same_places)

    def _spellings(self, name: str) -> list[str]:
        """The store's spellings of the entities `name` names (for search's variants)."""
        return store_spellings(name, lambda typed: self._matches(typed, None), self._packed_mentions)

    def _packed_mentions(self, refs: list[EntityRef]) -> list[str | None]:
        found, params = self.dialect.refs(refs, "m")
        return [r[0] for r in self._read(
            f"SELECT e.mentions FROM {found} JOIN entities e ON e.page = m.page AND e.entity_id = m.entity_id", params)]

    def _linked(self, refs: list[EntityRef]) -> list[EntityRef]:
        """`refs` and every page entity linked to the same corpus entity (`newsdesk link`): the name's
        entity across pages, counted as `/entities` and the corpus entity count it."""
        if not refs:
            return refs
        found, params = self.dialect.refs(refs, "m")
        more = self._read("SELECT l.page, l.entity_id FROM entity_links l WHERE l.corpus_id IN (SELECT k.corpus_id "
                          f"FROM {found} JOIN entity_links k ON k.page = m.page AND k.entity_id = m.entity_id)", params)
        return sorted({*refs, *((int(p), str(e)) for p, e in more)})

    def _pages_named(self, name: str, kind: str | None, linked: bool = True) -> set[int]:
        """The pages of a name facet: those of the entities the name matches and, unless not `linked`, of
        the corpus entities (`newsdesk link`) they are part of (as `_name_facet`, listed whole)."""
        refs = self._matches(name, kind)
        return {pk for pk, _ in (self._linked(refs) if linked else refs)}

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

    def _name_facet(self, name: str, kind: str | None, linked: bool = True) -> tuple[set[int] | None, str, list[Any]]:
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
        pages = {r[0] for r in self._read(f"SELECT page FROM entity_names WHERE {column} = ? {type_clause} LIMIT ?",
                                          [key, *type_params, NARROW_FACET_PAGES + 1])}
        if gids and len(pages) <= NARROW_FACET_PAGES:
            where, params = self.dialect.in_list("gazetteer_id", gids)
            pages.update(r[0] for r in self._read(f"SELECT page FROM entities WHERE {where} LIMIT ?",
                                                  [*params, NARROW_FACET_PAGES + 1]))
        corpus = self._corpus_ids(column, key, kind, gids) if linked else []
        if corpus and len(pages) <= NARROW_FACET_PAGES:
            where, params = self.dialect.in_list("corpus_id", corpus)
            pages.update(r[0] for r in self._read(f"SELECT page FROM entity_links WHERE {where} LIMIT ?",
                                                  [*params, NARROW_FACET_PAGES + 1]))
        if len(pages) <= NARROW_FACET_PAGES:
            return {int(p) for p in pages}, "", []
        # A wide name: checked on each page the text index or the date order yields, by an index seek,
        # so a search stops as soon as it has its hits (a list of a common name's pages costs ~100 ms).
        type_clause = "AND n.type = ?" if kind else ""
        condition = f"EXISTS (SELECT 1 FROM entity_names n WHERE n.{column} = ? AND n.page = p.pk {type_clause})"
        params = [key, *type_params]
        if gids:
            condition = (f"({condition} OR EXISTS (SELECT 1 FROM entities e WHERE e.page = p.pk "
                         f"AND e.gazetteer_id IN ({','.join('?' * len(gids))})))")
            params += gids
        if corpus:
            where, values = self.dialect.in_list("l.corpus_id", corpus)
            condition = f"({condition} OR EXISTS (SELECT 1 FROM entity_links l WHERE l.page = p.pk AND {where}))"
            params += values
        return None, condition, params

    def _corpus_ids(self, column: str, key: str, kind: str | None, gids: list[str]) -> list[str]:
        """The corpus entities that the page entities a name facet matched (by key, or as the same place)
        are linked to."""
        type_clause, type_params = ("AND n.type = ?", [kind]) if kind else ("", [])
        where, params = self.dialect.in_list("e.gazetteer_id", gids)
        return [r[0] for r in self._read(
            "SELECT l.corpus_id FROM entity_names n JOIN entity_links l ON l.page = n.page "
            f"AND l.entity_id = n.entity_id WHERE n.{column} = ? {type_clause} UNION "
            "SELECT l.corpus_id FROM entities e JOIN entity_links l ON l.page = e.page AND l.entity_id = e.entity_id "
            f"WHERE {where}", [key, *type_params, *params])]

    def _facets(self, query: SearchQuery) -> tuple[set[int] | None, list[str], list[Any]]:
        """How a search's facets narrow it: the pages of the narrow ones (at most NARROW_FACET_PAGES; None
        when no facet is narrow), and conditions on `p` for the wide ones, with their parameters."""
        narrow: list[set[int]] = []
        where: list[str] = []
        params: list[Any] = []

        def add(pages: set[int] | None, condition: str, values: Sequence[Any]) -> None:
            if pages is not None:
                narrow.append(pages)
            else:
                where.append(condition)
                params.extend(values)

        for name, kind in ((query.entity, None), (query.place, "PLACE")):
            if name is not None:
                pages, condition, values = self._name_facet(name, kind, linked=not query.exact)
                add(pages, condition, values)
        if query.origin is not None:
            origin = query.origin.strip()
            # A rare origin: start from its stories; a common one: a condition on each page found.
            rows = self._read(f"SELECT page FROM stories WHERE {self.dialect.same_origin('origin')} LIMIT ?",
                              [origin, NARROW_FACET_PAGES + 1])
            add({int(r[0]) for r in rows} if len(rows) <= NARROW_FACET_PAGES else None,
                f"EXISTS (SELECT 1 FROM stories s WHERE s.page = p.pk AND {self.dialect.same_origin('s.origin')})",
                [origin])
        if query.date_from is not None or query.date_to is not None:
            low = query.date_from.isoformat() if query.date_from else ""
            high = query.date_to.isoformat() if query.date_to else "9999"
            rows = self._read("SELECT pk FROM pages WHERE date >= ? AND date <= ? LIMIT ?",
                              [low, high, NARROW_FACET_PAGES + 1])
            add({int(r[0]) for r in rows} if len(rows) <= NARROW_FACET_PAGES else None,
                "p.date >= ? AND p.date <= ?", [low, high])
        return (set.intersection(*narrow) if narrow else None), where, params
