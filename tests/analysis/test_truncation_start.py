"""truncation_start: a capitalised paragraph opening read as the tail of a cut sentence (invented text)."""

from __future__ import annotations

from newsdesk.analysis.truncation_start import lost_start


def test_the_tail_of_an_apposition_is_a_lost_start() -> None:
    # "[Mara Quill, a former] league champion while at Dunmore, was named …": the subject was cut
    assert lost_start("League champion while at Dunmore, was named coach of the Harriers on Monday.")
    assert lost_start("  Harbour pilot for two decades, has retired from the port service.")


def test_a_whole_subject_with_a_parenthesis_is_not_a_cut() -> None:
    assert not lost_start("The harbour master, who took the post in May, said the boats would run.")
    assert not lost_start("Quill, however, was named coach of the Harriers on Monday.")
    assert not lost_start("Quill however, has a long record at the club.")


def test_a_comma_after_a_verb_or_a_quotation_is_not_an_apposition() -> None:
    assert not lost_start("She said the ferry was late, was the complaint heard all week.")
    assert not lost_start("“We will sail,” was all the captain would say.")


def test_a_question_puts_its_verb_first() -> None:
    assert not lost_start("As the river rises again, can the old levees hold?")


def test_lower_case_and_plain_openings_are_left_to_other_readers() -> None:
    assert not lost_start("league champion while at Dunmore, was named coach.")  # lower case: read in clean
    assert not lost_start("Quill, 41, was named coach of the Harriers.")  # a name and an age: no evidence
    assert not lost_start("Quill was named coach of the Harriers on Monday.")
    assert not lost_start("")


def test_a_long_head_is_not_read_as_one_noun_phrase() -> None:
    head = "Crews from four counties and two states with boats and trucks and pumps and generators"
    assert not lost_start(f"{head}, were sent to the valley.")
