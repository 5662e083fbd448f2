"""report.items: the situation report as plain records (`SituationReport` and its lines), their JSON
form, and `figure_text`, the one way the report writes a claim's figure (the terminal, Markdown and the
API's reports all show it).

`SituationReport.to_json()` (schema `newsdesk.report.build/1`):

    {"schema": "newsdesk.report.build/1", "query": str, "date_from": "YYYY-MM-DD"|null, "date_to": …|null,
     "pages_matched": int,            # pages the search returned
     "pages_used": int,               # of those, pages that gave the report at least one line
     "empty": bool, "message": str|null,     # message says why the report is empty
     "places": [Subject], "actors": [Subject], "events": [Event], "claims": [Claim],
     "contradictions": [{"thing": str, "difference": float, "claims": [Claim, Claim]}]}
    Subject = {"key": str, "label": str, "type": "PLACE"|"PERSON"|"ORG", "pages": int, "mentions": int,
               "sentences": [Sentence]}                 # newest first
    Sentence = {"text": str, "date": "YYYY-MM-DD"|null, "origins": [str], "sources": [Source]}
    Source = {"page_id": str, "start": int, "end": int}
    Event = Sentence + {"what": str, "where": str|null}     # date is the event's day
    Claim = Sentence + {"figure": str, "low": num|null, "high": num|null, "per": str|null, "unit": str|null,
                        "kind": str, "claimant": str|null, "reported_by": str|null}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

#: The JSON form's schema name (kept from when the report was one module, `newsdesk.report.build`).
SCHEMA = "newsdesk.report.build/1"


def figure_text(low: float | None, high: float | None, unit: str | None = None, per: str | None = None) -> str:
    """A claim's figure as a reader checks it: its bounds ("9", "50–100", "≥14" with no upper bound,
    "≤100" with no lower), then its unit and period ("9 people", "5 % per day"); "?" for a missing bound."""
    low_text, high_text = _number_text(low), _number_text(high)
    if low is not None and high is not None:
        value = low_text if low == high else f"{low_text}–{high_text}"
    else:
        value = f"≥{low_text}" if low is not None else f"≤{high_text}"
    return value + (f" {unit}" if unit else "") + (f" per {per}" if per else "")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a sentence was written: `[start, end)` of that page's analysed text."""

    page_id: str
    start: int
    end: int
    #: The copy's own words where they differ from the line's (a near-identical copy: another spelling,
    #: a changed figure); None where the page has the line's text exactly.
    text: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page_id": self.page_id, "start": self.start, "end": self.end}
        if self.text is not None:
            out["text"] = self.text
        return out


@dataclass(frozen=True, slots=True)
class ReportSentence:
    """One sentence as written, once however many pages carry it; `date` is what it is dated by."""

    text: str
    date: dt.date | None
    sources: tuple[Source, ...]
    origins: tuple[str, ...] = ()
    #: Independent origins that carry it: copies of one passage (one copy cluster of the reuse links)
    #: count once, and so do copies from one outlet; an unattributed copy with no reuse link, once a page.
    confirmations: int = 1
    #: The independent units behind `confirmations` (not part of the JSON form).
    units: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "date": _iso(self.date), "origins": list(self.origins),
                "confirmations": self.confirmations, "sources": [s.to_json() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class SubjectState:
    """A place or an actor, and its newest sentences (newest first)."""

    key: str
    label: str
    type: str
    pages: int
    mentions: int
    sentences: tuple[ReportSentence, ...]

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "type": self.type, "pages": self.pages,
                "mentions": self.mentions, "sentences": [s.to_json() for s in self.sentences]}


@dataclass(frozen=True, slots=True)
class EventItem:
    """A dated happening: `what` is the events stage's short clause, `sentence` the sentence it is from."""

    date: dt.date
    what: str
    where: str | None
    sentence: ReportSentence
    #: Other sentences, in other words, reporting the same happening (same day, same place, the same
    #: content words): each with its own sources.
    also: tuple[ReportSentence, ...] = ()

    @property
    def confirmations(self) -> int:
        """Independent origins across the sentence and the ones that report the same happening."""
        return len({u for s in (self.sentence, *self.also) for u in _units_of(s)}) or 1

    def to_json(self) -> dict[str, Any]:
        return {**self.sentence.to_json(), "date": self.date.isoformat(), "what": self.what, "where": self.where,
                "confirmations": self.confirmations, "also": [s.to_json() for s in self.also]}


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A numeric claim: `figure` as written, its bounds, who claims it, and the sentence it is in."""

    figure: str
    low: float | None
    high: float | None
    per: str | None
    unit: str | None
    kind: str
    claimant: str | None
    reported_by: str | None
    sentence: ReportSentence
    #: Entity keys the sentence names, the `about` entity's key, and the clause's content stems: what
    #: `same_thing` compares (not part of the JSON form).
    entities: frozenset[str] = frozenset()
    about: str | None = None
    predicate: frozenset[str] = frozenset()

    @property
    def date(self) -> dt.date | None:
        return self.sentence.date

    def value_text(self) -> str:
        """The figure as a reader checks it (`figure_text`): "9 people", "≥14", "50–100", "≤100"."""
        return figure_text(self.low, self.high, self.unit, self.per)

    def to_json(self) -> dict[str, Any]:
        return {**self.sentence.to_json(), "figure": self.figure, "low": _json_number(self.low),
                "high": _json_number(self.high), "per": self.per, "unit": self.unit, "kind": self.kind,
                "claimant": self.claimant, "reported_by": self.reported_by}


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two claims about the same thing whose figures disagree; `difference` is relative (0.36: 36 %)."""

    thing: str
    difference: float
    first: ClaimItem
    second: ClaimItem

    def to_json(self) -> dict[str, Any]:
        return {"thing": self.thing, "difference": round(self.difference, 3),
                "claims": [self.first.to_json(), self.second.to_json()]}


@dataclass(frozen=True, slots=True)
class SituationReport:
    """Where things stand on `query`: the subjects' newest sentences, dated events, claims and the
    contradictions among them, over the `pages_matched` pages the search found (`pages_used` gave a line)."""

    query: str
    date_from: dt.date | None
    date_to: dt.date | None
    pages_matched: int
    pages_used: int
    places: tuple[SubjectState, ...] = ()
    actors: tuple[SubjectState, ...] = ()
    events: tuple[EventItem, ...] = ()
    claims: tuple[ClaimItem, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.places or self.actors or self.events or self.claims)

    @property
    def message(self) -> str | None:
        """Why the report is empty, in words; None when it is not."""
        if not self.empty:
            return None
        window = window_text(self.date_from, self.date_to)
        if self.pages_matched == 0:
            return f"no page in the store matches {self.query!r}{window}"
        return (f"{self.pages_matched} pages match {self.query!r}{window}, but none has a sentence, event or claim "
                f"dated in the window")

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "query": self.query, "date_from": _iso(self.date_from),
                "date_to": _iso(self.date_to), "pages_matched": self.pages_matched, "pages_used": self.pages_used,
                "empty": self.empty, "message": self.message,
                "places": [p.to_json() for p in self.places], "actors": [a.to_json() for a in self.actors],
                "events": [e.to_json() for e in self.events], "claims": [c.to_json() for c in self.claims],
                "contradictions": [c.to_json() for c in self.contradictions]}


def window_text(date_from: dt.date | None, date_to: dt.date | None) -> str:
    """The report's window in words, with a leading space ("" without one): " from 2023-03-01 to …"."""
    if date_from and date_to:
        return f" from {date_from} to {date_to}"
    if date_from:
        return f" from {date_from}"
    if date_to:
        return f" up to {date_to}"
    return ""


def _units_of(sentence: ReportSentence) -> frozenset[str]:
    return sentence.units or frozenset(f"page:{s.page_id}" for s in sentence.sources)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _json_number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _number_text(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


__all__ = ["SCHEMA", "ClaimItem", "Contradiction", "EventItem", "ReportSentence", "SituationReport", "Source",
           "SubjectState", "figure_text", "window_text"]
