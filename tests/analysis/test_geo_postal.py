"""Two doubts of issue 21 on invented pages: a bare postal code ("WA", "CT") names a division only when the page
has places in its country (Western Australia and Central Time share the letters), and a town abroad is doubted
when its country holds only a stray share of the page's places. The real gazetteer."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.abstention import FOREIGN_SHARE, decide_among
from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.places import Place
from newsdesk.analysis.entities.ranking import PlaceContext, Scored


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_a_postal_code_needs_a_place_of_its_country_on_the_page(gazetteer: Gazetteer) -> None:
    # a story about Perth's beaches: "WA" there is Western Australia, not Washington
    perth = gazetteer.decide("WA", gazetteer.context(["Perth", "Fremantle", "Australia"]))
    assert perth.place is None and "postal" in perth.why
    assert perth.best is not None and perth.best.country == "US"  # listed, not placed
    # a story about Seattle and Spokane: the same letters are Washington
    seattle = gazetteer.decide("WA", gazetteer.context(["Seattle", "Spokane", "WA"]))
    assert seattle.place is not None and seattle.place.country == "US" and seattle.place.kind == "region"


def test_dotted_abbreviations_countries_and_evidence_are_not_doubted(gazetteer: Gazetteer) -> None:
    # AP's dotted forms name one state wherever they are written; "US" is a country
    dotted = gazetteer.decide("Wash.", gazetteer.context(["Perth", "Fremantle"]))
    assert dotted.place is not None and dotted.place.country == "US"
    country = gazetteer.decide("US", gazetteer.context(["Perth", "Fremantle"]))
    assert country.place is not None and country.place.kind == "country"
    # a dateline or a place word ("the state of WA") says it is a place
    said = gazetteer.decide("WA", gazetteer.context(["Perth", "Fremantle"]), evidence=True)
    assert said.place is not None


def test_rank_candidates_gives_each_candidate_its_countrys_share_of_the_page(gazetteer: Gazetteer) -> None:
    context = gazetteer.context(["Leeds", "Manchester", "Sheffield", "York"])
    ranked = gazetteer.ranked("Richmond", context)
    assert {s.place.country for s in ranked} >= {"GB", "US"}
    assert sum(p.country == "GB" for p in context.places) >= 3  # most of the page is English
    for scored in ranked:
        expected = sum(p.country == scored.place.country for p in context.places) / len(context.places)
        assert scored.country_share == pytest.approx(expected)
    assert gazetteer.ranked("Richmond", PlaceContext())[0].country_share == 0.0  # no page, no share


def _town(country: str) -> Place:
    return Place(f"test:Marlow:{country}", "Marlow", 10.0, 10.0, country, "city", 30_000, "test", "North")


@pytest.mark.parametrize(("share", "resolved"), [
    (0.0, False),  # no place of the page in its country
    (FOREIGN_SHARE, False),  # one stray reading among ten
    (0.2, True),  # a fifth of the page: the story does go there
])
def test_a_stray_vote_does_not_support_a_town_abroad(share: float, resolved: bool) -> None:
    ranked = [Scored(_town("BB"), 4.5, 0.3 * share, False, 0.0, 1.0 if share else 0.0, "AA", share)]
    decision = decide_among("Marlow", ranked, PlaceContext(), stop_word=False, abbreviation=False)
    assert (decision.place is not None) is resolved
