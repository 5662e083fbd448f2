"""times.anchor: what a relative expression is resolved against — the time of writing (the story's dateline,
else the page's reference date: `speech_anchor`), what the story has said so far (`StoryState`: its last
named day, the quarter it reports on, its last explicit year or month), and the calendar quarter a fiscal
one "ended" in (`ended_quarter`).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from newsdesk.analysis.times.patterns import MONTH, month_number
from newsdesk.model import Story


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a relative expression counts from: a day, whether its year is known, and where it came from."""

    day: dt.date
    year_known: bool
    source: str  # narrative, dateline, reference, quotation


@dataclass(slots=True)
class StoryState:
    """What a story has said so far (updated expression by expression, so mutable): the last day it named,
    the quarter it reports on and whether it still speaks of it, its last explicit date."""

    narrative: Anchor | None = None
    #: Where the expression that set `narrative` ends (an apposition right after it restates its day).
    narrative_end: int | None = None
    quarter: str | None = None
    value: str | None = None
    #: False once the story has turned from the quarter to a longer stretch of it ("for the nine
    #: months"): "a year earlier" then compares years, until a quarter is named again.
    quarter_in_view: bool = True

    def compared_quarter(self) -> str | None:
        """The quarter "a year ago" counts from, while the story is speaking of a quarter."""
        return self.quarter if self.quarter_in_view else None


def named_year(state: StoryState) -> Anchor | None:
    """The first of January of the last calendar year the story named ("in 2019", "March 2019"), to count
    whole years from; None when it has named none."""
    if state.value is None or not state.value[:4].isdigit():
        return None
    return Anchor(dt.date(int(state.value[:4]), 1, 1), True, "narrative")


def story_index(pos: int, starts: list[int]) -> int:
    """The index of the story holding `pos`, given the stories' sorted starts (0 with no stories)."""
    if not starts:
        return 0
    return max(0, bisect.bisect_right(starts, pos) - 1)


def speech_anchor(story: Story | None, reference: dt.date | None) -> Anchor | None:
    """The time of writing: the story's dateline date, else the page's reference date."""
    if story is not None and story.dateline is not None and story.dateline.date:
        raw = story.dateline.date
        m = re.fullmatch(r"(\d{4}|XXXX)-(\d\d)-(\d\d)", raw)
        if m:
            known = m.group(1) != "XXXX"
            year = int(m.group(1)) if known else (reference.year if reference else 2000)
            try:
                day = dt.date(year, int(m.group(2)), int(m.group(3)))
            except ValueError:
                day = None
            if day is not None:
                return Anchor(day, known or reference is not None, "dateline")
    if reference is not None:
        return Anchor(reference, True, "reference")
    return None


_ENDED = re.compile(rf"\s+(?:that\s+)?(?:ended|ending)\s+(?P<mon>{MONTH})\.?(?:\s+(?P<day>[0-3]?\d)\b)?")
#: Days from a three-month period's last day back to its middle.
_HALF_QUARTER = 45


def ended_quarter(text: str, end: int, speech: Anchor | None) -> str | None:
    """The calendar quarter of "... quarter ended Sept. 30" (YYYY-Qn), read from the words after `end`: the
    quarter that holds the middle of the three months ending that day, so a fiscal quarter ended July 31
    (May to July) is the second, one ended Oct. 1 (July to September) the third. The day it ended has
    passed: it lies in the year of writing unless that would put it after the time of writing."""
    m = _ENDED.match(text, end, min(len(text), end + 30))
    if m is None or speech is None or not speech.year_known:
        return None
    month = month_number(m["mon"])
    day = int(m["day"]) if m["day"] else calendar.monthrange(2001, month)[1]
    year = speech.day.year
    try:
        last = dt.date(year, month, day)
    except ValueError:  # "Feb. 29" in a common year, "Sept. 31": the month's last day
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
    if last > speech.day:
        last = last.replace(year=year - 1, day=min(last.day, calendar.monthrange(year - 1, month)[1]))
    middle = last - dt.timedelta(days=_HALF_QUARTER)
    return f"{middle.year:04d}-Q{(middle.month - 1) // 3 + 1}"
