"""facets: the facet tables beside `pages`, typed columns parsed from the analysis JSON by Spark itself.

    write_facets(spark, "out/")        # out/stories, out/entities, … rebuilt from out/pages
    frames = facet_frames(pages)       # the same tables as DataFrames
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.jobs.spark.runtime import ANALYSED, output_pages

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["FACETS", "facet_frames", "write_facets"]

#: The facet tables written beside `pages`.
FACETS = ("stories", "entities", "mentions", "places", "quotes", "claims", "times", "events")

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


def write_facets(spark: SparkSession, out: str | Path, run: str | None = None, threads: int = 4) -> dict[str, int]:
    """Rebuild every facet table from `pages` (a run that stopped before this is mended by the next), and
    count the `pages` rows of `run` by status (for `analyze`'s summary; {} without a run)."""
    from pyspark.sql import functions as F
    from pyspark.util import inheritable_thread_target

    out = Path(out)
    pages = output_pages(spark, out / "pages")
    if pages is None:
        return {}
    # The analysis JSON is read and parsed once for the eight tables, not once a table.
    parsed = _parsed(pages).persist()

    def write(name: str, frame: DataFrame) -> None:
        frame.write.mode("overwrite").parquet(str(out / name))

    def count(this_run: str) -> dict[str, int]:
        rows = pages.where(F.col("run") == F.lit(this_run)).groupBy("status").agg(F.count("*").alias("n")).collect()
        return {r["status"]: int(r["n"]) for r in rows}

    try:
        # Each table is a job of its own with its own commit: submitted from several driver threads, one
        # job's planning and commit (most of a small table's time) overlap the others' tasks.
        with ThreadPoolExecutor(threads, thread_name_prefix="newsdesk-facets") as pool:
            counting = pool.submit(inheritable_thread_target(spark)(count), run) if run is not None else None
            writes = [pool.submit(inheritable_thread_target(spark)(write), name, frame)
                      for name, frame in _facets(parsed).items()]
            for done in writes:
                done.result()
            return counting.result() if counting is not None else {}
    finally:
        parsed.unpersist()
