"""candidates: `spark reuse`'s candidate pairs, found by shuffling numpy arrays between Python workers.

    pages = fingerprint_pages(rows, config)                  # (pk, id, site, fingerprints) a page indexed
    sites = SiteRanks.of(pks, sites)                         # on the driver: each page's rank within its site
    for bucket, postings in posting_buckets(pages, sites, n):   # map side: a page's postings by fingerprint
    for bucket, met in replay_buckets(postings, config, n):     # reduce side: the index's history replayed
    pairs = choose_candidates(met, config)                   # reduce side again, by the later page

Every fingerprint of every page must meet its other holders, which takes a shuffle by fingerprint; a
shuffle of one row a posting (150 a page) through the JVM's rows cost more than the fingerprinting, in
pickling each row to the JVM and back. Here each map task sends one record a bucket, four numpy arrays
(fingerprint, page key, site number, site rank), and the reduce task sorts them once: the JVM moves a
few large byte strings. The later step, from the pairs met on fingerprints to each page's candidates,
is one more such shuffle, by the later page. Both apply the single-machine index's own rules
(`replay_holders`, `chosen_candidates`), so the candidates are the ones `newsdesk link` has.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsdesk.jobs.spark.boilerplate import Holder, replay_holders

if TYPE_CHECKING:
    from newsdesk.corpus.reuse.align import U64, ReuseConfig

__all__ = ["LEARNT", "PAGES_A_CHUNK", "Pairs", "SiteRanks", "choose_candidates", "fingerprint_pages", "posting_buckets",
           "replay_buckets"]

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
#: The bucket key of the fingerprints a reduce task learnt as boilerplate (they go to the driver, not on).
LEARNT = -1
#: Pages whose postings a map task bucketises at once: its memory stays bounded however large its partition.
PAGES_A_CHUNK = 4096


def fingerprint_pages(rows: Iterable[Any], config: ReuseConfig) -> Iterator[tuple[int, str, str, U64]]:
    """Each page indexed (as `ReuseIndex.add` indexes: not one of fewer than `min_page_words` words) with
    its site and its winnowed fingerprints; `rows` carry `pk`, `id`, `source`, `url` and `text`."""
    from newsdesk.corpus.reuse.align import words
    from newsdesk.corpus.reuse.index import fingerprints
    from newsdesk.jobs.link import site_of

    for row in rows:
        w = words(row["text"])
        if len(w) < config.min_page_words:
            continue
        yield int(row["pk"]), row["id"], site_of(row["url"], row["source"]), fingerprints(w, config)


@dataclass(frozen=True, slots=True)
class SiteRanks:
    """Every indexed page's site (a number) and its rank among its site's indexed pages in input order
    (1 for the site's first): how many pages of its site the index knew when it came, which is what it
    learns a site's furniture by. Small (two numbers a page): worked out on the driver and broadcast."""

    pks: I64  #: sorted
    sites: I32
    ranks: I32

    @classmethod
    def of(cls, pks: Sequence[int], sites: Sequence[str]) -> SiteRanks:
        """From each indexed page's key and site, in any order."""
        keys = np.asarray(pks, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        names, inverse = np.unique(np.asarray(sites, dtype=object), return_inverse=True)
        numbers: I32 = inverse.astype(np.int32)[order]
        ranks = np.zeros(len(keys), dtype=np.int32)
        seen = np.zeros(len(names), dtype=np.int32)
        for k, site in enumerate(numbers.tolist()):  # one pass in input order: a running count a site
            seen[site] += 1
            ranks[k] = seen[site]
        return cls(keys[order], numbers, ranks)

    def lookup(self, pks: I64) -> tuple[I32, I32]:
        """The site numbers and ranks of these pages (each must be indexed)."""
        at = np.searchsorted(self.pks, pks)
        return self.sites[at], self.ranks[at]


def posting_buckets(pages: Iterable[tuple[int, str, str, U64]], sites: SiteRanks, buckets: int
                    ) -> Iterator[tuple[int, tuple[I64, I64, I32, I32]]]:
    """Map side of the shuffle by fingerprint: the postings of the pages (fingerprint as a signed 64-bit
    number, page key, site number, site rank), one record a bucket (the fingerprint modulo `buckets`)
    every `PAGES_A_CHUNK` pages."""
    chunk: list[tuple[int, U64]] = []
    for pk, _, _, fps in pages:
        chunk.append((pk, fps))
        if len(chunk) == PAGES_A_CHUNK:
            yield from _bucketised(chunk, sites, buckets)
            chunk = []
    if chunk:
        yield from _bucketised(chunk, sites, buckets)


def _bucketised(chunk: list[tuple[int, U64]], sites: SiteRanks, buckets: int
                ) -> Iterator[tuple[int, tuple[I64, I64, I32, I32]]]:
    lengths = np.fromiter((len(fps) for _, fps in chunk), dtype=np.int64, count=len(chunk))
    pks = np.fromiter((pk for pk, _ in chunk), dtype=np.int64, count=len(chunk))
    fps = np.concatenate([f for _, f in chunk])
    site, rank = sites.lookup(pks)
    holders = np.repeat(pks, lengths)
    site_of_posting, rank_of_posting = np.repeat(site, lengths), np.repeat(rank, lengths)
    bucket = (fps % np.uint64(buckets)).astype(np.int64)  # fingerprints are hashes: their low bits spread
    order = np.argsort(bucket, kind="stable")
    starts = np.flatnonzero(np.concatenate([[True], np.diff(bucket[order]) != 0])) if len(order) else order
    for part in np.split(order, starts[1:]):
        yield (int(bucket[part[0]]),
               (fps[part].view(np.int64), holders[part], site_of_posting[part], rank_of_posting[part]))


def replay_buckets(records: Iterable[tuple[int, tuple[I64, I64, I32, I32]]], config: ReuseConfig, buckets: int
                   ) -> Iterator[tuple[int, tuple[I64, ...]]]:
    """Reduce side of the shuffle by fingerprint: each fingerprint's holders in input order, replayed as the
    single-machine index meets them (`replay_holders`). Yields the fingerprints learnt as boilerplate and
    the key of the page that taught each (`LEARNT`, (fps, keys)), and the pairs that met on a fingerprint
    before it was learnt, (later page, fingerprint, earlier page), one record a bucket of the later page
    (its key modulo `buckets`) for the shuffle to `choose_candidates`."""
    parts = [arrays for _, arrays in records]
    if not parts:
        return
    fps, pks, sites, ranks = (np.concatenate([p[k] for p in parts]) for k in range(4))
    order = np.lexsort((pks, fps))  # by fingerprint, then input order (a page holds a fingerprint once)
    fps, pks, sites, ranks = fps[order], pks[order], sites[order], ranks[order]
    starts = np.flatnonzero(np.concatenate([[True], fps[1:] != fps[:-1]])) if len(fps) else np.zeros(0, np.intp)
    sizes = np.diff(np.append(starts, len(fps)))
    # Most fingerprints are one page's alone: they pair nothing and (unless one page makes furniture) mark
    # nothing. Only the others' postings are made Python numbers (a task holds millions at 100k pages).
    kept = sizes >= min(2, config.site_boilerplate_pages)
    posting_kept = np.repeat(kept, sizes)
    fps, pks, sites, ranks = fps[posting_kept], pks[posting_kept], sites[posting_kept], ranks[posting_kept]
    ends = np.cumsum(sizes[kept])
    starts = ends - sizes[kept]
    later: list[int] = []
    met_fps: list[int] = []
    earlier: list[int] = []
    learnt_fps: list[int] = []
    learnt_at: list[int] = []
    fp_list, pk_list, site_list, rank_list = fps.tolist(), pks.tolist(), sites.tolist(), ranks.tolist()
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        fp = fp_list[start]
        holders = [Holder(pk_list[k], site_list[k], rank_list[k]) for k in range(start, end)]
        met, learnt = replay_holders(holders, config)
        for b, a in met:
            later.append(holders[b].pk)
            met_fps.append(fp)
            earlier.append(holders[a].pk)
        if learnt is not None:
            learnt_fps.append(fp)
            learnt_at.append(learnt)
    yield LEARNT, (np.asarray(learnt_fps, dtype=np.int64), np.asarray(learnt_at, dtype=np.int64))
    pk_b, fp_met, pk_a = (np.asarray(x, dtype=np.int64) for x in (later, met_fps, earlier))
    bucket = pk_b % buckets
    order = np.argsort(bucket, kind="stable")
    starts = np.flatnonzero(np.concatenate([[True], np.diff(bucket[order]) != 0])) if len(order) else order
    for part in np.split(order, starts[1:]) if len(order) else ():
        yield int(bucket[part[0]]), (pk_b[part], fp_met[part], pk_a[part])


@dataclass(frozen=True, slots=True)
class Pairs:
    """Candidate pairs: the earlier page's key (`pk_a`), the later page's (`pk_b`), the fingerprints they share."""

    pk_a: I64
    pk_b: I64
    shared: I64

    @classmethod
    def joined(cls, parts: Sequence[Pairs]) -> Pairs:
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, empty)
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in ("pk_a", "pk_b", "shared")))

    def __len__(self) -> int:
        return len(self.pk_a)


def choose_candidates(records: Iterable[tuple[int, tuple[I64, ...]]], config: ReuseConfig) -> Iterator[Pairs]:
    """Reduce side of the shuffle by later page: each page's candidates among the earlier pages it met on
    fingerprints, chosen by the single-machine index's own rules (`chosen_candidates`: `min_shared`, the
    earliest copies only, most shared first, `max_candidates`). One `Pairs` a task."""
    from newsdesk.corpus.reuse.index import chosen_candidates

    parts = [arrays for _, arrays in records]
    if not parts:
        return
    pk_b, fps, pk_a = (np.concatenate([p[k] for p in parts]) for k in range(3))
    order = np.argsort(pk_b, kind="stable")
    pk_b, fps, pk_a = pk_b[order], fps[order], pk_a[order]
    starts = np.flatnonzero(np.concatenate([[True], pk_b[1:] != pk_b[:-1]])) if len(pk_b) else np.zeros(0, np.intp)
    ends = np.append(starts[1:], len(pk_b))
    chosen_a: list[I64] = []
    chosen_b: list[I64] = []
    shared: list[I64] = []
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        which = np.unique(fps[start:end], return_inverse=True)[1].astype(np.int64)
        # The index numbers pages 0, 1, … in input order: the keys' ranks are such numbers.
        keys_in_order, ranks = np.unique(pk_a[start:end], return_inverse=True)
        numbers, counts = chosen_candidates(which, ranks.astype(np.int32), config)
        chosen_a.append(keys_in_order[numbers].astype(np.int64))
        chosen_b.append(np.full(len(numbers), pk_b[start], dtype=np.int64))
        shared.append(counts.astype(np.int64))
    yield Pairs.joined([Pairs(a, b, s) for a, b, s in zip(chosen_a, chosen_b, shared, strict=True)])
