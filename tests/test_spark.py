"""`newsdesk spark analyze` + `newsdesk load` on local[2] give the store `newsdesk ingest` gives (issue 26).

One SparkSession for the module (start-up costs 10-20 s). Skipped, saying why, where pyspark (the
`newsdesk[spark]` extra) or Java is missing, or with NEWSDESK_SPARK_TESTS=0.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus_pages import HALDEN_AP, KIEV_CNN, KYIV_REUTERS
from newsdesk.cli import main
from newsdesk.ingest import IngestConfig, ingest
from newsdesk.pipeline import Pipeline
from newsdesk.read import ReadConfig, read_sources
from newsdesk.store import open_store

# py4j leaves its gateway sockets for the collector to close: not a fault of the code under test.
pytestmark = [pytest.mark.filterwarnings("ignore::ResourceWarning"),
              pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]

# A wire story three sites republished, each with its own furniture around it.
WIRE = ("BRUSSELS (Reuters) - European Union energy ministers agreed on Tuesday to cap the price of natural gas "
        "traded on the bloc's main exchanges, ending months of argument between member states over how to "
        "shield households and industry from soaring bills. The cap will apply from February and can be "
        "suspended if supplies run short, the Czech presidency said in a statement after the meeting.")
SITES = ["dailyledger.example", "morningpost.example", "rivertown.example"]

CITIES = ["Lviv", "Odesa", "Dnipro", "Kharkiv", "Poltava", "Sumy", "Chernihiv", "Vinnytsia"]


def _spark_missing() -> str | None:
    if os.environ.get("NEWSDESK_SPARK_TESTS") == "0":
        return "NEWSDESK_SPARK_TESTS=0"
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java on the PATH (apt-get install openjdk-17-jre-headless)"
    return None


needs_spark = pytest.mark.skipif(_spark_missing() is not None, reason=f"Spark tests: {_spark_missing()}")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from newsdesk.spark import session

    spark = session("local[2]", partitions=2)
    try:
        yield spark
    finally:
        spark.stop()


def _crawl(root: Path) -> Path:
    """~20 invented pages: plain files in folders, a JSONL batch with one bad line, a WARC archive of two
    pages, a binary file, and one text twice under two names."""
    crawl = root / "crawl"
    (crawl / "wire").mkdir(parents=True)
    (crawl / "local").mkdir()
    for name, text in (("kyiv", KYIV_REUTERS), ("kiev", KIEV_CNN), ("halden", HALDEN_AP)):
        (crawl / "wire" / f"{name}.txt").write_text(text, encoding="utf-8")
    for i, city in enumerate(CITIES):
        (crawl / "local" / f"{i:02d}-{city.lower()}.txt").write_text(
            f"{city.upper()}, March {i + 3} (Reuters) - Officials in {city} said on Tuesday that {10 + i} "
            f"people were hurt when a shell hit a school.\n\nMayor Ivan Petrenko said repairs would cost "
            f"{i + 2} million hryvnias. \"We will rebuild the school before September,\" he told reporters.\n",
            encoding="utf-8")
    (crawl / "local" / "copy-of-lviv.txt").write_text((crawl / "local" / "00-lviv.txt").read_text("utf-8"), "utf-8")
    (crawl / "local" / "broken.bin").write_bytes(b"\x00\x01\x02\x03 not a page \x00\xff")
    records = [{"id": f"r{i}", "text": f"LONDON (AP) - Prices in Britain rose {i + 4} percent in "
                                      f"{month}, the statistics office said on Wednesday.", "date": "2023-04-05"}
               for i, month in enumerate(["January", "February", "March", "April", "May", "June"])]
    records += [{"id": f"w{k}", "url": f"https://www.{site}/energy/gas-cap", "date": "2022-12-20",
                 "text": f"{site.split('.')[0].title()} | Energy\n\n{WIRE}\n\nRead more from {site} on our app."}
                for k, site in enumerate(SITES)]
    records.append({"id": "h1", "html": "<html><head><title>Rail strike</title></head><body><article>"
                                        "<h1>Rail strike</h1><p>PARIS (AFP) - Train drivers in France walked out "
                                        "on Thursday, unions said.</p></article></body></html>"})
    lines = [json.dumps(r) for r in records]
    lines.insert(3, "{not json")
    (crawl / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (crawl / "capture.warc.gz").open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for slug, town in (("ferry", "Kalmar"), ("bridge", "Halden")):
            body = (f"<html><head><title>{town} news</title></head><body><article><h1>{town} news</h1>"
                    f"<p>The {slug} in {town} will close for a month from Tuesday, the council said on Monday.</p>"
                    f"<p>Buses will run instead while repairs go on.</p></article></body></html>").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{slug}", "response", payload=io.BytesIO(body), length=len(body),
                http_headers=http, warc_headers_dict={"WARC-Date": "2024-05-01T10:20:30Z"}))
    return crawl


@pytest.fixture(scope="module")
def analysed(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    """The crawl, analysed once for the module: (crawl, output folder, the run's summary)."""
    from newsdesk.spark import analyze

    root = tmp_path_factory.mktemp("spark")
    crawl = _crawl(root)
    return crawl, root / "out", analyze(spark, [str(crawl)], root / "out", partitions=2)


@needs_spark
def test_spark_analyze_and_load_match_ingest(spark: Any, analysed: tuple[Path, Path, Any], tmp_path: Path,
                                              pipeline: Pipeline) -> None:
    from newsdesk.spark import analyze, load

    crawl, out, summary = analysed
    # 3 wire + 8 local + 10 JSONL + 2 WARC pages; the copy a duplicate; the bad line and the binary file
    # error rows
    assert (summary.analysed, summary.failed, summary.unreadable, summary.duplicate) == (23, 0, 2, 1)
    pages = spark.read.parquet(str(out / "pages"))
    errors = {r["source"]: r["code"] for r in pages.where("status = 'unreadable'").collect()}
    assert errors == {f"{crawl / 'batch.jsonl'}:4": "ND-E008", str(crawl / "local" / "broken.bin"): "ND-E004"}
    assert spark.read.parquet(str(out / "entities")).count() > 0
    places = spark.read.parquet(str(out / "places"))
    assert dict(places.dtypes)["lat"] == "double" and places.where("label = 'Kharkiv'").count() >= 1

    with open_store(tmp_path / "ingest.db") as single:
        ingest(read_sources([str(crawl)], ReadConfig()), single, IngestConfig(link=False), pipeline=pipeline)
        expected = {p.id: (p.analysis, p.sources) for p in single.pages()}
        expected_failures = {(f.source, f.code) for f in single.failures()}
    with open_store(tmp_path / "spark.db") as desk:
        loaded = load(spark, out, desk)
        assert (loaded.pages, loaded.sightings, loaded.failures) == (23, 1, 2)
        got = {p.id: (p.analysis, p.sources) for p in desk.pages()}
        assert {(f.source, f.code) for f in desk.failures()} == expected_failures
    assert got.keys() == expected.keys()
    for page_id, (analysis, sources) in expected.items():
        assert got[page_id][0] == analysis, page_id
        assert set(got[page_id][1]) == set(sources), page_id

    # Idempotent: the same inputs again write no row; loading again stores nothing new.
    again = analyze(spark, [str(crawl)], out, partitions=2)
    assert again.written == 0
    assert spark.read.parquet(str(out / "pages")).count() == 26
    with open_store(tmp_path / "spark.db") as desk:
        assert load(spark, out, desk).pages == 0
        assert desk.status().pages == len(expected)


@needs_spark
def test_spark_reuse_links_the_republished_story(spark: Any, analysed: tuple[Path, Path, Any]) -> None:
    from newsdesk.reuse import align
    from newsdesk.spark import reuse

    _, out, _ = analysed
    found = reuse(spark, out, partitions=2)
    links = spark.read.parquet(str(out / "links")).collect()
    texts = {r["id"]: (r["source"], r["text"]) for r in spark.read.parquet(str(out / "pages")).where(
        "status = 'analysed'").collect()}
    # The three republications pair up, one copy cluster; the local pages' shared template is their
    # folder's furniture (on every one of its pages), so it links nothing.
    assert found.links == len(links) == 3 and found.clusters == 1
    assert {texts[r["page_a"]][0].rsplit("#", 1)[1] + texts[r["page_b"]][0].rsplit("#", 1)[1] for r in links} == {
        "w0w1", "w0w2", "w1w2"}
    for r in links:
        a_text, b_text = texts[r["page_a"]][1], texts[r["page_b"]][1]
        assert WIRE in a_text[r["a_start"]:r["a_end"]] and WIRE in b_text[r["b_start"]:r["b_end"]]
        # the same alignment as the single-machine code gives, offsets on both sides
        (p,) = align(b_text, a_text)
        assert (p.b_start, p.b_end, p.a_start, p.a_end) == (r["a_start"], r["a_end"], r["b_start"], r["b_end"])


def test_spark_commands_say_how_to_install_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pyspark" else real(name, *a))
    err = io.StringIO()
    assert main(["spark", "analyze", "crawl", "--out", "out"], stdout=io.StringIO(), stderr=err) == 2
    assert "pip install 'newsdesk[spark]'" in err.getvalue()
    err = io.StringIO()
    assert main(["load", "out"], stdout=io.StringIO(), stderr=err) == 2
    assert "newsdesk[spark]" in err.getvalue()
