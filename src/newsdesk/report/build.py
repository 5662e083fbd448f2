"""report.build: where things stand on a query — an extractive situation report over the corpus.

    report = build_report(store, "Kramatorsk", ReportConfig(), date_from=dt.date(2023, 3, 1),
                          date_to=dt.date(2023, 3, 31))
    print(to_markdown(report))           # newsdesk.report.render; or report.to_json()

Every line of the report is a sentence as the source wrote it (never generated), with `sources`: the
`{page_id, start, end}` of each place it was written, offsets into that page's analysed text
(`analysis["text"][start:end]` is the sentence). Sentences that copied pages repeat count once, with
every source (`report.sections`).

What is read: the pages the store's full-text search finds for the query (`max_pages`, best first,
dated in the window when one is given); of each page, the stories that contain the query's words (a
stitched page also carries unrelated reports), or all its stories when none does (the engine matched
a stem or a spelling the literal words miss).

What each page gives (`_ReportReader`), for the sections `report.sections` builds:

* the places, people and organisations it names (not the news agencies themselves), with the sentences
  naming them. A sentence's date is the latest day a time expression in it resolves to, not after its
  story's date (a plan for next week is dated by the report that announced it), else its story's date
  (dateline, else the page's date);
* the pipeline's dated events in the window (a sentence that dates two things keeps its earliest: the
  happening, not the saying of it);
* the numeric claims, with bounds, unit, claimant (the speaker the claims stage found, else nobody:
  `reported_by` is then the agency that carries it) and date; `report.claims` says which two are about
  the same thing and disagree.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from newsdesk.model import Analysis, Story
from newsdesk.report.claims import predicate_stems
from newsdesk.report.config import ReportConfig, check_request
from newsdesk.report.items import SituationReport
from newsdesk.report.sections import (
    ClaimSeen,
    EventSeen,
    SubjectTally,
    claim_items,
    contradictions,
    event_items,
    subject_states,
)
from newsdesk.report.sentences import PageSentence, QueryPhrases, split_story, splitting
from newsdesk.store import SearchQuery, Store
from newsdesk.text.keys import translit_key

if TYPE_CHECKING:
    from spacy.language import Language

_DAY = re.compile(r"(\d{4}-\d\d-\d\d)")


def build_report(store: Store, query: str, config: ReportConfig | None = None, *, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, max_pages: int = 200) -> SituationReport:
    """The situation report on `query` from the pages `store` finds for it (best first, at most
    `max_pages`, dated in the window when one is given), shown and judged as `config` says (the
    defaults without one). Only `Store.search`, `Store.page` and `Store.reuse_spans`: every engine does
    these."""
    check_request(query, date_from, date_to, max_pages)
    hits = store.search(SearchQuery(text=query, date_from=date_from, date_to=date_to, limit=max_pages))
    pages = [(hit.page_id, store.page(hit.page_id).to_analysis()) for hit in hits]
    copies: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for page_id, start, end, cluster in store.reuse_spans([p for p, _ in pages]):
        copies[page_id].append((start, end, cluster))
    return report_from_analyses(query, pages, date_from=date_from, date_to=date_to, config=config, copies=copies)


def report_from_analyses(query: str, analyses_with_page_ids: Iterable[tuple[str, Analysis]], *,
                         date_from: dt.date | None = None, date_to: dt.date | None = None,
                         config: ReportConfig | None = None,
                         copies: Mapping[str, Sequence[tuple[int, int, int]]] | None = None) -> SituationReport:
    """The report over analysed pages given with their page ids (most relevant first), no store needed.
    `copies`: each page's reuse spans (start, end, copy cluster), which tell copies of one passage apart
    from independent reports."""
    pages = list(analyses_with_page_ids)
    check_request(query, date_from, date_to, max(1, len(pages)))
    config = config or ReportConfig()
    with splitting() as nlp:
        reader = _ReportReader(config, nlp, query, date_from, date_to, copies or {})
        seen_pages: set[str] = set()
        for page_id, analysis in pages:
            if page_id not in seen_pages:
                seen_pages.add(page_id)
                reader.read_page(page_id, analysis)
    places, actors = subject_states(reader.tallies, config)
    events = event_items(reader.events, config)
    claims = claim_items(reader.claims, config)
    used = {s.page_id for subject in (*places, *actors) for sentence in subject.sentences for s in sentence.sources}
    used |= {s.page_id for e in events for s in e.sentence.sources}
    used |= {s.page_id for c in claims for s in c.sentence.sources}
    return SituationReport(query, date_from, date_to, len(seen_pages), len(used), places, actors, events, claims,
                           contradictions(claims, config))


class _ReportReader:
    """One report's reading of its pages: the sentences near the query, and what they say of each
    subject (`tallies`), the dated events (`events`) and the claims (`claims`) in the window."""

    def __init__(self, config: ReportConfig, nlp: Language, query: str, date_from: dt.date | None,
                 date_to: dt.date | None, copies: Mapping[str, Sequence[tuple[int, int, int]]]) -> None:
        self.config, self.nlp, self.date_from, self.date_to = config, nlp, date_from, date_to
        self.copies = {page: sorted(spans) for page, spans in copies.items()}
        self.phrases = QueryPhrases.of(query)
        self.tallies: dict[str, SubjectTally] = defaultdict(SubjectTally)
        self.events: list[EventSeen] = []
        self.claims: list[ClaimSeen] = []

    def read_page(self, page_id: str, analysis: Analysis) -> None:
        text = analysis.page.text
        stories = analysis.stories or (Story(0, len(text)),)
        story_dates = [_story_date(s, analysis) for s in stories]
        page_date = max((d for d in story_dates if d), default=None)
        relevant = [i for i, s in enumerate(stories) if self.phrases.matches(text[s.start:s.end])]
        focused = bool(relevant)
        if not relevant:
            relevant = list(range(len(stories)))
        noise = sorted((s.start, s.end) for s in analysis.cleaning.removed)
        spans: list[tuple[int, int, int]] = []  # (start, end, story index), in text order
        for i in relevant:
            story_spans = split_story(self.nlp, text, stories[i], noise)
            if focused:
                story_spans = self.phrases.near(text, story_spans, self.config.context_sentences)
            spans += [(a, b, i) for a, b in story_spans]
        if not spans:
            return
        starts = [a for a, _, _ in spans]
        days = sorted((t.start, day) for t in analysis.times
                      if t.type in ("DATE", "TIME") and t.value and (day := _day(t.value)) is not None)
        sentences: dict[int, PageSentence] = {}

        def sentence_at(pos: int) -> PageSentence | None:
            k = bisect.bisect_right(starts, pos) - 1
            if k < 0 or pos >= spans[k][1]:
                return None
            if k not in sentences:
                a, b, i = spans[k]
                story_date = story_dates[i]
                inside = [d for s, d in days if a <= s < b and (story_date is None or d <= story_date)]
                origin = stories[i].origin
                unit = self._unit(page_id, a, b, origin)
                sentences[k] = PageSentence(page_id, a, b, text[a:b], max(inside) if inside else story_date,
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
                tally = self.tallies[key]
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
            self.events.append(EventSeen(day, event.what, names.get(event.where or ""), found))
        for claim in analysis.claims:
            found = sentence_at(claim.start)
            if claim.same_as is not None or found is None or not self._in_window(found.date):
                continue  # a restatement on the same page is the claim it restates
            claimant = names.get(claim.speaker or "") or claim.speaker_text
            about = entity_keys.get(claim.about or "")
            predicate = predicate_stems(text, found.start, found.end, claim, claims_speaker=claim.speaker_text)
            self.claims.append(ClaimSeen(claim, found, claimant, frozenset(sentence_entities.get(found.start, ())),
                                         about, predicate))

    def _unit(self, page_id: str, start: int, end: int, origin: str | None) -> str:
        """A copy cluster whose passage holds most of the sentence, else the outlet, else the page."""
        spans = self.copies.get(page_id, ())
        k = bisect.bisect_right(spans, (start, 2 ** 62, 2 ** 62))
        for a, b, cluster in spans[max(0, k - 8):k][::-1]:
            if a <= start and 2 * (min(b, end) - start) >= end - start:
                return f"copy:{cluster}"
        return f"origin:{translit_key(origin)}" if origin else f"page:{page_id}"

    def _in_window(self, day: dt.date | None) -> bool:
        if day is None:
            return self.date_from is None and self.date_to is None
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)


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


__all__ = ["build_report", "report_from_analyses"]
