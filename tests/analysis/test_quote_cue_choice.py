"""Which cue a quotation or a clause takes (issue 21), on invented text: a speech tag with its subject right after
the marks over a colon-introduced cue, and a cue set off by commas after the subject of the clause it interrupts."""

from __future__ import annotations

import pytest

from newsdesk.analysis.quotes.finder import QuoteFinder
from newsdesk.analysis.quotes.marks import plain_characters
from tests.quoting import cut, find, quote_finder, quote_parser


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return quote_finder()


def test_a_speech_tag_after_the_marks_is_the_quotation_s_cue_before_a_colon(finder: QuoteFinder) -> None:
    # the colon introduces the quotation, the tag right after it says who spoke it
    text = "Mayor Lena Okafor lamented the delays: “The harbour will not reopen this year,” she said."
    quotes = [q for q in find(finder, text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].cue is not None and text[quotes[0].cue[0]:quotes[0].cue[1]] == "said"
    assert quotes[0].source is not None and text[quotes[0].source[0]:quotes[0].source[1]] == "she"


def test_a_subjectless_verb_after_the_marks_leaves_the_colon_cue(finder: QuoteFinder) -> None:
    # '…,” adding that …' is a further act of the colon's speaker, not a tag of the quotation
    text = "In a statement, the port authority said: “The harbour will reopen in May,” adding that ferries would wait."
    quotes = find(finder, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].cue is not None
    assert text[direct[0].cue[0]:direct[0].cue[1]] == "said"



def test_a_cue_between_a_subject_and_its_verb_reports_both_sides(finder: QuoteFinder) -> None:
    # the parser hangs "told" on "difference", the subject before it, not on the verb after it
    text = "The difference now, she told me on Friday, is that the harbour has a budget of its own."
    quotes = find(finder, text)
    assert [cut(text, q.cue) for q in quotes] == ["told", "told"]
    assert [cut(text, (q.start, q.end)) for q in quotes] == ["The difference now",
                                                              "is that the harbour has a budget of its own"]
    assert {cut(text, q.source) for q in quotes} == {"she"}


def test_a_horizontal_bar_is_read_as_a_dash() -> None:
    # "―" (U+2015) read as a word wrecks the parse around it; written as an em dash, one character for one, it is
    # punctuation and every offset stays
    text = "Asked about the rent ― which was true for the years its accounts were made public ― Okafor boasted."
    plain = plain_characters(text)
    assert len(plain) == len(text) and plain.replace("\u2014", "\u2015") == text
    nlp = quote_parser()
    assert [t.pos_ for t in nlp(plain) if t.text == "\u2014"] == ["PUNCT", "PUNCT"]
    assert plain_characters("no bar — here") == "no bar — here"


def test_a_dateline_set_with_a_horizontal_bar_stays_out_of_the_content(finder: QuoteFinder) -> None:
    text = "PORTVILLE ― The ferry fares are an insult to every commuter in the region, Mayor Lena Okafor said."
    quotes = find(finder, text)
    content = "The ferry fares are an insult to every commuter in the region"
    assert [cut(text, (q.start, q.end)) for q in quotes] == [content]
    assert cut(text, quotes[0].source) == "Mayor Lena Okafor"


def test_a_tag_naming_another_speaker_leaves_the_colon_cue(finder: QuoteFinder) -> None:
    # the officer recalls what the man screamed: the screamed words are the man's
    text = ("As the convoy reached the bridge, a man with a whip jumped out and started screaming: “You will all pay!” "
            "the officer recalled.")
    direct = [q for q in find(finder, text) if q.kind == "direct"]
    assert [cut(text, q.cue) for q in direct] == ["screaming"]
    assert cut(text, direct[0].source) == "a man with a whip"
