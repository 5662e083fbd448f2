"""runtime: what every Spark job of newsdesk needs — the session, the extra it needs, the `pages` table.

    require_spark()                          # ConfigError saying how to install pyspark and Java, if missing
    spark = session("local[2]")              # None: spark-submit's master, else local[2]
    pages = output_pages(spark, out / "pages")   # what `analyze` wrote there, or None
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["ANALYSED", "DUPLICATE", "FAILED", "INSTALL_HINT", "LOCAL_JAVA_OPTIONS", "PAGES_SCHEMA", "UNREADABLE",
           "local_shuffle_partitions", "output_pages", "require_spark", "session"]

INSTALL_HINT = ("the Spark commands need the spark extra: pip install 'newsdesk[spark]' "
                "(pyspark, and Java 17 or later on the PATH or in JAVA_HOME)")

#: `pages.status` values.
ANALYSED, FAILED, UNREADABLE, DUPLICATE = "analysed", "failed", "unreadable", "duplicate"


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
        builder = (builder.config("spark.ui.enabled", "false")
                   # The pages are analysed in Python; the one local JVM mostly starts, plans and writes, and
                   # the optimising JIT compiler (C2) spends more CPU compiling that than it saves (measured:
                   # the JVM's CPU for start-up and a first query 19-22 s -> 11 s). Spark's own Java module
                   # flags are in defaultJavaOptions, kept.
                   .config("spark.driver.extraJavaOptions", os.environ.get("NEWSDESK_SPARK_JAVA_OPTIONS",
                                                                           LOCAL_JAVA_OPTIONS))
                   # Its forked workers find the analysis code imported (`newsdesk.jobs.spark.daemon`).
                   .config("spark.python.daemon.module", "newsdesk.jobs.spark.daemon")
                   # The one local JVM is driver and executor: Spark's 1 GB default ran out of heap reading
                   # 100,000 pages' texts. NEWSDESK_SPARK_DRIVER_MEMORY replaces it (spark-submit's own
                   # --driver-memory rules on a cluster).
                   .config("spark.driver.memory", os.environ.get("NEWSDESK_SPARK_DRIVER_MEMORY",
                                                                 LOCAL_DRIVER_MEMORY)))
    # A page table's rows are long texts: Parquet's vectorized reader takes 4,096 rows a batch by default,
    # tens of MB in one contiguous buffer; a few hundred rows keep a batch a few MB.
    builder = builder.config("spark.sql.parquet.columnarReaderBatchSize", str(PAGE_READER_BATCH_ROWS))
    shuffle = partitions if partitions is not None else (local_shuffle_partitions(master) if local else None)
    if shuffle is not None:
        # Spark's default of 200 shuffle partitions is meant for clusters: on one machine each shuffle (the
        # de-duplication, the counts, reuse's joins) would be 200 tiny tasks and files.
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


#: JVM options for a local master (see `session`); NEWSDESK_SPARK_JAVA_OPTIONS replaces them.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"
#: The local JVM's heap (see `session`); NEWSDESK_SPARK_DRIVER_MEMORY replaces it.
LOCAL_DRIVER_MEMORY = "3g"
#: Rows a Parquet reader batch holds (see `session`).
PAGE_READER_BATCH_ROWS = 256


def local_shuffle_partitions(master: str | None) -> int:
    """Shuffle partitions for a local master: two a core (local[N] and local[N,F]: N cores; local[*]: this
    machine's; local: one), at least two: enough to spread a shuffle over every core, few enough to cost little."""
    cores = os.cpu_count() or 2
    if master is not None and master.startswith("local[") and master.endswith("]"):
        count = master[len("local["):-1].split(",")[0].strip()
        cores = int(count) if count.isdigit() and int(count) > 0 else cores
    elif master == "local":
        cores = 1
    return max(2, 2 * cores)


#: The `pages` table: one row per input item (see `newsdesk.jobs.spark`).
PAGES_SCHEMA = ("id STRING, content_hash STRING, source STRING, url STRING, date STRING, title STRING, "
                "text STRING, analysis STRING, status STRING, error STRING, code STRING, "
                "run STRING, input LONG, item LONG")


def output_pages(spark: SparkSession, pages_dir: Path) -> DataFrame | None:
    """The `pages` table an earlier run wrote to `pages_dir`; None when there is none yet."""
    if not pages_dir.is_dir() or not any(pages_dir.glob("*.parquet")):
        return None
    return spark.read.schema(PAGES_SCHEMA).parquet(str(pages_dir))

