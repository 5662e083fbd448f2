"""The Spark commands: `newsdesk spark analyze`, `newsdesk spark reuse` and `newsdesk load` (issue 26).

    newsdesk spark analyze crawl/ more.warc.gz --out out/ [--master local[4]|spark://…|yarn|k8s://…]
    newsdesk spark reuse out/ [--master …]
    newsdesk load out/ [--db desk.db] [--no-link]

Like `newsdesk.cli.corpus`, this module only parses, prints and maps errors to exit codes (2 for a wrong
command line or a missing `newsdesk[spark]` extra, 1 when an input failed or the store fails); the jobs
are `newsdesk.jobs.spark`, imported only once a Spark command runs.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TextIO

from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.read.files import ReadConfig, parse_date

COMMANDS = ("spark", "load")


def add_spark_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cluster_options = argparse.ArgumentParser(add_help=False)
    cluster_options.add_argument("--master", default=None,
                                 help="local[N], spark://host:port, yarn or k8s://… (default: spark-submit's own "
                                      "--master when run under it, else local[2])")
    cluster_options.add_argument("--partitions", type=int, default=None, metavar="N",
                                 help="partitions the pages are analysed in (default: the cluster's parallelism)")
    store_options = argparse.ArgumentParser(add_help=False)
    store_options.add_argument("--db", metavar="DB",
                               help="the store: a SQLite file or postgresql://… (default: $NEWSDESK_DB, "
                                    "else ~/.local/share/newsdesk/desk.db)")

    spark = commands.add_parser(
        "spark", help="analyse a crawl on Apache Spark (needs the newsdesk[spark] extra)",
        description="Run newsdesk's analysis as Spark jobs: the same pipeline on every executor, Parquet out.")
    jobs = spark.add_subparsers(dest="spark_command", required=True)
    analyze = jobs.add_parser(
        "analyze", parents=[cluster_options], help="analyse files, folders, JSONL and WARC into Parquet tables",
        description="Read what ingest reads, analyse each page on the executors, write OUT/pages and the "
                    "facet tables (stories, entities, mentions, places, quotes, claims, times, events). "
                    "Re-running on the same OUT adds only what is not there yet.")
    analyze.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="a file, a folder, a .jsonl file or a .warc(.gz) archive, on a path every "
                              "executor can read")
    analyze.add_argument("--out", required=True, metavar="DIR", help="the output folder (Parquet tables)")
    analyze.add_argument("--reference-date", metavar="YYYY-MM-DD",
                         help="the capture date: resolves 'on Sunday' and datelines; overrides the page's own")
    analyze.add_argument("--max-bytes", type=int, default=ReadConfig().max_bytes,
                         help="refuse inputs larger than this (default: %(default)s)")
    reuse = jobs.add_parser(
        "reuse", parents=[cluster_options],
        help="the passages the pages of a spark analyze output share, as a Spark job",
        description="Candidate pairs from shingle postings (joins, group-bys), each aligned on the executors "
                    "with the code newsdesk link uses, copy clusters as connected components: written to "
                    "DIR/links (replaced on each run), each with who copied whom, from the evidence newsdesk link "
                    "weighs. newsdesk load stores them.")
    reuse.add_argument("out", metavar="DIR", help="a folder spark analyze wrote")

    load = commands.add_parser(
        "load", parents=[store_options], help="load a spark analyze output into a store, then link it",
        description="Add the pages of a spark analyze output to the store (resumable: pages stored already "
                    "are skipped), then link them as ingest does. When spark reuse has written DIR/links, its "
                    "shared passages (with who copied whom) are stored as they are and no passage is aligned "
                    "here; the entities and events are linked here either way.")
    load.add_argument("out", metavar="DIR", help="a folder spark analyze wrote")
    load.add_argument("--no-link", action="store_true",
                      help="do not link the pages' entities and events (run newsdesk link later); Spark's "
                           "passages are stored all the same")
    load.add_argument("--json", action="store_true", help="print the summary as JSON")


def run_spark_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    handler = {"analyze": _analyze, "reuse": _reuse, "load": _load}[
        args.spark_command if args.command == "spark" else args.command]
    try:
        from newsdesk.jobs import spark as jobs  # heavy only once a Spark command runs

        jobs.require_spark()
        if getattr(args, "partitions", None) is not None and args.partitions < 1:
            raise ConfigError("ND-E011", f"--partitions must be 1 or more, not {args.partitions}")
        return handler(args, out, err)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=err)
        return 2 if isinstance(exc, ConfigError) else 1


def _analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from newsdesk.jobs import spark as jobs

    if "-" in args.inputs:  # said before the JVM starts, not after
        raise ConfigError("ND-E011", "spark analyze reads files and folders, not standard input (-)")
    date = parse_date(args.reference_date, "--reference-date") if args.reference_date else None
    config = ReadConfig(reference_date=date, max_bytes=args.max_bytes)
    spark = jobs.session(args.master, args.partitions)
    summary = jobs.analyze(spark, args.inputs, args.out, config, args.partitions)
    out.write(json.dumps(summary.to_json()) + "\n")
    if summary.unreadable or summary.failed:
        print(f"newsdesk: {summary.unreadable + summary.failed} inputs failed; their errors are rows of "
              f"{Path(args.out) / 'pages'} (status unreadable or failed)", file=err)
        return 1
    return 0


def _reuse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from newsdesk.jobs import spark as jobs

    spark = jobs.session(args.master, args.partitions)
    found = jobs.reuse(spark, args.out, partitions=args.partitions)
    out.write(json.dumps(found.to_json()) + "\n")
    return 0


def _load(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from newsdesk.jobs import spark as jobs
    from newsdesk.jobs.link import link_pages
    from newsdesk.store import open_store

    spark = jobs.session(None if "PYSPARK_GATEWAY_PORT" in os.environ else "local[1]")
    # Links found by `spark reuse` are loaded as they are; without them the pages are linked here.
    spark_links = bool(jobs.link_files(args.out))
    with open_store(args.db) as store:
        summary = jobs.load(spark, args.out, store)
        links = None
        if not args.no_link:
            links = jobs.link_without_reuse(store) if spark_links else link_pages(store)
        passages = jobs.load_links(spark, args.out, store) if spark_links else None
    figures = {**summary.to_json(), **({"links": links.to_json()} if links is not None else {}),
               **({"passages": passages.to_json()} if passages is not None else {})}
    if args.json:
        out.write(json.dumps(figures) + "\n")
    else:
        out.write(f"loaded {summary.pages} pages, {summary.sightings} more sources, {summary.failures} failures "
                  f"({summary.skipped} already stored) in {summary.seconds:.1f} s\n")
        if passages is not None:
            out.write("shared passages: these links were loaded before\n" if passages.skipped else
                      f"shared passages: {passages.passages} from spark reuse ({passages.copied} with a direction) "
                      f"in {passages.clusters} copy clusters\n")
    return 0
