"""daemon: PySpark's worker daemon with newsdesk's analysis code imported before it forks any worker.

    spark.python.daemon.module = newsdesk.jobs.spark.daemon          # set by `session` for a local master

PySpark starts one daemon per executor, which forks a Python worker for each task slot. Imported here
once, the analysis modules (spaCy, the gazetteer code, numpy: over a second of CPU) are in every forked
worker already, as `newsdesk ingest`'s workers inherit them from their parent; without this each worker
imports them again before it can build its pipeline. Nothing is built here: a worker builds its own
pipeline on first use. The daemon's standard output carries its port to the JVM, so this module prints nothing.
"""

from __future__ import annotations

import newsdesk.analysis.pipeline  # noqa: F401 - imported for the forked workers, see the module


def main() -> None:
    """Run PySpark's own daemon (it reads which worker module to fork from its arguments, as it would)."""
    from pyspark import daemon

    # Untyped in pyspark; without the spark extra installed, pyspark is Any and there is nothing to ignore.
    daemon.manager()  # type: ignore[no-untyped-call,unused-ignore]


if __name__ == "__main__":
    main()
