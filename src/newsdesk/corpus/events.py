"""link_events: pages and stories grouped by the happening they report, in one pass.

    clusters = EventClusters()                        # or EventClusters.from_bytes(blob)
    for story in stories:                             # EventDoc: one story of a page (see `event_docs`)
        cluster_id = clusters.add(story)              # joins the best cluster above the threshold, or starts one
    clusters.clusters()                               # EventCluster: id, title, date range, members; newest first
    blob = clusters.to_bytes()                        # keep it; `EventClusters.from_bytes(blob)` goes on from there

A document is compared with the clusters that share one of its most telling words (an inverted index over
each cluster's top TF-IDF terms, so a corpus of 100k pages is never compared with every cluster). The
score is the cosine of the document's and the cluster's TF-IDF vectors (document frequencies kept up to
date as documents arrive, weights applied at comparison time, so an early cluster is judged with today's
statistics), plus a bonus for the share of the document's entities and places the cluster already has;
a cluster whose dates lie more than `max_days` from the document's is not a candidate. The best cluster
at `join` or above takes the document; otherwise it starts a cluster. Clusters are grouped into
*storylines* (`topic`) when read: average-linkage agglomeration of the clusters' TF-IDF vectors down to
`related` (two rehab stints of one actress, two earthquakes in one region are two events of one storyline).
Corpus entities and gazetteer places are evidence in both regroupings when the documents carry them (as
`newsdesk link` gives them): shared rare keys bring two reports closer in `consolidate`, and a pair of reports
that both name some is judged by the storyline model that weighs them (`storyline_entity_weights`); documents
given as text alone are clustered exactly as without them.

Word statistics are our own (a few dozen lines) rather than scikit-learn's `TfidfVectorizer`: that one
is fitted once on a fixed corpus, and here the vocabulary and the document frequencies grow page by page.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import orjson
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsdesk.corpus.event_state import CLOSE, COMMA, Piece, deflated, json_bytes, zlib_stream
from newsdesk.corpus.event_vectors import ClusterVector, TermStats, cosine_bound
from newsdesk.corpus.event_words import VIEWS, DocWords, content_words, headline, report_views
from newsdesk.corpus.storylines import merge_storylines, unit_rows
from newsdesk.errors import ConfigError, check_numbers


@dataclass(frozen=True, slots=True)
class EventDoc:
    """One page or one story of a page, as event clustering reads it.

    `story` is the story's index on the page (0 for a page taken whole); `date` YYYY-MM-DD or None;
    `entity_keys` the corpus entity ids (or name keys) it names, `place_ids` its gazetteer places."""

    page_id: str
    story: int
    text: str
    title: str | None = None
    date: str | None = None
    entity_keys: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventConfig:
    """Event clustering's knobs (see the module docstring for how they are used)."""

    #: Score at which a document joins a cluster (cosine of TF-IDF vectors plus the entity and place bonus).
    #: `join` and `related` were chosen on ECB+ topics 1-35 (bench/xdoc.py) from a coarse grid (0.05 steps).
    join: float = 0.25
    #: Mean probability, over two groups' member pairs, that two reports are of one storyline at which the
    #: groups are one storyline (see `_storylines`). Chosen on ECB+ training topics 1-22 only (bench/xdoc.py
    #: `--split train`, 0.05 grid after `consolidate`: topic ARI 0.81 at 0.15, 0.85 at 0.20, 0.89 at 0.25,
    #: 0.85 at 0.30); topics 23-35 are held out.
    related: float = 0.25
    #: The pair model's weights: a logistic regression of "one storyline" on the TF-IDF cosines of two reports'
    #: words, their lower-case words (what happened: "pinup", "dies"), their capitalised words (who and where)
    #: and their leads (headline and first `lead_words` words), then the intercept. Fitted by
    #: train/xdoc/fit_storylines.py on the report pairs of ECB+ topics 1-22 (none of topics 23-35).
    storyline_weights: tuple[float, float, float, float, float] = (15.5, 17.0, 6.4, 17.8, -5.9)
    #: The pair model for two reports that both name corpus entities or gazetteer places (as `newsdesk link`
    #: gives them): the four cosines of `storyline_weights`, then the TF-IDF cosine of their entity and place
    #: keys (a key weighted by how few of the compared reports name it: a shared rare name says more than a
    #: capital city), then the intercept. Pairs without that evidence on both sides use `storyline_weights`.
    #: Fitted by train/xdoc/fit_storylines.py on ECB+ topics 1-22 as the link gives them (none of 23-35).
    storyline_entity_weights: tuple[float, float, float, float, float, float] = (15.5, 15.2, 11.7, 11.0, 5.7, -4.9)
    lead_words: int = 50
    #: Members of a cluster compared with another's (evenly spread over its arrival order): the storyline
    #: score of two clusters is the mean over these pairs, so its cost does not grow with cluster size.
    storyline_sample: int = 12
    #: Bonus for the share of the document's entities (places) the cluster already names.
    entity_weight: float = 0.10
    place_weight: float = 0.05
    #: A cluster whose date range lies further than this from the document's date is not a candidate.
    max_days: int = 14
    #: Terms of a document used to look up candidates, and terms of a cluster kept in the index.
    query_terms: int = 12
    index_terms: int = 25
    #: Most candidates scored per document, and most terms kept of a cluster's summed vector.
    max_candidates: int = 64
    centroid_terms: int = 400
    #: `consolidate`: documents are regrouped by average linkage and cut at this cosine distance (mean
    #: distance of two groups' documents). Chosen on ECB+ topics 1-35 (bench/xdoc.py), 0.05 steps.
    regroup_distance: float = 0.80
    #: `consolidate`: the weight of the TF-IDF cosine of two reports' entity and place keys (`entity_matrix`),
    #: added to their words' cosine (no change for reports without keys: text alone). Chosen on ECB+ topics 1-22
    #: as `newsdesk link` gives them (sub-topic ARI, mean of 3 orders: 0.764 at 0, 0.787 at 0.1, 0.792 at 0.2,
    #: 0.813 at 0.4, 0.803 at 0.6, 0.806 at 0.8; topic ARI 0.868 at 0 to 0.4).
    regroup_entity_weight: float = 0.4
    #: Most terms kept of each document's vector for `consolidate`, and most documents regrouped at once
    #: (the linkage takes memory quadratic in it; the clusters nearest the touched ones are taken first).
    member_terms: int = 120
    regroup_limit: int = 3000

    def __post_init__(self) -> None:
        check_numbers(self, "events", ("join", "related", "entity_weight", "place_weight", "regroup_entity_weight"))
        check_numbers(self, "events", ("max_days", "query_terms", "index_terms", "max_candidates", "centroid_terms",
                                       "member_terms", "regroup_limit"), whole=True, minimum=1)
        check_numbers(self, "events", ("regroup_distance",))
        if self.related > self.join:
            raise ConfigError("ND-E011", f"events.related ({self.related}) must not exceed events.join ({self.join})")


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One happening: `title` is its most typical member's headline (else first sentence); `first`/`last`
    its date range (None when no member had a date); `members` (page id, story index) in arrival order;
    `topic` the storyline it belongs to (the id of the storyline's first cluster)."""

    id: str
    title: str
    first: str | None
    last: str | None
    members: tuple[tuple[str, int], ...]
    topic: str


@dataclass(slots=True)
class _Cluster:
    id: str
    terms: dict[str, float] = field(default_factory=dict)  # summed, length-normalised sublinear tf
    entities: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    members: list[tuple[str, int]] = field(default_factory=list)
    title: str = ""
    title_score: float = -1.0
    indexed: tuple[str, ...] = ()
    #: Each member's own evidence, for `consolidate` (absent for members of a version-1 state).
    kept: dict[tuple[str, int], _Member] = field(default_factory=dict)
    #: `terms` as arrays for scoring (`event_vectors`); None until needed and whenever `terms` changes.
    vector: ClusterVector | None = None
    #: The cluster as saved (`to_bytes`) but its members' own pieces; None until saved and whenever it changes.
    saved: Piece | None = None


@dataclass(slots=True)
class _Member:
    """What `consolidate` and `_storylines` need of one document: its length-normalised sublinear tf (top
    terms), date, entities, places, title, and the same tf of its views (`_views`; none in older states)."""

    terms: dict[str, float]
    date: str | None
    entities: tuple[str, ...]
    places: tuple[str, ...]
    title: str
    views: dict[str, dict[str, float]] = field(default_factory=dict)
    #: The member as saved in its cluster's "kept" (`to_bytes`), compressed; it never changes once kept.
    saved: Piece | None = None


def _check_date(value: str | None, doc: EventDoc) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError("ND-E010", f"event document {doc.page_id!r} story {doc.story}: date {value!r} "
                                     f"is not of the form YYYY-MM-DD") from None


class EventClusters:
    """Incremental single-pass clustering of documents into events; holds its whole state (see `to_bytes`)."""

    def __init__(self, config: EventConfig | None = None) -> None:
        self.config = config or EventConfig()
        self._df: Counter[str] = Counter()
        self._stats = TermStats(self._df)  # `_df` again, by term id, for scoring with arrays
        self._docs = 0
        self._clusters: dict[str, _Cluster] = {}
        self._index: dict[str, set[str]] = {}
        self._seen: set[tuple[str, int]] = set()
        self._last_id = 0  # clusters are numbered on; `consolidate` may leave gaps, never reuse a number

    # -- adding
    def add(self, doc: EventDoc) -> str:
        """Place one document; returns its cluster's id."""
        return self.add_many([doc])[0]

    def add_many(self, docs: Sequence[EventDoc]) -> list[str]:
        """Place documents in order; their words count in the document frequencies before any is placed,
        so the first of a batch is judged with the batch's statistics. Returns their cluster ids."""
        prepared = []
        for doc in docs:
            key = (doc.page_id, doc.story)
            if key in self._seen:
                raise ConfigError("ND-E031", f"event document {doc.page_id!r} story {doc.story} was added before")
            _check_date(doc.date, doc)
            words = DocWords.of(doc.title, doc.text)
            tf = Counter(words.all())
            self._df.update(tf.keys())
            self._stats.count(tf.keys())
            self._docs += 1
            self._seen.add(key)
            prepared.append((doc, tf, words))
        return [self._place(doc, tf, words) for doc, tf, words in prepared]

    def _idf(self, term: str) -> float:
        """math.log((docs + 1) / (df + 1)) + 1.0, memoised per document frequency (`TermStats`)."""
        return self._stats.idf(term, self._docs)

    def _weights(self, tf: Counter[str]) -> dict[str, float]:
        raw = {t: (1.0 + math.log(c)) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / norm for t, v in raw.items()}

    def _place(self, doc: EventDoc, tf: Counter[str], words: DocWords) -> str:
        cfg = self.config
        sub = self._weights(tf)
        idf = dict(zip(sub, self._stats.idfs(self._stats.ids_of(sub), self._docs).tolist(), strict=True))
        vector = {t: w * idf[t] for t, w in sub.items()}
        doc_norm = math.sqrt(sum(v * v for v in vector.values()))
        query = sorted(vector, key=lambda t: (-vector[t], t))[:cfg.query_terms]
        votes: Counter[str] = Counter()
        for term in query:
            votes.update(self._index.get(term, ()))
        date = _check_date(doc.date, doc)
        best: tuple[float, str] | None = None
        for cluster_id, _ in heapq.nsmallest(cfg.max_candidates, votes.items(), key=lambda kv: (-kv[1], kv[0])):
            cluster = self._clusters[cluster_id]
            if date is not None and not self._near(cluster, date):
                continue
            # A cluster that cannot reach `join`, or beat the best so far, is not scored in full: nothing changes.
            score = self._score(vector, idf, doc_norm, doc, cluster, max(cfg.join, best[0] if best else cfg.join))
            if score is not None and (best is None or score > best[0]):
                best = (score, cluster_id)
        if best is not None and best[0] >= cfg.join:
            cluster = self._clusters[best[1]]
        else:
            self._last_id += 1
            cluster_id = f"ev{self._last_id}"
            cluster = _Cluster(cluster_id)
            self._clusters[cluster_id] = cluster
        self._absorb(cluster, doc, sub, best[0] if best is not None and cluster.members else 1.0, words)
        return cluster.id

    def _near(self, cluster: _Cluster, date: dt.date) -> bool:
        if cluster.first is None or cluster.last is None:
            return True
        first, last = dt.date.fromisoformat(cluster.first), dt.date.fromisoformat(cluster.last)
        gap = (first - date).days if date < first else (date - last).days if date > last else 0
        return gap <= self.config.max_days

    def _vector(self, cluster: _Cluster) -> ClusterVector:
        if cluster.vector is None:
            cluster.vector = ClusterVector.of(cluster.terms, self._stats)
        return cluster.vector

    def _score(self, vector: dict[str, float], idf: dict[str, float], doc_norm: float, doc: EventDoc,
               cluster: _Cluster, floor: float = -math.inf) -> float | None:
        cfg = self.config
        keys, places, terms = set(doc.entity_keys), set(doc.place_ids), cluster.terms
        entity = cfg.entity_weight * sum(k in cluster.entities for k in keys) / len(keys) if keys else 0.0
        place = cfg.place_weight * sum(p in cluster.places for p in places) / len(places) if places else 0.0
        shared, most = cosine_bound(vector, terms, doc_norm)
        if most + entity + place < floor - 1e-9:  # the margin outweighs any rounding of either side
            return None
        # Cosine of TF-IDF vectors, the dot product over the shared terms (a term the cluster lacks adds 0.0, which
        # changes no sum): the same operations in the same order as weighting every cluster term, same bits.
        norm = self._vector(cluster).norm(self._stats, self._docs)
        dot = sum(vector[t] * (terms[t] * idf[t]) for t in shared)
        score = dot / (doc_norm * norm) if norm and doc_norm else 0.0
        score = score + entity if keys else score
        return score + place if places else score

    def _absorb(self, cluster: _Cluster, doc: EventDoc, sub: dict[str, float], score: float, words: DocWords) -> None:
        cfg = self.config
        cluster.vector = None
        for term, weight in sub.items():
            cluster.terms[term] = cluster.terms.get(term, 0.0) + weight
        if len(cluster.terms) > 2 * cfg.centroid_terms:
            kept = sorted(cluster.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:cfg.centroid_terms]
            cluster.terms = dict(kept)
        cluster.entities.update(set(doc.entity_keys))
        cluster.places.update(set(doc.place_ids))
        if doc.date is not None:
            cluster.first = min(cluster.first or doc.date, doc.date)
            cluster.last = max(cluster.last or doc.date, doc.date)
        cluster.members.append((doc.page_id, doc.story))
        top = sorted(sub.items(), key=lambda kv: (-kv[1], kv[0]))[:cfg.member_terms]
        title = headline(doc.title, doc.text)
        cluster.kept[(doc.page_id, doc.story)] = _Member(dict(top), doc.date, tuple(sorted(set(doc.entity_keys))),
                                                         tuple(sorted(set(doc.place_ids))), title,
                                                         report_views(words, cfg.lead_words, cfg.member_terms))
        # The title: the member most like the cluster when it joined (the founder until one is closer).
        if score > cluster.title_score:
            cluster.title, cluster.title_score = title, score
        self._reindex(cluster)

    def _reindex(self, cluster: _Cluster) -> None:
        cluster.saved = None  # every change of a cluster ends here (`_absorb`, `consolidate`)
        for term in cluster.indexed:
            self._index[term].discard(cluster.id)
        top = self._vector(cluster).top(self._stats, self._docs, self.config.index_terms)
        for term in top:
            self._index.setdefault(term, set()).add(cluster.id)
        cluster.indexed = tuple(top)

    # -- consolidating
    def consolidate(self, touched: Iterable[str] | None = None) -> int:
        """Regroup the documents of the `touched` clusters (all when None) and of their nearest clusters;
        returns how many documents changed cluster.

        The single pass depends on the order documents came in (an early report that matches nothing starts
        a cluster its later siblings then split between). Here the documents are clustered again, together,
        by average linkage (`scipy.cluster.hierarchy`) over TF-IDF cosine distances with today's document
        frequencies, cut at `regroup_distance`; documents dated more than `max_days` apart are kept apart.
        A regrouped cluster keeps the id of the old cluster most of its documents came from. Bounded: the
        neighbours come from the inverted index, and at most `regroup_limit` documents are regrouped (the
        linkage is quadratic in memory), so the store can call this after every link run on the clusters
        its new pages touched. Members of a version-1 state have no vectors of their own: each such
        cluster's members move together, as one document with the cluster's vector."""
        chosen = self._neighbourhood(touched)
        # Units: a member with its own vector, or the kept-together members of an old cluster without them.
        units: list[tuple[str, list[tuple[str, int]], _Member]] = []
        for cluster_id in chosen:
            cluster = self._clusters[cluster_id]
            loose = [m for m in cluster.members if m not in cluster.kept]
            units += [(cluster_id, [m], cluster.kept[m]) for m in cluster.members if m in cluster.kept]
            if loose:
                units.append((cluster_id, loose, _Member(dict(cluster.terms), cluster.first,
                                                         tuple(cluster.entities), tuple(cluster.places),
                                                         cluster.title)))
        if len(units) < 2:
            return 0
        grouped: dict[int, list[tuple[str, list[tuple[str, int]], _Member]]] = {}
        for unit, label in zip(units, self._regroup([u[2] for u in units]), strict=True):
            grouped.setdefault(label, []).append(unit)
        # Each new group takes the id of the old cluster that gave it most documents (biggest groups first).
        by_size = sorted(grouped.values(), key=lambda g: (-sum(len(u[1]) for u in g), min(int(u[0][2:]) for u in g)))
        given: list[str] = []
        for group in by_size:
            votes: Counter[str] = Counter()
            for source_id, names, _ in group:
                votes[source_id] += len(names)
            free = [c for c, _ in sorted(votes.items(), key=lambda kv: (-kv[1], int(kv[0][2:]))) if c not in given]
            if not free:
                self._last_id += 1
            given.append(free[0] if free else f"ev{self._last_id}")
        moved = sum(len(names) for group, new_id in zip(by_size, given, strict=True)
                    for source_id, names, _ in group if source_id != new_id)
        if not moved:
            return 0
        old = {c: self._clusters.pop(c) for c in chosen}
        for cluster in old.values():
            for term in cluster.indexed:
                self._index.get(term, set()).discard(cluster.id)
        for group, new_id in zip(by_size, given, strict=True):
            cluster = _Cluster(new_id)
            self._clusters[new_id] = cluster
            # Members in their old clusters' order (oldest cluster first, arrival order within one).
            for source_id, names, evidence in sorted(group, key=lambda u: (
                    int(u[0][2:]), old[u[0]].members.index(u[1][0]))):
                self._rebuild(cluster, names, evidence, old[source_id])
            if new_id in old and old[new_id].members[0] in cluster.members:
                # The headline stays while the member it came from (or the founder) stays.
                cluster.title, cluster.title_score = old[new_id].title, old[new_id].title_score
            self._reindex(cluster)
        return moved

    def _neighbourhood(self, touched: Iterable[str] | None) -> list[str]:
        cfg = self.config
        if touched is None:
            return sorted(self._clusters, key=lambda c: int(c[2:]))
        start = [c for c in dict.fromkeys(touched) if c in self._clusters]
        votes: Counter[str] = Counter()
        for cluster_id in start:
            for term in self._clusters[cluster_id].indexed[:cfg.query_terms]:
                votes.update(self._index.get(term, ()))
        chosen = list(start)
        size = sum(len(self._clusters[c].members) for c in chosen)
        for cluster_id, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            grown = size + len(self._clusters[cluster_id].members)
            if cluster_id in chosen or grown > cfg.regroup_limit:
                continue
            chosen.append(cluster_id)
            size = grown
        return chosen

    def _regroup(self, members: Sequence[_Member]) -> list[int]:
        """Group labels of the documents: average linkage over TF-IDF cosine distances, cut at
        `regroup_distance`."""
        cfg = self.config
        matrix = unit_rows([member.terms for member in members], self._idf)
        similarity = (matrix @ matrix.T).toarray()
        if cfg.regroup_entity_weight:
            # Shared corpus entities and places (rare ones most) bring two reports closer: one happening's
            # reports name its people and places, however differently they word it.
            keys = self.entity_matrix(members)
            similarity += cfg.regroup_entity_weight * (keys @ keys.T).toarray()
        distance = 1.0 - similarity
        dates = [dt.date.fromisoformat(m.date) if m.date else None for m in members]
        if any(d is not None for d in dates):
            for i, a in enumerate(dates):
                for j in range(i + 1, len(dates)):
                    b = dates[j]
                    if a is not None and b is not None and abs((a - b).days) > cfg.max_days:
                        distance[i, j] = distance[j, i] = 1.0
        np.fill_diagonal(distance, 0.0)
        condensed = squareform(np.clip(distance, 0.0, 1.0), checks=False)
        tree = linkage(condensed, method="average")
        return [int(g) for g in fcluster(tree, cfg.regroup_distance, criterion="distance")]

    def _rebuild(self, cluster: _Cluster, names: list[tuple[str, int]], member: _Member, source: _Cluster) -> None:
        cfg = self.config
        cluster.vector = None
        for term, weight in member.terms.items():
            cluster.terms[term] = cluster.terms.get(term, 0.0) + weight * len(names)
        if len(cluster.terms) > 2 * cfg.centroid_terms:
            cluster.terms = dict(sorted(cluster.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:cfg.centroid_terms])
        cluster.entities.update(member.entities)
        cluster.places.update(member.places)
        for date in (member.date, source.last if len(names) > 1 else None):
            if date is not None:
                cluster.first = min(cluster.first or date, date)
                cluster.last = max(cluster.last or date, date)
        cluster.members.extend(names)
        if len(names) == 1 and names[0] in source.kept:
            cluster.kept[names[0]] = member
        if not cluster.title:
            cluster.title = member.title

    # -- reading
    def clusters(self) -> list[EventCluster]:
        """Every cluster, the newest (latest date, then latest started) first."""
        topic = self._storylines()
        ordered = sorted(self._clusters.values(), key=lambda c: (c.last or "", int(c.id[2:])), reverse=True)
        return [EventCluster(c.id, c.title, c.first, c.last, tuple(c.members), topic[c.id]) for c in ordered]

    def _storylines(self) -> dict[str, str]:
        """Cluster id -> storyline id. Groups of clusters are merged greedily, the most alike pair first, while
        the mean over their reports' pairs of the probability that two reports are of one storyline (the pair
        model of `EventConfig.storyline_weights`) stays at `related` or above: average linkage over reports,
        so a chain of pairwise-similar clusters does not make one storyline. Candidate pairs come from the
        index, as for documents. Worked out when asked, from the clusters as they are, so the order pages
        came in matters less than for events; a storyline is named by its oldest cluster."""
        cfg = self.config
        neighbours: dict[str, set[str]] = {c: set() for c in self._clusters}
        for cluster in self._clusters.values():
            votes: Counter[str] = Counter()
            for term in cluster.indexed[:cfg.query_terms]:
                votes.update(self._index.get(term, ()))
            for other, _ in heapq.nsmallest(cfg.max_candidates, votes.items(), key=lambda kv: (-kv[1], kv[0])):
                if other != cluster.id:
                    neighbours[cluster.id].add(other)
                    neighbours[other].add(cluster.id)
        similarity = self._storyline_similarity(neighbours)
        sizes = {c: len(cluster.members) for c, cluster in self._clusters.items()}
        return merge_storylines(sizes, similarity, neighbours, cfg.related, lambda c: int(c[2:]))

    def _storyline_similarity(self, neighbours: dict[str, set[str]]) -> dict[frozenset[str], float]:
        """For each candidate pair of clusters, the mean pair-model probability over their sampled reports."""
        cfg = self.config
        sample: dict[str, list[_Member]] = {}
        for cluster in self._clusters.values():
            kept = [cluster.kept[m] for m in cluster.members if m in cluster.kept]
            # A version-1 cluster has no member vectors: it stands as one report with the cluster's words.
            kept = kept or [_Member(dict(cluster.terms), cluster.first, (), (), cluster.title)]
            step = len(kept) / cfg.storyline_sample
            sample[cluster.id] = kept if step <= 1 else [kept[int(i * step)] for i in range(cfg.storyline_sample)]
        ids = list(sample)
        if not ids:
            return {}
        offset = dict(zip(ids, np.cumsum([0] + [len(sample[c]) for c in ids[:-1]]).tolist(), strict=True))
        matrices = self._view_matrices([m for c in ids for m in sample[c]])
        *weights, intercept = cfg.storyline_weights
        *entity_weights, key_weight, entity_intercept = cfg.storyline_entity_weights
        keys = self.entity_matrix([m for c in ids for m in sample[c]])
        named = np.asarray(keys.getnnz(axis=1) > 0)  # reports with entity or place evidence
        similarity: dict[frozenset[str], float] = {}
        for a in ids:
            others = sorted(b for b in neighbours[a] if b > a)
            if not others:
                continue
            mine = np.arange(offset[a], offset[a] + len(sample[a]))
            theirs = np.concatenate([np.arange(offset[b], offset[b] + len(sample[b])) for b in others])
            logit = np.full((len(mine), len(theirs)), intercept)
            entity_logit = np.full((len(mine), len(theirs)), entity_intercept)
            for weight, entity_weight, matrix in zip(weights, entity_weights, matrices, strict=True):
                cosine = (matrix[mine] @ matrix[theirs].T).toarray()
                logit += weight * cosine
                entity_logit += entity_weight * cosine
            entity_logit += key_weight * (keys[mine] @ keys[theirs].T).toarray()
            both = np.outer(named[mine], named[theirs])
            chance = 1.0 / (1.0 + np.exp(-np.where(both, entity_logit, logit)))
            start = 0
            for b in others:
                similarity[frozenset((a, b))] = float(chance[:, start:start + len(sample[b])].mean())
                start += len(sample[b])
        return similarity

    def _view_matrices(self, reports: Sequence[_Member]) -> list[sparse.csr_matrix]:
        """One row-normalised TF-IDF matrix per view (all words, then `VIEWS`), a row per report; the pair
        model's features are their rows' dot products (train/xdoc/fit_storylines.py reads them too)."""
        return [unit_rows([m.terms if view == "all" else m.views.get(view, {}) for m in reports], self._idf)
                for view in ("all", *VIEWS)]

    @staticmethod
    def entity_matrix(reports: Sequence[_Member]) -> sparse.csr_matrix:
        """A row-normalised matrix of each report's corpus entities and places, a key weighted by its inverse
        frequency among `reports` (its rows' dot products are the pair model's entity feature)."""
        keys = [dict.fromkeys((*m.entities, *(f"place:{p}" for p in m.places)), 1.0) for m in reports]
        df = Counter(k for row in keys for k in row)
        return unit_rows(keys, lambda k: math.log((len(keys) + 1) / (df[k] + 1)) + 1.0)

    def cluster_of(self, page_id: str, story: int = 0) -> str:
        for cluster in self._clusters.values():
            if (page_id, story) in cluster.members:
                return cluster.id
        raise ConfigError("ND-E031", f"event document {page_id!r} story {story} was never added")

    def __len__(self) -> int:
        return len(self._clusters)

    # -- keeping
    def to_bytes(self) -> bytes:
        """The whole state, JSON in zlib (index rebuilt on loading); what is unchanged is kept (`event_state`)."""
        head = json_bytes({"version": 3, "docs": self._docs, "last_id": self._last_id, "df": dict(self._df)})
        pieces = [deflated(head[:-1] + b',"clusters":[')]
        for n, c in enumerate(self._clusters.values()):
            if c.saved is None:
                summary = json_bytes({
                    "id": c.id, "terms": dict(c.terms), "entities": dict(c.entities), "places": dict(c.places),
                    "first": c.first, "last": c.last, "members": c.members, "title": c.title,
                    "title_score": c.title_score, "indexed": list(c.indexed)})
                c.saved = deflated(summary[:-1] + b',"kept":[')  # "kept" is the last key
            pieces += [COMMA, c.saved] if n else [c.saved]
            for k, (key, m) in enumerate(c.kept.items()):
                if m.saved is None:
                    m.saved = deflated(json_bytes([*key, m.terms, m.date, m.entities, m.places, m.title, m.views]))
                pieces += [COMMA, m.saved] if k else [m.saved]
            pieces.append(CLOSE)
        return zlib_stream([*pieces, CLOSE])

    @classmethod
    def from_bytes(cls, blob: bytes, config: EventConfig | None = None) -> EventClusters:
        try:
            raw = zlib.decompress(blob)
            try:
                state = orjson.loads(raw)
            except orjson.JSONDecodeError:  # `json` reads what it wrote: escaped lone surrogates, NaN
                state = json.loads(raw)
            # Version 1 has no member vectors (see `consolidate`), version 2 no member views (`_storylines`).
            if state.get("version") not in (1, 2, 3):
                raise ValueError(f"version {state.get('version')!r}")
            out = cls(config)
            out._docs = int(state["docs"])
            out._df = Counter(state["df"])
            out._stats = TermStats(out._df)
            for c in state["clusters"]:
                cluster = _Cluster(c["id"], dict(c["terms"]), Counter(c["entities"]),
                                   Counter(c["places"]), c["first"], c["last"], [tuple(m) for m in c["members"]],
                                   c["title"], c["title_score"], tuple(c["indexed"]))
                for page, story, terms, date, entities, places, title, *views in c.get("kept", ()):
                    cluster.kept[(page, story)] = _Member(dict(terms), date, tuple(entities), tuple(places), title,
                                                          dict(views[0]) if views else {})
                out._clusters[cluster.id] = cluster
                out._seen.update(cluster.members)
                for term in cluster.indexed:
                    out._index.setdefault(term, set()).add(cluster.id)
            out._last_id = max([int(state.get("last_id", 0)), *(int(c[2:]) for c in out._clusters)])
        except (ValueError, KeyError, TypeError, zlib.error) as error:
            raise ConfigError("ND-E031", f"event clusters state cannot be read: {error}") from None
        return out


def storylines(clusters: Iterable[EventCluster]) -> dict[str, list[str]]:
    """Storyline id → the ids of its event clusters."""
    out: dict[str, list[str]] = {}
    for cluster in clusters:
        out.setdefault(cluster.topic, []).append(cluster.id)
    return out


__all__ = ["EventCluster", "EventClusters", "EventConfig", "EventDoc", "content_words", "storylines"]
