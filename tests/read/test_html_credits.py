"""read.html_credits: credit lines the extractor drops are put back, as lines of their own, where the page shows them.

Invented pages only: a short sign-off above the site's copyright (which makes the extractor drop both),
two credits in a row, a credit already kept, and one in a part of the page the extractor leaves out.
"""

from __future__ import annotations

import lxml.html
import pytest

from newsdesk.read.files import ReadConfig, page_from_html
from newsdesk.read.html_credits import HoistedCredit, credit_order, names_own_site, neighbour_texts, site_names

pytestmark = pytest.mark.usefixtures("no_network")

FERRY = ("The harbour board said on Tuesday that the night ferry to the outer islands would stop running in March, "
         "after two winters in which storms cancelled more than a third of its crossings.")
FERRY_2 = ("Islanders who depend on the service for hospital visits said the board had not asked them before deciding, "
           "and a petition against the closure gathered four thousand names in a week.")
MINE = ("Miners at the Kellow pit voted to end their strike after the company agreed to restore the night-shift "
        "bonus it had cut in the spring, the union said late on Friday evening.")
MINE_2 = ("The pit, the last working one in the valley, employs about nine hundred people and supplies the power "
          "station at Ardmore, which had been running on imported coal since the strike began.")


def two_posts(credit_markup: str) -> str:
    return f"""<html><head><title>Island Notes</title></head><body><article>
<h2>Night ferry to stop</h2><p>{FERRY}</p><p>{FERRY_2}</p>{credit_markup}<aside>Copyright © 2024 Island Notes</aside>
<h2>Pit strike ends</h2><p>{MINE}</p><p>{MINE_2}</p>
</article></body></html>"""


def lines(html: str) -> list[str]:
    page = page_from_html("notes.html", html, ReadConfig())
    return [page.text[h.start:h.end] for h in page.hints]


@pytest.mark.usefixtures("short_lines_dropped")
def test_a_sign_off_the_extractor_drops_comes_back_as_its_own_line_after_its_story() -> None:
    got = lines(two_posts('<p class="credit"><small>KNA JRB OLM</small></p>'))
    assert got.index("KNA JRB OLM") == got.index(FERRY_2) + 1  # after its story, before the next one
    assert got.index("KNA JRB OLM") < got.index(MINE)
    assert not any("KNA JRB OLM" in line and line != "KNA JRB OLM" for line in got)  # never glued


@pytest.mark.usefixtures("short_lines_dropped")
def test_a_copyright_credit_the_extractor_drops_is_kept_after_its_story() -> None:
    credit = "Copyright 2024 Valley Wire Service. All rights reserved."
    got = lines(two_posts(f'<p class="credit"><small>{credit}</small></p>'))
    assert credit in got
    assert got.index(FERRY_2) < got.index(credit) < got.index(MINE)


def test_a_page_without_credits_reads_as_before() -> None:
    got = lines(f"<html><body><article><p>{FERRY}</p><p>Short line.</p><p>{FERRY_2}</p></article></body></html>")
    assert got == [FERRY, "Short line.", FERRY_2]


@pytest.mark.usefixtures("short_lines_dropped")
def test_short_lines_that_are_not_credits_stay_dropped() -> None:
    got = lines(two_posts('<p class="share"><small>Share this story</small></p>'))
    assert not any("Share this" in line for line in got)


def test_neighbours_are_the_blocks_around_an_element_across_containers() -> None:
    tree = lxml.html.fromstring(f"<div><section><p>{FERRY}</p></section><p id='c'>Via Harbour Post</p>"
                                f"<div><ul><li>{MINE}</li></ul></div></div>")
    [credit] = tree.xpath("//p[@id='c']")
    assert neighbour_texts(credit) == (FERRY, MINE)
    nested = lxml.html.fromstring(f"<div><p>{FERRY}</p><footer><span id='c'>Via Harbour Post</span></footer></div>")
    [inner] = nested.xpath("//span[@id='c']")
    assert neighbour_texts(inner) == (FERRY, None)


def test_credit_order_puts_missing_credits_back_in_order_and_leaves_kept_ones() -> None:
    blocks = ["First story ends here.", "Second story starts here."]
    sign_off = HoistedCredit("ABC XYZ", before="First story ends here.", after="Copyright Site")
    site = HoistedCredit("Copyright Site", before="ABC XYZ", after="Second story starts here.")
    assert credit_order(blocks, [sign_off, site]) == [0, "ABC XYZ", "Copyright Site", 1]
    kept = HoistedCredit("Second story", before=None, after=None)  # already part of a block: not repeated
    assert credit_order(blocks, [kept]) == [0, 1]
    by_next = HoistedCredit("By Ada Quill, Harbour Post", before="a dropped teaser", after="Second story starts here.")
    assert credit_order(blocks, [by_next]) == [0, "By Ada Quill, Harbour Post", 1]


def test_a_credit_whose_neighbours_were_both_dropped_stays_out() -> None:
    lost = HoistedCredit("Via Harbour Post", before="a sidebar teaser", after="another sidebar teaser")
    assert credit_order(["Only story."], [lost]) == [0]


@pytest.mark.usefixtures("short_lines_dropped")
def test_the_sites_own_copyright_the_extractor_drops_stays_out() -> None:
    page = two_posts('<p class="credit"><small>KNA JRB OLM</small></p>').replace(
        "<title>Island Notes</title>", "<title>Ferry news – Island Notes</title>")
    got = lines(page)
    assert "KNA JRB OLM" in got
    assert not any("Island Notes" in line for line in got)  # the site's copyright is not a story's credit


def test_site_names_and_own_site_credits() -> None:
    own = site_names("Night ferry to stop | The Island Notes", ["Island Notes Online"])
    assert names_own_site("Copyright © 2024 Island Notes. All rights reserved.", own)
    assert not names_own_site("Copyright © 2024 Valley Wire Service. All rights reserved.", own)
    assert not names_own_site("Copyright © 2024 Island Notes", frozenset())  # no site known: nothing is its own
    assert site_names(None, [None]) == frozenset()
