"""analysis: crawl inputs read and analysed on the executors into the `pages` table, then its facet tables.

    summary = analyze(spark, ["crawl/"], "out/")    # AnalyzeSummary: what this run wrote to out/pages

The driver only lists the inputs (`plan_inputs`); each input file is read on an executor by `read_sources`
itself, the records are repartitioned so the analysis is spread over every executor, and each Python
worker analyses its partitions with one `Pipeline` built on first use (`_pipeline`). See `newsdesk.jobs.spark`.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from newsdesk.analysis.pipeline import AnalysisFailure, Pipeline
from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.jobs.spark.facets import write_facets
from newsdesk.jobs.spark.runtime import ANALYSED, DUPLICATE, FAILED, PAGES_SCHEMA, UNREADABLE, output_pages
from newsdesk.model import Analysis, Page
from newsdesk.read.files import ReadConfig, read_sources, stat_source, walk_directory
from newsdesk.store import content_hash, page_id_of

if TYPE_CHECKING:
    from pyspark.sql import Row, SparkSession

__all__ = ["AnalyzeSummary", "Unit", "analyze", "plan_inputs"]

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------------------
# inputs: listed on the driver, read on the executors


@dataclass(frozen=True, slots=True)
class Unit:
    """One input file for one executor task to read with `read_sources`, or a failure found listing."""

    index: int
    path: str
    error: ReadError | None = None


def plan_inputs(sources: Sequence[str]) -> list[Unit]:
    """The files to read, in the order `read_sources` reads them (directories walked, sorted, hidden
    names skipped, symbolic links to directories reported): the names match what `ingest` records."""
    units: list[Unit] = []

    def add(path: str, error: ReadError | None = None) -> None:
        units.append(Unit(len(units), path, error))

    for source in sources:
        if source == "-":
            raise ConfigError("ND-E011", "spark analyze reads files and folders, not standard input (-)")
        if not source:
            add(source, ReadError(source, "ND-E001", "is an empty path"))
            continue
        path = Path(source)
        st = stat_source(source)
        if isinstance(st, ReadError):
            add(source, st)
            continue
        if not stat.S_ISDIR(st.st_mode):
            add(source)
            continue
        found = [(str(f), error) for f, error in walk_directory(path)]
        for rel_path, error in found:
            add(rel_path, error)
        if not any(error is None for _, error in found):
            # As read_sources says. Not said here: a folder whose files are all read and all fail (ND-E009
            # there too), which only the executors' reading can tell.
            problem = "holds no readable pages" if found else "holds no files"
            add(str(path), ReadError(str(path), "ND-E009", problem))
    return units


def _read_unit(unit: Unit, config: ReadConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: the items of one input, as rows of `_READ_SCHEMA` (the page pickled whole, layout
    hints included, since the analysis reads them)."""
    if unit.error is not None:
        yield (unit.index, 0, unit.path, None, None, None, None, None, None, str(unit.error), unit.error.code)
        return
    try:
        for k, item in enumerate(read_sources([unit.path], config)):
            if isinstance(item, ReadFailure):
                yield (unit.index, k, item.source, None, None, None, None, None, None, str(item.error),
                       item.error.code)
            else:
                yield (unit.index, k, item.source, content_hash(item), item.url, _date(item), item.title,
                       item.text, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL), None, None)
    except Exception as exc:  # a reader bug on one file must not fail the job: that file is an error row
        log.debug("reading %s failed", unit.path, exc_info=True)
        yield (unit.index, 1 << 30, unit.path, None, None, None, None, None, None,
               f"[ND-E002] {unit.path}: reading failed: {type(exc).__name__}: {exc}", "ND-E002")


def _date(page: Page) -> str | None:
    return page.reference_date.isoformat() if page.reference_date else None


_READ_COLUMNS = ("input", "item", "source", "content_hash", "url", "date", "title", "text", "page", "error", "code")
_READ_SCHEMA = ("input LONG, item LONG, source STRING, content_hash STRING, url STRING, date STRING, "
                "title STRING, text STRING, page BINARY, error STRING, code STRING")


# ---------------------------------------------------------------------------------------------------------
# analysis on the executors

#: Analysis tasks per core when --partitions is not given. Each task costs seconds besides its pages (its
#: shuffle read, its Parquet file and commit: 1.5-3 s measured on local[2]), so few, but two a core, not
#: one, so that a task of long pages does not leave the other cores idle for long at the end.
_TASKS_PER_CORE = 2

# One pipeline per Python worker process, built on its first page (models and gazetteer: seconds).
_PIPELINE: list[Pipeline] = []


def _pipeline() -> Pipeline:
    if not _PIPELINE:
        _PIPELINE.append(Pipeline())
    return _PIPELINE[0]


def _warm_worker(_: int) -> None:
    """Executor side: build this Python worker's pipeline now (see `_warm_workers`)."""
    _pipeline()


def _warm_workers(spark: SparkSession, slots: int) -> Future[None]:
    """One task a task slot, each building its worker's pipeline, all at once, before the inputs are read.
    Else the one worker that reads a single input file builds its pipeline late and alone, and the others
    start (import newsdesk, build a pipeline) only once the analysis stage reaches them: measured on
    local[2], the second core idled 10-25 s. Python workers are reused (`session`), so the analysis tasks
    find the pipelines built. Submitted from a thread of its own, so the driver plans the reading and the
    de-duplication (seconds of a fresh JVM's time) while the workers build; those jobs' tasks queue
    behind the warm-up's."""
    from pyspark.util import inheritable_thread_target

    def warm() -> None:
        spark.sparkContext.parallelize(range(slots), slots).foreach(_warm_worker)

    pool = ThreadPoolExecutor(1, thread_name_prefix="newsdesk-warm")
    try:
        return pool.submit(inheritable_thread_target(spark)(warm))
    finally:
        pool.shutdown(wait=False)  # the job goes on; its future says when it is done


def _analyse_partition(rows: Iterable[Row], run: str) -> Iterator[tuple[Any, ...]]:
    """Executor side: analyse each page of a partition with this worker's pipeline; a failure is a row."""
    for row in rows:
        page: Page = pickle.loads(row["page"])
        result = _pipeline().analyze_one(page)
        if isinstance(result, Analysis):
            analysis = orjson.dumps(result.to_json()).decode("utf-8")
            yield _page_row(row, run, ANALYSED, analysis=analysis)
        else:
            assert isinstance(result, AnalysisFailure)
            info = result.to_json()
            yield _page_row(row, run, FAILED, error=info["error"], code=info["code"])


def _page_row(row: Row, run: str, status: str, *, analysis: str | None = None, error: str | None = None,
              code: str | None = None) -> tuple[Any, ...]:
    digest = row["content_hash"]
    return (page_id_of(digest) if digest else None, digest, row["source"], row["url"], row["date"], row["title"],
            row["text"], analysis, status, error if error is not None else row["error"],
            code if code is not None else row["code"], run, row["input"], row["item"])


@dataclass(frozen=True, slots=True)
class AnalyzeSummary:
    run: str
    inputs: int
    analysed: int
    failed: int
    unreadable: int
    duplicate: int
    seconds: float

    @property
    def written(self) -> int:
        return self.analysed + self.failed + self.unreadable + self.duplicate

    def to_json(self) -> dict[str, object]:
        return {"run": self.run, "inputs": self.inputs, "analysed": self.analysed, "failed": self.failed,
                "unreadable": self.unreadable, "duplicate": self.duplicate, "seconds": round(self.seconds, 2)}


def analyze(spark: SparkSession, sources: Sequence[str], out: str | Path, config: ReadConfig | None = None,
            partitions: int | None = None) -> AnalyzeSummary:
    """Read and analyse every input into `out` (see the module); returns what this run wrote."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    started = time.monotonic()
    config = config or ReadConfig()
    out = Path(out)
    units = plan_inputs(sources)
    if not units:
        raise ConfigError("ND-E011", "spark analyze needs at least one INPUT (a file or a folder)")
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism)
    run = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    pages_dir = out / "pages"
    done = output_pages(spark, pages_dir)
    warming: Future[None] | None = None
    if done is None and any(unit.error is None for unit in units):
        # A first run has pages to analyse; a re-run may have none, and then loads no model (as ingest).
        warming = _warm_workers(spark, max(1, sc.defaultParallelism))
    # One task per input file: each is streamed by read_sources, a WARC or JSONL batch record by record.
    read_rdd = sc.parallelize(units, min(len(units), max(parts, 1) * 4)).flatMap(lambda u: _read_unit(u, config))
    items = spark.createDataFrame(read_rdd, _READ_SCHEMA)

    if done is not None:
        # Idempotent: an item whose (source, text) is written already is not read into this run again.
        seen = done.select(F.col("source").alias("seen_source"), F.col("content_hash").alias("seen_hash")).distinct()
        items = items.join(seen, (items["source"] == seen["seen_source"])
                           & items["content_hash"].eqNullSafe(seen["seen_hash"]), "left_anti")
        known = done.where(F.col("content_hash").isNotNull()).select(F.col("content_hash").alias("known")).distinct()
        items = items.join(known, items["content_hash"] == known["known"], "left_outer")
    else:
        items = items.withColumn("known", F.lit(None).cast("string"))
    items = items.persist()
    try:
        first = Window.partitionBy("content_hash").orderBy("input", "item")
        pages = items.where(F.col("content_hash").isNotNull()).withColumn("nth", F.row_number().over(first))
        fresh = pages.where((F.col("nth") == 1) & F.col("known").isNull()).select(*_READ_COLUMNS)
        # The same text under another source: recorded as a sighting, analysed once.
        again = pages.where((F.col("nth") > 1) | F.col("known").isNotNull()).select(
            *_page_columns(run, DUPLICATE))
        unreadable = items.where(F.col("content_hash").isNull()).select(*_page_columns(run, UNREADABLE))
        # `_TASKS_PER_CORE` analysis tasks a core (unless told): the pipeline is built once per worker
        # whatever the tasks.
        tasks = partitions or _TASKS_PER_CORE * parts
        analysed_rdd = fresh.repartition(tasks).rdd.mapPartitions(lambda rows: _analyse_partition(rows, run))
        # The rows are built by `_page_row` to the schema: not checked again row by row.
        analysed = spark.createDataFrame(analysed_rdd, PAGES_SCHEMA, verifySchema=False)
        result = analysed.unionByName(again).unionByName(unreadable)
        result.write.mode("append").parquet(str(pages_dir))
    finally:
        items.unpersist()
    if warming is not None:
        warming.result()  # done by now (its tasks ran before the analysis's); a failure is said here
    counts = write_facets(spark, out, run)
    return AnalyzeSummary(run, len(units), counts.get(ANALYSED, 0), counts.get(FAILED, 0),
                          counts.get(UNREADABLE, 0), counts.get(DUPLICATE, 0), time.monotonic() - started)


def _page_columns(run: str, status: str) -> list[Any]:
    from pyspark.sql import functions as F

    page_id = F.when(F.col("content_hash").isNotNull(), F.substring("content_hash", 1, 16))
    return [page_id.alias("id"), "content_hash", "source", "url", "date", "title", "text",
            F.lit(None).cast("string").alias("analysis"), F.lit(status).alias("status"), "error", "code",
            F.lit(run).alias("run"), "input", "item"]

