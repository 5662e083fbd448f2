"""truncation: cut sentences told from titles and headline-ese, on invented text."""

from __future__ import annotations

import pytest

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.truncation import glued_cut_starts, reads_as_title, runs_as_sentence
from newsdesk.model import Page, Span

_OPENING = "Ferry crews on the northern route walked out on Monday, stranding hundreds of island residents.\n\n"
_NEXT = "The harbour authority said talks with the union would resume on Thursday morning at the town hall.\n"


def spans_of(text: str, spans: tuple[Span, ...], kind: str) -> list[str]:
    return [text[s.start:s.end] for s in spans if s.kind == kind]


@pytest.mark.parametrize("line", [
    "He has been charged with reckless navigation, endangering pass",  # a subject pronoun and an auxiliary chain
    "Island councillors are also holding meet",  # "are also holding": titles drop auxiliaries
    "The skipper was also stopped on the pier late on Friday, acc",  # "was also stopped"
    "Quill, 58, retired from the ferry service on Friday in good health, according",  # needs "to …"
    "The board rejected the bid because there was a dispute concerning",
])
def test_a_running_sentence_is_not_headline_ese(line: str) -> None:
    assert runs_as_sentence(line)


@pytest.mark.parametrize("line", [
    "Ferry strike enters its second week",
    "Harbour master to step down after storm",
    "Island residents stranded as crews walk out",
    "Why the island ferry service has stalled",  # a title may keep an auxiliary, not split its verb group
    "Quill",
])
def test_a_title_does_not_run_as_a_sentence(line: str) -> None:
    assert not runs_as_sentence(line)


@pytest.mark.parametrize("line", [
    "Ferry strike enters its second week as talks stall over pay",
    "Islanders brace for a winter without the ferries, and the council for the bill",
    "Mara Quill, 58, took the helm of the harbour in 2019 after a long career at sea",  # a standfirst, whole
])
def test_a_whole_title_or_standfirst_reads_as_a_title(line: str) -> None:
    assert reads_as_title(line)


@pytest.mark.parametrize("line", [
    "The council said the crossing would be",  # stops on an auxiliary: the phrase is open
    "Crews from four islands met on the pier with",  # on a preposition
    "In the opening battle for island opinion it",  # on a subject pronoun
    "The storm cut the cables, causing a long power out",  # on a particle ("out[age]")
    "The strike is the longest on the route since the ferries were first run, accordi",  # on a piece of a word
    "Island councillors are also holding meet",  # runs on as a sentence
    "The harbour master resigned. The council met",  # two sentences: a paragraph, not a title
    "the crossing would reopen on Friday with new crews",  # opens in lower case
])
def test_a_cut_sentence_does_not_read_as_a_title(line: str) -> None:
    assert not reads_as_title(line)


def test_a_title_glued_to_a_cut_paragraph_is_found_inside_the_block() -> None:
    cut = ("walked out on Monday, stranding hundreds of island residents and leaving the northern "
           "route without a single crossing for the first time in forty years.")
    text = "Ferry crews strike on northern route\n" + cut
    assert [text[at:at + 11] for at in glued_cut_starts(text)] == ["walked out "]


def test_a_hard_wrapped_paragraph_is_no_glued_cut() -> None:
    # a wrapped page's lines are short: a line opening in lower case only goes on with the one above
    text = ("Ferry crews on the northern route\nwalked out on Monday, stranding hundreds of island\n"
            "residents who had planned to travel.")
    assert glued_cut_starts(text) == []
    # nor does a sentence above a lower-case line count as a title
    assert glued_cut_starts("The crews walked out.\n" + "x" * 120) == []


def test_the_cleaner_flags_a_title_glued_to_a_cut_paragraph() -> None:
    cut = ("walked out on Monday, stranding hundreds of island residents and leaving the northern "
           "route without a single crossing for the first time in forty years.")
    text = _OPENING + "Ferry crews strike on northern route\n" + cut + "\n\n" + _NEXT
    cleaning = Cleaner()(Page("glued.txt", text))
    starts = spans_of(text, cleaning.flags, "truncated_start")
    assert len(starts) == 1 and starts[0].startswith("walked out on Monday")


def test_a_cut_last_sentence_stays_text_and_is_flagged() -> None:
    # short and unpunctuated like a link to another story, but written as a running sentence
    text = (_OPENING + "Police stopped the skipper at the pier a few minutes after the ferry docked.\n"
            "He has been charged with reckless navigation, endangering pass\n"
            "Share this article\n" + _NEXT)
    cleaning = Cleaner()(Page("cut.txt", text))
    assert "He has been charged" not in "".join(text[s.start:s.end] for s in cleaning.removed)
    assert spans_of(text, cleaning.flags, "truncated_end") == ["pass"]


_STANDFIRST = "Islanders brace for a winter without the ferries, and the council for the bill"


def test_a_title_set_off_from_the_paragraphs_is_no_cut() -> None:
    text = _OPENING + "Share this article\n\n" + _STANDFIRST + "\n\n" + _NEXT
    cleaning = Cleaner()(Page("title.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == []


def test_the_same_line_right_under_a_paragraph_ends_its_story_cut() -> None:
    text = _OPENING + _STANDFIRST + "\n\nShare this article\n\n" + _NEXT
    cleaning = Cleaner()(Page("title.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == ["bill"]


def test_a_paragraph_opening_on_half_a_compound_lost_its_start() -> None:
    text = _OPENING + "-magnitude tremor shook the northern islands early on Sunday, the coastguard said.\n"
    cleaning = Cleaner()(Page("compound.txt", text))
    starts = spans_of(text, cleaning.flags, "truncated_start")
    assert len(starts) == 1 and starts[0].startswith("-magnitude tremor")
    # a list's dash stands apart from its item
    listed = _OPENING + "- tremor shook the northern islands early on Sunday, the coastguard said.\n"
    assert spans_of(listed, Cleaner()(Page("list.txt", listed)).flags, "truncated_start") == []


def test_a_lone_lower_case_token_is_no_cut_sentence() -> None:
    text = _OPENING + "javascript:void(0)\n\n" + _NEXT
    cleaning = Cleaner()(Page("residue.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_start") == []
