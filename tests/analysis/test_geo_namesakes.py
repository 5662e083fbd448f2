"""A namesake in the page's own country (issue 21): a place chosen for its size that the page says nothing else
about is left unresolved when a namesake city lies in a country the page names twice or more, with both in its
candidates; the page's context still decides when it can. A part of a continent is not given the continent's
point. Invented pages, the real gazetteer."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.abstention import decide_among
from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.places import Place
from newsdesk.analysis.entities.ranking import PlaceContext, Scored
from tests.places import linked_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_a_capital_abroad_is_doubted_on_a_page_about_its_namesakes_country(gazetteer: Gazetteer) -> None:
    # a rally that thanks Canada twice, about a war far away: which London is not said
    context = gazetteer.context(["Canada", "Aleppo", "Canada", "Syria", "Syria"])
    decision = gazetteer.decide("London", context)
    assert decision.place is None and "namesake" in decision.why
    assert {c.place.country for c in decision.candidates} >= {"GB", "CA"}


def test_the_page_context_still_decides_when_it_can(gazetteer: Gazetteer) -> None:
    english = gazetteer.decide("London", gazetteer.context(["England", "Manchester", "Canada", "Canada"]))
    assert english.place is not None and english.place.country == "GB"
    canadian = gazetteer.decide("London", gazetteer.context(["Ontario", "Toronto", "Canada"]))
    assert canadian.place is not None and canadian.place.country == "CA"
    alone = gazetteer.decide("London", gazetteer.context(["France"]))
    assert alone.place is not None and alone.place.country == "GB"


def _scored(place: Place, prior: float, votes: float) -> Scored:
    return Scored(place, prior, 0.0, False, 0.0, votes, None)


def test_a_small_namesake_at_home_does_not_doubt_a_large_city() -> None:
    big = Place("a", "Springfield", 0.0, 0.0, "AA", "city", 5_000_000, "test")
    small = Place("b", "Springfield", 40.0, 40.0, "BB", "place", 5_000, "test")
    ranked = [_scored(big, 7.0, 0.0), _scored(small, 3.7, 3.0)]
    decision = decide_among("Springfield", ranked, PlaceContext(), stop_word=False, abbreviation=False)
    assert decision.place is big
    large = Place("c", "Springfield", 40.0, 40.0, "BB", "city", 400_000, "test")
    ranked = [_scored(big, 7.0, 0.0), _scored(large, 5.6, 3.0)]
    decision = decide_among("Springfield", ranked, PlaceContext(), stop_word=False, abbreviation=False)
    assert decision.place is None and decision.best is big


def test_a_part_of_a_continent_gets_no_point_of_the_continent(gazetteer: Gazetteer) -> None:
    text = "Shoppers crowded the Grand Mall of Asia, and storms swept Southern Europe."
    entities = {e.label: e for e in linked_places(gazetteer, text, ["Grand Mall of Asia", "Southern Europe"])}
    for label in ("Grand Mall of Asia", "Southern Europe"):
        assert (entities[label].lat, entities[label].within) == (None, None)
    # a country inside a longer name still places it (an embassy named after its country)
    (embassy,) = linked_places(gazetteer, "Crowds gathered at the Embassy of Ukraine.", ["Embassy of Ukraine"])
    assert embassy.within is not None and embassy.country == "UA"


def test_a_small_namesake_near_the_pages_places_doubts_a_large_region() -> None:
    region = Place("a", "Glenmora", 0.0, 0.0, "AA", "region", 4_000_000, "test")
    village = Place("b", "Glenmora", 50.0, 10.0, "BB", "place", 2_000, "test")
    near = Scored(village, 3.3, 2.0, False, 0.9, 3.0, "BB")  # in the page's country, beside its places
    ranked = [_scored(region, 7.1, 0.0), near]
    decision = decide_among("Glenmora", ranked, PlaceContext(), stop_word=False, abbreviation=False)
    assert decision.place is None and "namesake" in decision.why
    # the text calling it a place ("the town of Glenmora") is evidence, not this doubt's business
    decision = decide_among("Glenmora", ranked, PlaceContext(), stop_word=False, abbreviation=False, evidence=True)
    assert decision.place is region
