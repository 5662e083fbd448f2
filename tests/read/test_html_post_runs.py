"""read.html: a page that gives each of its stories a container of one kind (sibling <article>s, or siblings of
one tag and class) is read whole, not only its first story; a list of teasers beside the story stays out.

Invented pages only.
"""

from __future__ import annotations

import lxml.html
import pytest

from newsdesk.read.files import ReadConfig, page_from_html
from newsdesk.read.html import _post_run

pytestmark = pytest.mark.usefixtures("no_network")

FERRY = ("The harbour board said on Tuesday that the night ferry to the outer islands would stop running in March, "
         "after two winters in which storms cancelled more than a third of its crossings.")
FERRY_2 = ("Islanders who depend on the crossing for hospital visits said the decision had been taken without "
           "asking them, and a petition to keep one sailing a week had gathered four thousand names by Friday.")
MINE = ("Miners at the Kellow pit voted to end their strike after the company agreed to restore the night-shift "
        "bonus it had cut in the spring, the union said late on Friday evening.")
MINE_2 = ("The company said the first trains of coal would leave the pit on Monday, and that the bonus would be "
          "paid back to the start of the dispute, which had lasted eleven weeks and cost it a major contract.")
TEASER = ("Read how the town council plans to spend the money it raised from the sale of the old library building "
          "on the square, a sum larger than any it has had to spend in twenty years, and what residents think.")


def read(body: str) -> str:
    html = f"<html><head><title>Island Notes</title></head><body><main>{body}</main></body></html>"
    return page_from_html("runs.html", html, ReadConfig()).text


def test_every_sibling_article_is_read_not_only_the_first() -> None:
    text = read(f'<article><p>{FERRY}</p><p>{FERRY_2}</p></article><div class="strip"><p>Share this</p></div>'
                f'<article><p>{MINE}</p><p>{MINE_2}</p></article>')
    for paragraph in (FERRY, FERRY_2, MINE, MINE_2):
        assert paragraph in text
    assert text.index(FERRY_2) < text.index(MINE)  # in page order


def test_a_credit_line_of_the_second_story_stays_with_it() -> None:
    text = read(f'<article><p>{FERRY}</p><p>{FERRY_2}</p></article>'
                f'<article><p class="source"><em>From Kellow Gazette | 2 hrs ago</em></p>'
                f'<p>{MINE}</p><p>{MINE_2}</p></article>')
    assert FERRY_2 in text and MINE_2 in text
    assert text.index(FERRY_2) < text.index("From Kellow Gazette") < text.index(MINE)


def test_siblings_of_one_tag_and_class_are_a_run() -> None:
    text = read(f'<div class="entry-content"><p>{FERRY}</p><p>{FERRY_2}</p></div>'
                f'<div class="entry-content"><p>{MINE}</p><p>{MINE_2}</p></div>')
    assert MINE in text and FERRY in text


def test_teasers_of_another_class_beside_the_story_are_not_a_run() -> None:
    html = (f'<html><body><main><article class="single-story"><p>{FERRY}</p><p>{FERRY_2}</p><p>{MINE}</p></article>'
            f'<article class="teaser"><p>{TEASER}</p></article><article class="teaser"><p>{TEASER}</p></article>'
            "</main></body></html>")
    assert _post_run(lxml.html.fromstring(html)) == []


def test_unclassed_layout_divs_are_not_a_run() -> None:
    html = f"<html><body><div><p>{FERRY}</p><p>{FERRY_2}</p></div><div><p>{MINE}</p><p>{MINE_2}</p></div></body></html>"
    assert _post_run(lxml.html.fromstring(html)) == []


def test_a_story_of_one_paragraph_in_the_second_article_is_read() -> None:
    text = read(f"<article><p>{FERRY}</p><p>{FERRY_2}</p></article><article><p>{MINE}</p></article>")
    assert MINE in text and FERRY_2 in text


def test_a_run_needs_text_in_every_member() -> None:
    html = (f"<html><body><main><article><p>{FERRY}</p><p>{FERRY_2}</p></article>"
            "<article><p>Comments are closed.</p></article></main></body></html>")
    assert _post_run(lxml.html.fromstring(html)) == []
    run = _post_run(lxml.html.fromstring(html.replace("<p>Comments are closed.</p>", f"<p>{MINE}</p><p>{MINE_2}</p>")))
    assert [el.tag for el in run] == ["article", "article"]


def test_the_sites_own_copyright_line_in_a_post_does_not_enter_the_text() -> None:
    text = read(f'<article><p>{FERRY}</p><p>{FERRY_2}</p><aside>Copyright © 2013 Island Notes</aside></article>'
                f'<article><p>{MINE}</p><p>{MINE_2}</p></article>')
    assert MINE_2 in text
    assert "Island Notes" not in text
