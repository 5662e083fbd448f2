"""Learn the weights of the splitter's soft cues (newsdesk.analysis.split.SplitConfig) from both page builders' pages.

    .venv/bin/python train/split/train_gaps.py [--data ../shared/data] [--pages 150] [--seed 2000]

The splitter cuts a page where its soft cues (topic change, a block that starts or ends cut off, a
heading, furniture in the gap; `Splitter.gap_cues`) add up to `cut_threshold`. Their weights were
set by hand on builder 1's pages; here they are fit: every gap between two kept blocks of pages built
by `bench/stitch.py` and `bench/stitch2.py` (its `dev` conventions only; seeds the benches do not use)
is an example, positive when a story of the page's answer key starts there. A logistic regression
over the cues gives weights w and a bias b; the splitter cuts where w·x >= -b, so the weights are
printed scaled by `cut_threshold / -b` to be used as they are. They are checked across builders (fit
on one, scored on the other, against the weights in use) before being fit on both. Prints its figures
last as one JSON line and writes nothing.

Result (`--pages 100`, with a sixth cue, "cut off above and a heading below", since dropped): the weights
fit on one builder did worse on the other than the hand-set ones (gap F1 .435 vs .467 fit on builder 1,
.511 vs .789 fit on builder 2; a heading's weight changes sign between builders), so the hand-set
weights stay: these cues alone do not carry across site conventions, and a fit to them is a fit to
one builder's habits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # the benches, a package
from bench import stitch, stitch2  # noqa: E402

from newsdesk.analysis.pipeline import Pipeline  # noqa: E402
from newsdesk.analysis.split import SplitConfig  # noqa: E402
from newsdesk.read.files import ReadConfig, page_from_html, page_from_text  # noqa: E402

CUES = ("topic", "cut_start", "cut_end", "heading", "furniture")
Example = tuple[list[float], int]


def page_examples(page: stitch.StitchedPage, pipeline: Pipeline) -> list[Example]:
    ref = page.gold.get("reference_date")
    config = ReadConfig(reference_date=dt.date.fromisoformat(ref) if ref else None)
    read = (page_from_html if page.format == "html" else page_from_text)(page.id, page.content, config)
    splitter = pipeline.splitter
    units = splitter._units(read, pipeline.cleaner(read))[0]
    cues = splitter.gap_cues(units)
    starts = []
    for story in page.gold["stories"][1:]:
        found = stitch.find_all(read.text, story["first"])
        if found:
            starts.append(found[0][0])
    out = []
    for i in range(1, len(units)):
        a = splitter._attach_headings(units, i)
        if a == 0:
            continue
        lo, hi = units[a - 1].end, units[i].start + 5
        out.append(([cues[i][c] for c in CUES], int(any(lo <= s <= hi for s in starts))))
    return out


def fit(examples: list[Example], c: float) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=1000, class_weight="balanced")
    model.fit([x for x, _ in examples], [y for _, y in examples])
    return [float(w) for w in model.coef_[0]], float(model.intercept_[0])


def scaled(weights: list[float], bias: float, threshold: float) -> list[float]:
    return [w * threshold / -bias for w in weights] if bias < 0 else weights


def gap_f1(examples: list[Example], weights: list[float], threshold: float) -> dict[str, float]:
    tp = fp = fn = 0
    for x, y in examples:
        cut = sum(w * v for w, v in zip(weights, x, strict=True)) >= threshold
        tp += cut and y
        fp += cut and not y
        fn += (not cut) and y
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(1e-9, p + r), 4)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--pages", type=int, default=150, help="pages per builder")
    ap.add_argument("--seed", type=int, default=2000)
    ap.add_argument("--c", type=float, default=1.0)
    a = ap.parse_args()
    started = time.perf_counter()
    pipeline = Pipeline()
    pages = {"1": stitch.build_pages(a.data, a.pages, a.seed, html_share=0.25),
             "2": stitch2.build_pages(a.data, a.pages, a.seed, html_share=0.25, split="dev")}
    examples = {b: [e for p in ps for e in page_examples(p, pipeline)] for b, ps in pages.items()}
    cfg = SplitConfig()
    in_use = [cfg.topic_weight, cfg.truncation_weight, cfg.cut_end_weight, cfg.heading_weight, cfg.furniture_weight]
    out: dict[str, Any] = {"bench": "train_gaps", "cues": list(CUES),
                           "gaps": {b: len(v) for b, v in examples.items()},
                           "boundaries": {b: sum(y for _, y in v) for b, v in examples.items()}}
    for train_b, test_b in (("1", "2"), ("2", "1")):
        w, b = fit(examples[train_b], a.c)
        learned = scaled(w, b, cfg.cut_threshold)
        out[f"{train_b}->{test_b}"] = {"learned": gap_f1(examples[test_b], learned, cfg.cut_threshold),
                                       "in_use": gap_f1(examples[test_b], in_use, cfg.cut_threshold),
                                       "weights": [round(x, 3) for x in learned]}
        print(f"fit on builder {train_b}, scored on {test_b}: {out[f'{train_b}->{test_b}']}", file=sys.stderr)
    w, b = fit(examples["1"] + examples["2"], a.c)
    out["weights"] = dict(zip(CUES, (round(x, 3) for x in scaled(w, b, cfg.cut_threshold)), strict=True))
    out["both"] = {"learned": gap_f1(examples["1"] + examples["2"], scaled(w, b, cfg.cut_threshold),
                                     cfg.cut_threshold),
                   "in_use": gap_f1(examples["1"] + examples["2"], in_use, cfg.cut_threshold)}
    out["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
