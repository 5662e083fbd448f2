"""The plain data that flows between the stages, and its JSON form (`newsdesk.analysis/1`).

Every item that points at text carries `start`/`end`: Python string indices, end exclusive, into
`Page.text`, the text exactly as read. Nothing here knows about any library: the stages pass these
dataclasses and nothing else, so each stage can be tested and replaced on its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "newsdesk.analysis/1"

PageFormat = Literal["text", "html"]

#: What the cleaner may mark as not article text (schema: `removed[].kind`).
REMOVED_KINDS = frozenset({"boilerplate", "link_residue", "teaser", "caption", "duplicate", "credit"})
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
class PageMeta:
    """What an HTML page's markup says about itself and where its story came from (never its text).

    `site_name` is the republishing site's own name (og:site_name, application-name, JSON-LD
    publisher); `canonical_url` and `og_url` where the page says its text lives; `syndication_source`
    and `original_source` Google News' meta tags naming the original; `based_on`,
    `source_organizations`, `publishers` and `authors` the names and URLs a JSON-LD NewsArticle gives.
    """

    site_name: str | None = None
    canonical_url: str | None = None
    og_url: str | None = None
    syndication_source: str | None = None
    original_source: str | None = None
    based_on: tuple[str, ...] = ()
    source_organizations: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()


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
    #: Where the page was fetched from, when the input said (a JSONL `url`, a WARC target URI).
    url: str | None = None
    #: What an HTML page's markup says about the site and the story's source; None for plain text.
    meta: PageMeta | None = None


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
    kind: str  # credit, byline, dateline, self_reference, sign_off, interview, citation, link_residue, house_spelling
    agency: str
    weight: float
    #: Why it counts as much as it does, in words ("a credit line (appeared first) naming the story above it").
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "agency": self.agency,
                "weight": self.weight, "why": self.why}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(int(data["start"]), int(data["end"]), str(data["kind"]), str(data["agency"]),
                   float(data["weight"]), str(data.get("why") or ""))


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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dateline:
        return cls(int(data["start"]), int(data["end"]), data.get("place"), data.get("date"), data.get("agency"))


@dataclass(frozen=True, slots=True)
class Story:
    """One report the page was stitched from; `origin` is None when no evidence names it."""

    start: int
    end: int
    title: str | None = None
    origin: str | None = None
    evidence: tuple[Evidence, ...] = ()
    dateline: Dateline | None = None
    #: Why the story starts where it does (`page_start`, `credit`, `dateline`, `agency_change`, `truncation`,
    #: `spelling_change`, `topic`, …): the splitter's reasons, kept for the reader and the tests.
    boundary: tuple[str, ...] = ()
    #: Every outlet the evidence named, with its weighed total, highest first: when `origin` is None
    #: these are the candidates the evidence could not choose between.
    candidates: tuple[tuple[str, float], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "origin": self.origin,
            "evidence": [e.to_json() for e in self.evidence],
            "origin_candidates": [{"outlet": name, "score": score} for name, score in self.candidates],
            "dateline": self.dateline.to_json() if self.dateline else None,
            "boundary": list(self.boundary),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Story:
        dateline = data.get("dateline")
        return cls(int(data["start"]), int(data["end"]), data.get("title"), data.get("origin"),
                   tuple(Evidence.from_json(e) for e in data.get("evidence", ())),
                   Dateline.from_json(dateline) if dateline else None, tuple(data.get("boundary", ())),
                   tuple((str(c["outlet"]), float(c["score"])) for c in data.get("origin_candidates", ())))


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
class PlaceCandidate:
    """One place a toponym might be, as the gazetteer scored it against the page's context."""

    name: str
    country: str | None
    lat: float
    lon: float
    score: float
    gazetteer_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "score": round(self.score, 4), "gazetteer_id": self.gazetteer_id}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlaceCandidate:
        return cls(str(data["name"]), data.get("country"), float(data["lat"]), float(data["lon"]),
                   float(data.get("score", 0.0)), data.get("gazetteer_id"))


@dataclass(frozen=True, slots=True)
class Entity:
    """People, places, organisations: one entity however it is spelled on the page.

    Places carry where they are (`lat`, `lon`, `country` as ISO 3166 alpha-2, `gazetteer_id` such as
    `geonames:703448`); all four are None when the gazetteer could not tell, never a guess. A street or
    building no gazetteer lists ("Royal Street") has the point of the town its story names most, and
    `within` says which gazetteer place that is (its `gazetteer_id` stays None)."""

    id: str
    label: str
    type: EntityType
    mentions: tuple[tuple[int, int], ...]
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    gazetteer_id: str | None = None
    within: str | None = None
    #: An unresolved place's best candidates, best first (empty when resolved or when none was close).
    candidates: tuple[PlaceCandidate, ...] = ()
    #: Why the type and, for a place, the point are what they are, in words ("dateline country",
    #: "tied candidates: left unresolved"); empty when nothing needs saying.
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label, "type": self.type,
                               "mentions": [{"start": s, "end": e} for s, e in self.mentions]}
        if self.type == "PLACE":
            out.update(lat=self.lat, lon=self.lon, country=self.country, gazetteer_id=self.gazetteer_id,
                       within=self.within, candidates=[c.to_json() for c in self.candidates])
        if self.why:
            out["why"] = self.why
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        return cls(str(data["id"]), str(data["label"]), data["type"],
                   tuple((int(m["start"]), int(m["end"])) for m in data.get("mentions", ())),
                   data.get("lat"), data.get("lon"), data.get("country"), data.get("gazetteer_id"),
                   data.get("within"), tuple(PlaceCandidate.from_json(c) for c in data.get("candidates") or ()),
                   str(data.get("why") or ""))


QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone said: `start`/`end` cover the quoted or reported words (quotation marks excluded).

    `cue` and `source` are the spans of the verb ("said") and of the words naming the speaker as written
    ("he", "the officer"), None where the text has none; `antecedent` is what a pronoun or a short
    description resolves to (the first mention of "the Russian junior officer" in the story), None when
    the source names the speaker itself; `speaker` is the entity id the linker gave the speaker,
    None when the speaker is not an entity. `story` is the index of the story the quote sits in;
    `unbalanced` says a quotation mark was never closed (the quote then runs to the paragraph's end).
    """

    start: int
    end: int
    kind: QuoteKind
    story: int
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    antecedent: tuple[int, int] | None = None
    speaker: str | None = None
    unbalanced: bool = False
    #: The organisation a described speaker speaks for ("EDS" in "an EDS spokesman"), None where none.
    organisation: tuple[int, int] | None = None
    #: Who a pronoun source may mean when the text leaves it open (two people equally near): the
    #: antecedent is then None and these are the people it may be, in text order.
    candidates: tuple[tuple[int, int], ...] = ()

    @property
    def speaker_span(self) -> tuple[int, int] | None:
        """The words that best name the speaker: the antecedent of "he", else the source itself."""
        return self.antecedent or self.source

    def to_json(self, text: str) -> dict[str, Any]:
        who = self.speaker_span
        return {
            "start": self.start, "end": self.end, "kind": self.kind, "speaker": self.speaker,
            "speaker_text": text[who[0]:who[1]] if who else None,
            "speaker_start": who[0] if who else None,
            "speaker_end": who[1] if who else None,
            "source_text": text[self.source[0]:self.source[1]] if self.source else None,
            "source_start": self.source[0] if self.source else None,
            "source_end": self.source[1] if self.source else None,
            "cue": text[self.cue[0]:self.cue[1]] if self.cue else None,
            "cue_start": self.cue[0] if self.cue else None,
            "cue_end": self.cue[1] if self.cue else None,
            "unbalanced": self.unbalanced,
            "organisation_text": text[self.organisation[0]:self.organisation[1]] if self.organisation else None,
            "organisation_start": self.organisation[0] if self.organisation else None,
            "organisation_end": self.organisation[1] if self.organisation else None,
            "speaker_candidates": [{"text": text[a:b], "start": a, "end": b} for a, b in self.candidates],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], story: int) -> Quote:
        """`story` is not in the JSON form: the caller finds it from the stories' spans."""
        source = _pair(data, "source")
        speaker = _pair(data, "speaker")
        return cls(int(data["start"]), int(data["end"]), data["kind"], story, cue=_pair(data, "cue"),
                   source=source, antecedent=speaker if speaker != source else None,
                   speaker=data.get("speaker"), unbalanced=bool(data.get("unbalanced", False)),
                   organisation=_pair(data, "organisation"),
                   candidates=tuple((int(c["start"]), int(c["end"])) for c in data.get("speaker_candidates") or ()))


def _pair(data: dict[str, Any], name: str) -> tuple[int, int] | None:
    start, end = data.get(f"{name}_start"), data.get(f"{name}_end")
    return (int(start), int(end)) if start is not None and end is not None else None


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric statement a reader might check: "50 to 100 Ukrainians are dying every day".

    `low`/`high` are the bounds (equal for an exact count, None where open: "as many as 100" has no
    low); `per` the rate's period (`day`, `week`, …) or None; `unit` what is counted ("Ukrainians");
    `speaker` the claimant's entity id (from the quote it sits in, or "according to X") and `about`
    the entity it concerns, None when the text does not say. `same_as` is the `id` of an earlier claim
    of the page that states the same figure, None for the first statement.
    """

    id: str
    start: int
    end: int
    low: float | None
    high: float | None
    story: int
    per: str | None = None
    unit: str | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    about: str | None = None
    same_as: str | None = None
    kind: str = "count"  # count, range, bound, vague, money, percent, population

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "low": _number(self.low),
                "high": _number(self.high), "per": self.per, "unit": self.unit, "speaker": self.speaker,
                "speaker_text": self.speaker_text, "about": self.about, "same_as": self.same_as,
                "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any], story: int) -> Claim:
        low, high = data.get("low"), data.get("high")
        return cls(str(data["id"]), int(data["start"]), int(data["end"]),
                   float(low) if low is not None else None, float(high) if high is not None else None, story,
                   data.get("per"), data.get("unit"), data.get("speaker"), data.get("speaker_text"),
                   data.get("about"), data.get("same_as"), data.get("kind", "count"))


def _number(value: float | None) -> float | int | None:
    """Whole numbers as ints in JSON (`100`, not `100.0`), so readers compare them exactly."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and its value as TimeML writes it (`2022-05-22`, `2022-W20`, `P3M`, `XXXX-05-22`).

    `type` is TimeML's: DATE, TIME, DURATION, SET. `anchor` says what a relative expression was resolved
    against (`narrative`, `dateline`, `reference`), None for an absolute one; `value` is None when the
    expression names an impossible date ("32 March"), which `problem` then explains.
    """

    start: int
    end: int
    type: str
    value: str | None
    story: int
    anchor: str | None = None
    problem: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "type": self.type, "value": self.value,
                               "anchor": self.anchor}
        if self.problem is not None:
            out["problem"] = self.problem
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any], story: int) -> TimeExpression:
        return cls(int(data["start"]), int(data["end"]), str(data["type"]), data.get("value"), story,
                   data.get("anchor"), data.get("problem"))


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening for the timeline: `what` is a short clause (who did what) from the sentence
    at `[start, end)`; `where` a place entity id or None."""

    date: str
    what: str
    start: int
    end: int
    story: int
    where: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "what": self.what, "where": self.where, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any], story: int) -> Event:
        return cls(str(data["date"]), str(data["what"]), int(data["start"]), int(data["end"]), story,
                   data.get("where"))


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything newsdesk knows about one page; `to_json()` is the `newsdesk.analysis/1` object.

    Every facet is always a tuple, never None.
    """

    page: Page
    cleaning: Cleaning
    stories: tuple[Story, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        page = self.page
        return {
            "schema": SCHEMA,
            "source": page.source,
            "url": page.url,
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
            "quotes": [q.to_json(page.text) for q in self.quotes],
            "claims": [c.to_json() for c in self.claims],
            "times": [t.to_json() for t in self.times],
            "events": [e.to_json() for e in self.events],
            **self.extra,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        """The inverse of `to_json` for what a reader needs (a store's `show`). Layout hints are not in
        the JSON form, and the page's own flags come back among the cleaner's."""
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} object (schema: {data.get('schema')!r})")
        date = data.get("reference_date")
        page = Page(source=str(data["source"]), text=str(data["text"]), format=data.get("format", "text"),
                    reference_date=dt.date.fromisoformat(date) if date else None,
                    reference_date_source=data.get("reference_date_source"),
                    encoding=data.get("encoding", "utf-8"), title=data.get("title"), url=data.get("url"))
        stories = tuple(Story.from_json(s) for s in data.get("stories", ()))
        starts = [s.start for s in stories]

        def story_of(item: dict[str, Any]) -> int:
            return max(0, bisect.bisect_right(starts, int(item["start"])) - 1)

        cleaning = Cleaning(removed=tuple(Span.from_json(s) for s in data.get("removed", ())),
                            structure=tuple(Span.from_json(s) for s in data.get("structure", ())),
                            flags=tuple(Span.from_json(s) for s in data.get("flags", ())))
        known = {"schema", "source", "url", "format", "encoding", "title", "text", "reference_date",
                 "reference_date_source", "removed", "structure", "flags", "stories", "entities", "quotes",
                 "claims", "times", "events"}
        return cls(page=page, cleaning=cleaning, stories=stories,
                   entities=tuple(Entity.from_json(e) for e in data.get("entities", ())),
                   quotes=tuple(Quote.from_json(q, story_of(q)) for q in data.get("quotes", ())),
                   claims=tuple(Claim.from_json(c, story_of(c)) for c in data.get("claims", ())),
                   times=tuple(TimeExpression.from_json(t, story_of(t)) for t in data.get("times", ())),
                   events=tuple(Event.from_json(e, story_of(e)) for e in data.get("events", ())),
                   extra={k: v for k, v in data.items() if k not in known})


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
