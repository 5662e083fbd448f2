"""Credit lines and bylines: the grammar, the cleaner's `credit` noise, and what the splitter makes of
them. Every page and outlet here is invented; the outlets are mostly ones no list would hold."""

from __future__ import annotations

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.model import Page
from newsdesk.text.credit import find_credit, find_tail_credit, outlet_shaped
from newsdesk.text.outlets import outlet_name

# (line, family, outlets it names, closes the story above)
FAMILIES = [
    ("The post Ferry service resumes after storm appeared first on Harbourside Daily.", "appeared_first",
     ["Harbourside Daily"], True),
    ("Flood barriers tested on the Ouse appeared first on ridings-echo.co.uk", "appeared_first",
     ["Ridings Echo"], True),
    ("This article was originally published on The Fenland Courier.", "published_on", ["The Fenland Courier"], True),
    ("This story first ran in the Lakeshore Ledger", "published_on", ["The Lakeshore Ledger"], True),
    ("Originally published at www.valley-gazette.com", "published_on", ["Valley Gazette"], True),
    ("This piece was first published by Coastal Trade Weekly on 3 May 2022.", "published_on",
     ["Coastal Trade Weekly"], True),
    ("© 2022 The Marlow Observer. All rights reserved.", "copyright", ["The Marlow Observer"], True),
    ("Copyright 2021-2022 Reuters. All Rights Reserved.", "copyright", ["Reuters"], True),
    ("(c) Associated Press 2022", "copyright", ["AP"], True),
    ("Republished with permission of Grainger Farm Journal", "republished", ["Grainger Farm Journal"], True),
    ("Reprinted by kind permission of the Orkney Herald.", "republished", ["The Orkney Herald"], True),
    ("This article is republished from The Conversation under a Creative Commons license. "
     "Read the original article.", "republished", ["The Conversation"], True),
    ("Read the original article on Port City Wire", "read_original", ["Port City Wire"], True),
    ("Read the full story at metroline-news.com", "read_original", ["Metroline News"], True),
    ("Content courtesy of the Alpine Bulletin", "courtesy", ["The Alpine Bulletin"], True),
    ("Courtesy: Kestrel Radio", "courtesy", ["Kestrel Radio"], True),
    ("Source: Agence France-Presse", "source_label", ["AFP"], True),
    ("Original source – Delta Farmers Review", "source_label", ["Delta Farmers Review"], True),
    ("via The Guardian", "via", ["The Guardian"], True),
    ("— Reuters", "dash_credit", ["Reuters"], True),
    ("(AP)", "dash_credit", ["AP"], True),
    ("With files from The Canadian Press and Reuters", "contributed", ["The Canadian Press", "Reuters"], True),
    ("Distributed by Tribune Content Agency, LLC.", "distributed", ["Tribune Content Agency"], True),
    ("By Mara Lindqvist, The Tidewater Times", "byline", ["The Tidewater Times"], False),
    # A role's qualifier in a longer name is no role: "Sports" in "Kettle Valley Sports".
    ("By Ilse Marten / Kettle Valley Sports", "byline", ["Kettle Valley Sports"], False),
    ("- With files from Saltmarsh Hollywood", "contributed", ["Saltmarsh Hollywood"], True),
    ("Information from the Wexley Courier was used in this report.", "contributed", ["The Wexley Courier"], True),
    ("Cross-posted from Pemberton Weekly", "republished", ["Pemberton Weekly"], True),
    ("Excerpted from Pemberton Weekly", "republished", ["Pemberton Weekly"], True),
    ("Courtesy Kestrel Radio", "courtesy_label", ["Kestrel Radio"], True),
    ("Full story: Port City Wire", "read_more_at", ["Port City Wire"], True),
    ("More at Port City Wire", "read_more_at", ["Port City Wire"], True),
    ("Story by Wexley Courier staff", "staff_byline", ["Wexley Courier"], False),
    ("Owen Petrakis | northfield-press.org", "byline", ["Northfield Press"], False),
    ("By Reuters Staff", "staff_byline", ["Reuters"], False),
    ("Posted by admin | Source: Al Jazeera", "source_label", ["Al Jazeera"], True),
    ("Reporting by Ana Ruiz; Editing by Tom Hale", "sign_off", ["Reuters"], True),
    # The subject may be a version of the text, and the verb may say where it ran ("in print", "online").
    ("The original version of this story ran in the Lakeshore Ledger.", "published_on", ["The Lakeshore Ledger"],
     True),
    ("A version of this article appeared in print in The Fenland Courier.", "published_on",
     ["The Fenland Courier"], True),
    ("Story continues at valley-gazette.com", "read_more_at", ["Valley Gazette"], True),
    # The tail may say what the outlet is, where to read more, or give a second credit.
    ("This story was produced by Brackwater Inquiry, a nonprofit newsroom.", "published_on", ["Brackwater Inquiry"],
     True),
    ("Copyright 2023 Kestrel Radio. To see more, visit https://www.kestrel-radio.org.", "copyright",
     ["Kestrel Radio"], True),
    ("(c) 2021 The Marlow Observer. Visit marlow-observer.com. Distributed by Tribune Content Agency, LLC.",
     "copyright", ["The Marlow Observer"], True),
    # A wire byline: the writer in capitals, the outlet in ordinary case, a role after it.
    ("By MARA LINDQVIST Tidewater Gazette", "byline", ["Tidewater Gazette"], False),
    ("By OWEN A. PETRAKIS Associated Press Writer", "byline", ["AP"], False),
    ("By ILSE MARTEN Orchard Underground", "byline", ["Orchard Underground"], False),
]


@pytest.mark.parametrize(("line", "family", "outlets", "closes"), FAMILIES, ids=[f[1] + ":" + f[0][:30]
                                                                                 for f in FAMILIES])
def test_each_credit_family_is_read(line: str, family: str, outlets: list[str], closes: bool) -> None:
    credit = find_credit(line, 100)
    assert credit is not None, line
    assert credit.family == family
    assert [o.name for o in credit.outlets] == outlets
    assert credit.closes is closes
    assert credit.start == 100 and credit.end == 100 + len(line)
    for o in credit.outlets:  # every outlet span lies inside the line
        assert 100 <= o.start < o.end <= credit.end


@pytest.mark.parametrize("line", [
    "Published on May 3, 2022",                       # a date, not an outlet
    "The plan first appeared in Parliament last year.",  # a sentence mentioning a publication
    "Source: Jane Doe/Reuters",                       # a picture's credit: a caption
    "Via Getty Images",
    "By Jane Doe, Kyiv",                              # a byline with a place, not an outlet
    "By Jane Doe, New Orleans",
    "By Jane Doe, John Smith and Ann Lee",            # writers joined by "and"
    "By Jane Doe, Senior Business",                   # a role's qualifiers, no outlet
    "By Jane, John Smith",                            # a first name, then a second writer
    "By Ilse Marten, Orchard Underground",            # two plain words: a second writer as well as an outlet
    "More from Port City Wire",                       # the site's list of its other stories
    "Courtesy of the family",                         # a photo's credit
    "Information from witnesses was used in this report.",
    "Full story: Ukraine war latest",                 # a teaser
    "Read more: Ukraine war latest",                  # a teaser
    "From Kyiv to Kharkiv, the front line moved east",
    "Sign up for our newsletter",
    "Reuters reported that the talks had collapsed.",
    "By MARA LINDQVIST Kyiv",                         # a place after the writer, not an outlet
    "The original version of the bill ran to 40 pages.",  # a version of something else
    "This story was told to me by my grandmother, a retired nurse.",
])
def test_lines_that_only_look_like_credits_are_not(line: str) -> None:
    assert find_credit(line) is None


def test_a_credit_ending_a_paragraph_is_found_there() -> None:
    block = "The ferry will sail again on Monday, the operator said. This article first appeared on Island Voice."
    credit = find_tail_credit(block, 10)
    assert credit is not None and [o.name for o in credit.outlets] == ["Island Voice"]
    assert block[credit.start - 10:credit.end - 10] == "This article first appeared on Island Voice."
    assert find_tail_credit("The ferry will sail again on Monday, the operator said.", 0) is None


def test_outlet_names_are_normalised() -> None:
    assert outlet_name("the Guardian") == outlet_name("theguardian.com") == "The Guardian"
    assert outlet_name("Associated Press") == outlet_name("apnews.com") == outlet_name("AP") == "AP"
    assert outlet_name("https://www.example-news.com/world/1") == "Example News"
    assert outlet_name("harbourgazette.co.uk", ["Harbour Gazette"]) == "Harbour Gazette"
    assert outlet_name("nbc-news.com") == "NBC News"


# Two invented reports of one storm, paragraph by paragraph, reused by the pages below.
HEADLINE_1 = "Storm closes harbour as ferries stay in port"
FERRIES_1 = ("Ferries stayed in port on Tuesday after the storm brought gusts of 90 miles an hour to the coast, "
             "the harbour master said. Crews secured the breakwater overnight and no injuries were reported.")
FERRIES_2 = ("The harbour authority said the ferries would resume once the swell had dropped below three metres, "
             "which forecasters expect on Thursday morning.")
ISLAND_1 = ("Island ferries stayed tied up for a second day on Wednesday as the storm battered the coast, with "
            "the harbour master warning the swell was still too high for any crossing.")
ISLAND_2 = ("Residents on the island said shops were running short of milk and bread, and the council opened a "
            "hall for people stranded on the mainland by the storm.")


def lines(*paragraphs: str) -> str:
    """A plain-text page: one paragraph a line, a blank line between."""
    return "\n\n".join(paragraphs) + "\n"


SAME_TOPIC = lines(HEADLINE_1, FERRIES_1, FERRIES_2,
                   "The post Storm closes harbour as ferries stay in port appeared first on Harbourside Daily.",
                   "Storm keeps island ferries tied up for second day", ISLAND_1, ISLAND_2,
                   "© 2022 The Tidewater Times. All rights reserved.", "Leave a Reply")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_credit_lines_cut_two_reports_of_one_event_and_name_their_outlets(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(Page("farm.txt", SAME_TOPIC))
    text = analysis.page.text
    stories = analysis.stories
    assert len(stories) == 2
    assert [s.origin for s in stories] == ["Harbourside Daily", "The Tidewater Times"]
    assert "credit" in stories[1].boundary
    assert stories[0].title == HEADLINE_1
    assert stories[1].title == "Storm keeps island ferries tied up for second day"
    credits = [text[s.start:s.end] for s in analysis.cleaning.removed if s.kind == "credit"]
    assert credits == ["The post Storm closes harbour as ferries stay in port appeared first on Harbourside Daily.",
                       "© 2022 The Tidewater Times. All rights reserved."]
    for story in stories:  # every cue is a span of the text that names the outlet
        assert story.evidence and all(text[e.start:e.end] in (story.origin or "") or
                                      outlet_name(text[e.start:e.end]) == story.origin for e in story.evidence)
        assert all(e.why for e in story.evidence)


CITED = "\n".join([
    'Mayor orders inquiry into bridge closure',
    '',
    'The mayor ordered an inquiry on Monday into the closure of the old bridge, after engineers '
    'found cracks in two of its piers, she told NBC News in an interview.',
    '',
    "According to Reuters, repairs could take a year. The engineers' report, first reported by "
    'Bloomberg, put the cost at $40 million.',
    '',
    'The council said it would publish the report in full next week and hold a public meeting '
    'on the options for the crossing.',
    '',
])


def test_citations_alone_name_no_origin_and_are_listed(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(Page("cited.txt", CITED))
    assert len(analysis.stories) == 1
    story = analysis.stories[0]
    assert story.origin is None
    kinds = {(e.kind, e.agency) for e in story.evidence}
    assert ("citation", "Reuters") in kinds and ("citation", "Bloomberg") in kinds
    assert {name for name, _ in story.candidates} >= {"Reuters", "Bloomberg", "NBC News"}


def test_a_site_credit_is_furniture_not_a_source(pipeline: Pipeline) -> None:
    page = SAME_TOPIC.replace("© 2022 The Tidewater Times", "© 2022 Coastwatch Online") + \
        "About Coastwatch Online\nWorld | Coastwatch Online\n"
    analysis = pipeline.analyze(Page("site.txt", page))
    text = analysis.page.text
    kinds = {text[s.start:s.end]: s.kind for s in analysis.cleaning.removed}
    assert kinds["© 2022 Coastwatch Online. All rights reserved."] == "boilerplate"
    assert analysis.stories[0].origin == "Harbourside Daily"
    assert all(s.origin != "Coastwatch Online" for s in analysis.stories)


BLOG_HTML = """<!DOCTYPE html><html><head><title>Ferries stay in port | Coastwatch Online</title></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>Storm closes harbour as ferries stay in port</h1>
<div class="entry-meta"><span class="byline">By Mara Lindqvist, The Tidewater Times</span></div>
<div class="entry-content">
<p>Ferries stayed in port on Tuesday after the storm brought gusts of 90 miles an hour to the coast, the
harbour master said. Crews secured the breakwater overnight and no injuries were reported.</p>
<p>The harbour authority said the ferries would resume once the swell had dropped below three metres,
which forecasters expect on Thursday morning, and that passengers would be told by text message.</p>
<p>Residents on the island said shops were running short of milk and bread, and the council opened a
hall for people stranded on the mainland by the storm, with camp beds and hot meals.</p>
</div>
<footer class="entry-footer"><div class="source">Republished with permission of The Tidewater Times.</div></footer>
</article></main>
<footer class="site-footer"><p>© 2022 Coastwatch Online. All rights reserved.</p></footer>
</body></html>"""


def test_html_credit_lines_that_the_extractor_drops_are_kept(pipeline: Pipeline) -> None:
    from newsdesk.read.files import ReadConfig, page_from_html

    page = page_from_html("blog.html", BLOG_HTML, ReadConfig())
    assert "By Mara Lindqvist, The Tidewater Times" in page.text
    assert "Republished with permission of The Tidewater Times." in page.text
    assert "Coastwatch Online. All rights reserved" not in page.text  # the site's own footer stays out
    analysis = pipeline.analyze(page)
    assert [s.origin for s in analysis.stories] == ["The Tidewater Times"]
    kinds = {page.text[s.start:s.end]: s.kind for s in analysis.cleaning.removed}
    assert kinds["Republished with permission of The Tidewater Times."] == "credit"


EDGES = lines("Coastwatch Online", "Your window on the harbour", HEADLINE_1, FERRIES_1, FERRIES_2,
              "Island residents said the council had opened a hall for people stranded on the")


def test_short_lines_above_the_first_paragraph_are_furniture_but_not_the_headline(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(Page("edges.txt", EDGES))
    text = analysis.page.text
    removed = {text[s.start:s.end] for s in analysis.cleaning.removed}
    assert {"Coastwatch Online", "Your window on the harbour"} <= removed
    assert analysis.stories[0].title == HEADLINE_1
    cut = "Island residents said the council had opened a hall for people stranded on the"
    assert cut not in removed
    assert any(f.kind == "truncated_end" and text[f.start:f.end] == "the" for f in analysis.cleaning.flags)


SIGNED_AT_TOP = lines(HEADLINE_1, "Source: Harbourside Daily", FERRIES_1, FERRIES_2, "Advertisement",
                      "Reposted from The Tidewater Times", ISLAND_1, ISLAND_2)


def test_a_credit_that_runs_into_the_story_below_names_that_story(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(Page("top.txt", SIGNED_AT_TOP))
    assert [s.origin for s in analysis.stories] == ["Harbourside Daily", "The Tidewater Times"]


COUNCIL_1 = ("The county council approved a new budget for its libraries on Monday, adding two mobile branches "
             "for villages that lost their buildings in last year's cuts, the council leader said.")
COUNCIL_2 = ("Opposition members said the plan left the central library's opening hours unchanged and called "
             "for a review of the archive's funding before the spring.")
MOORS_1 = ("Walkers were warned to keep to marked paths on the moor after heavy rain washed away a footbridge "
           "near the reservoir, the national park authority said on Friday.")
MOORS_2 = ("Rangers said a temporary crossing would be built within a fortnight and that the bridleway to the "
           "village would stay closed until then.")
CLOSED_BELOW_ONE_OPENED_ABOVE = lines(
    HEADLINE_1, FERRIES_1, FERRIES_2, "Republished with permission of Harbourside Daily.",
    ISLAND_1, ISLAND_2, "Read the original article on Lakeshore Ledger.", "From The Fenland Courier:",
    COUNCIL_1, COUNCIL_2, "By Ana Ruiz / Moorland Post", "Footbridge lost as rain swells moorland streams",
    "Source: Moorland Post", MOORS_1, MOORS_2)


def test_where_a_site_puts_its_credits_is_the_reading_that_gives_each_story_one_source(pipeline: Pipeline) -> None:
    # The one credit whose place is plain ("Source: …" under a headline) opens its story; read the same
    # way, the two between the stories would give the last story two sources. Each closes the story
    # above it instead, and every story has one source.
    analysis = pipeline.analyze(Page("mixed.txt", CLOSED_BELOW_ONE_OPENED_ABOVE))
    assert [s.origin for s in analysis.stories] == ["Harbourside Daily", "Lakeshore Ledger", "The Fenland Courier",
                                                    "Moorland Post"]


def test_a_known_wire_signing_the_first_story_is_its_byline_not_the_sites_own(pipeline: Pipeline) -> None:
    # Above the page's first lines, where a site signs its own page.
    text = lines("By Reuters", HEADLINE_1, FERRIES_1, FERRIES_2, ISLAND_2)
    analysis = pipeline.analyze(Page("signed.txt", text))
    removed = {text[s.start:s.end]: s.kind for s in analysis.cleaning.removed}
    assert removed.get("By Reuters") == "credit"
    assert [e.agency for s in analysis.stories for e in s.evidence] == ["Reuters"]
    # The same line naming a site no list holds stays the site signing its own page.
    text = lines("By Harbourside Daily Staff", HEADLINE_1, FERRIES_1, FERRIES_2, ISLAND_2)
    analysis = pipeline.analyze(Page("own.txt", text))
    assert {text[s.start:s.end]: s.kind for s in analysis.cleaning.removed}.get(
        "By Harbourside Daily Staff") == "boilerplate"


@pytest.mark.parametrize("name, shaped", [
    ("Quayside Sports Network", True), ("Lakeshore Herald", True), ("Reuters", True), ("harbourpost.com", True),
    ("Free University", False), ("Labour Party", False), ("Getty Images", False), ("Mannheim", False),
    ("Germany", False), ("May 3", False),
])
def test_outlet_shaped_names(name: str, shaped: bool) -> None:
    assert outlet_shaped(name) is shaped


@pytest.mark.parametrize("line, family, outlets", [
    # a link in the outlet's slot: its domain is the outlet, its path no more text
    ("View original content: https://www.harbourwire.com/news-releases/pier-opens-123.html", "read_original",
     ["harbourwire.com"]),
    ("View original content to download multimedia: https://harbourwire.com/releases/x-1.html", "read_original",
     ["harbourwire.com"]),
    ("View source version on harbourwire.com: https://www.harbourwire.com/news/home/2015/en/", "read_original",
     ["harbourwire.com"]),
    ("Publisher: Quayside Post", "source_label", ["Quayside Post"]),
    ("Story from The Quayside Post", "via", ["The Quayside Post"]),
    # a label before the credit is not part of it
    ("Editor's note: This article was originally published by Quayside Post.", "published_on", ["Quayside Post"]),
    ("Editor’s note: This story first ran on quaysidepost.org and is reprinted with permission.", "published_on",
     ["quaysidepost.org"]),
    # the writer's note at a story's foot
    ("Jane Doe is a reporter for The Prairie Post.", "writer_note", ["The Prairie Post"]),
    ("Jane Doe is a senior correspondent at Quaysidia.", "writer_note", ["Quaysidia"]),
    # a trademarked brand before its legal holder's copyright
    ("The-Harbour-Wire™ & © 2022 Harbour Broadcasting Network, Inc., a Quayside Holdings Company. All rights "
     "reserved.", "copyright", ["The Harbour Wire"]),
])
def test_credit_forms_with_labels_links_notes_and_brands(line: str, family: str, outlets: list[str]) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.family == family
    assert [o.name for o in credit.outlets] == outlets


@pytest.mark.parametrize("line", [
    "Note: the story from Kyiv was updated on Monday to correct a name.",
    "Story from the front lines of the war",
    "Jane Doe is a reporter who covered the war for years.",
    "View original content of the speech: the minister said it was over.",
    "View original content: click here to read it all now",
    "Publisher: said he would go",
    "Harbour Wire ™ & © staff 2022 said the mayor was wrong about it",
])
def test_look_alikes_of_those_credit_forms_are_not_credits(line: str) -> None:
    assert find_credit(line) is None


@pytest.mark.parametrize("line, agency", [
    # An agency's desk codes in their full form name it by its initials, known or not.
    ("QNX/ABC DEF/1129 hrs", "QNX"),
    ("QNX ABC DEF", "QNX"),
    ("AFP ABC", "AFP"),          # a known agency: any form of the codes
])
def test_desk_codes_name_the_agency_by_their_form(line: str, agency: str) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.family == "sign_off"
    assert [o.name for o in credit.outlets] == [agency]


@pytest.mark.parametrize("line", ["LIVE TV", "QNX ABC", "UN ABC DEF", "QN ABC DEF"])
def test_lines_of_capitals_that_are_no_desk_codes(line: str) -> None:
    credit = find_credit(line)
    assert credit is None or credit.family != "sign_off"


def test_a_domain_spells_the_outlet_a_dateline_on_the_page_names() -> None:
    from newsdesk.text.sites import names_on_page

    names = names_on_page(None, ["DENVER, May 2, 2022 /QuillWire/ -- Quayside Corp. said on Monday",
                                 "SPRINGFIELD--(HARBOUR NEWSWIRE)--Quayside Corp. said"])
    assert {"QuillWire", "HARBOUR NEWSWIRE"} <= set(names)
    credit = find_credit("View original content: https://www.quillwire.com/news-releases/x-301.html", 0, names)
    assert credit is not None and [o.name for o in credit.outlets] == ["QuillWire"]
    credit = find_credit("View source version on harbournewswire.com: https://www.harbournewswire.com/x/", 0, names)
    assert credit is not None and [o.name for o in credit.outlets] == ["Harbour Newswire"]
    # A bracketed aside in a sentence is no dateline's slot.
    assert "Labour Party" not in names_on_page(None, ["She said the party (Labour Party) would win the vote."])


@pytest.mark.parametrize("line, outlet", [
    # A line that is an outlet's name and nothing else, as aggregators print a story's publisher over it.
    ("Harbour Health News", "Harbour Health News"),
    ("The Quayside Independent", "The Quayside Independent"),
    ("quaysidepost.com", "quaysidepost.com"),
])
def test_a_line_that_is_only_an_outlets_name_opens_its_story(line: str, outlet: str) -> None:
    credit = find_credit(line, 500)
    assert credit is not None and credit.family == "name_line" and not credit.closes
    assert [o.name for o in credit.outlets] == [outlet]
    # The same line first on the page is the site's masthead, not a story's publisher.
    assert find_credit(line, 0) is None


@pytest.mark.parametrize("line", ["World News", "Latest News", "Jane Doe", "Lisbon", "Sports",
                                  "Harbour Health News reported on Monday that the clinic closed."])
def test_lines_that_are_no_outlets_name(line: str) -> None:
    credit = find_credit(line, 500)
    assert credit is None or credit.family != "name_line"


def test_a_name_alone_and_in_the_copyright_line_is_the_site() -> None:
    from newsdesk.text.sites import site_names

    masthead = find_credit("Harbour Health News", 40)
    footer = find_credit("© 2022 Harbour Health News. All rights reserved.", 9000)
    publisher = find_credit("Quayside Daily Record", 400)
    assert masthead is not None and footer is not None and publisher is not None
    assert site_names(None, [], [masthead, publisher, footer]) == {"Harbour Health News"}


def test_a_copyright_sign_after_the_word_copyright_names_no_holder_called_copyright() -> None:
    from newsdesk.text import credit

    try:
        credit.HIDDEN_FAMILIES.add("copyright")  # the phrase unread: the holder-first form must not take "Copyright"
        found = find_credit("Copyright © 2022 Quillmere Media. All rights reserved.", 0)
        assert found is None or all(o.name != "Copyright" for o in found.outlets)
    finally:
        credit.HIDDEN_FAMILIES.clear()


def test_a_byline_of_the_sites_own_desk_names_no_outlet_and_opens_its_story() -> None:
    found = find_credit("By Web Desk", 0)
    assert found is not None and found.family == "generic_source" and found.outlets == () and not found.closes
    closing = find_credit("Source: agencies", 0)
    assert closing is not None and closing.family == "generic_source" and closing.closes
    from newsdesk.text.credit_shape import read_credit_shape

    assert read_credit_shape("Carried by Web Desk Team") is None  # a unit of the site is no outlet to its shape
