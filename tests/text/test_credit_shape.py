"""Credit lines read by their shape (`newsdesk.text.credit_shape`) where the grammar knows no phrase,
and what the origin makes of them. Every line and outlet here is invented."""

from __future__ import annotations

import pytest

from newsdesk.analysis.origin import decide_origin, read_by_shape
from newsdesk.model import Evidence
from newsdesk.text import credit
from newsdesk.text.credit import find_credit
from newsdesk.text.credit_shape import SHAPE_CREDIT_WEIGHT, read_credit_shape


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
    assert shaped.weight == SHAPE_CREDIT_WEIGHT and [o.name for o in shaped.outlets] == ["Harbour Gazette"]
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
