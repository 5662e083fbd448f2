"""The arrows of a copy cluster do not depend on how the pages arrived (issue 23): one invented corpus —
a dated outlet article, an undated one, a farm page compiled from both and a cut copy of the second —
ingested in two orders and with 1 and 2 workers gives the same arrows on every pair found each time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from newsdesk.jobs.ingest import IngestConfig, ingest
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import content_hash, open_store, page_id_of
from tests.corpus.test_reuse_direction import P1, P2, P3, P4

Q1 = ("Rescue teams reached the village of Karst on Thursday after a landslide blocked the only road for two "
      "days, and the regional governor said forty families would be moved to a school in the valley.")
Q2 = ("Geologists warned that the hillside above the village remained unstable after a week of heavy rain, and "
      "that further slips were likely if the storms forecast for the weekend arrived as expected.")
Q3 = ("The army sent two helicopters to carry food and medicine, and a field hospital was set up in a sports "
      "hall where doctors treated a dozen people for cuts and broken bones, officials said.")
Q4 = ("Residents said they had asked the authorities for years to build a retaining wall, and the opposition "
      "demanded an inquiry into why money set aside for the work in 2019 had never been spent.")

PAGES = {
    "port": ("Port Selwyn terminal delayed again\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n",
             "https://www.theguardian.com/world/2024/mar/11/port-selwyn", dt.date(2024, 3, 11)),
    "karst": ("Landslide cuts off mountain village\n\n" + "\n\n".join([Q1, Q2, Q3, Q4]) + "\n",
              "https://karst-herald.example/news/landslide", None),
    "digest": ("Home » World\nShare this article\n\n" + "\n\n".join([P1, P2, P3]) + "\n\nRead more: Ten best "
               "beaches\n\n" + "\n\n".join([Q1, Q2, Q3]) + "\n\nLeave a comment\n",
               "https://globedesk.example/2024/03/digest", dt.date(2024, 3, 13)),
    "cut": ("Latest | Newsroom Now\n\n" + "\n\n".join([Q1, Q2, Q3[:Q3.index("where doctors")]]),
            "https://newsroomnow.example/2024/03/karst", None),
}


def arrows(tmp: Path, order: list[str], workers: int) -> dict[tuple[str, str], str]:
    """(page, other) -> direction for every passage found, pages named as in PAGES."""
    pages = [dataclasses.replace(page_from_text(f"{name}.txt", text, ReadConfig(), record_date=date), url=url)
             for name, (text, url, date) in ((n, PAGES[n]) for n in order)]
    with open_store(tmp / f"{'-'.join(order)}-{workers}.db") as store:
        summary = ingest(pages, store, IngestConfig(workers=workers))
        assert summary.links is not None
        names = _ids(order)
        found = {}
        for page_id, name in sorted(names.items()):
            for p in store.reuse(page_id):
                found[(name, names[p.other_id])] = p.direction
    return found


def _ids(order: list[str]) -> dict[str, str]:
    """Page id -> name: the ids the store gives the pages (from their content)."""
    out = {}
    for name in order:
        text, url, date = PAGES[name]
        page = dataclasses.replace(page_from_text(f"{name}.txt", text, ReadConfig(), record_date=date), url=url)
        out[page_id_of(content_hash(page))] = name
    return out


def test_the_same_arrows_in_any_order_and_with_any_number_of_workers(tmp_path: Path) -> None:
    forward = ["port", "karst", "digest", "cut"]
    runs = [arrows(tmp_path, forward, 1), arrows(tmp_path, forward[::-1], 1), arrows(tmp_path, forward, 2),
            arrows(tmp_path, ["cut", "port", "digest", "karst"], 2)]
    first = runs[0]
    assert first[("digest", "port")] == "copied_from" and first[("digest", "karst")] == "copied_from"
    assert first[("cut", "karst")] == "copied_from"
    for run in runs[1:]:
        common = set(first) & set(run)
        assert {("digest", "port"), ("digest", "karst")} <= common
        assert {pair: first[pair] for pair in common} == {pair: run[pair] for pair in common}
