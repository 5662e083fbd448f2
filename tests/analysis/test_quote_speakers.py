"""Speakers an analyst can trust: described speakers and their organisation, pronouns resolved to the nearest
compatible person (or to no one when that is not clear), and no dateline inside a quote. Invented text."""

from __future__ import annotations

import pytest

from newsdesk.analysis.quotes.finder import QuoteFinder, attribute
from newsdesk.model import Entity, Quote
from tests.quoting import cut, find, quote_finder


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return quote_finder()


@pytest.mark.parametrize("text, speaker, organisation", [
    ("The plant in Lindholm will close in March, an EDS spokesman said on Tuesday.", "an EDS spokesman", "EDS"),
    ("“We have no comment on the tender,” a spokeswoman for the ministry said.",
     "a spokeswoman for the ministry", "the ministry"),
    ("“Fares will rise in the spring,” the railway’s spokesman told reporters.", "the railway’s spokesman",
     "the railway"),
    ("A senior official said the harbour talks had stalled.", "A senior official", None),
])
def test_a_description_is_the_speaker_with_its_organisation_apart(finder: QuoteFinder, text: str, speaker: str,
                                                                 organisation: str | None) -> None:
    quotes = find(finder, text)
    assert len(quotes) == 1
    assert cut(text, quotes[0].speaker_span) == speaker
    assert cut(text, quotes[0].organisation) == organisation


def test_the_organisation_alone_is_never_the_speaker(finder: QuoteFinder) -> None:
    text = "The plant in Lindholm will close in March, an EDS spokesman said on Tuesday."
    quotes = find(finder, text)
    at = text.index("EDS")
    eds = Entity("e1", "EDS", "ORG", ((at, at + 3),))
    named = attribute(quotes, text, [eds])
    assert [q.speaker for q in named] == [None]
    assert named[0].to_json(text)["speaker_text"] == "an EDS spokesman"
    assert named[0].to_json(text)["organisation_text"] == "EDS"


def test_she_goes_to_the_nearest_woman_not_the_nearest_person(finder: QuoteFinder) -> None:
    text = ("Mayor Anna Berg said on Monday that she would reopen the bridge by June.\n"
            "Police chief Tom Lind said his officers were ready for the crowds.\n"
            "“We will not wait for the river to fall,” she said.\n")
    quotes = [q for q in find(finder, text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert cut(text, quotes[0].source) == "she"
    assert cut(text, quotes[0].antecedent) == "Mayor Anna Berg"


def test_he_goes_to_the_speaker_not_to_the_president_he_met(finder: QuoteFinder) -> None:
    text = ("Foreign Minister Karl Aspen spoke after a meeting with President Olaf Brenn in the capital.\n"
            "“We need more trucks before the winter,” he said.\n")
    quotes = find(finder, text)
    assert [cut(text, q.antecedent) for q in quotes] == ["Foreign Minister Karl Aspen"]


def test_an_ambiguous_pronoun_is_left_unresolved(finder: QuoteFinder) -> None:
    text = ("John Hale and Peter Marsh met on Monday in the old town hall.\n"
            "“The deal is done and the money is in the bank,” he said.\n")
    quotes = find(finder, text)
    assert len(quotes) == 1 and cut(text, quotes[0].source) == "he"
    assert quotes[0].antecedent is None
    hale = Entity("e1", "John Hale", "PERSON", ((0, 9),))
    marsh = Entity("e2", "Peter Marsh", "PERSON", ((14, 25),))
    assert attribute(quotes, text, [hale, marsh])[0].speaker is None  # not the nearest name either


def test_a_pronoun_with_no_one_in_the_story_is_left_unresolved(finder: QuoteFinder) -> None:
    text = "The storm closed the port for two days.\n“The cranes were shaking all night,” she said.\n"
    quotes = find(finder, text)
    assert len(quotes) == 1 and quotes[0].antecedent is None and quotes[0].speaker_span == quotes[0].source


@pytest.mark.parametrize("dateline", ["KYIV, Ukraine (AP) — ", "LINDHOLM (Reuters) – ", "OSLO, May 3 (AFP) - ",
                                      "BERGEN -- "])
def test_a_quote_never_takes_in_the_dateline(finder: QuoteFinder, dateline: str) -> None:
    text = f"Harbour news.\n\n{dateline}The ferry will sail again next week, the harbour master said on Sunday.\n"
    quotes = find(finder, text)
    assert len(quotes) == 1
    assert cut(text, (quotes[0].start, quotes[0].end)) == "The ferry will sail again next week"
    assert cut(text, quotes[0].source) == "the harbour master"


def test_a_speaker_after_a_dateline_is_the_name_not_the_dateline(finder: QuoteFinder) -> None:
    text = "MACAU (Reuters) – Casino owner Lena Frost said on Friday she would open a second hotel.\n"
    quotes = find(finder, text)
    assert len(quotes) == 1
    assert cut(text, quotes[0].source) == "Casino owner Lena Frost"


def test_a_credit_line_is_nobody_s_words(finder: QuoteFinder) -> None:
    text = ("The ferry will sail again next week, the harbour master said.\n"
            "(Reporting by Ida Lund; Editing by Tom Berg, who said the copy was late)\n")
    quotes = find(finder, text)
    assert [cut(text, (q.start, q.end)) for q in quotes] == ["The ferry will sail again next week"]


def test_doubled_apostrophes_are_quotation_marks(finder: QuoteFinder) -> None:
    text = ("The council met on Monday. ''We will not raise the harbour fees this year,'' Mara Lindqvist, "
            "the council's treasurer, said.")
    quotes = find(finder, text)
    q = next(q for q in quotes if q.kind == "direct")
    assert cut(text, (q.start, q.end)) == "We will not raise the harbour fees this year,"
    assert cut(text, q.source) == "Mara Lindqvist, the council's treasurer"


def test_doubled_quotes_keep_offsets_and_leave_apostrophes_alone() -> None:
    from newsdesk.analysis.quotes.marks import doubled_quotes

    text = "She said ''yes,'' then rock 'n' roll, the '90s and ''No.''"
    out = doubled_quotes(text)
    assert len(out) == len(text)
    assert "'n'" in out and "'90s" in out
    assert out.count("“") == 2 and out.count("”") == 2


@pytest.mark.parametrize("text, speaker", [
    ("“The bridge will reopen in June,” said Tomas Erwin, a spokesman for the port authority.",
     "Tomas Erwin, a spokesman for the port authority"),
    ("“The bridge will reopen in June,” said Tomas Erwin in an interview.", "Tomas Erwin"),
])
def test_name_after_the_cue_of_a_quotation_is_the_speaker(finder: QuoteFinder, text: str, speaker: str) -> None:
    q = next(q for q in find(finder, text) if q.kind == "direct")
    assert cut(text, q.source) == speaker


def test_headline_name_and_colon_is_the_speaker(finder: QuoteFinder) -> None:
    text = "Halvorsen: Ferry Subsidies Must End Before the Winter.\n\nThe minister spoke in Bergen on Friday."
    q = next(q for q in find(finder, text) if q.source is not None and q.start < 60)
    assert cut(text, q.source) == "Halvorsen"
    assert cut(text, (q.start, q.end)) == "Ferry Subsidies Must End Before the Winter"
    assert cut(text, q.cue) == ":"


@pytest.mark.parametrize("text", [
    "The Latest: Ferry subsidies end before the winter.",
    "Breaking: Ferry subsidies end before the winter.",
    "Halvorsen: 1,769.",
])
def test_a_rubric_or_a_figure_after_a_colon_names_no_speaker(finder: QuoteFinder, text: str) -> None:
    assert all(q.cue is None or cut(text, q.cue) != ":" for q in find(finder, text))


def test_a_list_dash_is_not_part_of_the_name(finder: QuoteFinder) -> None:
    text = "-Peter Lund finds that voters in the north care more about ferries than taxes. [Blog]"
    q = next(q for q in find(finder, text) if q.source is not None)
    assert cut(text, q.source) == "Peter Lund"


def test_an_organisation_described_after_a_person_is_not_that_person() -> None:
    from newsdesk.analysis.pipeline import Pipeline
    from newsdesk.read.files import ReadConfig, page_from_text

    text = ("Mayor John Harlow said the north pier would close, and harbour master Peter Quill said the ferries "
            "would move to the south pier.\n\n"
            "Ferries will use the south pier for four months, the authority said in a statement on Tuesday.\n")
    quotes = Pipeline().analyze(page_from_text("pier.txt", text, ReadConfig())).to_json()["quotes"]
    authority = [q for q in quotes if q["source_text"] == "the authority"]
    assert authority and authority[0]["speaker_text"] == "the authority"


def test_speaker_candidates_survive_the_json_form() -> None:

    text = "Harlow met Quill. \"We will close it,\" he said."
    quote = Quote(19, 35, "direct", 0, cue=(42, 46), source=(39, 41), candidates=((0, 6), (11, 16)))
    data = quote.to_json(text)
    assert [c["text"] for c in data["speaker_candidates"]] == ["Harlow", "Quill"]
    assert Quote.from_json(data, 0).candidates == quote.candidates
