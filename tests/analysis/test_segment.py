"""Topic segmentation (`newsdesk.analysis.segment`) on hand-written text, and the Choi bench's metrics."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsdesk.analysis.segment import STOPWORDS, SegmentConfig, TopicBreak, TopicSegmenter, s_stem
from newsdesk.errors import ConfigError

# Three short reports, three paragraphs each, written for these tests.
FOOTBALL = [
    "United came from a goal down to beat City 2-1 in a tense derby at Old Trafford on Saturday, "
    "with the winning goal arriving in the last minute of stoppage time.",
    "City had led at half-time after their striker headed in a corner, and the visitors' goalkeeper "
    "kept out two shots from the United midfield before the break.",
    "The United manager brought on a young winger after the hour, and his cross set up the equaliser; "
    "the winger then won the penalty that the captain scored to settle the match.",
]
CENTRAL_BANK = [
    "The central bank raised its benchmark interest rate by a quarter point to 4.5 percent, its ninth "
    "increase in a row, as inflation stayed well above its target.",
    "The governor told reporters that the bank would keep tightening monetary policy until prices "
    "cooled, and that wage growth and energy costs still worried the rate-setting committee.",
    "Bond yields rose after the decision and the currency gained against the dollar, while economists "
    "said mortgage borrowers would feel the higher rates by the summer.",
]
VOLCANO = [
    "A volcano on the island erupted before dawn, sending a column of ash eight kilometres into the "
    "sky and lava down its eastern flank towards the coast.",
    "Civil protection officials evacuated three villages below the crater and closed the airport, "
    "as ash fell on roofs and cars across the southern half of the island.",
    "Volcanologists said the eruption could last for weeks; seismic sensors on the slopes recorded "
    "hundreds of small earthquakes as magma moved beneath the summit.",
]


@pytest.fixture(scope="module")
def segmenter() -> TopicSegmenter:
    return TopicSegmenter()


# -- real behaviour ------------------------------------------------------------------------------


def test_breaks_fall_between_the_three_reports(segmenter: TopicSegmenter) -> None:
    blocks = FOOTBALL + CENTRAL_BANK + VOLCANO
    found = segmenter.breaks(blocks)
    assert [b.index for b in found] == [3, 6]
    assert all(isinstance(b, TopicBreak) and 0.5 < b.score <= 1.0 for b in found)


@pytest.mark.parametrize("order", [(VOLCANO, FOOTBALL, CENTRAL_BANK), (CENTRAL_BANK, VOLCANO, FOOTBALL)])
def test_breaks_do_not_depend_on_which_report_comes_first(
    segmenter: TopicSegmenter, order: tuple[list[str], ...]
) -> None:
    blocks = [p for report in order for p in report]
    assert [b.index for b in segmenter.breaks(blocks)] == [3, 6]


def test_sentences_as_blocks_find_the_same_boundaries(segmenter: TopicSegmenter) -> None:
    # Blocks are one sentence each here: fewer words per block, the reports' boundaries still stand out.
    sentences = [s.strip() + "." for p in FOOTBALL + VOLCANO for s in p.split(";") if s.strip()]
    boundary = sum(len([s for s in p.split(";") if s.strip()]) for p in FOOTBALL)
    assert [b.index for b in segmenter.breaks(sentences)] == [boundary]


def test_one_coherent_report_has_no_break(segmenter: TopicSegmenter) -> None:
    eruption = [
        *VOLCANO,
        "By the afternoon the ash column had drifted north, and officials told residents of the "
        "island's northern towns to keep windows shut and wear masks outdoors.",
        "The eruption is the volcano's first since 1971, when lava from the same eastern flank "
        "reached the sea and destroyed a fishing village on the coast.",
        "Officials said the evacuated villagers would stay in schools on the island until the crater "
        "quietened and the volcanologists judged the slopes safe.",
    ]
    assert segmenter.breaks(eruption) == []
    assert max(segmenter.scores(eruption)) < 0.5


def test_scores_are_probabilities_peaking_at_the_boundaries(segmenter: TopicSegmenter) -> None:
    blocks = FOOTBALL + CENTRAL_BANK + VOLCANO
    scores = segmenter.scores(blocks)
    assert len(scores) == len(blocks) - 1
    assert all(0.0 <= s <= 1.0 for s in scores)
    top_two = sorted(range(len(scores)), key=lambda g: -scores[g])[:2]
    assert sorted(g + 1 for g in top_two) == [3, 6]
    for b in segmenter.breaks(blocks):  # a break's score is the posterior of its gap
        assert b.score == pytest.approx(scores[b.index - 1])


def test_results_are_deterministic_and_segmenters_independent() -> None:
    blocks = FOOTBALL + CENTRAL_BANK + VOLCANO
    first, other = TopicSegmenter(), TopicSegmenter(SegmentConfig(boundary_cost=50.0))
    assert first.breaks(blocks) == first.breaks(blocks) == TopicSegmenter().breaks(blocks)
    assert first.scores(blocks) == first.scores(blocks)
    assert other.breaks(blocks) == []  # a prior that forbids breaks, in a second segmenter…
    assert [b.index for b in first.breaks(blocks)] == [3, 6]  # …leaves the first one alone


def test_a_higher_boundary_cost_never_adds_breaks() -> None:
    blocks = FOOTBALL + CENTRAL_BANK + VOLCANO
    counts = [len(TopicSegmenter(SegmentConfig(boundary_cost=c)).breaks(blocks)) for c in (0.25, 1.0, 4.0, 50.0)]
    assert counts == sorted(counts, reverse=True)


def test_max_segment_blocks_one_forces_a_break_in_every_gap() -> None:
    blocks = FOOTBALL + CENTRAL_BANK
    found = TopicSegmenter(SegmentConfig(max_segment_blocks=1)).breaks(blocks)
    assert [b.index for b in found] == list(range(1, len(blocks)))


def test_words_are_lowercased_content_stems(segmenter: TopicSegmenter) -> None:
    assert segmenter.words("The Bank’s rates rose 2% and THE markets didn’t care.") == [
        "bank", "rate", "rose", "market", "care"]
    assert TopicSegmenter(SegmentConfig(stem=False, stopwords=False)).words("The rates rose") == [
        "the", "rates", "rose"]
    assert {"the", "said", "didn"} <= STOPWORDS


@pytest.mark.parametrize(
    ("word", "stem"),
    [("queries", "query"), ("rates", "rate"), ("banks", "bank"), ("glass", "glass"), ("status", "status"),
     ("series", "sery"), ("eruption", "eruption"), ("s", "s")],
)
def test_s_stemmer_rules(word: str, stem: str) -> None:
    assert s_stem(word) == stem


# -- edge cases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "blocks",
    [[], ["Only one block about a volcano."], ["", ""], ["", "", ""], ["   ", "\n"],
     ["the and of", "it is what it is", "but then, if so"], ["2-1", "4.5 %", "1971"]],
)
def test_nothing_to_segment_gives_no_break(segmenter: TopicSegmenter, blocks: list[str]) -> None:
    assert segmenter.breaks(blocks) == []
    assert segmenter.scores(blocks) == [0.0] * max(0, len(blocks) - 1)


def test_two_blocks(segmenter: TopicSegmenter) -> None:
    blocks = [FOOTBALL[0], VOLCANO[0]]
    scores = segmenter.scores(blocks)
    assert len(scores) == 1 and 0.0 <= scores[0] <= 1.0
    assert all(b.index == 1 for b in segmenter.breaks(blocks))
    assert segmenter.breaks([VOLCANO[0], VOLCANO[0]]) == []


def test_empty_and_stopword_blocks_inside_a_text(segmenter: TopicSegmenter) -> None:
    blocks = [*FOOTBALL, "", "And then?", *VOLCANO, ""]
    found = segmenter.breaks(blocks)
    assert len(found) == 1 and found[0].index in (3, 4, 5)
    assert len(segmenter.scores(blocks)) == len(blocks) - 1


def test_a_string_is_not_a_sequence_of_blocks(segmenter: TopicSegmenter) -> None:
    with pytest.raises(TypeError, match="sequence of strings"):
        segmenter.breaks("One long text rather than a list of blocks.")


# -- long texts: windows keep the cost linear -------------------------------------------------------


def _invented_reports(count: int, size: int = 3) -> list[str]:
    """`count` reports of `size` blocks, each with a vocabulary of invented words of its own."""
    rng = random.Random(24)
    letters = "bcdfghjklmnprstvz"
    blocks = []
    for _ in range(count):
        words = ["".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(3)) for _ in range(12)]
        blocks += [" ".join(rng.choice(words) for _ in range(20)) for _ in range(size)]
    return blocks


def test_a_long_text_is_segmented_in_windows_with_the_same_breaks() -> None:
    blocks = _invented_reports(42)  # 126 blocks, a new report every 3
    whole = TopicSegmenter(SegmentConfig(window_blocks=500))
    windowed = TopicSegmenter(SegmentConfig(window_blocks=20))
    expected = list(range(3, 126, 3))
    assert [b.index for b in whole.breaks(blocks)] == expected
    assert [b.index for b in windowed.breaks(blocks)] == expected
    scores = windowed.scores(blocks)
    assert len(scores) == 125 and all(0.0 <= x <= 1.0 for x in scores)
    assert min(scores[g - 1] for g in expected) > 0.5 > max(s for g, s in enumerate(scores, 1) if g % 3)


def test_no_lattice_is_larger_than_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # The n × n table of a 50,000-paragraph page took 18 GB: each lattice must stay within one window.
    sizes: list[int] = []
    original = TopicSegmenter._lattice

    def spy(self: TopicSegmenter, blocks: Any) -> Any:
        sizes.append(len(blocks))
        return original(self, blocks)

    monkeypatch.setattr(TopicSegmenter, "_lattice", spy)
    blocks = _invented_reports(336)  # 1,008 blocks
    scores = TopicSegmenter().scores(blocks)
    assert len(scores) == 1007 and max(sizes) <= SegmentConfig().window_blocks
    assert sum(sizes) <= 2.1 * len(blocks)  # half-overlapping windows: each block is read about twice


# -- configuration -------------------------------------------------------------------------------


def test_default_config() -> None:
    config = SegmentConfig()
    assert (config.discount, config.concentration, config.boundary_cost) == (0.5, 1.0, 1.0)
    assert config.stem and config.stopwords and config.min_word_length == 2 and config.max_segment_blocks is None
    assert config.min_vocabulary == 300 and config.window_blocks == 120


@pytest.mark.parametrize(
    ("change", "field"),
    [({"discount": 1.0}, "discount"), ({"discount": -0.1}, "discount"), ({"discount": "0.5"}, "discount"),
     ({"discount": float("nan")}, "discount"), ({"concentration": -0.5}, "concentration"),
     ({"discount": 0.2, "concentration": -0.3}, "concentration"), ({"concentration": True}, "concentration"),
     ({"boundary_cost": 0}, "boundary_cost"), ({"boundary_cost": float("inf")}, "boundary_cost"),
     ({"stem": 1}, "stem"), ({"stopwords": None}, "stopwords"), ({"min_word_length": 0}, "min_word_length"),
     ({"min_word_length": 2.0}, "min_word_length"), ({"max_segment_blocks": 0}, "max_segment_blocks"),
     ({"max_segment_blocks": True}, "max_segment_blocks"), ({"min_vocabulary": 0}, "min_vocabulary"),
     ({"min_vocabulary": 300.0}, "min_vocabulary"), ({"window_blocks": 7}, "window_blocks"),
     ({"window_blocks": True}, "window_blocks")],
)
def test_invalid_config_is_rejected(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        SegmentConfig(**change)
    assert caught.value.code == "ND-E011"
    assert str(caught.value).startswith("[ND-E011] SegmentConfig." + field + " must be")


def test_valid_edge_config_is_accepted() -> None:
    SegmentConfig(discount=0.0, concentration=0.01, boundary_cost=0.1, min_word_length=1, max_segment_blocks=1,
                  min_vocabulary=1)
    SegmentConfig(discount=0.5, concentration=-0.4)  # θ > -d is the Pitman–Yor condition


# -- the bench's metrics (bench/choi.py) -----------------------------------------------------------


@pytest.fixture(scope="module")
def choi() -> ModuleType:
    return importlib.import_module("bench.choi")


def test_window_is_half_the_mean_segment_length(choi: ModuleType) -> None:
    assert choi.window([4], 8) == 2  # two segments of 4
    assert choi.window([3, 6], 9) == 2  # 1.5 rounds up
    assert choi.window([], 7) == 4  # 3.5 rounds up
    assert choi.window([1, 2, 3, 4], 5) == 1  # 0.5 → at least 1


# n = 8, reference boundary before unit 4, k = 2: the probes (i, i+2) for i = 0…5 see the reference
# boundary at i = 2, 3 (boundary counts 0 0 1 1 0 0).
@pytest.mark.parametrize(
    ("hypothesis", "expected_pk", "expected_wd"),
    [
        ([4], 0.0, 0.0),
        ([], 2 / 6, 2 / 6),  # misses i = 2, 3
        ([5], 2 / 6, 2 / 6),  # counts 0 0 0 1 1 0: differ at i = 2, 4
        ([2, 4, 6], 4 / 6, 4 / 6),  # counts 1 1 1 1 1 1: differ at i = 0, 1, 4, 5
        ([3, 4], 1 / 6, 2 / 6),  # counts 0 1 2 1 0 0: Pk differs at i = 1; WindowDiff at i = 1, 2
    ],
)
def test_pk_and_windowdiff_by_hand(
    choi: ModuleType, hypothesis: list[int], expected_pk: float, expected_wd: float
) -> None:
    assert choi.pk([4], hypothesis, 8) == pytest.approx(expected_pk)
    assert choi.windowdiff([4], hypothesis, 8) == pytest.approx(expected_wd)


def test_metrics_reject_boundaries_outside_the_text(choi: ModuleType) -> None:
    with pytest.raises(ValueError, match="outside"):
        choi.pk([4], [8], 8)
    assert choi.pk([], [], 1) == 0.0  # no probe fits: nothing to get wrong


def test_ref_files_are_read_and_missing_data_skips(choi: ModuleType, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "1" / "3-5"
    folder.mkdir(parents=True)
    sep = "=========="
    (folder / "0.ref").write_text(f"{sep}\nOne .\nTwo .\n{sep}\nThree .\n{sep}\nFour .\nFive .\n{sep}\n")
    [doc] = choi.load(tmp_path)
    assert (doc.group, doc.sentences, doc.boundaries) == ("1/3-5", ["One .", "Two .", "Three .", "Four .", "Five ."],
                                                          [2, 3])
    assert choi.main(["--data", str(tmp_path / "absent"), "--seed-page", str(tmp_path / "none.txt")]) == 0
    assert '"skipped"' in capsys.readouterr().out.splitlines()[-1]


def test_known_boundaries_condition_the_posterior(segmenter: TopicSegmenter) -> None:
    blocks = FOOTBALL + CENTRAL_BANK + VOLCANO
    free = segmenter.scores(blocks)
    told = segmenter.scores(blocks, known={3})
    assert told[2] == pytest.approx(1.0)  # the known gap (before blocks[3]) is certain
    assert told[5] == pytest.approx(free[5], abs=0.05)  # the other report's boundary still stands out
    # inside a report the mass stays low, and a gap outside the text is ignored
    assert max(told[g] for g in range(len(told)) if g not in (2, 5)) < 0.5
    assert segmenter.scores(blocks, known={0, len(blocks), 99}) == free
