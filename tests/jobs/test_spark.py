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
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.cli.main import main
from newsdesk.jobs.ingest import IngestConfig, ingest
from newsdesk.read.files import ReadConfig, read_sources
from newsdesk.store import open_store
from tests.corpus_pages import HALDEN_AP, KIEV_CNN, KYIV_REUTERS

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
    from newsdesk.jobs.spark import session

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
    from newsdesk.jobs.spark import analyze

    root = tmp_path_factory.mktemp("spark")
    crawl = _crawl(root)
    return crawl, root / "out", analyze(spark, [str(crawl)], root / "out", partitions=2)


@needs_spark
def test_spark_analyze_and_load_match_ingest(spark: Any, analysed: tuple[Path, Path, Any], tmp_path: Path,
                                              pipeline: Pipeline) -> None:
    from newsdesk.jobs.spark import analyze, load

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
    from newsdesk.corpus.reuse.align import align
    from newsdesk.jobs.spark import reuse

    _, out, _ = analysed
    found = reuse(spark, out, partitions=2)
    links = spark.read.parquet(str(out / "links")).collect()
    texts = {r["id"]: (r["source"], r["text"]) for r in spark.read.parquet(str(out / "pages")).where(
        "status = 'analysed'").collect()}
    # Each later republication is aligned with the earliest holder of the story, as `newsdesk link` aligns
    # it (not with every copy): one copy cluster; the local pages' shared template is their folder's
    # furniture (on every one of its pages), so it links nothing.
    assert found.links == len(links) == 2 and found.clusters == 1
    assert {texts[r["page_a"]][0].rsplit("#", 1)[1] + texts[r["page_b"]][0].rsplit("#", 1)[1] for r in links} == {
        "w0w1", "w0w2"}
    for r in links:
        a_text, b_text = texts[r["page_a"]][1], texts[r["page_b"]][1]
        assert WIRE in a_text[r["a_start"]:r["a_end"]] and WIRE in b_text[r["b_start"]:r["b_end"]]
        # the same alignment as the single-machine code gives, offsets on both sides
        (p,) = align(b_text, a_text)
        assert (p.b_start, p.b_end, p.a_start, p.a_end) == (r["a_start"], r["a_end"], r["b_start"], r["b_end"])


@needs_spark
def test_spark_reuse_of_pages_sharing_nothing_writes_an_empty_links_table(spark: Any, tmp_path: Path) -> None:
    from newsdesk.jobs.spark import reuse
    from newsdesk.jobs.spark.runtime import PAGES_SCHEMA

    words = [f"w{k}" for k in range(300)]
    rows = []
    for k in range(6):  # each page its own words, one too short to index
        text = " ".join(words[k * 50:(k + 1) * 50] if k < 5 else words[:5])
        rows.append((f"p{k}", f"h{k}", f"crawl/p{k}.txt", f"https://site{k % 2}.example/{k}", None, None, text,
                     json.dumps({"text": text}), "analysed", None, None, "run", 0, k))
    spark.createDataFrame(rows, PAGES_SCHEMA).write.parquet(str(tmp_path / "out" / "pages"))
    found = reuse(spark, tmp_path / "out", partitions=2)
    assert (found.pages, found.candidates, found.links, found.clusters) == (5, 0, 0, 0)
    assert spark.read.parquet(str(tmp_path / "out" / "links")).count() == 0


# An invented story (no real report): an outlet's own page, a later copy cut off mid-sentence, and a
# digest that pastes it beside another outlet's story.
DAM = ("The regional water board said on Monday that the Esker Lake dam would be drained over the summer so "
       "engineers could repair cracks found in its northern wall during a routine inspection in the spring.\n\n"
       "The board's chair, Marta Olsen, said the repairs would cost about 14 million crowns and that the lake "
       "would be refilled before the autumn rains. Residents downstream were told there was no danger of a "
       "flood while the work went on, though the footpath along the crest would be closed until October.\n\n"
       "Anglers' groups said they feared for the trout that spawn in the shallows and asked the board to move "
       "the fish to the neighbouring reservoir before the water level falls, which the board said it would "
       "consider at its next meeting in June.")
FERRY = ("The island ferry will run twice as often from next month after the county council agreed on Thursday "
         "to pay for a second boat on the route, ending years of complaints from commuters who could not get "
         "home in the evening. The council said the new boat would be leased for three years and that fares "
         "would stay at their present level until at least the end of the lease, when the service is reviewed.")


def _reuse_corpus(root: Path) -> Path:
    """The bundled sample page, three wire stories, and invented pages sharing passages, as one folder."""
    corpus = root / "reuse"
    corpus.mkdir()
    sample = resources.files("newsdesk").joinpath("samples", "sample_page.txt").read_text("utf-8")
    (corpus / "sample.txt").write_text(sample, "utf-8")
    for name, text in (("kyiv", KYIV_REUTERS), ("kiev", KIEV_CNN), ("halden", HALDEN_AP)):
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    cut = DAM[:DAM.index("though the footpath")]  # ends mid-sentence: a truncated copy
    records = [
        {"id": "dam", "url": "https://www.lakeherald.example/news/dam", "date": "2024-03-04", "text": DAM},
        {"id": "ferry", "url": "https://www.islandpost.example/ferry", "date": "2024-03-07", "text": FERRY},
        {"id": "copy", "url": "https://aggregator.example/a/1", "date": "2024-03-06",
         "text": f"Dam to be drained\n\n{cut}"},
        {"id": "digest", "url": "https://weeklydigest.example/issue-9", "date": "2024-03-09",
         "text": f"This week in the region\n\n{DAM}\n\nAlso this week\n\n{FERRY}\n\nSubscribe to the digest."},
    ]
    (corpus / "pages.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return corpus


def _passages(store: Any) -> tuple[set[tuple[Any, ...]], set[frozenset[tuple[str, int, int]]]]:
    """Every stored passage read from each of its pages (offsets, the other page, direction, similarity,
    evidence), and the copy clusters as sets of (page, start, end): cluster numbers may differ."""
    passages: set[tuple[Any, ...]] = set()
    clusters: dict[int, set[tuple[str, int, int]]] = {}
    for page in store.pages():
        for p in store.reuse(page.id):
            passages.add((p.page_id, p.start, p.end, p.other_id, p.other_start, p.other_end, p.direction,
                          round(p.similarity, 6), json.dumps(p.clues, sort_keys=True)))
            clusters.setdefault(p.copy_cluster, set()).add((p.page_id, p.start, p.end))
    return passages, {frozenset(c) for c in clusters.values()}


@needs_spark
def test_spark_reuse_and_load_give_the_desk_ingests_links(spark: Any, tmp_path: Path, pipeline: Pipeline) -> None:
    from newsdesk.jobs.spark import analyze

    corpus = _reuse_corpus(tmp_path)
    out = tmp_path / "out"
    assert analyze(spark, [str(corpus)], out, partitions=2).analysed == 8
    err = io.StringIO()
    printed = io.StringIO()
    assert main(["spark", "reuse", str(out), "--partitions", "2"], stdout=printed, stderr=err) == 0, err.getvalue()
    found = json.loads(printed.getvalue())
    links = spark.read.parquet(str(out / "links")).collect()
    assert found["links"] == len(links) >= 3 and found["copied"] >= 2
    for r in links:  # both sides' offsets, the direction and why, in the table itself
        assert r["direction"] in ("a_copied_b", "b_copied_a", "unknown") and r["why"].startswith(
            {"a_copied_b": "page a copied", "b_copied_a": "page b copied", "unknown": "unknown"}[r["direction"]])
        assert all(c["source"] in ("a", "b") for c in json.loads(r["evidence"]))
        assert 0 <= r["a_start"] < r["a_end"] and 0 <= r["b_start"] < r["b_end"]

    printed = io.StringIO()
    assert main(["load", str(out), "--db", str(tmp_path / "spark.db"), "--json"], stdout=printed,
                stderr=err) == 0, err.getvalue()
    loaded = json.loads(printed.getvalue())
    assert loaded["pages"] == 8 and loaded["passages"]["passages"] == len(links)
    with open_store(tmp_path / "ingest.db") as single:
        ingest(read_sources([str(corpus)], ReadConfig()), single, IngestConfig(), pipeline=pipeline)
        expected, expected_clusters = _passages(single)
        expected_events = len(single.events(limit=1000))
    with open_store(tmp_path / "spark.db") as desk:
        got, got_clusters = _passages(desk)
        assert got == expected and got_clusters == expected_clusters
        assert len(desk.events(limit=1000)) == expected_events
        by_id = {p.source.rsplit("#", 1)[-1]: p.id for p in desk.pages()}
        # The truncated copy copied the outlet's page; the digest copied both outlets' stories.
        for copier, source in (("copy", "dam"), ("digest", "dam"), ("digest", "ferry")):
            assert [p.direction for p in desk.reuse(by_id[copier]) if p.other_id == by_id[source]] == [
                "copied_from"], (copier, source)
    # `newsdesk reuse` shows the same, read from the desk
    shown = io.StringIO()
    assert main(["reuse", by_id["copy"], "--db", str(tmp_path / "spark.db"), "--json"], stdout=shown, stderr=err) == 0
    assert {p["other"]["page_id"] for p in json.loads(shown.getvalue())["passages"]} >= {by_id["dam"]}

    # Loading again stores nothing new; the reuse index kept its settings for pages ingested later.
    printed = io.StringIO()
    assert main(["load", str(out), "--db", str(tmp_path / "spark.db"), "--json"], stdout=printed, stderr=err) == 0
    assert json.loads(printed.getvalue())["passages"]["skipped"] is True
    with open_store(tmp_path / "spark.db") as desk:
        assert _passages(desk) == (got, got_clusters)
        from newsdesk.corpus.reuse.align import ReuseConfig
        from newsdesk.corpus.reuse.index import ReuseIndex
        from newsdesk.jobs.link import REUSE_STATE

        index = ReuseIndex.from_bytes(desk.link_state()[REUSE_STATE])
        assert index.config == ReuseConfig() and len(index) == 8

    # With more links than the driver is to hold, clusters and verdicts found by joins: the same table.
    from newsdesk.jobs.spark import reuse

    at_scale = reuse(spark, out, partitions=2, driver_links=0)
    assert at_scale.iterations >= 1 and at_scale.links == len(links)
    assert sorted(map(tuple, spark.read.parquet(str(out / "links")).collect())) == sorted(map(tuple, links))


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


def test_local_masters_shuffle_over_two_partitions_a_core(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.jobs.spark.runtime import local_shuffle_partitions

    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert local_shuffle_partitions("local[2]") == 4
    assert local_shuffle_partitions("local[3, 2]") == 6  # local[N,F]: N cores, F task retries
    assert local_shuffle_partitions("local[*]") == 16  # this machine's cores
    assert local_shuffle_partitions("local") == 2  # one core: still two, as a floor


@needs_spark
def test_local_session_preloads_workers_and_keeps_shuffles_small(spark: Any) -> None:
    conf = spark.sparkContext.getConf()
    assert conf.get("spark.python.daemon.module") == "newsdesk.jobs.spark.daemon"
    assert conf.get("spark.sql.shuffle.partitions") == "2"  # the fixture's partitions=2
    assert "TieredStopAtLevel=1" in conf.get("spark.driver.extraJavaOptions")
    # A heap for long page texts, read a few hundred rows at a time.
    assert conf.get("spark.driver.memory") == "3g"
    assert spark.conf.get("spark.sql.parquet.columnarReaderBatchSize") == "256"
    # The daemon's module imports the analysis and starts PySpark's own daemon, printing nothing (its
    # standard output is the JVM's channel).
    done = subprocess.run([sys.executable, "-c", "import newsdesk.jobs.spark.daemon as d; print(callable(d.main))"],
                          capture_output=True, text=True, check=True)
    assert done.stdout == "True\n"


def test_cluster_numbers_join_linked_and_overlapping_copies_in_label_order() -> None:
    """Linked spans are one cluster, and so are two spans of one page overlapping by half the shorter;
    spans that barely touch are not; clusters are numbered in the order of their least label."""
    from newsdesk.jobs.spark.passages import cluster_numbers

    links = [(("p2", 0, 100), ("p1", 10, 110)),      # p2's copy of p1
             (("p3", 5, 105), ("p1", 40, 130)),      # overlaps p1:10:110 by 70 of 90: the same story
             (("p4", 0, 50), ("p1", 105, 200)),      # meets p1:10:110 by 5 chars only: another cluster
             (("p0", 0, 20), ("p5", 0, 20))]         # apart from all of them
    numbers = cluster_numbers(links, 0.5)
    first = {numbers[c] for c in [("p1", 10, 110), ("p2", 0, 100), ("p3", 5, 105), ("p1", 40, 130)]}
    assert len(first) == 1
    assert numbers[("p4", 0, 50)] == numbers[("p1", 105, 200)] not in first
    # Least labels: "p0:0:20" < "p1:10:110" < "p1:105:200" (as strings): numbered 0, 1, 2.
    assert numbers[("p0", 0, 20)] == 0 and first == {2} and numbers[("p4", 0, 50)] == 1


@needs_spark
def test_copy_clusters_on_the_driver_match_the_rounds_of_joins(spark: Any) -> None:
    """The driver's union-find and the executors' label propagation give every link the same cluster."""
    from newsdesk.jobs.spark.passages import copy_clusters
    from newsdesk.jobs.spark.verdicts import LINK_SCHEMA

    rows = [("a", 0, 100, "b", 10, 110, 0.9), ("c", 5, 105, "b", 40, 130, 0.8), ("d", 0, 50, "b", 105, 200, 0.7),
            ("e", 0, 20, "f", 0, 20, 1.0), ("g", 0, 30, "e", 10, 30, 0.6)]
    links = spark.createDataFrame(rows, LINK_SCHEMA)
    on_driver, rounds = copy_clusters(links, 0.5)
    joined, iterations = copy_clusters(links, 0.5, driver_links=0)
    assert rounds == 0 and iterations >= 2
    assert sorted(map(tuple, on_driver.collect())) == sorted(map(tuple, joined.collect()))
    assert len({r["cluster"] for r in on_driver.collect()}) == 3


@needs_spark
def test_pages_keyed_in_input_order_by_arithmetic_or_by_a_sort(spark: Any) -> None:
    """A page's key orders the pages by run, input and item, whether it is computed from the three numbers or,
    when they do not fit in 63 bits, by a sort."""
    from newsdesk.jobs.spark.passages import with_input_order

    rows = [("p1", "run-b", 0, 3), ("p2", "run-a", 2, 0), ("p3", "run-a", 0, 9), ("p4", "run-b", 0, 1),
            ("p5", "run-a", 2, 7), ("p6", "run-c", 1, 0)]
    expected = [r[0] for r in sorted(rows, key=lambda r: (r[1], r[2], r[3]))]
    small = spark.createDataFrame(rows, "id STRING, run STRING, input LONG, item LONG")
    frame, sorted_here = with_input_order(small)
    keyed = frame.collect()
    assert not sorted_here
    assert [r["id"] for r in sorted(keyed, key=lambda r: r["pk"])] == expected
    assert max(r["pk"] for r in keyed) < 3 * 3 * 10  # computed: three runs, three inputs, ten items
    huge = [(page, run, inputs, item * 2**58) for page, run, inputs, item in rows]  # keys past 63 bits: sorted
    frame, sorted_here = with_input_order(spark.createDataFrame(huge, "id STRING, run STRING, input LONG, item LONG"))
    keyed = frame.collect()
    assert sorted_here
    assert [r["id"] for r in sorted(keyed, key=lambda r: r["pk"])] == expected


@needs_spark
def test_republishers_rule_in_spark_sql_is_the_linkers_rule(spark: Any) -> None:
    """The SQL expression says of every (compilations, site pages) what `republishes` says."""
    from pyspark.sql import functions as F

    from newsdesk.corpus.reuse.rules import republishes
    from newsdesk.jobs.spark.verdicts import republishes_column

    grid = [(n, pages) for pages in (1, 4, 10, 15, 16, 100, 400) for n in (0, 2, 3, 4, 20, 49, 50, 80) if n <= pages]
    frame = spark.createDataFrame(grid, "n LONG, site_pages LONG")
    got = {(r["n"], r["site_pages"]): r["r"]
           for r in frame.select("n", "site_pages", republishes_column(F.col("n"), F.col("site_pages")).alias("r"))
           .collect()}
    assert got == {(n, pages): republishes(n, pages) for n, pages in grid}
