"""newsdesk on the hand-written stitched pages in tests/pages, scored by tests/keycheck.py.

Each page is read the way the CLI reads it, analysed, and its noise, flags and stories figures must
reach the floors below. HTML pages are keyed against their visible text; the reader may drop furniture
(nav, footer, a related link) before the cleaner sees it, and those anchors are skipped, but it must
keep every story's first and last words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.model import Page
from newsdesk.read.files import ReadConfig, page_from_html, page_from_text
from tests import keycheck as kc

PAGES = Path(__file__).resolve().parents[1] / "pages"
NAMES = sorted(p.name.removesuffix(".gold.json") for p in PAGES.glob("*.gold.json"))

#: Floors per figure, to be raised as the stages improve.
FLOORS = {"noise_recall": 0.85, "body_kept": 0.99, "truncations_found": 1.0, "boundaries_required": 1.0,
          "boundary_precision": 0.8, "story_origin": 1.0}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def read(name: str, key: kc.Key) -> Page:
    path = next(p for p in (PAGES / f"{name}.txt", PAGES / f"{name}.html") if p.is_file())
    ref = key.get("reference_date")
    config = ReadConfig(reference_date=dt.date.fromisoformat(ref) if ref else None)
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return page_from_html(str(path), raw, config)
    return page_from_text(str(path), raw, config)


@pytest.mark.parametrize("name", NAMES)
def test_page_reaches_the_floors(name: str, pipeline: Pipeline) -> None:
    key = kc.load_key(PAGES / f"{name}.gold.json")
    analysis = pipeline.analyze(read(name, key)).to_json()
    text = analysis["text"]
    fitted, lost = kc.fit(key, text)
    kept_words = {a for s in key["stories"] for a in (s["first"], s["last"])}
    kept_words |= {t["anchor"] for t in key["noise"]["truncations"]}
    assert not kept_words & set(lost), f"the reader lost article text: {sorted(kept_words & set(lost))}"
    figures = kc.applicable(kc.check(fitted, text, analysis))
    below = {f: round(v, 3) for f, v in figures.items() if f in FLOORS and v < FLOORS[f]}
    invented = kc.invented_origins(fitted, text, analysis)
    assert not below and not invented, f"below the floors: {below}; origin named without evidence: {invented}"
