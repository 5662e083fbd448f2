"""`newsdesk ingest` and the corpus commands end to end: a crawl of real text in, a store out; bad
inputs reported and kept as failures; an ingest killed with SIGKILL at several points resumes to
exactly the pages of an uninterrupted run."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.analysis.pipeline import PipelineConfig
from newsdesk.cli.main import main
from newsdesk.errors import StoreError
from newsdesk.jobs.ingest import IngestConfig, count_inputs, ingest
from newsdesk.read.files import ReadConfig, read_sources
from newsdesk.store import open_store
from newsdesk.store.sqlite import SQLiteStore
from tests.corpus_pages import HALDEN_AP, KIEV_CNN, KYIV_REUTERS

TEXTS = (KYIV_REUTERS, KIEV_CNN, HALDEN_AP)
UPDATES = ("The story was updated with more detail.", "An earlier version misstated a date.",
           "Additional reporting by the desk.", "This article has been corrected.")


def crawl(folder: Path, pages: int) -> Path:
    """`pages` distinct pages: the three reports, each with another update line at its end."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(pages):
        text = TEXTS[n % 3] + f"{UPDATES[n % 4]} Page {n + 1} of the crawl.\n"
        (folder / f"page{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def stored(db: Path) -> dict[str, str]:
    """page id → analysis JSON of every page in a SQLite store, read without newsdesk; {} for a store
    killed before its schema was created (its first transaction never committed)."""
    with sqlite3.connect(db) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'pages'").fetchone():
            return {}
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'page_analyses'").fetchone():
            return dict(conn.execute("SELECT id, analysis FROM pages").fetchall())  # killed between migrations
        return dict(conn.execute("SELECT p.id, a.analysis FROM pages p JOIN page_analyses a ON a.pk = p.pk").fetchall())


def test_ingest_search_show_entity_export(tmp_path: Path) -> None:
    pages = crawl(tmp_path / "crawl", 3)
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"id": "a1", "text": KIEV_CNN + "Updated.\n", "date": "2022-05-21",
                                 "url": "https://example.com/a1"}) + "\n{not json\n", encoding="utf-8")
    binary = tmp_path / "crawl" / "odd.txt"
    binary.write_bytes(bytes(range(256)) * 8)  # not text in any encoding
    db = tmp_path / "desk.db"
    code, out, err = run(["ingest", str(pages), str(jsonl), "--db", str(db), "--workers", "1"])
    assert code == 1, err  # some inputs failed: said, and the rest are stored
    out = " ".join(out.split())  # the summary is wrapped to the terminal's width where the path is long
    assert "ingested 6 inputs" in out and "4 new pages" in out and "2 failed" in out
    assert "more.jsonl:2" in err and "odd.txt" in err
    code, out, _ = run(["status", "--db", str(db)])
    assert "4 pages" in out and "2 failed inputs" in out and "more.jsonl:2" in out
    # Again: nothing new is analysed; the failures are tried again and still fail.
    code, out, err = run(["ingest", str(pages), str(jsonl), "--db", str(db), "--workers", "1", "--json"])
    summary = json.loads(out)
    assert (summary["new"], summary["already"], summary["failed"]) == (0, 4, 2)

    code, out, _ = run(["search", "Duda", "--db", str(db), "--json"])
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(hits) == 2 and all(h["origins"] == ["CNN"] for h in hits)
    assert all(h["snippet"][s:e] == "Duda" for h in hits for s, e in h["marks"])
    code, out, _ = run(["search", "Duda", "--from", "2022-05-21", "--to", "2022-05-21", "--db", str(db)])
    assert out.count("2022-05-21") == 1 and "[Duda]" in out
    page_id = hits[0]["page_id"]
    code, out, _ = run(["show", page_id[:8], "--db", str(db), "--no-color"])
    assert code == 0 and f"page {page_id}" in out and "story 1 [CNN]" in out
    code, out, _ = run(["show", page_id, "--db", str(db), "--json"])
    assert json.loads(out)["schema"] == "newsdesk.analysis/1"
    code, out, _ = run(["entity", "Zelensky", "--db", str(db)])
    assert "Zelenskiy" in out and "Zelensky" in out and "2 pages" not in out  # 3 pages name him
    code, out, _ = run(["export", "--format", "geojson", "--db", str(db)])
    assert json.loads(out)["type"] == "FeatureCollection"


def test_bad_store_and_ids_are_clear_errors(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    code, _, err = run(["show", "0123456789abcdef", "--db", str(db)])
    assert code == 1 and "ND-E022" in err and "no page" in err
    code, _, err = run(["search", "x", "--from", "22 May", "--db", str(db)])
    assert code == 2 and "--from" in err
    junk = tmp_path / "junk.db"
    junk.write_text("not a database " * 100, encoding="utf-8")
    code, _, err = run(["status", "--db", str(junk)])
    assert code == 1 and "ND-E020" in err and str(junk) in err
    code, _, err = run(["ingest", "--db", str(db)])
    assert code == 2 and "ingest needs" in err


def test_count_inputs_for_the_eta(tmp_path: Path) -> None:
    folder = crawl(tmp_path / "crawl", 5)
    (folder / "records.jsonl").write_text('{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    assert count_inputs([str(folder)]) == 7
    (folder / "archive.warc.gz").write_bytes(b"")
    assert count_inputs([str(folder)]) is None  # a WARC's records are not counted up front
    assert count_inputs(["-"]) is None


def test_in_process_ingest_records_every_source_of_one_text(tmp_path: Path, store_location: Path | str) -> None:
    folder = crawl(tmp_path / "crawl", 2)
    (folder / "copy.txt").write_text((folder / "page000.txt").read_text(encoding="utf-8"), encoding="utf-8")
    with open_store(store_location) as store:
        summary = ingest(read_sources([str(folder)], ReadConfig()), store, IngestConfig(workers=1),
                         pipeline=PipelineConfig())
        assert (summary.new, summary.already, summary.failed) == (2, 1, 0)
        page = store.page(summary.page_ids[0])
        assert len(page.sources) == 2 and {Path(s).name for s in page.sources} == {"page000.txt", "copy.txt"}


def _newsdesk_processes(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to watch the ingest's processes")
def test_a_killed_ingest_resumes_to_exactly_the_uninterrupted_pages(tmp_path: Path) -> None:
    pages = crawl(tmp_path / "crawl", 18)
    command = [sys.executable, "-m", "newsdesk.cli.main", "ingest", str(pages), "--commit-pages", "2",
               "--no-progress", "--db"]
    whole = tmp_path / "whole.db"
    subprocess.run([*command, str(whole), "--workers", "1"], check=True, capture_output=True, timeout=600)
    expected = stored(whole)
    assert len(expected) == 18

    # Kill points: before the first commit, early, late; one of them with a pool of workers.
    for kill_after, workers in ((0, "1"), (3, "2"), (12, "1")):
        db = tmp_path / f"killed-{kill_after}.db"
        process = subprocess.Popen([*command, str(db), "--workers", workers],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if kill_after == 0 and db.exists():
                break
            if db.exists() and _count(db) >= kill_after > 0:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        before = stored(db) if db.exists() else {}
        assert len(before) < 18
        for page_id, analysis in before.items():  # whatever was committed is whole
            assert analysis == expected[page_id]
        resumed = subprocess.run([*command, str(db), "--workers", "1", "--json"], capture_output=True,
                                 text=True, timeout=600)
        assert resumed.returncode == 0, resumed.stderr
        summary = json.loads(resumed.stdout)
        assert summary["already"] == len(before) and summary["new"] == 18 - len(before)
        assert stored(db) == expected
        # No worker outlives its killed parent for long.
        deadline = time.monotonic() + 15
        while _newsdesk_processes(str(db)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _newsdesk_processes(str(db)) == []


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM pages").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


def test_ctrl_c_commits_what_is_finished_and_says_how_to_resume(tmp_path: Path) -> None:
    pages = crawl(tmp_path / "crawl", 12)
    db = tmp_path / "desk.db"
    command = [sys.executable, "-m", "newsdesk.cli.main", "ingest", str(pages), "--no-progress", "--db", str(db),
               "--workers", "1"]
    # Ctrl-C as a terminal sends it: a runner that ignores SIGINT (pytest-xdist's workers do) would pass
    # that on to the child, and Python keeps an ignored SIGINT ignored.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    # The default commit is every 64 pages or 2 s: wait for the first page to be analysed, then interrupt.
    while time.monotonic() < deadline and process.poll() is None and not db.exists():
        time.sleep(0.05)
    time.sleep(1.0)
    assert process.poll() is None, "the ingest finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "interrupted" in err and "run the same command again to resume" in err and "Traceback" not in err
    kept = _count(db)
    resumed = subprocess.run([*command, "--json"], capture_output=True, text=True, timeout=600)
    summary = json.loads(resumed.stdout)
    assert summary["already"] == kept and summary["new"] == 12 - kept and _count(db) == 12


def test_a_store_that_fails_for_a_moment_loses_nothing(tmp_path: Path) -> None:
    """A write that fails (a PostgreSQL server restarting) is tried again; the ingest goes on."""
    folder = crawl(tmp_path / "crawl", 3)

    class Flaky(SQLiteStore):
        failures_left = 2

        def add(self, analyses, failures=()):  # type: ignore[no-untyped-def]
            if self.failures_left:
                self.failures_left -= 1
                raise StoreError("ND-E023", "store flaky: the server went away")
            return super().add(analyses, failures)

    store = Flaky(tmp_path / "desk.db")
    try:
        summary = ingest(read_sources([str(folder)], ReadConfig()), store, IngestConfig(workers=1, commit_pages=1),
                         pipeline=PipelineConfig())
        assert summary.new == 3 and store.failures_left == 0 and store.status().pages == 3
    finally:
        store.close()


def test_a_truncated_warc_keeps_its_complete_pages(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl.warc"
    with archive.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for n, text in enumerate(TEXTS):
            body = f"<html><body><article><p>{text.replace(chr(10), '</p><p>')}</p></article></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                          payload=io.BytesIO(body), length=len(body),
                                                          http_headers=headers))
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) - 300])  # the last record is cut
    db = tmp_path / "desk.db"
    code, out, err = run(["ingest", str(archive), "--db", str(db), "--workers", "1"])
    out = " ".join(out.split())  # the summary is wrapped to the terminal's width where the path is long
    assert code == 1 and "2 new pages" in out and "1 failed" in out
    assert "truncated after record 2" in err
    _, out, _ = run(["search", "", "--db", str(db), "--json"])
    assert len(out.splitlines()) == 2
    _, status, _ = run(["status", "--db", str(db)])
    assert "1 failed inputs" in status and "crawl.warc" in status


def test_a_record_with_a_lone_surrogate_fails_alone_and_the_batch_is_stored(tmp_path: Path) -> None:
    # Issue 24: an escaped lone surrogate crashed the content hash, so no page of the batch was kept
    # and every rerun crashed the same way.
    batch = tmp_path / "batch.jsonl"
    records = [{"id": "kyiv", "text": KYIV_REUTERS}, {"id": "bad", "text": "Broken " + "\ud800" + " text."},
               {"id": "halden", "text": HALDEN_AP}, {"id": "badurl", "text": KIEV_CNN, "url": "https://x/\udc00"}]
    batch.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")  # \\ud800 escapes
    db = tmp_path / "desk.db"
    for _ in range(2):  # a rerun neither crashes nor stores anything twice
        with open_store(db) as store:
            summary = ingest(read_sources([str(batch)], ReadConfig()), store, IngestConfig(workers=1, link=False),
                             pipeline=PipelineConfig())
        assert summary.failed == 2
        assert [e[:9] for _, e in summary.failures] == ["[ND-E016]"] * 2
        assert "record 2: its 'text' holds a lone surrogate" in summary.failures[0][1]
    assert len(stored(db)) == 2
