"""stitch3's catalogue: the republishing conventions builder 3 draws from, each family in two disjoint halves.

Written from how real republishing sites look (aggregator portals, local TV and radio station sites,
press-release wires, English services of national news agencies, blog and CMS themes, news portals
with paywalls, apps and live pages), apart from bench/stitch.py, bench/stitch2.py and the system under
test. Every family is a pair `(dev, test)`: a page built for one split draws only from that half, so
the test half stays unseen conventions. Templates take `str.format` fields filled by bench/stitch3.py:
{name} {domain} {author} {ago} {n} {year} {site} {city} {company} {slug} {time} {date} {section} {app}.
Everything here is invented or is the public house style of a real outlet; no evaluation text.
"""

from __future__ import annotations

from dataclasses import dataclass

Half = tuple[tuple[str, ...], tuple[str, ...]]  # (dev variants, test variants)


@dataclass(frozen=True)
class Outlet3:
    """An outlet a story can be taken from; `dateline` and `signoff` are its own house marks, if any."""

    name: str
    aliases: tuple[str, ...]
    domain: str
    city: str = ""
    dateline: str = ""   # prefixed to the story's first paragraph, e.g. "{city}, {date} (Xinhua) -- "
    signoff: str = ""    # a line of its own after the story, e.g. "(END)"
    date_style: str = "ap"  # the dateline's date: "ap" (Oct. 3), "plain" (Oct 3), "wam" (3rd October, 2022)


def _o(name: str, domain: str, *aliases: str) -> Outlet3:
    return Outlet3(name, aliases, domain)


# ---------------------------------------------------------------- origins, per site kind
# National news agencies' English services: the agency is the convention (its dateline and sign-off).
AGENCIES: tuple[tuple[Outlet3, ...], tuple[Outlet3, ...]] = (
    (
        Outlet3("Xinhua", ("Xinhua News Agency",), "english.news.cn", "BEIJING",
                "{city}, {date} (Xinhua) -- ", "Enditem", "ap"),
        Outlet3("Yonhap", ("Yonhap News Agency",), "en.yna.co.kr", "SEOUL",
                "{city}, {date} (Yonhap) -- ", "(END)", "ap"),
        Outlet3("Press Trust of India", ("PTI",), "ptinews.com", "New Delhi",
                "{city}, {date} (PTI) ", "PTI {initials}", "plain"),
        Outlet3("Kuwait News Agency", ("KUNA",), "kuna.net.kw", "KUWAIT",
                "{city}, {date} (KUNA) -- ", "(end) {lower}", "plain"),
        Outlet3("Bangladesh Sangbad Sangstha", ("BSS",), "bssnews.net", "DHAKA",
                "{city}, {date}, {year} (BSS) - ", "BSS/{initials}/{clock}", "plain"),
    ),
    (
        Outlet3("Anadolu Agency", ("Anadolu", "AA", "Anadolu Ajansi"), "aa.com.tr", "ANKARA",
                "{city} (AA) - ", "* Writing by {author}", "ap"),
        Outlet3("Kyodo News", ("Kyodo",), "english.kyodonews.net", "TOKYO",
                "{city}, {date} (Kyodo) -- ", "==Kyodo", "ap"),
        Outlet3("IANS", ("Indo-Asian News Service",), "ianslive.in", "New Delhi",
                "{city}, {date} (IANS) ", "--IANS", "plain"),
        Outlet3("Emirates News Agency", ("WAM",), "wam.ae", "ABU DHABI",
                "{city}, {date} (WAM) -- ", "WAM/{author_initial}", "wam"),
        Outlet3("Austria Presse Agentur", ("APA", "APA-Austria Presse Agentur"), "apa.at", "VIENNA",
                "{city}, {date} (APA) - ", "(APA/{initials})", "plain"),
    ),
)

# Press-release wires: the wire that carried the release is the origin; "SOURCE {company}" is the issuer.
PRESS_WIRES: tuple[tuple[Outlet3, ...], tuple[Outlet3, ...]] = (
    (
        Outlet3("PR Newswire", ("PRNewswire", "Cision PR Newswire"), "prnewswire.com", "",
                "{city}, {date}, {year} /PRNewswire/ -- ",
                "View original content to download multimedia: https://www.prnewswire.com/news-releases/"
                "{slug}-30{n6}.html", "ap"),
        Outlet3("Business Wire", ("BUSINESS WIRE", "BusinessWire"), "businesswire.com", "",
                "{city}--({wire_upper})--", "View source version on businesswire.com: "
                "https://www.businesswire.com/news/home/20{n6}/en/", "ap"),
    ),
    (
        Outlet3("GlobeNewswire", ("GLOBE NEWSWIRE", "Globe Newswire"), "globenewswire.com", "",
                "{city}, {date_long} {day}, {year} (GLOBE NEWSWIRE) -- ", "", "ap"),
        Outlet3("EIN Presswire", ("EINPresswire", "EINPresswire.com"), "einpresswire.com", "",
                "{city}, {date_long} {day}, {year} /EINPresswire.com/ -- ", "", "ap"),
        Outlet3("ACCESSWIRE", ("Accesswire",), "accesswire.com", "",
                "{city} / ACCESSWIRE / {date_long} {day}, {year} / ", "", "ap"),
    ),
)
PRESS_LINKS: Half = (  # the wire's closing link: it names the wire by its domain
    ("View original content: https://www.{domain}/news-releases/{slug}-30{n6}.html",
     "View source version on {domain}: https://www.{domain}/news/home/{n6}/en/"),
    ("Original release available at https://www.{domain}/release/{n6}/{slug}",
     "Distributed by {name} on behalf of {company}. Full release: https://{domain}/r/{n6}"),
)
PRESS_CITIES = ("NEW YORK", "SAN FRANCISCO", "CHICAGO", "AUSTIN, Texas", "BOSTON", "TORONTO", "LONDON",
                "DENVER", "MIAMI", "SEATTLE", "ATLANTA", "DUBLIN, Ohio")
COMPANIES: Half = (
    ("Meridian Biotherapeutics, Inc.", "Halvorsen Freight Group", "BrightLedger Software", "Copperline Energy",
     "Northwind Analytics LLC", "Sable Ridge Capital"),
    ("Tessaract Health Partners", "Bluefin Maritime Holdings", "Crestmoor Foods Corp.", "Arclight Robotics",
     "Pinegrove Insurance Group", "Vantera Semiconductor"),
)

# Local TV and radio stations running network or wire copy: the end-of-story notice names the network.
NETWORKS: tuple[tuple[Outlet3, ...], tuple[Outlet3, ...]] = (
    (
        Outlet3("The Associated Press", ("AP", "Associated Press"), "apnews.com", "",
                "", "Copyright {year} The Associated Press. All rights reserved. This material may not be "
                "published, broadcast, rewritten or redistributed without permission."),
        Outlet3("CNN", ("CNN Newsource", "Cable News Network", "The CNN Wire"), "cnn.com", "",
                "", "The-CNN-Wire™ & © {year} Cable News Network, Inc., a Warner Bros. Discovery Company. "
                "All rights reserved."),
    ),
    (
        Outlet3("ABC News", ("ABC Audio", "ABC News Radio"), "abcnews.go.com", "",
                "", "Copyright © {year}, ABC Audio. All rights reserved."),
        Outlet3("CBS News", ("CBS", "CBS Interactive", "CBS Interactive Inc."), "cbsnews.com", "",
                "", "© {year} CBS Interactive Inc. All Rights Reserved. This material may not be published, "
                "broadcast, rewritten, or redistributed."),
    ),
)
STATIONS: Half = (
    ("KXRT 7 News", "WQBN NewsChannel 4", "KVLA 12", "WDMR 880 News Radio", "KTOW Action News 9"),
    ("WHLX 6 First Alert", "KQPM Eyewitness 3", "WRBE NewsTalk 1040", "KSNJ 10 Local", "WNOV 2 On Your Side"),
)
STATION_GROUPS: Half = (
    ("Copyright {year} Nexstar Media Inc. All rights reserved.", "© {year} Sinclair, Inc.",
     "Copyright {year} Scripps Media, Inc. All rights reserved."),
    ("© {year} Gray Local Media, Inc. All Rights Reserved.", "Copyright {year} by TEGNA Inc. All rights reserved.",
     "© {year} Cox Media Group. All rights reserved."),
)

# Papers, non-profits, trade and regional outlets (real and invented) that blogs, portals and aggregators credit.
OUTLETS: tuple[tuple[Outlet3, ...], tuple[Outlet3, ...]] = (
    (
        _o("The Texas Tribune", "texastribune.org", "Texas Tribune"),
        _o("ProPublica", "propublica.org"),
        _o("The Conversation", "theconversation.com"),
        _o("KFF Health News", "kffhealthnews.org", "Kaiser Health News", "KHN"),
        _o("The Independent", "independent.co.uk", "Independent"),
        _o("Reuters", "reuters.com", "Thomson Reuters"),
        _o("Harbor Valley Sentinel", "harborvalleysentinel.com"),
        _o("The Prairie Dispatch", "prairiedispatch.net", "Prairie Dispatch"),
        _o("Coastline Business Journal", "coastlinebizjournal.com"),
        _o("AgriMarkets Weekly", "agrimarketsweekly.com"),
        _o("The Hindu", "thehindu.com"),
        _o("Daily Maverick", "dailymaverick.co.za"),
    ),
    (
        _o("CalMatters", "calmatters.org"),
        _o("Grist", "grist.org"),
        _o("Inside Climate News", "insideclimatenews.org"),
        _o("The Hill", "thehill.com"),
        _o("Agence France-Presse", "afp.com", "AFP"),
        _o("The Straits Times", "straitstimes.com", "Straits Times"),
        _o("Ridgeback Courier", "ridgebackcourier.com"),
        _o("The Lakeshore Ledger", "lakeshoreledger.org", "Lakeshore Ledger"),
        _o("Freight & Logistics Monitor", "freightmonitor.net", "Freight and Logistics Monitor"),
        _o("Northern Plains Observer", "npobserver.com"),
        _o("Kestrel Bay Chronicle", "kestrelbaychronicle.co.nz"),
        _o("Mail & Guardian", "mg.co.za", "M&G"),
    ),
)

# ---------------------------------------------------------------- credit lines (they name the origin)
AGGREGATOR_BEFORE: Half = (  # the bare name or domain is what a copy of a provider's logo line gives
    ("Provided by {name}", "Story from {name}", "Publisher: {name}", "{name}"),
    ("Licensed from {name} · {ago}", "Content by {name}", "{name} — Published {ago}", "{domain}"),
)
AGGREGATOR_AFTER: Half = (
    ("Continue reading on {domain}", "Read the full story at {name}", "View the original article at {domain}"),
    ("See the original story on {name}", "Full article: {domain}", "More at {name} ({domain})"),
)
BLOG_BEFORE: Half = (
    ("Editor's note: This article was originally published by {name}.",
     "Editor’s note: This story first ran on {domain} and is reprinted with permission."),
    ("Note from the editors: {name} first published this piece; it appears here with permission.",
     "[Reposted from {name}]"),
)
BLOG_AFTER: Half = (
    ("Originally published on {domain}.",
     "This story was produced by {name} and is republished here under a Creative Commons license.",
     "This article is republished from {name} under a Creative Commons license. Read the original article.",
     "{author} is a reporter for {name}."),
    ("This article first appeared on {name} and is republished with permission.",
     "Republished with permission of {name}.",
     "The original version of this story ran on {domain}.",
     "{author} covers {section} for {name}. Reach them at {handle}@{domain}."),
)
PORTAL_BYLINE_CREDIT: Half = (
    ("By {author}, {name}", "{author} | {name}"),
    ("{author} for {name}", "Words: {author} / {name}"),
)
UNNAMED_CREDIT: Half = (  # a credit that names nothing: the origin is unknown
    ("Source link", "Via: original source", "Source →"),
    ("Link to source", "Credit: original publisher", "Source: agencies"),
)

# ---------------------------------------------------------------- bylines and stamps (site furniture, no origin)
BYLINES: Half = (
    ("Story by {author} • {ago}", "By {author}", "{author} • {n} min read", "Posted by {author} on {date_text}"),
    ("Written by {author} | {ago}", "{author} · {n}-minute read", "Words by {author}",
     "Published {date_text} by {author}"),
)
STAMPS: Half = (
    ("Updated {time} ET", "Published {ago}", "Last updated: {date_text}"),
    ("Modified {date_text} at {time}", "{ago} · Updated", "Posted at {time} on {date_text}"),
)
AUTHORS = ("Maria Oyelaran", "Tom Brezinski", "Priya Vanchinathan", "Luca Ferreira", "Hannah Kowal", "Dev Arulraj",
           "Chloe Abernathy", "Samir Haddad", "Ingrid Solberg", "Marcus Delacroix", "Yuki Nakamura", "Rosa Quintero",
           "Web Desk", "News Desk", "Staff Reporter")
SECTIONS = ("politics", "health", "the environment", "courts", "education", "business", "housing")

# ---------------------------------------------------------------- furniture per site kind
HEADERS: dict[str, Half] = {
    "aggregator": (("Open in app", "Sign in", "Discover", "Weather {n}°F"),
                   ("Get the app", "My feed", "Following", "Markets ▲ {n}.{n}%")),
    "station": (("Watch Live", "Closings & Delays", "First Alert Weather", "Download the {station} app"),
                ("Listen Live", "Traffic", "Submit a News Tip", "Contests")),
    "prwire": (("News provided by", "Share this article", "News releases"),
               ("Press release content from partners", "Distribution channels", "Press releases")),
    "agency": (("Home | World | China | Business", "English Edition", "Photos | Videos"),
               ("News Wire | Latest", "English Service", "Photo Gallery | Video")),
    "blog": (("Skip to content", "Menu", "Home » {section}"),
             ("Jump to navigation", "Toggle menu", "You are here: Home / {section}")),
    "portal": (("Subscribe for $1", "Log in", "Today's paper"),
               ("Try 4 weeks free", "Account", "E-edition")),
}
INNER: dict[str, Half] = {  # lines inside a story's body
    "aggregator": (("Sponsored content", "Ad Feedback", "Continue reading"),
                   ("Promoted", "Report ad", "Article continues below")),
    "station": (("Video duration 01:{n2}", "Watch: {title}", "Now playing"),
                ("Video length 02:{n2}", "WATCH THE REPORT:", "Up next")),
    "prwire": (("Multimedia gallery", "Photo courtesy of {company}"),
               ("Related images", "Image provided by {company}")),
    "agency": (("Editor: {author}", "Photo taken on {date_text} shows the scene."),
               ("Web editor: {author}", "File photo")),
    "blog": (("[ad_1]", "Advertisement"),
             ("[embedded content]", "Sponsored")),
    "portal": (("Story continues below", "Subscribe to continue reading"),
               ("Article continues after this ad", "This content is for subscribers only")),
}
AFTER: dict[str, Half] = {  # lines after a story
    "aggregator": (("Feedback", "Comments ({n})", "Follow for more stories like this"),
                   ("Report an issue", "{n} reactions", "Tap + to follow this topic")),
    "station": (("Report a typo", "Sign up for breaking news alerts", "Get the latest news delivered to your inbox"),
                ("Spotted an error? Let us know", "Send us your story ideas", "Turn on notifications")),
    "prwire": (("###", "Media contact:", "Investor Relations", "Logo - {company}"),
               ("# # #", "Press contact", "For more information, please contact:", "Attachments")),
    "agency": (("[Editor's Pick]", "Follow us on Twitter", "Copyright © {year} {site}"),
               ("Keywords: world news", "Download app", "Feedback | Contact us")),
    "blog": (("Share this:", "Click to share on Twitter (Opens in new window)", "Like this:", "Like Loading...",
              "[ad_2]"),
             ("Spread the word:", "Share on Facebook (Opens in new window)", "Tweet this", "Pin it",
              "Loading comments…")),
    "portal": (("Already a subscriber? Log in", "Comments are closed for this story.", "Show comments ({n})"),
               ("Have an account? Sign in", "Join the conversation", "Read {n} comments")),
}
INLINE_TEASERS: Half = (  # a link to another story set inside the body
    ("Read more: {title}", "RELATED: {title}", "You might also like: {title}"),
    ("ALSO READ | {title}", "SEE ALSO: {title}", "Recommended reading → {title}"),
)
CONTACTS: Half = (  # a press release's contact block
    ("{author}, {company}", "press@{company_slug}.com", "+1 (555) 01{n2}-{n2}{n}"),
    ("Contact: {author} — {company}", "media.relations@{company_slug}.com", "Tel. +44 20 7946 0{n2}{n}"),
)
LIST_HEADS: Half = (
    ("Trending now", "Most read", "More for you", "Recommended stories"),
    ("Popular right now", "Top picks", "Readers also liked", "Don't miss"),
)
KEY_EVENTS: Half = (("Key events",), ("Highlights of this page",))
SEPARATORS: Half = (
    ("* * *", "Next story", "Up next:"),
    ("~ ~ ~", "Read next", "Keep reading"),
)
COOKIES: Half = (
    ("We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies.",
     "Accept all cookies", "Manage preferences"),
    ("This site uses cookies and similar technologies to personalise content and ads. Learn more in our Privacy "
     "Notice.", "I agree", "Reject non-essential"),
)
NEWSLETTERS: Half = (
    ("Sign up for our daily newsletter and get the top stories in your inbox every morning.",
     "Enter your email address", "Thanks for reading {site}! Subscribe for free to receive new posts."),
    ("Get our free weekday briefing. No spam, unsubscribe anytime.", "Your email",
     "Don't miss a story: join {n},000 readers of {site}."),
)
PAYWALLS: Half = (
    ("Subscribe to continue reading", "This article is for subscribers. Start your free trial today."),
    ("You've reached your limit of free articles.", "Unlock this story for just $1 a week."),
)
FOOTERS: Half = (
    ("© {year} {site}. All rights reserved.", "Privacy Policy | Terms of Service",
     "Do Not Sell My Personal Information", "Powered by WordPress"),
    ("Copyright {year} {site}", "Cookie settings · Accessibility · Sitemap", "Your Privacy Choices",
     "Proudly powered by Ghost"),
)
TAG_LINES: Half = (("Tags: {tags}", "Filed under: {tags}"), ("Topics: {tags}", "Categories: {tags}"))
TAG_WORDS = ("News", "World", "Local", "Breaking", "Politics", "Crime", "Weather", "Economy", "Courts", "Health")
LIVE_STAMPS: Half = (("{time} GMT", "Updated {time}"), ("{time} BST", "Latest update {time}"))

# ---------------------------------------------------------------- captions and image credits (not origins)
CAPTIONS: Half = (
    ("The scene on {date_text}. Photo: {photographer}/{picture_agency}",
     "Officials at a briefing earlier this week. (Image credit: {picture_agency})",
     "File image. Credit: {picture_agency}"),
    ("A view of the area on {date_text}. Picture: {photographer} / {picture_agency}",
     "Photo illustration ({picture_agency})", "Image: {photographer} via {picture_agency}"),
)
PHOTOGRAPHERS = ("Ana Lindqvist", "Kwame Mensah", "Olga Petrenko", "Jorge Salcedo", "Mei Lin", "Peter Haas")
PICTURE_AGENCIES = ("Getty Images", "AFP via Getty Images", "Shutterstock", "EPA-EFE", "Alamy", "Reuters", "AP Photo")

# ---------------------------------------------------------------- the farm itself
SITES: Half = (
    ("DailyNewsHub24", "The Morning Wire Report", "Globe Pulse News", "NewsNow Central", "Metro Digest Online"),
    ("WorldBrief Today", "Clearview News Network", "The Daily Scroll", "NewsLens 360", "Capitol Feed"),
)
APPS: Half = (("Open in the {site} app",), ("Read this in the {site} app",))
HTML_THEMES: Half = (("article_per_story", "div_soup"), ("amp", "table_layout"))
KINDS = ("aggregator", "station", "prwire", "agency", "blog", "portal")


def half(family: Half, split: str) -> tuple[str, ...]:
    """The split's variants of a family: dev builds with the first half, test holds out the second."""
    return family[0] if split == "dev" else family[1]


def _families() -> dict[str, Half]:
    """Every string family by name, the per-kind furniture tables included."""
    named: dict[str, Half] = {
        "aggregator_before": AGGREGATOR_BEFORE, "aggregator_after": AGGREGATOR_AFTER, "blog_before": BLOG_BEFORE,
        "blog_after": BLOG_AFTER, "portal_byline_credit": PORTAL_BYLINE_CREDIT, "unnamed_credit": UNNAMED_CREDIT,
        "bylines": BYLINES, "stamps": STAMPS, "list_heads": LIST_HEADS, "separators": SEPARATORS,
        "cookies": COOKIES, "newsletters": NEWSLETTERS, "paywalls": PAYWALLS, "footers": FOOTERS,
        "tag_lines": TAG_LINES, "press_links": PRESS_LINKS, "captions": CAPTIONS, "sites": SITES,
        "html_themes": HTML_THEMES, "companies": COMPANIES, "stations": STATIONS, "station_groups": STATION_GROUPS,
        "live_stamps": LIVE_STAMPS, "apps": APPS, "key_events": KEY_EVENTS, "inline_teasers": INLINE_TEASERS,
        "contacts": CONTACTS,
    }
    for kind in KINDS:
        for label, table in (("header", HEADERS), ("inner", INNER), ("after", AFTER)):
            named[f"{kind}_{label}_furniture"] = table[kind]
    for label, outlets in (("agencies", AGENCIES), ("press_wires", PRESS_WIRES), ("networks", NETWORKS),
                           ("outlets", OUTLETS)):
        named[label] = (tuple(o.name for o in outlets[0]), tuple(o.name for o in outlets[1]))
    return named


def catalogue_halves() -> dict[str, tuple[int, int]]:
    """How many variants each family has in its dev and test halves (for the report and the test)."""
    return {name: (len(fam[0]), len(fam[1])) for name, fam in _families().items()}


def overlapping_variants() -> list[str]:
    """Variants that occur in both halves of a family (must be none: the test half is unseen)."""
    return [v for fam in _families().values() for v in sorted(set(fam[0]) & set(fam[1]))]


# ---------------------------------------------------------------- HTML themes: markup per line kind
# Every theme writes one block element per line; `story` wraps a story's lines, `outer` a run of page
# furniture, `list` a group of lines (menus, teaser lists). {x} is the escaped content, {n} a counter.
HTML_MARKUP: dict[str, dict[str, str]] = {
    "article_per_story": {
        "page": '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
                "<body>\n{x}\n</body></html>",
        "story": "<article>\n{x}\n</article>", "outer": "<section class=\"site\">\n{x}\n</section>",
        "list": "<ul>\n{x}\n</ul>", "item": '<li><a href="/p/{n}">{x}</a></li>',
        "body": "<p>{x}</p>", "title": "<h2>{x}</h2>", "credit": '<p class="credit"><small>{x}</small></p>',
        "caption": '<figure><img src="/img/{n}.jpg" alt=""><figcaption>{x}</figcaption></figure>',
        "furniture": "<aside>{x}</aside>",
    },
    "div_soup": {
        "page": '<html><head><title>{title}</title></head><body><div id="wrap">\n{x}\n</div></body></html>',
        "story": '<div class="post post-{n}">\n{x}\n</div>', "outer": '<div class="zone">\n{x}\n</div>',
        "list": '<div class="rel">\n{x}\n</div>', "item": '<div class="rel-item"><a href="/r/{n}">{x}</a></div>',
        "body": '<div class="txt">{x}</div>', "title": '<div class="hd">{x}</div>',
        "credit": '<div class="src-note">{x}</div>', "caption": '<div class="pic-cap">{x}</div>',
        "furniture": '<div class="w">{x}</div>',
    },
    "amp": {
        "page": '<!doctype html>\n<html ⚡ lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                '<script async src="https://cdn.ampproject.org/v0.js"></script></head><body>\n{x}\n</body></html>',
        "story": '<section class="amp-story">\n{x}\n</section>', "outer": '<div class="amp-chrome">\n{x}\n</div>',
        "list": '<ol class="amp-list">\n{x}\n</ol>', "item": '<li><a href="/amp/{n}">{x}</a></li>',
        "body": "<p>{x}</p>", "title": '<h1 class="amp-title">{x}</h1>',
        "credit": '<p class="amp-attribution">{x}</p>',
        "caption": '<figure class="amp-fig"><amp-img src="/i/{n}.jpg" width="16" height="9" layout="responsive">'
                   "</amp-img><figcaption>{x}</figcaption></figure>",
        "furniture": '<div class="amp-box">{x}</div>',
    },
    "table_layout": {
        "page": '<html><head><title>{title}</title></head><body><table width="100%" class="main">\n{x}\n'
                "</table></body></html>",
        "story": '<tr><td><table class="contentpaneopen">\n{x}\n</table></td></tr>',
        "outer": '<tr><td><table class="moduletable">\n{x}\n</table></td></tr>',
        "list": "{x}", "item": '<tr><td><a href="/index.php?id={n}">{x}</a></td></tr>',
        "body": '<tr><td class="text">{x}</td></tr>', "title": '<tr><td class="contentheading">{x}</td></tr>',
        "credit": '<tr><td class="small">{x}</td></tr>',
        "caption": '<tr><td class="caption"><img src="/images/{n}.jpg"><br>{x}</td></tr>',
        "furniture": '<tr><td class="module">{x}</td></tr>',
    },
}
