"""Credit lines read by their shape that say whom a copy was made for ("… for those behind the paywall")
or credit a text with its picture ("Story and photo courtesy of X"). Every line and outlet is invented."""

from __future__ import annotations

import pytest

from newsdesk.text.credit_shape import read_credit_shape


@pytest.mark.parametrize("line, outlet", [
    # the readers a copy was made for, after a verb of copying
    ("Article text copied from The Brisket Ledger for those behind the paywall.", "The Brisket Ledger"),
    ("Story reposted from Quorna Daily for readers without a subscription.", "Quorna Daily"),
    # a text credited with its picture, on a line of its own
    ("Story and photo courtesy of Marrowdale Bulletin.", "Marrowdale Bulletin"),
    ("Text and images by The Yelland Sentinel", "The Yelland Sentinel"),
])
def test_copies_and_joint_credits_are_read(line: str, outlet: str) -> None:
    reading = read_credit_shape(line)
    assert reading is not None
    assert reading.surface == outlet
    assert line[reading.slot_start:reading.slot_end] == outlet


@pytest.mark.parametrize("line", [
    # a picture's credit alone names no source of the text
    "Photo courtesy of The Yelland Sentinel.",
    "Crowds at the pier. Photo courtesy of The Yelland Sentinel.",
    # after a caption's words, a joint credit is the caption's (the cleaner reads it)
    "Crowds at the pier. Story and photos courtesy of The Yelland Sentinel.",
    # "for people …" after no verb of copying: a sentence about a fund, no credit
    "Support from the Harbour Fund for people in need.",
    # the audience clause is no credit without a verb of copying before the slot
    "Grants from Quorna Trust for those behind the paywall.",
])
def test_picture_credits_and_other_lines_are_not_read(line: str) -> None:
    assert read_credit_shape(line) is None
