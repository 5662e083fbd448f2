#!/usr/bin/env python3
"""stitch: build stitched news pages, with answer keys, from the shared evaluation data at run time.

A content farm's page is several reports run together with the site's furniture between them.
This module rebuilds such pages from real article text (guardian2022 and ECB+), decorates them the
way such sites do (wire datelines, self-references, boilerplate, link residue, teasers, captions,
summary bullets, subheadings, truncations) and writes, for each page, an answer key of exactly the
seed key's shape (`stories`, `required_boundaries`, `topic_boundaries`, `noise`; the other facets
empty). Every anchor is checked against the page: story and truncation anchors occur exactly once (so
the scorer's first-occurrence rule hits them), every occurrence of a noise anchor is noise; a page
whose key cannot be made true is dropped and the reason counted.

    python -m bench.stitch --out DIR [--pages N] [--seed S] [--data DIR] [--html]

writes DIR/<id>.txt (or .html) and DIR/<id>.gold.json. The library entry point is
`build_pages(data_root, n, seed)`; `bench/stitched.py` builds its pages with it.

The shared data must never be copied into the repository: pages live in memory or in --out only.
Everything is decided by `random.Random(seed)`: one seed, one set of pages.

HTML pages (`--html`, a minority) are keyed against the text a plain block-per-line extractor
would give (`StitchedPage.text`); the real reader decides the text, so a bench must skip an anchor
it cannot find there instead of failing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import itertools
import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
GUARDIAN = Path("guardian2022") / "articles_dev.jsonl"
ECBPLUS = Path("ecbplus")

SPACE = re.compile(r"\s+")
Hit = tuple[int, int]


# ------------------------------------------------------------------ anchors (the scorer's rules)
def find_all(text: str, needle: str) -> list[Hit]:
    """Every occurrence of needle in text, white space folded on both sides (as score_page does)."""
    parts = [re.escape(p) for p in SPACE.split(needle.strip()) if p]
    if not parts:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"\s+".join(parts), text)]


def _word_ends(text: str, start: int, limit: int) -> list[int]:
    return [start + m.end() for m in re.finditer(r"\S+", text[start:limit])]


def _word_starts(text: str, limit_start: int, end: int) -> list[int]:
    return [limit_start + m.start() for m in re.finditer(r"\S+", text[limit_start:end])]


def anchor_from(text: str, start: int, limit: int, min_words: int = 5, min_end: int = 0) -> str | None:
    """The shortest run of whole words from `start` (at least `min_words`, reaching `min_end`) that
    occurs once in the text; None when even text[start:limit] does not."""
    ends = _word_ends(text, start, limit)
    for i, end in enumerate(ends):
        if i + 1 < min(min_words, len(ends)) or end < min_end:
            continue
        if find_all(text, text[start:end]) == [(start, end)]:
            return text[start:end]
    return None


def anchor_to(text: str, end: int, limit_start: int, min_words: int = 5, max_start: int | None = None) -> str | None:
    """The shortest run of whole words ending at `end` (at least `min_words`, starting at or before
    `max_start`) that occurs once in the text; None when there is none."""
    starts = _word_starts(text, limit_start, end)[::-1]
    for i, start in enumerate(starts):
        if i + 1 < min(min_words, len(starts)) or (max_start is not None and start > max_start):
            continue
        if find_all(text, text[start:end]) == [(start, end)]:
            return text[start:end]
    return None


# ------------------------------------------------------------------ sentences
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "rev", "sen", "rep", "gov",
           "prof", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "aug", "sept",
           "sep", "oct", "nov", "dec", "u.s", "u.k", "a.m", "p.m", "e.g", "i.e", "mt", "ft", "calif",
           "fla", "mass", "wash", "pa", "va", "ga", "n.y", "d.c", "l.a"}
_BOUNDARY = re.compile(r"([.!?]+[”’\"')\]]*)(\s+)(?=[“‘\"(\[]?[A-Z0-9])")
_TERMINAL = re.compile(r"[.!?][”’\"')\]]*$")


def split_sentences(text: str) -> list[str]:
    """Sentences of running text: a full stop, ! or ? (and closing quotes) before a capital."""
    out: list[str] = []
    for line in text.splitlines():
        start = 0
        for m in _BOUNDARY.finditer(line):
            before = line[start:m.start(1)]
            word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
            if m.group(1) == "." and (word.rstrip(".") in _ABBREV or re.fullmatch(r"[a-z]", word)):
                continue
            out.append(line[start:m.end(1)].strip())
            start = m.end()
        tail = line[start:].strip()
        if tail:
            out.append(tail)
    return [s for s in out if s]


_TAILS = {"s", "t", "re", "ve", "ll", "d", "m"}
_STOP = {"the", "a", "an", "and", "or", "but", "which", "who", "that", "is", "was", "are", "were", "as",
         "in", "on", "at", "to", "of", "for", "with", "he", "she", "it", "they", "we", "i", "his", "her",
         "their", "its", "this", "from", "by", "not", "has", "have", "had", "will", "would", "said"}
#: Words that sit next to a spaced dash rather than inside a hyphenated compound.
_HYPHEN_STOP = {"the", "a", "an", "and", "but", "which", "who", "that", "is", "was", "are", "were", "he", "she",
                "it", "they", "we", "i", "his", "her", "their", "its", "this", "has", "have", "had", "will",
                "would", "said"}
_ATTACH_LEFT = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "…", "n't"}
_ATTACH_RIGHT = {"(", "[", "{", "$", "#", "£", "€"}


def _hyphen_joins(prev: str, nxt: str) -> bool:
    if not (prev[-1:].isalnum() and nxt[:1].isalnum()):
        return False
    return prev.lower() not in _HYPHEN_STOP and nxt.lower() not in _HYPHEN_STOP


def detokenise(tokens: Sequence[str], state: dict[str, bool]) -> str:
    """Join ECB+ tokens into text: `6 . 1` → `6.1`, `22 - year - old` → `22-year-old`, quotes attached.

    `state` carries open quotation marks across the sentences of one document."""
    toks: list[str] = []
    for tok in tokens:
        tok = (tok or "").strip()
        if not tok:
            continue
        if toks and tok == "'" and toks[-1] == "'":
            toks[-1] = "''"
        elif toks and tok == "-" and toks[-1] == "-":
            toks[-1] = "--"
        else:
            toks.append(tok)
    out: list[str] = []
    glue_next = True
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        left, glue_next, t = glue_next, False, tok
        if tok in ("``", "“"):
            t, glue_next, state["dq"] = "“", True, True
        elif tok in ("''", "”", "'''", "'\""):
            t, left, state["dq"] = "”", True, False
        elif tok == '"':
            if state.get("dq"):
                t, left, state["dq"] = "”", True, False
            else:
                t, glue_next, state["dq"] = "“", True, True
        elif tok == "‘":
            glue_next, state["sq"] = True, True
        elif tok in ("’", "'"):
            if nxt.lower() in _TAILS:
                left = glue_next = True
            elif state.get("sq"):
                left, state["sq"] = True, False
            elif prev[-1:].lower() == "s" and prev[-1:].isalpha():
                left = True
            else:
                glue_next, state["sq"] = True, True
        elif tok in ("--", "—", "–"):
            t = "—" if tok == "--" else tok
        elif tok == "-":
            if _hyphen_joins(prev, nxt):
                left = glue_next = True
        elif tok == "/" or (tok in ".:" and prev[-1:].isdigit() and nxt[:1].isdigit()):
            left = glue_next = True
        elif tok == "." and nxt[:1].isdigit():
            glue_next = True  # a .357 Magnum
        elif re.fullmatch(r"[A-Za-z]\.?", tok) and re.fullmatch(r"[A-Za-z]\.", prev):
            left = True  # a. m. -> a.m.
        elif (tok == "," and re.fullmatch(r"\d{1,3}", prev) and re.fullmatch(r"\d{3}", nxt)) or (
                tok == "." and re.fullmatch(r"[A-Z]", prev) and re.fullmatch(r"[A-Z]\.?", nxt)):
            left = glue_next = True  # 1,000 and L.A.
        elif tok in _ATTACH_LEFT or (tok[:1] in "'’" and tok[1:].lower() in _TAILS):
            left = True
        elif tok in _ATTACH_RIGHT:
            glue_next = True
        out.append(t if (left or not out) else " " + t)
    return "".join(out)


# ------------------------------------------------------------------ what makes a sentence unusable
#: Outlets and media: a sentence naming one is evidence of an origin, so no run may carry it (the key
#: would lie about the story's origin); stories get their evidence from the templates below only.
_OUTLETS = re.compile(
    r"\b(?:Reuters|AP|A\.P\.|Associated Press|AFP|Agence France|CNN|BBC|Bloomberg|dpa|DPA|Deutsche Presse"
    r"|Guardian|Observer|Sky News|Fox News|NBC|CBS|ABC|MSNBC|NPR|PBS|Al Jazeera|Xinhua|Interfax|Tass|TASS"
    r"|RIA|Ukrinform|UPI|EFE|ANSA|Kyodo|Yonhap|Anadolu|Times|Post|Journal|Telegraph|Independent|People"
    r"|Access|TMZ|USA Today|Daily Mail|Herald|Tribune|Gazette|Chronicle|Examiner|Radio|TV|WDIV)\b"
    r"|news agency|newspaper|magazine|reported")
#: The Guardian page's own furniture, scraped inline (see guardian2022/README.md).
_FURNITURE = re.compile(
    r"Read more|Photograph:|Illustration:|Composite:|[–-] video|[–-] live\b|\bvideo report|\bGMT\b|\bBST\b"
    r"|Updated at|Last modified|Sign up|newsletter|Book tickets|Quick Guide|Join a panel|livestream"
    r"|Source:|\||@|#|https?:|www\.|\bClick\b|Subscribe|podcast|\d\d:\d\d|Explainer|\bFollow (?:us|the)\b"
    r"|Posted|POSTED|First Published|Copyright|©|All rights reserved|\bEmail\b|Print this|Comments\b"
    r"|\bRelated\b|\bShare\b|\bBy [A-Z]|\bPhoto\b|Getty|Shutterstock")
_LEAD_DATELINE = re.compile(
    r"^(?:[^a-z]{0,60}?\([A-Za-z .]{1,30}\)\s*(?:--|-|—|–)\s*|[A-Z][A-Z .,'’-]{2,40}\s*(?:--|-|—|–)\s+)")


def _quote_delta(sentence: str) -> int | None:
    """Opening minus closing double quotes; None when straight quotes make it undecidable."""
    if sentence.count('"') % 2:
        return None
    return sentence.count("“") - sentence.count("”")


def _clean_sentence(s: str) -> bool:
    words = s.split()
    if not 6 <= len(words) <= 75 or not _TERMINAL.search(s):
        return False
    if not re.match(r"[“‘\"(]?[A-Z0-9]", s) or _OUTLETS.search(s) or _FURNITURE.search(s):
        return False
    letters = [c for c in s if c.isalpha()]
    return sum(c.isupper() for c in letters) <= 0.35 * max(1, len(letters))


# ------------------------------------------------------------------ the sources
@dataclass
class Article:
    """One source article, as sentences with what a run may start or end on."""

    source: str  # "guardian2022:row=13" or "ecbplus:12/12_3ecb.xml"
    topic: str  # "guardian" or the ECB+ topic folder: stories of one page come from different topics
    title: str | None
    date: dt.date | None
    sentences: list[str]
    usable: list[bool]
    depth: list[int]  # open double quotes before each sentence (len = len(sentences) + 1)
    caption: str | None = None
    place: str | None = None
    #: Where a new item may start (ECB+ holds some news-brief compilations): no run crosses one.
    breaks: list[bool] = field(default_factory=list)

    def _crosses_break(self, a: int, b: int) -> bool:
        return any(self.breaks[a + 1:b])

    def runs(self, length: int, mid_quote: bool = False) -> list[int]:
        """Starts of runs of `length` usable sentences that open and close outside any quotation
        (with `mid_quote`: that open inside one, on a sentence that closes it, or on a sentence that
        opens and closes one, whose opening mark the caller drops)."""
        out = []
        for a in range(len(self.sentences) - length + 1):
            b = a + length
            if not all(self.usable[a:b]) or self.depth[b] != 0 or self._crosses_break(a, b):
                continue
            if any(d not in (0, 1) for d in self.depth[a:b]):
                continue
            if mid_quote:
                s = self.sentences[a]
                inside = self.depth[a] == 1 and s[:1] not in "“\"‘"
                opens = self.depth[a] == 0 and s[:1] == "“" and s.count("“") == 1
                if (inside or opens) and self.depth[a + 1] == 0 and "”" in s:
                    out.append(a)
            elif self.depth[a] == 0:
                out.append(a)
        return out

    def item(self, a: int, b: int) -> range:
        """The sentences of the item that holds the run [a, b): between the breaks around it."""
        lo = max((i for i in range(a + 1) if self.breaks and self.breaks[i]), default=0)
        hi = min((i for i in range(b, len(self.sentences)) if self.breaks and self.breaks[i]),
                 default=len(self.sentences))
        return range(lo, hi)

    def longest_run(self) -> int:
        best = cur = 0
        for i, ok in enumerate(self.usable):
            cur = 0 if not ok else (1 if self.breaks and self.breaks[i] else cur + 1)
            if cur and self.depth[i - cur + 1] == 0 and self.depth[i + 1] == 0:
                best = max(best, cur)
        return best


PLACES: dict[str, str | None] = {
    "Kyiv": "Ukraine", "Lviv": "Ukraine", "Kharkiv": "Ukraine", "Odesa": "Ukraine", "Mariupol": "Ukraine",
    "Moscow": "Russia", "London": None, "Brussels": "Belgium", "Washington": None, "Berlin": "Germany",
    "Paris": "France", "Warsaw": "Poland", "Vilnius": "Lithuania", "Tallinn": "Estonia",
    "Helsinki": "Finland", "Stockholm": "Sweden", "Geneva": "Switzerland", "Canberra": "Australia",
    "Sydney": "Australia", "Belgrade": "Serbia", "Ankara": "Turkey", "Istanbul": "Turkey",
    "Beijing": "China", "Tokyo": "Japan", "New Delhi": "India", "Mumbai": "India", "Athens": "Greece",
    "Tehran": "Iran", "Rome": "Italy", "Palermo": "Italy", "Los Angeles": None, "New York": None,
    "Detroit": None, "Philadelphia": None, "San Diego": None, "Boston": None, "Chicago": None,
    "Indianapolis": None, "Vancouver": "Canada", "Wellington": "New Zealand", "Anchorage": None,
    "Albany": None, "New Orleans": None, "Seattle": None, "Miami": None, "Houston": None,
    "Atlanta": None, "Nairobi": "Kenya", "Mogadishu": "Somalia", "Djibouti": "Djibouti",
    "Ashgabat": "Turkmenistan", "Cairo": "Egypt", "Dublin": "Ireland", "Madrid": "Spain",
    "Vienna": "Austria", "Prague": "Czech Republic", "Budapest": "Hungary", "Riga": "Latvia",
    "Minsk": "Belarus", "Jacksonville": None, "Baltimore": None, "Palmer": None, "Wasilla": None,
    "Staunton": None, "Bloomington": None, "Surrey": None, "Brooklyn": None, "Malibu": None,
}


def _place(text: str) -> str | None:
    counts = Counter({p: len(re.findall(rf"\b{re.escape(p)}\b", text)) for p in PLACES})
    best = [p for p, c in counts.most_common() if c > 0]
    return best[0] if best else None


def _article(source: str, topic: str, title: str | None, date: dt.date | None, sentences: list[str],
             caption: str | None) -> Article:
    usable, depth = [], [0]
    for s in sentences:
        delta = _quote_delta(s)
        ok = _clean_sentence(s) and delta is not None
        d = depth[-1] + (delta or 0)
        if d < 0:
            ok, d = False, 0
        usable.append(ok)
        depth.append(d)
    # Scraped captions and teasers sit right before the furniture that ends them ("… Photograph: X"),
    # and the text right after furniture may be glued to it: keep runs clear of both sides.
    dirty = [not _clean_sentence(s) and bool(_FURNITURE.search(s)) for s in sentences]
    for i, bad in enumerate(dirty):
        if bad:
            for j in (i - 2, i - 1, i + 1):
                if 0 <= j < len(usable):
                    usable[j] = False
    seen: Counter[str] = Counter(sentences)
    usable = [u and seen[s] == 1 for u, s in zip(usable, sentences, strict=True)]
    return Article(source, topic, title, date, sentences, usable, depth, caption,
                   _place(" ".join(sentences)))


def _headline_like(s: str) -> bool:
    words = [w for w in s.split() if re.search(r"[A-Za-z]{2,}", w)]
    return (4 <= len(words) <= 16 and not s.rstrip().endswith((":", ",", "-"))
            and not re.search(r"\d\d?:\d\d|POSTED|Posted|https?:|www\.", s) and not _OUTLETS.search(s))


def load_guardian(path: Path) -> list[Article]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        url, text = rec.get("url", ""), rec.get("text") or ""
        # news reports only: no live blogs, media pages, round-ups or opinion pieces
        if len(text) < 1500 or re.search(
                r"/(live|video|audio|picture|commentisfree|news)/|guardian-weekly|what-we-know|catch-up", url):
            continue
        caption = (rec.get("caption") or "").strip() or None
        if caption and (re.search(r"Guardian|Illustration|Composite|\n", caption) or len(caption) > 260):
            caption = None
        date = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
        title = SPACE.sub(" ", rec.get("title") or "").strip() or None
        out.append(_article(f"guardian2022:row={rec['row']}", "guardian", title, date,
                            split_sentences(text), caption))
    return out


def load_ecbplus(folder: Path) -> list[Article]:
    out = []
    for path in sorted(folder.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        root = ET.parse(path).getroot()
        by_sentence: dict[int, list[str]] = {}
        for tok in root.iter("token"):
            by_sentence.setdefault(int(tok.get("sentence") or 0), []).append(tok.text or "")
        state: dict[str, bool] = {}
        title: str | None = None
        sentences: list[str] = []
        plus = path.name.endswith("ecbplus.xml")
        for k in sorted(by_sentence):
            s = detokenise(by_sentence[k], state)
            if plus and k == 0:
                continue  # the URL the text was taken from
            if not _TERMINAL.search(s):
                if title is None and _headline_like(s):
                    title = s
                continue
            if not sentences:
                s = _LEAD_DATELINE.sub("", s)
            sentences.append(s)
        if len(sentences) >= 5:
            out.append(_article(f"ecbplus:{path.parent.name}/{path.name}", path.parent.name, title, None,
                                sentences, None))
    return out


_WEEKDAYS_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday"}


def _stems(s: str) -> set[str]:
    out = set()
    for w in re.findall(r"[A-Za-z]{3,}", s):
        w = w.lower()
        for suffix in ("ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[:-len(suffix)]
                break
        out.add(w)
    return out


def _names(s: str) -> set[str]:
    """Capitalised words that are not the first of a sentence or quotation, nor a month or weekday."""
    out = set()
    for m in re.finditer(r"\b[A-Z][a-z]+\b", s):
        before = s[:m.start()]
        if re.fullmatch(r"[“\"‘(]*", before) or re.search(r"[.!?:]\s+$|[“\"‘(]$", before):
            continue
        if m.group().lower() not in _WEEKDAYS_MONTHS:
            out.add(m.group().lower())
    return out


def mark_item_breaks(arts: list[Article]) -> None:
    """Mark where an ECB+ document may switch to an unrelated item.

    Some ECB+ documents are news-brief pages (a DUI arrest, then a shooting, then Hall of Fame
    finalists): a run crossing from one item to the next would make the key miss a real boundary. A
    sentence may open a new item when it names people or places never named before in the document,
    or when it and the sentence before both lack every word characteristic of the sub-topic (words in
    at least 30% of the sub-topic's other documents and at most 8% of all documents). This over-cuts,
    which only shortens runs; it is a heuristic, not a guarantee."""
    groups: dict[str, list[Article]] = {}
    for art in arts:
        groups.setdefault(art.topic + ("+" if art.source.endswith("ecbplus.xml") else ""), []).append(art)
    vocab = {id(a): set().union(*(_stems(s) for s in a.sentences)) | _stems(a.title or "") for a in arts}
    overall: Counter[str] = Counter(w for a in arts for w in vocab[id(a)])
    for group in groups.values():
        local: Counter[str] = Counter(w for a in group for w in vocab[id(a)])
        others = len(group) - 1
        for art in group:
            typical = {w for w, c in local.items() if others and (c - (w in vocab[id(art)])) / others >= 0.3
                       and overall[w] / len(arts) <= 0.08}
            seen = {w.lower() for w in re.findall(r"[A-Za-z]+", art.title or "")}
            on_topic, art.breaks = [], []
            for i, s in enumerate(art.sentences):
                names = _names(s)
                on_topic.append(bool(_stems(s) & typical))
                foreign = i > 0 and bool(names) and not (names & seen)
                art.breaks.append(foreign or (i > 0 and not on_topic[i] and not on_topic[i - 1]))
                seen |= names | {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", s)}


@dataclass
class Corpus:
    guardian: list[Article]
    ecb: list[Article]

    @classmethod
    def load(cls, data_root: Path) -> Corpus:
        g = [a for a in load_guardian(data_root / GUARDIAN) if a.longest_run() >= 5]
        ecb = load_ecbplus(data_root / ECBPLUS)
        mark_item_breaks(ecb)
        e = [a for a in ecb if a.longest_run() >= 5]
        return cls(g, e)

    def titles(self) -> list[tuple[str, str]]:
        """(source, title) of every article that has a headline: the teaser pool."""
        return [(a.source, a.title) for a in [*self.guardian, *self.ecb] if a.title]


def data_available(data_root: Path) -> bool:
    return (data_root / GUARDIAN).is_file() and (data_root / ECBPLUS).is_dir()


# ------------------------------------------------------------------ templates (none from the seed page)
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "CNN", "BBC", "Bloomberg"]
ALIASES = {"AP": ["Associated Press", "The Associated Press"], "AFP": ["Agence France-Presse"],
           "dpa": ["Deutsche Presse-Agentur"], "BBC": ["BBC News"], "Bloomberg": ["Bloomberg News"]}
TOLD = {"Reuters": ["told Reuters"], "AP": ["told The Associated Press", "told the AP"], "AFP": ["told AFP"],
        "dpa": ["told dpa"], "CNN": ["told CNN"], "BBC": ["told the BBC", "told BBC News"],
        "Bloomberg": ["told Bloomberg News", "told Bloomberg"]}
SELF_REFERENCES = {
    "Reuters": ["Reuters could not independently verify the reports.",
                "Reuters was unable to independently confirm the details.",
                "Officials did not immediately respond to a Reuters request for comment."],
    "AP": ["The Associated Press could not independently verify the claims.",
           "Officials did not immediately respond to messages from The Associated Press seeking comment."],
    "AFP": ["AFP could not independently verify the information.",
            "Officials contacted by AFP declined to comment further."],
    "dpa": ["dpa could not independently verify the information.",
            "A spokesperson declined to comment when contacted by dpa."],
    "CNN": ["CNN could not independently verify the claims.", "CNN has reached out to officials for comment."],
    "BBC": ["The BBC understands the matter is under review.", "The BBC has contacted the authorities for comment.",
            "BBC News was unable to independently verify the account."],
    "Bloomberg": ["Representatives did not immediately respond to a request for comment from Bloomberg News.",
                  "Bloomberg could not independently verify the figures."],
}
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
DASHES = ["- ", "– ", "— "]
SITES = ["Meridian Times Online", "PulseWire 24", "The Capital Ledger", "Northgate Herald Digital",
         "GlobeDesk Daily", "Newsroom Now", "The Evening Relay", "WorldBrief Hub"]
SECTIONS = ["World", "World News", "Europe", "Top Stories", "International", "Breaking News", "Latest"]
AUTHORS = ["staff", "Web Desk", "News Desk", "J. Harlow", "our correspondent", "the editorial team"]
PHOTOGRAPHERS = ["Marta Kovacs", "Daniel Okafor", "Lena Brandt", "Tomas Herrera", "Aiko Tanaka",
                 "Pierre Lemaire", "Sofia Rinaldi", "James Whitcombe", "Nadia Haddad", "Piotr Zielinski"]
START_BOILER = ["Posted by staff", "Posted by {author}", "By {site} Staff", "Share this article",
                "Share on Facebook", "Share on X", "Share via email", "Advertisement", "Skip to content",
                "Home » {section}", "Home / {section}", "{section} | {site}", "{n} min read",
                "Listen to this article", "Follow us on Google News", "Published {date}", "Updated {date}",
                "Posted on {date} by {author}"]
END_BOILER = ["Leave a comment", "Related posts", "Related Articles", "© {year} {site}. All rights reserved.",
              "Copyright © {year} {site}", "Tags: {tags}", "Your email address will not be published.",
              "Required fields are marked *", "Filed under {section}", "Filed Under: {section}",
              "Sign up for our newsletter", "Subscribe to our daily briefing", "Previous article",
              "Next article", "Comments are closed.", "Report an error", "Source link", "Share this:",
              "Like this:", "You may also like"]
MID_BOILER = ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
              "Scroll to continue with content", "Sponsored content"]
NAV = ["Skip to main content", "Sign in to your account", "Subscribe now", "Latest headlines",
       "Most read today", "World News Home"]
FOOTER = ["Privacy Policy", "Terms of Use", "Contact the newsroom", "About {site}"]
SUBHEADINGS = ["What happens next", "A long road ahead", "Questions remain", "Mounting pressure",
               "Looking ahead", "The response", "Calls for answers", "An uncertain future", "Under scrutiny",
               "Next steps", "Early warnings", "Counting the cost", "Key details", "What we know so far",
               "Local reaction", "The investigation", "A turning point", "Behind the scenes",
               "Reaction pours in", "A familiar pattern", "No easy answers", "The wider picture"]
GENERIC_CAPTIONS = ["File photo: A general view of {place}.", "A view of {place} on a clear morning.",
                    "Reporters wait outside the building.", "Police tape cordons off the area.",
                    "Officials speak to reporters at a briefing.", "A file image of the site."]


def _date_words(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def _dateline(rng: random.Random, agency: str, place: str | None, date: dt.date | None) -> tuple[str, dict[str, Any]]:
    """A wire dateline in one of the agency's formats, and its key entry."""
    caps = place.upper() if place else None
    country = PLACES.get(place) if place else None
    dash = rng.choice(DASHES)
    forms: list[tuple[str, bool, bool]] = []  # (text, uses place, uses date)
    if agency == "Reuters":
        forms = [("(Reuters) " + dash, False, False)]
        if caps:
            forms.append((f"{caps} (Reuters) {dash}", True, False))
            if date:
                forms += [(f"{caps}, {_date_words(date)} (Reuters) {dash}", True, True)] * 2
    elif agency == "AP":
        forms = [(f"{caps} (AP) — ", True, False), (f"{caps} (AP) -- ", True, False)] if caps else []
    elif agency == "AFP":
        forms = [(f"{caps} (AFP) {dash}", True, False), (f"{place} (AFP) {dash}", True, False)] if caps else []
        if caps and date:
            forms.append((f"{place}, {_date_words(date)} (AFP) {dash}", True, True))
    elif agency == "dpa":
        forms = [(f"{place} (dpa) {dash}", True, False)] if caps else []
        if caps and date:
            forms.append((f"{caps}, {_date_words(date)} (dpa) {dash}", True, True))
    elif agency == "CNN":
        forms = [("(CNN) — ", False, False), ("(CNN)", False, False)]
        if place:
            where = f"{place}, {country}" if country and country != place else place
            forms += [(f"{where} (CNN) — ", True, False), (f"{where} (CNN)", True, False)]
    elif agency == "Bloomberg":
        forms = [("(Bloomberg) -- ", False, False)]
        if caps:
            forms.append((f"{caps} (Bloomberg) -- ", True, False))
    if not forms:
        return "", {}
    text, with_place, with_date = rng.choice(forms)
    if not text.endswith(" "):
        text += " "
    return text, {"place": place if with_place else None,
                  "date": date.isoformat() if (with_date and date) else None, "agency": agency}


def _caption(rng: random.Random, art: Article, generic: list[str]) -> str:
    """The article's own caption with its credit rewritten in one of the usual formats, or an
    invented generic one (ECB+ has no captions)."""
    name = rng.choice(PHOTOGRAPHERS)
    credit_agency = rng.choice(["AFP", "Reuters", "AP", "EPA", "dpa", "Getty Images"])
    if art.caption:
        m = re.search(r"\s*Photograph:\s*(.+)$", art.caption)
        desc, credit = (art.caption[:m.start()].strip(), m.group(1).strip()) if m else (art.caption, "")
        if not credit or rng.random() < 0.35:
            return art.caption
        who, _, org = credit.partition("/")
        org = org or who
        forms = [f"{desc} ({credit})", f"{desc} Credit: {credit}", f"{desc} Photo: {credit}",
                 f"File photo: {desc} ({credit})"]
        if org.startswith("Reuters") and who != org:
            forms.append(f"{desc} REUTERS/{who}")
        if "AFP" in org and who != org:
            forms.append(f"{desc} (Photo by {who}/AFP via Getty Images)")
        return rng.choice(forms)
    if not generic:
        generic.extend(GENERIC_CAPTIONS)
    desc = generic.pop(rng.randrange(len(generic))).format(place=art.place or "the area")
    forms = [f"{desc} (Photo by {name}/{credit_agency} via Getty Images)", f"{desc} REUTERS/{name}",
             f"{desc} Credit: {name}/{credit_agency}", f"{desc} AP Photo/{name}", f"{desc} {name}/dpa"]
    return rng.choice(forms)


def _straight(s: str) -> str:
    return s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


# ------------------------------------------------------------------ page model
@dataclass
class Seg:
    """A piece of a block's text; `kind` marks what the key must name (None: plain article text)."""

    text: str
    kind: str | None = None  # dateline, evidence, residue, teaser, caption, boiler, bullet, marker,
    # subheading, trunc_start, trunc_quote, trunc_end


@dataclass
class Block:
    """One line of the page (a paragraph, a bullet, a caption…); `story` is the story it belongs to."""

    kind: str  # para, bullet, caption, subheading, teaser, boiler, residue, nav, footer
    segs: list[Seg]
    story: int | None = None

    def text(self, markers: bool = True) -> str:
        return "".join(s.text for s in self.segs if markers or s.kind != "marker")


@dataclass
class StoryPlan:
    art: Article
    agency: str | None
    paras: list[list[Seg]]
    dateline: dict[str, Any] = field(default_factory=dict)
    bullets: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StitchedPage:
    """A built page: `content` is the file (text or HTML), `text` the text its key is written against."""

    id: str
    format: Literal["text", "html"]
    content: str
    text: str
    gold: dict[str, Any]
    sources: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.id}.{'html' if self.format == 'html' else 'txt'}"

    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        (out / self.filename).write_text(self.content, encoding="utf-8")
        (out / f"{self.id}.gold.json").write_text(json.dumps(self.gold, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")


class Drop(Exception):
    """This attempt cannot make a page whose key is true; the reason is counted."""


# ------------------------------------------------------------------ building one story
def _paragraphs(rng: random.Random, sentences: list[list[Seg]], breakable: list[bool]) -> list[list[Seg]]:
    """Sentences grouped 1-4 to a paragraph; a paragraph may end only where `breakable` says (outside
    any quotation)."""
    paras: list[list[Seg]] = []
    i = 0
    while i < len(sentences):
        n = rng.choice([1, 2, 2, 3, 3, 4])
        while i + n < len(sentences) and not breakable[i + n - 1]:
            n += 1
        para: list[Seg] = []
        for segs in sentences[i:i + n]:
            if para:
                para.append(Seg(" "))
            para.extend(segs)
        paras.append(para)
        i += n
    return paras


_SAID = re.compile(r"\b(?:he|she|they|[A-Z][a-z]+) (said)(?: on [A-Z][a-z]+day)?\.”?$")


def _story(rng: random.Random, art: Article, agency: str | None, length: int, *, cut_start: bool,
           mid_quote: bool, date: dt.date | None, title_bullet: bool) -> StoryPlan:
    starts: list[int] = []
    for n in range(length, 3, -1) if mid_quote else ():
        starts = art.runs(n, mid_quote=True)
        if starts:
            length = n
            break
    mid_quote = bool(starts)
    while not starts and length >= 4:
        starts = art.runs(length)
        length -= 0 if starts else 1
    if not starts:
        raise Drop("no clean run of sentences")
    a = rng.choice(starts)
    sents: list[list[Seg]] = [[Seg(s)] for s in art.sentences[a:a + length]]
    plan = StoryPlan(art, agency, [])
    if cut_start:  # the page's first sentence lost its first word(s)
        words = sents[0][0].text.split(" ")
        k = rng.randint(1, min(4, max(1, len(words) - 7)))
        rest = words[k:]
        sents[0] = [Seg(" ".join(rest[:5]), "trunc_start")] + ([Seg(" " + " ".join(rest[5:]))] if rest[5:] else [])
    elif mid_quote:  # the story opens inside a quotation: a closing mark with no opening one
        s = sents[0][0].text.removeprefix("“")
        close = s.index("”") + 1
        head = close if len(s[:close].split()) <= 10 else len(" ".join(s.split(" ")[:6]))
        sents[0] = [Seg(s[:head], "trunc_quote"), Seg(s[head:])]
    use_dateline = agency is not None and not (cut_start or mid_quote) and rng.random() < 0.75
    if use_dateline and agency:
        line, entry = _dateline(rng, agency, art.place, date)
        if line:
            sents[0].insert(0, Seg(line, "dateline"))
            plan.dateline = entry
    if agency and (not plan.dateline or rng.random() < 0.35):
        told = [i for i, s in enumerate(sents) if len(s) == 1 and _SAID.search(s[0].text)]
        interviewed = bool(told) and rng.random() < 0.7
        if interviewed:
            i = rng.choice(told)
            s = sents[i][0].text
            m = _SAID.search(s)
            assert m
            phrase = rng.choice(TOLD[agency])
            sents[i] = [Seg(s[:m.start(1)]), Seg(phrase, "evidence"), Seg(s[m.end(1):])]
        # "told CNN" is written by the outlets that cite CNN too: a story whose key names its origin
        # on an interview also speaks of itself as that outlet, or carries its dateline.
        if not interviewed or not plan.dateline:
            line = rng.choice(SELF_REFERENCES[agency])
            slots = [p for p in range(1, len(sents) + 1) if p == len(sents) or art.depth[a + p] == 0]
            sents.insert(rng.choice(slots), [Seg(line, "evidence")])
    # after sentence p (of `sents`): is the text outside any quotation?
    depth_after, orig = [], a
    for segs in sents:
        if segs[0].kind == "evidence" and len(segs) == 1:
            depth_after.append(art.depth[orig])
        else:
            orig += 1
            depth_after.append(art.depth[orig])
    plan.paras = _paragraphs(rng, sents, [d == 0 for d in depth_after])
    if not (cut_start or mid_quote) and rng.random() < (0.6 if plan.dateline else 0.3):  # summary bullets on top
        others = [i for i in art.item(a, a + length) if not a <= i < a + length and art.usable[i]
                  and art.depth[i] == art.depth[i + 1] == 0]
        short = [s for s in (art.sentences[i] for i in others)
                 if 5 <= len(s.split()) <= 15 and not re.search(r"[“”\"‘]", s)
                 and not re.match(r"(He|She|They|It|This|That|These|Those|But|And|So|We|I|His|Her|Their|Its"
                                  r"|There|Then|Also|However|Meanwhile)\b", s)]
        rng.shuffle(short)
        if title_bullet and art.title and rng.random() < 0.7:
            short.insert(0, art.title)
        plan.bullets = [s.rstrip(".") for s in short[:rng.randint(2, 3)]]
        if len(plan.bullets) < 2:
            plan.bullets = []
    return plan


def _cut_mid_word(rng: random.Random, para: list[Seg]) -> list[Seg] | None:
    """The paragraph cut inside a word of its last plain sentence, the rest of it lost."""
    idx = max((i for i, s in enumerate(para) if s.kind is None and len(s.text.split()) >= 8), default=None)
    if idx is None or any(s.kind for s in para[idx + 1:]):
        return None  # never cut away a dateline, a self-reference or another mark
    text = para[idx].text
    words = list(re.finditer(r"[A-Za-z]{5,}", text))
    words = [w for w in words if w.start() > 0.35 * len(text)]
    if not words:
        return None
    w = rng.choice(words)
    cut = w.start() + rng.randint(2, len(w.group()) - 2)
    head = text[:cut]
    before = "".join(s.text for s in para[:idx]) + head
    if before.count("“") != before.count("”") or before.count('"') % 2:
        return None  # the cut must not leave a quotation open
    tail_start = max(0, len(" ".join(head.split(" ")[:-5])))
    out = [*para[:idx], Seg(head[:tail_start]), Seg(head[tail_start:], "trunc_end")]
    return [s for s in out if s.text]


# ------------------------------------------------------------------ the page
def _boiler(rng: random.Random, pool: list[str], n: int, ctx: dict[str, str]) -> list[str]:
    choices = [t for t in pool if all("{" + k + "}" not in t or ctx.get(k) for k in ("date", "tags"))]
    lines = [t.format(**ctx) for t in rng.sample(choices, min(n, len(choices)))]
    return list(dict.fromkeys(lines))


def _tags(texts: Iterable[str]) -> str:
    words = Counter(w for t in texts for w in re.findall(r"(?<![.!?] )\b[A-Z][a-z]{3,}\b", t))
    common = [w for w, c in words.most_common(12) if c >= 2 and w.lower() not in _STOP
              and w not in {"They", "There", "This", "That", "When", "What", "After", "While", "Their"}]
    return ", ".join(common[:4])


def _pick_articles(rng: random.Random, corpus: Corpus, k: int) -> list[Article]:
    arts: list[Article] = []
    if corpus.guardian and rng.random() < 0.55:
        arts.append(rng.choice(corpus.guardian))
    topics = sorted({a.topic for a in corpus.ecb})
    for topic in rng.sample(topics, min(k - len(arts), len(topics))):
        arts.append(rng.choice([a for a in corpus.ecb if a.topic == topic]))
    if len(arts) < 2:
        raise Drop("not enough articles of different topics")
    rng.shuffle(arts)
    return arts


def _plan(rng: random.Random, arts: list[Article], as_html: bool) -> tuple[list[StoryPlan], bool]:
    """Which agency each story comes from (None: no evidence), and which story opens cut. (An HTML
    page's headline is its first story's title, which therefore cannot be a bullet too.)"""
    k = len(arts)
    lo, hi = {2: (8, 16), 3: (6, 11), 4: (5, 8)}[k]
    cut_start = rng.random() < 0.45
    quote_at = rng.randrange(1, k) if rng.random() < 0.3 else -1
    same_agency = rng.random() < 0.12  # one agency's reports from two datelines
    agencies: list[str | None] = []
    for i in range(k):
        if same_agency and i > 0 and agencies[0]:
            agencies.append(agencies[0])
        elif rng.random() < 0.3:
            agencies.append(None)
        else:
            agencies.append(rng.choice([a for a in AGENCIES if a not in agencies[-1:]]))
    plans = [_story(rng, art, agencies[i], rng.randint(lo, hi), cut_start=cut_start and i == 0,
                    mid_quote=i == quote_at, date=art.date, title_bullet=not (as_html and i == 0))
             for i, art in enumerate(arts)]
    return plans, cut_start


def _damage(rng: random.Random, plans: list[StoryPlan]) -> None:
    """A paragraph cut mid-word; link residue inside paragraphs (never a story's last paragraph, whose
    end is the story's `last` anchor)."""
    if rng.random() < 0.45:
        plan = rng.choice(plans)
        j = rng.randrange(len(plan.paras))
        cut = _cut_mid_word(rng, plan.paras[j])
        if cut:
            plan.paras[j] = cut + ([Seg(" ")] if rng.random() < 0.5 else [])
    for _ in range(rng.choice([0, 1, 1, 2])):
        plan = rng.choice(plans)
        if len(plan.paras) < 2:
            continue
        para = plan.paras[rng.randrange(len(plan.paras) - 1)]
        if para[-1].kind is not None or not para[-1].text.endswith("."):
            continue
        if rng.random() < 0.6:
            para.extend([Seg(" "), Seg(rng.choice(["read more", "Read more", "Read More"]), "residue")])
        else:
            last = para[-1].text
            para[-1:] = [Seg(last[:-1] + rng.choice(["", " "])), Seg("(opens new tab)", "residue"), Seg(".")]


def _story_blocks(rng: random.Random, plan: StoryPlan, i: int, generic: list[str]) -> list[Block]:
    """Bullets, then paragraphs with a caption, a subheading, an ad line or residue between them."""
    marker = rng.choice(["• ", "  • ", "- ", "* "])
    blocks = [Block("bullet", [Seg(marker, "marker"), Seg(b, "bullet")], i) for b in plan.bullets]
    paras = [Block("para", p, i) for p in plan.paras]
    extras: list[list[Block]] = [[] for _ in paras]  # what goes right before paragraph j (j >= 1)
    if len(paras) >= 2:
        def at() -> list[Block]:
            return extras[rng.randrange(1, len(paras))]
        if rng.random() < (0.6 if plan.art.caption else 0.25):
            at().append(Block("caption", [Seg(_caption(rng, plan.art, generic), "caption")], i))
        if len(paras) >= 3 and rng.random() < 0.35:
            at().append(Block("subheading", [Seg(rng.choice(SUBHEADINGS), "subheading")], i))
        if rng.random() < 0.15:
            at().insert(0, Block("boiler", [Seg(rng.choice(MID_BOILER), "boiler")], i))
        if rng.random() < 0.12:
            line = rng.choice(["Continue reading", "Continue reading below", "Read the full story"])
            at().insert(0, Block("residue", [Seg(line, "residue")], i))
    for j, para in enumerate(paras):
        blocks.extend(sorted(extras[j], key=lambda b: b.kind == "subheading"))  # a subheading heads its paragraph
        blocks.append(para)
    return blocks


@dataclass
class _Teasers:
    """Headlines of articles the page does not use; some repeated, straight quotes against curly."""

    pool: list[str]
    pairs: list[list[str]] = field(default_factory=list)

    def draw(self, rng: random.Random) -> list[Block]:
        if not self.pool:
            return []
        title = self.pool.pop(rng.randrange(len(self.pool)))
        if rng.random() < 0.5:
            first, second = (_straight(title), title) if rng.random() < 0.6 else (title, _straight(title))
            self.pairs.append([first, second])
            return [Block("teaser", [Seg(first, "teaser")]), Block("teaser", [Seg(second, "teaser")])]
        prefix = rng.choice([None, None, None, "Read more: ", "READ MORE: ", "Also read: ", "Related: "])
        return [Block("teaser", ([Seg(prefix, "residue")] if prefix else []) + [Seg(title, "teaser")])]


def _place_teasers(rng: random.Random, stories: list[list[Block]], teasers: _Teasers) -> list[list[Block]]:
    """Teasers between a story's paragraphs, or between two stories (returned, one list per gap)."""
    k = len(stories)
    between: list[list[Block]] = [[] for _ in range(k - 1)]
    for _ in range(rng.choices([0, 1, 2, 3], [2, 4, 3, 1])[0]):
        drawn = teasers.draw(rng)
        if not drawn:
            break
        if k > 1 and rng.random() < 0.35:
            between[rng.randrange(k - 1)].extend(drawn)
            continue
        i = rng.randrange(k)
        paras_at = [j for j, b in enumerate(stories[i]) if b.kind == "para"]
        if len(paras_at) < 2:
            continue
        j = rng.choice(paras_at[1:])
        while stories[i][j - 1].kind in ("caption", "subheading", "boiler", "residue"):
            j -= 1
        for b in drawn:
            b.story = i
        stories[i][j:j] = drawn
    return between


def _separators(rng: random.Random, blocks: list[Block]) -> list[str]:
    style = rng.choice(["\n\n", "\n\n", "\n", "mixed"])
    seps = []
    for before, after in itertools.pairwise(blocks):
        if before.story != after.story:
            seps.append(rng.choice(["\n\n", "\n\n\n", "\n"]))
        else:
            seps.append(rng.choice(["\n", "\n\n"]) if style == "mixed" else style)
    return [*seps, "\n"]


def compose(rng: random.Random, corpus: Corpus, page_id: str, as_html: bool = False) -> StitchedPage:
    """One stitched page and its key; raises Drop when the key could not be made true."""
    arts = _pick_articles(rng, corpus, rng.choices([2, 3, 4], [4, 4, 2])[0])
    ref = next((a.date for a in arts if a.date), None)
    plans, cut_start = _plan(rng, arts, as_html)
    _damage(rng, plans)
    generic = list(GENERIC_CAPTIONS)
    stories = [_story_blocks(rng, plan, i, generic) for i, plan in enumerate(plans)]
    used = {a.source for a in arts} | {a.title for a in arts if a.title}
    teasers = _Teasers([t for src, t in corpus.titles() if src not in used and t not in used])
    between = _place_teasers(rng, stories, teasers)

    site = rng.choice(SITES)
    ctx = {"site": site, "section": rng.choice(SECTIONS), "author": rng.choice(AUTHORS),
           "n": str(rng.randint(2, 7)), "year": str((ref or dt.date(2023, 1, 1)).year + rng.choice([0, 1])),
           "date": ref.strftime(rng.choice(["%B %d, %Y", "%d %B %Y", "%Y-%m-%d"])) if ref else "",
           "tags": _tags(s.text for p in plans for para in p.paras for s in para)}
    start = [] if rng.random() < (0.6 if cut_start else 0.3) else _boiler(rng, START_BOILER, rng.randint(1, 3), ctx)
    end = _boiler(rng, END_BOILER, rng.randint(1, 4), ctx) if rng.random() < 0.85 else []
    blocks = [Block("boiler", [Seg(t, "boiler")]) for t in start]
    for i, story in enumerate(stories):
        blocks += story + (between[i] if i < len(between) else [])
    blocks += [Block("boiler", [Seg(t, "boiler")]) for t in end]

    if as_html:
        headline = arts[0].title or (teasers.pool[0] if teasers.pool else "Latest news")
        nav = [Block("nav", [Seg(t, "boiler")]) for t in rng.sample(NAV, rng.randint(2, 4))]
        foot = [Block("footer", [Seg(t.format(site=site), "boiler")]) for t in rng.sample(FOOTER, rng.randint(1, 3))]
        blocks = [*nav, Block("headline", [Seg(headline)]), *blocks, *foot]
        text = "\n".join(b.text(markers=False) for b in blocks)
        spans = _spans(blocks, ["\n"] * len(blocks), markers=False)
        content = _html(blocks, headline, ref, site)
    else:
        seps = _separators(rng, blocks)
        text = content = "".join(b.text() + sep for b, sep in zip(blocks, seps, strict=True))
        spans = _spans(blocks, seps, markers=True)

    key = _key(text, spans, plans, teasers.pairs, ref)
    about = (f"Answer key for a page stitched by bench/stitch.py (page {page_id}) from "
             + ", ".join(a.source for a in arts) + ". Anchors are verbatim substrings of the page's text"
             + (" as a block-per-line extractor reads the HTML; a reader may drop some (nav, footer), and a "
                "bench skips anchors it cannot find." if as_html else ".")
             + " Generated at run time from shared evaluation data: do not commit.")
    return StitchedPage(page_id, "html" if as_html else "text", content, text, {"about": about, **key},
                        tuple(a.source for a in arts))


SegSpan = tuple[Seg, Block, int, int]


def _spans(blocks: Sequence[Block], seps: Sequence[str], markers: bool) -> list[SegSpan]:
    out: list[SegSpan] = []
    pos = 0
    for block, sep in zip(blocks, seps, strict=True):
        for seg in block.segs:
            if seg.kind == "marker" and not markers:
                continue
            out.append((seg, block, pos, pos + len(seg.text)))
            pos += len(seg.text)
        pos += len(sep)
    return out


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _within(text: str, anchor: str, spans: list[tuple[int, int]]) -> bool:
    return all(any(a <= s and e <= b for a, b in spans) for s, e in find_all(text, anchor))


def _key(text: str, spans: list[SegSpan], plans: list[StoryPlan], dup_pairs: list[list[str]],
         ref: dt.date | None) -> dict[str, Any]:
    """The answer key. Every anchor is checked against `text`: a story's and a truncation's occur once,
    and every occurrence of a noise anchor lies in noise (the scorer counts them all)."""

    def of(kind: str) -> list[str]:
        out = [text[s:e].strip() for seg, _, s, e in spans if seg.kind == kind]
        return list(dict.fromkeys(a for a in out if a))

    def where(kind: str) -> list[tuple[int, int]]:
        return [_strip_span(text, s, e) for seg, _, s, e in spans if seg.kind == kind]

    noise_kinds = ("boiler", "residue", "teaser", "caption")
    noise_spans = [sp for kind in noise_kinds for sp in where(kind)]
    lists = {"site_boilerplate": of("boiler"), "link_residue": of("residue"), "teasers": of("teaser"),
             "captions": of("caption"), "summary_bullets": of("bullet"), "subheadings": of("subheading")}
    for key in ("site_boilerplate", "link_residue", "teasers", "captions"):
        if not all(_within(text, a, noise_spans) for a in lists[key]):
            raise Drop(f"{key} anchor also in article text")
    for key, kind in (("summary_bullets", "bullet"), ("subheadings", "subheading")):
        if not all(_within(text, a, where(kind)) for a in lists[key]):
            raise Drop(f"{key} anchor also elsewhere")
    truncations: list[dict[str, str]] = []

    for seg, block, s, e in spans:
        if seg.kind not in ("trunc_start", "trunc_quote", "trunc_end"):
            continue
        s, e = _strip_span(text, s, e)
        b0, b1 = _strip_span(text, *_block_bounds(spans, block))
        if seg.kind == "trunc_end":
            anchor = anchor_to(text, e, b0, min_words=4, max_start=s)
            item = {"where": "end", "note": "cut mid-word"}
        else:
            anchor = anchor_from(text, s, b1, min_words=3, min_end=e)
            item = {"where": "start", "note": "the sentence lost its first word(s)" if seg.kind == "trunc_start"
                    else "closing quotation mark with no opening one"}
        if anchor is None:
            raise Drop("truncation anchor not unique")
        truncations.append({"anchor": anchor, **item})

    stories: list[dict[str, Any]] = []
    for i, plan in enumerate(plans):
        mine = [(b, *_strip_span(text, *_block_bounds(spans, b))) for b in _blocks_of(spans, i)]
        _, f0, f1 = mine[0]
        _, l0, l1 = next(m for m in reversed(mine) if m[0].kind == "para")
        first = anchor_from(text, f0, f1, min_words=6)
        last = anchor_to(text, l1, l0, min_words=6)
        if first is None or last is None:
            raise Drop("story anchor not unique")
        story: dict[str, Any] = {"id": "ABCDEFG"[i], "first": first, "last": last, "origin": plan.agency}
        evidence = [text[s:e].strip() for seg, b, s, e in spans
                    if b.story == i and seg.kind in ("dateline", "evidence")]
        if plan.agency and not evidence:
            raise Drop("agency story without evidence")
        if plan.agency:
            if plan.agency in ALIASES:
                story["origin_aliases"] = ALIASES[plan.agency]
            story["origin_evidence"] = evidence
        if plan.dateline:
            story["dateline"] = plan.dateline
        story["topic"] = plan.art.title or " ".join(plan.art.sentences[0].split()[:12])
        story["source"] = plan.art.source
        stories.append(story)
    ids = [s["id"] for s in stories]
    return {"reference_date": ref.isoformat() if ref else None, "stories": stories,
            "required_boundaries": [list(pair) for pair in itertools.pairwise(ids)],
            "topic_boundaries": [],
            "noise": {"site_boilerplate": lists["site_boilerplate"], "link_residue": lists["link_residue"],
                      "teasers": lists["teasers"], "duplicate_lines": dup_pairs, "captions": lists["captions"],
                      "summary_bullets": lists["summary_bullets"], "subheadings": lists["subheadings"],
                      "truncations": truncations},
            "entities": [], "quotes": [], "claims": [], "times": [], "events": []}


def _block_bounds(spans: list[SegSpan], block: Block) -> tuple[int, int]:
    mine = [(s, e) for _, b, s, e in spans if b is block]
    return mine[0][0], mine[-1][1]


def _blocks_of(spans: list[SegSpan], story: int) -> list[Block]:
    seen: list[Block] = []
    for _, b, _s, _e in spans:
        if b.story == story and b.kind in ("para", "bullet") and not any(b is x for x in seen):
            seen.append(b)
    return seen


# ------------------------------------------------------------------ HTML
def _html(blocks: Sequence[Block], headline: str, ref: dt.date | None, site: str) -> str:
    esc = html.escape
    head = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
            f"<title>{esc(headline)} | {esc(site)}</title>"]
    if ref:
        head.append(f'<meta property="article:published_time" content="{ref.isoformat()}T07:30:00+00:00">')
    body = ["</head>", "<body>"]
    nav = [b for b in blocks if b.kind == "nav"]
    body += ["<header>", "<nav>", "<ul>", *[f'<li><a href="/{i}">{esc(b.text())}</a></li>'
                                            for i, b in enumerate(nav)], "</ul>", "</nav>", "</header>"]
    body += ["<main>", "<article>"]
    open_list = False
    for n, b in enumerate(blocks):
        if b.kind in ("nav", "footer"):
            continue
        if b.kind != "bullet" and open_list:
            body.append("</ul>")
            open_list = False
        t = esc(b.text(markers=False))
        if b.kind == "headline":
            body.append(f"<h1>{t}</h1>")
        elif b.kind == "bullet":
            if not open_list:
                body.append('<ul class="highlights">')
                open_list = True
            body.append(f"<li>{t}</li>")
        elif b.kind == "caption":
            body.append(f'<figure><img src="/media/{n}.jpg" alt=""><figcaption>{t}</figcaption></figure>')
        elif b.kind == "subheading":
            body.append(f"<h2>{t}</h2>")
        elif b.kind == "teaser":
            parts = [(esc(s.text), s.kind) for s in b.segs]
            inner = "".join(f'<a href="/story/{n}">{x}</a>' if k == "teaser" else x for x, k in parts)
            body.append(f'<p class="related">{inner}</p>')
        elif b.kind == "residue":
            body.append(f'<p><a href="/story/{n}">{t}</a></p>')
        elif b.kind == "boiler":
            body.append(f'<div class="meta">{t}</div>')
        else:
            body.append(f"<p>{t}</p>")
    if open_list:
        body.append("</ul>")
    body += ["</article>", "</main>", "<footer>",
             *[f"<p>{esc(b.text())}</p>" for b in blocks if b.kind == "footer"], "</footer>", "</body>", "</html>"]
    return "\n".join(head + body) + "\n"


# ------------------------------------------------------------------ entry points
def build_pages(data_root: Path, n: int, seed: int, *, html_share: float = 0.0,
                drops: Counter[str] | None = None, corpus: Corpus | None = None) -> list[StitchedPage]:
    """`n` stitched pages built from `data_root` (guardian2022/ and ecbplus/), deterministic in `seed`.

    An attempt whose key cannot be made true (an ambiguous anchor, no clean run) is dropped and its
    reason counted in `drops`; up to 20·n attempts are made. `html_share` of the pages are HTML."""
    if not data_available(data_root):
        raise FileNotFoundError(f"no guardian2022/ecbplus data under {data_root}")
    corpus = corpus or Corpus.load(data_root)
    master = random.Random(seed)
    pages: list[StitchedPage] = []
    attempts = 0
    while len(pages) < n and attempts < 20 * max(1, n):
        attempts += 1
        rng = random.Random(master.getrandbits(64))
        as_html = rng.random() < html_share
        try:
            pages.append(compose(rng, corpus, f"stitched-s{seed}-{len(pages) + 1:03d}", as_html))
        except Drop as why:
            if drops is not None:
                drops[str(why)] += 1
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path, help="directory for <id>.txt|.html and <id>.gold.json")
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding guardian2022/ and ecbplus/")
    ap.add_argument("--html", action="store_true", help="make about a quarter of the pages HTML")
    a = ap.parse_args(argv)
    if not data_available(a.data):
        print(f"stitch: no guardian2022/ecbplus under {a.data}; nothing built")
        return 1
    out, ignored = a.out.resolve(), REPO / "bench" / "out"
    if (out == REPO or REPO in out.parents) and not (out == ignored or ignored in out.parents):
        print("stitch: refusing to write shared-data pages into the repository; use a folder outside it, "
              "or bench/out/, which git ignores", file=sys.stderr)
        return 2
    drops: Counter[str] = Counter()
    pages = build_pages(a.data, a.pages, a.seed, html_share=0.25 if a.html else 0.0, drops=drops)
    for page in pages:
        page.write(a.out)
    n_html = sum(p.format == "html" for p in pages)
    print(f"stitch: {len(pages)} pages ({n_html} HTML) in {a.out}; dropped {sum(drops.values())} attempts"
          + ("".join(f"\n  {c:4d}  {why}" for why, c in drops.most_common())))
    return 0 if len(pages) == a.pages else 1


if __name__ == "__main__":
    sys.exit(main())
