"""verdicts: who copied whom, for every link `spark reuse` found at once, by the evidence `newsdesk link` weighs.

    judged = judge(links, pages, page_site, site_pages, overlap, parts)   # `links` with direction, margin, why

Each side's other sources (a compilation) and its site's habit of republishing are counted with joins,
then `newsdesk.corpus.reuse.direction.direction` weighs the evidence on the executors, each link read from
the page of the lower id as `newsdesk link` reads it; an arrow that would close a cycle of copies is made
`unknown` on the driver, strongest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from newsdesk.corpus.reuse.rules import (
    COMPILED_KEPT,
    REPUBLISHER_PAGES,
    REPUBLISHER_SHARE,
    other_sources,
    reaches,
)

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, Row

__all__ = ["JUDGED_SCHEMA", "LINK_SCHEMA", "PAGE_SPANS_SCHEMA", "SWAPPED", "judge", "page_spans",
           "republishes_column"]

#: The passages `reuse` aligns: both pages and both sides' offsets, `page_a` the earlier page.
LINK_SCHEMA = ("page_a STRING, a_start INT, a_end INT, page_b STRING, b_start INT, b_end INT, "
               "similarity DOUBLE")
#: The `links` table: both sides' offsets, the copy cluster, who copied whom ("a_copied_b", "b_copied_a",
#: "unknown"), the winning side's margin, the evidence (JSON: each clue's rule, the side it names as the
#: source, "a" or "b", its detail and weight) and `why` in words.
JUDGED_SCHEMA = (f"{LINK_SCHEMA}, cluster LONG, direction STRING, margin DOUBLE, evidence STRING, "
                 "why STRING")
#: `Direction.verdict` read from the other side.
SWAPPED = {"a_copied_b": "b_copied_a", "b_copied_a": "a_copied_b", "unknown": "unknown"}


def _compiled_partition(rows: Iterable[Row], overlap: float) -> Iterator[tuple[str, bool]]:
    """Executor side: whether each page shares passages with other pages in other places of it (a
    compilation), by `newsdesk link`'s own count of a page's other sources."""
    for row in rows:
        spans = [(s["start"], s["end"], s["other"]) for s in row["spans"]]
        yield row["id"], any(other_sources(spans, s, e, other, overlap) for s, e, other in spans)


def _spans_and_compilations(links: DataFrame, overlap: float) -> tuple[DataFrame, DataFrame]:
    """Executor side: each linked page's spans (`id`, `spans`) and whether it is a compilation (`id`,
    `compiled`), by one group-by of the links and `_compiled_partition`."""
    from pyspark.sql import functions as F

    def span(page: str, start: str, end: str, other: str) -> DataFrame:
        return links.select(F.col(page).alias("id"), F.struct(F.col(start).alias("start"), F.col(end).alias("end"),
                                                               F.col(other).alias("other")).alias("s"))

    spans = (span("page_a", "a_start", "a_end", "page_b").unionByName(span("page_b", "b_start", "b_end", "page_a"))
             .groupBy("id").agg(F.collect_list("s").alias("spans")))
    compiled = links.sparkSession.createDataFrame(
        spans.rdd.mapPartitions(lambda rows: _compiled_partition(rows, overlap)), "id STRING, compiled BOOLEAN",
        verifySchema=False)
    return spans, compiled


def page_spans(links: Iterable[Row], overlap: float) -> list[tuple[str, list[tuple[int, int, str]], bool]]:
    """Driver side, for links already collected there: each linked page's spans (start, end, the page on
    the other side) and whether it is a compilation, as `_compiled_partition` says on the executors."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for r in links:
        spans.setdefault(r["page_a"], []).append((r["a_start"], r["a_end"], r["page_b"]))
        spans.setdefault(r["page_b"], []).append((r["b_start"], r["b_end"], r["page_a"]))
    return [(page, held, any(other_sources(held, s, e, other, overlap) for s, e, other in held))
            for page, held in spans.items()]


#: `page_spans` as a table.
PAGE_SPANS_SCHEMA = "id STRING, spans ARRAY<STRUCT<start: INT, `end`: INT, other: STRING>>, compiled BOOLEAN"


def judge(links: DataFrame, pages: DataFrame, page_site: DataFrame, site_pages: DataFrame, overlap: float,
          parts: int, local_links: Sequence[Row] | None = None) -> DataFrame:
    """`links` (with `cluster`) with who copied whom, decided as `newsdesk link` decides once a run is done
    (its linker's `settle`): each side's other sources (a compilation), its site's habit of republishing,
    then `newsdesk.corpus.reuse.direction.direction` on the executors; then, strongest first, an arrow that
    would close a cycle of copies is made `unknown` (on the driver: it is one pass in order, over the decided
    links only). `local_links`: the rows of `links` when the driver holds them already; each page's spans
    and compilation are then worked out there (no shuffle and no Python stage for a few thousand rows)."""
    from pyspark.sql import functions as F

    spark = links.sparkSession
    if local_links is not None:
        spanned = spark.createDataFrame(page_spans(local_links, overlap), PAGE_SPANS_SCHEMA)
        spans, compiled = spanned.select("id", "spans"), spanned.select("id", "compiled")
    else:
        spans, compiled = _spans_and_compilations(links, overlap)
    # A site's compilations counted here, judged by `newsdesk link`'s own rule (a few rows, one a site).
    republishers = (compiled.where("compiled").join(page_site, "id").groupBy("site").agg(F.count("*").alias("n"))
                    .join(site_pages, "site")
                    .select("site", republishes_column(F.col("n"), F.col("site_pages")).alias("republisher")))
    about = (pages.select("id", "source", "url", "date", "analysis").join(spans, "id").join(page_site, "id")
             .join(republishers, "site", "left_outer").drop("site"))

    def side(name: str) -> DataFrame:
        return about.select(*(F.col(c).alias(f"{c}_{name}") for c in about.columns)).withColumnRenamed(
            f"id_{name}", f"page_{name}")

    work = links.join(side("a"), "page_a").join(side("b"), "page_b").repartition(parts)
    judged = spark.createDataFrame(work.rdd.mapPartitions(lambda rows: _judge_partition(rows, overlap)),
                                   JUDGED_SCHEMA, verifySchema=False).persist()
    # One job (a toLocalIterator is one a partition): the decided links' keys are small.
    decided = sorted(_arrow(r) for r in judged.where(F.col("direction") != "unknown")
                     .select("page_a", "a_start", "page_b", "b_start", "direction", "margin").collect())
    copied_from: dict[str, set[str]] = {}
    cycles: list[tuple[str, int, str, int]] = []
    for _, _, copier, source, link in decided:
        if reaches(copied_from, source, copier):
            cycles.append(link)
        else:
            copied_from.setdefault(copier, set()).add(source)
    if not cycles:
        return judged
    closing = spark.createDataFrame(cycles, "page_a STRING, a_start INT, page_b STRING, b_start INT").withColumn(
        "cycle", F.lit(True))
    undecided = F.col("cycle").isNotNull()
    return (judged.join(closing, ["page_a", "a_start", "page_b", "b_start"], "left_outer")
            .withColumn("direction", F.when(undecided, F.lit("unknown")).otherwise(F.col("direction")))
            .withColumn("margin", F.when(undecided, F.lit(0.0)).otherwise(F.col("margin")))
            .withColumn("why", F.when(undecided, F.concat(F.lit("unknown: the evidence's arrow would close a cycle "
                                                                "of copies; "), F.col("why")))
                        .otherwise(F.col("why")))
            .select(*[c.split()[0] for c in JUDGED_SCHEMA.split(", ")]))


def republishes_column(compilations: Column, site_pages: Column) -> Column:
    """`newsdesk.corpus.reuse.rules.republishes` as a Spark SQL expression (no Python worker a row)."""
    from pyspark.sql import functions as F

    kept = F.least(compilations, F.lit(COMPILED_KEPT))
    return (kept >= REPUBLISHER_PAGES) & ((kept >= COMPILED_KEPT) | (kept >= REPUBLISHER_SHARE * site_pages))


def _arrow(row: Row) -> tuple[float, tuple[str, int, str, int], str, str, tuple[str, int, str, int]]:
    """A decided link as `newsdesk link` orders them to break cycles: strongest first, then by the link
    read from the page of the lower id; with its copier, its source and its own (a, b) key."""
    a, b = (row["page_a"], row["a_start"]), (row["page_b"], row["b_start"])
    low, high = (b, a) if b[0] < a[0] else (a, b)
    copier, source = (a[0], b[0]) if row["direction"] == "a_copied_b" else (b[0], a[0])
    return -row["margin"], (*low, *high), copier, source, (*a, *b)


def _judge_partition(rows: Iterable[Row], overlap: float) -> Iterator[tuple[Any, ...]]:
    """Executor side: each link with `newsdesk.corpus.reuse.direction.direction`'s verdict, read from the
    page of the lower id as `newsdesk link` reads it (so the evidence is weighed, and tied, in the same
    order), written back in the link's own a/b columns."""
    from newsdesk.corpus.reuse.align import Passage
    from newsdesk.corpus.reuse.direction import direction
    from newsdesk.jobs.link import AlignedPage
    from newsdesk.store import LinkPage

    seen: dict[str, AlignedPage] = {}

    def aligned(row: Row, name: str) -> AlignedPage:
        page_id = row[f"page_{name}"]
        if page_id not in seen:
            if len(seen) > 256:
                seen.clear()  # a page is often in many links of one partition; its parse is kept a while
            analysis = orjson.loads(row[f"analysis_{name}"])
            seen[page_id] = AlignedPage.of(LinkPage(0, page_id, row[f"source_{name}"], row[f"url_{name}"],
                                                 row[f"date_{name}"], analysis))
        return seen[page_id]

    for row in rows:
        a, b = aligned(row, "a"), aligned(row, "b")
        spans_a = [(s["start"], s["end"], s["other"]) for s in row["spans_a"]]
        spans_b = [(s["start"], s["end"], s["other"]) for s in row["spans_b"]]
        side_a = a.side(row["a_start"], other_sources(spans_a, row["a_start"], row["a_end"], b.id, overlap),
                        bool(row["republisher_a"]))
        side_b = b.side(row["b_start"], other_sources(spans_b, row["b_start"], row["b_end"], a.id, overlap),
                        bool(row["republisher_b"]))
        flipped = b.id < a.id
        if flipped:
            found = direction(side_b, side_a, Passage(row["b_start"], row["b_end"], row["a_start"], row["a_end"],
                                                      row["similarity"]))
        else:
            found = direction(side_a, side_b, Passage(row["a_start"], row["a_end"], row["b_start"], row["b_end"],
                                                      row["similarity"]))
        verdict = SWAPPED[found.verdict] if flipped else found.verdict
        evidence = [{"rule": c.rule, "source": ("b" if c.source == "a" else "a") if flipped else c.source,
                     "detail": c.detail, "weight": c.weight, "about": c.about} for c in found.evidence]
        yield (row["page_a"], row["a_start"], row["a_end"], row["page_b"], row["b_start"], row["b_end"],
               row["similarity"], row["cluster"], verdict, found.margin,
               orjson.dumps(evidence).decode("utf-8"), _why(verdict, evidence))


def _why(verdict: str, evidence: Sequence[dict[str, Any]]) -> str:
    """The verdict and its clues in words, strongest first: "page b copied page a: page a is dated …"."""
    head = {"a_copied_b": "page a copied page b", "b_copied_a": "page b copied page a"}.get(
        verdict, "unknown: the evidence does not decide")
    told = []
    for c in sorted(evidence, key=lambda c: -float(c["weight"])):
        described = c["source"] if c["about"] == "source" else ("b" if c["source"] == "a" else "a")
        told.append(f"page {described} {c['detail']} ({c['rule']}, {float(c['weight']):g} for page {c['source']})")
    return f"{head}: {'; '.join(told)}" if told else f"{head}: no evidence"
