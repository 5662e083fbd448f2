"""The answer-key checker, and the hand-written keys in tests/pages it reads.

Like score_page's own self-test: an analysis built from a key scores 1 on every figure that applies,
an empty one scores 0. When ../shared/eval/score_page.py is present, the checker must also agree
with it figure for figure; without it, that comparison is skipped.
"""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests import keycheck as kc

PAGES = Path(__file__).resolve().parents[1] / "pages"
NAMES = sorted(p.name.removesuffix(".gold.json") for p in PAGES.glob("*.gold.json"))
SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score_page.py"
ZERO_WHEN_EMPTY = ("noise_recall", "truncations_found", "boundaries_required", "boundaries_topic", "story_origin")


def page_path(name: str) -> Path:
    found = [p for p in (PAGES / f"{name}.txt", PAGES / f"{name}.html") if p.is_file()]
    assert len(found) == 1, f"{name}: want exactly one of {name}.txt, {name}.html"
    return found[0]


def load(name: str) -> tuple[kc.Key, str]:
    return kc.load_key(PAGES / f"{name}.gold.json"), kc.page_text(page_path(name))


def test_every_page_has_a_key_and_a_line_in_the_readme() -> None:
    pages = sorted(p.name for p in PAGES.iterdir() if p.suffix in (".txt", ".html"))
    assert len(pages) == len(NAMES) >= 6
    readme = (PAGES / "README.md").read_text(encoding="utf-8")
    assert [p for p in pages if f"`{p}`" not in readme] == []


@pytest.mark.parametrize("name", NAMES)
def test_key_is_true_to_its_page(name: str) -> None:
    key, text = load(name)
    for story in key["stories"]:
        for anchor in (story["first"], story["last"]):
            assert len(kc.find_all(text, anchor)) == 1, f"story {story['id']}: {anchor!r} is not unique"
        for anchor in story.get("origin_evidence", []):
            assert kc.find_all(text, anchor), f"evidence {anchor!r} not in the page"
    for t in key["noise"]["truncations"]:
        assert len(kc.find_all(text, t["anchor"])) == 1, f"truncation {t['anchor']!r} is not unique"
    for facet in (*kc.NOISE, *kc.NEUTRAL):
        for anchor in key["noise"][facet]:
            assert kc.find_all(text, anchor), f"{facet}: {anchor!r} not in the page"
    spans = [kc.story_spans(key, text)[s["id"]] for s in key["stories"]]
    assert all(a[0] < a[1] <= b[0] for a, b in itertools.pairwise(spans)), "stories overlap or are out of order"
    ids = [s["id"] for s in key["stories"]]
    assert key["required_boundaries"] == [list(p) for p in itertools.pairwise(ids)]


@pytest.mark.parametrize("name", NAMES)
def test_key_scores_itself_perfectly(name: str) -> None:
    key, text = load(name)
    figures = kc.applicable(kc.check(key, text, kc.perfect(key, text)))
    assert "body_kept" in figures
    assert figures == {f: 1.0 for f in figures}


@pytest.mark.parametrize("name", NAMES)
def test_empty_analysis_scores_zero(name: str) -> None:
    key, text = load(name)
    figures = kc.check(key, text, {"text": text})
    assert all(figures[f] in (None, 0.0) for f in ZERO_WHEN_EMPTY), figures
    assert figures["body_kept"] == 1.0
    assert figures["boundary_precision"] is None


def _tiny() -> tuple[kc.Key, str]:
    text = ("Share this\n\nFIRST story starts here and runs on for a while, long enough that its middle lies "
            "well before its last forty characters. It ends now.\n\n"
            "Second story begins here and runs on too. The end.\n")
    key: kc.Key = {
        "stories": [{"id": "A", "first": "FIRST story", "last": "It ends now.", "origin": "AP",
                     "origin_aliases": ["Associated Press"], "origin_evidence": ["AP"]},
                    {"id": "B", "first": "Second story begins", "last": "The end.", "origin": None}],
        "required_boundaries": [["A", "B"]], "topic_boundaries": [],
        "noise": {"site_boilerplate": ["Share this"], "link_residue": [], "teasers": [], "duplicate_lines": [],
                  "captions": [], "summary_bullets": [], "subheadings": [], "truncations": []},
        "entities": [], "quotes": [], "claims": [], "times": [], "events": []}
    kc.validate(key)
    return key, text


def test_boundary_tolerance_and_origin_aliases() -> None:
    key, text = _tiny()
    b = text.index("Second")
    near = {"stories": [{"start": 0, "end": b - 39, "origin": "associated press"},
                        {"start": b - 39, "end": len(text), "origin": None}]}
    far = {"stories": [{"start": 0, "end": b - 45, "origin": "Reuters"}, {"start": b - 45, "end": len(text)}]}
    got_near, got_far = kc.check(key, text, near), kc.check(key, text, far)
    assert (got_near["boundaries_required"], got_near["boundary_precision"], got_near["story_origin"]) == (1, 1, 1)
    assert (got_far["boundaries_required"], got_far["boundary_precision"], got_far["story_origin"]) == (0, 0, 0)


def test_noise_needs_four_fifths_and_removed_body_costs() -> None:
    key, text = _tiny()
    s = text.index("Share this")
    short = kc.check(key, text, {"removed": [{"start": s, "end": s + 7}]})  # 7 of 10 characters
    enough = kc.check(key, text, {"removed": [{"start": s, "end": s + 8}]})
    greedy = kc.check(key, text, {"removed": [{"start": s, "end": text.index("It ends")}]})
    assert (short["noise_recall"], enough["noise_recall"], greedy["noise_recall"]) == (0, 1, 1)
    assert enough["body_kept"] == 1.0
    assert greedy["body_kept"] is not None and greedy["body_kept"] < 1.0


def test_invented_origin_is_reported() -> None:
    key, text = _tiny()
    b = text.index("Second")
    ana = {"stories": [{"start": 0, "end": b, "origin": "AP"}, {"start": b, "end": len(text), "origin": "AFP"}]}
    assert kc.invented_origins(key, text, ana) == ["B"]


def test_malformed_keys_are_refused() -> None:
    key, _ = _tiny()
    for broken in ({k: v for k, v in key.items() if k != "noise"},
                   {**key, "required_boundaries": [["A", "Z"]]},
                   {**key, "stories": [{**key["stories"][0], "origin_evidence": []}, key["stories"][1]]},
                   {**key, "noise": {**key["noise"], "truncations": [{"anchor": "It ends", "where": "middle"}]}}):
        with pytest.raises(kc.BadKey):
            kc.validate(broken)
    with pytest.raises(kc.BadKey):
        kc.find_one("some text", "absent anchor")


def test_html_view_keeps_blocks_and_drops_head() -> None:
    markup = ("<html><head><title>T</title><style>p {}</style></head><body><nav><a>Sign in</a></nav>"
              "<p>One &amp; two</p><ul><li>Bullet</li></ul><figure><figcaption>Cap</figcaption></figure></body></html>")
    assert kc.html_view(markup) == "Sign in\nOne & two\nBullet\nCap"


def _score_page() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_page", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _partial(key: kc.Key, text: str) -> dict[str, Any]:
    """Half right: every other noise span, truncation flags shifted, story starts off by 30 characters,
    the first story's origin wrong."""
    full = kc.perfect(key, text)
    stories = [{**s, "start": max(0, s["start"] - 30)} for s in full["stories"]]
    if stories:
        stories[0]["origin"] = "Nobody"
    return {"text": text, "removed": full["removed"][::2], "stories": stories,
            "flags": [{**f, "start": f["end"] + 1, "end": f["end"] + 5} for f in full["flags"]]}


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score_page.py is not beside the repo")
@pytest.mark.parametrize("name", NAMES)
def test_same_figures_as_score_page(name: str) -> None:
    scorer = _score_page()
    key, text = load(name)
    for ana in ({"text": text}, kc.perfect(key, text), _partial(key, text)):
        ours, theirs = kc.check(key, text, ana), scorer.score(key, text, ana)
        assert ours == {f: theirs[f] for f in kc.FIGURES}
