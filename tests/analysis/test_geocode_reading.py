"""A page's places read in turn (issue 21, round 3): each name's decision on the page replaces its lone reading in
the context the page's other names are read in, and a word inside a longer name places it only when the page
supports that place's country (or it is a country, a continent or a world city). Invented sentences, the real
gazetteer."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.places import Place, PlaceKind
from newsdesk.analysis.entities.ranking import W_ADMIN1, W_NAMED_DIVISION, PlaceContext, rank_candidates
from newsdesk.model import Entity
from tests.places import linked_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def places(gazetteer: Gazetteer, text: str, names: list[str]) -> dict[str, Entity]:
    return {e.label: e for e in linked_places(gazetteer, text, names)}

def test_a_name_read_on_the_page_stops_voting_for_its_namesakes(gazetteer: Gazetteer) -> None:
    # Alone, Edmonton is the Canadian city and London the English capital: each lone reading votes for the
    # other's namesake. Read in turn, Edmonton is the London district (London is near), and London then stays
    # the English capital instead of following the lone Canadian reading of Edmonton to Ontario.
    text = "A man from Edmonton was taken to a hospital in east London after the attack."
    entities = places(gazetteer, text, ["Edmonton", "London"])
    assert {e.country for e in entities.values()} == {"GB"}
    assert len(entities) == 2
    # the lone readings really did disagree
    alone = gazetteer.resolve("Edmonton")
    assert alone is not None and alone.country == "CA"


def test_reread_replaces_lone_readings_and_drops_abstentions(gazetteer: Gazetteer) -> None:
    context = gazetteer.context(["Edmonton", "London"])
    assert sorted(p.country or "" for p in context.places) == ["CA", "GB"]
    london = gazetteer.resolve("London")
    assert london is not None
    reread = gazetteer.reread(["Edmonton", "London"], context, {"Edmonton": None, "London": london})
    assert [p.id for p in reread.places] == [london.id]
    assert reread.dateline is context.dateline


def test_an_inner_division_of_a_country_the_page_never_names_places_nothing(gazetteer: Gazetteer) -> None:
    # "Delta" is a Nigerian state and "South East" a district of Botswana: inside these names, on pages that
    # name nothing in those countries, they are no place the name lies in
    text = "Farmers in the Nile Delta sold cotton to traders from Cairo."
    entities = places(gazetteer, text, ["Nile Delta", "Cairo"])
    assert entities["Cairo"].country == "EG"
    assert (entities["Nile Delta"].lat, entities["Nile Delta"].within) == (None, None)
    # a division of a country the page names still places the longer name; alone it does not
    text = "The Benue State Commissioner for Health flew to Abuja on Monday."
    entities = places(gazetteer, text, ["Benue State Commissioner", "Abuja"])
    commissioner = entities["Benue State Commissioner"]
    assert commissioner.within is not None and commissioner.country == "NG"
    text = "The Benue State Commissioner for Health spoke on Monday."
    [alone] = places(gazetteer, text, ["Benue State Commissioner"]).values()
    assert (alone.lat, alone.within) == (None, None)
    # a world city needs no such support ("an Abu Dhabi-based fund" on any page)
    [based] = places(gazetteer, "An Abu Dhabi-based fund bought the tower.", ["Abu Dhabi-based"]).values()
    assert based.within is not None and based.country == "AE"


def test_a_short_form_of_a_place_name_is_a_candidate(gazetteer: Gazetteer) -> None:
    # "Newcastle" is the head of Newcastle upon Tyne's name: on a page about the UK it is that city, not the
    # larger Australian one
    place = gazetteer.resolve("Newcastle", gazetteer.context(["United Kingdom", "Newcastle"]))
    assert place is not None and place.country == "GB" and place.name.startswith("Newcastle upon")
    # alternate names that neither spell nor head the place's name stay out ("Garden City" for Singapore)
    assert all(c.place.country != "SG" for c in gazetteer.ranked("Garden City"))


def _place(name: str, country: str, admin1: str, lat: float, lon: float, kind: PlaceKind = "city") -> Place:
    return Place(f"test:{name}:{admin1}", name, lat, lon, country, kind, 0, "test", admin1)


def test_a_division_the_page_names_tells_its_country_namesakes_apart() -> None:
    # two invented counties of one name in two states of one country; the page names the first state and a
    # town of the second, far from both: the shares are equal, the named state decides against a better prior
    north = _place("Elm County", "ZZ", "Northland", 10.0, 10.0, "district")
    south = _place("Elm County", "ZZ", "Southland", -10.0, -10.0, "district")
    page = [(_place("Northland", "ZZ", "Northland", 40.0, 40.0, "region"), 1),
            (_place("Oakville", "ZZ", "Southland", 50.0, 50.0), 1)]
    ranked = rank_candidates("Elm County", [(north, 3.0, False), (south, 3.4, False)], page, PlaceContext())
    assert ranked[0].place is north
    assert ranked[0].local - ranked[1].local == pytest.approx(W_NAMED_DIVISION)
    # namesakes in other countries are told apart by the country shares, not by a named division
    abroad = _place("Elm County", "YY", "Westland", -10.0, -10.0, "district")
    ranked = rank_candidates("Elm County", [(north, 3.0, False), (abroad, 3.4, False)], page, PlaceContext())
    assert ranked[0].place is north and ranked[0].local == pytest.approx(W_ADMIN1 * 0.5, abs=1e-3)
