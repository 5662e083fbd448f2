"""The corpus commands of `newsdesk`: ingest, status, search, show, entity, export.

They all take `--db` (a SQLite file or a `postgresql://` URL; default `$NEWSDESK_DB`, else
`~/.local/share/newsdesk/desk.db`). Like `cli.py`, this module only parses, prints and maps errors to
exit codes; the work is in `ingest`, `store` and `export`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Iterable
from importlib import resources
from typing import TextIO

from rich.text import Text

from newsdesk.cli.render import render_analysis
from newsdesk.cli.terminal import JobProgress, Screen, add_color_option, add_progress_option, is_terminal
from newsdesk.errors import ReadFailure, StoreError
from newsdesk.jobs.ingest import IngestConfig, IngestProgress, check_workers, count_inputs, default_workers, ingest
from newsdesk.model import Page
from newsdesk.read.files import ReadConfig, page_from_bytes, parse_date, read_sources
from newsdesk.store import PageLinks, SearchHit, SearchQuery, content_hash, open_store, page_id_of
from newsdesk.store.export import FORMATS, WRITERS

SAMPLE = "sample_page.txt"
#: The sample page is an invented report set on this day; the date resolves its "on Sunday"s.
SAMPLE_DATE = "2023-10-15"


#: What runs one command: its arguments, standard output, standard error; the exit status.
Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    store_options = argparse.ArgumentParser(add_help=False)
    store_options.add_argument("--db", metavar="DB",
                               help="the store: a SQLite file or postgresql://… (default: $NEWSDESK_DB, "
                                    "else ~/.local/share/newsdesk/desk.db)")
    json_option = argparse.ArgumentParser(add_help=False)
    json_option.add_argument("--json", action="store_true", help="print JSON instead of the terminal view")
    add_color_option(json_option)  # every command with a terminal view takes --color

    run = commands.add_parser("ingest", parents=[store_options, json_option],
                              help="analyse pages once each and keep them in the store",
                              description="Analyse files, directories, JSONL and WARC archives into the store. "
                                          "Pages stored already are skipped; an interrupted ingest resumes.")
    run.add_argument("inputs", nargs="*", metavar="PATH", help="a file, a directory, a .jsonl, a .warc(.gz) or -")
    run.add_argument("--sample", action="store_true", help="ingest the sample page bundled with newsdesk")
    run.add_argument("--workers", type=int, default=None,
                     help="analysis processes (default: every core; 1 analyses in this process)")
    run.add_argument("--reference-date", metavar="YYYY-MM-DD", help="the capture date of pages that carry none")
    run.add_argument("--max-bytes", type=int, default=ReadConfig().max_bytes, help="refuse larger inputs")
    run.add_argument("--no-progress", action="store_true", help="no progress bar (a line every 10 s instead)")
    run.add_argument("--no-link", action="store_true",
                     help="do not link the new pages to the stored ones (copied passages, entities, events) "
                          "now: `newsdesk link` does it later")
    run.add_argument("--commit-pages", type=int, default=IngestConfig().commit_pages, metavar="N",
                     help="commit after N finished pages (default: %(default)s); at most N pages are "
                          "analysed again after a crash")

    status = commands.add_parser("status", parents=[store_options, json_option],
                                 help="what the store holds, and the inputs that failed")
    status.add_argument("--failures", type=int, default=50, metavar="N", help="list at most N failures")

    search = commands.add_parser("search", parents=[store_options, json_option], help="full-text search with facets",
                                 description='Words, "phrases" and OR; facets narrow the pages.')
    search.add_argument("query", nargs="?", default="", help="what to search for (empty: newest pages)")
    search.add_argument("--entity", help="pages naming this person, place or organisation (any spelling)")
    search.add_argument("--place", help="pages naming this place (any spelling)")
    search.add_argument("--origin", help="pages with a story from this agency (Reuters, AP, CNN…)")
    search.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="pages dated on or after")
    search.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="pages dated on or before")
    search.add_argument("--limit", type=int, default=20, help="at most this many hits (default: %(default)s)")
    search.add_argument("--exact", action="store_true",
                        help="only the words as typed (by default a name also matches the other spellings "
                             "the store holds of it: Severodonetsk finds Sievierodonetsk)")

    show = commands.add_parser("show", parents=[store_options, json_option], help="one stored page")
    show.add_argument("page_id", nargs="?", help="the page id (or its first 6+ digits) that search prints")
    show.add_argument("--sample", action="store_true", help="the bundled sample page (after ingest --sample)")

    entity = commands.add_parser("entity", parents=[store_options, json_option],
                                 help="the pages and mentions of one entity, however spelled")
    entity.add_argument("name")
    entity.add_argument("--limit", type=int, default=100, help="at most this many pages (default: %(default)s)")

    export = commands.add_parser("export", parents=[store_options], help="the store as JSONL, CSV or GeoJSON")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    add_progress_option(export)
    for command, handler in ((run, _ingest), (status, _status), (search, _search), (show, _show), (entity, _entity),
                             (export, _export)):
        command.set_defaults(handler=handler)


def run_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    handler: Handler = args.handler
    if getattr(args, "json", False) or args.command == "export":
        return handler(args, out, err)  # machines read these whole: never wrapped
    screen = Screen.of(out, getattr(args, "color", "auto"))
    args.screen = screen
    fitted = screen.fitted(out)
    try:
        return handler(args, fitted, err)
    finally:
        fitted.flush()


def sample_page(config: ReadConfig) -> Page:
    data = resources.files("newsdesk").joinpath("samples", SAMPLE).read_bytes()
    return page_from_bytes(f"newsdesk:samples/{SAMPLE}", data, config)


# -- ingest
def _ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.inputs and not args.sample:
        print("newsdesk: ingest needs at least one PATH (a file, a directory, a .jsonl, a .warc or -), "
              "or --sample", file=err)
        return 2
    workers = check_workers(args.workers) if args.workers is not None else default_workers()
    date = args.reference_date or (SAMPLE_DATE if args.sample and not args.inputs else None)
    config = ReadConfig(reference_date=parse_date(date, "--reference-date") if date else None,
                        max_bytes=args.max_bytes)
    items: Iterable[Page | ReadFailure] = read_sources(args.inputs, config, stdin=sys.stdin.buffer)
    total = count_inputs(args.inputs)
    if args.sample:
        items = _prepend(sample_page(config), items)
        total = total + 1 if total is not None else None
    with open_store(args.db) as store:
        view = _ProgressView(err, total, live=not args.no_progress and is_terminal(err))
        try:
            with view:
                settings = IngestConfig(workers=workers, commit_pages=args.commit_pages, link=not args.no_link)
                summary = ingest(items, store, settings, progress=view.update, total=total)
        except KeyboardInterrupt:
            print(f"newsdesk: interrupted; {view.committed} inputs committed to {store.location} are kept: "
                  "run the same command again to resume", file=err)
            return 130
        except StoreError as exc:
            print(f"newsdesk: {exc}", file=err)
            print(f"newsdesk: stopped; {view.committed} inputs committed to {store.location} are kept: "
                  "run the same command again to resume", file=err)
            return 1
    if args.json:
        out.write(json.dumps({"store": store.location, **summary.to_json(), "page_ids": list(summary.page_ids)},
                             ensure_ascii=False) + "\n")
    else:
        rate = summary.new / summary.seconds if summary.seconds > 0 else 0.0
        print(f"ingested {summary.read} inputs into {store.location} in {summary.seconds:.1f} s: "
              f"{summary.new} new pages ({rate:.1f}/s), {summary.already} stored already, {summary.failed} failed",
              file=out)
        if summary.links is not None and summary.links.pages:
            print(f"linked {summary.links.pages} pages: {summary.links.passages} shared passages, "
                  f"{summary.links.clusters} event clusters touched", file=out)
        if len(summary.page_ids) == 1:
            print(f"page {summary.page_ids[0]}: newsdesk show {summary.page_ids[0]}", file=out)
        for _source, error in summary.failures[:20]:
            print(f"  failed: {error}", file=err)
        if len(summary.failures) > 20:
            print(f"  … and {len(summary.failures) - 20} more: newsdesk status", file=err)
    return 1 if summary.failed else 0


def _prepend(first: Page | ReadFailure, rest: Iterable[Page | ReadFailure]) -> Iterable[Page | ReadFailure]:
    yield first
    yield from rest


class _ProgressView:
    """A progress bar with inputs/s and ETA on a terminal; elsewhere (logs, CI) a line every 10 s."""

    INTERVAL = 10.0

    def __init__(self, err: TextIO, total: int | None, live: bool) -> None:
        self.live = live
        self.committed = 0
        self.bar = JobProgress(err, "ingest", "inputs", total, live=live, log_every=self.INTERVAL)

    def __enter__(self) -> _ProgressView:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def update(self, state: IngestProgress) -> None:
        self.committed = state.committed
        # The bar follows the inputs read (workers run ahead of the commits); a log line, those finished.
        self.bar.update(state.read if self.live else state.done, rate=state.pages_per_second)


# -- status, search, show, entity, export
def _status(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with open_store(args.db) as store:
        status = store.status()
        failures = store.failures(limit=max(1, args.failures))
    if args.json:
        out.write(json.dumps({"engine": status.engine, "location": status.location,
                              "schema_version": status.schema_version, "pages": status.pages,
                              "sources": status.sources, "failures": status.failures, "entities": status.entities,
                              "mentions": status.mentions, "size_bytes": status.size_bytes,
                              "failed": [{"source": f.source, "error": f.error, "code": f.code, "at": f.at}
                                         for f in failures]}, ensure_ascii=False) + "\n")
        return 0
    size = f", {status.size_bytes / 1e6:.1f} MB" if status.size_bytes is not None else ""
    # The location on a line of its own: a long path then never splits the counts.
    print(f"{status.location} ({status.engine}, schema {status.schema_version}{size}):", file=out)
    print(f"  {status.pages} pages from {status.sources} sources, {status.entities} entities, "
          f"{status.mentions} mentions, {status.failures} failed inputs", file=out)
    for failure in failures:
        print(f"  {failure.at}  {failure.error}", file=out)
    if status.failures > len(failures):
        print(f"  … {status.failures - len(failures)} more (--failures N)", file=out)
    return 0


def _search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    query = SearchQuery(text=args.query, entity=args.entity, place=args.place, origin=args.origin,
                        date_from=parse_date(args.date_from, "--from") if args.date_from else None,
                        date_to=parse_date(args.date_to, "--to") if args.date_to else None, limit=args.limit,
                        exact=args.exact)
    with open_store(args.db) as store:
        hits = store.search(query)
        links = store.page_links(hit.page_id for hit in hits)
    hits = [dataclasses.replace(hit, links=links.get(hit.page_id, PageLinks())) for hit in hits]
    if args.json:
        for hit in hits:
            out.write(json.dumps(hit.to_json(), ensure_ascii=False) + "\n")
        return 0
    console = args.screen.console(out)
    if not hits:
        console.print("no pages found")
    for hit in hits:
        console.print(Text(f"{hit.page_id}  {hit.date or 'undated'}  {', '.join(hit.origins) or 'origin unknown'}",
                           style="bold"))
        console.print(Text(f"  {hit.title}"))
        if hit.links is not None and (hit.links.copied_from or hit.links.copied_by or hit.links.reuse_unknown):
            console.print(Text(f"  reuse: copied {hit.links.copied_from} passages, {hit.links.copied_by} copied from "
                               f"it, {hit.links.reuse_unknown} undecided: newsdesk reuse {hit.page_id}"))
        console.print(Text("  ").append(_marked(hit)))
        if hit.matched:
            console.print(Text("  " + "; ".join(f"matched {found} for {typed}" for found, typed in hit.matched),
                               style="dim"))
    return 0


def _marked(hit: SearchHit) -> Text:
    """The snippet with each match marked: bold on a terminal, [brackets] in plain text."""
    text = Text()
    pos = 0
    for start, end in hit.marks:
        text.append(hit.snippet[pos:start].replace("\n", " "))
        text.append(f"[{hit.snippet[start:end]}]", style="bold yellow")
        pos = end
    text.append(hit.snippet[pos:].replace("\n", " "))
    return text


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.sample:
        page_id = page_id_of(content_hash(sample_page(ReadConfig())))
    elif args.page_id:
        page_id = args.page_id
    else:
        print("newsdesk: show needs a PAGE_ID (as search prints it) or --sample", file=err)
        return 2
    with open_store(args.db) as store:
        stored = store.page(page_id)
    if args.json:
        out.write(json.dumps({"page_id": stored.id, "sources": list(stored.sources), **stored.analysis},
                             ensure_ascii=False) + "\n")
        return 0
    print(f"page {stored.id}  ·  ingested {stored.ingested_at}  ·  sources: {', '.join(stored.sources)}", file=out)
    render_analysis(stored.to_analysis(), out, color=args.screen.color, width=args.screen.width)
    return 0


def _entity(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with open_store(args.db) as store:
        sightings = store.entity(args.name, limit=args.limit)
        corpus = store.corpus_entities(args.name) if sightings and not args.json else []
    if args.json:
        for sighting in sightings:
            out.write(json.dumps(sighting.to_json(), ensure_ascii=False) + "\n")
        return 0
    if not sightings:
        print(f"no entity named {args.name!r} in the store", file=out)
        return 0
    spellings = sorted({t for s in sightings for _, _, t in s.mentions})
    written = f"written {', '.join(spellings[:12])}{' …' if len(spellings) > 12 else ''}"
    if len(corpus) == 1:
        # One entity across pages: its counts are the store's (as /entities and the desk give them), not
        # a tally of the sightings listed, which --limit cuts.
        one = corpus[0]
        print(f"{args.name}: {one.type} {one.label}, {one.pages} pages, {one.mentions} mentions; {written}", file=out)
    elif corpus:
        print(f"{args.name}: {len(corpus)} entities across pages (below); {written}", file=out)
    else:
        # Not linked yet (newsdesk link): the pages of the sightings themselves.
        pages = len({s.page_id for s in sightings})
        cut = " (the first --limit sightings)" if len(sightings) >= args.limit else ""
        print(f"{args.name}: {pages} pages{cut}, {sum(len(s.mentions) for s in sightings)} mentions; {written}",
              file=out)
    for e in corpus[:5]:  # the corpus entities (newsdesk link) these sightings were linked to
        print(f"  corpus entity {e.id}: {e.type} {e.label} (pages {e.pages}, mentions {e.mentions}, "
              f"first seen {e.first_seen or '?'}, last seen {e.last_seen or '?'})", file=out)
    if len(corpus) > 5:
        print(f"  … {len(corpus) - 5} more corpus entities", file=out)
    for s in sightings:
        where = f"  ({s.lat:.2f}, {s.lon:.2f})" if s.lat is not None and s.lon is not None else ""
        offsets = ", ".join(f"{a}-{b}" for a, b, _ in s.mentions[:8])
        print(f"  {s.page_id}  {s.date or 'undated'}  {s.type} {s.label}{where}: {len(s.mentions)} mentions at "
              f"{offsets}{' …' if len(s.mentions) > 8 else ''}  ·  {s.page_title}", file=out)
    return 0


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    writer = WRITERS[args.format]
    # A bar only while nothing else is written to the terminal: the export goes to a file or a pipe.
    live = not args.no_progress and is_terminal(err) and (bool(args.output) or not is_terminal(out))
    with open_store(args.db) as store:
        pages = store.generation()[0]  # a count of pages alone: status() would sum every table
        first = "places" if args.format == "geojson" else "pages"
        bar = JobProgress(err, f"export {first}", first, pages if first == "pages" else None, live=live)

        def tell(what: str, done: int) -> None:
            if what != bar.unit:  # GeoJSON's second pass: the pages, for their unresolved places
                bar.phase(f"export {what}", pages if what == "pages" else None, unit=what)
            bar.update(done)

        if not args.output:
            with bar:
                writer(store, out, tell)
            return 0
        try:
            with bar, open(args.output, "w", encoding="utf-8", newline="") as handle:
                count = writer(store, handle, tell)
        except OSError as exc:
            print(f"newsdesk: cannot write {args.output}: {exc.strerror or exc}", file=err)
            return 1
    print(f"wrote {count} {'places' if args.format == 'geojson' else 'pages'} to {args.output}", file=err)
    return 0
