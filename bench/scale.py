"""How `analyze` grows with the page: time and peak memory on long synthetic and real pages.

    python -m bench.scale [--data DIR] [--full] [--sizes-paragraphs 1000,2000,4000] [--sizes-mb 0.125,0.25,0.5]
                          [--repeat 3]

Two series, each size in its own process (so its peak RSS is its own, pipeline load included):
synthetic pages of N short paragraphs whose topic changes every 12 paragraphs (1k–4k by default,
to 16k with `--full`), and plain-text pages of real news made by joining the articles of
DIR/articles_dev.jsonl (default ../shared/data/guardian2022), in one fixed shuffled order, over and
over to the size asked (0.125–0.5 MB by default, 0.25–4 MB with `--full`; skipped, with a message,
when the file is absent). For each series it fits log(CPU time) against log(size) — CPU time, not wall
time, so that other work on a busy machine does not bend the curve: the growth exponent (target <=
1.15, 1 is linear); it reports wall time too, and peak memory at the largest size (target <= 1.5 GB
at 4 MB). Prints a table, then the figures as one JSON line.

How the time is taken, and why (each choice once moved the exponent by about 0.1 at the default sizes):
* the pipeline analyses a small page first, untimed: its first call's one-off costs (~0.1 s) belong
  to start-up, not to the page, and would flatten the curve;
* each page is analysed `--repeat` times (3) and the least CPU time kept: on a shared machine one
  run's CPU time still varies by ±10 % (caches, frequency), which over sizes only 4x apart moves the
  slope by ±0.1 — the least is the run least disturbed;
* the articles are shuffled once (fixed seed) before joining: in file order the smaller pages were
  the file's first articles, ~10 % cheaper per character than the later ones, so the sizes differed in
  content as well as length and the slope rose with the content, not the length.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line

TARGET_EXPONENT = 1.15
TARGET_PEAK_MB_AT_4MB = 1500.0

_TOPICS = [
    "harbour ferry crew port cargo dock tide vessel captain shipping",
    "election ballot voters campaign candidate parliament polling seat minister coalition",
    "vaccine hospital patients doctors clinic virus nurses treatment infection surgery",
    "drought farmers harvest wheat rainfall crops cattle irrigation soil prices",
    "striker goal league match coach stadium season fans penalty transfer",
    "court judge trial verdict lawyers appeal jury sentence prosecutors evidence",
    "orchestra concert composer violin symphony audience premiere conductor festival opera",
    "railway trains tracks signal commuters station timetable engineers freight tunnel",
]


def synthetic_text(paragraphs: int, seed: int = 7) -> str:
    """`paragraphs` paragraphs of ~25 words; the topic changes every 12 paragraphs."""
    rng = random.Random(seed)
    filler = "the city officials said on Tuesday that work would continue after a review".split()
    out = []
    for i in range(paragraphs):
        topic = _TOPICS[(i // 12) % len(_TOPICS)].split()
        words = [rng.choice(topic) if rng.random() < 0.5 else rng.choice(filler) for _ in range(25)]
        out.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(out) + "\n"


def real_text(path: Path, megabytes: float, seed: int = 7) -> str:
    """Real articles joined (paragraphs kept) and repeated until the text holds `megabytes` MB, in an
    order shuffled once with `seed`: every size then draws on the whole file, not on its first articles."""
    texts = [json.loads(line).get("text") or "" for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    random.Random(seed).shuffle(texts)
    want = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < want:
        for t in texts:
            parts.append(t)
            size += len(t) + 2
            if size >= want:
                break
    return "\n\n".join(parts)[:want]


def one(kind: str, size: float, data: Path, repeat: int = 1) -> dict[str, float]:
    """Analyse one page in this process, `repeat` times: the least seconds and CPU seconds of `analyze`
    (each the least of its own), and peak RSS in MB."""
    from newsdesk.analysis.pipeline import Pipeline
    from newsdesk.read.files import ReadConfig, page_from_text

    text = synthetic_text(int(size)) if kind == "paragraphs" else real_text(data / "articles_dev.jsonl", size)
    pipeline = Pipeline()
    # Untimed: the first analysis pays one-off costs (spaCy's first call, lazy tables) that are start-up.
    pipeline.analyze(page_from_text("warm-up", synthetic_text(24), ReadConfig()))
    page = page_from_text(f"scale-{kind}-{size}", text, ReadConfig())
    seconds = cpu = math.inf
    stories = 0
    for _ in range(max(1, repeat)):
        started, cpu_started = time.perf_counter(), time.process_time()
        analysis = pipeline.analyze(page)
        seconds = min(seconds, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
        stories = len(analysis.stories)
        del analysis  # the next run's peak is not to hold two analyses
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak, "chars": len(text), "stories": stories}


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(seconds) against log(size)."""
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def _row(r: dict[str, float]) -> dict[str, float]:
    return {"seconds": round(r["seconds"], 2), "cpu_seconds": round(r["cpu_seconds"], 2),
            "peak_mb": round(r["peak_mb"])}


def run_series(kind: str, sizes: list[float], data: Path, timeout: float, repeat: int) -> list[dict[str, float]]:
    rows = []
    for size in sizes:
        cmd = [sys.executable, __file__, "--one", kind, str(size), "--data", str(data), "--repeat", str(repeat)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            print(f"{kind} {size:g}: over {timeout:g} s, series stopped", file=sys.stderr)
            break
        if done.returncode != 0:
            print(f"{kind} {size:g}: failed:\n{done.stderr[-2000:]}", file=sys.stderr)
            break
        row = {"size": size, **json.loads(done.stdout.strip().splitlines()[-1])}
        print(f"{kind:>10} {size:>8g}  {row['seconds']:8.2f} s  {row['cpu_seconds']:8.2f} s CPU  "
              f"{row['peak_mb']:7.0f} MB  "
              f"{row['chars']:>9} chars  {row['stories']:>5} stories", flush=True)
        rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA / "guardian2022")
    ap.add_argument("--full", action="store_true", help="up to 16k paragraphs and 4 MB (several minutes)")
    ap.add_argument("--sizes-paragraphs", help="comma-separated paragraph counts")
    ap.add_argument("--sizes-mb", help="comma-separated sizes of real text, in MB")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds allowed for one size")
    ap.add_argument("--repeat", type=int, default=3, help="analyses of each page; the least time is kept")
    ap.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], float(args.one[1]), args.data, args.repeat)))
        return
    paragraphs = ([float(s) for s in args.sizes_paragraphs.split(",")] if args.sizes_paragraphs
                  else [1000.0, 2000, 4000, 8000, 16000] if args.full else [1000.0, 2000, 4000])
    megabytes = ([float(s) for s in args.sizes_mb.split(",")] if args.sizes_mb
                 else [0.25, 0.5, 1.0, 2, 4] if args.full else [0.125, 0.25, 0.5])
    figures: dict[str, object] = {"bench": "scale", "target_exponent": TARGET_EXPONENT,
                                  "target_peak_mb_at_4mb": TARGET_PEAK_MB_AT_4MB, "repeat": args.repeat}
    synth = run_series("paragraphs", paragraphs, args.data, args.timeout, args.repeat)
    if len(synth) >= 2:
        figures["paragraphs_exponent"] = round(exponent([(r["size"], r["cpu_seconds"]) for r in synth]), 3)
    figures["paragraphs"] = {f"{r['size']:g}": _row(r) for r in synth}
    if (args.data / "articles_dev.jsonl").is_file():
        real = run_series("megabytes", megabytes, args.data, args.timeout, args.repeat)
        if len(real) >= 2:
            figures["megabytes_exponent"] = round(exponent([(r["size"], r["cpu_seconds"]) for r in real]), 3)
        figures["megabytes"] = {f"{r['size']:g}": _row(r) for r in real}
        at4 = [r for r in real if r["size"] == 4]
        if at4:
            figures["peak_mb_at_4mb"] = round(at4[0]["peak_mb"])
    else:
        print(f"real text: skipped: {args.data / 'articles_dev.jsonl'} is absent", file=sys.stderr)
        figures["megabytes"] = "skipped: data absent"
    last_line(figures)


if __name__ == "__main__":
    main()
