"""reuse_direction: which side of a shared passage is the source, from evidence, or `unknown`.

    verdict = direction(Side(a_text, date=..., origin=...), Side(b_text, ...), passage)
    verdict.verdict      # "a_copied_b" | "b_copied_a" | "unknown"
    verdict.evidence     # the clues, each naming the side it says is the source

The clues, strong first:
* `wire` (strong): the side whose passage carries the agency's mark is the source — a wire dateline
  ("KYIV, May 22 (Reuters) –") on the passage's first line or inside it, an outlet speaking of itself
  or a wire sign-off inside it (`newsdesk.origin`), or the caller's word that the story containing the
  passage has an agency dateline (`has_dateline`) or names its origin (`origin`). Both sides marked: no clue.
* `date` (strong): the side with the earlier reference date is the source (same day: no clue).
* `truncation` (weak): a side whose passage runs into the very end of its page mid-sentence (or starts
  its page mid-sentence) while the other side's text goes on is the copy.
* `furniture` (weak): a side whose passage has site furniture inside it (the cleaner's `removed` spans,
  bridged by the alignment) while the other's has none is the copy: it re-furnished the story.
Strong clues decide when they agree; if they disagree the answer is `unknown` (both may have copied a
third page). With no strong clue, weak ones decide when they agree. Nothing else is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from newsdesk.model import Evidence
from newsdesk.origin import AGENCIES, find_evidence, match_dateline
from newsdesk.reuse import Passage

__all__ = ["Clue", "Copying", "Direction", "Side", "direction", "strong_cues"]

Copying = Literal["a_copied_b", "b_copied_a", "unknown"]
Which = Literal["a", "b"]
Edge = Literal["start", "end"]

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_WORD_CHAR = re.compile(r"\w")
#: Most characters of white space and punctuation between a passage's end and its page's end that
#: still count as "the passage runs into the end of the page".
_END_SLACK = 3
#: How much text the other side must have beyond its passage to count as going on.
_MORE_CHARS = 40
#: A dateline counts for a passage that starts at most this many characters after it (on its line).
_DATELINE_REACH = 200
#: Strongest weight (newsdesk.origin) below which a cue inside the passage is not a wire mark.
_STRONG_CUE = 1.5


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


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a passage: its page's text as given and what is known about the story around it.

    `date`: the page's reference (publication) date; `origin`: the agency the story containing the
    passage is attributed to (`model.Story.origin`); `has_dateline`: that story opens with an agency
    dateline (`model.Story.dateline` with an agency); `furniture`: `(start, end)` spans of the page that
    are not article text (`model.Cleaning.removed`); `cues`: the origin cues of the whole text
    (`strong_cues(text)`) when the caller has them (a page shares passages with many pages:
    its text is searched once), else the passage is searched."""

    text: str
    date: dt.date | None = None
    origin: str | None = None
    has_dateline: bool = False
    furniture: tuple[tuple[int, int], ...] = ()
    cues: tuple[Evidence, ...] | None = None


@dataclass(frozen=True, slots=True)
class Clue:
    """One piece of evidence: `rule` says which, `source` the side it says the passage came from."""

    rule: str
    source: Which
    detail: str


@dataclass(frozen=True, slots=True)
class Direction:
    """Who copied whom, with every clue found (also when they cancel out to `unknown`)."""

    verdict: Copying
    evidence: tuple[Clue, ...]


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


def _wire_mark(side: Side, start: int, end: int) -> str | None:
    """What marks the passage as the agency's own copy, or None."""
    text = side.text
    for pos in _line_starts(text, start, end):
        found = match_dateline(text[pos:pos + _DATELINE_REACH], pos, None)
        if found is not None and found.evidence is not None and found.dateline.end >= start - _DATELINE_REACH:
            return f"dateline {text[found.dateline.start:found.dateline.end]!r}"
    cues = find_evidence(text[start:end], start) if side.cues is None else side.cues
    for cue in cues:
        if cue.weight >= _STRONG_CUE and start <= cue.start and cue.end <= end:
            return f"{cue.kind.replace('_', ' ')} {text[cue.start:cue.end]!r}"
    if side.has_dateline:
        return "its story has an agency dateline"
    if side.origin:
        return f"its story is attributed to {side.origin}"
    return None


def _truncated(side: Side, start: int, end: int) -> tuple[Edge, str] | None:
    """Which edge of the page cuts the passage off mid-sentence, and how; None when neither does."""
    text = side.text
    if len(text[end:].strip()) <= _END_SLACK and not _SENTENCE_END.search(text.rstrip()):
        return "end", "ends mid-sentence at the end of its page"
    if not _WORD_CHAR.search(text[:start]) and text[start:end].lstrip()[:1].islower():
        return "start", "starts mid-sentence at the start of its page"
    return None


def _goes_on(side: Side, start: int, end: int, edge: Edge) -> bool:
    """Whether the side's text runs on past its passage at that edge."""
    beyond = side.text[end:end + 4 * _MORE_CHARS] if edge == "end" else side.text[max(0, start - 4 * _MORE_CHARS):start]
    return len(_WORD_CHAR.findall(beyond)) >= _MORE_CHARS


def _furnished(side: Side, start: int, end: int) -> str | None:
    """Furniture inside the passage (not at its edges), or None."""
    inside = [(s, e) for s, e in side.furniture if start < s and e < end]
    if not inside:
        return None
    s, e = inside[0]
    return f"{len(inside)} furniture span(s) inside it, first {side.text[s:e][:60]!r}"


def _other(which: Which) -> Which:
    return "b" if which == "a" else "a"


def direction(a: Side, b: Side, passage: Passage) -> Direction:
    """Which of two pages sharing `passage` copied it from the other, with the evidence; see the module doc."""
    spans: dict[Which, tuple[int, int]] = {"a": (passage.a_start, passage.a_end), "b": (passage.b_start, passage.b_end)}
    sides: dict[Which, Side] = {"a": a, "b": b}
    both: tuple[Which, Which] = ("a", "b")
    for name in both:
        _check(sides[name], *spans[name], name)
    clues: list[Clue] = []
    marks = {name: _wire_mark(sides[name], *spans[name]) for name in both}
    for name in both:
        mark = marks[name]
        if mark and not marks[_other(name)]:
            clues.append(Clue("wire", name, mark))
    if a.date and b.date and a.date != b.date:
        earlier: Which = "a" if a.date < b.date else "b"
        clues.append(Clue("date", earlier, f"dated {sides[earlier].date}, the other "
                                            f"{sides[_other(earlier)].date}"))
    for name in both:
        other = _other(name)
        cut = _truncated(sides[name], *spans[name])
        if cut and _goes_on(sides[other], *spans[other], cut[0]):
            clues.append(Clue("truncation", other, f"side {name} {cut[1]}; side {other} goes on"))
        furnished = _furnished(sides[name], *spans[name])
        if furnished and not _furnished(sides[other], *spans[other]):
            clues.append(Clue("furniture", other, f"side {name} has {furnished}"))
    return Direction(_decide(clues), tuple(clues))


def _decide(clues: list[Clue]) -> Copying:
    for rules in (("wire", "date"), ("truncation", "furniture")):
        said = {c.source for c in clues if c.rule in rules}
        if len(said) == 2:
            return "unknown"  # evidence of one strength disagrees: do not let weaker evidence settle it
        if said:
            return "b_copied_a" if said == {"a"} else "a_copied_b"
    return "unknown"
