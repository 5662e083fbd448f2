"""The desk's timeline and search in a real browser (issue 27): the time axis is to scale (ticks of days,
weeks or months by the window, bars and marks where their dates are), the whole window fits the view, a
drag picks a window that the search, the map and the report then show, and a search for one spelling of a
place finds the pages that spell it another way. A screenshot of every view goes to bench/out/screenshots/
(git-ignored)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import open_store

# The browser, the server and the skips (no chromium, no Playwright) are test_web's.
from tests.e2e.test_web import SCREENSHOTS, browser, serve_store  # noqa: F401 (browser: the shared fixture)

# Invented wire copy over five months of 2022: two spellings of one town, claims (figures) and dates.
PAGES = {
    "jan-kyiv": ("2022-01-14",
                 "KYIV, Jan 14 (Reuters) - A cyber attack hit government websites in Kyiv on Friday, and officials "
                 "said 70 sites had been affected.\n"),
    "feb-kharkiv": ("2022-02-24",
                    "KHARKIV, Ukraine, Feb 24 (AP) - Explosions were heard in Kharkiv on Thursday, and the mayor "
                    "said 12 people had been injured.\n"),
    "may-sievierodonetsk": ("2022-05-22",
                            "KYIV, May 22 (Reuters) - Russian forces shelled Sievierodonetsk in the Luhansk region "
                            "on Sunday, killing 7 civilians, Governor Serhiy Haidai said.\n"),
    "jun-severodonetsk": ("2022-06-08",
                          "LONDON, June 8 (AFP) - Ukrainian troops held out in Severodonetsk on Wednesday, and 800 "
                          "civilians were sheltering in the Azot chemical plant, officials said.\n"),
    "jun-odesa": ("2022-06-20",
                  "ODESA, Ukraine, June 20 (Reuters) - A missile struck a warehouse in Odesa on Monday, the "
                  "regional governor said, and 3 people were wounded.\n"),
}
DAY = dt.timedelta(days=1)


def _get(base: str, path: str, **params: str) -> Any:
    with urllib.request.urlopen(f"{base}{path}?{urlencode(params)}", timeout=30) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """(base URL, page ids by name) of the desk over a store of PAGES."""
    folder = tmp_path_factory.mktemp("timeline")
    pipeline = Pipeline()
    analyses = [pipeline.analyze(page_from_text(f"{name}.txt", text,
                                                ReadConfig(reference_date=dt.date.fromisoformat(day))))
                for name, (day, text) in PAGES.items()]
    with open_store(folder / "desk.db") as store:
        ids = dict(zip(PAGES, store.add(analyses), strict=True))
    with serve_store(folder / "desk.db") as base:
        yield base, ids


@pytest.fixture
def tab(browser: Any, served: tuple[str, dict[str, str]]) -> Iterator[Any]:  # noqa: F811 (the imported fixture)
    """A fresh tab; afterwards: no script error and no request off this server."""
    base = served[0]
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith((base + "/", "data:"))
            else foreign.append(request.url))
    yield page
    context.close()
    assert not errors, f"script errors in the desk: {errors}"
    assert not foreign, f"the desk reached beyond its server: {foreign}"


def _open(tab: Any, base: str, route: str) -> None:
    tab.goto(f"{base}/{route}")
    tab.wait_for_selector("body[data-ready]", timeout=30_000)


def _shot(tab: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path))
    return path


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Axis:
    """The chart's time scale as drawn: the window (its first and last day) over the plot's pixels."""

    def __init__(self, tab: Any) -> None:
        chart = tab.eval_on_selector("svg.timeline", "n => ({...n.dataset})")
        area = tab.eval_on_selector("svg.timeline rect.brush-area", "n => [+n.getAttribute('x'), "
                                    "+n.getAttribute('width')]")
        self.first, self.last = _day(chart["start"]), _day(chart["end"])
        self.unit, self.step, self.bin = chart["unit"], int(chart["step"]), chart["bin"]
        self.left, self.width = float(area[0]), float(area[1])
        self.box = tab.eval_on_selector("svg.timeline", "n => { const r = n.getBoundingClientRect(); "
                                        "return [r.left, r.top]; }")

    def x(self, day: dt.date) -> float:
        """Where midnight of `day` is on the chart, as the window's share of the plot's width."""
        days = (self.last - self.first).days + 1
        return self.left + self.width * (day - self.first).days / days

    def page_x(self, day: dt.date) -> float:
        return float(self.box[0]) + self.x(day)


def _ticks(tab: Any) -> list[tuple[dt.date, float]]:
    found = tab.eval_on_selector_all("svg.timeline g.tick", "nodes => nodes.map(n => "
                                     "[n.dataset.date, +n.querySelector('line').getAttribute('x1')])")
    return [(_day(d), float(x)) for d, x in found]


def _fits(tab: Any) -> None:
    """The whole window in view: the chart no wider than its box, the page no wider than the window."""
    assert tab.eval_on_selector(".chart", "n => n.scrollWidth <= n.clientWidth")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_axis_is_to_scale_with_ticks_chosen_by_the_window(tab: Any, served: tuple[str, dict[str, str]]) -> None:
    base, _ = served
    days = _get(base, "/timeline")["days"]
    _open(tab, base, "#/timeline")
    axis = Axis(tab)
    assert (axis.first, axis.last) == (_day(days[0]["date"]), _day(days[-1]["date"]))
    _fits(tab)
    ticks = _ticks(tab)
    assert len(ticks) >= 4
    # Five months in 1,200 pixels: a tick a week or two, each on a Monday, each where its date is.
    assert axis.unit == "week"
    for (a, _), (b, _) in itertools.pairwise(ticks):
        assert (b - a).days == 7 * axis.step
    for day, x in ticks:
        assert day.weekday() == 0
        assert x == pytest.approx(axis.x(day), abs=0.5)
    # Bars and marks where their dates are: a bar from its first day, a mark in the middle of its day.
    for first, left in tab.eval_on_selector_all("svg.timeline g.bin", "nodes => nodes.map(n => "
                                                "[n.dataset.from, +n.querySelector('rect').getAttribute('x')])"):
        assert left == pytest.approx(axis.x(_day(first)), abs=0.5)
    marks = tab.eval_on_selector_all("svg.timeline circle.mark.claims", "nodes => nodes.map(n => "
                                     "[n.dataset.date, +n.getAttribute('cx'), +n.dataset.count])")
    assert {(d, n) for d, _, n in marks} == {(day["date"], day["claims"]) for day in days if day["claims"]}
    for day, cx, _ in marks:
        assert axis.x(_day(day)) < cx < axis.x(_day(day) + DAY)
    events = tab.eval_on_selector_all("svg.timeline circle.mark.events", "nodes => nodes.map(n => n.dataset.date)")
    assert set(events) == {day["date"] for day in days if day["events"]}
    _shot(tab, "timeline-months")

    # A week's window: a tick a day. Three years: a tick a month (or a quarter), on the 1st.
    _open(tab, base, "#/timeline?from=2022-05-18&to=2022-05-24")
    axis = Axis(tab)
    ticks = _ticks(tab)
    assert axis.unit == "day" and axis.step == 1 and axis.bin == "day"
    assert [d for d, _ in ticks] == [_day("2022-05-18") + i * DAY for i in range(8)]
    assert all(x == pytest.approx(axis.x(d), abs=0.5) for d, x in ticks)
    _fits(tab)
    _shot(tab, "timeline-days")

    _open(tab, base, "#/timeline?from=2020-01-01&to=2022-12-31")
    axis = Axis(tab)
    ticks = _ticks(tab)
    assert axis.unit == "month" and axis.bin in {"week", "month"}
    assert all(d.day == 1 for d, _ in ticks) and len(ticks) >= 6
    assert all(x == pytest.approx(axis.x(d), abs=0.5) for d, x in ticks)
    _fits(tab)
    _shot(tab, "timeline-years")


def test_a_drag_picks_a_window_that_search_and_map_then_show(tab: Any, served: tuple[str, dict[str, str]]) -> None:
    base, ids = served
    _open(tab, base, "#/timeline")
    axis = Axis(tab)
    # Drag from May 15 to June 15 (inside that day): the two June pages and the May one, not the winter ones.
    y = axis.box[1] + 60
    tab.mouse.move(axis.page_x(_day("2022-05-15")) + 2, y)
    tab.mouse.down()
    tab.mouse.move(axis.page_x(_day("2022-06-01")), y, steps=4)
    tab.mouse.move(axis.page_x(_day("2022-06-15")) + 2, y, steps=4)
    tab.mouse.up()
    brush = tab.eval_on_selector("svg.timeline rect.brush", "n => ({...n.dataset})")
    assert brush == {"from": "2022-05-15", "to": "2022-06-15"}
    tab.wait_for_selector(".window-hits li")
    listed = set(tab.eval_on_selector_all(".window-hits li", "nodes => nodes.map(n => n.dataset.page)"))
    expected = {hit["page_id"] for hit in _get(base, "/search", **{"from": "2022-05-15", "to": "2022-06-15"})["hits"]}
    assert listed == expected == {ids["may-sievierodonetsk"], ids["jun-severodonetsk"]}
    heading = tab.locator(".window-panel h2").inner_text()
    assert "2022-05-15 – 2022-06-15" in heading and "32 days" in heading and "2 pages" in heading
    # The masthead carries the window to the other views.
    assert "from=2022-05-15&to=2022-06-15" in (tab.locator("nav.views a[data-view=map]").get_attribute("href") or "")
    _shot(tab, "timeline-brushed")

    everywhere = _get(base, "/places")["features"]
    window = _get(base, "/places", **{"from": "2022-05-15", "to": "2022-06-15"})["features"]
    assert 0 < len(window) < len(everywhere)
    tab.evaluate("delete document.body.dataset.ready")
    tab.click("nav.views a[data-view=map]")
    tab.wait_for_selector("body[data-ready=map]", timeout=30_000)
    shown = set(tab.eval_on_selector_all("path.place-marker", "nodes => nodes.map(n => n.dataset.place)"))
    assert shown == {f["properties"]["label"] for f in window}
    _shot(tab, "map-window")

    tab.evaluate("delete document.body.dataset.ready")
    tab.click("nav.views a[data-view=search]")
    tab.wait_for_selector("body[data-ready=search]", timeout=30_000)
    hits = set(tab.eval_on_selector_all(".hit", "nodes => nodes.map(n => n.dataset.page)"))
    assert hits == expected
    assert tab.locator(".search-form input[name=from]").input_value() == "2022-05-15"


def test_search_finds_the_other_spellings_of_a_place(tab: Any, served: tuple[str, dict[str, str]]) -> None:
    base, ids = served
    _open(tab, base, "#/search?q=Severodonetsk")
    hits = set(tab.eval_on_selector_all(".hit", "nodes => nodes.map(n => n.dataset.page)"))
    assert hits == {ids["may-sievierodonetsk"], ids["jun-severodonetsk"]}
    other = tab.locator(f".hit[data-page='{ids['may-sievierodonetsk']}']")
    assert other.locator("mark").first.inner_text() == "Sievierodonetsk"
    assert other.locator(".matched").inner_text() == "matched Sievierodonetsk for Severodonetsk"
    assert tab.locator(f".hit[data-page='{ids['jun-severodonetsk']}'] .matched").count() == 0
    _shot(tab, "search-variants")
