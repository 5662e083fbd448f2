"""settle_types with a label for other names (CoNLL's MISC): adjectives made of names, demonyms, and a company's
name written in full deciding its short form. Invented text and names throughout."""

from __future__ import annotations

from newsdesk.analysis.entities.page_types import Named, TypeNames, settle_types
from tests.naming import named

CONLL = TypeNames("PER", "LOC", "ORG", "MISC")
NEWSDESK = TypeNames("PERSON", "PLACE", "ORG")



def veldish(word: str) -> bool:
    """A stand-in gazetteer that knows one demonym."""
    return word == "Veldish"


def spans(found: list[Named]) -> list[tuple[str, str]]:
    return [(n.text, n.type) for n in found]


def test_a_name_joined_to_a_participle_is_a_misc_adjective() -> None:
    text = "Analysts at a Varnholm-based bank said the Ostrava-led talks would resume."
    assert spans(settle_types(text, [], CONLL)) == [("Varnholm-based", "MISC"), ("Ostrava-led", "MISC")]


def test_a_prefixed_name_is_misc_but_a_prefixed_month_is_not() -> None:
    text = "The ex-Varnholm striker signed in mid-August after pro-Ostrava protests."
    assert spans(settle_types(text, [], CONLL)) == [("ex-Varnholm", "MISC"), ("pro-Ostrava", "MISC")]


def test_a_capital_that_only_opens_the_sentence_is_no_name() -> None:
    text = "Long-term rates rose. Top-seeded players won. Varnholm-based traders said so."
    assert settle_types(text, [], CONLL) == []
    # ...unless the page names it elsewhere.
    text = "Varnholm-based traders said so. Prices in Varnholm fell."
    found = settle_types(text, [named(text, "Varnholm", "LOC", 1)], CONLL)
    assert spans(found) == [("Varnholm-based", "MISC"), ("Varnholm", "LOC")]


def test_a_given_name_with_a_hyphen_and_a_word_the_page_writes_lower_case_stay_out() -> None:
    text = "Coach Kim Tae-ho praised the Profit-taking that profit seekers began."
    assert settle_types(text, [named(text, "Kim Tae-ho", "PER")], CONLL) == [named(text, "Kim Tae-ho", "PER")]


def test_a_tagged_compound_takes_the_misc_type() -> None:
    text = "Shares of Port Ardel-based Tarnow Ltd rose."
    found = settle_types(text, [named(text, "Port Ardel-based", "ORG"), named(text, "Tarnow Ltd", "ORG")], CONLL)
    assert spans(found) == [("Port Ardel-based", "MISC"), ("Tarnow Ltd", "ORG")]


def test_a_demonym_is_misc_unless_tagged_a_place_or_part_of_a_longer_name() -> None:
    text = "Veldish troops crossed. The Veldish said no. Veldish Rugby Union met. Officials in Veldish agreed."
    names = [named(text, "Veldish", "PER", 1), named(text, "Veldish", "LOC", 3)]
    found = settle_types(text, names, CONLL, is_demonym=veldish)
    assert spans(found) == [("Veldish", "MISC"), ("Veldish", "MISC"), ("Veldish", "LOC")]


def test_a_demonym_that_is_a_persons_first_name_stays_a_person() -> None:
    text = "Veldish Aron spoke. Later Veldish said more."
    names = [named(text, "Veldish Aron", "PER"), named(text, "Veldish", "PER", 1)]
    assert spans(settle_types(text, names, CONLL, is_demonym=veldish)) == [("Veldish Aron", "PER"),
                                                                           ("Veldish", "PER")]


def test_without_a_misc_label_nothing_is_added() -> None:
    text = "Analysts at a Varnholm-based bank met Veldish envoys."
    assert settle_types(text, [], NEWSDESK, is_demonym=veldish) == []


def test_a_company_written_in_full_types_every_short_mention() -> None:
    text = ("Tarnow Holdings agreed a deal. Tarnow rose. Tarnow gained. Tarnow said it would grow. "
            "Tarnow was up. Tarnow is big.")
    names = [named(text, "Tarnow Holdings", "ORG")] + [named(text, "Tarnow", "PER", i) for i in range(1, 6)]
    assert [n.type for n in settle_types(text, names, CONLL)] == ["ORG"] * 6
