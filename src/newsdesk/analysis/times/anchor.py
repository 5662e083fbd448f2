"""times_anchor: the time finder's settings (`TimeConfig`, re-exported by `times.py`), what a relative
expression is resolved against (the story's narrative, its dateline, the page's reference date), the
tense read around an expression, and the calendar arithmetic the rules share (`_Calendar`: days,
periods and shifts from an anchor; nearest date for a tense; holidays; Easter).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.analysis.times.patterns import (
    _BREAKS,
    _DEADLINE,
    _DETERMINERS,
    _FUTURE,
    _NOT_VERB_ED,
    _PAST,
    _PRESENT_VERBS,
    _SUBJECTS,
    _WORD,
    MONTH,
    PARTS_OF_DAY,
    _Cand,
    _month,
)
from newsdesk.errors import ConfigError

#: "since" looks back: what follows it has already happened.
_SINCE = re.compile(r"\bsince\b[^.;!?\n]{0,25}$")
#: Words that, followed by "to", speak of what is to come ("set to resume Monday", "is to meet").
_BE_TO = frozenset("set is are due".split())


@dataclass(frozen=True, slots=True)
class TimeConfig:
    """Settings of the time finder.

    `earliest_year`/`latest_year`: a four-digit number outside these is not read as a year, and a date
    that names such a year explicitly is reported as a problem; `tense_window`: how many words either
    side of a bare weekday or month are read to tell past from future; `max_shift_years`: the largest
    shift ("600 years ago") resolved to a date, beyond which the value is None with a problem;
    `keep_noise`: kinds of removed text still read for times (photo captions date real happenings).
    """

    earliest_year: int = 1000
    latest_year: int = 2199
    tense_window: int = 10
    max_shift_years: int = 500
    keep_noise: frozenset[str] = frozenset({"caption"})

    def __post_init__(self) -> None:
        for name in ("earliest_year", "latest_year", "tense_window", "max_shift_years"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError("ND-E011", f"times.{name} must be a whole number >= 1, not {value!r}")
        if not isinstance(self.keep_noise, frozenset) or not all(isinstance(k, str) for k in self.keep_noise):
            raise ConfigError("ND-E011", f"times.keep_noise must be a frozenset of kinds, not {self.keep_noise!r}")
        if self.latest_year <= self.earliest_year or self.latest_year > 9999:
            raise ConfigError("ND-E011", f"times.latest_year must be after times.earliest_year and <= 9999, "
                                         f"not {self.earliest_year!r}..{self.latest_year!r}")


@dataclass(frozen=True, slots=True)
class _Anchor:
    """What a relative expression counts from: a day, whether its year is known, and where it came from."""

    day: dt.date
    year_known: bool
    source: str  # narrative, dateline, reference


@dataclass(slots=True)
class _State:
    """What a story has said so far: the last day it named, the quarter it reports on, its last explicit date."""

    narrative: _Anchor | None = None
    quarter: str | None = None
    value: str | None = None


#: Rules whose value names a calendar year or month that "that year", "the following month" count from
#: (a bare month counts too: "In March ... The following month" is April).
_EXPLICIT = frozenset({"iso", "mdy_num", "month_day", "day_month", "month_year", "year", "month_rel_year",
                       "month", "month_may", "month_may_rel"})


@dataclass(slots=True)
class _Found:
    type: str
    value: str | None
    anchor: str | None = None
    problem: str | None = None
    day: dt.date | None = None  # the day it names, to anchor what follows in the narrative
    year_known: bool = True


def read_tense(text: str, start: int, end: int, window: int) -> str | None:
    """`past`, `future` or None, from the words around the expression (the nearest tense cue wins)."""
    head = text[max(0, start - 40):start].lower()
    if _DEADLINE.search(head):
        return "future"  # "by May", "until Tuesday", "as soon as Monday"
    if _SINCE.search(head):
        return "past"  # "since March", "since the Oct. 23 slaying"
    if re.match(r"['’]s\b", text[end:end + 3]) or text[end - 2:end] in ("'s", "’s"):
        return "past"  # "Wednesday's ruling": a weekday naming an event's day is nearly always a past one
    width = 12 * window
    left = text[max(0, start - width):start]
    right = text[end:min(len(text), end + width)]
    nl = left.rfind("\n")  # stay inside the paragraph
    if nl >= 0:
        left = left[nl + 1:]
    nr = right.find("\n")
    if nr >= 0:
        right = right[:nr]
    before = _WORD.findall(left)[::-1][: window]
    after = _WORD.findall(right)[: window]
    best: tuple[int, str] | None = None
    for side, words in ((0, before), (1, after)):
        for dist, w in enumerate(words):
            if w in _BREAKS:
                break  # a sentence end or a quotation: its tense is not the expression's
            low = w.lower()
            kind = None
            following = (words[dist - 1] if dist else "") if side == 0 else (
                words[dist + 1] if dist + 1 < len(words) else "")
            if low in _FUTURE or low.endswith("'ll") or (low in _BE_TO and following.lower() == "to"):
                kind = "future"
                # "had been scheduled to expire Friday": a plan told in the past perfect has come and gone.
                earlier = words[dist + 1:dist + 3] if side == 0 else words[max(0, dist - 2):dist]
                if any(x.lower() == "had" for x in earlier):
                    kind = "past"
            elif low in _PAST:
                kind = "past"
                if side == 1 and dist + 1 < len(words) and words[dist + 1].lower() in _FUTURE:
                    kind = "future"  # "were planning to", "was expected to"
            elif low.endswith("ed") and len(low) > 4 and low not in _NOT_VERB_ED:
                # "-ed" after a determiner is an adjective ("a revitalized grouping"), not a past verb.
                neighbour = (words[dist + 1] if side == 0 and dist + 1 < len(words)
                             else (words[dist - 1] if dist else "")).lower()
                if neighbour not in _DETERMINERS:
                    kind = "past"
            elif (side == 0 and dist == 0 and low in _PRESENT_VERBS and len(words) > 1
                  and (words[1].lower() in _SUBJECTS or words[1][:1].isupper())):
                kind = "future"  # "when he meets Tuesday": a present-tense verb speaks of the coming day
            if kind is not None:
                score = dist * 2 + side  # nearest first; before wins a tie
                if best is None or score < best[0]:
                    best = (score, kind)
                break
    return best[1] if best else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


#: How far (days) from the time of writing a date may lie against the tense before the tense decides.
_TENSE_SLACK = 90


def _nearest(anchor: dt.date, options: Sequence[dt.date | None], tense: str | None) -> dt.date | None:
    """The option nearest the anchor; one far on the wrong side of it for the tense counts as far away."""
    best: tuple[int, dt.date] | None = None
    for d in options:
        if d is None:
            continue
        gap = (d - anchor).days
        cost = abs(gap)
        if (tense == "past" and gap > _TENSE_SLACK) or (tense == "future" and gap < -_TENSE_SLACK):
            cost += 1000
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def _fmt_day(d: dt.date, year_known: bool) -> str:
    return d.isoformat() if year_known else f"XXXX-{d.month:02d}-{d.day:02d}"


def _season_of(d: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def _preceded_by_the(text: str, start: int) -> bool:
    return bool(re.search(r"(?i)\bthe\s+$", text[max(0, start - 5):start]))


def _after_number(text: str, start: int) -> bool:
    """True when a count or an amount stands just before `start` ("100 soldiers a day", "$5 a year")."""
    return bool(re.search(r"\d[\w%]*\s+(?:[a-z]+\s+){0,3}$", text[max(0, start - 40):start]))


def _holiday(name: str, year: int) -> dt.date | None:
    """The day a holiday falls on in a year (the names the holiday rule matches)."""
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "valentine's day": (2, 14), "halloween": (10, 31), "veterans day": (11, 11), "boxing day": (12, 26)}
    if name in fixed:
        return _safe_date(year, *fixed[name])
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)
    if name == "election day":
        return _nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)  # the Tuesday after the first Monday (US)
    if name == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 1, -1)
    if name.startswith("easter"):
        return _easter(year)
    return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (or with n=-1 the last) weekday (1=Monday) of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


_ENDED = re.compile(rf"\s+(?:that\s+)?(?:ended|ending)\s+(?P<mon>{MONTH})")


def _ended_quarter(text: str, end: int, speech: _Anchor | None) -> str | None:
    """The calendar quarter of "... quarter ended Sept. 30" (YYYY-Qn), read from the words after `end`."""
    m = _ENDED.match(text, end, min(len(text), end + 30))
    if m is None or speech is None or not speech.year_known:
        return None
    month = _month(m["mon"])
    year = speech.day.year if month <= speech.day.month else speech.day.year - 1
    return f"{year:04d}-Q{(month - 1) // 3 + 1}"


class _Calendar:
    """Date arithmetic the time finder's rules share: days, periods and shifts from an anchor, read with
    the finder's configuration (year range, largest shift, tense window)."""

    config: TimeConfig

    def _tense(self, text: str, c: _Cand) -> str | None:
        """`past`, `future` or None, from the words around the expression (nearest cue wins)."""
        return read_tense(text, c.start, c.end, self.config.tense_window)

    def _year_ok(self, year: int) -> bool:
        return self.config.earliest_year <= year <= self.config.latest_year

    # --- absolute and partial dates
    def _day_value(self, text: str, c: _Cand, year: int | None, month: int, day: int,
                   speech: _Anchor | None, rel: str | None = None) -> _Found:
        if year is not None and not self._year_ok(year):
            return _Found("DATE", None, None, f"year {year} is outside {self.config.earliest_year}-"
                                               f"{self.config.latest_year}")
        if not 1 <= month <= 12:
            return _Found("DATE", None, None, f"there is no month {month}")
        if day < 1 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            return _Found("DATE", None, None, f"{calendar.month_name[month]} has no day {day}")
        if year is not None:
            try:
                d = dt.date(year, month, day)
            except ValueError:
                return _Found("DATE", None, None, f"{calendar.month_name[month]} {year} has no day {day}")
            return _Found("DATE", d.isoformat(), None, None, d, True)
        if speech is None or not speech.year_known:
            base = speech.day.year if speech else 2000
            try:
                d = dt.date(base, month, day)
            except ValueError:
                d = dt.date(2000, month, day)
            return _Found("DATE", f"XXXX-{month:02d}-{day:02d}", speech.source if speech else None, None, d, False)
        y = speech.day.year
        if rel:
            y += {"this": 0, "last": -1, "next": 1}[rel.split()[0].lower()]
            candidates = [y]
        else:
            candidates = [y - 1, y, y + 1]
        tense = self._tense(text, c) if not rel else None
        near = _nearest(speech.day, [_safe_date(cy, month, day) for cy in candidates], tense)
        if near is None:
            return _Found("DATE", None, None, f"{calendar.month_name[month]} {y} has no day {day}")
        return _Found("DATE", near.isoformat(), speech.source, None, near, True)

    def _year_of(self, speech: _Anchor | None, rel: str | None, explicit: str | None) -> int | None:
        if explicit:
            return int(explicit)
        if speech is None or not speech.year_known:
            return None
        y = speech.day.year
        if rel:
            y += {"this": 0, "last": -1, "next": 1}[rel.split()[0].lower()]
        return y

    def _shifted_day(self, anchor: _Anchor | None, days: int, part: str | None = None) -> _Found:
        if anchor is None:
            return _Found("DATE" if part is None else "TIME", None, None, "no date to count from")
        d = anchor.day + dt.timedelta(days=days)
        value = _fmt_day(d, anchor.year_known)
        if part:
            return _Found("TIME", f"{value}T{part}", anchor.source, None, d, anchor.year_known)
        return _Found("DATE", value, anchor.source, None, d, anchor.year_known)

    def _period(self, unit: str, shift: int, anchor: _Anchor | None) -> _Found:
        """The week, month, quarter, year, decade or century `shift` units from the anchor's."""
        if anchor is None or not anchor.year_known:
            fallback = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX"}
            return _Found("DATE", fallback.get(unit, "XXXX"), anchor.source if anchor else None)
        d = anchor.day
        src = anchor.source
        if unit in ("year", "fiscal year", "school year"):
            return _Found("DATE", f"{d.year + shift:04d}", src)
        if unit == "month":
            mo = d.year * 12 + d.month - 1 + shift
            return _Found("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}", src)
        if unit == "quarter":
            q = d.year * 4 + (d.month - 1) // 3 + shift
            return _Found("DATE", f"{q // 4:04d}-Q{q % 4 + 1}", src)
        if unit in ("week", "weekend"):
            y, w, _ = (d + dt.timedelta(weeks=shift)).isocalendar()
            return _Found("DATE", f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else ""), src)
        if unit == "decade":
            return _Found("DATE", f"{d.year // 10 + shift:03d}", src)
        if unit == "century":
            return _Found("DATE", f"{d.year // 100 + shift:02d}", src)
        return _Found("DATE", _fmt_day(d + dt.timedelta(days=shift), True), src, None, d + dt.timedelta(days=shift))

    def _shift(self, unit: str, amount: float, anchor: _Anchor | None, quarter: str | None) -> _Found | None:
        """A date `amount` units from the anchor, at the unit's granularity (a quarter in a quarterly report)."""
        if anchor is None:
            return _Found("DATE", None, None, "no date to count from")
        if amount != int(amount):
            return None
        k = int(amount)
        if abs(k) > self.config.max_shift_years * 366:
            return _Found("DATE", None, None, "shift too large")
        d = anchor.day
        if unit == "year" and quarter:
            return _Found("DATE", f"{int(quarter[:4]) + k:04d}{quarter[4:]}", anchor.source)
        if not anchor.year_known and unit in ("year", "decade", "century", "quarter"):
            return _Found("DATE", "XXXX", anchor.source)
        if unit == "year":
            if abs(k) > self.config.max_shift_years:
                return _Found("DATE", None, None, "shift too large")
            return _Found("DATE", f"{d.year + k:04d}", anchor.source)
        if unit == "decade":
            return _Found("DATE", f"{d.year // 10 + k:03d}", anchor.source)
        if unit == "century":
            return _Found("DATE", f"{d.year // 100 + k:02d}", anchor.source)
        if unit == "quarter":
            q = d.year * 4 + (d.month - 1) // 3 + k
            return _Found("DATE", f"{q // 4:04d}-Q{q % 4 + 1}", anchor.source)
        if unit == "month":
            mo = d.year * 12 + d.month - 1 + k
            year_known = anchor.year_known
            return _Found("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}" if year_known else f"XXXX-{mo % 12 + 1:02d}",
                          anchor.source)
        days = {"day": 1, "night": 1, "week": 7, "fortnight": 14, "weekend": 7}.get(unit)
        if days is None:
            return None  # hours and minutes from a day anchor have no day value of their own
        try:
            target = d + dt.timedelta(days=days * k)
        except OverflowError:
            return _Found("DATE", None, None, "shift too large")
        return _Found("DATE", _fmt_day(target, anchor.year_known), anchor.source, None, target, anchor.year_known)

    def _anaphoric(self, unit: str, shift: int, speech: _Anchor | None, state: _State) -> _Found:
        anchor = state.narrative or speech
        if unit in ("year", "month") and state.value and (unit == "year" or len(state.value) >= 7):
            # "that year", "the following month": count from the last year or month the story named.
            y = int(state.value[:4])
            if unit == "year":
                return _Found("DATE", f"{y + shift:04d}", "narrative")
            mo = y * 12 + int(state.value[5:7]) - 1 + shift
            return _Found("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}", "narrative")
        if unit in ("day", "night"):
            f = self._shifted_day(anchor, shift)
            return f
        if unit in ("morning", "evening", "afternoon"):
            return self._shifted_day(anchor, shift, PARTS_OF_DAY[unit])
        return self._period(unit, shift, anchor)
