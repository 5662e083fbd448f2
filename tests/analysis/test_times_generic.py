"""Days that name an era or an event's count of days: "today's youth", "many of today's computers" and
"the leaders of tomorrow" are the present or the future in general, no day of the calendar, and are left
out ("today's vote", "as of today" stay days); "today is the eighth day of the strike" is the day of
writing; in "Oct. 12, the day before the crash" the restating "the day" is the expression and "before"
its signal.

The texts are invented news copy; each test names the behaviour it pins down.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.model import Story

#: The page's date in these tests: Wednesday 15 March 1995.
WEDNESDAY = dt.date(1995, 3, 15)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def found(finder: TimeFinder, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[t.start:t.end], t.type, t.value) for t in finder(text, [Story(0, len(text))], [], WEDNESDAY)]


@pytest.mark.parametrize("text", [
    "The museum wants to speak to today's youth about the old mills.",
    "Mobile phones are common in today's world, the minister said.",
    "The board said it was choosing the managers of tomorrow, not friends.",
    "The chip runs most of today's desktop computers.",
])
def test_a_day_for_an_era_is_no_time(finder: TimeFinder, text: str) -> None:
    assert found(finder, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Lawmakers said today's vote on the budget would be close.", [("today", "DATE", "1995-03-15")]),
    ("Tomorrow's session opens at the usual hour.", [("Tomorrow", "DATE", "1995-03-16")]),
    ("As of today, the shop no longer takes cash.", [("today", "DATE", "1995-03-15")]),
    ("The strike is in its second week; the union meets tomorrow.", [("tomorrow", "DATE", "1995-03-16")]),
])
def test_a_day_for_a_day_stays(finder: TimeFinder, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(finder, text) == expected


def test_the_nth_day_of_an_event_is_today(finder: TimeFinder) -> None:
    assert found(finder, "In the capital, today is the eighth day of the dockers' strike.") == [
        ("today", "DATE", "1995-03-15"), ("the eighth day", "DATE", "1995-03-15")]
    assert found(finder, "It's the second day of a blockade of the port.") == [
        ("the second day", "DATE", "1995-03-15")]


def test_the_nth_day_told_in_the_past_is_left_alone(finder: TimeFinder) -> None:
    # "was" tells of another day, which no word here fixes
    assert found(finder, "It was the second day of the blockade.") == []


def test_a_restating_day_before_an_event_is_the_day_alone(finder: TimeFinder) -> None:
    text = "Shares were bought after Oct. 12, the day before the crash."
    assert found(finder, text) == [("Oct. 12", "DATE", "1994-10-12"), ("the day", "DATE", "1994-10-12")]


def test_that_day_with_no_day_before_it_is_left_alone(finder: TimeFinder) -> None:
    # a generic case ("on days when ..."): no day of the calendar to restate
    text = "On days when prices tumble, dealers can lose heavily on trades made that day."
    assert found(finder, text) == []


def test_that_day_restates_the_day_named_before_it(finder: TimeFinder) -> None:
    text = "The dam burst on Sunday. Rescuers reached the valley that day."
    assert found(finder, text) == [("Sunday", "DATE", "1995-03-12"), ("that day", "DATE", "1995-03-12")]
