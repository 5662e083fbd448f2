"""Numeric claims: the finder scored on hand-written gold, and its cost and volume on real news text.

    python -m bench.claims [--data DIR] [--split dev] [--limit 300] [--bare] [--errors N]

**Gold** (`claims_gold.py`: invented sentences, every figure a fact-checker would quote). Each case is
read as one page by the whole pipeline (cleaning, entities, quotes: the finder sees what it sees in
production; `--bare` runs the finder alone, with no entities or quotes). A found claim matches a gold
figure when their spans overlap (each used once). Printed for the development part (`dev_*`), the
held-out part (`held_out_*`, never looked at while fixing) and both (no prefix):

* `found_recall` = matched gold figures / gold figures; `found_precision` = matched claims / claims
  found (a claim on a date, an age or a timestamp counts against it);
* among matched figures: `value_accuracy` (both bounds right, to 0.05), `unit_accuracy` (the unit, case
  and a plural "s" aside), `claimant_accuracy` (the claimant's words, case and a leading article aside;
  None must be None), `per_accuracy`, `kind_accuracy`.

`--errors N` lists the first N development-part mistakes (never held-out ones).

**Cost** — the finder alone on `--limit` articles of guardian2022 (`--data`, `--split`): pages and
characters per second, and claims per 1,000 characters (no gold there: cost and volume only). The
seed page's claim facets (`claims_found`, `claim_values`) are scored with the whole analysis by
`bench/seed.py`.

Prints one row per figure, then the figures as one JSON line. The cost part is skipped when the data is
absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.claims_gold import CASES, HELD_OUT, Case, Fig, Text
from bench.common import DATA, last_line
from newsdesk.analysis.claims.finder import ClaimFinder
from newsdesk.model import Claim, Story


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


Reader = Callable[[str], list[Claim]]


def pipeline_reader() -> Reader:
    """Each case as a page through the whole pipeline, so quotes and entities are the production ones."""
    from newsdesk.analysis.pipeline import Pipeline
    from newsdesk.read.files import ReadConfig, page_from_bytes

    pipeline, config = Pipeline(), ReadConfig()

    def read(text: str) -> list[Claim]:
        page = page_from_bytes("case.txt", text.encode("utf-8"), config, fmt="text")
        analysis = pipeline.analyze(page)
        if analysis.page.text != text:
            raise SystemExit(f"claims: the reader changed a gold case's text: {text!r}")
        return list(analysis.claims)

    return read


def bare_reader(finder: ClaimFinder) -> Reader:
    return lambda text: finder(text, [Story(0, len(text))], [], [], [])


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= max(0.05, 1e-9 * abs(b))


def _norm(words: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s+", " ", words.strip().lower()))


def _one_of(found: str | None, gold: Text | None, norm: Callable[[str], str]) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    options = (gold,) if isinstance(gold, str) else gold
    return norm(found) in {norm(g) for g in options}


def _unit_norm(unit: str) -> str:
    low = unit.strip().lower()
    return low[:-1] if low.endswith("s") and len(low) > 2 else low


def score_cases(cases: list[Case], read: Reader, errors: list[str] | None) -> dict[str, float]:
    gold_n = found_n = matched = 0
    right = {"value": 0, "unit": 0, "claimant": 0, "per": 0, "kind": 0}
    for case in cases:
        claims = read(case.text)
        found_n += len(claims)
        used: set[int] = set()
        cursor = 0
        for fig in case.figures:
            gold_n += 1
            start = case.text.index(fig.text, cursor)
            end = cursor = start + len(fig.text)
            hit = next((k for k, c in enumerate(claims) if k not in used and c.start < end and start < c.end), None)
            if hit is None:
                if errors is not None:
                    errors.append(f"missed  {fig.text!r} in {case.text!r}")
                continue
            used.add(hit)
            matched += 1
            claim = claims[hit]
            checks = _checks(claim, fig)
            for key, ok in checks.items():
                right[key] += ok
            if errors is not None and not all(checks.values()):
                wrong = ", ".join(k for k, ok in checks.items() if not ok)
                errors.append(f"wrong {wrong}: {fig.text!r} gave low={claim.low} high={claim.high} "
                              f"unit={claim.unit!r} per={claim.per!r} kind={claim.kind} "
                              f"claimant={claim.speaker_text!r} in {case.text!r}")
        if errors is not None:
            for k, c in enumerate(claims):
                if k not in used:
                    errors.append(f"extra   {case.text[c.start:c.end]!r} in {case.text!r}")
    figures = {"cases": float(len(cases)), "gold_figures": float(gold_n),
               "found_recall": round(matched / max(1, gold_n), 3),
               "found_precision": round(matched / max(1, found_n), 3)}
    for key, n in right.items():
        figures[f"{key}_accuracy"] = round(n / max(1, matched), 3)
    return figures


def _checks(claim: Claim, fig: Fig) -> dict[str, bool]:
    return {"value": _same_value(claim.low, fig.low) and _same_value(claim.high, fig.high),
            "unit": _one_of(claim.unit, fig.unit, _unit_norm),
            "claimant": _one_of(claim.speaker_text, fig.claimant, _norm),
            "per": claim.per == fig.per, "kind": claim.kind == fig.kind}


def gold_figures(read: Reader, show_errors: int) -> dict[str, Any]:
    errors: list[str] = []
    out: dict[str, Any] = {}
    parts = (("", CASES + HELD_OUT, None), ("dev_", CASES, errors), ("held_out_", HELD_OUT, None))
    for prefix, cases, errs in parts:
        for key, value in score_cases(cases, read, errs).items():
            out[prefix + key] = int(value) if key in {"cases", "gold_figures"} else value
    for line in errors[:show_errors]:
        print(line, file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA / "guardian2022")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--bare", action="store_true", help="the finder alone: no entities, quotes or cleaning")
    ap.add_argument("--errors", type=int, default=0, help="list the first N development-part mistakes")
    args = ap.parse_args()
    finder = ClaimFinder()
    figures: dict[str, Any] = {"bench": "claims", "reader": "bare" if args.bare else "pipeline"}
    figures.update(gold_figures(bare_reader(finder) if args.bare else pipeline_reader(), args.errors))
    if args.data.is_dir():
        figures.update(speed_figures(args.data, args.split, args.limit, finder))
    else:
        figures["speed"] = f"skipped: {args.data} is absent"
    for key, value in figures.items():
        if key != "bench":
            print(f"{key:24s} {value}")
    last_line(figures)


if __name__ == "__main__":
    main()
