"""Time expressions whose extent or value depends on a word beside them: hours "later" (a duration, with
"later" left outside as TimeML's signal), a unit said as an adjective ("a day-long meeting"), a holiday's
week, a day of the month read out ("March eighth"), "in the morning" of the story's day, "the then
current price", and "the past" before a count.

The texts are invented news copy; each test names the behaviour it pins down.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.model import Story

#: The page's date in these tests: Monday 17 April 2000.
MONDAY = dt.date(2000, 4, 17)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def found(finder: TimeFinder, text: str, reference: dt.date | None = MONDAY) -> list[tuple[str, str, str | None]]:
    return [(text[t.start:t.end], t.type, t.value) for t in finder(text, [Story(0, len(text))], [], reference)]


def test_hours_later_are_a_duration_without_the_signal(finder: TimeFinder) -> None:
    assert found(finder, "Two hours later, the ferry reached the harbour.") == [("Two hours", "DURATION", "PT2H")]
    assert found(finder, "But a minute and a half later, the tower called again.") == [
        ("a minute and a half", "DURATION", "PT1M30S")]


def test_days_later_still_count_from_the_narrative(finder: TimeFinder) -> None:
    text = "On April 3 the council met. Two days later it voted."
    assert found(finder, text)[-1] == ("Two days later", "DATE", "2000-04-05")


def test_hours_ago_name_no_day_and_are_left_out(finder: TimeFinder) -> None:
    assert found(finder, "Three hours ago the strike began.") == []


def test_a_unit_said_as_an_adjective_is_one_unit_long(finder: TimeFinder) -> None:
    text = "They left their third day-long meeting before the yearlong inquiry ended."
    assert found(finder, text) == [("day-long", "DURATION", "P1D"), ("yearlong", "DURATION", "P1Y")]
    assert found(finder, "They began a two-week-long strike.") == [("two-week-long", "DURATION", "P2W")]


def test_a_holiday_week_is_the_iso_week_the_holiday_falls_in(finder: TimeFinder) -> None:
    # Easter 2000 fell on Sunday 23 April: ISO week 16
    assert found(finder, "Crowds prayed as Easter week began.") == [("Easter week", "DATE", "2000-W16")]
    assert found(finder, "Crowds prayed as Easter week began.", None) == [("Easter week", "DATE", "XXXX-WXX")]


def test_a_day_of_the_month_read_out_is_a_date(finder: TimeFinder) -> None:
    text = "Women's Day is this coming Sunday, March eighth, the presenter said."
    assert found(finder, text, dt.date(1998, 3, 5)) == [("this coming Sunday, March eighth", "DATE", "1998-03-08")]
    assert found(finder, "The vote is set for the twenty-first of May.", dt.date(1998, 3, 5)) == [
        ("the twenty-first of May", "DATE", "1998-05-21")]


def test_an_ordinal_before_a_period_word_is_not_a_day(finder: TimeFinder) -> None:
    got = found(finder, "Sales in the June third quarter rose.", dt.date(1998, 3, 5))
    assert all(text != "June third" for text, _, _ in got)


def test_in_the_morning_is_the_story_days_morning(finder: TimeFinder) -> None:
    text = "Hopes were dashed on Friday, April 14. Dealers placed orders in the morning."
    assert found(finder, text)[-1] == ("the morning", "TIME", "2000-04-14TMO")


def test_then_current_is_a_past_reference(finder: TimeFinder) -> None:
    text = "Holders may buy shares at half the then current market price, unlike the current plan."
    assert found(finder, text) == [("then current", "DATE", "PAST_REF"), ("current", "DATE", "PRESENT_REF")]


def test_the_past_before_a_count_is_not_the_past_itself(finder: TimeFinder) -> None:
    assert found(finder, "Marches turned violent in the past three summers.") == []
    assert found(finder, "In the past, marches were calm.") == [("the past", "DATE", "PAST_REF")]
