"""The pipeline: stages checked at construction, batches in order, failures as values."""

from __future__ import annotations

import pytest

from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.model import Analysis, Page
from newsdesk.pipeline import STAGES, AnalysisFailure, Pipeline, check_stages, clean_text

PAGES = [
    Page(f"p{i}.txt", f"BERLIN, May {i + 1} (dpa) – Page number {i} reports that the city council met on "
                      f"Tuesday and approved a new tram line.\nAdvertisement\nThe vote was {i + 20} to 12.\n")
    for i in range(6)
]


def test_stage_chain_is_checked() -> None:
    check_stages(STAGES)
    with pytest.raises(ConfigError, match="split"):
        check_stages([STAGES[0], STAGES[2]])


def test_batch_across_processes_keeps_order_and_results() -> None:
    pipeline = Pipeline()
    failure = ReadFailure("gone.txt", ReadError("gone.txt", "ND-E001", "no such file"))
    items: list[Page | ReadFailure] = [*PAGES[:3], failure, *PAGES[3:]]
    serial = list(pipeline.analyze_many(items))
    parallel = list(pipeline.analyze_many(items, workers=2, chunk_size=2))
    assert [r.page.source if isinstance(r, Analysis) else r.source for r in parallel] == [
        "p0.txt", "p1.txt", "p2.txt", "gone.txt", "p3.txt", "p4.txt", "p5.txt"]
    assert [r.to_json() for r in serial] == [r.to_json() for r in parallel]


def test_a_bug_on_one_page_is_a_value_not_a_crash() -> None:
    pipeline = Pipeline()

    def broken(page: Page) -> Analysis:
        raise RuntimeError("boom")

    pipeline.analyze = broken  # type: ignore[method-assign]
    [result] = list(pipeline.analyze_many([PAGES[0]]))
    assert isinstance(result, AnalysisFailure) and "boom" in result.error and "ND-E013" in result.error


def test_clean_text_cuts_the_noise_only() -> None:
    analysis = Pipeline().analyze(PAGES[0])
    kept = clean_text(analysis)
    assert "Advertisement" not in kept and "approved a new tram line" in kept and "The vote was 20 to 12." in kept


def test_workers_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="workers"):
        list(Pipeline().analyze_many(PAGES, workers=0))
