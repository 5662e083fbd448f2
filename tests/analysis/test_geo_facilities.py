"""Streets and buildings placed at the town the text says (issue 21): the town written after a comma ("the Grand
Hall, Lyon") even when another town is named more, else the town most named in the story. Invented sentences, the
real gazetteer."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.model import Entity
from tests.places import linked_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def labelled(entities: list[Entity]) -> dict[str, Entity]:
    return {e.label: e for e in entities}


def test_the_town_after_a_comma_places_a_building(gazetteer: Gazetteer) -> None:
    text = "Paris officials and Paris police met at the Grand Hall, Lyon, on Monday."
    entities = labelled(linked_places(gazetteer, text, ["Paris", "Paris", "Grand Hall", "Lyon"]))
    hotel, lyon = entities["Grand Hall"], entities["Lyon"]
    assert hotel.within == lyon.gazetteer_id and hotel.lat == lyon.lat


def test_the_town_most_named_places_a_building(gazetteer: Gazetteer) -> None:
    text = "Lyon police closed Rue Garibaldi Street after a fire in Lyon; Paris sent help."
    entities = labelled(linked_places(gazetteer, text, ["Lyon", "Rue Garibaldi Street", "Lyon", "Paris"]))
    assert entities["Rue Garibaldi Street"].within == entities["Lyon"].gazetteer_id

