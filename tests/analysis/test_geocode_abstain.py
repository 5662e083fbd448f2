"""Geocoding that abstains (issue 21): organisations and acronyms are no places, homonyms follow the story's
dateline and qualifiers, weak or tied names stay unresolved with their candidates, and the GeoJSON export
shows only resolved places as points. Invented sentences, the real gazetteer."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from typing import Any, cast

import pytest

from newsdesk.analysis.entities.abstention import decide_among
from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.places import Place
from newsdesk.analysis.entities.ranking import PlaceContext, Scored
from newsdesk.model import Dateline, Entity, Story
from newsdesk.store import PlaceSummary, Store
from newsdesk.store.export import export_geojson
from tests.places import linked_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def places(gazetteer: Gazetteer, text: str, names: list[str], stories: list[Story] | None = None) -> list[Entity]:
    return linked_places(gazetteer, text, names, stories)

def by_label(entities: list[Entity]) -> dict[str, Entity]:
    return {e.label: e for e in entities}


def test_an_acronym_organisation_is_not_a_place(gazetteer: Gazetteer) -> None:
    text = "The UN said on Tuesday that NATO allies had met in Brussels to discuss aid."
    entities = by_label(places(gazetteer, text, ["UN", "NATO", "Brussels"]))
    assert entities["Brussels"].country == "BE"
    for acronym in ("UN", "NATO"):
        e = entities[acronym]
        assert (e.lat, e.lon, e.country, e.gazetteer_id) == (None, None, None, None)
        assert "left unresolved" in e.why


def test_an_organisation_like_name_needs_evidence(gazetteer: Gazetteer) -> None:
    text = "A spokesman for the White House declined to comment on the report from Ohio."
    entities = by_label(places(gazetteer, text, ["White House", "Ohio"]))
    assert entities["White House"].lat is None and entities["White House"].candidates
    assert gazetteer.resolve("UN") is None and gazetteer.resolve("White House") is None
    # the text saying it is a place lifts the doubt: "the town of X"
    assert gazetteer.decide("UN", evidence=True).place is not None


def test_a_homonym_follows_the_dateline(gazetteer: Gazetteer) -> None:
    text = "PEORIA, Ill., May 3 (AP) — Farmers drove to Springfield on Monday to protest the new tax."
    story = Story(0, len(text), dateline=Dateline(0, 25, "Peoria", "XXXX-05-03", "AP"))
    # alone, Springfield is one of several of like size: the most populous (Missouri) leads, but is no
    # place to put a point; datelined in Illinois, it is the Illinois one
    alone = gazetteer.decide("Springfield")
    assert alone.place is None and alone.best is not None and alone.best.admin1 == "Missouri"
    [springfield] = places(gazetteer, text, ["Springfield"], [story])
    assert springfield.gazetteer_id is not None
    place = gazetteer.get(springfield.gazetteer_id)
    assert place is not None and place.admin1 == "Illinois"
    assert springfield.why == "dateline country"


def test_a_qualifier_says_which_place(gazetteer: Gazetteer) -> None:
    text = "The ferry left Portland, Maine, late on Friday."
    entities = by_label(places(gazetteer, text, ["Portland", "Maine"]))
    portland = entities["Portland"]
    assert portland.gazetteer_id is not None and portland.why == "qualifier"
    place = gazetteer.get(portland.gazetteer_id)
    assert place is not None and place.admin1 == "Maine"


def test_a_tied_name_stays_unresolved_with_its_candidates(gazetteer: Gazetteer) -> None:
    # two towns of the same size (within 2%) on two continents, and nothing on the page to tell them apart
    text = "Volunteers in Clayton handed out blankets after the storm."
    [hillcrest] = places(gazetteer, text, ["Clayton"])
    assert (hillcrest.lat, hillcrest.lon, hillcrest.country, hillcrest.gazetteer_id) == (None, None, None, None)
    assert hillcrest.why == "tied candidates: left unresolved"
    assert len(hillcrest.candidates) >= 2
    assert hillcrest.candidates[0].score >= hillcrest.candidates[1].score
    assert hillcrest.to_json()["candidates"][0]["name"] == "Clayton"


def test_a_small_place_with_no_support_stays_unresolved(gazetteer: Gazetteer) -> None:
    # a single village of unknown size named once, with nothing on the page near it
    decision = gazetteer.decide("Heathrow")
    assert decision.place is None and decision.candidates and "small place" in decision.why
    # the page's places around it lift the doubt
    context = gazetteer.context(["Orlando", "Sanford", "Heathrow"])
    assert gazetteer.decide("Heathrow", context).place is not None


def test_a_common_town_name_with_namesakes_of_like_size_stays_unresolved(gazetteer: Gazetteer) -> None:
    # a name shared by many towns, the two largest of like size, none near anything the page names
    text = "Residents of Middletown queued for hours to vote on the new school budget."
    [town] = places(gazetteer, text, ["Middletown"])
    assert (town.lat, town.lon, town.gazetteer_id) == (None, None, None)
    assert town.why == "near-tied namesakes with no local support: left unresolved"
    assert len(town.candidates) >= 2
    # a place of the page beside one of them says which
    context = gazetteer.context(["Hartford", "New Haven", "Middletown"])
    chosen = gazetteer.decide("Middletown", context).place
    assert chosen is not None and chosen.admin1 == "Connecticut"


def test_a_word_inside_a_longer_name_places_it_only_with_page_support(gazetteer: Gazetteer) -> None:
    # "Republic" and "Cambridge" are towns too, but the page is not about them: no point
    text = "Envoys of the Islamic Republic met Cambridge Analytica staff in Vienna on Monday."
    entities = by_label(places(gazetteer, text, ["Islamic Republic", "Cambridge Analytica", "Vienna"]))
    assert entities["Vienna"].country == "AT"
    for name in ("Islamic Republic", "Cambridge Analytica"):
        assert (entities[name].lat, entities[name].within) == (None, None)
    # a major city inside a name is where it lies, even named once
    [based] = places(gazetteer, "An Abu Dhabi-based fund bought the tower.", ["Abu Dhabi-based"])
    assert based.within is not None and based.country == "AE"


class _Page:
    def __init__(self, page_id: str, entities: list[dict[str, Any]]) -> None:
        self.id = page_id
        self.analysis = {"entities": entities}


class _Store:
    """The two listings the GeoJSON export reads."""

    def places(self) -> Iterator[PlaceSummary]:
        yield PlaceSummary("geonames:1", "Brussels", 50.85, 4.35, "BE", "geonames:1", 1, (("p1", 30, 38, "Brussels"),))

    def pages(self) -> Iterator[_Page]:
        unresolved = Entity("e2", "Hillcrest", "PLACE", ((10, 19),), why="tied candidates: left unresolved")
        yield _Page("p1", [Entity("e1", "Brussels", "PLACE", ((30, 38),), 50.85, 4.35, "BE", "geonames:1").to_json(),
                           unresolved.to_json(), Entity("e3", "Ann Lee", "PERSON", ((0, 7),)).to_json()])


def test_geojson_points_are_only_resolved_places() -> None:
    out = io.StringIO()
    count = export_geojson(cast(Store, _Store()), out)
    data = json.loads(out.getvalue())
    assert count == 1 and [f["properties"]["label"] for f in data["features"]] == ["Brussels"]
    assert [(u["name"], u["page_id"], u["why"]) for u in data["unresolved"]] == [
        ("Hillcrest", "p1", "tied candidates: left unresolved")]


def _village(name: str, lat: float, lon: float, population: int) -> Place:
    return Place(f"test:{name}:{lat}", name, lat, lon, "US", "place", population, "test", "Ohio")


def test_a_common_word_that_is_a_village_needs_places_near_it() -> None:
    # "Spring" on a page about the country at large: the country's share is no sign that the word is the village
    spring = _village("Spring", 40.0, -83.0, 2_000)
    far = [Scored(spring, prior=2.8, context=4.5, alternate=False, local=0.1)]
    decision = decide_among("Spring", far, PlaceContext(), stop_word=True, abbreviation=False)
    assert decision.place is None and "common word" in decision.why and decision.best == spring
    # the page names places around it: the word is the village
    near = [Scored(spring, prior=2.8, context=5.5, alternate=False, local=1.2)]
    assert decide_among("Spring", near, PlaceContext(), stop_word=True, abbreviation=False).place == spring



def test_the_largest_of_many_namesakes_is_no_reading_when_together_they_outweigh_it() -> None:
    # ten towns of one name, 300 km apart; the largest trails none by less than NEAR_TIE, but holds a third of
    # their weight: with nothing on the page near any of them, none is the reading
    def town(k: int, population: int) -> Place:
        return Place(f"test:Glenfield:{k}", "Glenfield", 35.0, -100.0 + 3.3 * k, "US", "city", population, "test",
                     f"State {k}")

    sizes = [60_000, 30_000, 28_000, 26_000, 6_000, 5_000, 4_000, 3_000, 2_000, 1_500]
    ranked = [Scored(town(k, n), prior=math.log10(n), context=0.5, alternate=False) for k, n in enumerate(sizes)]
    decision = decide_among("Glenfield", ranked, PlaceContext(), stop_word=False, abbreviation=False)
    assert decision.place is None and decision.why.startswith("near-tied namesakes")
    assert decision.best == ranked[0].place
    # one that outweighs the rest together is what a bare name means
    big = [Scored(town(0, 300_000), prior=math.log10(300_000), context=0.5, alternate=False), *ranked[1:]]
    assert decide_among("Glenfield", big, PlaceContext(), stop_word=False, abbreviation=False).place == big[0].place
