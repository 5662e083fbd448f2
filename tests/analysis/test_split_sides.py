"""Where a credit line points and which copyright lines are the site's, on pages that mix credits over and under
their stories (`newsdesk.analysis.split_credits`, `newsdesk.analysis.split`); invented outlets and text."""

from __future__ import annotations

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.segment import TopicSegmenter
from newsdesk.analysis.split import Splitter
from newsdesk.analysis.split_credits import (
    credit_form,
    credit_readings,
    credit_side,
    repeated_site_copyrights,
)
from newsdesk.model import Evidence, Page, Span
from newsdesk.text.credit import Credit, find_credit
from tests.analysis.split_units import FERRY, body_units, chars_before


def _credit(line: str, start: int) -> Credit:
    credit = find_credit(line, start)
    assert credit is not None, line
    return credit


def test_one_credit_form_whoever_the_outlet_and_whatever_the_time() -> None:
    lines = ["From The Harbour Times | yesterday", "From Quayside Journal | 2 hrs ago",
             "See the original story at qj.com"]
    text = "\n".join(lines)
    starts = [text.index(line) for line in lines]
    forms = [credit_form(text, _credit(line, at)) for line, at in zip(lines, starts, strict=True)]
    assert forms[0] == forms[1]
    assert forms[2] != forms[0]


def test_a_credit_between_stories_points_the_way_its_form_points_where_the_page_leaves_no_doubt() -> None:
    # "This piece first ran in X." over the first story (no text above it: it opens that story); the same form
    # between the first and second story opens the second, though a credit that closes its story reads upwards.
    units = body_units(4)
    lines = ["This piece first ran in Harbour Light.", "This piece first ran in Quayside Journal."]
    text = "\n".join(lines)
    top, between = _credit(lines[0], 0), _credit(lines[1], len(lines[0]) + 1)
    assert top.closes and between.closes
    forms = {top.start: credit_form(text, top), between.start: credit_form(text, between)}
    assert forms[top.start] == forms[between.start]
    clusters = {0: [top], 2: [between]}
    plain = credit_readings(units, clusters, {}, chars_before(units), 3, False)
    read = credit_readings(units, clusters, {}, chars_before(units), 3, False, forms)
    assert plain[1][4] == [True] and read[1][4] == [False]


def test_one_holders_line_under_every_story_tells_nothing_of_the_sites_habit() -> None:
    units = body_units(4)
    between, foot = _credit("© 2022 Harbour Light", 1990), _credit("© 2022 Harbour Light", 3990)
    forms = {between.start: "copyright:©0000<>", foot.start: "copyright:©0000<>"}
    read = credit_readings(units, {2: [between], 4: [foot]}, {}, chars_before(units), 3, True, forms)
    assert read[0][4] == [False]  # the page's convention (credits open stories), not the foot line's side


def test_a_caption_between_a_story_and_its_credit_is_looked_past() -> None:
    blocks = [Span(0, 100, "body"), Span(101, 140, "removed:caption"), Span(141, 180, "removed:credit"),
              Span(181, 200, "removed:boilerplate"), Span(201, 300, "body")]
    text = " " * 300
    assert credit_side(blocks, 2, text) == "above"


def test_a_holder_printed_under_stories_credited_over_their_text_to_others_is_the_site() -> None:
    units = body_units(4)
    site_mid, site_foot = _credit("© 2022 Daily Digest Now", 1990), _credit("© 2022 Daily Digest Now", 3990)
    credits = [(2, site_mid), (4, site_foot)]
    assert repeated_site_copyrights(units, credits) == set()
    # the second story is credited to another outlet by a line set over its text
    units[2].evidence.append(Evidence(1995, 2010, "credit", "Harbour Light", 5.0, "a credit line"))
    units[2].start = 2000
    found = repeated_site_copyrights(units, credits)
    assert found == {(o.start, o.end) for _, c in credits for o in c.outlets}


def test_another_holders_copyright_under_a_story_credited_over_its_text_is_the_sites_footer() -> None:
    text = "Syndicated from Harbour Light\n\n" + "\n\n".join(FERRY) + "\n\n© 2022 Daily Digest Now\n"
    page = Page("ferry.txt", text)
    stories = Splitter(TopicSegmenter())(page, Cleaner()(page))
    assert [s.origin for s in stories] == ["Harbour Light"]
