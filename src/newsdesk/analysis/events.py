"""events: the dated happenings of a page, for a timeline — what happened, when, and where.

    finder = EventFinder(EventConfig())
    events = finder(text, stories, noise, times, entities)   # list[model.Event], in text order

An event is built from a time expression that dates something the text says happened (or will happen):
"Russian forces on Saturday destroyed a bridge" gives `date="2022-05-21"`, `what="Russian forces destroyed
a bridge"`, `where` the place named in that sentence (or, failing that, the first place of the sentence
before, which is what the paragraph is about), and `start`/`end` the clause it comes from.

* Only happenings the text places in time: a clause with a resolved day (or a finer time), not a duration,
  a set, a `PRESENT_REF`, or a date inside a quotation (quoted speech keeps its own clock).
* Reported speech is dated by when it was said: "Zelensky said Sunday that …" is an event of Sunday.
* A sentence that opens with "Shortly after", "Hours later", "Later that day" … and names no date of its
  own happened on the day of the event before it in the same story.
* The dateline's own date is not an event (it dates the report, not a happening).

Why rules rather than a parser: the time finder already did the hard part (which day); what remains is
picking the clause around it, which punctuation and a few function words do well enough for a timeline,
with no model to load. `what` is the clause with the time words taken out and cut to `max_words`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.errors import ConfigError
from newsdesk.model import Entity, Event, Span, Story, TimeExpression

__all__ = ["EventConfig", "EventFinder"]

_GRAINS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class EventConfig:
    """`max_words`: the longest `what`; `granularity`: the coarsest date an event may have (`day`,
    `month` or `year`): "in 2014" dates a happening only loosely, so the default keeps days."""

    max_words: int = 14
    granularity: str = "day"
    #: A day more than this before the latest day its story names is background history, not news.
    history_days: int = 365
    #: A day counted from the page's date ("on Sunday") more than this after the latest day the story
    #: names outright is unsure (the page may be a later copy): no event.
    copy_lag_days: int = 7

    def __post_init__(self) -> None:
        if isinstance(self.max_words, bool) or not isinstance(self.max_words, int) or self.max_words < 3:
            raise ConfigError("ND-E011", f"events.max_words must be a whole number >= 3, not {self.max_words!r}")
        for name in ("history_days", "copy_lag_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError("ND-E011", f"events.{name} must be a whole number >= 0, not {value!r}")
        if self.granularity not in _GRAINS:
            raise ConfigError("ND-E011", f"events.granularity must be one of {', '.join(_GRAINS)}, "
                                         f"not {self.granularity!r}")


_DAY = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d(?:T.*)?")
#: An expression that names its day outright: digits or a month name, not "Sunday" or "yesterday".
_EXPLICIT_DAY = re.compile(r"\d|\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d")
_MONTH = re.compile(r"\d{4}-\d\d")
_YEAR = re.compile(r"\d{4}")
# Sentence ends: . ! ? followed by space and a capital or a quote, or a line break. Abbreviations ("Feb.",
# "U.S.") are mostly followed by a lower-case word or a digit, so they do not end a sentence here.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(A-Z])|\n\s*")
_INHERIT = re.compile(r"^\W*(?:shortly\s+after|soon\s+after|hours\s+later|moments\s+later|minutes\s+later|"
                      r"later\s+that\s+day|afterwards|immediately\s+after)\b", re.I)
# Words that open a clause we do not want at the start of `what`.
_LEAD = re.compile(r"^(?:and|but|as|after|when|while|that|which|who|where|then|also|so)\s+", re.I)
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|from|around)\s+(?:the\s+)?"
                       r"(?:(?:city|town|village|region|province|port|capital)\s+of\s+)?$", re.I)
_OWNER = re.compile(r"\b([A-Z][\w-]*['’]s)\s+$")
_TIME_PREP = re.compile(r"(?:\b(?:on|at|in|by|late|early|since|from|until|during)\s+)+$", re.I)


class EventFinder:
    """Builds events from dated clauses; holds only its configuration (no page state)."""

    def __init__(self, config: EventConfig | None = None) -> None:
        self.config = config or EventConfig()

    def __call__(self, text: str, stories: Sequence[Story], noise: Sequence[Span],
                 times: Sequence[TimeExpression], entities: Sequence[Entity]) -> list[Event]:
        places = sorted((s, e, ent.id) for ent in entities if ent.type == "PLACE" for s, e in ent.mentions)
        place_starts = [p[0] for p in places]
        noisy = sorted((s.start, s.end) for s in noise if s.kind != "caption")
        out: list[Event] = []
        seen: set[tuple[str, int]] = set()
        anchors: list[Event] = []
        dated_sentences: set[tuple[int, int]] = set()
        latest = self._latest_explicit(text, times)
        for t in sorted(times, key=lambda t: t.start):
            if t.value is None or t.type not in ("DATE", "TIME") or not self._precise(t.value):
                continue
            if self._history(t, latest) or self._unsure_day(text, t, latest):
                continue
            if _inside(noisy, t.start) or self._in_dateline(t, stories) or _quoted(text, t.start):
                continue
            lo, hi = _sentence(text, t.start, t.end)
            dated_sentences.add((lo, hi))
            c_lo, c_hi = _clause(text, lo, hi, t.start, t.end)
            story = stories[t.story] if 0 <= t.story < len(stories) else None
            if story is not None and story.dateline is not None and c_lo < story.dateline.end <= t.start:
                # "KYIV, May 22 (Reuters) – Ukraine ruled out …": the happening starts after the dateline.
                c_lo = story.dateline.end
                while c_lo < t.start and not text[c_lo].isalnum():
                    c_lo += 1
            what = self._what(text, c_lo, c_hi, t.start, t.end)
            if not what:
                continue
            date = t.value.split("T")[0]
            if (date, c_lo) in seen:
                continue
            seen.add((date, c_lo))
            where = self._where(places, place_starts, text, lo, hi, (c_lo, c_hi), t.start, stories, t.story)
            event = Event(date, what, c_lo, c_hi, t.story, where)
            out.append(event)
            if not _OWNER.search(text, max(lo, t.start - 40), t.start):
                anchors.append(event)  # a date that modifies a noun ("Russia's Feb. 24 invasion") anchors nothing
        out.extend(self._inherited(text, stories, noisy, anchors, dated_sentences, places, place_starts))
        out.sort(key=lambda e: (e.start, e.date))
        return out

    # ------------------------------------------------------------------------------------------ parts
    @staticmethod
    def _latest_explicit(text: str, times: Sequence[TimeExpression]) -> dict[int, dt.date]:
        """Per story, the latest day it names outright ("March 3", "2022-03-03"): the story was written
        on or after it, whatever the page it was copied to says."""
        out: dict[int, dt.date] = {}
        for t in times:
            day = _day(t.value)
            if day is not None and _EXPLICIT_DAY.search(text, t.start, t.end) and (
                    t.story not in out or day > out[t.story]):
                out[t.story] = day
        return out

    def _history(self, t: TimeExpression, latest: dict[int, dt.date]) -> bool:
        """A day long before the latest day its story names is history mentioned in passing ("on
        September 1, 1939"), background for the news, not an event of it."""
        day, newest = _day(t.value), latest.get(t.story)
        return day is not None and newest is not None and (newest - day).days > self.config.history_days

    def _unsure_day(self, text: str, t: TimeExpression, latest: dict[int, dt.date]) -> bool:
        """"On Sunday" counted from the page's date, in a story whose own dates all lie well before that
        date: the story was written then and copied later, so which Sunday is not known. No event
        rather than an event on the wrong day."""
        day, newest = _day(t.value), latest.get(t.story)
        if day is None or newest is None or t.anchor != "reference" or _EXPLICIT_DAY.search(text, t.start, t.end):
            return False
        return (day - newest).days > self.config.copy_lag_days

    def _precise(self, value: str) -> bool:
        if _DAY.fullmatch(value):
            return True
        if self.config.granularity in ("month", "year") and _MONTH.fullmatch(value):
            return True
        return self.config.granularity == "year" and bool(_YEAR.fullmatch(value))

    @staticmethod
    def _in_dateline(t: TimeExpression, stories: Sequence[Story]) -> bool:
        story = stories[t.story] if 0 <= t.story < len(stories) else None
        return bool(story and story.dateline and story.dateline.start <= t.start < story.dateline.end)

    def _what(self, text: str, lo: int, hi: int, t_start: int, t_end: int) -> str:
        """The clause without its time words, quotation marks and final punctuation, cut to max_words."""
        owner = _OWNER.search(text, max(lo, t_start - 40), t_start)
        if owner and t_end > t_start:
            # "Russia's Feb. 24 invasion": the date modifies a noun, and the happening is that noun.
            noun = re.match(r"\s+((?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:of|in|on|at|by|for|to|and|that|which)\b|[,.;:]|$)",
                            text[t_end:hi])
            if noun:
                return f"{owner.group(1)} {noun.group(1)}"
        before = _TIME_PREP.sub("", text[lo:t_start])
        after = text[t_end:hi]
        when = re.match(r"\s+(?:when|as)\s+(.+)", after)
        if when:
            before, after = "", when.group(1)  # "on May 3, when the talks collapsed": the happening follows
        clause = f"{before} {after}"
        clause = re.sub(r"[\"“”]|\((?:[^()]*)\)", " ", clause)
        clause = re.sub(r"\s+", " ", clause).replace(" ,", ",").strip(" ,;:—–-.")
        clause = _LEAD.sub("", clause)
        clause = re.sub(r",?\s+(?:and|but|or)$", "", clause)
        words = clause.split()
        if len(words) > self.config.max_words:
            words = words[: self.config.max_words]
        return " ".join(words).rstrip(",;:—–-")

    @staticmethod
    def _where(places: list[tuple[int, int, str]], starts: list[int], text: str, lo: int, hi: int,
               clause: tuple[int, int], anchor: int, stories: Sequence[Story], story: int) -> str | None:
        """Where the happening took place, by the first of these that names a place:
        a place after "in"/"at"/"near" in its clause (nearest the time); the only place in its clause; when the
        sentence names none, the first place of the sentence before (what the paragraph is about); the
        dateline's place; the place the story names most often."""
        in_clause = places[bisect.bisect_left(starts, clause[0]):bisect.bisect_left(starts, clause[1])]
        local = [p for p in in_clause if _LOCATIVE.search(text, max(0, p[0] - 40), p[0])]
        if local:
            return min(local, key=lambda p: abs(p[0] - anchor))[2]
        if len({p[2] for p in in_clause}) == 1:
            return in_clause[0][2]
        st = stories[story] if 0 <= story < len(stories) else None
        story_lo, story_hi = (st.start, st.end) if st else (0, len(text))
        in_sentence = places[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        if not in_sentence and lo > story_lo:
            prev_lo, _ = _sentence(text, max(story_lo, lo - 2), max(story_lo, lo - 1))
            k = bisect.bisect_left(starts, max(prev_lo, story_lo))
            if k < len(places) and places[k][0] < lo:
                return places[k][2]
        if st is not None and st.dateline is not None:
            dl = st.dateline
            here = next((p[2] for p in places if dl.start <= p[0] < dl.end), None)
            if here:
                return here
        counts: dict[str, int] = {}
        for p in places[bisect.bisect_left(starts, story_lo):bisect.bisect_left(starts, story_hi)]:
            counts[p[2]] = counts.get(p[2], 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def _inherited(self, text: str, stories: Sequence[Story], noisy: list[tuple[int, int]], found: list[Event],
                   dated: set[tuple[int, int]], places: list[tuple[int, int, str]],
                   starts: list[int]) -> list[Event]:
        """Sentences opening "Shortly after …" with no date of their own take the day of the event before."""
        extra: list[Event] = []
        by_start = sorted(found, key=lambda e: e.start)
        event_starts = [e.start for e in by_start]
        story_starts = [s.start for s in stories]
        for m in _INHERIT_SCAN.finditer(text):
            lo, hi = _sentence(text, m.start(1), m.end(1))
            if (lo, hi) in dated or _inside(noisy, lo) or lo != m.start(1):
                continue
            story = max(0, bisect.bisect_right(story_starts, lo) - 1) if stories else 0
            k = bisect.bisect_left(event_starts, lo) - 1
            if k < 0 or by_start[k].story != story:
                continue  # no dated happening earlier in this story
            what = self._what(text, lo, hi, lo, lo)
            what = re.sub(r"^(?:shortly|soon|immediately)\s+after\s+[^,]*,\s*|^(?:hours|moments|minutes)\s+later,?\s*|"
                          r"^later\s+that\s+day,?\s*|^afterwards,?\s*", "", what, flags=re.I)
            if not what:
                continue
            where = self._where(places, starts, text, lo, hi, (lo, hi), lo, stories, story)
            extra.append(Event(by_start[k].date, what, lo, hi, story, where))
        return extra


_INHERIT_SCAN = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(" + _INHERIT.pattern[4:] + r")", re.I | re.M)


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return any(spans[k][0] <= pos < spans[k][1] for k in range(max(0, i - 3), i + 1))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): bounded by sentence ends, line breaks and 600 characters."""
    window_lo = max(0, start - 600)
    lo = window_lo
    # One character past start, so the look-ahead after a full stop can see the sentence's first letter.
    for m in _SENTENCE_END.finditer(text, window_lo, min(len(text), start + 1)):
        if m.end() <= start:
            lo = m.end()
    m2 = _SENTENCE_END.search(text, end, min(len(text), end + 600))
    hi = m2.start() + 1 if m2 and text[m2.start()] in ".!?" else (m2.start() if m2 else min(len(text), end + 600))
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, max(lo, hi)


def _clause(text: str, lo: int, hi: int, t_start: int, t_end: int) -> tuple[int, int]:
    """The part of the sentence around the time that stands on its own: cut at ";" and at a quotation."""
    cut_lo = lo
    # A subordinate clause that holds the time is the happening: "… urged residents to flee after Russian
    # forces on Saturday destroyed a bridge" is about the bridge.
    for m in re.finditer(r";|—\s|–\s|[”\"],?\s*|\b(?:after|as|when|while|because|before|since|until)\s+(?=\w)|"
                         r",\s+(?:and|but)\s+", text[lo:t_start]):
        if t_start - (lo + m.end()) > 2:
            cut_lo = lo + m.end()
    cut_hi = hi
    end = re.search(r";|\s—|\s–|,?\s*[“\"]", text[t_end:hi])
    if end:
        cut_hi = t_end + end.start()
    return cut_lo, max(cut_lo, cut_hi)


def _quoted(text: str, pos: int) -> bool:
    """True when pos sits inside a quotation opened earlier in its paragraph and not yet closed."""
    para = text.rfind("\n", 0, pos) + 1
    head = text[para:pos]
    opened = head.count("“") - head.count("”")
    if opened > 0:
        return True
    return head.count('"') % 2 == 1
