"""read.meta: schema.org microdata, Dublin Core source and the author meta tag read into PageMeta
(invented pages and outlets)."""

from __future__ import annotations

import pytest

from newsdesk.model import PageMeta
from newsdesk.read.files import ReadConfig, page_from_html

pytestmark = pytest.mark.usefixtures("no_network")

BODY = ("<p>" + "The harbour board of Port Elnoro voted on Tuesday to close the old ferry pier for repairs after "
        "engineers found cracks in two of its concrete supports. " * 3 + "</p>")


def meta_of(head: str, article_attrs: str, inside: str) -> PageMeta | None:
    html = (f"<html><head><title>Pier to close – Elnoro Courier</title>{head}</head><body>"
            f"<article {article_attrs}><h1>Pier to close</h1>{inside}{BODY}</article></body></html>")
    return page_from_html("page.html", html, ReadConfig()).meta


def test_article_microdata_is_read_like_json_ld() -> None:
    inside = ('<span itemprop="sourceOrganization" itemscope itemtype="https://schema.org/Organization">'
              '<meta itemprop="name" content="Valley Wire"></span>'
              '<a itemprop="isBasedOn" href="https://www.valleywire.com/a/1">the original</a>'
              '<span itemprop="author">Mira Calden</span>'
              '<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization">'
              '<span itemprop="name">Elnoro Courier</span></div>')
    meta = meta_of("", 'itemscope itemtype="https://schema.org/NewsArticle"', inside)
    assert meta == PageMeta(based_on=("https://www.valleywire.com/a/1",), source_organizations=("Valley Wire",),
                            publishers=("Elnoro Courier",), authors=("Mira Calden",))


def test_microdata_outside_an_article_item_is_not_the_pages() -> None:
    comment = ('<div itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
               '<span itemprop="author">Harbour Fan</span> Good news.</div>')
    assert meta_of("", 'itemscope itemtype="https://schema.org/NewsArticle"', comment) is None
    assert meta_of("", "", '<span itemprop="author">Mira Calden</span>') is None  # no item scope at all


def test_dublin_core_source_and_author_tag() -> None:
    head = ('<meta name="DC.Source" content="https://www.valleywire.com/a/1">'
            '<meta name="author" content="Mira Calden">')
    meta = meta_of(head, "", "")
    assert meta == PageMeta(original_source="https://www.valleywire.com/a/1", authors=("Mira Calden",))
    both = meta_of('<meta name="original-source" content="https://www.harbourpost.com/x">' + head, "", "")
    assert both is not None and both.original_source == "https://www.harbourpost.com/x"  # the dedicated tag wins
