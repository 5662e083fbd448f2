"""Builder 3 (bench/stitch3.py): its keys are true for its pages, and its two halves of conventions are disjoint.

The first tests build pages from invented articles (no shared data needed); the last ones build a few pages
of each split from the shared evaluation data and skip, saying why, when it is absent.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bench import stitch3
from bench import stitch3_catalogue as cat
from bench.common import DATA, load_scorer
from bench.stitch import StitchedPage
from bench.stitch2 import Corpus, Source, Unit, check_key, find_all

FACETS = ("noise_recall", "body_kept", "truncations_found", "boundaries_required", "boundary_precision",
          "story_origin")
TOWNS = ["Aldermoor", "Brackenfield", "Corriston", "Dunhallow", "Elsworth", "Fenmarch", "Glenbury", "Harrowgate"]
TOPICS = ["bridge repairs", "school meals", "harbour dredging", "library hours", "bus routes", "flood barriers"]


def _invented_source(i: int) -> Source:
    """An invented report of six sentences whose words differ from every other invented report."""
    town, topic = TOWNS[i % len(TOWNS)], TOPICS[i % len(TOPICS)]
    sentences = [
        f"Councillors in {town} voted {i + 3} to {i + 1} on Tuesday to approve new spending on {topic}.",
        f"The plan for {topic} in {town} had been delayed twice since the spring of 20{10 + i}.",
        f"Residents of {town} told a public meeting that {topic} mattered more than any other local issue.",
        f"A spokesperson for the {town} district office said work on {topic} would begin within {i + 4} weeks.",
        f"Opposition members in {town} argued the {topic} budget of {i + 2} million was far too small.",
        f"The next review of {topic} spending in {town} is expected before the end of the year {2030 + i}.",
    ]
    units = [Unit(s, k in (0, 2, 4)) for k, s in enumerate(sentences)]
    return Source(f"invented:{i}", f"t{i % 3}", f"t{i % 3}ecb", f"{town} approves {topic} plan number {i}",
                  dt.date(2022, 3, 1 + i), units, None, None)


def _invented_corpus() -> Corpus:
    sources = [_invented_source(i) for i in range(8)]
    corpus = Corpus(sources[:4], sources[4:])
    for s in sources[4:]:
        corpus.by_event.setdefault(s.event, []).append(s)
    corpus.titles = [f"Invented teaser headline about {t} in {w}" for t in TOPICS for w in TOWNS[:3]]
    return corpus


def _pages(split: str, n: int, html_share: float) -> list[StitchedPage]:
    corpus, rng = _invented_corpus(), random.Random(f"t:{split}")
    pages: list[StitchedPage] = []
    while len(pages) < n:
        page_rng = random.Random(rng.getrandbits(64))
        try:
            pages.append(stitch3.build_page(page_rng, split, corpus, f"t{len(pages)}", page_rng.random() < html_share))
        except stitch3.Drop:
            continue
    return pages


def _anchors_on_page(page: StitchedPage) -> list[str]:
    """Every anchor of the key that the page's text does not hold (empty when the key is true)."""
    g, text = page.gold, page.text
    anchors = [a for s in g["stories"] for a in (s["first"], s["last"], *s["origin_evidence"])]
    anchors += [a for k in ("site_boilerplate", "link_residue", "teasers", "captions") for a in g["noise"][k]]
    anchors += [t["anchor"] for t in g["noise"]["truncations"]]
    return [a for a in anchors if not find_all(text, a)]


def _variants(split: str) -> set[str]:
    """Literal (template-free) lines of one half of the catalogue, to look for on the other half's pages."""
    fams = [cat.SITES, cat.SEPARATORS, cat.LIST_HEADS, cat.PAYWALLS, cat.COOKIES]
    fams += [cat.HEADERS[k] for k in cat.KINDS] + [cat.AFTER[k] for k in cat.KINDS]
    return {v for f in fams for v in cat.half(f, split) if "{" not in v and len(v) > 8}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_keys_of_invented_pages_are_true(split: str) -> None:
    for page in _pages(split, 12, html_share=0.4):
        assert _anchors_on_page(page) == [], page.id
        assert check_key(page) == [], page.id
        for s in page.gold["stories"]:
            assert len(find_all(page.text, s["first"])) == 1 and len(find_all(page.text, s["last"])) == 1


def test_origins_are_named_by_their_evidence_and_unknown_without_it() -> None:
    stories = [s for p in _pages("dev", 30, 0.0) for s in p.gold["stories"]]
    named = [s for s in stories if s["origin"]]
    assert named and len(named) < len(stories)  # some stories carry no credit: origin null
    for s in named:
        names = [s["origin"].lower(), *(a.lower() for a in s["origin_aliases"])]
        assert s["origin_evidence"] and all(any(n in e.lower() for n in names) for e in s["origin_evidence"])
    assert all(s["origin_evidence"] == [] for s in stories if not s["origin"])


def test_photo_credits_and_site_copyright_are_noise_not_evidence() -> None:
    pages = _pages("dev", 30, 0.0)
    captions = [c for p in pages for c in p.gold["noise"]["captions"]]
    assert captions, "no page had a captioned photo"
    for p in pages:
        evidence = {e for s in p.gold["stories"] for e in s["origin_evidence"]}
        assert not evidence & set(p.gold["noise"]["captions"])
        own = [ln for ln in p.gold["noise"]["site_boilerplate"] if ln.startswith(("© ", "Copyright "))
               and any(site in ln for site in cat.half(cat.SITES, "dev"))]
        assert not evidence & set(own)


def test_datelines_stay_in_the_story_and_name_the_agency() -> None:
    seen = 0
    for p in _pages("test", 40, 0.0):
        for s in p.gold["stories"]:
            agency = next((o for o in cat.AGENCIES[1] if o.name == s["origin"]), None)
            if agency is None or not any(f"({a})" in s["first"] for a in (*agency.aliases, agency.name)):
                continue
            seen += 1
            assert s["first"] not in p.gold["noise"]["site_boilerplate"]
            assert any(s["first"].startswith(e.split("(")[0].strip()) for e in s["origin_evidence"])
    assert seen, "no agency dateline in 40 test pages"


def test_truncated_ends_are_cut_mid_sentence() -> None:
    paragraph = ("The ferry service between the two islands will resume on Monday after repairs to the pier "
                 "were finished ahead of schedule by a team of twelve engineers.")
    cut = stitch3.cut_end(random.Random(3), paragraph)
    assert cut is not None and len(cut) < len(paragraph) and paragraph.startswith(cut.rstrip("…. "))


def test_the_halves_of_every_family_are_disjoint_and_pages_keep_to_theirs() -> None:
    assert cat.overlapping_variants() == []
    halves = cat.catalogue_halves()
    assert all(dev > 0 and test > 0 for dev, test in halves.values())
    for split, other in (("dev", "test"), ("test", "dev")):
        foreign = _variants(other)
        for page in _pages(split, 15, 0.3):
            lines = set(page.text.splitlines())
            assert not lines & foreign, (split, sorted(lines & foreign)[:3])


def test_html_pages_use_the_split_themes_and_keep_a_line_per_block() -> None:
    pages = _pages("dev", 20, 1.0)
    assert all(p.format == "html" for p in pages)
    themes: Counter[str] = Counter("article" if "<article>" in p.content else "div" for p in pages)
    assert set(themes) == {"article", "div"}
    for p in pages:
        for s in p.gold["stories"]:
            assert any(s["first"] in ln for ln in p.text.splitlines())


# ---------------------------------------------------------------- on the shared data
def _shared() -> Path:
    if not (DATA / "guardian2022").is_dir() or not stitch3.data_available(DATA):
        pytest.skip(f"shared data absent: {DATA} or its guardian2022/ecbplus folders are missing")
    return DATA


def _perfect_scores(page: StitchedPage, scorer: Any) -> dict[str, Any]:
    figures: dict[str, Any] = scorer.score(page.gold, page.text, stitch3.perfect_analysis(page))
    return figures


@pytest.mark.parametrize("split", ["dev", "test"])
def test_pages_from_shared_data_have_true_keys_and_perfect_scores(split: str) -> None:
    data = _shared()
    scorer = load_scorer()
    if scorer is None:
        pytest.skip("the shared scorer (../shared/eval/score_page.py) is absent")
    pages = stitch3.build_pages(data, 8, seed=11, html_share=0.3, split=split)
    assert len(pages) == 8
    for page in pages:
        assert _anchors_on_page(page) == [], page.id
        assert check_key(page) == [], page.id
        figures = _perfect_scores(page, scorer)
        for facet in FACETS:
            assert figures[facet] is None or figures[facet] == pytest.approx(1.0), (page.id, facet)


def test_splits_of_shared_data_pages_differ_and_the_same_seed_repeats() -> None:
    data = _shared()
    dev = stitch3.build_pages(data, 5, seed=3, split="dev")
    again = stitch3.build_pages(data, 5, seed=3, split="dev")
    test = stitch3.build_pages(data, 5, seed=3, split="test")
    assert [p.content for p in dev] == [p.content for p in again]
    foreign = _variants("test")
    assert not any(set(p.text.splitlines()) & foreign for p in dev)
    assert {p.id for p in dev}.isdisjoint({p.id for p in test})
