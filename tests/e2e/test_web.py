"""The web desk in a real browser (Debian's headless chromium driven by Playwright) against the real API
(`newsdesk.serve.app.create_app` under uvicorn, in a subprocess) over a store of invented pages: search, open a
page and check its coloured spans against the analysis offsets, the map's circles and a click on one, the
timeline (a click picks a day), the report's source links opening the passage highlighted. Page text holding
`<script>` and `onerror=` must be shown as text and never run. A screenshot of every view goes to
bench/out/screenshots/ (git-ignored)."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("web desk browser tests: Debian's chromium is not installed at /usr/bin/chromium "
                "(apt-get install chromium; .ci/run installs it)", allow_module_level=True)
if importlib.util.find_spec("newsdesk.serve.app") is None:
    pytest.skip("web desk browser tests: newsdesk/serve/app.py (the API the desk reads) is not there yet",
                allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is a dev dependency")

from newsdesk.analysis.pipeline import Pipeline  # noqa: E402
from newsdesk.cli.corpus import SAMPLE_DATE, sample_page  # noqa: E402
from newsdesk.read.files import ReadConfig, page_from_text  # noqa: E402
from newsdesk.store import open_store  # noqa: E402
from tests.serving import served  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parents[2] / "bench" / "out" / "screenshots"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Invented wire copy: two agencies disagree on a death toll (the report's contradiction), places the
# gazetteer knows (the map), three days (the timeline), and a repost whose text carries markup.
PAGES = {
    "beira-reuters": ("2024-03-11",
                      "BEIRA, Mozambique, March 11 (Reuters) - Cyclone Dara killed nine people in the port city of "
                      "Beira on Sunday, the National Institute for Disaster Management said, as floodwaters cut the "
                      "main road to Chimoio.\n"
                      "\"The water rose faster than anyone expected,\" said Mayor Albano Carige, adding that 2,500 "
                      "families had lost their homes.\n"
                      "Rescue teams from Maputo arrived on Monday with boats and medical supplies.\n"),
    "maputo-ap": ("2024-03-12",
                  "MAPUTO, Mozambique (AP) - At least 14 people were killed when Cyclone Dara struck central "
                  "Mozambique on Sunday, health officials said on Tuesday.\n"
                  "Health Minister Armindo Tiago told reporters in Maputo that 40 clinics in Sofala province had "
                  "been damaged.\n"
                  "\"We need clean water before cholera spreads,\" Tiago said.\n"),
    "nairobi-afp": ("2024-03-10",
                    "NAIROBI, Kenya (AFP) - Kenya's central bank held its benchmark interest rate at 13 percent on "
                    "Sunday, Governor Kamau Thugge said, citing easing inflation.\n"
                    "\"Inflation has come down to 6.3 percent and we expect it to keep falling,\" Thugge told a news "
                    "conference in Nairobi.\n"),
    "blog-repost": ("2024-03-12",
                    "Cyclone Dara: what we know so far <script>window.__pwned=1</script>\n"
                    "Residents of Beira shared photos <img src=x onerror=\"window.__pwned=1\"> of flooded streets "
                    "on Sunday, and aid groups said 3,000 people were sheltering in schools.\n"
                    "Read more: Cyclone season in Mozambique\n"),
}

#: Every coloured layer of the page view (style.css), as one selector.
COLOURED = ", ".join(f".page-text .seg.{layer}" for layer in ("person", "place", "org", "quote", "claim", "time"))


@dataclass(frozen=True)
class Desk:
    base: str
    page_ids: dict[str, str]


def _get(desk: Desk, path: str) -> Any:
    with urllib.request.urlopen(desk.base + path, timeout=30) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """The API and the desk over a fresh store."""
    folder = tmp_path_factory.mktemp("desk")
    pipeline = Pipeline()
    # The repost claims a `javascript:` URL: the desk must not make it a live link.
    urls = {"blog-repost": "javascript:window.__pwned=1"}
    analyses = [pipeline.analyze(page_from_text(f"{name}.txt", text,
                                                ReadConfig(reference_date=dt.date.fromisoformat(day)),
                                                url=urls.get(name)))
                for name, (day, text) in PAGES.items()]
    analyses.append(pipeline.analyze(sample_page(ReadConfig(reference_date=dt.date.fromisoformat(SAMPLE_DATE)))))
    with open_store(folder / "desk.db") as store:
        ids = store.add(analyses)
    page_ids = dict(zip([*PAGES, "sample"], ids, strict=True))

    with serve_store(folder / "desk.db") as base:
        yield Desk(base=base, page_ids=page_ids)


@contextlib.contextmanager
def serve_store(db: Path) -> Iterator[str]:
    """The API and the desk over the store `db`, served by uvicorn in a subprocess on a socket bound here
    (no port race); yields the base URL."""
    program = ("import sys, uvicorn\nfrom newsdesk.serve.app import create_app\n"
               "uvicorn.run(create_app(sys.argv[1]), fd=int(sys.argv[2]), log_level='warning')\n")
    with served(program, lambda fd: [str(db), str(fd)], db.with_suffix(".server.log")) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Any, desk: Desk) -> Iterator[Any]:
    """A fresh tab; afterwards: no script error, no request off this server, and nothing from the page ran."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith((desk.base + "/", "data:"))
            else foreign.append(request.url))
    yield page
    pwned = page.evaluate("typeof window.__pwned")
    context.close()
    assert not errors, f"script errors in the desk: {errors}"
    assert not foreign, f"the desk reached beyond its server: {foreign}"
    assert pwned == "undefined", "markup in a page's text ran as code"


def _open(tab: Any, desk: Desk, route: str) -> None:
    tab.goto(f"{desk.base}/{route}")
    tab.wait_for_selector("body[data-ready]", timeout=30_000)


def _follow(tab: Any, action: Any) -> None:
    """Run `action` (a click that changes the route) and wait for the new view to finish drawing."""
    tab.evaluate("delete document.body.dataset.ready")
    action()
    tab.wait_for_selector("body[data-ready]", timeout=30_000)


def _shot(tab: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_search_then_page_view_colours_every_span_at_its_offsets(tab: Any, desk: Desk) -> None:
    _open(tab, desk, "")
    tab.fill("#quick-search input[name=q]", "Cyclone Dara")
    _follow(tab, lambda: tab.press("#quick-search input[name=q]", "Enter"))
    assert "#/search?q=Cyclone+Dara" in tab.url
    hits = tab.locator(".hit")
    found = {hits.nth(i).get_attribute("data-page") for i in range(hits.count())}
    assert {desk.page_ids["beira-reuters"], desk.page_ids["maputo-ap"], desk.page_ids["blog-repost"]} <= found
    assert desk.page_ids["nairobi-afp"] not in found
    assert tab.locator(".hit mark").first.inner_text().lower() in {"cyclone", "dara"}
    assert tab.locator(".facet a .origin-chip", has_text="Reuters").count() == 1
    _shot(tab, "search")

    beira = desk.page_ids["beira-reuters"]
    _follow(tab, lambda: tab.click(f".hit[data-page='{beira}'] a.hit-title"))
    analysis = _get(desk, f"/pages/{beira}")["analysis"]
    text = analysis["text"]
    # The text is all there, once, in page order (stories and the stretches between them).
    assert "".join(tab.locator(".page-text .story-text").all_text_contents()) == text
    coloured = tab.locator(COLOURED)
    assert coloured.count() >= 10
    assert all(coloured.nth(i).is_visible() for i in range(coloured.count()))
    # Each coloured piece is the text at its offsets, and lies inside a span of its layer.
    spans = tab.eval_on_selector_all(".page-text .seg", "nodes => nodes.map(n => "
                                     "[+n.dataset.start, +n.dataset.end, n.textContent, n.className])")
    place_mentions = [(m["start"], m["end"]) for e in analysis["entities"] if e["type"] == "PLACE"
                      for m in e["mentions"]]
    for start, end, shown, classes in spans:
        assert text[start:end] == shown
        if " place" in f" {classes}":
            assert any(s <= start and end <= e for s, e in place_mentions), (start, end, shown)
    # The legend counts what the analysis holds, and hovering says what a span is.
    assert tab.locator(".legend-item[data-layer=place] .count").inner_text() == str(len(place_mentions))
    assert tab.locator(".legend-item[data-layer=quote] .count").inner_text() == str(len(analysis["quotes"]))
    beira_label = next(e["label"] for e in analysis["entities"]
                       if any(text[m["start"]:m["end"]] == "Beira" for m in e["mentions"]))
    assert f"PLACE: {beira_label}" in (tab.locator(".page-text .seg.place", has_text="Beira").first
                                       .get_attribute("title") or "")
    assert tab.locator(".story .origin-chip", has_text="Reuters").count() >= 1
    # A legend switch hides its layer's colour and only that.
    tab.uncheck(".legend-item[data-layer=place] input")
    place_background = tab.eval_on_selector(".page-text .seg.place", "n => getComputedStyle(n).backgroundColor")
    assert place_background == "rgba(0, 0, 0, 0)"
    tab.check(".legend-item[data-layer=place] input")
    _shot(tab, "page")


def test_markup_in_page_text_is_shown_as_text_and_never_runs(tab: Any, desk: Desk) -> None:
    _open(tab, desk, "#/search?q=" + quote("what we know"))
    repost = desk.page_ids["blog-repost"]
    title = tab.locator(f".hit[data-page='{repost}'] a.hit-title").inner_text()
    assert "<script>window.__pwned=1</script>" in title
    _follow(tab, lambda: tab.click(f".hit[data-page='{repost}'] a.hit-title"))
    shown = tab.locator(".page-text").inner_text()
    assert "<script>window.__pwned=1</script>" in shown
    assert '<img src=x onerror="window.__pwned=1">' in shown
    assert tab.locator("#view script, #view img, #view [onerror]").count() == 0
    assert "<script>" in tab.locator(".page-header h1").inner_text()
    url_link = tab.locator(".page-header a", has_text="javascript:")
    assert url_link.get_attribute("href") == "#"
    url_link.click()
    _shot(tab, "page-with-markup")


def test_map_circles_sized_by_mentions_and_a_click_lists_the_place_pages(tab: Any, desk: Desk) -> None:
    places = _get(desk, "/places")["features"]
    _open(tab, desk, "#/map")
    markers = tab.locator("path.place-marker")
    assert markers.count() == len(places) > 0
    assert tab.locator(".leaflet-overlay-pane path").count() > 100  # the Natural Earth countries
    # A place named more often is drawn no smaller.
    sizes = tab.eval_on_selector_all("path.place-marker", "nodes => nodes.map(n => "
                                     "[+n.dataset.mentions, n.getBoundingClientRect().width])")
    for mentions_a, width_a in sizes:
        for mentions_b, width_b in sizes:
            if mentions_a > mentions_b:
                assert width_a > width_b, sizes
    _shot(tab, "map")

    beira = next(f["properties"] for f in places if f["properties"]["label"] == "Beira")
    # Neighbouring circles overlap at world zoom: the click goes to Beira's circle itself, as a user's
    # would after zooming in.
    tab.locator("path.place-marker[data-place='Beira']").dispatch_event("click")
    tab.wait_for_selector(".place-pages li")
    listed = {re.sub(r"^#/page/", "", link) for link in
              tab.eval_on_selector_all(".place-pages a", "nodes => nodes.map(n => n.getAttribute('href'))")}
    assert listed == {desk.page_ids["beira-reuters"], desk.page_ids["blog-repost"]}
    assert len(listed) == beira["pages"]
    assert tab.locator(".map-panel h2").inner_text() == "Beira"
    _shot(tab, "map-place")
    _follow(tab, lambda: tab.click(f".place-pages a[href='#/page/{desk.page_ids['beira-reuters']}']"))
    assert tab.locator(".page-text .seg.place", has_text="Beira").count() >= 1


def test_timeline_a_click_on_a_bar_picks_its_day_and_the_search_follows(tab: Any, desk: Desk) -> None:
    """The axis itself, brushing and marks: tests/e2e/test_web_timeline.py."""
    days = _get(desk, "/timeline")["days"]
    _open(tab, desk, "#/timeline")
    bins = tab.eval_on_selector_all("svg.timeline g.bin", "nodes => nodes.map(n => +n.dataset.pages)")
    assert sum(bins) == sum(day["pages"] for day in days) > 0  # every dated page is in a bar
    _shot(tab, "timeline")
    tab.click("svg.timeline g.bin[data-from='2024-03-11'] rect.bar")
    tab.wait_for_selector(".window-hits li")
    listed = {tab.locator(".window-hits li").nth(i).get_attribute("data-page")
              for i in range(tab.locator(".window-hits li").count())}
    assert listed == {desk.page_ids["beira-reuters"]}
    _follow(tab, lambda: tab.click(".window-links a.to-search"))
    assert "from=2024-03-11" in tab.url and "to=2024-03-11" in tab.url
    shown = {tab.locator(".hit").nth(i).get_attribute("data-page") for i in range(tab.locator(".hit").count())}
    assert shown == {desk.page_ids["beira-reuters"]}


def test_report_sentences_link_to_their_passages(tab: Any, desk: Desk) -> None:
    report = _get(desk, "/report?q=" + quote("Cyclone Dara"))
    _open(tab, desk, "#/report?q=" + quote("Cyclone Dara"))
    links = tab.eval_on_selector_all("a.source-link", "nodes => nodes.map(n => n.getAttribute('href'))")
    expected = [f"#/page/{s['page_id']}?start={s['start']}&end={s['end']}"
                for key in ("contradictions",) for c in report[key] for claim in c["claims"] for s in claim["sources"]]
    expected += [f"#/page/{s['page_id']}?start={s['start']}&end={s['end']}" for key in ("places", "actors")
                 for subject in report[key] for sentence in subject["sentences"] for s in sentence["sources"]]
    expected += [f"#/page/{s['page_id']}?start={s['start']}&end={s['end']}" for key in ("events", "claims")
                 for item in report[key] for s in item["sources"]]
    assert links == expected and links
    # Claims that disagree side by side, each with its claimant.
    if report["contradictions"]:
        sides = tab.locator(".conflict").first.locator(".side")
        assert sides.count() == 2
        first = report["contradictions"][0]["claims"]
        for i, claim in enumerate(first):
            assert claim["figure"] in sides.nth(i).locator(".figure").inner_text()
            assert (claim["claimant"] or claim["reported_by"]) in sides.nth(i).locator(".claimant").inner_text()
    _shot(tab, "report")

    # Follow a source link: the page view opens with exactly that passage highlighted, in view.
    target = tab.locator("a.source-link").first
    href = target.get_attribute("href") or ""
    page_id, start, end = re.match(r"#/page/(\w+)\?start=(\d+)&end=(\d+)", href).groups()  # type: ignore[union-attr]
    _follow(tab, target.click)
    text = _get(desk, f"/pages/{page_id}")["analysis"]["text"]
    highlighted = tab.eval_on_selector_all(".seg.passage", "nodes => nodes.map(n => n.textContent).join('')")
    assert highlighted == text[int(start):int(end)]
    assert tab.eval_on_selector(".seg.passage", "n => { const r = n.getBoundingClientRect(); "
                                "return r.top >= 0 && r.bottom <= window.innerHeight; }")
    _shot(tab, "report-source")


def test_sample_page_view(tab: Any, desk: Desk) -> None:
    """The bundled sample page (the README's screenshot is this view): stories from three origins."""
    sample = desk.page_ids["sample"]
    _open(tab, desk, f"#/page/{sample}")
    analysis = _get(desk, f"/pages/{sample}")["analysis"]
    assert tab.locator(".story[data-story]").count() == len(analysis["stories"])
    origins = {story["origin"] for story in analysis["stories"] if story["origin"]}
    shown = {tab.locator(".story[data-story]").nth(i).get_attribute("data-origin")
             for i in range(len(analysis["stories"]))}
    assert origins <= shown
    assert tab.locator(".page-text .seg.noise").count() >= len(analysis["removed"])
    _shot(tab, "sample-page")


def test_an_unknown_page_says_so(tab: Any, desk: Desk) -> None:
    _open(tab, desk, "#/page/0123456789abcdef")
    message = tab.locator("#view .error").inner_text()
    assert "0123456789abcdef" in message and "Could not load page" in message
    assert tab.locator(".page-text").count() == 0
