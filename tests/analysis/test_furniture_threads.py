"""Readers' replies among a reposted story's paragraphs, told by repetition and by being about nothing next to
them, not by their words; and the line shapes of site furniture added for issue 20 (invented text)."""

from __future__ import annotations

import pytest

from newsdesk.analysis.furniture_threads import comment_lines, mark_comment_threads
from newsdesk.analysis.line_shapes import BOILERPLATE, LINK_TAIL, TEASER_PREFIX, Block, addresses_reader

PIER = ("The harbour authority said on Monday that the north pier would close for repairs after inspectors "
        "found cracks in two of its supports, the second closure in three years.")
FERRY = ("Engineers expect the work to take about four months, and ferries will use the south pier while "
         "the supports are replaced and the deck is resurfaced.")
MILL = ("The old paper mill on the river will reopen as a museum next spring, the town council said after "
        "a vote on Tuesday evening that ended a decade of argument.")


def _blocks(lines: list[str | tuple[str, str]]) -> list[Block]:
    out, pos = [], 0
    for line in lines:
        text, role = (line, "body") if isinstance(line, str) else line
        out.append(Block(pos, pos + len(text), text, True, True, role=role))
        pos += len(text) + 2
    return out


def test_a_repeated_reply_and_the_replies_beside_it_are_a_thread() -> None:
    blocks = _blocks([PIER, "Glad someone finally copied it here.", "Who else remembers the last time?",
                      ("Reply · Share · Report", "removed:boilerplate"), FERRY, MILL,
                      ("reply by u/gullwatcher · 2h ago", "removed:boilerplate"),
                      "Glad someone finally copied it here."])
    assert comment_lines(blocks) == {1, 2, 7}
    mark_comment_threads(blocks)
    assert [b.role for b in blocks] == ["body", "removed:boilerplate", "removed:boilerplate", "removed:boilerplate",
                                        "body", "body", "removed:boilerplate", "removed:boilerplate"]


def test_a_short_sentence_a_story_repeats_among_its_own_sentences_stays() -> None:
    # repeated and about nothing next to it, but no copy stands by the page's furniture
    blocks = _blocks([PIER, "Glad someone finally copied it here.", FERRY, MILL,
                      "Glad someone finally copied it here.", PIER])
    assert comment_lines(blocks) == set()


def test_a_story_short_paragraph_shown_once_stays() -> None:
    # short, about nothing next to it, but never repeated and beside no reply: the story's own line
    assert comment_lines(_blocks([PIER, "It was a cold morning.", FERRY])) == set()


def test_a_repeated_short_line_about_the_story_stays() -> None:
    # the page prints the story's line twice (a pull quote): it shares "pier" with the paragraphs beside it
    blocks = _blocks([PIER, "The north pier will close.", FERRY, MILL, "The north pier will close.", PIER])
    assert comment_lines(blocks) == set()


def test_a_line_with_no_word_to_compare_tells_nothing() -> None:
    # an interview's repeated question in a script the content words do not read: no evidence, no reply
    question = "Что вас вдохновило?"
    blocks = _blocks([PIER, ("Reply", "removed:boilerplate"), question, FERRY, ("Reply", "removed:boilerplate"),
                      question, MILL])
    assert comment_lines(blocks) == set()
    blocks[2].text = blocks[5].text = "Glad someone copied it."
    blocks.insert(3, _blocks(["Who else remembers the last time?"])[0])
    assert comment_lines(blocks) == {2, 3, 6}


def test_one_short_sentence_repeated_with_no_other_reply_stays() -> None:
    # a tokenised article that prints a sentence twice, one copy by a line already taken as furniture: a thread
    # needs two different lines, so the story's sentence stays
    blocks = _blocks([PIER, "Police said the boat was never found.", ("Advertisement", "removed:boilerplate"), FERRY,
                      MILL, "Police said the boat was never found.", PIER])
    assert comment_lines(blocks) == set()


def test_quoted_lines_and_titles_are_no_replies() -> None:
    blocks = _blocks([PIER, '"We had no choice," she said.', FERRY, '"We had no choice," she said.', MILL,
                      "Mill Museum Opens", MILL, "Mill Museum Opens"])
    assert comment_lines(blocks) == set()


@pytest.mark.parametrize("line", [
    "javascript:void(0)", "&nbsp;", "&#160; &amp;", "▬▬▬▬▬▬", "~ ~ ~ ~",       # markup left behind
    "For internal use only. Not for redistribution.", "Not for publication",  # licence notices
    "Summaries by Quillfeed are provided for information only.",            # a disclaimer of the text
    "[Editor's note: names have been changed]",                              # a bracketed note
    "Did this answer your question? Yes · No",                               # a feedback widget
    "View non-AMP version", "Switch to the desktop site",                    # another rendering of the page
    "Archived thread. New replies cannot be posted", "sort by: newest",      # a closed thread, its sorting
    "Clip ID 44-9", "Item #2093", "Dossier No. 118",                         # an archive's item numbers
])
def test_furniture_shapes_are_boilerplate(line: str) -> None:
    assert BOILERPLATE.match(line)


@pytest.mark.parametrize("line", [
    "The company said it would sort by hand.", "Apollo 11", "Police said the ID was fake.", "She was 74.",
    "No. 1", "He said no.", "The offer is for members only.", "Section 230",
])
def test_story_lines_are_not_boilerplate(line: str) -> None:
    assert not BOILERPLATE.match(line)


def test_an_arrowed_link_label_closing_a_paragraph_is_link_residue() -> None:
    text = "The council voted to reopen the mill. Read the whole story »"
    found = [m for m in LINK_TAIL.finditer(text)]
    assert [m.group(m.lastindex or 0) for m in found] == ["Read the whole story »"]
    assert not list(LINK_TAIL.finditer("The council voted, and the mill reopens » next year."))
    # a closing guillemet after words, with no sentence before it, is a quotation's end
    assert not list(LINK_TAIL.finditer("Le maire a dit « nous partons »"))


def test_a_live_label_opens_a_teaser() -> None:
    assert TEASER_PREFIX.match("Watch live: KXQV Evening News")
    assert not TEASER_PREFIX.match("Watching live music is his passion")


@pytest.mark.parametrize(("line", "site"), [
    ("If you enjoyed this, subscribe to Quillfeed at quillfeed.io.", True),
    ("If you liked this issue, forward it to a friend.", True),
    ("If you see smoke, call the fire service.", False),   # a story's advice: the condition is not about the page
    ("If you build it, they will come.", False),
])
def test_a_condition_about_the_page_then_an_imperative_addresses_the_reader(line: str, site: bool) -> None:
    assert addresses_reader(line) is site
