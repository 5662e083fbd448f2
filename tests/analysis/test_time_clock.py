"""Clock times written without a zone, and numbers "at" which something happens — on invented copy.

* a four-digit number right after "at" ("landed at 1130", "closed at 2014") is a clock time or a level,
  never a year; "in 2014" still is one;
* "at 16:45", "at 07:30" (the 24-hour clock) are times; "at 3:30" could be either half of the day and is
  left alone unless its half is named ("at 3:30 in the morning").
"""

from __future__ import annotations

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from tests.timing import times_by_words


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def values(finder: TimeFinder, text: str) -> dict[str, str | None]:
    return {words: t.value for words, t in times_by_words(finder, text).items()}


@pytest.mark.parametrize("text", ["The ferry docked at 1130 after a rough crossing.",
                                  "The index closed at 2014, up three points."])
def test_a_number_at_which_something_happens_is_no_year(finder: TimeFinder, text: str) -> None:
    assert values(finder, text) == {}


def test_a_number_in_which_something_happens_is_still_a_year(finder: TimeFinder) -> None:
    assert values(finder, "The ferry first docked in 2014.") == {"2014": "2014"}


@pytest.mark.parametrize("text, expression, value", [
    ("The ferry left at 16:45, the port said.", "16:45", "2030-10-25T16:45"),
    ("The ferry left at 07:30 on Thursday.", "07:30 on Thursday", "2030-10-24T07:30"),
    ("At 3:30 in the morning the sirens began.", "3:30 in the morning", "2030-10-25T03:30"),
    ("At 9:15 in the evening the sirens stopped.", "9:15 in the evening", "2030-10-25T21:15"),
])
def test_clock_times_after_at(finder: TimeFinder, text: str, expression: str, value: str) -> None:
    assert values(finder, text) == {expression: value}


def test_a_clock_time_that_could_be_either_half_of_the_day_is_left_alone(finder: TimeFinder) -> None:
    assert values(finder, "The briefing starts at 3:30.") == {}
