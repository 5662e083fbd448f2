#!/usr/bin/env python3
"""stitch2: a second, independently written generator of content-farm pages with answer keys.

A content farm republishes other outlets' reporting: it runs 2-4 stories (from different source
articles, sometimes two on the same event one after the other) on one page, with the site's furniture
around and between them (headers, breadcrumbs, share bars, related-post blocks, ads, tag lines,
comment widgets, cookie and newsletter lines) and with the attribution lines republishing software
adds ("The post ... appeared first on ...", "Source: ...", "(c) ... 2022", bylines, wire datelines
and sign-offs). The answer key says where each story starts and ends, which lines are noise, which
sentences were cut off, and which outlet each story was taken from (its origin) with the page lines
that name it.

This module was written apart from bench/stitch.py and without reading the system under test: its
cleaning rules, phrase catalogue and HTML themes are its own, so that a system tuned on stitch.py's
pages meets conventions it has not seen. From stitch.py it takes only `StitchedPage` and
`data_available`.

Held-out conventions: every family of conventions (credit lines, bylines, share bars, related
blocks, comment widgets, cookie and newsletter lines, breadcrumbs, timestamps, captions,
separators, HTML themes, farm names, fictional outlets, ...) has two disjoint halves of variants;
`split="dev"` draws only from the first, `split="test"` only from the second. Source articles are
shared between the splits.

    python -m bench.stitch2 --out DIR [--pages N] [--seed S] [--data DIR] [--html] [--split dev|test] [--check]

writes DIR/<id>.txt (or .html) and DIR/<id>.gold.json; --check also scores a perfect analysis built
from each key with the shared scorer (eval/score_page.py) and writes it as DIR/<id>.perfect.json.
The library entry point is `build_pages(data_root, n, seed, html_share=..., drops=..., split=...)`.
The shared data is read at run time and never copied into the repository.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import itertools
import json
import random
import re
import string
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import load_scorer
from bench.stitch import StitchedPage, data_available

__all__ = ["CATALOGUE", "StitchedPage", "build_pages", "catalogue_counts", "check_key", "data_available",
           "perfect_analysis"]

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
GUARDIAN_FILE = Path("guardian2022") / "articles_dev.jsonl"
ECB_DIR = Path("ecbplus")
SPLITS = ("dev", "test")
NOISE_KEYS = ("site_boilerplate", "link_residue", "teasers", "captions")
SPACE = re.compile(r"\s+")


class Drop(Exception):
    """This attempt cannot give a page whose key is true; the message is the reason counted."""


# ================================================================== anchors (the scorer's matching rule)
def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    parts = [re.escape(p) for p in SPACE.split(needle.strip()) if p]
    if not parts:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"\s+".join(parts), text)]


def _count(text: str, needle: str) -> int:
    return len(find_all(text, needle))


def _anchor(text: str, line: str, min_words: int, from_end: bool) -> str | None:
    """The shortest run of >= min_words words at the start (or end) of line that occurs once in text."""
    words = line.split()
    if len(words) < min_words:
        return None
    for n in range(min_words, len(words) + 1):
        cand = " ".join(words[-n:] if from_end else words[:n])
        if _count(text, cand) == 1:
            return cand
    return None


# ================================================================== the conventions catalogue
# Every family: {"dev": [...], "test": [...]}, the halves disjoint. Fields in braces are filled per use:
# {o} outlet name, {O} the name in capitals, {d} bare domain, {w} host as it appears in links, {url} an
# article address, {title} the story's headline, {year}, {date}, {author}/{author2}/{author3}, {site} the
# farm, {syn} a syndicator, {dash} a dash of the page's kind, {user} the farm's posting account, {n} a number.
CATALOGUE: dict[str, dict[str, list[Any]]] = {
    # credit lines after a story (WordPress RSS footers, aggregator plugins, syndication notices)
    "credit_end": {
        "dev": ["The post {title} appeared first on {o}.", "Source: {o}", "This article originally appeared on {o}.",
                "Originally published at {d}.", "© {year} {o}. All rights reserved.",
                "Republished with permission of {o}.", "Read the original article on {o}.", "Content courtesy of {o}",
                "via {o}", "{dash} With files from {o}", "Distributed by {syn} on behalf of {o}.",
                "Article source: {url}"],
        "test": ["This story was first published by {d}.", "(c) {o} {year}", "Copyright {year} {o}", "Credit: {o}",
                 "Source link {dash} {w}", "Courtesy of {o}.", "First published on {o} on {date}.",
                 "Syndicated from {w}", "[Via {o}]",
                 "This content was reproduced from {o} under a syndication licence.",
                 "Reprinted from {o} with permission.", "Provided by {syn}, on behalf of {o}"],
    },
    # credit lines before a story's body
    "credit_start": {
        "dev": ["Source: {o}", "From {o}:", "via {d}", "Reposted from {o}"],
        "test": ["[{o}]", "Originally from {w}", "Credit {dash} {o}", "Shared from {o}:"],
    },
    # bylines that name the outlet
    "byline_outlet": {
        "dev": ["By {author}, {o}", "{author} | {o}", "{o} Staff", "Written by {author} for {o}", "by {author} ({o})",
                "BY {AUTHOR} / {O}"],
        "test": ["{author} {dash} {o}", "Story by {author}, {o}", "From {o} staff reports", "Author: {author} ({o})",
                 "Reported by {author} for {d}", "{o} Newsroom"],
    },
    # bylines that name nobody's outlet
    "byline_plain": {
        "dev": ["By {author}", "Written by {author}", "by {author}"],
        "test": ["Author: {author}", "Story by {author}", "{author}, Staff Writer"],
    },
    # credit lines that name no particular outlet (the story's origin stays unknown)
    "credit_vague": {
        "dev": ["Source: Agencies", "With inputs from agencies", "Source: Wire services"],
        "test": ["Compiled from news reports", "(With agency inputs)", "Sources: press reports"],
    },
    # wire sign-offs (used under wire stories; they name no outlet)
    "wire_signoff": {
        "dev": ["Reporting by {author}; Editing by {author2}",
                "Reporting by {author}; Writing by {author2}; Editing by {author3}"],
        "test": ["Additional reporting by {author}; editing by {author2}",
                 "{author} contributed reporting. Edited by {author2}."],
    },
    # datelines put before a wire story's first sentence
    "dateline": {
        "dev": ["({o}) - ", "{O} - "],
        "test": ["({o}) — ", "({o}) – "],
    },
    # the farm's own posting line
    "posted": {
        "dev": ["Posted by {user} on {date}", "By {user} | {date}", "Posted on {date} by {user}", "{date} by {user}",
                "Posted by {user}", "By {user}"],
        "test": ["Published {date} · by {user}", "{user} · {date} · 0 comments", "Submitted by {user} on {date}",
                 "Added: {date} | Author: {user}", "Posted in News by {user}", "Author: {user}"],
    },
    "date_format": {
        "dev": ["%B {day}, %Y", "{day} %B %Y"],
        "test": ["%Y-%m-%d", "%b {day}, %Y", "%d/%m/%Y"],
    },
    "farm_user": {"dev": ["admin", "newsdesk", "editor"], "test": ["webmaster", "staff", "autopost"]},
    "share": {
        "dev": ["Share this: Facebook Twitter WhatsApp Email", "Share on Facebook | Share on Twitter",
                "SHARE: Facebook · Twitter · LinkedIn", "Like this: Like Loading...", "Share this article"],
        "test": ["Tweet Share Pin It Email", "Spread the love", "Share via: X · Telegram · Reddit · Copy link",
                 "Click to share on Twitter (Opens in new window)", "0 Shares"],
    },
    "related_head": {
        "dev": ["Related Posts", "You may also like", "More from {site}", "Related"],
        "test": ["Recommended for you", "Read next", "Trending now", "Don't miss", "Popular on {site}",
                 "Related Articles"],
    },
    "teaser_form": {"dev": ["{t}", "• {t}", "{t} »"], "test": ["→ {t}", "» {t}", "{t} ({n} min read)"]},
    "comments": {
        "dev": [["Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *",
                 "Comment * Name * Email * Website",
                 "Save my name, email, and website in this browser for the next time I comment.", "Post Comment"],
                ["Disqus Comments", "Please enable JavaScript to view the comments powered by Disqus."],
                ["Leave a Comment", "You must be logged in to post a comment."]],
        "test": [["No comments:", "Post a Comment", "Newer Post Older Post Home", "Subscribe to: Post Comments (Atom)"],
                 ["Comments are closed."],
                 ["Be the first to comment", "Join the discussion"],
                 ["0 comments Sort by Newest", "Add a comment...", "Facebook Comments Plugin"]],
    },
    "cookie": {
        "dev": ["We use cookies to ensure that we give you the best experience on our website. If you continue to use "
                "this site we will assume that you are happy with it. Ok",
                "This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies. "
                "Find out more."],
        "test": ["This website uses cookies to improve your experience. We'll assume you're ok with this, but you can "
                 "opt-out if you wish. Accept Read More",
                 "Privacy & Cookies: This site uses cookies. By continuing to use this website, you agree to their "
                 "use.",
                 "We value your privacy. Accept All | Reject All | Customise"],
    },
    "newsletter": {
        "dev": ["Subscribe to our newsletter",
                "Sign up for our daily newsletter and get the top stories in your inbox.",
                "Enter your email address to subscribe to this blog and receive notifications of new posts by email."],
        "test": ["Get the latest headlines delivered to your inbox",
                 "Don't miss a story: join {n} readers on our mailing list.",
                 "Join our Telegram channel for breaking news alerts"],
    },
    "tags": {
        "dev": ["Tags: {tags_comma}", "Filed under: {tags_comma}", "Posted in {section} | Tagged {tags_comma}"],
        "test": ["Labels: {tags_comma}", "Topics: {tags_dot}", "Categories: {section} / {tag1}",
                 "Tagged with: {tags_hash}"],
    },
    "breadcrumb": {
        "dev": ["Home › {section} › {sub}", "Home / News / {section}"],
        "test": ["You are here: Home » {section} » {sub}", "Home > {section}", "Start ⟩ {section} ⟩ {sub}"],
    },
    "ad": {
        "dev": ["Advertisement", "Sponsored", "ADVERTISEMENT - CONTINUE READING BELOW", "Sponsored Links"],
        "test": ["- Advertisement -", "Story continues below advertisement", "Promoted Stories", "Partner content"],
    },
    "caption": {
        "dev": ["{cap} Photograph: {credit}", "{cap} (Photo: {credit})", "Image: {credit}"],
        "test": ["{cap} (Photo by {credit})", "{cap} | Picture: {credit}", "[Image via {credit}]",
                 "{cap} — Image credit: {credit}"],
    },
    "caption_stock": {
        "dev": ["File photo.", "Representational image.", "Photo for illustration."],
        "test": ["Archive picture.", "Illustrative photo.", "Stock picture."],
    },
    "photo_credit": {
        "dev": ["{photog}/Getty Images", "AP Photo/{photog}", "Shutterstock", "{photog}/EPA"],
        "test": ["{photog}/Reuters", "AFP via Getty Images", "{photog} for {site}", "Alamy Stock Photo"],
    },
    "separator": {"dev": ["* * *", "———", "Next Post »"],
                  "test": ["~ ~ ~", "◆ ◆ ◆", "« Previous Article", "Next Article →"]},
    "link_residue": {
        "dev": ["read more", "Continue reading…", "(more…)", "Click here to read more."],
        "test": ["[…]", "Full story »", "Read the rest of this entry »", "Keep reading →"],
    },
    "timestamp": {
        "dev": ["Updated at {hh}.{mm} GMT", "{hh}:{mm}", "Last modified on {date}"],
        "test": ["{h12}.{mm}{ampm} BST", "Posted {n} hours ago", "Updated: {date}, {hh}:{mm}"],
    },
    "disclaimer": {
        "dev": ["(Except for the headline, this story has not been edited by {site} staff and is published from a "
                "syndicated feed.)",
                "Disclaimer: This story is auto-aggregated by a computer program and has not been created or edited "
                "by {site}."],
        "test": ["Disclaimer: This post has been auto-published from an agency feed without any modifications to the "
                 "text and has not been reviewed by an editor.",
                 "Note: {site} publishes content from third-party sources. Views expressed are those of the original "
                 "authors."],
    },
    "footer": {
        "dev": ["© {year} {site}. All rights reserved.", "Copyright {site} {year} - Terms - Privacy"],
        "test": ["Copyright © {year} {site} | Privacy Policy | Contact Us",
                 "All content is aggregated from public feeds."],
    },
    "farm_site": {
        "dev": ["DailyNewsHub", "TheNewsFeed247", "WorldPulse Today", "InfoStream Daily", "Headline Harbor"],
        "test": ["NewsBuzz Central", "GlobalWire Now", "TopStory Network", "Briefly Informed", "The Scoop Digest"],
    },
    "tagline": {
        "dev": ["Your daily dose of world news", "News that matters, 24/7"],
        "test": ["Breaking stories from around the globe", "All the headlines in one place"],
    },
    "syndicator": {"dev": ["Tribune Content Agency", "Newstex"], "test": ["NewsCred", "Syndigate"]},
    "author": {
        "dev": ["Maria Keller", "Tom Ashworth", "Priya Natarajan", "Daniel Okafor", "Helen Varga", "Lucas Brandt",
                "Sofia Marin", "James Whitcombe", "Aiko Tanaka", "Rob Delaney"],
        "test": ["Clara Imhof", "Owen Prescott", "Nadia Rahimi", "Felix Moreau", "Grace Adeyemi", "Victor Lindqvist",
                 "Ines Carvalho", "Martin Sokol", "Yuki Arai", "Brenda Holt"],
    },
    # outlets invented for ECB documents (whose source is unknown): regional papers, trade press, blogs
    "fictional_outlet": {
        "dev": [("Tri-County Ledger", "tricountyledger.com"), ("Harbor Point Gazette", "harborpointgazette.com"),
                ("The Millbrook Sentinel", "millbrooksentinel.net"), ("Grid & Wire Weekly", "gridwireweekly.com"),
                ("Lantern Street Blog", "lanternstreet.blogspot.com"), ("Cascade Valley Courier", "cvcourier.com"),
                ("Pinecrest Daily Record", "pinecrestrecord.com"), ("CivicPulse Network", "civicpulse.net")],
        "test": [("Marlow County Herald", "marlowherald.com"), ("The Bayline Chronicle", "baylinechronicle.com"),
                 ("Quarry Road Dispatch", "quarryroaddispatch.org"),
                 ("Copperline Trade Journal", "copperlinejournal.com"),
                 ("Northgate Observer", "northgateobserver.co.uk"), ("Fieldnote Press", "fieldnotepress.substack.com"),
                 ("Signal Hill Tribune", "signalhilltribune.com"), ("Weekday Wire Digest", "weekdaywire.net")],
    },
    "html_theme": {"dev": ["wordpress", "ghost"], "test": ["blogger", "newspaper"]},
    "dash": {"dev": ["—", "-"], "test": ["–", "--"]},
}

SECTIONS = ["World", "Europe", "US", "Entertainment", "Business", "Sports", "Tech", "Crime", "Politics", "Local"]
SUBSECTIONS = ["Latest", "Top Stories", "Breaking", "Analysis", "Headlines", "Americas", "Asia", "UK"]


def catalogue_counts() -> dict[str, tuple[int, int]]:
    return {k: (len(v["dev"]), len(v["test"])) for k, v in CATALOGUE.items()}


def _assert_disjoint() -> None:
    for name, fam in CATALOGUE.items():
        both = {json.dumps(x) for x in fam["dev"]} & {json.dumps(x) for x in fam["test"]}
        assert not both, f"family {name} shares variants between the splits: {both}"


_assert_disjoint()


# ================================================================== outlets
@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domain: str          # bare registered domain, e.g. "nytimes.com"
    host: str            # as in links, e.g. "www.nytimes.com"
    kind: str            # "known", "derived", "fictional"
    wire: bool = False


# domain -> (name, other names, is a wire service). Written for the hosts that occur in ECB+ (topics 1-35).
KNOWN: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "theguardian.com": ("The Guardian", ("the Guardian", "Guardian", "Guardian News & Media"), False),
    "nydailynews.com": ("New York Daily News", ("NY Daily News", "Daily News"), False),
    "bbc.co.uk": ("BBC", ("BBC News",), False),
    "foxnews.com": ("Fox News", (), False),
    "huffingtonpost.com": ("HuffPost", ("The Huffington Post", "Huffington Post"), False),
    "examiner.com": ("Examiner", ("Examiner.com",), False),
    "latimes.com": ("Los Angeles Times", ("LA Times", "L.A. Times"), False),
    "usatoday.com": ("USA Today", ("USA TODAY",), False),
    "mybroadband.co.za": ("MyBroadband", (), False),
    "voices.yahoo.com": ("Yahoo Voices", ("Yahoo",), False),
    "sports.yahoo.com": ("Yahoo Sports", ("Yahoo",), False),
    "news.yahoo.com": ("Yahoo News", ("Yahoo",), False),
    "music.yahoo.com": ("Yahoo Music", ("Yahoo",), False),
    "nytimes.com": ("The New York Times", ("New York Times", "NYT"), False),
    "itv.com": ("ITV News", ("ITV",), False),
    "nbcnews.com": ("NBC News", (), False),
    "dailymail.co.uk": ("Daily Mail", ("MailOnline", "Mail Online"), False),
    "espn.go.com": ("ESPN", (), False),
    "espn.co.uk": ("ESPN", (), False),
    "starpulse.com": ("Starpulse", (), False),
    "trend.az": ("Trend News Agency", ("Trend",), False),
    "hollywoodreporter.com": ("The Hollywood Reporter", ("Hollywood Reporter", "THR"), False),
    "nbcphiladelphia.com": ("NBC10 Philadelphia", ("NBC Philadelphia",), False),
    "sky.com": ("Sky News", (), False),
    "ap.org": ("AP", ("Associated Press", "The Associated Press"), True),
    "utsandiego.com": ("U-T San Diego", ("UT San Diego",), False),
    "nypost.com": ("New York Post", ("NY Post",), False),
    "contactmusic.com": ("Contactmusic.com", ("Contactmusic",), False),
    "mlbtraderumors.com": ("MLB Trade Rumors", (), False),
    "washingtonpost.com": ("The Washington Post", ("Washington Post",), False),
    "hindustantimes.com": ("Hindustan Times", (), False),
    "freerepublic.com": ("Free Republic", (), False),
    "indiatimes.com": ("The Times of India", ("Times of India",), False),
    "alaskapublic.org": ("Alaska Public Media", (), False),
    "presstelegram.com": ("Press-Telegram", ("Long Beach Press-Telegram",), False),
    "cnn.com": ("CNN", (), False),
    "sportsillustrated.cnn.com": ("Sports Illustrated", ("SI.com",), False),
    "gothamist.com": ("Gothamist", (), False),
    "softpedia.com": ("Softpedia", (), False),
    "democraticunderground.com": ("Democratic Underground", (), False),
    "cbc.ca": ("CBC News", ("CBC",), False),
    "onenewspage.com": ("One News Page", (), False),
    "philadelphia.cbslocal.com": ("CBS Philly", (), False),
    "newyork.cbslocal.com": ("CBS New York", (), False),
    "philly.com": ("Philly.com", (), False),
    "stuff.co.nz": ("Stuff", (), False),
    "telegraph.co.uk": ("The Telegraph", ("Telegraph", "The Daily Telegraph"), False),
    "profootballtalk.nbcsports.com": ("ProFootballTalk", ("PFT", "NBC Sports"), False),
    "upi.com": ("UPI", ("United Press International",), True),
    "sunjournal.com": ("Sun Journal", (), False),
    "abcnews.go.com": ("ABC News", (), False),
    "abclocal.go.com": ("ABC7", (), False),
    "news12.com": ("News 12 Brooklyn", ("News 12",), False),
    "whitehouse.gov": ("The White House", ("White House",), False),
    "people.com": ("People", ("People magazine",), False),
    "today.com": ("TODAY", ("Today",), False),
    "usmagazine.com": ("Us Weekly", (), False),
    "accesshollywood.com": ("Access Hollywood", (), False),
    "cbsnews.com": ("CBS News", (), False),
    "eonline.com": ("E! News", ("E! Online",), False),
    "etonline.com": ("Entertainment Tonight", ("ET Online",), False),
    "ocregister.com": ("The Orange County Register", ("Orange County Register", "OC Register"), False),
    "reuters.com": ("Reuters", (), True),
    "rt.com": ("RT", (), False),
    "variety.com": ("Variety", (), False),
    "deadline.com": ("Deadline", (), False),
    "forbes.com": ("Forbes", (), False),
    "businessinsider.com": ("Business Insider", (), False),
    "theage.com.au": ("The Age", (), False),
    "thehindu.com": ("The Hindu", (), False),
    "ndtv.com": ("NDTV", (), False),
    "indianexpress.com": ("The Indian Express", ("Indian Express",), False),
    "mirror.co.uk": ("Daily Mirror", ("The Mirror", "Mirror"), False),
    "thesun.co.uk": ("The Sun", (), False),
    "metro.co.uk": ("Metro", (), False),
    "abc.net.au": ("ABC News Australia", ("ABC Australia",), False),
    "news.com.au": ("news.com.au", (), False),
    "theaustralian.com.au": ("The Australian", (), False),
    "seattletimes.com": ("The Seattle Times", ("Seattle Times",), False),
    "boston.com": ("Boston.com", (), False),
    "chron.com": ("Houston Chronicle", ("Chron",), False),
    "pcworld.com": ("PCWorld", (), False),
    "computerworld.com": ("Computerworld", (), False),
    "scientificamerican.com": ("Scientific American", (), False),
    "rollingstone.com": ("Rolling Stone", (), False),
    "sbnation.com": ("SB Nation", (), False),
    "globalnews.ca": ("Global News", (), False),
    "deseretnews.com": ("Deseret News", (), False),
    "catholicnewsagency.com": ("Catholic News Agency", ("CNA",), False),
    "aolnews.com": ("AOL News", (), False),
    "thenational.ae": ("The National", (), False),
    "inquirer.net": ("Philippine Daily Inquirer", ("Inquirer.net", "Inquirer"), False),
    "sun-sentinel.com": ("Sun Sentinel", ("South Florida Sun Sentinel",), False),
    "chicagotribune.com": ("Chicago Tribune", (), False),
    "vulture.com": ("Vulture", (), False),
    "omaha.com": ("Omaha World-Herald", (), False),
    "pennlive.com": ("PennLive", (), False),
    "digitaljournal.com": ("Digital Journal", (), False),
    "newser.com": ("Newser", (), False),
    "commondreams.org": ("Common Dreams", (), False),
    "mongabay.com": ("Mongabay", (), False),
    "krebsonsecurity.com": ("Krebs on Security", (), False),
    "redorbit.com": ("redOrbit", (), False),
    "neowin.net": ("Neowin", (), False),
    "yardbarker.com": ("Yardbarker", (), False),
    "collider.com": ("Collider", (), False),
    "cinemablend.com": ("CinemaBlend", (), False),
    "dnainfo.com": ("DNAinfo", (), False),
    "ny1.com": ("NY1", (), False),
    "pix11.com": ("PIX11", (), False),
    "ktla.com": ("KTLA", (), False),
    "fox4kc.com": ("FOX4 Kansas City", ("FOX 4",), False),
    "wcvb.com": ("WCVB", (), False),
    "adn.com": ("Anchorage Daily News", (), False),
    "alaskadispatch.com": ("Alaska Dispatch", (), False),
    "timesunion.com": ("Times Union", (), False),
    "egyptindependent.com": ("Egypt Independent", (), False),
    "westerndailypress.co.uk": ("Western Daily Press", (), False),
    "i24news.tv": ("i24NEWS", (), False),
    "thelocal.fr": ("The Local France", ("The Local",), False),
    "essence.com": ("Essence", (), False),
    "newsone.com": ("NewsOne", (), False),
    "mlb.com": ("MLB.com", (), False),
    "justice.gov": ("U.S. Department of Justice", ("Justice Department",), False),
    "nysun.com": ("The New York Sun", ("New York Sun",), False),
    "cbs8.com": ("CBS 8", (), False),
    "tsn.ca": ("TSN", (), False),
    "nbcsandiego.com": ("NBC 7 San Diego", ("NBC San Diego",), False),
    "nbcnewyork.com": ("NBC New York", (), False),
    "hollywoodgossip.com": ("The Hollywood Gossip", (), False),
    "timesofindia.indiatimes.com": ("The Times of India", ("Times of India",), False),
}
DATELINE_OUTLETS = {"AP", "Reuters", "UPI", "CNN"}  # outlets whose copy opens "(Reuters) -", "(CNN) —"
SECOND_LEVEL = {"co.uk", "com.au", "co.za", "co.nz", "co.in", "com.pk", "org.uk", "msn.co.nz"}
PLATFORMS = {"blogspot", "wordpress", "livejournal", "weebly", "substack"}


def _registered(host: str) -> str:
    labels = host.lower().split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def outlet_for_host(host: str) -> Outlet:
    host = host.lower().strip(".")
    bare = host[4:] if host.startswith("www.") else host
    reg = _registered(host)
    label = reg.split(".")[0]
    if reg not in KNOWN and reg.startswith("x") and reg[1:] in KNOWN:  # a stray "x" in some ECB+ addresses
        return outlet_for_host(host.replace(reg, reg[1:]))
    for key in (host, bare, reg):
        if key in KNOWN:
            name, other, wire = KNOWN[key]
            aliases = tuple(dict.fromkeys([*other, bare, host, reg, f"www.{reg}"]))
            return Outlet(name, tuple(a for a in aliases if a != name), reg, host, "known", wire)
    if label in PLATFORMS:  # joyofsox.blogspot.nl: the blog is the subdomain
        label = bare.split(".")[0]
        reg = bare
    words = [w for w in re.split(r"[-_]", label) if w]
    name = " ".join(w.upper() if len(w) <= 4 and len(words) == 1 else w.capitalize() for w in words)
    aliases = tuple(dict.fromkeys([bare, host, reg, f"www.{reg}" if not reg.startswith("www.") else reg]))
    return Outlet(name, tuple(a for a in aliases if a != name), reg, host, "derived")


GUARDIAN = outlet_for_host("www.theguardian.com")


def fictional_outlet(name: str, domain: str) -> Outlet:
    host = f"www.{domain}" if _registered(domain) == domain else domain
    return Outlet(name, tuple(dict.fromkeys((domain, host))), domain, host, "fictional")


# ================================================================== sources
@dataclass
class Unit:
    text: str
    para: bool  # starts a paragraph (or follows a gap) in its source


@dataclass
class Source:
    key: str
    topic: str
    event: str
    title: str | None
    date: dt.date | None
    units: list[Unit]
    outlet: Outlet | None
    url: str | None
    caption: str | None = None

    @property
    def words(self) -> int:
        return sum(len(u.text.split()) for u in self.units)


FURNITURE = re.compile(
    r"Read more|Read More|– video|— video|Photograph:|Illustration:|Composite:|[Nn]ewsletter|Sign up|Updated at|"
    r"Have an opinion|This article was|Book tickets|Follow (?:him|her|us|@)|@\w|https?:|www\.|\||©|[Cc]opyright|"
    r"All rights reserved|[Cc]lick here|Advertisement|ADVERTISEMENT|"
    r"\(\s*(?:AP|Reuters|AFP|UPI|CNN|CNA|dpa|PA|IANS|PTI)\s*\)|"
    r"Guardian (?:columnist|correspondent|writer|editor|reporter)|live ?blog|podcast|Posted (?:by|on|at)|"
    r"[Cc]omments? \(|Share (?:this|on)|Related:|Pictured:|PHOTOS?:|VIDEO:|Watch:|WATCH:|Subscribe|"
    r"\bE-mail\b|Email this|Print this|contributed to this report|Associated Press writers?")
GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]|[a-z][.!?][A-Z]|\d[A-Z][a-z]|[a-z]\d{2}:\d\d|"  # LavrovRead more, 01:56Russia
                   r"[.!?,;:][“‘][A-Za-z]|[a-z][.!?]\"[A-Z]")  # itself.“All
LEFTOVER = re.compile(r" [,.;:!?%)\]]|[(\[] |``|''|\s'\s|\s\"\s|\s[’]\s|^\W*$")
TIMESTAMP = re.compile(r"\b\d{1,2}[.:]\d{2}\s*(?:am|pm)?\s*(?:GMT|BST|EDT|EST|CET|ET|PT)\b|^\d{1,2}[.:]\d{2}\b")
STARTS = re.compile(r"^[\"“‘'(]?[A-Z0-9]")
ENDS = re.compile(r"[.!?][\"”’')]*$")
HARD_STOP = re.compile(r"^(?:Related|Comments?|Share|Tags|Copyright|©|Click|Follow|Read more|More from|Posted|Filed|"
                       r"Email|Print|Advertisement|Sponsored|Recommended|Sources?:|Contact|Reach|Send)\b|"
                       r"All rights reserved|may not be published")
WIRE_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]{0,48}?\(\s*(?:AP|Reuters|AFP|UPI|CNN|CNA|Bloomberg|dpa|PA|IANS|PTI|"
                           r"ANI|Xinhua)\s*\)\s*(?:--|—|–|-|:)?\s*")
DATE_RE = re.compile(
    r"\b(?:(?P<m1>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<y1>(?:19|20)\d\d)|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|"
    r"Dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d\d))\b")
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"], 1)}
ABBREV = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "rep", "sen", "gov", "no", "vs", "jan", "feb",
          "aug", "sept", "oct", "nov", "dec", "prof", "capt", "maj", "jr", "sr", "inc", "co", "corp", "ft", "mt",
          "u.s", "u.n", "u.k", "a.m", "p.m", "e.g", "i.e", "etc", "approx"}


def _date_in(s: str) -> dt.date | None:
    m = DATE_RE.search(s)
    if not m:
        return None
    mon = (m.group("m1") or m.group("m2"))[:3].lower()
    day = int(m.group("d1") or m.group("d2"))
    year = int(m.group("y1") or m.group("y2"))
    try:
        return dt.date(year, MONTHS[mon], day)
    except ValueError:
        return None


def _clean(s: str) -> bool:
    words = s.split()
    if not 5 <= len(words) <= 80:
        return False
    if not STARTS.search(s) or not ENDS.search(s):
        return False
    if FURNITURE.search(s) or GLUED.search(s) or LEFTOVER.search(s) or TIMESTAMP.search(s):
        return False
    if s.count("(") != s.count(")") or s.count("[") != s.count("]"):
        return False
    return not (DATE_RE.search(s) and len(words) < 10)


def _quote_delta(s: str) -> tuple[int, int]:
    return s.count("“") - s.count("”"), s.count('"') % 2


def _units(sentences: list[str | None]) -> list[Unit]:
    """Group clean sentences into quote-balanced units. None in the list is a paragraph break, a dirty
    sentence a gap; a unit left open at a gap is dropped."""
    out: list[Unit] = []
    cur: list[str] = []
    curly = straight = 0
    brk = True
    seen: set[str] = set()
    for s in sentences:
        if s is None or not _clean(s):
            cur, curly, straight, brk = [], 0, 0, True
            continue
        dc, ds = _quote_delta(s)
        curly += dc
        straight ^= ds
        cur.append(s)
        if curly < 0 or len(cur) > 4:
            cur, curly, straight, brk = [], 0, 0, True
            continue
        if curly == 0 and straight == 0:
            text = " ".join(cur)
            key = _norm(text)
            if key in seen:  # a document that repeats itself: stop at the repeat
                break
            seen.add(key)
            out.append(Unit(text, brk))
            cur, brk = [], False
    return out


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


SPLIT_AT = re.compile(r"([.!?][\"”’')]*)\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(par: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in SPLIT_AT.finditer(par):
        before = par[start:m.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if m.group(1) == "." and (last in ABBREV or re.fullmatch(r"[a-z]", last)):
            continue
        out.append(par[start:m.end(1)].strip())
        start = m.end()
    tail = par[start:].strip()
    if tail:
        out.append(tail)
    return out


def _guardian_sentences(text: str) -> list[str | None]:
    out: list[str | None] = []
    for par in re.split(r"\n+|\s{2,}", text):
        sents = split_sentences(par.strip())
        for i, s in enumerate(sents):
            nxt = sents[i + 1] if i + 1 < len(sents) else ""
            if re.search(r"Photograph:|Illustration:|Composite:", nxt):
                out.append(None)  # the sentence before a photo credit is its caption
                continue
            out.append(s)
        out.append(None)
    return out


def load_guardian(path: Path) -> list[Source]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text, url = row.get("text") or "", row.get("url") or ""
        if "/live/" in url or "/audio/" in url or "Have an opinion on anything" in text:
            continue
        units = _units(_guardian_sentences(text))
        try:
            date = dt.date.fromisoformat(row.get("date") or "")
        except ValueError:
            date = None
        cap = (row.get("caption") or "").strip() or None
        src = Source(f"guardian2022:row{row['row']}", "guardian", "guardian", (row.get("title") or "").strip() or None,
                     date, units, GUARDIAN, url or None, cap)
        if len(src.units) >= 4 and src.words >= 80:
            out.append(src)
    return out


# ---------------------------------------------------------------- ECB+ tokens back to text
CLITIC = re.compile(r"(?i)^(?:n't|'s|'re|'ve|'ll|'d|'m|’s|’re|’ve|’ll|’d|’m|n’t)$")
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "”", "''", "...", "…"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "``", "‘", "$", "#"}
CLAUSE_WORDS = {"the", "a", "an", "and", "but", "or", "which", "who", "that", "is", "was", "known", "including", "he",
                "she", "they", "it", "we", "i", "not", "as", "so", "then", "while", "when", "where", "if"}
TLD = {"com", "org", "net", "co", "uk", "gov", "edu", "tv", "ca", "au", "za", "in"}


def detokenise(tokens: list[str], plus: bool, state: dict[str, bool]) -> str:
    out = ""
    glue_next = True
    n = len(tokens)
    for i, raw in enumerate(tokens):
        tok = {"``": "“", "''": "”", "--": "—"}.get(raw, raw)
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        space = not glue_next
        glue_next = False
        if tok in NO_SPACE_BEFORE or CLITIC.match(tok):
            space = False
        if tok == '"':
            if state.get("open"):
                space, state["open"] = False, False
            else:
                glue_next, state["open"] = True, True
        elif tok.startswith('"') and len(tok) > 1:
            state["open"] = not tok.endswith('"') or tok.count('"') % 2 == 1
        elif tok.endswith('"') and len(tok) > 1:
            state["open"] = False
        elif tok == "’":
            space = False
            glue_next = nxt.lower() in {"s", "t", "re", "ll", "ve", "d", "m"}
        elif tok in ("'", "’"):
            space = False
        elif tok == "-":
            if plus and nxt.lower() not in CLAUSE_WORDS and prev and nxt and prev[-1].isalnum() and nxt[0].isalnum():
                space, glue_next = False, True
        elif tok == "/" and prev and nxt:
            space, glue_next = False, True
        elif tok == ":" and prev.isdigit() and nxt.isdigit():
            glue_next = True
        elif tok == "." and nxt.isdigit() and prev.isalpha() and prev.islower():
            space, glue_next = True, True  # "a .357 Magnum"
        elif tok == ".":
            single = len(prev) == 1 and prev.isalpha() and len(nxt) == 1 and nxt.isalpha()
            glue_next = ((prev.isdigit() and nxt.isdigit()) or single or nxt.lower() in TLD
                         or (not prev and nxt.isdigit()))
        elif tok == "," and re.fullmatch(r"\d{1,3}", prev) and re.match(r"\d{3}(?!\d)", nxt):
            glue_next = True
        if tok in NO_SPACE_AFTER:
            glue_next = True
        out += (" " if space and out else "") + tok
    return out.strip()


def _body_like(s: str) -> bool:
    return len(s.split()) >= 8 and bool(STARTS.search(s)) and bool(ENDS.search(s)) and not _date_in(s[:40])


def _headline_like(s: str) -> bool:
    w = s.split()
    if not 3 <= len(w) <= 20 or _date_in(s) or not STARTS.search(s):
        return False
    if re.match(r"(?i)(by|posted|published|updated|first published|filed|from|last)\b", s):
        return False
    return not (FURNITURE.search(s) or LEFTOVER.search(s) or s.endswith(":"))


def load_ecb_doc(path: Path, topic: str) -> Source | None:
    root = ET.parse(path).getroot()
    sents: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sents.setdefault(int(tok.get("sentence") or 0), []).append(tok.text or "")
    plus = path.name.endswith("ecbplus.xml")
    order = sorted(sents)
    url = outlet = None
    if plus and order:
        url = "".join(sents[order[0]])
        order = order[1:]
        m = re.match(r"https?://([^/]+)", url)
        if not m:
            return None
        outlet = outlet_for_host(m.group(1))
    lines = [detokenise(sents[k], plus, {}) for k in order]
    i = 0
    while i < len(lines) and i < 6 and not _body_like(lines[i]):
        i += 1
    if i >= len(lines) or not _body_like(lines[i]):
        return None
    header = lines[:i]
    title = next((h for h in header if _headline_like(h)), None)
    date = next((d for d in (_date_in(h) for h in header) if d), None)
    state: dict[str, bool] = {}
    body: list[str | None] = []
    for k in order[i:]:
        s = detokenise(sents[k], plus, state)
        s = WIRE_DATELINE.sub("", s, count=1)
        if s and s[0].islower():
            s = s[0].upper() + s[1:]
        if HARD_STOP.search(s):
            break
        body.append(s)
    units = _units(body)
    event = f"{topic}{'ecbplus' if plus else 'ecb'}"
    src = Source(f"ecbplus/{topic}/{path.name}", topic, event, title, date, units, outlet, url)
    return src if len(units) >= 3 and src.words >= 50 else None


@dataclass
class Corpus:
    guardian: list[Source]
    ecb: list[Source]
    by_event: dict[str, list[Source]] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)


_CACHE: dict[str, Corpus] = {}


def load_corpus(data_root: Path) -> Corpus:
    key = str(Path(data_root).resolve())
    if key in _CACHE:
        return _CACHE[key]
    guardian = load_guardian(data_root / GUARDIAN_FILE)
    ecb: list[Source] = []
    folder = data_root / ECB_DIR
    for tdir in sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: (len(p.name), p.name)):
        files = sorted(tdir.glob("*.xml"),
                       key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)])
        for f in files:
            src = load_ecb_doc(f, tdir.name)
            if src:
                ecb.append(src)
    corpus = Corpus(guardian, ecb)
    for s in ecb:
        corpus.by_event.setdefault(s.event, []).append(s)
    titles = [s.title for s in guardian + ecb if s.title and 4 <= len(s.title.split()) <= 16]
    corpus.titles = list(dict.fromkeys(titles))
    _CACHE[key] = corpus
    return corpus


# ================================================================== page model
@dataclass
class Block:
    kind: str                    # title, body, caption, credit, byline, share, teaser, ...
    text: str
    key: str | None              # "body", a noise key, "subheadings", or None (neutral, not listed)
    story: int | None = None
    residue: str | None = None   # link residue glued to the end of a body paragraph
    group: str | None = None     # consecutive blocks of one group form a list (related posts, comment widget)


@dataclass
class StoryPlan:
    sid: str
    src: Source
    origin: Outlet | None
    title: str | None
    paras: list[str]
    before: list[Block]
    after: list[Block]
    evidence: list[str]
    truncations: list[dict[str, str]]
    caption: Block | None = None
    inner: list[Block] = field(default_factory=list)  # furniture inside the body (ads, timestamps)


class Ctx:
    """Everything one attempt draws from: the split's half of each family and the page's rng."""

    def __init__(self, rng: random.Random, split: str, corpus: Corpus):
        self.rng, self.split, self.corpus = rng, split, corpus
        self.site = self.pick("farm_site")
        self.dash = self.pick("dash")
        # a farm's plugins write its credit lines one way: most stories on a page share the house variant
        self.house = {f: self.pick(f) for f in ("credit_end", "credit_start", "byline_outlet")}
        self.fictional_left = list(self.fam("fictional_outlet"))

    def fam(self, name: str) -> list[Any]:
        return CATALOGUE[name][self.split]

    def pick(self, name: str) -> Any:
        return self.rng.choice(self.fam(name))

    def date_text(self, d: dt.date) -> str:
        return d.strftime(self.pick("date_format").replace("{day}", str(d.day)))

    def fill(self, tpl: str, **ctx: Any) -> str | None:
        need = {f for _, f, _, _ in string.Formatter().parse(tpl) if f}
        base: dict[str, Any] = {"site": self.site, "dash": self.dash, "n": self.rng.randint(2, 9)}
        if "author" in need or "AUTHOR" in need or "author2" in need or "author3" in need:
            a, b, c = self.rng.sample(self.fam("author"), 3)
            base.update(author=a, AUTHOR=a.upper(), author2=b, author3=c)
        if "syn" in need:
            base["syn"] = self.pick("syndicator")
        base.update({k: v for k, v in ctx.items() if v is not None})
        if any(f not in base for f in need):
            return None
        return tpl.format(**base).strip()

    def line(self, family: str, tries: int = 12, **ctx: Any) -> str | None:
        if family in self.house and self.rng.random() < 0.6:
            got = self.fill(self.house[family], **ctx)
            if got:
                return got
        for _ in range(tries):
            got = self.fill(self.pick(family), **ctx)
            if got:
                return got
        return None


def _outlet_fields(o: Outlet, src: Source, ctx: Ctx) -> dict[str, Any]:
    url = src.url if o.kind != "fictional" and src.url else None
    if url is None:
        slug = re.sub(r"[^a-z0-9]+", "-", (src.title or src.units[0].text).lower()).strip("-")[:60]
        url = f"https://{o.host}/{(src.date or dt.date(2009, 1, 1)).year}/{slug}/"
    f: dict[str, Any] = {"o": o.name, "O": o.name.upper(), "d": o.domain, "w": o.host, "url": url}
    if src.date:
        f.update(year=src.date.year, date=ctx.date_text(src.date))
    return f


def _names(line: str, o: Outlet) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", line, re.I) for n in (o.name, *o.aliases))


def _vary_case(line: str, rng: random.Random) -> str:
    """SOURCE: X / source: X / the whole line in capitals, as themes and editors write them."""
    m = re.match(r"^([A-Za-z ]+)(:\s.*)$", line)
    if m and rng.random() < 0.7:
        return (m.group(1).upper() if rng.random() < 0.6 else m.group(1).lower()) + m.group(2)
    return line.upper()


def _plan_story(ctx: Ctx, sid: str, src: Source, seen: set[str]) -> StoryPlan:
    rng = ctx.rng
    # ---- origin: the outlet the story was taken from, shown on the page or not
    origin: Outlet | None
    if src.outlet is not None:
        origin = src.outlet if rng.random() < 0.85 else None
    else:
        origin = None
        if rng.random() < 0.7 and ctx.fictional_left:
            origin = fictional_outlet(*ctx.fictional_left.pop(rng.randrange(len(ctx.fictional_left))))
    # ---- body
    units = [u for u in src.units if not any(_norm(x) in seen for x in split_sentences(u.text))]
    if len(units) < 3:
        raise Drop("source repeats another story")
    start = 0 if rng.random() < 0.8 or len(units) < 6 else rng.randint(1, len(units) - 4)
    target = rng.choice([2, 3, 3, 4, 4, 5, 5, 6, 7, 8])
    per = [1, 2, 2, 3] if src.topic == "guardian" else [1, 1, 2]
    paras: list[str] = []
    cur: list[str] = []
    k = rng.choice(per)
    for u in units[start:]:
        if cur and (len(cur) >= k or (u.para and rng.random() < 0.6)):
            paras.append(" ".join(cur))
            cur, k = [], rng.choice(per)
            if len(paras) >= target:
                break
        cur.append(u.text)
    if cur and len(paras) < target:
        paras.append(" ".join(cur))
    while len(paras) >= 2 and len(paras[0].split()) < 8:
        paras[:2] = [paras[0] + " " + paras[1]]
    while len(paras) >= 2 and len(paras[-1].split()) < 8:
        paras[-2:] = [paras[-2] + " " + paras[-1]]
    if len(paras) < 2:
        raise Drop("source too short for a story")
    truncs: list[dict[str, str]] = []
    evidence: list[str] = []
    # ---- truncation at the end: mid-sentence or mid-word
    if rng.random() < 0.25:
        words = paras[-1].split()
        last_sent = split_sentences(paras[-1])[-1].split()
        if len(last_sent) >= 8 and len(words) >= 10:
            cut = len(words) - rng.randint(3, max(3, len(last_sent) // 2))
            kept = words[:cut]
            mid = rng.random() < 0.5 and len(kept[-1]) >= 5 and kept[-1].isalpha()
            if mid:
                kept[-1] = kept[-1][:rng.randint(2, len(kept[-1]) - 2)]
            else:
                kept[-1] = kept[-1].rstrip(",;:—–-“‘\"'(")
            if kept[-1] and len(kept) >= 8:
                paras[-1] = " ".join(kept)
                truncs.append({"where": "end", "note": "cut mid-word" if mid else "cut mid-sentence"})
    # ---- truncation at the start: the first words lost
    dateline = None
    if rng.random() < 0.15 and not truncs:
        words = paras[0].split()
        first_sent = split_sentences(paras[0])[0]
        if len(first_sent.split()) >= 12 and first_sent[0].isalpha():
            drop = rng.randint(1, 4)
            paras[0] = " ".join(words[drop:])
            note = f"the sentence lost its first {drop} word{'s' if drop > 1 else ''}"
            truncs.append({"where": "start", "note": note})
    elif origin is not None and (origin.wire or origin.name in DATELINE_OUTLETS) and rng.random() < 0.8:
        dateline = ctx.fill(ctx.pick("dateline"), o=origin.name, O=origin.name.upper())
        if dateline:
            paras[0] = dateline + " " + paras[0] if not dateline.endswith(" ") else dateline + paras[0]
            evidence.append(dateline.strip())
    title = src.title if src.title and rng.random() < 0.8 else None
    before: list[Block] = []
    after: list[Block] = []
    f = _outlet_fields(origin, src, ctx) if origin else {}
    if src.date and "year" not in f:
        f["year"] = src.date.year
    # ---- credits and bylines
    if origin is not None:
        n_ev = 0
        if rng.random() < 0.35:
            line = ctx.line("byline_outlet", **f)
            if line:
                blk = Block("byline", line, "site_boilerplate")
                (before if rng.random() < 0.75 else after).append(blk)
                n_ev += 1
        roll = rng.random()
        if n_ev == 0 or roll < 0.6:
            fam = "credit_start" if roll < 0.2 else "credit_end"
            line = ctx.line(fam, title=src.title, **f)
            if line and rng.random() < 0.15:
                line = _vary_case(line, rng)
            if line:
                (before if fam == "credit_start" else after).append(Block("credit", line, "site_boilerplate"))
                n_ev += 1
        if n_ev == 0 and not evidence:
            origin = None
        for b in before + after:
            if origin is not None and _names(b.text, origin):
                evidence.append(b.text)
        if origin is not None and origin.wire and rng.random() < 0.5:
            line = ctx.line("wire_signoff")
            if line:
                after.insert(0, Block("credit", line, "site_boilerplate"))
    else:
        r = rng.random()
        if r < 0.25:
            line = ctx.line("byline_plain")
            if line:
                before.append(Block("byline", line, "site_boilerplate"))
        elif r < 0.45:
            after.append(Block("credit", ctx.pick("credit_vague"), "site_boilerplate"))
    if origin is None:
        evidence = []
    plan = StoryPlan(sid, src, origin, title, paras, before, after, evidence, truncs)
    # ---- caption
    if rng.random() < 0.3:
        cap = credit = None
        if src.caption and " Photograph: " in src.caption:
            cap, credit = src.caption.rsplit(" Photograph: ", 1)
        if cap is None:
            cap = ctx.pick("caption_stock")
            credit = ctx.fill(ctx.pick("photo_credit"), photog=rng.choice(CATALOGUE["author"][ctx.split]))
        line = ctx.fill(ctx.pick("caption"), cap=cap, credit=credit)
        if line:
            plan.caption = Block("caption", line, "captions")
    # ---- furniture inside the body
    if len(paras) >= 3 and rng.random() < 0.15:
        plan.inner.append(Block("ad", ctx.pick("ad"), "site_boilerplate"))
    if src.topic == "guardian" and rng.random() < 0.15:
        hh, mm = rng.randint(6, 23), rng.choice([2, 14, 27, 33, 41, 58])
        line = ctx.fill(ctx.pick("timestamp"), hh=f"{hh:02d}", mm=f"{mm:02d}", h12=(hh - 1) % 12 + 1,
                        ampm="am" if hh < 12 else "pm", date=ctx.date_text(src.date) if src.date else None)
        if line:
            plan.inner.append(Block("timestamp", line, "site_boilerplate"))
    return plan


def _tags(plans: list[StoryPlan], rng: random.Random) -> list[str]:
    stop = {"The", "A", "An", "In", "On", "He", "She", "It", "They", "We", "I", "But", "And", "This", "That", "Mr",
            "Mrs", "Ms", "Dr", "His", "Her", "Their", "There", "When", "After", "As", "At", "For", "If", "Its"}
    c: Counter[str] = Counter()
    for p in plans:
        for para in p.paras:
            for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b", para):
                if m.group(1) not in stop:
                    c[m.group(1)] += 1
    tags = [w for w, _ in c.most_common(6)]
    rng.shuffle(tags)
    return tags[:rng.randint(2, 4)] or ["News", "World"]


def _furniture(ctx: Ctx, kind: str, page_titles: set[str], tags: list[str]) -> list[Block]:
    rng = ctx.rng
    if kind == "share":
        return [Block("share", ctx.pick("share"), "site_boilerplate")]
    if kind == "ad":
        return [Block("ad", ctx.pick("ad"), "site_boilerplate")]
    if kind == "separator":
        return [Block("separator", ctx.pick("separator"), "site_boilerplate")]
    if kind == "residue":
        return [Block("residue", ctx.pick("link_residue"), "link_residue")]
    if kind == "newsletter":
        line = ctx.fill(ctx.pick("newsletter"), n=f"{rng.choice([12, 25, 40, 85])},{rng.randint(100, 999)}")
        return [Block("newsletter", line or "", "site_boilerplate")]
    if kind == "disclaimer":
        return [Block("disclaimer", ctx.fill(ctx.pick("disclaimer")) or "", "site_boilerplate")]
    if kind == "tags":
        line = ctx.fill(ctx.pick("tags"), tags_comma=", ".join(tags), tags_dot=" · ".join(tags), tag1=tags[0],
                        tags_hash=" ".join("#" + t for t in tags), section=rng.choice(SECTIONS))
        return [Block("tags", line or "", "site_boilerplate")]
    if kind == "related":
        pool = [t for t in ctx.corpus.titles if _norm(t) not in page_titles]
        teasers = rng.sample(pool, rng.randint(2, 4))
        form = ctx.pick("teaser_form")
        out = [Block("related_head", ctx.fill(ctx.pick("related_head")) or "Related", "site_boilerplate",
                     group="related")]
        for t in teasers:
            page_titles.add(_norm(t))
            out.append(Block("teaser", ctx.fill(form, t=t) or t, "teasers", group="related"))
        return out
    if kind == "comments":
        return [Block("comments", line, "site_boilerplate", group="comments") for line in ctx.pick("comments")]
    raise ValueError(kind)


def _choose_sources(ctx: Ctx) -> list[Source]:
    rng, corpus = ctx.rng, ctx.corpus
    n = rng.choice([2, 2, 3, 3, 3, 4])
    chosen: list[Source] = []
    pair: list[Source] = []
    if rng.random() < 0.35:
        if rng.random() < 0.2 and len(corpus.guardian) >= 2:
            pair = rng.sample(corpus.guardian, 2)
        else:
            events = sorted(e for e, docs in corpus.by_event.items() if len(docs) >= 2)
            ev = rng.choice(events)
            if rng.random() < 0.75:
                pair = rng.sample(corpus.by_event[ev], 2)
            else:  # the topic's other seminal event
                topic = corpus.by_event[ev][0].topic
                other = [d for d in corpus.ecb if d.topic == topic and d.event != ev]
                pair = ([rng.choice(corpus.by_event[ev]), rng.choice(other)] if other
                        else rng.sample(corpus.by_event[ev], 2))
    topics = {s.topic for s in pair}
    while len(chosen) + len(pair) < n:
        src = rng.choice(corpus.guardian) if rng.random() < 0.35 else rng.choice(corpus.ecb)
        if src.topic in topics:
            continue
        topics.add(src.topic)
        chosen.append(src)
    if pair:
        at = rng.randint(0, len(chosen))
        chosen[at:at] = pair
    return chosen


def _assemble(ctx: Ctx, plans: list[StoryPlan], page_date: dt.date | None) -> list[Block]:
    rng = ctx.rng
    page_titles = {_norm(p.src.title) for p in plans if p.src.title}
    tags = _tags(plans, rng)
    blocks: list[Block] = [Block("site_title", ctx.site, "site_boilerplate")]
    if rng.random() < 0.6:
        blocks.append(Block("tagline", ctx.pick("tagline"), "site_boilerplate"))
    if rng.random() < 0.6:
        line = ctx.fill(ctx.pick("breadcrumb"), section=rng.choice(SECTIONS), sub=rng.choice(SUBSECTIONS))
        blocks.append(Block("breadcrumb", line or "", "site_boilerplate"))
    posted_first = rng.random() < 0.5
    posted = None
    if rng.random() < 0.7:
        user = ctx.pick("farm_user")
        date = ctx.date_text(page_date) if page_date else None
        posted = ctx.line("posted", user=user, date=date)
    between_kinds = ["share", "ad", "separator", "related", "tags", "residue", "newsletter", "disclaimer"]
    weights = [3, 3, 2, 2, 1, 1, 1, 1]
    for i, p in enumerate(plans):
        if i > 0:
            for kind in dict.fromkeys(rng.choices(between_kinds, weights, k=rng.randint(0, 3))):
                blocks += _furniture(ctx, kind, page_titles, tags)
        if p.before and p.before[0].kind == "byline" and rng.random() < 0.2:
            blocks.append(p.before.pop(0))  # the byline above the headline
            blocks[-1].story = i
        if p.title:
            blocks.append(Block("title", p.title, "subheadings", story=i))
        if posted and i == 0 and not posted_first:
            blocks.append(Block("posted", posted, "site_boilerplate", story=0))
            posted = None
        for b in p.before:
            b.story = i
            blocks.append(b)
        cap_at = rng.choice([-1, 1, 1, 2]) if p.caption else None
        inner_at = {rng.randint(1, len(p.paras) - 1): b for b in p.inner}
        for j, para in enumerate(p.paras):
            if p.caption and cap_at == -1 and j == 0:
                blocks.append(Block("caption", p.caption.text, "captions", story=i))
            if j in inner_at:
                b = inner_at[j]
                b.story = i
                blocks.append(b)
            blk = Block("body", para, "body", story=i)
            if 0 < j < len(p.paras) - 1 and rng.random() < 0.12:
                blk.residue = ctx.pick("link_residue")
            blocks.append(blk)
            if p.caption and cap_at == j + 1 and j + 1 < len(p.paras):
                blocks.append(Block("caption", p.caption.text, "captions", story=i))
        for b in p.after:
            b.story = i
            blocks.append(b)
    if posted:  # the farm's posting line sits at the top
        at = next(k for k, b in enumerate(blocks) if b.story is not None)
        blocks.insert(at, Block("posted", posted, "site_boilerplate"))
    tail = [k for k, pr in (("share", 0.5), ("tags", 0.4), ("related", 0.5), ("disclaimer", 0.15),
                            ("newsletter", 0.3), ("comments", 0.6)) if rng.random() < pr]
    for kind in tail:
        blocks += _furniture(ctx, kind, page_titles, tags)
    if rng.random() < 0.9:
        year = (page_date or dt.date(2013, 1, 1)).year
        blocks.append(Block("footer", ctx.fill(ctx.pick("footer"), year=year) or "", "site_boilerplate"))
    if rng.random() < 0.4:
        blocks.append(Block("cookie", ctx.pick("cookie"), "site_boilerplate"))
    return [b for b in blocks if b.text]


# ================================================================== rendering
Region = tuple[int, int, str, int | None]


def render_text(blocks: list[Block], single_newlines: bool) -> tuple[str, list[Region]]:
    parts: list[str] = []
    regions: list[Region] = []
    pos = 0
    for k, b in enumerate(blocks):
        if k:
            same_group = b.group is not None and blocks[k - 1].group == b.group
            sep = "\n" if single_newlines or same_group else "\n\n"
            parts.append(sep)
            pos += len(sep)
        regions.append((pos, pos + len(b.text), b.key or "", b.story))
        parts.append(b.text)
        pos += len(b.text)
        if b.residue:
            parts.append(" " + b.residue)
            regions.append((pos + 1, pos + 1 + len(b.residue), "link_residue", b.story))
            pos += 1 + len(b.residue)
    return "".join(parts), regions


def _e(s: str) -> str:
    return html.escape(s, quote=False)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:50] or "post"


def _linkify_list(text: str) -> str:
    """'Tags: a, b' -> 'Tags: <a>a</a>, <a>b</a>' (same visible text)."""
    m = re.match(r"^([^:]+:\s*)(.+)$", text)
    if not m:
        return _e(text)
    head, rest = m.groups()
    items = re.split(r"(\s*[,·/]\s*|\s+(?=#))", rest)
    out = [_e(head)]
    for it in items:
        if not it or re.fullmatch(r"\s*[,·/]?\s*", it):
            out.append(_e(it))
        else:
            out.append(f'<a href="/tag/{_slug(it)}/" rel="tag">{_e(it)}</a>')
    return "".join(out)


THEMES: dict[str, dict[str, str]] = {
    "wordpress": {
        "generator": "WordPress 6.1.1", "body_class": "post-template-default single single-post postid-{pid}",
        "site_title": '<p class="site-title"><a href="/" rel="home">{x}</a></p>',
        "tagline": '<p class="site-description">{x}</p>',
        "breadcrumb": '<nav class="breadcrumbs" aria-label="Breadcrumb">{x}</nav>',
        "title0": '<h1 class="entry-title">{x}</h1>', "title": '<h2 class="wp-block-heading">{x}</h2>',
        "posted": '<div class="entry-meta"><span class="posted-on">{x}</span></div>',
        "body": "<p>{x}</p>", "more_link": ' <a href="{href}" class="more-link">{r}</a>',
        "caption": '<figure class="wp-block-image size-large"><img src="/wp-content/uploads/{img}.jpg" alt="" '
                   'width="1024" height="576"><figcaption class="wp-element-caption">{x}</figcaption></figure>',
        "credit": '<p class="source"><em>{x}</em></p>', "byline": '<p class="byline author vcard">{x}</p>',
        "share": '<div class="sharedaddy sd-sharing-enabled"><div class="sd-content">{x}</div></div>',
        "ad": '<div class="code-block code-block-3" style="margin: 8px 0; clear: both;">{x}</div>',
        "related_head": '<h3 class="jp-relatedposts-headline"><em>{x}</em></h3>',
        "teaser": '<li class="jp-relatedposts-post"><a href="/{slug}/">{x}</a></li>',
        "related_open": '<div id="jp-relatedposts" class="jp-relatedposts">', "related_close": "</div>",
        "list_open": "<ul>", "list_close": "</ul>",
        "comments_open": '<div id="comments" class="comments-area"><div id="respond" class="comment-respond">',
        "comments_close": "</div></div>", "comments": "<p>{x}</p>",
        "tags": '<footer class="entry-footer"><span class="tags-links">{xl}</span></footer>',
        "footer": '<footer id="colophon" class="site-footer"><div class="site-info">{x}</div></footer>',
        "cookie": '<div id="cookie-notice" role="dialog" class="cookie-notice-hidden">{x}</div>',
        "content_open": '<main id="main" class="site-main"><article id="post-{pid}" class="post-{pid} post type-post '
                        'status-publish format-standard hentry"><div class="entry-content">',
        "content_close": "</div></article></main>",
        "header_open": '<header id="masthead" class="site-header"><div class="site-branding">',
        "header_close": "</div></header>",
    },
    "ghost": {
        "generator": "Ghost 5.2", "body_class": "post-template tag-news",
        "site_title": '<a class="gh-head-logo" href="/">{x}</a>', "tagline": '<p class="gh-head-description">{x}</p>',
        "breadcrumb": '<div class="gh-breadcrumb">{x}</div>',
        "title0": '<h1 class="article-title">{x}</h1>', "title": "<h2>{x}</h2>",
        "posted": '<div class="article-byline-meta"><span class="byline-meta-content">{x}</span></div>',
        "body": "<p>{x}</p>", "more_link": ' <a href="{href}">{r}</a>',
        "caption": '<figure class="kg-card kg-image-card kg-card-hascaption"><img src="/content/images/{img}.jpg" '
                   'class="kg-image" alt="" loading="lazy"><figcaption>{x}</figcaption></figure>',
        "credit": '<div class="source">{x}</div>', "byline": '<div class="article-byline">{x}</div>',
        "share": '<div class="share-buttons">{x}</div>', "ad": '<div class="kg-card kg-html-card">{x}</div>',
        "related_head": '<h3 class="read-next-title">{x}</h3>', "teaser": '<li><a href="/{slug}/">{x}</a></li>',
        "related_open": '<aside class="read-next">', "related_close": "</aside>",
        "list_open": '<ul class="read-next-feed">', "list_close": "</ul>",
        "comments_open": '<section class="article-comments gh-canvas">', "comments_close": "</section>",
        "comments": "<p>{x}</p>", "tags": '<div class="post-tags">{xl}</div>',
        "footer": '<footer class="site-footer outer"><div class="site-footer-content inner">{x} '
                  '<a href="https://ghost.org/" target="_blank" rel="noopener"></a></div></footer>',
        "cookie": '<div class="cookie-banner">{x}</div>',
        "content_open": '<main id="site-main" class="site-main"><article class="article post"><section '
                        'class="gh-content gh-canvas">',
        "content_close": "</section></article></main>",
        "header_open": '<header id="gh-head" class="gh-head outer"><div class="gh-head-brand">',
        "header_close": "</div></header>",
    },
    "blogger": {
        "generator": "blogger", "body_class": "variant-indie",
        "site_title": "<h1 class='title'><a href='/'>{x}</a></h1>",
        "tagline": "<p class='description'><span>{x}</span></p>",
        "breadcrumb": '<div class="breadcrumbs">{x}</div>',
        "title0": "<h3 class='post-title entry-title'>{x}</h3>", "title": "<h3 class='post-title entry-title'>{x}</h3>",
        "posted": "<div class='post-header'><span class='post-author vcard'>{x}</span></div>",
        "body": "<p>{x}</p>", "more_link": " <a href='{href}'>{r}</a>",
        "caption": "<table class='tr-caption-container'><tbody><tr><td><img src='https://blogger.googleusercontent.com/"
                   "img/{img}.jpg' /></td></tr><tr><td class='tr-caption'>{x}</td></tr></tbody></table>",
        "credit": "<div class='source'>{x}</div>", "byline": "<div class='post-author'>{x}</div>",
        "share": "<div class='post-share-buttons goog-inline-block'>{x}</div>",
        "ad": "<div class='widget AdSense'>{x}</div>",
        "related_head": "<h2 class='related-title'>{x}</h2>", "teaser": "<li><a href='/{slug}.html'>{x}</a></li>",
        "related_open": "<div class='related-posts widget'>", "related_close": "</div>",
        "list_open": "<ul>", "list_close": "</ul>",
        "comments_open": "<div class='comments' id='comments'>", "comments_close": "</div>", "comments": "<p>{x}</p>",
        "tags": "<div class='post-footer-line post-footer-line-2'><span class='post-labels'>{xl}</span></div>",
        "footer": "<div class='footer-outer'><div class='widget Attribution'>{x}</div></div>",
        "cookie": "<div id='cookieChoiceInfo'>{x}</div>",
        "story_open": "<div class='post hentry uncustomized-post-template' itemprop='blogPost'>",
        "story_close": "</div>",
        "post_body_open": "<div class='post-body entry-content' itemprop='articleBody'>", "post_body_close": "</div>",
        "content_open": "<div class='blog-posts hfeed'>", "content_close": "</div>",
        "header_open": "<div class='header-outer'><div class='Header widget'>", "header_close": "</div></div>",
    },
    "newspaper": {
        "generator": "WordPress 5.9.3", "body_class": "post-template-default single single-post td-standard-pack",
        "site_title": '<div class="td-logo-text-container"><span class="td-logo-text">{x}</span></div>',
        "tagline": '<span class="td-tagline-text">{x}</span>',
        "breadcrumb": '<div class="td-crumb-container"><div class="entry-crumbs">{x}</div></div>',
        "title0": '<h1 class="entry-title">{x}</h1>', "title": "<h3>{x}</h3>",
        "posted": '<div class="td-module-meta-info"><div class="td-post-author-name">{x}</div></div>',
        "body": "<p>{x}</p>", "more_link": ' <a href="{href}">{r}</a>',
        "caption": '<figure class="wp-caption aligncenter"><img src="/wp-content/uploads/{img}.jpg" alt="">'
                   '<figcaption class="wp-caption-text">{x}</figcaption></figure>',
        "credit": '<div class="td-post-source-tags"><div class="td-post-source">{x}</div></div>',
        "byline": '<div class="td-post-author-name">{x}</div>',
        "share": '<div class="td-post-sharing td-ps-bg td-ps-notext">{x}</div>',
        "ad": '<div class="td-a-rec td-a-rec-id-content_inline"><span class="td-adspot-title">{x}</span></div>',
        "related_head": '<div class="td-related-title"><span class="td-related-left">{x}</span></div>',
        "teaser": '<li class="td-related-span4"><h3 class="entry-title td-module-title"><a href="/{slug}/">{x}</a>'
                  '</h3></li>',
        "related_open": '<div class="td_block_wrap td_block_related_posts">', "related_close": "</div>",
        "list_open": '<ul class="td_block_inner">', "list_close": "</ul>",
        "comments_open": '<div class="comments" id="comments">', "comments_close": "</div>", "comments": "<p>{x}</p>",
        "tags": '<ul class="td-tags td-post-small-box clearfix"><li>{xl}</li></ul>',
        "footer": '<div class="td-sub-footer-container"><div class="td-sub-footer-copy">{x}</div></div>',
        "cookie": '<div class="td-cookie-notice">{x}</div>',
        "content_open": '<article class="post type-post"><div class="td-post-content tagdiv-type">',
        "content_close": "</div></article>",
        "header_open": '<div class="td-header-wrap td-header-style-1"><div class="td-header-sp-logo">',
        "header_close": "</div></div>",
    },
}
GENERIC = "<div class=\"{kind}\">{x}</div>"


def render_html(blocks: list[Block], theme_name: str, ctx: Ctx, page_date: dt.date | None) -> tuple[str, str,
                                                                                                      list[Region]]:
    th = THEMES[theme_name]
    rng = ctx.rng
    pid = rng.randint(1000, 99999)
    first_title = next((b.text for b in blocks if b.kind == "title"), ctx.site)
    head = ['<!DOCTYPE html>', '<html lang="en-US">', "<head>", '<meta charset="UTF-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(first_title)} – {_e(ctx.site)}</title>",
            f'<meta name="generator" content="{th["generator"]}">',
            f'<meta property="og:site_name" content="{html.escape(ctx.site)}">',
            f'<meta property="og:title" content="{html.escape(first_title)}">']
    if page_date:
        stamp = f"{page_date.isoformat()}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00+00:00"
        head.append(f'<meta property="article:published_time" content="{stamp}">')
    head += ["<style>.sd-content a{margin-right:6px}.source{font-size:.85em;color:#666}</style>",
             "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>",
             "</head>", f'<body class="{th["body_class"].format(pid=pid)}">']
    out = list(head)
    lines: list[str] = []
    regions: list[Region] = []
    pos = 0

    def emit_text(b: Block) -> None:
        nonlocal pos
        if lines:
            pos += 1
        regions.append((pos, pos + len(b.text), b.key or "", b.story))
        lines.append(b.text)
        pos += len(b.text)
        if b.residue:
            regions.append((pos + 1, pos + 1 + len(b.residue), "link_residue", b.story))
            lines[-1] += " " + b.residue
            pos += 1 + len(b.residue)

    state: dict[str, Any] = {"header": False, "content": False, "story": None, "group": None, "pbody": False}

    def close_story() -> str:
        closing = th["post_body_close"] if state["pbody"] else ""
        state["pbody"], state["story"] = False, None
        return closing + th["story_close"]

    first_story = next((k for k, b in enumerate(blocks) if b.story is not None), len(blocks))
    last_story = max((k for k, b in enumerate(blocks) if b.story is not None), default=-1)
    titles_seen = 0
    for k, b in enumerate(blocks):
        if b.group != state["group"]:
            if state["group"]:
                out.append(th["list_close"] + th[f"{state['group']}_close"] if state["group"] == "related"
                           else th["comments_close"])
            if b.group == "related":
                out.append(th["related_open"])
            elif b.group == "comments":
                out.append(th["comments_open"])
            state["group"] = b.group
        if k < first_story and not state["header"] and b.kind in ("site_title", "tagline"):
            out.append(th["header_open"])
            state["header"] = True
        if state["header"] is True and b.kind not in ("site_title", "tagline"):
            out.append(th["header_close"])
            state["header"] = "done"
        if (k == first_story or (k < first_story and b.kind == "posted")) and not state["content"]:
            out.append(th["content_open"].format(pid=pid))
            state["content"] = True
        if "story_open" in th and b.story != state["story"] and state["story"] is not None:
            out.append(close_story())
        if "story_open" in th and b.story is not None and b.story != state["story"]:
            out.append(th["story_open"])
            state["story"] = b.story
        if "post_body_open" in th and b.story is not None and not state["pbody"] and b.kind != "title":
            out.append(th["post_body_open"])
            state["pbody"] = True
        kind = b.kind
        if kind == "title":
            tpl = th["title0"] if titles_seen == 0 else th["title"]
            titles_seen += 1
        elif kind == "credit" and rng.random() < 0.3:
            tpl = '<footer class="entry-source">{x}</footer>'
        else:
            tpl = th.get(kind) or GENERIC
        x = _e(b.text)
        piece = tpl.format(x=x, xl=_linkify_list(b.text), kind=kind, slug=_slug(b.text), pid=pid,
                           img=f"{rng.randint(2009, 2022)}/{rng.randint(1, 12):02d}/img-{rng.randint(100, 9999)}")
        if b.kind == "teaser" and (k == 0 or blocks[k - 1].kind != "teaser"):
            piece = th["list_open"] + piece
        if b.residue:
            res = th["more_link"].format(href=f"/{_slug(b.text[:40])}/#more", r=_e(b.residue))
            piece = piece.replace(f"{x}</p>", f"{x}{res}</p>", 1)
        out.append(piece)
        emit_text(b)
        if k == last_story:
            if "story_open" in th and state["story"] is not None:
                out.append(close_story())
            if state["group"]:
                out.append(th["list_close"] + th["related_close"] if state["group"] == "related"
                           else th["comments_close"])
                state["group"] = None
            out.append(th["content_close"])
    if state["group"]:
        out.append(th["list_close"] + th["related_close"] if state["group"] == "related" else th["comments_close"])
    if state["header"] is True:
        out.append(th["header_close"])
    out += ["<script>/* theme scripts */</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n", "\n".join(lines), regions


# ================================================================== the key
def _make_key(text: str, plans: list[StoryPlan], blocks: list[Block], regions: list[Region],
              page_date: dt.date | None) -> dict[str, Any]:
    stories = []
    for i, p in enumerate(plans):
        body = [b for b in blocks if b.story == i and b.key == "body"]
        first_line, last_line = body[0].text, body[-1].text
        first = _anchor(text, first_line, 6, from_end=False)
        last = _anchor(text, last_line, 6, from_end=True)
        if not first or not last:
            raise Drop("story anchor not unique")
        entry: dict[str, Any] = {"id": p.sid, "first": first, "last": last,
                                 "origin": p.origin.name if p.origin else None,
                                 "origin_aliases": list(p.origin.aliases) if p.origin else [],
                                 "origin_evidence": list(dict.fromkeys(p.evidence)) if p.origin else [],
                                 "title": p.title, "source": p.src.key, "topic": p.src.topic}
        stories.append(entry)
    noise: dict[str, Any] = {k: [] for k in ("site_boilerplate", "credits", "link_residue", "teasers", "captions",
                                             "duplicate_lines", "summary_bullets", "subheadings")}
    for b in blocks:
        if b.key in noise:
            noise[b.key].append(b.text)
        if b.kind in ("credit", "byline", "posted"):
            noise["credits"].append(b.text)
        if b.residue:
            noise["link_residue"].append(b.residue)
    for k in noise:
        noise[k] = list(dict.fromkeys(noise[k]))
    truncs = []
    for i, p in enumerate(plans):
        for t in p.truncations:
            line = next(b.text for b in blocks if b.story == i and b.key == "body") if t["where"] == "start" else \
                [b.text for b in blocks if b.story == i and b.key == "body"][-1]
            anchor = _anchor(text, line, 4, from_end=t["where"] == "end")
            if not anchor:
                raise Drop("truncation anchor not unique")
            truncs.append({"anchor": anchor, "where": t["where"], "note": t["note"]})
    noise["truncations"] = truncs
    return {"reference_date": page_date.isoformat() if page_date else None,
            "stories": stories,
            "required_boundaries": [[a["id"], b["id"]] for a, b in itertools.pairwise(stories)],
            "topic_boundaries": [],
            "noise": noise,
            "entities": [], "quotes": [], "claims": [], "times": [], "events": []}


def check_key(page: StitchedPage, regions: list[Region] | None = None) -> list[str]:
    """Problems that make the key untrue for page.text (empty when it is true). With `regions` (start, end,
    key, story) from the builder, every occurrence of a noise anchor must lie inside a noise region; without
    them, inside a line that is wholly noise, outside every story span, or (link residue) at a line's end."""
    g, text = page.gold, page.text
    probs: list[str] = []
    spans = []
    for s in g["stories"]:
        for k in ("first", "last"):
            c = _count(text, s[k])
            if c != 1:
                probs.append(f"story {s['id']} {k} anchor occurs {c} times")
        if len(s["first"].split()) < 6 or len(s["last"].split()) < 6:
            probs.append(f"story {s['id']} anchor shorter than 6 words")
        if probs:
            continue
        a, b = find_all(text, s["first"])[0], find_all(text, s["last"])[0]
        if a[0] > b[0]:
            probs.append(f"story {s['id']} ends before it starts")
        if a[0] and text[a[0] - 1] != "\n":
            probs.append(f"story {s['id']} first anchor is not at a line start")
        if b[1] < len(text) and text[b[1]] != "\n":
            probs.append(f"story {s['id']} last anchor does not end a line")
        spans.append((a[0], b[1]))
        if s.get("origin"):
            names = [s["origin"], *s.get("origin_aliases", [])]
            ev = s.get("origin_evidence") or []
            if not ev:
                probs.append(f"story {s['id']} has an origin without evidence")
            for e in ev:
                if not find_all(text, e):
                    probs.append(f"story {s['id']} evidence not on the page: {e!r}")
                if not any(n.lower() in e.lower() for n in names):
                    probs.append(f"story {s['id']} evidence does not name its origin: {e!r}")
    for x, y in itertools.pairwise(spans):
        if x[1] >= y[0]:
            probs.append("stories overlap or are out of order")
    ids = [s["id"] for s in g["stories"]]
    if g["required_boundaries"] != [[a, b] for a, b in itertools.pairwise(ids)]:
        probs.append("required boundaries are not the consecutive pairs")
    noise = g["noise"]
    if not set(noise["credits"]) <= set(noise["site_boilerplate"]):
        probs.append("a credit line is not listed as boilerplate")
    for t in noise["truncations"]:
        c = _count(text, t["anchor"])
        if c != 1:
            probs.append(f"truncation anchor occurs {c} times: {t['anchor']!r}")
    if regions is not None:
        noise_regions = [(r[0], r[1]) for r in regions if r[2] in NOISE_KEYS]
        neutral_regions = noise_regions + [(r[0], r[1]) for r in regions if r[2] == "subheadings"]
    else:  # infer them: occurrences that are whole lines, residue at a line's end, or anything between stories
        noise_regions, neutral_regions = [], []
        for key in (*NOISE_KEYS, "subheadings"):
            for anchor in noise[key]:
                for o_s, o_e in find_all(text, anchor):
                    ls = text.rfind("\n", 0, o_s) + 1
                    le = text.find("\n", o_e)
                    whole = text[ls:le if le >= 0 else len(text)].strip() == text[o_s:o_e].strip()
                    at_end = key == "link_residue" and text[o_e:o_e + 1] in ("", "\n")  # "... he said. read more"
                    if whole or at_end or not any(a <= o_s < b for a, b in spans):
                        (neutral_regions if key == "subheadings" else noise_regions).append((o_s, o_e))
        neutral_regions += noise_regions
    for key in (*NOISE_KEYS, "subheadings"):
        allowed = noise_regions if key != "subheadings" else neutral_regions
        for anchor in noise[key]:
            occ = find_all(text, anchor)
            if not occ:
                probs.append(f"{key} anchor not on the page: {anchor!r}")
            if not all(any(a <= o_s and o_e <= b for a, b in allowed) for o_s, o_e in occ):
                probs.append(f"{key} anchor also occurs in article text: {anchor!r}")
    for st in g["stories"]:  # anchors must not sit inside noise either
        for k in ("first", "last"):
            for h_s, h_e in find_all(text, st[k]):
                if any(x < h_e and h_s < y for x, y in noise_regions):
                    probs.append(f"story {st['id']} {k} anchor overlaps noise")
    return probs


def _reason(problem: str) -> str:
    for pat, reason in ((r"story .* anchor occurs", "story anchor not unique"),
                        (r"truncation anchor", "truncation anchor not unique"),
                        (r"also occurs in article text", "noise anchor in article text"),
                        (r"overlaps noise", "story anchor overlaps noise"),
                        (r"evidence", "origin evidence missing")):
        if re.search(pat, problem):
            return reason
    return "key check failed"


# ================================================================== pages
def _attempt(ctx: Ctx, page_id: str, as_html: bool) -> tuple[StitchedPage, list[Region]]:
    rng = ctx.rng
    sources = _choose_sources(ctx)
    seen: set[str] = set()
    plans: list[StoryPlan] = []
    for i, src in enumerate(sources):
        plan = _plan_story(ctx, "ABCDEFGH"[i], src, seen)
        seen |= {_norm(p) for para in plan.paras for p in split_sentences(para)}
        seen |= {_norm(x) for u in src.units for x in split_sentences(u.text)}
        plans.append(plan)
    dates = [p.src.date for p in plans if p.src.date]
    page_date = max(dates) + dt.timedelta(days=rng.choice([0, 0, 1, 2])) if dates else None
    blocks = _assemble(ctx, plans, page_date)
    if as_html:
        theme = ctx.pick("html_theme")
        content, text, regions = render_html(blocks, theme, ctx, page_date)
    else:
        text, regions = render_text(blocks, single_newlines=rng.random() < 0.25)
        content = text + "\n"
    gold = _make_key(text, plans, blocks, regions, page_date)
    page = StitchedPage(page_id, "html" if as_html else "text", content, text, gold,
                        tuple(p.src.key for p in plans))
    probs = check_key(page, regions)
    if probs:
        raise Drop(_reason(probs[0]))
    return page, regions


def build_pages(data_root: Path, n: int, seed: int, *, html_share: float = 0.0,
                drops: Counter[str] | None = None, split: str = "dev") -> list[StitchedPage]:
    """n content-farm pages with answer keys, decided by seed; conventions from the split's half only."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    data_root = Path(data_root)
    if not data_available(data_root):
        raise FileNotFoundError(f"shared data not found under {data_root}")
    corpus = load_corpus(data_root)
    drops = drops if drops is not None else Counter()
    rng = random.Random(f"farm2:{split}:{seed}")
    pages: list[StitchedPage] = []
    for _ in range(20 * n):
        if len(pages) >= n:
            break
        ctx = Ctx(random.Random(rng.getrandbits(64)), split, corpus)
        as_html = ctx.rng.random() < html_share
        try:
            page, _ = _attempt(ctx, f"farm2-{split}-s{seed}-{len(pages):03d}", as_html)
        except Drop as exc:
            drops[str(exc)] += 1
            continue
        pages.append(page)
    return pages


# ================================================================== a perfect analysis (for the self-check)
def perfect_analysis(page: StitchedPage) -> dict[str, Any]:
    """The analysis a flawless system would give, built from the key: what the scorer must score 1.0."""
    g, text = page.gold, page.text
    ana: dict[str, Any] = {"schema": "newsdesk.analysis/1", "text": text, "removed": [], "flags": [], "stories": [],
                           "entities": [], "quotes": [], "claims": [], "times": [], "events": []}
    for key in NOISE_KEYS:
        for a in g["noise"][key]:
            for s, e in find_all(text, a):
                ana["removed"].append({"start": s, "end": e, "kind": key})
    for t in g["noise"]["truncations"]:
        s, e = find_all(text, t["anchor"])[0]
        ana["flags"].append({"start": s, "end": e, "kind": "truncated_" + t["where"]})
    for st in g["stories"]:
        s = find_all(text, st["first"])[0][0]
        e = find_all(text, st["last"])[0][1]
        ana["stories"].append({"start": s, "end": e, "origin": st["origin"]})
    return ana


def _load_scorer(data_root: Path) -> Any | None:
    """The shared page scorer beside the data folder (`<data>/../eval/score_page.py`), or None."""
    return load_scorer(Path(data_root).resolve().parent / "eval" / "score_page.py")


def write_pages_main(build: Callable[..., list[StitchedPage]], splits: Sequence[str], doc: str | None,
                     argv: list[str] | None = None, html_share: float = 0.25) -> int:
    """The command line of a builder that only writes its pages (builders 3 and 4): --out, --pages, --seed,
    --data, --html, --split; prints how many pages and dropped attempts as one JSON line."""
    ap = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="directory for <id>.txt|.html and <id>.gold.json")
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--html", action="store_true", help=f"make about {html_share:.0%} of the pages HTML")
    ap.add_argument("--split", choices=tuple(splits), default="dev")
    args = ap.parse_args(argv)
    drops: Counter[str] = Counter()
    pages = build(args.data, args.pages, args.seed, html_share=html_share if args.html else 0.0, drops=drops,
                  split=args.split)
    for page in pages:
        page.write(args.out)
    print(json.dumps({"pages": len(pages), "dropped": dict(drops)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="directory for <id>.txt|.html and <id>.gold.json")
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--html", action="store_true", help="make about a third of the pages HTML documents")
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--check", action="store_true",
                    help="score a perfect analysis of every page with eval/score_page.py "
                         "(written as <id>.perfect.json)")
    a = ap.parse_args(argv)
    out = a.out.resolve()
    if out.is_relative_to(REPO) and not out.is_relative_to(REPO / "bench" / "out"):
        print(f"refusing to write into the repository outside bench/out/: {out}", file=sys.stderr)
        return 2
    if not data_available(a.data):
        print(f"shared data not found under {a.data}", file=sys.stderr)
        return 2
    drops: Counter[str] = Counter()
    pages = build_pages(a.data, a.pages, a.seed, html_share=0.35 if a.html else 0.0, drops=drops, split=a.split)
    for p in pages:
        p.write(out)
    print(f"{len(pages)} pages ({sum(p.format == 'html' for p in pages)} HTML) written to {out}"
          + (f"; dropped attempts: {dict(drops)}" if drops else ""))
    if a.check:
        scorer = _load_scorer(a.data)
        if scorer is None:
            print("eval/score_page.py not found next to the data; no check", file=sys.stderr)
            return 2
        worst: dict[str, float] = {}
        for p in pages:
            ana = perfect_analysis(p)
            (out / f"{p.id}.perfect.json").write_text(json.dumps(ana, ensure_ascii=False), encoding="utf-8")
            res = scorer.score(p.gold, p.content, ana)
            for k in ("noise_recall", "body_kept", "truncations_found", "boundaries_required", "boundary_precision",
                      "story_origin"):
                if res.get(k) is not None:
                    worst[k] = min(worst.get(k, 1.0), res[k])
        print("perfect analysis, worst page per figure: " + ", ".join(f"{k}={v:.3f}" for k, v in worst.items()))
        if any(v < 1.0 - 1e-9 for v in worst.values()):
            return 1
    return 0 if len(pages) == a.pages else 1


if __name__ == "__main__":
    sys.exit(main())
