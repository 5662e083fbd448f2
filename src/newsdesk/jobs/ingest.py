"""ingest: read a crawl, analyse each new page once, commit it to the store.

    summary = ingest(read_sources(paths, config), store, workers=4, progress=show)

Each page is keyed by the hash of its text: a page stored already is not analysed again (its new
source, if any, is recorded), so running the same ingest twice is a no-op and an interrupted one
resumes where its last commit ended. Pages are written in small transactions (`IngestConfig`): a
crash or `kill -9` loses at most the pages analysed since the last commit, and never leaves half a
page. Analysis runs in `workers` processes (the pool of `newsdesk.analysis.workers`), each building the
pipeline once; the main process only reads, hashes and writes, so its memory stays flat however many
pages pass through.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.analysis.pipeline import Pipeline, PipelineConfig, Result, analyze_in_processes
from newsdesk.analysis.workers import PoolConfig
from newsdesk.errors import ConfigError, ReadFailure, StoreError, check_numbers
from newsdesk.jobs.link import LinkSummary, link_pages
from newsdesk.model import Analysis, Cleaning, Page
from newsdesk.store import Failed, Store, content_hash

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestConfig:
    #: Analysis processes; 1 analyses in this process (no pool).
    workers: int = 1
    #: Commit after this many finished pages…
    commit_pages: int = 64
    #: …or after this many seconds, whichever comes first: an interrupted ingest loses little.
    commit_seconds: float = 2.0
    #: Pages sent to one worker at a time (fewer round trips than one by one).
    chunk_pages: int = 4
    #: Chunks queued per worker: keeps every core busy without reading the whole crawl into memory.
    queue_per_worker: int = 4
    #: Attempts to write a batch when the store fails (a PostgreSQL server restarting), with back-off
    #: (1, 2, 4, 8 s: a server back within 15 s costs nothing).
    write_attempts: int = 5
    #: Link the new pages to the stored ones once they are written (`newsdesk.jobs.link.link_pages`).
    link: bool = True

    def __post_init__(self) -> None:
        check_numbers(self, "ingest", ("workers", "commit_pages", "chunk_pages", "queue_per_worker",
                                       "write_attempts"), whole=True, minimum=1)
        check_numbers(self, "ingest", ("commit_seconds",), minimum=0)


@dataclass(slots=True)
class IngestProgress:
    """Counts so far, passed to the progress callback after each commit and each finished chunk."""

    total: int | None = None
    read: int = 0
    new: int = 0
    already: int = 0
    failed: int = 0
    committed: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.new + self.already + self.failed

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def pages_per_second(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What an ingest did: `new` pages analysed and stored, `already` stored before (or twice in this
    run), `failed` inputs (stored as failures, listed by `newsdesk status`)."""

    read: int
    new: int
    already: int
    failed: int
    seconds: float
    failures: tuple[tuple[str, str], ...]
    page_ids: tuple[str, ...]
    #: What linking did after the pages were written (None with `IngestConfig(link=False)`).
    links: LinkSummary | None = None

    def to_json(self) -> dict[str, object]:
        return {"read": self.read, "new": self.new, "already": self.already, "failed": self.failed,
                "seconds": round(self.seconds, 2), "failures": [{"source": s, "error": e} for s, e in self.failures],
                **({"links": self.links.to_json()} if self.links is not None else {})}


class _Writer:
    """Buffers finished pages and commits them in batches; retries a failing batch, then page by page."""

    def __init__(self, store: Store, config: IngestConfig, progress: IngestProgress) -> None:
        self.store, self.config, self.progress = store, config, progress
        self.analyses: list[Analysis] = []
        self.failures: list[Failed] = []
        self.last_commit = time.monotonic()
        self.page_ids: list[str] = []
        self.failed: list[tuple[str, str]] = []
        #: Sources of texts first seen in this run, written once that text's page is committed.
        self.later: list[Analysis] = []

    def put(self, result: Result | Analysis) -> None:
        if isinstance(result, Analysis):
            self.analyses.append(result)
        else:
            self.failures.append(result)
            self.failed.append((result.source, result.to_json()["error"]))
        if (len(self.analyses) + len(self.failures) >= self.config.commit_pages
                or time.monotonic() - self.last_commit >= self.config.commit_seconds):
            self.commit()

    def commit(self) -> None:
        if not self.analyses and not self.failures:
            return
        ids = self._write(self.analyses, self.failures)
        self.page_ids.extend(ids)
        self.progress.committed += len(self.analyses) + len(self.failures)
        self.analyses, self.failures = [], []
        self.last_commit = time.monotonic()

    def _write(self, analyses: Sequence[Analysis], failures: Sequence[Failed]) -> list[str]:
        for attempt in range(1, self.config.write_attempts + 1):
            try:
                return self.store.add(analyses, failures)
            except StoreError as exc:
                if attempt == self.config.write_attempts:
                    raise
                log.warning("store write failed (attempt %d of %d): %s", attempt, self.config.write_attempts, exc)
                time.sleep(2 ** (attempt - 1))
        return []  # not reached: the last attempt returns or raises


def ingest(items: Iterable[Page | ReadFailure], store: Store, config: IngestConfig | None = None,
           pipeline: PipelineConfig | Pipeline | None = None,
           progress: Callable[[IngestProgress], None] | None = None, total: int | None = None) -> IngestSummary:
    """Store every readable item's analysis and every failure; see the module docstring.

    `pipeline` is a built `Pipeline` (reused: one process) or its config (built in each worker);
    `total` is the number of inputs when known, for the progress callback's ETA. A `StoreError` that
    retries do not cure ends the ingest (every page committed before it is kept); Ctrl-C commits
    what is finished, then raises KeyboardInterrupt."""
    config = config or IngestConfig()
    state = IngestProgress(total=total)
    writer = _Writer(store, config, state)
    report = progress or (lambda _: None)
    try:
        for result in _analysed(_new_pages(items, store, state, writer), config, pipeline):
            if isinstance(result, Analysis):
                state.new += 1
            else:
                state.failed += 1
            writer.put(result)
            report(state)
        writer.commit()
        writer.analyses = writer.later
    finally:
        try:
            writer.commit()  # what is finished is kept, on every way out
        finally:
            report(state)
    links = link_pages(store) if config.link else None
    return IngestSummary(state.read, state.new, state.already, state.failed, state.seconds,
                         tuple(writer.failed), tuple(writer.page_ids), links)


def _new_pages(items: Iterable[Page | ReadFailure], store: Store, state: IngestProgress,
               writer: _Writer, lookahead: int = 256) -> Iterator[Page | ReadFailure]:
    """The items whose text is not stored yet (and not seen earlier in this run); a known text's new
    source is recorded. Hashes are looked up in batches: one query per `lookahead` items."""
    seen: set[str] = set()
    batch: list[tuple[Page | ReadFailure, str | None]] = []

    def flush() -> Iterator[Page | ReadFailure]:
        known = store.known(d for _, d in batch if d is not None)
        for item, digest in batch:
            if digest is None:
                yield item
            elif digest in known or digest in seen:
                state.already += 1
                assert isinstance(item, Page)
                # The same text from another source: recorded as one more source of the stored page
                # (after that page's own commit, when it is still being analysed in this run).
                sighting = Analysis(page=item, cleaning=Cleaning(), stories=())
                if digest in known:
                    writer.put(sighting)
                else:
                    writer.later.append(sighting)
            else:
                seen.add(digest)
                yield item
        batch.clear()

    for item in items:
        state.read += 1
        batch.append((item, content_hash(item) if isinstance(item, Page) else None))
        if len(batch) >= lookahead:
            yield from flush()
    yield from flush()


def _analysed(items: Iterable[Page | ReadFailure], config: IngestConfig,
              pipeline: PipelineConfig | Pipeline | None) -> Iterator[Result]:
    if config.workers == 1:
        built = pipeline if isinstance(pipeline, Pipeline) else None
        for item in items:
            if isinstance(item, ReadFailure):
                yield item
                continue
            if built is None:  # only once there is a page: a re-run over a stored crawl loads no model
                built = Pipeline(pipeline if isinstance(pipeline, PipelineConfig) else None)
            yield built.analyze_one(item)
        return
    settings = pipeline.config if isinstance(pipeline, Pipeline) else pipeline or PipelineConfig()
    # Results in input order, not in the order the workers finish: pages are stored, and so linked (in
    # store key order), in the same order whatever the worker count or timing: the same links.
    yield from analyze_in_processes(items, settings, PoolConfig(config.workers, chunk_pages=config.chunk_pages,
                                                                chunks_per_worker=config.queue_per_worker))


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: File names read as text or HTML inside a directory (for the progress total only).
_JSONL = (".jsonl", ".ndjson")
_UNCOUNTED = (".warc", ".warc.gz", ".arc", ".arc.gz")


def count_inputs(sources: Sequence[str]) -> int | None:
    """How many pages the sources hold, when that is cheap to know (files, directories, JSONL lines):
    the progress bar's ETA. None when any source cannot be counted without reading it (WARC, stdin)."""
    total = 0
    for source in sources:
        if source == "-":
            return None
        path = Path(source)
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            name = file.name.lower()
            if name.startswith("."):
                continue
            if name.endswith(_UNCOUNTED):
                return None
            if name.endswith(_JSONL):
                total += _count_lines(file)
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    lines = 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                lines += block.count(b"\n")
    except OSError:
        return 1  # unreadable: the reader reports it as one failure
    return lines


def check_workers(workers: int) -> int:
    if workers < 1:
        raise ConfigError("ND-E011", f"--workers must be at least 1, not {workers}")
    return workers
