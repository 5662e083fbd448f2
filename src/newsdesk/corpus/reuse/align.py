"""reuse: who copied whom — the passages two texts share, with character offsets on both sides.

    config = ReuseConfig()
    passages = align(a_text, b_text, config)      # list[Passage], in a_text order
    index = ReuseIndex(config)                    # newsdesk.corpus.reuse.index: which earlier pages to align with
    verdict = direction(Side(a_text, ...), Side(b_text, ...), passage)   # newsdesk.corpus.reuse.direction
    groups = clusters([Link(page_a, page_b, passage), ...])       # the copies of one passage across pages

How `align` works (the seed-extend-filter scheme of the PAN text-alignment systems):
* both texts are cut into words (runs of letters and digits, case-folded), each keeping its character
  span in the text as given; a *shingle* is `seed_words` consecutive words, hashed to 64 bits with a
  hash that is the same in every process (the index keeps shingle hashes across runs);
* *seeds* are shingles found in both texts; a shingle repeated more than `max_seed_repeats` times in
  either text (a page's own refrain) is no seed, nor is any shingle the caller names as boilerplate;
* seeds are merged into passages while the words between them number at most `max_gap_words` on both
  sides: a changed letter, a re-wrapped line or an edited clause breaks a few shingles, not the passage;
* a passage shorter than `min_chars` on either side, or less alike than `min_similarity` (Indel
  similarity of the two spans, case and white space folded), is dropped; of two passages claiming the
  same stretch of one text, the one with more seeds is kept.
Offsets are word boundaries: a passage starts at its first shared word and ends after its last one.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel

from newsdesk.errors import ConfigError, check_numbers

__all__ = ["Copy", "Link", "Passage", "ReuseConfig", "Words", "align", "clusters", "shingles", "words"]

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_SPACE = re.compile(r"\s+")
# Odd 64-bit constants: the polynomial base of the rolling shingle hash and splitmix64's finaliser.
_BASE = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True, slots=True)
class ReuseConfig:
    """The knobs of text-reuse detection, defaults in one place (measured on PAN 2013, `bench/reuse.py`).

    Alignment: `seed_words` words make a shingle; `max_gap_words` unmatched words may sit between two
    seeds of one passage (on each side); `min_chars` is the shortest passage reported (on both sides);
    `min_similarity` the least Indel similarity of its two spans; `max_seed_repeats` how often a
    shingle may repeat inside one text and still seed.
    Index (`newsdesk.corpus.reuse.index`): a page of fewer than `min_page_words` words is neither indexed nor
    compared; `winnow_window` is the winnowing window (a shared run of `k * winnow_window + seed_words - 1`
    words is sure to share k fingerprints: with 10, two for any 24 words, about `min_chars`; density
    about 2 / (window + 1)); `max_fingerprints` bounds what one page keeps; a candidate must share
    `min_shared` fingerprints; a shingle already in `site_boilerplate_pages` pages of one site, and in
    at least `site_boilerplate_share` of that site's pages, is that site's furniture (a footer is on
    nearly every page of its site; an agency story a content farm republished on 25 of its 1,000 pages
    is not furniture), and one in more than
    `max_df` pages overall is a stock phrase: neither counts from then on; at most `max_candidates`
    candidates are returned for a page, most shared first. With `earliest_copies`, a page is a candidate
    only when it holds `min_shared` of the new page's fingerprints that no older candidate kept holds:
    the copies of one passage are aligned with its earliest holder (the likeliest source) and joined to
    its copy cluster, not with every copy (linear work, not quadratic in a story's copies); so a
    fingerprint is indexed for its first `max_holders` pages only, which bounds a lookup's cost, and
    `max_df` can be high (5,000: a story syndicated to 700 pages of 100,000 is still reuse, not a stock
    phrase).
    """

    seed_words: int = 5
    max_gap_words: int = 25
    min_chars: int = 150
    min_similarity: float = 0.5
    max_seed_repeats: int = 4
    min_page_words: int = 25
    winnow_window: int = 10
    max_fingerprints: int = 4000
    min_shared: int = 2
    site_boilerplate_pages: int = 3
    site_boilerplate_share: float = 0.3
    max_df: int = 5000
    max_candidates: int = 50
    earliest_copies: bool = True
    max_holders: int = 64

    def __post_init__(self) -> None:
        check_numbers(self, "reuse", ("seed_words", "winnow_window", "max_fingerprints", "min_shared",
                                      "site_boilerplate_pages", "max_df", "max_candidates", "max_seed_repeats",
                                      "max_holders"),
                      whole=True, minimum=1)
        check_numbers(self, "reuse", ("max_gap_words", "min_chars", "min_page_words"), whole=True)
        check_numbers(self, "reuse", ("min_similarity", "site_boilerplate_share"))
        if not isinstance(self.earliest_copies, bool):
            raise ConfigError("ND-E011", f"reuse.earliest_copies must be true or false, not {self.earliest_copies!r}")
        if self.site_boilerplate_share > 1:
            raise ConfigError("ND-E011", "reuse.site_boilerplate_share must be at most 1, "
                                         f"not {self.site_boilerplate_share!r}")
        if self.min_similarity > 1:
            raise ConfigError("ND-E011", f"reuse.min_similarity must be at most 1, not {self.min_similarity!r}")


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of text A (`a_start:a_end`) that is a copy of, or the source of, `b_start:b_end` of B.

    Offsets are Python string indices into each text as given, end exclusive; `similarity` is the
    Indel similarity (0..1) of the two spans with case and white space folded."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float

    def to_json(self) -> dict[str, float | int]:
        return {"a_start": self.a_start, "a_end": self.a_end, "b_start": self.b_start, "b_end": self.b_end,
                "similarity": self.similarity}


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text: character `starts`/`ends` and a stable 64-bit `hashes` of each, case-folded."""

    starts: I64
    ends: I64
    hashes: U64

    def __len__(self) -> int:
        return len(self.starts)


_BASE_INVERSE = np.uint64(pow(int(_BASE), -1, 1 << 64))


def _fold_case(text: str) -> str:
    """`text` in lower case, one character for one (offsets must not move: 'İ'.lower() is two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _mix(h: U64) -> U64:
    """splitmix64's finaliser: spreads the bits of each hash over all 64."""
    h = h ^ (h >> np.uint64(30))
    h = h * _MIX1
    h = h ^ (h >> np.uint64(27))
    h = h * _MIX2
    return h ^ (h >> np.uint64(31))


def _ascii_alnum() -> npt.NDArray[np.bool_]:
    table = np.array([chr(c).isalnum() for c in range(128)], dtype=bool)
    table.setflags(write=False)
    return table


_ASCII_ALNUM = _ascii_alnum()


def _alnum(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """Which code points are letters or digits (a table for ASCII, `str.isalnum` once per other one)."""
    ascii_ = codes < 128
    out = np.zeros(len(codes), dtype=bool)
    out[ascii_] = _ASCII_ALNUM[codes[ascii_]]
    if not ascii_.all():
        other = ~ascii_
        distinct, which = np.unique(codes[other], return_inverse=True)
        table = np.fromiter((chr(c).isalnum() for c in distinct.tolist()), dtype=bool, count=len(distinct))
        out[other] = table[which]
    return out


def words(text: str) -> Words:
    """The words of `text` (runs of letters and digits) with their spans and hashes.

    All in numpy: a character is a word character when `str.isalnum` says so, and a word's hash is a
    polynomial hash of its code points taken from prefix sums, so the same word has the same hash in
    every text and every process."""
    if not text:
        empty = np.zeros(0, dtype=np.int64)
        return Words(empty, empty, np.zeros(0, dtype=np.uint64))
    codes = np.frombuffer(_fold_case(text).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    edges = np.diff(np.concatenate(([0], _alnum(codes).astype(np.int8), [0])))
    starts = np.nonzero(edges == 1)[0].astype(np.int64)
    ends = np.nonzero(edges == -1)[0].astype(np.int64)
    # prefix[k] = sum over i <= k of c_i * B^(k - i)  (mod 2^64) = B^k * cumsum(c_i * B^-i)
    c = codes.astype(np.uint64) + np.uint64(1)
    powers = np.cumprod(np.full(len(c) + 1, _BASE, dtype=np.uint64)) * _BASE_INVERSE  # B^0 … B^len
    inverses = np.cumprod(np.full(len(c), _BASE_INVERSE, dtype=np.uint64)) * _BASE  # B^0, B^-1, …
    prefix = powers[:-1] * np.cumsum(c * inverses, dtype=np.uint64)
    before = np.where(starts > 0, prefix[np.maximum(starts - 1, 0)], np.uint64(0))
    hashes = prefix[ends - 1] - before * powers[ends - starts]  # the hash of the word's characters alone
    return Words(starts, ends, _mix(hashes))


def shingles(w: Words, n: int) -> U64:
    """The hash of every run of `n` words (position i covers words i..i+n-1); empty when fewer words."""
    count = len(w) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(count, dtype=np.uint64)
    for t in range(n):  # polynomial rolling hash; uint64 arrays wrap around silently, which is wanted
        h = h * _BASE + w.hashes[t:t + count]
    return _mix(h)


def _repeats(h: U64) -> I64:
    """How often each position's shingle occurs in its own text."""
    if len(h) == 0:
        return np.zeros(0, dtype=np.int64)
    _, inverse, counts = np.unique(h, return_inverse=True, return_counts=True)
    return np.asarray(counts[inverse], dtype=np.int64)


def seeds(ha: U64, hb: U64, max_repeats: int, ignore: U64 | None = None) -> tuple[I64, I64]:
    """Positions (i in A, j in B) of the shingles both texts share, sorted by i then j."""
    empty = np.zeros(0, dtype=np.int64)
    if len(ha) == 0 or len(hb) == 0:
        return empty, empty
    order = np.argsort(hb, kind="stable")
    sorted_b = hb[order]
    lo = np.searchsorted(sorted_b, ha, "left")
    hi = np.searchsorted(sorted_b, ha, "right")
    count = hi - lo
    ok = (count > 0) & (count <= max_repeats)
    ok &= _repeats(ha) <= max_repeats
    if ignore is not None and len(ignore):
        ok &= ~np.isin(ha, ignore)
    rows = np.nonzero(ok)[0]
    reps = count[rows]
    if len(rows) == 0:
        return empty, empty
    ii = np.repeat(rows, reps)
    first = np.repeat(lo[rows], reps)
    within = np.arange(len(ii)) - np.repeat(np.cumsum(reps) - reps, reps)
    jj = order[first + within]
    return ii.astype(np.int64), jj.astype(np.int64)


@dataclass(slots=True)
class _Cluster:
    """Seeds merged so far, in word positions: A words [a0, a1), B words [b0, b1)."""

    a0: int
    a1: int
    b0: int
    b1: int
    last_i: int
    last_j: int
    seeds: int


def _chain(ii: I64, jj: I64, n: int, gap: int) -> list[_Cluster]:
    """Chain seeds (sorted by A position) into clusters that run forward on both sides.

    A seed continues a cluster when it lies after the cluster's last seed on both sides, at most `gap`
    words past its end, and off its diagonal by at most `gap` words. Seeds at one A position compete:
    each cluster takes the one nearest its diagonal, so a phrase the other text repeats is no jump."""
    active: list[_Cluster] = []
    done: list[_Cluster] = []
    i_list, j_list = ii.tolist(), jj.tolist()
    run_end = _diagonal_runs(ii, jj).tolist()
    k = 0
    while k < len(i_list):
        i = i_list[k]
        end = k
        while end < len(i_list) and i_list[end] == i:
            end += 1
        group = j_list[k:end]
        k = end
        still: list[_Cluster] = []
        for c in active:
            (still if i - c.a1 <= gap else done).append(c)
        active = still
        options: list[tuple[int, int, int]] = []  # (skew, cluster, seed)
        for ci, c in enumerate(active):
            for si, j in enumerate(group):
                if c.last_j < j <= c.b1 + gap:
                    skew = abs((j - c.last_j) - (i - c.last_i))
                    if skew <= gap:
                        options.append((skew, ci, si))
        taken_c: set[int] = set()
        taken_s: set[int] = set()
        for _, ci, si in sorted(options):
            if ci in taken_c or si in taken_s:
                continue
            taken_c.add(ci)
            taken_s.add(si)
            c, j = active[ci], group[si]
            c.a1, c.b1 = i + n, max(c.b1, j + n)
            c.last_i, c.last_j = i, j
            c.seeds += 1
        active.extend(_Cluster(i, i + n, j, j + n, i, j, 1) for si, j in enumerate(group) if si not in taken_s)
        last = run_end[k - 1]
        if last > k - 1:
            # A lone seed followed by lone seeds one word on along its diagonal (a verbatim stretch): the
            # cluster that took it takes them all (each one's nearest cluster, at skew 0), at once.
            i_last, j_last = i_list[last], j_list[last]
            for c in active:
                if c.last_i == i and c.last_j == group[0]:
                    c.a1, c.b1 = i_last + n, max(c.b1, j_last + n)
                    c.last_i, c.last_j = i_last, j_last
                    c.seeds += last - (k - 1)
                    break
            k = last + 1
    return done + active


def _diagonal_runs(ii: I64, jj: I64) -> I64:
    """For each seed, the last seed of the verbatim run it starts: the seeds after it that are each alone
    at their A position and one word on from the previous on both sides (itself when none is)."""
    count = len(ii)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    new_i = np.concatenate([[True], ii[1:] != ii[:-1]])
    alone = new_i & np.concatenate([ii[1:] != ii[:-1], [True]])  # the only seed at its A position
    follows = np.zeros(count, dtype=bool)
    follows[1:] = alone[1:] & alone[:-1] & (ii[1:] == ii[:-1] + 1) & (jj[1:] == jj[:-1] + 1)
    # run_end[k] = the last index of the stretch of `follows` starting right after k
    breaks = np.flatnonzero(~follows)  # k such that seed k does not continue seed k - 1
    nxt = np.searchsorted(breaks, np.arange(count), "right")
    ends = np.where(nxt < len(breaks), breaks[np.minimum(nxt, len(breaks) - 1)] - 1, count - 1)
    return np.asarray(np.where(alone, ends, np.arange(count)), dtype=np.int64)


def _joins(o: _Cluster, c: _Cluster, n: int, gap: int) -> bool:
    """Whether cluster `c` (starting at or after `o` in A) belongs to the same passage as `o`."""
    if o.a0 <= c.a0 and c.a1 <= o.a1 and o.b0 <= c.b0 and c.b1 <= o.b1:
        return True  # inside it on both sides
    ga, gb = c.a0 - o.a1, c.b0 - o.b1
    # It must follow on both sides (overlapping by less than a shingle), close by, near the diagonal.
    return -n < ga <= gap and -n < gb <= gap and abs(ga - gb) <= gap


def _merge(clusters: list[_Cluster], n: int, gap: int) -> list[_Cluster]:
    """Merge clusters that continue one another, until none do."""
    merged = sorted(clusters, key=lambda c: c.a0)
    changed = True
    while changed:
        changed = False
        out: list[_Cluster] = []
        for c in merged:
            for o in reversed(out[-8:]):  # sorted by a0: only the last few can still be near
                if _joins(o, c, n, gap):
                    o.a1, o.b0, o.b1 = max(o.a1, c.a1), min(o.b0, c.b0), max(o.b1, c.b1)
                    o.seeds += c.seeds
                    changed = True
                    break
            else:
                out.append(c)
        merged = sorted(out, key=lambda c: c.a0)
    return merged


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def _overlap(s0: int, s1: int, t0: int, t1: int) -> int:
    return max(0, min(s1, t1) - max(s0, t0))


def _claims_taken(p: Passage, kept: list[Passage]) -> bool:
    """Whether most of `p` lies, on either side, inside a passage already kept."""
    for k in kept:
        if _overlap(p.a_start, p.a_end, k.a_start, k.a_end) * 2 > p.a_end - p.a_start:
            return True
        if _overlap(p.b_start, p.b_end, k.b_start, k.b_end) * 2 > p.b_end - p.b_start:
            return True
    return False


def align(a_text: str, b_text: str, config: ReuseConfig | None = None, *, ignore: U64 | None = None,
          a_words: Words | None = None, b_words: Words | None = None) -> list[Passage]:
    """The passages `a_text` and `b_text` share, in `a_text` order.

    `ignore`: shingle hashes (see `shingles`) that never seed, e.g. a site's furniture known to the
    index; `a_words`/`b_words`: the texts' `words` when the caller has them already."""
    cfg = config or ReuseConfig()
    for name, value in (("a_text", a_text), ("b_text", b_text)):
        if not isinstance(value, str):
            raise TypeError(f"reuse.align: {name} must be a str, not {type(value).__name__}")
    wa = a_words if a_words is not None else words(a_text)
    wb = b_words if b_words is not None else words(b_text)
    n = cfg.seed_words
    ii, jj = seeds(shingles(wa, n), shingles(wb, n), cfg.max_seed_repeats, ignore)
    if len(ii) == 0:
        return []
    clusters = _merge(_chain(ii, jj, n, cfg.max_gap_words), n, cfg.max_gap_words)
    found: list[tuple[int, Passage]] = []
    for c in clusters:
        a0, a1 = int(wa.starts[c.a0]), int(wa.ends[c.a1 - 1])
        b0, b1 = int(wb.starts[c.b0]), int(wb.ends[c.b1 - 1])
        if a1 - a0 < cfg.min_chars or b1 - b0 < cfg.min_chars:
            continue
        similarity = Indel.normalized_similarity(_fold(a_text[a0:a1]), _fold(b_text[b0:b1]))
        if similarity >= cfg.min_similarity:
            found.append((c.seeds, Passage(a0, a1, b0, b1, round(similarity, 4))))
    kept: list[Passage] = []
    for _, p in sorted(found, key=lambda sp: (-sp[0], sp[1].a_start)):
        if not _claims_taken(p, kept):
            kept.append(p)
    return sorted(kept, key=lambda p: (p.a_start, p.b_start))


@dataclass(frozen=True, slots=True)
class Link:
    """A passage shared by two pages: `passage.a_*` are offsets into `a_page`'s text, `b_*` into `b_page`'s."""

    a_page: Hashable
    b_page: Hashable
    passage: Passage


@dataclass(frozen=True, slots=True)
class Copy:
    """One copy of a passage: `start:end` of page `page_id`'s text."""

    page_id: Hashable
    start: int
    end: int


def clusters(links: Iterable[Link], min_overlap: float = 0.5) -> list[tuple[Copy, ...]]:
    """Group the copies of one passage across pages.

    Each link joins its two spans; two spans of one page are one copy when they overlap by at least
    `min_overlap` of the shorter (the same paragraph aligned against different pages). Returns each
    group's copies, a page's overlapping spans merged, by page order of first appearance; the largest
    groups first."""
    if not 0 < min_overlap <= 1:
        raise ConfigError("ND-E011", f"reuse.clusters min_overlap must be in (0, 1], not {min_overlap!r}")
    nodes: list[Copy] = []
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        parent[find(x)] = find(y)

    for link in links:
        p = link.passage
        for copy in (Copy(link.a_page, p.a_start, p.a_end), Copy(link.b_page, p.b_start, p.b_end)):
            nodes.append(copy)
            parent.append(len(parent))
        union(len(nodes) - 2, len(nodes) - 1)
    by_page: dict[Hashable, list[int]] = {}
    for k, node in enumerate(nodes):
        by_page.setdefault(node.page_id, []).append(k)
    for members in by_page.values():
        members.sort(key=lambda k: nodes[k].start)
        for x, k in enumerate(members):
            for other in members[x + 1:]:
                if nodes[other].start >= nodes[k].end:
                    break  # sorted by start: nothing later overlaps k
                x_node, y_node = nodes[k], nodes[other]
                shorter = min(x_node.end - x_node.start, y_node.end - y_node.start)
                if _overlap(x_node.start, x_node.end, y_node.start, y_node.end) >= min_overlap * shorter:
                    union(k, other)
    groups: dict[int, list[int]] = {}
    for k in range(len(nodes)):
        groups.setdefault(find(k), []).append(k)
    out: list[tuple[Copy, ...]] = []
    for members in groups.values():
        out.append(tuple(_merged_copies([nodes[k] for k in members])))
    return sorted(out, key=lambda g: -len(g))


def _merged_copies(copies: list[Copy]) -> list[Copy]:
    """A group's copies with each page's overlapping spans merged, pages in order of first appearance."""
    pages: dict[Hashable, list[Copy]] = {}
    for c in copies:
        pages.setdefault(c.page_id, []).append(c)
    out: list[Copy] = []
    for page_id, spans in pages.items():
        spans.sort(key=lambda c: c.start)
        start, end = spans[0].start, spans[0].end
        for c in spans[1:]:
            if c.start < end:
                end = max(end, c.end)
            else:
                out.append(Copy(page_id, start, end))
                start, end = c.start, c.end
        out.append(Copy(page_id, start, end))
    return out
