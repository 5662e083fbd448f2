"""reuse_index: which earlier pages a new page may have copied from, or been copied by — incrementally.

    index = ReuseIndex(ReuseConfig())
    for page_id, text, site in pages:                    # in arrival order
        for cand in index.add(page_id, text, site):      # only pages added before this one
            passages = align(text, stored_text(cand.page_id), config, ignore=index.furniture_shingles(text))
    blob = index.to_bytes(); index = ReuseIndex.from_bytes(blob)   # the store keeps it between runs
                                                                   # (versioned JSON: `newsdesk.corpus.reuse.state`)

Candidates come from *winnowed* shingle fingerprints (Schleimer, Wilkerson & Aiken 2003): of every
`winnow_window` consecutive shingle hashes the least is kept. A min-hash per window, but unlike one
MinHash per page it guarantees that any run of `winnow_window + seed_words - 1` shared words shares a
fingerprint, so a short copied passage inside a long page is found however long the page is (what
matters here is containment, not Jaccard). The fingerprints go into an inverted index; a new page
looks its own up, counts the fingerprints it shares with each earlier page, and is then added. Nothing
is ever compared pair by pair, so the cost of a page depends on its length and its shared postings,
not on how many pages there are.

Why not `datasketch` (datasketch 2.0.0, measured on PAN 2013: 246 source pages indexed, 84 suspicious
pages queried, 250 gold pairs): MinHashLSH over 50-word windows found the gold pairs (recall 1.0, 305
candidates) in 5.5 s; winnowed fingerprints found them too (recall 1.0, 306 candidates) in 0.06 s.
LSH Ensemble is built once over a fixed set, so it cannot grow page by page; and document frequency,
which tells furniture from reuse, falls out of posting lists for free.

The postings live in sorted numpy segments (12 bytes a posting, plus a directory of about 2) merged as
in a log-structured store, plus a dict for the newest postings (at most an eighth of the rest, so a
posting is merged a bounded number of times); a Bloom filter spares most lookups. The whole index
saves as an `IndexState` (`state`, `from_state`; `to_bytes` writes it as versioned JSON). Memory per page
is bounded by `max_fingerprints`.

Boilerplate: a fingerprint already in `site_boilerplate_pages` pages of one site (its "Share this
article" line, its footer) is that site's furniture; one in more than `max_df` pages overall is a stock
phrase. From the moment it is learnt it counts for no candidate and is no longer indexed, and
`furniture_shingles` tells `align` to seed nothing inside the stretches of text it marks.

Holders: a fingerprint is indexed for its first `max_holders` pages only (later copies are aligned with
the earliest holders: see `ReuseConfig.earliest_copies`), so a lookup's cost is bounded however often a
story is republished; the pages beyond are counted (for `max_df`), not indexed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from newsdesk.corpus.reuse.align import U64, ReuseConfig, Words, shingles, words
from newsdesk.corpus.reuse.state import IndexState, PageKey, decode, encode

__all__ = ["Candidate", "ReuseIndex", "chosen_candidates", "fingerprints"]

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
#: Postings kept in the dict before they are sorted into a numpy segment: at least this many, and at
#: least 1 / `_BUFFER_SHARE` of those in segments.
_BUFFER_POSTINGS = 1 << 18
_BUFFER_SHARE = 8
_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it permutes the 64-bit values


@dataclass(frozen=True, slots=True)
class Candidate:
    """An earlier page sharing `shared` fingerprints with the new one.

    `contained_new`: the share of the new page's fingerprints found in that page (1.0: the new page is
    all in it); `contained_old`: the share of that page's fingerprints found in the new one (as counted
    when it was added)."""

    page_id: PageKey
    shared: int
    contained_new: float
    contained_old: float


def _winnow_positions(h: U64, window: int) -> npt.NDArray[np.intp]:
    """Positions of the least hash of every `window` consecutive ones (each position once)."""
    if len(h) == 0:
        return np.zeros(0, dtype=np.intp)
    if len(h) <= window:
        return np.asarray([int(np.argmin(h))], dtype=np.intp)
    views = sliding_window_view(h, window)
    return np.unique(views.argmin(axis=1) + np.arange(len(views)))


def fingerprints(w: Words, config: ReuseConfig) -> U64:
    """The distinct winnowed fingerprints of a text's words, at most `max_fingerprints` (the least)."""
    h = shingles(w, config.seed_words)
    chosen = np.unique(h[_winnow_positions(h, config.winnow_window)])  # sorted, distinct
    return chosen[:config.max_fingerprints]


def chosen_candidates(which: I64, pages: I32, config: ReuseConfig) -> tuple[I32, I64]:
    """Of the pages a lookup met (`pages[k]` holds the new page's fingerprint number `which[k]`), the page
    numbers met at least `min_shared` times (see `ReuseConfig.earliest_copies`), most shared first (then
    oldest first), at most `max_candidates`; with the fingerprints each shares. Spark's candidate step
    (`newsdesk.jobs.spark`) chooses with it too."""
    numbers, counts = np.unique(pages, return_counts=True)
    chosen = counts >= config.min_shared
    numbers, counts = numbers[chosen], counts[chosen]
    if config.earliest_copies and len(numbers) > 1:
        numbers, counts = _earliest_copies(which, pages, numbers, counts, config.min_shared)
    order = np.lexsort((numbers, -counts))[:config.max_candidates]
    return numbers[order], counts[order]


def _earliest_copies(which: I64, pages: I32, numbers: I32, counts: I64, min_shared: int) -> tuple[I32, I64]:
    """Of the candidates `numbers` (sorted: oldest first; `counts` the fingerprints each shares), those
    holding at least `min_shared` of the new page's fingerprints that no older kept one holds.

    A story copied by 200 pages is in all of them: the new page's copy of it is aligned with the
    earliest page holding it (the likeliest source) and joins that passage's copy cluster, instead
    of being aligned with all 200 (work growing with the square of a story's copies). A later page
    is kept too when it holds other text of the new page (a second story, a longer excerpt).
    In rounds, all in numpy (hundreds of candidates a page at 100,000 pages): each round keeps every
    page that is the earliest holder of `min_shared` fingerprints not claimed yet, and they claim
    all theirs; a round keeping none sets aside the pages it looked at (they cannot be kept)."""
    wanted = np.isin(pages, numbers)
    order = np.lexsort((pages[wanted], which[wanted]))  # by fingerprint, then page (oldest first)
    which, pages = which[wanted][order], pages[wanted][order]
    claimed = np.zeros(int(which.max()) + 1, dtype=bool)
    open_ = np.ones(len(which), dtype=bool)  # postings of pages neither kept nor set aside
    kept: list[I32] = []
    while True:
        live = np.flatnonzero(open_ & ~claimed[which])
        if len(live) == 0:
            break
        w = which[live]
        first = live[np.concatenate([[True], w[1:] != w[:-1]])]  # each fingerprint's earliest open holder
        owners, owned = np.unique(pages[first], return_counts=True)
        chosen = owners[owned >= min_shared]
        if len(chosen):
            kept.append(chosen)
            theirs = np.isin(pages, chosen)
            claimed[which[theirs]] = True
        else:
            theirs = np.isin(pages, owners)
        open_ &= ~theirs
    keep = np.isin(numbers, np.concatenate(kept)) if kept else np.zeros(len(numbers), dtype=bool)
    return numbers[keep], counts[keep]


class ReuseIndex:
    """Incremental candidate finder over pages; see the module doc. Saved with `to_bytes`/`from_bytes`."""

    def __init__(self, config: ReuseConfig | None = None) -> None:
        self.config = config or ReuseConfig()
        self._ids: list[PageKey] = []           # page number → page id
        self._numbers: dict[PageKey, int] = {}
        self._page_site = np.zeros(1024, dtype=np.int32)  # page number → site number (-1: none)
        self._page_size = np.zeros(1024, dtype=np.int32)  # page number → fingerprints indexed
        self._sites: dict[str, int] = {}
        self._site_pages: dict[int, int] = {}   # site number → pages indexed
        self._postings = _Postings()
        self._ignored: set[int] = set()         # furniture and stock fingerprints
        self._ignored_array: U64 | None = None  # the same, sorted, for numpy lookups
        self._unindexed: dict[int, int] = {}     # fingerprint → pages holding it beyond `max_holders`
        self._tiny = 0

    # -- what the index holds ------------------------------------------------------------------
    def __len__(self) -> int:
        """Pages indexed (tiny pages are not)."""
        return len(self._ids)

    def __contains__(self, page_id: object) -> bool:
        return page_id in self._numbers

    @property
    def boilerplate(self) -> int:
        """How many fingerprints are known furniture or stock phrases."""
        return len(self._ignored)

    # -- adding a page -------------------------------------------------------------------------
    def add(self, page_id: PageKey, text: str, site: str | None = None, *,
            text_words: Words | None = None) -> list[Candidate]:
        """Index a page and return the earlier pages it shares enough fingerprints with.

        `site`: the page's site (its host name), so its furniture can be learnt; None when unknown;
        `text_words`: `words(text)` when the caller has it already.
        A page of fewer than `min_page_words` words is not indexed and has no candidates."""
        self._check(page_id, text, site)
        cfg = self.config
        w = text_words if text_words is not None else words(text)
        if len(w) < cfg.min_page_words:
            self._tiny += 1
            return []
        fps = [f for f in fingerprints(w, cfg).tolist() if f not in self._ignored]
        query = np.asarray(fps, dtype=np.uint64)
        site_no = self._site_number(site)
        which, pages = self._postings.find(query)
        holders = np.bincount(which, minlength=len(query))
        learnt = self._learn_boilerplate(query, holders, which, pages, site_no)
        keep = ~learnt
        # A fingerprint held by `max_holders` pages already is not indexed for this one: its earliest
        # holders are what a later copy is aligned with, and its postings (a lookup's cost) stay bounded.
        indexed = keep & (holders < cfg.max_holders)
        for f in query[keep & ~indexed].tolist():
            self._unindexed[f] = self._unindexed.get(f, 0) + 1
        number = len(self._ids)
        self._ids.append(page_id)
        self._numbers[page_id] = number
        self._page_site = _append(self._page_site, number, site_no)
        if site_no >= 0:
            self._site_pages[site_no] = self._site_pages.get(site_no, 0) + 1
        self._page_size = _append(self._page_size, number, int(indexed.sum()))
        self._postings.add(query[indexed], number)
        counted = keep[which]
        return self._candidates(which[counted], pages[counted], int(keep.sum()))

    def _check(self, page_id: PageKey, text: object, site: object) -> None:
        if isinstance(page_id, bool) or not isinstance(page_id, str | int):  # saved as JSON strings or numbers
            raise TypeError(f"reuse index: page id {page_id!r} must be a str or an int, not {type(page_id).__name__}")
        if not isinstance(text, str):
            raise TypeError(f"reuse index: page {page_id!r}: text must be a str, not {type(text).__name__}")
        if site is not None and not isinstance(site, str):
            raise TypeError(f"reuse index: page {page_id!r}: site must be a str or None, not {type(site).__name__}")
        if page_id in self._numbers:
            raise ValueError(f"reuse index: page {page_id!r} was added already")

    def _site_number(self, site: str | None) -> int:
        if site is None:
            return -1
        return self._sites.setdefault(site, len(self._sites))

    def _learn_boilerplate(self, query: U64, holders: I64, which: I64, pages: I32,
                           site_no: int) -> npt.NDArray[np.bool_]:
        """Mark the fingerprints this page makes furniture of its site, or stock phrases; which they are."""
        cfg = self.config
        pages_with = holders + 1
        if self._unindexed:
            for k in np.flatnonzero(holders >= cfg.max_holders).tolist():
                pages_with[k] += self._unindexed.get(int(query[k]), 0)
        learnt = pages_with > cfg.max_df
        if site_no >= 0 and len(which):
            same_site = self._page_site[pages] == site_no
            on_pages = np.bincount(which[same_site], minlength=len(query)) + 1
            site_pages = self._site_pages.get(site_no, 0) + 1
            learnt |= ((on_pages >= cfg.site_boilerplate_pages)
                       & (on_pages >= cfg.site_boilerplate_share * site_pages))
        self._ignored.update(query[learnt].tolist())
        return learnt

    def _candidates(self, which: I64, pages: I32, size: int) -> list[Candidate]:
        """The candidates among the pages met (`chosen_candidates`)."""
        if len(pages) == 0:
            return []
        numbers, counts = chosen_candidates(which, pages, self.config)
        out: list[Candidate] = []
        for page, count in zip(numbers.tolist(), counts.tolist(), strict=True):
            old_size = int(self._page_size[page])
            out.append(Candidate(self._ids[page], count, round(count / size, 4) if size else 0.0,
                                 round(count / old_size, 4) if old_size else 0.0))
        return out

    # -- furniture, for alignment ----------------------------------------------------------------
    def furniture(self, text: str) -> list[tuple[int, int]]:
        """Character spans of `text` that the index knows as furniture or stock phrases."""
        w = words(text)
        marked = self._marked_words(w)
        spans: list[tuple[int, int]] = []
        for first, last in _runs(marked):
            spans.append((int(w.starts[first]), int(w.ends[last])))
        return spans

    def furniture_shingles(self, text: str, text_words: Words | None = None) -> U64:
        """The shingle hashes of `text` inside its furniture: pass them to `align(..., ignore=)`.

        `text_words`: `words(text)` when the caller has it already."""
        w = text_words if text_words is not None else words(text)
        h = shingles(w, self.config.seed_words)
        if len(h) == 0 or not self._ignored:
            return np.zeros(0, dtype=np.uint64)
        marked = self._marked_words(w)
        inside = np.zeros(len(h), dtype=bool)
        for first, last in _runs(marked):
            inside[first:max(first + 1, last - self.config.seed_words + 2)] = True
        return np.unique(h[inside])

    def _marked_words(self, w: Words) -> npt.NDArray[np.bool_]:
        """Words covered by ignored fingerprints, with the short gaps between two of them filled in
        (winnowing keeps about one shingle in every few, so furniture shows as a dotted line)."""
        n, window = self.config.seed_words, self.config.winnow_window
        h = shingles(w, n)
        marked = np.zeros(len(w), dtype=bool)
        if len(h) == 0 or not self._ignored:
            return marked
        known = self._ignored_sorted()
        at = np.minimum(np.searchsorted(known, h), len(known) - 1)
        hits = np.nonzero(known[at] == h)[0]
        previous = -1
        for pos in hits.tolist():
            start = previous if previous >= 0 and pos - previous <= window else pos
            marked[start:pos + n] = True
            previous = pos
        return marked

    def _ignored_sorted(self) -> U64:
        """The ignored fingerprints as a sorted array, remade only when the set has grown (it never shrinks)."""
        if self._ignored_array is None or len(self._ignored_array) != len(self._ignored):
            self._ignored_array = np.sort(np.fromiter(self._ignored, dtype=np.uint64, count=len(self._ignored)))
        return self._ignored_array

    # -- state -----------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The whole index as bytes for the store (versioned JSON); `from_bytes` reads it back."""
        return encode(self.state())

    @classmethod
    def from_bytes(cls, blob: bytes) -> ReuseIndex:
        """An index from `to_bytes`, or from the pickle an older newsdesk saved; StoreError ND-E020 for
        anything else (see `newsdesk.corpus.reuse.state`)."""
        return cls.from_state(decode(blob))

    def state(self) -> IndexState:
        """What the index holds, by what it means (the newest postings sorted into a segment first)."""
        self._postings.flush()
        pages = len(self._ids)
        return IndexState(self.config, tuple(self._ids), tuple(sorted(self._sites, key=self._sites.__getitem__)),
                          self._page_site[:pages].copy(), self._page_size[:pages].copy(),
                          self._ignored_sorted().copy(), dict(self._unindexed), self._tiny,
                          tuple(segment.postings() for segment in self._postings.segments))

    @classmethod
    def from_state(cls, state: IndexState) -> ReuseIndex:
        """The index `state` describes, as it was when `state()` was taken."""
        index = cls(state.config)
        index._ids = list(state.ids)
        index._numbers = {page_id: number for number, page_id in enumerate(state.ids)}
        index._page_site = state.page_site.copy()
        index._page_size = state.page_size.copy()
        index._sites = {site: number for number, site in enumerate(state.sites)}
        sites = state.page_site[state.page_site >= 0]
        index._site_pages = {number: int(n) for number, n in enumerate(np.bincount(sites).tolist()) if n}
        index._postings = _Postings.of(_Segment(keys, pages) for keys, pages in state.segments)
        index._ignored = set(state.ignored.tolist())
        index._unindexed = dict(state.unindexed)
        index._tiny = state.tiny
        return index

    @classmethod
    def knowing_boilerplate(cls, ignored: U64, config: ReuseConfig | None = None) -> ReuseIndex:
        """An empty index that knows the fingerprints `ignored` as furniture or stock phrases: its `furniture`
        and `furniture_shingles` mark a text as an index that had learnt them would (the same runs, the same
        gap filling). Spark learns them over a whole crawl with joins, then marks each page with this."""
        index = cls(config)
        index._ignored = set(ignored.tolist())
        return index

    def stats(self) -> dict[str, int]:
        """Pages, tiny pages skipped, postings and boilerplate fingerprints: for logs and benches."""
        return {"pages": len(self._ids), "tiny": self._tiny, "postings": self._postings.count(),
                "boilerplate": len(self._ignored), "segments": len(self._postings.segments), "sites": len(self._sites)}


class _Segment:
    """Postings grouped by key: the distinct keys sorted (`keys`), where each key's pages start
    (`offsets`) and the pages, oldest first (`pages`); with a directory on the keys' top bits. The keys
    are uniform hashes, so each bucket holds a handful of them however many pages share one: a lookup
    reads the directory and one short run, two cache misses, where a binary search through hundreds of
    megabytes would miss at every step."""

    __slots__ = ("bits", "keys", "offsets", "pages", "starts")

    def __init__(self, keys: U64, pages: I32) -> None:
        """From postings sorted by key (a key's pages in page order)."""
        first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) if len(keys) else np.zeros(0, np.intp)
        self.keys = keys[first]
        self.offsets = np.append(first, len(keys)).astype(np.int64)
        self.pages = pages
        self.bits = max(1, (len(self.keys) // 4).bit_length())  # about four keys a bucket
        buckets = (self.keys >> np.uint64(64 - self.bits)).astype(np.intp)
        self.starts = np.concatenate([[0], np.cumsum(np.bincount(buckets, minlength=1 << self.bits))])

    def postings(self) -> tuple[U64, I32]:
        """Every posting's key and page, sorted by key."""
        return np.repeat(self.keys, np.diff(self.offsets)), self.pages

    def __len__(self) -> int:
        return len(self.pages)

    def find(self, query: U64) -> tuple[I64, I32]:
        """(index into `query`, page number) of every posting of the queried keys."""
        bucket = (query >> np.uint64(64 - self.bits)).astype(np.intp)
        lo = self.starts[bucket]
        width = self.starts[bucket + 1] - lo
        longest = int(width.max()) if len(width) else 0
        if longest == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        cols = np.arange(longest)
        valid = cols < width[:, None]
        at = np.where(valid, lo[:, None] + cols, 0)
        rows, hit_cols = np.nonzero(valid & (self.keys[at] == query[:, None]))
        key_at = lo[rows] + hit_cols
        begin, count = self.offsets[key_at], self.offsets[key_at + 1] - self.offsets[key_at]
        # the page ranges begin[r] .. begin[r] + count[r] - 1, one after another
        posting = np.repeat(begin - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))
        return np.repeat(rows, count).astype(np.int64), self.pages[posting]

    def merged(self, newer: _Segment) -> _Segment:
        """This segment and a newer one as one (a linear merge; a key's older pages stay first)."""
        keys, pages = self.postings()
        new_keys, new_pages = newer.postings()
        at = np.searchsorted(keys, new_keys, "right")
        return _Segment(np.insert(keys, at, new_keys), np.insert(pages, at, new_pages))


class _Postings:
    """Fingerprint → pages: the newest postings in a dict, the rest in `_Segment`s merged as in a
    log-structured store (each segment at least twice the size of the next), 12 bytes a posting."""

    def __init__(self) -> None:
        self.segments: list[_Segment] = []      # oldest and largest first
        self._recent: dict[int, int | list[int]] = {}  # key → its page, or its pages when more than one
        self._pending: list[tuple[U64, int]] = []  # (keys, page) in arrival order, for the next segment
        self._pending_count = 0
        self._stored = 0  # postings in segments
        self._filter = _Filter.holding(self.segments)

    @classmethod
    def of(cls, segments: Iterable[_Segment]) -> _Postings:
        """Postings holding these segments (oldest and largest first), as a saved index had them."""
        made = cls()
        made.segments = list(segments)
        made._stored = sum(len(seg) for seg in made.segments)
        made._filter = _Filter.holding(made.segments)
        return made

    def count(self) -> int:
        return self._pending_count + self._stored

    def add(self, fingerprints: U64, page: int) -> None:
        keys = _spread(fingerprints)
        for f in keys.tolist():
            held = self._recent.get(f)
            if held is None:
                self._recent[f] = page
            elif isinstance(held, int):
                self._recent[f] = [held, page]
            else:
                held.append(page)
        self._pending.append((keys, page))
        self._pending_count += len(keys)
        # The buffer grows with the index (an eighth of it), so each posting is merged a bounded number
        # of times however large the index grows: adding a page costs the same at 10,000 pages and at 1e6.
        if self._pending_count >= max(_BUFFER_POSTINGS, self._stored // _BUFFER_SHARE):
            self.flush()

    def find(self, fingerprints: U64) -> tuple[I64, I32]:
        """(index into `query`, page number) of every posting of the queried keys, oldest first."""
        whiches: list[I64] = []
        pages: list[I32] = []
        # Most fingerprints of a new page are in no segment: the filter says so at one cache miss each,
        # and only the others are looked up in every segment.
        query = _spread(fingerprints)
        maybe = np.nonzero(self._filter.might_hold(query))[0] if self.segments else np.zeros(0, dtype=np.intp)
        if len(maybe):
            asked = query[maybe]
            for seg in self.segments:
                which, found = seg.find(asked)
                whiches.append(maybe[which].astype(np.int64))
                pages.append(found)
        recent: list[tuple[int, int]] = []
        for q, f in enumerate(query.tolist()):
            held = self._recent.get(f)
            if held is None:
                continue
            if isinstance(held, int):
                recent.append((q, held))
            else:
                recent.extend((q, p) for p in held)
        if recent:
            whiches.append(np.fromiter((q for q, _ in recent), dtype=np.int64, count=len(recent)))
            pages.append(np.fromiter((p for _, p in recent), dtype=np.int32, count=len(recent)))
        if not whiches:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        return np.concatenate(whiches), np.concatenate(pages)

    def flush(self) -> None:
        """Sort the newest postings into a segment; merge it with segments not twice its size."""
        if not self._pending:
            return
        keys = np.concatenate([k for k, _ in self._pending])
        pages = np.concatenate([np.full(len(k), page, dtype=np.int32) for k, page in self._pending])
        order = np.argsort(keys, kind="stable")
        segment = _Segment(keys[order], pages[order])
        self._stored += len(segment)
        self._recent, self._pending, self._pending_count = {}, [], 0
        self._filter.add(segment.keys)
        while self.segments and len(self.segments[-1]) <= 2 * len(segment):
            segment = self.segments.pop().merged(segment)
        self.segments.append(segment)
        if self._filter.crowded():
            self._filter = _Filter.holding(self.segments)


class _Filter:
    """A one-hash Bloom filter over the segments' keys (uniform 64-bit hashes: their top bits index it).

    It grows with the index, keeping at least `BITS_PER_KEY` bits a key, so a key that is absent is
    reported absent about nine times in ten whatever the index's size."""

    MIN_BITS = 16
    BITS_PER_KEY = 8

    def __init__(self, bits: int) -> None:
        self.bits = bits
        self.keys = 0
        self.array = np.zeros(1 << (bits - 3), dtype=np.uint8)

    @classmethod
    def holding(cls, segments: list[_Segment]) -> _Filter:
        total = sum(len(seg) for seg in segments)
        bits = cls.MIN_BITS
        while (1 << bits) < total * cls.BITS_PER_KEY * 2:  # room to grow before the next rebuild
            bits += 1
        made = cls(bits)
        for seg in segments:
            made.add(seg.keys)
        return made

    def _slots(self, keys: U64) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.uint8]]:
        slots = keys >> np.uint64(64 - self.bits)
        return (slots >> np.uint64(3)).astype(np.intp), np.uint8(1) << (slots & np.uint64(7)).astype(np.uint8)

    def add(self, keys: U64) -> None:
        at, bit = self._slots(keys)
        np.bitwise_or.at(self.array, at, bit)
        self.keys += len(keys)

    def crowded(self) -> bool:
        return self.keys * self.BITS_PER_KEY > (1 << self.bits)

    def might_hold(self, keys: U64) -> npt.NDArray[np.bool_]:
        at, bit = self._slots(keys)
        held: npt.NDArray[np.bool_] = (self.array[at] & bit) != 0
        return held


def _spread(fingerprints: U64) -> U64:
    """Fingerprints as the postings keep them: multiplied by an odd constant (a bijection), because
    winnowing keeps the least hash of each window, so fingerprints crowd the low end of the range,
    and the directory and the filter index keys by their top bits."""
    return fingerprints * _SPREAD


def _append(array: I32, at: int, value: int) -> I32:
    """`array` with `value` at `at`, grown (doubled) when full."""
    if at >= len(array):
        array = np.concatenate([array, np.zeros(max(len(array), 1024), dtype=array.dtype)])
    array[at] = value
    return array


def _runs(marked: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(first, last) indices of each run of True."""
    if not marked.any():
        return []
    padded = np.concatenate([[False], marked, [False]]).astype(np.int8)
    edges = np.diff(padded)
    starts = np.nonzero(edges == 1)[0]
    ends = np.nonzero(edges == -1)[0] - 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))
