"""The cue model's boosted second reading (quotes_cues.boost_features, tree_score, read_boost), on invented
sentences: the dense evidence the trees see (a verb under a sure cue, a cue over a clause, quotation marks beside
it, the kind of subject), the walk of the trees, and that a model with trees reads them instead of its sums."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Token

from newsdesk.analysis.quotes.cues import (
    BOOST_FEATURES,
    CueModel,
    boost_features,
    load_cue_model,
    read_boost,
    tree_score,
)
from newsdesk.errors import ConfigError
from tests.quoting import quote_parser


@pytest.fixture(scope="module")
def nlp() -> Language:
    return quote_parser()


def _named(tok: Token, first: dict[int, float], quoted: bool = False) -> dict[str, float]:
    def prob(t: Token) -> float | None:
        return first.get(t.i)

    row = boost_features(tok, prob, quoted)
    assert len(row) == len(BOOST_FEATURES)
    return dict(zip(BOOST_FEATURES, row, strict=True))


def test_a_verb_under_a_sure_cue_sees_it_above_and_as_a_rival(nlp: Language) -> None:
    doc = nlp("The mayor said the old bridge collapsed in the storm.")
    said = next(t for t in doc if t.text == "said")
    collapsed = next(t for t in doc if t.text == "collapsed")
    first = {said.i: 0.9, collapsed.i: 0.2}
    below = _named(collapsed, first)
    assert below["head_p"] == 0.9 and below["ancestor_max_p"] == 0.9 and below["rival_max_p"] == 0.9
    assert below["rank"] == 1.0 and below["root"] == 0.0 and below["z"] < 0
    above = _named(said, first)
    assert above["child_max_p"] == 0.2 and above["head_p"] == -1.0 and above["rank"] == 0.0
    assert above["root"] == 1.0 and above["clause_child"] == 1.0 and above["clause_subject"] == 1.0
    assert above["subject_noun"] == 1.0 and above["no_subject"] == 0.0


def test_quotation_marks_and_a_person_pronoun_beside_the_cue(nlp: Language) -> None:
    doc = nlp('"We are ready for the flood," she said.')
    said = next(t for t in doc if t.text == "said")
    row = _named(said, {said.i: 0.8})
    assert row["mark_before"] == 1.0 and row["mark_after"] == 0.0 and row["sentence_has_mark"] == 1.0
    assert row["subject_person"] == 1.0 and row["quoted"] == 0.0
    assert _named(said, {said.i: 0.8}, quoted=True)["quoted"] == 1.0


def test_an_event_verb_has_no_clause_nor_quotation(nlp: Language) -> None:
    doc = nlp("The river flooded the valley last spring.")
    flooded = next(t for t in doc if t.text == "flooded")
    row = _named(flooded, {flooded.i: 0.05})
    assert row["clause_child"] == 0.0 and row["mark_before"] == 0.0 and row["sentence_has_mark"] == 0.0
    assert row["rival_max_p"] == -1.0 and row["rivals_over"] == 0.0


def test_trees_are_walked_left_when_at_most_the_threshold() -> None:
    # one stump on feature 1: <= 0.5 gives -2, else +3; a leaf-only tree adds 0.5
    stump = ((1, 0.5, 1, 2, 0.0), (-1, 0.0, 0, 0, -2.0), (-1, 0.0, 0, 0, 3.0))
    leaf = ((-1, 0.0, 0, 0, 0.5),)
    assert tree_score((stump, leaf), [0.0, 0.5]) == -1.5
    assert tree_score((stump, leaf), [0.0, 0.9]) == 3.5
    assert tree_score((), [0.0]) == 0.0


def test_a_model_with_trees_reads_them_instead_of_its_sums(nlp: Language) -> None:
    doc = nlp("The mayor said the old bridge collapsed in the storm.")
    said = next(t for t in doc if t.text == "said")
    collapsed = next(t for t in doc if t.text == "collapsed")
    weights = {"l=say": 3.0, "l=collapse": -1.0}
    alone = CueModel(weights, 0.0, {}, 0.0, 0.5)
    first = alone.probabilities(doc, lambda t: False)
    # doubt a verb whose head is a likely cue; otherwise keep the first logit's sign
    head_p = BOOST_FEATURES.index("head_p")
    z = BOOST_FEATURES.index("z")
    tree = ((head_p, 0.5, 1, 2, 0.0), (z, 0.0, 3, 4, 0.0), (-1, 0.0, 0, 0, -6.0),
            (-1, 0.0, 0, 0, -2.0), (-1, 0.0, 0, 0, 2.0))
    boosted = CueModel(weights, 0.0, {}, 0.0, 0.5, boost_trees=(tree,), boost_bias=0.0)
    probs = boosted.probabilities(doc, lambda t: False)
    assert probs[collapsed.i] < 0.01 < first[collapsed.i]
    assert 0.85 < probs[said.i] < 0.9


def test_a_boost_table_for_other_features_is_refused(tmp_path: Path) -> None:
    assert read_boost(None) == ((), 0.0, False)
    with pytest.raises(ValueError):
        read_boost({"features": ["z"], "bias": 0.0, "trees": []})
    table = {"threshold": 0.4, "cue": {"bias": 0.0, "weights": {}}, "argument": {"bias": 0.0, "weights": {}},
             "boost": {"features": ["z", "other"], "bias": 0.0, "trees": []}}
    (tmp_path / "cues.json").write_text(json.dumps(table), encoding="utf-8")
    with pytest.raises(ConfigError):
        load_cue_model(str(tmp_path))
    table["boost"] = {"features": list(BOOST_FEATURES), "bias": -1.0, "trees": [[[-1, 0.0, 0, 0, 0.25]]]}
    (tmp_path / "cues.json").write_text(json.dumps(table), encoding="utf-8")
    model = load_cue_model(str(tmp_path))
    assert model.boost_bias == -1.0 and model.boost_trees == (((-1, 0.0, 0, 0, 0.25),),)


def test_a_blended_model_reads_the_mean_of_both_second_readings(nlp: Language) -> None:
    doc = nlp("The mayor said the old bridge collapsed in the storm.")
    said = next(t for t in doc if t.text == "said")
    weights = {"l=say": 3.0, "l=collapse": -1.0}
    leaf = ((-1, 0.0, 0, 0, 4.0),)
    logistic = CueModel(weights, 0.0, {}, 0.0, 0.5, {"z": 0.0}, -4.0)
    trees = CueModel(weights, 0.0, {}, 0.0, 0.5, {"z": 0.0}, -4.0, (leaf,), 0.0)
    both = CueModel(weights, 0.0, {}, 0.0, 0.5, {"z": 0.0}, -4.0, (leaf,), 0.0, blend=True)
    low = logistic.probabilities(doc, lambda t: False)[said.i]
    high = trees.probabilities(doc, lambda t: False)[said.i]
    assert low < 0.05 and high > 0.95
    assert abs(both.probabilities(doc, lambda t: False)[said.i] - (low + high) / 2) < 1e-9
