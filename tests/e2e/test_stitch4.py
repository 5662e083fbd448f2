"""Builder 4 (bench/stitch4.py): its keys are true for its pages, and its two halves of conventions are disjoint.

Most tests build pages from invented articles (no shared data needed); the last one builds a few pages of
each split from the shared evaluation data and skips, saying why, when it is absent.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter
from pathlib import Path

import pytest
from bench import stitch4
from bench import stitch4_catalogue as cat
from bench.common import DATA, load_scorer
from bench.stitch import StitchedPage
from bench.stitch2 import Corpus, Source, Unit, check_key, find_all

FACETS = ("noise_recall", "body_kept", "truncations_found", "boundaries_required", "boundary_precision",
          "story_origin")
VILLAGES = ["Aldwick", "Barrowby", "Cresswold", "Dunstable Cross", "Eastwold", "Farleigh", "Gorsemoor", "Holmbury"]
SUBJECTS = ["a ferry timetable", "the school roof", "a new cycle lane", "the harbour wall", "street lighting",
            "a library merger"]


def _invented_source(i: int, event: str) -> Source:
    """An invented report of eight sentences in three paragraphs, its words unlike every other invented report."""
    village, subject = VILLAGES[i % len(VILLAGES)], SUBJECTS[i % len(SUBJECTS)]
    sentences = [
        f"Parish officers in {village} agreed on Monday evening to spend {i + 5} thousand pounds on {subject}.",
        f"The decision on {subject} for {village} followed a long consultation that began in 20{10 + i}.",
        f"Several residents of {village} said at the packed meeting that {subject} had been neglected for years.",
        f"A clerk for the {village} parish office confirmed that the works on {subject} would take {i + 6} weeks.",
        f"Critics in {village} warned that the cost of {subject} could rise by {i + 2} percent before the autumn.",
        f"The chair of the {village} committee promised a public report on {subject} before the end of {2031 + i}.",
        f"Shops near {subject} in {village} expect fewer customers while the contractors are on site every day.",
        f"The next meeting of the {village} parish council about {subject} is planned for the {i + 3}th of June.",
    ]
    units = [Unit(s, k in (0, 3, 6)) for k, s in enumerate(sentences)]
    return Source(f"invented:{i}", f"t{i % 4}", event, f"{village} settles the question of {subject} at last {i}",
                  dt.date(2022, 4, 1 + i), units, None, None, f"Volunteers in {village} during the survey {i}")


def _invented_corpus() -> Corpus:
    sources = [_invented_source(i, f"ev{i // 2}") for i in range(8)]  # pairs of reports of one event
    corpus = Corpus(sources[:2], sources[2:])
    for s in sources[2:]:
        corpus.by_event.setdefault(s.event, []).append(s)
    corpus.titles = [f"Invented teaser about {s} near {v}" for s in SUBJECTS for v in VILLAGES[:3]]
    return corpus


def _pages(split: str, n: int, html_share: float) -> list[StitchedPage]:
    corpus, rng = _invented_corpus(), random.Random(f"t4:{split}")
    pages: list[StitchedPage] = []
    for _ in range(40 * n):
        if len(pages) >= n:
            break
        page_rng = random.Random(rng.getrandbits(64))
        try:
            pages.append(stitch4.build_page(page_rng, split, corpus, f"t{len(pages)}", page_rng.random() < html_share))
        except stitch4.Drop:
            continue
    assert len(pages) == n, "too many attempts dropped"
    return pages


def _missing_anchors(page: StitchedPage) -> list[str]:
    """Every anchor of the key that the page's text does not hold (empty when the key is true)."""
    g, text = page.gold, page.text
    anchors = [a for s in g["stories"] for a in (s["first"], s["last"], *s["origin_evidence"])]
    anchors += [a for k in ("site_boilerplate", "link_residue", "teasers", "captions") for a in g["noise"][k]]
    anchors += [t["anchor"] for t in g["noise"]["truncations"]]
    return [a for a in anchors if not find_all(text, a)]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_keys_of_invented_pages_are_true(split: str) -> None:
    pages = _pages(split, 16, html_share=0.4)
    assert {p.format for p in pages} == {"text", "html"}
    for page in pages:
        assert _missing_anchors(page) == [], page.id
        assert check_key(page) == [], page.id
        for s in page.gold["stories"]:
            assert len(find_all(page.text, s["first"])) == 1 and len(find_all(page.text, s["last"])) == 1


def test_halves_of_every_family_are_disjoint_and_test_variants_stay_off_dev_pages() -> None:
    assert cat.overlapping_families() == []
    held_out = {v for fam in cat.families().values() for v in cat.half(fam, "test") if "{" not in v and len(v) > 8}
    for page in _pages("dev", 20, html_share=0.0):
        assert not [v for v in held_out if v in page.text], page.id


def test_origins_are_named_by_their_evidence_and_unknown_without_it() -> None:
    stories = [s for p in _pages("dev", 30, 0.0) for s in p.gold["stories"]]
    named = [s for s in stories if s["origin"]]
    assert named and len(named) < len(stories)  # some stories carry no credit: origin null
    for s in named:
        names = [s["origin"].lower(), *(a.lower() for a in s["origin_aliases"])]
        assert s["origin_evidence"] and all(any(n in e.lower() for n in names) for e in s["origin_evidence"])
    assert all(s["origin_evidence"] == [] for s in stories if not s["origin"])


def test_credits_sit_above_below_or_inside_a_caption_and_photo_credits_are_not_evidence() -> None:
    places: Counter[str] = Counter()
    for page in _pages("test", 40, 0.0):
        text, noise = page.text, page.gold["noise"]
        for s in page.gold["stories"]:
            start, end = find_all(text, s["first"])[0][0], find_all(text, s["last"])[0][1]
            for e in s["origin_evidence"]:
                at = find_all(text, e)[0][0]
                where = "caption" if e in noise["captions"] else "top" if at < start else "foot" if at > end else "?"
                places[where] += 1
            for caption in noise["captions"]:  # a photo credited to another outlet never names the origin
                if caption not in s["origin_evidence"] and s["origin"]:
                    assert s["origin"].lower() not in caption.lower()
        assert set(noise["credits"]) <= set(noise["site_boilerplate"])
    assert places["top"] and places["foot"] and places["caption"] and not places["?"]


def test_same_event_reports_stand_side_by_side_more_often_than_by_chance() -> None:
    def event(key: str) -> int | None:  # invented:2..7 are ecb reports, two per event
        number = int(key.split(":")[1])
        return number // 2 if number >= 2 else None

    pages = [p for p in _pages("dev", 30, 0.0) if len(p.sources) >= 2]
    side_by_side = [p for p in pages if any(event(a) is not None and event(a) == event(b)
                                            for a, b in itertools.pairwise(p.sources))]
    assert len(side_by_side) >= 0.45 * len(pages)  # drawn at random, about a quarter of pages would have a pair


def test_cuts_stop_or_enter_mid_sentence() -> None:
    para = "The bridge over the Wendle river was closed on Friday after engineers found a long crack in its deck."
    rng = random.Random(3)
    ended = stitch4.cut_end(rng, para)
    assert ended and para.startswith(ended.rstrip(".…")) and not ended.endswith(" deck.")
    entered = stitch4.cut_start(rng, para)
    assert entered and para.endswith(entered) and not entered.startswith("The bridge")
    assert stitch4.cut_end(rng, "Too short to cut.") is None


def test_invented_outlets_differ_between_halves_and_agencies_carry_a_code() -> None:
    rng = random.Random(5)
    dev = [stitch4.invented_outlet(rng, "dev", set()) for _ in range(60)]
    test = [stitch4.invented_outlet(rng, "test", set()) for _ in range(60)]
    assert not {o.name for o in dev} & {o.name for o in test}
    for o in dev + test:
        assert o.domain in o.aliases
        if o.shape == "agency":
            assert o.code and o.code in o.aliases and o.code == "".join(w[0] for w in o.name.split())
    assert len({o.shape for o in dev}) >= 4
    stem = next(s for s in cat.half(cat.STEMS, "dev") if s in dev[0].name)
    assert all(stem not in stitch4.invented_outlet(rng, "dev", {dev[0].name}).name for _ in range(30))


def test_a_perfect_analysis_scores_one() -> None:
    scorer = load_scorer()
    if scorer is None:
        pytest.skip("../shared/eval/score_page.py is absent")
    for page in _pages("dev", 8, 0.3):
        figures = scorer.score(page.gold, page.text, stitch4.perfect_analysis(page))
        assert all(figures[f] in (None, 1.0) for f in FACETS), (page.id, figures)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_pages_from_the_shared_articles(split: str) -> None:
    if not (Path(DATA) / "guardian2022").is_dir():
        pytest.skip(f"shared data absent under {DATA}")
    drops: Counter[str] = Counter()
    pages = stitch4.build_pages(DATA, 6, 11, html_share=0.3, drops=drops, split=split)
    assert len(pages) == 6 and sum(drops.values()) < 60
    for page in pages:
        assert check_key(page) == [] and _missing_anchors(page) == [], page.id
        assert page.gold["site_kind"] in cat.KINDS
