"""reuse_direction: which side of a shared passage is the source, from weighed evidence, or `unknown`.

    verdict = direction(Side(a_text, date=..., origin=...), Side(b_text, ...), passage)
    verdict.verdict      # "a_copied_b" | "b_copied_a" | "unknown"
    verdict.evidence     # the clues, each naming the side it says is the source, with a weight and why

Every clue names the side it says is the source and carries a weight (how far it can be trusted). The
weights of each side are summed; the verdict is given only when one side's total reaches `DECIDE` and is
at least `DOMINANCE` times the other's: strong evidence on both sides (a page dated earlier that carries
no dateline, against the agency's own page) gives `unknown` — a wrong arrow accuses the original.

The clues (weights in `WEIGHTS`):
* `date`: the earlier page is the source, weighed by the less reliable of the two dates (a page's own
  publication date or a dateline's date: reliable; a record's date: fair; a date given for the whole
  batch or a crawl date: weak) and stronger when days apart than when one day apart. Same day: no clue.
* `compilation`: a page whose other passages come from several other pages, in other places of it, is a
  compilation — the copier of each; the other side, one continuous text, is the source.
* `origin`: the passage lies in a story the page credits to an outlet (a credit line, a byline, a wire
  dateline, the outlet speaking of itself). On the outlet's own site it is the original (strong); on any
  other site it was copied from that outlet, so the other side, if it carries no credit, is the likelier
  source (weak: it may be an uncredited copy too). A page that alone carries the agency's marks while the
  other carries none and is on no outlet's site is weakly the source (copiers strip datelines).
* `site`: a page on a known outlet's own domain, its story not credited elsewhere, against a page on a
  site that republishes many outlets (its pages are compilations) or on no known outlet's domain.
* `truncation`: a side whose passage runs into the very end of its page mid-sentence (or starts it
  mid-sentence) while the other side's text goes on is the copy.
* `furniture`: a side with site furniture inside the passage (the cleaner's `removed` spans, or a short
  line the other side's span lacks: a teaser, "Read more: …") is the copy: it re-furnished the story.
* `shorter`: the passage is the whole of one side's story (its text after the passage is not prose of
  the same story) while the other side's story goes on with prose: a shorter copy of a longer original.
* `chain`: given by the caller (`Side.came_through`): the side is a second-hand copy whose text carries
  another copy's changes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from newsdesk.analysis.origin import AGENCIES, find_evidence, match_dateline
from newsdesk.corpus.reuse.align import Passage
from newsdesk.model import Evidence
from newsdesk.text.outlets import known_name, outlet_name

__all__ = ["DECIDE", "DOMINANCE", "WEIGHTS", "Clue", "Copying", "Direction", "Side", "direction", "site_outlet",
           "strong_cues"]

Copying = Literal["a_copied_b", "b_copied_a", "unknown"]
Which = Literal["a", "b"]
Edge = Literal["start", "end"]
#: How far a date can be trusted: the page's own (`page`) or a dateline's, a record's, a batch option's, a crawl's.
DateKind = Literal["page", "dateline", "record", "option", "crawl"]

#: The weight of each kind of clue (a date's is scaled by its reliability, `_DATE_TRUST`).
WEIGHTS: dict[str, float] = {
    "date": 3.0, "compilation": 3.0, "origin_own_site": 4.0, "origin_credited_elsewhere": 1.0,
    "wire_only_here": 1.0, "site_outlet": 1.0, "site_republisher": 2.0, "truncation": 1.5, "furniture": 1.5,
    "shorter": 1.0, "chain": 2.5,
}
#: The least total a side needs to be called the source.
DECIDE = 1.5
#: ... and how many times the other side's total it must be.
DOMINANCE = 2.0
_DATE_TRUST: dict[str | None, float] = {"page": 1.0, "dateline": 1.0, None: 0.8, "record": 0.8, "option": 0.35,
                                        "crawl": 0.2}

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_WORD_CHAR = re.compile(r"\w")
_WORD = re.compile(r"\w+")
#: Most characters of white space and punctuation between a passage's end and its page's end that
#: still count as "the passage runs into the end of the page".
_END_SLACK = 3
#: How much text the other side must have beyond its passage to count as going on.
_MORE_CHARS = 40
#: A dateline counts for a passage that starts at most this many characters after it (on its line).
_DATELINE_REACH = 200
#: Strongest weight (newsdesk.analysis.origin) below which a cue inside the passage is not a wire mark.
_STRONG_CUE = 1.5
#: A line of fewer words than this, inside one side's span and absent from the other's, is furniture.
_FURNITURE_WORDS = 14
#: A line of at least this many words is prose (a paragraph of the story), not furniture.
_PROSE_WORDS = 18


def _cue_words() -> re.Pattern[str]:
    aliases = sorted({a for names in AGENCIES.values() for a in names}, key=len, reverse=True)
    return re.compile("|".join([*map(re.escape, aliases), r"[Rr]eporting\s+by"]))


#: Every strong cue (an outlet speaking of itself, a wire sign-off) holds an outlet's name or "reporting by".
_CUE_WORDS = _cue_words()
#: How far around such a word a strong cue may reach (the sign-off's names run to 120 characters).
_CUE_REACH = 200


def strong_cues(text: str) -> tuple[Evidence, ...]:
    """The origin cues of a whole text that count as a wire mark (`Side.cues`), found once for a page.

    The same as `origin.find_evidence(text, 0)` kept at the wire-mark weight, but only the stretches
    around an outlet's name or "reporting by" are searched (a page without one, most pages, costs one
    scan), each widened to white space so no word is cut."""
    windows: list[tuple[int, int]] = []
    for m in _CUE_WORDS.finditer(text):
        start, end = max(0, m.start() - _CUE_REACH), min(len(text), m.end() + _CUE_REACH)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    found: dict[tuple[int, int, str], Evidence] = {}
    for start, end in windows:
        for cue in find_evidence(text[start:end], start):
            if cue.weight >= _STRONG_CUE:
                found[(cue.start, cue.end, cue.agency)] = cue
    return tuple(sorted(found.values(), key=lambda c: c.start))


def site_outlet(site: str | None) -> str | None:
    """The known outlet whose own domain `site` is ("reuters.com" → "Reuters"); None for any other site."""
    if not site or "." not in site:
        return None
    name = outlet_name(site)
    return name if name and known_name(name) == name else None


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a passage: its page's text as given and what is known about the page and the story.

    `date`: the page's reference date and `date_kind` where it came from (None: not said, taken as a
    record's); `origin`: the outlet the story holding the passage is credited to (`model.Story.origin`);
    `has_dateline`: that story opens with an agency dateline; `furniture`: `(start, end)` spans of the page
    that are not article text (`model.Cleaning.removed`); `cues`: the origin cues of the whole text
    (`strong_cues(text)`) when the caller has them, else the passage is searched; `site`: the page's host;
    `story_end`: where the story holding the passage ends (None: unknown, the text's paragraphs are read);
    `sources`: how many other pages the page shares passages with in other places of it (a compilation's
    other sources); `republisher`: the page's site republishes many outlets; `came_through`: the page is a
    second-hand copy of the other side (the caller's finding, with why)."""

    text: str
    date: dt.date | None = None
    origin: str | None = None
    has_dateline: bool = False
    furniture: tuple[tuple[int, int], ...] = ()
    cues: tuple[Evidence, ...] | None = None
    date_kind: DateKind | None = None
    site: str | None = None
    story_end: int | None = None
    sources: int = 0
    republisher: bool = False
    came_through: str | None = None


@dataclass(frozen=True, slots=True)
class Clue:
    """One piece of evidence: `rule` says which, `source` the side it says the passage came from, `weight`
    how much it counts; `detail` says what was seen, about the side `about` ("source": the side it names,
    "copy": the other), in words that read after "this page" or "the other page"."""

    rule: str
    source: Which
    detail: str
    weight: float = 1.0
    about: Literal["source", "copy"] = "source"


@dataclass(frozen=True, slots=True)
class Direction:
    """Who copied whom, with every clue found (also when they cancel out to `unknown`); `margin` is the
    source's total less the other's (0 when unknown)."""

    verdict: Copying
    evidence: tuple[Clue, ...]
    margin: float = 0.0


def _check(side: Side, start: int, end: int, name: str) -> None:
    if not isinstance(side.text, str):
        raise TypeError(f"reuse direction: side {name}: text must be a str, not {type(side.text).__name__}")
    if not 0 <= start <= end <= len(side.text):
        raise ValueError(f"reuse direction: side {name}: passage [{start}, {end}) is not inside its text "
                         f"of {len(side.text)} characters")


def _line_starts(text: str, start: int, end: int) -> list[int]:
    """The start of the line holding `start`, and of every line beginning inside [start, end)."""
    first = text.rfind("\n", 0, start) + 1
    return [first] + [start + m.end() for m in re.finditer(r"\n\s*", text[start:end]) if start + m.end() < end]


def _wire_mark(side: Side, start: int, end: int) -> tuple[str, str | None] | None:
    """What marks the passage as an agency's copy, and the agency when named; None when nothing does."""
    text = side.text
    for pos in _line_starts(text, start, end):
        found = match_dateline(text[pos:pos + _DATELINE_REACH], pos, None)
        if found is not None and found.evidence is not None and found.dateline.end >= start - _DATELINE_REACH:
            return f"carries the dateline {text[found.dateline.start:found.dateline.end]!r}", found.dateline.agency
    cues = find_evidence(text[start:end], start) if side.cues is None else side.cues
    for cue in cues:
        if cue.weight >= _STRONG_CUE and start <= cue.start and cue.end <= end:
            return f"carries the {cue.kind.replace('_', ' ')} {text[cue.start:cue.end]!r}", cue.agency
    if side.origin:
        return f"credits its story to {side.origin}", side.origin
    if side.has_dateline:
        return "opens its story with an agency dateline", None
    return None


def _truncated(side: Side, start: int, end: int) -> tuple[Edge, str] | None:
    """Which edge of the page cuts the passage off mid-sentence, and how; None when neither does."""
    text = side.text
    if len(text[end:].strip()) <= _END_SLACK and not _SENTENCE_END.search(text.rstrip()):
        return "end", "ends the passage mid-sentence at the end of the page"
    if not _WORD_CHAR.search(text[:start]) and text[start:end].lstrip()[:1].islower():
        return "start", "starts the passage mid-sentence at the start of the page"
    return None


def _goes_on(side: Side, start: int, end: int, edge: Edge) -> bool:
    """Whether the side's text runs on past its passage at that edge."""
    beyond = side.text[end:end + 4 * _MORE_CHARS] if edge == "end" else side.text[max(0, start - 4 * _MORE_CHARS):start]
    return len(_WORD_CHAR.findall(beyond)) >= _MORE_CHARS


def _lines(text: str, start: int, end: int) -> list[str]:
    return [" ".join(line.split()) for line in text[start:end].split("\n") if line.strip()]


def _furnished(side: Side, start: int, end: int, other: Side, o_start: int, o_end: int) -> str | None:
    """Furniture inside the passage (not at its edges) that the other side's span lacks, or None."""
    inside = [(s, e) for s, e in side.furniture if start < s and e < end]
    if inside and not any(o_start < s and e < o_end for s, e in other.furniture):
        s, e = inside[0]
        return f"has furniture inside the passage ({side.text[s:e][:60]!r})"
    theirs = " ".join(_lines(other.text, o_start, o_end)).casefold()
    mine = _lines(side.text, start, end)
    for line in mine[1:-1]:  # an edge line may be cut: only whole lines inside count
        n = len(_WORD.findall(line))
        if 0 < n < _FURNITURE_WORDS and line.casefold() not in theirs:
            return f"has a line inside the passage the other lacks ({line[:60]!r})"
    return None


def _prose_after(side: Side, end: int) -> int:
    """Words of prose of the same story right after `end`: the rest of the passage's paragraph, then whole
    paragraphs until a short (furniture) line, the story's end or the page's end."""
    stop = side.story_end if side.story_end is not None and side.story_end >= end else len(side.text)
    rest = side.text[end:stop]
    first, _, more = rest.partition("\n")
    words = len(_WORD.findall(first))
    for line in more.split("\n"):
        if not line.strip():
            continue
        n = len(_WORD.findall(line))
        if n < _PROSE_WORDS:
            break
        words += n
    return words


def _other(which: Which) -> Which:
    return "b" if which == "a" else "a"


def _date_clue(a: Side, b: Side) -> Clue | None:
    if not (a.date and b.date) or a.date == b.date:
        return None
    earlier: Which = "a" if a.date < b.date else "b"
    first, later = (a, b) if earlier == "a" else (b, a)
    assert first.date is not None and later.date is not None
    trust = min(_DATE_TRUST.get(a.date_kind, 0.8), _DATE_TRUST.get(b.date_kind, 0.8))
    days = (later.date - first.date).days
    weight = WEIGHTS["date"] * trust * (0.75 if days == 1 else 1.0)
    kind = {"page": "its own date", "dateline": "its dateline", "record": "its record's date",
            "option": "the batch's date", "crawl": "its crawl date"}.get(first.date_kind or "", "its date")
    return Clue("date", earlier, f"is dated {first.date.isoformat()} ({kind}), {days} day{'s' if days > 1 else ''} "
                                 f"before the other", round(weight, 2))


def direction(a: Side, b: Side, passage: Passage) -> Direction:
    """Which of two pages sharing `passage` copied it from the other, with the evidence; see the module doc."""
    spans: dict[Which, tuple[int, int]] = {"a": (passage.a_start, passage.a_end), "b": (passage.b_start, passage.b_end)}
    sides: dict[Which, Side] = {"a": a, "b": b}
    both: tuple[Which, Which] = ("a", "b")
    for name in both:
        _check(sides[name], *spans[name], name)
    clues: list[Clue] = []
    date = _date_clue(a, b)
    if date:
        clues.append(date)
    marks = {name: _wire_mark(sides[name], *spans[name]) for name in both}
    owners = {name: site_outlet(sides[name].site) for name in both}
    for name in both:
        other = _other(name)
        mark, theirs = marks[name], marks[other]
        if mark is None:
            continue
        said, agency = mark
        if agency and owners[name] == known_name(agency):
            clues.append(Clue("origin", name, f"{said} on {agency}'s own site {sides[name].site}",
                              WEIGHTS["origin_own_site"]))
        elif theirs is None and not sides[name].site and not sides[other].site:
            # Nothing says where either page is: copiers strip datelines, so the marked side is weakly the source.
            clues.append(Clue("origin", name, f"{said}, the other carries none", WEIGHTS["wire_only_here"]))
        elif theirs is None:
            # Credited to an outlet whose site this is not: copied from that outlet; the other page,
            # uncredited, is the outlet's own text or another copy — the likelier source of the two.
            clues.append(Clue("origin", other, f"{said} but is not on its site", WEIGHTS["origin_credited_elsewhere"],
                              about="copy"))
    for name in both:
        other = _other(name)
        me, them = sides[name], sides[other]
        if me.sources >= 1 and them.sources == 0:
            n = me.sources + 1
            clues.append(Clue("compilation", other, f"is a compilation of {n} sources",
                              WEIGHTS["compilation"] * (1.0 if n >= 3 else 0.85), about="copy"))
        if me.republisher and not them.republisher:
            clues.append(Clue("site", other, f"is on {me.site or 'a site'}, which republishes many outlets",
                              WEIGHTS["site_republisher"], about="copy"))
        if owners[name] and not owners[other] and (not me.origin or known_name(me.origin) == owners[name]):
            clues.append(Clue("site", name, f"is on {owners[name]}'s own site {me.site}", WEIGHTS["site_outlet"]))
        cut = _truncated(me, *spans[name])
        if cut and _goes_on(them, *spans[other], cut[0]):
            clues.append(Clue("truncation", other, f"{cut[1]} while the other goes on", WEIGHTS["truncation"],
                              about="copy"))
        furnished = _furnished(me, *spans[name], them, *spans[other])
        if furnished:
            clues.append(Clue("furniture", other, furnished, WEIGHTS["furniture"], about="copy"))
        if me.came_through:
            clues.append(Clue("chain", other, me.came_through, WEIGHTS["chain"], about="copy"))
    after = {name: _prose_after(sides[name], spans[name][1]) for name in both}
    for name in both:
        other = _other(name)
        if after[name] == 0 and after[other] >= _PROSE_WORDS:
            clues.append(Clue("shorter", other, f"ends its copy where the other's story goes on for "
                                                f"{after[other]} more words", WEIGHTS["shorter"], about="copy"))
    verdict, margin = _decide(clues)
    return Direction(verdict, tuple(clues), margin)


def _decide(clues: list[Clue]) -> tuple[Copying, float]:
    total = {"a": 0.0, "b": 0.0}
    for clue in clues:
        total[clue.source] += clue.weight
    high: Which = "a" if total["a"] > total["b"] else "b"
    top, low = total[high], total[_other(high)]
    if top >= DECIDE and top >= DOMINANCE * low:
        return ("b_copied_a" if high == "a" else "a_copied_b"), round(top - low, 3)
    return "unknown", 0.0
