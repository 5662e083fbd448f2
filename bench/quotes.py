"""Attribution (quote, cue, speaker) P/R/F1 on PolNeAR, as BBC Citron scores PARC 3.0.

    python -m bench.quotes [--data DIR] [--split dev] [--limit N] [--no-indirect] [--frames none|NAME]
                           [--cue-model none|NAME] [--cue-threshold P] [--errors] [--half even|odd]

DIR is ../shared/data/polnear (brat standoff: `<split>/text/*.txt`, `<split>/attributions/*_<annotator>.ann`).
Each article is one story with no noise. For cue, source and content spans: precision, recall and F1
with exact match and with overlap match (a predicted span overlapping a gold span of the same role).

Choices, stated because they move the figures:
* One annotator per article: the one whose id sorts first. A few articles (2 of 84 in dev) were
  annotated by all six annotators for agreement studies; picking by id is fixed in advance and does
  not look at our output (picking the annotator we agree with most would flatter us).
* Spans are compared after trimming white space, quotation marks and end punctuation, since gold
  content includes the marks and newsdesk's excludes them by contract. A discontinuous gold content
  (a quote interrupted by "he said") is one content made of fragments; newsdesk's quotes sharing a
  cue are joined the same way, and a partial quote inside reported speech of the same cue is dropped
  (the gold has the whole clause).
* The finder runs with the frame lexicon and the learned cue classifier (both trained on PolNeAR train,
  never dev; `--frames none --cue-model none` gives the pipeline default, reporting verbs only): PolNeAR
  counts stances, plans and evidence as attributions, which newsdesk's own quotes leave out.
* `--errors` sorts each gold source missed exactly into one class: `extent` (a predicted source overlaps
  it: too long, too short or shifted), `wrong_source` (its cue was found with another source), `no_source`
  (its cue was found without one), `missing_cue` (no predicted cue overlaps its cue); and each predicted
  source not in the gold into `fp_extent` (overlaps a gold source) or `fp_spurious`.
* `--half even|odd` scores the even or odd articles only (by their place in the sorted list), so that a
  change can be checked on two disjoint halves of dev: one kept only when both gain.
* Exact: the same fragments after trimming. Gold spans of a role are deduplicated (a source shared by
  two attributions counts once), and so are predictions.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from newsdesk.analysis.quotes.finder import QuoteConfig, QuoteFinder, load_quote_parser
from newsdesk.model import Quote, Story

Fragments = tuple[tuple[int, int], ...]
ROLES = ("cue", "source", "content")
_TRIM = "\"'“”‘’„«» \t\n\xa0.,;:"


@dataclass
class Tally:
    pred: int = 0
    gold: int = 0
    tp_pred_exact: int = 0
    tp_gold_exact: int = 0
    tp_pred_overlap: int = 0
    tp_gold_overlap: int = 0

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for how in ("exact", "overlap"):
            p = getattr(self, f"tp_pred_{how}") / self.pred if self.pred else 0.0
            r = getattr(self, f"tp_gold_{how}") / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out |= {f"{how}_p": round(100 * p, 1), f"{how}_r": round(100 * r, 1), f"{how}_f1": round(100 * f, 1)}
        return out


def trim(text: str, frags: Fragments) -> Fragments:
    out = []
    for s, e in frags:
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def read_gold(ann: Path, text: str) -> dict[str, set[Fragments]]:
    spans: dict[str, tuple[str, Fragments]] = {}
    relations = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            kind, ranges = parts[1].split(" ", 1)
            frags = tuple((int(a), int(b)) for a, b in (r.split() for r in ranges.split(";")))
            spans[parts[0]] = (kind, frags)
        elif parts[0].startswith("E") and len(parts) >= 2:
            relations.append(dict(x.split(":", 1) for x in parts[1].split()))
    gold: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for rel in relations:
        for role in ROLES:
            ref = rel.get(role.capitalize())
            if ref in spans:
                frags = trim(text, spans[ref][1])
                if frags:
                    gold[role].add(frags)
    return gold


def predictions(atts: list[Quote], text: str) -> dict[str, set[Fragments]]:
    groups: dict[tuple[int, int] | None, list[Quote]] = defaultdict(list)
    pred: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for a in atts:
        groups[a.cue].append(a)
    for cue, members in groups.items():
        if cue is None:  # no cue: each quote is its own attribution
            for a in members:
                pred["content"].add(trim(text, ((a.start, a.end),)))
                if a.source:
                    pred["source"].add(trim(text, (a.source,)))
            continue
        pred["cue"].add(trim(text, (cue,)))
        for a in members:
            if a.source:
                pred["source"].add(trim(text, (a.source,)))
        # a partial quote inside the reported clause of the same cue is part of that clause
        kept = [a for a in members if not any(b is not a and b.start <= a.start and a.end <= b.end
                                              and (b.end - b.start) > (a.end - a.start) for b in members)]
        frags = trim(text, tuple(sorted((a.start, a.end) for a in kept)))
        if frags:
            pred["content"].add(frags)
    for role in ROLES:
        pred[role].discard(())
    return pred


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def tally(t: Tally, pred: set[Fragments], gold: set[Fragments]) -> None:
    t.pred += len(pred)
    t.gold += len(gold)
    t.tp_pred_exact += len(pred & gold)
    t.tp_gold_exact += len(pred & gold)
    t.tp_pred_overlap += sum(1 for p in pred if any(_overlaps(p, g) for g in gold))
    t.tp_gold_overlap += sum(1 for g in gold if any(_overlaps(p, g) for p in pred))


def source_errors(atts: list[Quote], text: str, ann: Path, gold: dict[str, set[Fragments]],
                  pred: dict[str, set[Fragments]]) -> Counter[str]:
    """The classes of source errors of one article (see `--errors`)."""
    spans: dict[str, Fragments] = {}
    pairs: list[tuple[Fragments, Fragments]] = []  # (cue, source) of each gold attribution with both
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            ranges = parts[1].split(" ", 1)[1]
            spans[parts[0]] = tuple((int(a), int(b)) for a, b in (r.split() for r in ranges.split(";")))
        elif parts[0].startswith("E") and len(parts) >= 2:
            rel = dict(x.split(":", 1) for x in parts[1].split())
            if rel.get("Source") in spans:
                cue = trim(text, spans[rel["Cue"]]) if rel.get("Cue") in spans else ()
                pairs.append((cue, trim(text, spans[rel["Source"]])))
    found = [(trim(text, (a.cue,)) if a.cue else (), trim(text, (a.source,)) if a.source else ()) for a in atts]
    out: Counter[str] = Counter()
    for source in {s for _, s in pairs if s} - pred["source"]:
        cues = [c for c, s in pairs if s == source and c]
        hits = [s for c, s in found if c and any(_overlaps(c, g) for g in cues)]
        if any(_overlaps(p, source) for p in pred["source"]):
            out["extent"] += 1
        elif hits:
            out["wrong_source" if any(hits) else "no_source"] += 1
        else:
            out["missing_cue"] += 1
    for p in pred["source"] - gold["source"]:
        out["fp_extent" if any(_overlaps(p, g) for g in gold["source"]) else "fp_spurious"] += 1
    return out


def articles(folder: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs, one annotator per article: the id that sorts first."""
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        by_article[ann.stem.rsplit("_", 1)[0]].append(ann)
    out = []
    for name, anns in sorted(by_article.items()):
        txt = folder / "text" / f"{name}.txt"
        if txt.is_file():
            out.append((txt, sorted(anns)[0]))
    return out


def run(data: Path, split: str, limit: int | None, indirect: bool, frames: str | None,
        cue_model: str | None = None, cue_threshold: float | None = None, errors: bool = False,
        half: str | None = None) -> dict[str, object]:
    folder = data / split
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        skip("quotes", f"{folder} has no text/ and attributions/ (PolNeAR)")
    pairs = articles(folder)[:limit]
    if half is not None:
        pairs = pairs[0 if half == "even" else 1::2]
    if not pairs:
        skip("quotes", f"{folder} holds no annotated articles")
    config = QuoteConfig(indirect=indirect, frames=frames, cue_model=cue_model, cue_threshold=cue_threshold)
    finder = QuoteFinder(load_quote_parser(config), config)
    tallies = {role: Tally() for role in ROLES}
    words, seconds = 0, 0.0
    classes: Counter[str] = Counter()
    for txt, ann in pairs:
        text = txt.read_text(encoding="utf-8")
        started = time.perf_counter()
        atts = finder(text, (Story(0, len(text)),), ())
        seconds += time.perf_counter() - started
        words += len(text.split())
        gold = read_gold(ann, text)
        pred = predictions(atts, text)
        for role in ROLES:
            tally(tallies[role], pred[role], gold[role])
        if errors:
            classes += source_errors(atts, text, ann, gold, pred)
    figures: dict[str, object] = {"bench": "quotes", "data": str(folder), "articles": len(pairs),
                                  "indirect": indirect, "frames": frames, "cue_model": cue_model, "half": half}
    for role in ROLES:
        figures[role] = tallies[role].figures() | {"gold": tallies[role].gold, "pred": tallies[role].pred}
    figures["words_per_s"] = round(words / seconds) if seconds else None
    if errors:
        figures["source_errors"] = dict(classes.most_common())
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA / "polnear")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--no-indirect", action="store_true", help="quotation marks only, no reported speech")
    ap.add_argument("--frames", default="newsdesk:quotes_frames",
                    help="frame lexicon (PolNeAR's broad attributions); 'none' for reporting verbs only")
    ap.add_argument("--cue-model", default="newsdesk:quotes_cues",
                    help="learned cue classifier (PolNeAR's broad cues, trained on train); 'none' for the rules only")
    ap.add_argument("--cue-threshold", type=float, default=None, help="the cue model's threshold (default: its own)")
    ap.add_argument("--errors", action="store_true", help="count the source errors by class")
    ap.add_argument("--half", choices=("even", "odd"), default=None,
                    help="the even or odd articles only (two disjoint halves of the split)")
    args = ap.parse_args()
    frames = None if args.frames.lower() == "none" else args.frames
    cue_model = None if args.cue_model.lower() == "none" else args.cue_model
    figures = run(args.data, args.split, args.limit, not args.no_indirect, frames, cue_model, args.cue_threshold,
                  args.errors, args.half)
    for role in ROLES:
        f = figures[role]
        assert isinstance(f, dict)
        print(f"{role:8s} exact P/R/F1 {f['exact_p']:5.1f} {f['exact_r']:5.1f} {f['exact_f1']:5.1f}   "
              f"overlap P/R/F1 {f['overlap_p']:5.1f} {f['overlap_r']:5.1f} {f['overlap_f1']:5.1f}")
    print(f"words/s {figures['words_per_s']}")
    if args.errors:
        print(f"source errors {figures['source_errors']}")
    last_line(figures)


if __name__ == "__main__":
    main()
