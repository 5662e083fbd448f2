"""Origin cues and datelines on hand-written sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.analysis.origin import (
    TRAILING_COPYRIGHT_WEIGHT,
    below_own_cues,
    decide_origin,
    find_evidence,
    match_dateline,
    resolve_month_day,
)
from newsdesk.model import Evidence
from newsdesk.text.credit import find_credit

MAY = dt.date(2023, 5, 14)


@pytest.mark.parametrize("opening, place, date, agency", [
    ("LISBON, May 12 (Reuters) - Portugal's parliament voted", "Lisbon", "2023-05-12", "Reuters"),
    ("WASHINGTON (AP) — The Senate passed", "Washington", None, "AP"),
    ("PARIS (AFP) - French farmers blocked", "Paris", None, "AFP"),
    ("BERLIN, Jan. 5 (dpa) – Rail workers", "Berlin", "2023-01-05", "dpa"),
    ("Nairobi, Kenya (CNN) — Floods have", "Nairobi", None, "CNN"),
    ("(Reuters) - Shares in the miner fell", None, None, "Reuters"),
    ("SAO PAULO, Brazil — The central bank", "Sao Paulo", None, None),
    ("NEW YORK, Dec 30 (Reuters) - Oil prices", "New York", "2022-12-30", "Reuters"),
    # Other agencies' house forms: a bracketed country and a colon, an agency between slashes.
    ("Lisbon [Portugal], May 12 (ANI): Portugal's parliament voted", "Lisbon", "2023-05-12", "ANI"),
    ("LISBON, May 12. /TASS/. Portugal's parliament voted", "Lisbon", "2023-05-12", "TASS"),
    # A newspaper's colon dateline: a place the gazetteer knows.
    ("NEW DELHI: The government announced", "New Delhi", None, None),
])
def test_datelines(opening: str, place: str | None, date: str | None, agency: str | None) -> None:
    reference = dt.date(2023, 1, 10) if "Dec 30" in opening or "Jan." in opening else MAY
    found = match_dateline(opening, 100, reference)
    assert found is not None
    assert (found.dateline.place, found.dateline.date, found.dateline.agency) == (place, date, agency)
    assert found.dateline.start == 100
    assert (found.evidence is not None) == (agency is not None)


@pytest.mark.parametrize("opening", [
    "The Senate passed the bill (AP reported) on Monday.",
    "Officials said on Monday that the talks would resume.",
    "I — for one — disagree.",
    "UPDATE: The bridge reopened on Monday.",   # a label, not a place
    "BREAKING: Shots fired near the station",
])
def test_not_datelines(opening: str) -> None:
    assert match_dateline(opening, 0, MAY) is None


def test_month_day_without_a_year_says_so() -> None:
    assert resolve_month_day("May 12", None) == "XXXX-05-12"
    assert resolve_month_day("Feb 30", MAY) is None


def test_self_references_count_citations_are_listed_but_weak() -> None:
    text = ("The farmer told the BBC he had lost his herd. The BBC understands talks are planned. "
            "According to Reuters, prices rose. AFP reported that roads were closed.")
    found = find_evidence(text, 0)
    assert [(e.kind, e.agency, text[e.start:e.end]) for e in found] == [
        ("interview", "BBC", "told the BBC"), ("self_reference", "BBC", "BBC understands"),
        ("citation", "Reuters", "According to Reuters"), ("citation", "AFP", "AFP reported")]
    assert all(e.why for e in found)
    assert decide_origin(found)[0] == "BBC"


def test_a_lone_citation_or_interview_never_names_the_origin() -> None:
    for text in ("The mayor told NBC News the roads were shut.",
                 "In an interview with the BBC, the minister said talks would resume.",
                 "According to Reuters, the talks collapsed. Reuters reported that two ministers resigned.",
                 "The figures, first reported by Bloomberg, were confirmed on Monday."):
        found = find_evidence(text, 0)
        assert found, text
        origin, weighed = decide_origin(found)
        assert origin is None and weighed == found, text


def test_several_kinds_of_cue_together_can_name_the_origin() -> None:
    text = "The officer told CNN he had seen the convoy. CNN is not naming the officer for his safety."
    origin, support = decide_origin(find_evidence(text, 0))
    assert origin == "CNN" and {e.kind for e in support} == {"interview", "self_reference"}


def test_a_credit_line_outweighs_another_outlets_relayed_phrases() -> None:
    relayed = [Evidence(0, 8, "self_reference", "Reuters", 2.0), Evidence(50, 58, "self_reference", "Reuters", 2.0),
               Evidence(90, 98, "interview", "Reuters", 0.75)]
    credit = Evidence(200, 212, "credit", "The Guardian", 6.0, "a credit line")
    origin, support = decide_origin([*relayed, credit])
    assert origin == "The Guardian" and support == [credit]
    two_credits = [credit, Evidence(300, 310, "credit", "Harbour Gazette", 6.0)]
    assert decide_origin(two_credits)[0] is None


def test_weak_cues_alone_name_no_origin() -> None:
    weak = [Evidence(0, 9, "house_spelling", "Reuters", 0.5) for _ in range(5)]
    assert decide_origin(weak)[0] is None
    both = [*weak, Evidence(20, 29, "link_residue", "Reuters", 0.5), Evidence(40, 49, "link_residue", "Reuters", 0.5)]
    assert decide_origin(both)[0] == "Reuters"


def test_conflicting_strong_cues_name_no_origin() -> None:
    cues = [Evidence(0, 8, "self_reference", "CNN", 2.0), Evidence(50, 60, "self_reference", "AP", 2.0)]
    assert decide_origin(cues)[0] is None
    cues.append(Evidence(80, 90, "dateline", "AP", 3.0))
    origin, support = decide_origin(cues)
    assert origin == "AP" and {e.agency for e in support} == {"AP"}


def test_a_domain_and_the_outlet_it_spells_are_one_origin() -> None:
    byline = Evidence(0, 30, "byline", "Quayside Journal", 4.0)
    via = Evidence(900, 920, "credit", "quaysidejournal.com", 4.0)
    origin, support = decide_origin([byline, via])
    assert origin == "Quayside Journal" and len(support) == 2
    # The words that say only what kind of outlet it is may be left out of the domain ("sky.com" for
    # "Sky News"), and a hosting platform's subdomain is the site's own name.
    for name, domain in (("Quayside News", "quayside.com"), ("Lantern Row Blog", "lanternrow.blogspot.com"),
                         ("Quayside Journal", "www.quaysidejournal.co.uk")):
        origin, support = decide_origin([Evidence(0, 30, "byline", name, 4.0),
                                         Evidence(900, 920, "credit", domain, 4.0)])
        assert origin == name and len(support) == 2, (name, domain)
    # A name in capitals on one line is the same outlet as in ordinary case on another.
    origin, support = decide_origin([Evidence(0, 30, "byline", "Quayside Post", 4.0),
                                     Evidence(900, 920, "credit", "QUAYSIDE POST", 5.0)])
    assert origin == "Quayside Post" and len(support) == 2
    # "news.com" spells no outlet of its own: "Quayside News" and it stay two.
    assert decide_origin([Evidence(0, 30, "byline", "Quayside News", 4.0),
                          Evidence(900, 920, "credit", "news.com", 4.0)])[0] is None
    # Two outlets the domain does not spell stay two, and the origin is left open.
    other = Evidence(900, 920, "credit", "harbourpost.com", 4.0)
    assert decide_origin([byline, other])[0] is None


@pytest.mark.parametrize("opening, place, agency", [
    # An outlet in no list, in a dateline's shape: a place the gazetteer knows, a name headed like an
    # outlet's, a dash.
    ("Mannheim, Germany (Quayside Sports Network) - The champion retained", "Mannheim", "Quayside Sports Network"),
    ("Toledo, Ohio (Lakeshore Herald) — The council voted", "Toledo", "Lakeshore Herald"),
    # press-release wires' forms: a dash before the bracketed name, or one word between slashes after a full date
    ("SPRINGFIELD--(HARBOUR WIRE)--Quayside Corp. said on Monday", "Springfield", "HARBOUR WIRE"),
    ("AUSTIN, Texas--(HARBOUR WIRE)--Quayside Corp. said", "Austin", "HARBOUR WIRE"),
])
def test_a_dateline_may_name_an_outlet_no_list_knows_as_a_hint(opening: str, place: str, agency: str) -> None:
    found = match_dateline(opening, 0, MAY)
    assert found is not None and found.evidence is not None
    assert (found.dateline.place, found.dateline.agency) == (place, agency)
    # Below every strong cue: alone it names its outlet, but it does not silence the text's own cues,
    # and beside another outlet's interview it names no one.
    assert found.evidence.weight < 1.0
    assert decide_origin([found.evidence])[0] == agency
    own = [Evidence(200, 220, "self_reference", "CNN", 2.0)]
    assert decide_origin([found.evidence, *own])[0] == "CNN"
    told = [Evidence(200, 220, "interview", "CNN", 0.75)]
    assert decide_origin([found.evidence, *told])[0] is None
    cited = [Evidence(200, 220, "citation", "CNN", 0.25)]
    assert decide_origin([found.evidence, *cited])[0] == agency


@pytest.mark.parametrize("opening", [
    "Jane Doe (Labour Party) - said the vote was lost.",      # no place, no outlet's name
    "Berlin (Free University) - Students marched",           # a place, but a university is no outlet
    "Mannheim (Quayside Sports Network) said on Monday",     # no dash: a sentence, not a dateline
    "Harbourville (Quayside Herald) - The council voted",    # a place no gazetteer knows
    "DENVER, May 2 /HarbourWire/ -- Quayside Corp. said",    # slashes without a full date
    "SPRINGFIELD--(Free University)--Students marched",     # no outlet's name
])
def test_lines_shaped_like_an_unlisted_dateline_that_are_not(opening: str) -> None:
    found = match_dateline(opening, 0, MAY)
    assert found is None or found.dateline.agency is None


@pytest.mark.parametrize("opening, place, agency", [
    # The whole wire form (a place, a day, a bracketed name, a dash) says the slot is the outlet's, whatever
    # its name: a one-word name no list knows, a name in capitals, a wire between slashes after a full date.
    ("LISBON, May 12 (Quillwick) -- Portugal's parliament voted", "Lisbon", "Quillwick"),
    ("SEOUL, April 2 (Marrowby News) -- The central bank held", "Seoul", "Marrowby News"),
    ("DENVER, May 2, 2022 /HarbourWire/ -- Quayside Corp. said", "Denver", "HarbourWire"),
])
def test_a_dated_wire_dateline_names_an_outlet_no_list_knows(opening: str, place: str, agency: str) -> None:
    found = match_dateline(opening, 0, MAY)
    assert found is not None and found.evidence is not None
    assert (found.dateline.place, found.dateline.agency) == (place, agency)
    assert found.evidence.weight == 3.0
    assert decide_origin([found.evidence])[0] == agency


@pytest.mark.parametrize("opening", [
    "LISBON, May 12 (Getty Images) -- Portugal's parliament voted",  # a picture agency, not a source
    "LISBON, May 12 (pictured) -- Portugal's parliament voted",      # no name
    "LISBON, May 12 (Porto) -- Portugal's parliament voted",         # a place
])
def test_a_dated_dateline_slot_must_hold_a_name(opening: str) -> None:
    found = match_dateline(opening, 0, MAY)
    assert found is None or found.dateline.agency is None


def test_a_copyright_line_below_the_storys_own_cues_is_a_hint() -> None:
    credit = find_credit("© 2022 Harbour Portal. All rights reserved.", 900)
    assert credit is not None and credit.family == "copyright"
    why = credit.why  # what the splitter gives the evidence of a credit line
    dateline = Evidence(0, 30, "dateline", "Quillwick", 3.0)
    footer = Evidence(900, 940, "credit", "Harbour Portal", 5.0, why)
    owner = Evidence(950, 990, "credit", "Harbour Media Group", 5.0, why)
    origin, support = decide_origin([dateline, footer, owner])
    assert origin == "Quillwick" and support == [dateline]
    weighed = below_own_cues([dateline, footer, owner])
    assert [e.weight for e in weighed] == [3.0, TRAILING_COPYRIGHT_WEIGHT, TRAILING_COPYRIGHT_WEIGHT]
    # The story's own credit line above the site's copyright: the same.
    own = Evidence(500, 540, "credit", "Lakeshore Herald", 5.0, why)
    assert decide_origin([own, footer])[0] == "Lakeshore Herald"
    # Alone, a copyright line is the story's credit; above the other cue, or naming an outlet the
    # story names again, it is not moved down; and a credit line of another kind still conflicts.
    assert decide_origin([footer])[0] == "Harbour Portal"
    assert decide_origin([Evidence(0, 30, "credit", "Harbour Portal", 5.0, why),
                          Evidence(900, 930, "byline", "Quillwick", 4.0)])[0] is None
    cited = Evidence(300, 320, "self_reference", "Harbour Portal", 2.0)
    assert decide_origin([dateline, cited, footer])[0] is None
    via = Evidence(900, 940, "credit", "Harbour Portal", 5.0, "a credit line (via) naming the story above it")
    assert decide_origin([dateline, via])[0] is None
