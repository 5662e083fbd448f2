"""Quoted names of works and quoted subheads are nobody's words (issue 21): "on ABC’s “This Week”" says where something
was said, and a paragraph made of one short quoted line in title case is a section heading. Invented text."""

from __future__ import annotations

import pytest

from newsdesk.analysis.quotes.finder import QuoteFinder
from newsdesk.analysis.quotes.marks import Paragraph, names_a_work, quoted_heading, scan_quotes
from tests.quoting import find, quote_finder


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return quote_finder()


def _quotes(text: str) -> tuple[Paragraph, list[str]]:
    para = Paragraph(0, len(text), 0, scan_quotes(text, 0, len(text)))
    return para, [text[q.start:q.end] for q in para.quotes]


def _work(text: str, words: str) -> bool:
    para, found = _quotes(text)
    return names_a_work(text, para, para.quotes[found.index(words)])


@pytest.mark.parametrize("text, title", [
    ("The harbour master spoke on Tuesday on Radio Norde’s “Morning Tide” about the storm.", "Morning Tide"),
    ("Ms. Okafor told WKRP's \"Evening Report\" that the levy would pass.", "Evening Report"),
    ("The mayor repeated the figures on “The Week in Review” a day later.", "The Week in Review"),
])
def test_a_title_after_a_possessive_or_on_names_a_work(text: str, title: str) -> None:
    assert _work(text, title)


@pytest.mark.parametrize("text, words", [
    # a slogan proclaimed is what was proclaimed, even in title case
    ("The governor proclaimed a goal of “Bread And Roses” for the new term.", "Bread And Roses"),
    # words in lower case are someone's words, whatever precedes them
    ("She said on Monday’s call that the plan was “dead on arrival” in the senate.", "dead on arrival"),
    # a cry is no title
    ("The crowd at the mayor’s “Go Harbour! Go!” rally cheered.", "Go Harbour! Go!"),
    # in a headline every word is capitalised: title case tells nothing there
    ("Okafor: Senator’s ‘Plan Is Dead On Arrival’ In Harbour Vote", "Plan Is Dead On Arrival"),
])
def test_words_that_are_said_are_no_title(text: str, words: str) -> None:
    assert not _work(text, words)


def test_a_quotation_before_a_show_s_title_keeps_its_speaker_and_the_title_is_nobody_s(finder: QuoteFinder) -> None:
    text = "“We will not close the port,” Mayor Lena Okafor said Thursday on Radio Norde’s “Morning Tide.”"
    quotes = find(finder, text)
    assert [text[q.start:q.end] for q in quotes] == ["We will not close the port,"]
    assert quotes[0].source is not None and text[quotes[0].source[0]:quotes[0].source[1]] == "Mayor Lena Okafor"


def test_reported_speech_told_to_a_show_keeps_the_clause(finder: QuoteFinder) -> None:
    text = "Okafor told Radio Norde’s “Morning Tide” that the port would stay open all winter."
    quotes = find(finder, text)
    assert [text[q.start:q.end] for q in quotes] == ["that the port would stay open all winter"]


@pytest.mark.parametrize("text, heading", [
    ("'Legend in the Harbour Fields.'", True),
    ("“A Port Without Ships”", True),
    ("“We will keep the port open.”", False),  # a sentence someone said: not in title case
    ("“Never.”", False),  # one word: a reply, not a heading
    ("“Open Port,” she said.", False),  # not the whole paragraph
])
def test_a_paragraph_of_one_short_quoted_line_in_title_case_is_a_heading(text: str, heading: bool) -> None:
    para, _ = _quotes(text)
    assert quoted_heading(text, para, para.quotes[0]) is heading


def test_a_quoted_subhead_does_not_inherit_the_last_speaker(finder: QuoteFinder) -> None:
    text = ("“The ships will come back,” said Lena Okafor, the harbour master.\n\n"
            "'Legend in the Harbour Fields.'\n\n"
            "Fishing boats filled the quay by noon.")
    quotes = find(finder, text)
    assert [text[q.start:q.end] for q in quotes] == ["The ships will come back,"]

