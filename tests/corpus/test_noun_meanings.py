"""Noun meanings for corpus linking (`newsdesk.corpus.meanings`, issue 22): two descriptions of one thing by
different words ("the attorney" / "the lawyer", "the guns" / "the weapons"), read from WordNet's senses."""

from __future__ import annotations

import pytest

from newsdesk.corpus.entities import CorpusLinkConfig
from newsdesk.corpus.meanings import NounSenses, described_alike, noun_senses, related_nouns
from newsdesk.errors import ConfigError

#: An invented table: 0 "artefact" above 1 "tool" above 2 "hammer" (also "mallet"), 3 "saw"; 4 "animal" above
#: 5 "dog"; "geese" an irregular plural of "goose" (6, under "animal").
TINY = NounSenses(words={"artefact": (0,), "tool": (1,), "hammer": (2,), "mallet": (2,), "saw": (3,),
                         "animal": (4,), "dog": (5, 1), "goose": (6,), "box": (7,)},
                  parents=((), (0,), (1,), (1,), (), (4,), (4,), (0,)), classes=(6, 6, 6, 6, 5, 5, 5, 6),
                  plurals={"geese": "goose"})


def test_a_shared_sense_makes_two_nouns_one_meaning() -> None:
    assert related_nouns("hammer", "mallet", senses=TINY)
    assert related_nouns("hammer", "hammer", senses=TINY)


def test_a_kind_a_step_above_is_related_and_further_up_only_with_depth() -> None:
    assert related_nouns("tool", "hammer", depth=1, senses=TINY)
    assert related_nouns("hammer", "tool", depth=1, senses=TINY)  # either way round
    assert not related_nouns("artefact", "hammer", depth=1, senses=TINY)
    assert related_nouns("artefact", "hammer", depth=2, senses=TINY)
    assert not related_nouns("tool", "hammer", depth=0, senses=TINY)


def test_siblings_and_unknown_words_are_not_related() -> None:
    assert not related_nouns("hammer", "saw", depth=3, senses=TINY)  # two tools are two things
    assert not related_nouns("dog", "goose", depth=1, senses=TINY)
    assert not related_nouns("hammer", "zorblat", senses=TINY)


def test_only_the_first_senses_count() -> None:
    # "dog"'s second (invented) sense is a tool: read with one sense only, a dog is no tool.
    assert related_nouns("dog", "hammer", first=2, depth=1, senses=TINY)
    assert not related_nouns("dog", "hammer", first=1, depth=1, senses=TINY)


def test_plurals_are_read_as_their_singular() -> None:
    assert TINY.lemma("geese") == "goose" and TINY.lemma("boxes") == "box" and TINY.lemma("Hammers") == "hammer"
    assert related_nouns("geese", "animal", senses=TINY)


def test_described_alike_needs_a_related_head_of_the_same_number() -> None:
    assert described_alike("hammer", True, ["the old mallet"], senses=TINY)
    assert not described_alike("hammer", True, ["the mallets"], senses=TINY)  # several are not one
    assert described_alike("hammer", True, ["the mallets"], number=False, senses=TINY)
    assert not described_alike("hammer", True, ["a saw", "the box"], senses=TINY)


def test_the_packaged_wordnet_table_knows_everyday_synonyms_and_kinds() -> None:
    table = noun_senses()
    assert table.senses("lawyer"), "models/noun_senses/senses.json is missing"
    assert related_nouns("attorney", "lawyer") and related_nouns("photo", "photograph")
    assert related_nouns("weapon", "gun") and related_nouns("earthquake", "quake")
    assert related_nouns("women", "woman") and table.lemma("policemen") == "policeman"
    assert not related_nouns("guard", "prisoner") and not related_nouns("nurse", "pilot")


def test_the_meaning_knobs_are_whole_numbers_of_zero_or_more() -> None:
    assert CorpusLinkConfig(meaning_senses=0, meaning_depth=0).meaning_senses == 0
    with pytest.raises(ConfigError, match="meaning_depth"):
        CorpusLinkConfig(meaning_depth=-1)
    with pytest.raises(ConfigError, match="meaning_senses"):
        CorpusLinkConfig(meaning_senses=1.5)  # type: ignore[arg-type]
