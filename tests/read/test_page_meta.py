"""A page's markup as evidence of its story's origin: canonical links, syndication tags, JSON-LD
(invented pages and outlets; no real text)."""

from __future__ import annotations

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.origin import decide_origin, page_evidence
from newsdesk.analysis.split import Splitter
from newsdesk.model import Evidence, PageMeta, Story
from newsdesk.read.files import ReadConfig, page_from_html
from newsdesk.text.sites import own_site_names, same_site

BODY = """
<p>The harbour board of Port Elnoro voted on Tuesday to close the old ferry pier for repairs after engineers
found cracks in two of its concrete supports during a routine inspection last month.</p>
<p>Ferries will use the cargo quay until the work is finished, which the board expects to take about six
weeks, and passengers were told to allow an extra twenty minutes for boarding.</p>
<p>The board said the repairs would cost a little under two million crowns and would be paid from its
maintenance reserve, not from ticket prices, which stay unchanged this year.</p>
"""


def html(head: str, body: str = BODY) -> str:
    return (f"<!DOCTYPE html><html><head><title>Old ferry pier to close – Elnoro Courier</title>{head}</head>"
            f"<body><article><h1>Old ferry pier to close</h1>{body}</article></body></html>")


def stories_of(markup: str, url: str | None = "https://www.elnorocourier.com/2022/05/pier") -> list[Story]:
    page = page_from_html("page.html", markup, ReadConfig(), url=url)
    return Splitter()(page, Cleaner()(page))


def test_markup_is_read_into_page_meta() -> None:
    markup = html('<meta property="og:site_name" content="Elnoro Courier">'
                  '<link rel="canonical" href="https://www.apnews.com/article/pier-123">'
                  '<meta property="og:url" content="https://www.elnorocourier.com/2022/05/pier">'
                  '<meta name="syndication-source" content="https://www.apnews.com/article/pier-123">'
                  '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type":'
                  ' "NewsArticle", "isBasedOn": "https://www.apnews.com/article/pier-123", "author": [{"@type":'
                  ' "Person", "name": "Mira Calden"}], "publisher": {"@type": "Organization", "name":'
                  ' "Elnoro Courier"}, "sourceOrganization": {"name": "Associated Press"}}]}</script>')
    meta = page_from_html("page.html", markup, ReadConfig()).meta
    assert meta == PageMeta(site_name="Elnoro Courier", canonical_url="https://www.apnews.com/article/pier-123",
                            og_url="https://www.elnorocourier.com/2022/05/pier",
                            syndication_source="https://www.apnews.com/article/pier-123",
                            based_on=("https://www.apnews.com/article/pier-123",),
                            source_organizations=("Associated Press",), publishers=("Elnoro Courier",),
                            authors=("Mira Calden",))


def test_a_page_without_such_markup_has_no_meta() -> None:
    assert page_from_html("page.html", html(""), ReadConfig()).meta is None


def test_canonical_on_another_outlets_domain_names_that_outlet() -> None:
    stories = stories_of(html('<link rel="canonical" href="https://apnews.com/article/pier-123">'))
    assert len(stories) == 1
    assert stories[0].origin == "AP"
    (cue,) = stories[0].evidence
    assert cue.kind == "page_meta" and "canonical link points to apnews.com" in cue.why


def test_canonical_to_an_unknown_outlet_names_it_by_its_domain() -> None:
    # No URL: og:url is on the site its og:site_name spells, so the canonical link points off it.
    stories = stories_of(html('<meta property="og:site_name" content="Elnoro Courier">'
                              '<meta property="og:url" content="https://elnorocourier.com/pier">'
                              '<link rel="canonical" href="https://www.vastmere-herald.com/pier">'), url=None)
    assert stories[0].origin == "Vastmere Herald"


def test_a_site_name_that_does_not_spell_the_domain_names_nothing() -> None:
    # "Elnoro Courier" on ecourier.net: canonical and og:url agree, so both are the page's own address.
    markup = html('<meta property="og:site_name" content="Elnoro Courier">'
                  '<meta property="og:url" content="https://www.ecourier.net/pier">'
                  '<link rel="canonical" href="https://ecourier.net/pier">')
    assert stories_of(markup, url=None)[0].origin is None
    # and with two addresses neither of which the name spells, which is the page's own is not known
    two = html('<meta property="og:site_name" content="Elnoro Courier">'
               '<meta property="og:url" content="https://www.ecourier.net/pier">'
               '<link rel="canonical" href="https://apnews.com/pier">')
    assert stories_of(two, url=None)[0].origin is None


def test_canonical_to_the_pages_own_site_names_nothing() -> None:
    own = html('<link rel="canonical" href="https://elnorocourier.com/2022/05/pier">')
    assert stories_of(own)[0].origin is None
    # known by its og:site_name alone, with no URL to compare
    named = html('<meta property="og:site_name" content="Elnoro Courier">'
                 '<link rel="canonical" href="https://elnorocourier.com/pier">')
    assert stories_of(named, url=None)[0].origin is None


def test_canonical_says_nothing_when_the_pages_own_site_is_unknown() -> None:
    # Most canonical links point at the page itself: with no URL and no site name, nothing to compare.
    assert stories_of(html('<link rel="canonical" href="https://apnews.com/article/pier-123">'), url=None)[0].origin \
        is None


def test_syndication_source_names_the_outlet() -> None:
    stories = stories_of(html('<meta name="syndication-source" content="https://www.reuters.com/world/pier">'))
    assert stories[0].origin == "Reuters"
    assert "syndication-source" in stories[0].evidence[0].why


def test_json_ld_is_based_on_names_the_outlet() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "isBasedOn": {"@type": "NewsArticle",'
          ' "url": "https://www.afp.com/en/news/pier"}, "publisher": {"name": "Elnoro Courier"}}</script>')
    stories = stories_of(html(ld))
    assert stories[0].origin == "AFP"
    assert "based on afp.com" in stories[0].evidence[0].why


def test_conflict_with_a_credit_line_is_null_with_both_listed() -> None:
    body = BODY + "<p>This story was originally published by Reuters.</p>"
    stories = stories_of(html('<link rel="canonical" href="https://apnews.com/article/pier-123">', body))
    assert stories[0].origin is None
    named = {(e.kind, e.agency) for e in stories[0].evidence}
    assert ("page_meta", "AP") in named and any(agency == "Reuters" for _, agency in named)


def test_markup_agreeing_with_the_credit_line_keeps_the_origin() -> None:
    body = BODY + "<p>This story was originally published by The Associated Press.</p>"
    stories = stories_of(html('<link rel="canonical" href="https://apnews.com/article/pier-123">', body))
    assert stories[0].origin == "AP"
    assert {e.kind for e in stories[0].evidence} >= {"page_meta"}


def test_malformed_json_ld_is_ignored() -> None:
    markup = html('<script type="application/ld+json">{"@type": "NewsArticle", "isBasedOn": </script>'
                  '<script type="application/ld+json">[[[[[[[[[[[[{"@type": "NewsArticle"}]]]]]]]]]]]]</script>'
                  '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": 7}}</script>')
    page = page_from_html("page.html", markup, ReadConfig())
    assert page.meta is None
    assert page.text.startswith("The harbour board")


def test_two_outlets_in_the_markup_name_none() -> None:
    meta = PageMeta(canonical_url="https://apnews.com/x", syndication_source="https://reuters.com/y")
    cues = page_evidence(meta, "https://elnorocourier.com/z")
    assert {e.agency for e in cues} == {"AP", "Reuters"}
    assert decide_origin(cues) == (None, cues)


def test_markup_outweighs_the_texts_own_cues_but_not_a_credit() -> None:
    cues = page_evidence(PageMeta(original_source="https://apnews.com/x"), None, at=5)
    said = Evidence(40, 60, "self_reference", "Reuters", 2.0, "the outlet speaks of itself")
    assert decide_origin([*cues, said])[0] == "AP"
    credit = Evidence(300, 320, "credit", "Reuters", 5.0, "a credit line")
    assert decide_origin([*cues, credit])[0] is None


def test_own_site_names_from_markup_and_address() -> None:
    meta = PageMeta(site_name="Elnoro Courier", canonical_url="https://elnorocourier.com/x", publishers=("ECN",))
    assert own_site_names(meta, "https://www.elnorocourier.com/x") == ["elnorocourier.com", "Elnoro Courier", "ECN"]
    assert own_site_names(meta) == ["elnorocourier.com", "Elnoro Courier", "ECN"]
    # a publisher on a page whose canonical points elsewhere may be the original's: not the site's name
    elsewhere = PageMeta(site_name="Elnoro Courier", canonical_url="https://apnews.com/x", publishers=("AP",))
    assert own_site_names(elsewhere, "https://elnorocourier.com/x") == ["elnorocourier.com", "Elnoro Courier"]
    assert same_site("apnews.com", "AP News") and not same_site("apnews.com", "Elnoro Courier")


def test_a_credit_naming_the_sites_own_markup_name_is_the_sites() -> None:
    from newsdesk.text.credit import find_credit
    from newsdesk.text.sites import site_names

    credit = find_credit("© 2022 Elnoro Courier")
    assert credit is not None
    assert site_names(None, [], [credit]) == set()
    assert site_names(None, [], [credit], own=own_site_names(PageMeta(site_name="Elnoro Courier"))) == {
        "Elnoro Courier"}
    assert site_names(None, [], [credit], own=["elnorocourier.com"]) == {"Elnoro Courier"}


def test_a_json_ld_author_that_is_a_news_organisation_names_it_and_a_person_does_not() -> None:
    wire = PageMeta(site_name="Elnoro Courier", authors=("Mira Calden", "The Associated Press"))
    assert [(e.agency, e.why) for e in page_evidence(wire)] == [
        ("AP", "the page's JSON-LD gives its author as The Associated Press")]
    assert page_evidence(PageMeta(site_name="Elnoro Courier", authors=("Mira Calden",))) == []
    # the site's own organisation as author is the site, not a source
    assert page_evidence(PageMeta(site_name="Reuters", authors=("Reuters",))) == []
