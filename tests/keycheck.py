"""keycheck: score an analysis against a hand-written answer key, for the noise, flags and stories facets.

The rules are score_page's (`../shared/eval/score_page.py`), re-implemented compactly so the tests
need nothing outside the repository:

* an anchor is a verbatim piece of the page's text, matched with every run of white space folded;
* a story's `first`/`last` and a truncation's anchor name their first occurrence;
* every occurrence of a noise anchor (boilerplate, link residue, teaser, caption) is noise, and so is
  every later copy of a `duplicate_lines` pair; subheadings and summary bullets are neutral: neither
  body text nor noise;
* a predicted story start counts as a boundary when it falls between 40 characters before the end of
  one gold story and 40 after the start of the next; a page's first story starts no boundary.

`check()` returns the same figures as score_page's `score_noise`, `score_flags` and `score_stories`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

SPACE = re.compile(r"\s+")
Span = tuple[int, int]
Key = dict[str, Any]
Analysis = dict[str, Any]

NOISE = ("site_boilerplate", "link_residue", "teasers", "captions")
NEUTRAL = ("subheadings", "summary_bullets")
FIGURES = ("noise_recall", "body_kept", "truncations_found", "boundaries_required", "boundaries_topic",
           "boundary_precision", "story_origin")
TOLERANCE = 40


class BadKey(ValueError):
    """An answer key that does not have the seed key's shape, or an anchor that is not in the text."""


# ------------------------------------------------------------------ anchors
def find_all(text: str, needle: str) -> list[Span]:
    """Every occurrence of `needle` in `text`, white space folded on both sides."""
    parts = [re.escape(p) for p in SPACE.split(needle.strip()) if p]
    if not parts:
        raise BadKey("empty anchor")
    return [(m.start(), m.end()) for m in re.finditer(r"\s+".join(parts), text)]


def find_one(text: str, needle: str) -> Span:
    hits = find_all(text, needle)
    if not hits:
        raise BadKey(f"anchor not in text: {needle!r}")
    return hits[0]


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _span(item: dict[str, Any]) -> Span:
    return int(item["start"]), int(item["end"])


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


# ------------------------------------------------------------------ keys and pages
_STORY_KEYS = {"id", "first", "last", "origin"}
_NOISE_KEYS = {*NOISE, *NEUTRAL, "duplicate_lines", "truncations"}
_EMPTY_FACETS = ("entities", "quotes", "claims", "times", "events")


def validate(key: Key) -> None:
    """Raise BadKey, saying what is wrong, unless `key` has the seed key's shape."""
    missing = {"stories", "required_boundaries", "topic_boundaries", "noise", *_EMPTY_FACETS} - set(key)
    if missing:
        raise BadKey(f"key lacks {sorted(missing)}")
    ids: list[str] = []
    for story in key["stories"]:
        lacking = _STORY_KEYS - set(story)
        if lacking:
            raise BadKey(f"story {story.get('id')!r} lacks {sorted(lacking)}")
        if story["origin"] is not None and not story.get("origin_evidence"):
            raise BadKey(f"story {story['id']!r} names an origin but no origin_evidence")
        ids.append(story["id"])
    if len(set(ids)) != len(ids):
        raise BadKey(f"story ids repeat: {ids}")
    for name in ("required_boundaries", "topic_boundaries"):
        for pair in key[name]:
            if len(pair) != 2 or not set(pair) <= set(ids):
                raise BadKey(f"{name} names unknown stories: {pair}")
    lacking = _NOISE_KEYS - set(key["noise"])
    if lacking:
        raise BadKey(f"noise lacks {sorted(lacking)}")
    for name in (*NOISE, *NEUTRAL):
        if not all(isinstance(a, str) and a.strip() for a in key["noise"][name]):
            raise BadKey(f"noise.{name} holds something that is not an anchor")
    for pair in key["noise"]["duplicate_lines"]:
        if len(pair) != 2:
            raise BadKey(f"duplicate_lines entry is not a pair: {pair}")
    for t in key["noise"]["truncations"]:
        if t.get("where") not in ("start", "end") or not t.get("anchor"):
            raise BadKey(f"truncation needs an anchor and where=start|end: {t}")
    for name in _EMPTY_FACETS:
        if not isinstance(key[name], list):
            raise BadKey(f"{name} must be a list")


def load_key(path: Path) -> Key:
    key: Key = json.loads(path.read_text(encoding="utf-8"))
    validate(key)
    return key


class _Blocks(HTMLParser):
    """Visible text of an HTML page, one line per block element; what any sane extractor keeps."""

    BLOCK = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "footer", "header",
                       "nav", "article", "section", "ul", "ol", "figure", "blockquote", "main", "aside", "br",
                       "title"})
    HIDDEN = frozenset({"script", "style", "head", "title", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def _flush(self) -> None:
        line = SPACE.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in self.BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)


def html_view(markup: str) -> str:
    parser = _Blocks()
    parser.feed(markup)
    parser.close()
    parser._flush()
    return "\n".join(parser.lines)


def page_text(path: Path) -> str:
    """The text a key is written against: the file as it is, or for HTML its block-per-line text."""
    raw = path.read_text(encoding="utf-8")
    return html_view(raw) if path.suffix in (".html", ".htm") else raw


def fit(key: Key, text: str) -> tuple[Key, list[str]]:
    """The key cut down to what `text` holds (an HTML reader may drop a nav line), and what it lost."""
    lost: list[str] = []

    def keep(anchor: str) -> bool:
        if find_all(text, anchor):
            return True
        lost.append(anchor)
        return False

    noise = dict(key["noise"])
    for name in (*NOISE, *NEUTRAL):
        noise[name] = [a for a in noise[name] if keep(a)]
    noise["duplicate_lines"] = [p for p in noise["duplicate_lines"] if any(find_all(text, a) for a in p)]
    noise["truncations"] = [t for t in noise["truncations"] if keep(t["anchor"])]
    stories = [s for s in key["stories"] if keep(s["first"]) & keep(s["last"])]
    ids = {s["id"] for s in stories}
    pairs = {name: [p for p in key[name] if set(p) <= ids] for name in ("required_boundaries", "topic_boundaries")}
    return {**key, "noise": noise, "stories": stories, **pairs}, lost


# ------------------------------------------------------------------ figures
def noise_targets(key: Key, text: str) -> list[Span]:
    """Where the noise is: every copy of every noise anchor, and each later copy of a repeated line."""
    targets: list[Span] = [o for name in NOISE for a in key["noise"][name] for o in find_all(text, a)]
    for pair in key["noise"]["duplicate_lines"]:
        targets.extend(sorted({o for a in pair for o in find_all(text, a)})[1:])
    return sorted(set(targets))


def check_noise(key: Key, text: str, ana: Analysis) -> dict[str, float | None]:
    removed = [_span(r) for r in ana.get("removed", [])]
    targets = noise_targets(key, text)
    hit = sum(1 for t in targets if sum(overlap(t, r) for r in removed) >= 0.8 * (t[1] - t[0]))
    neutral = [o for name in NEUTRAL for a in key["noise"][name] for o in find_all(text, a)] + targets
    body_removed = 0
    for r in removed:
        inside = sum(overlap(r, n) for n in neutral)
        body_removed += max(0, (r[1] - r[0]) - inside - len(SPACE.findall(text[r[0]:r[1]])))
    body_chars = len(text) - sum(n[1] - n[0] for n in neutral)
    return {"noise_recall": _ratio(hit, len(targets)), "body_kept": 1.0 - body_removed / max(1, body_chars)}


def check_flags(key: Key, text: str, ana: Analysis) -> dict[str, float | None]:
    flags = [_span(f) for f in ana.get("flags", [])]
    truncations = key["noise"]["truncations"]
    hits = 0
    for t in truncations:
        where = find_one(text, t["anchor"])
        hits += any(overlap(where, f) > 0 or f[0] == where[0] or f[1] == where[1] for f in flags)
    return {"truncations_found": _ratio(hits, len(truncations))}


def story_spans(key: Key, text: str) -> dict[str, Span]:
    return {s["id"]: (find_one(text, s["first"])[0], find_one(text, s["last"])[1]) for s in key["stories"]}


def check_stories(key: Key, text: str, ana: Analysis) -> dict[str, float | None]:
    gold = story_spans(key, text)
    predicted = ana.get("stories", [])
    starts = sorted(_span(s)[0] for s in predicted)[1:]

    def gap(pair: list[str]) -> Span:
        return gold[pair[0]][1] - TOLERANCE, gold[pair[1]][0] + TOLERANCE

    def found(pair: list[str]) -> bool:
        lo, hi = gap(pair)
        return any(lo <= s <= hi for s in starts)

    required, topical = key["required_boundaries"], key["topic_boundaries"]
    gaps = [gap(p) for p in required + topical]
    correct = sum(1 for s in starts if any(lo <= s <= hi for lo, hi in gaps))
    origins: list[bool] = []
    for story in key["stories"]:
        if not story.get("origin"):
            continue
        mid = sum(gold[story["id"]]) // 2
        pred = next((p for p in predicted if _span(p)[0] <= mid < _span(p)[1]), None)
        names = {n.lower() for n in [story["origin"], *story.get("origin_aliases", [])]}
        origins.append(bool(pred and (pred.get("origin") or "").strip().lower() in names))
    return {"boundaries_required": _ratio(sum(map(found, required)), len(required)),
            "boundaries_topic": _ratio(sum(map(found, topical)), len(topical)),
            "boundary_precision": _ratio(correct, len(starts)),
            "story_origin": _ratio(sum(origins), len(origins))}


def check(key: Key, text: str, ana: Analysis) -> dict[str, float | None]:
    """The noise, flags and stories figures of `ana` against `key`; offsets are into ana["text"] when
    the analysis carries it, else into `text`."""
    text = ana.get("text", text)
    return {**check_noise(key, text, ana), **check_flags(key, text, ana), **check_stories(key, text, ana)}


def invented_origins(key: Key, text: str, ana: Analysis) -> list[str]:
    """Ids of gold stories with no evidence (origin null) whose predicted story names an origin anyway:
    a stage that is unsure must say so. Not one of score_page's figures."""
    text = ana.get("text", text)
    gold = story_spans(key, text)
    out = []
    for story in key["stories"]:
        if story.get("origin"):
            continue
        mid = sum(gold[story["id"]]) // 2
        pred = next((p for p in ana.get("stories", []) if _span(p)[0] <= mid < _span(p)[1]), None)
        if pred and pred.get("origin"):
            out.append(story["id"])
    return out


def perfect(key: Key, text: str) -> Analysis:
    """An analysis built from the key itself: every figure that applies comes out at 1."""
    removed = [{"start": s, "end": e, "kind": name} for name in NOISE for a in key["noise"][name]
               for s, e in find_all(text, a)]
    flags = []
    for t in key["noise"]["truncations"]:
        s, e = find_one(text, t["anchor"])
        flags.append({"start": s, "end": e, "kind": "truncated_" + t["where"]})
    gold = story_spans(key, text)
    stories = [{"start": gold[s["id"]][0], "end": gold[s["id"]][1], "origin": s.get("origin")}
               for s in key["stories"]]
    return {"text": text, "removed": removed, "flags": flags, "stories": stories}


def applicable(figures: dict[str, float | None], names: Iterable[str] = FIGURES) -> dict[str, float]:
    return {n: v for n in names if (v := figures.get(n)) is not None}
