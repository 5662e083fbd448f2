"""Colon-labelled lines on invented text: a transcript quoted whole ('"ROE: Well, …') gives its label as the speaker
and the words after the colon as the quote; a bracketed stage direction in it ('"(CROSSTALK.)') is nobody's words;
a publisher's notice ("Correction:", "Editor's note:") names nobody who speaks."""

from __future__ import annotations

import pytest

from newsdesk.analysis.quotes.finder import QuoteFinder
from tests.quoting import cut, find, quote_finder


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return quote_finder()


def test_a_quoted_transcript_line_is_its_labels_words(finder: QuoteFinder) -> None:
    text = ("The interview went as follows:\n\n"
            "\"LUNDQVIST: Will the harbour reopen before the winter storms arrive?\n\n"
            "\"BERGMAN: Well, look, we are working on it every day and we expect to reopen it by March.\"")
    said = [(cut(text, q.source), cut(text, q.cue), cut(text, (q.start, q.end))) for q in find(finder, text)]
    assert said == [
        ("LUNDQVIST", ":", "Will the harbour reopen before the winter storms arrive?"),
        ("BERGMAN", ":", "Well, look, we are working on it every day and we expect to reopen it by March."),
    ]


def test_a_quoted_line_opened_by_a_common_noun_and_a_colon_keeps_its_words(finder: QuoteFinder) -> None:
    text = "“Bottom line: we are going to fix the harbour before the storms arrive,” Ola Berg said."
    quotes = find(finder, text)
    assert [(cut(text, q.source), cut(text, q.cue)) for q in quotes] == [("Ola Berg", "said")]
    assert text[quotes[0].start:quotes[0].end].startswith("Bottom line:")


@pytest.mark.parametrize("note", ["(CROSSTALK.)", "[Applause]", "(LAUGHTER)"])
def test_a_bracketed_stage_direction_in_a_quoted_transcript_is_nobodys_words(finder: QuoteFinder, note: str) -> None:
    text = ("\"BERGMAN: We are working on it every day and we expect to reopen it by March.\n\n"
            f"\"{note}\n\n"
            "\"LUNDQVIST: So the harbour will reopen before the winter storms arrive?\"")
    quotes = find(finder, text)
    assert [cut(text, q.source) for q in quotes] == ["BERGMAN", "LUNDQVIST"]
    assert all(note.strip("()[].") not in text[q.start:q.end] for q in quotes)


@pytest.mark.parametrize("rubric", ["Correction", "CORRECTION", "Editor’s note", "Update"])
def test_a_publishers_notice_names_no_speaker(finder: QuoteFinder, rubric: str) -> None:
    text = f"{rubric}: An earlier version of this story gave the wrong date of the harbour vote, held in May."
    assert all(cut(text, q.source) != rubric for q in find(finder, text))


def test_a_headline_opened_by_a_name_and_a_colon_still_has_its_speaker(finder: QuoteFinder) -> None:
    text = "Lundqvist: Harbour Must Reopen Before the Winter Storms Arrive"
    assert [(cut(text, q.source), cut(text, q.cue)) for q in find(finder, text)] == [("Lundqvist", ":")]
