"""A town abroad on a page about another country (issue 21): when most of a page's places lie in one country
and a name's best candidate is a smallish town in another country the page says nothing else about, the
evidence conflicts and the name stays unresolved with its candidates. Invented pages and invented places."""

from __future__ import annotations

import math

import pytest

from newsdesk.analysis.entities.abstention import BIG_CITY, MAJOR_CITY, decide_among
from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.places import Place, PlaceKind
from newsdesk.analysis.entities.ranking import PlaceContext, Scored


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


BRAZILIAN_PAGE = ["Campinas", "Santos", "São Paulo", "Brazil"]


def test_a_small_town_abroad_stays_unresolved_on_a_page_about_another_country(gazetteer: Gazetteer) -> None:
    # "Workers from Campinas and Santos marched on São Paulo ... at the Gotha bakery": nothing else on the
    # page is in Germany, and a German town of 46,000 people is no reading to put on the map
    context = gazetteer.context([*BRAZILIAN_PAGE, "Gotha"])
    decision = gazetteer.decide("Gotha", context)
    assert decision.place is None and "town abroad" in decision.why
    assert decision.best is not None and decision.best.country == "DE"
    assert decision.candidates and decision.candidates[0].place.country == "DE"


def test_the_town_abroad_resolves_when_the_page_names_its_country_or_a_neighbour(gazetteer: Gazetteer) -> None:
    for extra in (["Germany"], ["Erfurt"]):  # its country, or a city 20 km away
        context = gazetteer.context([*BRAZILIAN_PAGE, *extra, "Gotha"])
        place = gazetteer.decide("Gotha", context).place
        assert place is not None and place.country == "DE", extra


def test_a_large_city_abroad_and_a_town_read_alone_still_resolve(gazetteer: Gazetteer) -> None:
    hamburg = gazetteer.decide("Hamburg", gazetteer.context([*BRAZILIAN_PAGE, "Hamburg"])).place
    assert hamburg is not None and hamburg.country == "DE" and hamburg.population >= MAJOR_CITY
    alone = gazetteer.decide("Gotha").place  # no page, so no page country to conflict with
    assert alone is not None and alone.country == "DE"


def test_the_text_calling_it_a_place_lifts_the_doubt(gazetteer: Gazetteer) -> None:
    # "the town of Gotha": the writer says it is a place, and there is one Gotha of that size
    context = gazetteer.context([*BRAZILIAN_PAGE, "Gotha"])
    place = gazetteer.decide("Gotha", context, evidence=True).place
    assert place is not None and place.country == "DE"


def _town(country: str, population: int, kind: PlaceKind = "city") -> Place:
    return Place(f"test:Marlow:{country}", "Marlow", 10.0, 10.0, country, kind, population, "test", "North")


def _scored(place: Place, votes: float, main: str | None, local: float = 0.0, share: float = 0.0) -> Scored:
    return Scored(place, prior=math.log10(max(place.population, 1000)), context=local, alternate=False,
                  local=local, country_votes=votes, main_country=main, country_share=share)


@pytest.mark.parametrize(("votes", "share", "main", "local", "population", "kind", "resolved"), [
    (0.0, 0.0, "AA", 0.0, 40_000, "city", False),  # a town in BB on a page about AA: conflict
    (0.0, 0.0, "AA", 0.0, 40_000, "region", False),  # a small division of BB likewise
    (1.0, 0.3, "AA", 0.0, 40_000, "city", True),  # the page names another place in BB, one of its few
    (1.0, 0.07, "AA", 0.0, 40_000, "city", False),  # one stray reading in BB among fourteen places: no support
    (0.0, 0.0, None, 0.0, 40_000, "city", True),  # no country holds most of the page: nothing to conflict with
    (0.0, 0.0, "BB", 0.0, 40_000, "city", True),  # the page is about its own country
    (0.0, 0.0, "AA", 1.0, 40_000, "city", True),  # a place of the page lies near it (across a border)
    (0.0, 0.0, "AA", 0.0, 2 * BIG_CITY, "city", True),  # a city this large is what its name means
    (0.0, 0.0, "AA", 0.0, 2 * MAJOR_CITY, "city", False),  # a mid-sized city abroad may be a namesake's name
    (0.0, 0.0, "AA", 0.0, 40_000, "country", True),  # a country is never a doubtful town
])
def test_the_conflict_rule_on_invented_candidates(votes: float, share: float, main: str | None, local: float,
                                                   population: int, kind: PlaceKind, resolved: bool) -> None:
    ranked = [_scored(_town("BB", population, kind), votes, main, local, share)]
    decision = decide_among("Marlow", ranked, PlaceContext(), stop_word=False, abbreviation=False)
    assert (decision.place is not None) is resolved
    assert decision.best is not None and decision.best.country == "BB"
