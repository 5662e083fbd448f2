"""Where a source span starts and ends, and who a pronoun or description stands for, on invented sentences: asides
cut from the name (a "which" clause, a "who" clause that is an attribution of its own, a date), a dash closing an
aside kept, measure words and hyphenated words kept, a dash dateline left out, an apposition the parser split off
kept, a name the parser hung inside the clause before its cue found, a subject inside the quotation passed over for
the name beside it, a pronoun resolved by the occasion a later cue names, and a reported clause cut before a
quotation someone else speaks inside it."""

from __future__ import annotations

import pytest

from newsdesk.analysis.quotes.finder import QuoteFinder
from newsdesk.analysis.quotes.speakers import cue_subject
from tests.quoting import cut, find, quote_finder


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return quote_finder()


@pytest.mark.parametrize("text, source", [
    # a relative clause on the union (deeper than the speaker's own nouns) says nothing of the speaker
    ("Mara Lind, president of the Harbour Workers Union, which represents dock staff, said the strike would go on.",
     "Mara Lind, president of the Harbour Workers Union"),
    # "who" speaks of the speaker, whatever noun the parser hangs it on: kept
    ("Tom Reed, a lawyer for the city, who has run the port office for years, said the ruling was wrong.",
     "Tom Reed, a lawyer for the city, who has run the port office for years"),
    # ... unless its verb is a cue: then "who" is the source of an attribution of its own
    ("Tom Reed, who argued that the fees were too high, said the ruling was wrong.", "Tom Reed"),
    # a "which" clause set off by a comma is an aside on a thing, even on the speaker's own noun
    ("The Harbour League, which runs four ports, said the fees would rise in May.", "The Harbour League"),
    # ... with a no-break space after its comma too
    ("The Harbour League,\xa0which runs four ports, said the fees would rise in May.", "The Harbour League"),
    # a dash closing an aside that a dash opened belongs to the span, as a closing bracket does
    ("Ola Berg — a teacher from Lundby — said she would vote for the plan.", "Ola Berg — a teacher from Lundby —"),
    # a date says when, not who
    ("A panel of judges in 2019 said that the law was unconstitutional.", "A panel of judges"),
    # a word measuring the phrase is part of it
    ("Nearly eight of 10 voters say they will vote in May.", "Nearly eight of 10 voters"),
    # a hyphenated word the parser split is one word
    ("His ex-wife said that she would appeal the ruling.", "His ex-wife"),
    # a dateline's spaced hyphen is no part of the name
    ("OSLO - Harbour officials said the port would reopen on Monday.", "Harbour officials"),
    # an apposition the parser read as a second subject of the cue
    ("Jon Ki-moon, the secretary general of the Harbour League, vowed not to raise the fees.",
     "Jon Ki-moon, the secretary general of the Harbour League"),
])
def test_the_source_spans_the_name_and_what_describes_the_speaker(finder: QuoteFinder, text: str,
                                                                   source: str) -> None:
    quotes = find(finder, text)
    main = [q for q in quotes if cut(text, q.source) != "who"]  # a "who" clause's own attribution apart
    assert len(main) == 1
    assert cut(text, main[0].source) == source


def test_a_name_hung_inside_the_clause_before_its_cue_is_the_speaker(finder: QuoteFinder) -> None:
    text = ("Heavy fighting went on around the towns of Orlovka and Pisky, regional governor Anton Mirenko told "
            "reporters.")
    quotes = find(finder, text)
    assert [(cut(text, q.source), cut(text, (q.start, q.end))) for q in quotes] == [
        ("regional governor Anton Mirenko", "Heavy fighting went on around the towns of Orlovka and Pisky")]


def test_a_pronoun_cut_from_its_antecedent_is_the_one_later_said_to_speak_at_the_same_occasion(
        finder: QuoteFinder) -> None:
    text = ("Victory will be hard,” he said in a radio interview broadcast on Friday.\n"
            "The port was shelled again overnight.\n"
            "“We will rebuild everything,” Mirek said in the interview.")
    quotes = find(finder, text)
    first = next(q for q in quotes if cut(text, (q.start, q.end)) == "Victory will be hard,")
    assert cut(text, first.source) == "he"
    assert cut(text, first.antecedent) == "Mirek"


@pytest.mark.parametrize("later", [
    # nobody later speaks at that occasion
    "“We will rebuild everything,” Mirek said on Sunday.",
    # two people do: which one "he" was is not clear
    "“We will rebuild,” Mirek said in the interview. “Not soon,” Olsen said in the interview.",
])
def test_a_pronoun_cut_from_its_antecedent_stays_open_without_one_speaker_at_that_occasion(
        finder: QuoteFinder, later: str) -> None:
    text = f"Victory will be hard,” he said in a radio interview broadcast on Friday.\n{later}"
    quotes = find(finder, text)
    first = next(q for q in quotes if cut(text, (q.start, q.end)) == "Victory will be hard,")
    assert cut(text, first.source) == "he"
    assert first.antecedent is None


def test_a_reported_clause_stops_before_a_quotation_someone_else_speaks_inside_it(finder: QuoteFinder) -> None:
    text = "The driver recalled that a woman ran out and started shouting: “Go home now!” at the bus."
    quotes = find(finder, text)
    said = {cut(text, (q.start, q.end)): cut(text, q.source) for q in quotes}
    assert said == {"that a woman ran out and started shouting": "The driver", "Go home now!": "a woman"}


def test_a_description_is_not_a_last_speaker_described_otherwise(finder: QuoteFinder) -> None:
    text = "A woman ran out shouting “Go home now, all of you!” and threw a stone, the driver said."
    quotes = find(finder, text)
    assert [cut(text, q.source) for q in quotes] == ["the driver"]
    assert quotes[0].antecedent is None  # the driver is no woman already in the story


@pytest.mark.parametrize("text, source", [
    ("“Our campaign is in trouble. Full panic mode,” said Lena Wiik, the president of the Harbour Caucus.",
     "Lena Wiik, the president of the Harbour Caucus"),
    ("“If it does not have the means yet, it will at some point, probably sooner rather than later,” said Tom Aker, "
     "a physicist who runs the program.", "Tom Aker, a physicist who runs the program"),
])
def test_a_subject_inside_the_quotation_is_never_its_speaker(finder: QuoteFinder, text: str, source: str) -> None:
    quotes = find(finder, text)
    assert [cut(text, q.source) for q in quotes] == [source]


def test_a_clause_quoted_after_a_cue_and_a_comma_is_the_cues_when_the_parse_lost_the_link(
        finder: QuoteFinder) -> None:
    text = "Berg said on Monday, “the plan works. It is fine for all of us here, and we will keep it.”"
    quotes = find(finder, text)
    assert [(q.kind, cut(text, q.source), cut(text, q.cue)) for q in quotes] == [("partial", "Berg", "said")]


def test_a_short_quoted_name_is_nobodys_quote(finder: QuoteFinder) -> None:
    text = "Ola Berg praised the “walk-in” at the harbour school, saying it went well."
    quotes = find(finder, text)
    assert all("walk-in" not in text[q.start:q.end] for q in quotes)


def test_a_capitalised_word_between_a_closing_mark_and_the_name_starts_the_name(finder: QuoteFinder) -> None:
    text = "“We will find the truth,” Tulsa police Chief Ola Berg said on Monday."
    quotes = find(finder, text)
    assert [cut(text, q.source) for q in quotes] == ["Tulsa police Chief Ola Berg"]


def test_a_relative_clause_that_is_an_attribution_has_its_own_source(finder: QuoteFinder) -> None:
    text = "Tom Reed, who argued that the fees were too high, said the ruling was wrong."
    said = {cut(text, q.cue): (cut(text, q.source), cut(text, q.antecedent)) for q in find(finder, text)}
    assert said == {"argued": ("who", "Tom Reed"), "said": ("Tom Reed", None)}


def test_a_title_quoted_after_the_cue_is_not_its_subject() -> None:
    # the parse the parser gave a real sentence of this shape, set by hand: the name beside the quotation hung
    # apart, the show's title after the cue read as its subject
    import spacy
    from spacy.tokens import Doc

    words = ["“", "We", "won", ",", "”", "Berg", "said", "on", "“", "Dock", "Talk", ".", "”"]
    heads = [2, 2, 6, 2, 6, 6, 6, 6, 6, 10, 6, 6, 6]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "npadvmod", "ROOT", "prep", "punct", "compound", "nsubj",
            "punct", "punct"]
    vocab = spacy.blank("en").vocab  # English lexical attributes: which tokens are quotation marks
    doc = Doc(vocab, words=words, heads=heads, deps=deps)
    assert cue_subject(doc[6]) is None
    deps[10], deps[5] = "pobj", "nsubj"  # the sound parse: the name is the subject
    sound = cue_subject(Doc(vocab, words=words, heads=heads, deps=deps)[6])
    assert sound is not None and sound.text == "Berg"


def test_a_partial_quote_inside_its_cues_reported_clause_is_part_of_that_clause(finder: QuoteFinder) -> None:
    text = "Ola Berg said that the harbour plan was “dead on arrival” and that the council should drop it."
    said = [(q.kind, cut(text, q.source), cut(text, (q.start, q.end))) for q in find(finder, text)]
    assert said == [("indirect", "Ola Berg",
                     "that the harbour plan was “dead on arrival” and that the council should drop it")]


def test_a_partial_quote_is_kept_when_its_cue_reports_no_clause(finder: QuoteFinder) -> None:
    text = "Ola Berg called the harbour plan “dead on arrival” on Monday."
    said = [(q.kind, cut(text, q.source), cut(text, (q.start, q.end))) for q in find(finder, text)]
    assert ("partial", "Ola Berg", "dead on arrival") in said


def test_a_reported_clause_mostly_quoted_in_part_is_still_the_clause(finder: QuoteFinder) -> None:
    text = "Ola Berg said the plan was “a disaster for every family in the harbour district and for the port.”"
    said = [(q.kind, cut(text, q.source), cut(text, (q.start, q.end))) for q in find(finder, text)]
    assert said == [("indirect", "Ola Berg",
                     "the plan was “a disaster for every family in the harbour district and for the port")]
