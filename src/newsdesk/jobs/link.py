"""corpus: stored pages linked to each other — copied passages, one entity across pages, events.

    summary = link_pages(store)          # links every page stored since the last run, in ingest order

Each page not linked yet (the store keeps a watermark: the key of the last page linked) is taken in
ingest order and added to three linkers whose state the store keeps between runs:

* reuse (`newsdesk.corpus.reuse.index`, `newsdesk.corpus.reuse.align`, `newsdesk.corpus.reuse.direction`):
  the index proposes
  earlier pages sharing fingerprints with the new one (the site's own furniture and stock phrases are
  learnt as the pages arrive and count for nothing; a tiny page is not indexed), and of the pages holding
  the same stretch of it only the earliest (`ReuseConfig.earliest_copies`): a story's 200th copy is aligned
  with its first holder and joins that copy cluster, not with 199 copies; each candidate's stored
  text is aligned with the new page's, giving passages with offsets on both sides, and the evidence
  (agency datelines, dates, truncation, furniture) says who copied whom, or `unknown`. A passage joins
  the copy cluster of a stored passage it overlaps on either page (by half of the shorter), else starts
  one: copies of one paragraph across many pages are one cluster. A passage between two pages of one
  site (its URL's host) is held back until that site has `site_boilerplate_pages` pages indexed: by then
  the index knows the site's furniture, and a passage lying mostly in it (or in the cleaner's `removed`
  spans) on either page is the site's boilerplate, not reuse, and is dropped. (Judged at once, the footer
  of a site's first two pages would be taken for a copy.)
* entities (`newsdesk.corpus.entities.CorpusEntities`): the page's entities are linked to corpus entities.
* events (`newsdesk.corpus.events.EventClusters`): each story joins an event cluster or starts one.

A batch of pages is written in ONE store transaction with the linkers' states and the new watermark, so
a killed run loses at most its batch and the next run resumes exactly where the last commit ended. A new
page is compared with the index, never with every stored page: the cost of a page depends on its
length and its candidates, not on the size of the store. The event clusters' titles and storylines are
worked out over all clusters (`EventClusters.clusters()`), so the cluster table is rewritten once at the
end of a run; a killed run leaves it as the run before wrote it (memberships are always current) until
the next run ends.

Reuse only (`LinkConfig(events=False)`, `newsdesk link --reuse-only`): the pages get their passages (index,
alignment, copy clusters, who copied whom, stored exactly as a full link stores them) and nothing else.
The store's watermark is the reuse linkers'; a second one, `EVENTS_WATERMARK`, is the last page whose
entities and events are linked, and a reuse-only run leaves it where it was. A later full run first
links the entities and events of the pages between the two marks, in ingest order, then links new pages
wholly: so no page's events are lost or linked twice, and the event clusters are those of a full link
from the start (entities and events never read the passages). A store without the second mark has
both linked up to the first.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsdesk.corpus.reuse.align import Passage, ReuseConfig, Words, align, words
from newsdesk.corpus.reuse.direction import DateKind, Direction, Side, direction, strong_cues
from newsdesk.corpus.reuse.index import ReuseIndex
from newsdesk.corpus.reuse.rules import COMPILED_KEPT, lies_in_furniture, other_sources, reaches, republishes
from newsdesk.errors import ConfigError, StoreError, check_numbers
from newsdesk.model import Analysis, Evidence
from newsdesk.store import (
    CorpusEntityRow,
    EventClusterRow,
    LinkBatch,
    LinkPage,
    ReusePassage,
    ReuseRow,
    Store,
)

if TYPE_CHECKING:  # imported when first linked: reuse alone (and Spark's workers) need no language models
    from newsdesk.corpus.entities import CorpusEntities
    from newsdesk.corpus.events import EventClusters

__all__ = ["COPY_STATE", "ENTITY_STATE", "EVENTS_WATERMARK", "EVENT_STATE", "REUSE_STATE", "AlignedPage",
           "LinkConfig", "LinkProgress", "LinkSummary", "link_pages", "site_of", "stored_passage"]

log = logging.getLogger(__name__)

#: Names of the state blobs in the store.
REUSE_STATE, ENTITY_STATE, EVENT_STATE, COPY_STATE = "reuse_index", "corpus_entities", "event_clusters", "copy_clusters"
#: The last page key whose entities and events are linked (ASCII), when a reuse-only run left it below the
#: store's watermark; absent, it is the watermark.
EVENTS_WATERMARK = "events_watermark"


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Linking's knobs. A batch is `batch_pages` pages at first; when saving the states takes more than
    `save_share` of a batch's time, the next batches are twice as long (up to `max_batch_pages`), so the
    states, which grow with the store, are not rewritten so often that saving them costs more than the work."""

    reuse: ReuseConfig = field(default_factory=ReuseConfig)
    batch_pages: int = 500
    max_batch_pages: int = 20_000
    save_share: float = 0.1
    #: Two spans of one page are one copy (one copy cluster) when they overlap by this share of the shorter.
    copy_overlap: float = 0.5
    #: Pages kept at hand for aligning (their text and what direction reads), the most recently used.
    recent_pages: int = 5_000
    #: Link entities, events and storylines too; False: passage reuse only, the pages' events left for a
    #: later full run (see the module docstring).
    events: bool = True

    def __post_init__(self) -> None:
        check_numbers(self, "link", ("batch_pages", "max_batch_pages", "recent_pages"), whole=True, minimum=1)
        check_numbers(self, "link", ("save_share", "copy_overlap"))
        if not 0 < self.copy_overlap <= 1:
            raise ConfigError("ND-E011", f"link.copy_overlap must be in (0, 1], not {self.copy_overlap!r}")
        if not isinstance(self.reuse, ReuseConfig):
            raise ConfigError("ND-E011", f"link.reuse must be a ReuseConfig, not {type(self.reuse).__name__}")


@dataclass(slots=True)
class LinkProgress:
    """Counts so far, passed to the progress callback after each batch is saved."""

    linked: int = 0
    passages: int = 0
    batches: int = 0
    started: float = field(default_factory=time.monotonic)
    #: Seconds spent finding copied passages (index, alignment, direction, copy clusters), of `seconds`.
    reuse_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """What a run linked: `pages` linked (by a full run after a reuse-only one, those it linked for events
    only too), `passages` found (`copied` with a direction, the rest unknown),
    corpus entities and event clusters touched, `batches` saved, and the watermark it ended at;
    `reuse_seconds`: the part of `seconds` spent finding copied passages (the other linkers and the store
    take the rest)."""

    pages: int
    passages: int
    copied: int
    entities: int
    clusters: int
    batches: int
    seconds: float
    watermark: int
    reuse_seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"pages": self.pages, "passages": self.passages, "copied": self.copied,
                "unknown": self.passages - self.copied, "entities": self.entities, "clusters": self.clusters,
                "batches": self.batches, "seconds": round(self.seconds, 2),
                "reuse_seconds": round(self.reuse_seconds, 2), "watermark": self.watermark}


def site_of(url: str | None, source: str) -> str:
    """The site a page's furniture belongs to: its URL's host ("www." dropped), else its source's folder."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return str(PurePath(source).parent)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None  # a stored date that is not a day (never written by this store): no date clue


@dataclass(frozen=True, slots=True)
class AlignedPage:
    """What aligning with a page and judging direction read of it: its text, site, date, stories (start,
    end, origin, has an agency dateline) and furniture; a few KB, where its analysis JSON is tens.
    Spark's direction step (`newsdesk.jobs.spark`) reads its pages with it too."""

    id: str
    text: str
    site: str
    date: dt.date | None
    stories: tuple[tuple[int, int, str | None, bool], ...]
    furniture: tuple[tuple[int, int], ...]
    #: Where the date came from (`model.Page.reference_date_source`): how far the date clue trusts it.
    date_kind: DateKind | None = None
    #: The text's wire marks and words, found when first needed (a page sharing passages with many pages
    #: is searched and cut into words once).
    found_cues: list[tuple[Evidence, ...]] = field(default_factory=list)
    found_words: list[Words] = field(default_factory=list)

    @classmethod
    def of(cls, page: LinkPage) -> AlignedPage:
        text = page.text
        if not isinstance(text, str):
            raise StoreError("ND-E032", f"page {page.id}: its stored analysis has no text to link")
        stories = tuple((int(s["start"]), int(s["end"]), s.get("origin"), bool((s.get("dateline") or {}).get("agency")))
                        for s in page.analysis.get("stories", ()))
        furniture = tuple((int(s["start"]), int(s["end"])) for s in page.analysis.get("removed", ()))
        kind = page.analysis.get("reference_date_source")
        return cls(page.id, text, site_of(page.url, page.source), _date(page.date), stories, furniture,
                   kind if kind in _DATE_KINDS else None)

    def words(self) -> Words:
        if not self.found_words:
            self.found_words.append(words(self.text))
        return self.found_words[0]

    def cues(self) -> tuple[Evidence, ...]:
        if not self.found_cues:
            self.found_cues.append(strong_cues(self.text))
        return self.found_cues[0]

    def side(self, start: int, sources: int = 0, republisher: bool = False, came_through: str | None = None) -> Side:
        """This page as one side of a passage starting at `start` (the story holding it says its origin);
        `sources`, `republisher`, `came_through`: what the caller found of the page's other links."""
        origin, has_dateline, story_end = None, False, None
        for s, e, story_origin, story_dateline in self.stories:
            if s <= start < e:
                origin, has_dateline, story_end = story_origin, story_dateline, e
                break
        return Side(self.text, self.date, origin, has_dateline, self.furniture, self.cues(), self.date_kind,
                    self.site if "." in self.site else None, story_end, sources, republisher, came_through)


_DATE_KINDS: tuple[DateKind, ...] = ("page", "dateline", "record", "option", "crawl")


def _clues(verdict: Direction, page_side: str) -> tuple[dict[str, str], ...]:
    """The evidence as JSON objects, each naming the side of the stored row it says is the source: "page"
    (the row's `page`, which is direction side `page_side`) or "source"; `about` says which page `detail`
    describes ("source": the one it names, "copy": the other), `weight` how much it counted."""
    return tuple({"rule": c.rule, "source": "page" if c.source == page_side else "source", "detail": c.detail,
                  "weight": f"{c.weight:g}", "about": c.about}
                 for c in sorted(verdict.evidence, key=lambda c: (-c.weight, c.rule, c.source)))


class _CopyClusters:
    """Copy-cluster ids for new passages: a span joins the cluster of a stored span it overlaps on the same
    page, else a new one; a passage whose two sides meet two clusters merges them (the later into the earlier)."""

    def __init__(self, store: Store, next_id: int, overlap: float) -> None:
        self.store, self.next_id, self.overlap = store, next_id, overlap
        self.spans: dict[str, list[tuple[int, int, int]]] = {}
        self.alias: dict[int, int] = {}
        self.merges: list[tuple[int, int]] = []

    def load(self, page_ids: Sequence[str]) -> None:
        wanted = [p for p in page_ids if p not in self.spans]
        for page_id in wanted:
            self.spans[page_id] = []
        if wanted:
            for page_id, start, end, cluster in self.store.reuse_spans(wanted):
                self.spans[page_id].append((start, end, cluster))

    def resolve(self, cluster: int) -> int:
        while cluster in self.alias:
            cluster = self.alias[cluster]
        return cluster

    def _found(self, page_id: str, start: int, end: int) -> int | None:
        for s, e, cluster in self.spans.get(page_id, ()):
            if min(end, e) - max(start, s) >= self.overlap * min(end - start, e - s):
                return self.resolve(cluster)
        return None

    def assign(self, a_page: str, a: tuple[int, int], b_page: str, b: tuple[int, int]) -> int:
        found = [c for c in (self._found(b_page, *b), self._found(a_page, *a)) if c is not None]
        if not found:
            cluster = self.next_id
            self.next_id += 1
        else:
            cluster = min(found)
            for other in found:
                if other != cluster:
                    self.alias[other] = cluster
                    self.merges.append((other, cluster))
        self.spans.setdefault(a_page, []).append((*a, cluster))
        self.spans.setdefault(b_page, []).append((*b, cluster))
        return cluster

    def saved(self) -> None:
        """The batch is in the store (merges applied there): start the next one afresh."""
        self.spans.clear()
        self.alias.clear()
        self.merges.clear()


def stored_passage(a_id: str, b_id: str, p: Passage, verdict: Direction, cluster: int) -> ReuseRow:
    """A passage between pages a and b as stored: the copy on the `page` side when the evidence decides
    (Spark's links are stored with it too)."""
    if verdict.verdict == "b_copied_a":  # b copied it from a
        return ReuseRow(b_id, p.b_start, p.b_end, a_id, p.a_start, p.a_end, True, p.similarity,
                        _clues(verdict, "b"), cluster)
    return ReuseRow(a_id, p.a_start, p.a_end, b_id, p.b_start, p.b_end, verdict.verdict == "a_copied_b",
                    p.similarity, _clues(verdict, "a"), cluster)


class _Linker:
    """The three linkers' state and one batch's pending rows."""

    def __init__(self, store: Store, config: LinkConfig) -> None:
        self.store, self.config = store, config
        state = store.link_state()
        self.watermark = int(state.get("watermark", b"0").decode())
        self.index = ReuseIndex.from_bytes(state[REUSE_STATE]) if REUSE_STATE in state else ReuseIndex(config.reuse)
        if self.index.config != config.reuse:
            log.warning("the stored reuse index was built with other settings (%s); they are kept", self.index.config)
        self.events_watermark = int(state.get(EVENTS_WATERMARK, str(self.watermark).encode()).decode())
        self.entities: CorpusEntities | None = None
        self.events: EventClusters | None = None
        if config.events:
            from newsdesk.corpus.entities import CorpusEntities
            from newsdesk.corpus.events import EventClusters

            self.entities = (CorpusEntities.from_bytes(state[ENTITY_STATE]) if ENTITY_STATE in state
                             else CorpusEntities())
            self.events = EventClusters.from_bytes(state[EVENT_STATE]) if EVENT_STATE in state else EventClusters()
        copy_state = json.loads(state.get(COPY_STATE, b'{"next": 1}'))
        self.copies = _CopyClusters(store, int(copy_state["next"]), config.copy_overlap)
        #: Pages indexed per site, and passages between two pages of one site waiting for its furniture.
        self.site_pages: dict[str, int] = dict(copy_state.get("sites", {}))
        self.held: list[tuple[str, ReuseRow]] = [
            (site, ReuseRow(str(a), int(s), int(e), str(b), int(bs), int(be), bool(copied), float(sim), tuple(clues),
                            -1))
            for site, (a, s, e, b, bs, be, copied, sim, clues) in copy_state.get("held", [])]
        #: Pages aligned with lately, most recent last: a copied story is a candidate of page after page.
        self.recent: OrderedDict[str, AlignedPage] = OrderedDict()
        self.rows: list[ReuseRow] = []
        self.entity_ids: set[str] = set()
        self.entity_links: list[tuple[str, str, str]] = []
        self.members: list[tuple[str, int, str]] = []
        self.clusters_touched: set[str] = set()
        self.reuse_seconds = 0.0
        #: Up to `COMPILED_KEPT` pages of each site that are compilations of other pages (kept across runs).
        self.compiled: dict[str, list[str]] = {site: list(ids) for site, ids in copy_state.get("compiled", {}).items()}
        #: Pages with a passage found or stored in this run: `settle` decides their passages again.
        self.touched: set[str] = set()

    # -- one page
    def add(self, page: LinkPage, batch: dict[str, LinkPage]) -> None:
        """Link the page by what it still lacks: passages above the watermark, events above theirs."""
        if page.pk > self.watermark:
            started = time.perf_counter()
            self._reuse(AlignedPage.of(page), batch)
            self.reuse_seconds += time.perf_counter() - started
        if self.entities is not None and self.events is not None and page.pk > self.events_watermark:
            self._events(page, self.entities, self.events)

    def _events(self, page: LinkPage, entities: CorpusEntities, events: EventClusters) -> None:
        from newsdesk.corpus.entities import entity_records, event_docs

        analysis = Analysis.from_json(page.analysis)
        # A page without entities changes nothing of the corpus entities: its records (whose context costs
        # a pass over the text) are not built.
        ids = entities.add(entity_records(page.id, analysis)) if analysis.entities else {}
        for (page_id, local), corpus_id in ids.items():
            self.entity_links.append((page_id, local, corpus_id))
            self.entity_ids.add(corpus_id)
        docs = event_docs(page.id, analysis, ids)
        for doc, cluster in zip(docs, events.add_many(docs), strict=True):
            self.members.append((page.id, doc.story, cluster))
            self.clusters_touched.add(cluster)

    def _reuse(self, page: AlignedPage, batch: dict[str, LinkPage]) -> None:
        text, site = page.text, page.site
        indexed = len(self.index)
        candidates = self.index.add(page.id, text, site, text_words=page.words())
        if len(self.index) > indexed:
            self.site_pages[site] = self.site_pages.get(site, 0) + 1
            self._remember(page)
        if not candidates:
            return
        ids = [str(c.page_id) for c in candidates]
        others = self._pages(ids, batch)
        mine = page.words()
        ignore = self.index.furniture_shingles(text, mine)
        self.copies.load([page.id, *ids])
        found = [(others[other_id], passage) for other_id in ids
                 for passage in align(text, others[other_id].text, self.config.reuse, ignore=ignore, a_words=mine,
                                      b_words=others[other_id].words())]
        # The new page's passages with all its candidates at once: several sources in several places of it
        # make it a compilation (`settle` weighs the stored pages' links too, once the run is done).
        spans = [(p.a_start, p.a_end, other.id) for other, p in found]
        for other, passage in found:
            same_site = other.site == site
            sources = other_sources(spans, passage.a_start, passage.a_end, other.id, self.config.copy_overlap)
            row = self._row(page, other, passage, sources)
            if same_site:
                self.held.append((site, row))
            else:
                self.rows.append(self._clustered(row))
        if self.site_pages.get(site, 0) >= self.index.config.site_boilerplate_pages:
            self.judge_held(site, batch)  # now, not at the batch's end: the result must not depend on batches

    def _remember(self, page: AlignedPage) -> None:
        self.recent[page.id] = page
        self.recent.move_to_end(page.id)
        while len(self.recent) > self.config.recent_pages:
            self.recent.popitem(last=False)

    def _pages(self, ids: Sequence[str], batch: dict[str, LinkPage]) -> dict[str, AlignedPage]:
        """The candidates, from the recent pages, else the batch, else the store."""
        out: dict[str, AlignedPage] = {}
        for page_id in ids:
            if page_id in self.recent:
                out[page_id] = self.recent[page_id]
                self.recent.move_to_end(page_id)
            elif page_id in batch:
                out[page_id] = AlignedPage.of(batch[page_id])
        missing = [i for i in ids if i not in out]
        loaded = self.store.link_pages(missing) if missing else {}
        for page_id in missing:
            if page_id not in loaded:
                raise StoreError("ND-E032", f"the reuse index names page {page_id}, which is not in the store")
            out[page_id] = AlignedPage.of(loaded[page_id])
        for page in out.values():
            self._remember(page)
        return out

    def _row(self, page: AlignedPage, other: AlignedPage, p: Passage, sources: int = 0) -> ReuseRow:
        """The passage as stored: the copy on the `page` side when the evidence decides."""
        verdict = direction(page.side(p.a_start, sources, self._republisher(page.site)),
                            other.side(p.b_start, 0, self._republisher(other.site)), p)
        return stored_passage(page.id, other.id, p, verdict, -1)

    def _clustered(self, row: ReuseRow) -> ReuseRow:
        self.copies.load([row.page_id, row.source_id])
        cluster = self.copies.assign(row.page_id, (row.start, row.end), row.source_id,
                                     (row.source_start, row.source_end))
        return ReuseRow(row.page_id, row.start, row.end, row.source_id, row.source_start, row.source_end, row.copied,
                        row.similarity, row.clues, cluster)

    def judge_held(self, site: str, batch: dict[str, LinkPage]) -> None:
        """Release or drop the held passages of a site that now has enough pages for its furniture to be known."""
        ready = [row for held_site, row in self.held if held_site == site]
        if not ready:
            return
        self.held = [(held_site, row) for held_site, row in self.held if held_site != site]
        pages = self._pages(sorted({r.page_id for r in ready} | {r.source_id for r in ready}), batch)
        furniture = {page_id: [*self.index.furniture(page.text), *page.furniture] for page_id, page in pages.items()}
        for row in ready:
            if not lies_in_furniture(furniture.get(row.page_id, []), row.start, row.end,
                                     furniture.get(row.source_id, []), row.source_start, row.source_end):
                self.rows.append(self._clustered(row))

    # -- the run's end
    def settle(self) -> list[ReuseRow]:
        """Every passage of the pages this run linked, decided again now that all their links are known:
        a page's other sources (a compilation) and its site's habits are then the same whatever order the
        pages came in. The decisions are taken strongest first, and one that would close a cycle of copies
        (A copied B copied … A) is left `unknown`."""
        touched = sorted(self.touched)
        links: dict[str, list[ReusePassage]] = {}

        def of(page_id: str) -> list[ReusePassage]:
            if page_id not in links:
                links[page_id] = self.store.reuse(page_id)
            return links[page_id]

        def sources(page_id: str, start: int, end: int, counterpart: str) -> int:
            spans = [(p.start, p.end, p.other_id) for p in of(page_id)]
            return other_sources(spans, start, end, counterpart, self.config.copy_overlap)

        pages = self._pages(touched, {})
        for page_id in touched:
            mine = of(page_id)
            if any(sources(page_id, p.start, p.end, p.other_id) for p in mine):
                site = pages[page_id].site
                kept = self.compiled.setdefault(site, [])
                if page_id not in kept and len(kept) < COMPILED_KEPT:
                    kept.append(page_id)
                    kept.sort()
        seen: set[tuple[str, int, str, int]] = set()
        decided: list[tuple[float, tuple[str, int, str, int], Passage, Direction, ReusePassage]] = []
        for page_id in touched:
            for p in of(page_id):
                key = (page_id, p.start, p.other_id, p.other_start)
                if key in seen or (p.other_id, p.other_start, page_id, p.start) in seen:
                    continue
                seen.add(key)
                me = pages[page_id]
                other = pages[p.other_id] if p.other_id in pages else self._pages([p.other_id], {})[p.other_id]
                passage = Passage(p.start, p.end, p.other_start, p.other_end, p.similarity)
                verdict = direction(
                    me.side(p.start, sources(page_id, p.start, p.end, p.other_id), self._republisher(me.site)),
                    other.side(p.other_start, sources(p.other_id, p.other_start, p.other_end, page_id),
                               self._republisher(other.site)), passage)
                decided.append((verdict.margin, key, passage, verdict, p))
        # Strongest first (ties in a fixed order): a weaker arrow closing a cycle is the one dropped.
        decided.sort(key=lambda d: (-d[0], d[1]))
        copied_from: dict[str, set[str]] = {}
        rows = []
        for _, (page_id, _, other_id, _), passage, verdict, p in decided:
            if verdict.verdict != "unknown":
                copier, source = (page_id, other_id) if verdict.verdict == "a_copied_b" else (other_id, page_id)
                if reaches(copied_from, source, copier):
                    verdict = Direction("unknown", verdict.evidence, 0.0)
                else:
                    copied_from.setdefault(copier, set()).add(source)
            rows.append(stored_passage(page_id, other_id, passage, verdict, p.copy_cluster))
        return sorted(rows, key=lambda r: (r.page_id, r.start, r.source_id, r.source_start))

    def _republisher(self, site: str) -> bool:
        """Whether the site's pages are, often enough, compilations of other pages: a site that republishes."""
        n = len(self.compiled.get(site, ()))
        return republishes(n, self.site_pages.get(site, n))

    # -- one batch
    def batch(self, last: int, final: bool) -> LinkBatch:
        """The batch's rows and states, every page up to key `last` then linked as far as this run links."""
        rows = tuple(ReuseRow(r.page_id, r.start, r.end, r.source_id, r.source_start, r.source_end, r.copied,
                              r.similarity, r.clues, self.copies.resolve(r.copy_cluster)) for r in self.rows)
        states: tuple[tuple[str, bytes], ...] = ((REUSE_STATE, self.index.to_bytes()), (COPY_STATE, self._copy_state()))
        watermark = max(self.watermark, last)
        if self.entities is None or self.events is None:  # reuse only: the events' mark and states stay as they are
            return LinkBatch(watermark, rows, tuple(self.copies.merges),
                             states=(*states, (EVENTS_WATERMARK, str(self.events_watermark).encode())))
        entities = tuple(_entity_row(self.entities, i) for i in sorted(self.entity_ids))
        clusters = tuple(EventClusterRow(c.id, c.title, c.first, c.last, len(c.members), c.topic)
                         for c in self.events.clusters()) if final else ()
        states = (*states, (ENTITY_STATE, self.entities.to_bytes()), (EVENT_STATE, self.events.to_bytes()),
                  (EVENTS_WATERMARK, str(max(self.events_watermark, last)).encode()))
        return LinkBatch(watermark, rows, tuple(self.copies.merges), entities, tuple(self.entity_links), clusters,
                         tuple(self.members), states, all_clusters=final)

    def _copy_state(self) -> bytes:
        held = [[site, [r.page_id, r.start, r.end, r.source_id, r.source_start, r.source_end, r.copied, r.similarity,
                        list(r.clues)]] for site, r in self.held]
        return json.dumps({"next": self.copies.next_id, "sites": self.site_pages, "held": held,
                           "compiled": {site: ids for site, ids in sorted(self.compiled.items())}},
                          ensure_ascii=False).encode()

    def saved(self, last: int) -> None:
        self.touched |= {r.page_id for r in self.rows} | {r.source_id for r in self.rows}
        self.watermark = max(self.watermark, last)
        if self.events is not None:
            self.events_watermark = max(self.events_watermark, last)
        self.copies.saved()
        self.rows, self.entity_links, self.members = [], [], []
        self.entity_ids = set()


def _entity_row(entities: CorpusEntities, entity_id: str) -> CorpusEntityRow:
    e = entities.entity(entity_id)
    return CorpusEntityRow(e.id, e.label, e.type, e.pages, e.mentions, e.first_seen, e.last_seen, e.gazetteer_id)


def link_pages(store: Store, config: LinkConfig | None = None,
               progress: Callable[[LinkProgress], None] | None = None) -> LinkSummary:
    """Link every stored page not linked yet, batch by batch (see the module docstring); with
    `config.events` False, passage reuse only."""
    cfg = config or LinkConfig()
    state = LinkProgress()
    linker = _Linker(store, cfg)
    size = cfg.batch_pages
    passages = copied = 0
    entities: set[str] = set()
    clusters: set[str] = set()
    # A full run starts at the lower mark: the pages a reuse-only run linked get their events first.
    first = min(linker.watermark, linker.events_watermark) if cfg.events else linker.watermark
    pages: list[LinkPage] = store.unlinked(first, size)
    while pages:
        started = time.monotonic()
        by_id = {p.id: p for p in pages}
        for page in pages:
            linker.add(page, by_id)
        watermark = pages[-1].pk
        upcoming = store.unlinked(watermark, size)
        passages += len(linker.rows)
        copied += sum(r.copied for r in linker.rows)
        entities |= linker.entity_ids
        clusters |= linker.clusters_touched
        worked = time.monotonic() - started
        saving = time.monotonic()
        store.save_links(linker.batch(watermark, final=not upcoming))
        saved = time.monotonic() - saving
        linker.saved(watermark)
        state.linked += len(pages)
        state.passages = passages
        state.batches += 1
        state.reuse_seconds = linker.reuse_seconds
        if progress is not None:
            progress(state)
        if saved > cfg.save_share * worked and size < cfg.max_batch_pages:
            size = min(cfg.max_batch_pages, size * 2)
            upcoming += store.unlinked(upcoming[-1].pk, size - len(upcoming)) if upcoming else []
        pages = upcoming
    if linker.touched:
        started = time.perf_counter()
        settled = tuple(linker.settle())
        store.save_links(LinkBatch(linker.watermark, settled, states=((COPY_STATE, linker._copy_state()),
                                                                       (EVENTS_WATERMARK,
                                                                        str(linker.events_watermark).encode()))))
        linker.reuse_seconds += time.perf_counter() - started
        copied = min(passages, sum(r.copied for r in settled))  # as settled
    return LinkSummary(state.linked, passages, copied, len(entities), len(clusters), state.batches, state.seconds,
                       linker.watermark, linker.reuse_seconds)
