"""Coreference and clustering scores with their standard definitions (Pradhan et al. 2014, the CoNLL scorer).

A clustering is a sequence of clusters, each a collection of hashable mention ids; `key` is the gold one,
`response` the system's. Every function returns `Score(recall, precision, f1)` (0..1).

* MUC (Vilain et al. 1995): links. Recall = sum over key clusters K of (|K| - |p(K)|) / sum of (|K| - 1),
  where p(K) is the partition of K by the response clusters (a mention the response lacks is a part of
  its own). Precision swaps key and response. Singletons add nothing to either side.
* B³ (Bagga and Baldwin 1998): mentions. Recall = mean over key mentions m of |K(m) ∩ R(m)| / |K(m)|;
  precision = mean over response mentions of |K(m) ∩ R(m)| / |R(m)| (a mention missing on the other side
  shares nothing).
* CEAF-e (Luo 2005, entity-based φ4): clusters aligned one to one, maximising the sum of
  φ4(K, R) = 2 |K ∩ R| / (|K| + |R|) (Kuhn-Munkres, `scipy.optimize.linear_sum_assignment`);
  recall = that sum / |key clusters|, precision = that sum / |response clusters|.
* CoNLL F1 = the mean of the three F1s.

`adjusted_rand_index` is Hubert and Arabie's ARI of two flat labellings (the same as scikit-learn's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = Sequence[Collection[Hashable]]
Item = TypeVar("Item", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Score:
    recall: float
    precision: float
    f1: float


def _score(recall_num: float, recall_den: float, precision_num: float, precision_den: float) -> Score:
    recall = recall_num / recall_den if recall_den else 0.0
    precision = precision_num / precision_den if precision_den else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return Score(recall, precision, f1)


def _where(clusters: Clusters) -> dict[Hashable, int]:
    out: dict[Hashable, int] = {}
    for i, cluster in enumerate(clusters):
        for m in cluster:
            if m in out:
                raise ValueError(f"mention {m!r} is in two clusters ({out[m]} and {i})")
            out[m] = i
    return out


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = _where(response)
    num = den = 0
    for cluster in key:
        # Mentions the response lacks are each a part of their own.
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> Score:
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return _score(r_num, r_den, p_num, p_den)


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = _where(response)
    sets = [set(c) for c in response]
    total = 0.0
    count = 0
    for cluster in key:
        members = set(cluster)
        for m in members:
            count += 1
            if m in where:
                total += len(members & sets[where[m]]) / len(members)
    return total, count


def b_cubed(key: Clusters, response: Clusters) -> Score:
    r_num, r_den = _b3_side(key, response)
    p_num, p_den = _b3_side(response, key)
    return _score(r_num, r_den, p_num, p_den)


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    if not key or not response:
        return _score(0, len(key), 0, len(response))
    key_sets = [set(c) for c in key]
    response_sets = [set(c) for c in response]
    similarity = np.zeros((len(key_sets), len(response_sets)))
    where = _where(response)
    for i, k in enumerate(key_sets):
        for j in {where[m] for m in k if m in where}:
            r = response_sets[j]
            similarity[i, j] = 2 * len(k & r) / (len(k) + len(r))
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, cols].sum())
    return _score(total, len(key_sets), total, len(response_sets))


def conll_f1(key: Clusters, response: Clusters) -> float:
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def without_singletons(clusters: Clusters) -> list[Collection[Hashable]]:
    """The clusters of two or more mentions (the "no singletons" evaluation drops the rest on both sides)."""
    return [c for c in clusters if len(c) > 1]


def adjusted_rand_index(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """ARI of two labellings of the same items (1 = identical partitions, ~0 = chance)."""
    if len(truth) != len(predicted):
        raise ValueError(f"labellings differ in length: {len(truth)} and {len(predicted)}")
    n = len(truth)
    if n < 2:
        return 1.0

    def pairs(x: float) -> float:
        return x * (x - 1) / 2

    joint = sum(pairs(c) for c in Counter(zip(truth, predicted, strict=True)).values())
    rows = sum(pairs(c) for c in Counter(truth).values())
    cols = sum(pairs(c) for c in Counter(predicted).values())
    expected = rows * cols / pairs(n)
    best = (rows + cols) / 2
    if best == expected:  # both labellings put everything together (or everything apart)
        return 1.0
    return (joint - expected) / (best - expected)


def labels_to_clusters(labels: Mapping[Item, Hashable]) -> list[list[Item]]:
    """Items grouped by their label."""
    out: dict[Hashable, list[Item]] = {}
    for item, label in labels.items():
        out.setdefault(label, []).append(item)
    return list(out.values())
