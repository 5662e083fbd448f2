"""times.values: value normalisation — what a rule's handler returns (`TimeValue`) and the calendar
arithmetic the handlers share: a day from a year, month and day checked against the calendar and the
tense (`Calendar.day_value`), shifts ("two years ago": `Calendar.shift`), periods and days counted from
an anchor, the nearest date for a tense, holidays, and TimeML's duration values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsdesk.analysis.times.anchor import Anchor, StoryState
from newsdesk.analysis.times.config import TimeConfig
from newsdesk.analysis.times.patterns import PARTS_OF_DAY, Candidate
from newsdesk.analysis.times.tense import adjacent_past, read_tense


@dataclass(frozen=True, slots=True)
class TimeValue:
    """An expression's TIMEX3 type and value (None with a `problem`), what it was resolved against, and
    the day it names (to anchor what follows in the narrative) with whether that day's year is known."""

    type: str
    value: str | None
    anchor: str | None = None
    problem: str | None = None
    day: dt.date | None = None
    year_known: bool = True


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_HALF = re.compile(r"(?i)\b(?:(?P<first>first)|second|last|latter)\s+(?:half|two\s+quarters)\b")


def half_of_year(value: TimeValue, modifier: str | None) -> TimeValue:
    """A year narrowed to the half its modifier names ("the first half of 1990", "the last two quarters of
    this year"): TimeML's `1990-H1`; other values and modifiers ("early", "the end of") are left as they are."""
    half = _HALF.search(modifier) if modifier else None
    if half is None or value.value is None or not re.fullmatch(r"\d{4}", value.value):
        return value
    return replace(value, value=f"{value.value}-H{1 if half['first'] else 2}")


#: How far (days) from the time of writing a date may lie against the tense before the tense decides.
_TENSE_SLACK = 90
#: The same for a day that a past verb right before it dates (`tense.adjacent_past`).
_CLOSE_PAST_SLACK = 1


def nearest_date(anchor: dt.date, options: Sequence[dt.date | None], tense: str | None,
                 slack: int | None = None) -> dt.date | None:
    """The option nearest the anchor; one more than `slack` days (default `_TENSE_SLACK`) on the wrong side
    of it for the tense counts as far away."""
    slack = _TENSE_SLACK if slack is None else slack
    best: tuple[int, dt.date] | None = None
    for d in options:
        if d is None:
            continue
        gap = (d - anchor).days
        cost = abs(gap)
        if (tense == "past" and gap > slack) or (tense == "future" and gap < -slack):
            cost += 1000
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def narrative_tense(narrative: Anchor | None, speech: Anchor | None) -> str | None:
    """The way the story is telling when the words around an expression say nothing of tense: `future`
    when the last day it named lies after the time of writing, else `past` (a story of the day of writing
    reports what has happened); None when it has named no day with a known year. A weak cue, read only
    where no tense word is."""
    if narrative is None or speech is None or not (narrative.year_known and speech.year_known):
        return None
    return "past" if narrative.day <= speech.day else "future"


def format_day(d: dt.date, year_known: bool) -> str:
    """A day as TimeML writes it: `2022-05-22`, or `XXXX-05-22` when its year is unknown."""
    return d.isoformat() if year_known else f"XXXX-{d.month:02d}-{d.day:02d}"


def holiday_date(name: str, year: int) -> dt.date | None:
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


#: A fraction of a unit written in the next smaller one ("2 1/2 years" is P2Y6M, as TimeML writes it).
_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}


def duration_value(n: float | None, code: str) -> str:
    """A TimeML duration of `n` units (`code`: Y, M, W, D, H, MIN, S, WE, DE, CE, Q; None: unknown count)."""
    # TimeBank writes decades, centuries and quarters in years and months ("two decades" is P20Y).
    if code in ("DE", "CE", "Q"):
        factor, code = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M")}[code]
        n = None if n is None else n * factor
    if n is not None and not float(n).is_integer() and code in _SMALLER:
        whole = int(n)
        per, small = _SMALLER[code]
        rest = round((n - whole) * per)
        head = duration_value(whole, code) if whole else "P"
        tail = duration_value(rest, small)[1:]
        if "T" in tail and "T" in head:
            tail = tail.replace("T", "")
        return head + tail
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else f"{n:g}")
    if code in ("H", "S", "MIN"):
        return f"PT{amount}{code[0]}"
    if code == "WE":
        return f"P{amount}WE"
    return f"P{amount}{code}"


def year_of(speech: Anchor | None, rel: str | None, explicit: str | None) -> int | None:
    """The year an explicit year names, else the time of writing's shifted by "this"/"last"/"next"."""
    if explicit:
        return int(explicit)
    if speech is None or not speech.year_known:
        return None
    y = speech.day.year
    if rel:
        y += {"this": 0, "last": -1, "next": 1}[rel.split()[0].lower()]
    return y


def shifted_day(anchor: Anchor | None, days: int, part: str | None = None) -> TimeValue:
    """The day `days` from the anchor's, with a part of the day (`MO`, `NI`…) when one is named."""
    if anchor is None:
        return TimeValue("DATE" if part is None else "TIME", None, None, "no date to count from")
    d = anchor.day + dt.timedelta(days=days)
    value = format_day(d, anchor.year_known)
    if part:
        return TimeValue("TIME", f"{value}T{part}", anchor.source, None, d, anchor.year_known)
    return TimeValue("DATE", value, anchor.source, None, d, anchor.year_known)


def period(unit: str, shift: int, anchor: Anchor | None) -> TimeValue:
    """The week, month, quarter, year, decade or century `shift` units from the anchor's."""
    if anchor is None or not anchor.year_known:
        fallback = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX"}
        return TimeValue("DATE", fallback.get(unit, "XXXX"), anchor.source if anchor else None)
    d = anchor.day
    src = anchor.source
    if unit in ("year", "fiscal year", "school year"):
        return TimeValue("DATE", f"{d.year + shift:04d}", src)
    if unit == "month":
        mo = d.year * 12 + d.month - 1 + shift
        return TimeValue("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}", src)
    if unit == "quarter":
        q = d.year * 4 + (d.month - 1) // 3 + shift
        return TimeValue("DATE", f"{q // 4:04d}-Q{q % 4 + 1}", src)
    if unit in ("week", "weekend"):
        y, w, _ = (d + dt.timedelta(weeks=shift)).isocalendar()
        return TimeValue("DATE", f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else ""), src)
    if unit == "decade":
        return TimeValue("DATE", f"{d.year // 10 + shift:03d}", src)
    if unit == "century":
        return TimeValue("DATE", f"{d.year // 100 + shift:02d}", src)
    return TimeValue("DATE", format_day(d + dt.timedelta(days=shift), True), src, None, d + dt.timedelta(days=shift))


def anaphoric(unit: str, shift: int, speech: Anchor | None, state: StoryState) -> TimeValue:
    """"The next day", "that year", "the following month": counted from what the story said last."""
    anchor = state.narrative or speech
    if unit in ("year", "month") and state.value and (unit == "year" or len(state.value) >= 7):
        # "that year", "the following month": count from the last year or month the story named.
        y = int(state.value[:4])
        if unit == "year":
            return TimeValue("DATE", f"{y + shift:04d}", "narrative")
        mo = y * 12 + int(state.value[5:7]) - 1 + shift
        return TimeValue("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}", "narrative")
    if unit in ("day", "night"):
        return shifted_day(anchor, shift)
    if unit in ("morning", "evening", "afternoon"):
        return shifted_day(anchor, shift, PARTS_OF_DAY[unit])
    return period(unit, shift, anchor)


class Calendar:
    """The arithmetic that reads the finder's settings: the accepted years, the tense window and the
    largest shift resolved to a date."""

    def __init__(self, config: TimeConfig) -> None:
        self.config = config

    def tense(self, text: str, c: Candidate) -> str | None:
        """`past`, `future` or None, from the words around the expression (nearest cue wins)."""
        return read_tense(text, c.start, c.end, self.config.tense_window)

    def year_ok(self, year: int) -> bool:
        return self.config.earliest_year <= year <= self.config.latest_year

    def outside_years(self, year: int) -> TimeValue:
        """A date naming a year outside the accepted range: no value, and the problem said."""
        return TimeValue("DATE", None, None, f"year {year} is outside {self.config.earliest_year}-"
                                             f"{self.config.latest_year}")

    def day_value(self, text: str, c: Candidate, year: int | None, month: int, day: int,
                  speech: Anchor | None, rel: str | None = None, narrative: Anchor | None = None) -> TimeValue:
        """A day of the calendar; without a year, the one nearest the time of writing for the tense (read
        around it, else the way the story is telling: `narrative_tense` of its last named day)."""
        if year is not None and not self.year_ok(year):
            return self.outside_years(year)
        if not 1 <= month <= 12:
            return TimeValue("DATE", None, None, f"there is no month {month}")
        if day < 1 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            return TimeValue("DATE", None, None, f"{calendar.month_name[month]} has no day {day}")
        if year is not None:
            try:
                d = dt.date(year, month, day)
            except ValueError:
                return TimeValue("DATE", None, None, f"{calendar.month_name[month]} {year} has no day {day}")
            return TimeValue("DATE", d.isoformat(), None, None, d, True)
        if speech is None or not speech.year_known:
            base = speech.day.year if speech else 2000
            try:
                d = dt.date(base, month, day)
            except ValueError:
                d = dt.date(2000, month, day)
            return TimeValue("DATE", f"XXXX-{month:02d}-{day:02d}", speech.source if speech else None, None, d,
                             False)
        y = speech.day.year
        if rel:
            y += {"this": 0, "last": -1, "next": 1}[rel.split()[0].lower()]
            candidates = [y]
        else:
            candidates = [y - 1, y, y + 1]
        tense = self.tense(text, c) if not rel else None
        if tense is None and not rel:
            tense = narrative_tense(narrative, speech)  # "from March 30 ... from August 6": the story's way
        # A past verb right before the day ("met on 3 June") dates what has happened: no later than a day
        # after the time of writing (a dateline's time zone); a cue read further off keeps the wider slack.
        close_past = not rel and adjacent_past(text, c.start)
        near = nearest_date(speech.day, [_safe_date(cy, month, day) for cy in candidates],
                            "past" if close_past else tense, _CLOSE_PAST_SLACK if close_past else None)
        if near is None:
            return TimeValue("DATE", None, None, f"{calendar.month_name[month]} {y} has no day {day}")
        return TimeValue("DATE", near.isoformat(), speech.source, None, near, True)

    def shift(self, unit: str, amount: float, anchor: Anchor | None, quarter: str | None) -> TimeValue | None:
        """A date `amount` units from the anchor, at the unit's granularity (a quarter in a quarterly report)."""
        if anchor is None:
            return TimeValue("DATE", None, None, "no date to count from")
        if amount != int(amount):
            return None
        k = int(amount)
        if abs(k) > self.config.max_shift_years * 366:
            return TimeValue("DATE", None, None, "shift too large")
        d = anchor.day
        if unit == "year" and quarter:
            return TimeValue("DATE", f"{int(quarter[:4]) + k:04d}{quarter[4:]}", anchor.source)
        if not anchor.year_known and unit in ("year", "decade", "century", "quarter"):
            return TimeValue("DATE", "XXXX", anchor.source)
        if unit == "year":
            if abs(k) > self.config.max_shift_years:
                return TimeValue("DATE", None, None, "shift too large")
            return TimeValue("DATE", f"{d.year + k:04d}", anchor.source)
        if unit == "decade":
            return TimeValue("DATE", f"{d.year // 10 + k:03d}", anchor.source)
        if unit == "century":
            return TimeValue("DATE", f"{d.year // 100 + k:02d}", anchor.source)
        if unit == "quarter":
            q = d.year * 4 + (d.month - 1) // 3 + k
            return TimeValue("DATE", f"{q // 4:04d}-Q{q % 4 + 1}", anchor.source)
        if unit == "month":
            mo = d.year * 12 + d.month - 1 + k
            year_known = anchor.year_known
            return TimeValue("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}" if year_known else f"XXXX-{mo % 12 + 1:02d}",
                             anchor.source)
        days = {"day": 1, "night": 1, "week": 7, "fortnight": 14, "weekend": 7}.get(unit)
        if days is None:
            return None  # hours and minutes from a day anchor have no day value of their own
        try:
            target = d + dt.timedelta(days=days * k)
        except OverflowError:
            return TimeValue("DATE", None, None, "shift too large")
        return TimeValue("DATE", format_day(target, anchor.year_known), anchor.source, None, target,
                         anchor.year_known)
