"""read.html_gaps: a short line the extractor drops from between two paragraphs it keeps comes back, as a line of
its own, so that the seam between two stories stays visible; lines outside the body's flow stay out.

Invented pages only. The extractor is made to drop short paragraphs, as its fallback does beside furniture.
"""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
import trafilatura

from newsdesk.read.files import ReadConfig, page_from_html
from newsdesk.read.html_gaps import GapLine, gap_lines, gap_order

pytestmark = pytest.mark.usefixtures("no_network")

FERRY = ("The harbour board said on Tuesday that the night ferry to the outer islands would stop running in March, "
         "after two winters in which storms cancelled more than a third of its crossings.")
MINE = ("Miners at the Kellow pit voted to end their strike after the company agreed to restore the night-shift "
        "bonus it had cut in the spring, the union said late on Friday evening.")


def lines(between: str) -> list[str]:
    html = (f"<html><body><article><p>{FERRY}</p>{between}<p>{MINE}</p></article>"
            "<nav><p>Home</p></nav></body></html>")
    page = page_from_html("gap.html", html, ReadConfig())
    return [page.text[h.start:h.end] for h in page.hints]


@pytest.mark.usefixtures("short_lines_dropped")
def test_a_dropped_line_between_two_kept_paragraphs_comes_back_between_them() -> None:
    assert lines('<div class="promo">Sponsored</div><div>Get our morning newsletter</div>') == [
        FERRY, "Sponsored", "Get our morning newsletter", MINE]


@pytest.mark.usefixtures("short_lines_dropped")
@pytest.mark.parametrize("between", [
    "<aside>Read next: Ferry fares to rise</aside>",  # outside the main flow by its element
    '<div role="complementary">Most read today</div>',  # … or by its role
    '<div><a href="/a">Ferry fares to rise</a> <a href="/b">Pier closes</a></div>',  # a row of links
    "<div><p>Short one.</p><p>Short two.</p></div>",  # a container of blocks, not a line
])
def test_lines_outside_the_flow_or_made_of_links_stay_dropped(between: str) -> None:
    assert lines(between) == [FERRY, MINE]


def test_gap_lines_need_a_block_of_text_on_each_side() -> None:
    tree = lxml.html.fromstring(f"<div><p>{FERRY}</p><div>Sponsored</div><p>{MINE}</p><div>Last line</div></div>")
    assert gap_lines(tree) == [GapLine("Sponsored", FERRY, MINE)]


def test_gap_order_needs_both_neighbours_still_adjacent() -> None:
    texts = ["A.", "B.", "C."]
    between = GapLine("Advertisement", "A.", "B.")
    assert gap_order([0, 1, 2], texts, [between]) == [0, "Advertisement", 1, 2]
    split = GapLine("Advertisement", "A.", "C.")  # B. kept between them: not where the line stood
    assert gap_order([0, 1, 2], texts, [split]) == [0, 1, 2]
    twice = [GapLine("Sponsored", "A.", "B."), GapLine("Newsletter", "A.", "B.")]
    assert gap_order([0, "Via Harbour Post", 1, 2], texts, twice) == [0, "Via Harbour Post", "Sponsored",
                                                                      "Newsletter", 1, 2]
    kept = GapLine("B", "A.", "C.")  # part of a kept block already
    assert gap_order([0, 1, 2], texts, [kept]) == [0, 1, 2]


@pytest.fixture
def headings_flattened(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor handing back a fallback's text, in which headings are plain paragraphs."""
    real = trafilatura.bare_extraction

    def flattening(*args: Any, **kwargs: Any) -> Any:
        document = real(*args, **kwargs)
        body = getattr(document, "body", None)
        for head in [] if body is None else list(body.iter("head")):
            head.tag = "p"
            head.attrib.clear()
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", flattening)


@pytest.mark.usefixtures("headings_flattened")
def test_a_heading_the_extractor_flattens_is_hinted_as_the_markups_heading() -> None:
    html = (f"<html><head><title>Island Notes</title></head><body><article><h2>Night ferry to stop</h2>"
            f"<p>{FERRY}</p><h3>Pit strike ends</h3><p>{MINE}</p><p>Night ferry</p></article></body></html>")
    page = page_from_html("heads.html", html, ReadConfig())
    kinds = [(h.kind, h.detail, page.text[h.start:h.end]) for h in page.hints]
    assert kinds == [("heading", "h2", "Night ferry to stop"), ("paragraph", None, FERRY),
                     ("heading", "h3", "Pit strike ends"), ("paragraph", None, MINE),
                     ("paragraph", None, "Night ferry")]  # part of a heading's words is not a heading
