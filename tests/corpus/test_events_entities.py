"""Corpus entities and places as event evidence (`EventClusters.entity_matrix`, `EventConfig.regroup_entity_weight`,
`EventConfig.storyline_entity_weights`): reports that name the same rare people are brought together, and reports
given as text alone are clustered exactly as before. Invented reports."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newsdesk.corpus.events import EventClusters, EventConfig, EventDoc


def member(entities: tuple[str, ...], places: tuple[str, ...] = ()) -> object:
    """A report as `consolidate` keeps it, with only its keys filled in."""
    clusters = EventClusters()
    clusters.add(EventDoc("x", 0, "A report of nothing in particular.", None, None, entities, places))
    return next(iter(clusters._clusters.values())).kept[("x", 0)]


def test_a_shared_rare_name_weighs_more_than_a_shared_common_one() -> None:
    reports = [member(("ent:quist", "ent:capital")), member(("ent:quist", "ent:other")),
               member(("ent:capital", "ent:farrow")), member(("ent:capital",)), member(())]
    keys = EventClusters.entity_matrix(reports)  # type: ignore[arg-type]
    cosine = (keys @ keys.T).toarray()
    assert cosine[0, 1] > cosine[0, 2] > 0.0  # "quist" is named by two reports, "capital" by four
    assert cosine[4].sum() == 0.0  # a report naming nothing is like no other
    assert np.allclose(np.diag(cosine)[:4], 1.0)


FERRY = [
    ("The ferry Alba ran aground off Corvo on Monday; all 300 passengers were taken off by the coastguard.",
     ("ent:alba", "ent:coastguard-corvo"), ("place:corvo",)),
    ("Captain Ivo Renk said fog hid the reef when his vessel struck rocks near the island harbour.",
     ("ent:alba", "ent:renk"), ("place:corvo",)),
]
OTHER = ("The central bank raised its main rate by half a point to slow rising prices, its governor said.",
         ("ent:bank",), ("place:teland",))


def consolidated(with_keys: bool, config: EventConfig | None = None) -> dict[str, str]:
    clusters = EventClusters(config)
    for i, (text, entities, places) in enumerate([*FERRY, OTHER]):
        clusters.add(EventDoc(f"p{i}", 0, text, None, None, entities if with_keys else (),
                              places if with_keys else ()))
    clusters.consolidate()
    return {page: c.id for c in clusters.clusters() for page, _ in c.members}


def test_reports_of_one_happening_worded_apart_regroup_on_their_shared_names() -> None:
    apart = consolidated(with_keys=False)
    assert apart["p0"] != apart["p1"]  # the words alone do not say it is one grounding
    together = consolidated(with_keys=True)
    assert together["p0"] == together["p1"] != together["p2"]
    off = consolidated(with_keys=True, config=replace(EventConfig(), regroup_entity_weight=0.0))
    assert off["p0"] != off["p1"]


def test_text_alone_is_clustered_the_same_whatever_the_entity_model() -> None:
    texts = [text for text, _, _ in [*FERRY, OTHER]] + [
        "Pinup model Mara Quist has died at 85 in Glendale, her agent said.",
        "Mara Quist, whose pinup photographs defined a decade, died at 85, her agent said.",
        "Lena Farrow, the swimmer turned actress and pinup, has died at 91 in Malibu."]

    def read(config: EventConfig) -> list[tuple[tuple[tuple[str, int], ...], str]]:
        clusters = EventClusters(config)
        clusters.add_many([EventDoc(f"p{i}", 0, text) for i, text in enumerate(texts)])
        clusters.consolidate()
        return [(c.members, c.topic) for c in clusters.clusters()]

    other = replace(EventConfig(), storyline_entity_weights=(0.0, 0.0, 0.0, 0.0, 50.0, 30.0), regroup_entity_weight=5.0)
    assert read(EventConfig()) == read(other)


def test_the_entity_model_judges_only_pairs_where_both_reports_name_something() -> None:
    docs = [EventDoc("a", 0, FERRY[0][0], None, None, FERRY[0][1]), EventDoc("b", 0, OTHER[0], None, None, OTHER[1]),
            EventDoc("c", 0, "Voters in Teland elect a new parliament on Sunday after a long campaign.")]

    def pair_chances(config: EventConfig) -> dict[frozenset[str], float]:
        clusters = EventClusters(config)
        ids = clusters.add_many(docs)
        neighbours = {c: set(ids) - {c} for c in ids}
        by_page = dict(zip(ids, "abc", strict=True))
        chances = clusters._storyline_similarity(neighbours)
        return {frozenset(by_page[c] for c in pair): v for pair, v in chances.items()}

    plain = pair_chances(EventConfig())
    yes = pair_chances(replace(EventConfig(), storyline_entity_weights=(0.0, 0.0, 0.0, 0.0, 0.0, 30.0)))
    assert plain[frozenset("ab")] < 0.5 < yes[frozenset("ab")]  # both name something: the entity model decides
    for pair in (frozenset("ac"), frozenset("bc")):  # "c" names nothing: the words' model decides
        assert yes[pair] == plain[pair]
