"""A page template's labels among a story's paragraphs, told by their class (a few words that make no
clause and share nothing with the text around them), not by a list of their words (invented pages)."""

from __future__ import annotations

import pytest

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.furniture_labels import is_widget_label
from newsdesk.model import Page

AROUND = [
    "The harbour authority said on Monday that the north pier would close for repairs after inspectors "
    "found cracks in two of its supports.",
    "Engineers expect the work to take about four months, and ferries will use the south pier meanwhile.",
]


@pytest.mark.parametrize("line", [
    "Reader Poll",                          # title-cased, no verb
    "Coming up:",                           # a label closed by a colon
    "Now streaming",                        # a participle is no clause
    "Gallery of the week",
    "Producer: Wren Castellane",            # a role and a name
    "Wren Castellane, Quayside Analytics LLC",  # a line of names: a contact under a release
    "Tomas Varga, Brackwater Holdings, Inc.",
])
def test_short_labels_that_make_no_clause_and_share_nothing_are_labels(line: str) -> None:
    assert is_widget_label(line, AROUND)


@pytest.mark.parametrize("line", [
    "Pier repairs",                         # about the text around it: the story's own subheading
    "What happens next",                    # a clause
    "Officials will meet",                  # an auxiliary makes a clause
    "Castellane, who led the inspection",   # a comma running on in lower case
    "The pier closes.",                     # a sentence
    "Top 5 harbours",                       # a figure
    "Reader Poll on the future of the two town piers",  # too long for a label, and not only names
])
def test_a_storys_own_short_lines_are_not_labels(line: str) -> None:
    assert not is_widget_label(line, AROUND)


def test_the_cleaner_removes_a_label_between_paragraphs_and_keeps_a_subheading() -> None:
    text = ("Pier to close for repairs\n\n" + AROUND[0] + "\n\nReader Poll\n\n" + AROUND[1]
            + "\n\nSouth pier repairs\n\nThe south pier reopened last year after repairs that took two years "
              "and cost more than the council had planned.\n")
    cleaning = Cleaner()(Page("labels.txt", text))
    kinds = {text[b.start:b.end]: b.kind for b in cleaning.blocks}
    assert kinds["Reader Poll"] == "removed:boilerplate"
    assert kinds["South pier repairs"] == "structure:subheading"
    assert kinds[AROUND[1]] == "body"


def test_a_headline_in_capitals_is_no_label() -> None:
    # Its case hides whether a word is a verb: a headline's shout, left to the headline rules.
    assert not is_widget_label("FERRY HITS PIER", AROUND)
