"""The pipeline: stages checked at construction, each doing what it declares; batches in order across a
pool of processes that build once, ignore Ctrl-C, hold little in flight and die with their parent;
failures as values."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Generator, Iterator
from dataclasses import fields, replace
from pathlib import Path

import pytest

from newsdesk.analysis.pipeline import STAGES, AnalysisFailure, Pipeline, check_stages, clean_text
from newsdesk.analysis.workers import PoolConfig, analyze_pooled
from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.model import Analysis, Cleaning, Page

PAGES = [
    Page(f"p{i}.txt", f"BERLIN, May {i + 1} (dpa) – Page number {i} reports that the city council met on "
                      f"Tuesday and approved a new tram line.\nAdvertisement\nThe vote was {i + 20} to 12.\n")
    for i in range(6)
]


def test_stage_chain_is_checked() -> None:
    check_stages(STAGES)
    clean, split, *rest = STAGES
    # Out of order: the error names the stage, what it reads, and the stage that writes it too late.
    with pytest.raises(ConfigError, match=r"stage 'split' reads 'cleaning', which no earlier stage writes "
                                          r"\(stage 'clean' writes it, later\)"):
        Pipeline(stages=(split, clean, *rest))  # refused before any model loads
    with pytest.raises(ConfigError, match=r"stage 'entities' reads 'stories', which no earlier stage writes$"):
        check_stages([clean, STAGES[2]])
    with pytest.raises(ConfigError, match=r"stage 'clean' names \['stroies'\], which are not fields"):
        check_stages([replace(clean, writes=frozenset({"stroies"}))])
    with pytest.raises(ConfigError, match="stage 'again' writes 'cleaning', which stage 'clean' wrote already"):
        check_stages([clean, replace(clean, name="again")])


def empty(analysis: Analysis, keep: frozenset[str]) -> Analysis:
    """`analysis` with every field but those in `keep` back to its empty value."""
    blank = Analysis(page=analysis.page, cleaning=Cleaning(), stories=())
    return replace(analysis, **{f.name: getattr(blank, f.name) for f in fields(Analysis)
                                if f.name not in keep and f.name != "extra"})


def test_each_stage_reads_and_writes_only_what_it_declares(pipeline: Pipeline) -> None:
    from tests.corpus_pages import KYIV_REUTERS

    page = Page("kyiv.txt", KYIV_REUTERS, reference_date=dt.date(2022, 5, 22))
    analysis = Analysis(page=page, cleaning=Cleaning(), stories=())
    for stage in pipeline.stages:
        after = stage.run(pipeline, analysis)
        for f in fields(Analysis):
            if f.name not in stage.writes:
                assert getattr(after, f.name) is getattr(analysis, f.name), (stage.name, f.name)
        # What it writes does not change when what it does not read is taken away.
        alone = stage.run(pipeline, empty(analysis, stage.reads))
        assert all(getattr(alone, name) == getattr(after, name) for name in stage.writes), stage.name
        analysis = after
    assert analysis.entities and analysis.quotes and analysis.claims and analysis.times  # every stage had work
    assert analysis.to_json() == pipeline.analyze(page).to_json()


def test_batch_across_processes_keeps_order_and_results(pipeline: Pipeline) -> None:
    failure = ReadFailure("gone.txt", ReadError("gone.txt", "ND-E001", "no such file"))
    items: list[Page | ReadFailure] = [*PAGES[:3], failure, *PAGES[3:]]
    serial = list(pipeline.analyze_many(items))
    pulled = 0

    def endless() -> Iterator[Page | ReadFailure]:
        """The items again and again: a pool that read all its input before answering would never answer."""
        nonlocal pulled
        for item in itertools.cycle(items):
            pulled += 1
            if pulled > 500:
                raise AssertionError("the pool reads its input far ahead of its results")
            yield item

    results = pipeline.analyze_many(endless(), workers=2, chunk_size=2)
    assert isinstance(results, Generator)
    parallel = list(itertools.islice(results, 3 * len(items)))
    results.close()  # shuts the pool down
    assert [r.page.source if isinstance(r, Analysis) else r.source for r in parallel[:len(items)]] == [
        "p0.txt", "p1.txt", "p2.txt", "gone.txt", "p3.txt", "p4.txt", "p5.txt"]
    assert [r.to_json() for r in serial * 3] == [r.to_json() for r in parallel]
    # In flight: at most 4 chunks of 2 pages per worker, and the chunk waiting for room.
    assert pulled <= len(parallel) + (2 * 4 + 1) * 2


class Probe:
    """A stand-in analyser, quick to build: says which process and which analyser answered a page, and
    whether that process ignores Ctrl-C."""

    def analyze_one(self, item: Page) -> tuple[str, int, int, bool]:
        time.sleep(0.02)
        return item.source, os.getpid(), id(self), signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def probe_failed(page: Page, exc: BaseException) -> tuple[str, int, int, bool]:
    return page.source, -1, -1, False


def test_pool_workers_build_once_and_ignore_ctrl_c() -> None:
    pages = [Page(f"q{i}.txt", f"page {i}") for i in range(40)]
    results = analyze_pooled(pages, Probe, probe_failed, PoolConfig(workers=2, chunk_pages=2))
    first = next(results)
    assert isinstance(first, tuple) and first[1] not in (os.getpid(), -1)
    os.kill(first[1], signal.SIGINT)  # Ctrl-C reaches every process of the group: the workers go on
    answers = [first, *results]
    assert [a[0] for a in answers if isinstance(a, tuple)] == [p.source for p in pages]
    assert all(isinstance(a, tuple) and a[3] for a in answers)
    analysers: dict[int, set[int]] = {}
    for answer in answers:
        assert isinstance(answer, tuple)
        analysers.setdefault(answer[1], set()).add(answer[2])
    assert 1 <= len(analysers) <= 2 and all(len(ids) == 1 for ids in analysers.values())  # one per worker


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent's reaping is left


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to watch the workers")
def test_pool_workers_exit_when_their_parent_is_killed() -> None:
    script = textwrap.dedent("""
        import multiprocessing, os, signal, sys
        from newsdesk.analysis.workers import PoolConfig, analyze_pooled
        from newsdesk.model import Page

        class Quick:
            def analyze_one(self, item):
                return item.source

        def failed(page, exc):
            return page.source

        results = analyze_pooled((Page(f"{i}.txt", "x") for i in range(10**6)), Quick, failed, PoolConfig(workers=2))
        next(results)
        print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    parent = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert parent.returncode == -signal.SIGKILL, parent.stderr
    workers = [int(pid) for pid in parent.stdout.split()]
    assert workers
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def test_a_bug_on_one_page_is_a_value_not_a_crash() -> None:
    pipeline = Pipeline()

    def broken(page: Page) -> Analysis:
        raise RuntimeError("boom")

    pipeline.analyze = broken  # type: ignore[method-assign]
    [result] = list(pipeline.analyze_many([PAGES[0]]))
    assert isinstance(result, AnalysisFailure) and "boom" in result.error and "ND-E013" in result.error


def test_clean_text_cuts_the_noise_only(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(PAGES[0])
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
    from tests.corpus_pages import HALDEN_AP, KIEV_CNN, KYIV_REUTERS

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
