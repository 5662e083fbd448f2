"""spark: newsdesk's analysis as an Apache Spark job, for crawls that outgrow one machine (issue 26).

    spark = session("local[2]")
    summary = analyze(spark, ["crawl/"], "out/")          # Parquet: out/pages, out/stories, out/entities, …
    with open_store("desk.db") as store:
        load(spark, "out/", store)                        # the same store `newsdesk ingest` would build

Nothing here schedules work: Spark does. The driver only lists the inputs (`plan_inputs`: directories
walked as `read_sources` walks them); each input file is read on an executor by `read_sources` itself
(a JSONL batch or a WARC archive streams its records from one task), the records are repartitioned so
the analysis, the costly part, is spread over every executor, and each Python worker analyses its
partitions with one `Pipeline` built on first use (`_pipeline`): the same code, the same JSON, as
`newsdesk ingest`. A page that cannot be read or analysed is a row with its error, never a failed task.

The output folder holds a `pages` table (one row per input item; `status` is `analysed`, `failed`,
`unreadable` or `duplicate`, the last a text already analysed under another source, which `load`
records as one more source of that page, as ingest does) and facet tables derived from the analysis
JSON with typed columns. Re-running on the same output appends only items whose (source, content hash)
is not there yet; the facet tables are rebuilt from `pages` at the end of every run, so a run cut short
between the two leaves nothing a re-run does not mend.

pyspark is an optional extra (`pip install 'newsdesk[spark]'`, Java 17+): it is imported only inside
the functions that need it, and `require_spark` says how to install it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import os
import pickle
import shutil
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.model import Analysis, Cleaning, Page
from newsdesk.pipeline import AnalysisFailure, Pipeline
from newsdesk.read import ReadConfig, read_sources, walk_directory
from newsdesk.store import Store, content_hash, page_id_of

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, Row, SparkSession

    from newsdesk.reuse import ReuseConfig

log = logging.getLogger(__name__)

INSTALL_HINT = ("the Spark commands need the spark extra: pip install 'newsdesk[spark]' "
                "(pyspark, and Java 17 or later on the PATH or in JAVA_HOME)")

#: `pages.status` values.
ANALYSED, FAILED, UNREADABLE, DUPLICATE = "analysed", "failed", "unreadable", "duplicate"
#: The facet tables written beside `pages`.
FACETS = ("stories", "entities", "mentions", "places", "quotes", "claims", "times", "events")


def require_spark() -> None:
    """Raise ConfigError (exit 2 in the CLI) saying how to install what the Spark commands need."""
    if importlib.util.find_spec("pyspark") is None:
        raise ConfigError("ND-E011", INSTALL_HINT)
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and Path(java_home, "bin", "java").exists()):
        raise ConfigError("ND-E011", "Spark needs Java 17 or later: none on the PATH nor in JAVA_HOME "
                                     "(Debian: apt-get install openjdk-17-jre-headless)")


def session(master: str | None = None, partitions: int | None = None) -> SparkSession:
    """A SparkSession for newsdesk's jobs. `master` None: the one spark-submit set, else local[2]. Local
    workers run this very Python (its venv holds newsdesk); on a cluster, PYSPARK_PYTHON or
    spark-submit's own settings say which Python runs there."""
    require_spark()
    from pyspark.sql import SparkSession

    # spark-submit starts the JVM first and tells the Python driver its port: its --master then rules.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if master is None and not submitted:
        master = "local[2]"
    local = master is not None and master.startswith("local")
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.appName("newsdesk")
               .config("spark.ui.showConsoleProgress", "false")
               # Python workers are kept between tasks, so each builds its pipeline once.
               .config("spark.python.worker.reuse", "true"))
    if master is not None:
        builder = builder.master(master)
    if local:
        builder = builder.config("spark.ui.enabled", "false")
    if partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


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
        try:
            st = path.stat()
        except FileNotFoundError:
            kind = "is a symbolic link to a missing file" if path.is_symlink() else "does not exist"
            add(source, ReadError(source, "ND-E001", kind))
            continue
        except OSError as err:
            add(source, ReadError(source, "ND-E002", f"cannot be opened: {err.strerror}"))
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
_PAGES_SCHEMA = ("id STRING, content_hash STRING, source STRING, url STRING, date STRING, title STRING, "
                 "text STRING, analysis STRING, status STRING, error STRING, code STRING, "
                 "run STRING, input LONG, item LONG")


# ---------------------------------------------------------------------------------------------------------
# analysis on the executors

# One pipeline per Python worker process, built on its first page (models and gazetteer: seconds).
_PIPELINE: list[Pipeline] = []


def _pipeline() -> Pipeline:
    if not _PIPELINE:
        _PIPELINE.append(Pipeline())
    return _PIPELINE[0]


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
    # One task per input file: each is streamed by read_sources, a WARC or JSONL batch record by record.
    read_rdd = sc.parallelize(units, min(len(units), max(parts, 1) * 4)).flatMap(lambda u: _read_unit(u, config))
    items = spark.createDataFrame(read_rdd, _READ_SCHEMA)

    pages_dir = out / "pages"
    done = _existing(spark, pages_dir)
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
        analysed_rdd = fresh.repartition(parts).rdd.mapPartitions(lambda rows: _analyse_partition(rows, run))
        analysed = spark.createDataFrame(analysed_rdd, _PAGES_SCHEMA)
        result = analysed.unionByName(again).unionByName(unreadable)
        result.write.mode("append").parquet(str(pages_dir))
    finally:
        items.unpersist()
    counts = {r["status"]: r["n"] for r in spark.read.parquet(str(pages_dir)).where(F.col("run") == run)
              .groupBy("status").agg(F.count("*").alias("n")).collect()}
    write_facets(spark, out)
    return AnalyzeSummary(run, len(units), counts.get(ANALYSED, 0), counts.get(FAILED, 0),
                          counts.get(UNREADABLE, 0), counts.get(DUPLICATE, 0), time.monotonic() - started)


def _page_columns(run: str, status: str) -> list[Any]:
    from pyspark.sql import functions as F

    page_id = F.when(F.col("content_hash").isNotNull(), F.substring("content_hash", 1, 16))
    return [page_id.alias("id"), "content_hash", "source", "url", "date", "title", "text",
            F.lit(None).cast("string").alias("analysis"), F.lit(status).alias("status"), "error", "code",
            F.lit(run).alias("run"), "input", "item"]


def _existing(spark: SparkSession, pages_dir: Path) -> DataFrame | None:
    if not pages_dir.is_dir() or not any(pages_dir.glob("*.parquet")):
        return None
    return spark.read.schema(_PAGES_SCHEMA).parquet(str(pages_dir))


# ---------------------------------------------------------------------------------------------------------
# facet tables: typed columns, parsed from the analysis JSON by Spark itself

_ANALYSIS_SCHEMA = """
stories ARRAY<STRUCT<start: INT, `end`: INT, title: STRING, origin: STRING, boundary: ARRAY<STRING>,
                     dateline: STRUCT<place: STRING, date: STRING, agency: STRING>>>,
entities ARRAY<STRUCT<id: STRING, label: STRING, type: STRING, mentions: ARRAY<STRUCT<start: INT, `end`: INT>>,
                      lat: DOUBLE, lon: DOUBLE, country: STRING, gazetteer_id: STRING, within: STRING>>,
quotes ARRAY<STRUCT<start: INT, `end`: INT, kind: STRING, speaker: STRING, speaker_text: STRING,
                    cue: STRING, unbalanced: BOOLEAN>>,
claims ARRAY<STRUCT<id: STRING, start: INT, `end`: INT, low: DOUBLE, high: DOUBLE, per: STRING, unit: STRING,
                    speaker: STRING, about: STRING, same_as: STRING, kind: STRING>>,
times ARRAY<STRUCT<start: INT, `end`: INT, type: STRING, value: STRING, anchor: STRING>>,
events ARRAY<STRUCT<date: STRING, what: STRING, `where`: STRING, start: INT, `end`: INT>>
"""


def facet_frames(pages: DataFrame) -> dict[str, DataFrame]:
    """The facet tables of the analysed pages: one row per story, entity, mention, place, quote, claim,
    time expression and event, keyed by `page_id` (and the story or entity index where one belongs)."""
    from pyspark.sql import functions as F

    schema = " ".join(_ANALYSIS_SCHEMA.split())
    parsed = (pages.where(F.col("status") == ANALYSED)
              .select(F.col("id").alias("page_id"), F.from_json("analysis", schema).alias("a")))

    def exploded(field: str) -> DataFrame:
        return parsed.select("page_id", F.posexplode(f"a.{field}").alias("n", "x"))

    stories = exploded("stories").select("page_id", F.col("n").alias("story"), "x.start", "x.end", "x.title",
                                         "x.origin", F.col("x.dateline.place").alias("dateline_place"),
                                         F.col("x.dateline.date").alias("dateline_date"),
                                         F.col("x.dateline.agency").alias("dateline_agency"), "x.boundary")
    entity_rows = exploded("entities")
    entities = entity_rows.select("page_id", F.col("x.id").alias("entity_id"), "x.label", "x.type",
                                  F.size("x.mentions").alias("mentions"), "x.lat", "x.lon", "x.country",
                                  "x.gazetteer_id", "x.within")
    mentions = entity_rows.select("page_id", F.col("x.id").alias("entity_id"), "x.type",
                                  F.explode("x.mentions").alias("m")).select(
        "page_id", "entity_id", "type", "m.start", "m.end")
    places = entities.where(F.col("type") == "PLACE").drop("type")
    quotes = exploded("quotes").select("page_id", F.col("n").alias("quote"), "x.*")
    claims = exploded("claims").select("page_id", F.col("x.id").alias("claim_id"), "x.start", "x.end", "x.low",
                                       "x.high", "x.per", "x.unit", "x.speaker", "x.about", "x.same_as", "x.kind")
    times = exploded("times").select("page_id", F.col("n").alias("time"), "x.*")
    events = exploded("events").select("page_id", F.col("n").alias("event"), "x.*")
    return {"stories": stories, "entities": entities, "mentions": mentions, "places": places, "quotes": quotes,
            "claims": claims, "times": times, "events": events}


def write_facets(spark: SparkSession, out: str | Path) -> None:
    """Rebuild every facet table from `pages` (a run that stopped before this is mended by the next)."""
    out = Path(out)
    pages = _existing(spark, out / "pages")
    if pages is None:
        return
    for name, frame in facet_frames(pages).items():
        frame.write.mode("overwrite").parquet(str(out / name))


# ---------------------------------------------------------------------------------------------------------
# load: a Spark output into a store


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
    frame = _existing(spark, pages_dir)
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


# ---------------------------------------------------------------------------------------------------------
# passage reuse: candidates from shingle postings (joins, group-bys), alignment on the executors with
# `newsdesk.reuse.align`, copy clusters as connected components (iterative joins)

_FINGERPRINT_SCHEMA = "pk LONG, id STRING, site STRING, fp LONG"
_LINK_SCHEMA = ("page_a STRING, a_start INT, a_end INT, page_b STRING, b_start INT, b_end INT, "
                "similarity DOUBLE")


def _fingerprint_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: each page's winnowed fingerprints (as the single-machine index takes them), as
    signed 64-bit numbers, which is what Spark's LONG holds."""
    import numpy as np

    from newsdesk.corpus import site_of
    from newsdesk.reuse import words
    from newsdesk.reuse_index import fingerprints

    for row in rows:
        w = words(row["text"])
        if len(w) < config.min_page_words:
            continue  # too short to index or compare, as in `ReuseIndex.add`
        site = site_of(row["url"], row["source"])
        for fp in fingerprints(w, config).view(np.int64).tolist():
            yield (row["pk"], row["id"], site, fp)


def _align_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: the passages of each candidate pair, by the same `align` as `newsdesk link` (the
    later page first, its site's furniture and the stock phrases it holds ignored)."""
    import numpy as np

    from newsdesk.reuse import align

    for row in rows:
        ignore = np.unique(np.asarray(row["ignore"] or [], dtype=np.int64).view(np.uint64))
        for p in align(row["text_b"], row["text_a"], config, ignore=ignore if len(ignore) else None):
            yield (row["page_a"], p.b_start, p.b_end, row["page_b"], p.a_start, p.a_end, float(p.similarity))


@dataclass(frozen=True, slots=True)
class ReuseSummary:
    pages: int
    candidates: int
    links: int
    clusters: int
    iterations: int
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {"pages": self.pages, "candidates": self.candidates, "links": self.links, "clusters": self.clusters,
                "iterations": self.iterations, "seconds": round(self.seconds, 2)}


def reuse(spark: SparkSession, out: str | Path, config: ReuseConfig | None = None,
          partitions: int | None = None, copy_overlap: float = 0.5) -> ReuseSummary:
    """Find the passages the analysed pages of `out` share; write `out/links` (overwritten each run):
    `page_a` the earlier page (input order), both sides' offsets into the page texts, the similarity
    and `cluster`, the copy cluster (the connected component of copies: spans joined by a link, or
    two spans of one page overlapping by `copy_overlap` of the shorter, as `newsdesk.reuse.clusters`).

    Candidates: fingerprints a site repeats on `site_boilerplate_pages` pages and `site_boilerplate_share`
    of its pages (furniture) or held by more than `max_df` pages (stock phrases) do not count; every page
    is paired with the earliest `max_holders` holders of each fingerprint it holds (linear in the
    holders, as `earliest_copies` keeps the single-machine index), and a pair needs `min_shared`; each
    page keeps its `max_candidates` best. Not done here, unlike `newsdesk link`: who copied whom, and the
    gap-filling of furniture between two of its fingerprints."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    from newsdesk.reuse import ReuseConfig

    started = time.monotonic()
    cfg = config or ReuseConfig()
    out = Path(out)
    frame = _existing(spark, out / "pages")
    if frame is None:
        raise ConfigError("ND-E011", f"{out}: holds no Spark output (no Parquet files in {out / 'pages'}); "
                                     f"run newsdesk spark analyze first")
    parts = partitions or max(2, spark.sparkContext.defaultParallelism)
    # After a sort, monotonically_increasing_id grows in sort order: a page key in input order, no shuffle to one task.
    pages = (frame.where(F.col("status") == ANALYSED).orderBy("run", "input", "item")
             .select("id", "source", "url", "text").withColumn("pk", F.monotonically_increasing_id()))
    pages = pages.persist()
    fps = spark.createDataFrame(pages.rdd.mapPartitions(lambda rows: _fingerprint_partition(rows, cfg)),
                                _FINGERPRINT_SCHEMA).persist()
    try:
        site_pages = fps.groupBy("site").agg(F.countDistinct("pk").alias("site_pages"))
        furniture = (fps.groupBy("site", "fp").agg(F.countDistinct("pk").alias("n")).join(site_pages, "site")
                     .where((F.col("n") >= cfg.site_boilerplate_pages)
                            & (F.col("n") >= cfg.site_boilerplate_share * F.col("site_pages")))
                     .select("site", "fp"))
        stock = fps.groupBy("fp").agg(F.count("*").alias("df")).where(F.col("df") > cfg.max_df).select("fp")
        usable = fps.join(furniture, ["site", "fp"], "left_anti").join(stock, "fp", "left_anti")
        # The stock and furniture fingerprints each page holds: what align must not seed from.
        ignored = (fps.join(furniture, ["site", "fp"], "left_semi")
                   .unionByName(fps.join(stock, "fp", "left_semi"))
                   .groupBy("id").agg(F.collect_set("fp").alias("ignore")))
        holders = usable.withColumn("rank", F.row_number().over(Window.partitionBy("fp").orderBy("pk")))
        earliest = holders.where(F.col("rank") <= cfg.max_holders).select(
            "fp", F.col("pk").alias("pk_a"), F.col("id").alias("page_a"))
        later = usable.select("fp", F.col("pk").alias("pk_b"), F.col("id").alias("page_b"))
        shared = (earliest.join(later, "fp").where(F.col("pk_a") < F.col("pk_b"))
                  .groupBy("pk_a", "page_a", "pk_b", "page_b").agg(F.count("*").alias("shared"))
                  .where(F.col("shared") >= cfg.min_shared))
        best = Window.partitionBy("pk_b").orderBy(F.col("shared").desc(), F.col("pk_a"))
        pairs = shared.withColumn("n", F.row_number().over(best)).where(F.col("n") <= cfg.max_candidates)
        texts = pages.select("id", "text")
        work = (pairs.join(texts.select(F.col("id").alias("page_a"), F.col("text").alias("text_a")), "page_a")
                .join(texts.select(F.col("id").alias("page_b"), F.col("text").alias("text_b")), "page_b")
                .join(ignored.withColumnRenamed("id", "page_b"), "page_b", "left_outer")
                .repartition(parts))
        candidates = work.count()
        links = spark.createDataFrame(work.rdd.mapPartitions(lambda rows: _align_partition(rows, cfg)),
                                      _LINK_SCHEMA).persist()
        clustered, iterations = _copy_clusters(links, copy_overlap)
        (out / "links").mkdir(parents=True, exist_ok=True)
        clustered.write.mode("overwrite").parquet(str(out / "links"))
        written = spark.read.parquet(str(out / "links"))
        counts = written.agg(F.count("*").alias("links"), F.countDistinct("cluster").alias("clusters")).first()
        indexed = fps.select("pk").distinct().count()
        links.unpersist()
    finally:
        fps.unpersist()
        pages.unpersist()
    assert counts is not None
    return ReuseSummary(indexed, candidates, int(counts["links"]), int(counts["clusters"]), iterations,
                        time.monotonic() - started)


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
