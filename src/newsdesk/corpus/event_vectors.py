"""event_vectors: the arithmetic of `newsdesk.corpus.events`, done fast with the very same results.

    stats = TermStats(df)                    # df: term -> documents that hold it
    stats.count(terms); docs += 1            # a document arrived (its distinct terms)
    stats.idf(term, docs)                    # math.log((docs + 1) / (df + 1)) + 1.0, as a float
    vector = ClusterVector.of(cluster_terms, stats)
    vector.norm(stats, docs)                 # length of the cluster's TF-IDF vector, cached per `docs`
    vector.top(stats, docs, 25)              # its heaviest terms by TF-IDF, ties by term
    shared, most = cosine_bound(doc_vector, cluster_terms, doc_norm)   # the most their cosine can be

Event clustering compares each document with up to 64 clusters of up to 800 terms, with idf taken at
comparison time; the idf of every term changes with every document, so nothing can be kept across
documents. What is kept: the idf of a document frequency within one document count (few distinct values:
`math.log` a few hundred times a page, not once per cluster term), and each cluster's terms as arrays
(rebuilt when the cluster changes). Every float is computed by the same IEEE operations in the same
order as the plain-Python formula (products elementwise, sums left to right as Python 3.11's `sum` does;
3.12's compensated `sum` could differ in a last bit), so scores, assignments and saved states are
identical to the bit (bench/xdoc.py and link states of 2,000 synthetic pages compared before and after).
A candidate whose `cosine_bound` (plus its entity and place bonus) cannot reach the score it must beat is not
scored in full: it could not have been chosen, so the same cluster is, and a page costs less the more clusters
share a word with it without being close to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["ClusterVector", "TermStats", "cosine_bound", "sequential_sum"]

FloatArray = npt.NDArray[np.float64]
IdArray = npt.NDArray[np.int64]


def sequential_sum(values: FloatArray) -> float:
    """Sum left to right, as Python's `sum` of floats (numpy's own sum is pairwise: other last bits).

    `np.add.accumulate` adds strictly in order (each partial sum needs the one before), in C; Python's `sum`
    starts from the integer 0, which differs only while every value is -0.0 (it gives 0.0): adding 0.0 last
    settles that and changes no other sum."""
    if not len(values):
        return 0.0
    return float(np.add.accumulate(values)[-1]) + 0.0


def cosine_bound(vector: Mapping[str, float], terms: Mapping[str, float], doc_norm: float) -> tuple[list[str], float]:
    """The document's terms the cluster has (in the document's order), and the most the cosine of the two can be
    whatever the cluster's weights: by Cauchy-Schwarz the dot product over the shared terms is at most the
    lengths of both restricted to them, and the cluster's restricted length is at most its whole length. Read
    in one pass over the document's few terms, it spares working out the length of a cluster that cannot win."""
    shared = [t for t in vector if t in terms]
    if not doc_norm:
        return shared, 0.0
    return shared, math.sqrt(sum(vector[t] * vector[t] for t in shared)) / doc_norm


class TermStats:
    """Document frequencies by term id, and idf read from them with memoised `math.log` (exact).

    The memos hold for one document count: frequencies change only when a document arrives, and then the
    count grows too (`count` is always followed by one more document), so stale values are never read."""

    def __init__(self, df: Mapping[str, int]) -> None:
        self._ids: dict[str, int] = {}
        self._df: IdArray = np.zeros(max(1024, 2 * len(df)), dtype=np.int64)
        self._memo: dict[int, float] = {}  # document frequency -> idf, at `_memo_docs` documents
        self._by_term: dict[str, float] = {}  # term -> idf, at `_memo_docs` documents
        self._table: FloatArray = np.full(1024, np.nan)  # idf by document frequency (NaN: not worked out yet)
        self._memo_docs = -1
        for term, count in df.items():
            term_id = self.id_of(term)  # first: it may grow the array
            self._df[term_id] = count

    def id_of(self, term: str) -> int:
        """The term's id, given on first sight (with document frequency 0)."""
        found = self._ids.get(term)
        if found is not None:
            return found
        new = len(self._ids)
        self._ids[term] = new
        if new >= len(self._df):
            self._df = np.concatenate([self._df, np.zeros(len(self._df), dtype=np.int64)])
        return new

    def count(self, terms: Iterable[str]) -> None:
        """One more document holds each of these terms (distinct: a repeated one would count once)."""
        ids = self.ids_of(terms)  # first: it may grow the array
        self._df[ids] += 1

    def ids_of(self, terms: Iterable[str]) -> IdArray:
        """The terms' ids, in their order (new terms get one)."""
        names = list(terms)
        known = self._ids.get
        found = [known(term) for term in names]
        if None in found:
            found = [self.id_of(term) for term in names]
        return np.array(found, dtype=np.int64)

    def _at(self, docs: int) -> None:
        if docs != self._memo_docs:
            self._memo.clear()
            self._by_term.clear()
            self._table.fill(np.nan)
            self._memo_docs = docs

    def _of_df(self, df: int, docs: int) -> float:
        self._at(docs)
        value = self._memo.get(df)
        if value is None:
            value = self._memo[df] = math.log((docs + 1) / (df + 1)) + 1.0
        return value

    def idf(self, term: str, docs: int) -> float:
        """Inverse document frequency of one term among `docs` documents."""
        if docs == self._memo_docs:
            known = self._by_term.get(term)
            if known is not None:
                return known
        found = self._ids.get(term)
        value = self._by_term[term] = self._of_df(int(self._df[found]) if found is not None else 0, docs)
        return value

    def idfs(self, ids: IdArray, docs: int) -> FloatArray:
        """Inverse document frequencies of these term ids (`math.log` once per distinct frequency)."""
        if not len(ids):
            return np.zeros(0)
        self._at(docs)
        dfs = self._df[ids]
        top = int(dfs.max())
        if top >= len(self._table):
            self._table = np.concatenate([self._table, np.full(top + 1 + len(self._table), np.nan)])
        values: FloatArray = self._table[dfs]
        missing = np.isnan(values)
        if missing.any():  # frequencies not met yet at this document count: `math.log` once each
            distinct = np.unique(dfs[missing])
            self._table[distinct] = [self._of_df(df, docs) for df in distinct.tolist()]
            values = self._table[dfs]
        return values


@dataclass(slots=True)
class ClusterVector:
    """A cluster's summed term weights as arrays in the cluster's own term order, and its TF-IDF length
    at the document count it was last worked out for."""

    terms: list[str]
    ids: IdArray
    weights: FloatArray
    norm_docs: int = -1
    norm_value: float = 0.0
    weighted: FloatArray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def of(cls, terms: Mapping[str, float], stats: TermStats) -> ClusterVector:
        names = list(terms)
        ids = stats.ids_of(names)
        weights = np.fromiter(terms.values(), dtype=np.float64, count=len(names))
        return cls(names, ids, weights)

    def _weigh(self, stats: TermStats, docs: int) -> FloatArray:
        if self.norm_docs != docs:
            # weight * idf, then the root of the squares summed in term order: `math.sqrt(sum(v * v ...))`.
            self.weighted = self.weights * stats.idfs(self.ids, docs)
            self.norm_value = math.sqrt(sequential_sum(self.weighted * self.weighted))
            self.norm_docs = docs
        return self.weighted

    def norm(self, stats: TermStats, docs: int) -> float:
        self._weigh(stats, docs)
        return self.norm_value

    def top(self, stats: TermStats, docs: int, keep: int) -> list[str]:
        """The `keep` terms first by descending weight * idf, then by term (as `sorted` with that key)."""
        keys = -self._weigh(stats, docs)
        if len(keys) > keep:
            # Only terms at or above the keep-th weight can be kept; ties at the cut go to the term order.
            cut = np.partition(keys, keep - 1)[keep - 1]
            chosen = np.flatnonzero(keys <= cut).tolist()
        else:
            chosen = list(range(len(keys)))
        ranked = sorted((float(keys[i]), self.terms[i]) for i in chosen)
        return [term for _, term in ranked[:keep]]
