"""Credit lines of clippings, translations, partner copy and agencies' foot codes, on invented outlets."""

from __future__ import annotations

import pytest

from newsdesk.text.credit import find_credit, find_tail_credit


@pytest.mark.parametrize("line, family, outlet", [
    ("Clipped from Tarnby Gazette, March 3, 2021.", "republished", "Tarnby Gazette"),
    ("Clipped from Quillwick, 2021-03-03.", "republished", "Quillwick"),
    ("Article text copied from The Tarnby Gazette for those behind the paywall.", "republished", "Tarnby Gazette"),
    ("Cross-posted from The Tarnby Herald (tarnbyherald.com). Republished here with the author's permission.",
     "republished", "Tarnby Herald"),
    ("Reproduced under licence from QuillNews. Copyright 2019.", "republished", "QuillNews"),
    ("Source: The Tarnby Times, September 9, 2019, page 12", "source_label", "Tarnby Times"),
    ("Publication: Tarnby Daily | Page 7 | July 1, 2020", "source_label", "Tarnby Daily"),
    ("Original story: Tarnby Daily (tarnbydaily.net)", "source_label", "Tarnby Daily"),
    ("Source link: tarnby-agency.org", "source_label", "Tarnby Agency"),  # a domain as the outlet it spells
    ("Originally published in Portuguese on tarnby.com. Translation by Jane Tarrow.", "published_on", "tarnby.com"),
    ("This article was originally published in Spanish by The Tarnby Herald and has been translated.",
     "published_on", "Tarnby Herald"),
    ("Original text (German) © 2020 QuillNews.", "copyright", "QuillNews"),
    ("Content from our partners at The Tarnby Times", "courtesy", "Tarnby Times"),
    ("Published by Tarnby News Agency on 2020-08-04", "published_by", "Tarnby News Agency"),
    ("Published by QuillNews on 1 March 2022", "published_by", "QuillNews"),
    ("Full article from Tarnby Daily below:", "via", "Tarnby Daily"),
])
def test_credit_lines_of_copied_and_translated_text(line: str, family: str, outlet: str) -> None:
    credit = find_credit(line, 40)
    assert credit is not None, line
    assert credit.family == family
    assert [o.name.removeprefix("The ") for o in credit.outlets] == [outlet]
    assert all(40 <= o.start < o.end <= 40 + len(line) for o in credit.outlets)


def test_a_credit_ending_in_a_colon_names_the_text_below_it() -> None:
    credit = find_credit("Full article from Tarnby Daily below:", 0)
    assert credit is not None and not credit.closes


@pytest.mark.parametrize("line", [
    "Published by Jane Tarrow on 2020-08-04",           # a writer, not an outlet
    "Posted by Web Desk on May 3, 2022",                 # the site's own desk
    "Posted by Metro Team",
    "Clipped from the meeting, the video went viral.",   # no outlet's slot
    "Content from our partners at the council was discussed.",
    "Trending on Tarnby Hub",                            # a label over the site's own list
    "Reply Share Report Save Follow",                    # the site's buttons
])
def test_lines_that_credit_no_outlet(line: str) -> None:
    credit = find_credit(line, 10)
    assert credit is None or not credit.outlets or credit.family not in ("republished", "published_by", "name_line",
                                                                         "courtesy")


def test_a_posts_header_names_the_link_it_carries() -> None:
    credit = find_credit("Submitted 3h ago by u/quietreader, source: tarnbydaily.net", 0)
    assert credit is not None and [o.name for o in credit.outlets] == ["tarnbydaily.net"]


def test_a_newsroom_signature_with_its_day() -> None:
    credit = find_credit("The Tarnby Times newsroom, 2009-03-04", 0)
    assert credit is not None and credit.family == "staff_byline" and not credit.closes
    assert credit.outlets[0].name.removeprefix("The ") == "Tarnby Times"


def test_a_courtesy_after_a_caption_sentence_ends_the_paragraph() -> None:
    block = "The scene earlier this week. Story and photo courtesy of Tarnby News Agency."
    credit = find_tail_credit(block, 100)
    assert credit is not None and credit.family == "courtesy"
    assert credit.outlets[0].name == "Tarnby News Agency" and credit.start > 100


@pytest.mark.parametrize("line, agency", [("(TNA) Jane Tarrow/27", "TNA"), ("(QXA) Lee Park/1129", "QXA")])
def test_an_agencys_bracketed_initials_before_its_writer_and_item_number(line: str, agency: str) -> None:
    credit = find_credit(line, 5)
    assert credit is not None and credit.family == "sign_off" and credit.closes
    assert [o.name for o in credit.outlets] == [agency]


@pytest.mark.parametrize("line", ["(TNA) Jane Tarrow said", "(TNA) said on Monday", "TNA Jane Tarrow 27"])
def test_bracketed_initials_that_are_no_foot_code(line: str) -> None:
    credit = find_credit(line, 0)
    assert credit is None or credit.family != "sign_off"
