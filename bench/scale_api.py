#!/usr/bin/env python3
"""The API while it analyses a large page (issue 24): `/search` latency idle and during one `POST /analyze`
of a page of many short paragraphs, and how that analysis ends (its time, its status).

    python -m bench.scale_api [--paragraphs 2000] [--clients 2] [--idle-seconds 10] [--pages 20]

The server is the real one, `python -m newsdesk.cli.main serve` on a temporary SQLite store and a free loopback
port (its default limits: analyses in a process of their own, a 30 s budget a page, 200,000 characters at
most), stopped at the end. `--pages` small invented pages are posted first through `POST /pages` (which
also starts the analysis process), then C clients search in a closed loop for `--idle-seconds`, then
again while the large page is analysed. Before issue 24 the analysis ran on a thread of the server's
process: 8,000 paragraphs took 110 s and +1.1 GB, and `/search` p50 went from 11 to 193 ms. Figures are
printed last as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import last_line

BENCH = "scale_api"
TOKEN = "bench-token-0123456789abcdef"
CITIES = ["Oslo", "Bergen", "Kyiv", "Lima", "Berlin", "Madrid", "Warsaw", "Nairobi", "Quito", "Hanoi"]
QUERIES = ["council", "Oslo", "minister", "\"city council\"", "port OR harbour", "Reuters", "budget", "Lima"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _call(url: str, body: Any = None, timeout: float = 300) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="GET" if body is None else "POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _search_load(base: str, clients: int, stop: threading.Event) -> tuple[list[float], int]:
    """Search from `clients` threads until `stop`; every request's seconds, and the errors."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(index: int) -> None:
        n = index
        while not stop.is_set():
            query = urllib.parse.quote(QUERIES[n % len(QUERIES)])
            n += 1
            started = time.perf_counter()
            try:
                status, _ = _call(f"{base}/search?q={query}", timeout=30)
            except OSError:
                status = 0
            with lock:
                times.append(time.perf_counter() - started)
                errors[0] += status != 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    stop.wait()
    for thread in threads:
        thread.join()
    return times, errors[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=2000, help="short paragraphs in the large page")
    parser.add_argument("--clients", type=int, default=2, help="concurrent /search clients")
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="how long to measure /search idle")
    parser.add_argument("--pages", type=int, default=20, help="small pages posted first")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="newsdesk-scale-api-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (folder / "server.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "newsdesk.cli.main", "serve", "--db", str(folder / "desk.db"),
                               "--port", str(port)], env={**os.environ, "NEWSDESK_TOKEN": TOKEN},
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/openapi.json", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if server.poll() is not None or time.monotonic() > deadline:
                    print((folder / "server.log").read_text()[-2000:], file=sys.stderr)
                    raise SystemExit(f"{BENCH}: the server did not start") from None
                time.sleep(0.2)
        started = time.monotonic()
        pages = [{"text": f"{city.upper()} (Reuters) - The city council of {city} approved a budget for the "
                          f"port on Monday, the minister said.\n\nPage {n} of the bench.\n", "date": "2024-03-11"}
                 for n, city in enumerate(CITIES * (args.pages // len(CITIES) + 1))][:args.pages]
        status, stored = _call(f"{base}/pages", pages)
        assert status == 200, stored
        print(f"{BENCH}: {len(stored['stored'])} pages posted in {time.monotonic() - started:.1f} s "
              "(with the analysis process's start)", file=sys.stderr)

        stop = threading.Event()
        timer = threading.Timer(args.idle_seconds, stop.set)
        timer.start()
        idle, idle_errors = _search_load(base, args.clients, stop)

        paragraph = "The mayor of Oslo met the minister of finance in Bergen on Tuesday, Reuters reported.\n\n"
        large = paragraph * args.paragraphs
        outcome: dict[str, Any] = {}

        def analyse() -> None:
            began = time.monotonic()
            outcome["status"], answer = _call(f"{base}/analyze", {"text": large})
            outcome["seconds"] = time.monotonic() - began
            outcome["error"] = answer.get("error", {}).get("code") if isinstance(answer, dict) else None
            stop.set()

        stop = threading.Event()
        analysis = threading.Thread(target=analyse)
        analysis.start()
        during, during_errors = _search_load(base, args.clients, stop)
        analysis.join()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    figures = {"bench": BENCH, "page_chars": len(large), "paragraphs": args.paragraphs,
               "analysis_status": outcome.get("status"), "analysis_error": outcome.get("error"),
               "analysis_s": round(outcome.get("seconds", float("nan")), 2), "clients": args.clients,
               "idle_requests": len(idle), "idle_p50_ms": round(_percentile(idle, 0.5) * 1000, 1),
               "idle_p95_ms": round(_percentile(idle, 0.95) * 1000, 1),
               "during_requests": len(during), "during_p50_ms": round(_percentile(during, 0.5) * 1000, 1),
               "during_p95_ms": round(_percentile(during, 0.95) * 1000, 1),
               "search_errors": idle_errors + during_errors}
    print(f"{BENCH}: /search p50/p95 idle {figures['idle_p50_ms']}/{figures['idle_p95_ms']} ms, during the "
          f"analysis {figures['during_p50_ms']}/{figures['during_p95_ms']} ms; the analysis of "
          f"{len(large):,} characters answered {figures['analysis_status']} ({figures['analysis_error']}) in "
          f"{figures['analysis_s']} s", file=sys.stderr)
    last_line(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
