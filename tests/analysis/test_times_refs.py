"""Uncounted times and times no word fixes: "soon" is the near future only where it is not tied to an
event ("as soon as", "soon after") or told of the story's past; "at a later date" is the future, "this
crucial moment" the present; "for a while" is a stretch of unknown length, "eight trading days" eight
days; "the week" with no word that says which week leaves its number unknown; "the future of" something
is no time; "the year of $42" is a year, "the year of" a thing is not.

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


def found(finder: TimeFinder, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[t.start:t.end], t.type, t.value) for t in finder(text, [Story(0, len(text))], [], MONDAY)]


@pytest.mark.parametrize("text", [
    "The miller said it will soon reopen the plant at Duluth.",
    "Regulators told the bank that they may soon seek a fine.",  # a modal outweighs the past "told"
    "The brewer expects its exports to soon reach a fifth of sales.",
])
def test_soon_is_the_near_future(finder: TimeFinder, text: str) -> None:
    assert found(finder, text) == [("soon", "DATE", "FUTURE_REF")]


@pytest.mark.parametrize("text", [
    "The fund will sell the shares as soon as the market opens.",  # a conjunction
    "The guard was released soon after the raid ended.",  # near an event, not near now
    "The rebels took the bridge, and the army soon retreated.",  # soon after a past moment of the story
])
def test_soon_tied_to_an_event_or_the_past_is_no_time(finder: TimeFinder, text: str) -> None:
    assert found(finder, text) == []


def test_this_moment_is_the_time_of_writing_and_trading_days_are_days(finder: TimeFinder) -> None:
    assert found(finder, "He would not travel at this crucial moment.") == [
        ("this crucial moment", "DATE", "PRESENT_REF")]
    assert found(finder, "The index lagged for eight trading days.") == [("eight trading days", "DURATION", "P8D")]
    # a market's word before another unit is no count of it
    assert found(finder, "Brokers cut staff after two trading sessions.") == []


def test_a_later_date_is_the_future_and_for_a_while_a_stretch_of_unknown_length(finder: TimeFinder) -> None:
    assert found(finder, "The rest of the debt will be refinanced at a later date.") == [
        ("a later date", "DATE", "FUTURE_REF")]
    assert found(finder, "Residents will have to live without power for a while.") == [
        ("a while", "DURATION", "PXX")]


def test_the_week_that_no_word_fixes_keeps_its_year_and_leaves_its_number_unknown(finder: TimeFinder) -> None:
    got = found(finder, "The index fell 1.2% on Friday. For the week, the index dropped 3.8%.")
    assert got[-1] == ("the week", "DATE", "1989-WXX")
    # a relative word does say which week
    assert found(finder, "The index dropped 3.8% last week.") == [("last week", "DATE", "1989-W43")]


def test_the_future_of_something_is_no_time(finder: TimeFinder) -> None:
    assert found(finder, "Talks are very important to the future of our peoples.") == []
    assert found(finder, "Farmers are worried about the future.") == [("the future", "DATE", "FUTURE_REF")]


def test_the_year_before_an_amount_is_the_year_of_writing(finder: TimeFinder) -> None:
    got = found(finder, "The stock rose to a high for the year of $42.875 a share.")
    assert got == [("the year", "DATE", "1989")]
    assert found(finder, "It was the year of the flood.") == []
