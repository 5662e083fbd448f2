"""Linking pages that name no entity (text-only pages, pages in a language the analyser does not tag):
their entity records, whose context costs a pass over the text, are not built, and the corpus entities,
event clusters and copied passages come out exactly as when they were."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsdesk.corpus.entities as corpus_entities
import newsdesk.jobs.link as link
from newsdesk.corpus.entities import CorpusEntities, EntityRecord, entity_records
from newsdesk.model import SCHEMA, Analysis
from newsdesk.store import open_store

#: An invented story, copied whole onto a second site's page.
STORY = (
    "The harbour authority of Port Alderney said on Tuesday that the northern breakwater would close for "
    "repairs after winter storms cracked its concrete crown in three places, and that ferries to the "
    "islands would use the southern quay until the work is done in late spring. Engineers found the "
    "damage during a routine survey, the authority said, adding that no vessel had been harmed and that "
    "fishing boats could still moor inside the basin at high tide.")
OTHER = (
    "A bakery cooperative in the valley towns opened its fourth shop this week, selling rye loaves and "
    "seed rolls baked overnight in a shared oven, and its members voted to buy flour only from mills "
    "within a day's drive of the ovens, whatever the price of grain on the markets does next season.")


def analysis(number: int, text: str, *, named: bool = False) -> Analysis:
    """A page of `text` on its own site; with `named`, it names one place (its first word)."""
    page: dict[str, object] = {"schema": SCHEMA, "source": f"https://site{number}.example/{number}",
                               "url": f"https://site{number}.example/{number}", "text": text}
    if named:
        end = text.index(" ")
        page["entities"] = [{"id": "e1", "label": text[:end], "type": "PLACE",
                             "mentions": [{"start": 0, "end": end}]}]
    return Analysis.from_json(page)


def linked(db: Path, pages: list[Analysis]) -> tuple[dict[str, bytes], list[tuple[object, ...]]]:
    """Link `pages` in a new store: its link states, and its copied passages."""
    with open_store(db) as store:
        store.add(pages)
        summary = link.link_pages(store)
        assert summary.pages == len(pages)
        state = store.link_state()
        passages = [p for page in store.pages() for p in store.reuse(page.id)]
    return state, [(p.page_id, p.start, p.end, p.other_id, p.other_start, p.other_end, p.direction)
                   for p in passages]


def test_pages_without_entities_build_no_entity_records_and_link_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []

    def spy(page_id: str, analysis: Analysis, scope: str | None = None) -> list[EntityRecord]:
        built.append(page_id)
        return entity_records(page_id, analysis, scope)

    # Linking imports the entity linker when it first links events: the spy replaces it at its source.
    monkeypatch.setattr(corpus_entities, "entity_records", spy)
    plain = [analysis(1, STORY), analysis(2, f"{OTHER}\n\n{STORY}"), analysis(3, OTHER)]
    state, passages = linked(tmp_path / "plain.db", plain)
    assert built == [], "no page names an entity: no records are built"
    assert passages, "the copied story is found all the same"
    # The corpus entities are as a run that had built the (empty) records leaves them: untouched.
    assert state[link.ENTITY_STATE] == CorpusEntities().to_bytes()

    named = [analysis(1, STORY, named=True), analysis(2, f"{OTHER}\n\n{STORY}"), analysis(3, OTHER, named=True)]
    named_state, named_passages = linked(tmp_path / "named.db", named)
    assert len(built) == 2, "the two pages that name a place have their records built"
    assert named_state[link.ENTITY_STATE] != state[link.ENTITY_STATE]
    assert len(named_passages) == len(passages)
