"""The store's browsing reads (what `newsdesk serve` lists), on each engine: entities across pages, one
entity by key with its sightings, places with counts, a timeline of days, claims with their text."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.errors import StoreError
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import SearchQuery, Store, StoredClaim, page_id_of
from newsdesk.store import content_hash as hash_of
from tests.corpus_pages import DATES


def _id(analysis: Analysis) -> str:
    return page_id_of(hash_of(analysis.page))


def test_entities_are_counted_across_pages_most_mentioned_first(store: Store, analyses: dict[str, Analysis]) -> None:
    listed = store.entities(limit=100)
    mentions = [e.mentions for e in listed]
    assert mentions == sorted(mentions, reverse=True)
    # Kyiv and Kiev are one gazetteer place on two pages: one entry, every mention of both counted.
    [kyiv] = [e for e in listed if e.key == "geonames:703448"]
    expected = sum(len(e.mentions) for a in analyses.values() for e in a.entities if e.gazetteer_id == kyiv.key)
    assert (kyiv.pages, kyiv.mentions, kyiv.type) == (2, expected, "PLACE")
    assert kyiv.label in {"Kyiv", "Kiev"}
    # An entity without a gazetteer id is keyed by its type and label.
    assert any(e.key == "PERSON:Daniel Kiprop" and e.pages == 1 for e in listed)
    assert len(store.entities(limit=2)) == 2


def test_entities_are_found_by_any_spelling_or_a_word_start(store: Store) -> None:
    # "Zelensky" is the surname key of "Volodymyr Zelenskiy" on the Reuters page, as written on CNN's.
    assert {e.label for e in store.entities("Zelensky")} == {"Volodymyr Zelenskiy", "Zelensky"}
    assert [e.label for e in store.entities("Київ")] == ["Kyiv"]
    assert [e.label for e in store.entities("Du")] == ["Andrzej Duda"]  # a word of the label starts so
    assert [e.type for e in store.entities("Kiev", type="PERSON")] == []
    assert store.entities("Nobody Here") == []
    # LIKE's wildcards are characters to look for, not patterns.
    assert store.entities("%a") == [] and store.entities("_uda") == []
    with pytest.raises(StoreError, match="ND-E021"):
        store.entities(limit=0)


def test_one_entity_by_key_with_its_mentions_as_written(store: Store) -> None:
    summary, sightings = store.entity_by_key("geonames:703448")
    assert summary.pages == 2 == len(sightings)
    assert [s.date for s in sightings] == ["2022-05-22", "2022-05-21"]  # newest first
    for sighting in sightings:
        text = store.page(sighting.page_id).analysis["text"]
        assert sighting.mentions and all(text[s:e] == written for s, e, written in sighting.mentions)
    assert {w for s in sightings for _, _, w in s.mentions} == {"KYIV", "Kyiv", "Kiev"}
    person, [seen] = store.entity_by_key("PERSON:Andrzej Duda")
    assert person.label == "Andrzej Duda" and len(seen.mentions) == person.mentions
    for unknown in ("geonames:1", "PERSON:Nobody", "PERSON:", "' OR 1=1 --"):
        with pytest.raises(StoreError, match="ND-E022"):
            store.entity_by_key(unknown)


def test_places_with_counts_narrowed_by_text_and_dates(store: Store) -> None:
    every = store.place_counts(SearchQuery())
    assert all(p.lat is not None and p.lon is not None for p in every)
    assert {p.label for p in every} >= {"Kyiv", "Lviv", "Halden", "Moscow"}
    kyiv = next(p for p in every if p.gazetteer_id == "geonames:703448")
    assert (kyiv.pages, kyiv.country) == (2, "UA") and 50 < kyiv.lat < 51
    # Only the CNN page names Duda: its places only.
    assert {p.label for p in store.place_counts(SearchQuery("Duda"))} == {"Ukraine", "Kyiv", "Lviv"}
    autumn = store.place_counts(SearchQuery(date_from=dt.date(2023, 1, 1)))
    assert {p.country for p in autumn} == {"NO"}
    assert store.place_counts(SearchQuery("nowhere-to-be-found")) == []


def test_timeline_counts_pages_events_and_claims_a_day(store: Store, analyses: dict[str, Analysis]) -> None:
    days = store.timeline(SearchQuery())
    assert [d.date for d in days] == sorted(DATES.values())
    assert sum(d.pages for d in days) == 3
    assert sum(d.claims for d in days) == sum(len(a.claims) for a in analyses.values())
    assert sum(d.events for d in days) == sum(len(a.events) for a in analyses.values()) > 0
    window = store.timeline(SearchQuery(date_from=dt.date(2022, 5, 22), date_to=dt.date(2022, 5, 22)))
    assert [d.date for d in window] == ["2022-05-22"]
    # Text and facets choose the pages: only the AP page's day.
    assert [d.date for d in store.timeline(SearchQuery("marathon"))] == ["2023-10-15"]
    assert [d.date for d in store.timeline(SearchQuery(origin="CNN"))] == ["2022-05-21"]


def test_claims_carry_their_text_and_claimant(store: Store, analyses: dict[str, Analysis]) -> None:
    claims = store.claims(SearchQuery())
    assert len(claims) == sum(len(a.claims) for a in analyses.values())
    assert [c.date for c in claims] == sorted((c.date for c in claims), key=lambda d: d or "", reverse=True)
    for claim in claims:
        assert store.page(claim.page_id).analysis["text"][claim.start:claim.end] == claim.text
    [soldiers] = store.claims(SearchQuery("soldiers"))
    assert (soldiers.low, soldiers.high, soldiers.per) == (50, 100, "day")
    assert soldiers.page_id == _id(analyses["kyiv"])
    assert soldiers.claimant is not None and "Zelenskiy" in soldiers.claimant
    assert soldiers.value == "50–100"
    assert soldiers.to_json()["text"] == soldiers.text
    assert store.claims(SearchQuery(), limit=1) == claims[:1]
    assert store.claims(SearchQuery(date_to=dt.date(2022, 1, 1))) == []


def test_claim_values_read_as_a_reader_says_them() -> None:
    def claim(low: float | None, high: float | None) -> StoredClaim:
        return StoredClaim("p", "t", None, "c1", 0, 1, "x", low, high, None, None, "count", None, None, None, None)

    assert claim(4000, 4000).value == "4,000"
    assert claim(2.5, 2.5).value == "2.5"
    assert claim(30000, None).value == "≥ 30,000"
    assert claim(None, 10).value == "≤ 10"
    assert claim(None, None).value is None


def test_browse_queries_read_what_users_type(store: Store) -> None:
    hostile = ["' OR 1=1 --", '"; DROP TABLE pages; --', "<script>alert(1)</script>", "NEAR(", '"unbalanced', "*",
               "col:val"]
    for text in hostile:
        assert store.claims(SearchQuery(text)) == [] or text == "*"
        store.timeline(SearchQuery(text))
        store.place_counts(SearchQuery(text, origin=text))
    assert store.status().pages == 3
    with pytest.raises(StoreError, match="ND-E021"):
        store.timeline(SearchQuery("war " * 2500))


def test_the_generation_changes_when_a_page_is_added(store: Store, analyses: dict[str, Analysis],
                                                     pipeline: Pipeline) -> None:
    before = store.generation()
    assert before[0] == 3
    store.add([analyses["kyiv"]])  # stored already: nothing changes
    assert store.generation() == before
    text = "TALLINN (AP) - Estonia's parliament met in Tallinn on Tuesday to debate the budget.\n"
    store.add([pipeline.analyze(page_from_text("tallinn.txt", text, ReadConfig()))])
    assert store.generation()[0] == 4 and store.generation() != before
