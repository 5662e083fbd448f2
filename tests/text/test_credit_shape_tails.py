"""Credit lines read by their shape whose slot is followed by when and where the text ran, that stand
beside a caption, or that hold a copyright sign beside a credit's words. Every line and outlet is invented."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.text import credit
from newsdesk.text.credit import find_credit
from newsdesk.text.credit_shape import read_credit_shape


@pytest.mark.parametrize("line, outlet", [
    # a date, the time since posting or the print page after the slot
    ("Issued by Brackenfold Courier on 2019-04-11", "Brackenfold Courier"),
    ("Taken from The Ashwick Ledger, October 2, 2018, page 7", "The Ashwick Ledger"),
    ("Via Marrowdale Bulletin | 5h ago", "Marrowdale Bulletin"),
    ("Printed in: Fennick Weekly | Page 12 | 3 June 2020", "Fennick Weekly"),
    # the outlet's own domain in brackets after its name
    ("Original piece: Quorna Daily (quornadaily.org)", "Quorna Daily"),
    # a caption, then the text's credit; a credit, then a translator's note
    ("Crowds outside the court | Story first carried by The Yelland Sentinel", "The Yelland Sentinel"),
    ("First published in Dutch on yellandpost.nl. Translation by Mira Holt.", "yellandpost.nl"),
    # a label after other words; a brand of one word of capitalised parts; a credit word in the plural
    ("Posted 2d ago by u/heron_fan, source: brackenfoldnews.net", "brackenfoldnews.net"),
    ("Text from our partners at QuillbyNews", "QuillbyNews"),
    # a copyright sign beside a credit's words
    ("Reproduced under licence from Ashwick Daily. Copyright 2019.", "Ashwick Daily"),
    ("Copyright 2018 FennickNews. Used with permission.", "FennickNews"),
])
def test_a_slot_with_when_it_ran_after_it_is_read(line: str, outlet: str) -> None:
    reading = read_credit_shape(line)
    assert reading is not None and reading.surface == outlet
    assert line[reading.slot_start:reading.slot_end] == outlet


@pytest.mark.parametrize("line", [
    "© 2021 Brackenfold News. All rights reserved.",  # a site's own rights notice: a name, no credit's words
    "Copyright 2021 Ashwick Media. Republication without permission prohibited.",  # a prohibition
    "The firm was set up in 1990. It was bought by Ashwick Media.",  # no word of publishing in either part
    "Crowds outside the court | Photo by Brackenfold Images",  # a picture's credit in each part
    "Crowds outside the court. Credit: Ashwick Wire",  # a description, then its picture's credit
    # a picture's description and a credit covering the picture: the cleaner's caption, not read here
    "Crowds outside the court. Story and photo courtesy of Dunmarrow Press Agency.",
    "Posted on March 3, 2022",  # a date alone
    "Posted by Alma Ruskin on April 2, 2021",  # a post's byline: a person and the day
])
def test_lines_like_them_that_credit_no_text_are_not_read(line: str) -> None:
    # the page naming the slot elsewhere too (a byline's name repeated) does not make it a credit
    assert read_credit_shape(line) is None
    assert read_credit_shape(line, ["Alma Ruskin", "Ashwick Media", "Brackenfold News"]) is None


@pytest.fixture
def grammar_hidden() -> Iterator[None]:
    credit.HIDDEN_FAMILIES.update({*credit.FAMILY_WEIGHTS, "credit_shaped"})
    try:
        yield
    finally:
        credit.HIDDEN_FAMILIES.clear()


@pytest.mark.usefixtures("grammar_hidden")
def test_a_shape_read_header_with_a_print_page_or_a_posting_date_opens_the_item_below() -> None:
    page = find_credit("Taken from The Ashwick Ledger, October 2, 2018, page 7", 40)
    posted = find_credit("Published by Brackenfold Courier on 2019-04-11", 40)
    footer = find_credit("Clipped from Brackenfold Courier, April 11, 2019.", 40)
    assert page is not None and page.family == "shape_read" and not page.closes
    assert posted is not None and posted.family == "shape_read" and not posted.closes
    assert footer is not None and footer.family == "shape_read" and footer.closes
    assert [o.name for o in page.outlets] == ["The Ashwick Ledger"]
