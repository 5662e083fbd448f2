"""A title glued over a paragraph cut at its start, and the tail of a cut apposition, on invented text."""

from __future__ import annotations

from newsdesk.analysis.truncation import glued_cut_starts
from newsdesk.analysis.truncation_start import lost_start


def test_a_short_line_glued_under_a_title_is_a_cut_start_even_when_it_could_be_a_wrapped_line() -> None:
    block = ("Guilty verdict in harbour murder trial\n"
             "has returned a guilty verdict for the deckhand accused of the killing.")
    assert glued_cut_starts(block) == [block.index("has returned")]


def test_a_hard_wrapped_paragraph_under_a_short_first_line_is_not_cut() -> None:
    # the second line is no longer than the first plus its own first word: the width the page wraps at
    block = ("Harbour officials said on Monday that\nthe north pier would close for repairs\n"
             "after inspectors found cracks in it.")
    assert glued_cut_starts(block) == []


def test_the_tail_of_a_cut_apposition_has_lost_its_determiner() -> None:
    assert lost_start("Harbour Board chairman and key figure in the pier dispute, was found dead in his flat.")
    # a whole noun phrase, its determiner kept, set off from its verb by a stray comma
    assert not lost_start("The bodies of Ms Reed and Miss Lane, were found in their house on Quay Street.")
    assert not lost_start("His lawyer and two of the deckhands, were seen at the pier on Monday.")
