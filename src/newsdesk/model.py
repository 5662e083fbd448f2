"""The plain data that flows between the stages, and its JSON form (`newsdesk.analysis/1`).

Every item that points at text carries `start`/`end`: Python string indices, end exclusive, into
`Page.text`, the text exactly as read. Nothing here knows about any library: the stages pass these
dataclasses and nothing else, so each stage can be tested and replaced on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "newsdesk.analysis/1"

PageFormat = Literal["text", "html"]

#: What the cleaner may mark as not article text (schema: `removed[].kind`).
REMOVED_KINDS = frozenset({"boilerplate", "link_residue", "teaser", "caption", "duplicate"})
#: Text kept but not body text (schema: `structure[].kind`).
STRUCTURE_KINDS = frozenset({"subheading", "highlights", "headline"})
#: Defects of the page (schema: `flags[].kind`).
FLAG_KINDS = frozenset({"truncated_start", "truncated_end", "unbalanced_quote", "mojibake", "encoding"})
#: Layout the reader could tell apart in the source (HTML headings, list items, captions…).
HINT_KINDS = frozenset({"heading", "list_item", "caption", "paragraph", "quote", "table"})


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled `[start, end)` range of `Page.text`; `detail` says more where a kind needs it."""

    start: int
    end: int
    kind: str
    detail: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span [{self.start}, {self.end}) of kind {self.kind!r} is not a range")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "kind": self.kind}
        if self.detail is not None:
            out["detail"] = self.detail
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["kind"]), data.get("detail"))


@dataclass(frozen=True, slots=True)
class Page:
    """One page as read: `text` never changes after this.

    `hints` are layout facts the reader saw in the source (an HTML `<h2>`, `<li>`, `<figcaption>`);
    `flags` are defects found while reading (an encoding other than UTF-8).
    `reference_date_source` says where `reference_date` came from: `option`, `record` (a JSONL
    `date` field) or `page` (the page's own publication date); None when there is no date.
    """

    source: str
    text: str
    format: PageFormat = "text"
    reference_date: dt.date | None = None
    reference_date_source: str | None = None
    encoding: str = "utf-8"
    title: str | None = None
    hints: tuple[Span, ...] = ()
    flags: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Cleaning:
    """What the cleaner found: noise (`removed`), kept non-body text (`structure`), defects (`flags`)."""

    removed: tuple[Span, ...] = ()
    structure: tuple[Span, ...] = ()
    flags: tuple[Span, ...] = ()
    #: The units the cleaner judged (paragraphs, or lines where the page has one paragraph a line),
    #: white space trimmed; later stages reuse them instead of splitting the text again.
    blocks: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of text that names where a story came from, and how much it counts."""

    start: int
    end: int
    kind: str  # dateline, self_reference, wire_tag, link_residue, house_spelling, byline
    agency: str
    weight: float

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "agency": self.agency,
                "weight": self.weight}


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline such as "KYIV, May 22 (Reuters) –".

    `date` is ISO 8601 as TimeML writes it: `2022-05-22`, or `XXXX-05-22` when no reference date
    tells the year; None when the dateline carries no date.
    """

    start: int
    end: int
    place: str | None
    date: str | None
    agency: str | None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "place": self.place, "date": self.date,
                "agency": self.agency}


@dataclass(frozen=True, slots=True)
class Story:
    """One report the page was stitched from; `origin` is None when no evidence names it."""

    start: int
    end: int
    title: str | None = None
    origin: str | None = None
    evidence: tuple[Evidence, ...] = ()
    dateline: Dateline | None = None
    #: Why the story starts where it does (`page_start`, `dateline`, `agency_change`, `truncation`,
    #: `spelling_change`, `topic`, …): the splitter's reasons, kept for the reader and the tests.
    boundary: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "origin": self.origin,
            "evidence": [e.to_json() for e in self.evidence],
            "dateline": self.dateline.to_json() if self.dateline else None,
            "boundary": list(self.boundary),
        }


EntityType = Literal["PERSON", "PLACE", "ORG"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that names an entity, as the extractor found it (nothing resolved yet).

    `label` is what found it: the tagger's own label (`PERSON`, `GPE`, …) or `gazetteer`; `story` the
    index of the story it sits in (a mention never crosses a story boundary)."""

    start: int
    end: int
    text: str
    type: EntityType
    label: str
    story: int


@dataclass(frozen=True, slots=True)
class Entity:
    """People, places, organisations: one entity however it is spelled on the page.

    Places carry where they are (`lat`, `lon`, `country` as ISO 3166 alpha-2, `gazetteer_id` such as
    `geonames:703448`); all four are None when the gazetteer could not tell, never a guess."""

    id: str
    label: str
    type: EntityType
    mentions: tuple[tuple[int, int], ...]
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    gazetteer_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label, "type": self.type,
                               "mentions": [{"start": s, "end": e} for s, e in self.mentions]}
        if self.type == "PLACE":
            out.update(lat=self.lat, lon=self.lon, country=self.country, gazetteer_id=self.gazetteer_id)
        return out


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything newsdesk knows about one page; `to_json()` is the `newsdesk.analysis/1` object.

    The facets whose stages have not landed yet (quotes, claims, times, events) are plain JSON-ready
    dicts; every facet is always a tuple, never None.
    """

    page: Page
    cleaning: Cleaning
    stories: tuple[Story, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[dict[str, Any], ...] = ()
    claims: tuple[dict[str, Any], ...] = ()
    times: tuple[dict[str, Any], ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        page = self.page
        return {
            "schema": SCHEMA,
            "source": page.source,
            "format": page.format,
            "encoding": page.encoding,
            "title": page.title,
            "text": page.text,
            "reference_date": page.reference_date.isoformat() if page.reference_date else None,
            "reference_date_source": page.reference_date_source,
            "removed": _spans(self.cleaning.removed),
            "structure": _spans(self.cleaning.structure),
            "flags": _spans(sorted((*page.flags, *self.cleaning.flags), key=_order)),
            "stories": [s.to_json() for s in self.stories],
            "entities": [e.to_json() for e in self.entities],
            "quotes": list(self.quotes),
            "claims": list(self.claims),
            "times": list(self.times),
            "events": list(self.events),
            **self.extra,
        }


def _order(span: Span) -> tuple[int, int, str]:
    return (span.start, span.end, span.kind)


def _spans(spans: Iterable[Span]) -> list[dict[str, Any]]:
    return [s.to_json() for s in sorted(spans, key=_order)]


def covered(spans: Sequence[Span], start: int, end: int) -> int:
    """How many characters of `[start, end)` the spans cover (overlaps counted once)."""
    marks = sorted((max(s.start, start), min(s.end, end)) for s in spans if s.end > start and s.start < end)
    total, reach = 0, start
    for lo, hi in marks:
        lo = max(lo, reach)
        if hi > lo:
            total += hi - lo
            reach = hi
    return total
