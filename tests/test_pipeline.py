"""The pipeline: stages checked at construction, batches in order, failures as values."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.pipeline import STAGES, AnalysisFailure, Pipeline, check_stages, clean_text
from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.model import Analysis, Page

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


# -- hardening (issue 24): long pages in pieces, long texts to spaCy in pieces, dates at the calendar's ends


def spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Every (start, end) an analysis holds."""
    out = [(s.start, s.end) for s in (*analysis.cleaning.removed, *analysis.cleaning.structure,
                                      *analysis.cleaning.flags, *analysis.cleaning.blocks)]
    for story in analysis.stories:
        out += [(story.start, story.end), *((e.start, e.end) for e in story.evidence)]
        if story.dateline is not None:
            out.append((story.dateline.start, story.dateline.end))
    out += [m for e in analysis.entities for m in e.mentions]
    for q in analysis.quotes:
        out += [(q.start, q.end), *(p for p in (q.cue, q.source, q.antecedent, q.organisation) if p is not None)]
    out += [(c.start, c.end) for c in analysis.claims] + [(t.start, t.end) for t in analysis.times]
    out += [(e.start, e.end) for e in analysis.events]
    return out


def test_a_long_page_is_analysed_in_pieces_stitched_by_offset(pipeline: Pipeline,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import newsdesk.analysis.pipeline as module
    from corpus_pages import HALDEN_AP, KIEV_CNN, KYIV_REUTERS

    text = "\n\n".join([KYIV_REUTERS, HALDEN_AP, KIEV_CNN])
    page = Page("long.txt", text, reference_date=dt.date(2022, 5, 22))
    whole = pipeline.analyze(page)
    monkeypatch.setattr(module, "MAX_PAGE_CHARS", len(text) // 3 + 200)
    calls: list[int] = []
    original = Pipeline._analyze_whole

    def spy(self: Pipeline, sub: Page) -> Analysis:
        calls.append(len(sub.text))
        return original(self, sub)

    monkeypatch.setattr(Pipeline, "_analyze_whole", spy)
    pieces = pipeline.analyze(page)
    assert len(calls) >= 3 and max(calls) <= module.MAX_PAGE_CHARS
    assert pieces.page is page
    assert all(0 <= a <= b <= len(text) for a, b in spans(pieces))
    # Stitched offsets point at the same words the whole page's analysis found.
    found = {(a, b, text[a:b]) for e in pieces.entities for a, b in e.mentions}
    expected = {(a, b, text[a:b]) for e in whole.entities for a, b in e.mentions}
    assert len(found & expected) >= 0.8 * len(expected)
    assert {(text[t.start:t.end], t.value) for t in pieces.times} & {(text[t.start:t.end], t.value)
                                                                      for t in whole.times}
    assert len({e.id for e in pieces.entities}) == len(pieces.entities)
    assert len({c.id for c in pieces.claims}) == len(pieces.claims)
    assert all(0 <= x < len(pieces.stories) for x in [q.story for q in pieces.quotes] + [c.story for c in pieces.claims]
               + [t.story for t in pieces.times])
    ids = {e.id for e in pieces.entities}
    assert all(q.speaker in ids for q in pieces.quotes if q.speaker is not None)
    starts = [s.start for s in pieces.stories]
    assert starts == sorted(starts)


def test_spacy_gets_bounded_pieces_and_offsets_are_kept() -> None:
    import spacy

    from newsdesk.analysis.bounded import BoundedPipe, pieces

    nlp = spacy.blank("en")
    nlp.max_length = 100  # stands for spaCy's 1,000,000-character limit
    text = "The ferry crews struck on Tuesday. " * 20 + "x" * 150 + " end of the story."
    with pytest.raises(ValueError, match="E088"):
        list(nlp.pipe([text]))
    [doc] = list(BoundedPipe(nlp, limit=80).pipe([text]))
    assert doc.text == text and all(text[t.idx:t.idx + len(t)] == t.text for t in doc)
    cuts = pieces(text, 80)
    assert "".join(text[a:b] for a, b in cuts) == text and all(b - a <= 80 for a, b in cuts)
    assert text[cuts[0][0]:cuts[0][1]].endswith("Tuesday. ")  # at a sentence end where there is one


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_reference_dates_at_the_calendar_ends_do_not_fail_the_analysis(pipeline: Pipeline, day: dt.date) -> None:
    text = ("KYIV, Dec 31 (Reuters) - Yesterday the ministry said it would act next week, and on Monday "
            "officials met again; the day before yesterday and 10 years ago were mentioned too.\n")
    result = pipeline.analyze_one(Page("edge.txt", text, reference_date=day))
    assert isinstance(result, Analysis), result
    assert result.times and all(t.value is not None or t.problem for t in result.times)
