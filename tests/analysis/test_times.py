"""Time expressions: finding them, their TimeML values, and what relative ones are resolved against.

The texts are invented news copy; each test names the behaviour it pins down.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from newsdesk.analysis.times.anchor import Anchor, StoryState
from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.analysis.times.patterns import COMPILED_RULES, Candidate
from newsdesk.analysis.times.rules import ExpressionRules
from newsdesk.errors import ConfigError
from newsdesk.model import Dateline, Span, Story, TimeExpression

SUNDAY = dt.date(2022, 5, 22)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(TimeConfig())


def find(finder: TimeFinder, text: str, reference: dt.date | None = SUNDAY,
         stories: list[Story] | None = None, noise: list[Span] | None = None) -> dict[str, TimeExpression]:
    found = finder(text, stories if stories is not None else [Story(0, len(text))], noise or [], reference)
    return {text[t.start:t.end]: t for t in found}


def value(finder: TimeFinder, text: str, expression: str, reference: dt.date | None = SUNDAY) -> str | None:
    got = find(finder, text, reference)
    assert expression in got, f"{expression!r} not found in {list(got)}"
    return got[expression].value


def test_weekday_is_the_dateline_day_even_when_the_page_was_captured_later(finder: TimeFinder) -> None:
    text = ("LVIV, May 22 (Wire) - The mayor said on Sunday that the bridge would reopen.\n\n"
            "Rescue teams worked through the night.")
    dateline = Dateline(0, 22, "Lviv", "2022-05-22", "Wire")
    got = find(finder, text, dt.date(2022, 5, 29), stories=[Story(0, len(text), dateline=dateline)])
    assert got["Sunday"].value == "2022-05-22"
    assert got["Sunday"].anchor == "dateline"
    assert got["May 22"].value == "2022-05-22"


def test_anaphoric_days_count_from_the_last_date_of_the_narrative(finder: TimeFinder) -> None:
    text = ("On February 22 this year the company shut its plant. The next day the workers marched. "
            "Two days later the union called a strike.")
    got = find(finder, text)
    assert got["February 22 this year"].value == "2022-02-22"
    assert got["The next day"].value == "2022-02-23"
    assert got["The next day"].anchor == "narrative"
    assert got["Two days later"].value == "2022-02-25"


def test_deictic_words_count_from_the_time_of_writing_not_the_narrative(finder: TimeFinder) -> None:
    text = "Since the Feb. 24 attack, the council met twice. The mayor spoke on Sunday and left yesterday."
    got = find(finder, text)
    assert got["Feb. 24"].value == "2022-02-24"
    assert got["Sunday"].value == "2022-05-22"
    assert got["yesterday"].value == "2022-05-21"
    assert got["yesterday"].anchor == "reference"


def test_tense_decides_a_bare_weekday(finder: TimeFinder) -> None:
    assert value(finder, "The minister on Monday plans to unveil a budget.", "Monday") == "2022-05-23"
    assert value(finder, "The minister unveiled a budget on Monday.", "Monday") == "2022-05-16"
    assert value(finder, "When she meets Tuesday with the governors, the talks will be hard.",
                 "Tuesday") == "2022-05-24"
    assert value(finder, "He said in an interview broadcast Saturday, “the talks will go on.”",
                 "Saturday") == "2022-05-21"


def test_no_year_is_invented_without_a_reference_date(finder: TimeFinder) -> None:
    got = find(finder, "The ceasefire began on May 22 and ended on Sunday.", reference=None)
    assert got["May 22"].value == "XXXX-05-22"
    assert got["Sunday"].value == "XXXX-WXX-7"
    text = "KYIV, May 22 (Wire) - Shelling resumed on Sunday."
    dateline = Dateline(0, 11, "Kyiv", "XXXX-05-22", "Wire")
    got = find(finder, text, None, stories=[Story(0, len(text), dateline=dateline)])
    assert got["May 22"].value == "XXXX-05-22"
    assert got["Sunday"].value == "XXXX-WXX-7"


def test_yesterday_without_any_date_is_a_problem_not_a_guess(finder: TimeFinder) -> None:
    got = find(finder, "The port reopened yesterday.", reference=None)
    assert got["yesterday"].value is None
    assert got["yesterday"].problem


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("Prices rose in 2014.", "2014", "2014"),
    ("Talks have dragged on since mid-April.", "mid-April", "2022-04"),
    ("The deal closed on Oct. 15, 1999, in Paris.", "Oct. 15, 1999", "1999-10-15"),
    ("The vote was on 2021-11-03.", "2021-11-03", "2021-11-03"),
    ("Sales fell in the third quarter.", "the third quarter", "2021-Q3"),
    ("Sales rose in the first quarter.", "the first quarter", "2022-Q1"),
    ("Profit rose last year.", "last year", "2021"),
    ("Exports slowed last week.", "last week", "2022-W19"),
    ("The plant will reopen next month.", "next month", "2022-06"),
    ("The airport was closed two years ago.", "two years ago", "2020"),
    ("The strike lasted three months.", "three months", "P3M"),
    ("The siege has gone on for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("The talks took 90 minutes.", "90 minutes", "PT90M"),
    ("Fifty people are dying every day.", "every day", "P1D"),
    ("The paper is published weekly.", "weekly", "P1W"),
    ("The mayor is now in charge.", "now", "PRESENT_REF"),
    ("The market recovered in the 1990s.", "the 1990s", "199"),
    ("The embassy reopened at 3 p.m. Friday.", "3 p.m. Friday", "2022-05-20T15:00"),
    ("Crowds gathered on Christmas Day.", "Christmas Day", "2021-12-25"),
    ("Troops left the city this morning.", "this morning", "2022-05-22TMO"),
])
def test_values(finder: TimeFinder, text: str, expression: str, expected: str) -> None:
    assert value(finder, text, expression) == expected


@pytest.mark.parametrize(("text", "expression"), [
    ("The offensive began on 32 March, officials said.", "32 March"),
    ("The treaty was signed on February 30, 2021.", "February 30, 2021"),
    ("The colony will be founded on May 22, 3021, the novel says.", "May 22, 3021"),
    ("The curfew starts at 13 p.m.", "13 p.m."),
])
def test_impossible_dates_are_reported_not_normalised(finder: TimeFinder, text: str, expression: str) -> None:
    got = find(finder, text)
    assert expression in got, list(got)
    assert got[expression].value is None
    assert got[expression].problem


@pytest.mark.parametrize("text", [
    "The account number 2882015 was frozen.",
    "Officials may decide later.",
    "Prices could fall further, traders said.",
    "The 50-year-old driver was arrested.",
    "The group paid $1990 in fines.",
])
def test_things_that_are_not_times(finder: TimeFinder, text: str) -> None:
    assert find(finder, text) == {}


def test_noise_is_skipped_but_captions_are_read(finder: TimeFinder) -> None:
    text = "Read more: Sunday's top stories\nSmoke rises over the port on May 21. (Photo: Agency)\nBody text."
    teaser_end = text.index("\n")
    caption = (teaser_end + 1, text.index("\nBody"))
    noise = [Span(0, teaser_end, "teaser"), Span(caption[0], caption[1], "caption")]
    got = find(finder, text, noise=noise)
    assert "Sunday" not in got
    assert got["May 21"].value == "2022-05-21"


def test_offsets_point_into_the_text_as_read(finder: TimeFinder) -> None:
    text = "  Héllo — the summit ended on Tuesday.\n"
    (t,) = finder(text, [Story(0, len(text))], [], SUNDAY)
    assert text[t.start:t.end] == "Tuesday"
    assert t.story == 0


def test_each_story_keeps_its_own_narrative(finder: TimeFinder) -> None:
    first = "The dam broke on March 3. The next day villagers fled."
    second = "\n\nThe next day is a holiday, the mayor said."
    text = first + second
    stories = [Story(0, len(first)), Story(len(first), len(text))]
    got = finder(text, stories, [], SUNDAY)
    by_story = {(t.story, text[t.start:t.end]): t for t in got}
    assert by_story[(0, "The next day")].value == "2022-03-04"
    assert by_story[(1, "The next day")].value == "2022-05-23"


def test_a_page_with_thousands_of_dates_runs_in_linear_time(finder: TimeFinder) -> None:
    unit = "On May 3 the council met, and two days later, on Friday, it voted. "
    small, large = unit * 250, unit * 2500
    started = time.perf_counter()
    finder(small, [Story(0, len(small))], [], SUNDAY)
    t_small = time.perf_counter() - started
    started = time.perf_counter()
    found = finder(large, [Story(0, len(large))], [], SUNDAY)
    t_large = time.perf_counter() - started
    assert len(found) >= 7500
    assert t_large < max(0.5, 25 * t_small)  # ten times the text: about ten times the time, never quadratic


def test_pathological_text_gives_no_traceback(finder: TimeFinder) -> None:
    for text in ("9" * 5000, " " * 5000 + "May", "May " * 3000, "the next " * 2000, "\x00\ufffd" * 100,
                 "On 0 May 0000 at 99:99 p.m.", "31/31/2020", ""):
        finder(text, [Story(0, len(text))] if text else [], [], SUNDAY)
        finder(text, [], [], None)


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError):
        TimeConfig(earliest_year=2000, latest_year=1999)
    with pytest.raises(ConfigError):
        TimeConfig(tense_window=0)
    with pytest.raises(ConfigError):
        TimeConfig(keep_noise=frozenset({1}))  # type: ignore[arg-type]


def test_a_quarter_of_unknown_year_does_not_anchor_the_next_one(finder: TimeFinder) -> None:
    # No reference date: "the third quarter" is XXXX-Q3, and "the quarter" after it must not read its year.
    text = "Output fell in the third quarter, the company said. Sales in the quarter were flat, it added."
    got = find(finder, text, reference=None)
    assert got["the third quarter"].value == "XXXX-Q3"
    assert got["the quarter"].value in (None, "XXXX-QX", "XXXX-Q3")


@pytest.mark.parametrize(("text", "expression", "expected"), [
    # digit-hyphen spans are durations TimeML marks ("a 10-year program", "a 16-hour flight")
    ("Kyiv signed a 10-year economic program with Warsaw.", "10-year", "P10Y"),
    ("The minister arrived after a 16-hour flight.", "16-hour", "PT16H"),
    # read-out years after a month or a season keep the month or the season
    ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven", "1997-01"),
    ("Oil fell to the level we saw in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four",
     "1994-WI"),
    # "for the year" is the calendar year of writing; "the year ended ..." a span of twelve months
    ("Sales for the full year were $6.6 billion.", "the full year", "2022"),
    ("For the year ended Sept. 30, the group earned $422 million.", "the year", "P1Y"),
    # "last Oct. 23" is one date, not "last Oct" and a stray number
    ("He was shot last Oct. 23 at his home.", "Oct. 23", "2021-10-23"),
])
def test_values_of_spans_and_periods(finder: TimeFinder, text: str, expression: str, expected: str) -> None:
    assert value(finder, text, expression) == expected


@pytest.mark.parametrize(("text", "expression", "reference", "expected"), [
    # "since" looks back even when the date lies only a few months ahead of the reference date
    ("Police have searched for him since the Oct. 23 slaying.", "Oct. 23", dt.date(1999, 5, 6), "1998-10-23"),
    # "set to" / "is to" speak of what is to come
    ("Talks are set to resume Monday in Belfast.", "Monday", dt.date(1998, 3, 22), "1998-03-23"),
    ("The stock is to resume trading in Paris Tuesday.", "Tuesday", dt.date(1989, 10, 27), "1989-10-31"),
    # a plan told in the past perfect has come and gone
    ("The offer had been scheduled to expire Friday evening.", "Friday evening", dt.date(1989, 10, 30),
     "1989-10-27TEV"),
    # "effective" dates lie ahead
    ("The new pay scale takes hold, effective Feb. 1.", "Feb. 1", dt.date(1989, 10, 26), "1990-02-01"),
])
def test_tense_cues_pick_the_side_of_the_reference_date(finder: TimeFinder, text: str, expression: str,
                                                         reference: dt.date, expected: str) -> None:
    assert value(finder, text, expression, reference) == expected


@pytest.mark.parametrize("text", [
    "Iraq imports about three-quarters of its food.",
    "The 6-year-old boy was returned to his father.",
])
def test_shares_and_ages_are_not_durations(finder: TimeFinder, text: str) -> None:
    assert find(finder, text) == {}


def test_a_count_of_years_read_out_is_not_the_year_two_thousand(finder: TimeFinder) -> None:
    got = find(finder, "Some families have kept their secrets for more than two thousand years.")
    assert all(t.value != "2000" for t in got.values()), got


@pytest.mark.parametrize(("text", "expression", "reference", "expected"), [
    ("The case may be heard the week of March 6, the lawyer said.", "the week of March 6", dt.date(2000, 2, 24),
     "2000-W10"),
    ("Pricing has been cutthroat in recent quarters.", "recent quarters", SUNDAY, "PXM"),
    ("Orders in the current quarter began well.", "the current quarter", dt.date(1989, 10, 26), "1989-Q4"),
    ("Voters go to the polls on Election Day.", "Election Day", dt.date(1998, 10, 26), "1998-11-03"),
    ("Kopp vanished two days after the shooting.", "two days", SUNDAY, "P2D"),
    # a weekday with "'s" names the day of something that has happened; the "'s" is not part of the span
    ("Relatives vowed to fight Wednesday's ruling by the court.", "Wednesday", dt.date(2000, 1, 7),
     "2000-01-05"),
    # wire copy's doubled quotes end the stretch whose tense a weekday shares
    ("''He will leave at 4 a.m. Thursday,'' Castro said.", "4 a.m. Thursday", dt.date(2000, 4, 5),
     "2000-04-06T04:00"),
])
def test_more_values(finder: TimeFinder, text: str, expression: str, reference: dt.date, expected: str) -> None:
    assert value(finder, text, expression, reference) == expected


def test_the_quarter_a_report_ended_anchors_its_year_ago_comparison(finder: TimeFinder) -> None:
    text = ("Delta posted net income for the fiscal first quarter ended Sept. 30. Revenue rose 15% from "
            "$1.89 billion a year earlier.")
    got = find(finder, text, reference=dt.date(1989, 10, 26))
    assert got["a year earlier"].value == "1988-Q3"


def test_an_age_in_decades_is_not_a_decade(finder: TimeFinder) -> None:
    got = find(finder, "She married his father when he was in his 30s, she said.")
    assert "30s" not in got, got


@pytest.mark.parametrize(("text", "expression"), [
    ("The company will post the third-quarter results in mid-November.", "third-quarter"),
    ("The government called the 14-day waiting period a concession.", "14-day"),
    ("Stocks fell late yesterday in London.", "late yesterday"),
    ("The index has risen over the past year.", "the past year"),
    ("Kopp's car was spotted there in recent years.", "recent years"),
])
def test_extents_follow_timex3_not_the_surrounding_phrase(finder: TimeFinder, text: str, expression: str) -> None:
    assert expression in find(finder, text)


def test_wire_and_live_blog_clock_times_are_times_not_years(finder: TimeFinder) -> None:
    text = "The ceasefire was due at 1200 GMT, and a curfew begins at 0900 local time."
    got = [(text[t.start:t.end], t.type, t.value) for t in finder(text, [Story(0, len(text))], [], SUNDAY)]
    assert got == [("1200 GMT", "TIME", "2022-05-22T12:00"), ("0900 local time", "TIME", "2022-05-22T09:00")]
    blog = "13.44\nRescuers search the wreckage of a shopping centre."
    stamps = [(blog[t.start:t.end], t.type) for t in finder(blog, [Story(0, len(blog))], [], SUNDAY)]
    assert stamps == [("13.44", "TIME")]


def test_a_number_is_a_year_only_with_year_evidence(finder: TimeFinder) -> None:
    for text in ("The screen shows 1920 x 1200 pixels.", "Room 1200 was booked under a false name.",
                 "The side scored 2014 points over the season."):
        assert finder(text, [Story(0, len(text))], [], SUNDAY) == []
    text = "For 1988, the company earned more than in 1987."
    assert [t.value for t in finder(text, [Story(0, len(text))], [], SUNDAY)] == ["1988", "1987"]


def test_a_quotation_that_says_what_day_it_is_sets_its_own_clock(finder: TimeFinder) -> None:
    text = "“Today is March 1. Tomorrow I will wake up in a free city,” she wrote. The vote is tomorrow."
    got = [(text[t.start:t.end], t.value, t.anchor) for t in finder(text, [Story(0, len(text))], [], SUNDAY)]
    assert got == [("Today", "2022-03-01", "quotation"), ("March 1", "2022-03-01", "reference"),
                   ("Tomorrow", "2022-03-02", "quotation"), ("tomorrow", "2022-05-23", "reference")]


#: One expression per rule of the grammar with its value on Sunday 22 May 2022 (rule, text, type, value).
RULE_EXAMPLES = [
    ("iso", "It opened on 2022-05-20.", "DATE", "2022-05-20"),
    ("mdy_num", "It opened on 05/20/2022.", "DATE", "2022-05-20"),
    ("month_day", "It opened on May 20.", "DATE", "2022-05-20"),
    ("second_day", "Talks were held on April 24 and 25.", "DATE", "2022-04-25"),
    ("day_month", "It opened on 20 May 2022.", "DATE", "2022-05-20"),
    ("month_year", "It opened in January 1998.", "DATE", "1998-01"),
    ("month_rel_year", "It opened in January this year.", "DATE", "2022-01"),
    ("month", "It opened in April.", "DATE", "2022-04"),
    ("month_may", "It opened in May.", "DATE", "2022-05"),
    ("month_may_rel", "It opened last May.", "DATE", "2021-05"),
    ("decade", "Prices rose in the 1990s.", "DATE", "199"),
    ("century", "It was built in the 20th century.", "DATE", "19"),
    ("year", "It opened in 2014.", "DATE", "2014"),
    ("fy_short", "Sales fell in FY2021.", "DATE", "2021"),
    ("quarter", "Sales fell in the third quarter of 2021.", "DATE", "2021-Q3"),
    ("quarter_abbr", "Sales fell in Q3 2021.", "DATE", "2021-Q3"),
    ("the_quarter", "Sales fell in the latest quarter.", "DATE", "2022-Q1"),
    ("year_end", "Shares are up 5% since year-end.", "DATE", "2021"),
    ("season", "It opened last summer.", "DATE", "2021-SU"),
    ("deictic", "It opened yesterday.", "DATE", "2022-05-21"),
    ("last_night", "It opened last night.", "TIME", "2022-05-21TNI"),
    ("part_of_day", "Rain fell by mid-afternoon.", "TIME", "2022-05-22TAF"),
    ("ref", "It is open now.", "DATE", "PRESENT_REF"),
    ("rel_unit", "It opened last week.", "DATE", "2022-W19"),
    ("the_period", "Profit for the year rose.", "DATE", "2022"),
    ("weekday", "He said on Friday it was open.", "DATE", "2022-05-20"),
    ("weekend", "It opened over the weekend.", "DATE", "2022-W20-WE"),
    ("ago", "It opened two years ago.", "DATE", "2020"),
    ("yearago", "Sales beat year-ago levels.", "DATE", "2021"),
    ("anaphora", "Rain fell the day after.", "DATE", "2022-05-23"),
    ("then", "Until then, the bridge stays shut.", "DATE", "2022-05-20"),
    ("day_of_event", "Today is the third day of the strike.", "DATE", "2022-05-22"),
    ("clock", "It opened at 3 p.m.", "TIME", "2022-05-22T15:00"),
    ("duration", "It was shut for three months.", "DURATION", "P3M"),
    ("spoken_year", "It opened in nineteen ninety-six.", "DATE", "1996"),
    ("spoken_decade", "It was built in the nineties.", "DATE", "199"),
    ("bare_plural", "It was shut for years.", "DURATION", "PXY"),
    ("unit_long", "It ended a week-long strike.", "DURATION", "P1W"),
    ("a_while", "The plant stayed shut for a while.", "DURATION", "PXX"),
    ("recent_units", "It grew in recent years.", "DATE", "PAST_REF"),
    ("set", "It opens every day.", "SET", "P1D"),
    ("set_a", "It costs 5 a day.", "SET", "P1D"),
    ("set_times", "It opens twice a week.", "SET", "P1W"),
    ("holiday", "It opened on Christmas.", "DATE", "2021-12-25"),
]


def test_the_examples_cover_every_rule_of_the_grammar() -> None:
    assert sorted(rule for rule, *_ in RULE_EXAMPLES) == sorted(name for name, _ in COMPILED_RULES)


@pytest.mark.parametrize(("rule", "text", "kind", "expected"), RULE_EXAMPLES)
def test_every_rule_has_a_handler_that_values_its_expressions(rule: str, text: str, kind: str, expected: str) -> None:
    match = dict(COMPILED_RULES)[rule].search(text)
    assert match is not None, f"{rule} does not match {text!r}"
    # "then" restates what the story named before it: here, Friday 20 May
    state = StoryState(value="2022-05-20") if rule == "then" else StoryState()
    found = ExpressionRules(TimeConfig()).value(text, Candidate(match.start(), match.end(), rule, match),
                                                Anchor(SUNDAY, True, "reference"), state)
    assert found is not None and (found.type, found.value) == (kind, expected)
