"""One entity, one page count (issue 27): `newsdesk entity NAME`'s header, the corpus entity under it,
`/entities`, `/entities/{key}` and so the desk's list all count the pages of the entity `newsdesk link`
made across pages, on each engine. Before, the header counted only the pages whose entity was written
the way the name was typed (and only those of the first --limit sightings), and `/entities` split one
person by spelling and by the type a page gave him."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from newsdesk.cli.main import main
from newsdesk.serve.app import create_app
from newsdesk.store import open_store
from tests.store.conftest import PAGES

with warnings.catch_warnings():
    # As in test_serve: Starlette asks for the `httpx2` fork under its TestClient; httpx still drives it.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

def test_the_entity_has_one_page_count_in_the_cli_the_corpus_list_and_the_api(linked: Path | str) -> None:
    with open_store(linked) as store:
        corpus = store.corpus_entities("Zelenskiy")
        assert len(corpus) == 1, corpus
        person = corpus[0]
        assert person.pages == len(PAGES)  # the linker put the three spellings together
        key = f"{person.type}:{person.label}"
        summary, sightings = store.entity_by_key(key)
        listed = {e.key: e for e in store.entities("Zelenskiy")}
        by_name = store.entity("Zelenskiy")
    assert summary.pages == listed[key].pages == person.pages == len({s.page_id for s in sightings})
    assert summary.mentions == listed[key].mentions == person.mentions
    assert len({s.page_id for s in by_name}) == person.pages  # the name finds the whole entity

    for limit in ("100", "1"):  # --limit cuts the sightings listed, never the count
        out, err = io.StringIO(), io.StringIO()
        assert main(["entity", "Zelenskiy", "--db", str(linked), "--color", "never", "--limit", limit],
                    stdout=out, stderr=err) == 0, err.getvalue()
        shown = " ".join(out.getvalue().split())  # the lines as wrapped to the width, read as one
        assert f"Zelenskiy: {key.replace(':', ' ')}, {person.pages} pages, {person.mentions} mentions;" in shown
        assert f"corpus entity {person.id}: {key.replace(':', ' ')} (pages {person.pages}, " \
               f"mentions {person.mentions}," in shown

    with TestClient(create_app(linked)) as client:
        entities = client.get("/entities", params={"q": "Zelenskiy"}).json()["entities"]
        one = client.get(f"/entities/{key}").json()
    assert [e["pages"] for e in entities if e["key"] == key] == [person.pages]
    assert one["entity"]["pages"] == person.pages == len({s["page_id"] for s in one["sightings"]})
    # The type the pages gave him is the corpus entity's, whatever one page said.
    assert all(e["key"] != f"ORG:{person.label}" for e in entities)
