"""Passage reuse at scale: `newsdesk spark reuse` on local[2] against the single-machine reuse, same pages.

    python -m bench.spark_reuse [--pages 2000] [--seed 1] [--master local[2]] [--partitions N]
    python -m bench.spark_reuse --pages 10000,100000        # issue 26's sizes: run it in the background
    python -m bench.spark_reuse --pages 10000 --single full  # the single machine links events too

Reuse is measured apart from analysis: analysing 100,000 pages would take a day on two cores, and
passage finding does not read the analysis beyond the text and the cleaner's removed spans. The pages
are `bench/reuse.py`'s synthetic ones (Zipf-distributed words, 200 sites each with its own header and
footer, one page in five carrying a passage of an earlier page), so no shared data is needed. For each
size:

* single machine: the pages stored in a SQLite store (untimed), then `newsdesk link` over them, as the
  desk links them (`link_pages`: the reuse index, alignment, copy clusters, who copied whom, written to
  the store; `single_seconds`; `single_reuse_seconds` its own passage finding). `--single reuse` runs
  `newsdesk link --reuse-only` (`LinkConfig(events=False)`: no entity, event or storyline linking,
  which takes hours at 100k pages on two cores), the same work as Spark's; `--single full` the whole
  link. The default is `reuse` when any size is over 20,000 pages, else `full`; `single_mode` says which;
* Spark: the same pages written as a `spark analyze` output (`pages` table: text, an analysis holding
  the text and no removed spans, status analysed), then `newsdesk.jobs.spark.reuse` timed after its
  session is up and the table written (`spark_seconds`: candidates, alignment, copy clusters, who
  copied whom, the `links` table written; `spark_phases` splits it by phase). `peak_worker_mb` is the
  largest resident memory seen of one Python worker process (sampled every half second). The JVM's
  start-up, paid once a job whatever its size, is `session_seconds`, apart.

`links_equal`: the passages `newsdesk link` stored are exactly those of Spark's `links` table (both pages,
both sides' offsets); `directions_equal`: and each names the same copier, or none.

Targets (issue 26): `spark_over_single` (Spark's seconds over `newsdesk link`'s, both end to end after the
pages are in place) ≤ 1.5 at 10k and 100k pages (`spark_over_single_reuse` compares with link's own
passage finding alone, a stricter reading); with two sizes, the larger's Spark
seconds over the smaller's (`growth`) ≤ 11 for a tenfold size. Prints a line a size, then the figures
as one JSON line; skips (exit 0) when pyspark or Java is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import last_line, skip
from bench.reuse import synthetic_pages
from newsdesk.corpus.reuse.align import ReuseConfig
from newsdesk.model import SCHEMA, Analysis

BENCH = "spark-reuse"
#: Up to this many pages the single machine's side is a full link by default (it clusters events too,
#: hours at 100k pages on two cores); above, reuse only, the work Spark does.
FULL_UP_TO = 20_000
#: The command lines of the Python processes Spark starts for its tasks on a local master.
WORKER_MARKS = (b"newsdesk.jobs.spark.daemon", b"pyspark.daemon", b"pyspark.worker")


class WorkerMemory:
    """The largest resident set of any one Spark Python worker seen while it runs (a thread reading /proc)."""

    def __init__(self, every: float = 0.5) -> None:
        self.every, self.peak_kb = every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        proc = Path("/proc")
        while not self._stop.wait(self.every):
            for pid in proc.iterdir():
                if not pid.name.isdigit():
                    continue
                try:
                    cmdline = (pid / "cmdline").read_bytes()
                    program = cmdline.split(b"\0", 1)[0]
                    # The JVM's own command line may name the daemon module in its settings: Python only.
                    if b"python" not in program or not any(mark in cmdline for mark in WORKER_MARKS):
                        continue
                    for line in (pid / "status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except OSError:
                    continue  # the process ended between the listing and the read


def write_pages(spark: Any, pages: list[tuple[int, str, str]], folder: Path) -> None:
    """`pages` as the `pages` table `spark analyze` writes, in `folder / "pages"` (via JSONL: no pandas)."""
    from newsdesk.jobs.spark.runtime import ANALYSED, PAGES_SCHEMA

    jsonl = folder / "pages.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for number, text, site in pages:
            page_id = f"p{number:07d}"
            record = {"id": page_id, "content_hash": page_id, "source": f"https://{site}/{number}",
                      "url": f"https://{site}/{number}", "date": None, "title": None, "text": text,
                      "analysis": json.dumps({"text": text, "removed": [], "stories": []}), "status": ANALYSED,
                      "error": None, "code": None, "run": "bench", "input": 0, "item": number}
            f.write(json.dumps(record) + "\n")
    spark.read.schema(PAGES_SCHEMA).json(str(jsonl)).write.mode("overwrite").parquet(str(folder / "pages"))
    jsonl.unlink()


def pages_as_analyses(pages: list[tuple[int, str, str]]) -> Iterator[Analysis]:
    """Each page as the analysis of a page that has text only (no stories, nothing removed)."""
    for number, text, site in pages:
        yield Analysis.from_json({"schema": SCHEMA, "source": f"https://{site}/{number}",
                                  "url": f"https://{site}/{number}", "text": text})


#: A link as both sides' (page, start, end), either way round, and the copy's (page, start, end) or None.
LinkKey = tuple[frozenset[tuple[str, int, int]], tuple[str, int, int] | None]


def page_id(source: str) -> str:
    """The id `write_pages` gives the page of `source` (`https://{site}/{number}`)."""
    return f"p{int(source.rsplit('/', 1)[1]):07d}"


def stored_links(db: Path) -> set[LinkKey]:
    """The passages `newsdesk link` stored in the SQLite store `db`, as `LinkKey`s (page ids as `write_pages`'s)."""
    import sqlite3

    with closing(sqlite3.connect(db)) as con:
        rows = con.execute("SELECT p.source, r.start_pos, r.end_pos, s.source, r.source_start, r.source_end, "
                           "r.copied FROM reuse_passages r JOIN pages p ON p.pk = r.page "
                           "JOIN pages s ON s.pk = r.source").fetchall()
    found: set[LinkKey] = set()
    for page, start, end, source, source_start, source_end, copied in rows:
        mine, theirs = (page_id(page), start, end), (page_id(source), source_start, source_end)
        found.add((frozenset((mine, theirs)), mine if copied else None))
    return found


def spark_links(spark: Any, folder: Path) -> set[LinkKey]:
    """The `links` table `spark reuse` wrote in `folder`, as `LinkKey`s."""
    found: set[LinkKey] = set()
    for r in spark.read.parquet(str(folder / "links")).collect():
        a, b = (r["page_a"], r["a_start"], r["a_end"]), (r["page_b"], r["b_start"], r["b_end"])
        found.add((frozenset((a, b)), {"a_copied_b": a, "b_copied_a": b}.get(r["direction"])))
    return found


def single_machine(pages: list[tuple[int, str, str]], folder: Path, events: bool = True) -> dict[str, Any]:
    """`newsdesk link` (with `events` False: `--reuse-only`) over the pages stored in a new SQLite store
    (storing them is not timed)."""
    from newsdesk.jobs.link import LinkConfig, link_pages
    from newsdesk.store import open_store

    with open_store(folder / "desk.db") as store:
        batch: list[Analysis] = []
        for analysis in pages_as_analyses(pages):
            batch.append(analysis)
            if len(batch) == 1000:
                store.add(batch)
                batch = []
        if batch:
            store.add(batch)
        started = time.monotonic()
        summary = link_pages(store, LinkConfig(events=events))
        seconds = time.monotonic() - started
    return {"seconds": seconds, "reuse_seconds": summary.reuse_seconds, "passages": summary.passages,
            "links": stored_links(folder / "desk.db")}


def one_size(spark: Any, count: int, seed: int, partitions: int | None, with_single: bool,
             single_events: bool = True) -> dict[str, Any]:
    from newsdesk.jobs import spark as jobs

    pages = synthetic_pages(count, seed)
    with tempfile.TemporaryDirectory(prefix="bench-spark-reuse-") as tmp:
        out = Path(tmp)
        single = single_machine(pages, out, single_events) if with_single else None
        started = time.monotonic()
        write_pages(spark, pages, out)
        written = time.monotonic() - started
        with WorkerMemory() as memory:
            summary = jobs.reuse(spark, out, ReuseConfig(), partitions=partitions)
        found = spark_links(spark, out) if single is not None else set()
    spark_s = summary.seconds
    figures: dict[str, Any] = {"pages": count, "spark_seconds": round(spark_s, 1), "write_seconds": round(written, 1),
                               "spark_links": summary.links, "spark_candidates": summary.candidates,
                               "spark_jobs": summary.jobs, "peak_worker_mb": round(memory.peak_kb / 1024, 1),
                               "spark_phases": summary.to_json()["phases"]}
    if single is None:
        print(f"{count} pages: spark reuse {spark_s:.1f} s, {summary.links} passages", file=sys.stderr)
        return figures
    single_s, reuse_s = float(single["seconds"]), float(single["reuse_seconds"])
    expected: set[LinkKey] = single["links"]
    figures.update({"single_mode": "full" if single_events else "reuse", "single_seconds": round(single_s, 1),
                    "single_reuse_seconds": round(reuse_s, 1),
                    "single_passages": single["passages"],
                    # The same passages (both sides' offsets), and the same copier of each (or none).
                    "links_equal": {key for key, _ in found} == {key for key, _ in expected},
                    "directions_equal": found == expected, "spark_over_single": round(spark_s / single_s, 3),
                    "spark_over_single_reuse": round(spark_s / max(reuse_s, 1e-3), 3)})
    link = "newsdesk link" + ("" if single_events else " --reuse-only")
    print(f"{count} pages: {link} {single_s:.1f} s (its reuse {reuse_s:.1f} s), spark reuse {spark_s:.1f} s "
          f"({spark_s / single_s:.2f}x, {spark_s / max(reuse_s, 1e-3):.2f}x its reuse); passages "
          f"{single['passages']} / {summary.links}, links equal {figures['links_equal']}, directions equal "
          f"{figures['directions_equal']}", file=sys.stderr)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", default="2000", help="page counts, comma-separated (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=None, help="Spark partitions (default: two a core)")
    ap.add_argument("--no-single", action="store_true",
                    help="time Spark only (newsdesk link takes hours at 100k pages on two cores)")
    ap.add_argument("--single", choices=("reuse", "full"), default=None,
                    help="the single machine's link: reuse only (--reuse-only) or full (entities, events too); "
                         f"default: reuse when a size is over {FULL_UP_TO:,} pages, else full")
    args = ap.parse_args()
    try:
        sizes = [int(x) for x in args.pages.split(",") if x.strip()]
    except ValueError:
        raise SystemExit(f"{BENCH}: --pages {args.pages!r} is not a comma-separated list of counts") from None
    if not sizes or min(sizes) < 2:
        raise SystemExit(f"{BENCH}: --pages needs counts of at least 2 pages")
    if importlib.util.find_spec("pyspark") is None:
        skip(BENCH, "pyspark is not installed (pip install -e '.[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        skip(BENCH, "no Java on the PATH")
    single = args.single or ("reuse" if max(sizes) > FULL_UP_TO else "full")
    if not args.no_single:
        print(f"{BENCH}: the single machine runs newsdesk link{' --reuse-only' if single == 'reuse' else ''} "
              f"(--single {single})", file=sys.stderr)
    from newsdesk.jobs import spark as jobs

    started = time.monotonic()
    spark = jobs.session(args.master, args.partitions)
    session_seconds = time.monotonic() - started  # the JVM's start-up: paid once a job, not a page
    try:
        runs = [one_size(spark, count, args.seed, args.partitions, not args.no_single, single == "full")
                for count in sizes]
    finally:
        spark.stop()
    out: dict[str, Any] = {"bench": BENCH, "master": args.master, "session_seconds": round(session_seconds, 1),
                           "sizes": runs,
                           "peak_worker_mb": max(r["peak_worker_mb"] for r in runs)}
    if not args.no_single:
        out["single_mode"] = single
        out["links_equal"] = all(r["links_equal"] for r in runs)
        out["directions_equal"] = all(r["directions_equal"] for r in runs)
        out["spark_over_single"] = max(r["spark_over_single"] for r in runs)
        out["spark_over_single_reuse"] = max(r["spark_over_single_reuse"] for r in runs)
    if len(runs) >= 2:
        small, large = runs[0], runs[-1]
        out["growth"] = round(large["spark_seconds"] / small["spark_seconds"], 2)
        out["size_ratio"] = round(large["pages"] / small["pages"], 2)
    out["loadavg_1min"] = round(os.getloadavg()[0], 2)
    last_line(out)


if __name__ == "__main__":
    main()
