"""Learn the quote finder's cue classifier (newsdesk.analysis.quotes.cues) from PolNeAR's training split.

    .venv/bin/python train/quotes/train_cues.py [--data ../shared/data/polnear] [--out src/newsdesk/models/quotes_cues]

Every verb of the parsed training articles (`quotes_cues.is_candidate`) is an example, positive when it lies
inside an annotated cue; every argument of a gold cue is an example of the content classifier, positive when
its head lies inside that attribution's content. Both are L2 logistic regressions (scikit-learn, liblinear).
The cue model's C, the weight of its positive class and its threshold are the best pooled out-of-fold token F1
of `--folds` folds of training articles (article i in fold i % folds); the dev split plays no part. Both are
then refit on all training articles. The weights of features seen at least `--min-count` times go to `cues.json`.

The second reading (`quotes_cues.context_features`, `--context-c`) is a small regression over the chosen first
model's out-of-fold probabilities of each candidate and of the verbs around it; it is cross-validated on the
same folds and written (with its own threshold) only when its out-of-fold F1 beats the first reading's.
The WordNet classes the features read (models/quotes_cues/lexnames.json) are built first, once, by
`train/quotes/wordnet_classes.py`. The shipped model is one command (one thread for the trees: on a shared machine
their OpenMP threads otherwise starve):

    OMP_NUM_THREADS=1 .venv/bin/python train/quotes/train_cues.py --c 0.25 --positive-weight 1 --boost

Why logistic regression on parse features and not a neural tagger: PolNeAR's cues are verbs whose status
depends on their lemma and arguments, which the parser already gives; a tried spaCy NER cue tagger reached
58 F1 (see models/quotes_frames/MODEL_CARD.md). This trains in about three minutes on one core, is
deterministic, ships as a JSON table and reads in microseconds. The data is read from ../shared and never
copied; the table holds feature names (lemmas, relations, neighbouring words) and weights, no text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from boost import BOOST_SETTINGS, check_export, dense_examples, export, fit_boost, out_of_fold_boost  # noqa: E402
from train import Fragments, inside, one_annotator  # noqa: E402

from newsdesk.analysis.quotes.cues import (  # noqa: E402
    argument_features,
    arguments,
    context_features,
    cue_features,
    is_candidate,
)
from newsdesk.analysis.quotes.finder import QuoteConfig, load_quote_parser  # noqa: E402
from newsdesk.analysis.quotes.marks import doubled_quotes, paragraphs, scan_quotes  # noqa: E402
from newsdesk.analysis.quotes.parse import cheaper_tail  # noqa: E402


def read_attributions(ann: Path) -> list[tuple[Fragments, Fragments | None]]:
    """(cue, content or None) fragments of every attribution with a cue in one brat standoff file."""
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
        cue = spans.get(rel.get("Cue", ""))
        if cue:
            out.append((cue, spans.get(rel.get("Content", ""))))
    return out


Example = tuple[list[str], int]


def examples(folder: Path, cache: Path | None = None, log_every: int = 100, refs: list[list[Any]] | None = None
             ) -> list[tuple[list[Example], list[Example]]]:
    """Per article: (cue examples, argument examples). The parse is kept in `cache` (a DocBin) when given.
    `refs`, when given, receives per article the (doc, token index) of each cue example, for the second reading."""
    from spacy.tokens import DocBin

    nlp = load_quote_parser(QuoteConfig())
    skip, after = cheaper_tail(nlp)
    pairs = one_annotator(folder)
    # as the finder reads a page: two apostrophes acting as a quotation mark are one (same offsets)
    texts = [doubled_quotes(txt.read_text(encoding="utf-8")) for txt, _ in pairs]
    paras = [paragraphs(text, 0, len(text)) for text in texts]
    if cache is not None and cache.is_file():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    else:
        started = time.perf_counter()
        docs = []
        for n, (text, spans) in enumerate(zip(texts, paras, strict=True), 1):
            for doc in nlp.pipe((text[s:e] for s, e in spans), disable=skip):
                for step in after:
                    step(doc)
                docs.append(doc)
            if n % log_every == 0:
                print(f"parsed {n}/{len(pairs)} articles, {time.perf_counter() - started:.0f}s", file=sys.stderr)
        if cache is not None:
            cache.write_bytes(DocBin(docs=docs).to_bytes())
    if len(docs) != sum(len(p) for p in paras):
        raise SystemExit(f"{cache}: the cached parse does not match {folder}; delete it")
    out = []
    at_doc = 0
    for (_, ann), text, spans in zip(pairs, texts, paras, strict=True):
        gold = read_attributions(ann)
        cue_ex: list[Example] = []
        arg_ex: list[Example] = []
        where: list[tuple[Any, int]] = []
        for ps, pe in spans:
            doc = docs[at_doc]
            at_doc += 1
            quoted = [(q.start, q.end) for q in scan_quotes(text, ps, pe)]
            for tok in doc:
                if not is_candidate(tok):
                    continue
                at = ps + tok.idx
                contents = [content for cue, content in gold if inside(cue, at, at + len(tok.text))]
                in_quote = any(s <= at < e for s, e in quoted)
                cue_ex.append((cue_features(tok, in_quote), int(bool(contents))))
                where.append((doc, tok.i))
                for child, head in arguments(tok):
                    if not contents:
                        continue
                    h = ps + head.idx
                    label = any(c is not None and inside(c, h, h + len(head.text)) for c in contents)
                    arg_ex.append((argument_features(tok, child), int(label)))
        out.append((cue_ex, arg_ex))
        if refs is not None:
            refs.append(where)
    return out


def _int32(x: Any) -> Any:
    """liblinear takes 32-bit sparse indices only; DictVectorizer may give 64-bit ones."""
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    return x


def fit(rows: list[Example], min_count: int, c: float, positive_weight: float = 1.0
        ) -> tuple[dict[str, float], float, Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _ in rows for f in feats)
    keep = {f for f, k in counts.items() if k >= min_count}
    vec = DictVectorizer()
    x = _int32(vec.fit_transform([{f: 1 for f in feats if f in keep} for feats, _ in rows]))
    y = [label for _, label in rows]
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0,
                             class_weight={0: 1.0, 1: positive_weight})
    clf.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-3}
    return weights, float(clf.intercept_[0]), vec, clf


def sweep_thresholds(probs: list[float], gold: list[int]) -> dict[float, tuple[float, float, float]]:
    """Token (precision, recall, F1) of the cue at each threshold from 0.2 to 0.75."""
    out = {}
    positives = sum(gold)
    for t in [x / 20 for x in range(4, 16)]:
        tp = sum(1 for p, g in zip(probs, gold, strict=True) if p >= t and g)
        pred = sum(1 for p in probs if p >= t)
        prec, rec = tp / pred if pred else 0.0, tp / positives if positives else 0.0
        out[t] = (round(prec, 3), round(rec, 3), round(2 * prec * rec / (prec + rec) if prec + rec else 0.0, 3))
    return out


def out_of_fold(per_article: list[tuple[list[Example], list[Example]]], folds: int, min_count: int,
                c: float, positive_weight: float) -> list[list[float]]:
    """Each article's cue probabilities from a model fit on the other folds (articles dealt by their index)."""
    probs: list[list[float]] = [[] for _ in per_article]
    for k in range(folds):
        rest = [e for i, (cues, _) in enumerate(per_article) if i % folds != k for e in cues]
        _, _, vec, clf = fit(rest, min_count, c, positive_weight)
        for i, (cues, _) in enumerate(per_article):
            if i % folds == k and cues:
                x = _int32(vec.transform([{f: 1 for f in feats} for feats, _ in cues]))
                probs[i] = [float(p) for p in clf.predict_proba(x)[:, 1]]
    return probs


def cross_validate(per_article: list[tuple[list[Example], list[Example]]], folds: int, min_count: int,
                   c: float, positive_weight: float
                   ) -> tuple[dict[float, tuple[float, float, float]], list[list[float]]]:
    """Out-of-fold cue probabilities swept over thresholds, and the probabilities themselves."""
    probs = out_of_fold(per_article, folds, min_count, c, positive_weight)
    flat = [p for article in probs for p in article]
    gold = [label for cues, _ in per_article for _, label in cues]
    return sweep_thresholds(flat, gold), probs


ContextExample = tuple[dict[str, float], int]


def context_examples(per_article: list[tuple[list[Example], list[Example]]], refs: list[list[Any]],
                     probs: list[list[float]]) -> list[list[ContextExample]]:
    """The second reading's examples: `quotes_cues.context_features` over the first reading's out-of-fold
    probabilities, so it learns from first probabilities as they are on unseen text."""
    out = []
    for (cues, _), where, article_probs in zip(per_article, refs, probs, strict=True):
        first = {(id(doc), i): p for (doc, i), p in zip(where, article_probs, strict=True)}
        rows = []
        for (doc, i), (_, label) in zip(where, cues, strict=True):
            def prob(t: Any, doc: Any = doc, first: dict[tuple[int, int], float] = first) -> float | None:
                return first.get((id(doc), t.i))
            rows.append((context_features(doc[i], prob), label))
        out.append(rows)
    return out


def fit_context(rows: list[ContextExample], c: float) -> tuple[dict[str, float], float, Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = _int32(vec.fit_transform([feats for feats, _ in rows]))
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(x, [label for _, label in rows])
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-4}
    return weights, float(clf.intercept_[0]), vec, clf


def out_of_fold_context(rows: list[list[ContextExample]], folds: int, c: float) -> tuple[list[float], list[int]]:
    """The second reading's pooled out-of-fold probabilities and gold labels, fold by fold (same folds)."""
    probs: list[float] = []
    gold: list[int] = []
    for k in range(folds):
        rest = [e for i, article in enumerate(rows) if i % folds != k for e in article]
        held = [e for i, article in enumerate(rows) if i % folds == k for e in article]
        _, _, vec, clf = fit_context(rest, c)
        probs += [float(p) for p in clf.predict_proba(_int32(vec.transform([f for f, _ in held])))[:, 1]]
        gold += [label for _, label in held]
    return probs, gold


def cross_validate_context(rows: list[list[ContextExample]], folds: int, c: float
                           ) -> dict[float, tuple[float, float, float]]:
    """The second reading's pooled out-of-fold token precision, recall and F1 by threshold (same folds)."""
    return sweep_thresholds(*out_of_fold_context(rows, folds, c))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    ap.add_argument("--split", default="train")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "newsdesk" / "models" / "quotes_cues")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--c", default="0.25,0.5,1.0",
                    help="inverse L2 strengths of the cue model to compare by cross-validation")
    ap.add_argument("--positive-weight", default="1,1.5,2",
                    help="weights of the cue class to compare by cross-validation (over 1 for the rarer class)")
    ap.add_argument("--argument-c", type=float, default=0.5, help="inverse L2 strength of the argument model")
    ap.add_argument("--without-class-features", action="store_true",
                    help="leave out `quotes_cues.class_features` (x_…), to measure what they add")
    ap.add_argument("--context-c", default="1",
                    help="inverse L2 strengths of the second reading (quotes_cues.context_features) to compare by "
                         "cross-validation; 0: none")
    ap.add_argument("--boost", action="store_true",
                    help="also cross-validate the boosted second reading (train/quotes/boost.py) and ship it when "
                         "its out-of-fold F1 is the best")
    ap.add_argument("--folds", type=int, default=5, help="folds of train articles for choosing C, weight, threshold")
    ap.add_argument("--cache", type=Path, default=None,
                    help="a file outside the repository keeping the parse (DocBin) to reuse when only features change")
    ap.add_argument("--without-held-out", action="store_true",
                    help="fit the written model on 9 articles in 10 only, leaving every 10th (i %% 10 == 9) unseen, so "
                         "that choices of the finder built on it can be scored on train articles it never saw")
    args = ap.parse_args()
    folder = args.data / args.split
    if not (folder / "attributions").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}: nothing to train", file=sys.stderr)
        raise SystemExit(1)
    started = time.perf_counter()
    refs: list[list[Any]] = []
    per_article = examples(folder, args.cache, refs=refs)
    parsed = time.perf_counter() - started
    if args.without_class_features:
        per_article = [([([f for f in feats if not f.startswith("x_")], y) for feats, y in cues], arg)
                       for cues, arg in per_article]
    kept = [i for i in range(len(per_article)) if not args.without_held_out or i % 10 != 9]
    final = [per_article[i] for i in kept]
    final_refs = [refs[i] for i in kept]
    # C, the cue class's weight and the threshold: best pooled out-of-fold token F1 over train articles
    grid = {}
    first_probs: dict[tuple[float, float], list[list[float]]] = {}
    for c in (float(x) for x in args.c.split(",")):
        for w in (float(x) for x in args.positive_weight.split(",")):
            sweep, first_probs[(c, w)] = cross_validate(final, args.folds, args.min_count, c, w)
            t = max(sweep, key=lambda t: sweep[t][2])
            grid[(c, w)] = (t, sweep[t])
            print(f"C={c} weight={w}: threshold {t} P/R/F1 {sweep[t]}", file=sys.stderr)
    (c_best, w_best), (threshold, best) = max(grid.items(), key=lambda kv: kv[1][1][2])
    cue_w, cue_b, _, _ = fit([e for cues, _ in final for e in cues], args.min_count, c_best, w_best)
    arg_w, arg_b, _, _ = fit([e for _, arg in final for e in arg], args.min_count, args.argument_c)
    # the second reading, on the chosen first model's out-of-fold probabilities; kept only when its
    # out-of-fold F1 (same folds) beats the first reading's
    context: dict[str, object] = {}
    context_grid = {}
    rows = context_examples(final, final_refs, first_probs[(c_best, w_best)])
    for cc in (float(x) for x in args.context_c.split(",") if float(x) > 0):
        sweep = cross_validate_context(rows, args.folds, cc)
        t2 = max(sweep, key=lambda t: sweep[t][2])
        context_grid[cc] = (t2, sweep[t2])
        print(f"second reading C={cc}: threshold {t2} P/R/F1 {sweep[t2]}", file=sys.stderr)
    if context_grid:
        cc, (t2, got) = max(context_grid.items(), key=lambda kv: kv[1][1][2])
        if got[2] > best[2]:
            ctx_w, ctx_b, _, _ = fit_context([e for article in rows for e in article], cc)
            context = {"bias": round(ctx_b, 4), "weights": dict(sorted(ctx_w.items())), "c": cc,
                       "cv_p_r_f1": got, "first_reading_cv_p_r_f1": best,
                       "cv_grid": {f"C={k}": {"threshold": t, "p_r_f1": v} for k, (t, v) in context_grid.items()}}
            threshold, best = t2, got
    # the boosted second reading (trees over dense evidence, train/quotes/boost.py), on the same out-of-fold
    # first probabilities and folds; it replaces the logistic one only when its out-of-fold F1 is higher
    boost_table: dict[str, object] = {}
    if args.boost:
        dense = dense_examples([cues for cues, _ in final], final_refs, first_probs[(c_best, w_best)])
        boost_probs, gold = out_of_fold_boost(dense, args.folds, BOOST_SETTINGS)
        readings = {"boost": boost_probs}
        if context:  # the ensemble: the mean of the logistic and the boosted second readings
            logistic, _ = out_of_fold_context(rows, args.folds, float(str(context["c"])))
            readings["blend"] = [(a + b) / 2 for a, b in zip(logistic, boost_probs, strict=True)]
        chosen: dict[str, tuple[float, tuple[float, float, float]]] = {}
        for name, probs in readings.items():
            sweep = sweep_thresholds(probs, gold)
            t3 = max(sweep, key=lambda t: sweep[t][2])
            chosen[name] = (t3, sweep[t3])
            print(f"{name} reading {BOOST_SETTINGS}: threshold {t3} P/R/F1 {sweep[t3]}", file=sys.stderr)
        name, (t3, got) = max(chosen.items(), key=lambda kv: kv[1][1][2])
        if got[2] > best[2]:
            all_rows = [e for article in dense for e in article]
            clf = fit_boost(all_rows, BOOST_SETTINGS)
            boost_table = export(clf)
            check_export(clf, boost_table, all_rows)
            boost_table |= {"settings": BOOST_SETTINGS, "blend": name == "blend", "cv_p_r_f1": got,
                            "cv_readings": {k: {"threshold": t, "p_r_f1": v} for k, (t, v) in chosen.items()},
                            "replaces_cv_p_r_f1": best}
            threshold, best = t3, got
    args.out.mkdir(parents=True, exist_ok=True)
    model = {"version": 1, "trained_on": f"PolNeAR v1.0.0 {args.split}, {len(final)} articles",
             "min_count": args.min_count, "c": c_best, "positive_weight": w_best, "threshold": threshold,
             "folds": args.folds, "cv_cue_p_r_f1": best,
             "cv_grid": {f"C={c} weight={w}": {"threshold": t, "p_r_f1": v} for (c, w), (t, v) in grid.items()},
             "cue": {"bias": round(cue_b, 4), "weights": dict(sorted(cue_w.items()))},
             "argument": {"bias": round(arg_b, 4), "weights": dict(sorted(arg_w.items()))}}
    if context:
        model["context"] = context
    if boost_table:
        model["boost"] = boost_table
    (args.out / "cues.json").write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(json.dumps({"articles": len(per_article), "c": c_best, "positive_weight": w_best,
                      "threshold": threshold, "cv_p_r_f1": best, "second_reading": bool(context),
                      "boosted_reading": bool(boost_table),
                      "cue_features": len(cue_w), "argument_features": len(arg_w),
                      "parse_seconds": round(parsed, 1), "seconds": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
