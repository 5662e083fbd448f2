"""stitch4's catalogue: republishing conventions of site families the other builders do not imitate.

Written apart from bench/stitch.py, bench/stitch2.py, bench/stitch3_catalogue.py and the system's credit
grammar, from how such pages look on the web: news-app aggregator cards, AMP copies, newsletter
reposts, translated reposts, forum reposts of paywalled articles, press-clipping PDFs turned into
text, scrapers that leave broken markup behind, and local TV stations running partner copy.

Every family is a pair of disjoint halves, `(dev, test)`: pages of `split="dev"` are built only from
the first, pages of `split="test"` only from the second. Outlets are invented (names, domains and
agency codes of several shapes, from stems that differ between the halves), so no table of real
outlets knows them.

Template slots: {outlet} an outlet's name, {bare} its name without a leading "The", {domain} its
domain, {code} an agency's letter code, {year}, {date}, {ago}, {author}, {lang}, {site}, {station},
{n}, {m}, {cap} (a caption's own words), {other} (an outlet that is NOT the story's origin).
"""

from __future__ import annotations

from dataclasses import dataclass

Half = tuple[tuple[str, ...], tuple[str, ...]]
SPLITS = ("dev", "test")


def half(family: Half, split: str) -> tuple[str, ...]:
    """The split's variants of a family: dev builds with the first half, test holds out the second."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    return family[0] if split == "dev" else family[1]


@dataclass(frozen=True)
class Outlet4:
    """An outlet a story can come from: its name, the other ways a page writes it, and its domain."""

    name: str
    aliases: tuple[str, ...]
    domain: str
    shape: str  # which naming shape made it ("herald", "daily", "camel", "hyphen_domain", "agency", ...)
    code: str | None = None  # an agency's letter code


# ------------------------------------------------------------------ invented outlets
# Stems for invented names: the halves share none, so a test page's outlets never appear on a dev page.
STEMS: Half = (
    ("Ashcombe", "Brellford", "Corrowby", "Dunmere", "Elvaston", "Fallowick", "Garrisford", "Hesketh", "Inverlay",
     "Jorvale", "Kettlewood", "Lowestry", "Marrowgate", "Northolme", "Ottermere", "Pembrey"),
    ("Quarrendon", "Rushworth", "Saltmarsh", "Thornbury", "Ulverdale", "Vantry", "Wrexby", "Yarrowfield",
     "Zennor", "Abbotsleigh", "Bramwell", "Cleavedon", "Drumlow", "Easterly", "Fernhollow", "Gilderoy"),
)

# Naming shapes: (shape, name template, alias templates, domain template). {S} the stem, {s} it folded.
SHAPES: tuple[tuple[tuple[str, str, tuple[str, ...], str], ...], tuple[tuple[str, str, tuple[str, ...], str], ...]] = (
    (("herald", "The {S} Herald", ("{S} Herald",), "{s}herald.com"),
     ("daily", "{S} Daily", (), "{s}daily.net"),
     ("camel", "{S}News", (), "{s}news.io"),
     ("hyphen_domain", "The {S} Times", ("{S} Times",), "{s}-times.co.uk"),
     ("agency", "{S} News Agency", (), "{s}-agency.org")),
    (("gazette", "The {S} Gazette", ("{S} Gazette",), "{s}gazette.com"),
     ("wire", "{S} Wire", (), "{s}wire.co"),
     ("camel", "{S}Today", (), "{s}today.news"),
     ("hyphen_domain", "{S} Post-Courier", (), "{s}-postcourier.com.au"),
     ("agency", "{S} Press Service", (), "{s}press.int")),
)

# Republishing sites (the page's own name: never a story's origin).
SITES: Half = (
    ("NewsPulse Hub", "Daily Digest Now", "InfoStream 24", "Headline Harbor", "TrendWire Central", "Newsfold"),
    ("Briefly Daily", "FeedBay News", "The Morning Scroll", "Newsvine Express", "Gist Portal", "Skim Reader"),
)
STATIONS: Half = (("KXRV", "WBDL", "KQTN", "WRVM"), ("KZEL", "WJAX", "KDPR", "WNTB"))
AUTHORS: Half = (
    ("Mara Ellison", "Tobias Quint", "Priya Sandhu", "Callum Reeve", "Ines Varga", "Owen Latimer"),
    ("Noor Haddad", "Felix Brandt", "Leona Marsh", "Dario Costa", "Hana Okafor", "Jonas Lindqvist"),
)
LANGUAGES: Half = (("Spanish", "Portuguese", "German", "Italian"), ("French", "Dutch", "Polish", "Turkish"))
USERS: Half = (("u/grey_heron_77", "u/thatmapguy", "u/quietreader", "u/pinecone_fm"),
               ("u/saltflat_sam", "u/newsjunkie_99", "u/lantern_owl", "u/mildly_curious"))

KINDS = ("app", "amp", "newsletter", "translated", "forum", "clipping", "scraper", "station")

# ------------------------------------------------------------------ credit lines naming a story's origin
# Above a story (before or after its title).
CREDIT_TOP: dict[str, Half] = {
    "app": (("{outlet} · {ago}", "Story by {author} • {outlet}", "From {outlet} | {ago}"),
            ("{outlet} | Published {date}", "Via {outlet} · {ago}", "{author} for {outlet} · {ago}")),
    "amp": (("Published by {outlet} on {date}", "Syndicated from {outlet}"),
            ("{outlet} syndication feed, {date}", "Courtesy of {outlet} ({domain})")),
    "newsletter": (("Reposted with permission from {outlet}.", "This piece first ran in {outlet}."),
                   ("Reprinted by arrangement with {outlet}.", "Originally in {outlet}, {date}.")),
    "translated": (("This article was originally published in {lang} by {outlet} and has been translated.",
                    "Translated from the {lang} original in {outlet}."),
                   ("{outlet} first published this report in {lang}; our translation follows.",
                    "An English version of a {lang}-language article by {outlet}.")),
    "forum": (("Submitted {ago} by {user}, source: {domain}", "Full article from {outlet} below:"),
              ("Text of the {outlet} piece, pasted for mobile readers:", "src: {domain} (posted {ago} by {user})")),
    "clipping": (("Source: {outlet}, {date}, page {n}", "Publication: {outlet} | Page {n} | {date}"),
                 ("{outlet} · {date} · p. {n}", "Media outlet: {outlet}; section: News; page {n}")),
    "scraper": (("Via: {outlet}", "Originally posted at {domain}"),
                ("Scraped from {domain} on {date}", "Feed item from {outlet}")),
    "station": (("Content from our partners at {outlet}", "{outlet} newsroom, {date}"),
                ("This report was shared by our news partner {outlet}.", "Story via network partner {outlet}")),
}
# Below a story's last paragraph.
CREDIT_FOOT: dict[str, Half] = {
    "app": (("Continue reading the full story on {outlet}.", "See the original story at {domain}",
             "© {year} {outlet}"),
            ("View the original article at {outlet}.", "Read the complete story on {domain}",
             "This content was provided by {outlet} and is reproduced with permission.")),
    "amp": (("This story was syndicated from {domain}.", "Original story: {outlet} ({domain})"),
            ("Syndicated content from {outlet}. Views expressed are the author's own.", "Story source: {domain}")),
    "newsletter": (("Cross-posted from {outlet} ({domain}). Republished here with the author's permission.",
                    "If you liked this, subscribe to {outlet} at {domain}."),
                   ("Shared from {outlet}; read it there at {domain}.",
                    "First sent to subscribers of {outlet} on {date}.")),
    "translated": (("Originally published in {lang} on {domain}. Translation by {author}.",
                    "Original text ({lang}) © {year} {outlet}."),
                   ("Source text ({lang}): {outlet}, {date}.", "Translated and adapted from {outlet} by {author}.")),
    "forum": (("Article text copied from {outlet} for those behind the paywall.", "Link to the original: {domain}"),
              ("Mirror of the {outlet} article (paywall bypass).", "Original: {domain} (archived copy)")),
    "clipping": (("Reproduced under licence from {outlet}. Copyright {year}.", "Clipped from {outlet}, {date}."),
                 ("Item from {outlet}, licensed for internal monitoring.",
                  "Copyright {outlet} {year}; reuse restricted.")),
    "scraper": (("Source link: {domain}", "Original article at {domain}"),
                ("Credit: {outlet}", "Read at source: {domain}")),
    "station": (("Copyright {year} {outlet}. Used with permission.", "{outlet} contributed this report."),
                ("Distributed by {outlet} to partner stations.",
                 "© {year} {outlet}, shared under a content agreement.")),
}
# Agencies also sign with their letter code.
AGENCY_FOOT: Half = (("Copyright {code} {year}. Reproduction prohibited.", "({code}) {author}/{n}"),
                     ("© {code} {year}", "{code} – {date} – ref. {n}"))
# A caption that carries the story's credit (the credit sits inside the caption).
CAPTION_CREDIT: Half = (("{cap}. Story and photo courtesy of {outlet}.", "{cap} | Report originally by {outlet}"),
                        ("{cap} (Photo and text: {outlet})", "{cap}. First reported by {outlet}."))
# A caption naming another outlet as the photo's source: never evidence of the story's origin.
CAPTION_PHOTO: Half = (("{cap} (Photo: {author}/{other})", "{cap}. Image: {other}"),
                       ("{cap}. Picture: {other}", "{cap} [Photo by {author} for {other}]"))
GENERIC_CAPTIONS: Half = (("The scene earlier this week", "A file image from last year", "Officials at the site"),
                          ("Residents gathered nearby", "An archive picture of the area", "The view from the street"))

# ------------------------------------------------------------------ furniture of each site family
HEADER: dict[str, Half] = {
    "app": (("Get the {site} app for the latest news", "Open in app", "For you · Following · Local"),
            ("Download the {site} app", "Top stories · Saved · Settings", "Personalise your feed")),
    "amp": (("Skip to main content", "View non-AMP version", "Menu · Search"),
            ("Go to full site", "Accelerated mobile view", "Back to top ↑")),
    "newsletter": (("Forwarded this email? Subscribe here for more", "{site} weekly: issue #{n}"),
                   ("You're reading the free edition of {site}.", "Open this letter in your browser")),
    "translated": (("Read this in: English | Español | Deutsch", "Machine translation may contain errors."),
                   ("Available languages: EN · FR · NL", "Automatically translated — show original")),
    "forum": (("Posted in r/worldnews_mirror", "{n} points · {m} comments"),
              ("▲ {n} ▼ · r/news_archive", "permalink · embed · save · report")),
    "clipping": (("Media monitoring report prepared for {site}", "Page {n} of {m}"),
                 ("Press cuttings: {site}, week {n}", "— {n} of {m} —")),
    "scraper": (("[caption id=\"attachment_{n}\" align=\"alignnone\" width=\"800\"]", "{{{{ related_posts }}}}",
                 "Loading..."),
                ("<!-- ad slot {n} -->", "undefined undefined", "Error: could not load widget")),
    "station": (("Watch live: {station} News at 6", "Download the {station} weather app"),
                ("Send us a news tip: {station} Newsroom", "{station} First Alert Weather: live radar")),
}
INSIDE: dict[str, Half] = {  # a line between a story's paragraphs
    "app": (("Sponsored content",), ("Recommended for you: keep scrolling",)),
    "amp": (("Story continues below advertisement",), ("Article continues after this message",)),
    "newsletter": (("Upgrade to paid to support this letter",), ("Tap the heart if you liked this",)),
    "translated": (("[Translator's note: some terms have been adapted]",), ("(Text continues after the image)",)),
    "forum": (("EDIT: formatting",), ("Part 2 of the text in the reply below",)),
    "clipping": (("[continued on next page]",), ("(cont.)",)),
    "scraper": (("&nbsp;", "[/caption]"), ("[embed]video[/embed]", "%%ad_slot%%")),
    "station": (("Closed captioning available",), ("Report a typo or error",)),
}
AFTER: dict[str, Half] = {  # furniture right after a story
    "app": (("Feedback · Report this content", "Like · Comment · Share"), ("Hide this story", "Follow · Save")),
    "amp": (("Share this story: Facebook · X · Email",), ("Share · Copy link",)),
    "newsletter": (("Like · Comment · Restack", "Leave a comment"), ("Reply to this email to reach me",)),
    "translated": (("Was this translation helpful? Yes · No",), ("Rate this translation ★★★★★",)),
    "forum": (("Reply Share Report Save Follow", "level 1 · {user} · {ago}"),
              ("load more comments ({m} replies)", "[deleted]")),
    "clipping": (("Clip ID {n}-{m}",), ("Ref. {n}/{year}",)),
    "scraper": (("javascript:void(0)",), ("[object Object]",)),
    "station": (("Copyright {year} {station}. All rights reserved.",), ("© {year} {station} Television",)),
}
FOOTER: dict[str, Half] = {
    "app": (("© {year} {site}", "Privacy & cookies · Terms of use · Advertise"),
            ("{site} © {year} · Help · Feedback", "Your privacy choices")),
    "amp": (("Copyright {year} {site}. All rights reserved.", "About us · Contact · Privacy"),
            ("© {site} {year}", "Terms · Cookie settings")),
    "newsletter": (("Unsubscribe · Manage your subscription", "© {year} {site} · 123 Letter Lane"),
                   ("Refer a friend and get a month free", "Update your preferences or unsubscribe")),
    "translated": (("Translations by {site} are provided for information only.",),
                   ("{site} translates reporting from around the world.",)),
    "forum": (("Archived post. New comments cannot be posted and votes cannot be cast",
               "sort by: best"), ("This thread is locked.", "sort by: new")),
    "clipping": (("For internal use only. Not for redistribution.", "Compiled by {site} media monitoring"),
                 ("Licensed copy. Do not forward.", "Keywords matched: {n}")),
    "scraper": (("Powered by {site}", "Copyright © {year} {site} | All Rights Reserved"),
                ("{site} — automated news", "Theme by {site}")),
    "station": (("© {year} {station}. All rights reserved.", "EEO report · Public inspection file"),
                ("{station} is a member of the Valemont Television Group", "Closed captioning contact")),
}
COMMENTS: Half = (("Source? Oh wait, it's right there.", "Can someone summarise this for me?",
                   "This aged well.", "Thanks for posting the text, the site is paywalled."),
                  ("Who else saw this coming?", "Remember this next time they ask for votes.",
                   "Obligatory: read the article before commenting.", "OP delivers."))
SEPARATORS: Half = (("* * *", "— — —", "▬▬▬▬▬▬"), ("• • •", "~~~", "#####"))
TEASER_HEADS: Half = (("More stories", "You may also like", "Trending on {site}"),
                      ("Don't miss", "Popular right now", "Also on {site}"))
RESIDUE: Half = ((" Read full article »", " [...]"), (" (more…)", " Continue →"))
# HTML themes: names only; the markup is in bench/stitch4.py.
HTML_THEMES: Half = (("cards", "article"), ("table", "spans"))


def families() -> dict[str, Half]:
    """Every string family by name (per-kind tables included), for the disjointness check."""
    named: dict[str, Half] = {
        "stems": STEMS, "sites": SITES, "stations": STATIONS, "authors": AUTHORS, "languages": LANGUAGES,
        "users": USERS, "agency_foot": AGENCY_FOOT, "caption_credit": CAPTION_CREDIT, "caption_photo": CAPTION_PHOTO,
        "generic_captions": GENERIC_CAPTIONS, "comments": COMMENTS, "separators": SEPARATORS,
        "teaser_heads": TEASER_HEADS, "residue": RESIDUE, "html_themes": HTML_THEMES,
    }
    for table_name, table in (("credit_top", CREDIT_TOP), ("credit_foot", CREDIT_FOOT), ("header", HEADER),
                              ("inside", INSIDE), ("after", AFTER), ("footer", FOOTER)):
        for kind, fam in table.items():
            named[f"{table_name}.{kind}"] = fam
    return named


def overlapping_families() -> list[str]:
    """Families whose dev and test halves share a variant (empty when the halves are disjoint)."""
    return [name for name, (dev, test) in families().items() if set(dev) & set(test) or not dev or not test]
