"""The coreference scorers of `bench/coref_metrics.py` on small clusterings worked out by hand."""

from __future__ import annotations

import pytest
from bench.coref_metrics import (
    adjusted_rand_index,
    b_cubed,
    ceaf_e,
    conll_f1,
    muc,
    without_singletons,
)

# Key {1,2,3} {4,5}; response {1,2} {3,4,5}: mention 3 is put with the wrong entity.
KEY = [{1, 2, 3}, {4, 5}]
RESPONSE = [{1, 2}, {3, 4, 5}]


def test_muc_counts_links() -> None:
    # Recall: {1,2,3} falls into 2 response parts -> 3-2 = 1 link of 2; {4,5} in one part -> 1 of 1: 2/3.
    # Precision: {1,2} in one key part -> 1 of 1; {3,4,5} in 2 key parts -> 1 of 2: 2/3.
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_b_cubed_averages_over_mentions() -> None:
    # Recall per mention |K∩R|/|K|: 1 -> 2/3, 2 -> 2/3, 3 -> 1/3, 4 -> 2/2, 5 -> 2/2; mean (11/3)/5 = 11/15.
    # Precision per mention |K∩R|/|R|: 1 -> 1, 2 -> 1, 3 -> 1/3, 4 -> 2/3, 5 -> 2/3; mean 11/15.
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(11 / 15)
    assert score.precision == pytest.approx(11 / 15)


def test_ceaf_e_aligns_entities_one_to_one() -> None:
    # phi4({1,2,3},{1,2}) = 4/5, phi4({1,2,3},{3,4,5}) = 1/3, phi4({4,5},{3,4,5}) = 4/5, phi4({4,5},{1,2}) = 0.
    # Best alignment 4/5 + 4/5 = 8/5 (not 1/3 + 0); recall = precision = (8/5)/2 = 4/5.
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(4 / 5)
    assert score.precision == pytest.approx(4 / 5)
    assert score.f1 == pytest.approx(4 / 5)


def test_conll_is_the_mean_of_the_three() -> None:
    # (2/3 + 11/15 + 4/5) / 3 = (10 + 11 + 12) / 45 = 11/15.
    assert conll_f1(KEY, RESPONSE) == pytest.approx(11 / 15)


def test_all_singletons_response() -> None:
    key = [{1, 2}, {3}]
    response = [{1}, {2}, {3}]
    # MUC: no response links, so precision has nothing to count and recall finds 0 of 1 link.
    assert muc(key, response).f1 == 0
    # B³ recall: 1 -> 1/2, 2 -> 1/2, 3 -> 1: 2/3; precision 1; F1 = 2 (2/3) / (5/3) = 4/5.
    b3 = b_cubed(key, response)
    assert (b3.recall, b3.precision, b3.f1) == pytest.approx((2 / 3, 1.0, 4 / 5))
    # CEAF-e: {1,2}-{1} = 2/3, {3}-{3} = 1; sum 5/3; recall (5/3)/2 = 5/6, precision (5/3)/3 = 5/9; F1 = 2/3.
    ceaf = ceaf_e(key, response)
    assert (ceaf.recall, ceaf.precision, ceaf.f1) == pytest.approx((5 / 6, 5 / 9, 2 / 3))


def test_perfect_response_scores_one_and_is_label_free() -> None:
    assert conll_f1(KEY, [{5, 4}, {3, 1, 2}]) == pytest.approx(1.0)


def test_mention_missing_from_response_shares_nothing() -> None:
    # Response lacks mention 3: MUC recall counts it as its own part ({1,2},{3}: 1 of 2 links); precision 1.
    score = muc([{1, 2, 3}], [{1, 2}])
    assert (score.recall, score.precision) == pytest.approx((1 / 2, 1.0))
    # B³ recall: 1 -> 2/3, 2 -> 2/3, 3 -> 0: 4/9.
    assert b_cubed([{1, 2, 3}], [{1, 2}]).recall == pytest.approx(4 / 9)


def test_a_mention_in_two_clusters_is_refused() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        muc([{1, 2}], [{1}, {1, 2}])


def test_without_singletons() -> None:
    assert without_singletons([{1, 2}, {3}, {4, 5, 6}]) == [{1, 2}, {4, 5, 6}]


def test_adjusted_rand_index() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], ["b", "b", "a", "a"]) == pytest.approx(1.0)
    # Every pair split differently: joint pairs 0, expected 2*2/6 = 2/3, best 2: (0 - 2/3) / (2 - 2/3) = -1/2.
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    # Truth {a,b,c}{d}; predicted {a,b}{c,d}: joint 1, rows 3, cols 2, expected 3*2/6 = 1, best 5/2 -> 0.
    assert adjusted_rand_index([0, 0, 0, 1], [0, 0, 1, 1]) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="length"):
        adjusted_rand_index([0], [0, 1])
