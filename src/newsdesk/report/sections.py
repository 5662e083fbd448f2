"""report.sections: the report's sections from what its pages gave (`report.build` reads them):

* **places** / **actors** (`subject_states`) — the most-mentioned places, and people and organisations,
  each with its newest sentences; a sentence is listed once, under the subject it is most about;
* **events** (`event_items`) — one per sentence, the same happening told in other words merged;
* **claims** (`claim_items`) — copies of one claim merged, with every source;
* **contradictions** (`contradictions`) — pairs of claims about the same thing that disagree.

Sentences that copied pages repeat (near-identical: case, spacing and punctuation aside, or a fuzzy
ratio of at least `ReportConfig.near_duplicate`) count once, with every source (`merge_copies`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from newsdesk.model import Claim
from newsdesk.report.claims import disagreement, same_thing, thing_counted, unit_key
from newsdesk.report.config import ReportConfig
from newsdesk.report.items import (
    ClaimItem,
    Contradiction,
    EventItem,
    ReportSentence,
    Source,
    SubjectState,
    figure_text,
)
from newsdesk.report.sentences import PageSentence, content_stems, date_order, newest_first, sentence_order

#: A label that cannot be a subject: a preposition left on a name ("In Kyiv").
_NOT_ACTOR = re.compile(r"(?:In|On|At|From|To|By|For|Of|With|Near|Inside|Outside)\s+[A-Z]")


@dataclass(slots=True)
class SubjectTally:
    """What the pages say of one place or actor, added to page by page (so not frozen)."""

    labels: Counter[str] = field(default_factory=Counter)
    type: str = ""
    pages: set[str] = field(default_factory=set)
    mentions: int = 0
    sentences: list[PageSentence] = field(default_factory=list)
    #: (page id, start) of the sentences listed: a sentence naming a subject twice is listed once.
    listed: set[tuple[str, int]] = field(default_factory=set)
    #: (page id, sentence start) → how far into the sentence the subject is first named.
    first_at: dict[tuple[str, int], int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EventSeen:
    """A dated event of one page: the events stage's short clause, its place's label, its sentence."""

    day: dt.date
    what: str
    where: str | None
    sentence: PageSentence


@dataclass(frozen=True, slots=True)
class ClaimSeen:
    """A claim of one page with what `same_thing` compares: the entity keys its sentence names, the
    `about` entity's key, and the clause's content stems."""

    claim: Claim
    sentence: PageSentence
    claimant: str | None
    entities: frozenset[str]
    about: str | None
    predicate: frozenset[str]


def subject_states(tallies: dict[str, SubjectTally], config: ReportConfig
                   ) -> tuple[tuple[SubjectState, ...], tuple[SubjectState, ...]]:
    """The places and the actors most written about, each with its newest sentences. A sentence is
    listed once, under the subject it is most about: the one it names first (the grammatical subject
    usually comes first), on a tie the one named on fewer pages (the more specific). Then each
    subject's newest sentences among those it owns."""
    def chosen(types: tuple[str, ...]) -> list[str]:
        keys = [k for k, t in tallies.items() if t.type in types and t.sentences
                and not _NOT_ACTOR.match(t.labels.most_common(1)[0][0])]
        return sorted(keys, key=lambda k: (-len(tallies[k].pages), -tallies[k].mentions, k))[:config.subjects]

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
        mine = [x for x in newest_first(tally.sentences) if owner[x.key][2] == key]
        merged = merge_copies(mine, config.sentences_per_subject, config)
        states[key] = SubjectState(key, tally.labels.most_common(1)[0][0], tally.type, len(tally.pages),
                                   tally.mentions, tuple(merged))
    # A subject whose every sentence is listed under another keeps its place (with its counts): the
    # reader still learns it is among the most written about.
    return tuple(states[k] for k in places), tuple(states[k] for k in actors)


def event_items(events: list[EventSeen], config: ReportConfig) -> tuple[EventItem, ...]:
    """The dated events, one per sentence: its earliest date (the happening, before the saying of it);
    copies merged, and the same happening told in other words merged (`_same_happenings`)."""
    earliest: dict[tuple[str, int], EventSeen] = {}
    for item in events:
        place = (item.sentence.page_id, item.sentence.start)
        if place not in earliest or item.day < earliest[place].day:
            earliest[place] = item
    by_day: dict[dt.date, list[EventSeen]] = defaultdict(list)
    for item in earliest.values():
        by_day[item.day].append(item)
    out: list[EventItem] = []
    for day, items in by_day.items():
        items.sort(key=lambda e: sentence_order(e.sentence))
        merged = merge_copies([e.sentence for e in items], len(items), config)
        first_of = {m.sources[0]: m for m in merged}
        for e in items:
            sentence = first_of.get(Source(e.sentence.page_id, e.sentence.start, e.sentence.end))
            if sentence is not None:
                out.append(EventItem(day, e.what, e.where, sentence))
    out = _same_happenings(out)
    # The most reported first when there are too many, then in date order.
    out = sorted(out, key=lambda e: (-e.confirmations, -len(e.sentence.sources), e.date))[:config.events]
    return tuple(sorted(out, key=lambda e: (e.date, e.sentence.sources[0].page_id, e.sentence.sources[0].start)))


def _same_happenings(items: list[EventItem]) -> list[EventItem]:
    """Events of one day and one place told in other words (two content stems in common) are one
    happening: the first keeps the others as `also`, and they confirm it."""
    kept: list[EventItem] = []
    stems: list[frozenset[str]] = []
    for item in items:
        mine = content_stems(item.what)
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


def claim_items(claims: list[ClaimSeen], config: ReportConfig) -> tuple[ClaimItem, ...]:
    """The claims, copies of one claim (the same figure in near-identical sentences) as one claim with
    all its sources; the most reported kept when there are too many, then in date order."""
    groups: dict[tuple[Any, ...], list[ClaimSeen]] = defaultdict(list)
    for item in claims:
        c = item.claim
        groups[(c.low, c.high, c.per, unit_key(c.unit), c.kind)].append(item)
    out: list[ClaimItem] = []
    for items in groups.values():
        items.sort(key=lambda i: sentence_order(i.sentence))
        merged = merge_copies([i.sentence for i in items], len(items), config)
        first_of = {m.sources[0]: m for m in merged}
        for item in items:
            claim, found = item.claim, item.sentence
            sentence = first_of.get(Source(found.page_id, found.start, found.end))
            if sentence is None:
                continue
            # The figure as its sentence writes it; its bounds where the claim's span runs out of the sentence.
            figure = sentence.text[claim.start - found.start:claim.end - found.start] \
                if found.start <= claim.start and claim.end <= found.end else figure_text(claim.low, claim.high)
            out.append(ClaimItem(figure, claim.low, claim.high, claim.per, claim.unit, claim.kind, item.claimant,
                                 found.origin, sentence, item.entities, item.about, item.predicate))
    out = sorted(out, key=lambda c: (-len(c.sentence.sources), date_order(c.date)))[:config.claims]
    return tuple(sorted(out, key=lambda c: (date_order(c.date), c.sentence.sources[0].page_id,
                                            c.sentence.sources[0].start)))


def contradictions(claims: Sequence[ClaimItem], config: ReportConfig) -> tuple[Contradiction, ...]:
    """Pairs of claims about the same thing whose figures disagree, the widest disagreement first."""
    found: list[Contradiction] = []
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if not same_thing(a, b, config):
                continue
            difference = disagreement(a, b, config.tolerance)
            if difference is not None:
                first, second = sorted((a, b), key=lambda c: (date_order(c.date), c.sentence.sources[0].page_id))
                found.append(Contradiction(thing_counted(first, second), difference, first, second))
    found.sort(key=lambda k: -k.difference)
    return tuple(found[:config.contradictions])


def merge_copies(candidates: Sequence[PageSentence], limit: int, config: ReportConfig) -> list[ReportSentence]:
    """Near-identical sentences as one, in the candidates' order, with every source; at most `limit`.

    Each candidate is compared with the sentences kept so far only (exact key first, then rapidfuzz's
    ratio), so the cost is candidates × limit, not candidates squared."""
    kept: list[tuple[str, list[PageSentence]]] = []
    by_key: dict[str, int] = {}
    for sentence in candidates:
        at = by_key.get(sentence.key)
        if at is None:
            for k, (key, _copies) in enumerate(kept):
                if abs(len(key) - len(sentence.key)) <= 0.2 * max(len(key), 1) and \
                        fuzz.ratio(key, sentence.key) >= config.near_duplicate:
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


__all__ = ["ClaimSeen", "EventSeen", "SubjectTally", "claim_items", "contradictions", "event_items", "merge_copies",
           "subject_states"]
