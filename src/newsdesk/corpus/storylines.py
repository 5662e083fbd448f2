"""storylines: event clusters grouped into storylines, and the TF-IDF rows event clustering compares.

    matrix = unit_rows(vectors, idf)        # row-normalised TF-IDF, a row per vector: dot products are cosines
    root = merge_storylines(sizes, similarity, neighbours, related, age)   # cluster id -> storyline id

`newsdesk.corpus.events` scores candidate pairs of clusters (its storyline pair model) and hands them here to be
merged; it regroups documents (`EventClusters.consolidate`) and reads the pair model's features from `unit_rows`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from scipy import sparse

__all__ = ["merge_storylines", "unit_rows"]


def unit_rows(vectors: Sequence[Mapping[str, float]], idf: Callable[[str], float]) -> sparse.csr_matrix:
    """One row per vector, its terms weighted by `idf` and the row scaled to length 1 (an empty row stays 0)."""
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight * idf(term))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(vectors), max(1, len(vocabulary))))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    return sparse.csr_matrix(sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix)


def merge_storylines(sizes: Mapping[str, int], similarity: dict[frozenset[str], float],
                     neighbours: dict[str, set[str]], related: float, age: Callable[[str], int]) -> dict[str, str]:
    """Cluster id -> storyline id: groups merged greedily, the most alike pair first, while their similarity
    stays at `related` or above; a storyline is named by its oldest cluster (least `age`).

    `sizes`: each cluster's reports; `similarity`: of candidate pairs (a pair not in it counts 0);
    `neighbours`: each cluster's candidates. Both are used up. Average linkage (Lance-Williams): a group's
    similarity to another is the size-weighted mean of its parts' similarities. Unlike a summed vector, a
    big group does not drift toward the words every report shares."""
    size = dict(sizes)
    members = {c: [c] for c in sizes}
    heap: list[tuple[float, str, str]] = []
    for pair, value in similarity.items():
        if value >= related:
            low, high = sorted(pair)
            heap.append((-value, low, high))
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or similarity.get(frozenset((a, b))) != -negative:
            continue  # a side was merged since this pair was scored
        a, b = sorted((a, b), key=age)
        members[a] += members.pop(b)
        for other in (neighbours[a] | neighbours[b]) - {a, b}:
            if other not in members:
                continue
            joined = (size[a] * similarity.pop(frozenset((a, other)), 0.0)
                      + size[b] * similarity.pop(frozenset((b, other)), 0.0)) / (size[a] + size[b])
            similarity[frozenset((a, other))] = joined
            neighbours[other].discard(b)
            neighbours[other].add(a)
            if joined >= related:
                heapq.heappush(heap, (-joined, a, other))
        neighbours[a] = (neighbours[a] | neighbours.pop(b)) - {a, b}
        similarity.pop(frozenset((a, b)), None)
        size[a] += size.pop(b)
    return {c: root for root, group in members.items() for c in group}
