"""The fast arithmetic of event clustering (`event_vectors`, `event_words`) gives the plain formulas' results
to the bit, and saved states of either encoding read back. Invented reports."""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter

import numpy as np

from newsdesk.corpus.event_vectors import ClusterVector, TermStats, sequential_sum
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
