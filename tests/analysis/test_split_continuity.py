"""A paragraph that repeats a proper name of the story above carries that story on (`split_continuity`)."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.analysis.split_continuity import carried_names, carries_on, lower_case_words, proper_names

SHOOTING = ("Vancouver police spokesman Constable Tim Fanning said the suspect fled on foot.\n"
            "Fanning did not know how long the suspect had worked at the warehouse.\n"
            "While the family grieved, the street stayed closed until Monday.")


def test_a_name_written_mid_sentence_is_a_name_and_a_sentence_opener_is_not() -> None:
    names = proper_names(SHOOTING, lower_case_words(SHOOTING))
    assert "Fanning" in names and "Vancouver" not in names  # "Vancouver" only opens a line
    assert "While" not in names and "Monday" not in names  # a sentence's first word; a calendar word


def test_a_word_the_page_also_writes_in_lower_case_is_no_name() -> None:
    page = "The minister met Police chiefs.\nThe police said little."
    assert "Police" not in proper_names(page, lower_case_words(page))


def test_the_next_paragraph_carries_on_by_a_name_even_where_it_opens_it() -> None:
    above, below, _ = SHOOTING.split("\n")
    names = proper_names(SHOOTING, lower_case_words(SHOOTING))
    assert carried_names(above, below, names, lower_case_words(SHOOTING)) == {"Fanning"}


def test_a_possessive_is_the_name() -> None:
    page = "Police shot Kimani Gray on Saturday.\nGray's school principal wrote to parents."
    above, below = page.split("\n")
    assert carried_names(above, below, proper_names(page, lower_case_words(page)), lower_case_words(page)) == {"Gray"}


def test_two_reports_of_different_events_share_no_name() -> None:
    page = ("Rescuers in Ankara pulled Ayse Demir from the rubble.\n"
            "Shares in Tokyo rose after the bank led by Hiroshi Tanaka cut rates.")
    above, below = page.split("\n")
    assert carried_names(above, below, proper_names(page, lower_case_words(page)), lower_case_words(page)) == set()


@dataclass(frozen=True)
class Unit:
    role: str
    text: str


def test_carries_on_reads_only_body_paragraphs_of_the_story_above() -> None:
    units = [Unit("body", "Officers said Gerald Hiller fired twice."), Unit("structure:heading", "Hiller charged"),
             Unit("body", "Prosecutors charged Hiller with two counts of murder.")]
    names = {"Hiller", "Gerald"}
    assert carries_on(units, 0, 1, names, {"officers", "said"})
    assert not carries_on(units, 1, 2, names, {"officers", "said"})  # only a heading above: no text to carry on


def test_a_second_report_introducing_the_same_person_afresh_does_not_carry_on() -> None:
    page = ("Officers said Gerald Hiller fired twice in the office.\n"
            "Gunman Gerald Hiller was charged on Friday, a second outlet reported.")
    above, below = page.split("\n")
    assert carried_names(above, below, proper_names(page, lower_case_words(page)), lower_case_words(page)) == set()


def test_a_sentence_opener_before_a_name_does_not_introduce_it() -> None:
    page = ("In Ukraine the shelling went on, the ministers were told.\n"
            "Aid convoys reached Ukraine on Friday, officials said in the capital.")
    above, below = page.split("\n")
    words = lower_case_words(page) | {"in"}
    assert carried_names(above, below, proper_names(page, words) | {"Ukraine"}, words) == set()
