"""verdicts: who copied whom, for every link `spark reuse` found at once, by the evidence `newsdesk link` weighs.

    rows = settle_cycles(judge_routed(pages, links, spans, republisher, overlap))   # links the driver holds
    judged = judge(links, pages, page_site, site_pages, overlap, parts)   # more: `links` with direction, margin, why

Each link is judged by `judged_link`: `newsdesk.corpus.reuse.direction.direction` on the executors, each
link read from the page of the lower id as `newsdesk link` reads it, with each side's other sources (a
compilation) and its site's habit of republishing. While the driver holds the links, those are counted
there (`page_spans`) and each task judges the links it aligned, their pages at hand (`RoutedPage`s:
`judge_routed`); beyond, with joins (`judge`). An arrow that would close a cycle of copies is made
`unknown` on the driver, strongest first (`closing_arrows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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

    from newsdesk.jobs.link import AlignedPage

__all__ = ["CYCLE_WHY", "JUDGED_SCHEMA", "LINK_COLUMNS", "LINK_SCHEMA", "SWAPPED", "RoutedPage",
           "closing_arrows", "judge", "judge_routed", "judged_link", "page_spans", "republishes_column",
           "settle_cycles"]

#: The passages `reuse` aligns: both pages and both sides' offsets, `page_a` the earlier page.
LINK_SCHEMA = ("page_a STRING, a_start INT, a_end INT, page_b STRING, b_start INT, b_end INT, "
               "similarity DOUBLE")
#: The columns of `LINK_SCHEMA`, in order.
LINK_COLUMNS = tuple(c.split()[0] for c in LINK_SCHEMA.split(", "))
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


def page_spans(links: Iterable[Sequence[Any]], overlap: float) -> list[tuple[str, list[tuple[int, int, str]], bool]]:
    """Driver side, for links already collected there (rows or tuples beginning with `LINK_SCHEMA`'s
    columns): each linked page's spans (start, end, the page on the other side) and whether it is a
    compilation, as `_compiled_partition` says on the executors."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for page_a, a_start, a_end, page_b, b_start, b_end, *_ in links:
        spans.setdefault(page_a, []).append((a_start, a_end, page_b))
        spans.setdefault(page_b, []).append((b_start, b_end, page_a))
    return [(page, held, any(other_sources(held, s, e, other, overlap) for s, e, other in held))
            for page, held in spans.items()]


def judge(links: DataFrame, pages: DataFrame, page_site: DataFrame, site_pages: DataFrame, overlap: float,
          parts: int) -> DataFrame:
    """`links` (with `cluster`) with who copied whom, decided as `newsdesk link` decides once a run is done
    (its linker's `settle`): each side's other sources (a compilation), its site's habit of republishing,
    then `newsdesk.corpus.reuse.direction.direction` on the executors; then, strongest first, an arrow that
    would close a cycle of copies is made `unknown` (on the driver: it is one pass in order, over the decided
    links only). For links too many for the driver (`judge_routed` judges those it holds)."""
    from pyspark.sql import functions as F

    spark = links.sparkSession
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
    cycles = sorted(closing_arrows(judged.where(F.col("direction") != "unknown")
                                   .select("page_a", "a_start", "page_b", "b_start", "direction", "margin").collect()))
    if not cycles:
        return judged
    closing = spark.createDataFrame(cycles, "page_a STRING, a_start INT, page_b STRING, b_start INT").withColumn(
        "cycle", F.lit(True))
    undecided = F.col("cycle").isNotNull()
    return (judged.join(closing, ["page_a", "a_start", "page_b", "b_start"], "left_outer")
            .withColumn("direction", F.when(undecided, F.lit("unknown")).otherwise(F.col("direction")))
            .withColumn("margin", F.when(undecided, F.lit(0.0)).otherwise(F.col("margin")))
            .withColumn("why", F.when(undecided, F.concat(F.lit(CYCLE_WHY), F.col("why")))
                        .otherwise(F.col("why")))
            .select(*[c.split()[0] for c in JUDGED_SCHEMA.split(", ")]))


def republishes_column(compilations: Column, site_pages: Column) -> Column:
    """`newsdesk.corpus.reuse.rules.republishes` as a Spark SQL expression (no Python worker a row)."""
    from pyspark.sql import functions as F

    kept = F.least(compilations, F.lit(COMPILED_KEPT))
    return (kept >= REPUBLISHER_PAGES) & ((kept >= COMPILED_KEPT) | (kept >= REPUBLISHER_SHARE * site_pages))


def _arrow(page_a: str, a_start: int, page_b: str, b_start: int, verdict: str, margin: float
           ) -> tuple[float, tuple[str, int, str, int], str, str, tuple[str, int, str, int]]:
    """A decided link as `newsdesk link` orders them to break cycles: strongest first, then by the link
    read from the page of the lower id; with its copier, its source and its own (a, b) key."""
    a, b = (page_a, a_start), (page_b, b_start)
    low, high = (b, a) if b[0] < a[0] else (a, b)
    copier, source = (a[0], b[0]) if verdict == "a_copied_b" else (b[0], a[0])
    return -margin, (*low, *high), copier, source, (*a, *b)


def _judge_partition(rows: Iterable[Row], overlap: float) -> Iterator[tuple[Any, ...]]:
    """Executor side: each link of a joined row (both pages' columns beside it) with its verdict (`judged_link`)."""
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
        spans_a = [(s["start"], s["end"], s["other"]) for s in row["spans_a"]]
        spans_b = [(s["start"], s["end"], s["other"]) for s in row["spans_b"]]
        yield judged_link(tuple(row[c] for c in LINK_COLUMNS), row["cluster"], aligned(row, "a"), aligned(row, "b"),
                          (spans_a, spans_b), (bool(row["republisher_a"]), bool(row["republisher_b"])), overlap)


def judged_link(link: Sequence[Any], cluster: int, a: AlignedPage, b: AlignedPage,
                spans: tuple[Sequence[tuple[int, int, str]], Sequence[tuple[int, int, str]]],
                republisher: tuple[bool, bool], overlap: float) -> tuple[Any, ...]:
    """A link (`LINK_SCHEMA`'s columns) as a `JUDGED_SCHEMA` row: `newsdesk.corpus.reuse.direction.direction`'s
    verdict, read from the page of the lower id as `newsdesk link` reads it (so the evidence is weighed, and
    tied, in the same order), written back in the link's own a/b columns. `spans`: each side's links (start,
    end, the other page), for its other sources; `republisher`: whether each side's site republishes."""
    from newsdesk.corpus.reuse.align import Passage
    from newsdesk.corpus.reuse.direction import direction

    page_a, a_start, a_end, page_b, b_start, b_end, similarity = link
    side_a = a.side(a_start, other_sources(spans[0], a_start, a_end, b.id, overlap), republisher[0])
    side_b = b.side(b_start, other_sources(spans[1], b_start, b_end, a.id, overlap), republisher[1])
    flipped = b.id < a.id
    if flipped:
        found = direction(side_b, side_a, Passage(b_start, b_end, a_start, a_end, similarity))
    else:
        found = direction(side_a, side_b, Passage(a_start, a_end, b_start, b_end, similarity))
    verdict = SWAPPED[found.verdict] if flipped else found.verdict
    evidence = [{"rule": c.rule, "source": ("b" if c.source == "a" else "a") if flipped else c.source,
                 "detail": c.detail, "weight": c.weight, "about": c.about} for c in found.evidence]
    return (page_a, a_start, a_end, page_b, b_start, b_end, similarity, cluster, verdict, found.margin,
            orjson.dumps(evidence).decode("utf-8"), _why(verdict, evidence))


def judge_routed(pages: Iterable[tuple[Any, RoutedPage]], links: Sequence[tuple[tuple[Any, ...], int]],
                 spans: dict[str, list[tuple[int, int, str]]], republisher: dict[str, bool], overlap: float
                 ) -> Iterator[tuple[Any, ...]]:
    """Executor side: `links` (each with its cluster) judged by `judged_link`, both pages of each among
    `pages` (the task's routed pages, keyed by bucket); `spans` and `republisher` by page id, worked out
    on the driver (`page_spans`, `republishes`)."""
    by_id = {page.id: page for _, page in pages}
    seen: dict[str, AlignedPage] = {}

    def aligned(page_id: str) -> AlignedPage:
        if page_id not in seen:
            seen[page_id] = by_id[page_id].aligned()
        return seen[page_id]

    for link, cluster in links:
        page_a, page_b = link[0], link[3]
        yield judged_link(link, cluster, aligned(page_a), aligned(page_b), (spans[page_a], spans[page_b]),
                          (republisher[page_a], republisher[page_b]), overlap)


@dataclass(frozen=True, slots=True)
class RoutedPage:
    """A page as `spark reuse` sends it to the tasks aligning and judging its pairs: its key, the text
    aligned, and what `AlignedPage` reads of its analysis (the removed spans, the stories' spans, origins
    and agency datelines, where its date came from), a few hundred bytes beside the text."""

    pk: int
    id: str
    source: str
    url: str | None
    date: str | None
    text: str
    analysis: dict[str, Any]

    @classmethod
    def of(cls, row: Any) -> RoutedPage:
        """From a `pages` row (`pk`, `id`, `source`, `url`, `date`, `text`, `analysis` JSON)."""
        full = orjson.loads(row["analysis"]) if row["analysis"] else {}
        text = row["text"]
        told = full.get("text")
        analysis: dict[str, Any] = {
            "text": text if told == text else told,  # one string, not two, when they are the same
            "removed": [{"start": r["start"], "end": r["end"]} for r in full.get("removed") or ()],
            "stories": [{"start": s["start"], "end": s["end"], "origin": s.get("origin"),
                         "dateline": {"agency": (s.get("dateline") or {}).get("agency")}}
                        for s in full.get("stories") or ()],
        }
        if "reference_date_source" in full:
            analysis["reference_date_source"] = full["reference_date_source"]
        return cls(int(row["pk"]), row["id"], row["source"], row["url"], row["date"], text, analysis)

    def removed(self) -> list[tuple[int, int]]:
        """The cleaner's removed spans, as `newsdesk link` adds them to a page's furniture."""
        return [(r["start"], r["end"]) for r in self.analysis["removed"]]

    def aligned(self) -> AlignedPage:
        from newsdesk.jobs.link import AlignedPage
        from newsdesk.store import LinkPage

        return AlignedPage.of(LinkPage(0, self.id, self.source, self.url, self.date, self.analysis))


def closing_arrows(decided: Iterable[Sequence[Any]]) -> set[tuple[str, int, str, int]]:
    """Of the decided links (`page_a`, `a_start`, `page_b`, `b_start`, `direction`, `margin`), the keys
    of those whose arrow would close a cycle of copies, taken strongest first as `newsdesk link` takes them."""
    copied_from: dict[str, set[str]] = {}
    cycles: set[tuple[str, int, str, int]] = set()
    for _, _, copier, source, link in sorted(_arrow(*row) for row in decided):
        if reaches(copied_from, source, copier):
            cycles.add(link)
        else:
            copied_from.setdefault(copier, set()).add(source)
    return cycles


def settle_cycles(judged: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """`JUDGED_SCHEMA` rows on the driver with every arrow that would close a cycle of copies made
    `unknown`, as `judge` makes them on the executors."""
    rows = [tuple(r) for r in judged]
    cycles = closing_arrows((r[0], r[1], r[3], r[4], r[8], r[9]) for r in rows if r[8] != "unknown")
    if not cycles:
        return rows
    settled = []
    for r in rows:
        if (r[0], r[1], r[3], r[4]) in cycles:
            r = (*r[:8], "unknown", 0.0, r[10], f"{CYCLE_WHY}{r[11]}")
        settled.append(r)
    return settled


#: What `why` says first of a link whose arrow would close a cycle of copies.
CYCLE_WHY = "unknown: the evidence's arrow would close a cycle of copies; "


def _why(verdict: str, evidence: Sequence[dict[str, Any]]) -> str:
    """The verdict and its clues in words, strongest first: "page b copied page a: page a is dated …"."""
    head = {"a_copied_b": "page a copied page b", "b_copied_a": "page b copied page a"}.get(
        verdict, "unknown: the evidence does not decide")
    told = []
    for c in sorted(evidence, key=lambda c: -float(c["weight"])):
        described = c["source"] if c["about"] == "source" else ("b" if c["source"] == "a" else "a")
        told.append(f"page {described} {c['detail']} ({c['rule']}, {float(c['weight']):g} for page {c['source']})")
    return f"{head}: {'; '.join(told)}" if told else f"{head}: no evidence"
