"""`newsdesk spark analyze` under faults (issue 26): a Python worker killed mid-job and a WARC cut mid-record.

The command runs as a user runs it, in its own process, on `local[2,4]` (two cores, a task tried up to four
times). While it analyses, one of its Python workers is killed with SIGKILL: Spark runs that task again, and
the output still holds each page once. The archive's cut record is an error row, not a failed job. Skipped,
saying why, where pyspark or Java is missing, or with NEWSDESK_SPARK_TESTS=0.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.jobs.test_spark import needs_spark

TOWNS = ["Kalmar", "Halden", "Tartu", "Kaunas", "Turku", "Bergen", "Aarhus", "Gdansk", "Riga", "Vaasa", "Oulu",
         "Malmo", "Espoo", "Pori", "Narva", "Liepaja", "Klaipeda", "Lund", "Umea", "Skien"]
#: The Python processes Spark starts for its tasks on a local master (see `newsdesk.jobs.spark.session`).
DAEMON = b"newsdesk.jobs.spark.daemon"
#: CPU seconds a worker has spent when it is killed: past building its pipeline, into the pages.
KILL_AFTER_CPU_SECONDS = 6.0
#: CPU a worker must gain between two samples to count as running a task: two clock ticks.
BUSY_CPU_SECONDS = 2 / os.sysconf("SC_CLK_TCK")


def _page(town: str, k: int) -> str:
    sentences = [f"{town.upper()}, May {k % 27 + 1} (Reuters) - The council of {town} said on Monday that {k + 3} "
                 f"schools would close for repairs after a storm damaged their roofs."]
    sentences += [f"Mayor Ana Berg said the work in {town} would cost {k + 2} million euros and take until "
                  f"September, and that pupils would be taught in {k % 5 + 2} other buildings meanwhile."] * 6
    return "\n\n".join(sentences) + "\n"


def _crawl(root: Path) -> tuple[Path, int]:
    """Text pages in a folder and a WARC archive of three pages whose last record is cut off; with the
    number of whole pages."""
    crawl = root / "crawl"
    crawl.mkdir()
    for k in range(48):
        (crawl / f"{k:02d}.txt").write_text(_page(TOWNS[k % len(TOWNS)], k), encoding="utf-8")
    archive = io.BytesIO()
    writer = WARCWriter(archive, gzip=True)
    for slug in ("ferry", "bridge", "tunnel"):
        body = (f"<html><head><title>The {slug}</title></head><body><article><h1>The {slug}</h1><p>The {slug} "
                f"in Kalmar will close for a month from Tuesday, the council said on Monday.</p>"
                f"<p>{'Buses will run instead while repairs go on. ' * 12}</p></article></body></html>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{slug}", "response",
                                                      payload=io.BytesIO(body), length=len(body), http_headers=http))
    data = archive.getvalue()
    (crawl / "capture.warc.gz").write_bytes(data[:int(len(data) * 0.8)])  # the third record's end is gone
    return crawl, 48 + 2


def _workers(parent: int) -> dict[int, float]:
    """The Python worker processes under `parent` (forked by the daemon), with the CPU seconds each has used."""
    children: dict[int, list[int]] = {}
    found: dict[int, float] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(proc.name))
            if DAEMON in (proc / "cmdline").read_bytes():
                found[int(proc.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while it was read
    under, todo = set(), [parent]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, ()):
            under.add(child)
            todo.append(child)
    # The daemon forks the workers: a daemon process whose parent is a daemon process is a worker.
    return {pid: cpu for pid, cpu in found.items() if pid in under and _parent(pid) in found}


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _newsdesk(log: Path, *args: str) -> subprocess.Popen[bytes]:
    """The command in its own process, its output to `log`.out and `log`.err (files: a pipe left unread
    while the job runs would fill with Spark's warnings and stop it)."""
    with log.with_suffix(".out").open("wb") as out, log.with_suffix(".err").open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", "newsdesk.cli.main", *args], stdout=out, stderr=err)


def _finished(job: subprocess.Popen[bytes], log: Path) -> tuple[str, str]:
    job.wait(timeout=900)
    return (log.with_suffix(".out").read_text(encoding="utf-8", errors="replace"),
            log.with_suffix(".err").read_text(encoding="utf-8", errors="replace"))


@needs_spark
@pytest.mark.timeout(900)
def test_a_killed_worker_and_a_cut_archive_leave_each_page_once(tmp_path: Path) -> None:
    crawl, whole = _crawl(tmp_path)
    out = tmp_path / "out"
    job = _newsdesk(tmp_path / "analyze", "spark", "analyze", str(crawl), "--out", str(out), "--master",
                    "local[2,4]", "--partitions", "4")
    err = (tmp_path / "analyze").with_suffix(".err")
    kills: list[float] = []
    before: dict[int, float] = {}
    streak: dict[int, int] = {}
    while job.poll() is None and "Lost task" not in err.read_text(errors="replace"):
        now = _workers(job.pid)
        # Busy (its CPU time grew in two samples running), not idle between tasks. Any growth counts, not a
        # share of the interval: on a loaded machine a busy worker gets a small share of a core.
        streak = {pid: streak.get(pid, 0) + 1 for pid, cpu in now.items()
                  if cpu >= KILL_AFTER_CPU_SECONDS and cpu - before.get(pid, cpu) >= BUSY_CPU_SECONDS}
        busy = [pid for pid, runs in streak.items() if runs >= 2]
        # A kill that met a worker between tasks loses none: after a few seconds another is killed (each
        # task may be tried four times).
        if busy and len(kills) < 3 and (not kills or time.monotonic() - kills[-1] > 5):
            os.kill(busy[0], signal.SIGKILL)
            kills.append(time.monotonic())
            streak.pop(busy[0])
        before = now
        time.sleep(0.2)
    stdout, stderr = _finished(job, tmp_path / "analyze")
    assert kills, f"the job ended before a worker spent {KILL_AFTER_CPU_SECONDS} s of CPU: {stderr[-999:]}"
    # Exit 1: an input failed (the cut record), said on stderr; the job itself finished.
    assert job.returncode == 1, stderr[-3000:]
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert (summary["analysed"], summary["unreadable"], summary["failed"]) == (whole, 1, 0), summary
    assert "1 inputs failed" in stderr
    assert "Lost task" in stderr, "the killed worker was running no task"  # Spark ran that task again
    # Loaded into a store, the output holds each page once and the cut record as one failure.
    load = _newsdesk(tmp_path / "load", "load", str(out), "--db", str(tmp_path / "desk.db"), "--json", "--no-link")
    stdout, stderr = _finished(load, tmp_path / "load")
    assert load.returncode == 0, stderr[-3000:]
    loaded = json.loads(stdout.strip().splitlines()[-1])
    assert (loaded["rows"], loaded["pages"], loaded["failures"]) == (whole + 1, whole, 1), loaded
