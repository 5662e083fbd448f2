"""Credit lines read by their shape (`newsdesk.text.credit_shape`) where the grammar knows no phrase,
and what the origin makes of them. Every line and outlet here is invented."""

from __future__ import annotations

import pytest

from newsdesk.analysis.origin import decide_origin, read_by_shape
from newsdesk.model import Evidence
from newsdesk.text import credit
from newsdesk.text.credit import find_credit
from newsdesk.text.credit_shape import SHAPE_CREDIT_MAX_WEIGHT, SHAPE_CREDIT_WEIGHT, read_credit_shape


@pytest.mark.parametrize("line, outlet", [
    # a participle and a noun for a text before a slot shaped like an outlet
    ("This report was carried by Harbour Gazette.", "Harbour Gazette"),
    ("This item was filed by Vantor Wire", "Vantor Wire"),
    # nothing but words of publishing before a name no list knows and no head marks
    ("THIS ARTICLE ORIGINALLY APPEARED ON QUELLMARSH.", "QUELLMARSH"),
    # a label's colon, and a domain
    ("Content partner: Kestrel Valley Times", "Kestrel Valley Times"),
    ("Article origin: https://www.dornfeld-post.com/2022/story", "https://www.dornfeld-post.com/2022/story"),
    # a year and rights words after the slot; a name in capitals holds two slots, the later one is the outlet
    ("Story obtained from the Quillmere Chronicle, 2022", "the Quillmere Chronicle"),
    ("CARRIED WITH PERMISSION OF LANTERN STREET BLOG.", "LANTERN STREET BLOG"),
])
def test_lines_of_unseen_phrasings_are_read_by_their_shape(line: str, outlet: str) -> None:
    reading = read_credit_shape(line)
    assert reading is not None and reading.surface == outlet
    assert line[reading.slot_start:reading.slot_end] == outlet


@pytest.mark.parametrize("line", [
    "The mayor spoke to Harbour Council on Monday.",  # a sentence of the story: a pronoun-free one too
    "He moved from Springfield to Harbour City.",  # a narrative pronoun
    "Photo by Jane Doe",  # a picture's credit
    "File image. Credit: Harbour Wire",  # a picture's credit after a label
    "Posted in World News",  # a section, not an outlet
    "Follow us on Twitter",  # a platform, and the reader asked to act
    "Proudly powered by WordPress",  # the site's software
    "Reported by Jane Doe",  # a person
    "Updated on March 3, 2022",  # a date
    "A statement was released by Harbour Police Service",  # a passive of any kind: a participle alone is weak
    "More from Harbour Daily News",  # a link to an outlet's other stories
    "Sign up for the Harbour Gazette newsletter",  # words follow the slot
    "© 2022 Harbour Gazette. All rights reserved.",  # a copyright line: the grammar's to read
    "“We were carried by Harbour Gazette,” she said.",  # a quotation
])
def test_lines_that_only_look_alike_are_not_credits(line: str) -> None:
    assert read_credit_shape(line) is None


def test_the_grammar_reads_first_and_the_shape_reading_is_weaker() -> None:
    grammar = find_credit("This article was originally published on The Fenland Courier.", 10)
    assert grammar is not None and grammar.family == "published_on" and grammar.weight > SHAPE_CREDIT_WEIGHT
    shaped = find_credit("This report was carried by Harbour Gazette.", 10)
    assert shaped is not None and shaped.family == "shape_read" and shaped.closes
    assert SHAPE_CREDIT_WEIGHT <= shaped.weight <= SHAPE_CREDIT_MAX_WEIGHT < grammar.weight
    assert [o.name for o in shaped.outlets] == ["Harbour Gazette"]
    assert shaped.start == 10 and shaped.end == 10 + len("This report was carried by Harbour Gazette.")


def test_hidden_families_leave_the_line_to_the_shape_reader() -> None:
    line = "Republished with permission of The Millbrook Sentinel."
    try:
        credit.HIDDEN_FAMILIES.update({"republished", "credit_shaped"})
        found = find_credit(line)
        assert found is not None and found.family == "shape_read"
        credit.HIDDEN_FAMILIES.add("shape_read")
        assert find_credit(line) is None
    finally:
        credit.HIDDEN_FAMILIES.clear()
    found = find_credit(line)
    assert found is not None and found.family == "republished"


def _shape_evidence(agency: str) -> Evidence:
    found = find_credit(f"This report was carried by {agency}.", 500)
    assert found is not None
    return Evidence(found.outlets[0].start, found.outlets[0].end, "credit", agency, found.weight, found.why)


def test_a_shape_credit_names_the_origin_where_nothing_else_does() -> None:
    shaped = _shape_evidence("Harbour Gazette")
    assert read_by_shape(shaped)
    citation = Evidence(10, 20, "citation", "Vantor Wire", 0.25, "the outlet is cited")
    origin, support = decide_origin([citation, shaped])
    assert origin == "Harbour Gazette" and support == [shaped]


def test_a_shape_credit_gives_way_to_a_grammar_credit_or_dateline() -> None:
    shaped = _shape_evidence("Harbour Gazette")
    dateline = Evidence(0, 20, "dateline", "Vantor Wire", 3.0, "a wire dateline opens the story")
    assert decide_origin([dateline, shaped])[0] == "Vantor Wire"


def test_a_shape_credit_against_another_outlet_of_the_text_abstains() -> None:
    shaped = _shape_evidence("Harbour Gazette")
    own = Evidence(10, 30, "self_reference", "Vantor Wire", 2.0, "the outlet speaks of itself")
    origin, weighed = decide_origin([own, shaped])
    assert origin is None and {e.agency for e in weighed} == {"Harbour Gazette", "Vantor Wire"}


def _unread(line: str) -> credit.Credit | None:
    """What `find_credit` makes of a line with every phrase family of the grammar left unread."""
    try:
        credit.HIDDEN_FAMILIES.update({*credit.FAMILY_WEIGHTS, "credit_shaped"})
        return find_credit(line, 7)
    finally:
        credit.HIDDEN_FAMILIES.clear()


@pytest.mark.parametrize("line, outlet", [
    # a noun of agency made from a verb of publishing ("publisher" as "published") labels the slot
    ("Publisher: The Quillmere", "The Quillmere"),
    ("Distributor: Vantorwick", "Vantorwick"),
    # a chain: the intermediary's name after a preposition, the source in the slot at the end
    ("Distributed by Marrow Content Agency on behalf of The Fenland Ledger.", "The Fenland Ledger"),
    ("Syndicated by Quillnet on behalf of Dornwick.", "Dornwick"),
    # a link's words where a noun for a text says what the link leads to
    ("Read the full story at Quillmere", "Quillmere"),
    ("View the original version at dornwick.org", "dornwick.org"),
    # clauses of crediting after the slot: a licence, a permission, a link to the original
    ("This piece is republished from The Vantor Ledger under a Creative Commons license. Read the original "
     "article.", "The Vantor Ledger"),
    ("This story first ran on dornwick-news.org and is reprinted with permission.", "dornwick-news.org"),
    ("View source version on vantorwire.com: https://www.vantorwire.com/news/home/1234/en/", "vantorwire.com"),
    # a note's label before the credit, and its possessive, are no narrative
    ("Editor's note: This article was originally published by Daily Quillmere.", "Daily Quillmere"),
    # an article, or a beat's word, before or in a two-word name: no person's name
    ("Reposted from The Quillmere Fenwick", "The Quillmere Fenwick"),
    ("— With files from Dornwick Sports", "Dornwick Sports"),
    # a journalist's role says whose staff wrote the text
    ("Jane Moss is a correspondent for The Vantor Ledger.", "The Vantor Ledger"),
])
def test_new_classes_of_shape_evidence(line: str, outlet: str) -> None:
    reading = read_credit_shape(line)
    assert reading is not None and reading.surface == outlet, reading
    assert line[reading.slot_start:reading.slot_end] == outlet


@pytest.mark.parametrize("line", [
    "Continue reading on Dornwick",  # a link's words with no noun for a text: where to click, not whence
    "More stories from Quillmere",  # a link to an outlet's other stories
    "This story was shared by Jane Moss and was widely read.",  # a clause that says more than crediting
    "Distributed by Quillnet on behalf of Jane Moss.",  # the slot may be a person
    "Editor's note: Jane Moss contributed.",  # a label, then no slot
    "Reporter: Jane Moss",  # a noun of agency labelling a person
])
def test_look_alikes_of_the_new_classes_are_not_credits(line: str) -> None:
    assert read_credit_shape(line) is None


@pytest.mark.parametrize("line, outlet, closes", [
    # a credit's own words before a name are no part of it: not a masthead named "From …"
    ("From Quillmere Daily Gazette:", "Quillmere Daily Gazette", False),
    ("VIA THE QUILLMERE GUARDIAN", "The Quillmere Guardian", True),
    ("CONTENT COURTESY OF DORNWICK NEWSWIRE", "Dornwick Newswire", True),
    # in capitals a name's words cannot be told from a credit's by case: the longest slot that ends the line
    ("DISTRIBUTED BY QUILLNET ON BEHALF OF THE TIMES OF DORNWICK.", "The Times of Dornwick", True),
])
def test_unread_phrasings_are_credits_with_the_outlet_alone(line: str, outlet: str, closes: bool) -> None:
    found = _unread(line)
    assert found is not None and found.family == "shape_read", found
    assert [o.name for o in found.outlets] == [outlet] and found.closes is closes


def test_a_name_with_a_digit_or_initials_is_no_person() -> None:
    reading = read_credit_shape("Source: KQX10 Dornwick")
    assert reading is not None and reading.surface == "KQX10 Dornwick"
    assert read_credit_shape("Source: Jane Moss") is None  # two plain capitalised words may be a person


def test_a_fuller_shape_counts_more_and_outweighs_style_hints() -> None:
    # nothing but credit words before an outlet-shaped name, and a year after it: every class agrees
    full = _unread("Originally published by The Quillmere Gazette, 2022.")
    # a participle alone before a bare name: the fewest classes that still make a credit
    thin = read_credit_shape("Story from Quillmere")
    assert full is not None and thin is not None
    assert thin.weight == SHAPE_CREDIT_WEIGHT < full.weight <= SHAPE_CREDIT_MAX_WEIGHT
    credit_line = Evidence(900, 920, "credit", "The Quillmere Gazette", full.weight, full.why)
    style = [Evidence(k * 10, k * 10 + 5, "house_spelling", "Vantor Wire", 0.5, "a house spelling") for k in range(3)]
    assert decide_origin([*style, credit_line])[0] == "The Quillmere Gazette"


@pytest.mark.parametrize("line, outlet", [
    # the slot opens the line and only words of crediting follow it: the same evidence in the other order
    ("Vantor Wire contributed to this report.", "Vantor Wire"),
    ("dornwick-news.org: original source", "dornwick-news.org"),
    ("The Quillmere Gazette first published this story.", "The Quillmere Gazette"),
])
def test_a_slot_opening_the_line_is_read_too(line: str, outlet: str) -> None:
    reading = read_credit_shape(line)
    assert reading is not None and reading.surface == outlet and reading.slot_start == 0


@pytest.mark.parametrize("line", [
    "The Quillmere Times first reported the story.",  # a citation: citing an outlet is not being it
    "Vantor Wire reported",  # the same, cut short
    "Jane Moss contributed to this report.",  # a person
    "Quillmere Council approved the plan",  # words of no crediting follow the name
    "Vantor Rovers placed on injured reserve",  # a headline: participles, and "reserve" is no word of rights
    "By Web Desk",  # a unit of the site itself, not an outlet
])
def test_a_name_opening_a_citation_or_a_sentence_is_no_credit(line: str) -> None:
    assert read_credit_shape(line) is None
