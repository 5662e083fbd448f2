"""spark: newsdesk's analysis as an Apache Spark job, for crawls that outgrow one machine (issue 26).

    spark = session("local[2]")
    summary = analyze(spark, ["crawl/"], "out/")          # Parquet: out/pages, out/stories, out/entities, …
    found = reuse(spark, "out/")                          # out/links: the passages pages share, who copied whom
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

The modules, each a stage: `runtime` (the session, the extra, the `pages` table), `analysis` (inputs read
and analysed), `facets` (the typed tables beside `pages`), `passages` (`spark reuse`: the passages pages
share) and `verdicts` (who copied whom), `loading` (a Spark output into a store), `daemon` (the Python
worker daemon of a local master, with the analysis code imported before it forks the workers). The names
below are imported from their module when first used: a process that finds passages, or only reads
`newsdesk.jobs.spark.verdicts`, does not load the analysis pipeline and its language models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.jobs.spark.analysis import AnalyzeSummary, Unit, analyze, plan_inputs
    from newsdesk.jobs.spark.facets import FACETS, facet_frames, write_facets
    from newsdesk.jobs.spark.loading import (
        LINKS_STATE,
        LinksLoaded,
        LoadSummary,
        StoredError,
        link_files,
        link_without_reuse,
        load,
        load_links,
    )
    from newsdesk.jobs.spark.passages import ReuseSummary, reuse
    from newsdesk.jobs.spark.runtime import (
        ANALYSED,
        DUPLICATE,
        FAILED,
        INSTALL_HINT,
        UNREADABLE,
        require_spark,
        session,
    )

#: The module of this package each public name comes from.
_MODULES = {
    **dict.fromkeys(("AnalyzeSummary", "Unit", "analyze", "plan_inputs"), "analysis"),
    **dict.fromkeys(("FACETS", "facet_frames", "write_facets"), "facets"),
    **dict.fromkeys(("LINKS_STATE", "LinksLoaded", "LoadSummary", "StoredError", "link_files", "link_without_reuse",
                     "load", "load_links"), "loading"),
    **dict.fromkeys(("ReuseSummary", "reuse"), "passages"),
    **dict.fromkeys(("ANALYSED", "DUPLICATE", "FAILED", "INSTALL_HINT", "UNREADABLE", "require_spark", "session"),
                    "runtime"),
}

__all__ = ["ANALYSED", "DUPLICATE", "FACETS", "FAILED", "INSTALL_HINT", "LINKS_STATE", "UNREADABLE",
           "AnalyzeSummary", "LinksLoaded", "LoadSummary", "ReuseSummary", "StoredError", "Unit", "analyze",
           "facet_frames", "link_files", "link_without_reuse", "load", "load_links", "plan_inputs",
           "require_spark", "reuse", "session", "write_facets"]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use (PEP 562) and kept."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
