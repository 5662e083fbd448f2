"""Fit the storyline pair model of `newsdesk.corpus.events` (`EventConfig.storyline_weights`) and choose `related`.

    python train/xdoc/fit_storylines.py [--data DIR]

Reads ECB+ training topics 1-22 only (`python -m bench.xdoc --split train`; topics 23-35 stay held out). The documents
are clustered into events as the bench does (seed 0, then `consolidate`); every pair of reports in different
event clusters is an example, positive when both are of one gold topic, with the four cosines the library
computes (`EventClusters._view_matrices`: all words, lower-case words, capitalised words, lead). A logistic
regression (scikit-learn, C=10) gives the weights; then `related` is chosen as the threshold of best topic ARI on
the same topics over a 0.05 grid. Prints the weights, the grid, and the figures to paste into `EventConfig`.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # the benches, a package
from bench.xdoc import DATA, Document, EventDoc, clustering_scores, load  # noqa: E402

from newsdesk.corpus.events import EventClusters, EventConfig  # noqa: E402


def cluster(docs: list[Document], config: EventConfig, seed: int = 0) -> EventClusters:
    order = list(docs)
    random.Random(seed).shuffle(order)
    clusters = EventClusters(config)
    for doc in order:
        clusters.add(EventDoc(doc.name, 0, doc.text, doc.title))
    clusters.consolidate()
    return clusters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "ecbplus")
    args = parser.parse_args()
    docs = load(args.data, "train")
    topic = {d.name: d.topic for d in docs}
    clusters = cluster(docs, EventConfig())
    reports, names, events = [], [], []
    for c in clusters._clusters.values():  # the library's own member vectors: the features it will see
        for key in c.members:
            reports.append(c.kept[key])
            names.append(key[0])
            events.append(c.id)
    cosines = [(m @ m.T).toarray() for m in clusters._view_matrices(reports)]
    upper = np.triu_indices(len(reports), 1)
    other_event = np.array(events)[upper[0]] != np.array(events)[upper[1]]
    x = np.stack([c[upper][other_event] for c in cosines], axis=1)
    y = np.array([topic[names[i]] == topic[names[j]] for i, j in zip(*upper, strict=True)])[other_event]
    model = LogisticRegression(C=10, max_iter=1000).fit(x, y)
    weights = (*(round(float(w), 1) for w in model.coef_[0]), round(float(model.intercept_[0]), 1))
    print(f"examples {len(y)} ({int(y.sum())} positive); storyline_weights = {weights}")
    best = (-1.0, 0.0)
    for related in np.arange(0.10, 0.451, 0.05):
        config = replace(EventConfig(), storyline_weights=weights, related=round(float(related), 2),
                         join=max(EventConfig().join, round(float(related), 2)))
        storyline = {page: c.topic for c in cluster(docs, config).clusters() for page, _ in c.members}
        ari = clustering_scores(docs, storyline, "topic")["ari"]
        print(f"related {related:.2f}: topic ARI {ari:.4f}")
        best = max(best, (ari, round(float(related), 2)))
    print(f"related = {best[1]} (topic ARI {best[0]:.4f} on topics 1-22)")


if __name__ == "__main__":
    main()
