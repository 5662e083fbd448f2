"""Fit the storyline pair model of `newsdesk.corpus.events` (`EventConfig.storyline_weights`) and choose `related`.

    python train/xdoc/fit_storylines.py [--data DIR]

    python train/xdoc/fit_storylines.py --text-only    # storyline_weights, on the documents' text alone
    python train/xdoc/fit_storylines.py --text-only --folds 4    # also cross-validated by topic within 1-22

Reads ECB+ training topics 1-22 only (`python -m bench.xdoc --split train`; topics 23-35 stay held out). The documents
are clustered into events as the bench does (seed 0, then `consolidate`); every pair of reports in different
event clusters is an example, positive when both are of one gold topic, with the four cosines the library
computes (`EventClusters._view_matrices`: all words, lower-case words, capitalised words, lead). With
`--text-only` the documents are their text alone and the fit gives `storyline_weights`; by default they are what
`newsdesk link` gives (the bench's analyses: stories, corpus entities, places), the examples are the pairs whose
two reports both name entities or places, a fifth feature is the cosine of their keys
(`EventClusters.entity_matrix`) and the fit gives `storyline_entity_weights`. A logistic regression
(scikit-learn, C=10) gives the weights; then `related` is chosen as the threshold of best topic ARI (mean of 3
orders) on the same topics over a 0.05 grid. Prints the weights, the grid, and the figures to paste into `EventConfig`.
`--folds N` first scores the model on topics it was not fitted on: topics 1-22 dealt into N folds, each fold's
topics clustered alone with weights fitted on the other folds' (its ARI is over fewer topics, so higher than the
grid's; compare folds with folds).
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
from bench.common import DATA  # noqa: E402
from bench.xdoc import Document, analyses, clustering_scores, linked_docs, load  # noqa: E402

from newsdesk.corpus.events import EventClusters, EventConfig, EventDoc  # noqa: E402
from newsdesk.model import Analysis  # noqa: E402


def cluster(docs: list[Document], config: EventConfig, seed: int = 0,
            analysed: dict[str, Analysis] | None = None) -> EventClusters:
    """The documents clustered as the bench does: as `newsdesk link` gives them (`analysed`), else text alone."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    clusters = EventClusters(config)
    given = linked_docs(order, analysed) if analysed is not None else \
        [[EventDoc(doc.name, 0, doc.text, doc.title)] for doc in order]
    for stories in given:
        clusters.add_many(stories)
    clusters.consolidate()
    return clusters


def longest_topics(clusters: EventClusters, analysed: dict[str, Analysis] | None) -> dict[str, str]:
    """Document -> storyline, read from its longest story's cluster (as the bench scores it)."""
    topic: dict[str, tuple[int, str]] = {}
    for c in clusters.clusters():
        for page, story in c.members:
            size = _story_length(analysed, page, story) if analysed is not None else 0
            if page not in topic or size > topic[page][0]:
                topic[page] = (size, c.topic)
    return {page: t for page, (_, t) in topic.items()}


def _story_length(analysed: dict[str, Analysis], page: str, story: int) -> int:
    stories = analysed[page].stories
    return stories[story].end - stories[story].start if stories else len(analysed[page].page.text)


def examples(docs: list[Document], analysed: dict[str, Analysis] | None) -> tuple[np.ndarray, np.ndarray]:
    """The pair model's features and labels: every pair of reports in different event clusters (as the library
    clusters `docs`), with the view cosines and (with `analysed`) the key cosine; positive when one gold topic."""
    topic = {d.name: d.topic for d in docs}
    clusters = cluster(docs, EventConfig(), 0, analysed)
    reports, names, events = [], [], []
    for c in clusters._clusters.values():  # the library's own member vectors: the features it will see
        for key in c.members:
            reports.append(c.kept[key])
            names.append(key[0])
            events.append(c.id)
    matrices = clusters._view_matrices(reports)
    keys = EventClusters.entity_matrix(reports)
    if analysed is not None:
        matrices.append(keys)
    cosines = [(m @ m.T).toarray() for m in matrices]
    upper = np.triu_indices(len(reports), 1)
    chosen = np.array(events)[upper[0]] != np.array(events)[upper[1]]
    if analysed is not None:  # the entity model is for pairs where both reports name entities or places
        named = np.asarray(keys.getnnz(axis=1) > 0)
        chosen &= named[upper[0]] & named[upper[1]]
    x = np.stack([c[upper][chosen] for c in cosines], axis=1)
    y = np.array([topic[names[i]] == topic[names[j]] for i, j in zip(*upper, strict=True)])[chosen]
    return x, y


def fitted_config(x: np.ndarray, y: np.ndarray, entity: bool) -> tuple[EventConfig, list[float]]:
    """A logistic regression (C=10) of one topic on the features; its weights (then intercept) set into
    `EventConfig`."""
    model = LogisticRegression(C=10, max_iter=1000).fit(x, y)
    w = [round(float(v), 1) for v in [*model.coef_[0], model.intercept_[0]]]
    config = replace(EventConfig(), storyline_entity_weights=(w[0], w[1], w[2], w[3], w[4], w[5])) if entity else \
        replace(EventConfig(), storyline_weights=(w[0], w[1], w[2], w[3], w[4]))
    return config, w


def topic_ari(docs: list[Document], config: EventConfig, analysed: dict[str, Analysis] | None,
              orders: int = 3) -> float:
    """Topic ARI of `docs` clustered with `config`, the mean over `orders` document orders (seeds 0..)."""
    aris = [clustering_scores(docs, longest_topics(cluster(docs, config, seed, analysed), analysed), "topic")["ari"]
            for seed in range(orders)]
    return sum(aris) / len(aris)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "ecbplus")
    parser.add_argument("--text-only", action="store_true", help="documents as text alone (no entities, places)")
    parser.add_argument("--folds", type=int, default=0,
                        help="also cross-validate by topic: fit on the other folds' topics, score each fold's")
    args = parser.parse_args()
    docs = load(args.data, "train")
    analysed = None if args.text_only else analyses(docs)
    entity = analysed is not None
    name = "storyline_entity_weights" if entity else "storyline_weights"
    x, y = examples(docs, analysed)
    fitted, weights = fitted_config(x, y, entity)
    print(f"examples {len(y)} ({int(y.sum())} positive); {name} = {tuple(weights)}")
    if args.folds:
        topics = sorted({d.topic for d in docs}, key=int)
        for related in (0.2, 0.25, 0.3):
            scores = []
            for fold in range(args.folds):
                held = set(topics[fold::args.folds])
                rest = [d for d in docs if d.topic not in held]
                config, _ = fitted_config(*examples(rest, analysed), entity)
                config = replace(config, related=related, join=max(config.join, related))
                scores.append(topic_ari([d for d in docs if d.topic in held], config, analysed))
            print(f"cross-validated by topic ({args.folds} folds), related {related}: topic ARI of the held folds "
                  f"{' '.join(f'{s:.4f}' for s in scores)}, mean {sum(scores) / len(scores):.4f}")
    best = (-1.0, 0.0)
    for related in np.arange(0.10, 0.451, 0.05):
        config = replace(fitted, related=round(float(related), 2), join=max(fitted.join, round(float(related), 2)))
        ari = topic_ari(docs, config, analysed)
        print(f"related {related:.2f}: topic ARI mean of 3 orders {ari:.4f}")
        best = max(best, (ari, round(float(related), 2)))
    print(f"related = {best[1]} (topic ARI {best[0]:.4f} on topics 1-22)")


if __name__ == "__main__":
    main()
