"""Halves of a year, the year a bare month falls in, what the words around a time tell of its tense, and
"last year" in a quarterly report — on invented news copy; each test names the behaviour it pins down.

* "the first half of 2031" is TimeML's `2031-H1` (a half of the year, not the whole year), also when the
  half is counted in quarters ("the first two quarters of 2031"); a half of a decade stays the decade.
* a bare month told in the past tense that begins well after the time of writing is last year's; a close
  one, or one without a tense cue, is the nearest.
* tense cues: a present passive ("is heard") or a future one ("would be paid") speaks of what is scheduled,
  a future; "announced plans
  to" tells of an announcement made; "a still unspecified date" is no past verb; "this year through August"
  is a range, not a deadline.
* "last year" closing a comparison of figures while the story reports a quarter is that quarter a year
  before (as "a year ago" there is); with a whole year named in the clause, or no figures, it is the year.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.analysis.times.tense import read_tense
from newsdesk.model import Story, TimeExpression
from tests.timing import FRIDAY, times_by_words


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def find(finder: TimeFinder, text: str, reference: dt.date = FRIDAY) -> dict[str, TimeExpression]:
    return times_by_words(finder, text, reference)


@pytest.mark.parametrize("text, expression, value", [
    ("Orders at the mill grew in the first half of 2031, the owner said.", "the first half of 2031", "2031-H1"),
    ("Rents fell in the second half of last year.", "the second half of last year", "2029-H2"),
    ("The ferry will run in the latter half of next year.", "the latter half of next year", "2031-H2"),
    ("Sales are expected to stay weak through the first two quarters of 2031, when a new plant opens.",
     "the first two quarters of 2031", "2031-H1"),
    ("The glassworks thrived in the last half of the '70s, with exports doubling.",
     "the last half of the '70s", "197"),
])
def test_a_half_of_a_year_is_its_half_and_of_a_decade_the_decade(finder: TimeFinder, text: str, expression: str,
                                                                 value: str) -> None:
    got = find(finder, text)
    assert got[expression].type == "DATE"
    assert got[expression].value == value
    assert len(got) == 1  # one expression: the year is not found again on its own


def test_quarters_counted_without_a_year_stay_a_duration(finder: TimeFinder) -> None:
    got = find(finder, "The toy maker has had heavy losses in the past two quarters.")
    assert got["the past two quarters"].value == "P6M"
    assert got["the past two quarters"].type == "DURATION"


def test_early_and_the_end_of_a_year_are_still_the_year(finder: TimeFinder) -> None:
    got = find(finder, "The bridge opened in early 2029 and the tunnel at the end of 2028.")
    assert got["early 2029"].value == "2029"
    assert got["the end of 2028"].value == "2028"


@pytest.mark.parametrize("text, expression, value", [
    # told in the past, and beginning more than a month after the time of writing: last year's
    ("The merger follows months of talks. In January, the bakery brought in a new chief.", "January", "2030-01"),
    ("The club changed its badge from blue to red in December. Fans protested.", "December", "2029-12"),
    # close to the time of writing, a past cue read from a neighbouring clause does not move it
    ("The board has decided to admit two members in early November, an official said.", "early November",
     "2030-11"),
    # no tense cue: the nearest such month
    ("The festival in November draws large crowds.", "November", "2030-11"),
    # told in the future: the coming one
    ("The theatre will reopen in March.", "March", "2031-03"),
])
def test_the_tense_decides_the_year_of_a_bare_month(finder: TimeFinder, text: str, expression: str,
                                                    value: str) -> None:
    assert find(finder, text)[expression].value == value


@pytest.mark.parametrize("text, expression, tense", [
    ("In September, the brewer announced plans to buy a rival.", "September", "past"),
    ("Neighbours hope the appeal is heard in December in the county court.", "December", "future"),
    ("The dividend would be paid on a still unspecified date in January to holders.", "January", "future"),
    ("Sales barely moved this year through August, the fund said.", "August", "past"),
    ("The offer runs through Friday.", "Friday", "future"),
    ("Shares were expected to rise on Monday.", "Monday", "future"),
])
def test_tense_cues_read_grammar_around_the_expression(text: str, expression: str, tense: str | None) -> None:
    start = text.index(expression)
    assert read_tense(text, start, start + len(expression), 10) == tense


def test_last_year_in_a_quarterly_comparison_is_the_quarter_a_year_before(finder: TimeFinder) -> None:
    text = ("The insurer earned $24 million in the third quarter, compared with a loss of $3 million last year. "
            "Revenue rose to $1.76 billion, a 13% increase from last year's $1.55 billion.")
    found = finder(text, [Story(0, len(text))], [], FRIDAY)
    last_years = [t.value for t in found if text[t.start:t.end] == "last year"]
    assert last_years == ["2029-Q3", "2029-Q3"]


@pytest.mark.parametrize("text", [
    # a whole year named in the clause: years are compared
    "The insurer earned $24 million in the third quarter. It expects $4 a share for this year, up from "
    "last year's $3.27 a share.",
    # no figures compared: the year
    "The insurer earned $24 million in the third quarter. The brewing giant last year won the contract.",
])
def test_last_year_outside_a_quarterly_comparison_is_the_year(finder: TimeFinder, text: str) -> None:
    assert find(finder, text)["last year"].value == "2029"


def test_last_year_without_a_quarter_in_the_story_is_the_year(finder: TimeFinder) -> None:
    got = find(finder, "Sales rose to $5 million, up from $4 million last year.")
    assert got["last year"].value == "2029"
