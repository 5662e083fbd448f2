"""html_loss: how much of each story's body the HTML reader loses on the stitched builders' HTML pages.

    python -m bench.html_loss [--data DIR] [--pages N] [--seeds 7,11,13] [--builders 1,2,3,4] [--split dev]
                              [--show K]

Each builder's HTML pages are built as `bench.stitched --html` builds them; each page is read with
`newsdesk.read` (`page_from_html`), and each gold story's body (the key's text from its first anchor to
the end of its last one, less the key's noise lines in it: furniture, credits, captions) is compared, as
a bag of words, with the text as read. A word of the body the reading does not hold (as often) is lost.
Figures: the share of body words lost over all pages, the worst page's share, and how many stories lost
more than half their words (a story dropped whole).
`--show K` lists the K pages that lost most. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from bench.stitch import StitchedPage, data_available, find_all
from newsdesk.errors import ReadError
from newsdesk.read.files import ReadConfig, page_from_html

_WORD = re.compile(r"\w+")
#: A story that lost more than this share of its words counts as dropped.
_DROPPED = 0.5


def _words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


#: Kinds of the key's noise that are the page's or a story's furniture, not its body: their lines are
#: taken out of a body before it is counted (a related-link line inside a story is no loss when dropped).
_NOT_BODY = ("site_boilerplate", "credits", "link_residue", "teasers", "captions", "duplicate_lines")


def _without_noise(body: str, noise: dict[str, Any]) -> str:
    for kind in _NOT_BODY:
        for line in noise.get(kind, []):
            if isinstance(line, str) and line.strip():
                body = re.sub(r"\s+".join(map(re.escape, line.split())), " ", body)
    return body


def _bodies(page: StitchedPage) -> list[tuple[str, str]]:
    """Each gold story's id and body: the key's text from its first anchor to its last, less the key's
    noise lines (furniture, credits, captions) within it."""
    noise = page.gold.get("noise", {})
    out = []
    for story in page.gold.get("stories", []):
        first, last = find_all(page.text, story["first"]), find_all(page.text, story["last"])
        if not first or not last:
            continue
        start = first[0][0]
        end = next((e for s, e in last if s >= start), None)
        if end is not None:
            out.append((str(story["id"]), _without_noise(page.text[start:end], noise)))
    return out


def _build(builder: str, data: Path, n: int, seed: int, split: str) -> list[StitchedPage]:
    if builder == "1":
        from bench import stitch

        return stitch.build_pages(data, n, seed, html_share=0.25)
    module = __import__(f"bench.stitch{builder}", fromlist=["build_pages"])
    pages: list[StitchedPage] = module.build_pages(data, n, seed, html_share=0.25, split=split)
    return pages


def page_loss(page: StitchedPage) -> dict[str, Any]:
    """Body words of `page` and how many of them its reading lost, in all and per story."""
    ref = page.gold.get("reference_date")
    config = ReadConfig(reference_date=dt.date.fromisoformat(ref) if ref else None)
    try:
        read = _words(page_from_html(page.id, page.content, config).text)
    except ReadError:
        read = Counter()
    stories = []
    # Stories share one reading: each word read is spent once, in page order, so a word two stories
    # hold is counted lost when the reading holds it only once.
    left = Counter(read)
    for sid, body in _bodies(page):
        gold = _words(body)
        kept = gold & left
        left -= kept
        total = sum(gold.values())
        stories.append({"id": sid, "words": total, "lost": total - sum(kept.values())})
    return {"id": page.id, "words": sum(s["words"] for s in stories), "lost": sum(s["lost"] for s in stories),
            "stories": stories}


def run(data: Path, n: int, seeds: list[int], builders: list[str], split: str, show: int) -> dict[str, Any]:
    if not data_available(data):
        skip("html_loss", f"no guardian2022/ecbplus data under {data}")
    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    per_builder: dict[str, dict[str, float]] = {}
    for builder in builders:
        words = lost = dropped = stories = pages = 0
        for seed in seeds:
            for page in _build(builder, data, n, seed, split):
                if page.format != "html":
                    continue
                loss = page_loss(page)
                loss["where"] = f"b{builder}s{seed}"
                results.append(loss)
                pages += 1
                words += loss["words"]
                lost += loss["lost"]
                stories += len(loss["stories"])
                dropped += sum(s["lost"] > _DROPPED * s["words"] for s in loss["stories"])
        per_builder[builder] = {"pages": pages, "stories": stories, "lost_share": round(lost / max(words, 1), 4),
                                "stories_dropped": dropped}
        print(f"builder {builder}: {pages} HTML pages, {stories} stories, {lost}/{words} body words lost, "
              f"{dropped} stories lost more than half", file=sys.stderr)
    worst = sorted(results, key=lambda r: r["lost"] / max(r["words"], 1), reverse=True)
    for r in worst[:show]:
        share = r["lost"] / max(r["words"], 1)
        print(f"{r['where']} {r['id']}: lost {share:.3f} "
              + " ".join(f"{s['id']}:{s['lost']}/{s['words']}" for s in r["stories"]))
    all_words = sum(r["words"] for r in results)
    return {"bench": "html_loss", "split": split, "seeds": seeds, "pages": len(results),
            "lost_share": round(sum(r["lost"] for r in results) / max(all_words, 1), 4),
            "worst_page": round(worst[0]["lost"] / max(worst[0]["words"], 1), 4) if worst else None,
            "stories_dropped": sum(b["stories_dropped"] for b in per_builder.values()),
            "builders": per_builder, "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding guardian2022/ and ecbplus/")
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--seeds", default="7,11,13")
    ap.add_argument("--builders", default="1,2,3,4")
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--show", type=int, default=10, help="list the pages that lost most")
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(",") if s]
    builders = [b for b in args.builders.split(",") if b]
    last_line(run(args.data, args.pages, seeds, builders, args.split, args.show))


if __name__ == "__main__":
    main()
