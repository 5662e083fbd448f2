"""Origin cues whose outlet slot is open: outlets no list knows, in the shapes listed outlets use."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.origin import (
    TRAILING_COPYRIGHT_WEIGHT,
    below_own_cues,
    decide_origin,
    english_word,
    find_evidence,
    match_dateline,
    open_outlet,
    same_outlet_names,
)
from newsdesk.model import Evidence

MAY = dt.date(2023, 5, 14)


@pytest.mark.parametrize("sentence, outlet", [
    ("Quillwick could not independently verify the reports.", "Quillwick"),
    ("Quillwick was unable to independently confirm the details.", "Quillwick"),
    ("XKW has reached out to the ministry for comment.", "XKW"),
    ("The Tarnby Press has contacted the authorities for comment.", "Tarnby Press"),
    ("A spokesperson declined to comment when contacted by brellow.", "brellow"),
    ("Officials contacted by XKW declined to comment further.", "XKW"),
    ("Officials did not respond to messages from The Tarnby Press seeking comment.", "Tarnby Press"),
    ("Nobody responded to a request for comment from Quillwick News.", "Quillwick News"),
    ("The XKW understands the matter is under review.", "XKW"),
    ("A Quillwick witness saw smoke over the port.", "Quillwick"),
    # the name is found however many capitalised words stand before it
    ("On Monday Quillwick could not independently verify the figures.", "Quillwick"),
])
def test_an_unlisted_outlet_speaking_of_itself_is_evidence(sentence: str, outlet: str) -> None:
    found = [e for e in find_evidence(sentence, 10) if e.kind == "self_reference"]
    assert [e.agency for e in found] == [outlet]
    assert found[0].weight == 2.0 and found[0].start >= 10
    assert decide_origin(found)[0] == outlet


@pytest.mark.parametrize("sentence", [
    "Police could not independently verify the claims.",             # a word of the language
    "The Pentagon could not independently verify the figures.",
    "Officials could not independently verify the video.",
    "Human Rights said. Jane Tarrow spoke. Tarrow could not independently verify it.",  # a person's surname
    "Mr Tarrow told us. Tarrow could not independently verify the figures.",
    "Tarrow could not immediately say when the vote would be held.",   # not a newsroom's shape
    "Berlin could not independently verify the claims.",             # a place
    "The Harbour Committee has contacted the ministry about the plan.",  # no "for comment"
])
def test_names_that_are_no_outlet_are_not_taken(sentence: str) -> None:
    assert [e for e in find_evidence(sentence, 0) if e.kind == "self_reference"] == []


def test_an_interview_names_an_unlisted_outlet_only_when_written_as_initials() -> None:
    assert [(e.kind, e.agency) for e in find_evidence("The minister told XKW on Monday that", 0)] == [
        ("interview", "XKW")]
    # "told Tarrow" is said of people: no evidence
    assert find_evidence("The minister told Tarrow on Monday that", 0) == []


def test_open_outlet_classes() -> None:
    assert open_outlet("The Tarnby Press", "") == "Tarnby Press"
    assert open_outlet("Reuters", "") == "Reuters"          # a listed outlet as the list names it
    assert open_outlet("Tarnby Committee", "") is None      # two words not named like an outlet
    assert open_outlet("Shutterstock", "") is None          # a picture agency
    assert english_word("pictured") and english_word("officials") and not english_word("Quillwick")


@pytest.mark.parametrize("opening, agency", [
    ("(Quillwick) — Officials said on Monday", "Quillwick"),
    ("ATHENS (Quillwick) - The government said", "Quillwick"),
    ("Athens (brellow) - The government said", "brellow"),
    ("(XKW) Officials said on Monday", "XKW"),
])
def test_an_open_dateline_tag_names_its_outlet_when_nothing_else_does(opening: str, agency: str) -> None:
    found = match_dateline(opening, 0, MAY)
    assert found is not None and found.evidence is not None
    assert found.dateline.agency == agency
    assert found.evidence.weight < 1.0  # below every strong cue: it never forces a cut between outlets
    assert decide_origin([found.evidence])[0] == agency
    # another outlet's interview in the story: the tag may be an outlet the story passes on
    told = Evidence(200, 210, "interview", "CNN", 0.75)
    assert decide_origin([found.evidence, told])[0] is None
    # two hints naming two outlets: no origin
    other = Evidence(300, 310, "dateline", "Tarnby", 0.9)
    assert decide_origin([found.evidence, other])[0] is None


@pytest.mark.parametrize("opening", [
    "(UPDATE) Officials said on Monday",   # a word in capitals
    "(RPT) Officials said on Monday",      # a wire's flag
    "(Police) - The crowd dispersed",      # a word of the language
    "(pictured) - The mayor said",
    "Harbourville (Quillwick) - The council voted",  # a place no gazetteer knows
])
def test_bracketed_tags_that_are_no_outlet(opening: str) -> None:
    found = match_dateline(opening, 0, MAY)
    assert found is None or found.dateline.agency is None


def test_one_brand_with_and_without_its_head_word_is_one_outlet() -> None:
    evidence = [Evidence(0, 5, "self_reference", "Quillwick News", 2.0),
                Evidence(50, 55, "self_reference", "Quillwick", 2.0)]
    assert {e.agency for e in same_outlet_names(evidence)} == {"Quillwick News"}
    assert decide_origin(evidence)[0] == "Quillwick News"
    # two brands are two outlets, and two strong cues for them leave the origin open
    two = [Evidence(0, 5, "self_reference", "Quillwick News", 2.0), Evidence(50, 55, "self_reference", "Tarnby", 2.0)]
    assert decide_origin(two)[0] is None


def test_a_sites_copyright_repeated_below_a_storys_own_credit_is_a_hint() -> None:
    why = "a credit line (copyright) naming the story above it"
    own = Evidence(100, 120, "credit", "Tarnby Times", 5.0, "a credit line (courtesy) naming the story above it")
    footers = [Evidence(300, 304, "credit", "KXQT", 5.0, why), Evidence(400, 404, "credit", "KXQT", 5.0, why)]
    weighed = below_own_cues([own, *footers])
    assert [e.weight for e in weighed if e.agency == "KXQT"] == [TRAILING_COPYRIGHT_WEIGHT] * 2
    assert decide_origin([own, *footers])[0] == "Tarnby Times"
    # signed by a byline too, the outlet's copyright lines are the story's own
    signed = Evidence(200, 210, "byline", "KXQT", 4.0, "a credit line (byline) naming the story below it")
    assert [e.weight for e in below_own_cues([own, signed, *footers]) if e.kind == "credit"] == [5.0, 5.0, 5.0]
    assert decide_origin([own, signed, *footers])[0] == "KXQT"


def test_listed_outlets_sharing_words_stay_apart() -> None:
    told = [Evidence(0, 5, "interview", "New York Times", 0.75), Evidence(50, 55, "interview", "New York Post", 0.75),
            Evidence(90, 95, "interview", "New York Daily News", 0.75)]
    assert {e.agency for e in same_outlet_names(told)} == {"New York Times", "New York Post", "New York Daily News"}
    assert decide_origin(told)[0] is None


def test_interviews_with_unlisted_initials_only_support() -> None:
    # "an interview with NYPD" twice: initials in that slot may be a police force's, so alone they name nothing
    text = "He said in an interview with XKPD on Monday. She told XKPD later that the road was shut."
    found = find_evidence(text, 0)
    assert [e.agency for e in found] == ["XKPD", "XKPD"]
    assert decide_origin(found)[0] is None
    # with the outlet's own dateline tag they name it
    tag = Evidence(0, 6, "dateline", "XKPD", 0.9)
    assert decide_origin([tag, *found])[0] == "XKPD"


@pytest.mark.parametrize("sentence", [
    "Requests for comment from Tarrow's office went unanswered.",
    "She did not answer a request for comment from Tarrow about the vote.",
])
def test_a_request_for_comment_from_a_person_is_no_self_reference(sentence: str) -> None:
    assert [e for e in find_evidence(sentence, 0) if e.kind == "self_reference"] == []
