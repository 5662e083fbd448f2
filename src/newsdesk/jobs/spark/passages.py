"""passages: the passages the analysed pages of a Spark output share, found as `newsdesk link` finds them.

    summary = reuse(spark, "out/")      # ReuseSummary; out/links: the passages, copy clusters, who copied whom

Candidates come from shingle postings (one group-by a fingerprint, one a page) chosen by the single-machine
index's own rules, with the boilerplate it would have learnt by each page (`boilerplate`); each pair is aligned
on the executors with `newsdesk.corpus.reuse.align.align`, copy clusters are the connected components of the
copies (one union-find on the driver while the links are few enough, `DRIVER_CLUSTER_LINKS`, else iterative
joins), and `newsdesk.jobs.spark.verdicts` says who copied whom.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ConfigError
from newsdesk.jobs.spark.boilerplate import LearntFingerprints
from newsdesk.jobs.spark.runtime import ANALYSED, output_pages
from newsdesk.jobs.spark.verdicts import LINK_SCHEMA, judge

if TYPE_CHECKING:
    from pyspark import Broadcast
    from pyspark.sql import DataFrame, Row, SparkSession

    from newsdesk.corpus.reuse.align import ReuseConfig

__all__ = ["DRIVER_CLUSTER_LINKS", "ReuseSummary", "cluster_numbers", "copy_clusters", "reuse", "with_input_order"]

#: Each page's winnowed fingerprints (one row a page: a row a fingerprint would be ~150 Python tuples a
#: page pickled to the JVM one by one, which cost more than the fingerprinting), its input-order key, its site.
_FINGERPRINT_SCHEMA = "pk LONG, id STRING, site STRING, fps ARRAY<LONG>"


def _fingerprint_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: each page's winnowed fingerprints (as the single-machine index takes them), as
    signed 64-bit numbers, which is what Spark's LONG holds; one row a page."""
    import numpy as np

    from newsdesk.corpus.reuse.align import words
    from newsdesk.corpus.reuse.index import fingerprints
    from newsdesk.jobs.link import site_of

    for row in rows:
        w = words(row["text"])
        if len(w) < config.min_page_words:
            continue  # too short to index or compare, as in `ReuseIndex.add`
        site = site_of(row["url"], row["source"])
        yield (row["pk"], row["id"], site, fingerprints(w, config).view(np.int64).tolist())


#: What one fingerprint's postings give: a pair it joins ("met": a later page meets an earlier holder) or the
#: page at which the single-machine index would have learnt it as boilerplate ("learnt": `pk_b`), in one table.
#: Pages are their input-order keys only until the pairs are chosen: numbers shuffle far cheaper than ids.
_POSTING_SCHEMA = "kind STRING, pk_b LONG, fp LONG, pk_a LONG"


def _postings_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: each fingerprint's holders replayed in input order as the single-machine index sees
    them (`replay_holders`): the pairs that met on it before it was learnt, and when it was learnt."""
    from newsdesk.jobs.spark.boilerplate import Holder, replay_holders

    for row in rows:
        fp = row["fp"]
        found = sorted(row["holders"], key=lambda h: h["pk"])
        met, learnt_at = replay_holders([Holder(h["pk"], h["site"], h["site_rank"]) for h in found], config)
        for later, earlier in met:
            yield "met", found[later]["pk"], fp, found[earlier]["pk"]
        if learnt_at is not None:
            yield "learnt", learnt_at, fp, None


def _candidate_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: a page's candidates from the earlier pages it meets on fingerprints, chosen by the
    single-machine index's own rules (`chosen_candidates`: `min_shared`, the earliest copies only, most
    shared first, `max_candidates`), the pages numbered by their input-order key."""
    import numpy as np

    from newsdesk.corpus.reuse.index import chosen_candidates

    for row in rows:
        fps = np.fromiter((m["fp"] for m in row["met"]), dtype=np.int64, count=len(row["met"]))
        keys = np.fromiter((m["pk_a"] for m in row["met"]), dtype=np.int64, count=len(row["met"]))
        which = np.unique(fps, return_inverse=True)[1].astype(np.int64)
        # The index numbers pages 0, 1, … in input order: the keys' ranks are such numbers.
        keys_in_order, ranks = np.unique(keys, return_inverse=True)
        numbers, counts = chosen_candidates(which, ranks.astype(np.int32), config)
        for number, count in zip(numbers.tolist(), counts.tolist(), strict=True):
            key = int(keys_in_order[number])
            yield key, row["pk_b"], int(count)


def _align_partition(rows: Iterable[Row], config: ReuseConfig, learnt: Broadcast[LearntFingerprints]
                     ) -> Iterator[tuple[Any, ...]]:
    """Executor side: the passages of each candidate pair, by the same `align` as `newsdesk link` (the
    later page first, ignoring the boilerplate the index knew when it came: `LearntFingerprints.known_in`).
    A passage between two pages of one site is kept as `newsdesk link` keeps it: held until the site has
    `site_boilerplate_pages` pages (`site_ready`, the key of that page), then dropped when it lies mostly in
    furniture (what the index knew then, or the cleaner's removed spans). The rows come sorted by the later
    page: its words and ignored shingles are worked out once for all its candidates."""
    from newsdesk.corpus.reuse.align import align, words
    from newsdesk.corpus.reuse.index import ReuseIndex
    from newsdesk.corpus.reuse.rules import lies_in_furniture

    known = learnt.value
    later_key: int | None = None
    later_words = words("")
    ignore = known.fps[:0]
    for row in rows:
        same_site = row["site_a"] == row["site_b"]
        if same_site and row["site_pages"] < config.site_boilerplate_pages:
            continue  # held by `newsdesk link` until the site has enough pages: here it never will
        if row["pk_b"] != later_key:
            later_key, later_words = row["pk_b"], words(row["text_b"])
            ignore = ReuseIndex.knowing_boilerplate(known.known_in(later_words, config, row["pk_b"]), config
                                                    ).furniture_shingles(row["text_b"], later_words)
        earlier_words = words(row["text_a"])
        passages = align(row["text_b"], row["text_a"], config, ignore=ignore, a_words=later_words,
                         b_words=earlier_words)
        if same_site and passages:
            judged_at = max(row["pk_b"], row["site_ready"])  # when `newsdesk link` releases the held passage
            furniture_a = [*ReuseIndex.knowing_boilerplate(known.known_in(earlier_words, config, judged_at), config)
                           .furniture(row["text_a"]), *((r["start"], r["end"]) for r in row["removed_a"] or ())]
            furniture_b = [*ReuseIndex.knowing_boilerplate(known.known_in(later_words, config, judged_at), config)
                           .furniture(row["text_b"]), *((r["start"], r["end"]) for r in row["removed_b"] or ())]
            passages = [p for p in passages
                        if not lies_in_furniture(furniture_b, p.a_start, p.a_end, furniture_a, p.b_start, p.b_end)]
        for p in passages:
            yield (row["page_a"], p.b_start, p.b_end, row["page_b"], p.a_start, p.a_end, float(p.similarity))


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
          partitions: int | None = None, copy_overlap: float = 0.5) -> ReuseSummary:
    """Find the passages the analysed pages of `out` share; write `out/links` (overwritten each run):
    `page_a` the earlier page (input order), both sides' offsets into the page texts, the similarity,
    `cluster`, the copy cluster (the connected component of copies: spans joined by a link, or two
    spans of one page overlapping by `copy_overlap` of the shorter, as `newsdesk link` clusters them),
    and who copied whom (`direction`, `margin`, `evidence`, `why`: `judge`).

    Candidates: each fingerprint's holders are replayed in input order as the single-machine index meets
    them (`newsdesk.jobs.spark.boilerplate`): a site's furniture and the stock phrases count from the page
    that teaches them on, for every later page of any site, as in `newsdesk link`; before, every holder is
    paired with the earliest `max_holders` holders (linear in the holders, as `earliest_copies` keeps the
    single-machine index), and a pair needs `min_shared`; each page keeps its `max_candidates` best.
    `phases` in the summary: the seconds of each step."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from newsdesk.corpus.reuse.align import ReuseConfig

    started = time.monotonic()
    phases: list[tuple[str, float]] = []

    def phase(name: str) -> None:
        """The time since the previous phase ended, as `name`'s (each ends with an action: work is lazy)."""
        phases.append((name, time.monotonic() - started - sum(seconds for _, seconds in phases)))

    group = f"newsdesk-reuse-{uuid.uuid4().hex}"  # the run's jobs, counted at the end
    spark.sparkContext.setJobGroup(group, "newsdesk spark reuse")
    cfg = config or ReuseConfig()
    out = Path(out)
    frame = output_pages(spark, out / "pages")
    if frame is None:
        raise ConfigError("ND-E011", f"{out}: holds no Spark output (no Parquet files in {out / 'pages'}); "
                                     f"run newsdesk spark analyze first")
    parts = partitions or max(2, spark.sparkContext.defaultParallelism)
    analysed = frame.where(F.col("status") == ANALYSED).select("id", "source", "url", "date", "text", "analysis",
                                                               "run", "input", "item")
    pages, sorted_here = with_input_order(analysed)
    pages = pages.drop("run", "input", "item")
    # Keys computed from the row are the same at each read: the pages are read from their Parquet files
    # again where needed (only the columns each step needs), not held in memory (100k pages' texts and
    # analyses are GBs). Keys from a sort are kept, as they were numbered once.
    if sorted_here:
        pages = pages.persist()
    # verifySchema off: the rows are built above to the schema; checking each in Python costs a pass over them.
    fingerprinted = spark.createDataFrame(pages.select("pk", "id", "source", "url", "text").rdd
                                          .mapPartitions(lambda rows: _fingerprint_partition(rows, cfg)),
                                          _FINGERPRINT_SCHEMA, verifySchema=False)
    # Each page's rank among its site's indexed pages: how many the single-machine index knew of its site
    # when it came, which is what it learns a site's furniture by.
    fps = fingerprinted.withColumn("site_rank", F.row_number().over(Window.partitionBy("site").orderBy("pk"))).persist()
    try:
        # Counted first, so the fingerprints are cached before the two shuffles below read them: started
        # at once by the adaptive planner, each would otherwise fingerprint every page itself.
        indexed = fps.count()
        phase("fingerprints")
        page_site = fps.select("id", "site")  # one row a page indexed (tiny pages are not)
        # A site's pages, and the key of its `site_boilerplate_pages`-th: when `newsdesk link` judges the
        # passages it held between two of its pages.
        ready = F.when(F.col("site_rank") == cfg.site_boilerplate_pages, F.col("pk"))
        site_pages = fps.groupBy("site").agg(F.count("*").alias("site_pages"), F.min(ready).alias("site_ready"))
        # One shuffle: every fingerprint's holders together, replayed in Python (stock, furniture, earliest
        # holders) as the single-machine index meets them, page by page.
        # A site is a 64-bit hash of its name here (numbers shuffle cheaper than names; the replay only
        # compares the sites of one fingerprint's holders, where two sites' hashes meeting is vanishingly rare).
        holders = (fps.select("pk", F.xxhash64("site").alias("site"), "site_rank", F.explode("fps").alias("fp"))
                   .groupBy("fp").agg(F.collect_list(F.struct("pk", "site", "site_rank")).alias("holders"))
                   # Most fingerprints are one page's alone: they pair nothing, and (unless a site's furniture
                   # needs one page) mark nothing; dropped here, in the JVM, they never reach Python.
                   .where(F.size("holders") >= min(2, cfg.site_boilerplate_pages)))
        postings = spark.createDataFrame(holders.rdd.mapPartitions(lambda rows: _postings_partition(rows, cfg)),
                                         _POSTING_SCHEMA, verifySchema=False).persist()
        # The stock and furniture fingerprints and when each was learnt: what align must not seed from.
        learnt_rows = postings.where(F.col("kind") == "learnt").select("fp", "pk_b").collect()
        learnt = spark.sparkContext.broadcast(LearntFingerprints.of([r["fp"] for r in learnt_rows],
                                                                    [r["pk_b"] for r in learnt_rows]))
        phase("postings")
        # Each later page's postings, grouped: its candidates are chosen as the index chooses them.
        met = (postings.where(F.col("kind") == "met")
               .groupBy("pk_b").agg(F.collect_list(F.struct("fp", "pk_a")).alias("met")))
        pairs = spark.createDataFrame(met.rdd.mapPartitions(lambda rows: _candidate_partition(rows, cfg)),
                                      "pk_a LONG, pk_b LONG, shared LONG",
                                      verifySchema=False)
        removed = F.from_json("analysis", "removed ARRAY<STRUCT<start: INT, `end`: INT>>")["removed"]
        about = (pages.select("pk", "id", "text", removed.alias("removed")).join(fps.select("pk", "site"), "pk")
                 .join(site_pages, "site"))

        def side(name: str) -> DataFrame:
            return about.select(*(F.col(c).alias(f"{c}_{name}") for c in about.columns)).withColumnRenamed(
                f"id_{name}", f"page_{name}")

        # Counted once and kept: the pairs are not built again (postings, joins, group-bys) for the alignment.
        pairs = pairs.persist()
        candidates = pairs.count()  # a page id is one analysed page: each pair is one row of `work`
        phase("candidates")
        # By the later page, sorted: each partition works out a page's words and furniture once.
        work = (pairs.join(side("a"), "pk_a").join(side("b"), "pk_b")
                .withColumn("site_pages", F.col("site_pages_b")).withColumn("site_ready", F.col("site_ready_b"))
                .repartition(parts, "pk_b").sortWithinPartitions("pk_b"))
        links = spark.createDataFrame(work.rdd.mapPartitions(lambda rows: _align_partition(rows, cfg, learnt)),
                                      LINK_SCHEMA, verifySchema=False).persist()
        clustered, iterations = copy_clusters(links, copy_overlap)
        phase("alignment and copy clusters")
        learnt.unpersist()
        pairs.unpersist()
        postings.unpersist()
        # Clustered on the driver, the links are there already (a local table: collected without a job).
        local_links = clustered.collect() if iterations == 0 else None
        judged = judge(clustered.persist(), pages, page_site, site_pages, copy_overlap, parts, local_links).persist()
        phase("who copied whom")
        (out / "links").mkdir(parents=True, exist_ok=True)
        judged.write.mode("overwrite").parquet(str(out / "links"))
        counts = judged.agg(F.count("*").alias("links"), F.countDistinct("cluster").alias("clusters"),
                             F.count(F.when(F.col("direction") != "unknown", 1)).alias("copied")).first()
        judged.unpersist()
        clustered.unpersist()
        links.unpersist()
        phase("links written")
    finally:
        fps.unpersist()
        if sorted_here:
            pages.unpersist()
    assert counts is not None
    jobs = len(spark.sparkContext.statusTracker().getJobIdsForGroup(group))
    return ReuseSummary(indexed, candidates, int(counts["links"]), int(counts["clusters"]), iterations,
                        time.monotonic() - started, int(counts["copied"]), jobs, tuple(phases))


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


#: Up to this many links, the copy clusters are found on the driver (the links collected once, one
#: union-find; a few hundred bytes a link); above it, by rounds of joins on the executors.
DRIVER_CLUSTER_LINKS = 1_000_000


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
    for page, page_spans in by_page.items():
        ordered = sorted(page_spans)
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
