"""Learn the cleaner's line model (newsdesk.analysis.line_model) from both page builders' pages.

    .venv/bin/python train/lines/train_lines.py [--data ../shared/data] [--pages 300] [--seed 1000]
                                                [--out src/newsdesk/models/lines] [--check-only]
                                                [--builders 12|123] [--drop w=,b=] [--threshold T]

`--builders 123` adds builder 3 (`bench/stitch3.py`, its `dev` half) as a third source, so the
cross-builder check holds each of three builders out in turn; `--drop` leaves feature families out
(`w=,b=,w01=,wl=,w0=`: every feature naming a word, for a model of shapes and places alone).
The shipped table is the default (builders 1 and 2, all features).

Pages come from `bench/stitch.py` (builder 1) and `bench/stitch2.py` (builder 2, its `dev` half of
conventions only: the `test` half stays unseen, for `python -m bench.stitched --split test`), built with
seeds the benches do not use. Each page is read as newsdesk reads it (text or HTML) and cut into the
cleaner's blocks (`clean.page_blocks`); a block is labelled by the page's answer key: a credit line,
site furniture, link residue, teaser or caption when a key anchor of that list covers most of it,
body when it lies inside a story, and left out otherwise (a page title outside every story).

Choosing without looking at held-out conventions: the regularisation and the acting threshold are
chosen across builders (fit on one builder's pages, scored on the other's), which asks the question
the model is for — does it find furniture phrased as nobody showed it? The threshold is the least
probability at which no more than `--max-body-loss` of the other builder's body blocks would be
removed; the final model is then fit on both builders' pages. Prints the figures last as one JSON line.

Why logistic regression on hand-named features and not a neural line tagger: the evidence that
separates furniture from text on a page (length, punctuation, place, repetition, second-person
address, separators) is few and discrete; a linear model over it trains in seconds, is
deterministic, reads as a table of weights, and ships as JSON without a runtime dependency.
The table holds feature names and weights, no text of the data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # the benches, a package
from bench import stitch, stitch2, stitch3  # noqa: E402

from newsdesk.analysis.clean import CleanConfig, Cleaner  # noqa: E402
from newsdesk.analysis.line_model import CLASSES, folded_counts, line_features  # noqa: E402
from newsdesk.analysis.line_shapes import line_views, page_blocks  # noqa: E402
from newsdesk.errors import ReadError  # noqa: E402
from newsdesk.read.files import ReadConfig, page_from_bytes, page_from_html, page_from_text  # noqa: E402

Example = tuple[list[str], int, bool]  # features, class, whether the cleaner's rules already remove it
#: The key's noise lists and the class each stands for; credits first, since they are also furniture.
KEY_LISTS = (("credits", "credit"), ("site_boilerplate", "boilerplate"), ("link_residue", "link_residue"),
             ("teasers", "teaser"), ("captions", "caption"))


def page_examples(page: stitch.StitchedPage) -> list[Example]:
    ref = page.gold.get("reference_date")
    config = ReadConfig(reference_date=dt.date.fromisoformat(ref) if ref else None)
    read = (page_from_html if page.format == "html" else page_from_text)(page.id, page.content, config)
    text = read.text
    blocks = page_blocks(read)
    views = line_views(blocks)
    counts = folded_counts(views)
    # What the rules alone make of each block: the model is judged on what they leave.
    ruled = Cleaner(CleanConfig(line_model=None))(read)
    removed = [(r.start, r.end) for r in ruled.removed]
    noise: list[tuple[int, int, str]] = []
    for key, label in KEY_LISTS:
        for anchor in page.gold["noise"].get(key, []):
            noise.extend((s, e, label) for s, e in stitch.find_all(text, anchor))
    stories = []
    for story in page.gold["stories"]:
        first, last = stitch.find_all(text, story["first"]), stitch.find_all(text, story["last"])
        if first and last:
            stories.append((first[0][0], last[0][1]))
    out: list[Example] = []
    for i, b in enumerate(blocks):
        label = None
        for s, e, kind in noise:
            if min(e, b.end) - max(s, b.start) >= 0.8 * (b.end - b.start):
                label = kind
                break
        if label is None and any(s <= b.start and b.end <= e for s, e in stories):
            label = "body"
        if label is not None:
            by_rules = sum(max(0, min(e, b.end) - max(s, b.start)) for s, e in removed) >= 0.8 * (b.end - b.start)
            out.append((line_features(views, i, counts), CLASSES.index(label), by_rules))
    return out


def aeb_examples(data: Path, half: int) -> list[list[Example]]:
    """Real pages: the Article Extraction Benchmark's pages (`data/aeb`), one half of them by sorted id
    (`half` 0 for training, 1 for checking). A block is body when its words are in the hand-checked
    article body, furniture otherwise; blocks before the body's first block (headline, byline, dateline:
    AEB's body leaves them out, newsdesk keeps them) and blocks the reader marked as headings take no part."""
    import gzip
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    folder = data / "aeb"
    gold_path = folder / "ground-truth.json"
    if not gold_path.is_file():
        print(f"no AEB data at {folder}: real pages take no part", file=sys.stderr)
        return []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))

    def words(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    out: list[list[Example]] = []
    for k, path in enumerate(sorted((folder / "html").glob("*.html.gz"))):
        page_id = path.name.split(".")[0]
        if k % 2 != half or page_id not in gold:
            continue
        body = words(gold[page_id]["articleBody"])
        try:
            read = page_from_bytes(page_id, gzip.decompress(path.read_bytes()), ReadConfig())
        except ReadError as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            continue
        blocks = page_blocks(read)
        views = line_views(blocks)
        counts = folded_counts(views)
        ruled = Cleaner(CleanConfig(line_model=None))(read)
        removed = [(r.start, r.end) for r in ruled.removed]
        in_body = [bool(words(read.text[b.start:b.end])) and words(read.text[b.start:b.end]) in body for b in blocks]
        if True not in in_body:
            continue
        examples: list[Example] = []
        for i, b in enumerate(blocks):
            if i < in_body.index(True) or not words(read.text[b.start:b.end]) or views[i].hint == "heading":
                continue
            by_rules = sum(max(0, min(e, b.end) - max(s, b.start)) for s, e in removed) >= 0.8 * (b.end - b.start)
            label = "body" if in_body[i] else "boilerplate"
            examples.append((line_features(views, i, counts), CLASSES.index(label), by_rules))
        out.append(examples)
    return out


def build(data: Path, n: int, seed: int, builders: str = "12") -> dict[str, list[list[Example]]]:
    """Each builder's pages, as labelled blocks (builders 2 and 3: their `dev` half of conventions only)."""
    makers = {"1": lambda: stitch.build_pages(data, n, seed, html_share=0.25),
              "2": lambda: stitch2.build_pages(data, n, seed, html_share=0.25, split="dev"),
              "3": lambda: stitch3.build_pages(data, n, seed, html_share=0.25, split="dev")}
    pages = {b: makers[b]() for b in builders}
    return {b: [page_examples(p) for p in ps] for b, ps in pages.items()}


def fit(examples: list[Example], c: float) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f, _, _ in examples])
    y = [label for _, label, _ in examples]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    return vec, model


def score(vec: Any, model: Any, examples: list[Example], threshold: float) -> dict[str, float]:
    """At `threshold`: the share of the furniture the rules miss that the model finds, and the share of
    body blocks (left as body by the rules) it would remove."""
    probs = model.predict_proba(vec.transform([dict.fromkeys(f, 1) for f, _, _ in examples]))
    body = [k for k, (_, y, ruled) in enumerate(examples) if y == 0 and not ruled]
    noise = [k for k, (_, y, ruled) in enumerate(examples) if y != 0 and not ruled]
    cls = list(model.classes_)

    def removed(k: int) -> bool:
        best = int(probs[k].argmax())
        return cls[best] != 0 and probs[k][best] >= threshold

    return {"noise_recall": round(sum(removed(k) for k in noise) / max(1, len(noise)), 4),
            "body_loss": round(sum(removed(k) for k in body) / max(1, len(body)), 5),
            "missed_by_rules": len(noise), "body_blocks": len(body)}


def threshold_for(vec: Any, model: Any, examples: list[Example], max_loss: float) -> float:
    for t in [x / 100 for x in range(50, 100)]:
        if score(vec, model, examples, t)["body_loss"] <= max_loss:
            return t
    return 0.99


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--pages", type=int, default=300, help="pages per builder")
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=REPO / "src" / "newsdesk" / "models" / "lines")
    ap.add_argument("--max-body-loss", type=float, default=0.002)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--drop", default="", help="comma-separated feature prefixes to leave out (ablation)")
    ap.add_argument("--builders", default="12", help="which page builders' pages to learn from (1, 2, 3: dev halves)")
    ap.add_argument("--threshold", type=float, default=None,
                    help="the acting threshold to ship (default: the largest chosen across builders)")
    ap.add_argument("--real-pages", action="store_true",
                    help="also learn from half of the AEB pages (real sites' furniture); the other half checks")
    ap.add_argument("--check-only", action="store_true", help="print the cross-builder figures, write nothing")
    a = ap.parse_args()
    started = time.perf_counter()
    pages = build(a.data, a.pages, a.seed, a.builders)
    drop = tuple(x for x in a.drop.split(",") if x)
    flat = {b: [([f for f in feats if not f.startswith(drop)] if drop else feats, y, r)
                for p in ps for feats, y, r in p] for b, ps in pages.items()}
    print("examples: " + ", ".join(f"builder {b}: {len(v)} ({Counter(CLASSES[y] for _, y, _ in v)})"
                                     for b, v in flat.items()), file=sys.stderr)
    if a.real_pages:
        flat["aeb"] = [x for p in aeb_examples(a.data, 0) for x in p]
        check = [x for p in aeb_examples(a.data, 1) for x in p]
        print(f"real pages: {len(flat['aeb'])} blocks to fit, {len(check)} to check", file=sys.stderr)
    sources = list(flat)
    # Each pair fits on every source but one and scores on the one left out: furniture phrased as the
    # fitted sources never phrased it. With real pages, the checking half of them is scored too.
    pairs = [([b for b in sources if b != held], held) for held in sources]
    results: dict[str, Any] = {}
    best_c, best_recall, thresholds = 1.0, -1.0, []
    for c in (0.1, 0.3, 1.0):
        recalls, chosen = [], []
        for fit_on, held in pairs:
            vec, model = fit([x for b in fit_on for x in flat[b]], c)
            t = threshold_for(vec, model, flat[held], a.max_body_loss)
            figures = score(vec, model, flat[held], t)
            results[f"C={c} {'+'.join(fit_on)}->{held}"] = {**figures, "threshold": t}
            recalls.append(float(figures["noise_recall"]))
            chosen.append(t)
            print(f"C={c} fit on {'+'.join(fit_on)}, scored on {held}: threshold {t} {figures}", file=sys.stderr)
        if a.real_pages and check:
            vec, model = fit([x for b in sources for x in flat[b]], c)
            t = threshold_for(vec, model, check, a.max_body_loss)
            figures = score(vec, model, check, t)
            results[f"C={c} all->aeb-check"] = {**figures, "threshold": t}
            print(f"C={c} fit on all, scored on the real pages' checking half: threshold {t} {figures}",
                  file=sys.stderr)
        if sum(recalls) > best_recall:
            best_c, best_recall, thresholds = c, sum(recalls), chosen
    threshold = max(thresholds) if a.threshold is None else a.threshold
    out: dict[str, Any] = {"bench": "train_lines", "C": best_c, "threshold": threshold, "cross": results}
    if not a.check_only:
        every = [x for b in sources for x in flat[b]]
        seen = Counter(f for feats, _, _ in every for f in set(feats))
        kept = [([f for f in feats if seen[f] >= a.min_count], y, r) for feats, y, r in every]
        vec, model = fit(kept, best_c)
        names = vec.get_feature_names_out()
        index = [list(model.classes_).index(k) if k in model.classes_ else None for k in range(len(CLASSES))]
        weights = {}
        for j, name in enumerate(names):
            row = [0.0 if k is None else round(float(model.coef_[k][j]), 4) for k in index]
            if any(abs(w) >= 1e-3 for w in row):
                weights[str(name).removesuffix("=1")] = row
        bias = [-30.0 if k is None else round(float(model.intercept_[k]), 4) for k in index]
        a.out.mkdir(parents=True, exist_ok=True)
        table = {"classes": list(CLASSES), "threshold": threshold, "bias": bias, "weights": weights,
                 "trained": {"pages_per_builder": a.pages, "seed": a.seed, "C": best_c, "examples": len(kept)}}
        (a.out / "lines.json").write_text(json.dumps(table, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        out["features"] = len(weights)
        out["wrote"] = str(a.out / "lines.json")
    out["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
