#!/usr/bin/env python3
"""Generalisation benchmark: stitched pages newsdesk has never seen, built at run time and scored.

    python -m bench.stitched [--data DIR] [--pages N] [--seed S] [--html] [--builder 1|2|3|4|both|all|every]
                             [--split dev|test] [--errors] [--unlisted-outlets]

Builds N pages from DIR/guardian2022 and DIR/ecbplus (default `<repo>/../shared/data`; absent: the
bench says it is skipped and exits 0) with one page builder or several, analyses each in process
(`newsdesk.read.files` → `Pipeline().analyze`), scores it with `../shared/eval/score_page.py` and prints
the mean of each facet over the pages where it applies, then the figures as one JSON line.

Two builders, written apart: `bench/stitch.py` (builder 1: wire datelines, self-references, house
spellings) and `bench/stitch2.py` (builder 2: its own catalogue of republishing conventions —
WordPress, Blogger and Ghost themes, credit lines, bylines, share bars, related posts, comment
widgets — from real outlets' articles). With `--builder both` each facet is printed per builder
with the gap between them: a method that holds on one and not the other is tuned, not general.
`bench/stitch3.py` (builder 3) was written apart from both and from the system, from how real
republishing sites look (aggregator portals, station sites running network copy, press-release wires,
national agencies' English services, blog and CMS themes, paywalled portals); `--builder all` runs
1, 2 and 3 (`both` stays 1 and 2, the CI gate's). `bench/stitch4.py` (builder 4, a check nobody tunes
on) was written apart from all three and from the system: news-app aggregator cards, AMP copies,
newsletter, translated and forum reposts, press clippings, broken-markup scrapers, station partner copy,
with invented outlets; `--builder every` runs 1-4. Builders 2-4's conventions come in two disjoint
halves, `--split dev` (to build with) and `--split test` (held out: check on it, never tune on it).
`--errors` lists each story whose origin was missed, with what the analysis weighed.
`--hide-phrasings F,G|all` leaves credit-grammar phrase families unread, as if their phrasings were
unseen: how much of them the phrasing-independent shape reader recovers.
`--unlisted-outlets` renames every story's outlet, on the page and in its key, to an invented name of
the same shape ("Associated Press" → "Vornel Press", "AP" → "VP", apnews.com → vpnews.com): no
table knows it, so origin must come from where and how a page credits a story, not from its name.

HTML pages (`--html`) are keyed against a block-per-line reading of the markup; the real reader
decides the text, so an anchor it does not find is skipped and counted (`anchors_skipped`), never
a crash. The pages' text comes from shared evaluation data and is never written into the repo.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import hashlib
import html
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import stitch
from bench.common import DATA, last_line, load_scorer, skip
from bench.stitch import StitchedPage, data_available, find_all
from newsdesk.analysis.pipeline import Pipeline
from newsdesk.read.files import ReadConfig, page_from_html, page_from_text
from newsdesk.text import credit
from newsdesk.text.outlets import OUTLETS, is_domain, known_name, registered_domain

FACETS = ["noise_recall", "body_kept", "truncations_found", "boundaries_required", "boundary_precision",
          "story_origin"]
NOISE_LISTS = ("site_boilerplate", "link_residue", "teasers", "captions", "summary_bullets", "subheadings")


# ------------------------------------------------------------------ --unlisted-outlets
# Words an outlet's name is built from that say what kind of outlet it is, not which: kept, so the
# invented name keeps the shape of the real one. The bench's own list, not the system's.
_KIND_WORDS = frozenset("""
    the of and & for de la le el al news agency press wire newswire presswire times post daily weekly radio tv
    network service media group journal herald gazette tribune courier chronicle telegraph interactive audio
    online magazine international broadcasting corporation company inc inc. co sports music voices world
    digital live today review report star sun express standard observer independent guardian examiner
""".split())
_STEMS = ("Kest", "Varn", "Brom", "Tull", "Quen", "Orv", "Spar", "Hald", "Wex", "Corv", "Lind", "Ferr", "Morv",
          "Pell", "Dray", "Gask", "Renn", "Stov", "Thal", "Yarl", "Zell", "Nock", "Plim", "Vask")
_ENDS = ("rel", "ley", "wick", "mere", "holt", "ane", "ist", "ora", "en", "ix", "ow", "and", "et", "ume")
_DOMAIN_FORM = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+$")


def _digest(word: str, salt: str = "") -> int:
    return int(hashlib.sha256((salt + word.casefold()).encode()).hexdigest()[:12], 16)


def _invented(word: str) -> str:
    """An invented word standing for `word`, in its case: one word always gives the same one."""
    h = _digest(word)
    made = _STEMS[h % len(_STEMS)] + _ENDS[(h // len(_STEMS)) % len(_ENDS)]
    return made.upper() if word.isupper() and len(word) > 1 else made.lower() if word.islower() else made


def _acronym(word: str) -> str:
    h, letters = _digest(word, "acronym"), []
    for _ in word:
        letters.append("BCDFGHJKLMNPQRSTVWXZ"[h % 20])
        h //= 20
    return "".join(letters)


def _pieces(word: str) -> list[str]:
    """A word cut where its parts start ("HuffPost", "PRNewswire", "ACCESSWIRE" → "ACCESS" "WIRE")."""
    parts = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^A-Za-z\d]+", word)
    if len(parts) == 1 and len(word) > 5:
        for kind in sorted(_KIND_WORDS, key=len, reverse=True):
            if len(word) > len(kind) + 2 and word.casefold().endswith(kind):
                return [word[:-len(kind)], word[-len(kind):]]
    return parts or [word]


class OutletRenamer:
    """Invented names for real outlets, of the same shape, consistent over a whole run."""

    def name(self, surface: str, initials: dict[str, str], outlet: str = "") -> str:
        out = []
        for token in re.split(r"(\s+)", surface):
            if not token.strip() or token.casefold() in _KIND_WORDS:
                out.append(token)
                continue
            pieces = []
            for piece in _pieces(token):
                if not piece[:1].isalpha() or piece.casefold() in _KIND_WORDS:
                    pieces.append(piece)
                elif piece.isupper() and len(piece) <= 5:
                    pieces.append(initials.get(piece, _acronym(piece)))
                else:
                    pieces.append(_invented(piece))
            out.append("".join(pieces))
        renamed = "".join(out)
        if renamed.casefold() == surface.casefold() or known_name(renamed):
            # all kind words ("The Guardian"), or by chance a real name: an invented word in front
            words = renamed.split(" ", 1)
            lead = _invented(outlet or surface)
            renamed = (f"{words[0]} {lead} {words[1]}" if len(words) == 2 and words[0].casefold() == "the"
                       else f"{lead} {renamed}")
        return renamed

    def domain(self, host: str, names: dict[str, str], outlet: str) -> str:
        """The domain with its site's label respelt from the renamed names ("apnews.com" → "cpnews.com")."""
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", host, flags=re.IGNORECASE).casefold()
        site = registered_domain(bare)
        label, _, suffix = site.partition(".")
        new_label = label
        bare_names = {re.sub(r"^the\s+", "", k, flags=re.I): re.sub(r"^the\s+", "", v, flags=re.I)
                      for k, v in names.items()}
        spellings = [*names.items(), *bare_names.items()]
        for form, new in sorted(spellings, key=lambda fn: len(fn[0]), reverse=True):
            key = re.sub(r"[^a-z0-9]", "", form.casefold())
            if len(key) >= 2 and key in label and key not in _KIND_WORDS:
                new_label = label.replace(key, re.sub(r"[^a-z0-9]", "", new.casefold()))  # the longest spelling only
                break
        if new_label == label or known_domain(f"{new_label}.{suffix}"):
            new_label = _invented(outlet).casefold() + ("" if label in _KIND_WORDS else label)
        return host[:len(host) - len(bare)] + bare[:len(bare) - len(site)] + f"{new_label}.{suffix}"

    def forms(self, origin: str, aliases: list[str]) -> dict[str, str]:
        """Every written form of one outlet (its name, aliases, domains, in capitals) → its invented form."""
        names = [n for n in dict.fromkeys([origin, *aliases]) if not _DOMAIN_FORM.match(n)]
        initials: dict[str, str] = {}
        for n in names:
            words = [w for w in re.findall(r"[A-Za-z][\w'’]*", n) if w.casefold() not in ("the", "of", "and")]
            if len(words) > 1:
                mapped = re.findall(r"[A-Za-z][\w'’]*", self.name(n, {}))
                mapped = [w for w in mapped if w.casefold() not in ("the", "of", "and")]
                if len(mapped) == len(words):
                    initials["".join(w[0] for w in words).upper()] = "".join(w[0] for w in mapped).upper()
        mapping: dict[str, str] = {}
        for n in names:
            mapping[n] = self.name(n, initials, origin)
        for n in names:
            if n.upper() != n:
                mapping.setdefault(n.upper(), mapping[n].upper())
        plain = {k: v for k, v in mapping.items() if k in names}
        for d in dict.fromkeys(a for a in [origin, *aliases] if _DOMAIN_FORM.match(a)):
            mapping[d] = self.domain(d, plain, origin)
        return mapping


def known_domain(host: str) -> bool:
    return any(host == d or host.endswith("." + d) for _, domains in OUTLETS.values() for d in domains)


def _rename_all(value: Any, pattern: re.Pattern[str], mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(lambda m: mapping.get(m.group(), mapping.get(m.group().casefold(), m.group())), value)
    if isinstance(value, list):
        return [_rename_all(v, pattern, mapping) for v in value]
    if isinstance(value, dict):
        return {k: _rename_all(v, pattern, mapping) for k, v in value.items()}
    return value


def unlist_outlets(page: StitchedPage, renamer: OutletRenamer) -> StitchedPage:
    """The page and its key with each story's outlet renamed to one no table knows (`--unlisted-outlets`)."""
    mapping: dict[str, str] = {}
    for story in page.gold.get("stories", []):
        if story.get("origin"):
            mapping.update(renamer.forms(story["origin"], list(story.get("origin_aliases", []))))
    if not mapping:
        return page
    # as an HTML page writes them too ("Grid &amp; Wire")
    mapping.update({html.escape(k, quote=False): html.escape(v, quote=False) for k, v in list(mapping.items())})
    # domains match in any case (and are looked up folded); names match as written
    mapping.update({k.casefold(): v for k, v in mapping.items() if is_domain(k)})
    forms = sorted((k for k in mapping if k == k.casefold() or not is_domain(k)), key=len, reverse=True)
    alternation = "|".join(f"(?i:{re.escape(f)})" if is_domain(f) else re.escape(f) for f in forms)
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w|\.\w)")
    return dataclasses.replace(page, content=_rename_all(page.content, pattern, mapping),
                               text=_rename_all(page.text, pattern, mapping),
                               gold=_rename_all(page.gold, pattern, mapping))


def fit_key(gold: dict[str, Any], text: str) -> tuple[dict[str, Any], list[str]]:
    """The key cut down to the anchors `text` holds, and the anchors it lost.

    A reader may drop a nav line or a caption, or join lines differently: the figures are then
    computed on what is left, and what was skipped is counted, not hidden."""
    key = copy.deepcopy(gold)
    lost: list[str] = []

    def present(anchor: str) -> bool:
        if find_all(text, anchor):
            return True
        lost.append(anchor)
        return False

    noise = key["noise"]
    for name in NOISE_LISTS:
        noise[name] = [a for a in noise[name] if present(a)]
    noise["duplicate_lines"] = [p for p in noise["duplicate_lines"] if any(find_all(text, a) for a in p)]
    noise["truncations"] = [t for t in noise["truncations"] if present(t["anchor"])]
    kept, reach = [], -1
    for story in key["stories"]:
        if not (present(story["first"]) and present(story["last"])):
            continue
        start, end = find_all(text, story["first"])[0][0], find_all(text, story["last"])[0][1]
        if start <= reach or end <= start:
            lost.append(f"story {story['id']} out of order")
            continue
        kept.append(story)
        reach = end
    ids = {s["id"] for s in kept}
    key["stories"] = kept
    for name in ("required_boundaries", "topic_boundaries"):
        key[name] = [p for p in key[name] if p[0] in ids and p[1] in ids]
    return key, lost


def analyse(page: StitchedPage, pipeline: Pipeline) -> dict[str, Any]:
    ref = page.gold.get("reference_date")
    config = ReadConfig(reference_date=dt.date.fromisoformat(ref) if ref else None)
    if page.format == "html":
        read = page_from_html(page.id, page.content, config)
    else:
        read = page_from_text(page.id, page.content, config)
    return pipeline.analyze(read).to_json()


def _origin_errors(page: StitchedPage, key: dict[str, Any], text: str, analysis: dict[str, Any]) -> list[str]:
    out = []
    for story in key["stories"]:
        if not story.get("origin"):
            continue
        first, last = find_all(text, story["first"]), find_all(text, story["last"])
        if not first or not last:
            continue
        mid = (first[0][0] + last[0][1]) // 2
        pred = next((p for p in analysis.get("stories", []) if p["start"] <= mid < p["end"]), None)
        names = {n.lower() for n in [story["origin"], *story.get("origin_aliases", [])]}
        got = (pred or {}).get("origin")
        if (got or "").strip().lower() in names:
            continue
        weighed = "; ".join(f"{e['kind']} {e['agency']} {e['weight']} {text[e['start']:e['end']]!r}"
                            for e in (pred or {}).get("evidence", [])[:6])
        out.append(f"{page.id} story {story['id']}: gold {story['origin']!r}, got {got!r}; "
                   f"gold evidence {story.get('origin_evidence')}; weighed: {weighed or 'nothing'}")
    return out


def _noise_errors(page: StitchedPage, key: dict[str, Any], text: str, analysis: dict[str, Any]) -> list[str]:
    removed = [(r["start"], r["end"]) for r in analysis.get("removed", [])]
    flags = [(f["start"], f["end"]) for f in analysis.get("flags", [])]
    out = []
    for name in ("site_boilerplate", "link_residue", "teasers", "captions"):
        for anchor in key["noise"][name]:
            for s, e in find_all(text, anchor):
                covered = sum(max(0, min(e, b) - max(s, a)) for a, b in removed)
                if covered < 0.8 * (e - s):
                    out.append(f"{page.id} noise {name}: {anchor[:100]!r}")
    for t in key["noise"]["truncations"]:
        hits = find_all(text, t["anchor"])
        if hits and not any(min(e, hits[0][1]) > max(s, hits[0][0]) or s == hits[0][0] or e == hits[0][1]
                            for s, e in flags):
            out.append(f"{page.id} truncation {t['where']}: {t['anchor']!r}")
    return out


def _boundary_errors(page: StitchedPage, key: dict[str, Any], text: str, analysis: dict[str, Any]) -> list[str]:
    spans = {}
    for story in key["stories"]:
        first, last = find_all(text, story["first"]), find_all(text, story["last"])
        if first and last:
            spans[story["id"]] = (first[0][0], last[0][1])
    gaps = [(spans[a][1] - 40, spans[b][0] + 40) for a, b in key["required_boundaries"] + key["topic_boundaries"]
            if a in spans and b in spans]
    stories = sorted(analysis.get("stories", []), key=lambda s: s["start"])
    out = []
    for story in stories[1:]:
        if not any(lo <= story["start"] <= hi for lo, hi in gaps):
            out.append(f"{page.id} extra cut at {story['start']} ({','.join(story.get('boundary', []))}): "
                       f"{text[story['start']:story['start'] + 60]!r}")
    for lo, hi in gaps:
        if not any(lo <= s["start"] <= hi for s in stories[1:]):
            out.append(f"{page.id} missed cut near {hi - 40}: {text[hi - 40:hi + 20]!r}")
    return out


def score_builder(builder: str, data: Path, n: int, seed: int, html: bool, split: str, pipeline: Pipeline,
                  scorer: Any, errors: bool, unlisted: bool = False) -> dict[str, Any]:
    started = time.perf_counter()
    drops: Counter[str] = Counter()
    share = 0.25 if html else 0.0
    if builder == "1":
        pages = stitch.build_pages(data, n, seed, html_share=share, drops=drops)
    elif builder == "2":
        from bench import stitch2  # the second builder, written apart from the first

        pages = stitch2.build_pages(data, n, seed, html_share=share, drops=drops, split=split)
    elif builder == "3":
        from bench import stitch3  # the third builder, written apart from both and from the system

        pages = stitch3.build_pages(data, n, seed, html_share=share, drops=drops, split=split)
    else:
        from bench import stitch4  # the fourth builder, written apart from all three: a check nobody tunes on

        pages = stitch4.build_pages(data, n, seed, html_share=share, drops=drops, split=split)
    if unlisted:
        renamer = OutletRenamer()
        pages = [unlist_outlets(p, renamer) for p in pages]
    built = time.perf_counter() - started
    sums: dict[str, list[float]] = {f: [] for f in FACETS}
    skipped, failed = 0, []
    for page in pages:
        try:
            analysis = analyse(page, pipeline)
        except Exception as exc:  # a crash is a result too: the page scores as if nothing was found
            failed.append(f"{page.id}: {type(exc).__name__}: {exc}")
            if page.format == "html":
                continue
            analysis = {"text": page.content}
        text = analysis["text"]
        key, lost = fit_key(page.gold, text)
        skipped += len(lost)
        if lost and page.format == "text":
            print(f"warning: {page.id}: {len(lost)} anchors of a text page not found: {lost[:3]}", file=sys.stderr)
        figures = scorer.score(key, text, analysis)
        for f in FACETS:
            if figures.get(f) is not None:
                sums[f].append(float(figures[f]))
        if errors:
            for line in _origin_errors(page, key, text, analysis):
                print("origin miss:", line)
            for line in _noise_errors(page, key, text, analysis):
                print("noise miss:", line)
            for line in _boundary_errors(page, key, text, analysis):
                print("boundary:", line)
    seconds = time.perf_counter() - started
    n_html = sum(p.format == "html" for p in pages)
    print(f"builder {builder}: {len(pages)} pages ({n_html} HTML) built from {data} with seed {seed} in {built:.1f}s; "
          f"{sum(drops.values())} attempts dropped" + "".join(f"; {c} {why}" for why, c in drops.most_common(4)))
    if skipped:
        print(f"builder {builder}: {skipped} anchors not in the text as read were skipped (HTML reader's choices)")
    for line in failed:
        print(f"builder {builder}: failed {line}", file=sys.stderr)
    means = {f: (round(sum(v) / len(v), 4) if v else None) for f, v in sums.items()}
    return {"pages": len(pages), **means, "html_pages": n_html, "anchors_skipped": skipped,
            "dropped": sum(drops.values()), "failed": len(failed), "seconds": round(seconds, 2),
            "counts": {f: len(v) for f, v in sums.items()}}


def _spread(cells: list[Any]) -> float:
    """The gap between builders: the best facet value minus the worst (two builders: their difference)."""
    return float(max(cells) - min(cells))


def run(data: Path, n: int, seed: int, html: bool, builder: str = "1", split: str = "dev",
        errors: bool = False, unlisted: bool = False) -> dict[str, Any]:
    scorer = load_scorer()
    if scorer is None:
        skip("stitched", "../shared/eval/score_page.py is absent")
    if not data_available(data):
        skip("stitched", f"no guardian2022/ecbplus data under {data}")
    assert scorer is not None
    pipeline = Pipeline()
    builders = {"both": ["1", "2"], "all": ["1", "2", "3"], "every": ["1", "2", "3", "4"]}.get(builder, [builder])
    results = {b: score_builder(b, data, n, seed, html, split, pipeline, scorer, errors, unlisted)
               for b in builders}
    print(f"{'facet':22s} " + " ".join(f"{'builder ' + b:>10s}" for b in builders)
          + ("        gap" if len(builders) >= 2 else ""))
    for f in FACETS:
        cells = [results[b][f] for b in builders]
        row = " ".join(f"{('n/a' if c is None else f'{c:.3f}'):>10s}" for c in cells)
        if len(builders) >= 2 and None not in cells:
            row += f" {_spread(cells):10.3f}"
        print(f"{f:22s} {row}")
    out: dict[str, Any] = {"bench": "stitched", "builder": builder, "split": split, "seed": seed, "html": html,
                           "unlisted_outlets": unlisted}
    if len(builders) == 1:
        only = results[builders[0]]
        only.pop("counts")
        out.update(only)
    else:
        for b in builders:
            results[b].pop("counts")
            out[f"builder{b}"] = results[b]
        out["gap"] = {f: round(_spread([results[b][f] for b in builders]), 4) for f in FACETS
                      if None not in [results[b][f] for b in builders]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding guardian2022/ and ecbplus/")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--html", action="store_true", help="make about a quarter of the pages HTML")
    ap.add_argument("--builder", choices=("1", "2", "3", "4", "both", "all", "every"), default="1",
                    help="both = builders 1 and 2 (the CI gate's); all = 1, 2 and 3; every = 1-4")
    ap.add_argument("--split", choices=("dev", "test"), default="dev",
                    help="builders 2-4's half of their conventions: dev to build with, test held out")
    ap.add_argument("--errors", action="store_true", help="list each story whose origin was missed")
    ap.add_argument("--unlisted-outlets", action="store_true",
                    help="rename each story's outlet to an invented one of the same shape, known to no table")
    ap.add_argument("--hide-phrasings", default="",
                    help="comma-separated credit-grammar families (or 'all') left unread, as if their phrasings "
                         "were unseen: what the shape reader (newsdesk.text.credit_shape) recovers of them")
    args = ap.parse_args()
    if args.hide_phrasings:
        hidden = set(args.hide_phrasings.split(","))
        credit.HIDDEN_FAMILIES.update((set(credit.FAMILY_WEIGHTS) if "all" in hidden else set()) | hidden - {"all"})
    last_line(run(args.data, args.pages, args.seed, args.html, args.builder, args.split, args.errors,
                  args.unlisted_outlets))


if __name__ == "__main__":
    main()
