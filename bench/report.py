#!/usr/bin/env python3
"""The situation report's benchmark: are its lines clean, single, traceable and honestly confirmed?

    python -m bench.report [--data DIR] [--pages N] [--seed S] [--queries K]

DIR (default `<repo>/../shared/data`) holds what `bench/corpus.py` builds its corpus from (the dev
articles of `guardian2022/` and `ecbplus/`); when it is absent the bench says so and exits 0. The
corpus: N content-farm pages (`corpus.build_corpus`: paragraphs copied from 1–3 articles, furniture in
between) and every article they copied, each as a page of its own. All are analysed with the pipeline,
stored in a temporary SQLite store and linked (`newsdesk.jobs.link.link_pages`: reuse, events), then one
report is built for each of the K place names the corpus mentions most (`newsdesk.report.build.build_report`).

What is known by construction is which article each copied paragraph came from, so every line's
independent origins are known: the distinct articles its sources were copied from (a source on an
article page is that article; a source no copy covers is its own page's). Figures over all reports'
lines (subject sentences, events and the sentences that confirm them, claims):

* `repeat_share` — lines of the places and actors sections whose sentence is listed again there
  (target 0: a sentence is listed once, under its subject);
* `noise_share` — lines one of whose sources overlaps text the cleaner marked as noise (target 0);
* `links_resolve` — sources whose `[start, end)` in the stored page's text is the words they quote: the
  line's text, or the copy's own (`Source.text`, where a near-identical copy differs) (target 1);
* `confirmations_right` — lines whose `confirmations` equals the number of distinct articles behind
  their sources (events: with the sentences that confirm them);
* `confirmations_over` — lines that claim more independent origins than there are (the harmful error).

Figures printed last as one JSON line. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import corpus as corpus_bench
from bench.common import DATA, last_line, skip


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--pages", type=int, default=30, help="content-farm pages (their articles are added)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--queries", type=int, default=5, help="reports: one per most-mentioned place")
    args = ap.parse_args()
    if not corpus_bench.data_available(args.data):
        skip("report", f"no guardian2022 or ecbplus articles under {args.data}")
    last_line(run(args.data, args.pages, args.seed, args.queries))


def run(data: Path, n: int, seed: int, queries: int) -> dict[str, Any]:
    from newsdesk.analysis.pipeline import Pipeline
    from newsdesk.jobs.link import link_pages
    from newsdesk.read.files import ReadConfig, page_from_text
    from newsdesk.report.build import build_report
    from newsdesk.store import content_hash, open_store, page_id_of

    started = time.perf_counter()
    sources = corpus_bench.load_sources(data)
    arts = {a.source: a for a in sources.articles}
    texts: list[tuple[str, str, Any, str]] = []  # (source, text, date, url)
    article_of_span: dict[str, list[tuple[int, int, str]]] = {}  # page source → spans copied from articles
    added: set[str] = set()
    for item in corpus_bench.build_corpus(data, n, seed, sources=sources):
        for source in item.built_from:
            if source not in added:
                added.add(source)
                art = arts[source]
                texts.append((source, corpus_bench.article_text(art), art.date,
                              f"https://{corpus_bench.url_slug(source)}.example/a"))
        texts.append((item.source, item.text, item.date, item.url))
        article_of_span[item.source] = [(s, e, src) for src, s, e, _para, _kept in item.copied]
    pipeline = Pipeline()
    read = ReadConfig()
    analyses = [pipeline.analyze(page_from_text(src, text, read, record_date=date, url=url))
                for src, text, date, url in texts]
    analysed = time.perf_counter() - started
    truth_of: dict[str, str] = {}  # page id → the page's source
    for analysis in analyses:
        truth_of[page_id_of(content_hash(analysis.page))] = analysis.page.source
    temp = Path(tempfile.mkdtemp(prefix="newsdesk-report-"))
    lines = repeats = noisy = over = right = sources_total = resolved = 0
    try:
        with open_store(temp / "report.db") as store:
            store.add(analyses)
            link_pages(store)
            places: Counter[str] = Counter()
            for analysis in analyses:
                for entity in analysis.entities:
                    if entity.type == "PLACE":
                        places[entity.label] += 1
            stored: dict[str, tuple[str, list[tuple[int, int]]]] = {}

            def page(page_id: str) -> tuple[str, list[tuple[int, int]]]:
                if page_id not in stored:
                    a = store.page(page_id).to_analysis()
                    stored[page_id] = (a.page.text, [(s.start, s.end) for s in a.cleaning.removed])
                return stored[page_id]

            def articles_behind(sentences: list[Any]) -> set[str]:
                behind: set[str] = set()
                for sentence in sentences:
                    for s in sentence.sources:
                        source = truth_of.get(s.page_id, s.page_id)
                        if source in arts:
                            behind.add(source)
                            continue
                        covering = [src for a, b, src in article_of_span.get(source, ()) if a <= s.start < b]
                        behind.add(covering[0] if covering else f"page:{s.page_id}")
                return behind

            for label, _count in places.most_common(queries):
                report = build_report(store, label)
                subject_texts = Counter(" ".join(s.text.split()) for subject in (*report.places, *report.actors)
                                        for s in subject.sentences)
                repeats += sum(c - 1 for c in subject_texts.values() if c > 1)
                items: list[tuple[Any, list[Any], int]] = []
                for subject in (*report.places, *report.actors):
                    items += [(s, [s], s.confirmations) for s in subject.sentences]
                items += [(e.sentence, [e.sentence, *e.also], e.confirmations) for e in report.events]
                items += [(c.sentence, [c.sentence], c.sentence.confirmations) for c in report.claims]
                for _line, confirming, confirmations in items:
                    lines += 1
                    truth = len(articles_behind(confirming))
                    right += confirmations == truth
                    over += confirmations > truth
                    dirty = False
                    for sentence in confirming:
                        for s in sentence.sources:
                            text, noise = page(s.page_id)
                            sources_total += 1
                            resolved += text[s.start:s.end] == (s.text or sentence.text)
                            dirty = dirty or any(a < s.end and s.start < b for a, b in noise)
                    noisy += dirty
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return {"bench": "report", "pages": len(texts), "farm_pages": n, "seed": seed,
            "reports": min(queries, len(places)),
            "lines": lines, "repeat_share": round(repeats / max(1, lines), 4),
            "noise_share": round(noisy / max(1, lines), 4),
            "links_resolve": round(resolved / max(1, sources_total), 4),
            "confirmations_right": round(right / max(1, lines), 4),
            "confirmations_over": round(over / max(1, lines), 4),
            "seconds_analyse": round(analysed, 1), "seconds": round(time.perf_counter() - started, 1)}


if __name__ == "__main__":
    main()
