"""records: what the store gives back and takes in, the same on every engine (frozen dataclasses), and
the few conversions of query rows into them that both engines share."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.model import Analysis


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
    #: Only the words as typed: no other spellings of the names in them.
    exact: bool = False

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
    #: The page's copied passages and event clusters (`Store.page_links`), when the caller added them.
    links: PageLinks | None = None
    #: (spelling found, words typed) where the hit matched another spelling of a typed name.
    matched: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "title": self.title, "date": self.date, "origins": list(self.origins),
                "source": self.source, "snippet": self.snippet, "marks": [list(m) for m in self.marks],
                "score": self.score, "matched": [{"found": f, "for": t} for f, t in self.matched],
                **(self.links.to_json() if self.links is not None else {})}


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


# -- browsing (serve): what the HTTP API lists across pages

@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity across the store. `key` is its gazetteer id when it has one (every spelling of a place
    shares it), else `TYPE:label` (`PERSON:Volodymyr Zelenskiy`); `label` is the most-mentioned label."""

    key: str
    label: str
    type: str
    pages: int
    mentions: int

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "type": self.type, "pages": self.pages,
                "mentions": self.mentions}


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """One located place across the pages a browse query keeps, with counts only (for a map)."""

    key: str
    label: str
    lat: float
    lon: float
    country: str | None
    gazetteer_id: str | None
    pages: int
    mentions: int


@dataclass(frozen=True, slots=True)
class TimelineDay:
    """One day: pages dated on it, events that happened on it, claims of pages dated on it."""

    date: str
    pages: int
    events: int
    claims: int

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "pages": self.pages, "events": self.events, "claims": self.claims}


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim of a stored page: `text` is `page text[start:end]`; `claimant` who made it as written (the
    speaker's words, else the speaker entity's label), None when the page does not say."""

    page_id: str
    page_title: str
    date: str | None
    claim_id: str
    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    per: str | None
    unit: str | None
    kind: str
    claimant: str | None
    speaker: str | None
    about: str | None
    same_as: str | None

    @property
    def value(self) -> str | None:
        """The figure as a reader says it: "50", "50–100", "≥ 100", "≤ 100"; None when vague."""
        def number(x: float) -> str:
            return f"{x:,.0f}" if x == int(x) else f"{x:,.6g}"

        if self.low is not None and self.high is not None:
            return number(self.low) if self.low == self.high else f"{number(self.low)}–{number(self.high)}"
        if self.low is not None:
            return f"≥ {number(self.low)}"
        if self.high is not None:
            return f"≤ {number(self.high)}"
        return None

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "page_title": self.page_title, "date": self.date, "id": self.claim_id,
                "start": self.start, "end": self.end, "text": self.text, "value": self.value, "low": self.low,
                "high": self.high, "per": self.per, "unit": self.unit, "kind": self.kind, "claimant": self.claimant,
                "speaker": self.speaker, "about": self.about, "same_as": self.same_as}


# -- links (issue 8): pages linked to each other (`newsdesk.jobs.link.link_pages` writes them)

#: How a stored reuse passage reads from one page: it copied the other page, was copied by it, or the
#: evidence does not decide.
REUSE_DIRECTIONS = ("copied_from", "copied_by", "unknown")


@dataclass(frozen=True, slots=True)
class LinkPage:
    """A stored page as linking reads it: its key in ingest order (`pk`), text and analysis JSON."""

    pk: int
    id: str
    source: str
    url: str | None
    date: str | None
    analysis: dict[str, Any]

    @property
    def text(self) -> str:
        text: str = self.analysis["text"]
        return text


@dataclass(frozen=True, slots=True)
class ReuseRow:
    """A passage to store: `page[start:end]` is shared with `source[source_start:source_end]`. With
    `copied` True, `page` copied it from `source`; False: the evidence does not decide (`page` is then
    the later linked). `clues` are the evidence as JSON objects; `copy_cluster` groups the copies of one
    passage across pages."""

    page_id: str
    start: int
    end: int
    source_id: str
    source_start: int
    source_end: int
    copied: bool
    similarity: float
    clues: tuple[dict[str, str], ...]
    copy_cluster: int


@dataclass(frozen=True, slots=True)
class CorpusEntityRow:
    """One entity across the corpus (`newsdesk.corpus.entities.CorpusEntity`, as stored)."""

    id: str
    label: str
    type: str
    pages: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    gazetteer_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "type": self.type, "pages": self.pages,
                "mentions": self.mentions, "first_seen": self.first_seen, "last_seen": self.last_seen,
                "gazetteer_id": self.gazetteer_id}


@dataclass(frozen=True, slots=True)
class EventClusterRow:
    """One event cluster as stored: its title, date range, size (stories) and storyline (`topic`)."""

    id: str
    title: str
    first: str | None
    last: str | None
    size: int
    topic: str


@dataclass(frozen=True, slots=True)
class LinkBatch:
    """What one batch of linking writes, in one transaction: every page up to `watermark` (a page key)
    is then linked. `merges` are (from, to) copy-cluster ids joined by a new passage; `clusters` are
    upserted, or with `all_clusters` replace every stored cluster; `states` are the linkers' blobs."""

    watermark: int
    passages: tuple[ReuseRow, ...] = ()
    merges: tuple[tuple[int, int], ...] = ()
    entities: tuple[CorpusEntityRow, ...] = ()
    entity_links: tuple[tuple[str, str, str], ...] = ()  # (page id, page entity id, corpus entity id)
    clusters: tuple[EventClusterRow, ...] = ()
    members: tuple[tuple[str, int, str], ...] = ()  # (page id, story index, cluster id)
    states: tuple[tuple[str, bytes], ...] = ()
    all_clusters: bool = False


@dataclass(frozen=True, slots=True)
class ReusePassage:
    """A passage of page `page_id` shared with another page, read from that page's side: `text` is
    `page text[start:end]`, `other_start:other_end` the same passage in the other page's text; each clue
    names the page it says is the source, "this" or "other"."""

    page_id: str
    start: int
    end: int
    text: str
    other_id: str
    other_title: str
    other_date: str | None
    other_origins: tuple[str, ...]
    other_url: str | None
    other_start: int
    other_end: int
    direction: str
    similarity: float
    clues: tuple[dict[str, str], ...]
    copy_cluster: int

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "start": self.start, "end": self.end, "text": self.text,
                "direction": self.direction, "similarity": self.similarity, "clues": list(self.clues),
                "copy_cluster": self.copy_cluster,
                "other": {"page_id": self.other_id, "title": self.other_title, "date": self.other_date,
                          "origins": list(self.other_origins), "url": self.other_url, "start": self.other_start,
                          "end": self.other_end}}


@dataclass(frozen=True, slots=True)
class ClusterStory:
    """A story an event cluster holds: where it is (`page_id`, story `index`, `start`/`end` in that page's
    text), its own title (None for most: a story's first sentence says what it is), origin and date."""

    page_id: str
    index: int
    start: int
    end: int
    title: str | None
    origin: str | None
    date: str | None

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "story": self.index, "start": self.start, "end": self.end,
                "title": self.title, "origin": self.origin, "date": self.date}


@dataclass(frozen=True, slots=True)
class EventClusterSummary:
    """An event cluster for listing: its pages (id, title, date), newest first, and the stories in
    them that matched (a page's title is often the site's, a stitched page's is another story's)."""

    id: str
    title: str
    first: str | None
    last: str | None
    size: int
    topic: str
    pages: tuple[tuple[str, str, str | None], ...]
    stories: tuple[ClusterStory, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "first": self.first, "last": self.last, "size": self.size,
                "topic": self.topic, "pages": [{"page_id": p, "title": t, "date": d} for p, t, d in self.pages],
                "stories": [s.to_json() for s in self.stories]}


@dataclass(frozen=True, slots=True)
class PageLinks:
    """A page's links in brief, for search hits and exports: passages it copied, passages copied from
    it, passages whose direction is unknown, its copy clusters and its event clusters."""

    copied_from: int = 0
    copied_by: int = 0
    reuse_unknown: int = 0
    copy_clusters: tuple[int, ...] = ()
    events: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"copied_from": self.copied_from, "copied_by": self.copied_by, "reuse_unknown": self.reuse_unknown,
                "copy_clusters": list(self.copy_clusters), "events": list(self.events)}


def stored_origins(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """A page's origins as an engine keeps them: a JSON list (SQLite) or an array (PostgreSQL)."""
    return tuple(json.loads(value)) if isinstance(value, str) else tuple(value or ())


def reuse_passages(page_id: str, rows: Sequence[tuple[Any, ...]], text: str) -> list[ReusePassage]:
    """Passages from rows (is this page the `page` side, copied, start, end, other id, other title, other
    date, other origins JSON or list, other url, other start, other end, similarity, clues JSON, copy
    cluster), read from `page_id`'s side; `text` is that page's text."""
    out = []
    for (mine, copied, start, end, other, title, date, origins, url, o_start, o_end, similarity, clues,
         cluster) in rows:
        direction = "unknown" if not copied else "copied_from" if mine else "copied_by"
        found = stored_origins(origins)
        # Stored clues name a side of the row ("page" or "source"); read from this page, "this" or "other".
        evidence = tuple({**c, "source": "this" if (c.get("source") == "page") == bool(mine) else "other"}
                         for c in (json.loads(clues) if isinstance(clues, str) else clues))
        out.append(ReusePassage(page_id, int(start), int(end), text[int(start):int(end)], other, title, date, found,
                                url, int(o_start), int(o_end), direction, float(similarity), evidence, int(cluster)))
    return sorted(out, key=lambda p: (p.start, p.other_id))


#: The kinds of entity, as `EntitySummary.key` spells a key that is not a gazetteer id (`TYPE:label`).
ENTITY_TYPES = ("PERSON", "PLACE", "ORG")


def entity_key_label(key: str) -> tuple[str, str] | None:
    """The (type, label) of an entity key `TYPE:label`; None when the key is a gazetteer id."""
    kind, colon, label = key.partition(":")
    return (kind, label) if colon and kind in ENTITY_TYPES and label else None


def claim_rows(rows: Sequence[tuple[Any, ...]], texts: dict[int, str]) -> list[StoredClaim]:
    """Claims from rows (page key, page id, title, date, claim id, start, end, low, high, per, unit, kind,
    speaker, speaker's words, speaker's label, about, same as), their text cut from `texts` by page key."""
    claims = []
    for (pk, page_id, title, date, claim_id, start, end, low, high, per, unit, kind, speaker, speaker_text,
         speaker_label, about, same_as) in rows:
        claims.append(StoredClaim(page_id, title, date, claim_id, int(start), int(end),
                                  texts.get(pk, "")[int(start):int(end)], low, high, per, unit, kind,
                                  speaker_text or speaker_label, speaker, about, same_as))
    return claims


def check_limit(limit: int, most: int = 10_000) -> None:
    """A listing's limit: a whole number from 1 to `most`."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= most:
        raise StoreError("ND-E021", f"limit must be a whole number from 1 to {most}, not {limit!r}")
