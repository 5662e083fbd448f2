"""AEB bench: main-text extraction of newsdesk (read → clean) against plain trafilatura, on the
Article Extraction Benchmark's own protocol (4-token shingle precision/recall/F1, macro-averaged).

    python -m bench.aeb [--data DIR] [--limit N]

DIR defaults to ../shared/data/aeb beside the repository; when it is absent the bench says so and exits 0.
Predictions are written to a temporary folder laid out like the data folder (ground truth and the set's
`evaluate.py` linked in) and scored by running that `evaluate.py`: the figures are the protocol's own.
Nothing is written into the repository. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import trafilatura

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from newsdesk.analysis.pipeline import Pipeline, clean_text
from newsdesk.errors import ReadError
from newsdesk.model import Page
from newsdesk.read.files import ReadConfig, decode, page_from_bytes

DEFAULT_DATA = DATA / "aeb"
#: newsdesk: read → analyze → clean_text. newsdesk_read: read alone, its text less the blocks it hinted as
#: captions (read keeps them for the cleaner to list): tells read's share of a change from the cleaner's.
#: trafilatura: `extract(html)` with its defaults.
SYSTEMS = ("newsdesk", "newsdesk_read", "trafilatura")
METRICS = ("precision", "recall", "f1", "accuracy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"AEB folder (default {DEFAULT_DATA})")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (sorted by id)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit <= 0:
        parser.error("--limit must be a positive number of pages")

    data: Path = args.data.resolve()
    gold_path, scorer = data / "ground-truth.json", data / "evaluate.py"
    if not (gold_path.is_file() and scorer.is_file() and (data / "html").is_dir()):
        skip("aeb", f"no AEB data (ground-truth.json, evaluate.py, html/) at {data}")
    # extractors log every page they give up on; the figures below say what matters
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)

    gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
    files = sorted((data / "html").glob("*.html.gz"))[: args.limit]
    ids = [f.name.removesuffix(".html.gz") for f in files]
    missing = [i for i in ids if i not in gold]
    if missing:
        print(f"aeb: {len(missing)} page(s) without ground truth, e.g. {missing[0]}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    outputs, seconds, failures = run(files, ids)
    figures = score(scorer, {i: gold[i] for i in ids}, outputs)
    total = time.perf_counter() - started

    print(f"AEB: {len(ids)} pages from {data}")
    print(f"{'system':<14} {'F1':>15} {'precision':>15} {'recall':>15} {'accuracy':>15} {'ms/page':>8} {'failed':>6}")
    for name in SYSTEMS:
        m = figures[name]
        cells = " ".join(f"{m[k]:>7.4f} ± {m[k + '_std']:.3f}" for k in ("f1", "precision", "recall", "accuracy"))
        print(f"{name:<14} {cells} {1000 * seconds[name] / len(ids):>8.1f} {failures[name]:>6}")
    summary = {
        "bench": "aeb",
        "pages": len(ids),
        **{name: {**{k: round(figures[name][k], 4) for k in METRICS},
                  "seconds": round(seconds[name], 2), "failed": failures[name]} for name in SYSTEMS},
        "seconds": round(total, 2),
    }
    last_line(summary)
    return 0


def run(files: list[Path], ids: list[str]) -> tuple[dict[str, dict[str, str]], dict[str, float], dict[str, int]]:
    """Extract every page with both systems: `{system: {id: text}}`, seconds spent, pages failed."""
    config = ReadConfig()
    pipeline = Pipeline()
    outputs: dict[str, dict[str, str]] = {name: {} for name in SYSTEMS}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    failures = dict.fromkeys(SYSTEMS, 0)
    for path, page_id in zip(files, ids, strict=True):
        raw = gzip.decompress(path.read_bytes())

        t = time.perf_counter()
        try:
            page = page_from_bytes(page_id, raw, config, fmt="html")
        except ReadError as err:
            print(f"aeb: newsdesk: {err}", file=sys.stderr)
            outputs["newsdesk"][page_id] = outputs["newsdesk_read"][page_id] = ""
            failures["newsdesk"] += 1
            failures["newsdesk_read"] += 1
        else:
            seconds["newsdesk_read"] += time.perf_counter() - t
            outputs["newsdesk_read"][page_id] = without_captions(page)
            outputs["newsdesk"][page_id] = clean_text(pipeline.analyze(page))
        seconds["newsdesk"] += time.perf_counter() - t

        try:
            html, _ = decode(page_id, raw)  # the same decoding for both, so only extraction differs
        except ReadError:
            html = raw.decode("utf-8", "replace")
        t = time.perf_counter()
        text = trafilatura.extract(html)
        seconds["trafilatura"] += time.perf_counter() - t
        if text is None:
            failures["trafilatura"] += 1
        outputs["trafilatura"][page_id] = text or ""
    return outputs, seconds, failures


def without_captions(page: Page) -> str:
    """The page's text with the blocks read hinted as captions cut out."""
    keep, pos = [], 0
    for hint in page.hints:
        if hint.kind == "caption":
            keep.append(page.text[pos:hint.start])
            pos = hint.end
    keep.append(page.text[pos:])
    return "".join(keep)


def score(scorer: Path, gold: dict[str, Any], outputs: dict[str, dict[str, str]]) -> dict[str, dict[str, float]]:
    """Run the set's own `evaluate.py` in a temporary copy of the data folder's layout."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-aeb-") as tmp:
        work = Path(tmp)
        (work / "evaluate.py").symlink_to(scorer)
        # the scorer insists prediction keys equal ground-truth keys: a --limit run needs its own subset
        (work / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")
        (work / "output").mkdir()
        for name, texts in outputs.items():
            body = {page_id: {"articleBody": text} for page_id, text in texts.items()}
            (work / "output" / f"{name}.json").write_text(json.dumps(body), encoding="utf-8")
        done = subprocess.run([sys.executable, "evaluate.py", "--output", "results.json"], cwd=work,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"aeb: evaluate.py failed:\n{done.stderr.strip()}")
        results: dict[str, dict[str, Any]] = json.loads((work / "results.json").read_text(encoding="utf-8"))
    return {name: {k: float(v) for k, v in results[name].items() if isinstance(v, int | float)} for name in SYSTEMS}


if __name__ == "__main__":
    sys.exit(main())
