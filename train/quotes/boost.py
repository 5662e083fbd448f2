"""The cue model's boosted second reading: gradient-boosted trees over `quotes_cues.boost_features`.

Used by `train_cues.py --boost`. The trees (scikit-learn's HistGradientBoostingClassifier, train time only) see
each candidate's out-of-fold first probability beside those of the verbs it hangs from, governs and rivals,
and the classes of evidence around it (relation, clause, quotation marks, kind of subject, WordNet class);
they are cross-validated on the same article folds as the first reading, and written to cues.json as plain
node tables that `quotes_cues.tree_score` walks at run time (no scikit-learn needed to read them).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from newsdesk.analysis.quotes.cues import BOOST_FEATURES, boost_features  # noqa: E402

DenseExample = tuple[list[float], int]
#: Settings of the trees (compared by cross-validation on train folds; dev took no part).
BOOST_SETTINGS: dict[str, Any] = {"max_iter": 200, "learning_rate": 0.1, "max_leaf_nodes": 15,
                                  "min_samples_leaf": 40, "l2_regularization": 1.0}


def dense_examples(cue_rows: list[list[tuple[list[str], int]]], refs: list[list[Any]], probs: list[list[float]]
                   ) -> list[list[DenseExample]]:
    """Per article, each candidate's `boost_features` over the first reading's out-of-fold probabilities, so
    the trees learn from first probabilities as they are on unseen text. A candidate's quotation flag is read
    back from its first-reading features (`q=True`)."""
    out = []
    for cues, where, article_probs in zip(cue_rows, refs, probs, strict=True):
        first = {(id(doc), i): p for (doc, i), p in zip(where, article_probs, strict=True)}
        rows = []
        for (doc, i), (feats, label) in zip(where, cues, strict=True):
            def prob(t: Any, doc: Any = doc, first: dict[tuple[int, int], float] = first) -> float | None:
                return first.get((id(doc), t.i))
            rows.append((boost_features(doc[i], prob, "q=True" in feats), label))
        out.append(rows)
    return out


def fit_boost(rows: list[DenseExample], settings: dict[str, Any]) -> Any:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(random_state=0, early_stopping=False, **settings)
    clf.fit(np.array([x for x, _ in rows]), np.array([y for _, y in rows]))
    return clf


def out_of_fold_boost(rows: list[list[DenseExample]], folds: int, settings: dict[str, Any]
                      ) -> tuple[list[float], list[int]]:
    """Pooled out-of-fold probabilities of the trees (article i in fold i % folds) and the gold labels."""
    import numpy as np

    probs: list[float] = []
    gold: list[int] = []
    for k in range(folds):
        clf = fit_boost([e for i, article in enumerate(rows) if i % folds != k for e in article], settings)
        held = [e for i, article in enumerate(rows) if i % folds == k for e in article]
        if held:
            probs += [float(p) for p in clf.predict_proba(np.array([x for x, _ in held]))[:, 1]]
            gold += [y for _, y in held]
    return probs, gold


def export(clf: Any) -> dict[str, object]:
    """The fitted trees as cues.json's "boost" entry: per tree, nodes (feature, threshold, left, right, value),
    feature -1 for a leaf; the leaf values already carry the learning rate. Checked against scikit-learn's own
    decision function on a few rows before it is written."""
    trees = []
    # scikit-learn keeps the fitted trees and the starting log-odds on these attributes (no public accessor)
    for (predictor,) in clf._predictors:
        trees.append([[-1 if node["is_leaf"] else int(node["feature_idx"]), float(node["num_threshold"]),
                       int(node["left"]), int(node["right"]), float(node["value"])] for node in predictor.nodes])
    return {"features": list(BOOST_FEATURES), "bias": float(clf._baseline_prediction.ravel()[0]), "trees": trees}


def check_export(clf: Any, table: dict[str, object], rows: list[DenseExample]) -> None:
    """Fail loudly when the written trees do not give scikit-learn's scores."""
    import numpy as np

    from newsdesk.analysis.quotes.cues import read_boost, tree_score

    trees, bias, _ = read_boost(table)
    sample = [x for x, _ in rows[:500]]
    want = clf.decision_function(np.array(sample))
    for x, w in zip(sample, want, strict=True):
        if abs(bias + tree_score(trees, x) - float(w)) > 1e-6:
            raise SystemExit(f"exported trees disagree with scikit-learn: {bias + tree_score(trees, x)} vs {w}")
