"""boilerplate: what the single-machine reuse index would know, page by page, replayed from a whole corpus.

    met, learnt_at = replay_holders(holders, config)     # one fingerprint's holders, in input order
    learnt = LearntFingerprints.of(fps, when)            # every fingerprint learnt, and at which page
    known = learnt.known_in(words(text), config, at=pk)   # what the index knew of this text then

`newsdesk link` adds pages one by one to a `ReuseIndex`, which learns a fingerprint as a site's furniture
or a stock phrase at the page that makes it so, and from then on ignores it for every later page (of any
site); pages before that page met each other on it. Spark sees all the holders of a fingerprint at once, so
to find exactly the links `newsdesk link` finds it replays that history for each fingerprint: who met whom
on it before it was learnt, and when it was learnt. Judging with the final counts instead (a footer on 3 of
a site's first 3 pages is furniture then, but 3 of its final 50 pages is not) loses or adds passages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsdesk.corpus.reuse.align import U64, ReuseConfig, Words, shingles

__all__ = ["Holder", "LearntFingerprints", "replay_holders"]

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Holder:
    """A page holding a fingerprint: its input-order key, its site (a name, or a number standing for it;
    None: unknown), and its rank among its site's indexed pages (1 for the site's first page), which is how
    many pages the index knew of its site when it came."""

    pk: int
    site: str | int | None
    site_rank: int


def replay_holders(holders: Sequence[Holder], config: ReuseConfig) -> tuple[list[tuple[int, int]], int | None]:
    """One fingerprint's history in a `ReuseIndex` fed the holders in order (`holders` sorted by `pk`): the
    pairs (later, earlier) of positions in `holders` that met on it, and the `pk` of the page at which it
    was learnt as boilerplate (None: never).

    As `ReuseIndex.add` does: a page holding it when it is already learnt ignores it; otherwise the page
    learns it when it makes more than `max_df` pages holding it (a stock phrase), or when it makes
    `site_boilerplate_pages` of the site's pages among the indexed holders and `site_boilerplate_share` of
    the site's pages so far (furniture); else it meets every indexed holder, and is indexed itself while
    fewer than `max_holders` pages are."""
    indexed: list[int] = []
    on_site: dict[str | int, int] = {}  # indexed holders a site
    met: list[tuple[int, int]] = []
    for position, holder in enumerate(holders):
        learnt = position + 1 > config.max_df  # every holder so far was counted, indexed or not
        if holder.site is not None:
            on_pages = on_site.get(holder.site, 0) + 1
            learnt = learnt or (on_pages >= config.site_boilerplate_pages
                                and on_pages >= config.site_boilerplate_share * holder.site_rank)
        if learnt:
            return met, holder.pk
        met.extend((position, earlier) for earlier in indexed)
        if len(indexed) < config.max_holders:
            indexed.append(position)
            if holder.site is not None:
                on_site[holder.site] = on_site.get(holder.site, 0) + 1
    return met, None


@dataclass(frozen=True, slots=True)
class LearntFingerprints:
    """Every fingerprint learnt as boilerplate (`fps`, sorted) and the key of the page that taught it
    (`at`, the same order): small beside the postings (a site's header and footer, the stock phrases), so
    it is broadcast to every executor."""

    fps: U64
    at: I64

    @classmethod
    def of(cls, fps: Sequence[int] | I64, at: Sequence[int] | I64) -> LearntFingerprints:
        """From Spark's signed 64-bit fingerprints and their keys, in any order."""
        signed = np.asarray(fps, dtype=np.int64)
        keys = np.asarray(at, dtype=np.int64)
        if len(signed) != len(keys):
            raise ValueError(f"{len(signed)} learnt fingerprints but {len(keys)} keys")
        unsigned = signed.view(np.uint64)
        order = np.argsort(unsigned, kind="stable")
        return cls(unsigned[order], keys[order])

    def known_in(self, text_words: Words, config: ReuseConfig, at: int) -> U64:
        """The shingles of a text the index knew as boilerplate once the page keyed `at` was added: only
        those of this text matter to what `ReuseIndex.furniture` marks in it, so an index knowing them
        (`ReuseIndex.knowing_boilerplate`) marks the text as the whole index did then."""
        h = np.unique(shingles(text_words, config.seed_words))
        if len(h) == 0 or len(self.fps) == 0:
            return np.zeros(0, dtype=np.uint64)
        where = np.minimum(np.searchsorted(self.fps, h), len(self.fps) - 1)
        found: npt.NDArray[np.bool_] = (self.fps[where] == h) & (self.at[where] <= at)
        known: U64 = h[found]
        return known
