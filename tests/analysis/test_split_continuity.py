"""A paragraph that repeats a proper name of the story above carries that story on (`split_continuity`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsdesk.analysis.split_continuity import (
    block_names,
    carried_names,
    carries_across,
    carries_on,
    closes_quotation,
    lower_case_words,
    names_run_through,
    paragraph_names,
    proper_names,
    quotation_open,
    reintroduced_names,
)

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


def _reintroduced(above: str, below: str) -> set[str]:
    page = above + "\n" + below
    words = lower_case_words(page)
    return reintroduced_names(above, below, proper_names(page, words), words)


def test_a_paragraph_naming_afresh_someone_the_text_above_named_bare_reintroduces_them() -> None:
    above = ("The club said coach Greta Marlowe would stay on for the cup final.\n"
             "Marlowe told reporters the squad was fit, and Marlowe thanked the fans.")
    assert _reintroduced(above, "Greta Marlowe will retire at the end of the season, the club confirmed.") == {
        "Marlowe"}
    # going on with the bare name, or with a title and the surname, is the same report
    assert _reintroduced(above, "Marlowe will retire at the end of the season, the club confirmed.") == set()
    assert _reintroduced(above, "Ms Marlowe will retire at the end of the season, the club confirmed.") == set()


def test_a_place_written_whole_or_a_name_late_in_the_sentence_reintroduces_no_one() -> None:
    above = ("Fans in New Orleans cheered as coach Greta Marlowe lifted the cup.\n"
             "Marlowe said the city had waited twenty years for the night.")
    assert _reintroduced(above, "Across New Orleans, bars stayed open until dawn on Sunday.") == set()
    late = ("The parade will pass the stadium, the river front and the old market on Saturday before the "
            "city hall reception hosted by Greta Marlowe.")
    assert _reintroduced(above, late) == set()


# -- a sentence or quotation left open across a gap ------------------------------------------------
def test_a_quotation_is_open_until_it_is_closed() -> None:
    assert quotation_open("“We heard the shots,” said Mara Olsen. “Everybody was shouting.")
    assert not quotation_open("“We heard the shots,” said Mara Olsen.")
    assert quotation_open("`` If I could give you more , I would .")  # the treebank's marks, as corpora write them
    assert quotation_open('She said "nobody knew.') and not quotation_open('She said "nobody knew."')


def test_a_paragraph_closes_a_quotation_it_did_not_open() -> None:
    assert closes_quotation("Nobody knew where it came from,” she said.")
    assert closes_quotation('to me it was too hard . " It took the jury four hours .')
    assert not closes_quotation("“Nobody knew,” she said.")  # opens its own
    assert not closes_quotation("The warehouse stays closed until Monday.")


def test_a_quotation_or_a_sentence_left_open_above_carries_across() -> None:
    assert carries_across("“We heard the shots,” said Mara Olsen. “Everybody was shouting.",
                          "Nobody knew where it came from,” she said.")
    assert carries_across("He killed the judge and the court reporter;", "he also shot a deputy outside.")
    assert carries_across('"Tell them we are all in shock . . .', "and I lost two of my closest friends .")


def test_a_closed_end_or_a_capitalised_start_does_not_carry_across() -> None:
    # a report's end leaves nothing open: a stitched fragment after it opens another text
    assert not carries_across("The ferries were cancelled for a second day.", "he added that the berth was shut.")
    assert not carries_across("The ferries were cancelled;", "Malta's governing party took an early lead.")
    # a colon introduces what follows (a list, "Full article from X below:"), an ellipsis outside a quotation
    # may be a cut ("… scored 23 points for…")
    assert not carries_across("Full article from Harbour Times below:", "the ferries were cancelled.")
    assert not carries_across("Shy Ely scored 23 points for…", "the home side in the second half.")


# -- names that run through both sides of a gap ----------------------------------------------------
PAGE_NAMES = {"Velk", "Dorian", "Reyes", "Anton", "Brightwater", "Marlow"}


def test_block_names_counts_the_paragraphs_that_write_each_name() -> None:
    paragraphs = ["The suspect, Dorian Velk, was held, police spokesman Anton Reyes said.",
                  "A colleague said Velk kept an allotment near the harbour."]
    names = [paragraph_names(p, PAGE_NAMES, {"the", "said"}) for p in paragraphs]
    assert names[1] == {"Velk"}  # "A" opens the sentence; "harbour" is no name
    assert block_names(names) == {"Dorian": 1, "Velk": 2, "Anton": 1, "Reyes": 1}


def test_two_shared_names_or_one_name_written_all_through_run_through() -> None:
    above, below = Counter({"Velk": 1, "Reyes": 2, "Marlow": 1}), Counter({"Velk": 2, "Reyes": 1, "Brightwater": 2})
    assert names_run_through(above, below, distinct=2, mentions=4) == {"Velk", "Reyes"}
    assert names_run_through(Counter({"Velk": 3}), Counter({"Velk": 1}), distinct=2, mentions=4) == {"Velk"}
    # one name each side once: two reports may both name a town
    assert names_run_through(Counter({"Marlow": 1}), Counter({"Marlow": 1}), distinct=2, mentions=4) == set()


def test_an_outlets_words_are_no_continuity() -> None:
    above, below = Counter({"Associated": 1, "Velk": 1}), Counter({"Associated": 1, "Velk": 1})
    assert names_run_through(above, below, distinct=2, mentions=4, ignore={"associated", "press"}) == set()
    assert names_run_through(above, below, distinct=2, mentions=4) == {"Associated", "Velk"}
