"""TIMEX3 conventions the finder follows for extents and values: what belongs inside an expression
(modifiers, ranges, "or so"), what stays outside ("over" as a signal), uncounted and rolling periods,
sets, a year's end, a quarter compared with the year before, and a second day after "and".

The texts are invented news copy; each test names the behaviour it pins down.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.model import Story, TimeExpression

#: The page's date in these tests: Friday 14 April 2023.
FRIDAY = dt.date(2023, 4, 14)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def find(finder: TimeFinder, text: str, reference: dt.date = FRIDAY) -> dict[str, TimeExpression]:
    found = finder(text, [Story(0, len(text))], [], reference)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
    return {text[t.start:t.end]: t for t in found}


def test_over_before_a_period_is_a_signal_outside_the_expression(finder: TimeFinder) -> None:
    got = find(finder, "Rents in the harbour district rose steeply over the past three years.")
    assert "over the past three years" not in got
    assert got["the past three years"].type == "DURATION"
    assert got["the past three years"].value == "P3Y"


def test_over_a_single_unit_means_more_than_and_stays_inside(finder: TimeFinder) -> None:
    got = find(finder, "The ferry crossing took over a week because of the storms.")
    assert got["over a week"].value == "P1W"


def test_a_range_of_counts_is_one_duration_of_unspecified_length(finder: TimeFinder) -> None:
    got = find(finder, "The bakery will reopen within two to three weeks, its owner said.")
    assert got["two to three weeks"].type == "DURATION"
    assert got["two to three weeks"].value == "PXW"
    got = find(finder, "The council plans to sell the depot during the next 12 to 18 months.")
    assert got["the next 12 to 18 months"].value == "PXM"


def test_or_so_belongs_to_the_duration_it_hedges(finder: TimeFinder) -> None:
    got = find(finder, "The pier will stay closed for the next two years or so, engineers said.")
    assert got["the next two years or so"].value == "P2Y"


def test_uncounted_periods_on_either_side_of_now(finder: TimeFinder) -> None:
    got = find(finder, "Ticket sales may slow in coming months, and they fell in past years too.")
    assert (got["coming months"].type, got["coming months"].value) == ("DATE", "FUTURE_REF")
    assert got["past years"].value == "PAST_REF"
    got = find(finder, "The orchard has changed hands several times over the years.")
    assert (got["the years"].type, got["the years"].value) == ("DURATION", "PXY")


def test_the_past_week_is_the_calendar_week_holding_most_of_its_days(finder: TimeFinder) -> None:
    # Friday 14 April 2023: the seven days before it lie mostly in ISO week 15.
    assert find(finder, "Volunteers have cleared the beach during the past week.")["the past week"].value == "2023-W15"
    # "last week" without the article is the calendar week before this one.
    assert find(finder, "Volunteers cleared the beach last week.")["last week"].value == "2023-W14"


def test_the_past_year_is_the_year_before_the_time_of_writing(finder: TimeFinder) -> None:
    got = find(finder, "Membership of the rowing club doubled in the past year.")
    assert (got["the past year"].type, got["the past year"].value) == ("DATE", "2022")


def test_this_past_and_this_coming_are_past_and_coming(finder: TimeFinder) -> None:
    got = find(finder, "The market reopened this past spring and holds a fair this coming Sunday.")
    assert got["this past spring"].value == "2022-SP"
    assert got["this coming Sunday"].value == "2023-04-16"


def test_a_year_end_and_since_year_end(finder: TimeFinder) -> None:
    got = find(finder, "The merger should close by year-end.")
    assert got["year-end"].value == "2023"
    got = find(finder, "The index is up 4% since year-end.")
    assert got["year-end"].value == "2022"


def test_an_approximating_word_is_inside_a_clock_time_or_a_date(finder: TimeFinder) -> None:
    got = find(finder, "The lights went out around 7:15 p.m. on Thursday.")
    assert got["around 7:15 p.m. on Thursday"].value == "2023-04-13T19:15"
    got = find(finder, "The sale should be completed around May 2.")
    assert got["around May 2"].type == "DATE"


def test_a_part_of_the_day_with_its_modifier(finder: TimeFinder) -> None:
    got = find(finder, "Shares were up 2% at mid-afternoon yesterday, dealers said.")
    assert got["mid-afternoon yesterday"].value == "2023-04-13TAF"
    got = find(finder, "The minister will meet the fishermen later this afternoon.")
    assert got["later this afternoon"].value == "2023-04-14TAF"
    got = find(finder, "Earlier yesterday the harbour master closed the quay.")
    assert got["Earlier yesterday"].value == "2023-04-13"


def test_sets_of_months_and_of_weekdays_in_the_plural(finder: TimeFinder) -> None:
    got = find(finder, "The brass band parades through the village each July.")
    assert (got["each July"].type, got["each July"].value) == ("SET", "XXXX-07")
    got = find(finder, "The night market opens on Tuesday nights and the library on Sundays.")
    assert got["Tuesday nights"].value == "XXXX-WXX-2TNI"
    assert (got["Sundays"].type, got["Sundays"].value) == ("SET", "XXXX-WXX-7")


def test_the_same_quarter_a_year_before(finder: TimeFinder) -> None:
    text = ("The chain earned $4 million in the first quarter. It had lost $1 million in the corresponding "
            "period last year, and sales in last year's quarter were lower.")
    got = find(finder, text)
    assert got["the first quarter"].value == "2023-Q1"
    assert got["the corresponding period last year"].value == "2022-Q1"
    assert got["last year's quarter"].value == "2022-Q1"


def test_a_second_day_after_and_takes_the_first_days_month(finder: TimeFinder) -> None:
    got = find(finder, "The summit will be held on June 20 and 21 in the old town hall.")
    assert got["June 20"].value == "2023-06-20"
    assert (got["21"].type, got["21"].value) == ("DATE", "2023-06-21")
    assert "21" not in find(finder, "Prices rose on June 20 and 21 percent of traders sold.")


def test_the_following_month_counts_from_a_bare_month(finder: TimeFinder) -> None:
    text = "In February the mill cut its prices. The following month, it closed a second line."
    got = find(finder, text)
    assert got["February"].value == "2023-02"
    assert got["The following month"].value == "2023-03"
