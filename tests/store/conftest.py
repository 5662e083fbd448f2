"""The store tests' shared corpus: one president written three ways on three pages, stored and linked
(`linked`), on each engine (`store_location`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.jobs.link import link_pages
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import open_store

# One president written three ways: the surname alone appears on the first page only, so a page count of
# pages naming "Zelenskiy" as typed is 1, while the person is on all three.
PAGES = [
    ("kyiv", "2022-04-04", "KYIV, April 4 (Reuters) - President Volodymyr Zelenskiy visited the town of Bucha on "
                           "Monday. Zelenskiy told reporters that 410 bodies had been found in the region.\n"),
    ("london", "2022-03-08", "LONDON, March 8 (AP) - Ukrainian President Volodymyr Zelenskiy addressed the British "
                             "parliament by video link on Tuesday, and lawmakers gave him a standing ovation.\n"),
    ("washington", "2022-03-16", "WASHINGTON, March 16 (AFP) - President Volodymyr Zelensky asked the US Congress "
                                 "for more air defence on Wednesday, in a speech to both chambers.\n"),
]


@pytest.fixture
def linked(store_location: Path | str, pipeline: Pipeline) -> Iterator[Path | str]:
    analyses = [pipeline.analyze(page_from_text(f"{name}.txt", text,
                                                ReadConfig(reference_date=dt.date.fromisoformat(day))))
                for name, day, text in PAGES]
    with open_store(store_location) as store:
        store.add(analyses)
        link_pages(store)
    yield store_location
