"""Links are reproducible (issue 24): the same corpus ingested into two fresh stores, once with one worker
and once with two (pages then finish out of order), gives exactly the same links: the same pages in the
same ingest order, the same copied passages (offsets, direction, clues, copy clusters) and the same event
clusters (ids, titles, dates, members, stories).

The corpus is the bundled invented sample page, the suite's invented reports (`corpus_pages`) and the
invented pages below: a wire story copied, in different stretches, by three sites, the same flood and the
same ferry strike reported by other outlets in their own words. The slowest page comes first, so that
with two workers the pages after it finish before it does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pickle
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.analysis.pipeline import Pipeline, PipelineConfig
from newsdesk.jobs.ingest import IngestConfig, ingest
from newsdesk.model import Page
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import open_store
from tests.corpus_pages import DATES, HALDEN_AP, KIEV_CNN, KYIV_REUTERS

FLOOD_AP = (
    "MORVIK, Norway (AP) — Floodwater swept through the centre of the coastal town of Morvik on Tuesday "
    "after three days of heavy rain, forcing about 1,400 residents from their homes and cutting the only "
    "road to the ferry terminal, police said.\n\n"
    "The river Aune burst its banks shortly before dawn and within two hours the water stood a metre deep "
    "in the market square, where shopkeepers had stacked sandbags against their doors the night before.\n\n"
    "\"We have never seen the river rise this fast,\" said Ingrid Solheim, the town's mayor, who spent the "
    "morning helping to carry elderly residents from a care home on Strandgata to waiting buses.\n\n"
    "Rescue crews in boats searched flooded streets for people trapped in their attics, and a helicopter "
    "from the air base at Orland lifted a family of four from the roof of a farmhouse north of the town.\n\n"
    "The Norwegian Water Resources and Energy Directorate raised its warning for the region to red, the "
    "highest level, and said more rain was expected on Wednesday before the weather front moves east.\n\n"
    "No deaths have been reported. Two people were treated in hospital for hypothermia after being pulled "
    "from the water near the old timber bridge, which engineers said would stay closed for weeks.\n"
)

FOOTER = (
    "About Nordic Daily Buzz: the stories that matter from across the north, every hour of every day. "
    "Follow us for breaking updates.\nCopyright 2024 Nordic Daily Buzz. All rights reserved."
)

COPY_ONE = (
    "Home » News » Europe\n\nTown under water as river bursts its banks\n\nPosted by Web Desk\n\n"
    "Residents of a small Norwegian town woke to find their streets flooded on Tuesday.\n\n"
    + "\n\n".join(FLOOD_AP.split("\n\n")[1:3]) + "\n\n" + FOOTER + "\n"
)

COPY_TWO = (
    "Trending now: Morvik floods\n\nPictures show a town in the water after days of rain, and officials "
    "warn that the worst may not be over yet.\n\n"
    + "\n\n".join(FLOOD_AP.split("\n\n")[2:5]) + "\n\nShare this story with your friends.\n"
)

COPY_THREE = (
    "WORLD BRIEFING\n\nNorway: more rain on the way\n\n"
    + "\n\n".join(FLOOD_AP.split("\n\n")[4:6]) + "\n\nCompiled by our news desk from agency reports.\n"
)

FLOOD_OWN_WORDS = (
    "Floods force hundreds from homes in Morvik\n\n"
    "Hundreds of people had to leave their homes in Morvik on Tuesday when the Aune overflowed after a "
    "long spell of rain, leaving the market square and several streets under water.\n\n"
    "Mayor Ingrid Solheim said the town had not seen flooding on this scale in living memory and thanked "
    "volunteers who had filled sandbags through the night.\n\n"
    "Forecasters said the rain would ease by Thursday, but warned that the river could stay high for days "
    "as water drains from the hills above the town.\n"
)

FERRY_REUTERS = (
    "BERGEN, Norway, March 4 (Reuters) - Ferry crews in western Norway walked out on Monday in a dispute "
    "over pay and rest hours, halting crossings on eleven routes and leaving thousands of commuters and "
    "lorry drivers to make long detours by road.\n\n"
    "The seafarers' union said talks with the operators had broken down late on Sunday after the companies "
    "refused to shorten shifts that can last fourteen hours in winter.\n\n"
    "\"Our members are exhausted, and exhausted crews are a danger at sea,\" union leader Kari Nygaard told "
    "Reuters at a picket outside the Halhjem terminal.\n\n"
    "The operators said they had offered a pay rise of 4.5 percent and called the strike irresponsible.\n"
)

FERRY_LOCAL = (
    "Ferry strike strands commuters on the west coast\n\n"
    "Thousands of commuters around Bergen faced long detours on Monday as ferry crews went on strike, "
    "stopping crossings on eleven routes.\n\n"
    "Union leader Kari Nygaard said crews were worn out by fourteen-hour winter shifts and that the strike "
    "would go on until the operators agreed to shorter hours.\n\n"
    "The ferry companies said their offer of a 4.5 percent pay rise was fair.\n"
)

FERRY_COPY = (
    "Home » News » Europe\n\nStrike stops ferries in Norway\n\nPosted by News Desk\n\n"
    + "\n\n".join(FERRY_REUTERS.split("\n\n")[:3]) + "\n\n" + FOOTER + "\n"
)

FARM = "https://nordicbuzz.example/2024/"
SAMPLE_DATE = dt.date(2023, 10, 15)


def sample_text() -> str:
    return resources.files("newsdesk").joinpath("samples/sample_page.txt").read_text(encoding="utf-8")


def corpus() -> list[Page]:
    """The pages in the order they are ingested; the long page first (it finishes last with two workers)."""
    long_page = "\n\n".join([sample_text(), FLOOD_OWN_WORDS, FERRY_LOCAL, KIEV_CNN] * 3)  # slowest: first
    pages: list[tuple[str, str, str, dt.date]] = [
        ("long", long_page, "https://longreads.example/digest", dt.date(2024, 3, 20)),
        ("sample", sample_text(), "https://example.org/sample", SAMPLE_DATE),
        ("kyiv", KYIV_REUTERS, "https://www.reuters.com/kyiv", dt.date.fromisoformat(DATES["kyiv"])),
        ("kiev", KIEV_CNN, "https://edition.cnn.com/kiev", dt.date.fromisoformat(DATES["kiev"])),
        ("halden", HALDEN_AP, "https://apnews.com/halden", dt.date.fromisoformat(DATES["halden"])),
        ("flood", FLOOD_AP, "https://apnews.com/morvik-flood", dt.date(2024, 3, 12)),
        ("copy1", COPY_ONE, f"{FARM}morvik-1", dt.date(2024, 3, 12)),
        ("ferry", FERRY_REUTERS, "https://www.reuters.com/ferry-strike", dt.date(2024, 3, 4)),
        ("copy2", COPY_TWO, "https://trending.example/morvik", dt.date(2024, 3, 13)),
        ("flood_own", FLOOD_OWN_WORDS, "https://nordicpost.example/morvik", dt.date(2024, 3, 12)),
        ("ferry_copy", FERRY_COPY, f"{FARM}ferry", dt.date(2024, 3, 5)),
        ("copy3", COPY_THREE, "https://briefing.example/norway", dt.date(2024, 3, 13)),
        ("ferry_local", FERRY_LOCAL, "https://bergenlocal.example/ferry", dt.date(2024, 3, 4)),
    ]
    return [dataclasses.replace(page_from_text(f"{name}.txt", text, ReadConfig(), record_date=date), url=url)
            for name, text, url, date in pages]


def links(where: Path) -> dict[str, Any]:
    """Everything linking wrote, read back through the store's own API."""
    with open_store(where) as store:
        order = [page.id for page in store.unlinked(0, 10_000)]  # every page, in ingest (key) order
        return {
            "order": order,
            "passages": {i: [dataclasses.astuple(p) for p in store.reuse(i)] for i in order},
            "events": [dataclasses.astuple(c) for c in store.events(limit=500)],
            "page_links": store.page_links(order),
        }


def test_one_or_two_workers_give_exactly_the_same_links(tmp_path: Path, pipeline: Pipeline) -> None:
    pages = corpus()
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    with open_store(one) as store:
        first = ingest(pages, store, IngestConfig(workers=1), pipeline=pipeline)
    with open_store(two) as store:
        second = ingest(pages, store, IngestConfig(workers=2, chunk_pages=1, queue_per_worker=2),
                        pipeline=PipelineConfig())
    assert (first.new, first.failed) == (second.new, second.failed) == (len(pages), 0)
    assert first.links is not None and second.links is not None
    expected, found = links(one), links(two)
    # The corpus does what the test needs: copied passages in clusters of several pages, and event clusters.
    assert first.links.passages >= 4 and first.links.copied >= 3, first.links
    assert any(c[4] >= 2 for c in expected["events"]), "some event cluster holds two or more stories"
    assert found["order"] == expected["order"], "pages are stored in input order whatever the worker count"
    assert found["passages"] == expected["passages"]
    assert found["events"] == expected["events"]
    assert found["page_links"] == expected["page_links"]
    assert second.links.to_json() | {"seconds": 0, "reuse_seconds": 0} == \
        first.links.to_json() | {"seconds": 0, "reuse_seconds": 0}



LINK_AND_DUMP = """
import pickle, sys
sys.path.insert(0, sys.argv[2])
from tests.jobs.test_link_repro import links
from newsdesk.jobs.link import link_pages
from newsdesk.store import open_store
with open_store(sys.argv[1]) as store:
    link_pages(store)
sys.stdout.buffer.write(pickle.dumps(links(sys.argv[1])))
"""


def test_linking_in_processes_with_other_hash_seeds_gives_the_same_links(tmp_path: Path, pipeline: Pipeline) -> None:
    """Two runs are two processes, each with its own string hashing (set and dict orders of str keys
    differ): linking the same stored pages must not depend on it."""
    base = tmp_path / "base.db"
    with open_store(base) as store:
        ingest(corpus()[1:], store, IngestConfig(link=False), pipeline=pipeline)
    found = []
    for seed in ("1", "2"):
        where = tmp_path / f"seed{seed}.db"
        shutil.copy(base, where)
        repo = str(Path(__file__).resolve().parents[2])
        done = subprocess.run([sys.executable, "-c", LINK_AND_DUMP, str(where), repo],
                              capture_output=True, check=False, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        found.append(pickle.loads(done.stdout))
    assert found[0]["passages"] and found[0]["events"]
    assert found[0] == found[1]
