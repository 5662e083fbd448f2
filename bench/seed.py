"""Analyse the seed page and score it against its answer key with ../shared/eval/score_page.py.

    python -m bench.seed [--data DIR] [--reference-date 2022-05-22]

DIR holds `page.txt` (or `page.html`) and `gold.json`, like ../shared/fixtures/seed (the default).
Prints one row per facet, then the figures as one JSON line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import SHARED, last_line, load_scorer, skip
from newsdesk.analysis.pipeline import Pipeline
from newsdesk.read.files import ReadConfig, page_from_bytes

#: The targets the founding issue sets for this page.
TARGETS = {"noise_recall": 0.95, "body_kept": 0.99, "truncations_found": 1.0, "boundaries_required": 1.0,
           "boundary_precision": 0.8, "story_origin": 1.0, "entity_mentions": 0.95, "variants_merged": 0.95,
           "places_located": 0.95, "quotes_found": 0.9, "quote_precision": 0.9, "speakers_right": 0.9,
           "claims_found": 0.9, "claim_values": 0.9, "times_normalised": 0.95, "events_found": 0.8}


def run(folder: Path, reference_date: dt.date | None) -> dict[str, object]:
    scorer = load_scorer()
    if scorer is None:
        skip("seed", "../shared/eval/score_page.py is absent")
    page_path = next((p for p in (folder / "page.txt", folder / "page.html") if p.is_file()), None)
    gold_path = folder / "gold.json"
    if page_path is None or not gold_path.is_file():
        skip("seed", f"{folder} has no page.txt/page.html and gold.json")
    assert scorer is not None and page_path is not None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if reference_date is None and gold.get("reference_date"):
        reference_date = dt.date.fromisoformat(gold["reference_date"])
    started = time.perf_counter()
    pipeline = Pipeline()
    page = page_from_bytes(str(page_path), page_path.read_bytes(), ReadConfig(reference_date=reference_date))
    analysis = pipeline.analyze(page).to_json()
    seconds = time.perf_counter() - started
    figures = scorer.score(gold, analysis["text"], analysis)
    return {"bench": "seed", "page": str(page_path), **figures, "seconds": round(seconds, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "fixtures" / "seed")
    ap.add_argument("--reference-date", type=dt.date.fromisoformat, default=None,
                    help="default: the key's reference_date")
    args = ap.parse_args()
    figures = run(args.data, args.reference_date)
    for key, value in figures.items():
        if isinstance(value, float):
            target = TARGETS.get(key)
            mark = "" if target is None else ("  ok" if value >= target else f"  below target {target}")
            print(f"{key:24s} {value:.3f}{mark}")
    last_line(figures)


if __name__ == "__main__":
    main()
