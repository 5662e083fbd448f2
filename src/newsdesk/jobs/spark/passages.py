"""passages: the passages the analysed pages of a Spark output share, found as `newsdesk link` finds them.

    summary = reuse(spark, "out/")      # ReuseSummary; out/links: the passages, copy clusters, who copied whom

Candidates come from shingle postings shuffled as numpy arrays between Python workers and chosen by the
single-machine index's own rules (`newsdesk.jobs.spark.candidates`), with the boilerplate it would have
learnt by each page (`boilerplate`). The pages of the candidate pairs are then sent, once a task, to the
tasks that align them (`AlignmentPlan`: a later page's pairs are one task's) with the same
`newsdesk.corpus.reuse.align.align`; the tasks keep them to judge who copied whom
(`newsdesk.jobs.spark.verdicts`). Copy clusters are the connected components of the copies: one union-find
on the driver while the links are few enough (`DRIVER_CLUSTER_LINKS`), else iterative joins. A run is a
handful of Spark jobs, each moving few, large records: the per-row conversions between Python and the
JVM, and the joins of wide page rows, cost more than the work itself.
"""

from __future__ import annotations

import heapq
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.corpus.reuse.rules import republishes
from newsdesk.errors import ConfigError
from newsdesk.jobs.spark.boilerplate import LearntFingerprints
from newsdesk.jobs.spark.candidates import (
    LEARNT,
    Pairs,
    SiteRanks,
    choose_candidates,
    fingerprint_pages,
    posting_buckets,
    replay_buckets,
)
from newsdesk.jobs.spark.runtime import ANALYSED, output_pages
from newsdesk.jobs.spark.verdicts import (
    JUDGED_SCHEMA,
    LINK_SCHEMA,
    RoutedPage,
    judge,
    judge_routed,
    page_spans,
    settle_cycles,
)

if TYPE_CHECKING:
    from pyspark import RDD, Broadcast
    from pyspark.sql import DataFrame, Row, SparkSession

    from newsdesk.corpus.reuse.align import ReuseConfig

__all__ = ["DRIVER_CLUSTER_LINKS", "AlignmentPlan", "ReuseSummary", "cluster_numbers", "copy_clusters", "reuse",
           "with_input_order"]

#: Up to this many links, the copy clusters are found on the driver (the links collected once, one
#: union-find; a few hundred bytes a link); above it, by rounds of joins on the executors.
DRIVER_CLUSTER_LINKS = 1_000_000


def _align_routed(pages: Iterable[tuple[int, RoutedPage]], tasks: Sequence[tuple[int, int, int | None]],
                  config: ReuseConfig, learnt: Broadcast[LearntFingerprints]) -> Iterator[tuple[Any, ...]]:
    """Executor side: the passages of each candidate pair of the task (`tasks`: earlier page, later page and,
    for two pages of one site, when `newsdesk link` judges the passage it held, sorted by the later page),
    both pages among the task's routed `pages`; by the same `align` as `newsdesk link` (the later page
    first, ignoring the boilerplate the index knew when it came: `LearntFingerprints.known_in`). A passage
    between two pages of one site is dropped, as `newsdesk link` drops it once the site has
    `site_boilerplate_pages` pages, when it lies mostly in furniture (what the index knew then, or the
    cleaner's removed spans). Each page's words are worked out once for all its pairs."""
    from newsdesk.corpus.reuse.align import Words, align, words
    from newsdesk.corpus.reuse.index import ReuseIndex
    from newsdesk.corpus.reuse.rules import lies_in_furniture

    known = learnt.value
    by_key = {page.pk: page for _, page in pages}
    cut: dict[int, Words] = {}

    def words_of(pk: int) -> Words:
        if pk not in cut:
            cut[pk] = words(by_key[pk].text)
        return cut[pk]

    def furniture(pk: int, at: int) -> list[tuple[int, int]]:
        """What `newsdesk link` takes as the page's furniture when the index had seen the page keyed `at`."""
        page = by_key[pk]
        marked = ReuseIndex.knowing_boilerplate(known.known_in(words_of(pk), config, at), config).furniture(page.text)
        return [*marked, *page.removed()]

    later_key: int | None = None
    ignore = known.fps[:0]
    for pk_a, pk_b, judged_at in tasks:
        later, earlier = by_key[pk_b], by_key[pk_a]
        if pk_b != later_key:
            later_key = pk_b
            ignore = ReuseIndex.knowing_boilerplate(known.known_in(words_of(pk_b), config, pk_b), config
                                                    ).furniture_shingles(later.text, words_of(pk_b))
        passages = align(later.text, earlier.text, config, ignore=ignore, a_words=words_of(pk_b),
                         b_words=words_of(pk_a))
        if judged_at is not None and passages:
            furniture_a, furniture_b = furniture(pk_a, judged_at), furniture(pk_b, judged_at)
            passages = [p for p in passages
                        if not lies_in_furniture(furniture_b, p.a_start, p.a_end, furniture_a, p.b_start, p.b_end)]
        for p in passages:
            yield (earlier.id, p.b_start, p.b_end, later.id, p.a_start, p.a_end, float(p.similarity))


def _routed(rows: Iterable[Row], route: dict[int, tuple[int, ...]]) -> Iterator[tuple[int, RoutedPage]]:
    """Executor side: each page sent to every task that aligns one of its pairs (`route`: its key's tasks)."""
    for row in rows:
        page = RoutedPage.of(row)
        for task in route[page.pk]:
            yield task, page


@dataclass(frozen=True, slots=True)
class AlignmentPlan:
    """Which task aligns which candidate pairs, and so which pages each task needs. A later page's pairs
    are one task's (its words and furniture are worked out once), the later pages dealt to the tasks
    most pairs first, each to the task with the fewest so far; the task then judges the links it found,
    both their pages at hand.

    `tasks[t]`: task t's pairs (earlier key, later key, and for two pages of one site the key at which
    `newsdesk link` judges the passage it held, else None), sorted by the later page; `route`: each page's
    tasks."""

    tasks: tuple[tuple[tuple[int, int, int | None], ...], ...]
    route: dict[int, tuple[int, ...]]

    @classmethod
    def of(cls, pairs: Pairs, site_of_page: dict[int, str], site_ready: dict[str, int], size: int,
           config: ReuseConfig) -> AlignmentPlan:
        """`site_ready`: the key of each site's `site_boilerplate_pages`-th page, for the sites that have one:
        a pair of pages of a site without one is never aligned (`newsdesk link` holds its passages for good)."""
        kept: dict[int, list[tuple[int, int, int | None]]] = {}
        for pk_a, pk_b in zip(pairs.pk_a.tolist(), pairs.pk_b.tolist(), strict=True):
            site = site_of_page[pk_b]
            judged_at: int | None = None
            if site_of_page[pk_a] == site:
                if site not in site_ready:
                    continue
                judged_at = max(pk_b, site_ready[site])  # when `newsdesk link` releases the held passage
            kept.setdefault(pk_b, []).append((pk_a, pk_b, judged_at))
        load = [(0, t) for t in range(size)]
        tasks: list[list[tuple[int, int, int | None]]] = [[] for _ in range(size)]
        for pk_b in sorted(kept, key=lambda k: (-len(kept[k]), k)):
            held, task = heapq.heappop(load)
            tasks[task].extend(sorted(kept[pk_b]))
            heapq.heappush(load, (held + len(kept[pk_b]), task))
        route: dict[int, set[int]] = {}
        for task, work in enumerate(tasks):
            work.sort(key=lambda pair: (pair[1], pair[0]))
            for pk_a, pk_b, _ in work:
                route.setdefault(pk_a, set()).add(task)
                route.setdefault(pk_b, set()).add(task)
        return cls(tuple(tuple(work) for work in tasks), {pk: tuple(sorted(t)) for pk, t in route.items()})


@dataclass(frozen=True, slots=True)
class ReuseSummary:
    pages: int
    candidates: int
    links: int
    clusters: int
    iterations: int
    seconds: float
    copied: int = 0
    #: The Spark jobs the run started (each action, each adaptive query stage): what its start-up costs.
    jobs: int = 0
    #: Seconds of each phase, in order: where a run spends its time (see `reuse`).
    phases: tuple[tuple[str, float], ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"pages": self.pages, "candidates": self.candidates, "links": self.links, "copied": self.copied,
                "unknown": self.links - self.copied, "clusters": self.clusters, "iterations": self.iterations,
                "jobs": self.jobs, "seconds": round(self.seconds, 2),
                "phases": {name: round(seconds, 2) for name, seconds in self.phases}}


def reuse(spark: SparkSession, out: str | Path, config: ReuseConfig | None = None,
          partitions: int | None = None, copy_overlap: float = 0.5, *,
          driver_links: int = DRIVER_CLUSTER_LINKS) -> ReuseSummary:
    """Find the passages the analysed pages of `out` share; write `out/links` (overwritten each run):
    `page_a` the earlier page (input order), both sides' offsets into the page texts, the similarity,
    `cluster`, the copy cluster (the connected component of copies: spans joined by a link, or two
    spans of one page overlapping by `copy_overlap` of the shorter, as `newsdesk link` clusters them),
    and who copied whom (`direction`, `margin`, `evidence`, `why`: `judge`).

    Candidates: each fingerprint's holders are replayed in input order as the single-machine index meets
    them (`newsdesk.jobs.spark.boilerplate`): a site's furniture and the stock phrases count from the page
    that teaches them on, for every later page of any site, as in `newsdesk link`; before, every holder is
    paired with the earliest `max_holders` holders (linear in the holders, as `earliest_copies` keeps the
    single-machine index), and a pair needs `min_shared`; each page keeps its `max_candidates` best
    (`newsdesk.jobs.spark.candidates`: numpy arrays shuffled between Python workers). The pages of the
    pairs are then sent to the tasks aligning them (`AlignmentPlan`), which keep them for judging who
    copied whom. Up to `driver_links` links, the copy clusters and each page's spans are worked out on the
    driver; above, by joins on the executors (`copy_clusters`, `judge`).
    `phases` in the summary: the seconds of each step."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from newsdesk.corpus.reuse.align import ReuseConfig

    started = time.monotonic()
    phases: list[tuple[str, float]] = []

    def phase(name: str) -> None:
        """The time since the previous phase ended, as `name`'s (each ends with an action: work is lazy)."""
        phases.append((name, time.monotonic() - started - sum(seconds for _, seconds in phases)))

    group = f"newsdesk-reuse-{uuid.uuid4().hex}"  # the run's jobs, counted at the end
    sc = spark.sparkContext
    sc.setJobGroup(group, "newsdesk spark reuse")
    cfg = config or ReuseConfig()
    out = Path(out)
    frame = output_pages(spark, out / "pages")
    if frame is None:
        raise ConfigError("ND-E011", f"{out}: holds no Spark output (no Parquet files in {out / 'pages'}); "
                                     f"run newsdesk spark analyze first")
    parts = partitions or max(2, sc.defaultParallelism)
    analysed = frame.where(F.col("status") == ANALYSED).select("id", "source", "url", "date", "text", "analysis",
                                                               "run", "input", "item")
    pages, sorted_here = with_input_order(analysed)
    pages = pages.drop("run", "input", "item")
    # Keys computed from the row are the same at each read: the pages are read from their Parquet files
    # again where needed (only the columns each step needs), not held in memory (100k pages' texts and
    # analyses are GBs). Keys from a sort are kept, as they were numbered once.
    if sorted_here:
        pages = pages.persist()
    kept = StorageLevel.MEMORY_AND_DISK
    cached: list[Any] = []  # what this run cached, dropped at its end

    def cache(rdd: RDD[Any]) -> RDD[Any]:
        cached.append(rdd.persist(kept))
        return rdd

    def bucket_of(key: Any) -> int:
        return int(key)  # the keys are bucket numbers already: partition k gets bucket k

    try:
        fingerprinted = cache(pages.select("pk", "id", "source", "url", "text").rdd
                              .mapPartitions(lambda rows: fingerprint_pages(rows, cfg)))
        # (pk, id, site, fingerprints held): three numbers and a name a page
        indexed = fingerprinted.map(lambda page: (*page[:3], len(page[3]))).collect()
        phase("fingerprints")
        ranks = SiteRanks.of([pk for pk, _, _, _ in indexed], [site for _, _, site, _ in indexed])
        shared_ranks = sc.broadcast(ranks)
        buckets = max(parts, -(-sum(held for *_, held in indexed) // POSTINGS_A_TASK))
        replayed = cache(fingerprinted.mapPartitions(lambda pages: posting_buckets(pages, shared_ranks.value, buckets))
                         .partitionBy(buckets, bucket_of)
                         .mapPartitions(lambda records: replay_buckets(records, cfg, buckets)))
        taught = replayed.filter(lambda record: record[0] == LEARNT).values().collect()
        learnt = sc.broadcast(LearntFingerprints.of(
            np.concatenate([fps for fps, _ in taught]) if taught else [],
            np.concatenate([at for _, at in taught]) if taught else []))
        phase("postings")
        pairs = Pairs.joined(replayed.filter(lambda record: record[0] != LEARNT).partitionBy(buckets, bucket_of)
                             .mapPartitions(lambda records: choose_candidates(records, cfg)).collect())
        fingerprinted.unpersist()
        replayed.unpersist()
        phase("candidates")
        site_of_page = {pk: site for pk, _, site, _ in indexed}
        id_of_page = {pk: page_id for pk, page_id, _, _ in indexed}
        site_pages: dict[str, int] = {}
        for site in site_of_page.values():
            site_pages[site] = site_pages.get(site, 0) + 1
        # The key of each site's `site_boilerplate_pages`-th page: when `newsdesk link` judges the passages
        # it held between two of its pages.
        site_ready = {site_of_page[pk]: pk for pk, rank in zip(ranks.pks.tolist(), ranks.ranks.tolist(), strict=True)
                      if rank == cfg.site_boilerplate_pages}
        plan = AlignmentPlan.of(pairs, site_of_page, site_ready, max(parts, -(-len(pairs) // PAIRS_A_TASK)), cfg)
        route, tasks = sc.broadcast(plan.route), sc.broadcast(plan.tasks)
        wanted = spark.createDataFrame([(pk,) for pk in plan.route], "pk LONG")
        routed = cache(pages.select("pk", "id", "source", "url", "date", "text", "analysis")
                       .join(F.broadcast(wanted), "pk").rdd
                       .mapPartitions(lambda rows: _routed(rows, route.value))
                       .partitionBy(len(plan.tasks), bucket_of))
        aligned = cache(routed.mapPartitionsWithIndex(
            lambda task, pages: ((task, link) for link in _align_routed(pages, tasks.value[task], cfg, learnt))))
        total = aligned.count()
        if total <= driver_links:
            found = aligned.collect()
            numbers = cluster_numbers([((r[0], r[1], r[2]), (r[3], r[4], r[5])) for _, r in found], copy_overlap)
            phase("alignment and copy clusters")
            spanned = page_spans((link for _, link in found), copy_overlap)
            pk_of_page = {page_id: pk for pk, page_id in id_of_page.items()}
            compilations: dict[str, int] = {}
            for page_id, _, compiled in spanned:
                if compiled:
                    site = site_of_page[pk_of_page[page_id]]
                    compilations[site] = compilations.get(site, 0) + 1
            spans = sc.broadcast({page_id: held for page_id, held, _ in spanned})
            republisher = sc.broadcast({
                page_id: republishes(compilations.get(site_of_page[pk_of_page[page_id]], 0),
                                     site_pages[site_of_page[pk_of_page[page_id]]]) for page_id, _, _ in spanned})
            by_task: list[list[tuple[tuple[Any, ...], int]]] = [[] for _ in plan.tasks]
            for task, link in found:
                by_task[task].append((link, numbers[(link[0], link[1], link[2])]))
            judging = sc.broadcast(by_task)
            judged_rows = settle_cycles(routed.mapPartitionsWithIndex(
                lambda task, pages: judge_routed(pages, judging.value[task], spans.value, republisher.value,
                                                 copy_overlap)).collect())
            phase("who copied whom")
            (out / "links").mkdir(parents=True, exist_ok=True)
            spark.createDataFrame(judged_rows, JUDGED_SCHEMA, verifySchema=False).coalesce(1).write.mode(
                "overwrite").parquet(str(out / "links"))
            links, clusters, iterations = len(judged_rows), len({r[7] for r in judged_rows}), 0
            copied = sum(1 for r in judged_rows if r[8] != "unknown")
            spans.unpersist()
            republisher.unpersist()
            judging.unpersist()
        else:
            links, clusters, copied, iterations = _judged_at_scale(
                spark, aligned.values(), pages, site_of_page, id_of_page, site_pages, copy_overlap, parts, out,
                phase, driver_links)
        phase("links written")
        shared_ranks.unpersist()
        learnt.unpersist()
        route.unpersist()
        tasks.unpersist()
    finally:
        for rdd in cached:
            rdd.unpersist()
        if sorted_here:
            pages.unpersist()
    jobs = len(sc.statusTracker().getJobIdsForGroup(group))
    return ReuseSummary(len(indexed), len(pairs), links, clusters, iterations, time.monotonic() - started, copied,
                        jobs, tuple(phases))


#: Candidate pairs a task aligns, about: more pairs than this make more tasks than two a core.
PAIRS_A_TASK = 20_000
#: Postings a task replays, about (they are sorted in one piece, 24 bytes each): more make more tasks.
POSTINGS_A_TASK = 2_000_000


def _judged_at_scale(spark: SparkSession, aligned: RDD[tuple[Any, ...]], pages: DataFrame,
                     site_of_page: dict[int, str], id_of_page: dict[int, str], site_pages: dict[str, int],
                     copy_overlap: float, parts: int, out: Path, phase: Callable[[str], None], driver_links: int
                     ) -> tuple[int, int, int, int]:
    """More links than the driver should hold: copy clusters by rounds of joins (`copy_clusters`), who
    copied whom by joins (`judge`), `out/links` written; (links, clusters, copied, rounds)."""
    from pyspark.sql import functions as F

    links = spark.createDataFrame(aligned, LINK_SCHEMA, verifySchema=False).persist()
    clustered, iterations = copy_clusters(links, copy_overlap, driver_links)
    clustered = clustered.persist()
    phase("alignment and copy clusters")
    page_site = spark.createDataFrame([(id_of_page[pk], site) for pk, site in site_of_page.items()],
                                      "id STRING, site STRING")
    per_site = spark.createDataFrame(list(site_pages.items()), "site STRING, site_pages LONG")
    judged = judge(clustered, pages, page_site, per_site, copy_overlap, parts).persist()
    phase("who copied whom")
    (out / "links").mkdir(parents=True, exist_ok=True)
    judged.write.mode("overwrite").parquet(str(out / "links"))
    counts = judged.agg(F.count("*").alias("links"), F.countDistinct("cluster").alias("clusters"),
                        F.count(F.when(F.col("direction") != "unknown", 1)).alias("copied")).first()
    assert counts is not None
    for frame in (judged, clustered, links):
        frame.unpersist()
    return int(counts["links"]), int(counts["clusters"]), int(counts["copied"]), iterations


def with_input_order(analysed: DataFrame) -> tuple[DataFrame, bool]:
    """`analysed` with `pk`, a page's key in input order (run, then input, then item), and whether a sort
    gave it. Computed from the three numbers when they fit in 63 bits (one small aggregate: no page moves);
    otherwise by a sort of the pages (after which `monotonically_increasing_id` grows in sort order)."""
    from pyspark.sql import functions as F

    missing = F.col("run").isNull() | F.col("input").isNull() | F.col("item").isNull()
    bounds = analysed.agg(F.collect_set("run").alias("runs"), F.min("input").alias("least_input"),
                          F.max("input").alias("inputs"), F.min("item").alias("least_item"),
                          F.max("item").alias("items"), F.count(F.when(missing, 1)).alias("gaps")).first()
    if bounds is not None and bounds["runs"] and not bounds["gaps"] and min(bounds["least_input"],
                                                                           bounds["least_item"]) >= 0:
        runs = sorted(bounds["runs"])  # Spark orders strings by code point, as Python does
        inputs, items = int(bounds["inputs"]) + 1, int(bounds["items"]) + 1
        if len(runs) * inputs * items < 2**62:
            rank = F.array_position(F.array(*(F.lit(r) for r in runs)), F.col("run")) - 1
            return analysed.withColumn("pk", (rank * inputs + F.col("input")) * items + F.col("item")), False
    return analysed.orderBy("run", "input", "item").withColumn("pk", F.monotonically_increasing_id()), True


def copy_clusters(links: DataFrame, overlap: float, driver_links: int = DRIVER_CLUSTER_LINKS) -> tuple[DataFrame, int]:
    """`links` with a `cluster` column, the connected components of the copies (see `_copy_clusters`),
    and the Spark rounds it took: none when there are at most `driver_links` links (they are collected
    and joined on the driver, `cluster_numbers`), else the rounds of label propagation."""
    total = links.count()
    if total > driver_links:
        return _copy_clusters(links, overlap)
    rows = links.collect()
    spans = [((r["page_a"], r["a_start"], r["a_end"]), (r["page_b"], r["b_start"], r["b_end"])) for r in rows]
    numbers = cluster_numbers(spans, overlap)
    clustered = [(*r, numbers[a]) for r, (a, _) in zip(rows, spans, strict=True)]
    return links.sparkSession.createDataFrame(clustered, f"{LINK_SCHEMA}, cluster LONG"), 0


def cluster_numbers(links: Sequence[tuple[tuple[str, int, int], tuple[str, int, int]]],
                    overlap: float) -> dict[tuple[str, int, int], int]:
    """Each copy's cluster: the connected component of the copies (spans joined by a link, or two spans
    of one page overlapping by `overlap` of the shorter), numbered 0, 1, … in the order of each
    component's least "page:start:end" label, as `_copy_clusters` numbers them on the executors."""
    parent: dict[tuple[str, int, int], tuple[str, int, int]] = {}

    def root(copy: tuple[str, int, int]) -> tuple[str, int, int]:
        while parent[copy] != copy:
            parent[copy] = parent[parent[copy]]  # path halving: the trees stay shallow
            copy = parent[copy]
        return copy

    def union(x: tuple[str, int, int], y: tuple[str, int, int]) -> None:
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[ry] = rx

    by_page: dict[str, set[tuple[int, int]]] = {}
    for a, b in links:
        for copy in (a, b):
            parent.setdefault(copy, copy)
            by_page.setdefault(copy[0], set()).add((copy[1], copy[2]))
        union(a, b)
    for page, spans in by_page.items():
        ordered = sorted(spans)
        for i, (start_x, end_x) in enumerate(ordered):
            for start_y, end_y in ordered[i + 1:]:
                if start_y > end_x and overlap >= 0:
                    break  # sorted by start: no later span meets this one
                if min(end_x, end_y) - max(start_x, start_y) >= overlap * min(end_x - start_x, end_y - start_y):
                    union((page, start_x, end_x), (page, start_y, end_y))
    least: dict[tuple[str, int, int], str] = {}
    for copy in parent:
        label, top = f"{copy[0]}:{copy[1]}:{copy[2]}", root(copy)
        if top not in least or label < least[top]:
            least[top] = label
    # Spark orders strings by their UTF-8 bytes, which is the order of their code points.
    order = {label: number for number, label in enumerate(sorted(set(least.values())))}
    return {copy: order[least[root(copy)]] for copy in parent}


def _copy_clusters(links: DataFrame, overlap: float, max_iterations: int = 100) -> tuple[DataFrame, int]:
    """`links` with a `cluster` column: connected components of the copies, found by min-label
    propagation (each copy takes the least label among itself and its neighbours until none changes),
    one join and group-by per round; the labels then numbered 0, 1, … in label order."""
    from pyspark.sql import functions as F

    def node(page: str, start: str, end: str) -> Any:
        return F.concat_ws(":", F.col(page), F.col(start), F.col(end))

    copies = (links.select(F.col("page_a").alias("page"), F.col("a_start").alias("start"), F.col("a_end").alias("end"))
              .unionByName(links.select(F.col("page_b").alias("page"), F.col("b_start").alias("start"),
                                        F.col("b_end").alias("end")))
              .distinct().withColumn("node", node("page", "start", "end")))
    x, y = copies.alias("x"), copies.alias("y")
    # Two copies of one page are one when they overlap by `overlap` of the shorter.
    same_page = (x.join(y, (F.col("x.page") == F.col("y.page")) & (F.col("x.node") < F.col("y.node")))
                 .where(F.least(F.col("x.end"), F.col("y.end")) - F.greatest(F.col("x.start"), F.col("y.start"))
                        >= overlap * F.least(F.col("x.end") - F.col("x.start"), F.col("y.end") - F.col("y.start")))
                 .select(F.col("x.node").alias("src"), F.col("y.node").alias("dst")))
    linked = links.select(node("page_a", "a_start", "a_end").alias("src"),
                          node("page_b", "b_start", "b_end").alias("dst"))
    edges = linked.unionByName(same_page)
    edges = edges.unionByName(edges.select(F.col("dst").alias("src"), F.col("src").alias("dst"))).persist()
    labels = copies.select("node", F.col("node").alias("label")).localCheckpoint()
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - the count of rounds is reported
        offered = edges.join(labels.withColumnRenamed("node", "src"), "src").select(
            F.col("dst").alias("node"), "label")
        updated = (labels.unionByName(offered).groupBy("node").agg(F.min("label").alias("label"))
                   .localCheckpoint())  # cuts the lineage: each round is one join, not all rounds again
        changed = (updated.join(labels.withColumnRenamed("label", "before"), "node")
                   .where(F.col("label") != F.col("before")).count())
        labels = updated
        if not changed:
            break
    edges.unpersist()
    spark = links.sparkSession
    numbers = spark.createDataFrame(
        labels.select("label").distinct().orderBy("label").rdd.map(lambda r: r["label"]).zipWithIndex(),
        "label STRING, cluster LONG")
    labelled = labels.join(numbers, "label").select("node", "cluster")
    return (links.withColumn("node", node("page_a", "a_start", "a_end")).join(labelled, "node").drop("node"),
            iterations)
