"""Property tests (issue 24): any text, mangled news, generated HTML and JSONL records go through read →
analyse without an exception other than a coded `ReadError` from reading, and every span an analysis
holds lies in its page's text (0 <= start <= end <= len(text)). Examples are few (the suite stays
quick) and derandomised (a failure is the same on every run)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.errors import CATALOGUE, ReadError, ReadFailure
from newsdesk.model import Analysis, Page
from newsdesk.read.files import ReadConfig, page_from_html, page_from_text, read_sources
from tests.analysis.test_pipeline import spans

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Invented news text, mangled by the strategies below.
NEWS = [
    "KYIV, May 22 (Reuters) - Ukraine's president said on Sunday that talks would resume next week.",
    "\"We will not give up,\" Olena Shevchenko, a spokeswoman for the ministry, told reporters.",
    "About 1,200 people were evacuated from Halden after the storm, police said on Tuesday.",
    "The central bank raised rates by 0.25 percentage points to 4.5%, its ninth rise in a row.",
    "Advertisement",
    "Reporting by Tom Balmforth; editing by Jane Doe",
    "© 2022 The Associated Press. All rights reserved.",
    "BERLIN (dpa) – Die Stadt hat am Montag eine neue Straßenbahn genehmigt.",
]
PIECES = [*NEWS, "“", "”", "\"", "'", "\n", "\n\n", " ", "\t", "—", "–", "…", "2022-05-22", "yesterday",
          "last week", "(AP)", "said", "\u200b", "\ufffd", "Ã©", "\r\n", "1999", "31 February", "9999",
          "\ud800", "\udfff"]  # lone surrogates: JSON can escape them


def check(analysis: Analysis) -> None:
    n = len(analysis.page.text)
    bad = [(a, b) for a, b in spans(analysis) if not 0 <= a <= b <= n]
    assert not bad, f"spans outside the text of {n} characters: {bad[:5]}"
    assert all(0 <= s.start <= s.end <= n for s in (*analysis.page.hints, *analysis.page.flags))


def analyse(pipeline: Pipeline, page: Page) -> None:
    check(pipeline.analyze(page))


def coded(err: ReadError) -> None:
    assert err.code in CATALOGUE and str(err).startswith(f"[{err.code}] ")


@SETTINGS
@given(text=st.text(min_size=1, max_size=400),
       day=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))))
def test_any_unicode_text(pipeline: Pipeline, text: str, day: dt.date | None) -> None:
    try:
        page = page_from_text("random.txt", text, ReadConfig(reference_date=day))
    except ReadError as err:  # empty, binary, a lone surrogate: a coded refusal, nothing else
        coded(err)
        return
    analyse(pipeline, page)


@st.composite
def mangled_news(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
    text = " ".join(parts)
    for _ in range(draw(st.integers(0, 6))):  # cut, duplicate or insert at random places
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        action = draw(st.sampled_from(["cut", "double", "insert"]))
        if action == "cut":
            text = text[:i] + text[j:]
        elif action == "double":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(st.text(max_size=5)) + text[i:]
    return text


@SETTINGS
@given(text=mangled_news())
def test_mangled_news(pipeline: Pipeline, text: str) -> None:
    try:
        page = page_from_text("mangled.txt", text, ReadConfig(reference_date=dt.date(2022, 5, 22)))
    except ReadError as err:
        coded(err)
        return
    analyse(pipeline, page)


TAGS = ["div", "p", "span", "h1", "h2", "li", "ul", "blockquote", "figure", "figcaption", "a", "b", "table",
        "td", "tr", "section", "article", "script", "style", "br"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    out: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(st.sampled_from(TAGS))
        depth = draw(st.sampled_from([1, 2, 5, 300]))  # 300: deeper than libxml2 keeps
        attrs = draw(st.sampled_from(["", ' class="caption"', ' class="byline"', ' id="x"']))
        body = draw(st.one_of(st.sampled_from(NEWS), mangled_news()))
        body = body.replace("&", "&amp;").replace("<", "&lt;")
        out.append(f"<{tag}{attrs}>" * depth + body + f"</{tag}>" * draw(st.sampled_from([0, depth])))
    title = draw(st.sampled_from(["", "<title>Ferry strike</title>"]))
    return f"<html><head>{title}</head><body>{''.join(out)}</body></html>"


@SETTINGS
@given(html=html_pages())
def test_generated_html(pipeline: Pipeline, html: str) -> None:
    try:
        page = page_from_html("gen.html", html, ReadConfig(reference_date=dt.date(2022, 5, 22)))
    except ReadError as err:
        coded(err)
        return
    analyse(pipeline, page)


records = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=8), st.integers(), st.none())},
    optional={"text": st.one_of(st.sampled_from(NEWS), mangled_news(), st.text(max_size=80), st.integers()),
              "date": st.one_of(st.sampled_from(["2022-05-22", "0001-01-01", "9999-12-31", "2022-02-30", "x"]),
                                st.none()),
              "url": st.one_of(st.sampled_from(["https://example.org/a", ""]), st.text(max_size=10))},
)


@SETTINGS
@given(batch=st.lists(records, min_size=1, max_size=6))
def test_jsonl_records(pipeline: Pipeline, batch: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in batch), encoding="utf-8")
        results = list(read_sources([str(path)], ReadConfig()))
    assert len(results) == len(batch)  # one result per record: none lost, none crashing the batch
    for record, result in zip(batch, results, strict=True):
        if any(isinstance(v, str) and any("\ud800" <= c <= "\udfff" for c in v) for v in record.values()):
            assert isinstance(result, ReadFailure) and result.error.code in ("ND-E016", "ND-E008"), result
        if isinstance(result, ReadFailure):
            coded(result.error)
            str(result.error).encode("utf-8")  # the report itself must be writable
        else:
            analyse(pipeline, result)
