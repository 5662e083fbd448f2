"""Who copied whom from weighed evidence (issue 23), one clue class at a time, on invented pages: dates with
their reliability, the compilation rule, credits and the outlet's own site, the text (a cut copy, a line
added inside the copy, a shorter copy), the site's habits, and the weighing itself."""

from __future__ import annotations

import datetime as dt

from newsdesk.cli.links import passage_reason
from newsdesk.corpus.reuse.align import Passage, align
from newsdesk.corpus.reuse.direction import DECIDE, Side, direction, site_outlet
from newsdesk.store import ReusePassage

P1 = ("The harbour authority said on Tuesday that the new container terminal at Port Selwyn would open in "
      "September, two years later than planned, after storms damaged the breakwater during construction.")
P2 = ("Engineers found that the concrete blocks protecting the quay had shifted by up to four metres, and the "
      "contractor agreed to rebuild a third of the structure at its own expense, the authority said.")
P3 = ("Shipping lines that had booked berths for the spring have been offered space at the old terminal, where "
      "cranes will work extra shifts through the summer to keep up with demand from the region's exporters.")
P4 = ("Local businesses said the delay would cost them millions in lost trade, and the chamber of commerce asked "
      "the regional government to compensate firms that had hired staff in expectation of the opening.")
ARTICLE = "Port Selwyn terminal delayed again\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n"
OTHER_STORY = ("The city's orchestra will tour four countries next spring, its director said, with concerts in halls "
               "that have not hosted a visiting ensemble since before the pandemic and a new work by a local composer.")


def one(a: str, b: str) -> Passage:
    passages = align(a, b)
    assert len(passages) == 1, passages
    return passages[0]


def rules(verdict: object) -> set[tuple[str, str]]:
    return {(c.rule, c.source) for c in verdict.evidence}  # type: ignore[attr-defined]


# -- dates and their reliability -------------------------------------------------------------------------

def test_a_page_date_decides_a_crawl_date_alone_does_not() -> None:
    copy = "World | Latest\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n\nShare this article\n"
    p = one(copy, ARTICLE)
    own = direction(Side(copy, date=dt.date(2022, 5, 18), date_kind="page"),
                    Side(ARTICLE, date=dt.date(2022, 5, 15), date_kind="page"), p)
    assert own.verdict == "a_copied_b" and ("date", "b") in rules(own)
    assert "2022-05-15" in next(c.detail for c in own.evidence if c.rule == "date")
    crawled = direction(Side(copy, date=dt.date(2022, 5, 18), date_kind="crawl"),
                        Side(ARTICLE, date=dt.date(2022, 5, 15), date_kind="page"), p)
    assert crawled.verdict == "unknown"  # a crawl date says when a robot came, not when the text was written
    assert next(c.weight for c in crawled.evidence if c.rule == "date") < DECIDE


# -- the compilation rule ----------------------------------------------------------------------------------

def test_a_compilation_of_several_sources_is_the_copier() -> None:
    copy = "Top stories\n\n" + OTHER_STORY + "\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n"
    p = one(copy, ARTICLE)
    verdict = direction(Side(copy, sources=2), Side(ARTICLE), p)
    assert verdict.verdict == "a_copied_b"
    clue = next(c for c in verdict.evidence if c.rule == "compilation")
    assert clue.source == "b" and clue.about == "copy" and "compilation of 3 sources" in clue.detail
    # both sides compilations: the rule says nothing
    assert not any(c.rule == "compilation" for c in direction(Side(copy, sources=1), Side(ARTICLE, sources=1),
                                                              p).evidence)


# -- credits and the outlet's own site ---------------------------------------------------------------------

def test_a_credited_copy_on_another_site_points_to_the_uncredited_original() -> None:
    """A farm put "(Reuters)" on the copy; the outlet's article carries none: the dateline on a site that is
    not the agency's does not make the farm the source, the outlet's own site counts for the original."""
    copy = "LONDON (Reuters) - " + "\n\n".join([P1, P2, P3, P4]) + "\n"
    p = one(copy, ARTICLE)
    verdict = direction(Side(copy, site="dailybuzz.example"), Side(ARTICLE, site="theguardian.com"), p)
    assert verdict.verdict == "a_copied_b"
    assert ("origin", "b") in rules(verdict) and ("site", "b") in rules(verdict)
    assert site_outlet("theguardian.com") == "The Guardian" and site_outlet("dailybuzz.example") is None


def test_the_agencys_own_page_is_the_source() -> None:
    wire = "LONDON (Reuters) - " + "\n\n".join([P1, P2, P3, P4]) + "\n"
    copy = "Business | Latest\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n\nLeave a comment\n"
    p = one(copy, wire)
    verdict = direction(Side(copy, site="dailybuzz.example"), Side(wire, site="reuters.com"), p)
    assert verdict.verdict == "a_copied_b"
    clue = next(c for c in verdict.evidence if c.rule == "origin")
    assert clue.source == "b" and "Reuters's own site" in clue.detail and clue.weight >= 3


# -- the text itself ---------------------------------------------------------------------------------------

def test_a_teaser_line_inside_the_copied_span_marks_the_copy() -> None:
    copy = "\n\n".join([P1, P2, "Read more: Ten best beaches of the coast", P3, P4]) + "\n"
    p = one(copy, ARTICLE)
    verdict = direction(Side(copy), Side(ARTICLE), p)
    assert verdict.verdict == "a_copied_b"
    assert ("furniture", "b") in rules(verdict)


def test_a_shorter_copy_of_a_longer_original_is_the_copy() -> None:
    copy = "Latest news\n\n" + "\n\n".join([P1, P2]) + "\n\nShare this article\nLeave a comment\n"
    p = one(copy, ARTICLE)
    verdict = direction(Side(copy), Side(ARTICLE), p)
    assert ("shorter", "b") in rules(verdict)
    # alone it is weak evidence: a cut copy (mid-sentence) tips it
    assert verdict.verdict == "unknown"
    cut = "Latest news\n\n" + "\n\n".join([P1, P2[:P2.index("at its own")]])
    verdict = direction(Side(cut), Side(ARTICLE), one(cut, ARTICLE))
    assert verdict.verdict == "a_copied_b" and {("truncation", "b"), ("shorter", "b")} <= rules(verdict)


# -- the site ----------------------------------------------------------------------------------------------

def test_a_site_that_republishes_many_outlets_is_the_copier() -> None:
    copy = "World\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n"
    p = one(copy, ARTICLE)
    verdict = direction(Side(copy, site="globedesk.example", republisher=True),
                        Side(ARTICLE, site="theguardian.com"), p)
    assert verdict.verdict == "a_copied_b"
    assert {("site", "b")} <= rules(verdict)


# -- weighing ----------------------------------------------------------------------------------------------

def test_strong_evidence_both_ways_gives_unknown_and_every_clue_is_kept() -> None:
    """The agency's own page dated after the copy: both strong, neither wins."""
    wire = "LONDON (Reuters) - " + "\n\n".join([P1, P2, P3, P4]) + "\n"
    copy = "Business\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n"
    p = one(copy, wire)
    verdict = direction(Side(copy, date=dt.date(2022, 5, 12), date_kind="page", site="dailybuzz.example"),
                        Side(wire, date=dt.date(2022, 5, 15), date_kind="page", site="reuters.com"), p)
    assert verdict.verdict == "unknown" and {("date", "a"), ("origin", "b")} <= rules(verdict)


def test_a_second_hand_copy_points_to_the_copy_it_came_through() -> None:
    copy = "World\n\n" + "\n\n".join([P1, P2, P3, P4]) + "\n"
    again = "News | GlobeDesk\n\n" + copy
    verdict = direction(Side(again, came_through="carries the other copy's changes"), Side(copy), one(again, copy))
    assert verdict.verdict == "a_copied_b" and ("chain", "b") in rules(verdict)


def test_the_reuse_command_says_the_strongest_clues_in_words() -> None:
    clues = ({"rule": "compilation", "source": "other", "detail": "is a compilation of 3 sources", "weight": "3",
              "about": "copy"},
             {"rule": "date", "source": "other", "detail": "is dated 2022-05-15 (its own date), 3 days before the "
                                                           "other", "weight": "3", "about": "source"})
    p = ReusePassage("a", 0, 10, "x", "b", "", "2022-05-15", (), None, 0, 10, "copied_from", 1.0, clues, 1)
    said = passage_reason(p)
    assert said.startswith("this page copied it: ")
    assert "this page is a compilation of 3 sources" in said and "the other page is dated 2022-05-15" in said
