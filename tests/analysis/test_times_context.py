"""Times whose value the words around them decide: a date after "agreed to" dates the act agreed on (still
to come), "this quarter" in a report on a quarter just ended is that quarter, "later in the day" is the
day the story is telling, "Oct. 12, the day before the crash" restates Oct. 12, "until then" is the
time named last, and "the year-earlier nine months" is one stretch of nine months.

The texts are invented news copy; each test names the behaviour it pins down.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.model import Story

#: The page's date in these tests: Monday 30 October 1989.
MONDAY = dt.date(1989, 10, 30)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def found(finder: TimeFinder, text: str) -> list[tuple[str, str | None]]:
    return [(text[t.start:t.end], t.value) for t in finder(text, [Story(0, len(text))], [], MONDAY)]


def test_a_month_after_a_past_verb_of_commitment_dates_the_act_still_to_come(finder: TimeFinder) -> None:
    assert found(finder, "The maker agreed to buy the pump line for $22 million in February.") == [
        ("February", "1990-02")]
    # without the commitment, the past verb dates the month itself: the last February
    assert found(finder, "The maker bought the pump line for $22 million in February.") == [("February", "1989-02")]


def test_this_quarter_in_a_report_on_a_quarter_just_ended_is_that_quarter(finder: TimeFinder) -> None:
    text = "The miller lost $3 million in the third quarter. This quarter's loss includes a charge of $4 million."
    assert found(finder, text) == [("the third quarter", "1989-Q3"), ("This quarter", "1989-Q3")]
    # what the report expects of the quarter under way is the quarter of writing
    text = "The miller lost $3 million in the third quarter. It expects to break even this quarter."
    assert found(finder, text)[-1] == ("this quarter", "1989-Q4")


def test_later_in_the_day_is_the_day_the_story_is_telling(finder: TimeFinder) -> None:
    text = "The president flew to Denver on Friday. Protesters met him there later in the day."
    assert found(finder, text) == [("Friday", "1989-10-27"), ("later in the day", "1989-10-27")]
    # a figure of speech names no day
    assert found(finder, "At the end of the day, the vote is what counts.") == []


def test_an_apposition_after_a_date_restates_that_day(finder: TimeFinder) -> None:
    text = "Eight trading days after Oct. 12, the day before the market plunged, the index had recovered."
    # "before" relates the day to the event: a signal outside the expression
    assert ("the day", "1989-10-12") in found(finder, text)
    # with no date just before it, the day before an event is no day we know
    assert found(finder, "Shares fell the day before the market plunged.") == []


def test_until_then_is_the_time_named_last(finder: TimeFinder) -> None:
    text = "Conversion rights will end on Nov. 30. Until then, the stock remains convertible."
    assert found(finder, text) == [("Nov. 30", "1989-11-30"), ("then", "1989-11-30")]
    assert found(finder, "Until then, the stock remains convertible.") == []  # nothing named before it
    assert found(finder, "Intel shipped the chip on Oct. 2. Since then, sales have doubled.") == [
        ("Oct. 2", "1989-10-02")]  # "since then" is a stretch, not a time


def test_the_year_earlier_stretch_is_one_duration(finder: TimeFinder) -> None:
    text = "Net for the year-earlier nine months included a gain on a sale. The comparable six months saw none."
    assert found(finder, text) == [("the year-earlier nine months", "P9M"), ("The comparable six months", "P6M")]
