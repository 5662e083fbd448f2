"""Corpus entity linking of common nouns and capitalised nouns (`newsdesk.corpus.entities`, issue 22)."""

from __future__ import annotations

from newsdesk.corpus.entities import CorpusEntities, EntityRecord
from newsdesk.corpus.events import content_words
from newsdesk.corpus.names import head_word, respelled, singular_noun

SHOOTING = ("Police said Ana Brel, 34, opened fire in the warehouse on Monday. The woman was arrested at the scene "
            "by officers who found Ana Brel still armed.")
OTHER = "A woman was hurt when a car hit a bus stop in the city centre on Tuesday, officers said."


def record(page: str, local: str, form: str, text: str, type_: str = "PERSON", proper: bool = True,
           scope: str | None = None) -> EntityRecord:
    return EntityRecord(page, local, form, type_, (form,), context=tuple(content_words(text)), scope=scope,
                        proper=proper)


def test_singular_noun_tells_one_from_a_group() -> None:
    assert singular_noun("the actress") and singular_noun("a 35-year-old man") and singular_noun("boss")
    assert not singular_noun("officers") and not singular_noun("police") and not singular_noun("3")
    assert not singular_noun("people")


def test_a_singular_common_noun_is_the_person_its_page_names_most() -> None:
    linker = CorpusEntities()
    ids = linker.add([record("p1", "e1", "Ana Brel", SHOOTING, scope="ev1"),
                      record("p1", "e2", "woman", SHOOTING, proper=False, scope="ev1"),
                      record("p1", "e3", "officers", SHOOTING, proper=False, scope="ev1")])
    assert ids[("p1", "e2")] == ids[("p1", "e1")]
    # A plural is a crowd, not the person the page is about.
    assert ids[("p1", "e3")] != ids[("p1", "e1")]
    # A page that names no one links its "woman" to no one of another page.
    other = linker.add([record("p2", "e1", "woman", OTHER, proper=False, scope="ev2")])
    assert other[("p2", "e1")] != ids[("p1", "e1")]


def test_the_page_subject_is_kept_to_people_and_places_not_organisations() -> None:
    linker = CorpusEntities()
    text = "Acme Corp said on Friday it would close the plant. The company employs 300 people."
    ids = linker.add([record("p1", "e1", "Acme Corp", text, type_="ORG", scope="ev1"),
                      record("p1", "e2", "company", text, type_="ORG", proper=False, scope="ev1")])
    assert ids[("p1", "e2")] != ids[("p1", "e1")]


def test_a_capitalised_noun_that_names_nothing_joins_whom_reports_call_so() -> None:
    text = ("Host Ellen Dale opened the show. Viewers praised host Ellen Dale for the opening, and critics "
            "called host Ellen Dale the best in years.")
    linker = CorpusEntities()
    ids = linker.add([record("p1", "e1", "Ellen Dale", text, scope="ev1")])
    # A headline's "Host" is a noun capitalised: it is the person three times called host, not a new name.
    headline = linker.add([record("p2", "e1", "Host", "Host praised after the show", scope="ev1")])
    assert headline[("p2", "e1")] == ids[("p1", "e1")]


def test_a_counted_noun_is_known_by_its_count() -> None:
    assert head_word("three people") == "3" and head_word("3 workers") == "3" and head_word("Three") == "3"
    assert head_word("the people") == "people" and head_word("people") == "people"


def test_a_group_called_by_its_count_is_one_group_and_another_count_is_another() -> None:
    text = "Three people were hurt when the roof fell at the Dunmore depot. The three were taken to hospital."
    linker = CorpusEntities()
    ids = linker.add([record("p1", "e1", "Three people", text, proper=False, scope="ev1"),
                      record("p1", "e2", "people", text, proper=False, scope="ev1")])
    later = linker.add([record("p2", "e1", "three", text, proper=False, scope="ev1"),
                        record("p2", "e2", "five people", text, proper=False, scope="ev1")])
    assert later[("p2", "e1")] == ids[("p1", "e1")]
    assert later[("p2", "e2")] not in {ids[("p1", "e1")], ids[("p1", "e2")]}


def test_respelled_tells_one_name_spelled_two_ways_from_two_names() -> None:
    assert respelled("halden treatment centre".split(), "halden treatment center".split(), 90, 60) > 0
    assert respelled("gulf of ekaterinsk".split(), "gulf of akaterinsk".split(), 85, 60) > 0
    assert respelled("new york police".split(), "new york times".split(), 90, 60) == 0
    assert respelled(["centre"], ["center"], 90, 60) == 0  # one word: too little to tell a respelling
    assert respelled("halden treatment centre".split(), "halden treatment".split(), 90, 60) == 0


def test_a_name_spelled_two_ways_is_one_thing_within_its_event_only() -> None:
    text = "A ferry capsized in the Gulf of Akaterinsk on Monday, the coast guard said."
    for scope, joins in (("ev1", True), ("ev2", False)):
        linker = CorpusEntities()
        ids = linker.add([record("p1", "e1", "Gulf of Akaterinsk", text, type_="PLACE", scope="ev1")])
        respelt = linker.add([record("p2", "e1", "Gulf of Ekaterinsk", text, type_="PLACE", scope=scope)])
        # In another event it may be another place: a respelling is read only where the event vouches for it.
        assert (respelt[("p2", "e1")] == ids[("p1", "e1")]) is joins
