"""Spark reuse's candidate pairs from shuffled numpy arrays, its alignment plan and its cycle breaking
(no Spark needed: the executor-side functions are plain Python, fed here as Spark would feed them)."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from typing import Any

import numpy as np
import pytest

from newsdesk.corpus.reuse.align import ReuseConfig
from newsdesk.corpus.reuse.index import ReuseIndex
from newsdesk.jobs.spark.candidates import (
    LEARNT,
    Pairs,
    SiteRanks,
    choose_candidates,
    fingerprint_pages,
    posting_buckets,
    replay_buckets,
)

CONFIG = ReuseConfig()


def _invented_pages(count: int, seed: int) -> list[tuple[int, str, str]]:
    """Pages of made-up words on five sites, each with its own header and footer; some quote earlier pages,
    a few are too short to index."""
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(500)]

    def sentence(n: int) -> str:
        return " ".join(rng.choices(vocabulary, k=n))

    sites = [(f"site{k}.example", sentence(12), sentence(25)) for k in range(5)]
    pages: list[tuple[int, str, str]] = []
    for k in range(count):
        site, header, footer = sites[rng.randrange(len(sites))]
        if rng.random() < 0.05:
            pages.append((k, sentence(10), site))  # tiny: not indexed
            continue
        body = sentence(rng.randint(80, 180))
        if k > 3 and rng.random() < 0.4:
            earlier = pages[rng.randrange(k)][1].split()
            if len(earlier) > 60:
                start = rng.randrange(len(earlier) - 50)
                body = f"{body} {' '.join(earlier[start:start + rng.randint(30, 70)])} {sentence(30)}"
        pages.append((k, f"{header} {body} {footer}", site))
    return pages


def _rows(pages: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    # Keys spaced out and not starting at 0, as input-order keys are.
    return [{"pk": 1000 + 7 * k, "id": f"page{k}", "source": f"crawl/{site}/{k}.txt", "url": f"https://www.{site}/{k}",
             "text": text} for k, text, site in pages]


def _shuffle(records: list[tuple[int, Any]], buckets: int) -> list[list[tuple[int, Any]]]:
    """What `partitionBy(buckets, identity)` does: each record to the task of its bucket."""
    tasks: list[list[tuple[int, Any]]] = [[] for _ in range(buckets)]
    for key, value in records:
        tasks[key % buckets].append((key, value))
    return tasks


@pytest.mark.parametrize("map_tasks,buckets", [(1, 1), (3, 4)])
def test_shuffled_arrays_give_the_single_machine_index_candidates(map_tasks: int, buckets: int) -> None:
    pages = _invented_pages(90, seed=5)
    rows = _rows(pages)
    index = ReuseIndex(CONFIG)
    expected: set[tuple[int, int]] = set()
    for row in rows:
        for c in index.add(row["pk"], row["text"], row["url"].split("/")[2].removeprefix("www.")):
            expected.add((int(c.page_id), row["pk"]))

    # Map tasks hold the pages in any split; the keys tell the order.
    splits = [rows[k::map_tasks] for k in range(map_tasks)]
    fingerprinted = [list(fingerprint_pages(split, CONFIG)) for split in splits]
    indexed = [page for split in fingerprinted for page in split]
    assert len(indexed) == sum(1 for _, text, _ in pages if len(text.split()) >= CONFIG.min_page_words)
    ranks = SiteRanks.of([pk for pk, _, _, _ in indexed], [site for _, _, site, _ in indexed])
    postings = [record for split in fingerprinted for record in posting_buckets(split, ranks, buckets)]
    replayed = [record for task in _shuffle(postings, buckets) for record in replay_buckets(task, CONFIG, buckets)]
    learnt = [record for record in replayed if record[0] == LEARNT]
    assert len(learnt) == buckets and sum(len(fps) for _, (fps, _) in learnt) >= 10  # the sites' headers and footers
    met = [record for record in replayed if record[0] != LEARNT]
    pairs = Pairs.joined([p for task in _shuffle(met, buckets) for p in choose_candidates(task, CONFIG)])
    got = set(zip(pairs.pk_a.tolist(), pairs.pk_b.tolist(), strict=True))
    assert got == expected and len(got) >= 10
    assert (pairs.shared >= CONFIG.min_shared).all() and (pairs.pk_a < pairs.pk_b).all()


def test_site_ranks_count_each_sites_pages_in_input_order() -> None:
    ranks = SiteRanks.of([40, 10, 30, 20, 50], ["b", "a", "a", "b", "a"])
    sites, rank = ranks.lookup(np.array([10, 20, 30, 40, 50], dtype=np.int64))
    assert rank.tolist() == [1, 1, 2, 2, 3]
    assert sites[0] == sites[2] == sites[4] != sites[1] == sites[3]


def test_no_postings_no_candidates() -> None:
    assert list(replay_buckets([], CONFIG, 4)) == []
    assert list(choose_candidates([], CONFIG)) == []
    assert len(Pairs.joined([])) == 0


def test_the_plan_sends_each_page_to_the_tasks_aligning_its_pairs() -> None:
    from newsdesk.jobs.spark.passages import AlignmentPlan

    pairs = Pairs(np.array([1, 1, 2, 3, 4, 5], dtype=np.int64), np.array([6, 7, 7, 7, 8, 9], dtype=np.int64),
                  np.array([5, 4, 3, 2, 2, 9], dtype=np.int64))
    sites = {1: "x", 2: "y", 3: "z", 4: "w", 5: "v", 6: "y", 7: "z", 8: "w", 9: "v"}
    # Site w has its third page only at key 12; site v never has three pages: its pair is never aligned.
    plan = AlignmentPlan.of(pairs, sites, {"w": 12, "z": 3}, 2, CONFIG)
    aligned = sorted(pair for task in plan.tasks for pair in task)
    assert aligned == [(1, 6, None), (1, 7, None), (2, 7, None), (3, 7, 7), (4, 8, 12)]
    # Page 7's three pairs are one task's, which is the busiest; the other task has the rest.
    assert sorted(len(task) for task in plan.tasks) == [2, 3]
    for task in plan.tasks:
        assert [pair[1] for pair in task] == sorted(pair[1] for pair in task)
    # Each page goes to exactly the tasks holding one of its pairs; the pages of pairs never aligned, nowhere.
    needs = {pk: tuple(t for t, task in enumerate(plan.tasks) if any(pk in pair[:2] for pair in task))
             for pk in range(1, 10)}
    assert plan.route == {pk: tasks for pk, tasks in needs.items() if tasks}
    assert 5 not in plan.route and 9 not in plan.route


def test_a_routed_page_keeps_what_direction_reads_of_its_analysis() -> None:
    from newsdesk.jobs.spark.verdicts import RoutedPage

    text = "LONDON (AP) - Prices rose. Share this story."
    analysis = {"text": text, "removed": [{"start": 27, "end": 44, "kind": "share"}],
                "stories": [{"start": 0, "end": 26, "origin": "AP", "dateline": {"agency": "AP", "place": "London"},
                             "title": "Prices", "entities": [{"label": "London"}] * 50}],
                "reference_date_source": "dateline", "entities": [{"label": "London"}] * 50}
    row: dict[str, Any] = {"pk": 3, "id": "p3", "source": "crawl/p3.txt", "url": "https://www.daily.example/p3",
                           "date": "2024-05-01", "text": text, "analysis": json.dumps(analysis)}
    page = RoutedPage.of(row)
    assert page.removed() == [(27, 44)]
    assert page.analysis["text"] is page.text
    assert len(json.dumps(page.analysis)) < len(row["analysis"]) / 4
    aligned = page.aligned()
    assert aligned.stories == ((0, 26, "AP", True),) and aligned.furniture == ((27, 44),)
    assert aligned.site == "daily.example" and aligned.date_kind == "dateline" and str(aligned.date) == "2024-05-01"


def test_settling_makes_the_weaker_arrow_closing_a_cycle_unknown() -> None:
    from newsdesk.jobs.spark.verdicts import CYCLE_WHY, settle_cycles

    def row(a: str, b: str, verdict: str, margin: float) -> tuple[Any, ...]:
        return (a, 0, 100, b, 0, 100, 0.9, 0, verdict, margin, "[]", f"{verdict}: clues")

    rows = [row("x", "y", "a_copied_b", 3.0), row("y", "z", "a_copied_b", 2.0), row("z", "x", "a_copied_b", 1.0),
            row("x", "w", "unknown", 0.0)]
    settled = {(r[0], r[3]): r for r in settle_cycles(rows)}
    assert settled[("z", "x")][8:10] == ("unknown", 0.0) and settled[("z", "x")][11].startswith(CYCLE_WHY)
    assert settled[("x", "y")] == rows[0] and settled[("y", "z")] == rows[1] and settled[("x", "w")] == rows[3]
    by_copier: dict[str, int] = defaultdict(int)
    for r in settled.values():
        if r[8] == "a_copied_b":
            by_copier[r[0]] += 1
    assert dict(by_copier) == {"x": 1, "y": 1}
