"""serve.desk: what the routes work with, one set per app (`Desk`): the store pool (one store a worker
thread: a SQLite connection or a PostgreSQL session each, as neither engine's connection is meant for
concurrent use), the analysis slots (`Analyser`), the linker (one thread with its own store), and a
cache of the store-wide listings (entities, places, timeline), kept while no page is added.

Under hostile load (issue 24): analyses run in worker processes of their own (`Analyser`), so a long
one neither holds the GIL the request threads need nor grows this process; each page has a time budget
(past it the worker is killed: 422), and when every slot is taken and `analysis_queue` requests wait,
the next is answered 503 at once.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from fastapi import FastAPI

from newsdesk.analysis.pipeline import AnalysisFailure, Pipeline, Result
from newsdesk.errors import NewsdeskError, ReadFailure
from newsdesk.jobs.link import link_pages
from newsdesk.model import Page
from newsdesk.serve.config import OVER_BUDGET, ApiError, ServeConfig
from newsdesk.store import Store, open_store

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

T = TypeVar("T")

class StorePool:
    """Store calls on a fixed set of threads, each with its own store (opened on its first call), so
    requests read in parallel without sharing a connection; `close` closes every one."""

    def __init__(self, location: str | Path | None, threads: int) -> None:
        self.location = location
        first = open_store(location)  # opened here: a wrong location stops the server before it listens
        self.engine, self.where = first.engine, first.location
        self._opened: list[Store] = [first]
        self._spare: list[Store] = [first]
        self._local = threading.local()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="newsdesk-store")

    def _store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            with self._lock:
                store = self._spare.pop() if self._spare else None
            if store is None:
                store = open_store(self.location)
                with self._lock:
                    self._opened.append(store)
            self._local.store = store
        return store

    async def run(self, work: Callable[[Store], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: work(self._store()))

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


class ListingCache:
    """Answers of the store-wide listings (entities, places, timeline: an aggregate over every page, a few
    hundred ms at 10,000 pages), reused while the store's generation (`Store.generation`) is the same and
    for at most `ttl` seconds (another process may relink entities without adding a page). Used from the
    event loop's thread only."""

    def __init__(self, size: int = 256, ttl: float = 60.0) -> None:
        self.size, self.ttl = size, ttl
        self._answers: OrderedDict[str, tuple[tuple[int, int], float, bytes]] = OrderedDict()

    def get(self, key: str, generation: tuple[int, int]) -> bytes | None:
        found = self._answers.get(key)
        if found is None or found[0] != generation or time.monotonic() - found[1] > self.ttl:
            return None
        self._answers.move_to_end(key)
        return found[2]

    def put(self, key: str, generation: tuple[int, int], body: bytes) -> None:
        self._answers[key] = (generation, time.monotonic(), body)
        self._answers.move_to_end(key)
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)


@dataclass(frozen=True, slots=True)
class OverBudget(AnalysisFailure):
    """A page whose analysis passed the time budget and was stopped."""

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error, "code": OVER_BUDGET}


def _analysis_worker(conn: Connection, factory: Callable[[], Pipeline]) -> None:
    """An analysis process: build the pipeline, say so, then analyse each page sent until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops this process
    try:
        pipeline = factory()
    except Exception as exc:  # reported to the server, which answers the request with it
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", ""))
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        conn.send(pipeline.analyze_one(item))


def _rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux), 0 where /proc is not there."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Slot:
    """One analysis process, started on its first page (the pipeline takes seconds and hundreds of MB to
    build), killed at a page's time budget and started again for the next. Used by one thread at a time."""

    #: How long a new process may take to build its pipeline (not part of any page's budget).
    STARTUP_SECONDS = 300.0

    def __init__(self, factory: Callable[[], Pipeline], recycle_mb: int) -> None:
        self.factory, self.recycle_mb = factory, recycle_mb
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None

    def _start(self) -> Connection:
        # spawn, not fork: the server has threads (store pool, event loop) a forked child would inherit stuck.
        context = multiprocessing.get_context("spawn")
        conn, child = context.Pipe()
        process = context.Process(target=_analysis_worker, args=(child, self.factory), daemon=True,
                                  name="newsdesk-analysis")
        process.start()
        child.close()
        self.process, self.conn = process, conn
        if not conn.poll(self.STARTUP_SECONDS):
            self.stop()
            raise RuntimeError(f"the analysis process did not start in {self.STARTUP_SECONDS:g} s")
        kind, detail = conn.recv()
        if kind != "ready":
            self.stop()
            raise RuntimeError(f"the analysis process could not build its pipeline: {detail}")
        return conn

    def run(self, item: Page, budget: float) -> Result:
        try:
            conn = self.conn if self.conn is not None and self.process and self.process.is_alive() else self._start()
            conn.send(item)
            if not conn.poll(budget):
                self.stop()
                return OverBudget(item.source, f"[{OVER_BUDGET}] {item.source}: the analysis passed this server's "
                                               f"time budget of {budget:g} s and was stopped: send a shorter page")
            result: Result = conn.recv()
        except (EOFError, OSError, RuntimeError) as exc:  # the process died (killed, out of memory) or never started
            log.error("analysis process failed on %s: %s", item.source, exc)
            self.stop()
            return AnalysisFailure(item.source, f"[ND-E013] {item.source}: the analysis process failed "
                                                "(the server's log has why)")
        if self.process is not None and _rss_mb(self.process.pid or 0) > self.recycle_mb:
            self.stop()  # its memory high-water mark stays with it: the next page gets a fresh process
        return result

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(10)
        if self.conn is not None:
            self.conn.close()
        self.process = self.conn = None


class Analyser:
    """Analyses apart from the request threads, at most `analysis_slots` at once, each page within its
    time budget. A factory that can be sent to another process (the `Pipeline` class) runs in worker
    processes; one that cannot (a closure over a built pipeline, as the tests pass) runs on one thread of
    this process, with the same limits except that a page past its budget keeps that thread (and so the
    slot) until it ends: its request is answered at the budget all the same."""

    def __init__(self, factory: Callable[[], Pipeline], settings: ServeConfig) -> None:
        self._factory = factory
        self.budget, self.queue = settings.analysis_seconds, settings.analysis_queue
        try:
            pickle.dumps(factory)
            self.processes = True
        except (pickle.PicklingError, TypeError, AttributeError):
            self.processes = False
        slots = settings.analysis_slots if self.processes else 1  # spaCy's pipelines are not thread-safe
        self._idle = [_Slot(factory, settings.analysis_recycle_mb) for _ in range(slots if self.processes else 0)]
        self._gate = asyncio.Semaphore(slots)
        self._waiting = 0
        self._pipeline: Pipeline | None = None
        # Threads that wait on the processes (or, without processes, run the pipeline).
        self._executor = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="newsdesk-analyse")

    def _analyse_here(self, item: Page) -> Result:
        if self._pipeline is None:
            self._pipeline = self._factory()
        return self._pipeline.analyze_one(item)

    async def analyse(self, item: Page | ReadFailure) -> Result:
        """One page's result; an `OverBudget` failure past the budget; ApiError 503 when no slot is free."""
        if isinstance(item, ReadFailure):
            return item
        if self._waiting >= self.queue and self._gate.locked():
            raise ApiError(503, OVER_BUDGET, f"every analysis slot is busy and {self._waiting} requests wait: "
                                             "retry in a minute", {"Retry-After": "60"})
        self._waiting += 1
        try:
            await asyncio.wait_for(self._gate.acquire(), self.budget)
        except TimeoutError:
            raise ApiError(503, OVER_BUDGET, f"no analysis slot came free in {self.budget:g} s: retry in a minute",
                           {"Retry-After": "60"}) from None
        finally:
            self._waiting -= 1
        loop = asyncio.get_running_loop()
        if self.processes:
            slot = self._idle.pop()
            try:
                return await loop.run_in_executor(self._executor, slot.run, item, self.budget)
            finally:
                self._idle.append(slot)
                self._gate.release()
        work = loop.run_in_executor(self._executor, self._analyse_here, item)
        work.add_done_callback(lambda _: self._gate.release())  # the slot is free when the thread is
        done, _ = await asyncio.wait({work}, timeout=self.budget)
        if not done:
            return OverBudget(item.source, f"[{OVER_BUDGET}] {item.source}: the analysis passed this server's "
                                           f"time budget of {self.budget:g} s: send a shorter page")
        return work.result()

    def close(self) -> None:
        for slot in self._idle:
            slot.stop()  # a thread waiting on a killed process returns at once
        self._executor.shutdown(wait=True)


class Linker:
    """Links stored pages to the rest of the corpus (`newsdesk.jobs.link.link_pages`, as `newsdesk ingest`
    does) on one thread with its own store, so `POST /pages` answers once its pages are stored. Requests
    made while a run is queued share it; one made during a run queues the next (it links what is new)."""

    def __init__(self, location: str | Path | None) -> None:
        self.location = location
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._queued = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-link")

    def queue(self) -> None:
        with self._lock:
            if self._queued:
                return
            self._queued = True
        self._executor.submit(self._run)

    def _run(self) -> None:
        with self._lock:
            self._queued = False
        try:
            if self._store is None:
                self._store = open_store(self.location)
            summary = link_pages(self._store)
            log.info("linked the posted pages: %s", summary)
        except NewsdeskError as exc:
            log.warning("linking the posted pages failed: %s", exc)
        except Exception:  # a bug in linking must not stop later runs; the traceback goes to the log
            log.error("linking the posted pages failed", exc_info=True)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        if self._store is not None:
            self._store.close()


@dataclass(frozen=True, slots=True)
class Desk:
    """One app's services, which its routes reach through `desk_of(request.app)`: no global state, so
    two apps in one process (the tests build many) share nothing."""

    settings: ServeConfig
    pool: StorePool
    analyser: Analyser
    linker: Linker
    listings: ListingCache
    #: The bearer token writes need; None serves reads only (writes answer 403).
    token: str | None

    def close(self) -> None:
        self.analyser.close()
        self.linker.close()
        self.pool.close()


def desk_of(app: FastAPI) -> Desk:
    """The `Desk` that `create_app` gave `app`."""
    desk = app.state.desk
    if not isinstance(desk, Desk):
        raise TypeError("this app has no newsdesk Desk: build it with newsdesk.serve.app.create_app")
    return desk


__all__ = ["Analyser", "Desk", "Linker", "ListingCache", "OverBudget", "StorePool", "desk_of"]
