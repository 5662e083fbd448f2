"""store: a corpus of analysed pages, behind one interface with two engines.

    with open_store("desk.db") as store:              # SQLite (the default), or "postgresql://…"
        store.add([analysis, ...])                    # one transaction: all of them or none
        hits = store.search(SearchQuery("Kherson", origin="Reuters"))
        page = store.page(hits[0].page_id)            # the analysis JSON, whole

A page is keyed by the hash of its text (`content_hash`): adding the same text again adds nothing but
the new source it was read from. The analysis JSON (`newsdesk.analysis/1`) is kept whole; its facets
(stories, entities and their names, mentions, quotes, claims, times, events) are also written to tables
that queries use. Each engine migrates its schema forward on open and refuses a store written by a
newer newsdesk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from newsdesk.errors import StoreError
from newsdesk.model import Analysis, Page

#: The schema version this newsdesk writes; each engine holds the migrations that reach it.
SCHEMA_VERSION = 1

#: Private-use characters around each match in a snippet: they never occur in news text, so the
#: reader can turn them into marks (`SearchHit.marks`) without guessing.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def content_hash(page: Page) -> str:
    """SHA-256 of the text as read: the same text read twice is one page."""
    return hashlib.sha256(page.text.encode("utf-8")).hexdigest()


def page_id_of(digest: str) -> str:
    """The id users type: the first 16 hex digits of the content hash (64 bits: no collision in a
    corpus of millions)."""
    return digest[:16]


class Failed(Protocol):
    """A read or analysis failure as the pipeline reports it (`ReadFailure`, `AnalysisFailure`)."""

    @property
    def source(self) -> str: ...

    def to_json(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True)
class StoredPage:
    """One page of the store: the analysis JSON whole, and the columns a listing needs."""

    id: str
    content_hash: str
    source: str
    url: str | None
    #: The page's title, else its first story's headline, else its first line (never empty).
    title: str
    #: ISO date of the page: its reference date, else the earliest full date of a story's dateline.
    date: str | None
    origins: tuple[str, ...]
    ingested_at: str
    analysis: dict[str, Any]
    #: Every source the same text was read from, first one first.
    sources: tuple[str, ...] = ()

    def to_analysis(self) -> Analysis:
        return Analysis.from_json(self.analysis)


@dataclass(frozen=True, slots=True)
class StoredFailure:
    """An input that could not be read or analysed, as `newsdesk status` lists it."""

    source: str
    error: str
    code: str
    at: str


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Full text (the engine's own query syntax: words, "phrases", OR) and facets; all optional."""

    text: str = ""
    entity: str | None = None
    place: str | None = None
    origin: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    limit: int = 20

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise StoreError("ND-E021", f"search limit must be at least 1, not {self.limit}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise StoreError("ND-E021", f"search --from {self.date_from} is after --to {self.date_to}")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One page found: `snippet` is a stretch of its text, `marks` the `[start, end)` of each match in it."""

    page_id: str
    title: str
    date: str | None
    origins: tuple[str, ...]
    source: str
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "title": self.title, "date": self.date, "origins": list(self.origins),
                "source": self.source, "snippet": self.snippet, "marks": [list(m) for m in self.marks],
                "score": self.score}


@dataclass(frozen=True, slots=True)
class EntitySighting:
    """One entity of one page that a name query matched, with its mentions as written."""

    page_id: str
    page_title: str
    date: str | None
    entity_id: str
    label: str
    type: str
    mentions: tuple[tuple[int, int, str], ...]
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "page_title": self.page_title, "date": self.date,
                "entity_id": self.entity_id, "label": self.label, "type": self.type,
                "mentions": [{"start": s, "end": e, "text": t} for s, e, t in self.mentions],
                "lat": self.lat, "lon": self.lon, "gazetteer_id": self.gazetteer_id}


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    """One place across the store (grouped by gazetteer id, else by label), for maps and GeoJSON."""

    key: str
    label: str
    lat: float
    lon: float
    country: str | None
    gazetteer_id: str | None
    pages: int
    #: (page id, start, end, text as written) of every mention.
    mentions: tuple[tuple[str, int, int, str], ...]


@dataclass(frozen=True, slots=True)
class StoreStatus:
    engine: str
    location: str
    schema_version: int
    pages: int
    sources: int
    failures: int
    entities: int
    mentions: int
    size_bytes: int | None


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
        """Pages matching the text and every given facet; best first, newest first without text."""

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


__all__ = ["MARK_CLOSE", "MARK_OPEN", "SCHEMA_VERSION", "EntitySighting", "Failed", "PlaceSummary", "SearchHit",
           "SearchQuery", "Store", "StoreStatus", "StoredFailure", "StoredPage", "content_hash",
           "default_location", "iso_now", "open_store", "page_id_of"]
