"""One type per name (issue 21): the page decides a name's type from all its mentions, role words and the
gazetteer; sentence adverbs and common words are no names; the corpus never splits an entity by type.
Every sentence here is invented."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.mentions import Named, TypeNames, settle_types
from newsdesk.analysis.pipeline import Pipeline
from newsdesk.corpus.entities import CorpusEntities, EntityRecord
from newsdesk.corpus.events import content_words
from newsdesk.read.files import ReadConfig, page_from_text

TYPES = TypeNames("PERSON", "PLACE", "ORG")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def typed(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    """(mention, its entity's type) in page order."""
    analysis = pipeline.analyze(page_from_text("test.txt", text, ReadConfig()))
    found = sorted((s, e, entity.type) for entity in analysis.entities for s, e in entity.mentions)
    return [(text[s:e], kind) for s, e, kind in found]


def test_sentence_adverbs_are_not_people(pipeline: Pipeline) -> None:
    text = "Separately, Ukraine said it would export grain. Steadily, the harvest grew through the summer."
    # (the tagger calls "Separately" a place and "Steadily" a person here)
    found = typed(pipeline, text)
    assert ("Ukraine", "PLACE") in found
    assert not [name for name, _ in found if name in {"Separately", "Steadily"}]


def test_an_island_named_as_one_is_a_place_in_every_mention(pipeline: Pipeline) -> None:
    text = "Ships sailed past Zmiinyi island at dawn. Zmiinyi was shelled again, the navy said."
    assert typed(pipeline, text) == [("Zmiinyi", "PLACE"), ("Zmiinyi", "PLACE")]


def test_a_place_called_island_gives_its_head_word_its_type(pipeline: Pipeline) -> None:
    text = ("Tourists returned to Pelvar Island this week. Pelvar was hit by a storm in May, "
            "and Pelvar needs aid.")
    assert {kind for _, kind in typed(pipeline, text)} == {"PLACE"}


def test_a_province_of_keeps_its_type_when_the_tagger_calls_it_a_person(pipeline: Pipeline) -> None:
    text = "Troops moved into the province of Kasvar overnight. Kasvar has been quiet for months."
    assert typed(pipeline, text) == [("Kasvar", "PLACE"), ("Kasvar", "PLACE")]


def test_role_words_decide_a_minister_against_the_gazetteer() -> None:
    # "Lida" is a town the gazetteer may know; "Minister" and "Mr" before it say it is a person here.
    text = "Defence Minister Lida spoke on Monday. Mr Lida said Lida would stay."
    names = [Named(17, 21, "Lida", "PLACE"), Named(43, 47, "Lida", "PERSON"), Named(53, 57, "Lida", "PLACE")]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["PERSON"] * 3


def test_a_name_mistyped_once_takes_the_page_majority() -> None:
    text = "Vell Ordona met Marko Tesh. Tesh spoke first. Later Tesh left, and Tesh came back."
    names = [Named(0, 11, "Vell Ordona", "PERSON"), Named(16, 26, "Marko Tesh", "PERSON"),
             Named(28, 32, "Tesh", "ORG"), Named(52, 56, "Tesh", "PERSON"), Named(67, 71, "Tesh", "PLACE")]
    assert {n.text: n.type for n in settle_types(text, names, TYPES)}["Tesh"] == "PERSON"
    assert [n.type for n in settle_types(text, names, TYPES) if n.text == "Tesh"] == ["PERSON"] * 3


def test_a_common_word_written_in_lower_case_on_the_page_is_no_name() -> None:
    text = "Jury members were sent home. The jury will return on Monday."
    assert settle_types(text, [Named(0, 4, "Jury", "PERSON")], TYPES) == []
    # ...but a capitalised word the page never writes in lower case stays a name.
    text = "Kelly, the mayor, said no. The council agreed."
    assert [n.text for n in settle_types(text, [Named(0, 5, "Kelly", "PERSON")], TYPES)] == ["Kelly"]


def test_a_missed_repeat_of_a_found_name_is_found_with_its_type() -> None:
    text = "KASVAR CUT OFF\nFighting spread to Kasvar on Monday. Officials in Kasvar said roads were closed."
    names = [Named(34, 40, "Kasvar", "PLACE")]
    found = settle_types(text, names, TYPES)
    assert [(text[n.start:n.end], n.type) for n in found] == [("KASVAR", "PLACE"), ("Kasvar", "PLACE"),
                                                             ("Kasvar", "PLACE")]


def record(page: str, local: str, forms: tuple[str, ...], text: str, type_: str) -> EntityRecord:
    return EntityRecord(page, local, forms[0], type_, forms, context=tuple(content_words(text)),
                        mentions=len(forms))


def test_a_corpus_entity_does_not_split_because_one_page_mistyped_it() -> None:
    corpus = CorpusEntities()
    ids = {}
    pages = [("p1", "PERSON"), ("p2", "ORG"), ("p3", "PERSON"), ("p4", "PLACE")]
    for page, kind in pages:
        text = f"Halyna Moroz spoke to farmers about grain prices on {page}."
        ids.update(corpus.add([record(page, "e1", ("Halyna Moroz", "Moroz"), text, kind)]))
    assert len(set(ids.values())) == 1
    entity = corpus.entity(ids[("p1", "e1")])
    assert (entity.type, entity.pages) == ("PERSON", 4)
    # ...and the votes survive a save and load.
    again = CorpusEntities.from_bytes(corpus.to_bytes())
    again.add([record("p5", "e1", ("Halyna Moroz",), "Halyna Moroz on grain.", "ORG")])
    assert again.entity(ids[("p1", "e1")]).type == "PERSON"  # 2 pages each: PERSON has more mentions
    again.add([record("p6", "e1", ("Halyna Moroz",), "Halyna Moroz on grain.", "ORG")])
    assert again.entity(ids[("p1", "e1")]).type == "ORG"  # now most pages say ORG


def test_two_people_of_one_surname_still_do_not_merge_across_types() -> None:
    corpus = CorpusEntities()
    a = corpus.add([record("p1", "e1", ("Halyna Moroz",), "Halyna Moroz on grain prices.", "PERSON")])
    b = corpus.add([record("p2", "e1", ("Petro Moroz",), "Petro Moroz on grain prices.", "ORG")])
    assert a[("p1", "e1")] != b[("p2", "e1")]


def test_company_evidence_outweighs_a_tagger_that_calls_a_firm_a_person() -> None:
    text = "Shares of Velmora rose on Friday. Velmora 's chairman resigned. Analysts said Velmora would recover."
    names = [Named(10, 17, "Velmora", "ORG"), Named(34, 41, "Velmora", "PERSON"), Named(78, 85, "Velmora", "PERSON")]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["ORG"] * 3


def test_a_dateline_stays_a_place_when_the_page_uses_the_name_for_a_team() -> None:
    text = "TARVIK 1996-08-22\nTarvik beat Olm 2-1. Tarvik lead the table, and Tarvik play Olm again."
    names = [Named(0, 6, "TARVIK", "ORG"), Named(18, 24, "Tarvik", "ORG"), Named(38, 44, "Tarvik", "ORG"),
             Named(66, 72, "Tarvik", "ORG")]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["PLACE", "ORG", "ORG", "ORG"]


def test_misc_names_neither_vote_nor_change() -> None:
    text = "German officials met German bankers in Bonn."
    names = [Named(0, 6, "German", "MISC"), Named(21, 27, "German", "MISC"), Named(39, 43, "Bonn", "LOC")]
    conll = TypeNames("PER", "LOC", "ORG")
    assert [(n.text, n.type) for n in settle_types(text, names, conll)] == [("German", "MISC"), ("German", "MISC"),
                                                                           ("Bonn", "LOC")]
