"""export: the store's pages in formats other tools read.

- `jsonl`: one `newsdesk.analysis/1` object a line, with the page's store id, every source and its links
  (`links`: passages it copied and that were copied from it, its copy clusters and event clusters).
- `csv`: one row a page (id, date, title, source, url, origins, counts of each facet, then its reuse
  counts and event clusters): a table for a spreadsheet; the facets themselves are in the JSONL.
- `geojson`: a FeatureCollection, one Point feature a *resolved* place, with every mention (page id, offsets,
  the text as written) in its properties. GeoJSON is longitude first (RFC 7946). Places the gazetteer left
  unresolved (unknown, tied or weak candidates: see `newsdesk.analysis.entities.gazetteer`) are no points —
  a wrong point looks
  like a right one — but are listed in a foreign member `unresolved`, one object a place entity of a page
  (page id, name, mentions, why, best candidates), so the reader sees what was left off the map.

Each writer streams: memory stays flat for any store size. Each takes an optional `progress(what, done)`,
called as it goes (`what`: "pages", or "places" while GeoJSON writes its points), for a progress bar.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TextIO

from newsdesk.store import PageLinks, Store, StoredPage

FORMATS = ("jsonl", "csv", "geojson")

CSV_COLUMNS = ("page_id", "date", "title", "source", "url", "origins", "sources", "stories", "entities",
               "quotes", "claims", "times", "events", "noise_spans", "copied_from", "copied_by", "reuse_unknown",
               "event_clusters")
#: Pages whose links are read in one query.
LINKS_BATCH = 500

#: `progress(what, done)`: `done` pages (or places) written so far.
ExportProgress = Callable[[str, int], None]


class Writer(Protocol):
    def __call__(self, store: Store, out: TextIO, progress: ExportProgress | None = None) -> int: ...


def _nothing(what: str, done: int) -> None:
    pass


def pages_with_links(store: Store) -> Iterator[tuple[StoredPage, PageLinks]]:
    """Every page in ingest order with its links (empty ones for a page with none), a batch at a time."""
    pages = store.pages()
    while batch := list(itertools.islice(pages, LINKS_BATCH)):
        links = store.page_links(p.id for p in batch)
        for page in batch:
            yield page, links.get(page.id, PageLinks())


def export_jsonl(store: Store, out: TextIO, progress: ExportProgress | None = None) -> int:
    tell = progress or _nothing
    count = 0
    for page, links in pages_with_links(store):
        record = {"page_id": page.id, "sources": list(page.sources), **page.analysis, "links": links.to_json()}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
        tell("pages", count)
    return count


def export_csv(store: Store, out: TextIO, progress: ExportProgress | None = None) -> int:
    tell = progress or _nothing
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for page, links in pages_with_links(store):
        data = page.analysis
        writer.writerow([page.id, page.date or "", page.title, page.source, page.url or "",
                         ";".join(page.origins), len(page.sources),
                         *(len(data.get(facet, ())) for facet in ("stories", "entities", "quotes", "claims",
                                                                  "times", "events", "removed")),
                         links.copied_from, links.copied_by, links.reuse_unknown, ";".join(links.events)])
        count += 1
        tell("pages", count)
    return count


def export_geojson(store: Store, out: TextIO, progress: ExportProgress | None = None) -> int:
    """Written feature by feature (not built in memory), so a large store streams. Returns the number of
    points; unresolved places follow in the `unresolved` member."""
    tell = progress or _nothing
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for place in store.places():  # located places only
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "label": place.label, "country": place.country, "gazetteer_id": place.gazetteer_id,
                "pages": place.pages, "mention_count": len(place.mentions),
                "mentions": [{"page_id": p, "start": s, "end": e, "text": t} for p, s, e, t in place.mentions],
            },
        }
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
        tell("places", count)
    out.write('\n], "unresolved": [\n')
    first = True
    for done, page in enumerate(store.pages(), 1):
        for item in unresolved_places(page):
            out.write(("" if first else ",\n") + json.dumps(item, ensure_ascii=False))
            first = False
        tell("pages", done)
    out.write("\n]}\n")
    return count


def unresolved_places(page: StoredPage) -> Iterator[dict[str, Any]]:
    """The page's place entities with no point: what the GeoJSON's `unresolved` member lists."""
    for entity in page.analysis.get("entities") or ():
        if entity.get("type") != "PLACE" or entity.get("lat") is not None:
            continue
        yield {"page_id": page.id, "name": entity.get("label"), "why": entity.get("why") or "",
               "mentions": entity.get("mentions") or [], "candidates": entity.get("candidates") or []}


WRITERS: dict[str, Writer] = {
    "jsonl": export_jsonl, "csv": export_csv, "geojson": export_geojson}
