"""The fast arithmetic of event clustering (`event_vectors`, `event_words`) gives the plain formulas' results
to the bit, and saved states of either encoding read back. Invented reports."""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from typing import Any

import numpy as np

from newsdesk.corpus.event_vectors import ClusterVector, TermStats, cosine_bound, sequential_sum
from newsdesk.corpus.event_words import DocWords, content_words, report_views, unit_weights
from newsdesk.corpus.events import EventClusters, EventDoc

REPORTS = [
    ("Floods swept through Varnek on Monday, and rescuers pulled 40 people from the river's banks.",
     "Floods sweep Varnek"),
    ("Rescuers in Varnek said the floods had cut the town’s two bridges; the river kept rising.",
     "Varnek floods cut bridges"),
    ("The Ostra city council voted to close the old library and open a new one by the harbour.", None),
    ("Ostra's council members said the library vote followed years of complaints about the building.",
     "Ostra library to close"),
    ("  \u2022 Live updates\nFlood waters reached Varnek's main square as rescuers evacuated homes.", None),
]


def plain_idf(df: Counter[str], docs: int, term: str) -> float:
    return math.log((docs + 1) / (df.get(term, 0) + 1)) + 1.0


def test_idf_is_the_formula_exactly_and_follows_new_documents() -> None:
    df: Counter[str] = Counter({"flood": 3, "varnek": 1})
    stats = TermStats(df)
    for term in ("flood", "varnek", "never"):
        assert stats.idf(term, 5) == plain_idf(df, 5, term)
    stats.count(["flood", "bridge"])
    df.update(["flood", "bridge"])
    for term in ("flood", "bridge", "varnek"):  # one more document: the memo must not answer for 5
        assert stats.idf(term, 6) == plain_idf(df, 6, term)
    ids = stats.ids_of(["bridge", "flood", "varnek", "flood"])
    assert stats.idfs(ids, 6).tolist() == [plain_idf(df, 6, t) for t in ("bridge", "flood", "varnek", "flood")]


def test_term_ids_grow_past_the_first_array() -> None:
    stats = TermStats({})
    terms = [f"word{i}" for i in range(3000)]
    stats.count(terms)
    stats.count(terms[:10])
    assert stats.idf("word0", 2) == math.log(3 / 3) + 1.0
    assert stats.idf("word2999", 2) == math.log(3 / 2) + 1.0


def test_cluster_length_and_top_terms_are_the_plain_ones() -> None:
    df = Counter({f"t{i}": 1 + i % 7 for i in range(60)})
    stats = TermStats(df)
    # Equal weights and frequencies make ties at the cut: the term order must break them, as `sorted` does.
    terms = {f"t{i}": 0.1 * (1 + i % 5) + 1e-3 * i for i in range(60)} | {"tie_b": 0.5, "tie_a": 0.5}
    vector = ClusterVector.of(terms, stats)
    weighted = {t: w * plain_idf(df, 30, t) for t, w in terms.items()}
    assert vector.norm(stats, 30) == math.sqrt(sum(v * v for v in weighted.values()))
    for keep in (1, 5, 25, 80):
        plain = sorted(terms, key=lambda t: (-terms[t] * plain_idf(df, 30, t), t))[:keep]
        assert vector.top(stats, 30, keep) == plain


def test_sequential_sum_adds_left_to_right() -> None:
    values = np.array([1e16, 1.0, -1e16, 1.0])
    assert sequential_sum(values) == sum(values.tolist()) == 1.0
    # Python's `sum` starts from 0: an empty or all-negative-zero sum is +0.0, not -0.0.
    for zeros in (np.zeros(0), np.array([-0.0, -0.0])):
        assert math.copysign(1.0, sequential_sum(zeros)) == 1.0
    rng = np.random.default_rng(5)
    for size in (1, 7, 300, 1601):
        mixed = rng.normal(size=size) * 10.0 ** rng.integers(-12, 12, size=size)
        assert sequential_sum(mixed) == sum(mixed.tolist())


def test_words_read_once_are_the_words_of_the_whole_text() -> None:
    for text, title in [*REPORTS, ("Straße’s QUAKES\u00a0hit İzmir\u2028co-op's 'tis naïve", "ΣΟΦΟΣ Quakes")]:
        words = DocWords.of(title, text)
        assert words.all() == content_words(f"{title or ''}\n{text}")
    words = DocWords.of("Floods sweep Varnek", "Rescuers pulled people from the river. Later the council met.")
    views = report_views(words, 3, 50)
    assert set(views["names"]) == {"flood", "varnek", "rescuer", "later"}
    assert set(views["common"]) == {"sweep", "pulled", "river", "council", "met"}
    assert set(views["lead"]) == {"flood", "sweep", "varnek", "rescuer", "pulled"}
    assert views["common"] == unit_weights(Counter(["sweep", "pulled", "river", "council", "met"]), 50)


def test_a_state_in_the_older_encoding_reads_and_goes_on_alike() -> None:
    docs = [EventDoc(f"p{i}", 0, text, title, f"2024-03-0{1 + i}") for i, (text, title) in enumerate(REPORTS)]
    clusters = EventClusters()
    clusters.add_many(docs[:3])
    blob = clusters.to_bytes()
    older = zlib.compress(json.dumps(json.loads(zlib.decompress(blob)), separators=(",", ":")).encode())
    new, old = EventClusters.from_bytes(blob), EventClusters.from_bytes(older)
    assert new.add_many(docs[3:]) == old.add_many(docs[3:])
    assert new.clusters() == old.clusters()
    assert zlib.decompress(new.to_bytes()) == zlib.decompress(old.to_bytes())
    by_page = {page: c.id for c in new.clusters() for page, _ in c.members}
    assert by_page["p0"] == by_page["p1"] and by_page["p2"] == by_page["p3"] and by_page["p0"] != by_page["p2"]


def test_a_title_with_a_lone_surrogate_still_saves_and_reads() -> None:
    clusters = EventClusters()
    clusters.add(EventDoc("p0", 0, "Floods swept through Varnek on Monday, rescuers said.", "Floods \ud800 Varnek"))
    again = EventClusters.from_bytes(clusters.to_bytes())
    assert [c.title for c in again.clusters()] == ["Floods \ud800 Varnek"]


def test_the_cosine_bound_is_never_below_the_cosine() -> None:
    rng = np.random.default_rng(11)
    words = [f"w{i}" for i in range(40)]
    for _ in range(300):
        doc = {w: float(rng.random()) for w in rng.choice(words, size=int(rng.integers(1, 15)), replace=False)}
        cluster = {w: float(rng.random()) for w in rng.choice(words, size=int(rng.integers(1, 30)), replace=False)}
        doc_norm = math.sqrt(sum(v * v for v in doc.values()))
        shared, most = cosine_bound(doc, cluster, doc_norm)
        assert shared == [w for w in doc if w in cluster]
        cosine = sum(doc[w] * cluster[w] for w in shared) / (doc_norm * math.sqrt(sum(v * v for v in cluster.values())))
        assert cosine <= most + 1e-12
    # A cluster holding exactly the document's terms in proportion reaches the bound; one sharing none, 0.
    assert cosine_bound({"a": 3.0, "b": 4.0}, {"a": 0.6, "b": 0.8}, 5.0)[1] == 1.0
    assert cosine_bound({"a": 3.0}, {"z": 1.0}, 3.0) == ([], 0.0)


class Exhaustive(EventClusters):
    """Scores every candidate in full: what the bounded search must agree with."""

    def _score(self, vector: dict[str, float], idf: dict[str, float], doc_norm: float, doc: EventDoc,
               cluster: Any, floor: float = -math.inf) -> float | None:
        return super()._score(vector, idf, doc_norm, doc, cluster)


class Counting(EventClusters):
    skipped = 0

    def _score(self, vector: dict[str, float], idf: dict[str, float], doc_norm: float, doc: EventDoc,
               cluster: Any, floor: float = -math.inf) -> float | None:
        score = super()._score(vector, idf, doc_norm, doc, cluster, floor)
        Counting.skipped += score is None
        return score


def invented_reports(count: int, seed: int) -> list[EventDoc]:
    """Reports on a dozen invented happenings that share words with each other, some dated, some naming keys."""
    rng = np.random.default_rng(seed)
    common = [f"zorb{i}" for i in range(60)]
    topics = [[f"qel{t}x{i}" for i in range(8)] for t in range(12)]
    docs = []
    for n in range(count):
        topic = int(rng.integers(0, len(topics)))
        words = list(rng.choice(topics[topic], size=5)) + list(rng.choice(common, size=int(rng.integers(3, 25))))
        date = f"2024-03-{1 + topic + int(rng.integers(0, 4)):02d}" if n % 3 else None
        keys = (f"ent{topic}", f"ent{int(rng.integers(0, 40))}") if n % 2 else ()
        places = (f"place{topic % 4}",) if n % 5 == 0 else ()
        docs.append(EventDoc(f"p{n}", 0, " ".join(words), None, date, keys, places))
    return docs


def test_the_bounded_search_places_every_report_as_scoring_every_candidate_would() -> None:
    for seed in (1, 2, 3):
        docs = invented_reports(160, seed)
        bounded, exhaustive = Counting(), Exhaustive()
        assert bounded.add_many(docs[:40]) == exhaustive.add_many(docs[:40])
        assert [bounded.add(d) for d in docs[40:]] == [exhaustive.add(d) for d in docs[40:]]
        assert bounded.clusters() == exhaustive.clusters()
        assert zlib.decompress(bounded.to_bytes()) == zlib.decompress(exhaustive.to_bytes())
    assert Counting.skipped > 0  # the bound did spare some candidates
