"""One type per name (issue 21): the page decides a name's type from all its mentions, role words and the
gazetteer; sentence adverbs and common words are no names; the corpus never splits an entity by type.
Every sentence here is invented."""

from __future__ import annotations

import pytest

from newsdesk.analysis.entities.page_types import Named, TypeNames, settle_types
from newsdesk.analysis.pipeline import Pipeline
from newsdesk.corpus.entities import CorpusEntities, EntityRecord
from newsdesk.corpus.events import content_words
from newsdesk.read.files import ReadConfig, page_from_text
from tests.naming import named

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



def test_a_name_in_a_caption_is_a_mention_of_the_entity_the_story_names(pipeline: Pipeline) -> None:
    text = ("Shelling hit the town of Kasvar overnight, regional governor Ivo Brantel said on Sunday.\n\n"
            "Residents of Kasvar said the water supply had been cut for a third day.\n\n"
            "Smoke rises over Kasvar on May 21. (Petra Olmsted/AFP/Getty Images)\n\n"
            "The governor said repairs would start on Monday if the shelling stopped.\n")
    analysis = pipeline.analyze(page_from_text("test.txt", text, ReadConfig()))
    caption = next(r for r in analysis.cleaning.removed if r.kind == "caption")
    kasvar = next(e for e in analysis.entities if e.label == "Kasvar")
    assert kasvar.type == "PLACE"
    assert [s for s, _ in kasvar.mentions if caption.start <= s < caption.end] == [text.index("Kasvar on May")]
    # ...but a name only the caption gives (its photographer) opens no entity.
    assert not [e for e in analysis.entities if "Olmsted" in e.label]


def test_an_organisation_acronym_is_no_place_though_a_village_shares_its_letters(pipeline: Pipeline) -> None:
    text = ("NATO said on Monday that it would send more troops, and the UN agreed. Foreign ministers of NATO "
            "met in Brussels. The US backed the plan.")
    found = dict(typed(pipeline, text))
    assert (found["NATO"], found["UN"]) == ("ORG", "ORG")
    assert (found["US"], found["Brussels"]) == ("PLACE", "PLACE")  # an acronym the gazetteer lists for a place


def test_a_people_named_in_the_plural_is_no_entity(pipeline: Pipeline) -> None:
    text = "Ukrainians queued for bread in Kharkiv on Monday, and aid ships reached the Philippines."
    found = typed(pipeline, text)
    assert "Ukrainians" not in [name for name, _ in found]
    assert ("Philippines", "PLACE") in found  # a country's name that looks like a plural demonym stays one


def test_a_dateline_qualified_by_its_country_stays_a_place() -> None:
    text = "WIGTON, Ostland 1996-08-31\nWigton beat Olm 2-1. Wigton lead the table."
    names = [named(text, "WIGTON", "ORG"), named(text, "Wigton", "ORG"), named(text, "Wigton", "ORG", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["PLACE", "ORG", "ORG"]
    # ...a line that opens with the name and a list, not a date, is no dateline.
    text = "Wigton, Olm and Brask drew on Sunday.\nWigton lead the table."
    names = [named(text, "Wigton", "ORG"), named(text, "Wigton", "ORG", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["ORG", "ORG"]


def test_a_city_naming_its_stock_market_stays_a_place_but_a_company_s_stock_does_not() -> None:
    text = "Shares fell on the Velmar stock exchange. Velmar stock prices recovered later."
    names = [named(text, "Velmar", "PLACE"), named(text, "Velmar", "PLACE", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["PLACE", "PLACE"]
    text = "Velmora stock fell 3 percent. Analysts said Velmora would recover."
    names = [named(text, "Velmora", "PERSON"), named(text, "Velmora", "PERSON", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["ORG", "ORG"]


def test_a_full_name_the_page_does_not_settle_as_a_person_lends_no_surname() -> None:
    # "Dynamo Kasvar" is tagged a person once and a club once: its "Kasvar" is no surname, so the town stays one.
    text = "Dynamo Kasvar beat Olm on Sunday. Fans of Dynamo Kasvar cheered. Kasvar is a river port."
    names = [named(text, "Dynamo Kasvar", "PERSON"), named(text, "Dynamo Kasvar", "ORG", 1),
             named(text, "Kasvar", "PLACE", 2)]
    assert [n.type for n in settle_types(text, names, TYPES)][2] == "PLACE"
    # ...while a name the page settles as a person still makes its surname one.
    text = "Marko Kasvar met Ivo Olm. Marko Kasvar spoke first. Kasvar left early."
    names = [named(text, "Marko Kasvar", "PERSON"), named(text, "Ivo Olm", "PERSON"),
             named(text, "Marko Kasvar", "PERSON", 1), named(text, "Kasvar", "PLACE", 2)]
    assert [n.type for n in settle_types(text, names, TYPES)][3] == "PERSON"


def test_the_press_and_the_trade_before_a_name_say_organisation() -> None:
    text = "The daily Brelsker Zeitung reported the deal. Ivo Tesh told Brelsker Zeitung he would stay."
    names = [named(text, "Brelsker Zeitung", "PERSON"), named(text, "Ivo Tesh", "PERSON"),
             named(text, "Brelsker Zeitung", "PERSON", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["ORG", "PERSON", "ORG"]
    # ..."weekly" after a person's name says nothing of it.
    text = "Ivo Brelsker writes weekly for the paper. Brelsker said he would stay."
    names = [named(text, "Ivo Brelsker", "PERSON"), named(text, "Brelsker", "PERSON", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["PERSON", "PERSON"]


def test_a_name_with_a_chairman_is_an_organisation_but_one_with_a_spokesman_may_be_a_person() -> None:
    text = "Velmora chairman Ivo Tesh resigned. Velmora will name a successor."
    names = [named(text, "Velmora", "PERSON"), named(text, "Ivo Tesh", "PERSON"), named(text, "Velmora", "PERSON", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["ORG", "PERSON", "ORG"]
    text = "Tesh spokesman Olm Varga said Tesh would rest."
    names = [named(text, "Tesh", "PERSON"), named(text, "Olm Varga", "PERSON"), named(text, "Tesh", "PERSON", 1)]
    assert [n.type for n in settle_types(text, names, TYPES)] == ["PERSON", "PERSON", "PERSON"]

