"""loading: a Spark output into a store — its pages, then the passages `spark reuse` found.

    with open_store("desk.db") as store:
        load(spark, "out/", store)                  # pages, sightings and failures, as ingest stores them
        link_without_reuse(store)                   # entities and events; passages indexed, none aligned
        load_links(spark, "out/", store)            # Spark's passages, stored as `newsdesk link` stores its own
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import orjson

from newsdesk.errors import ConfigError
from newsdesk.jobs.spark.runtime import ANALYSED, DUPLICATE, output_pages
from newsdesk.jobs.spark.verdicts import SWAPPED
from newsdesk.model import Analysis, Cleaning, Page
from newsdesk.store import ReuseRow, Store

if TYPE_CHECKING:
    from pyspark.sql import Row, SparkSession

    from newsdesk.corpus.reuse.align import ReuseConfig
    from newsdesk.corpus.reuse.direction import Copying
    from newsdesk.jobs.link import LinkSummary

__all__ = ["LINKS_STATE", "LinksLoaded", "LoadSummary", "StoredError", "link_files", "link_without_reuse", "load",
           "load_links"]


@dataclass(frozen=True, slots=True)
class StoredError:
    """A failure row as the store's `add` takes it (the `Failed` protocol)."""

    source: str
    error: str
    code: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error, "code": self.code}


@dataclass(frozen=True, slots=True)
class LoadSummary:
    rows: int
    pages: int
    sightings: int
    failures: int
    skipped: int
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {"rows": self.rows, "pages": self.pages, "sightings": self.sightings, "failures": self.failures,
                "skipped": self.skipped, "seconds": round(self.seconds, 2)}


def load(spark: SparkSession, out: str | Path, store: Store, batch: int = 200) -> LoadSummary:
    """Add every row of `out/pages` to `store`, in input order, `batch` rows a transaction: analyses
    rebuilt from their JSON, duplicates as more sources of their page, failures as failures. Pages the
    store holds already are skipped, so a load cut short resumes and a second load adds nothing."""
    started = time.monotonic()
    pages_dir = Path(out) / "pages"
    frame = output_pages(spark, pages_dir)
    if frame is None:
        raise ConfigError("ND-E011", f"{out}: holds no Spark output (no Parquet files in {pages_dir}); "
                                     f"run newsdesk spark analyze first")
    from pyspark.sql import functions as F

    # Only a duplicate's text is needed (the store hashes it to find its page); an analysis carries its own.
    rows = (frame.withColumn("text", F.when(F.col("status") == DUPLICATE, F.col("text")))
            .orderBy("run", "input", "item").toLocalIterator())
    counts = {"rows": 0, "pages": 0, "sightings": 0, "failures": 0, "skipped": 0}
    chunk: list[Row] = []

    def flush() -> None:
        known = store.known(r["content_hash"] for r in chunk if r["status"] == ANALYSED)
        analyses: list[Analysis] = []
        failures: list[StoredError] = []
        for r in chunk:
            if r["status"] == ANALYSED:
                if r["content_hash"] in known:
                    counts["skipped"] += 1
                    continue
                analyses.append(Analysis.from_json(orjson.loads(r["analysis"])))
                counts["pages"] += 1
            elif r["status"] == DUPLICATE:
                analyses.append(_sighting(r))
                counts["sightings"] += 1
            else:
                failures.append(StoredError(r["source"], r["error"] or "", r["code"] or ""))
                counts["failures"] += 1
        if analyses or failures:
            store.add(analyses, failures)
        chunk.clear()

    for row in rows:
        counts["rows"] += 1
        chunk.append(row)
        if len(chunk) >= batch:
            flush()
    flush()
    return LoadSummary(**counts, seconds=time.monotonic() - started)


def _sighting(row: Row) -> Analysis:
    """The same text read from another source: an analysis with no facets, as `ingest` records it (the
    store keys it by the text's hash and adds only the source)."""
    return Analysis(page=Page(source=row["source"], text=row["text"], url=row["url"]), cleaning=Cleaning(),
                    stories=())


@dataclass(frozen=True, slots=True)
class LinksLoaded:
    """What `load_links` stored: `passages` (`copied` of them with a direction), in `clusters` copy
    clusters; `skipped`: these very links were loaded before, nothing was written."""

    passages: int
    copied: int
    clusters: int
    skipped: bool
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {"passages": self.passages, "copied": self.copied, "unknown": self.passages - self.copied,
                "clusters": self.clusters, "skipped": self.skipped, "seconds": round(self.seconds, 2)}


#: The link state key naming the `links` files last loaded (a re-load of the same files writes nothing).
LINKS_STATE = "spark_links"
#: `min_shared` that no candidate reaches: the index learns the pages, nothing is aligned.
_NO_CANDIDATES = 1 << 30


def link_files(out: str | Path) -> list[str]:
    """The Parquet files of `out/links` (Spark names each write's files anew), sorted; [] when none."""
    links_dir = Path(out) / "links"
    return sorted(p.name for p in links_dir.glob("*.parquet")) if links_dir.is_dir() else []


def load_links(spark: SparkSession, out: str | Path, store: Store, batch: int = 5000) -> LinksLoaded:
    """Store the passages of `out/links` as `newsdesk link` stores its own (`stored_passage`: the copy on
    the `page` side, the evidence as clues), so `newsdesk reuse`, the API and the desk show them; copy
    clusters are numbered after the store's. The pages must be loaded first (`load`). Idempotent: the
    same files again write nothing; a load cut short writes the same rows again."""
    from newsdesk.jobs.link import COPY_STATE
    from newsdesk.store import LinkBatch

    started = time.monotonic()
    files = link_files(out)
    if not files:
        raise ConfigError("ND-E011", f"{out}: holds no links (no Parquet files in {Path(out) / 'links'}); "
                                     f"run newsdesk spark reuse first")
    marker = "\n".join(files).encode()
    state = store.link_state()
    links = spark.read.parquet(str(Path(out) / "links"))
    if state.get(LINKS_STATE) == marker:
        return LinksLoaded(0, 0, 0, True, time.monotonic() - started)
    copies = json.loads(state.get(COPY_STATE, b'{"next": 1}'))
    first = int(copies["next"])
    watermark = int(state.get("watermark", b"0").decode())
    counts = {"passages": 0, "copied": 0}
    top = -1
    chunk: list[ReuseRow] = []
    for r in links.orderBy("cluster", "page_a", "a_start", "page_b", "b_start").toLocalIterator():
        row = _stored_link(r, first)
        chunk.append(row)
        counts["passages"] += 1
        counts["copied"] += row.copied
        top = max(top, int(r["cluster"]))
        if len(chunk) >= batch:
            store.save_links(LinkBatch(watermark, tuple(chunk)))
            chunk.clear()
    copies["next"] = first + top + 1
    store.save_links(LinkBatch(watermark, tuple(chunk), states=(
        (COPY_STATE, json.dumps(copies, ensure_ascii=False).encode()), (LINKS_STATE, marker))))
    return LinksLoaded(counts["passages"], counts["copied"], top + 1, False, time.monotonic() - started)


def _stored_link(r: Row, first_cluster: int) -> ReuseRow:
    """A `links` row as `newsdesk link` stores a passage: read from the page of the lower id, the evidence
    rebuilt as `newsdesk.corpus.reuse.direction` clues, then `stored_passage` orients it and words its clues."""
    from newsdesk.corpus.reuse.align import Passage
    from newsdesk.corpus.reuse.direction import Clue, Direction
    from newsdesk.jobs.link import stored_passage

    mine = r["page_a"] <= r["page_b"]

    def side(name: str) -> Literal["a", "b"]:
        return "a" if (name == "a") == mine else "b"

    clues = tuple(Clue(c["rule"], side(c["source"]), c["detail"], float(c["weight"]),
                       "copy" if c["about"] == "copy" else "source") for c in orjson.loads(r["evidence"]))
    verdict = cast("Copying", r["direction"] if mine else SWAPPED[r["direction"]])
    a = (r["page_a"], r["a_start"], r["a_end"])
    b = (r["page_b"], r["b_start"], r["b_end"])
    (me, me_start, me_end), (other, o_start, o_end) = (a, b) if mine else (b, a)
    return stored_passage(me, other, Passage(me_start, me_end, o_start, o_end, float(r["similarity"])),
                   Direction(verdict, clues, float(r["margin"])), first_cluster + int(r["cluster"]))


def link_without_reuse(store: Store) -> LinkSummary:
    """Link the stored pages not linked yet (corpus entities, event clusters) and index them for passage
    reuse with pages ingested later, but align nothing: Spark found their passages (`load_links`). The
    store's reuse settings are kept for later runs."""
    from newsdesk.corpus.reuse.index import ReuseIndex
    from newsdesk.jobs.link import REUSE_STATE, LinkConfig, link_pages
    from newsdesk.store import LinkBatch

    state = store.link_state()
    index = ReuseIndex.from_bytes(state[REUSE_STATE]) if REUSE_STATE in state else ReuseIndex()
    kept = index.config

    def save(config: ReuseConfig) -> None:
        now = store.link_state()
        index = ReuseIndex.from_bytes(now[REUSE_STATE]) if REUSE_STATE in now else ReuseIndex()
        index.config = config
        store.save_links(LinkBatch(int(now.get("watermark", b"0").decode()),
                                   states=((REUSE_STATE, index.to_bytes()),)))

    # The stored index's settings rule a link run: it is told, for this run, that no page is a candidate.
    quiet = replace(kept, min_shared=_NO_CANDIDATES)
    save(quiet)
    try:
        return link_pages(store, LinkConfig(reuse=quiet))
    finally:
        save(kept)
