"""Storylines of `link_events.EventClusters`: the pair model joins two happenings of one kind told with other
names, and keeps apart what only shares a place or common news words. Invented reports."""

from __future__ import annotations

import json
import zlib

from newsdesk.corpus.events import EventClusters, EventDoc

DEATHS = [
    ("Mara Quist, the 1950s pinup model and actress, has died at 85 in Glendale, her agent said.",
     "Pinup model Mara Quist dies at 85"),
    ("Mara Quist, whose pinup photographs defined a decade, died on Thursday at 85, her agent Tom Bale said.",
     "Pinup icon Mara Quist dead at 85"),
    ("Lena Farrow, the swimmer turned actress and pinup of the 1950s, has died at 91 in Malibu, her family said.",
     "Swimming star and pinup Lena Farrow dies at 91"),
    ("Lena Farrow, the actress whose swimming films made her a pinup, died in her sleep at 91, said her son.",
     "Lena Farrow, pinup and actress, dead at 91"),
]
OTHER = [
    ("A ferry carrying 300 passengers ran aground off Corvo island; coastguards evacuated everyone by noon.",
     "Ferry runs aground off Corvo"),
    ("The central bank raised its main rate by half a point to 5.5 percent to slow rising prices.",
     "Central bank raises rates to 5.5 percent"),
    ("Voters in Teland elect a new parliament on Sunday after a campaign dominated by fuel prices.",
     "Teland votes for a new parliament"),
]


def docs() -> list[EventDoc]:
    return [EventDoc(f"p{i}", 0, text, title) for i, (text, title) in enumerate(DEATHS + OTHER)]


def test_two_deaths_of_one_kind_are_one_storyline_and_other_news_is_not() -> None:
    clusters = EventClusters()
    clusters.add_many(docs())
    clusters.consolidate()
    topic = {page: c.topic for c in clusters.clusters() for page, _ in c.members}
    event = {page: c.id for c in clusters.clusters() for page, _ in c.members}
    assert event["p0"] == event["p1"] and event["p2"] == event["p3"] and event["p0"] != event["p2"]
    assert topic["p0"] == topic["p2"]
    assert len({topic["p0"], topic["p4"], topic["p5"], topic["p6"]}) == 4


def test_a_state_saved_before_member_views_still_reads_and_groups() -> None:
    clusters = EventClusters()
    clusters.add_many(docs())
    state = json.loads(zlib.decompress(clusters.to_bytes()))
    state["version"] = 2
    for cluster in state["clusters"]:
        cluster["kept"] = [entry[:7] for entry in cluster["kept"]]  # no views: what version 2 wrote
    old = EventClusters.from_bytes(zlib.compress(json.dumps(state).encode()))
    assert [c.members for c in old.clusters()] == [c.members for c in clusters.clusters()]
    assert len({c.topic for c in old.clusters()}) >= 2
