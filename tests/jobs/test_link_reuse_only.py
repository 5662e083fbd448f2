"""Linking for passage reuse only (issue 26, `LinkConfig(events=False)`, `newsdesk link --reuse-only`): it
stores exactly the passages a full link stores and no entity or event; a later full link then links those
pages' entities and events, so the store ends as a full link from the start leaves it, whatever mix of
reuse-only and full runs came before. The pages are the invented ones of `test_corpus_links` (a wire
story, a content farm's copy of it, the farm's other pages, unrelated and tiny pages)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.jobs.link import ENTITY_STATE, EVENT_STATE, EVENTS_WATERMARK, LinkConfig, link_pages
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import Store, open_store
from tests.jobs.test_corpus_links import PAGES, passages, stored

REUSE_ONLY = LinkConfig(events=False, batch_pages=2)
#: A full link's passages, event clusters and entity/event states.
Linked = tuple[set[tuple[Any, ...]], list[dict[str, Any]], dict[str, bytes]]
FULL = LinkConfig(batch_pages=2)


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    pages = [dataclasses.replace(page_from_text(f"{name}.txt", text, ReadConfig(), record_date=date), url=url)
             for name, text, url, date in PAGES]
    done = list(Pipeline().analyze_many(pages))
    assert all(isinstance(a, Analysis) for a in done)
    return {name: a for (name, *_), a in zip(PAGES, done, strict=True) if isinstance(a, Analysis)}


def events_of(store: Store) -> list[dict[str, Any]]:
    return [c.to_json() for c in store.events(limit=100)]


def linked_states(store: Store) -> dict[str, bytes]:
    state = store.link_state()
    return {name: state[name] for name in (ENTITY_STATE, EVENT_STATE)}


@pytest.fixture(scope="module")
def full_from_start(tmp_path_factory: pytest.TempPathFactory, analyses: dict[str, Analysis]) -> Linked:
    """A full link of every page in one run: its passages, event clusters and entity/event states."""
    db = tmp_path_factory.mktemp("full") / "desk.db"
    ids = stored(db, analyses)
    with open_store(db) as store:
        link_pages(store, FULL)
        return passages(store, ids), events_of(store), linked_states(store)


def test_reuse_only_stores_the_passages_of_a_full_link_and_no_entity_or_event(
        tmp_path: Path, analyses: dict[str, Analysis],
        full_from_start: Linked) -> None:
    expected_passages, expected_events, _ = full_from_start
    assert expected_passages and expected_events, "the corpus has a copied passage and events"
    ids = stored(tmp_path / "desk.db", analyses)
    with open_store(tmp_path / "desk.db") as store:
        summary = link_pages(store, REUSE_ONLY)
        assert (summary.pages, summary.entities, summary.clusters) == (len(PAGES), 0, 0)
        assert summary.passages == len({p[:6] for p in expected_passages}) // 2, "each passage read from both sides"
        assert passages(store, ids) == expected_passages
        assert events_of(store) == []
        state = store.link_state()
        assert ENTITY_STATE not in state and EVENT_STATE not in state
        assert state["watermark"] != b"0" and state[EVENTS_WATERMARK] == b"0", "the events' mark stays behind"
        assert link_pages(store, REUSE_ONLY).pages == 0, "nothing is aligned twice"


@pytest.mark.parametrize("runs", [
    # (pages stored before the run, the run links events) in order; the last run is always full.
    [(len(PAGES), False), (len(PAGES), True)],
    [(3, False), (len(PAGES), True)],                 # a full run that catches up and links new pages wholly
    [(3, True), (5, False), (len(PAGES), False), (len(PAGES), True)],  # an older full link's marks are kept
], ids=["all-then-full", "some-then-more-full", "full-reuse-reuse-full"])
def test_a_later_full_link_gives_the_events_of_a_full_link_from_the_start(
        tmp_path: Path, analyses: dict[str, Analysis], runs: list[tuple[int, bool]],
        full_from_start: Linked) -> None:
    expected_passages, expected_events, expected_states = full_from_start
    names = list(analyses)
    db = tmp_path / "desk.db"
    ids: dict[str, str] = {}
    for count, events in runs:
        ids |= stored(db, analyses, names[len(ids):count])
        with open_store(db) as store:
            link_pages(store, FULL if events else REUSE_ONLY)
    with open_store(db) as store:
        assert passages(store, ids) == expected_passages
        assert events_of(store) == expected_events
        assert linked_states(store) == expected_states
        state = store.link_state()
        assert state[EVENTS_WATERMARK] == state["watermark"]
        assert link_pages(store, FULL).pages == 0, "nothing is linked twice"


def test_a_full_link_counts_the_pages_it_catches_up(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    names = list(analyses)
    db = tmp_path / "desk.db"
    stored(db, analyses, names[:4])
    with open_store(db) as store:
        assert link_pages(store, REUSE_ONLY).pages == 4
    stored(db, analyses, names[4:])
    with open_store(db) as store:
        summary = link_pages(store, FULL)
    # The first four for their events, the rest wholly; the passages found are only the new pages'.
    assert summary.pages == len(PAGES)
    assert summary.clusters > 0
