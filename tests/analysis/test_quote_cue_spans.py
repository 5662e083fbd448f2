"""Where a cue span starts and ends, which cue a quotation takes, and whose it is, on invented sentences: the
auxiliaries, negation and particle of a cue inside its span, the preposition its content hangs from, a verb that is
no cue carrying one after "to"; a quotation after "…, adding that" taken by "adding", a sentence quoted whole right
after its cue; and the source of a cue whose subject is elsewhere: the object of a verb over an open complement
("forced Stumpf to admit"), the holder of an adjective ("was able to boast"), the one who has an object ("an
opportunity to say"), a named agent without an auxiliary ("When pressed by Holt"), a comparison set off beside the
speaker cut ("Clinton, like Obama, said")."""

from __future__ import annotations

import pytest

from newsdesk.analysis.quotes.finder import QuoteConfig, QuoteFinder
from newsdesk.analysis.quotes.speakers import cue_subject
from tests.quoting import cut, find, quote_finder


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return quote_finder()


@pytest.fixture(scope="module")
def framed(finder: QuoteFinder) -> QuoteFinder:
    """The finder with the learned frame lexicon, which reads "called for" as a cue of a preposition's object."""
    return QuoteFinder(finder.nlp, QuoteConfig(frames="newsdesk:quotes_frames"))


@pytest.mark.parametrize("text, cue", [
    # a negation written as a clitic is no word, yet part of the cue as "not" is
    ("The senator hasn't said whether the port tax will rise next year.", "hasn't said"),
    # a passive auxiliary, as an active one
    ("Dock workers were told by the harbour master that the port would close early.", "were told"),
    # a particle
    ("Mara Lind pointed out that the harbour fees had doubled since May.", "pointed out"),
    # a verb that is no cue itself, carrying the cue after "to"
    ("The minister tried to explain that the harbour budget was balanced.", "tried to explain"),
])
def test_the_cue_spans_its_auxiliaries_negation_particle_and_carrying_verb(finder: QuoteFinder, text: str,
                                                                          cue: str) -> None:
    assert [cut(text, q.cue) for q in find(finder, text)] == [cue]


def test_a_cue_spans_the_preposition_its_content_hangs_from(framed: QuoteFinder) -> None:
    text = "The harbour mayor called for a ban on fireworks along the quay."
    quotes = find(framed, text)
    assert [(cut(text, q.cue), cut(text, (q.start, q.end))) for q in quotes] == [
        ("called for", "a ban on fireworks along the quay")]


def test_a_cue_keeps_a_preposition_that_does_not_hold_its_content_out(finder: QuoteFinder) -> None:
    text = "Mara Lind said in an interview that the harbour fees would rise in May."
    assert [cut(text, q.cue) for q in find(finder, text)] == ["said"]


def test_a_quotation_after_adding_that_is_what_was_added(finder: QuoteFinder) -> None:
    text = ("“The harbour is getting busier every day,” he said, adding that “some of the new fees they are asking "
            "for are ridiculous.”")
    quotes = find(finder, text)
    later = [q for q in quotes if "ridiculous" in text[q.start:q.end]]
    assert later and all(cut(text, q.cue) == "adding" for q in later)
    first = next(q for q in quotes if "busier" in text[q.start:q.end])
    assert cut(text, first.cue) == "said"


def test_sentences_quoted_whole_right_after_their_cue_take_it(finder: QuoteFinder) -> None:
    text = ("In a radio interview Mara Lind declared “I think the harbour league may be obsolete. It was set up a "
            "long time ago.”")
    quotes = find(finder, text)
    assert [(cut(text, q.cue), cut(text, q.source)) for q in quotes] == [("declared", "Mara Lind")]
    assert text[quotes[0].start:quotes[0].end].startswith("I think the harbour league")


@pytest.mark.parametrize("text, cue, source", [
    # the object of the verb over an open complement does it (object control)
    ("The senator forced Stumpf to admit that no executives had been fired.", "admit", "Stumpf"),
    # the holder of the adjective the cue hangs from
    ("He was able to boast that his harbour had the lowest fees.", "boast", "He"),
    # the one who has the object the cue qualifies
    ("Mara Lind never missed an opportunity to say that the fees were too high.", "say", "Mara Lind"),
])
def test_the_source_of_a_cue_with_its_subject_elsewhere(finder: QuoteFinder, text: str, cue: str,
                                                        source: str) -> None:
    quotes = [q for q in find(finder, text) if cut(text, q.cue) is not None and cue in (cut(text, q.cue) or "")]
    assert [cut(text, q.source) for q in quotes] == [source]


def test_a_named_agent_is_the_source_of_a_passive_without_an_auxiliary(finder: QuoteFinder) -> None:
    assert finder.nlp is not None
    doc = finder.nlp("When pressed by Holt about the harbour fees, the mayor said little.")
    pressed = next(t for t in doc if t.lower_ == "pressed")
    subject = cue_subject(pressed)
    assert subject is not None and subject.text == "Holt"


def test_a_comparison_beside_the_speaker_is_no_part_of_the_source(finder: QuoteFinder) -> None:
    text = "Mara Lind, like Olsen, has said that she will hold firm on the harbour fees."
    quotes = find(finder, text)
    assert [cut(text, q.source) for q in quotes] == ["Mara Lind"]


@pytest.fixture(scope="module")
def learned(finder: QuoteFinder) -> QuoteFinder:
    """The finder with the shipped cue classifier, which reads "endorsed" as a cue of its object."""
    return QuoteFinder(finder.nlp, QuoteConfig(cue_model="newsdesk:quotes_cues"))


def test_a_name_alone_is_content_enough_and_another_word_alone_is_not(learned: QuoteFinder) -> None:
    text = "Other major unions, including the dock workers, have also endorsed Olsen."
    quotes = find(learned, text)
    assert [(cut(text, q.cue), cut(text, (q.start, q.end))) for q in quotes] == [("have also endorsed", "Olsen")]
    assert find(learned, "The harbour union endorsed it.") == []


def test_a_cue_carried_by_another_after_to_is_one_cue_with_it(finder: QuoteFinder) -> None:
    # both verbs are reporting verbs the rules read as cues: "promised [to explain …]" gives way
    text = "The harbour master promised to explain that the port would close."
    quotes = find(finder, text)
    assert [(cut(text, q.cue), cut(text, (q.start, q.end))) for q in quotes] == [
        ("promised to explain", "that the port would close")]
