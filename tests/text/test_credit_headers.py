"""Credit lines written as an item's header, and the credit families of translated and reposted letters,
on invented outlets."""

from __future__ import annotations

import pytest

from newsdesk.text.credit import find_credit, name_before_tail
from newsdesk.text.credit_shape import read_credit_shape
from newsdesk.text.sites import credit_outlet_names


@pytest.mark.parametrize("line, outlet", [
    ("From Tarnby Gazette | yesterday", "Tarnby Gazette"),              # a credit phrase beside a posting time
    ("Quillwick Daily · 3h ago", "Quillwick Daily"),                    # a name line beside one
    ("The Tarnby Herald · 45m ago", "The Tarnby Herald"),
    ("QuillNews — 2 hours ago", "QuillNews"),
    ("Harbour Journal · 1d", "Harbour Journal"),                        # heads only: a card names its source there
    ("Published by Tarnby News Agency on 2020-08-04", "Tarnby News Agency"),  # a post's header
    ("Published by QuillNews on 1 March 2022", "QuillNews"),
    ("Source: The Tarnby Times, September 9, 2019, page 12", "The Tarnby Times"),  # a print citation
    ("Publication: Tarnby Daily | Page 7 | July 1, 2020", "Tarnby Daily"),
])
def test_a_credit_written_as_a_header_names_the_item_below_it(line: str, outlet: str) -> None:
    credit = find_credit(line, 30)
    assert credit is not None, line
    assert [o.name for o in credit.outlets] == [outlet]
    assert not credit.closes


@pytest.mark.parametrize("line", [
    "Clipped from Tarnby Gazette, March 3, 2021.",   # a date alone says nothing of the side
    "Source: Tarnby Daily",
    "Published by Tarnby Daily",
    "From Tarnby Gazette",
])
def test_a_credit_without_a_header_s_marks_still_closes_the_story_above(line: str) -> None:
    credit = find_credit(line, 0)
    assert credit is not None and credit.closes, line


@pytest.mark.parametrize("line", [
    "World News · 3h ago",      # a section of the site, not a source
    "Jane Tarrow · 3h ago",     # a writer's name
    "Local · 2 hours ago",
])
def test_a_posting_time_beside_no_outlet_credits_no_one(line: str) -> None:
    assert find_credit(line, 10) is None


@pytest.mark.parametrize("line, outlet", [
    ("Translated from the Portuguese original in QuillNews.", "QuillNews"),
    ("Translated from the Spanish original in The Tarnby Times.", "The Tarnby Times"),
    ("This story was translated from an article first published by Tarnby Daily.", "Tarnby Daily"),
])
def test_a_translation_names_the_outlet_of_its_original(line: str, outlet: str) -> None:
    credit = find_credit(line, 0)
    assert credit is not None and credit.family == "translated" and credit.closes
    assert [o.name for o in credit.outlets] == [outlet]


def test_a_translation_note_ending_a_paragraph_is_read_as_its_tail() -> None:
    from newsdesk.text.credit import find_tail_credit

    block = "The council met on Monday and voted to close the pier. Translated from the German original in QuillNews."
    credit = find_tail_credit(block, 0)
    assert credit is not None and [o.name for o in credit.outlets] == ["QuillNews"]
    assert block[credit.start:].startswith("Translated")


@pytest.mark.parametrize("line, outlet", [
    ("If you liked this, subscribe to Quillwick Letters at quillwick.io.", "Quillwick Letters"),
    ("Enjoyed this issue? Subscribe to QuillNews.", "QuillNews"),
])
def test_a_reposted_letter_s_sign_off_names_the_letter(line: str, outlet: str) -> None:
    credit = find_credit(line, 0)
    assert credit is not None and credit.family == "subscribe_sign_off" and credit.closes
    assert [o.name for o in credit.outlets] == [outlet]


@pytest.mark.parametrize("line", [
    "If you liked this, subscribe to our newsletter.",   # the site's own call, naming no outlet
    "Subscribe to continue reading",
    "Liked this? Share it with a friend.",
])
def test_a_call_to_subscribe_naming_no_outlet_is_no_credit(line: str) -> None:
    credit = find_credit(line, 0)
    assert credit is None or credit.family != "subscribe_sign_off"


@pytest.mark.parametrize("line", [
    "Media monitoring report prepared for Quillwick Hub",
    "Daily digest compiled for Tarnby Gazette subscribers",
    "Clippings assembled for Harbour Press",
])
def test_the_client_a_text_was_made_for_is_not_its_source(line: str) -> None:
    assert read_credit_shape(line) is None
    assert find_credit(line, 10) is None


def test_a_text_written_for_an_outlet_still_names_it_by_shape() -> None:
    reading = read_credit_shape("Carried by arrangement for Harbour Gazette")
    assert reading is not None and reading.surface == "Harbour Gazette"
    reporter = read_credit_shape("Jane Tarrow is a correspondent for Harbour Gazette")
    assert reporter is not None and reporter.surface == "Harbour Gazette"


def test_a_name_read_greedily_loses_the_date_after_it() -> None:
    assert name_before_tail("Tarnby Daily on 2022-03-03") == "Tarnby Daily"
    assert name_before_tail("Tarnby Gazette 2022") == "Tarnby Gazette"
    assert name_before_tail("Tarnby Gazette All Rights Reserved") == "Tarnby Gazette"
    assert name_before_tail("Voice of Tarnby") == "Voice of Tarnby"
    # so that a domain on the page can be read as the name a header gives ("tarnbydaily.net" is Tarnby Daily)
    assert credit_outlet_names(["Published by Tarnby Daily on 2022-03-03"]) == ["Tarnby Daily"]
    credit = find_credit("This story was syndicated from tarnbydaily.net.", 0,
                         credit_outlet_names(["Published by Tarnby Daily on 2022-03-03"]))
    assert credit is not None and [o.name for o in credit.outlets] == ["Tarnby Daily"]


@pytest.mark.parametrize("line, outlet", [
    ("By News Desk, Quillwick Daily", "Quillwick Daily"),
    ("News Desk | The Tarnby Herald", "The Tarnby Herald"),
    ("By Metro Desk, Harbour Times", "Harbour Times"),
    ("Web Team | Quillwick", "Quillwick"),
])
def test_a_byline_signed_by_a_desk_names_the_outlet_after_it(line: str, outlet: str) -> None:
    credit = find_credit(line, 0)
    assert credit is not None and credit.family == "byline" and not credit.closes
    assert [o.name for o in credit.outlets] == [outlet]


@pytest.mark.parametrize("line", [
    "By News Desk, New Delhi",       # a place, not an outlet
    "News | Harbour Times",          # the site's navigation
    "Posted by Web Desk on May 3, 2022",
    "News Desk | Local News",        # a section of the site
])
def test_a_desk_beside_no_outlet_names_none(line: str) -> None:
    credit = find_credit(line, 0)
    assert credit is None or not credit.outlets
