"""How `bench/xdoc.py` turns gold mentions into linker input and resolves pronouns, on invented mentions."""

from __future__ import annotations

from collections import Counter

from bench.xdoc import GoldMention, antecedent, noun_phrase, pronoun_of, title_cased, truecased_proper


def mention(mid: str, text: str, token: int, tag: str = "HUMAN_PART_PER", before: tuple[str, ...] = ()
            ) -> GoldMention:
    return GoldMention("d1", mid, tag, text, 1, token, False, tuple((w, False) for w in text.split()), None, before)


def test_a_common_noun_keeps_its_possessor() -> None:
    assert noun_phrase(mention("m1", "lawyer", 5, before=("said", "her"))) == "her lawyer"
    assert noun_phrase(mention("m1", "rep", 5, before=("Reid", "'s"))) == "Reid's rep"
    assert noun_phrase(mention("m1", "lawyer", 5, before=("said", "the"))) == "lawyer"
    assert noun_phrase(mention("m1", "lawyer", 0)) == "lawyer"


def test_an_indefinite_noun_keeps_its_determiner() -> None:
    assert noun_phrase(mention("m1", "friend", 5, before=("said", "a"))) == "a friend"
    assert noun_phrase(mention("m1", "inmate", 5, before=("and", "another"))) == "another inmate"


def test_a_name_is_headed_by_a_capitalised_word() -> None:
    vocabulary = {"bank", "coast", "magazine"}
    assert truecased_proper(mention("m1", "Aria Bank in Lisbon", 3, "LOC_FAC"), vocabulary)
    assert truecased_proper(mention("m1", "at Aria Bank in Lisbon", 3, "LOC_FAC"), vocabulary)
    # A name in a description's modifier makes no name of it: its head is a common noun.
    assert not truecased_proper(mention("m1", "a bank in Lisbon", 3, "LOC_FAC"), vocabulary)
    assert not truecased_proper(mention("m1", "a Lisbon bank", 3, "LOC_FAC"), vocabulary)
    assert not truecased_proper(mention("m1", "Portugal 's southern coast", 3, "LOC_GEO"), vocabulary)
    # A web address tokenised apart is a name all the same.
    assert truecased_proper(mention("m1", "Gossip . com", 3, "HUMAN_PART_ORG"), vocabulary)


def test_title_case_tells_a_headline() -> None:
    assert title_cased("Singer Says Lawyer Will Appeal Ruling".split())
    assert not title_cased("The singer said her lawyer would appeal the ruling on Monday".split())


def test_he_never_refers_to_a_plural_noun() -> None:
    mentions = [mention("m1", "Ana Brel", 1), mention("m2", "officers", 5), mention("m3", "he", 9)]
    answer = {"m1": "ent1", "m2": "ent2"}
    assert antecedent(mentions[2], mentions, answer, plural={"m2"}) == "ent1"
    assert antecedent(mentions[2], mentions, answer) in {"ent1", "ent2"}


def test_they_never_refers_to_one_person() -> None:
    mentions = [mention("m1", "officers", 1), mention("m2", "man", 5), mention("m3", "they", 9)]
    answer = {"m1": "ent1", "m2": "ent2"}
    assert antecedent(mentions[2], mentions, answer, plural={"m1"}) == "ent1"


def test_she_skips_one_the_reports_call_he() -> None:
    mentions = [mention("m1", "Jon Pell", 1), mention("m2", "Jon Pell", 3), mention("m3", "Mira Solano", 5),
                mention("m4", "she", 9)]
    answer = {"m1": "ent1", "m2": "ent1", "m3": "ent2"}
    # Named most, Jon Pell would be the pick; the reports so far call him "he".
    assert antecedent(mentions[3], mentions, answer) == "ent1"
    assert antecedent(mentions[3], mentions, answer, called={"ent1": Counter(m=3)}) == "ent2"


def test_there_is_a_place_said_again() -> None:
    mentions = [mention("m1", "Lisbon", 1, "LOC_GEO"), mention("m2", "Ana Brel", 3),
                mention("m3", "a clinic", 5, "LOC_FAC"), mention("m4", "officers", 7),
                mention("m5", "there", 9, "LOC_FAC")]
    answer = {"m1": "ent1", "m2": "ent2", "m3": "ent3", "m4": "ent4"}
    assert antecedent(mentions[4], mentions, answer) == "ent3"
    assert antecedent(mentions[4], mentions[:2] + mentions[4:], answer) == "ent1"


def test_i_is_the_person_quoted_in_its_sentence() -> None:
    def said(mid: str, text: str, token: int, sentence: int, tag: str = "HUMAN_PART_PER") -> GoldMention:
        return GoldMention("d1", mid, tag, text, sentence, token, False, tuple((w, False) for w in text.split()),
                           None)

    mentions = [said("m1", "Jon Pell", 1, 1), said("m2", "I'm", 20, 2), said("m3", "officers", 24, 2),
                said("m4", "Mira Solano", 26, 2), said("m5", "me", 40, 3), said("m6", "clinic", 42, 3, "LOC_FAC")]
    answer = {"m1": "ent1", "m3": "ent2", "m4": "ent3", "m6": "ent4"}
    # The person named after the quote speaks it, not "officers" (a plural) nor the person of the sentence before.
    assert antecedent(mentions[1], mentions, answer, plural={"m3"}) == "ent3"
    # A sentence that names no person leaves "me" alone.
    assert antecedent(mentions[4], mentions, answer, plural={"m3"}) is None


def test_a_contracted_pronoun_is_its_pronoun() -> None:
    assert pronoun_of("She's") == "she" and pronoun_of("they’d") == "they" and pronoun_of("I'm") == "i"
    assert pronoun_of("Shell") is None and pronoun_of("Reid's") is None
    mentions = [mention("m1", "Mira Solano", 1), mention("m2", "officers", 4), mention("m3", "she's", 9)]
    answer = {"m1": "ent1", "m2": "ent2"}
    assert antecedent(mentions[2], mentions, answer, plural={"m2"}) == "ent1"
