#!/usr/bin/env python3
"""stitch4: a fourth page builder, written apart from the other three and from the system, as a check nobody tunes on.

Each page is one republishing site of one family the earlier builders do not imitate: a news-app
aggregator's cards, an AMP copy, a newsletter repost, a translated repost, a forum repost of a paywalled
article, a press-clipping service's text, a scraper that leaves broken markup behind, or a local TV
station running partner copy. It carries 1-4 stories taken from the shared evaluation articles (two
reports of one event side by side on some pages), with the family's furniture and the lines it uses to
say where a story came from: above the story, below it, both, or inside a photo caption. The
conventions live in bench/stitch4_catalogue.py, every family in a dev half and a disjoint test half
(`split`); outlets are invented (names, domains, agency codes), with a share of real ones.

Origins follow the credit: a story whose page names no outlet for it has origin null. Outlets named
elsewhere (a photo credit naming another outlet, the site's or station's own copyright) are never the
origin. Stories may be truncated at either end.

The key has builder 2's shape (bench/stitch2.py `check_key` verifies it): story anchors occur once and
start/end a line, every occurrence of a noise anchor lies in a noise line, evidence names its origin.
HTML pages are keyed against a block-per-line reading of the markup.

    python -m bench.stitch4 --out DIR [--pages N] [--seed S] [--data DIR] [--html] [--split dev|test]

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
from bench import stitch4_catalogue as cat
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
from bench.stitch4_catalogue import Outlet4, half

__all__ = ["Drop", "Line", "StitchedPage", "Story", "build_page", "build_pages", "make_key", "perfect_analysis",
           "render_html", "render_text"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
Region = tuple[int, int, str, int | None]


class Drop(Exception):
    """This attempt cannot give a page whose key is true; the message is the reason counted."""


@dataclass(frozen=True)
class Line:
    """One line of the page: `key` is "body", a noise key, "subheadings" (titles) or None (kept, unlisted)."""

    text: str
    key: str | None
    story: int | None = None
    kind: str = "furniture"  # body, title, credit, caption, teaser, furniture, separator, comment
    group: str | None = None  # consecutive lines of one group are one list (single newlines between)
    residue: str | None = None  # link residue glued to the end of the line ("... [...]")


@dataclass(frozen=True)
class Story:
    """One story as placed on the page: its origin and the page lines naming it, and where it was cut."""

    sid: str
    src: Source
    origin: Outlet4 | None
    title: str | None
    evidence: tuple[str, ...]
    truncations: tuple[tuple[str, str], ...]  # (where, note)


# ================================================================== outlets and template fields
def invented_outlet(rng: random.Random, split: str, avoid: set[str]) -> Outlet4:
    """An outlet no table knows: a stem of the split's half (none named in `avoid`) in one of its naming shapes."""
    used = " ".join(avoid).casefold()
    stems = [s for s in half(cat.STEMS, split) if s.casefold() not in used] or list(half(cat.STEMS, split))
    stem = rng.choice(stems)
    shape, name_t, alias_ts, domain_t = rng.choice(cat.SHAPES[0 if split == "dev" else 1])
    folded = stem.casefold()
    name = name_t.format(S=stem, s=folded)
    domain = domain_t.format(S=stem, s=folded)
    aliases = [a.format(S=stem, s=folded) for a in alias_ts] + [domain, "www." + domain]
    code = None
    if shape == "agency":  # initials of the name's words: "Dunmere News Agency" -> "DNA"
        code = "".join(w[0] for w in name.split()).upper()
        aliases.insert(0, code)
    return Outlet4(name, tuple(dict.fromkeys(aliases)), domain, shape, code)


def real_outlet(src: Source) -> Outlet4 | None:
    """The outlet the source article really came from, when the corpus knows it."""
    o = src.outlet
    if o is None or not o.domain:
        return None
    return Outlet4(o.name, tuple(dict.fromkeys((*o.aliases, o.domain))), o.domain, "real")


def _date_text(rng: random.Random, day: dt.date) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == 1:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return day.isoformat()


def _fields(rng: random.Random, split: str, site: str, station: str, day: dt.date) -> dict[str, str]:
    return {"site": site, "station": station, "year": str(day.year), "date": _date_text(rng, day),
            "ago": rng.choice(("3h ago", "45m ago", "2 hrs ago", "1d ago", "yesterday")),
            "author": rng.choice(half(cat.AUTHORS, split)), "lang": rng.choice(half(cat.LANGUAGES, split)),
            "user": rng.choice(half(cat.USERS, split)), **_numbers(rng)}


def _numbers(rng: random.Random) -> dict[str, str]:
    """Two numbers for page counters, points, clip ids ({n} never above {m}: "page 3 of 12")."""
    n = rng.randint(2, 60)
    return {"n": str(n), "m": str(n + rng.randint(1, 90))}


def fill(template: str, fields: dict[str, str], outlet: Outlet4 | None = None, **extra: str) -> str:
    """The template with its slots filled; an outlet fills {outlet}, {domain} and {code}."""
    values = dict(fields, **extra)
    if outlet is not None:
        values.update(outlet=outlet.name, domain=outlet.domain, code=outlet.code or outlet.name)
    return template.format_map(values)


def names_outlet(line: str, outlet: Outlet4) -> bool:
    """Whether a line names the outlet by its name or one of its aliases (as the key check demands)."""
    low = line.casefold()
    return any(n.casefold() in low for n in (outlet.name, *outlet.aliases))


# ================================================================== story text
def paragraphs(src: Source) -> list[str]:
    """The source's paragraphs, long ones split so that no paragraph runs past five sentences."""
    out: list[list[str]] = []
    for unit in src.units:
        if unit.para or not out or len(out[-1]) >= 5:
            out.append([])
        out[-1].append(unit.text)
    return [" ".join(p) for p in out if p]


def cut_end(rng: random.Random, para: str) -> str | None:
    """The paragraph stopped in the middle of its last sentence (a card cut to length), or None."""
    sentences = split_sentences(para)
    words = sentences[-1].split() if sentences else []
    if len(words) < 8:
        return None
    keep = rng.randint(len(words) // 3, (2 * len(words)) // 3)
    head = " ".join([*sentences[:-1], " ".join(words[:keep])]).rstrip(",;:—-")
    return head + rng.choice(("", "", "…", "..."))


def cut_start(rng: random.Random, para: str) -> str | None:
    """The paragraph entered in the middle of its first sentence (a clipping starting mid-column), or None."""
    sentences = split_sentences(para)
    words = sentences[0].split() if sentences else []
    if len(words) < 8:
        return None
    drop = rng.randint(2, len(words) // 2)
    return " ".join([" ".join(words[drop:]), *sentences[1:]])


# ================================================================== one story
def _caption_words(rng: random.Random, split: str, src: Source) -> str:
    own = (src.caption or "").strip().rstrip(".")
    if own and 3 <= len(own.split()) <= 30 and rng.random() < 0.6:
        return own
    return rng.choice(half(cat.GENERIC_CAPTIONS, split))


def _story(rng: random.Random, split: str, kind: str, idx: int, src: Source, fields: dict[str, str],
           avoid: set[str]) -> tuple[Story, list[Line]]:
    """One story's lines (credits, title, caption, body, furniture) and what its key says of it."""
    paras = paragraphs(src)
    if len(paras) < 2:
        raise Drop("source too short")
    want = rng.randint(2, min(6, len(paras)))
    start = 0 if rng.random() < 0.7 else rng.randrange(0, len(paras) - want + 1)
    body = paras[start:start + want]
    truncs: list[tuple[str, str]] = []
    if rng.random() < 0.18:
        cut = cut_end(rng, body[-1])
        if cut:
            body[-1] = cut
            truncs.append(("end", "stopped mid-sentence by the republisher"))
    if kind in ("clipping", "forum", "scraper") and rng.random() < 0.25:
        cut = cut_start(rng, body[0])
        if cut:
            body[0] = cut
            truncs.append(("start", "entered mid-sentence"))

    origin: Outlet4 | None = None
    if rng.random() < 0.82:
        real = real_outlet(src)
        origin = real if real is not None and rng.random() < 0.25 else invented_outlet(rng, split, avoid)
    caption = rng.random() < 0.35
    where = rng.choices(("top", "foot", "both", "caption"), (35, 35, 15, 15 if caption else 0))[0]
    evidence: list[str] = []
    top: list[Line] = []
    foot: list[Line] = []
    cap_line: Line | None = None
    if origin is not None:
        if where in ("top", "both"):
            text = fill(rng.choice(half(cat.CREDIT_TOP[kind], split)), fields, origin)
            top.append(Line(text, "site_boilerplate", idx, "credit"))
            evidence.append(text)
        if where in ("foot", "both"):
            family = cat.AGENCY_FOOT if origin.code and rng.random() < 0.5 else cat.CREDIT_FOOT[kind]
            text = fill(rng.choice(half(family, split)), fields, origin)
            foot.append(Line(text, "site_boilerplate", idx, "credit"))
            evidence.append(text)
        if where == "caption":
            template = rng.choice(half(cat.CAPTION_CREDIT, split))
            text = fill(template, fields, origin, cap=_caption_words(rng, split, src))
            cap_line = Line(text, "captions", idx, "caption")
            evidence.append(text)
    if caption and cap_line is None:  # a photo credited to another outlet: never the story's origin
        other = invented_outlet(rng, split, avoid | {origin.name if origin else ""})
        if origin is not None and names_outlet(other.name, origin):
            raise Drop("photo outlet is the origin")
        avoid.add(other.name)
        text = fill(rng.choice(half(cat.CAPTION_PHOTO, split)), fields, None, other=other.name,
                    cap=_caption_words(rng, split, src))
        cap_line = Line(text, "captions", idx, "caption")
    for line in evidence:
        if origin is None or not names_outlet(line, origin):
            raise Drop("origin evidence missing")

    lines: list[Line] = []
    title = src.title if src.title and rng.random() < 0.85 else None
    title_line = [Line(title, "subheadings", idx, "title")] if title else []
    lines += (top + title_line) if rng.random() < 0.5 else (title_line + top)
    if cap_line is not None and rng.random() < 0.6:
        lines.append(cap_line)
    inside_at = rng.randrange(1, len(body)) if len(body) > 2 and rng.random() < 0.3 else -1
    residue_at = rng.randrange(0, len(body) - 1) if kind in ("scraper", "app") and rng.random() < 0.4 else -1
    for k, para in enumerate(body):
        if k == inside_at:
            lines.append(Line(fill(rng.choice(half(cat.INSIDE[kind], split)), fields), "site_boilerplate", idx))
        residue = rng.choice(half(cat.RESIDUE, split)) if k == residue_at else None
        lines.append(Line(para, "body", idx, "body", residue=residue))
    if cap_line is not None and cap_line not in lines:
        lines.append(cap_line)
    lines += foot
    for template in rng.sample(half(cat.AFTER[kind], split), k=rng.randint(0, len(half(cat.AFTER[kind], split)))):
        lines.append(Line(fill(template, fields), "site_boilerplate", idx))
    if kind == "forum":
        for comment in rng.sample(half(cat.COMMENTS, split), k=rng.randint(1, 3)):
            lines.append(Line(comment, "site_boilerplate", idx, "comment", group=f"comments{idx}"))
    story = Story("ABCDEFGH"[idx], src, origin, title, tuple(dict.fromkeys(evidence)), tuple(truncs))
    return story, lines


# ================================================================== the page
def _choose_sources(rng: random.Random, corpus: Corpus) -> list[Source]:
    """1-4 source articles; on some pages two consecutive ones report the same event."""
    k = rng.choices((1, 2, 3, 4), (10, 35, 35, 20))[0]
    pool = [s for s in corpus.guardian + corpus.ecb if len(s.units) >= 4 and len(paragraphs(s)) >= 2]
    chosen = rng.sample(pool, k)
    usable = {e: [d for d in docs if d in pool] for e, docs in sorted(corpus.by_event.items())}
    events = [e for e, docs in usable.items() if len(docs) >= 2]
    if k >= 2 and events and rng.random() < 0.45:
        docs = usable[rng.choice(events)]
        pair = rng.sample(docs, 2)
        at = rng.randrange(0, k - 1)
        chosen = [s for s in chosen if s not in pair][: k - 2]
        chosen[at:at] = pair
    return chosen


def _teasers(rng: random.Random, split: str, corpus: Corpus, avoid: set[str], fields: dict[str, str],
             group: str) -> list[Line]:
    titles = [t for t in corpus.titles if t not in avoid]
    if len(titles) < 3:
        return []
    head = Line(fill(rng.choice(half(cat.TEASER_HEADS, split)), fields), "site_boilerplate")
    return [head] + [Line(t, "teasers", None, "teaser", group=group) for t in rng.sample(titles, rng.randint(2, 4))]


def _assemble(rng: random.Random, split: str, corpus: Corpus) -> tuple[list[Line], list[Story], dt.date, str, str]:
    """The page's lines and stories, its date, its site's name and the family of sites it imitates."""
    kind = rng.choice(cat.KINDS)
    sources = _choose_sources(rng, corpus)
    dates = [s.date for s in sources if s.date]
    day = (max(dates) if dates else dt.date(2022, 3, 1)) + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
    site = rng.choice(half(cat.SITES, split))
    fields = _fields(rng, split, site, rng.choice(half(cat.STATIONS, split)), day)
    lines: list[Line] = []
    for template in rng.sample(half(cat.HEADER[kind], split), k=rng.randint(1, len(half(cat.HEADER[kind], split)))):
        lines.append(Line(fill(template, fields), "site_boilerplate"))
    stories: list[Story] = []
    used_titles = {s.title for s in sources if s.title}
    avoid: set[str] = set()
    for idx, src in enumerate(sources):
        if idx:
            roll = rng.random()
            if roll < 0.35:
                lines.append(Line(rng.choice(half(cat.SEPARATORS, split)), "site_boilerplate", kind="separator"))
            elif roll < 0.55:
                lines += _teasers(rng, split, corpus, used_titles, fields, f"teasers{idx}")
        fields = dict(fields, author=rng.choice(half(cat.AUTHORS, split)), **_numbers(rng))
        story, story_lines = _story(rng, split, kind, idx, src, fields, avoid)
        if story.origin is not None:
            avoid.add(story.origin.name)
        stories.append(story)
        lines += story_lines
    if rng.random() < 0.4:
        lines += _teasers(rng, split, corpus, used_titles, fields, "teasers_end")
    for template in half(cat.FOOTER[kind], split)[: rng.randint(1, len(half(cat.FOOTER[kind], split)))]:
        lines.append(Line(fill(template, fields), "site_boilerplate"))
    return lines, stories, day, site, kind


def render_text(lines: list[Line], single_newlines: bool) -> tuple[str, list[Region]]:
    """The page as text, and each line's regions (start, end, key, story); residue is a region of its own."""
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
        if line.residue:
            regions.append((pos, pos + len(line.residue), "link_residue", line.story))
            parts.append(line.residue)
            pos += len(line.residue)
    return "".join(parts), regions


# ================================================================== the key
def _anchor(text: str, line: str, min_words: int, from_end: bool) -> str | None:
    """The shortest run of >= min_words words at the start (or end) of a line that occurs once in text."""
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
                        "origin_aliases": list(o.aliases) if o else [], "origin_evidence": list(st.evidence),
                        "title": st.title, "source": st.src.key, "topic": st.src.topic})
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
        if ln.residue:
            noise["link_residue"].append(ln.residue.strip())
    for k in noise:
        noise[k] = list(dict.fromkeys(noise[k]))
    noise["truncations"] = truncations
    return {"reference_date": day.isoformat(), "stories": entries,
            "required_boundaries": [[a["id"], b["id"]] for a, b in itertools.pairwise(entries)],
            "topic_boundaries": [], "noise": noise,
            "entities": [], "quotes": [], "claims": [], "times": [], "events": []}


# ================================================================== HTML
# Per theme: the page, a story's wrapper, a list, a list item, and one element per kind of line.
THEMES: dict[str, dict[str, str]] = {
    "cards": {"page": '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
                      '<body><div id="feed">\n{x}\n</div></body></html>',
              "story": '<div class="card" data-id="{n}">\n{x}\n</div>', "outer": '<div class="ui-row">{x}</div>',
              "list": '<ul class="more">{x}</ul>', "item": '<li><a href="/s/{n}">{x}</a></li>',
              "body": "<p>{x}</p>", "title": '<h2 class="card-title">{x}</h2>',
              "credit": '<div class="attribution">{x}</div>',
              "caption": '<figure><img src="/img/{n}.jpg" alt=""><figcaption>{x}</figcaption></figure>',
              "furniture": '<div class="ui">{x}</div>'},
    "article": {"page": '<html><head><title>{title}</title></head><body><main>\n{x}\n</main></body></html>',
                "story": "<article>\n{x}\n</article>", "outer": '<div class="strip">{x}</div>',
                "list": "<ol>{x}</ol>", "item": '<li><a href="#r{n}">{x}</a></li>',
                "body": "<p>{x}</p>", "title": "<h3>{x}</h3>", "credit": '<p class="source"><em>{x}</em></p>',
                "caption": '<p class="wp-caption-text">{x}</p>', "furniture": '<p class="meta">{x}</p>'},
    "table": {"page": '<html><head><title>{title}</title></head><body>'
                      '<table width="100%">\n{x}\n</table></body></html>',
              "story": "<tbody>\n{x}\n</tbody>", "outer": "<tbody>{x}</tbody>", "list": "{x}",
              "item": '<tr><td><a href="/item?id={n}">{x}</a></td></tr>',
              "body": "<tr><td>{x}</td></tr>", "title": "<tr><td><b>{x}</b></td></tr>",
              "credit": '<tr><td><small>{x}</small></td></tr>', "caption": '<tr><td><i>{x}</i></td></tr>',
              "furniture": '<tr><td class="f">{x}</td></tr>'},
    "spans": {"page": '<html><body bgcolor="#ffffff"><center><div class="wrap">\n{x}\n</div></center></body></html>',
              "story": '<section class="s{n}">\n{x}\n</section>', "outer": "<div>{x}</div>",
              "list": '<div class="rel">{x}</div>', "item": '<div><a href="?p={n}">{x}</a></div>',
              "body": '<div><font face="Arial">{x}</font></div>', "title": '<div><font size="5">{x}</font></div>',
              "credit": '<div align="right"><font size="1">{x}</font></div>',
              "caption": '<div class="cap"><font size="2">{x}</font></div>', "furniture": '<div class="x">{x}</div>'},
}


def render_html(lines: list[Line], theme: str, site: str) -> tuple[str, str, list[Region]]:
    """The page as markup in one of the split's themes, with the block-per-line text the key is written against."""
    markup = THEMES[theme]
    text, regions = render_text(lines, single_newlines=True)
    counter = itertools.count(1)
    chunks: list[str] = []
    for story, run in itertools.groupby(lines, key=lambda ln: ln.story):
        inner: list[str] = []
        for group, items in itertools.groupby(run, key=lambda ln: ln.group):
            elems = []
            for ln in items:
                shown = html.escape(ln.text + (ln.residue or ""), quote=False)
                elems.append(markup["item" if group else _element(ln)].format(x=shown, n=next(counter)))
            inner.append(markup["list"].format(x="\n".join(elems)) if group else "\n".join(elems))
        wrapper = markup["story" if story is not None else "outer"]
        chunks.append(wrapper.format(x="\n".join(inner), n=next(counter)))
    return markup["page"].format(title=html.escape(site), x="\n".join(chunks)), text, regions


def _element(line: Line) -> str:
    return line.kind if line.kind in ("body", "title", "credit", "caption") else "furniture"


# ================================================================== pages
def build_page(rng: random.Random, split: str, corpus: Corpus, page_id: str, as_html: bool) -> StitchedPage:
    """One page and its key from `corpus`, or Drop when the key cannot be made true."""
    lines, stories, day, site, kind = _assemble(rng, split, corpus)
    if as_html:
        content, text, regions = render_html(lines, rng.choice(half(cat.HTML_THEMES, split)), site)
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
    for pattern, reason in ((r"anchor occurs", "story anchor not unique"),
                            (r"also occurs in article text", "noise line also in article text"),
                            (r"overlaps noise", "story anchor overlaps noise"),
                            (r"evidence", "origin evidence missing")):
        if re.search(pattern, problem):
            return reason
    return "key check failed"


def build_pages(data_root: Path, n: int, seed: int, *, html_share: float = 0.0,
                drops: Counter[str] | None = None, split: str = "dev") -> list[StitchedPage]:
    """n pages with answer keys, decided by seed, built only from the split's half of each convention family."""
    if split not in cat.SPLITS:
        raise ValueError(f"split must be one of {cat.SPLITS}, not {split!r}")
    data_root = Path(data_root)
    if not data_available(data_root):
        raise FileNotFoundError(f"shared data not found under {data_root}")
    corpus = load_corpus(data_root)
    drops = drops if drops is not None else Counter()
    rng = random.Random(f"farm4:{split}:{seed}")
    pages: list[StitchedPage] = []
    for _ in range(20 * n):
        if len(pages) >= n:
            break
        page_rng = random.Random(rng.getrandbits(64))
        as_html = page_rng.random() < html_share
        try:
            pages.append(build_page(page_rng, split, corpus, f"farm4-{split}-s{seed}-{len(pages):03d}", as_html))
        except Drop as exc:
            drops[str(exc)] += 1
    return pages


def main(argv: list[str] | None = None) -> int:
    return write_pages_main(build_pages, cat.SPLITS, __doc__, argv)

if __name__ == "__main__":
    sys.exit(main())
