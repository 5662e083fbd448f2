"""The link commands of `newsdesk`: reuse, events, link.

    newsdesk reuse PAGE_ID [--json]       the passages a page copied, or that were copied from it, and where from
    newsdesk events [--limit N] [--json]  event clusters, newest first: title, dates, pages
    newsdesk link [--reuse-only] [--json] link the pages not linked yet (after `ingest --no-link`)

Like `cli_corpus.py`, this module only parses, prints and maps errors to exit codes; the work is in
`newsdesk.jobs.link` and the store.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from typing import TextIO

from newsdesk.analysis.origin import match_dateline
from newsdesk.cli.terminal import JobProgress, Screen, add_color_option, add_progress_option, is_terminal
from newsdesk.jobs.link import EVENTS_WATERMARK, LinkConfig, link_pages
from newsdesk.store import ReusePassage, Store, open_store

#: Characters of a passage shown in the terminal view (the JSON has it whole).
SHOWN_CHARS = 240
#: Off a terminal, `link` writes where it is to stderr this often (a log of a long run).
LOG_SECONDS = 10.0


#: What runs one command: its arguments, standard output, standard error; the exit status.
Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


def add_link_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="DB",
                        help="the store: a SQLite file or postgresql://… (default: $NEWSDESK_DB, "
                             "else ~/.local/share/newsdesk/desk.db)")
    common.add_argument("--json", action="store_true", help="print JSON instead of the terminal view")
    add_color_option(common)

    reuse = commands.add_parser("reuse", parents=[common], help="passages a page shares with other pages",
                                description="The passages of one page found in other stored pages: what it copied "
                                            "(copied_from), what was copied from it (copied_by) and where the "
                                            "evidence does not decide (unknown), with offsets on both sides.")
    reuse.add_argument("page_id", help="the page id (or its first 6+ digits) that search prints")
    reuse.set_defaults(handler=_reuse)

    events = commands.add_parser("events", parents=[common], help="pages grouped by the event they report")
    events.add_argument("query", nargs="?", default=None, help="only clusters whose title has these words")
    events.add_argument("--limit", type=int, default=20, help="at most this many clusters (default: %(default)s)")
    events.set_defaults(handler=_events)

    link = commands.add_parser("link", parents=[common], help="link the stored pages not linked yet",
                               description="Find copied passages, corpus entities and event clusters for every "
                                           "page stored since the last linking (ingest links by itself unless "
                                           "--no-link). On a terminal a progress bar shows the pages linked, the "
                                           "rate and the time left; elsewhere a line every 10 s.")
    link.add_argument("--reuse-only", action="store_true",
                      help="find copied passages only; the pages' entities and events are linked by the next "
                           "link without it")
    add_progress_option(link, "no progress bar (a line every 10 s instead, as off a terminal)")
    link.set_defaults(handler=_link)


def run_link_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    handler: Handler = args.handler
    if args.json:
        return handler(args, out, err)
    screen = Screen.of(out, args.color)
    args.width = screen.width
    fitted = screen.fitted(out)  # every line within the terminal's width
    try:
        return handler(args, fitted, err)
    finally:
        fitted.flush()


def _reuse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with open_store(args.db) as store:
        page = store.page(args.page_id)
        passages = store.reuse(page.id)
    if args.json:
        out.write(json.dumps({"page_id": page.id, "passages": [p.to_json() for p in passages]},
                             ensure_ascii=False) + "\n")
        return 0
    if not passages:
        print(f"page {page.id} shares no passage with another stored page", file=out)
        return 0
    count = f"{len(passages)} shared passage{'' if len(passages) == 1 else 's'}"
    print(f"page {page.id}  ·  {page.title}  ·  {count}", file=out)
    for p in passages:
        print(_headline(p), file=out)
        shown = " ".join(p.text.split())
        print(f"    “{shown[:SHOWN_CHARS]}{'…' if len(shown) > SHOWN_CHARS else ''}”", file=out)
        print(f"    {passage_reason(p)}", file=out)
        for clue in p.clues:
            said = "this page" if clue["source"] == "this" else f"page {p.other_id}"
            weight = f", weight {clue['weight']}" if "weight" in clue else ""
            print(f"    {clue['rule']}: {said} is the source ({_subject(clue)} {clue['detail']}{weight})", file=out)
    return 0


#: Clues put in words in the one-line reason, strongest first.
REASONS = 3


def _subject(clue: dict[str, str]) -> str:
    """Which page a clue's detail describes: the one it names as the source, or the other ("copy")."""
    names_this = clue.get("source") == "this"
    described_this = names_this if clue.get("about", "source") == "source" else not names_this
    return "this page" if described_this else "the other page"


def passage_reason(p: ReusePassage) -> str:
    """The arrow's strongest clues in words: "this page is a compilation of 3 sources; the other page is …"."""
    if not p.clues:
        return "no evidence says which page is the source"
    ranked = sorted(p.clues, key=lambda c: -float(c.get("weight", "1")))
    if p.direction == "unknown":
        lead = "undecided: the evidence is too weak or points both ways"
    else:
        lead = "this page copied it" if p.direction == "copied_from" else "the other page copied it"
        ranked = [c for c in ranked if (c["source"] == "other") == (p.direction == "copied_from")] or ranked
    said = "; ".join(f"{_subject(c)} {c['detail']}" for c in ranked[:REASONS])
    return f"{lead}: {said}"


def _headline(p: ReusePassage) -> str:
    arrow = {"copied_from": "copied from", "copied_by": "copied by", "unknown": "shared with"}[p.direction]
    origin = f" ({', '.join(p.other_origins)})" if p.other_origins else ""
    return (f"  [{p.start}:{p.end}] {arrow} {p.other_id} [{p.other_start}:{p.other_end}]  "
            f"{p.other_date or 'undated'}{origin}  {p.other_title}  ·  similarity {p.similarity:.2f}, "
            f"copy cluster {p.copy_cluster}")


def _events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with open_store(args.db) as store:
        clusters = store.events(limit=args.limit, query=args.query)
    if args.json:
        for cluster in clusters:
            out.write(json.dumps(cluster.to_json(), ensure_ascii=False) + "\n")
        return 0
    if not clusters:
        print("no event clusters (has the store been linked? newsdesk link)", file=out)
        return 0
    texts: dict[str, str] = {}
    with open_store(args.db) as store:
        for c in clusters:
            dates = c.first if c.first == c.last else f"{c.first or '?'} – {c.last or '?'}"
            print(f"{c.id}  {dates or 'undated'}  {c.size} stories on {len(c.pages)} pages  ·  {c.title}", file=out)
            # Each story that matched, by its own title or first sentence: a page's title is often the
            # site's own, or on a stitched page another story's, and right clusters then look unrelated.
            for story in c.stories[:10]:
                label = story.title or _first_sentence(store, texts, story.page_id, story.start, story.end)
                head = f"    {story.page_id}  {story.date or 'undated'}  {story.origin or 'origin unknown'}  ·  "
                print(head + _clip(label, max(20, getattr(args, "width", 100) - len(head))), file=out)
            if len(c.stories) > 10:
                print(f"    … and {len(c.stories) - 10} more stories", file=out)
    return 0


def _first_sentence(store: Store, texts: dict[str, str], page_id: str, start: int, end: int) -> str:
    if page_id not in texts:
        texts[page_id] = str(store.page(page_id).analysis.get("text", ""))
    found = match_dateline(texts[page_id][start:end], 0, None)
    if found is not None:  # the wire dateline says where and when, not what: the listing shows both apart
        start += found.dateline.end
    story = " ".join(texts[page_id][start:end].split())
    match = re.search(r"[.!?][\"”’)]*\s+(?=[\"“A-Z])", story)
    return story[:match.end()].strip() if match else story


def unlinked_count(store: Store, events: bool = True) -> int | None:
    """About how many pages `link` has to link, for its ETA: the page keys above the linkers' watermark
    (keys count up as pages are added, and pages are never taken out; a key skipped by a failed insert
    makes it an overestimate), or, with `events`, above the lower of it and the events' watermark (pages
    a `--reuse-only` run left without events). None when nothing is known to be left."""
    # link_state holds the linkers' whole states too; read once more here, it is freed before link reads it.
    state = store.link_state()
    watermark = int(state.get("watermark", b"0").decode() or 0)
    if events and EVENTS_WATERMARK in state:
        watermark = min(watermark, int(state[EVENTS_WATERMARK].decode() or 0))
    left = store.generation()[1] - watermark
    return left if left > 0 else None


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _link(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with open_store(args.db) as store:
        live = not args.no_progress and is_terminal(err)
        events = not args.reuse_only
        with JobProgress(err, "link", "pages", unlinked_count(store, events), live=live,
                         log_every=None if args.json else LOG_SECONDS) as bar:
            summary = link_pages(store, LinkConfig(events=events), progress=lambda state: bar.update(state.linked))
        where = store.location
    if args.json:
        out.write(json.dumps({"store": where, **summary.to_json()}, ensure_ascii=False) + "\n")
        return 0
    shared = f"{summary.passages} shared passages ({summary.copied} with a direction)"
    if not events:
        print(f"linked {summary.pages} pages of {where} for reuse only in {summary.seconds:.1f} s: {shared}; their "
              f"entities and events are left for the next newsdesk link", file=out)
        return 0
    print(f"linked {summary.pages} pages of {where} in {summary.seconds:.1f} s: {shared}, {summary.entities} corpus "
          f"entities and {summary.clusters} event clusters touched", file=out)
    return 0
