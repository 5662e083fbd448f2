"""Topic segmentation on Choi's (2000) benchmark: Pk and WindowDiff of `TopicSegmenter` against "no boundary".

    python -m bench.choi [--data DIR] [--split NAME] [--seed-page FILE]

Reads every `.ref` file below DIR (default `<repo>/../shared/data/choi`), or below DIR/NAME with
`--split 1/3-5`. A `.ref` holds one sentence a line; `==========` lines separate the segments. The
segmenter is not told how many segments there are. Prints a table (overall and per range folder),
what the segmenter finds on the seed page's paragraphs (when `../shared/fixtures/seed` is there),
then, last, the figures as one JSON line. Without the data it says it is skipped and exits 0.

The metrics are here, importable (`tests/analysis/test_segment.py` checks them on hand-computed cases):
Pk (Beeferman, Berger & Lafferty 1999) and WindowDiff (Pevzner & Hearst 2002), with the window k half
the mean true segment length of each document, averaged over documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "choi"
SEED = REPO.parent / "shared" / "fixtures" / "seed" / "page.txt"
SEPARATOR = "=========="


# -- metrics -------------------------------------------------------------------------------------
# A segmentation of n units is the sorted list of its inner boundaries: b in 1 … n-1 means a new
# segment starts at unit b.


def window(reference: Sequence[int], n: int) -> int:
    """k = half the mean true segment length, rounded half up, at least 1."""
    return max(1, int(n / (2 * (len(reference) + 1)) + 0.5))


def _in_window(boundaries: Sequence[int], n: int, k: int) -> list[int]:
    """For each probe i = 0 … n-k-1: how many boundaries b lie between units i and i+k (i < b <= i+k)."""
    marks = [0] * (n + 1)
    for b in boundaries:
        if not 0 < b < n:
            raise ValueError(f"boundary {b} is outside 1 … {n - 1}")
        marks[b] += 1
    prefix = [0]
    for m in marks:
        prefix.append(prefix[-1] + m)
    # prefix[x] = boundaries < x, so boundaries in (i, i+k] = prefix[i+k+1] - prefix[i+1]
    return [prefix[i + k + 1] - prefix[i + 1] for i in range(n - k)]


def pk(reference: Sequence[int], hypothesis: Sequence[int], n: int, k: int | None = None) -> float:
    """Pk: share of probes (units i, i+k) that one segmentation puts in one segment and the other not."""
    k = window(reference, n) if k is None else k
    if n - k <= 0:
        return 0.0
    ref, hyp = _in_window(reference, n, k), _in_window(hypothesis, n, k)
    return sum((r > 0) != (h > 0) for r, h in zip(ref, hyp, strict=True)) / (n - k)


def windowdiff(reference: Sequence[int], hypothesis: Sequence[int], n: int, k: int | None = None) -> float:
    """WindowDiff: share of windows of k units whose number of boundaries differs between the two."""
    k = window(reference, n) if k is None else k
    if n - k <= 0:
        return 0.0
    ref, hyp = _in_window(reference, n, k), _in_window(hypothesis, n, k)
    return sum(r != h for r, h in zip(ref, hyp, strict=True)) / (n - k)


# -- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    group: str  # the folder below --data, e.g. "1/3-5"
    name: str
    sentences: list[str]
    boundaries: list[int]


def read_ref(path: Path, group: str) -> Document:
    sentences: list[str] = []
    boundaries: list[int] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip() == SEPARATOR:
            if sentences and (not boundaries or boundaries[-1] != len(sentences)):
                boundaries.append(len(sentences))
        elif line.strip():
            sentences.append(line.strip())
    inner = [b for b in boundaries if b < len(sentences)]
    return Document(group, path.name, sentences, inner)


def load(root: Path, base: Path | None = None) -> list[Document]:
    """Every `.ref` below `root`, grouped by its folder relative to `base` (default `root`)."""
    def key(p: Path) -> tuple[str, int, str]:
        return (str(p.parent), int(p.stem) if p.stem.isdigit() else -1, p.name)

    base = root if base is None else base
    return [read_ref(p, str(p.parent.relative_to(base)) or ".") for p in sorted(root.rglob("*.ref"), key=key)]


# -- the run -------------------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def run(docs: Sequence[Document]) -> dict[str, object]:
    from newsdesk.analysis.segment import TopicSegmenter

    segmenter = TopicSegmenter()
    rows: dict[str, list[tuple[float, float, float, float, int, int]]] = {}
    started = time.perf_counter()
    for doc in docs:
        found = [b.index for b in segmenter.breaks(doc.sentences)]
        n, ref = len(doc.sentences), doc.boundaries
        row = (pk(ref, found, n), windowdiff(ref, found, n), pk(ref, [], n), windowdiff(ref, [], n),
               len(found), len(ref))
        rows.setdefault(doc.group, []).append(row)
    seconds = time.perf_counter() - started

    def figures(group: list[tuple[float, float, float, float, int, int]]) -> dict[str, float | int]:
        return {"docs": len(group), "pk": round(_mean([r[0] for r in group]), 4),
                "windowdiff": round(_mean([r[1] for r in group]), 4),
                "baseline_pk": round(_mean([r[2] for r in group]), 4),
                "baseline_windowdiff": round(_mean([r[3] for r in group]), 4),
                "breaks_per_doc": round(_mean([r[4] for r in group]), 2),
                "true_breaks_per_doc": round(_mean([r[5] for r in group]), 2)}

    everything = [r for group in rows.values() for r in group]
    return {"all": figures(everything), "per_range": {g: figures(rows[g]) for g in sorted(rows)},
            "seconds": round(seconds, 2)}


def table(result: dict[str, object]) -> str:
    head = f"{'range':<12}{'docs':>6}{'Pk':>9}{'WD':>9}{'base Pk':>9}{'base WD':>9}{'breaks':>8}{'true':>7}"
    lines = [head, "-" * len(head)]
    per_range = result["per_range"]
    assert isinstance(per_range, dict)
    for name, f in [*per_range.items(), ("all", result["all"])]:
        assert isinstance(f, dict)
        lines.append(f"{name:<12}{f['docs']:>6}{f['pk']:>9.4f}{f['windowdiff']:>9.4f}{f['baseline_pk']:>9.4f}"
                     f"{f['baseline_windowdiff']:>9.4f}{f['breaks_per_doc']:>8.2f}{f['true_breaks_per_doc']:>7.2f}")
    return "\n".join(lines)


def seed_report(path: Path) -> str | None:
    """What the segmenter finds on a page's paragraphs (split on blank lines): a look, not a score."""
    if not path.is_file():
        return None
    from newsdesk.analysis.segment import TopicSegmenter

    paragraphs = [p.strip() for p in re.split(r"\n[ \t\u00a0]*\n", path.read_text(encoding="utf-8")) if p.strip()]
    segmenter = TopicSegmenter()
    started = time.perf_counter()
    found = segmenter.breaks(paragraphs)
    ms = (time.perf_counter() - started) * 1000
    lines = [f"seed page {path}: {len(paragraphs)} paragraphs, {len(found)} breaks, {ms:.1f} ms"]
    for b in found:
        before = " ".join(paragraphs[b.index - 1].split())[:60]
        after = " ".join(paragraphs[b.index].split())[:60]
        lines.append(f"  break before paragraph {b.index:>2} (score {b.score:.3f}): …{before!r} | {after!r}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding the .ref files (searched recursively)")
    parser.add_argument("--split", default=None, help="only the .ref files below this subfolder, e.g. 1/3-5")
    parser.add_argument("--seed-page", type=Path, default=SEED, help="a page whose paragraphs to segment, to look at")
    args = parser.parse_args(argv)
    root: Path = args.data / args.split if args.split else args.data
    docs = load(root, args.data) if root.is_dir() else []
    if not docs:
        print(f"choi: skipped: no .ref files below {root}", file=sys.stderr)
        print(json.dumps({"bench": "choi", "skipped": f"no .ref files below {root}"}))
        return 0
    result = run(docs)
    print(table(result))
    seed = seed_report(args.seed_page)
    if seed:
        print(seed)
    overall = result["all"]
    per_range = result["per_range"]
    assert isinstance(overall, dict) and isinstance(per_range, dict)
    print(json.dumps({"bench": "choi", "docs": overall["docs"], "pk": overall["pk"],
                      "windowdiff": overall["windowdiff"], "baseline_pk": overall["baseline_pk"],
                      "baseline_windowdiff": overall["baseline_windowdiff"],
                      "per_range": {g: {k: v for k, v in f.items()} for g, f in per_range.items()},
                      "seconds": result["seconds"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
