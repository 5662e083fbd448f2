"""Numeric claims: the claim finder's cost and volume on real news text.

    python bench/claims.py [--data DIR] [--split dev] [--limit 300]

The finder alone on `--limit` articles of guardian2022 (`--data`, `--split`): pages and characters per
second, and claims per 1,000 characters. There is no claims gold for these articles, so this measures
cost and volume only, never precision or recall. The seed page's claim facets (`claims_found`,
`claim_values`) are scored with the whole analysis by `bench/seed.py`.

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
from common import DATA, last_line, skip
from newsdesk.claims import ClaimFinder


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
    ap.add_argument("--data", type=Path, default=DATA / "guardian2022")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    if not args.data.is_dir():
        skip("claims", f"{args.data} is absent")
    finder = ClaimFinder()
    figures: dict[str, Any] = {"bench": "claims"}
    figures.update(speed_figures(args.data, args.split, args.limit, finder))
    for key, value in figures.items():
        if key != "bench":
            print(f"{key:24s} {value}")
    last_line(figures)


if __name__ == "__main__":
    main()
