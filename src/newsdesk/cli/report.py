"""The `newsdesk report QUERY` command: where things stand on a query, from the store.

    newsdesk report Kramatorsk --from 2023-03-01 --to 2023-03-31 [--db DB] [--format text|markdown|json]

Like `cli_corpus.py`, this module only parses, prints and maps errors to exit codes (2 for a wrong
command line, 1 for a store that fails); the report itself is `newsdesk.report.build`, its Markdown
`newsdesk.report.render`.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from rich.text import Text

from newsdesk.cli.terminal import JobProgress, Screen, add_color_option, add_progress_option, is_terminal
from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.read.files import parse_date
from newsdesk.report.build import build_report
from newsdesk.report.items import ReportSentence, SituationReport
from newsdesk.report.render import to_markdown
from newsdesk.store import open_store

FORMATS = ("text", "markdown", "json")


def add_report_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help="where things stand on a query: latest state, dated events, claims, contradictions",
        description="An extractive situation report: every line is a sentence from the stored pages, with the "
                    "page id and offsets of each place it was written.")
    report.add_argument("query", help='what to report on: words, "phrases" and OR, as search reads them')
    report.add_argument("--db", metavar="DB",
                        help="the store: a SQLite file or postgresql://… (default: $NEWSDESK_DB, "
                             "else ~/.local/share/newsdesk/desk.db)")
    report.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="pages and facts dated on or after")
    report.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="pages and facts dated on or before")
    report.add_argument("--max-pages", type=int, default=200, metavar="N",
                        help="read at most the N best-matching pages (default: %(default)s)")
    report.add_argument("--format", choices=FORMATS, default="text",
                        help="terminal text, Markdown or one JSON object (default: %(default)s)")
    add_color_option(report)
    add_progress_option(report)


def run_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        date_from = parse_date(args.date_from, "--from") if args.date_from else None
        date_to = parse_date(args.date_to, "--to") if args.date_to else None
        # build_report reads the pages and their sentences in one call: no count to show, but the bar
        # pulses and its clock runs, on a terminal, while it works (seconds for a few hundred pages).
        live = not args.no_progress and is_terminal(err)
        with open_store(args.db) as store, JobProgress(err, f"report: reading up to {args.max_pages} pages",
                                                       "pages", live=live):
            report = build_report(store, args.query, date_from=date_from, date_to=date_to, max_pages=args.max_pages)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=err)
        return 2 if isinstance(exc, ConfigError) else 1
    if args.format == "json":
        out.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
    elif args.format == "markdown":
        out.write(to_markdown(report) + "\n")
    else:
        _render(report, out, Screen.of(out, args.color))
    return 0


def _render(report: SituationReport, out: TextIO, screen: Screen) -> None:
    console = screen.console(out)
    console.print(Text(f"Situation report: {report.query}", style="bold underline"))
    window = f"  ·  {report.date_from or '…'} to {report.date_to or '…'}" if report.date_from or report.date_to else ""
    console.print(Text(f"{report.pages_matched} pages matched, {report.pages_used} used{window}", style="dim"))
    if report.empty:
        console.print(f"nothing to report: {report.message}")
        return
    for title, subjects in (("Where things stand: places", report.places), ("Where things stand: actors",
                                                                           report.actors)):
        if subjects:
            console.print(Text(f"\n{title}", style="bold"))
        for subject in subjects:
            console.print(Text(f"  {subject.label}", style="bold cyan").append(
                f"  {subject.type.lower()}, {subject.pages} page{'s' if subject.pages != 1 else ''}", style="dim"))
            for sentence in subject.sentences:
                console.print(_line(str(sentence.date or "undated"), sentence, indent=4))
            if not subject.sentences:
                console.print(Text("    named only in sentences listed under another subject", style="dim"))
    if report.events:
        console.print(Text("\nKey dated events", style="bold"))
        for event in report.events:
            console.print(_line(event.date.isoformat(), event.sentence, indent=2, confirmations=event.confirmations))
            for also in event.also:
                console.print(_line("also", also, indent=6))
    if report.claims:
        console.print(Text("\nClaims", style="bold"))
        for claim in report.claims:
            who = claim.claimant or "no claimant named"
            head = Text(f"  {claim.date or 'undated'}  ").append(claim.value_text(), style="bold yellow").append(
                f"  {who}" + (f" (via {claim.reported_by})" if claim.reported_by else ""))
            console.print(head)
            console.print(_line("", claim.sentence, indent=4))
    if report.contradictions:
        console.print(Text("\nContradictions", style="bold red"))
        for k in report.contradictions:
            console.print(Text(f"  {k.thing}: ", style="bold").append(k.first.value_text(), style="yellow")
                          .append(" vs ").append(k.second.value_text(), style="yellow"))
            for claim in (k.first, k.second):
                console.print(Text(f"    {claim.value_text()}: {claim.claimant or 'no claimant named'}, "
                                   f"{claim.reported_by or 'origin unknown'}, {claim.date or 'undated'}"))
                console.print(_line("", claim.sentence, indent=6))


def _line(label: str, sentence: ReportSentence, indent: int, confirmations: int | None = None) -> Text:
    text = Text(" " * indent)
    if label:
        text.append(f"{label}  ", style="green")
    text.append(" ".join(sentence.text.split()))
    count = sentence.confirmations if confirmations is None else confirmations
    if count > 1:
        text.append(f"  (confirmed by {count} independent origins)", style="bold green")
    sources = "  ".join(f"{s.page_id}:{s.start}-{s.end}" for s in sentence.sources)
    origins = f" {', '.join(sentence.origins)}" if sentence.origins else ""
    return text.append(f"  [{sources}{origins}]", style="dim")
