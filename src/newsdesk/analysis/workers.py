"""workers: the one pool of analysis processes, used by `Pipeline.analyze_many` and by `newsdesk ingest`.

    results = analyze_pooled(items, build, failed, PoolConfig(workers=4))   # in input order

Each worker process builds its analyser once (`build()`: models and gazetteer, seconds and a few hundred
MB), never per page. Workers ignore Ctrl-C, which reaches the whole process group: the parent decides
what to keep and shuts the pool down. Each worker stops itself once its parent is gone, so a parent
killed with `kill -9` leaves no orphan holding a pipeline's memory. Pages go out in chunks with at most
`chunks_per_worker` chunks per worker in flight, so memory stays flat however long the input; read
failures never travel to a worker, and come back in their place among the results.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from newsdesk.errors import ReadFailure, check_numbers
from newsdesk.model import Page

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Analyser(Protocol[R_co]):
    """What a worker runs on each page: `Pipeline` is one."""

    def analyze_one(self, item: Page) -> R_co: ...


@dataclass(frozen=True, slots=True)
class PoolConfig:
    #: Analysis processes.
    workers: int
    #: Pages sent to a worker at a time (fewer round trips than one by one).
    chunk_pages: int = 4
    #: Chunks in flight per worker: every core kept busy without reading the whole input into memory.
    chunks_per_worker: int = 4

    def __post_init__(self) -> None:
        check_numbers(self, "pool", ("workers", "chunk_pages", "chunks_per_worker"), whole=True, minimum=1)


def analyze_pooled(items: Iterable[Page | ReadFailure], build: Callable[[], Analyser[R]],
                   failed: Callable[[Page, BaseException], R], config: PoolConfig) -> Iterator[R | ReadFailure]:
    """Each page's result from a pool of `config.workers` processes, in input order, a read failure as it is.

    `build` makes a worker's analyser and `failed` the result of a page whose worker raised past its
    analyser (both run in the worker, so with a spawning start method they must pickle: a class, a
    module-level function, a `functools.partial` of them). Results come in input order, not in the
    order the workers finish, so whatever the worker count or timing, the same input gives the same
    output. Closing the iterator (Ctrl-C in the parent, a consumer that stops early) cancels the
    queued chunks and waits for the running ones."""
    limit = config.workers * config.chunks_per_worker
    queued: deque[tuple[list[Page | ReadFailure], Future[list[R]] | None]] = deque()
    pool = ProcessPoolExecutor(max_workers=config.workers, initializer=_start_worker, initargs=(build, failed))
    try:
        for chunk in _chunks(items, config.chunk_pages):
            pages = [item for item in chunk if isinstance(item, Page)]
            queued.append((chunk, pool.submit(_analyze_chunk, pages) if pages else None))
            # The oldest chunk goes out as soon as it is done; past the limit, the next chunk waits for it.
            while queued and (len(queued) > limit or queued[0][1] is None or queued[0][1].done()):
                yield from _in_order(*queued.popleft())
        while queued:
            yield from _in_order(*queued.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_order(chunk: list[Page | ReadFailure], future: Future[list[R]] | None) -> Iterator[R | ReadFailure]:
    """A chunk's results in its own order: its read failures as they are, its pages' results."""
    analysed = iter(future.result() if future is not None else ())
    for item in chunk:
        yield item if isinstance(item, ReadFailure) else next(analysed)


def _chunks(items: Iterable[Page | ReadFailure], size: int) -> Iterator[list[Page | ReadFailure]]:
    chunk: list[Page | ReadFailure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True, slots=True)
class _Worker(Generic[R]):
    analyser: Analyser[R]
    failed: Callable[[Page, BaseException], R]


# This process's analyser when it is a pool worker: built once, by the pool's initializer.
_worker: _Worker[Any] | None = None


def _start_worker(build: Callable[[], Analyser[Any]], failed: Callable[[Page, BaseException], Any]) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent decides what to keep, workers just go on.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker = _Worker(build(), failed)


def _exit_with_parent(parent: int) -> None:
    """A killed parent (kill -9) cannot stop its pool: each worker stops itself once its parent is gone,
    instead of holding a pipeline's memory as an orphan."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _analyze_chunk(pages: list[Page]) -> list[Any]:
    worker = _worker
    if worker is None:
        raise RuntimeError("_analyze_chunk runs only in a pool worker, after _start_worker")
    try:
        return [worker.analyser.analyze_one(page) for page in pages]
    except BaseException as exc:  # the analyser turns page errors into values: this is the worker failing
        return [worker.failed(page, exc) for page in pages]
