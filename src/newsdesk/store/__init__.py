"""store: a corpus of analysed pages, behind one interface with two engines.

    with open_store("desk.db") as store:              # SQLite (the default), or "postgresql://…"
        store.add([analysis, ...])                    # one transaction: all of them or none
        hits = store.search(SearchQuery("Kherson", origin="Reuters"))
        page = store.page(hits[0].page_id)            # the analysis JSON, whole

A page is keyed by the hash of its text (`content_hash`): adding the same text again adds nothing but
the new source it was read from. The analysis JSON (`newsdesk.analysis/1`) is kept whole; the facets
queries use (stories, entities with their mentions packed on their rows, their names, claims, events) are
also written to tables; quotes and times are read from the JSON. Each engine migrates its schema forward
on open (`migrations`: one ordered list for both engines) and refuses a store written by a newer newsdesk.

The records a store gives back are in `records`. The queries and control flow are written once (`sql`,
with `browse` and `links`); each engine (`sqlite`, `postgres`) says only how its SQL differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Protocol

from newsdesk.model import Analysis, Page
from newsdesk.store.migrations import SCHEMA_VERSION
from newsdesk.store.query import MARK_CLOSE, MARK_OPEN
from newsdesk.store.records import (
    ENTITY_TYPES,
    REUSE_DIRECTIONS,
    ClusterStory,
    CorpusEntityRow,
    EntitySighting,
    EntitySummary,
    EventClusterRow,
    EventClusterSummary,
    LinkBatch,
    LinkPage,
    PageLinks,
    PlaceCount,
    PlaceSummary,
    ReusePassage,
    ReuseRow,
    SearchHit,
    SearchQuery,
    StoredClaim,
    StoredFailure,
    StoredPage,
    StoreStatus,
    TimelineDay,
    check_limit,
    claim_rows,
    entity_key_label,
    reuse_passages,
    stored_origins,
)


def content_hash(page: Page) -> str:
    """SHA-256 of the text as read: the same text read twice is one page."""
    # The readers refuse lone surrogates (ND-E016); "surrogatepass" keeps a page made some other way
    # from crashing a batch here, and is the same bytes as strict UTF-8 for every valid text.
    return hashlib.sha256(page.text.encode("utf-8", "surrogatepass")).hexdigest()


def page_id_of(digest: str) -> str:
    """The id users type: the first 16 hex digits of the content hash (64 bits: no collision in a
    corpus of millions)."""
    return digest[:16]


class Failed(Protocol):
    """A read or analysis failure as the pipeline reports it (`ReadFailure`, `AnalysisFailure`)."""

    @property
    def source(self) -> str: ...

    def to_json(self) -> dict[str, str]: ...


class Store(ABC):
    """What every engine does. Writes are transactions: a batch is stored whole or not at all."""

    engine: str
    location: str

    @abstractmethod
    def known(self, digests: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored already (ingest skips them)."""

    @abstractmethod
    def add(self, analyses: Sequence[Analysis], failures: Sequence[Failed] = ()) -> list[str]:
        """Store analysed pages and failures in one transaction; the page ids, in order. A page whose
        text is stored already only gains its source. A stored failure of the same source is cleared
        when it now succeeds."""

    @abstractmethod
    def page(self, page_id: str) -> StoredPage:
        """One page by id (or an unambiguous prefix of at least 6 digits); StoreError if none."""

    @abstractmethod
    def pages(self, batch: int = 500) -> Iterator[StoredPage]:
        """Every page in ingest order, fetched in batches (memory stays flat for any store size)."""

    @abstractmethod
    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Pages matching the text and every given facet; best first, newest first without text. An
        engine may rank a very common text among its newest matches only (SQLite: the newest 5,000)."""

    @abstractmethod
    def entity(self, name: str, limit: int = 100) -> list[EntitySighting]:
        """The entities of every page that one name matches, however spelled (transliteration key, the
        gazetteer id of a matched place, the surname of a matched person)."""

    @abstractmethod
    def places(self) -> Iterator[PlaceSummary]:
        """Every located place, with its mentions across pages."""

    @abstractmethod
    def failures(self, limit: int = 1000) -> list[StoredFailure]:
        """Inputs that failed, newest first."""

    @abstractmethod
    def status(self) -> StoreStatus: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    # Browsing (serve): listings across pages for the HTTP API. A `SearchQuery` given to them keeps the
    # pages search would find (its text and facets, its dates on the page date); its limit is not used.
    @abstractmethod
    def entities(self, query: str | None = None, type: str | None = None, limit: int = 50) -> list[EntitySummary]:
        """Entities across pages, most mentions first. `query`: entities one of whose names is that name
        in any spelling (as `entity` matches), or whose label has a word starting with it; `type`: PERSON,
        PLACE or ORG."""

    @abstractmethod
    def entity_by_key(self, key: str, limit: int = 100) -> tuple[EntitySummary, list[EntitySighting]]:
        """One entity by its `EntitySummary.key`, and its sightings newest first; StoreError if none."""

    @abstractmethod
    def place_counts(self, query: SearchQuery, limit: int = 1000) -> list[PlaceCount]:
        """Located places of the pages the query keeps, most mentions first."""

    @abstractmethod
    def timeline(self, query: SearchQuery) -> list[TimelineDay]:
        """Days in date order, for the pages the query's text and facets keep; its dates bound the days
        (an event is counted on the day it happened, whatever its page's date)."""

    @abstractmethod
    def claims(self, query: SearchQuery, limit: int = 100) -> list[StoredClaim]:
        """Claims of the pages the query keeps, newest page first, in text order within a page."""

    @abstractmethod
    def generation(self) -> tuple[int, int]:
        """(pages, greatest page key): changes whenever a page is added (pages are never taken out), so
        a listing computed from the store can be reused until it does."""

    # Links (issue 8): pages linked to each other, written by `newsdesk.jobs.link.link_pages` batch by batch.
    @abstractmethod
    def link_state(self) -> dict[str, bytes]:
        """The linkers' saved state blobs by name; `"watermark"` is the last linked page key (ASCII)."""

    @abstractmethod
    def unlinked(self, after: int, limit: int) -> list[LinkPage]:
        """Up to `limit` pages whose key is above `after`, in ingest order."""

    @abstractmethod
    def link_pages(self, page_ids: Iterable[str]) -> dict[str, LinkPage]:
        """Pages by their full id (for aligning a new page with the earlier pages it may share text with)."""

    @abstractmethod
    def reuse_spans(self, page_ids: Iterable[str]) -> list[tuple[str, int, int, int]]:
        """Every stored reuse span (page id, start, end, copy cluster) on these pages, either side."""

    @abstractmethod
    def save_links(self, batch: LinkBatch) -> None:
        """Write one batch of links and the new watermark in one transaction (all of it or nothing)."""

    @abstractmethod
    def reuse(self, page_id: str) -> list[ReusePassage]:
        """The passages a page shares with other pages, both directions, in text order; StoreError if no page."""

    @abstractmethod
    def events(self, limit: int = 50, query: str | None = None) -> list[EventClusterSummary]:
        """Event clusters, newest first (latest date); `query`: only those whose title has these words."""

    @abstractmethod
    def corpus_entities(self, name: str, limit: int = 20) -> list[CorpusEntityRow]:
        """Corpus entities one of whose page entities is named `name` (any spelling), most mentioned first."""

    @abstractmethod
    def page_links(self, page_ids: Iterable[str]) -> dict[str, PageLinks]:
        """Each page's links in brief (pages with none are left out)."""


def default_location() -> Path:
    """`$NEWSDESK_DB`, else `$XDG_DATA_HOME/newsdesk/desk.db` (`~/.local/share/newsdesk/desk.db`)."""
    if os.environ.get("NEWSDESK_DB"):
        return Path(os.environ["NEWSDESK_DB"])
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "newsdesk" / "desk.db"


def open_store(db: str | Path | None = None) -> Store:
    """A `postgresql://` (or `postgres://`) URL opens PostgreSQL; anything else is a SQLite file path
    (created with its folder when missing). None: `default_location()`."""
    where = str(db) if db is not None else os.environ.get("NEWSDESK_DB") or str(default_location())
    if where.startswith(("postgresql://", "postgres://")):
        from newsdesk.store.postgres import PostgresStore  # imported here: psycopg only for a shared desk

        store: Store = PostgresStore(where)
        return store
    from newsdesk.store.sqlite import SQLiteStore

    return SQLiteStore(Path(where))


def iso_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


__all__ = ["ENTITY_TYPES", "MARK_CLOSE", "MARK_OPEN", "REUSE_DIRECTIONS", "SCHEMA_VERSION", "ClusterStory",
           "CorpusEntityRow", "EntitySighting", "EntitySummary", "EventClusterRow", "EventClusterSummary", "Failed",
           "LinkBatch", "LinkPage", "PageLinks", "PlaceCount", "PlaceSummary", "ReusePassage", "ReuseRow", "SearchHit",
           "SearchQuery", "Store", "StoreStatus", "StoredClaim", "StoredFailure", "StoredPage", "TimelineDay",
           "check_limit", "claim_rows", "content_hash", "default_location", "entity_key_label", "iso_now",
           "open_store", "page_id_of", "reuse_passages", "stored_origins"]
