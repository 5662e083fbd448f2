"""The way a story is telling as a tense cue — on invented news copy; each test names the behaviour it pins
down.

* where no word around a day or a month without a year says past or future, the story's last named day
  does: a story telling of coming days ("would sail from March 30") puts "August 6" in the coming August,
  a story of days gone by ("sank on April 2") puts it, and a bare "In January", in the past ones;
* without a named day, a bare month keeps the nearest such month (news mostly reports the past, but only a
  farther month is moved);
* a present passive ("when the case is heard in May") speaks of what is scheduled: the coming May, also in
  a story of past days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.anchor import Anchor
from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.analysis.times.values import narrative_tense
from newsdesk.model import TimeExpression
from tests.timing import FRIDAY, times_by_words


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def find(finder: TimeFinder, text: str, reference: dt.date = FRIDAY) -> dict[str, TimeExpression]:
    return times_by_words(finder, text, reference)


def test_the_last_named_day_tells_which_way_the_story_goes() -> None:
    now = Anchor(FRIDAY, True, "reference")
    assert narrative_tense(Anchor(dt.date(2031, 3, 30), True, "narrative"), now) == "future"
    assert narrative_tense(Anchor(dt.date(2030, 10, 2), True, "narrative"), now) == "past"
    # a story of the day of writing reports what has happened
    assert narrative_tense(Anchor(FRIDAY, True, "narrative"), now) == "past"
    # no named day, or one whose year is unknown: no cue
    assert narrative_tense(None, now) is None
    assert narrative_tense(Anchor(dt.date(2030, 3, 30), False, "narrative"), now) is None


def test_a_day_without_a_year_goes_the_way_of_a_story_of_coming_days(finder: TimeFinder) -> None:
    text = ("New ferries would sail from March 30, the operator said. "
            "Timetables for the island route from August 6 appear online.")
    got = find(finder, text, dt.date(2031, 1, 20))
    assert got["March 30"].value == "2031-03-30"
    # the past August is nearer the time of writing, but the story speaks of the coming months
    assert got["August 6"].value == "2031-08-06"


def test_a_day_without_a_year_goes_the_way_of_a_story_of_past_days(finder: TimeFinder) -> None:
    text = "The ferry sank on April 2, the coastguard said. The record high, set on August 6, still stands."
    got = find(finder, text, dt.date(2031, 4, 20))
    assert got["April 2"].value == "2031-04-02"
    # the coming August is nearer, but nothing says the story turned to the future
    assert got["August 6"].value == "2030-08-06"


def test_a_day_without_a_year_and_no_named_day_before_it_is_the_nearest(finder: TimeFinder) -> None:
    got = find(finder, "The record high, set on August 6, still stands.", dt.date(2031, 4, 20))
    assert got["August 6"].value == "2031-08-06"


@pytest.mark.parametrize("first, value", [
    # a story of past days: "In January" is the past one, though the coming January is nearer
    ("The clinic was attacked on October 23, police said.", "2030-01"),
    # a story of coming days: the coming one
    ("The summit will open on November 2, officials said.", "2031-01"),
])
def test_a_bare_month_without_a_tense_word_goes_the_way_of_the_story(finder: TimeFinder, first: str,
                                                                     value: str) -> None:
    text = (f"{first} In January, a week after the anniversary of the ruling, a bombing in the state capital "
            "cost two lives.")
    assert find(finder, text)["January"].value == value


def test_a_bare_month_without_a_tense_word_or_a_named_day_is_the_nearest(finder: TimeFinder) -> None:
    text = "In January, a week after the anniversary of the ruling, a bombing in the state capital cost two lives."
    assert find(finder, text)["January"].value == "2031-01"


def test_a_present_passive_is_scheduled_even_in_a_story_of_past_days(finder: TimeFinder) -> None:
    text = ("The relatives lost the first round on October 21, lawyers said. "
            "The boy stays with them until the case is heard in May.")
    assert find(finder, text)["May"].value == "2031-05"
