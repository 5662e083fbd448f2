"""Saving event clusters piece by piece (`event_state`): one plain zlib stream, and a cluster that changed since
the last save is never written as it was. Invented reports."""

from __future__ import annotations

import json
import random
import zlib

from newsdesk.corpus.event_state import COMMA, adler32_combine, deflated, zlib_stream
from newsdesk.corpus.events import EventClusters, EventDoc

FLOODS = [
    ("Floods swept through Varnek on Monday, and rescuers pulled 40 people from the river's banks.",
     "Floods sweep Varnek"),
    ("Rescuers in Varnek said the floods had cut the town's two bridges; the river kept rising.",
     "Varnek floods cut bridges"),
    ("Flood waters reached Varnek's main square as rescuers evacuated homes near the river.", None),
]
LIBRARY = ("The Ostra city council voted to close the old library and open a new one by the harbour.",
           "Ostra library to close")


def test_pieces_deflated_apart_join_into_one_stream_zlib_reads() -> None:
    rng = random.Random(4)
    datas = [bytes(rng.choice(b'ab{},:"0123') for _ in range(rng.randrange(0, 40_000))) for _ in range(12)]
    datas += [rng.randbytes(3000), b""]
    pieces = [deflated(d) for d in datas]
    assert zlib.decompress(zlib_stream(pieces)) == b"".join(datas)
    assert zlib.decompress(zlib_stream([pieces[0], COMMA, pieces[1]])) == datas[0] + b"," + datas[1]
    assert zlib.decompress(zlib_stream([])) == b""


def test_checksums_combine_as_over_the_joined_bytes() -> None:
    rng = random.Random(9)
    for size_a, size_b in ((0, 0), (1, 70_000), (65_521, 3), (200_000, 65_522)):
        a, b = rng.randbytes(size_a), rng.randbytes(size_b)
        assert adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def saved_members(clusters: EventClusters) -> dict[str, list[list[object]]]:
    state = json.loads(zlib.decompress(clusters.to_bytes()))
    return {c["id"]: c["members"] for c in state["clusters"]}


def test_a_cluster_that_changed_after_a_save_is_saved_as_it_is_now() -> None:
    clusters = EventClusters()
    first = clusters.add(EventDoc("p0", 0, *FLOODS[0], date="2024-03-01"))
    clusters.add(EventDoc("p9", 0, *LIBRARY, date="2024-03-01"))
    before = saved_members(clusters)
    assert before[first] == [["p0", 0]]
    assert clusters.add(EventDoc("p1", 0, *FLOODS[1], date="2024-03-02")) == first
    after = saved_members(clusters)
    assert after[first] == [["p0", 0], ["p1", 0]]
    assert len(after) == len(before) == 2  # the unchanged cluster's saved piece is the one kept
    # Regrouping builds clusters anew: what is saved is what `clusters()` reads, and it reads back alike.
    clusters.add(EventDoc("p2", 0, *FLOODS[2], date="2024-03-02"))
    clusters.consolidate()
    members = {c.id: [list(m) for m in c.members] for c in clusters.clusters()}
    assert saved_members(clusters) == members
    again = EventClusters.from_bytes(clusters.to_bytes())
    assert again.clusters() == clusters.clusters()
    assert zlib.decompress(again.to_bytes()) == zlib.decompress(clusters.to_bytes())
