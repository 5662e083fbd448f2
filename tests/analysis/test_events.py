"""Events for the timeline: dated happenings with what, when and where, from invented news copy."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from newsdesk.analysis.events import EventConfig, EventFinder
from newsdesk.analysis.times.finder import TimeFinder
from newsdesk.errors import ConfigError
from newsdesk.model import Dateline, Entity, Event, Span, Story

SUNDAY = dt.date(2022, 5, 22)


def places(text: str, *names: str) -> list[Entity]:
    """A PLACE entity for each name, with every mention of it in the text."""
    return [Entity(f"place:{n.lower()}", n, "PLACE",
                   tuple((m.start(), m.end()) for m in re.finditer(re.escape(n), text))) for n in names]


def events(text: str, entities: list[Entity], stories: list[Story] | None = None,
           noise: list[Span] | None = None, reference: dt.date | None = SUNDAY) -> list[Event]:
    stories = stories if stories is not None else [Story(0, len(text))]
    times = TimeFinder()(text, stories, noise or [], reference)
    return EventFinder(EventConfig())(text, stories, noise or [], times, entities)


def test_a_dated_clause_becomes_an_event_with_its_place() -> None:
    text = "The mayor thanked volunteers. Rebels on Saturday blew up a bridge in Marinka, officials said."
    ents = places(text, "Marinka")
    (ev,) = events(text, ents)
    assert ev.date == "2022-05-21"
    assert ev.what.startswith("Rebels blew up a bridge")
    assert ev.where == "place:marinka"
    assert text[ev.start:ev.end].startswith("Rebels")


def test_reported_speech_is_dated_by_when_it_was_said() -> None:
    text = "The governor said Sunday that 40 villages had lost power."
    (ev,) = events(text, [])
    assert ev.date == "2022-05-22"
    assert "governor said" in ev.what


def test_undated_sentences_durations_and_quotes_are_not_events() -> None:
    text = ("The talks lasted three months. Farmers are angry. "
            "“We will strike on Monday,” the union leader warned, and nothing happened.")
    assert events(text, []) == []


def test_a_sentence_opening_shortly_after_takes_the_day_before_it() -> None:
    text = ("KALMAR, May 22 (Wire) - The president addressed parliament on Sunday. "
            "Shortly after he finished speaking, a siren sounded across the capital.")
    dateline = Dateline(0, 21, "Kalmar", "2022-05-22", "Wire")
    ents = places(text, "KALMAR")
    found = events(text, ents, stories=[Story(0, len(text), dateline=dateline)])
    siren = [e for e in found if "siren" in e.what]
    assert siren and siren[0].date == "2022-05-22"
    assert siren[0].where == "place:kalmar"  # no place in the sentence: the dateline's
    assert all("May 22" not in e.what for e in found)  # the dateline itself dates the report, not a happening


def test_a_date_that_modifies_a_noun_names_that_happening() -> None:
    text = "Aid has been blocked since Russia’s Feb. 24 invasion, the agency said."
    (ev,) = events(text, [])
    assert ev.date == "2022-02-24"
    assert ev.what == "Russia’s invasion"


def test_place_falls_back_to_the_subject_of_the_sentence_before() -> None:
    text = ("The town of Dolyna has emerged as the latest flash point near Kharkiv. "
            "Residents fled after shelling on Saturday destroyed the water plant.")
    ents = places(text, "Dolyna", "Kharkiv")
    (ev,) = events(text, ents)
    assert ev.where == "place:dolyna"
    assert ev.what.startswith("shelling destroyed the water plant")


def test_no_year_known_keeps_xxxx() -> None:
    text = "Protesters marched on May 3 in the capital."
    (ev,) = events(text, [], reference=None)
    assert ev.date == "XXXX-05-03"


def test_noise_is_skipped() -> None:
    text = "Read more: troops withdrew on Friday\nThe market opened calmly."
    noise = [Span(0, text.index("\n"), "teaser")]
    assert events(text, [], noise=noise) == []


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError):
        EventConfig(max_words=1)
    with pytest.raises(ConfigError):
        EventConfig(granularity="week")


def test_a_long_page_runs_in_linear_time() -> None:
    unit = "Rebels on Saturday blew up a bridge in Marinka. Shortly after, the power failed. "
    small, large = unit * 100, unit * 1000
    timings = []
    for text in (small, large):
        # the best of three runs: a loaded machine slows one run, not the growth from 100 to 1,000 units
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            found = events(text, places(text, "Marinka"))
            runs.append(time.perf_counter() - started)
        timings.append(min(runs))
    assert len(found) >= 1000
    # ten times the text: linear work takes about ten times as long, quadratic a hundred
    assert timings[1] < max(1.0, 40 * timings[0])


def test_history_mentioned_in_passing_is_not_an_event() -> None:
    text = ("Troops crossed the border on May 20, 2022, officials said. The town was last occupied on "
            "September 1, 1939, when the war began.")
    assert [e.date for e in events(text, [])] == ["2022-05-20"]


def test_a_weekday_counted_from_a_later_page_date_is_no_event() -> None:
    # The story's own dates are in March; the page was captured in May: "on Sunday" is March's Sunday,
    # not May's, and which one the text does not say.
    text = "Shelling hit the station on March 3, 2022, the mayor said. Rescuers reached it on Sunday."
    assert [e.date for e in events(text, [])] == ["2022-03-03"]
    same = "Shelling hit the station on May 19, 2022, the mayor said. Rescuers reached it on Sunday."
    assert [e.date for e in events(same, [])] == ["2022-05-19", "2022-05-22"]
