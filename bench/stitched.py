#!/usr/bin/env python3
"""Generalisation benchmark: stitched pages newsdesk has never seen, built at run time and scored.

    python bench/stitched.py [--data DIR] [--pages N] [--seed S] [--html]

Builds N pages with `bench/stitch.py` from DIR/guardian2022 and DIR/ecbplus (default
`<repo>/../shared/data`; absent: the bench says it is skipped and exits 0), analyses each in process
(`newsdesk.read` → `Pipeline().analyze`), scores it with `../shared/eval/score_page.py` and prints
the mean of each facet over the pages where it applies, then the figures as one JSON line.

HTML pages (`--html`) are keyed against a block-per-line reading of the markup; the real reader
decides the text, so an anchor it does not find is skipped and counted (`anchors_skipped`), never
a crash. The pages' text comes from shared evaluation data and is never written into the repo.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, last_line, load_scorer, skip
from newsdesk.pipeline import Pipeline
from newsdesk.read import ReadConfig, page_from_html, page_from_text
from stitch import StitchedPage, build_pages, data_available, find_all

FACETS = ["noise_recall", "body_kept", "truncations_found", "boundaries_required", "boundary_precision",
          "story_origin"]
NOISE_LISTS = ("site_boilerplate", "link_residue", "teasers", "captions", "summary_bullets", "subheadings")


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


def run(data: Path, n: int, seed: int, html: bool) -> dict[str, Any]:
    scorer = load_scorer()
    if scorer is None:
        skip("stitched", "../shared/eval/score_page.py is absent")
    if not data_available(data):
        skip("stitched", f"no guardian2022/ecbplus data under {data}")
    assert scorer is not None
    started = time.perf_counter()
    drops: Counter[str] = Counter()
    pages = build_pages(data, n, seed, html_share=0.25 if html else 0.0, drops=drops)
    built = time.perf_counter() - started
    pipeline = Pipeline()
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
    seconds = time.perf_counter() - started
    n_html = sum(p.format == "html" for p in pages)
    print(f"stitched: {len(pages)} pages ({n_html} HTML) built from {data} with seed {seed} in {built:.1f}s; "
          f"{sum(drops.values())} attempts dropped" + "".join(f"; {c} {why}" for why, c in drops.most_common()))
    if skipped:
        print(f"stitched: {skipped} anchors not in the text as read were skipped (HTML reader's choices)")
    for line in failed:
        print(f"stitched: failed {line}", file=sys.stderr)
    means = {f: (round(sum(v) / len(v), 4) if v else None) for f, v in sums.items()}
    for f in FACETS:
        shown = "n/a" if means[f] is None else f"{means[f]:.3f}"
        print(f"{f:22s} {shown:>6s}   over {len(sums[f])} pages")
    return {"bench": "stitched", "pages": len(pages), "seed": seed, **means, "html_pages": n_html,
            "anchors_skipped": skipped, "dropped": sum(drops.values()), "failed": len(failed),
            "seconds": round(seconds, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding guardian2022/ and ecbplus/")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--html", action="store_true", help="make about a quarter of the pages HTML")
    args = ap.parse_args()
    last_line(run(args.data, args.pages, args.seed, args.html))


if __name__ == "__main__":
    main()
