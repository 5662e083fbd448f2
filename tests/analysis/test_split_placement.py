"""Where a cut between two outlets goes, and which cues may cut inside a credited story
(`newsdesk.analysis.split`); invented text."""

from __future__ import annotations

import datetime as dt

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.segment import TopicSegmenter
from newsdesk.analysis.split import SplitConfig, Splitter
from newsdesk.analysis.split_continuity import lower_case_words, proper_names, reintroduced_names
from newsdesk.analysis.split_credits import SplitUnit
from newsdesk.model import Page
from tests.analysis.split_units import FERRY

FIRE = ["Fire chief Mara Quill said the blaze at the old rope mill in Tarnby started shortly after midnight and "
        "spread quickly through the wooden roof of the building.",
        "Quill said crews poured water on the walls for six hours while the listed building burned, and that "
        "nobody had been inside when the roof fell in."]
PARKING = ["The town council voted on Tuesday to double parking fees in the centre, a decision shopkeepers said "
           "would drive their customers to the retail park outside town.",
           "Shop owners on the high street said the charges would hurt trade and asked councillors to think again "
           "before the new fees start in the spring."]


def _units(paragraphs: list[str]) -> list[SplitUnit]:
    out, at = [], 0
    for text in paragraphs:
        out.append(SplitUnit(at, at + len(text), text, "body"))
        at += len(text) + 2
    return out


def test_a_cut_between_two_outlets_is_not_placed_before_a_paragraph_going_on_about_someone_named_above() -> None:
    units = _units([*FIRE, *PARKING])
    body = "\n".join(FIRE + PARKING)
    lower = lower_case_words(body)
    names = (proper_names(body, lower), lower)
    # the soft cues ask a little more for the gap before "Quill said …" than before the parking report
    soft = [0.0, 1.6, 1.0, 0.0]
    unweighed = Splitter(TopicSegmenter(), SplitConfig(carried_name_weight=0.0))
    assert unweighed._best_gap(units, 0, 3, soft, names) == 1
    assert Splitter(TopicSegmenter())._best_gap(units, 0, 3, soft, names) == 2


def test_a_name_of_three_letters_is_read_where_it_is_asked_for_by_length() -> None:
    text = "The council said Ann Lee would chair the inquiry.\nThe report was written by Lee and two others."
    lower = lower_case_words(text)
    assert "Lee" not in proper_names(text, lower)
    short = proper_names(text, lower, shortest=3)
    assert "Lee" in short
    assert reintroduced_names("Lee said the inquiry would sit in June.", "Ann Lee will chair it, the council said.",
                              short, lower) == {"Lee"}


CUT_OFF = ["would add two crossings on Sundays when the summer timetable begins, a spokeswoman for the ferry operator "
           "said, and fares on the island buses would be frozen for a year.",
           "The operator said the extra Sunday crossings had been asked for by traders on the islands, who lose "
           "visitors when the last boat leaves early in the afternoon."]


def test_a_paragraph_cut_off_at_its_start_opens_a_story_inside_a_span_a_credit_line_closes() -> None:
    # the credit line closes the text above it, which a stitched page cut into at "would add two …"
    text = "\n\n".join([*FERRY, *CUT_OFF, "Clipped from Quayside Journal, May 3, 2022.", *PARKING]) + "\n"
    page = Page("ferry.txt", text, reference_date=dt.date(2022, 5, 4))
    cleaning = Cleaner()(page)
    assert any(f.kind == "truncated_start" and f.start == text.index("would add two") for f in cleaning.flags)
    stories = Splitter(TopicSegmenter())(page, cleaning)
    assert [s.start for s in stories][1:] == [text.index("would add two"), text.index("The town council")]
    assert [s.boundary for s in stories][1:] == [("truncation",), ("credit",)]


# -- a report's headline between two reports of one event ---------------------------------------------------
RAFINA = ["Firefighters battled a wildfire on the slopes above the port town of Rafina for a third day on Wednesday "
          "as strong winds pushed the flames towards houses, the fire service said.",
          "More than 300 firefighters, backed by nine water-dropping aircraft, were deployed overnight, and residents "
          "of two villages were told by text message to leave their homes."]
CORINTH = ["A second wildfire broke out on Wednesday afternoon in the hills above Corinth, where firefighters and "
           "volunteers fought the flames with water-dropping aircraft as winds pushed them towards houses.",
           "Residents of three villages near Corinth were told to leave their homes, the fire service said, as the "
           "wildfire spread through pine forest."]


def _starts(paragraphs: list[str], config: SplitConfig | None = None) -> list[str]:
    text = "\n\n".join(paragraphs) + "\n"
    page = Page("fires.txt", text, reference_date=dt.date(2023, 8, 13))
    return [text[s.start:s.start + 20] for s in Splitter(TopicSegmenter(), config)(page, Cleaner()(page))]


def test_a_headline_its_first_paragraph_takes_up_opens_a_second_report_of_one_event() -> None:
    # two reports of one fire share their words: the topic model sees one story, the headline over the second
    # ("… hills above Corinth" taken up by "… in the hills above Corinth") says where it starts
    pages = [*RAFINA, "Blaze spreads to hills above Corinth", *CORINTH]
    assert _starts(pages) == ["Firefighters battled", "Blaze spreads to hil"]
    assert _starts(pages, SplitConfig(headline_weight=0.0)) == ["Firefighters battled"]


def test_a_section_heading_is_no_headline() -> None:
    splitter = Splitter(TopicSegmenter())
    # one that goes on from the text above it (it names the villages the paragraph above named) ...
    units = _units([*RAFINA, "Villages near Corinth told to leave homes", *CORINTH])
    units[2].role = "structure:subheading"
    assert not splitter._echoed_heading(units, 2)
    # ... one opened by a pronoun or preposition, one that is a sentence, one too short to name anything
    for heading in ("It spread to the hills above Corinth", "Fire spreads to the hills above Corinth. Homes lost.",
                    "Corinth hills"):
        units = _units([*RAFINA, heading, *CORINTH])
        units[2].role = "structure:subheading"
        assert not splitter._echoed_heading(units, 2), heading
    units = _units([*RAFINA, "Blaze spreads to hills above Corinth", *CORINTH])
    units[2].role = "structure:subheading"
    assert splitter._echoed_heading(units, 2)


def test_a_cut_between_two_outlets_goes_at_a_heading_in_the_span() -> None:
    units = _units([*FIRE, "Council doubles parking fees", *PARKING])
    units[2].role = "structure:subheading"
    # the soft cues ask a little more for the gap after the heading; the heading is where one report ends
    soft = [0.0, 0.0, 0.1, 0.3, 0.0]
    assert Splitter(TopicSegmenter())._best_gap(units, 0, 4, soft) == 2
    assert Splitter(TopicSegmenter(), SplitConfig(heading_placement_weight=0.0))._best_gap(units, 0, 4, soft) == 3
