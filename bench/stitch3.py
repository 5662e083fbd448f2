#!/usr/bin/env python3
"""stitch3: a third page builder, written apart from the other two, for conventions neither has shown.

Each page is one republishing site of one kind (an aggregator portal, a local TV or radio station
running network copy, a press-release wire, a national news agency's English service, a blog or CMS
theme, a news portal with a paywall, app banner and live stamps) carrying 1-4 stories taken from
the shared evaluation articles, with that kind's furniture and the lines it uses to say where a story
came from. The conventions live in bench/stitch3_catalogue.py, every family in a dev half and a
disjoint test half (`split`); source articles are shared between the splits.

Origins follow the convention: the agency of a dateline and sign-off, the wire of a release, the
network of a station's copyright notice, the outlet of a "Provided by"/"Originally published on"
line or a byline. A story whose credit names nothing ("Source link") or that has no credit has origin
null. Outlets named elsewhere (photo credits, the site's own or its station group's copyright, a
"SOURCE company" issuer line, outlets quoted inside the body) are never the origin.

The key has builder 2's shape (bench/stitch2.py `check_key` verifies it): story anchors occur once
and start/end a line, every occurrence of a noise anchor lies in a noise line, evidence names its
origin. HTML pages are keyed against a block-per-line reading of the markup.

    python -m bench.stitch3 --out DIR [--pages N] [--seed S] [--data DIR] [--html] [--split dev|test]

The shared data is read at run time and never written into the repository.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import stitch3_catalogue as cat
from bench.stitch import StitchedPage, data_available
from bench.stitch2 import (
    Corpus,
    Source,
    check_key,
    find_all,
    load_corpus,
    perfect_analysis,
    split_sentences,
    write_pages_main,
)
from bench.stitch3_catalogue import Outlet3, half

__all__ = ["StitchedPage", "build_page", "build_pages", "data_available", "make_key", "perfect_analysis", "render_html",
           "render_text"]

SPLITS = ("dev", "test")
MONTHS_AP = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
Region = tuple[int, int, str, int | None]


class Drop(Exception):
    """This attempt cannot give a page whose key is true; the message is the reason counted."""


@dataclass(frozen=True)
class Line:
    """One line of the page: `key` is "body", a noise key, or None (neutral: titles, list heads kept)."""

    text: str
    key: str | None
    story: int | None = None
    kind: str = "furniture"     # body, title, credit, caption, teaser, furniture, separator
    group: str | None = None    # consecutive lines of one group are one list (single newlines between)


@dataclass(frozen=True)
class Story:
    """One story as placed on the page: its lines, origin and the page lines naming that origin."""

    sid: str
    src: Source
    origin: Outlet3 | None
    title: str | None
    lines: tuple[Line, ...]
    evidence: tuple[str, ...]
    truncations: tuple[tuple[str, str], ...]  # (where, note)


# ================================================================== filling templates
def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _dateline_date(d: dt.date, style: str) -> str:
    if style == "wam":
        return f"{_ordinal(d.day)} {MONTHS_LONG[d.month - 1]}, {d.year}"
    if style == "plain":
        return f"{MONTHS_SHORT[d.month - 1]} {d.day}"
    return f"{MONTHS_AP[d.month - 1]} {d.day}"


class Fields(dict[str, str]):
    """Template fields; a field nobody set fills with an empty string instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _fields(rng: random.Random, site: str, station: str, company: str, day: dt.date,
            origin: Outlet3 | None = None) -> Fields:
    author = rng.choice(cat.AUTHORS)
    f = Fields(site=site, station=station, company=company, year=str(day.year), author=author,
               ago=rng.choice([f"{rng.randint(2, 11)}h ago", f"{rng.randint(2, 50)} min ago",
                               f"{rng.randint(2, 6)} hours ago", "1d"]),
               n=str(rng.randint(2, 9)), n2=f"{rng.randint(10, 59)}", n6=str(rng.randint(100000, 999999)),
               time=f"{rng.randint(6, 22)}:{rng.randint(0, 59):02d}",
               date_text=rng.choice([f"{MONTHS_LONG[day.month - 1]} {day.day}, {day.year}",
                                     f"{day.day} {MONTHS_LONG[day.month - 1]} {day.year}",
                                     day.strftime("%m/%d/%Y")]),
               section=rng.choice(cat.SECTIONS), initials=f"{_letters(rng, 3)} {_letters(rng, 3)}",
               lower=_letters(rng, 3).lower(), clock=f"{rng.randint(10, 23)}{rng.randint(0, 59):02d} hrs",
               author_initial=_letters(rng, 3), handle=author.split()[0].lower(),
               tags=", ".join(rng.sample(cat.TAG_WORDS, 3)),
               photographer=rng.choice(cat.PHOTOGRAPHERS), picture_agency=rng.choice(cat.PICTURE_AGENCIES))
    if origin is not None:
        f.update(name=origin.name, domain=origin.domain, city=origin.city or rng.choice(cat.PRESS_CITIES),
                 date=_dateline_date(day, origin.date_style), date_long=MONTHS_LONG[day.month - 1],
                 day=str(day.day), wire_upper=(origin.aliases[0] if origin.aliases else origin.name))
    return f


def _letters(rng: random.Random, k: int) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTVWY") for _ in range(k))


def _fill(template: str, fields: Fields) -> str:
    return re.sub(r"\s+", " ", template.format_map(fields)).strip()


# ================================================================== one story
def _paragraphs(rng: random.Random, src: Source, want: int) -> list[str]:
    """The first `want` units of the source, grouped into paragraphs the way the source broke them."""
    units = src.units[:want]
    paras: list[list[str]] = []
    for i, u in enumerate(units):
        if not paras or (u.para and rng.random() < 0.8) or len(paras[-1]) >= 3 or (i and rng.random() < 0.25):
            paras.append([])
        paras[-1].append(u.text)
    return [" ".join(p) for p in paras]


def cut_end(rng: random.Random, para: str) -> str | None:
    """The paragraph with its last sentence cut off mid-way (what a snippet or paywall leaves)."""
    sents = split_sentences(para)
    words = sents[-1].split()
    if len(words) < 10:
        return None
    keep = rng.randint(4, len(words) - 4)
    head = " ".join([*sents[:-1], " ".join(words[:keep])]).rstrip(",;:")
    return head + rng.choice(["…", " …", "...", ""])


def cut_start(rng: random.Random, para: str) -> str | None:
    """The paragraph starting mid-sentence (a scraper that lost the top of the story)."""
    words = para.split()
    first = split_sentences(para)[0].split()
    if len(first) < 10:
        return None
    cut = rng.randint(3, min(8, len(first) - 6))
    rest = words[cut:]
    if not rest or not rest[0][:1].isalpha():
        return None
    return " ".join([rest[0].lower(), *rest[1:]])


def _story(rng: random.Random, split: str, kind: str, site: str, idx: int, src: Source, day: dt.date,
           truncate_end: bool, teaser_titles: list[str]) -> Story:
    """Lay out one story: credits, title, byline, body with inner furniture, closing lines."""
    station = rng.choice(half(cat.STATIONS, split))
    company = rng.choice(half(cat.COMPANIES, split))
    credited = rng.random() < 0.82
    pool = {"agency": cat.AGENCIES, "prwire": cat.PRESS_WIRES, "station": cat.NETWORKS}.get(kind, cat.OUTLETS)
    origin = rng.choice(pool[0] if split == "dev" else pool[1]) if credited else None
    f = _fields(rng, site, station, company, src.date or day, origin)
    f["slug"] = re.sub(r"[^a-z0-9]+", "-", (src.title or "news release").lower()).strip("-")[:60]
    f["title"] = rng.choice(teaser_titles) if teaser_titles else "Latest headlines"
    f["company_slug"] = re.sub(r"[^a-z]+", "", company.split()[0].lower())
    paras = _paragraphs(rng, src, rng.randint(3, min(11, len(src.units))))
    evidence: list[str] = []
    truncs: list[tuple[str, str]] = []
    before: list[Line] = []
    after: list[Line] = []
    title = src.title if src.title and rng.random() < 0.85 else None

    def credit(text: str, names_origin: bool = True) -> Line:
        if names_origin and origin is not None:
            evidence.append(text)
        return Line(text, "site_boilerplate", idx, "credit")

    def furniture(text: str, key: str = "site_boilerplate") -> Line:
        return Line(text, key, idx, "furniture")

    # a release always opens with its wire's dateline; an agency story sometimes only signs off
    dated = origin is not None and bool(origin.dateline) and (kind == "prwire" or
                                                              (kind == "agency" and rng.random() < 0.8))
    if dated and origin is not None:
        mark = _fill(origin.dateline, f)
        paras[0] = mark + (" " if origin.dateline.endswith(" ") else "") + paras[0]
        evidence.append(mark.rstrip(" -/").strip())
    elif idx == 0 and rng.random() < 0.12:
        cut = cut_start(rng, paras[0])
        if cut:
            paras[0] = cut
            truncs.append(("start", "starts mid-sentence: the top of the story was lost"))
    if truncate_end:
        cut = cut_end(rng, paras[-1])
        if cut:
            paras[-1] = cut
            truncs.append(("end", "cut off mid-sentence"))

    # lines before the body
    if kind == "aggregator" and origin is not None:
        before.append(credit(_fill(rng.choice(half(cat.AGGREGATOR_BEFORE, split)), f)))
    if title:
        before.append(Line(title, None, idx, "title"))
    if kind == "portal" and origin is not None and rng.random() < 0.9:
        before.append(credit(_fill(rng.choice(half(cat.PORTAL_BYLINE_CREDIT, split)), f)))
    elif rng.random() < 0.6:
        before.append(furniture(_fill(rng.choice(half(cat.BYLINES, split)), f)))
    if rng.random() < 0.35:
        before.append(furniture(_fill(rng.choice(half(cat.STAMPS, split)), f)))
    if kind == "blog" and origin is not None and rng.random() < 0.4:
        before.append(credit(_fill(rng.choice(half(cat.BLOG_BEFORE, split)), f)))

    # the body, with furniture inside it
    body: list[Line] = [Line(p, "body", idx, "body") for p in paras]
    if len(body) >= 3 and rng.random() < 0.35:
        cap = _fill(rng.choice(half(cat.CAPTIONS, split)), f)
        body.insert(1, Line(cap, "captions", idx, "caption"))
    if len(body) >= 3 and rng.random() < 0.45:
        spot = rng.randint(1, len(body) - 1)
        body.insert(spot, furniture(_fill(rng.choice(half(cat.INNER[kind], split)), f)))
    if len(body) >= 4 and kind in ("aggregator", "portal", "blog") and rng.random() < 0.3:
        body.insert(rng.randint(2, len(body) - 1),
                    Line(_fill(rng.choice(half(cat.INLINE_TEASERS, split)), f), "teasers", idx, "teaser"))
    if kind == "portal" and len(body) >= 4 and rng.random() < 0.3:  # a live page: stamps between the posts
        body.insert(len(body) - 1, furniture(_fill(rng.choice(half(cat.LIVE_STAMPS, split)), f)))

    # lines after the body
    if truncs and truncs[-1][0] == "end" and (kind == "portal" or rng.random() < 0.4):
        after.append(furniture(_fill(rng.choice(half(cat.PAYWALLS, split)), f)))
    if origin is not None:
        if kind == "agency" and origin.signoff and rng.random() < 0.85:
            line = _fill(origin.signoff, f)
            after.append(credit(line, names_origin=_names(line, origin)))
        elif kind == "prwire":
            after.append(credit("SOURCE " + company, names_origin=False))
            link = origin.signoff if origin.signoff and rng.random() < 0.7 else rng.choice(half(cat.PRESS_LINKS, split))
            after.append(credit(_fill(link, f)))
            if rng.random() < 0.5:
                after.append(furniture(_fill(rng.choice(half(cat.AFTER["prwire"], split)[1:3]), f)))
                after += [Line(_fill(t, f), "site_boilerplate", idx, "furniture", f"contact{idx}")
                          for t in half(cat.CONTACTS, split)]
        elif kind == "station":
            after.append(credit(_fill(origin.signoff, f)))
        elif kind == "aggregator" and rng.random() < 0.5:
            after.append(credit(_fill(rng.choice(half(cat.AGGREGATOR_AFTER, split)), f)))
        elif kind == "blog" and (rng.random() < 0.7 or not evidence):
            after.append(credit(_fill(rng.choice(half(cat.BLOG_AFTER, split)), f)))
    elif kind in ("blog", "aggregator") and rng.random() < 0.6:
        after.append(credit(_fill(rng.choice(half(cat.UNNAMED_CREDIT, split)), f), names_origin=False))
    for text in rng.sample(half(cat.AFTER[kind], split), k=rng.randint(1, 2)):
        after.append(furniture(_fill(text, f)))
    if rng.random() < 0.3:
        after.append(furniture(_fill(rng.choice(half(cat.TAG_LINES, split)), f)))
    if origin is not None and not evidence:  # a credited story whose lines did not name it: it has no origin
        origin = None
    lines = (*before, *body, *after)
    return Story(f"S{idx + 1}", src, origin, title, tuple(lines), tuple(dict.fromkeys(evidence)), tuple(truncs))


def _names(line: str, origin: Outlet3) -> bool:
    low = line.lower()
    return any(n.lower() in low for n in (origin.name, *origin.aliases, origin.domain))


# ================================================================== the page
def _choose_sources(rng: random.Random, corpus: Corpus) -> list[Source]:
    """1-4 sources; often two reports of one ECB+ event side by side (a same-topic boundary)."""
    n = rng.choice([1, 2, 2, 3, 3, 3, 4])
    chosen: list[Source] = []
    if n >= 2 and rng.random() < 0.4:
        events = [e for e, docs in corpus.by_event.items() if len(docs) >= 2]
        chosen += rng.sample(corpus.by_event[rng.choice(events)], 2)
    while len(chosen) < n:
        pool = corpus.guardian if rng.random() < 0.45 else corpus.ecb
        src = rng.choice(pool)
        if all(src.key != c.key for c in chosen):
            chosen.append(src)
    if rng.random() < 0.5:
        rng.shuffle(chosen)
    return chosen


def _teasers(rng: random.Random, corpus: Corpus, avoid: set[str], k: int) -> list[str]:
    out: list[str] = []
    while len(out) < k:
        t = rng.choice(corpus.titles)
        if t not in avoid and t not in out:
            out.append(t)
    return out


def _assemble(rng: random.Random, split: str, corpus: Corpus) -> tuple[list[Line], list[Story], dt.date, str, str]:
    """One site's page: its kind's header, the stories with furniture between them, the footer; and the site."""
    kind = rng.choice(cat.KINDS)
    site = rng.choice(half(cat.SITES, split))
    sources = _choose_sources(rng, corpus)
    dates = [s.date for s in sources if s.date]
    day = (max(dates) if dates else dt.date(2022, rng.randint(1, 12), rng.randint(1, 28)))
    day += dt.timedelta(days=rng.choice([0, 0, 1, 2]))
    titles = {s.title for s in sources if s.title}
    pool_titles = _teasers(rng, corpus, titles, 8)
    page_f = _fields(rng, site, rng.choice(half(cat.STATIONS, split)), "", day)
    page_f["app"] = site

    def noise(text: str, key: str = "site_boilerplate", group: str | None = None) -> Line:
        return Line(_fill(text, page_f), key, None, "furniture", group)

    lines: list[Line] = []
    cookies_at = rng.choice(["top", "bottom", None, None])  # a text copy catches the banner where it sat
    if cookies_at == "top":
        lines += [noise(t, group="cookies") for t in half(cat.COOKIES, split)]
    head = half(cat.HEADERS[kind], split)
    lines += [noise(t, group="nav") for t in rng.sample(head, k=rng.randint(1, len(head)))]
    if kind in ("aggregator", "portal") and rng.random() < 0.4:
        lines.append(noise(rng.choice(half(cat.APPS, split))))
    if kind == "portal" and rng.random() < 0.35:  # a live page's key events list
        lines.append(noise(rng.choice(half(cat.KEY_EVENTS, split))))
        lines += [noise(f"{rng.randint(7, 20)}:{rng.randint(0, 59):02d} {t}", "teasers", "key")
                  for t in pool_titles[:rng.randint(2, 3)]]
    stories: list[Story] = []
    used_teasers = set(pool_titles[:3])
    for i, src in enumerate(sources):
        if i:
            between = rng.random()
            if between < 0.35:
                lines.append(noise(rng.choice(half(cat.SEPARATORS, split)), "site_boilerplate"))
            elif between < 0.7:
                lines.append(noise(rng.choice(half(cat.LIST_HEADS, split))))
                picks = [t for t in pool_titles if t not in used_teasers][:rng.randint(2, 4)]
                used_teasers.update(picks)
                lines += [noise(t, "teasers", f"list{i}") for t in picks]
            if rng.random() < 0.2:
                lines.append(noise(rng.choice(half(cat.NEWSLETTERS, split))))
        last = i == len(sources) - 1
        story = _story(rng, split, kind, site, i, src, day, truncate_end=last and rng.random() < 0.3,
                       teaser_titles=[t for t in pool_titles if t not in used_teasers])
        stories.append(story)
        lines += story.lines
    if rng.random() < 0.3:
        lines.append(noise(rng.choice(half(cat.NEWSLETTERS, split))))
    foot = half(cat.FOOTERS, split)
    lines += [noise(t, group="footer") for t in rng.sample(foot, k=rng.randint(1, 3))]
    if kind == "station":  # the station group's own copyright: never the origin of the network's story
        lines.append(noise(rng.choice(half(cat.STATION_GROUPS, split)), group="footer"))
    if cookies_at == "bottom":
        lines += [noise(t, group="cookies") for t in half(cat.COOKIES, split)]
    return lines, stories, day, site, kind


def render_text(lines: list[Line], single_newlines: bool) -> tuple[str, list[Region]]:
    """The page as text, and each line's region (start, end, key, story)."""
    parts: list[str] = []
    regions: list[Region] = []
    pos = 0
    for k, line in enumerate(lines):
        if k:
            grouped = line.group is not None and lines[k - 1].group == line.group
            sep = "\n" if single_newlines or grouped else "\n\n"
            parts.append(sep)
            pos += len(sep)
        regions.append((pos, pos + len(line.text), line.key or "", line.story))
        parts.append(line.text)
        pos += len(line.text)
    return "".join(parts), regions


# ================================================================== the key
def _anchor(text: str, line: str, min_words: int, from_end: bool) -> str | None:
    """The shortest run of >= min_words words at the start (or end) of line that occurs once in text."""
    words = line.split()
    for n in range(min_words, len(words) + 1):
        cand = " ".join(words[-n:] if from_end else words[:n])
        if len(find_all(text, cand)) == 1:
            return cand
    return None


def make_key(text: str, stories: list[Story], lines: list[Line], day: dt.date) -> dict[str, Any]:
    """The answer key, in the shape the shared scorer and builder 2's key check read."""
    entries: list[dict[str, Any]] = []
    truncations: list[dict[str, str]] = []
    for i, st in enumerate(stories):
        body = [ln.text for ln in lines if ln.story == i and ln.key == "body"]
        first, last = _anchor(text, body[0], 6, False), _anchor(text, body[-1], 6, True)
        if not first or not last:
            raise Drop("story anchor not unique")
        o = st.origin
        entries.append({"id": st.sid, "first": first, "last": last, "origin": o.name if o else None,
                        "origin_aliases": [*o.aliases, o.domain] if o else [], "origin_evidence": list(st.evidence) if o
                        else [], "title": st.title, "source": st.src.key, "topic": st.src.topic})
        for where, note in st.truncations:
            anchor = _anchor(text, body[0] if where == "start" else body[-1], 4, where == "end")
            if not anchor:
                raise Drop("truncation anchor not unique")
            truncations.append({"anchor": anchor, "where": where, "note": note})
    noise: dict[str, Any] = {k: [] for k in ("site_boilerplate", "credits", "link_residue", "teasers", "captions",
                                             "duplicate_lines", "summary_bullets", "subheadings")}
    for ln in lines:
        if ln.key in noise:
            noise[ln.key].append(ln.text)
        if ln.kind == "credit":
            noise["credits"].append(ln.text)
    for k in noise:
        noise[k] = list(dict.fromkeys(noise[k]))
    noise["truncations"] = truncations
    return {"reference_date": day.isoformat(), "stories": entries,
            "required_boundaries": [[a["id"], b["id"]] for a, b in itertools.pairwise(entries)],
            "topic_boundaries": [], "noise": noise,
            "entities": [], "quotes": [], "claims": [], "times": [], "events": []}


# ================================================================== HTML
def render_html(lines: list[Line], theme: str, site: str) -> tuple[str, str, list[Region]]:
    """The page as markup in one of the split's themes, with the block-per-line text the key is written against."""
    markup = cat.HTML_MARKUP[theme]
    text, regions = render_text(lines, single_newlines=True)
    counter = itertools.count(1)
    chunks: list[str] = []
    for story, run in itertools.groupby(lines, key=lambda ln: ln.story):
        inner: list[str] = []
        for group, items in itertools.groupby(run, key=lambda ln: ln.group):
            elems = [markup["item" if group else ("body" if ln.kind == "body" else _kind(ln))].format(
                x=html.escape(ln.text, quote=False), n=next(counter)) for ln in items]
            inner.append(markup["list"].format(x="\n".join(elems)) if group else "\n".join(elems))
        wrapper = markup["story" if story is not None else "outer"]
        chunks.append(wrapper.format(x="\n".join(inner), n=next(counter)))
    page = markup["page"].format(title=html.escape(site), x="\n".join(chunks))
    return page, text, regions


def _kind(line: Line) -> str:
    return line.kind if line.kind in ("title", "credit", "caption") else "furniture"


# ================================================================== pages
def build_page(rng: random.Random, split: str, corpus: Corpus, page_id: str, as_html: bool) -> StitchedPage:
    """One page and its key from `corpus`, or Drop when the key cannot be made true."""
    lines, stories, day, site, kind = _assemble(rng, split, corpus)
    if as_html:
        theme = rng.choice(half(cat.HTML_THEMES, split))
        content, text, regions = render_html(lines, theme, site)
    else:
        text, regions = render_text(lines, single_newlines=rng.random() < 0.25)
        content = text + "\n"
    gold = make_key(text, stories, lines, day)
    gold["site_kind"] = kind  # which family of sites the page imitates (the scorer ignores it)
    page = StitchedPage(page_id, "html" if as_html else "text", content, text, gold, tuple(s.src.key for s in stories))
    problems = check_key(page, regions)
    if problems:
        raise Drop(_reason(problems[0]))
    return page


def _reason(problem: str) -> str:
    for pattern, reason in ((r"anchor occurs", "story anchor not unique"), (r"also occurs in article text",
                             "noise line also in article text"), (r"overlaps noise", "story anchor overlaps noise"),
                            (r"evidence", "origin evidence missing")):
        if re.search(pattern, problem):
            return reason
    return "key check failed"


def build_pages(data_root: Path, n: int, seed: int, *, html_share: float = 0.0,
                drops: Counter[str] | None = None, split: str = "dev") -> list[StitchedPage]:
    """n pages with answer keys, decided by seed, built only from the split's half of each convention family."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    data_root = Path(data_root)
    if not data_available(data_root):
        raise FileNotFoundError(f"shared data not found under {data_root}")
    corpus = load_corpus(data_root)
    drops = drops if drops is not None else Counter()
    rng = random.Random(f"farm3:{split}:{seed}")
    pages: list[StitchedPage] = []
    for _ in range(20 * n):
        if len(pages) >= n:
            break
        page_rng = random.Random(rng.getrandbits(64))
        as_html = page_rng.random() < html_share
        try:
            pages.append(build_page(page_rng, split, corpus, f"farm3-{split}-s{seed}-{len(pages):03d}", as_html))
        except Drop as exc:
            drops[str(exc)] += 1
    return pages


def main(argv: list[str] | None = None) -> int:
    return write_pages_main(build_pages, SPLITS, __doc__, argv)

if __name__ == "__main__":
    sys.exit(main())
