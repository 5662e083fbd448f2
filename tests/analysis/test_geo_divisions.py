"""A place name read as its first-level division when the text says so (issue 21): a role word only a division
has ("New York Gov.", "the Georgia governor"), a state's office against a city reading ("a New York court"),
a qualifier ("the Bronx, New York"), a list of divisions ("Ohio, Texas and New York"). Invented sentences,
the real gazetteer; and the negative cases where the name keeps its own reading."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.geo_divisions import PlaceMention, division_readings, role_cue
from newsdesk.analysis.entities.places import Place
from newsdesk.model import Entity
from tests.places import linked_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def by_span(entities: list[Entity]) -> dict[tuple[int, int], Entity]:
    return {span: e for e in entities for span in e.mentions}


def kind_of(gazetteer: Gazetteer, entity: Entity) -> str | None:
    place = gazetteer.get(entity.gazetteer_id) if entity.gazetteer_id else None
    return place.kind if place is not None else None


def test_a_governor_makes_the_state_and_the_bare_name_stays_the_city(gazetteer: Gazetteer) -> None:
    text = "Former New York Gov. Ann Smith spoke in New York on Monday."
    spans = by_span(linked_places(gazetteer, text, ["New York", "New York"]))
    state, city = spans[(7, 15)], spans[(40, 48)]
    assert kind_of(gazetteer, state) == "region" and "governor" in state.why
    assert kind_of(gazetteer, city) == "city"
    assert state.id != city.id  # two places on one page, not one entity


def test_a_governor_turns_a_country_reading_into_the_us_state(gazetteer: Gazetteer) -> None:
    (georgia,) = linked_places(gazetteer, "The Georgia governor met farmers on Friday.", ["Georgia"])
    assert georgia.country == "US" and kind_of(gazetteer, georgia) == "region"
    # without a role word the country keeps its reading
    (country,) = linked_places(gazetteer, "Talks with Georgia stalled on Friday.", ["Georgia"])
    assert country.country == "GE"


def test_a_state_office_overrules_a_city_but_not_a_country(gazetteer: Gazetteer) -> None:
    (court,) = linked_places(gazetteer, "A New York court ruled on Tuesday.", ["New York"])
    assert kind_of(gazetteer, court) == "region"
    (mexico,) = linked_places(gazetteer, "Mexico's Supreme Court ruled on Tuesday.", ["Mexico"])
    assert kind_of(gazetteer, mexico) == "country"


def test_a_qualifier_is_the_division_the_place_before_it_lies_in(gazetteer: Gazetteer) -> None:
    text = "She works at a clinic in the Bronx, New York, and lives nearby."
    spans = by_span(linked_places(gazetteer, text, ["Bronx", "New York"]))
    qualifier = spans[(36, 44)]
    assert kind_of(gazetteer, qualifier) == "region" and "qualifies" in qualifier.why
    # a country qualifies as it is
    spans = by_span(linked_places(gazetteer, "He flew to Paris, France, on Monday.", ["Paris", "France"]))
    assert kind_of(gazetteer, spans[(18, 24)]) == "country"


def test_a_name_listed_with_divisions_is_a_division(gazetteer: Gazetteer) -> None:
    text = "Firms left California or Washington for cheaper states."
    spans = by_span(linked_places(gazetteer, text, ["California", "Washington"]))
    washington = spans[(25, 35)]
    assert kind_of(gazetteer, washington) == "region" and washington.lat is not None and washington.lat > 45
    text = "Voters in Ohio, Texas and New York went to the polls."
    spans = by_span(linked_places(gazetteer, text, ["Ohio", "Texas", "New York"]))
    assert kind_of(gazetteer, spans[(26, 34)]) == "region"


def test_a_name_listed_with_cities_keeps_its_city(gazetteer: Gazetteer) -> None:
    text = "Flights from Boston, New York and Chicago were cancelled."
    spans = by_span(linked_places(gazetteer, text, ["Boston", "New York", "Chicago"]))
    assert kind_of(gazetteer, spans[(21, 29)]) == "city"


def test_role_cue_reads_the_words_around_a_name() -> None:
    city = Place("c", "Springfield", 0.0, 0.0, "US", "city", 100_000, "test")
    country = Place("k", "Freedonia", 0.0, 0.0, "FD", "country", 1_000_000, "test")
    text = "the governor of Freedonia and the Springfield legislature and Freedonia's senate"
    assert role_cue(text, 16, 25, country) is not None
    assert role_cue(text, 34, 45, city) is not None  # a legislature: a state, not a city
    assert role_cue(text, 62, 71, country) is None  # a country has a senate of its own


def test_division_readings_needs_a_division_of_the_name() -> None:
    city = Place("c", "Springfield", 0.0, 0.0, "US", "city", 100_000, "test")
    text = "Springfield Gov. Jane Roe"
    mentions = [PlaceMention(0, 11, "Springfield", 0, city)]
    assert division_readings(text, mentions, lambda name, country: None, lambda name, place: None) == []
    state = Place("s", "Springfield", 1.0, 1.0, "US", "region", 2_000_000, "test")
    (reading,) = division_readings(text, mentions, lambda name, country: state, lambda name, place: None)
    assert reading.index == 0 and reading.place is state


def test_the_state_of_a_country_stays_the_country() -> None:
    country = Place("k", "Freedonia", 0.0, 0.0, "FD", "country", 1_000_000, "test")
    city = Place("c", "Springfield", 0.0, 0.0, "US", "city", 100_000, "test")
    text = "the territory of Freedonia; the state of Springfield"
    assert role_cue(text, 17, 26, country) is None
    assert role_cue(text, 41, 52, city) is not None
