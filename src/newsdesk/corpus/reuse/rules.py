"""rules: what linking makes of the passages it found, one rule each, for `newsdesk link` and its Spark job.

    lies_in_furniture(page_furniture, start, end, source_furniture, s_start, s_end)   # a site's boilerplate
    other_sources(spans, start, end, counterpart, overlap)    # a compilation's other sources, for direction
    republishes(compilations, site_pages)                     # a site that republishes other outlets
    reaches(copied_from, source, copier)                      # would this arrow close a cycle of copies?

`newsdesk.jobs.link` applies them page by page as it links a store; `newsdesk.jobs.spark` applies the same
ones on the executors (or with Spark's joins where the counting is done there), so both find the same links
and read the same direction into them.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["COMPILED_KEPT", "FURNITURE_SHARE", "REPUBLISHER_PAGES", "REPUBLISHER_SHARE", "covered",
           "lies_in_furniture", "other_sources", "reaches", "republishes"]

#: A same-site passage lying this much in furniture, on either page, is the site's boilerplate.
FURNITURE_SHARE = 0.5
#: Compilation pages kept per site (enough to tell a site that republishes from one with a digest page).
COMPILED_KEPT = 50
#: A site with this many compilation pages, a `REPUBLISHER_SHARE` of its pages, republishes other outlets.
REPUBLISHER_PAGES = 3
REPUBLISHER_SHARE = 0.2


def covered(spans: Sequence[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of [start, end) the (sorted or not) spans cover, overlaps counted once."""
    total, reach = 0, start
    for s, e in sorted(spans):
        s, e = max(s, reach), min(e, end)
        if e > s:
            total += e - s
            reach = e
    return total


def lies_in_furniture(page_furniture: Sequence[tuple[int, int]], start: int, end: int,
                      source_furniture: Sequence[tuple[int, int]], source_start: int, source_end: int) -> bool:
    """Whether a passage between two pages of one site lies `FURNITURE_SHARE` or more in furniture on
    either page (the spans the index knows as furniture and those the cleaner removed): the site's
    boilerplate, not reuse."""
    share = max(covered(page_furniture, start, end) / max(1, end - start),
                covered(source_furniture, source_start, source_end) / max(1, source_end - source_start))
    return share >= FURNITURE_SHARE


def other_sources(spans: Sequence[tuple[int, int, str]], start: int, end: int, counterpart: str,
                  overlap: float) -> int:
    """How many pages other than `counterpart` share a passage with this page outside [start, end) (a span
    overlapping it by `overlap` of the shorter is the same stretch): a compilation's other sources."""
    others = {other for s, e, other in spans
              if other != counterpart and min(end, e) - max(start, s) < overlap * min(end - start, e - s)}
    return len(others)


def republishes(compilations: int, site_pages: int) -> bool:
    """Whether a site with `compilations` compilation pages (at most `COMPILED_KEPT` are counted) of its
    `site_pages` pages republishes other outlets: often enough, or in a large enough share of its pages."""
    kept = min(compilations, COMPILED_KEPT)
    return kept >= REPUBLISHER_PAGES and (kept >= COMPILED_KEPT or kept >= REPUBLISHER_SHARE * site_pages)


def reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    """Whether `goal` is reachable from `start` along `edges` (copier -> sources)."""
    todo, seen = [start], {start}
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in sorted(edges.get(node, ())):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False
