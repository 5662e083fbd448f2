#!/usr/bin/env python3
"""The HTTP API under load: requests/s and p50/p99 latency of `/search` and `/pages/{id}` on a store of
10,000 analysed pages, with C concurrent clients on loopback (target: p99 <= 100 ms at 50 clients, 0 errors).

    python -m bench.api [--data DIR] [--db PATH] [--pages 10000] [--analysed 200] [--clients 50]
                        [--requests 20000] [--seconds 60] [--warmup 500] [--threads 4] [--seed 1]

The store: `--db PATH` is reused when it holds at least `--pages` pages (built there when it does not,
and kept); without `--db`, a temporary SQLite file is built and deleted at the end. It is built as
bench/corpus.py builds its stores, from `build_corpus` pages of DIR (default `<repo>/../shared/data`:
guardian2022 and ecbplus; the bench says it is skipped when neither is there): K (`--analysed`) pages
analysed once, then N (`--pages`) re-targeted copies written (distinct texts, every offset valid).

The server is the real one: `python -m newsdesk.cli.main serve --db DB` in a subprocess on a free loopback
port, stopped at the end. The clients are C asyncio tasks sharing one aiohttp session (keep-alive,
at most C connections), each sending its next request as soon as its last one is answered (a closed
loop: C requests are always in flight). Requests alternate between `/search` (the mix of query kinds
of bench/corpus.py: words of high, middle and low document frequency, phrases, entity, place, origin
and date facets with and without words) and `/pages/{id}` (ids drawn evenly from the store). The first
`--warmup` requests are not measured; then the run stops after `--requests` requests or `--seconds`,
whichever comes first. An error is any answer that is not 200, or a request that failed or took over
10 s. Figures are printed last as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from bench.corpus import (
    ECBPLUS,
    GUARDIAN,
    build_corpus,
    data_available,
    load_sources,
    make_queries,
    percentile,
    retargeted,
    to_pages,
)

BENCH = "api"
REPO = Path(__file__).resolve().parent.parent
#: A request that takes longer than this counts as an error (and ends).
REQUEST_TIMEOUT_S = 10.0


def log(message: str) -> None:
    print(f"api: {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ the store
def build_store(where: str, args: argparse.Namespace) -> tuple[list[Any], int]:
    """Reuse the store at `where` when it holds enough pages, else write them; (bases, pages)."""
    from newsdesk.analysis.pipeline import Pipeline
    from newsdesk.model import Analysis
    from newsdesk.store import open_store

    sources = load_sources(args.data)
    with open_store(where) as store:
        held = store.status().pages
    corpus = build_corpus(args.data, args.analysed, args.seed, sources=sources)
    if held >= args.pages:
        log(f"reusing {where}: {held} pages")
        # Queries are drawn from analyses; the corpus is deterministic, so the same pages are analysed
        # again (fewer of them: enough to draw words and names from).
        items = [next(corpus) for _ in range(min(args.analysed, 60))]
        bases = [r for r in Pipeline().analyze_many(to_pages(items), workers=2) if isinstance(r, Analysis)]
        return bases, held
    t0 = time.perf_counter()
    items = list(corpus)
    log(f"analysing {len(items)} pages (2 processes)")
    bases = [r for r in Pipeline().analyze_many(to_pages(items), workers=2) if isinstance(r, Analysis)]
    log(f"analysed {len(bases)} in {time.perf_counter() - t0:.0f} s; writing {args.pages - held} pages")
    rng = random.Random(f"trailers:{args.seed}")
    with open_store(where) as store:
        batch: list[Any] = []
        for j in range(held, args.pages):
            batch.append(retargeted(bases[j % len(bases)], j, rng.choice(sources.titles), args.seed))
            if len(batch) == 250 or j == args.pages - 1:
                store.add(batch)
                batch = []
        pages = store.status().pages
    log(f"store ready: {pages} pages in {time.perf_counter() - t0:.0f} s")
    return bases, pages


def page_ids(where: str) -> list[str]:
    from newsdesk.store import open_store

    with open_store(where) as store:
        return [page.id for page in store.pages(batch=2000)]


def search_params(queries: Sequence[Any]) -> list[tuple[str, dict[str, str]]]:
    """(kind, query string parameters) of each `SearchQuery`, as the web desk sends them."""
    out = []
    for q in queries:
        query = q.query
        params = {"q": query.text, "entity": query.entity, "place": query.place, "origin": query.origin,
                  "from": query.date_from.isoformat() if query.date_from else None,
                  "to": query.date_to.isoformat() if query.date_to else None}
        out.append((q.kind, {k: v for k, v in params.items() if v}))
    return out


# ------------------------------------------------------------------ the server
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int, threads: int, workers: int, log_path: Path) -> subprocess.Popen[bytes]:
    handle = log_path.open("wb")
    server = subprocess.Popen([sys.executable, "-m", "newsdesk.cli.main", "serve", "--db", db, "--port", str(port),
                               "--threads", str(threads), "--workers", str(workers)],
                              stdout=handle, stderr=subprocess.STDOUT,
                              env={k: v for k, v in os.environ.items() if k != "NEWSDESK_TOKEN"})
    handle.close()
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=5):
                return server
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None or time.monotonic() > deadline:
                stop_server(server)
                said = log_path.read_text(errors="replace")[-2000:]
                raise SystemExit(f"api: the server did not start: {said}") from None
            time.sleep(0.3)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) of a process and its descendants, from /proc (Linux); None elsewhere."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        total, todo = 0.0, [pid]
        while todo:
            current = todo.pop()
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        return total
    except (OSError, ValueError, IndexError):
        return None


# ------------------------------------------------------------------ the load
async def load(base: str, plan: list[tuple[str, str, dict[str, str]]], clients: int, warmup: int,
               seconds: float) -> dict[str, Any]:
    """Run `plan` (endpoint, path, params) with `clients` requests in flight; the measured figures."""
    # aiohttp, not httpx: the clients share the server's two cores, and httpx spent 1.45 ms of client
    # CPU a request here, aiohttp (its HTTP parser is C) 0.28: the server's latency is what is measured,
    # so the clients must take as little of the machine as they can.
    import aiohttp

    latencies: dict[str, list[float]] = {"search": [], "page": []}
    errors: Counter[str] = Counter()
    sent = 0
    measured_from = 0.0
    deadline = [float("inf")]

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal sent, measured_from
        while sent < len(plan) and time.perf_counter() < deadline[0]:
            index = sent
            sent += 1
            if index == warmup:
                measured_from = time.perf_counter()
                deadline[0] = measured_from + seconds
            endpoint, path, params = plan[index]
            t0 = time.perf_counter()
            try:
                async with session.get(base + path, params=params) as answer:
                    await answer.read()
                    ok = answer.status == 200
                    why = f"HTTP {answer.status}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                ok, why = False, type(exc).__name__
            ms = (time.perf_counter() - t0) * 1000
            if index < warmup:
                continue
            latencies[endpoint].append(ms)
            if not ok:
                errors[f"{endpoint} {why}"] += 1

    # At most one keep-alive connection a client, as C browsers would hold.
    connector = aiohttp.TCPConnector(limit=clients, limit_per_host=clients)
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)) as session:
        await asyncio.gather(*(worker(session) for _ in range(clients)))
    wall = time.perf_counter() - measured_from if measured_from else 0.0
    done = sum(len(v) for v in latencies.values())
    figures: dict[str, Any] = {"requests": done, "seconds": round(wall, 2),
                               "requests_per_s": round(done / wall, 1) if wall else None,
                               "errors": sum(errors.values()), "errors_by_kind": dict(errors)}
    for endpoint, values in latencies.items():
        if values:
            figures[f"{endpoint}_n"] = len(values)
            figures[f"{endpoint}_p50_ms"] = round(percentile(values, 0.5), 1)
            figures[f"{endpoint}_p99_ms"] = round(percentile(values, 0.99), 1)
            figures[f"{endpoint}_max_ms"] = round(max(values), 1)
    every = [ms for values in latencies.values() for ms in values]
    if every:
        figures["p50_ms"] = round(percentile(every, 0.5), 1)
        figures["p99_ms"] = round(percentile(every, 0.99), 1)
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding guardian2022/ and ecbplus/")
    ap.add_argument("--db", default=None, help="a SQLite file to reuse or build (default: a temporary one)")
    ap.add_argument("--pages", type=int, default=10_000, help="N: pages in the store")
    ap.add_argument("--analysed", type=int, default=200, help="K: pages analysed once, then re-targeted")
    ap.add_argument("--clients", type=int, default=50, help="C: requests in flight")
    ap.add_argument("--requests", type=int, default=20_000, help="measured requests at most")
    ap.add_argument("--seconds", type=float, default=60.0, help="measured seconds at most")
    ap.add_argument("--warmup", type=int, default=500, help="requests sent first and not measured")
    ap.add_argument("--threads", type=int, default=2, help="the server's store threads (newsdesk serve --threads)")
    ap.add_argument("--workers", type=int, default=2, help="the server's processes (newsdesk serve --workers)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if min(args.pages, args.analysed, args.clients, args.requests, args.threads, args.workers) < 1 or args.seconds <= 0:
        ap.error("--pages, --analysed, --clients, --requests, --threads, --workers and --seconds must be positive")
    if args.db and args.db.startswith(("postgresql://", "postgres://")):
        ap.error("--db: this bench builds and reuses SQLite stores only")
    if not data_available(args.data):
        skip(BENCH, f"{args.data / GUARDIAN} and {args.data / ECBPLUS} are absent")

    started = time.perf_counter()
    temp = Path(tempfile.mkdtemp(prefix="newsdesk-api-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed bench still stops its server
    server: subprocess.Popen[bytes] | None = None
    try:
        where = args.db or str(temp / "api.db")
        bases, pages = build_store(where, args)
        ids = page_ids(where)
        rng = random.Random(f"api:{args.seed}")
        total = args.warmup + args.requests
        searches = search_params(make_queries(bases, total // 2 + 1, args.seed, pages))
        plan: list[tuple[str, str, dict[str, str]]] = []
        for i in range(total):
            if i % 2 == 0:
                _, params = searches[i // 2]
                plan.append(("search", "/search", params))
            else:
                plan.append(("page", f"/pages/{rng.choice(ids)}", {}))
        port = free_port()
        log(f"serving {pages} pages on 127.0.0.1:{port}; {args.clients} clients, {args.warmup} warm-up + "
            f"up to {args.requests} requests or {args.seconds:g} s")
        server = start_server(where, port, args.threads, args.workers, temp / "server.log")
        server_cpu, client_cpu = tree_cpu_seconds(server.pid), time.process_time()
        figures = asyncio.run(load(f"http://127.0.0.1:{port}", plan, args.clients, args.warmup, args.seconds))
        # CPU a request (warm-up included, as the CPU was spent on it too): where the two cores went.
        sent = args.warmup + figures["requests"]
        server_after = tree_cpu_seconds(server.pid)
        if server_cpu is not None and server_after is not None:
            figures["server_cpu_ms_per_request"] = round((server_after - server_cpu) * 1000 / sent, 2)
        figures["client_cpu_ms_per_request"] = round((time.process_time() - client_cpu) * 1000 / sent, 2)
        log(f"{figures['requests']} requests in {figures['seconds']} s: {figures['requests_per_s']}/s, "
            f"search p50 {figures.get('search_p50_ms')} p99 {figures.get('search_p99_ms')} ms, page p50 "
            f"{figures.get('page_p50_ms')} p99 {figures.get('page_p99_ms')} ms, {figures['errors']} errors")
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(temp, ignore_errors=True)
    last_line({"bench": BENCH, "pages": pages, "clients": args.clients, "workers": args.workers,
               "threads": args.threads, "target_p99_ms": 100, **figures, "loadavg": round(os.getloadavg()[0], 2),
               "seconds_total": round(time.perf_counter() - started, 1)})


if __name__ == "__main__":
    main()
