"""Pages per second of `newsdesk spark analyze` on local[2] against `newsdesk ingest --workers 2`.

    python -m bench.spark [--pages 40] [--seed 1] [--data DIR] [--master local[2]] [--reuse]

The same N pages for both, made from the dev articles as bench/corpus.py's `build_corpus` makes them
(DIR default ../shared/data), written to one JSONL file in a temporary folder. Each command runs in its
own process, timed end to end (Python, models, and for Spark the JVM too: what a user waits for); the
figures also give each command's own seconds (ingest's, and the Spark job's after its session is up).
Prints the figures last as one JSON line; skips (exit 0) when the data, pyspark or Java is missing.

`spark_over_ingest` is end to end; `spark_job_over_ingest` compares the two commands' own seconds (for
Spark: after its session is up, so the JVM's start-up, `spark_start_seconds`, a fixed 10-20 s whatever
the pages, is left out). Both pipelines are built in the timed part (once per worker process).

`--reuse` also times the shared passages both ways on those pages: `newsdesk link` on ingest's store
(the single machine: `link_seconds` end to end, `link_reuse_seconds` its own passage finding) against
`newsdesk spark reuse` on Spark's output (`spark_reuse_seconds` end to end, `spark_reuse_job_seconds`
after its session is up, `spark_reuse_jobs` the Spark jobs it started); `spark_reuse_over_link` is link's
seconds over Spark's, end to end.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from bench.corpus import build_corpus

BENCH = "spark"


def _run(args: list[str]) -> tuple[float, dict[str, object]]:
    """Seconds the command took, end to end, and the JSON it printed last."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "newsdesk.cli.main", *args], capture_output=True, text=True,
                          check=False)
    seconds = time.monotonic() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode not in (0, 1) or not lines:
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{BENCH}: {' '.join(args[:2])} failed (exit {done.returncode})")
    return seconds, json.loads(lines[-1])


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and value > 0 else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=40, help="pages to analyse (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding guardian2022/ and ecbplus/")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=None,
                    help="spark analyze --partitions (default: its own, several tasks a core)")
    ap.add_argument("--reuse", action="store_true",
                    help="also time newsdesk link against newsdesk spark reuse on the same pages")
    args = ap.parse_args()
    if importlib.util.find_spec("pyspark") is None:
        skip(BENCH, "pyspark is not installed (pip install -e '.[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        skip(BENCH, "no Java on the PATH")
    try:
        pages = list(build_corpus(args.data, args.pages, args.seed))
    except FileNotFoundError as exc:
        skip(BENCH, str(exc))
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
        batch = Path(tmp) / "pages.jsonl"
        with batch.open("w", encoding="utf-8") as f:
            for page in pages:
                record = {"id": page.index, "text": page.text, "url": page.url,
                          "date": page.date.isoformat() if page.date else None}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        ingest_s, ingested = _run(["ingest", str(batch), "--db", f"{tmp}/desk.db", "--workers", "2", "--no-link",
                                   "--no-progress", "--json"])
        partitions = ["--partitions", str(args.partitions)] if args.partitions else []
        spark_s, analysed = _run(["spark", "analyze", str(batch), "--out", f"{tmp}/out", "--master", args.master,
                                  *partitions])
        reuse_figures = _reuse_figures(tmp, args.master, partitions) if args.reuse else {}
    n = len(pages)
    job_s, own_s = _number(analysed.get("seconds")), _number(ingested.get("seconds"))
    print(f"{n} pages: ingest --workers 2 {ingest_s:.1f} s ({n / ingest_s:.2f} pages/s), "
          f"spark analyze {args.master} {spark_s:.1f} s ({n / spark_s:.2f} pages/s)", file=sys.stderr)
    last_line({
        "bench": BENCH, "pages": n, "master": args.master,
        "ingest_seconds": round(ingest_s, 2), "ingest_pages_per_s": round(n / ingest_s, 3),
        "ingest_own_seconds": ingested.get("seconds"), "ingest_new": ingested.get("new"),
        "spark_seconds": round(spark_s, 2), "spark_pages_per_s": round(n / spark_s, 3),
        "spark_job_seconds": analysed.get("seconds"), "spark_analysed": analysed.get("analysed"),
        "spark_over_ingest": round(ingest_s / spark_s, 3),
        "spark_start_seconds": round(spark_s - job_s, 2) if job_s else None,
        "spark_job_over_ingest": round(own_s / job_s, 3) if job_s and own_s else None,
        "partitions": args.partitions, **reuse_figures,
        "loadavg_1min": round(os.getloadavg()[0], 2),
    })


def _reuse_figures(tmp: str, master: str, partitions: list[str]) -> dict[str, object]:
    """`newsdesk link` on ingest's store (linked with --no-link: nothing linked yet) against `newsdesk
    spark reuse` on the Spark output, each in its own process, timed end to end."""
    link_s, linked = _run(["link", "--db", f"{tmp}/desk.db", "--json", "--no-progress"])
    reuse_s, found = _run(["spark", "reuse", f"{tmp}/out", "--master", master, *partitions])
    return {"link_seconds": round(link_s, 2), "link_reuse_seconds": linked.get("reuse_seconds"),
            "link_passages": linked.get("passages"), "spark_reuse_seconds": round(reuse_s, 2),
            "spark_reuse_job_seconds": found.get("seconds"), "spark_reuse_links": found.get("links"),
            "spark_reuse_jobs": found.get("jobs"), "spark_reuse_clusters": found.get("clusters"),
            "spark_reuse_over_link": round(link_s / reuse_s, 3)}


if __name__ == "__main__":
    main()
