#!/usr/bin/env python3
"""Fuzz read → analyse (issue 24): generated inputs through the readers, `Pipeline().analyze` and the
JSONL reader into `ingest`, counting exceptions (target 0) and span-invariant violations (target 0).

    python -m bench.fuzz [--inputs 2000] [--seed 0] [--start 0] [--kinds unicode,mutated,html,jsonl]
                         [--hypothesis-share 0.25] [--link-every 25]
    nohup timeout 1500 python -m bench.fuzz --inputs 100000 > fuzz.log 2>&1 &   # a long run in the background

A run cut short (`timeout`'s SIGTERM, Ctrl-C) stops after the input at hand and still prints its figures,
with `"stopped_early": true`.

Four kinds of input, taken in turn:

- `unicode`: random code points (controls, combining marks, right-to-left text, zero-width characters,
  astral symbols, the odd lone surrogate), read as text, or encoded (UTF-8 with bad bytes, UTF-16 with
  and without a BOM, Latin-1, cp1252) and read as bytes;
- `mutated`: the bundled invented sample page and the test suite's invented reports, cut, doubled,
  shuffled, stripped of white space, spliced with random text or wire pieces, sometimes damaged
  byte-wise;
- `html`: generated markup: random trees of news-like elements with caption/byline classes, entities
  good and bad, comments, scripts, unclosed and stray tags, nesting up to thousands deep, wrong charsets;
- `jsonl`: batches of records (good ones, and ids, bodies, dates and URLs of every wrong type, escaped
  and raw lone surrogates, broken JSON, a BOM, bad UTF-8, blank lines) written to a file, read with
  `read_sources`, analysed, and the same batch ingested (`newsdesk.jobs.ingest`) into a temporary SQLite
  store, linked every `--link-every` batches and at the end.

No data of ../shared is used. Input i of seed s is made from `random.Random(f"{s}:{i}")` alone, so
`--start i --inputs 1 --hypothesis-share 0` replays it. A share of the inputs (`--hypothesis-share`, run
after the others) is drawn from `hypothesis` strategies instead (text, mangled news, HTML pages, JSONL
records), seeded with `--seed`. Each problem is printed to stderr as it is found, with its index.

Reading may refuse an input only with a coded `ReadError` (`[ND-E0xx] …`; anything else is a
`bad_error`); analysis and ingest may not raise at all (an `exception`, with an ingest's ND-E013
analysis failures). Span invariants: every span of the analysis (cleaning, stories, evidence, datelines,
entity mentions, quotes with their cue/source/antecedent/organisation, claims, times, events, the page's
hints and flags) has 0 <= start <= end <= len(text), and every span that carries text (a quote's
speaker, source, cue and organisation words in the JSON form) holds exactly `text[start:end]`; the
JSON form must also be writable as UTF-8. Figures are printed last as one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import last_line

BENCH = "fuzz"
#: Enough to finish in under 5 minutes on a busy two-core machine (about 2 on an idle one), load included.
DEFAULT_INPUTS = 2000
KINDS = ("unicode", "mutated", "html", "jsonl")

# ------------------------------------------------------------------------------------------ material


def invented_texts() -> list[str]:
    """The bundled invented sample page and the suite's invented reports (never ../shared data)."""
    texts = [resources.files("newsdesk").joinpath("samples/sample_page.txt").read_text(encoding="utf-8")]
    try:
        from tests.corpus_pages import HALDEN_AP, KIEV_CNN, KYIV_REUTERS  # the suite's invented reports

        texts += [KYIV_REUTERS, KIEV_CNN, HALDEN_AP]
    except ImportError:  # an install without the tests folder: the sample and the pieces below
        pass
    return [
        *texts,
        "KYIV, May 22 (Reuters) - Ukraine's president said on Sunday that talks would resume next week.",
        "\"We will not give up,\" Olena Shevchenko, a spokeswoman for the ministry, told reporters.",
        "About 1,200 people were evacuated from Halden after the storm, police said on Tuesday.",
        "The central bank raised rates by 0.25 percentage points to 4.5%, its ninth rise in a row.",
        "BERLIN (dpa) – Die Stadt hat am Montag eine neue Straßenbahn genehmigt.",
    ]


#: Wire-copy pieces spliced into texts: credits, datelines, quotes, dates, mojibake, odd white space.
PIECES = ["Advertisement", "Reporting by Tom Balmforth; editing by Jane Doe", "© 2022 The Associated Press.",
          "(AP Photo/Nora Lindqvist)", "LONDON (Reuters) -", "KYIV, May 22 (Reuters) –", "(CNN) —", "Read more",
          "Share this article", "“", "”", "\"", "'", "‘", "’", "«", "»", "—", "–", "…", "•", "\n", "\n\n", "\r\n",
          "\t", " ", "\u00a0", "\u200b", "\ufeff", "\ufffd", "Ã©", "â€™", "2022-05-22", "yesterday", "last week",
          "on Sunday", "31 February", "year 9999", "0001-01-01", "fifteen", "two hundred", "50 to 100",
          "said", "told reporters", "according to", "he said.", "\u202e", "\u2028", "\x00", "\x0c", "\x85"]

#: Code point pools for random text, each picked with the same chance (controls apart: `CONTROLS`).
POOLS: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E),  # ASCII
    (0x20, 0x7E),
    (0x61, 0x7A),  # a-z
    (0xA0, 0x24F),  # Latin-1 and Latin Extended
    (0x300, 0x36F),  # combining marks
    (0x370, 0x52F),  # Greek, Cyrillic
    (0x590, 0x6FF),  # Hebrew, Arabic
    (0x2000, 0x206F),  # punctuation: zero-width, directional marks, dashes, quotes, line separators
    (0x3000, 0x30FF),  # CJK punctuation, kana
    (0x4E00, 0x4FFF),  # CJK ideographs
    (0xFE00, 0xFFFF),  # variation selectors, BOM, specials, replacement character
    (0x1F300, 0x1FAFF),  # emoji
    (0x0, 0x10FFFF),  # anything (a surrogate now and then)
)

#: C0 and C1 controls: a few make a text binary (refused, ND-E004), so they come in one run in 50.
CONTROLS: tuple[tuple[int, int], ...] = ((0x00, 0x1F), (0x7F, 0x9F))

DATES: tuple[dt.date | None, ...] = (None, dt.date(2022, 5, 22), dt.date(2023, 10, 15), dt.date(1, 1, 1),
                                     dt.date(9999, 12, 31), dt.date(2024, 2, 29), dt.date(1970, 1, 1))


def random_text(rng: random.Random, size: int) -> str:
    out: list[str] = []
    while len(out) < size:
        lo, hi = rng.choice(CONTROLS) if rng.random() < 0.02 else rng.choice(POOLS)
        run = rng.randint(1, 12)
        out.extend(chr(rng.randint(lo, hi)) for _ in range(run))
        if rng.random() < 0.15:
            out.append(rng.choice([" ", "\n", "\n\n", ". ", rng.choice(PIECES)]))
    return "".join(out[:size])


# ------------------------------------------------------------------------------------------ inputs


@dataclass(frozen=True, slots=True)
class Case:
    """One input: `how` it is read (text, html, bytes, jsonl), the payload, and a reference date."""

    kind: str
    how: str
    payload: str | bytes
    date: dt.date | None = None
    fmt: str | None = None


ENCODINGS = ("utf-8", "utf-8-bad", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "utf-8-sig")


def encoded(rng: random.Random, text: str) -> bytes:
    codec = rng.choice(ENCODINGS)
    if codec == "utf-8-bad":
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        for _ in range(rng.randint(1, 6)):
            if data:
                data[rng.randrange(len(data))] = rng.randint(0x80, 0xFF)
        return bytes(data)
    if codec == "utf-16-le" or codec == "utf-16-be":
        return text.encode(codec, "surrogatepass")
    return text.encode(codec, "replace" if codec in ("latin-1", "cp1252") else "surrogatepass")


def unicode_case(rng: random.Random) -> Case:
    text = random_text(rng, rng.choice([0, 1, 5, 40, 200, 600, 2000]))
    date = rng.choice(DATES)
    if rng.random() < 0.3:
        return Case("unicode", "bytes", encoded(rng, text), date)
    return Case("unicode", "text", text, date)


def mutate(rng: random.Random, text: str, steps: int) -> str:
    for _ in range(steps):
        i = rng.randint(0, len(text))
        j = rng.randint(i, min(len(text), i + rng.choice([1, 5, 40, 400])))
        action = rng.choice(["cut", "double", "insert", "piece", "case", "newlines", "squash", "repeat", "shuffle",
                             "truncate", "swap"])
        if action == "cut":
            text = text[:i] + text[j:]
        elif action == "double":
            text = text[:j] + text[i:j] + text[j:]
        elif action == "insert":
            text = text[:i] + random_text(rng, rng.randint(1, 20)) + text[i:]
        elif action == "piece":
            text = text[:i] + rng.choice(PIECES) + text[i:]
        elif action == "case":
            text = text[:i] + (text[i:j].upper() if rng.random() < 0.5 else text[i:j].lower()) + text[j:]
        elif action == "newlines":
            text = text.replace("\n", rng.choice(["", " ", "\n\n", "\r\n", "\r", "\u2029", "\n \n"]))
        elif action == "squash":
            text = text[:i] + "".join(text[i:j].split()) + text[j:]
        elif action == "repeat":
            paragraphs = text.split("\n")
            k = rng.randrange(len(paragraphs))
            paragraphs[k:k + 1] = [paragraphs[k]] * rng.randint(2, 60)
            text = "\n".join(paragraphs)
        elif action == "shuffle":
            paragraphs = text.split("\n")
            rng.shuffle(paragraphs)
            text = "\n".join(paragraphs)
        elif action == "truncate":
            text = text[i:] if rng.random() < 0.5 else text[:i]
        else:
            text = text[:i] + text[i:j][::-1] + text[j:]
    return text


def mutated_case(rng: random.Random, texts: list[str]) -> Case:
    text = "\n\n".join(rng.choice(texts) for _ in range(rng.randint(1, 3)))
    text = mutate(rng, text, rng.randint(0, 8))
    date = rng.choice(DATES)
    if rng.random() < 0.2:
        return Case("mutated", "bytes", encoded(rng, text), date)
    return Case("mutated", "text", text, date)


TAGS = ("div", "p", "span", "h1", "h2", "h3", "li", "ul", "ol", "blockquote", "q", "figure", "figcaption", "a", "b",
        "i", "em", "strong", "table", "tr", "td", "th", "section", "article", "aside", "nav", "header", "footer",
        "main", "script", "style", "noscript", "template", "iframe", "svg", "math", "pre", "code", "time", "small",
        "sup", "label", "button", "form", "select", "option", "textarea", "font", "center", "marquee", "x-custom")
VOID = ("br", "hr", "img", "meta", "link", "input", "wbr")
CLASSES = ("caption", "byline", "credit", "related", "ad", "share", "teaser", "article-body", "story", "dateline",
           "author", "photo-credit", "newsletter", "comments", "read-more", "subheading")
ENTITIES = ("&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x0;", "&#0;", "&#xD800;", "&#1114112;",
            "&#x10FFFF;", "&bogus;", "&", "&#", "&#x;", "&mdash;", "&rsquo;", "&hellip;", "&#8217;", "&amp")


def attributes(rng: random.Random) -> str:
    out = []
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        name = rng.choice(["class", "id", "style", "data-x", "hidden", "lang", "dir", "href", "alt", "title",
                           "role", "itemprop", "onload", "x"])
        value = rng.choice([rng.choice(CLASSES), rng.choice(PIECES), "rtl", "display:none", "javascript:alert(1)",
                            random_text(rng, rng.randint(0, 6)), "author", "articleBody"])
        value = value.replace("\"", "&quot;")
        out.append(f' {name}="{value}"' if rng.random() < 0.9 else f" {name}={value}")
    return "".join(out)


def html_text(rng: random.Random, texts: list[str]) -> str:
    if rng.random() < 0.6:
        words = rng.choice(texts).split(" ")
        i = rng.randrange(len(words))
        body = " ".join(words[i:i + rng.randint(1, 60)])
    else:
        body = random_text(rng, rng.randint(0, 40))
    body = body.replace("&", "&amp;").replace("<", "&lt;")
    if rng.random() < 0.2:
        body += rng.choice(ENTITIES)
    return body


def element(rng: random.Random, texts: list[str], depth: int, budget: list[int]) -> str:
    budget[0] -= 1
    r = rng.random()
    if depth > 6 or budget[0] <= 0 or r < 0.25:
        return html_text(rng, texts)
    if r < 0.3:
        return f"<{rng.choice(VOID)}{attributes(rng)}>"
    if r < 0.33:
        return rng.choice(["<!-- a comment -->", "<!--", "<![CDATA[x < y]]>", "</p>", "</div></div>", "<p",
                           "<?xml version='1.0'?>", "<!DOCTYPE html>", "<", ">", "</>", "<a href='x'>"])
    tag = rng.choice(TAGS)
    inner = "".join(element(rng, texts, depth + 1, budget) for _ in range(rng.randint(0, 5)))
    close = f"</{tag}>" if rng.random() < 0.9 else ""
    return f"<{tag}{attributes(rng)}>{inner}{close}"


def html_markup(rng: random.Random, texts: list[str]) -> str:
    body = "".join(element(rng, texts, 0, [rng.choice([5, 30, 120])]) for _ in range(rng.randint(1, 8)))
    if rng.random() < 0.05:  # deep nesting: deeper than libxml2 keeps
        tag, depth = rng.choice(["div", "span", "b", "blockquote"]), rng.choice([300, 1000, 3000])
        body = f"<{tag}>" * depth + html_text(rng, texts) + f"</{tag}>" * rng.choice([0, depth])
    head = rng.choice(["", "<title>Ferry strike</title>", f"<title>{html_text(rng, texts)}</title>",
                       '<meta charset="utf-8">', '<meta charset="iso-8859-1">', '<meta charset="bogus">',
                       '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
                       '<meta property="article:published_time" content="2022-05-22T10:00:00Z">',
                       '<meta name="date" content="0000-00-00">'])
    return rng.choice([f"<html><head>{head}</head><body>{body}</body></html>", f"{head}{body}", body,
                       f"<!DOCTYPE html><html>{head}<body>{body}"])


def html_case(rng: random.Random, texts: list[str]) -> Case:
    html = html_markup(rng, texts)
    date = rng.choice(DATES)
    if rng.random() < 0.2:
        return Case("html", "bytes", encoded(rng, html), date, fmt="html")
    return Case("html", "html", html, date)


def record_value(rng: random.Random, texts: list[str], key: str) -> Any:
    if rng.random() < 0.9:
        if key == "id":
            return rng.choice([f"r{rng.randint(0, 99)}", rng.randint(-5, 10**20), "x" * rng.randint(1, 300)])
        if key == "text":
            return mutate(rng, rng.choice(texts), rng.randint(0, 4))
        if key == "html":
            return html_markup(rng, texts) if rng.random() < 0.8 else "<p>" + rng.choice(texts) + "</p>"
        if key == "date":
            return rng.choice(["2022-05-22", "0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2022-13-01",
                               "22-05-2022", "2022-05-22T10:00:00", " 2022-05-22", "0000-00-00"])
        return rng.choice(["https://example.org/a", "http://x", "file:///etc/passwd", "javascript:alert(1)",
                           "https://example.org/" + random_text(rng, 5)])
    return rng.choice([None, True, False, 0, -1, 1.5, float(10**300), "", " ", [], {}, ["a"], {"a": 1},
                       "\ud800", "a\udfffb", "\x00", random_text(rng, rng.randint(0, 30))])


def jsonl_line(rng: random.Random, texts: list[str], number: int) -> bytes:
    r = rng.random()
    if r < 0.08:
        return rng.choice([b"", b"   ", b"{", b"[1, 2]", b"null", b"\"text\"", b"{\"id\": 1, \"text\": ",
                           b"\xff\xfe{}", b"{\"id\": \"a\", \"text\": \"\xc3\x28\"}", b"\x00", b"{}", b"1e999",
                           b"{\"id\": NaN, \"text\": \"x\"}", b"{\"id\": \"a\", \"id\": \"b\", \"text\": \"x\"}"])
    record: dict[str, Any] = {}
    if rng.random() < 0.93:
        record["id"] = record_value(rng, texts, "id") if rng.random() < 0.9 else f"p{number}"
    bodies = rng.choice([["text"]] * 6 + [["html"]] * 2 + [["text", "html"], []])
    for key in bodies:
        record[key] = record_value(rng, texts, key)
    for key in ("date", "url"):
        if rng.random() < 0.4:
            record[key] = record_value(rng, texts, key)
    if rng.random() < 0.05:
        record[random_text(rng, 3)] = "extra"
    ascii_only = rng.random() < 0.7
    line = json.dumps(record, ensure_ascii=ascii_only, allow_nan=True)
    data = line.encode("utf-8", "surrogatepass")  # raw lone surrogates when not escaped: bad UTF-8
    return data if rng.random() < 0.9 else data + b"\r"


def jsonl_case(rng: random.Random, texts: list[str]) -> Case:
    lines = [jsonl_line(rng, texts, n) for n in range(rng.randint(1, 6))]
    data = b"\n".join(lines) + (b"\n" if rng.random() < 0.8 else b"")
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data  # a BOM on the first line
    return Case("jsonl", "jsonl", data)


def make_case(seed: int, index: int, kinds: tuple[str, ...], texts: list[str]) -> Case:
    rng = random.Random(f"{seed}:{index}")
    kind = kinds[index % len(kinds)]
    if kind == "unicode":
        return unicode_case(rng)
    if kind == "mutated":
        return mutated_case(rng, texts)
    if kind == "html":
        return html_case(rng, texts)
    return jsonl_case(rng, texts)


def hypothesis_cases(seed: int, count: int, kinds: tuple[str, ...], texts: list[str]) -> Iterator[Case]:
    """`count` cases drawn from hypothesis strategies (no shrinking: every case is run, failures counted)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    pieces = st.sampled_from([*PIECES, *(t[:200] for t in texts)])
    news = st.lists(st.one_of(pieces, st.text(max_size=20)), min_size=1, max_size=30).map(" ".join)
    tags = st.sampled_from(TAGS)
    html = st.lists(st.tuples(tags, st.sampled_from(["", ' class="caption"', ' class="byline"']), news,
                              st.sampled_from([1, 2, 5, 300]), st.booleans()), min_size=1, max_size=10).map(
        lambda parts: "<html><body>" + "".join(
            f"<{t}{a}>" * d + b.replace("&", "&amp;").replace("<", "&lt;") + (f"</{t}>" * d if c else "")
            for t, a, b, d, c in parts) + "</body></html>")
    value = st.one_of(st.text(max_size=40), news, st.integers(), st.none(), st.booleans(), st.floats(),
                      st.lists(st.integers(), max_size=2))
    record = st.fixed_dictionaries({}, optional={"id": value, "text": value, "html": html, "date": value,
                                                 "url": value})
    lines = st.lists(record, min_size=1, max_size=5).map(
        lambda rs: "".join(json.dumps(r) + "\n" for r in rs).encode("utf-8"))
    dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    by_kind = {
        "unicode": st.tuples(st.text(max_size=600), dates).map(lambda t: Case("unicode", "text", t[0], t[1])),
        "mutated": st.tuples(news, dates).map(lambda t: Case("mutated", "text", t[0], t[1])),
        "html": st.tuples(html, dates).map(lambda t: Case("html", "html", t[0], t[1])),
        "jsonl": lines.map(lambda data: Case("jsonl", "jsonl", data)),
    }
    drawn: list[Case] = []

    @hypothesis_seed(seed)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(*(by_kind[k] for k in kinds)))
    def draw(case: Case) -> None:
        drawn.append(case)

    draw()
    yield from drawn[:count]


# ------------------------------------------------------------------------------------------ checks


def analysis_spans(analysis: Any) -> Iterator[tuple[str, int, int]]:
    """Every (what, start, end) an analysis holds."""
    page, cleaning = analysis.page, analysis.cleaning
    for what, spans in (("removed", cleaning.removed), ("structure", cleaning.structure),
                        ("flag", cleaning.flags), ("block", cleaning.blocks), ("hint", page.hints),
                        ("page_flag", page.flags)):
        for s in spans:
            yield what, s.start, s.end
    for story in analysis.stories:
        yield "story", story.start, story.end
        for e in story.evidence:
            yield "evidence", e.start, e.end
        if story.dateline is not None:
            yield "dateline", story.dateline.start, story.dateline.end
    for entity in analysis.entities:
        for a, b in entity.mentions:
            yield "mention", a, b
    for q in analysis.quotes:
        yield "quote", q.start, q.end
        for what in ("cue", "source", "antecedent", "organisation"):
            pair = getattr(q, what)
            if pair is not None:
                yield f"quote_{what}", pair[0], pair[1]
    for what, items in (("claim", analysis.claims), ("time", analysis.times), ("event", analysis.events)):
        for item in items:
            yield what, item.start, item.end


#: The quote fields of the JSON form that carry the words of a span: (text, start, end).
QUOTE_TEXTS = (("speaker_text", "speaker_start", "speaker_end"), ("source_text", "source_start", "source_end"),
               ("cue", "cue_start", "cue_end"), ("organisation_text", "organisation_start", "organisation_end"))


def violations(analysis: Any) -> list[str]:
    text = analysis.page.text
    n = len(text)
    out = [f"{what} [{a}, {b}) outside the text of {n}" for what, a, b in analysis_spans(analysis)
           if not (isinstance(a, int) and isinstance(b, int) and 0 <= a <= b <= n)]
    data = analysis.to_json()
    for quote in data["quotes"]:
        for words, start, end in QUOTE_TEXTS:
            if quote[start] is not None and quote[words] != text[quote[start]:quote[end]]:
                out.append(f"quote {words} {quote[words]!r} is not text[{quote[start]}:{quote[end]}]")
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        out.append(f"the JSON form cannot be written: {type(exc).__name__}: {exc}")
    return out


# ------------------------------------------------------------------------------------------ the run


@dataclass
class Tally:
    inputs: int = 0
    pages: int = 0
    refused: int = 0
    exceptions: int = 0
    bad_errors: int = 0
    violations: int = 0
    jsonl_records: int = 0
    ingested_new: int = 0
    ingest_failures: int = 0
    links_runs: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    problems: list[dict[str, Any]] = field(default_factory=list)

    def problem(self, what: str, case: Case | None, index: int | None, detail: str) -> None:
        """Kept for the end, and printed at once (a long run shows what it found as it goes)."""
        if len(self.problems) < 200:
            self.problems.append({"what": what, "index": index, "kind": case.kind if case else None,
                                  "how": case.how if case else None, "detail": detail[-2000:],
                                  "input": (case.payload[:300] if case else None)})
            print("problem: " + json.dumps(self.problems[-1], ensure_ascii=True, default=repr)[:4000],
                  file=sys.stderr, flush=True)


class Runner:
    def __init__(self, tally: Tally, store_path: Path, link_every: int) -> None:
        from newsdesk.analysis.pipeline import Pipeline
        from newsdesk.store import open_store

        self.tally, self.link_every = tally, link_every
        self.pipeline = Pipeline()
        self.store = open_store(store_path)
        self.folder = store_path.parent
        self.batches = 0

    def close(self) -> None:
        self.link()
        self.store.close()

    def read(self, case: Case, index: int | None) -> Any:
        """The page read from the case, None when refused (counted) or failed (counted)."""
        from newsdesk.errors import CATALOGUE, ReadError
        from newsdesk.read.files import ReadConfig, page_from_bytes, page_from_html, page_from_text

        config = ReadConfig(reference_date=case.date)
        try:
            if case.how == "text":
                assert isinstance(case.payload, str)
                return page_from_text("fuzz.txt", case.payload, config)
            if case.how == "html":
                assert isinstance(case.payload, str)
                return page_from_html("fuzz.html", case.payload, config)
            assert isinstance(case.payload, bytes)
            return page_from_bytes("fuzz.bin", case.payload, config, fmt="html" if case.fmt == "html" else None)
        except ReadError as err:
            self.refused(err, case, index, CATALOGUE)
        except Exception:
            self.tally.exceptions += 1
            self.tally.problem("read raised", case, index, traceback.format_exc())
        return None

    def refused(self, err: Any, case: Case | None, index: int | None, catalogue: dict[str, str]) -> None:
        self.tally.refused += 1
        self.tally.refusals[err.code] += 1
        message = str(err)
        if err.code not in catalogue or not message.startswith(f"[{err.code}] "):
            self.tally.bad_errors += 1
            self.tally.problem("uncoded refusal", case, index, message)
        try:
            message.encode("utf-8")
        except UnicodeEncodeError:
            self.tally.bad_errors += 1
            self.tally.problem("refusal not writable as UTF-8", case, index, repr(message))

    def analyse(self, page: Any, case: Case, index: int | None) -> None:
        self.tally.pages += 1
        try:
            analysis = self.pipeline.analyze(page)
        except Exception:
            self.tally.exceptions += 1
            self.tally.problem("analyze raised", case, index, traceback.format_exc())
            return
        try:
            bad = violations(analysis)
        except Exception:
            self.tally.exceptions += 1
            self.tally.problem("checking raised", case, index, traceback.format_exc())
            return
        if bad:
            self.tally.violations += len(bad)
            self.tally.problem("span invariant", case, index, "; ".join(bad[:5]))

    def jsonl(self, case: Case, index: int | None) -> None:
        from newsdesk.errors import CATALOGUE, ReadFailure
        from newsdesk.jobs.ingest import IngestConfig, ingest
        from newsdesk.read.files import ReadConfig, read_sources

        assert isinstance(case.payload, bytes)
        path = self.folder / f"batch-{index}.jsonl"
        path.write_bytes(case.payload)
        try:
            try:
                items = list(read_sources([str(path)], ReadConfig()))
            except Exception:
                self.tally.exceptions += 1
                self.tally.problem("read_sources raised", case, index, traceback.format_exc())
                return
            self.tally.jsonl_records += len(items)
            for item in items:
                if isinstance(item, ReadFailure):
                    self.refused(item.error, case, index, CATALOGUE)
                else:
                    self.analyse(item, case, index)
            try:  # the ingest edge: the same batch into the store (analysed again there)
                summary = ingest(items, self.store, IngestConfig(link=False), pipeline=self.pipeline)
            except Exception:
                self.tally.exceptions += 1
                self.tally.problem("ingest raised", case, index, traceback.format_exc())
                return
            self.tally.ingested_new += summary.new
            crashed = [(s, e) for s, e in summary.failures if "ND-E013" in e]
            self.tally.ingest_failures += len(crashed)
            if crashed:
                self.tally.exceptions += len(crashed)
                self.tally.problem("ingest analysis failed", case, index, "; ".join(e for _, e in crashed[:3]))
            self.batches += 1
            if self.link_every and self.batches % self.link_every == 0:
                self.link()
        finally:
            path.unlink(missing_ok=True)

    def link(self) -> None:
        from newsdesk.jobs.link import link_pages

        try:
            link_pages(self.store)
            self.tally.links_runs += 1
        except Exception:
            self.tally.exceptions += 1
            self.tally.problem("link_pages raised", None, None, traceback.format_exc())

    def run(self, case: Case, index: int | None) -> None:
        self.tally.inputs += 1
        self.tally.by_kind[case.kind] += 1
        if case.how == "jsonl":
            self.jsonl(case, index)
            return
        page = self.read(case, index)
        if page is not None:
            self.analyse(page, case, index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--inputs", type=int, default=DEFAULT_INPUTS, help="inputs to run (default %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="first input index (replay one with --inputs 1)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="a comma-separated subset of " + ",".join(KINDS))
    parser.add_argument("--hypothesis-share", type=float, default=0.25,
                        help="share of the inputs drawn from hypothesis strategies (default %(default)s)")
    parser.add_argument("--link-every", type=int, default=25, help="link the store every N JSONL batches")
    args = parser.parse_args(argv)
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        parser.error(f"--kinds: {', '.join(unknown) or 'none given'}: choose from {', '.join(KINDS)}")
    if args.inputs < 0 or args.start < 0 or not 0 <= args.hypothesis_share <= 1 or args.link_every < 0:
        parser.error("--inputs, --start and --link-every are >= 0, --hypothesis-share within 0..1")

    import logging

    logging.disable(logging.WARNING)  # pages refused or failed are counted here, not logged
    texts = invented_texts()
    from_hypothesis = round(args.inputs * args.hypothesis_share)
    plain = args.inputs - from_hypothesis
    tally = Tally()
    started = time.monotonic()
    # `timeout` (SIGTERM) or Ctrl-C ends the run after the input at hand, and the figures so far are printed.
    stop: list[int] = []

    def halt(signum: int, _: Any) -> None:
        stop.append(signum)

    signal.signal(signal.SIGTERM, halt)
    signal.signal(signal.SIGINT, halt)
    with tempfile.TemporaryDirectory(prefix="newsdesk-fuzz-") as folder:
        load = time.monotonic()
        runner = Runner(tally, Path(folder) / "desk.db", args.link_every)
        load_seconds = time.monotonic() - load
        for index in range(args.start, args.start + plain):
            if stop:
                break
            runner.run(make_case(args.seed, index, kinds, texts), index)
            if tally.inputs % 500 == 0:
                print(f"{tally.inputs} inputs, {tally.exceptions} exceptions, {tally.violations} violations, "
                      f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        drawn = 0
        if from_hypothesis and not stop:
            for case in hypothesis_cases(args.seed, from_hypothesis, kinds, texts):
                if stop:
                    break
                runner.run(case, None)
                drawn += 1
        with contextlib.suppress(Exception):
            runner.close()
    seconds = time.monotonic() - started
    figures = {"bench": BENCH, "seed": args.seed, "start": args.start, "inputs": tally.inputs,
               "plain_inputs": tally.inputs - drawn, "hypothesis_inputs": drawn, "by_kind": dict(tally.by_kind),
               "pages_analysed": tally.pages, "refused": tally.refused,
               "refusals": dict(sorted(tally.refusals.items())),
               "jsonl_records": tally.jsonl_records, "ingested_new": tally.ingested_new,
               "link_runs": tally.links_runs, "exceptions": tally.exceptions, "bad_errors": tally.bad_errors,
               "violations": tally.violations, "problems": len(tally.problems),
               "stopped_early": bool(stop), "pipeline_load_seconds": round(load_seconds, 1),
               "seconds": round(seconds, 1),
               "target": {"exceptions": 0, "violations": 0, "bad_errors": 0}}
    last_line(figures)
    return 0 if tally.exceptions == tally.violations == tally.bad_errors == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
