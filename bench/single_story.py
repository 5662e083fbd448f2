#!/usr/bin/env python3
"""Over-splitting on real single articles: how often the splitter cuts an ECB+ document into several stories.

    python -m bench.single_story [--data DIR] [--split train|heldout|all] [--errors]

Every ECB+ document (DIR, default `../shared/data/ecbplus`; absent: skipped, exit 0) is one web article by one
outlet, annotated by others for another task: a page nobody built to test the splitter. Each goes through the
analysis pipeline as `bench/xdoc.py` reads it (all sentences but the URL, one line each; its analysis cached in
bench/out/xdoc_analysis by the code's and the text's digests, shared with that bench). Printed: the share of
documents cut into more than one story (`split_share`), the mean stories per document, the boundary reasons of
the extra cuts (`cut_reasons`: the splitter's `Story.boundary` of every story after the first), and the share of
documents whose first story names an origin. `--errors` lists each cut with the first words on either side.

Not a gold score: a few ECB+ documents are blog posts of several items, where a cut is right, so the figure is an
upper bound of the over-splitting and a lower share is better only while boundary recall on the stitched benches
holds. The text is the corpus's tokenised form ("Sept . 17 , 2013"), a sentence per line: harder than a page's
paragraphs, never easier. `train` (topics 1-22, the default) is where splitter rules may be checked; `heldout`
(23-35) is reported, never tuned on. The figures come last as one JSON line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a file: the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, skip
from bench.xdoc import SPLITS, analyses, load


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA / "ecbplus", help="the ECB+ folder (topics 1-35)")
    parser.add_argument("--split", choices=tuple(SPLITS), default="train",
                        help="train: topics 1-22 (default); heldout: 23-35, report only; all: both")
    parser.add_argument("--errors", action="store_true", help="list each cut with the words on either side")
    args = parser.parse_args(argv)
    if not (args.data / "ECBplus_coreference_sentences.csv").is_file():
        skip("single_story", f"{args.data} (ECB+) is absent")
    docs = load(args.data, args.split)
    analysed = analyses(docs)
    reasons: Counter[str] = Counter()
    cut = named = stories = 0
    for doc in docs:
        analysis = analysed[doc.name]
        stories += len(analysis.stories)
        if analysis.stories and analysis.stories[0].origin:
            named += 1
        if len(analysis.stories) <= 1:
            continue
        cut += 1
        for before, story in itertools.pairwise(analysis.stories):
            reasons.update(story.boundary or ("(none given)",))
            if args.errors:
                left = " ".join(analysis.page.text[before.start:story.start].split()[-8:])
                right = " ".join(analysis.page.text[story.start:story.end].split()[:10])
                print(f"{doc.name}: {'+'.join(story.boundary) or '-'}: …{left} ‖ {right}…")
    n = max(len(docs), 1)
    figures = {"bench": "single_story", "split": args.split, "docs": len(docs),
               "split_share": round(cut / n, 4), "stories_per_doc": round(stories / n, 4),
               "origin_named_share": round(named / n, 4), "cut_reasons": dict(reasons.most_common())}
    print(f"{'documents':<20} {len(docs)}\n{'cut into several':<20} {cut} ({cut / n:.1%})\n"
          f"{'stories per doc':<20} {stories / n:.3f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
