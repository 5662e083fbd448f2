"""cli: the `newsdesk` command. Parses arguments, prints, maps failures to exit codes.

    newsdesk analyze PAGE [PAGE ...] [--json] [--reference-date YYYY-MM-DD]
    newsdesk analyze --sample
    newsdesk ingest PATH... [--db DB]      then: status, search QUERY, show PAGE_ID, entity NAME, export,
                                           report QUERY [--from D] [--to D] [--format text|markdown|json]
                                           reuse PAGE_ID, events, link (after ingest --no-link)

Exit status: 0 when every input was analysed, 1 when any input failed (the others are still
analysed and the failures listed at the end), 2 for a wrong command line, 141 (128 + SIGPIPE, as for
`cat`) when the reader of the output closed the pipe early (`| head`), with no message.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from newsdesk import __version__
from newsdesk.analysis.pipeline import AnalysisFailure, Pipeline, Result
from newsdesk.cli.corpus import SAMPLE_DATE, add_commands, run_command, sample_page
from newsdesk.cli.links import add_link_commands, run_link_command
from newsdesk.cli.render import render_analysis, render_entities
from newsdesk.cli.report import add_report_command, run_report
from newsdesk.cli.serve import add_serve_command, run_serve
from newsdesk.cli.spark import add_spark_commands, run_spark_command
from newsdesk.cli.terminal import Screen, add_color_option, closed_pipe, reader_gone
from newsdesk.errors import ConfigError, NewsdeskError, ReadFailure
from newsdesk.model import Analysis, Page
from newsdesk.read.files import ReadConfig, parse_date, read_sources

_CommandGroup = tuple[Callable[[Any], None], Callable[[argparse.Namespace, TextIO, TextIO], int]]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Read news pages the way an analyst does.")
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does to stderr")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze", help="clean text, noise and the stories a page was stitched from",
        description="Analyse pages: files, directories, JSONL files of {id, text|html, date?, url?} records, "
                    "WARC archives, or - for standard input.")
    analyze.add_argument("inputs", nargs="*", metavar="PAGE",
                         help="a path, a directory, a .jsonl file, a .warc(.gz) archive or -")
    analyze.add_argument("--sample", action="store_true", help="analyse the sample page bundled with newsdesk")
    analyze.add_argument("--json", action="store_true",
                         help="print one newsdesk.analysis/1 JSON object per input, one per line")
    analyze.add_argument("--reference-date", metavar="YYYY-MM-DD",
                         help="the capture date: resolves 'on Sunday' and datelines; overrides the page's own")
    analyze.add_argument("--max-bytes", type=int, default=ReadConfig().max_bytes,
                         help="refuse inputs larger than this (default: %(default)s)")
    analyze.add_argument("--workers", type=int, default=1, help="analyse pages in this many processes")
    analyze.add_argument("--entities-only", action="store_true",
                         help="print only the entities: a table, or with --json one {source, entities} line a page")
    add_color_option(analyze)
    analyze.set_defaults(run=_analyze)
    # The one dispatch table: each command group adds its commands and runs them. A command's name is
    # written once, where its group adds it; the group's runner is attached here to what it added.
    for add_group, run_group in _COMMAND_GROUPS:
        known = set(commands.choices)
        add_group(commands)
        for name in set(commands.choices) - known:
            commands.choices[name].set_defaults(run=run_group)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, stream=err,
                        format="newsdesk: %(name)s: %(message)s")
    try:
        code = _run(args, out, err)
        out.flush()  # here, inside the try: a reader gone shows now, not as a traceback at exit
        return code
    except BrokenPipeError:  # `| head` has read enough: the command ends quietly, as `cat` would
        if not reader_gone(out):
            raise
        return closed_pipe(out)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=err)
        return 2 if isinstance(exc, ConfigError) else 1
    except KeyboardInterrupt:
        print("newsdesk: interrupted", file=err)
        return 130


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    run: Callable[[argparse.Namespace, TextIO, TextIO], int] = args.run
    return run(args, out, err)


def _analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.inputs and not args.sample:
        print("newsdesk: analyze needs at least one PAGE (a path, a directory, a .jsonl file or -), "
              "or --sample", file=err)
        return 2
    date = args.reference_date or (SAMPLE_DATE if args.sample and not args.inputs else None)
    config = ReadConfig(reference_date=parse_date(date, "--reference-date") if date else None,
                        max_bytes=args.max_bytes)
    items: Iterable[Page | ReadFailure] = read_sources(args.inputs, config, stdin=sys.stdin.buffer)
    if args.sample:
        items = itertools.chain([sample_page(config)], items)
    failures: list[ReadFailure | AnalysisFailure] = []
    total = 0
    screen = Screen.of(out, args.color)
    for result in _analyze_lazily(items, args.workers):
        total += 1
        if isinstance(result, Analysis):
            if args.json and args.entities_only:
                entities = [e.to_json() for e in result.entities]
                out.write(json.dumps({"source": result.page.source, "entities": entities}, ensure_ascii=False) + "\n")
            elif args.json:
                out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            elif args.entities_only:
                render_entities(result, out, color=screen.color, width=screen.width)
            else:
                render_analysis(result, out, color=screen.color, width=screen.width)
        else:
            failures.append(result)
            if args.json:
                out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        out.flush()
    if total == 1 and failures:
        print(f"newsdesk: {failures[0].error}", file=err)
    elif failures:
        print(f"newsdesk: {len(failures)} of {total} inputs failed:", file=err)
        for failure in failures:
            print(f"  {failure.error}", file=err)
    return 1 if failures else 0


#: Each group of commands: what adds its subcommands, what runs them.
_COMMAND_GROUPS: tuple[_CommandGroup, ...] = (
    (add_commands, run_command),
    (add_link_commands, run_link_command),
    (add_serve_command, run_serve),
    (add_report_command, run_report),
    (add_spark_commands, run_spark_command),
)


def _analyze_lazily(items: Iterable[Page | ReadFailure], workers: int) -> Iterator[Result]:
    """Build the pipeline (models, gazetteer: seconds) only once a page has been read: a batch of
    unreadable inputs is reported at once."""
    iterator = iter(items)
    leading: list[Page | ReadFailure] = []
    for item in iterator:
        leading.append(item)
        if isinstance(item, Page):
            break
    if not any(isinstance(item, Page) for item in leading):
        yield from (item for item in leading if isinstance(item, ReadFailure))  # failures only: nothing to analyse
        return
    yield from Pipeline().analyze_many(itertools.chain(leading, iterator), workers=workers)


if __name__ == "__main__":
    sys.exit(main())
