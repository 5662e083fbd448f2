"""An entity facet finds the pages the entity list counts (issue 27): the pages of the corpus entity
(`newsdesk link`) the name is part of, however the name is written on them, as the full-text search
matches a name's other spellings; `exact` keeps to the pages whose entity is named as typed. On each
engine, in the store, the API and the CLI."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

from newsdesk.cli.main import main
from newsdesk.serve.app import create_app
from newsdesk.store import SearchQuery, open_store
from tests.store.conftest import PAGES

with warnings.catch_warnings():
    # As in test_serve: Starlette asks for the `httpx2` fork under its TestClient; httpx still drives it.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient


def test_an_entity_facet_finds_every_page_of_the_entity(linked: Path | str) -> None:
    with open_store(linked) as store:
        person = store.corpus_entities("Zelenskiy")[0]
        listed = {e.label: e.pages for e in store.entities("Zelenskiy")}
        assert listed[person.label] == person.pages == len(PAGES)
        for name in ("Zelenskiy", person.label):  # as typed, and as the entity list links it
            found = store.search(SearchQuery("", entity=name, limit=50))
            assert len(found) == person.pages, name
            assert len(store.search(SearchQuery("President", entity=name, limit=50))) == person.pages
        # As typed only: the page that writes the surname alone (the others write the whole name).
        exact = store.search(SearchQuery("", entity="Zelenskiy", limit=50, exact=True))
        assert 0 < len(exact) < person.pages
        # The desk's other views under the same facet: the timeline counts the same pages.
        days = store.timeline(SearchQuery("", entity="Zelenskiy"))
        assert sum(day.pages for day in days) == person.pages
        assert sum(day.pages for day in store.timeline(SearchQuery("", entity="Zelenskiy", exact=True))) == len(exact)

    with TestClient(create_app(linked)) as client:
        hits = client.get("/search", params={"entity": "Zelenskiy", "limit": 50}).json()["hits"]
        assert len(hits) == person.pages
        hits = client.get("/search", params={"entity": "Zelenskiy", "limit": 50, "exact": "true"}).json()["hits"]
        assert len(hits) == len(exact)

    for extra, count in (([], person.pages), (["--exact"], len(exact))):
        out, err = io.StringIO(), io.StringIO()
        assert main(["search", "--entity", "Zelenskiy", "--json", "--db", str(linked), *extra],
                    stdout=out, stderr=err) == 0, err.getvalue()
        assert len([json.loads(line) for line in out.getvalue().splitlines()]) == count
