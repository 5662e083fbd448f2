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
import json
import logging
import os
import pickle
import shutil
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import orjson

from newsdesk.analysis.pipeline import AnalysisFailure, Pipeline
from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.model import Analysis, Cleaning, Page
from newsdesk.read.files import ReadConfig, read_sources, stat_source, walk_directory
from newsdesk.store import ReuseRow, Store, content_hash, page_id_of

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, Row, SparkSession

    from newsdesk.corpus.reuse.align import ReuseConfig
    from newsdesk.corpus.reuse.direction import Copying
    from newsdesk.jobs.link import LinkSummary

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
_PAGES_SCHEMA = ("id STRING, content_hash STRING, source STRING, url STRING, date STRING, title STRING, "
                 "text STRING, analysis STRING, status STRING, error STRING, code STRING, "
                 "run STRING, input LONG, item LONG")


# ---------------------------------------------------------------------------------------------------------
# analysis on the executors

#: Analysis tasks per core when --partitions is not given.
_TASKS_PER_CORE = 4

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
        # Several analysis tasks a core (unless told): the pipeline is built once per worker whatever the
        # tasks, and with one task a core a task of long pages leaves the other cores idle at the end.
        tasks = partitions or _TASKS_PER_CORE * parts
        analysed_rdd = fresh.repartition(tasks).rdd.mapPartitions(lambda rows: _analyse_partition(rows, run))
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


def _parsed(pages: DataFrame) -> DataFrame:
    from pyspark.sql import functions as F

    schema = " ".join(_ANALYSIS_SCHEMA.split())
    return (pages.where(F.col("status") == ANALYSED)
            .select(F.col("id").alias("page_id"), F.from_json("analysis", schema).alias("a")))


def facet_frames(pages: DataFrame) -> dict[str, DataFrame]:
    """The facet tables of the analysed pages: one row per story, entity, mention, place, quote, claim,
    time expression and event, keyed by `page_id` (and the story or entity index where one belongs)."""
    return _facets(_parsed(pages))


def _facets(parsed: DataFrame) -> dict[str, DataFrame]:
    from pyspark.sql import functions as F


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
    # The analysis JSON is read and parsed once for the eight tables, not once a table.
    parsed = _parsed(pages).persist()
    try:
        for name, frame in _facets(parsed).items():
            frame.write.mode("overwrite").parquet(str(out / name))
    finally:
        parsed.unpersist()


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
    """Store the passages of `out/links` as `newsdesk link` stores its own (`corpus._stored`: the copy on
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
    rebuilt as `reuse_direction` clues, then `corpus._stored` orients it and words its clues."""
    from newsdesk.corpus.reuse.align import Passage
    from newsdesk.corpus.reuse.direction import Clue, Direction
    from newsdesk.jobs.link import _stored

    mine = r["page_a"] <= r["page_b"]

    def side(name: str) -> Literal["a", "b"]:
        return "a" if (name == "a") == mine else "b"

    clues = tuple(Clue(c["rule"], side(c["source"]), c["detail"], float(c["weight"]),
                       "copy" if c["about"] == "copy" else "source") for c in orjson.loads(r["evidence"]))
    verdict = cast("Copying", r["direction"] if mine else _SWAPPED[r["direction"]])
    a = (r["page_a"], r["a_start"], r["a_end"])
    b = (r["page_b"], r["b_start"], r["b_end"])
    (me, me_start, me_end), (other, o_start, o_end) = (a, b) if mine else (b, a)
    return _stored(me, other, Passage(me_start, me_end, o_start, o_end, float(r["similarity"])),
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


# ---------------------------------------------------------------------------------------------------------
# passage reuse: candidates from shingle postings (joins, group-bys), alignment on the executors with
# `newsdesk.corpus.reuse.align.align`, copy clusters as connected components (iterative joins)

_FINGERPRINT_SCHEMA = "pk LONG, id STRING, site STRING, fp LONG"
_LINK_SCHEMA = ("page_a STRING, a_start INT, a_end INT, page_b STRING, b_start INT, b_end INT, "
                "similarity DOUBLE")
#: The `links` table: both sides' offsets, the copy cluster, who copied whom ("a_copied_b", "b_copied_a",
#: "unknown"), the winning side's margin, the evidence (JSON: each clue's rule, the side it names as the
#: source, "a" or "b", its detail and weight) and `why` in words.
_JUDGED_SCHEMA = (f"{_LINK_SCHEMA}, cluster LONG, direction STRING, margin DOUBLE, evidence STRING, "
                  "why STRING")
#: `Direction.verdict` read from the other side.
_SWAPPED = {"a_copied_b": "b_copied_a", "b_copied_a": "a_copied_b", "unknown": "unknown"}


def _fingerprint_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: each page's winnowed fingerprints (as the single-machine index takes them), as
    signed 64-bit numbers, which is what Spark's LONG holds."""
    import numpy as np

    from newsdesk.corpus.reuse.align import words
    from newsdesk.corpus.reuse.index import fingerprints
    from newsdesk.jobs.link import site_of

    for row in rows:
        w = words(row["text"])
        if len(w) < config.min_page_words:
            continue  # too short to index or compare, as in `ReuseIndex.add`
        site = site_of(row["url"], row["source"])
        for fp in fingerprints(w, config).view(np.int64).tolist():
            yield (row["pk"], row["id"], site, fp)


def _candidate_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: a page's candidates from the earlier pages it meets on fingerprints, chosen by the
    single-machine index's own rules (`ReuseIndex._candidates`: `min_shared`, the earliest copies only,
    most shared first, `max_candidates`), the pages numbered by their input-order key."""
    import numpy as np

    from newsdesk.corpus.reuse.index import ReuseIndex

    index = ReuseIndex(config)
    for row in rows:
        fps = np.fromiter((m["fp"] for m in row["met"]), dtype=np.int64, count=len(row["met"]))
        keys = np.fromiter((m["pk_a"] for m in row["met"]), dtype=np.int64, count=len(row["met"]))
        ids = {int(m["pk_a"]): m["page_a"] for m in row["met"]}
        which = np.unique(fps, return_inverse=True)[1].astype(np.int64)
        # The index numbers pages 0, 1, … in input order: the keys' ranks are such numbers.
        order, ranks = np.unique(keys, return_inverse=True)
        pages = ranks.astype(np.int32)
        numbers, counts = np.unique(pages, return_counts=True)
        chosen = counts >= config.min_shared
        numbers, counts = numbers[chosen], counts[chosen]
        if config.earliest_copies and len(numbers) > 1:
            numbers, counts = index._earliest_copies(which, pages, numbers, counts)
        for k in np.lexsort((numbers, -counts))[:config.max_candidates].tolist():
            key = int(order[numbers[k]])
            yield key, ids[key], row["pk_b"], row["page_b"], int(counts[k])


def _furniture_index(config: ReuseConfig, ignored: Sequence[int] | None) -> Any:
    """A `ReuseIndex` that knows only `ignored` (a page's furniture and stock fingerprints, signed) as
    furniture: its `furniture` and `furniture_shingles` then mark the page's text as the single-machine
    index marks it (the same runs, the same gap filling), without the whole corpus's postings."""
    import numpy as np

    from newsdesk.corpus.reuse.index import ReuseIndex

    index = ReuseIndex(config)
    index._ignored = set(np.asarray(ignored or [], dtype=np.int64).view(np.uint64).tolist())
    return index


def _covered_share(spans: Sequence[tuple[int, int]], start: int, end: int) -> float:
    from newsdesk.jobs.link import _covered

    return _covered(spans, start, end) / max(1, end - start)


def _align_partition(rows: Iterable[Row], config: ReuseConfig) -> Iterator[tuple[Any, ...]]:
    """Executor side: the passages of each candidate pair, by the same `align` as `newsdesk link` (the
    later page first, its site's furniture and the stock phrases it holds ignored). A passage between two
    pages of one site is kept as `newsdesk link` keeps it: only once the site has `site_boilerplate_pages`
    pages, and not when it lies mostly in furniture (known fingerprints or the cleaner's removed spans)."""
    from newsdesk.corpus.reuse.align import align
    from newsdesk.jobs.link import _FURNITURE_SHARE

    for row in rows:
        same_site = row["site_a"] == row["site_b"]
        if same_site and row["site_pages"] < config.site_boilerplate_pages:
            continue  # held by `newsdesk link` until the site has enough pages: here it never will
        later = _furniture_index(config, row["ignore_b"])
        ignore = later.furniture_shingles(row["text_b"])
        passages = align(row["text_b"], row["text_a"], config, ignore=ignore if len(ignore) else None)
        if same_site and passages:
            earlier = _furniture_index(config, row["ignore_a"])
            furniture_a = [*earlier.furniture(row["text_a"]), *((r["start"], r["end"]) for r in row["removed_a"] or ())]
            furniture_b = [*later.furniture(row["text_b"]), *((r["start"], r["end"]) for r in row["removed_b"] or ())]
            passages = [p for p in passages if max(_covered_share(furniture_b, p.a_start, p.a_end),
                                                   _covered_share(furniture_a, p.b_start, p.b_end)) < _FURNITURE_SHARE]
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

    def to_json(self) -> dict[str, object]:
        return {"pages": self.pages, "candidates": self.candidates, "links": self.links, "copied": self.copied,
                "unknown": self.links - self.copied, "clusters": self.clusters, "iterations": self.iterations,
                "seconds": round(self.seconds, 2)}


def reuse(spark: SparkSession, out: str | Path, config: ReuseConfig | None = None,
          partitions: int | None = None, copy_overlap: float = 0.5) -> ReuseSummary:
    """Find the passages the analysed pages of `out` share; write `out/links` (overwritten each run):
    `page_a` the earlier page (input order), both sides' offsets into the page texts, the similarity,
    `cluster`, the copy cluster (the connected component of copies: spans joined by a link, or two
    spans of one page overlapping by `copy_overlap` of the shorter, as `newsdesk link` clusters them),
    and who copied whom (`direction`, `margin`, `evidence`, `why`: `_judge`).

    Candidates: fingerprints a site repeats on `site_boilerplate_pages` pages and `site_boilerplate_share`
    of its pages (furniture) or held by more than `max_df` pages (stock phrases) do not count; every page
    is paired with the earliest `max_holders` holders of each fingerprint it holds (linear in the
    holders, as `earliest_copies` keeps the single-machine index), and a pair needs `min_shared`; each
    page keeps its `max_candidates` best."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    from newsdesk.corpus.reuse.align import ReuseConfig

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
             .select("id", "source", "url", "date", "text", "analysis")
             .withColumn("pk", F.monotonically_increasing_id()))
    pages = pages.persist()
    fps = spark.createDataFrame(pages.rdd.mapPartitions(lambda rows: _fingerprint_partition(rows, cfg)),
                                _FINGERPRINT_SCHEMA).persist()
    try:
        page_site = fps.select("id", "site").distinct()
        site_pages = page_site.groupBy("site").agg(F.count("*").alias("site_pages"))
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
        # Each later page's postings, grouped: its candidates are chosen as the index chooses them.
        met = (earliest.join(later, "fp").where(F.col("pk_a") < F.col("pk_b"))
               .groupBy("pk_b", "page_b").agg(F.collect_list(F.struct("fp", "pk_a", "page_a")).alias("met")))
        pairs = spark.createDataFrame(met.rdd.mapPartitions(lambda rows: _candidate_partition(rows, cfg)),
                                      "pk_a LONG, page_a STRING, pk_b LONG, page_b STRING, shared LONG")
        removed = F.from_json("analysis", "removed ARRAY<STRUCT<start: INT, `end`: INT>>")["removed"]
        about = (pages.select("id", "text", removed.alias("removed")).join(page_site, "id")
                 .join(site_pages, "site").join(ignored, "id", "left_outer"))

        def side(name: str) -> DataFrame:
            return about.select(*(F.col(c).alias(f"{c}_{name}") for c in about.columns)).withColumnRenamed(
                f"id_{name}", f"page_{name}")

        work = (pairs.join(side("a"), "page_a").join(side("b"), "page_b")
                .withColumn("site_pages", F.col("site_pages_b")).repartition(parts))
        candidates = work.count()
        links = spark.createDataFrame(work.rdd.mapPartitions(lambda rows: _align_partition(rows, cfg)),
                                      _LINK_SCHEMA).persist()
        clustered, iterations = _copy_clusters(links, copy_overlap)
        judged = _judge(clustered.persist(), pages, page_site, site_pages, copy_overlap, parts)
        (out / "links").mkdir(parents=True, exist_ok=True)
        judged.write.mode("overwrite").parquet(str(out / "links"))
        written = spark.read.parquet(str(out / "links"))
        counts = written.agg(F.count("*").alias("links"), F.countDistinct("cluster").alias("clusters"),
                             F.count(F.when(F.col("direction") != "unknown", 1)).alias("copied")).first()
        indexed = page_site.count()
        clustered.unpersist()
        links.unpersist()
    finally:
        fps.unpersist()
        pages.unpersist()
    assert counts is not None
    return ReuseSummary(indexed, candidates, int(counts["links"]), int(counts["clusters"]), iterations,
                        time.monotonic() - started, int(counts["copied"]))


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


# ---------------------------------------------------------------------------------------------------------
# who copied whom: the evidence `newsdesk link` weighs, for every link at once


def _compiled_partition(rows: Iterable[Row], overlap: float) -> Iterator[tuple[str, bool]]:
    """Executor side: whether each page shares passages with other pages in other places of it (a
    compilation), by `newsdesk link`'s own count of a page's other sources."""
    from newsdesk.jobs.link import _other_sources

    for row in rows:
        spans = [(s["start"], s["end"], s["other"]) for s in row["spans"]]
        yield row["id"], any(_other_sources(spans, s, e, other, overlap) for s, e, other in spans)


def _judge(links: DataFrame, pages: DataFrame, page_site: DataFrame, site_pages: DataFrame, overlap: float,
           parts: int) -> DataFrame:
    """`links` (with `cluster`) with who copied whom, decided as `newsdesk link` decides once a run is done
    (`corpus._Linker.settle`): each side's other sources (a compilation), its site's habit of republishing,
    then `reuse_direction.direction` on the executors; then, strongest first, an arrow that would close a
    cycle of copies is made `unknown` (on the driver: it is one pass in order, over the decided links only)."""
    from pyspark.sql import functions as F

    from newsdesk.jobs.link import _COMPILED_KEPT, _REPUBLISHER_PAGES, _REPUBLISHER_SHARE, _reaches

    spark = links.sparkSession

    def span(page: str, start: str, end: str, other: str) -> DataFrame:
        return links.select(F.col(page).alias("id"), F.struct(F.col(start).alias("start"), F.col(end).alias("end"),
                                                               F.col(other).alias("other")).alias("s"))

    spans = (span("page_a", "a_start", "a_end", "page_b").unionByName(span("page_b", "b_start", "b_end", "page_a"))
             .groupBy("id").agg(F.collect_list("s").alias("spans")))
    compiled = spark.createDataFrame(spans.rdd.mapPartitions(lambda rows: _compiled_partition(rows, overlap)),
                                     "id STRING, compiled BOOLEAN")
    # `newsdesk link` keeps the first `_COMPILED_KEPT` compilations of a site: the count is capped the same.
    kept = F.least(F.col("n"), F.lit(_COMPILED_KEPT))
    republishers = (compiled.where("compiled").join(page_site, "id").groupBy("site").agg(F.count("*").alias("n"))
                    .join(site_pages, "site")
                    .select("site", ((kept >= _REPUBLISHER_PAGES)
                                     & ((kept >= _COMPILED_KEPT) | (kept >= _REPUBLISHER_SHARE * F.col("site_pages"))))
                            .alias("republisher")))
    about = (pages.select("id", "source", "url", "date", "analysis").join(spans, "id").join(page_site, "id")
             .join(republishers, "site", "left_outer").drop("site"))

    def side(name: str) -> DataFrame:
        return about.select(*(F.col(c).alias(f"{c}_{name}") for c in about.columns)).withColumnRenamed(
            f"id_{name}", f"page_{name}")

    work = links.join(side("a"), "page_a").join(side("b"), "page_b").repartition(parts)
    judged = spark.createDataFrame(work.rdd.mapPartitions(lambda rows: _judge_partition(rows, overlap)),
                                   _JUDGED_SCHEMA).persist()
    decided = sorted(_arrow(r) for r in judged.where(F.col("direction") != "unknown")
                     .select("page_a", "a_start", "page_b", "b_start", "direction", "margin").toLocalIterator())
    copied_from: dict[str, set[str]] = {}
    cycles: list[tuple[str, int, str, int]] = []
    for _, _, copier, source, link in decided:
        if _reaches(copied_from, source, copier):
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
            .select(*[c.split()[0] for c in _JUDGED_SCHEMA.split(", ")]))


def _arrow(row: Row) -> tuple[float, tuple[str, int, str, int], str, str, tuple[str, int, str, int]]:
    """A decided link as `newsdesk link` orders them to break cycles: strongest first, then by the link
    read from the page of the lower id; with its copier, its source and its own (a, b) key."""
    a, b = (row["page_a"], row["a_start"]), (row["page_b"], row["b_start"])
    low, high = (b, a) if b[0] < a[0] else (a, b)
    copier, source = (a[0], b[0]) if row["direction"] == "a_copied_b" else (b[0], a[0])
    return -row["margin"], (*low, *high), copier, source, (*a, *b)


def _judge_partition(rows: Iterable[Row], overlap: float) -> Iterator[tuple[Any, ...]]:
    """Executor side: each link with `reuse_direction.direction`'s verdict, read from the page of the lower
    id as `newsdesk link` reads it (so the evidence is weighed, and tied, in the same order), written
    back in the link's own a/b columns."""
    from newsdesk.corpus.reuse.align import Passage
    from newsdesk.corpus.reuse.direction import direction
    from newsdesk.jobs.link import _Aligned, _other_sources
    from newsdesk.store import LinkPage

    seen: dict[str, _Aligned] = {}

    def aligned(row: Row, name: str) -> _Aligned:
        page_id = row[f"page_{name}"]
        if page_id not in seen:
            if len(seen) > 256:
                seen.clear()  # a page is often in many links of one partition; its parse is kept a while
            analysis = orjson.loads(row[f"analysis_{name}"])
            seen[page_id] = _Aligned.of(LinkPage(0, page_id, row[f"source_{name}"], row[f"url_{name}"],
                                                 row[f"date_{name}"], analysis))
        return seen[page_id]

    for row in rows:
        a, b = aligned(row, "a"), aligned(row, "b")
        spans_a = [(s["start"], s["end"], s["other"]) for s in row["spans_a"]]
        spans_b = [(s["start"], s["end"], s["other"]) for s in row["spans_b"]]
        side_a = a.side(row["a_start"], _other_sources(spans_a, row["a_start"], row["a_end"], b.id, overlap),
                        bool(row["republisher_a"]))
        side_b = b.side(row["b_start"], _other_sources(spans_b, row["b_start"], row["b_end"], a.id, overlap),
                        bool(row["republisher_b"]))
        flipped = b.id < a.id
        if flipped:
            found = direction(side_b, side_a, Passage(row["b_start"], row["b_end"], row["a_start"], row["a_end"],
                                                      row["similarity"]))
        else:
            found = direction(side_a, side_b, Passage(row["a_start"], row["a_end"], row["b_start"], row["b_end"],
                                                      row["similarity"]))
        verdict = _SWAPPED[found.verdict] if flipped else found.verdict
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
