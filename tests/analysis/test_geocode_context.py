"""Homonyms read in the story's context (issue 21, round 2): a dateline's qualifier names the state a story
is filed from even when its place is unknown; the page's main country decides a homonym split between it
and elsewhere; a small place the page's country tells from its namesakes is resolved, while a bare word
with only a country's support stays unresolved. Invented sentences, the real gazetteer."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.linker import opening_dateline
from newsdesk.model import Entity
from tests.places import linked_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def places(gazetteer: Gazetteer, text: str, names: list[str]) -> dict[str, list[Entity]]:
    out: dict[str, list[Entity]] = {}
    for e in linked_places(gazetteer, text, names):
        out.setdefault(e.label, []).append(e)
    return out

def test_anopening_dateline_with_a_plain_hyphen_is_read() -> None:
    assert opening_dateline("CAMP MURRAY, Wash. - Lt. Col. Ricky Thomas jokes") == "Camp Murray, Wash."
    assert opening_dateline("The mayor, Who said - nothing") is None


def test_a_qualifier_places_the_dateline_when_its_town_is_unknown(gazetteer: Gazetteer) -> None:
    dateline = gazetteer.context([], dateline="Camp Murray, Wash.").dateline
    assert dateline is not None and dateline.kind == "region" and dateline.admin1 == "Washington"


def test_the_dateline_state_decides_washington(gazetteer: Gazetteer) -> None:
    text = ("CAMP MURRAY, Wash. - The team has visited Saipan and Guam this year, and not just Washington "
            "communities.")
    entities = places(gazetteer, text, ["Saipan", "Guam", "Washington"])
    (washington,) = entities["Washington"]
    assert washington.country == "US" and washington.lat is not None
    assert washington.lat > 45  # the state (about 47 N), not the capital (38.9 N)


def test_a_homonym_prefers_the_page_main_country(gazetteer: Gazetteer) -> None:
    # Two of the page's three places are in Canada: "London" is the Ontario city, not the capital abroad.
    context = gazetteer.context(["Canada", "Vancouver", "France"])
    london = gazetteer.resolve("London", context)
    assert london is not None and london.country == "CA"
    # with no main country the largest London stays the choice
    alone = gazetteer.resolve("London", gazetteer.context(["France"]))
    assert alone is not None and alone.country == "GB"


def test_a_small_place_told_from_its_namesakes_by_the_page_country(gazetteer: Gazetteer) -> None:
    context = gazetteer.context(["Greece", "Athens", "Greece", "Turkey", "Lesbos"])
    decision = gazetteer.decide("Samos", context)
    assert decision.place is not None and decision.place.country == "GR"
    assert "page's country" in decision.why


def test_a_country_share_alone_does_not_place_a_bare_word(gazetteer: Gazetteer) -> None:
    # "the Atlantic" on a page about the US is the ocean, not the Iowa village of that name
    decision = gazetteer.decide("Atlantic", gazetteer.context(["United States", "Colorado", "United States"]))
    assert decision.place is None and decision.candidates
