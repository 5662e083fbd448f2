"""bench/corpus.py's corpus builder: deterministic, lazy, N distinct pages built from the shared data.

The pipeline is not run here (too slow for a unit test); bench/corpus.py itself measures the store.
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import itertools
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsdesk.model import Analysis, Cleaning, Page, Story

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return importlib.import_module("bench.corpus")


@pytest.fixture(scope="module")
def data(bench: ModuleType) -> Path:
    if not bench.data_available(DATA):
        pytest.skip(f"{DATA}/guardian2022 and {DATA}/ecbplus are absent: the corpus is built from them")
    return DATA


def test_build_corpus_is_a_lazy_generator(bench: ModuleType, data: Path) -> None:
    pages = bench.build_corpus(data, 100_000, 1)
    assert inspect.isgenerator(pages)
    first: list[Any] = list(itertools.islice(pages, 3))  # a generator of 100,000 pages gives its first three at once
    assert [p.index for p in first] == [0, 1, 2]
    pages.close()


def test_build_corpus_is_deterministic_for_a_seed(bench: ModuleType, data: Path) -> None:
    one = [(p.text, p.date, p.url, p.built_from) for p in bench.build_corpus(data, 200, 7)]
    two = [(p.text, p.date, p.url, p.built_from) for p in bench.build_corpus(data, 200, 7)]
    other = [p.text for p in bench.build_corpus(data, 200, 8)]
    assert one == two
    assert [t for t, *_ in one] != other
    # a shorter corpus is the start of a longer one of the same seed
    longer = [p.text for p in itertools.islice(bench.build_corpus(data, 1000, 7), 200)]
    assert longer == [t for t, *_ in one]


def test_3000_pages_are_distinct_non_empty_and_built_from_the_data(bench: ModuleType, data: Path) -> None:
    sources = bench.load_sources(data)
    by_source = {a.source: a for a in sources.articles}
    hashes = set()
    kinds = {"guardian2022": 0, "ecbplus": 0}
    for page in bench.build_corpus(data, 3000, 1, sources=sources):
        assert page.text.strip()
        assert page.url.startswith("https://") and page.date is not None
        assert 1 <= len(page.built_from) <= 3
        hashes.add(hashlib.sha256(page.text.encode("utf-8")).hexdigest())
        arts = [by_source[s] for s in page.built_from]
        for art in arts:
            kinds[art.source.split(":")[0]] += 1
        # at least one paragraph of a source article opens the same way on the page (white space folded)
        folded = " ".join(page.text.split())
        assert any(" ".join(p.split()[:8]) in folded for art in arts for p in art.paragraphs), page.built_from
    assert len(hashes) == 3000
    assert kinds["guardian2022"] > 300 and kinds["ecbplus"] > 300


def test_a_retargeted_analysis_keeps_its_offsets(bench: ModuleType) -> None:
    text = "KYIV (Reuters) - Shelling hit the city on Monday.\n"
    base = Analysis(page=Page("base", text), cleaning=Cleaning(), stories=(Story(0, len(text)),))
    short, long = bench.retargeted(base, 3, "A title", 1), bench.retargeted(base, 4, "A very long title " * 20, 1)
    for stored in (short, long):
        assert stored.page.text.startswith(text)
        assert len(stored.page.text) == len(text) + bench.TRAILER_CHARS
        assert stored.stories == base.stories and stored.page.source != base.page.source
    assert short.page.text != long.page.text
