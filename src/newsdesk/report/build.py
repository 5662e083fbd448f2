"""report: where things stand on a query — an extractive situation report over the corpus.

    report = build_report(store, "Kramatorsk", date_from=dt.date(2023, 3, 1), date_to=dt.date(2023, 3, 31))
    print(report.to_markdown())          # or report.to_json()

Every line of the report is a sentence as the source wrote it (never generated), with `sources`: the
`{page_id, start, end}` of each place it was written, offsets into that page's analysed text
(`analysis["text"][start:end]` is the sentence). Sentences that copied pages repeat (near-identical:
case, spacing and punctuation aside, or a fuzzy ratio of at least `ReportConfig.near_duplicate`) count
once, with every source.

What is read: the pages the store's full-text search finds for the query (`max_pages`, best first,
dated in the window when one is given); of each page, the stories that contain the query's words (a
stitched page also carries unrelated reports), or all its stories when none does (the engine matched
a stem or a spelling the literal words miss).

Sections:

* **places** / **actors** — the most-mentioned places, and people and organisations (not the news
  agencies themselves), across the pages read; for each, its newest sentences. A sentence's date is
  the latest day a time expression in it resolves to, not after its story's date (a plan for next week
  is dated by the report that announced it), else its story's date (dateline, else the page's date).
* **events** — the pipeline's dated events in the window, by date; one per sentence (a sentence that
  dates two things keeps its earliest: the happening, not the saying of it).
* **claims** — the numeric claims, with bounds, unit, claimant (the speaker the claims stage found,
  else nobody: `reported_by` is then the agency that carries it) and date.
* **contradictions** — pairs of claims about the same thing whose figures disagree. "The same thing"
  (see `same_thing`): the same kind of figure (counts with counts, money in one currency, percentages),
  the same period for a rate, the same unit ("people" and "person" agree; "people" and "soldiers" do
  not), the same thing counted for (the `about` entity when both name one; otherwise a person, place or
  organisation both sentences name), the same predicate (a content word shared by the two clauses
  around the figures: "killing nine people" and "14 people were killed" share "kill"; "were injured"
  does not), and dates at most `claim_days` apart. They disagree when their ranges, each widened by
  `tolerance` (relative), do not overlap: "nine" and "at least 14" disagree, "about 100" and "98" do
  not.

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

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from newsdesk.analysis.bounded import BoundedPipe
from newsdesk.errors import ConfigError, check_numbers
from newsdesk.model import Analysis, Claim, Story
from newsdesk.store import SearchQuery, Store
from newsdesk.store.query import query_parts
from newsdesk.text.keys import translit_key

__all__ = ["ClaimItem", "Contradiction", "EventItem", "ReportConfig", "ReportSentence", "SituationReport", "Source",
           "SubjectState", "build_report", "report_from_analyses", "same_thing"]

SCHEMA = "newsdesk.report.build/1"

_DAY = re.compile(r"(\d{4}-\d\d-\d\d)")
#: A label that cannot be a subject: a preposition left on a name ("In Kyiv").
_NOT_ACTOR = re.compile(r"(?:In|On|At|From|To|By|For|Of|With|Near|Inside|Outside)\s+[A-Z]")
#: A clock time opening a sentence, glued or spaced: a live blog's entry stamp ("00:58Rescuers…").
_LEADING_STAMP = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*(?:GMT|BST|UTC|CET))?\s*(?=[A-Z“\"‘])")
_WORD = re.compile(r"\w+")
# Where a clause ends inside a sentence: the predicate of a figure is looked for between these.
_CLAUSE_BREAK = re.compile(r"[,;:—–()\"“”]|\s-\s")
# An opening quotation mark spaCy's sentencizer left at the end of the sentence before it (straight
# quotes do not say whether they open or close): it belongs to the next sentence.
_DANGLING_OPEN_QUOTE = re.compile(r"\s+[\"“‘']+$")
# Stems of the verbs and nouns that report speech ("said", "according to", "officials told"): shared by
# claims about anything, so never what makes two claims about the same thing.
_SPEECH = frozenset("said say told tell add according report claim stat announc confirm estimat official "
                    "spokesman spokeswoman spokesperson".split())
# Nouns that say where, as names do ("killed in the city", "a city of 1.5 million"): not what is counted.
_WHERE = frozenset("city town village country region area capital district province state nation border".split())


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """How much the report shows and how it judges claims; defaults in one place."""

    #: Places, and actors, the report gives the state of.
    subjects: int = 5
    #: Newest sentences kept for each place and actor.
    sentences_per_subject: int = 3
    events: int = 40
    claims: int = 60
    contradictions: int = 20
    #: Relative slack on each side of a figure before two figures disagree (0.1: 100 and 108 agree).
    tolerance: float = 0.1
    #: Claims dated further apart than this many days are not about the same moment (a running count
    #: a week later is an update, not a contradiction).
    claim_days: int = 2
    #: rapidfuzz ratio (0–100) at which two sentences are one sentence copied.
    near_duplicate: float = 90.0
    #: Sentences read on each side of one that names the query (the rest of a long story is off topic).
    context_sentences: int = 2

    def __post_init__(self) -> None:
        check_numbers(self, "report", ("subjects", "sentences_per_subject", "events", "claims", "contradictions"),
                      whole=True, minimum=1)
        check_numbers(self, "report", ("claim_days", "context_sentences"), whole=True)
        check_numbers(self, "report", ("tolerance", "near_duplicate"))
        if self.near_duplicate > 100:
            raise ConfigError("ND-E011", f"report.near_duplicate is a ratio from 0 to 100, not {self.near_duplicate}")


# ---------------------------------------------------------------------------------------------------------
# the report's plain data


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
        """The bounds as a reader checks them: "9", "≥14", "50–100", "≤100"."""
        low, high = _number_text(self.low), _number_text(self.high)
        if self.low is not None and self.high is not None:
            value = low if self.low == self.high else f"{low}–{high}"
        else:
            value = f"≥{low}" if self.low is not None else f"≤{high}"
        return value + (f" {self.unit}" if self.unit else "") + (f" per {self.per}" if self.per else "")

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
        window = _window_text(self.date_from, self.date_to)
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

    def to_markdown(self) -> str:
        lines = [f"# Situation report: {self.query}", ""]
        window = _window_text(self.date_from, self.date_to).strip()
        lines += [f"*{self.pages_matched} pages matched, {self.pages_used} used{', ' + window if window else ''}.*",
                  ""]
        if self.empty:
            lines += [f"Nothing to report: {self.message}.", ""]
            return "\n".join(lines)
        for title, subjects in (("Where things stand: places", self.places), ("Where things stand: actors",
                                                                              self.actors)):
            if not subjects:
                continue
            lines += [f"## {title}", ""]
            for subject in subjects:
                lines += [f"### {subject.label} ({subject.type.lower()}, {subject.pages} page"
                          f"{'s' if subject.pages != 1 else ''})", ""]
                lines += [f"- {_md_date(s.date)} — {_md_quote(s.text)}{_md_confirmed(s.confirmations)} {_md_sources(s)}"
                          for s in subject.sentences]
                if not subject.sentences:
                    lines.append("- named only in sentences listed under another subject")
                lines.append("")
        if self.events:
            lines += ["## Key dated events", ""]
            for e in self.events:
                lines.append(f"- **{e.date.isoformat()}** — {_md_escape(e.what)}: {_md_quote(e.sentence.text)}"
                             f"{_md_confirmed(e.confirmations)} {_md_sources(e.sentence)}")
                lines += [f"  - also: {_md_quote(a.text)} {_md_sources(a)}" for a in e.also]
            lines.append("")
        if self.claims:
            lines += ["## Claims", "", "| date | figure | claimant | reported by | sentence |",
                      "| --- | --- | --- | --- | --- |"]
            for c in self.claims:
                lines.append(f"| {_md_date(c.date)} | {_md_cell(c.value_text())} | {_md_cell(c.claimant or '—')} | "
                             f"{_md_cell(c.reported_by or '—')} | {_md_quote(c.sentence.text)} "
                             f"{_md_sources(c.sentence)} |")
            lines.append("")
        if self.contradictions:
            lines += ["## Contradictions", ""]
            for k in self.contradictions:
                lines += [f"### {_md_escape(k.thing)}: {k.first.value_text()} vs {k.second.value_text()}", "",
                          "| | " + " | ".join(_md_cell(_claim_head(c)) for c in (k.first, k.second)) + " |",
                          "| --- | --- | --- |",
                          "| figure | " + " | ".join(_md_cell(c.value_text()) for c in (k.first, k.second)) + " |",
                          "| claimant | " + " | ".join(_md_cell(c.claimant or "—") for c in (k.first, k.second)) + " |",
                          "| reported by | " + " | ".join(_md_cell(c.reported_by or "—")
                                                           for c in (k.first, k.second)) + " |",
                          "| sentence | " + " | ".join(_md_quote(c.sentence.text) + " " + _md_sources(c.sentence)
                                                        for c in (k.first, k.second)) + " |", ""]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------
# building it


def build_report(store: Store, query: str, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 max_pages: int = 200) -> SituationReport:
    """The situation report on `query` from the pages `store` finds for it (best first, at most
    `max_pages`, dated in the window when one is given). Only `Store.search` and `Store.page`: every
    engine does these."""
    _check_request(query, date_from, date_to, max_pages)
    hits = store.search(SearchQuery(text=query, date_from=date_from, date_to=date_to, limit=max_pages))
    pages = [(hit.page_id, store.page(hit.page_id).to_analysis()) for hit in hits]
    copies: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for page_id, start, end, cluster in store.reuse_spans([p for p, _ in pages]):
        copies[page_id].append((start, end, cluster))
    return report_from_analyses(query, pages, date_from=date_from, date_to=date_to, copies=copies)


def report_from_analyses(query: str, analyses_with_page_ids: Iterable[tuple[str, Analysis]], *,
                         date_from: dt.date | None = None, date_to: dt.date | None = None,
                         config: ReportConfig | None = None,
                         copies: Mapping[str, Sequence[tuple[int, int, int]]] | None = None) -> SituationReport:
    """The report over analysed pages given with their page ids (most relevant first), no store needed.
    `copies`: each page's reuse spans (start, end, copy cluster), which tell copies of one passage apart
    from independent reports."""
    pages = list(analyses_with_page_ids)
    _check_request(query, date_from, date_to, max(1, len(pages)))
    return _Builder(config or ReportConfig(), query, date_from, date_to, copies or {}).build(pages)


def _check_request(query: str, date_from: dt.date | None, date_to: dt.date | None, max_pages: int) -> None:
    if not isinstance(query, str) or not query_parts(query):
        raise ConfigError("ND-E030", f"report query {query!r} has no words to search for")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ConfigError("ND-E030", f"report window starts ({date_from}) after it ends ({date_to})")
    if isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1:
        raise ConfigError("ND-E030", f"report max_pages must be a whole number >= 1, not {max_pages!r}")


@dataclass(slots=True)
class _Sentence:
    """A sentence of one page, before near-duplicates across pages are merged."""

    page_id: str
    start: int
    end: int
    text: str
    date: dt.date | None
    origin: str | None
    #: Orders copies and equals: newer page first, then earlier in its page (a lede before a detail).
    page_date: dt.date | None
    #: What makes it independent of other copies: its copy cluster, else its outlet, else its page.
    unit: str = ""
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = " ".join(_WORD.findall(self.text.casefold()))


@dataclass(slots=True)
class _Tally:
    labels: Counter[str] = field(default_factory=Counter)
    type: str = ""
    pages: set[str] = field(default_factory=set)
    mentions: int = 0
    sentences: list[_Sentence] = field(default_factory=list)
    #: (page id, start) of the sentences listed: a sentence naming a subject twice is listed once.
    listed: set[tuple[str, int]] = field(default_factory=set)
    #: (page id, sentence start) → how far into the sentence the subject is first named.
    first_at: dict[tuple[str, int], int] = field(default_factory=dict)


class _Builder:
    """One report's work. Holds the sentence splitter (spaCy's rule-based sentencizer on a blank English
    pipeline: no model weights, a tenth of a second to build), built per report so nothing is shared."""

    def __init__(self, config: ReportConfig, query: str, date_from: dt.date | None, date_to: dt.date | None,
                 copies: Mapping[str, Sequence[tuple[int, int, int]]]) -> None:
        import spacy  # here, not at import: the API and the CLI load this module before they need it

        self.config, self.query, self.date_from, self.date_to = config, query, date_from, date_to
        self.copies = {page: sorted(spans) for page, spans in copies.items()}
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.alternatives = _alternatives(query)

    def build(self, pages: Sequence[tuple[str, Analysis]]) -> SituationReport:
        tallies: dict[str, _Tally] = defaultdict(_Tally)
        events: list[tuple[dt.date, str, str | None, _Sentence]] = []
        claims: list[tuple[Claim, _Sentence, str | None, frozenset[str], str | None, frozenset[str]]] = []
        seen_pages: set[str] = set()
        for page_id, analysis in pages:
            if page_id in seen_pages:
                continue
            seen_pages.add(page_id)
            self._read_page(page_id, analysis, tallies, events, claims)
        places, actors = self._states(tallies)
        event_items = self._events(events)
        claim_items = self._claims(claims)
        contradictions = self._contradictions(claim_items)
        used = {s.page_id for subject in (*places, *actors) for sentence in subject.sentences for s in sentence.sources}
        used |= {s.page_id for e in event_items for s in e.sentence.sources}
        used |= {s.page_id for c in claim_items for s in c.sentence.sources}
        return SituationReport(self.query, self.date_from, self.date_to, len(seen_pages), len(used), places, actors,
                               event_items, claim_items, contradictions)

    # -- one page
    def _read_page(self, page_id: str, analysis: Analysis, tallies: dict[str, _Tally],
                   events: list[tuple[dt.date, str, str | None, _Sentence]],
                   claims: list[tuple[Claim, _Sentence, str | None, frozenset[str], str | None, frozenset[str]]]
                   ) -> None:
        text = analysis.page.text
        stories = analysis.stories or (Story(0, len(text)),)
        story_dates = [_story_date(s, analysis) for s in stories]
        page_date = max((d for d in story_dates if d), default=None)
        relevant = [i for i, s in enumerate(stories) if self._matches(text[s.start:s.end])]
        focused = bool(relevant)
        if not relevant:
            relevant = list(range(len(stories)))
        noise = sorted((s.start, s.end) for s in analysis.cleaning.removed)
        spans: list[tuple[int, int, int]] = []  # (start, end, story index), in text order
        for i in relevant:
            story_spans = self._split(text, stories[i], noise)
            if focused:
                story_spans = self._near_the_query(text, story_spans)
            spans += [(a, b, i) for a, b in story_spans]
        if not spans:
            return
        starts = [a for a, _, _ in spans]
        days = sorted((t.start, day) for t in analysis.times
                      if t.type in ("DATE", "TIME") and t.value and (day := _day(t.value)) is not None)
        sentences: dict[int, _Sentence] = {}

        def sentence_at(pos: int) -> _Sentence | None:
            k = bisect.bisect_right(starts, pos) - 1
            if k < 0 or pos >= spans[k][1]:
                return None
            if k not in sentences:
                a, b, i = spans[k]
                story_date = story_dates[i]
                inside = [d for s, d in days if a <= s < b and (story_date is None or d <= story_date)]
                origin = stories[i].origin
                unit = self._unit(page_id, a, b, origin)
                sentences[k] = _Sentence(page_id, a, b, text[a:b], max(inside) if inside else story_date,
                                         origin, page_date, unit)
            return sentences[k]

        origin_keys = {translit_key(s.origin) for s in stories if s.origin}
        origin_keys |= {translit_key(e.agency) for s in stories for e in s.evidence}
        entity_keys: dict[str, str] = {}
        sentence_entities: dict[int, set[str]] = defaultdict(set)
        for entity in analysis.entities:
            key = _entity_key(entity.type, entity.label, entity.gazetteer_id)
            if not key or translit_key(entity.label) in origin_keys:
                continue  # the agency that carries a story is not an actor in it
            if entity.type != "PLACE" and _only_sentence_initial(text, entity.label, entity.mentions, starts):
                continue  # "Schools will reopen": a capital that only opens sentences is no evidence of a name
            entity_keys[entity.id] = key
            for start, _end in entity.mentions:
                found = sentence_at(start)
                if found is None:
                    continue
                sentence_entities[found.start].add(key)
                tally = tallies[key]
                tally.labels[entity.label] += 1
                tally.type = entity.type
                tally.pages.add(page_id)
                tally.mentions += 1
                place = (page_id, found.start)
                tally.first_at[place] = min(tally.first_at.get(place, start - found.start), start - found.start)
                if self._in_window(found.date) and place not in tally.listed:
                    tally.listed.add(place)
                    tally.sentences.append(found)
        names = {e.id: e.label for e in analysis.entities}
        for event in analysis.events:
            day = _day(event.date)
            found = sentence_at(event.start)
            if day is None or found is None or not self._in_window(day):
                continue
            events.append((day, event.what, names.get(event.where or ""), found))
        for claim in analysis.claims:
            found = sentence_at(claim.start)
            if claim.same_as is not None or found is None or not self._in_window(found.date):
                continue  # a restatement on the same page is the claim it restates
            claimant = names.get(claim.speaker or "") or claim.speaker_text
            about = entity_keys.get(claim.about or "")
            predicate = _predicate(text, found.start, found.end, claim, claims_speaker=claim.speaker_text)
            claims.append((claim, found, claimant, frozenset(sentence_entities.get(found.start, ())), about,
                           predicate))

    def _unit(self, page_id: str, start: int, end: int, origin: str | None) -> str:
        """A copy cluster whose passage holds most of the sentence, else the outlet, else the page."""
        spans = self.copies.get(page_id, ())
        k = bisect.bisect_right(spans, (start, 2 ** 62, 2 ** 62))
        for a, b, cluster in spans[max(0, k - 8):k][::-1]:
            if a <= start and 2 * (min(b, end) - start) >= end - start:
                return f"copy:{cluster}"
        return f"origin:{translit_key(origin)}" if origin else f"page:{page_id}"

    def _split(self, text: str, story: Story, noise: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The sentences of one story, as `[start, end)` with no white space at either end; the dateline
        is not part of its first sentence, and a sentence mostly inside noise (a caption, a teaser, a
        line the cleaner found twice) is left out."""
        lo = story.start
        if story.dateline is not None and story.dateline.start <= lo + 2:
            lo = max(lo, story.dateline.end)
        paragraphs = [(lo + m.start(), lo + m.end()) for m in re.finditer(r"[^\n]+", text[lo:story.end])]
        out: list[tuple[int, int]] = []
        # BoundedPipe: a paragraph over spaCy's 1,000,000-character limit goes in pieces, offsets kept.
        sentences = BoundedPipe(self.nlp).pipe(text[a:b] for a, b in paragraphs)
        for (p_start, _p_end), doc in zip(paragraphs, sentences, strict=True):
            bounds = [[p_start + s.start_char, p_start + s.end_char] for s in doc.sents]
            for k in range(len(bounds) - 1):
                dangling = _DANGLING_OPEN_QUOTE.search(text, bounds[k][0], bounds[k][1])
                if dangling:
                    bounds[k][1] = dangling.start()
                    bounds[k + 1][0] = dangling.start()
            for a, b in bounds:
                while a < b and (text[a].isspace() or text[a] in "-–—"):
                    a += 1
                stamp = _LEADING_STAMP.match(text, a, b)
                if stamp:
                    a = stamp.end()  # a live blog's "00:58" glued to the sentence is the page's, not the text's
                while b > a and text[b - 1].isspace():
                    b -= 1
                if b - a < 3 or not _WORD.search(text, a, b):
                    continue
                if _covered(noise, a, b) * 2 > b - a:
                    continue
                out.append((a, b))
        return out

    def _near_the_query(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The sentences at most `context_sentences` from one that names a query phrase: a long story (or
        a page the reader could not split) is about more than the query, and the report is not."""
        reach = self.config.context_sentences
        phrases = [p for alternative in self.alternatives for p in alternative]
        hits = [k for k, (a, b) in enumerate(spans) if any(p.search(text, a, b) for p in phrases)]
        return [span for k, span in enumerate(spans) if any(abs(k - h) <= reach for h in hits)]

    def _matches(self, story_text: str) -> bool:
        """Whether a story holds every phrase of one of the query's OR alternatives, as words."""
        return any(all(p.search(story_text) for p in phrases) for phrases in self.alternatives)

    def _in_window(self, day: dt.date | None) -> bool:
        if day is None:
            return self.date_from is None and self.date_to is None
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)

    # -- sections
    def _states(self, tallies: dict[str, _Tally]) -> tuple[tuple[SubjectState, ...], tuple[SubjectState, ...]]:
        """The places and the actors most written about, each with its newest sentences. A sentence is
        listed once, under the subject it is most about: the one it names first (the grammatical subject
        usually comes first), on a tie the one named on fewer pages (the more specific). Then each
        subject's newest sentences among those it owns."""
        def chosen(types: tuple[str, ...]) -> list[str]:
            keys = [k for k, t in tallies.items() if t.type in types and t.sentences
                    and not _NOT_ACTOR.match(t.labels.most_common(1)[0][0])]
            return sorted(keys, key=lambda k: (-len(tallies[k].pages), -tallies[k].mentions, k))[:self.config.subjects]

        places, actors = chosen(("PLACE",)), chosen(("PERSON", "ORG"))
        owner: dict[str, tuple[int, int, str]] = {}  # sentence key → (offset, pages, subject key)
        for key in places + actors:
            tally = tallies[key]
            for x in tally.sentences:
                claim = (tally.first_at.get((x.page_id, x.start), 0), len(tally.pages), key)
                if x.key not in owner or claim < owner[x.key]:
                    owner[x.key] = claim
        states: dict[str, SubjectState] = {}
        for key in places + actors:
            tally = tallies[key]
            mine = [x for x in _newest_first(tally.sentences) if owner[x.key][2] == key]
            merged = self._merge(mine, self.config.sentences_per_subject)
            states[key] = SubjectState(key, tally.labels.most_common(1)[0][0], tally.type, len(tally.pages),
                                       tally.mentions, tuple(merged))
        # A subject whose every sentence is listed under another keeps its place (with its counts): the
        # reader still learns it is among the most written about.
        return tuple(states[k] for k in places), tuple(states[k] for k in actors)

    def _events(self, events: list[tuple[dt.date, str, str | None, _Sentence]]) -> tuple[EventItem, ...]:
        # One per sentence: its earliest date (the happening, before the saying of it); copies merged.
        earliest: dict[tuple[str, int], tuple[dt.date, str, str | None, _Sentence]] = {}
        for item in events:
            place = (item[3].page_id, item[3].start)
            if place not in earliest or item[0] < earliest[place][0]:
                earliest[place] = item
        by_day: dict[dt.date, list[tuple[dt.date, str, str | None, _Sentence]]] = defaultdict(list)
        for item in earliest.values():
            by_day[item[0]].append(item)
        out: list[EventItem] = []
        for day, items in by_day.items():
            items.sort(key=lambda e: _order(e[3]))
            merged = self._merge([e[3] for e in items], len(items))
            first_of = {m.sources[0]: m for m in merged}
            for e in items:
                sentence = first_of.get(Source(e[3].page_id, e[3].start, e[3].end))
                if sentence is not None:
                    out.append(EventItem(day, e[1], e[2], sentence))
        out = self._same_happenings(out)
        # The most reported first when there are too many, then in date order.
        out = sorted(out, key=lambda e: (-e.confirmations, -len(e.sentence.sources), e.date))[:self.config.events]
        return tuple(sorted(out, key=lambda e: (e.date, e.sentence.sources[0].page_id, e.sentence.sources[0].start)))

    @staticmethod
    def _same_happenings(items: list[EventItem]) -> list[EventItem]:
        """Events of one day and one place told in other words (two content stems in common) are one
        happening: the first keeps the others as `also`, and they confirm it."""
        kept: list[EventItem] = []
        stems: list[frozenset[str]] = []
        for item in items:
            mine = _content_stems(item.what)
            for k, other in enumerate(kept):
                if (other.date == item.date and other.where is not None and other.where == item.where
                        and len(mine & stems[k]) >= 2):
                    kept[k] = EventItem(other.date, other.what, other.where, other.sentence,
                                        (*other.also, item.sentence, *item.also))
                    break
            else:
                kept.append(item)
                stems.append(mine)
        return kept

    def _claims(self, claims: list[tuple[Claim, _Sentence, str | None, frozenset[str], str | None, frozenset[str]]]
                ) -> tuple[ClaimItem, ...]:
        # Copies of one claim (the same figure in near-identical sentences) are one claim with all sources.
        groups: dict[tuple[Any, ...], list[tuple[Claim, _Sentence, str | None, frozenset[str], str | None,
                                                 frozenset[str]]]] = defaultdict(list)
        for item in claims:
            c = item[0]
            groups[(c.low, c.high, c.per, _unit_key(c.unit), c.kind)].append(item)
        out: list[ClaimItem] = []
        for items in groups.values():
            items.sort(key=lambda i: _order(i[1]))
            merged = self._merge([i[1] for i in items], len(items))
            first_of = {m.sources[0]: m for m in merged}
            for claim, found, claimant, entities, about, predicate in items:
                sentence = first_of.get(Source(found.page_id, found.start, found.end))
                if sentence is None:
                    continue
                figure_text = sentence.text[claim.start - found.start:claim.end - found.start] \
                    if found.start <= claim.start and claim.end <= found.end else f"{claim.low}–{claim.high}"
                out.append(ClaimItem(figure_text, claim.low, claim.high, claim.per, claim.unit, claim.kind, claimant,
                                     found.origin, sentence, entities, about, predicate))
        out = sorted(out, key=lambda c: (-len(c.sentence.sources), _date_sort(c.date)))[:self.config.claims]
        return tuple(sorted(out, key=lambda c: (_date_sort(c.date), c.sentence.sources[0].page_id,
                                                c.sentence.sources[0].start)))

    def _contradictions(self, claims: Sequence[ClaimItem]) -> tuple[Contradiction, ...]:
        found: list[Contradiction] = []
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                if not same_thing(a, b, self.config):
                    continue
                difference = _disagreement(a, b, self.config.tolerance)
                if difference is not None:
                    first, second = sorted((a, b), key=lambda c: (_date_sort(c.date), c.sentence.sources[0].page_id))
                    found.append(Contradiction(_thing(first, second), difference, first, second))
        found.sort(key=lambda k: -k.difference)
        return tuple(found[:self.config.contradictions])

    def _merge(self, candidates: Sequence[_Sentence], limit: int) -> list[ReportSentence]:
        """Near-identical sentences as one, in the candidates' order, with every source; at most `limit`.

        Each candidate is compared with the sentences kept so far only (exact key first, then rapidfuzz's
        ratio), so the cost is candidates × limit, not candidates squared."""
        kept: list[tuple[str, list[_Sentence]]] = []
        by_key: dict[str, int] = {}
        for sentence in candidates:
            at = by_key.get(sentence.key)
            if at is None:
                for k, (key, _copies) in enumerate(kept):
                    if abs(len(key) - len(sentence.key)) <= 0.2 * max(len(key), 1) and \
                            fuzz.ratio(key, sentence.key) >= self.config.near_duplicate:
                        at = k
                        break
            if at is None:
                if len(kept) >= limit:
                    continue
                at = len(kept)
                kept.append((sentence.key, []))
                by_key[sentence.key] = at
            copies = kept[at][1]
            if all((c.page_id, c.start) != (sentence.page_id, sentence.start) for c in copies):
                copies.append(sentence)
        out = []
        for _key, copies in kept:
            first = copies[0]
            origins = tuple(dict.fromkeys(c.origin for c in copies if c.origin))
            units = frozenset(c.unit for c in copies)
            sources = tuple(Source(c.page_id, c.start, c.end, c.text if c.text != first.text else None) for c in copies)
            out.append(ReportSentence(first.text, first.date, sources, origins, max(1, len(units)), units))
        return out


# ---------------------------------------------------------------------------------------------------------
# claims: the same thing, and disagreement


def same_thing(a: ClaimItem, b: ClaimItem, config: ReportConfig | None = None) -> bool:
    """Whether two claims count the same thing at the same time (the module docstring says how)."""
    config = config or ReportConfig()
    if set(a.sentence.sources) & set(b.sentence.sources) or _family(a) != _family(b) or a.per != b.per:
        return False  # two figures of one sentence ("20 of the 27 members") are two things
    if _unit_key(a.unit) != _unit_key(b.unit) or a.unit is None:
        return False
    if a.date is None or b.date is None or abs((a.date - b.date).days) > config.claim_days:
        return False
    if a.about is not None and b.about is not None:
        if a.about != b.about:
            return False
    elif not (a.entities & b.entities):
        return False
    return bool(a.predicate & b.predicate)


def _disagreement(a: ClaimItem, b: ClaimItem, tolerance: float) -> float | None:
    """How far apart two figures are, relative to the larger, when their ranges (widened by `tolerance`)
    do not overlap; None when they agree."""
    a_low, a_high = a.low, a.high
    b_low, b_high = b.low, b.high
    if (a_low is None and a_high is None) or (b_low is None and b_high is None):
        return None
    a_lo, a_hi = _widen(a_low, a_high, tolerance)
    b_lo, b_hi = _widen(b_low, b_high, tolerance)
    if a_lo <= b_hi and b_lo <= a_hi:
        return None
    gap = b_lo - a_hi if b_lo > a_hi else a_lo - b_hi
    scale = max(abs(v) for v in (a_low, a_high, b_low, b_high) if v is not None)
    return gap / scale if scale else 0.0


def _widen(low: float | None, high: float | None, tolerance: float) -> tuple[float, float]:
    lo = low * (1 - tolerance) if low is not None else float("-inf")
    hi = high * (1 + tolerance) if high is not None else float("inf")
    return lo, hi


def _family(c: ClaimItem) -> str:
    """Counts (exact, ranges, bounds, vague amounts) compare with each other; money, percentages and
    populations each only with their own kind."""
    return c.kind if c.kind in ("money", "percent", "population") else "count"


def _thing(a: ClaimItem, b: ClaimItem) -> str:
    words = sorted(a.predicate & b.predicate)
    unit = a.unit or b.unit or "figure"
    return f"{unit} ({', '.join(words[:3])})" if words else unit


def _predicate(text: str, lo: int, hi: int, claim: Claim, *, claims_speaker: str | None) -> frozenset[str]:
    """The content stems of the clause around a figure: lower-case words only (names, places and days
    say where and when, which the entities and dates compare; the predicate is what happened), stop
    words, numbers, the unit, speech verbs and the words naming the claimant left out ("officials said"
    is in many clauses and says nothing of what is counted)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    left = max((p + 1 for p in breaks if p < claim.start), default=lo)
    right = min((p for p in breaks if p >= claim.end), default=hi)
    unit = _unit_key(claim.unit)
    speaker = {_stem(w) for w in _WORD.findall(claims_speaker.casefold())} if claims_speaker else set()
    words = _WORD.findall(text[left:claim.start] + " " + text[claim.end:right])
    stems = {_stem(w) for w in words if w.islower() and w not in STOP_WORDS and len(w) > 2}
    return frozenset(stems - speaker - _SPEECH - _WHERE - {unit})


def _content_stems(text: str) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    # Lower-case words only: the place and the day are compared apart; the stems say what happened.
    return frozenset(_stem(w) for w in _WORD.findall(text) if w.islower() and w not in STOP_WORDS and len(w) > 2)


def _units_of(sentence: ReportSentence) -> frozenset[str]:
    return sentence.units or frozenset(f"page:{s.page_id}" for s in sentence.sources)


def _stem(word: str) -> str:
    """Inflections folded the crude way ("killed", "killing", "kills" → "kill"). Written here: no stemmer
    is among the dependencies, and it only has to bring two forms of one verb together."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def _unit_key(unit: str | None) -> str | None:
    """A unit with case and a plural ending folded: "People" and "people", "person" and "persons"."""
    if unit is None:
        return None
    low = unit.casefold().strip()
    return {"people": "person", "men": "man", "women": "woman", "children": "child"}.get(low, _stem(low))


# ---------------------------------------------------------------------------------------------------------
# small helpers


def _alternatives(query: str) -> list[list[re.Pattern[str]]]:
    """The query's OR alternatives, each a list of phrase patterns (words in order, any separator,
    any ending on the last word: "strike" finds "strikes")."""
    groups: list[list[re.Pattern[str]]] = [[]]
    for words, operator in query_parts(query):
        if operator:
            groups.append([])
            continue
        pattern = r"\W+".join(re.escape(w) for w in words.split())
        groups[-1].append(re.compile(rf"(?<!\w){pattern}\w*", re.IGNORECASE))
    return [g for g in groups if g]


def _story_date(story: Story, analysis: Analysis) -> dt.date | None:
    if story.dateline is not None and story.dateline.date:
        day = _day(story.dateline.date)
        if day is not None:
            return day
    return analysis.page.reference_date


def _day(value: str) -> dt.date | None:
    """The day an ISO value names (`2023-03-15`, `2023-03-15TMO`); None for a week, a month, a year or
    a day of an unknown year."""
    match = _DAY.match(value)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _only_sentence_initial(text: str, label: str, mentions: Sequence[tuple[int, int]], starts: list[int]) -> bool:
    """A one-word name every mention of which opens a sentence (after an opening quote at most)."""
    if len(label.split()) != 1 or not mentions:
        return False
    for start, _end in mentions:
        k = bisect.bisect_right(starts, start) - 1
        if k < 0 or text[starts[k]:start].strip("\"“‘'( ") != "":
            return False
    return True


def _entity_key(kind: str, label: str, gazetteer_id: str | None) -> str:
    """One key per entity across pages: a place's gazetteer id, else its type and transliteration key
    (every spelling of a name shares one)."""
    if kind == "PLACE" and gazetteer_id:
        return gazetteer_id
    key = translit_key(label)
    return f"{kind.lower()}:{key}" if key else ""


def _newest_first(sentences: list[_Sentence]) -> list[_Sentence]:
    return sorted(sentences, key=_order)


def _order(s: _Sentence) -> tuple[int, int, str, int]:
    return (-_date_sort(s.date), -_date_sort(s.page_date), s.page_id, s.start)


def _date_sort(day: dt.date | None) -> int:
    return day.toordinal() if day is not None else 0


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(b, end) - max(a, start)) for a, b in spans if a < end and b > start)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _json_number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _number_text(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _window_text(date_from: dt.date | None, date_to: dt.date | None) -> str:
    if date_from and date_to:
        return f" from {date_from} to {date_to}"
    if date_from:
        return f" from {date_from}"
    if date_to:
        return f" up to {date_to}"
    return ""


def _claim_head(c: ClaimItem) -> str:
    return f"{_md_date(c.date)}, {c.reported_by or 'origin unknown'}"


def _md_date(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", " ".join(text.split()))


def _md_quote(text: str) -> str:
    return f"“{_md_escape(text)}”"


def _md_cell(text: str) -> str:
    """Plain text for a table cell (escaped); cells built from `_md_quote` are escaped already."""
    return _md_escape(text)


def _md_confirmed(count: int) -> str:
    return f" *(confirmed by {count} independent origins)*" if count > 1 else ""


def _md_sources(sentence: ReportSentence) -> str:
    """Each source as `page:start-end` (what `newsdesk show PAGE` highlights), with its agency."""
    return " ".join(f"[`{s.page_id}:{s.start}-{s.end}`]" for s in sentence.sources)
