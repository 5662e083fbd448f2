"""PAN 2013 text alignment (02-no-obfuscation): `newsdesk.corpus.reuse.align.align` scored with PAN's own measures.

    python -m bench.reuse [--data DIR]
    python -m bench.reuse --scale N [--seed S]


DIR is `../shared/data/pan13`: `02-no-obfuscation/pairs` (one `susp.txt source.txt` pair a line) and the
gold XML beside it, `susp/` and `final_txt_files/` (the documents), and `measures3.py`, the official
plagdet / precision / recall / granularity (macro-averaged), which is run from there as it is.
Each pair is aligned (A = suspicious document, B = source document); the detections are written in
PAN's XML, one file per pair, to a temporary directory that `measures3.py -p GOLD -d DETECTIONS` reads.
The texts drift a few characters from the gold offsets (see the data's README), so 1.0 is out of reach.
`seconds` is the time spent aligning. The candidate index is measured on the same data: every source
document is added to a `ReuseIndex`, then every suspicious one; `candidate_recall` is the share of gold
pairs among the suspicious documents' candidates, `candidates` how many candidates there were.
Prints measures3's output, then the figures as one JSON line.

`--scale N` measures speed instead, on N synthetic pages (Zipf-distributed words from a 50,000-word
vocabulary, 200 sites each with its own header and footer, one page in five carrying a passage of an
earlier page): every page is added to the index and aligned with each of its candidates, as the desk
would. Prints the time, pages a second and what was found, as one JSON line.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import quoteattr

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from newsdesk.corpus.reuse.align import Passage, ReuseConfig, align, words
from newsdesk.corpus.reuse.index import ReuseIndex

SUBSET = "02-no-obfuscation"


def read(path: Path) -> str:
    # Plain ASCII by the README; latin-1 reads any byte, so offsets stay one character a byte.
    return path.read_text(encoding="latin-1")


def detections_xml(susp: str, source: str, passages: list[Passage]) -> str:
    """One pair's detections in PAN's format (offsets and lengths in characters)."""
    lines = [f"<document reference={quoteattr(susp)}>"]
    for p in passages:
        lines.append(f'<feature name="detected-plagiarism" this_offset="{p.a_start}" '
                     f'this_length="{p.a_end - p.a_start}" source_reference={quoteattr(source)} '
                     f'source_offset="{p.b_start}" source_length="{p.b_end - p.b_start}" />')
    lines.append("</document>")
    return "\n".join(lines) + "\n"


def measures(data: Path, gold: Path, detected: Path) -> tuple[str, dict[str, float]]:
    """Run the official measures3.py on the detections; its output and its four figures."""
    done = subprocess.run([sys.executable, str(data / "measures3.py"), "-p", str(gold), "-d", str(detected)],
                          capture_output=True, text=True, check=False, cwd=data)
    if done.returncode != 0:
        raise SystemExit(f"reuse: measures3.py failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    figures: dict[str, float] = {}
    for name, key in (("Plagdet", "plagdet"), ("Recall", "recall"), ("Precision", "precision"),
                      ("Granularity", "granularity")):
        m = re.search(rf"^{name}\s+([0-9.]+)", done.stdout, re.M)
        if m is None:
            raise SystemExit(f"reuse: no {name} figure in measures3.py's output: {done.stdout[-500:]}")
        figures[key] = float(m.group(1))
    return done.stdout, figures


def candidate_recall(data: Path, pairs: list[list[str]], config: ReuseConfig) -> dict[str, float | int]:
    """Add the source documents, then the suspicious ones, to an index; how many gold pairs it proposes."""
    index = ReuseIndex(config)
    for source in sorted({source for _, source in pairs}):
        index.add(source, read(data / "final_txt_files" / source))
    found: set[tuple[str, str]] = set()
    for susp in sorted({susp for susp, _ in pairs}):
        found.update((susp, str(c.page_id)) for c in index.add(susp, read(data / "susp" / susp)))
    gold = {(susp, source) for susp, source in pairs}
    return {"candidate_recall": round(len(found & gold) / len(gold), 4), "candidates": len(found)}


def run(data: Path, config: ReuseConfig) -> dict[str, object]:
    gold = data / SUBSET
    pairs = [line.split() for line in (gold / "pairs").read_text().splitlines() if line.strip()]
    aligned_seconds = 0.0
    with tempfile.TemporaryDirectory(prefix="reuse-bench-") as tmp:
        out = Path(tmp)
        for susp, source in pairs:
            a = read(data / "susp" / susp)
            b = read(data / "final_txt_files" / source)
            started = time.perf_counter()
            passages = align(a, b, config)
            aligned_seconds += time.perf_counter() - started
            name = f"{Path(susp).stem}-{Path(source).stem}.xml"
            (out / name).write_text(detections_xml(susp, source, passages), encoding="utf-8")
        report, figures = measures(data, gold, out)
    print(report.rstrip())
    return {"bench": "reuse", **figures, "pairs": len(pairs), "seconds": round(aligned_seconds, 2),
            **candidate_recall(data, pairs, config)}


def synthetic_pages(count: int, seed: int) -> list[tuple[int, str, str]]:
    """`count` invented pages (id, text, site): see the module doc."""
    rng = random.Random(seed)
    vocabulary = [f"{w}{k}" for k, w in enumerate(("al be co da el fa gi ho " * 6250).split())]
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))))

    def sentences(n_words: int) -> str:
        picked = rng.choices(vocabulary, cum_weights=cumulative, k=n_words)
        out: list[str] = []
        for k in range(0, n_words, 18):
            out.append(" ".join(picked[k:k + 18]).capitalize() + ".")
        return " ".join(out)

    sites = [(f"site{k}.example", sentences(12), sentences(35)) for k in range(200)]
    pages: list[tuple[int, str, str]] = []
    for k in range(count):
        site, header, footer = sites[rng.randrange(len(sites))]
        body = sentences(rng.randint(250, 900))
        if pages and rng.random() < 0.2:  # carry a passage of an earlier page
            earlier = pages[rng.randrange(len(pages))][1]
            start = rng.randrange(max(1, len(earlier) - 1500))
            body = body[:len(body) // 2] + "\n\n" + earlier[start:start + rng.randint(300, 1500)] + "\n\n" \
                + body[len(body) // 2:]
        pages.append((k, f"{header}\n\n{body}\n\n{footer}", site))
    return pages


def scale(count: int, seed: int, config: ReuseConfig) -> dict[str, object]:
    """Add `count` synthetic pages to an index, aligning each with its candidates; time it all."""
    pages = synthetic_pages(count, seed)
    index = ReuseIndex(config)
    texts: dict[int, str] = {}
    candidates = links = 0
    started = time.perf_counter()
    for page_id, text, site in pages:
        found = index.add(page_id, text, site)
        candidates += len(found)
        if found:
            mine = words(text)
            ignore = index.furniture_shingles(text, mine)
            for cand in found:
                links += bool(align(text, texts[int(str(cand.page_id))], config, ignore=ignore, a_words=mine))
        texts[page_id] = text
    seconds = time.perf_counter() - started
    blob = index.to_bytes()
    return {"bench": "reuse-scale", "pages": count, "seconds": round(seconds, 1),
            "pages_per_s": round(count / seconds, 1), "candidates": candidates, "linked_pairs": links,
            "index_mb": round(len(blob) / 2**20, 1), **index.stats()}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA / "pan13")
    ap.add_argument("--scale", type=int, default=0, help="time N synthetic pages instead of scoring PAN")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the synthetic pages")
    args = ap.parse_args()
    if args.scale > 0:
        last_line(scale(args.scale, args.seed, ReuseConfig()))
        return
    if not (args.data / SUBSET / "pairs").is_file() or not (args.data / "measures3.py").is_file():
        skip("reuse", f"{args.data}/{SUBSET}/pairs or {args.data}/measures3.py is absent")
    last_line(run(args.data, ReuseConfig()))


if __name__ == "__main__":
    main()
