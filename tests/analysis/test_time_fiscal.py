"""Fiscal periods and the past a verb right before a date tells — on invented news copy; each test names the
behaviour it pins down.

* "the quarter ended July 31" is the calendar quarter holding most of its three months (May to July: the
  second), and the day it ended has passed (it is never a day after the time of writing);
* a past verb right before a day or a month, alone or through "on"/"in" ("met on 12 November", "collapsed
  in December"), dates what has happened: never a day or month still to come; a past verb further off
  ("declared a dividend, payable Nov. 12") keeps the nearest date;
* years "later" with no day named count from the last year the story named;
* quarters and halves as financial pages abbreviate them ("Q3 2029", "Q3'29", "H1 2030", "in Q4"); a bare
  "Q3" that is no period of the year ("see Q3 below") is no time; "the first quarter of fiscal 2031";
* a timetable told in the present after a noun subject ("the fair ends Tuesday"), also through a
  preposition ("opens in March"), is the coming day or month.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.analysis.times.tense import adjacent_past
from newsdesk.model import TimeExpression
from tests.timing import FRIDAY, times_by_words

#: A day in the first quarter, to tell a quarter that has not begun from one that has.
FEBRUARY = dt.date(2031, 2, 14)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def values(finder: TimeFinder, text: str, reference: dt.date = FRIDAY) -> dict[str, str | None]:
    found: dict[str, TimeExpression] = times_by_words(finder, text, reference)
    return {words: t.value for words, t in found.items()}


@pytest.mark.parametrize("text, quarter", [
    ("In the quarter ended July 31, the printer lost money.", "2030-Q2"),  # May to July
    ("For the quarter ended Oct. 1, the printer lost money.", "2030-Q3"),  # July to September
    ("For the quarter ended Sept. 30, the printer lost money.", "2030-Q3"),
    ("For the quarter ended Jan. 31, the printer lost money.", "2029-Q4"),  # November 2029 to January 2030
])
def test_a_quarter_that_ended_is_the_calendar_quarter_holding_most_of_it(finder: TimeFinder, text: str,
                                                                        quarter: str) -> None:
    assert values(finder, text)["the quarter"] == quarter


def test_a_quarter_ended_on_a_day_still_to_come_this_year_ended_last_year(finder: TimeFinder) -> None:
    got = values(finder, "In the quarter ended Nov. 30, the printer lost money.")
    assert got == {"the quarter": "2029-Q4", "Nov. 30": "2029-11-30"}


def test_a_past_verb_right_before_a_day_dates_a_day_that_has_come(finder: TimeFinder) -> None:
    assert values(finder, "The cooperative's members met on 12 November to vote.") == {"12 November": "2029-11-12"}
    assert values(finder, "The cooperative's members will meet on 12 November.") == {"12 November": "2030-11-12"}
    # a participle after a modal and "be" is no past ("may be heard")
    assert values(finder, "The appeal may be heard on 12 November.") == {"12 November": "2030-11-12"}
    # a past verb in another part of the sentence does not date it: the nearest such day is kept
    assert values(finder, "The board declared a dividend, payable Nov. 12.") == {"Nov. 12": "2030-11-12"}


def test_a_past_verb_right_before_a_month_dates_a_month_that_has_begun(finder: TimeFinder) -> None:
    assert values(finder, "The harvest collapsed in December.") == {"December": "2029-12"}
    assert values(finder, "The harvest will resume in December.") == {"December": "2030-12"}
    assert values(finder, "The harvest collapsed in October.") == {"October": "2030-10"}


@pytest.mark.parametrize("text, expected", [
    ("The bakery was sold, and the new owners met on June 3.", True),
    ("The new owners will meet on June 3.", False),
    ("The board declared a dividend, payable June 3.", False),
    ("Sales rose in the quarter ended June 3.", True),
    ("The new owners are set to meet. June 3 is the day.", False),
])
def test_adjacent_past_reads_only_the_verb_right_before(text: str, expected: bool) -> None:
    assert adjacent_past(text, text.index("June")) is expected


def test_years_later_count_from_the_last_year_named(finder: TimeFinder) -> None:
    got = values(finder, "The bakery opened in 2021 and closed four years later.")
    assert got == {"2021": "2021", "four years later": "2025"}
    got = values(finder, "The mill was built in 1990. A decade later it was sold.")
    assert got["A decade later"] == "200"


@pytest.mark.parametrize("text, expression, value", [
    ("Exports fell in Q3 2029, the ministry said.", "Q3 2029", "2029-Q3"),
    ("Exports in 2029 Q3 were weak.", "2029 Q3", "2029-Q3"),
    ("Exports rose in Q3'29.", "Q3'29", "2029-Q3"),
    ("Exports doubled in H1 2030.", "H1 2030", "2030-H1"),
    ("Results for Q1 FY2031 were strong.", "Q1 FY2031", "2031-Q1"),
    ("Exports fell in Q4, the ministry said.", "Q4", "2030-Q4"),  # under way in October
    ("Revenue in the first quarter of fiscal 2031 rose.", "the first quarter of fiscal 2031", "2031-Q1"),
])
def test_abbreviated_and_fiscal_quarters(finder: TimeFinder, text: str, expression: str, value: str) -> None:
    got = values(finder, text)
    assert got == {expression: value}


def test_a_bare_quarter_spoken_of_in_the_past_before_it_began_is_last_years(finder: TimeFinder) -> None:
    assert values(finder, "Exports fell in Q3, the ministry said.", FEBRUARY) == {"Q3": "2030-Q3"}
    assert values(finder, "Exports will rise in Q3, the ministry said.", FEBRUARY) == {"Q3": "2031-Q3"}


@pytest.mark.parametrize("text", ["See Q3 below for the details.", "The H1N1 virus spread.",
                                  "The Q400 aircraft landed safely.", "The fair has stands H1 to H4."])
def test_quarter_labels_that_are_no_period_are_no_time(finder: TimeFinder, text: str) -> None:
    assert values(finder, text) == {}


def test_a_timetable_in_the_present_after_a_noun_subject_is_the_coming_day(finder: TimeFinder) -> None:
    assert values(finder, "The three-day fair ends Tuesday.")["Tuesday"] == "2030-10-29"
    assert values(finder, "The three-day fair ended Tuesday.")["Tuesday"] == "2030-10-22"


def test_a_timetable_in_the_present_reaches_its_month_through_a_preposition(finder: TimeFinder) -> None:
    # told in October 2030: the fair that "opens in March" is next year's, the one that "opened in March" this year's
    assert values(finder, "The trade fair opens in March.")["March"] == "2031-03"
    assert values(finder, "The trade fair opened in March.")["March"] == "2030-03"
