"""Learn the quote finder's frame lexicon from PolNeAR's training split.

    .venv/bin/python train/quotes/train.py [--data ../shared/data/polnear] [--out src/newsdesk/models/quotes_frames]

A frame is (verb lemma, argument relation): ("call", "prep_for"), ("cite", "dobj"), ("want", "xcomp").
For every verb in the parsed training articles and each argument it has (a clausal complement, an
object, an open complement, the object of a preposition), count how often annotators marked that
verb as a cue with that argument as the attributed content. Frames seen at least `--min-count` times
with a precision of at least `--min-precision` are written to `frames.json`; the finder then reads
any verb with such an argument as a cue, the argument as the content, the verb's subject as the source.

Why a lexicon and not a neural tagger: PolNeAR's cues are a long tail of verbs whose content is one of
their dependency arguments; counting them is reproducible in two minutes on one core, ships as a few
kilobytes, and each entry can be read and argued with. The data is read from ../shared and never
copied; the lexicon holds lemma pairs and counts, no text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
from newsdesk.analysis.quotes.finder import QuoteConfig, load_quote_parser  # noqa: E402
from newsdesk.analysis.quotes.marks import paragraphs  # noqa: E402
from newsdesk.analysis.quotes.reported import FRAME_RELATIONS, relation  # noqa: E402

Fragments = tuple[tuple[int, int], ...]


def read_relations(ann: Path) -> list[tuple[Fragments, Fragments]]:
    """(cue, content) fragment pairs of one brat standoff file."""
    spans: dict[str, Fragments] = {}
    rels = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            _, ranges = parts[1].split(" ", 1)
            spans[parts[0]] = tuple((int(a), int(b)) for a, b in (r.split() for r in ranges.split(";")))
        elif parts[0].startswith("E") and len(parts) >= 2:
            rels.append(dict(x.split(":", 1) for x in parts[1].split()))
    out = []
    for rel in rels:
        cue, content = spans.get(rel.get("Cue", "")), spans.get(rel.get("Content", ""))
        if cue and content:
            out.append((cue, content))
    return out


def one_annotator(folder: Path) -> list[tuple[Path, Path]]:
    """Like bench/quotes.py: per article, the annotator whose id sorts first."""
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        by_article[ann.stem.rsplit("_", 1)[0]].append(ann)
    return [(folder / "text" / f"{name}.txt", sorted(anns)[0]) for name, anns in sorted(by_article.items())
            if (folder / "text" / f"{name}.txt").is_file()]


def inside(frags: Fragments, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in frags)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    ap.add_argument("--split", default="train")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "newsdesk" / "models" / "quotes_frames")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.2,
                    help="floor of frames written; the finder filters again with QuoteConfig.min_frame_precision")
    args = ap.parse_args()
    folder = args.data / args.split
    if not (folder / "attributions").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}: nothing to train", file=sys.stderr)
        raise SystemExit(1)
    nlp = load_quote_parser(QuoteConfig())
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    started = time.perf_counter()
    pairs = one_annotator(folder)
    for n, (txt, ann) in enumerate(pairs, 1):
        text = txt.read_text(encoding="utf-8")
        gold = read_relations(ann)
        paras = paragraphs(text, 0, len(text))
        for (ps, _pe), doc in zip(paras, nlp.pipe(text[s:e] for s, e in paras), strict=True):
            for tok in doc:
                if tok.pos_ not in ("VERB", "AUX"):
                    continue
                at = ps + tok.idx
                cues = [content for cue, content in gold if inside(cue, at, at + len(tok.text))]
                for child in tok.children:
                    found = relation(child)
                    if found is None:
                        continue
                    rel, arg = found
                    key = f"{tok.lemma_.lower()} {rel}"
                    seen[key] += 1
                    head_at = ps + arg.idx
                    if any(inside(content, head_at, head_at + len(arg.text)) for content in cues):
                        cued[key] += 1
        if n % 100 == 0:
            print(f"{n}/{len(pairs)} articles, {time.perf_counter() - started:.0f}s", file=sys.stderr)
    frames = {key: round(cued[key] / seen[key], 3) for key in sorted(seen)
              if seen[key] >= args.min_count and cued[key] / seen[key] >= args.min_precision}
    args.out.mkdir(parents=True, exist_ok=True)
    model = {"version": 1, "relations": list(FRAME_RELATIONS), "min_count": args.min_count,
             "min_precision": args.min_precision, "trained_on": f"PolNeAR v1.0.0 {args.split}, {len(pairs)} articles",
             "frames": frames}
    (args.out / "frames.json").write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(json.dumps({"articles": len(pairs), "frames": len(frames), "candidates": len(seen),
                      "seconds": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
