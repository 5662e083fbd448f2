"""Spark reuse replays the single-machine index's learning of boilerplate (no Spark needed: plain Python).

The replay is checked against a real `ReuseIndex` fed invented pages one by one: the same candidates for
every page, and the same furniture marked in every page's text at the time it came.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsdesk.corpus.reuse.align import ReuseConfig, shingles, words
from newsdesk.corpus.reuse.index import ReuseIndex, chosen_candidates, fingerprints
from newsdesk.jobs.spark.boilerplate import Holder, LearntFingerprints, replay_holders

CONFIG = ReuseConfig()


def test_a_footer_is_learnt_on_the_third_page_of_its_site_after_two_pages_met_on_it() -> None:
    holders = [Holder(10, "a.example", 1), Holder(11, "a.example", 2), Holder(12, "a.example", 3),
               Holder(13, "a.example", 4)]
    met, learnt_at = replay_holders(holders, CONFIG)
    assert met == [(1, 0)] and learnt_at == 12  # the third page learns it; the fourth ignores it


def test_a_phrase_on_few_of_a_large_sites_pages_is_not_furniture() -> None:
    # Three of a site's pages, but they came when it had 20, 30 and 40: under 30 % each time.
    holders = [Holder(5, "a.example", 20), Holder(9, "a.example", 30), Holder(14, "a.example", 40)]
    met, learnt_at = replay_holders(holders, CONFIG)
    assert learnt_at is None and met == [(1, 0), (2, 0), (2, 1)]


def test_stock_phrases_and_the_earliest_holders_bound_the_pairs() -> None:
    config = ReuseConfig(max_df=4, max_holders=2)
    holders = [Holder(k, f"s{k}.example", 1) for k in range(6)]
    met, learnt_at = replay_holders(holders, config)
    # Pages 2 and 3 meet only the two indexed holders; the fifth holder makes it a stock phrase.
    assert met == [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1)] and learnt_at == 4


def test_known_in_keeps_only_what_was_learnt_by_then() -> None:
    w = words("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda")
    h = shingles(w, CONFIG.seed_words)
    learnt = LearntFingerprints.of([int(h[1].view(np.int64)), int(h[4].view(np.int64)), 12345],
                                   [7, 20, 1])
    assert sorted(learnt.known_in(w, CONFIG, at=10).tolist()) == [int(h[1])]
    assert sorted(learnt.known_in(w, CONFIG, at=20).tolist()) == sorted([int(h[1]), int(h[4])])
    assert len(learnt.known_in(words("short"), CONFIG, at=99)) == 0


def _invented_pages(count: int, seed: int) -> list[tuple[int, str, str]]:
    """Pages of made-up words on six sites, each with its own header and footer; some quote earlier pages."""
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(400)]

    def sentence(n: int) -> str:
        return " ".join(rng.choices(vocabulary, k=n))

    sites = [(f"site{k}.example", sentence(10), sentence(30)) for k in range(6)]
    pages: list[tuple[int, str, str]] = []
    for k in range(count):
        site, header, footer = sites[rng.randrange(len(sites))]
        body = sentence(rng.randint(80, 200))
        if pages and rng.random() < 0.4:
            earlier = pages[rng.randrange(len(pages))][1].split()
            start = rng.randrange(len(earlier) - 40)
            body = f"{body} {' '.join(earlier[start:start + rng.randint(30, 80)])} {sentence(40)}"
        pages.append((k, f"{header} {body} {footer}", site))
    return pages


def test_replay_gives_the_single_machine_index_candidates_and_furniture() -> None:
    pages = _invented_pages(60, seed=3)
    index = ReuseIndex(CONFIG)
    expected: dict[int, list[int]] = {}
    expected_ignore: dict[int, list[int]] = {}
    for k, text, site in pages:
        expected[k] = sorted(int(str(c.page_id)) for c in index.add(k, text, site))
        expected_ignore[k] = sorted(index.furniture_shingles(text).tolist())

    # The replay: every fingerprint's holders at once, ranked within their sites.
    ranks: dict[str, int] = {}
    by_fp: dict[int, list[Holder]] = {}
    for k, text, site in pages:
        ranks[site] = ranks.get(site, 0) + 1
        for fp in fingerprints(words(text), CONFIG).tolist():
            by_fp.setdefault(fp, []).append(Holder(k, site, ranks[site]))
    met_by_page: dict[int, list[tuple[int, int]]] = {}
    learnt_fps, learnt_at = [], []
    for fp, holders in by_fp.items():
        met, at = replay_holders(holders, CONFIG)
        for later, earlier in met:
            met_by_page.setdefault(holders[later].pk, []).append((fp, holders[earlier].pk))
        if at is not None:
            learnt_fps.append(int(np.uint64(fp).view(np.int64)))
            learnt_at.append(at)
    learnt = LearntFingerprints.of(learnt_fps, learnt_at)
    assert len(learnt.fps) > 6  # every site's header and footer at least
    found_any = False
    for k, text, _ in pages:
        got: list[int] = []
        if k in met_by_page:
            fps = np.array([fp for fp, _ in met_by_page[k]], dtype=np.uint64)
            keys = np.array([pk for _, pk in met_by_page[k]], dtype=np.int64)
            which = np.unique(fps, return_inverse=True)[1].astype(np.int64)
            numbers, _ = chosen_candidates(which, keys.astype(np.int32), CONFIG)
            got = sorted(numbers.tolist())
        assert got == expected[k], k
        found_any = found_any or bool(got)
        w = words(text)
        marked = ReuseIndex.knowing_boilerplate(learnt.known_in(w, CONFIG, at=k), CONFIG).furniture_shingles(text, w)
        assert sorted(marked.tolist()) == expected_ignore[k], k
    assert found_any


def test_page_spans_on_the_driver_find_the_compilation() -> None:
    pytest.importorskip("pyspark", reason="the extra newsdesk[spark] is not installed")
    from pyspark.sql import Row

    from newsdesk.jobs.spark.verdicts import page_spans

    def link(a: str, a_start: int, b: str, b_start: int) -> Row:
        return Row(page_a=a, a_start=a_start, a_end=a_start + 300, page_b=b, b_start=b_start, b_end=b_start + 300)

    # The digest holds the dam story at 0 and the ferry story at 900: two sources in two places.
    spans = {page: (sorted(held), compiled) for page, held, compiled in page_spans(
        [link("dam", 40, "digest", 0), link("ferry", 10, "digest", 900), link("dam", 40, "copy", 5)], 0.5)}
    assert spans["digest"] == ([(0, 300, "dam"), (900, 1200, "ferry")], True)
    # The dam page is copied twice over the same stretch: one place, not a compilation.
    assert spans["dam"] == ([(40, 340, "copy"), (40, 340, "digest")], False)
    assert spans["copy"][1] is False and spans["ferry"][1] is False
