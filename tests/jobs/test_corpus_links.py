"""Linking stored pages to each other (issue 8): a content farm's copy of a Reuters story is found with
exact offsets on both sides and the right direction, the farm's own footer is not reuse, a tiny page links
to nothing, linking in several runs (or after an interruption) gives what one run gives, and the commands
show it. Every store test runs on both engines (`store_location`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.cli.main import main
from newsdesk.errors import StoreError
from newsdesk.jobs.ingest import IngestConfig, ingest
from newsdesk.jobs.link import LinkConfig, link_pages, site_of
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import LinkBatch, Store, open_store

#: How the Reuters story's first sentence reads in a one-line listing.
FIRST_WORDS = "Russian drones struck grain storage facilities"
REUTERS = (
    "KYIV, March 11 (Reuters) - Russian drones struck grain storage facilities at the port of Izmail on "
    "the Danube overnight, damaging two warehouses and a loading terminal, Ukrainian officials said on "
    "Monday.\n\nOleh Kiper, the governor of the Odesa region, said air defence units shot down 14 of the "
    "17 drones launched from the Crimean peninsula, but debris and three drones that got through set fire "
    "to a grain elevator holding about 6,000 tonnes of wheat and barley.\n\n\"Firefighters worked through "
    "the night to contain the blaze, and nobody was killed,\" Kiper wrote on the Telegram messaging app, "
    "adding that two port workers were treated for smoke inhalation at a hospital in the town.\n\nThe "
    "Danube ports have become Ukraine's main export route for grain since Moscow pulled out of a "
    "U.N.-brokered deal that had allowed safe passage for ships through the Black Sea last July.\n\n"
    "Romania, whose border lies just across the river from Izmail, said it was monitoring the situation "
    "and that no debris had fallen on its territory. NATO has condemned the attacks as reckless.\n\n"
    "(Reporting by Olena Harmash; Editing by Mark Heinrich)\n"
)

FOOTER = (
    "About Daily News Buzz: we bring you the stories that matter from around the world, every hour of "
    "every day. Follow us on Facebook, Twitter and Instagram for breaking updates and exclusive videos "
    "from our reporters.\nCopyright 2024 Daily News Buzz. All rights reserved. Privacy policy | Terms of "
    "use | Advertise with us | Contact us"
)

FARM_COPY = (
    "Home » World » Europe\nShare this article\n\nUkraine port hit again as drones target grain\n\nPosted "
    "by Web Desk on March 12, 2024\n\nAnother night of attacks left the Danube port facilities in flames, "
    "according to local authorities, who described the damage as serious but said the export route would "
    "stay open.\n\nOleh Kiper, the governor of the Odesa region, said air defence units shot down 14 of "
    "the 17 drones launched from the Crimean peninsula, but debris and three drones that got through set "
    "fire to a grain elevator holding about 6,000 tonnes of wheat and barley.\n\n\"Firefighters worked "
    "through the night to contain the blaze, and nobody was killed,\" Kiper wrote on the Telegram messaging "
    "app, adding that two port workers were treated for smoke\n\n"
) + FOOTER + "\n"

_FARM_OTHER_0 = (
    "Home » Entertainment\nShare this article\n\nPop star announces surprise stadium tour for the summer\n"
    "\nPosted by Web Desk on March 9, 2024\n\nThe singer told fans on Sunday that she would play twelve "
    "stadium shows across Britain and Ireland in June and July, her first full tour in five years. Tickets "
    "go on sale on Friday morning, and organisers expect the London dates to sell out within minutes.\n\n"
    "Her record label said the tour would feature songs from a new album due out in May, recorded over two "
    "years in Los Angeles and Stockholm with a small group of longtime collaborators.\n\n"
)

_FARM_OTHER_1 = (
    "Home » Sport\nShare this article\n\nVeteran striker signs one-year deal with promoted side\n\nPosted "
    "by News Desk on March 10, 2024\n\nThe 34-year-old forward, who scored 19 goals in the second tier "
    "last season, has agreed a one-year contract with an option for a further year, the club confirmed in "
    "a statement on its website on Sunday evening.\n\nThe manager said the signing would bring experience "
    "to a young squad preparing for its first season in the top flight in more than a decade, and that "
    "talks with two other players were at an advanced stage.\n\n"
)

_FARM_OTHER_2 = (
    "Home » Business\nShare this article\n\nBakery chain to open forty new shops despite rising costs\n\n"
    "Posted by Web Desk on March 11, 2024\n\nThe company said on Monday that sales rose by eight percent "
    "in the year to January, helped by strong demand for sandwiches and hot drinks at railway stations, "
    "and that it would create about 600 jobs as it expands into smaller towns.\n\nIts chief executive "
    "warned that higher energy bills and wages would squeeze margins this year, but said the firm had "
    "locked in flour prices until the end of the autumn.\n\n"
)

FARM_OTHER = [text + FOOTER + "\n" for text in (_FARM_OTHER_0, _FARM_OTHER_1, _FARM_OTHER_2)]

UNRELATED = (
    "WELLINGTON, March 12 (AP) — New Zealand's central bank held its benchmark interest rate at 5.5% on "
    "Wednesday, saying inflation was easing but remained too high, and signalled that cuts were unlikely "
    "before next year.\n\nThe Reserve Bank of New Zealand said in a statement that domestic price "
    "pressures were proving stubborn, particularly in rents and insurance, even as the economy slipped "
    "into a shallow recession at the end of last year.\n\nEconomists had widely expected the decision. The "
    "New Zealand dollar fell slightly after the announcement as traders pared bets on an early easing of "
    "policy.\n"
)

TINY = "Breaking: port fire in Izmail. More soon.\n"

FARM = "https://dailynewsbuzz.example/2024/03/"
#: (name, text, url, date) in the order they are ingested.
PAGES = [("reuters", REUTERS, "https://www.reuters.com/world/europe/izmail-drones-2024-03-11/", dt.date(2024, 3, 11)),
         *((f"farm{k}", text, f"{FARM}story-{k}", dt.date(2024, 3, 9 + k)) for k, text in enumerate(FARM_OTHER)),
         ("copy", FARM_COPY, f"{FARM}ukraine-port-hit-again", dt.date(2024, 3, 12)),
         ("unrelated", UNRELATED, "https://apnews.com/article/new-zealand-rates", dt.date(2024, 3, 12)),
         ("tiny", TINY, "https://tinyblog.example/p/1", dt.date(2024, 3, 12))]
#: The stretch of the Reuters story the farm copied: its second paragraph and most of its third.
COPIED_FIRST = "Oleh Kiper, the governor"
COPIED_LAST = "treated for smoke"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def analyses(pipeline: Pipeline) -> dict[str, Analysis]:
    pages = [dataclasses.replace(page_from_text(f"{name}.txt", text, ReadConfig(), record_date=date), url=url)
             for name, text, url, date in PAGES]
    done = list(pipeline.analyze_many(pages))
    assert all(isinstance(a, Analysis) for a in done)
    return {name: a for (name, *_), a in zip(PAGES, done, strict=True) if isinstance(a, Analysis)}


def stored(where: Path | str, analyses: dict[str, Analysis], names: list[str] | None = None) -> dict[str, str]:
    """Add the named pages (all, in order, by default); name -> page id."""
    names = names if names is not None else list(analyses)
    with open_store(where) as store:
        return dict(zip(names, store.add([analyses[n] for n in names]), strict=True))


def passages(store: Store, ids: dict[str, str]) -> set[tuple[Any, ...]]:
    """Every passage of every page, read from each side, without copy-cluster numbers (which depend on order)."""
    out = set()
    for page_id in ids.values():
        for p in store.reuse(page_id):
            out.add((p.page_id, p.start, p.end, p.other_id, p.other_start, p.other_end, p.direction,
                     tuple((c["rule"], c["source"]) for c in p.clues)))
    return out


def test_the_copied_passage_is_found_with_exact_offsets_and_its_direction(
        store_location: Path | str, analyses: dict[str, Analysis]) -> None:
    ids = stored(store_location, analyses)
    with open_store(store_location) as store:
        summary = link_pages(store)
        assert summary.pages == len(PAGES)
        [found] = store.reuse(ids["copy"])
        [source_side] = store.reuse(ids["reuters"])
    # The farm page copied the Reuters story's second paragraph and most of its third (cut mid-sentence).
    assert found.other_id == ids["reuters"] and found.direction == "copied_from"
    assert found.text == FARM_COPY[found.start:found.end]
    assert found.start == FARM_COPY.index(COPIED_FIRST)
    assert found.end == FARM_COPY.index(COPIED_LAST) + len(COPIED_LAST)
    assert (found.other_start, found.other_end) == (REUTERS.index(COPIED_FIRST),
                                                    REUTERS.index(COPIED_LAST) + len(COPIED_LAST))
    assert REUTERS[found.other_start:found.other_end] == FARM_COPY[found.start:found.end]
    assert found.other_origins == ("Reuters",) and found.other_date == "2024-03-11"
    # The evidence: the Reuters side carries the agency's dateline and the earlier date.
    assert {(c["rule"], c["source"]) for c in found.clues} >= {("origin", "other"), ("date", "other")}
    # Read from the Reuters page, the same passage was copied by the farm.
    assert source_side.direction == "copied_by" and source_side.other_id == ids["copy"]
    assert (source_side.start, source_side.end) == (found.other_start, found.other_end)
    assert (source_side.other_start, source_side.other_end) == (found.start, found.end)
    assert source_side.copy_cluster == found.copy_cluster
    assert all(c["source"] == "this" for c in source_side.clues)


def test_a_sites_footer_is_not_reuse_and_a_tiny_or_unrelated_page_links_to_nothing(
        store_location: Path | str, analyses: dict[str, Analysis]) -> None:
    ids = stored(store_location, analyses)
    farm = {ids[n] for n in ("farm0", "farm1", "farm2", "copy")}
    with open_store(store_location) as store:
        link_pages(store)
        for name in ("farm0", "farm1", "farm2"):
            assert store.reuse(ids[name]) == [], f"{name} shares its footer only"
        assert [p.other_id for p in store.reuse(ids["copy"]) if p.other_id in farm] == []
        assert store.reuse(ids["unrelated"]) == []
        assert store.reuse(ids["tiny"]) == []
        links = store.page_links(ids.values())
    assert links[ids["copy"]].copied_from == 1 and links[ids["reuters"]].copied_by == 1
    assert links[ids["copy"]].copy_clusters == links[ids["reuters"]].copy_clusters


def test_linking_in_several_runs_gives_what_one_run_gives(
        store_location: Path | str, tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    names = list(analyses)
    whole = tmp_path / "whole.db"
    ids = stored(whole, analyses)
    with open_store(whole) as store:
        link_pages(store)
        expected = passages(store, ids)
    assert expected, "the farm's copy is found"
    stored(store_location, analyses, names[:3])
    with open_store(store_location) as store:
        first = link_pages(store, LinkConfig(batch_pages=2))
    stored(store_location, analyses, names[3:])
    with open_store(store_location) as store:
        second = link_pages(store, LinkConfig(batch_pages=2))
        assert link_pages(store).pages == 0, "nothing is linked twice"
        assert passages(store, ids) == expected
        clusters = store.events(limit=50)
    assert (first.pages, second.pages) == (3, len(names) - 3)
    assert first.batches == 2 and second.batches >= 2
    assert sum(c.size for c in clusters) == sum(max(1, len(a.stories)) for a in analyses.values())


def test_a_run_that_fails_while_saving_resumes_to_the_same_links(
        store_location: Path | str, tmp_path: Path, analyses: dict[str, Analysis],
        monkeypatch: pytest.MonkeyPatch) -> None:
    whole = tmp_path / "whole.db"
    ids = stored(whole, analyses)
    with open_store(whole) as store:
        link_pages(store)
        expected = passages(store, ids)
    stored(store_location, analyses)
    with open_store(store_location) as store:
        real = store.save_links
        saves: list[int] = []

        def failing(batch: LinkBatch) -> None:
            if saves:
                raise StoreError("ND-E023", "the disk filled up (simulated)")
            saves.append(batch.watermark)
            real(batch)

        monkeypatch.setattr(store, "save_links", failing)
        with pytest.raises(StoreError, match="simulated"):
            link_pages(store, LinkConfig(batch_pages=2))
        monkeypatch.undo()
        assert store.link_state()["watermark"] == str(saves[0]).encode(), "the first batch is kept"
        resumed = link_pages(store, LinkConfig(batch_pages=2))
        assert resumed.pages == len(PAGES) - 2
        assert passages(store, ids) == expected


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_ingest_links_unless_told_not_to_and_the_commands_show_the_links(
        tmp_path: Path, analyses: dict[str, Analysis], pipeline: Pipeline) -> None:
    db = tmp_path / "desk.db"
    pages = [dataclasses.replace(page_from_text(f"{name}.txt", text, ReadConfig(), record_date=date), url=url)
             for name, text, url, date in PAGES]
    with open_store(db) as store:
        summary = ingest(pages[:4], store, IngestConfig(link=False), pipeline=pipeline)
        assert summary.links is None and store.link_state() == {}
        summary = ingest(pages[4:], store, IngestConfig(), pipeline=pipeline)
        assert summary.links is not None and summary.links.pages == len(PAGES) and summary.links.passages == 1
    ids = {name: a for name, a in zip(analyses, stored(db, analyses).values(), strict=True)}
    code, out, _ = run(["link", "--db", str(db), "--json"])
    assert code == 0 and json.loads(out)["pages"] == 0
    code, out, _ = run(["reuse", ids["copy"][:8], "--db", str(db)])
    assert code == 0
    assert f"copied from {ids['reuters']}" in out and "Oleh Kiper, the governor" in out
    assert "this page copied it: " in out and "origin: page" in out and "(Reuters)" in out
    code, out, _ = run(["reuse", ids["reuters"], "--db", str(db), "--json"])
    [passage] = json.loads(out)["passages"]
    assert passage["direction"] == "copied_by" and passage["other"]["page_id"] == ids["copy"]
    assert REUTERS[passage["start"]:passage["end"]] == passage["text"]
    code, out, _ = run(["reuse", ids["unrelated"], "--db", str(db)])
    assert code == 0 and "shares no passage" in out
    code, out, _ = run(["events", "--db", str(db), "--json"])
    clusters = [json.loads(line) for line in out.splitlines()]
    assert [c["last"] for c in clusters] == sorted((c["last"] for c in clusters), reverse=True)
    [izmail] = [c for c in clusters if ids["reuters"] in {p["page_id"] for p in c["pages"]}]
    assert ids["copy"] in {p["page_id"] for p in izmail["pages"]}, "the copy reports the same event"
    assert {(s["page_id"], s["origin"]) for s in izmail["stories"]} >= {(ids["reuters"], "Reuters")}
    code, out, _ = run(["events", "--db", str(db)])
    assert code == 0 and izmail["id"] in out
    # Each story by its origin and its own first sentence, not by its page's title.
    listed = [line for line in out.splitlines() if line.strip().startswith(ids["reuters"])]
    assert listed and "Reuters" in listed[0] and FIRST_WORDS in listed[0]
    code, out, _ = run(["search", "Kiper", "--db", str(db), "--json"])
    hits = {h["page_id"]: h for h in map(json.loads, out.splitlines())}
    assert hits[ids["copy"]]["copied_from"] == 1 and hits[ids["reuters"]]["copied_by"] == 1
    assert izmail["id"] in hits[ids["copy"]]["events"]
    code, out, _ = run(["export", "--format", "jsonl", "--db", str(db)])
    exported = {r["page_id"]: r["links"] for r in map(json.loads, out.splitlines())}
    assert exported[ids["copy"]]["copied_from"] == 1 and exported[ids["tiny"]]["copied_from"] == 0


def test_the_site_of_a_page_is_its_host_else_its_folder() -> None:
    assert site_of("https://www.reuters.com/world/x", "a.txt") == "reuters.com"
    assert site_of(None, "/crawl/dailynewsbuzz/page1.html") == "/crawl/dailynewsbuzz"


def test_bad_link_settings_are_refused() -> None:
    from newsdesk.errors import ConfigError

    with pytest.raises(ConfigError, match=r"link\.batch_pages"):
        LinkConfig(batch_pages=0)
    with pytest.raises(ConfigError, match=r"link\.copy_overlap"):
        LinkConfig(copy_overlap=1.5)


def test_the_http_api_serves_reuse_and_events(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    with warnings.catch_warnings():  # starlette's note about httpx, as in test_serve
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from fastapi.testclient import TestClient

    from newsdesk.serve.app import create_app

    db = tmp_path / "desk.db"
    ids = stored(db, analyses)
    with open_store(db) as store:
        link_pages(store)
    with TestClient(create_app(db)) as client:
        answer = client.get(f"/reuse/{ids['copy']}")
        assert answer.status_code == 200
        [passage] = answer.json()["passages"]
        assert passage["direction"] == "copied_from" and passage["other"]["page_id"] == ids["reuters"]
        assert FARM_COPY[passage["start"]:passage["end"]] == passage["text"]
        assert client.get(f"/reuse/{ids['tiny']}").json() == {"passages": []}
        assert client.get("/reuse/ffffffffffff").status_code == 404
        events = client.get("/events", params={"limit": 50}).json()["events"]
        assert sum(len(e["pages"]) for e in events) >= len(PAGES)
        assert [e["last"] for e in events] == sorted((e["last"] for e in events), reverse=True)


def test_a_later_copy_is_aligned_with_the_earliest_holder_and_joins_its_copy_cluster(
        store_location: Path | str, analyses: dict[str, Analysis], pipeline: Pipeline) -> None:
    """A second site republishes the same Reuters paragraphs after the farm did: it is linked to the
    Reuters story (the earliest page holding them), not to the farm's copy as well, and its passage joins
    the copy cluster the farm's copy and the Reuters story are in."""
    paragraphs = REUTERS.split("\n\n")
    text = ("Evening Relay | World\n\nDanube port ablaze after overnight drone raid\n\n"
            + "\n\n".join(paragraphs[1:3]) + "\n\nMore on this story as it develops.\n")
    page = dataclasses.replace(page_from_text("relay.txt", text, ReadConfig(), record_date=dt.date(2024, 3, 13)),
                               url="https://eveningrelay.example/world/danube-port-ablaze")
    [relay] = list(pipeline.analyze_many([page]))
    assert isinstance(relay, Analysis)
    ids = stored(store_location, analyses)
    with open_store(store_location) as store:
        [relay_id] = store.add([relay])
        link_pages(store)
        found = store.reuse(relay_id)
        [farm_side] = store.reuse(ids["copy"])
    assert [p.other_id for p in found] == [ids["reuters"]]
    [passage] = found
    assert passage.direction == "copied_from"
    assert passage.text.startswith("Oleh Kiper") and passage.text.endswith("at a hospital in the town")
    assert passage.copy_cluster == farm_side.copy_cluster
