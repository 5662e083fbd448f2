"""How `bench/xdoc.py` gives event clustering each document as `newsdesk link` would (its stories, corpus
entities and places from its analysis) and scores a document of several stories by its longest one. Invented pages."""

from __future__ import annotations

from bench.xdoc import Document, cluster_documents, linked_docs

from newsdesk.model import Analysis, Cleaning, Entity, Page, Story

FIRST = "Ferry Alba ran aground off Corvo on Monday and its 300 passengers were taken off by the coastguard."
SECOND = "Captain Ivo Renk of the Alba said fog hid the reef near Corvo."


def analysed(name: str, text: str, stories: tuple[Story, ...]) -> Analysis:
    alba = text.index("Alba")
    corvo = text.index("Corvo")
    return Analysis(Page(name, text), Cleaning(), stories,
                    (Entity("e1", "Alba", "ORG", ((alba, alba + 4),)),
                     Entity("e2", "Corvo", "PLACE", ((corvo, corvo + 5),), gazetteer_id="geo:corvo")))


def test_each_story_is_an_event_document_with_its_own_entities_and_places() -> None:
    text = f"{FIRST}\n{SECOND}"
    two = (Story(0, len(FIRST)), Story(len(FIRST) + 1, len(text)))
    docs = [Document("a.xml", "1", "1", text, FIRST, []), Document("b.xml", "1", "1", FIRST, FIRST, [])]
    given = linked_docs(docs, {"a.xml": analysed("a.xml", text, two),
                               "b.xml": analysed("b.xml", FIRST, (Story(0, len(FIRST)),))})
    assert [len(stories) for stories in given] == [2, 1]
    first, second = given[0]
    assert first.text == FIRST and second.text == SECOND
    assert first.place_ids == ("geo:corvo",) and second.place_ids == ()  # Corvo is named in the first story only
    assert first.entity_keys and first.entity_keys == given[1][0].entity_keys  # one corpus entity across pages


def test_a_document_of_several_stories_is_scored_by_its_longest() -> None:
    other = "The central bank raised its main rate by half a point to slow rising prices, the governor said."
    text = f"{other}\n{FIRST}"  # the longer story second
    two = (Story(0, len(other)), Story(len(other) + 1, len(text)))
    docs = [Document("a.xml", "1", "1", text, other, []), Document("b.xml", "1", "1", FIRST, FIRST, [])]
    event, storyline, _ = cluster_documents(docs, 0, True, {"a.xml": analysed("a.xml", text, two),
                                                            "b.xml": analysed("b.xml", FIRST, (Story(0, len(FIRST)),))})
    assert set(event) == set(storyline) == {"a.xml", "b.xml"}
    assert event["a.xml"] == event["b.xml"]  # a.xml's longest story is b.xml's whole text
