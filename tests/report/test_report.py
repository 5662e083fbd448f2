"""The situation report over a small store of invented pages: two agencies give different death tolls for
one strike, an aggregator copies one of them, a later page updates the city's state, an earlier strike
weeks before, and an unrelated page. Every line must quote its sources exactly."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.cli.main import main
from newsdesk.errors import ConfigError
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.report.build import build_report, report_from_analyses
from newsdesk.report.claims import same_thing
from newsdesk.report.config import ReportConfig
from newsdesk.report.items import ClaimItem, ReportSentence, SituationReport, Source, figure_text
from newsdesk.report.render import to_markdown
from newsdesk.report.sentences import sentence_splitter
from newsdesk.store import Store, content_hash, open_store, page_id_of

REUTERS = (
    "KRAMATORSK, Ukraine, March 14 (Reuters) - A Russian missile struck an apartment block in central Kramatorsk "
    "on Tuesday, killing nine people, regional governor Pavlo Kyrylenko said.\n"
    "Rescue workers searched the rubble late into the night, and power was cut across the eastern half of "
    "Kramatorsk.\n"
    "\"We are still pulling people out from under the slabs,\" Kyrylenko told reporters at the scene.\n"
    "Ukrainian President Volodymyr Zelenskiy said in his nightly address that air defences in Donetsk region "
    "needed to be strengthened.\n"
)
AP = (
    "KRAMATORSK, Ukraine (AP) - At least 14 people were killed when a Russian missile hit an apartment building "
    "in Kramatorsk on Tuesday, Ukraine's State Emergency Service said on Wednesday.\n"
    "At least 30 people were injured in Kramatorsk, the emergency service added.\n"
    "President Volodymyr Zelensky visited the city of Sloviansk on Wednesday and met soldiers there.\n"
)
# An aggregator's copy of the Reuters report, with its own furniture on top, two days later.
AGGREGATOR = (
    "Posted by newsroom | World news\n"
    + REUTERS.split("\"We are")[0]
)
LATER = (
    "KYIV, March 17 (Reuters) - Water and power supplies to Kramatorsk were fully restored on Friday, mayor "
    "Oleksandr Honcharenko said, as crews began clearing the damaged apartment block.\n"
    "Schools in the city will reopen on Monday, he said.\n"
)
EARLIER = (
    "KRAMATORSK, Ukraine, Feb 1 (AFP) - A Russian rocket hit a residential building in Kramatorsk on Wednesday "
    "evening, killing three people, regional governor Pavlo Kyrylenko said.\n"
    "Firefighters put out the blaze within two hours, the emergency service said.\n"
)
UNRELATED = (
    "HALDEN, Norway (AP) - More than 30,000 runners finished the city marathon on Sunday, and the men's race "
    "ended in a course record as Daniel Kiprop crossed the line in 2 hours and 5 minutes.\n"
    "Organizers said 4,000 volunteers helped along the course.\n"
)
PAGES = {"reuters": (REUTERS, "2023-03-14"), "ap": (AP, "2023-03-15"), "aggregator": (AGGREGATOR, "2023-03-16"),
         "later": (LATER, "2023-03-17"), "earlier": (EARLIER, "2023-02-01"), "unrelated": (UNRELATED, "2023-10-15")}


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    pipeline = Pipeline()
    return {name: pipeline.analyze(page_from_text(f"{name}.txt", text,
                                                  ReadConfig(reference_date=dt.date.fromisoformat(date))))
            for name, (text, date) in PAGES.items()}


@pytest.fixture(scope="module")
def ids(analyses: dict[str, Analysis]) -> dict[str, str]:
    return {name: page_id_of(content_hash(a.page)) for name, a in analyses.items()}


@pytest.fixture
def db(tmp_path: Path, analyses: dict[str, Analysis]) -> Path:
    path = tmp_path / "desk.db"
    with open_store(path) as store:
        store.add(list(analyses.values()))
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened


def sentences_of(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every quoted sentence of a report's JSON form, whatever its section."""
    for subject in (*report["places"], *report["actors"]):
        yield from subject["sentences"]
    yield from report["events"]
    yield from report["claims"]
    for contradiction in report["contradictions"]:
        yield from contradiction["claims"]


def test_the_contradiction_is_found_with_both_claimants(store: Store, ids: dict[str, str]) -> None:
    report = build_report(store, "Kramatorsk")
    assert len(report.contradictions) == 1, [c.to_json() for c in report.contradictions]
    [contradiction] = report.contradictions
    first, second = contradiction.first, contradiction.second
    # Side by side, older first: Reuters' governor against AP's emergency service.
    assert (first.low, first.high, first.claimant, first.reported_by) == (9, 9, "Pavlo Kyrylenko", "Reuters")
    assert (second.low, second.high, second.claimant, second.reported_by) == (14, None, "State Emergency Service",
                                                                              "AP")
    assert "kill" in contradiction.thing
    # The aggregator's copy is the same claim, not a third party to the dispute.
    assert {s.page_id for s in first.sentence.sources} == {ids["reuters"], ids["aggregator"]}
    figures = {(c.low, c.high) for c in report.claims}
    # The injured figure (another predicate) and February's toll (another strike, weeks before) are claims,
    # but contradict nothing.
    assert {(30, None), (3, 3)} <= figures
    markdown = to_markdown(report)
    assert "## Contradictions" in markdown and "Pavlo Kyrylenko" in markdown and "State Emergency Service" in markdown


def test_the_latest_state_of_a_place_is_its_newest_sentence(store: Store, ids: dict[str, str]) -> None:
    report = build_report(store, "Kramatorsk")
    place = report.places[0]
    assert place.label == "Kramatorsk" and place.type == "PLACE"
    newest = place.sentences[0]
    assert newest.text.startswith("Water and power supplies to Kramatorsk were fully restored on Friday")
    assert newest.date == dt.date(2023, 3, 17)
    assert [s.page_id for s in newest.sources] == [ids["later"]]
    dates = [s.date for s in place.sentences]
    assert all(d is not None for d in dates) and dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    # Copied sentences count once, with every page they are on.
    for sentence in place.sentences:
        assert len({s.page_id for s in sentence.sources}) == len(sentence.sources)


def test_every_source_slices_to_its_sentence(store: Store) -> None:
    report = build_report(store, "Kramatorsk OR Zelensky").to_json()
    quoted = list(sentences_of(report))
    assert len(quoted) > 10
    texts: dict[str, str] = {}
    for sentence in quoted:
        assert sentence["sources"], sentence
        for source in sentence["sources"]:
            text = texts.setdefault(source["page_id"], store.page(source["page_id"]).analysis["text"])
            assert text[source["start"]:source["end"]] == sentence["text"]
    # The dateline is not part of a sentence, and furniture never is one.
    assert not any(s["text"].startswith(("KRAMATORSK,", "Posted by")) for s in quoted)


def test_events_are_dated_in_order(store: Store) -> None:
    report = build_report(store, "Kramatorsk")
    days = [e.date for e in report.events]
    assert days == sorted(days)
    assert dt.date(2023, 3, 14) in days and dt.date(2023, 3, 17) in days
    strike = [e for e in report.events
              if e.date == dt.date(2023, 3, 14) and any("nine people" in s.text for s in (e.sentence, *e.also))]
    # Reuters and its copy are one sentence with two sources; AP told the same strike in its own words:
    # one happening, confirmed by two independent origins (the copy does not count again).
    assert len(strike) == 1 and strike[0].confirmations == 2
    told = {s.text[:20]: len(s.sources) for s in (strike[0].sentence, *strike[0].also)}
    assert sorted(told.values()) == [1, 2]


def test_the_window_limits_every_section(store: Store) -> None:
    march = build_report(store, "Kramatorsk", date_from=dt.date(2023, 3, 1), date_to=dt.date(2023, 3, 31))
    february = build_report(store, "Kramatorsk", date_from=dt.date(2023, 2, 1), date_to=dt.date(2023, 2, 28))
    for report, lo, hi in ((march, dt.date(2023, 3, 1), dt.date(2023, 3, 31)),
                           (february, dt.date(2023, 2, 1), dt.date(2023, 2, 28))):
        assert not report.empty
        dated = [s["date"] for s in sentences_of(report.to_json())]
        assert all(d is not None and lo.isoformat() <= d <= hi.isoformat() for d in dated), dated
    assert (3, 3) not in {(c.low, c.high) for c in march.claims}
    assert {(c.low, c.high) for c in february.claims} == {(3, 3)}
    assert not february.contradictions and february.pages_matched == 1


def test_an_empty_result_is_a_report_saying_so(store: Store) -> None:
    report = build_report(store, "Atlantis")
    assert report.empty and report.pages_matched == 0
    assert "no page in the store matches 'Atlantis'" in (report.message or "")
    assert "Nothing to report" in to_markdown(report)
    assert report.to_json()["empty"] is True and report.to_json()["places"] == []
    # Pages match, but nothing of them falls in the window.
    late = build_report(store, "marathon", date_from=dt.date(2023, 10, 16))
    assert late.empty


def test_a_config_shapes_the_report_and_the_splitter_is_built_once_a_thread(store: Store) -> None:
    small = build_report(store, "Kramatorsk", ReportConfig(subjects=1, sentences_per_subject=1, claims=1))
    assert len(small.places) <= 1 and len(small.actors) <= 1 and len(small.claims) == 1
    assert all(len(subject.sentences) <= 1 for subject in (*small.places, *small.actors))
    # One spaCy pipeline a thread, reused by every report (building one per report cost a tenth of a second).
    assert sentence_splitter() is sentence_splitter()
    with ThreadPoolExecutor(1) as other:
        assert other.submit(sentence_splitter).result() is not sentence_splitter()


def test_a_figure_is_written_one_way() -> None:
    assert [figure_text(9, 9), figure_text(14, None, "people"), figure_text(None, 100),
            figure_text(50, 100, "%", "day"), figure_text(2.5, 2.5, "million")] == [
        "9", "≥14 people", "≤100", "50–100 % per day", "2.5 million"]
    assert claim(9, 9).value_text() == "9 people"


def test_a_report_needs_words_and_a_window_in_order(analyses: dict[str, Analysis]) -> None:
    pages = [(page_id_of(content_hash(a.page)), a) for a in analyses.values()]
    with pytest.raises(ConfigError, match=r"ND-E030.*no words"):
        report_from_analyses("  ", pages)
    with pytest.raises(ConfigError, match=r"ND-E030.*after it ends"):
        report_from_analyses("Kramatorsk", pages, date_from=dt.date(2023, 3, 2), date_to=dt.date(2023, 3, 1))
    with pytest.raises(ConfigError, match="ND-E011"):
        ReportConfig(tolerance=-1)
    # Without a store, from the matched pages themselves; OR reads both alternatives.
    report = report_from_analyses("Sloviansk OR marathon", [(page_id_of(content_hash(analyses[name].page)),
                                                              analyses[name]) for name in ("ap", "unrelated")])
    assert "Slovyansk" in {p.label for p in report.places} and "Daniel Kiprop" in {a.label for a in report.actors}
    assert report.pages_matched == report.pages_used == 2


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_prints_text_markdown_and_json(db: Path) -> None:
    code, out, err = run(["report", "Kramatorsk", "--db", str(db), "--format", "json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "newsdesk.report.build/1" and data["query"] == "Kramatorsk"
    assert len(data["contradictions"]) == 1
    code, out, _ = run(["report", "Kramatorsk", "--db", str(db), "--format", "markdown", "--from", "2023-03-01"])
    assert code == 0 and out.startswith("# Situation report: Kramatorsk")
    assert "## Key dated events" in out and "2023-02-01" not in out
    code, out, _ = run(["report", "Kramatorsk", "--db", str(db)])
    assert code == 0 and "Contradictions" in out and "Pavlo Kyrylenko" in out
    code, out, _ = run(["report", "Atlantis", "--db", str(db)])
    assert code == 0 and "nothing to report" in out


def test_a_bad_date_is_a_clear_error(db: Path) -> None:
    code, out, err = run(["report", "Kramatorsk", "--db", str(db), "--from", "2023-13-45"])
    assert code == 2 and out == ""
    assert "ND-E010" in err and "--from" in err and "2023-13-45" in err
    code, _, err = run(["report", "Kramatorsk", "--db", str(db), "--from", "2023-03-02", "--to", "2023-03-01"])
    assert code == 2 and "ND-E030" in err
    code, _, err = run(["report", "Kramatorsk", "--db", str(db), "--max-pages", "0"])
    assert code == 2 and "ND-E030" in err


def test_the_report_is_the_same_on_each_engine(store_location: Path | str, analyses: dict[str, Analysis]) -> None:
    with open_store(store_location) as store:
        store.add(list(analyses.values()))
        report: SituationReport = build_report(store, "Kramatorsk", max_pages=10)
        assert report.pages_matched == 5
        assert len(report.contradictions) == 1
        for sentence in sentences_of(report.to_json()):
            for source in sentence["sources"]:
                text = store.page(source["page_id"]).analysis["text"]
                assert text[source["start"]:source["end"]] == sentence["text"]


def claim(low: float, high: float | None, *, page: str = "a", start: int = 0, day: int = 14,
          predicate: str = "kill", unit: str = "people", places: frozenset[str] = frozenset({"geonames:704508"})
          ) -> ClaimItem:
    sentence = ReportSentence("…", dt.date(2023, 3, day), (Source(page, start, start + 1),))
    return ClaimItem(f"{low}", low, high, None, unit, "count", None, None, sentence, places, None,
                     frozenset(predicate.split()))


@pytest.mark.parametrize(("other", "same"), [
    (claim(14, None, page="b"), True),                             # another page, same toll: compared
    (claim(14, None, page="b", predicate="injur"), False),         # injured is not killed
    (claim(14, None, page="b", day=24), False),                    # ten days later: another moment
    (claim(14, None, page="b", unit="soldiers"), False),           # another thing counted
    (claim(14, None, page="b", places=frozenset({"geonames:1"})), False),  # another place
    (claim(14, None), False),                                      # the same sentence: two figures in it
])
def test_same_thing_compares_like_with_like(other: ClaimItem, same: bool) -> None:
    assert same_thing(claim(9, 9), other) is same


def test_a_sentence_is_listed_once_under_the_subject_it_names_first(store: Store) -> None:
    report = build_report(store, "Kramatorsk")
    listed = [(subject.label, s.text) for subject in (*report.places, *report.actors) for s in subject.sentences]
    texts = [text for _, text in listed]
    assert len(texts) == len(set(texts)), listed
    # "Water and power supplies to Kramatorsk …, mayor Oleksandr Honcharenko said": about Kramatorsk.
    assert [label for label, text in listed if text.startswith("Water and power supplies")] == ["Kramatorsk"]
