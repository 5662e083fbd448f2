"""Numeric claims: the seed page's claim facets, and the finder's speed on real news text.

    python bench/claims.py [--seed DIR] [--data DIR] [--split dev] [--limit 300]

Two honest measures, nothing more:

* **seed** — the seed page (`--seed`, default ../shared/fixtures/seed) is analysed by the pipeline,
  the claim finder runs on the analysis (text, stories, removed spans, quotes, entities: the
  pipeline's own claims are used instead once it produces them) and `score_page.py` scores the
  `claims_found` and `claim_values` facets. Three claims: a smoke test, not an accuracy estimate.
* **speed** — the finder alone on `--limit` articles of guardian2022 (`--data`, `--split`): pages
  and characters per second, and claims per 1,000 characters. There is no claims gold for these
  articles, so this measures cost and volume only, never precision or recall.

Prints one row per figure, then the figures as one JSON line. Skips (exit 0) when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, SHARED, last_line, load_scorer, skip
from newsdesk.claims import ClaimFinder
from newsdesk.pipeline import Pipeline
from newsdesk.read import ReadConfig, page_from_bytes


def seed_figures(folder: Path, finder: ClaimFinder) -> dict[str, Any]:
    scorer = load_scorer()
    page_path = folder / "page.txt"
    gold_path = folder / "gold.json"
    if scorer is None or not page_path.is_file() or not gold_path.is_file():
        return {"seed": "skipped: no scorer, page.txt or gold.json"}
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    page = page_from_bytes(str(page_path), page_path.read_bytes(), ReadConfig())
    analysis = Pipeline().analyze(page)
    claims = list(analysis.claims) or finder(page.text, analysis.stories, analysis.cleaning.removed,
                                              analysis.quotes, analysis.entities)
    data = analysis.to_json()
    data["claims"] = [c.to_json() for c in claims]
    scored = scorer.score(gold, data["text"], data)
    return {"seed_claims_found": scored["claims_found"], "seed_claim_values": scored["claim_values"],
            "seed_claims": len(claims)}


def speed_figures(folder: Path, split: str, limit: int, finder: ClaimFinder) -> dict[str, Any]:
    path = folder / f"articles_{split}.jsonl"
    if not path.is_file():
        return {"speed": f"skipped: {path} is absent"}
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(texts) >= limit:
                break
            text = json.loads(line).get("text") or ""
            if text:
                texts.append(text)
    started = time.perf_counter()
    found = sum(len(finder(text, [], [], [], [])) for text in texts)
    seconds = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    return {"speed_pages": len(texts), "speed_pages_per_s": round(len(texts) / max(seconds, 1e-9), 1),
            "speed_kchars_per_s": round(chars / 1000 / max(seconds, 1e-9), 1),
            "claims_per_kchar": round(found / max(1, chars) * 1000, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=Path, default=SHARED / "fixtures" / "seed")
    ap.add_argument("--data", type=Path, default=DATA / "guardian2022")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    if not args.seed.is_dir() and not args.data.is_dir():
        skip("claims", f"neither {args.seed} nor {args.data} exists")
    finder = ClaimFinder()
    figures: dict[str, Any] = {"bench": "claims"}
    figures.update(seed_figures(args.seed, finder))
    figures.update(speed_figures(args.data, args.split, args.limit, finder))
    for key, value in figures.items():
        if key != "bench":
            print(f"{key:24s} {value}")
    last_line(figures)


if __name__ == "__main__":
    main()
