"""TimeML values the finder gives in earnings reports and event narratives: a fiscal quarter written with a
hyphen keeps its own number, "a year earlier" after the nine months compares years, a
duration counted to an event ("30 days before closing") is a duration, and "a minute and a half"; days
"later" from a moment no date has placed are a duration, "Now," opening a sentence is no time.

The texts are invented news copy; each test names the behaviour it pins down.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.model import Story, TimeExpression

#: The page's date in these tests: Thursday 26 October 1989, in an earnings season.
THURSDAY = dt.date(1989, 10, 26)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def find(finder: TimeFinder, text: str, reference: dt.date = THURSDAY) -> dict[str, TimeExpression]:
    found = finder(text, [Story(0, len(text))], [], reference)
    return {text[t.start:t.end]: t for t in found}


def test_a_hyphenated_fiscal_quarter_is_found_by_its_own_number(finder: TimeFinder) -> None:
    got = find(finder, "The miller earned C$4.9 million in the fiscal-first quarter ended Sept. 30. It had "
                       "a net loss of C$2.3 million a year ago.")
    assert got["the fiscal-first quarter"].value == "1989-Q1"
    assert got["a year ago"].value == "1988-Q3"  # compared with the calendar quarter it ended in


def test_a_year_earlier_compares_quarters_then_years_after_the_nine_months(finder: TimeFinder) -> None:
    text = ("The brewer's third-quarter profit rose to $5.8 million from $4 million a year earlier. "
            "For the nine months, it earned $18.9 million, against a loss of $9.7 million a year earlier.")
    found = finder(text, [Story(0, len(text))], [], THURSDAY)
    assert [t.value for t in found if text[t.start:t.end] == "a year earlier"] == ["1988-Q3", "1988"]


def test_a_quarter_named_again_brings_quarter_comparisons_back(finder: TimeFinder) -> None:
    text = ("Third-quarter sales rose 8%. For the nine months, sales rose 5% from a year earlier. "
            "In the third quarter, margins were wider than a year earlier.")
    found = finder(text, [Story(0, len(text))], [], THURSDAY)
    assert [t.value for t in found if text[t.start:t.end] == "a year earlier"] == ["1988", "1988-Q3"]


def test_a_count_before_an_event_is_a_duration_with_before_as_its_signal(finder: TimeFinder) -> None:
    got = find(finder, "The banks must wait at least 30 days before closing the purchase.")
    assert got["at least 30 days"].type == "DURATION"
    assert got["at least 30 days"].value == "P30D"


def test_a_unit_and_a_half_is_one_duration(finder: TimeFinder) -> None:
    got = find(finder, "The vote took an hour and a half; he had served a year and a half in prison.")
    assert got["an hour and a half"].value == "PT1H30M"
    assert got["a year and a half"].value == "P1Y6M"


@pytest.mark.parametrize("text, name", [
    ("The minister told USA Today that talks would go on.", "Today"),
    ('Baker, speaking on ABC News\' "This Week," said the request was grave.', "This Week"),
    ("Thousands joined the annual March for Life on the mall.", "March"),
])
def test_a_time_word_inside_a_name_is_no_time(finder: TimeFinder, text: str, name: str) -> None:
    assert name not in find(finder, text)


def test_a_time_word_at_a_sentence_start_stays_a_time(finder: TimeFinder) -> None:
    got = find(finder, "Today the court ruled. This week it sits again. In March, it rose.")
    assert got["Today"].value == "1989-10-26"
    assert got["This week"].value == "1989-W43"
    assert got["March"].value == "1989-03"


def test_a_quarter_of_something_is_a_share_and_quarters_of_losses_a_duration(finder: TimeFinder) -> None:
    got = find(finder, "Junk funds hold more than a quarter of the market after several quarters of losses.")
    assert "more than a quarter" not in got
    assert got["several quarters"].type == "DURATION"


def test_a_month_after_an_article_is_a_month_not_a_name(finder: TimeFinder) -> None:
    got = find(finder, "The March accession will let the three states join the alliance.")
    assert got["March"].value == "1990-03"


@pytest.mark.parametrize("text, expression, expected", [
    ("The convoy will leave at 4 in the morning, the mayor said.", "4 in the morning", "1989-10-26T04:00"),
    ("Polls close at 8 in the evening.", "8 in the evening", "1989-10-26T20:00"),
    ("The ferry docked at 11 at night.", "11 at night", "1989-10-26T23:00"),
])
def test_an_hour_with_its_part_of_the_day_is_a_clock_time(finder: TimeFinder, text: str, expression: str,
                                                           expected: str) -> None:
    assert find(finder, text)[expression].value == expected


def test_an_hour_in_the_morning_without_at_is_no_clock_time(finder: TimeFinder) -> None:
    assert find(finder, "Shares fell 5 in the morning session.") == {}


@pytest.mark.parametrize("text, expected", [
    # a limit told in the past perfect has passed
    ("Until Thursday, the police had not named him a suspect.", "1989-10-26"),
    ("The offer runs until Thursday, the company said.", "1989-10-26"),
    ("Until Tuesday, the police had not named him a suspect.", "1989-10-24"),
    ("The offer runs until Tuesday, the company said.", "1989-10-31"),
    # a present-tense verb with its adverb speaks of the coming day
    ("He and Arafat meet separately Monday with the envoy.", "1989-10-30"),
    # a deadline after a past perfect has passed; without one it is still to come
    ("Only three of the clubs had filed their accounts by Tuesday, the league said.", "1989-10-24"),
    ("The clubs must file their accounts by Tuesday, the league said.", "1989-10-31"),
])
def test_the_tense_around_a_weekday_chooses_its_week(finder: TimeFinder, text: str, expected: str) -> None:
    weekday = next(t for t in finder(text, [Story(0, len(text))], [], THURSDAY) if t.type == "DATE")
    assert weekday.value == expected


def test_one_day_after_a_modal_is_the_future_not_a_day_long(finder: TimeFinder) -> None:
    text = "Officials say the port will one day rival Rotterdam; the strike lasted one day."
    values = [(t.type, t.value) for t in finder(text, [Story(0, len(text))], [], THURSDAY)]
    assert values == [("DATE", "FUTURE_REF"), ("DURATION", "P1D")]


def test_a_price_a_night_is_no_duration(finder: TimeFinder) -> None:
    found = find(finder, "Room rates will be between $35 and $55 a night, the hotel said.")
    assert all(t.type != "DURATION" for t in found.values())


def test_the_quarter_a_year_ago_is_one_expression_of_last_year(finder: TimeFinder) -> None:
    text = "Profit rose in the third quarter. For the quarter a year ago, the chain earned $3 million."
    found = find(finder, text)
    assert found["the quarter a year ago"].value == "1988-Q3"
    assert "a year ago" not in found


@pytest.mark.parametrize("text, expression, value", [
    # a vague count names no day to count to
    ("The chairman resigned. A few days later, the board sold the unit.", "A few days later", "PXD"),
    # nor does a count from a moment no date has placed: the page's date is not what "earlier" counts from
    ("Trucks lined the border road. A day earlier, the crossing had closed.", "A day earlier", "P1D"),
])
def test_days_from_an_untimed_moment_are_a_duration(finder: TimeFinder, text: str, expression: str,
                                                     value: str) -> None:
    found = find(finder, text)
    assert (found[expression].type, found[expression].value) == ("DURATION", value)


def test_days_from_a_named_day_still_name_a_day(finder: TimeFinder) -> None:
    found = find(finder, "The ferry sank on Oct. 3. Two days later, divers reached the hull.")
    assert (found["Two days later"].type, found["Two days later"].value) == ("DATE", "1989-10-05")


@pytest.mark.parametrize("text, times", [
    # "Now," opening a sentence turns the argument
    ('The plan failed in March. Now, he says, "the talks are over."', ["March"]),
    ("Sales slumped for a year.\n\nNow, following two asset sales, the company is profitable.", ["a year"]),
    # "now" inside a sentence, or opening one without the comma, is the present
    ("The company now holds 9% of the shares. Now the board must decide.", ["now", "Now"]),
])
def test_now_opening_a_sentence_with_a_comma_is_no_time(finder: TimeFinder, text: str, times: list[str]) -> None:
    assert list(find(finder, text)) == times


@pytest.mark.parametrize("text, expression, value", [
    # a count with thousands separators is one count, not its last group of digits
    ("The empire lasted 2,000 years before it fell.", "2,000 years", "P2000Y"),
    # hundreds and thousands in words
    ("The crown has ruled the islands for almost a hundred years.", "almost a hundred years", "P100Y"),
    ("The guild kept its secrets for more than two thousand years.", "more than two thousand years", "P2000Y"),
])
def test_large_counts_make_one_duration(finder: TimeFinder, text: str, expression: str, value: str) -> None:
    found = find(finder, text)
    assert (found[expression].type, found[expression].value) == ("DURATION", value)
