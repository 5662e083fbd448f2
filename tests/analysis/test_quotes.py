"""Quotes: quotation marks, cues, kinds, speakers and bad input, on invented news text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.analysis.quotes.finder import QuoteConfig, QuoteFinder, attribute, load_quote_parser
from newsdesk.analysis.quotes.marks import scan_quotes
from newsdesk.errors import ConfigError
from newsdesk.model import Entity, Quote, Span, Story
from tests.quoting import find, quote_finder


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return quote_finder()


def words(text: str, q: Quote) -> str:
    return text[q.start:q.end]


def source(text: str, q: Quote) -> str | None:
    """The words that name the speaker: the antecedent of a pronoun or description, else the source."""
    return text[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else None


@pytest.mark.parametrize("opening, closing", [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("‘", "’")])
def test_every_common_mark_style_gives_a_direct_quote(finder: QuoteFinder, opening: str, closing: str) -> None:
    text = f"{opening}The harbour will reopen next week,{closing} the port director Mara Lind said on Monday."
    quotes = find(finder, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert words(text, q) == "The harbour will reopen next week,"
    assert q.kind == "direct" and not q.unbalanced
    assert source(text, q) == "the port director Mara Lind"
    assert q.cue is not None and text[q.cue[0]:q.cue[1]] == "said"


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Don't say the '90s were Norway's best years, the farmers' union's chief wrote."
    assert scan_quotes(text, 0, len(text)) == []


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "“She told me ‘they shouted “no” at us’ and left,” he said."
    marked = scan_quotes(text, 0, len(text))
    assert len(marked) == 1
    assert text[marked[0].start:marked[0].end] == "She told me ‘they shouted “no” at us’ and left,"


def test_interrupted_quote_keeps_one_speaker(finder: QuoteFinder) -> None:
    text = "“We want the bridge rebuilt,” Mayor Tomas Reyes said. “And we want it before winter.”"
    quotes = find(finder, text)
    assert [words(text, q) for q in quotes] == ["We want the bridge rebuilt,", "And we want it before winter."]
    assert {source(text, q) for q in quotes} == {"Mayor Tomas Reyes"}
    assert quotes[0].cue == quotes[1].cue


def test_quote_over_several_paragraphs_is_one_run(finder: QuoteFinder) -> None:
    text = ("Engineer Ana Moss said:\n"
            "“The dam held through the night, but the water kept rising.\n"
            "“By dawn we had moved everyone to the school on the hill.”\n")
    quotes = find(finder, text)
    assert len(quotes) == 2
    assert not any(q.unbalanced for q in quotes)  # the first paragraph's mark is closed by the run
    assert all(source(text, q) == "Engineer Ana Moss" for q in quotes)


def test_run_of_quoted_paragraphs_keeps_the_speaker(finder: QuoteFinder) -> None:
    text = ("“We lost the harvest in two days,” farmer Pavel Orlov said.\n"
            "“Nobody came to help. We carried the sacks ourselves.”\n")
    quotes = find(finder, text)
    assert len(quotes) == 2
    assert source(text, quotes[1]) == "farmer Pavel Orlov"


def test_partial_quote_inside_reported_speech(finder: QuoteFinder) -> None:
    text = "The minister, Elena Marsh, called the storm damage “a disaster for the coast” on Tuesday."
    quotes = find(finder, text)
    partial = [q for q in quotes if q.kind == "partial"]
    assert len(partial) == 1
    assert words(text, partial[0]) == "a disaster for the coast"
    assert "Elena Marsh" in (source(text, partial[0]) or "")


def test_scare_quotes_are_not_quotes(finder: QuoteFinder) -> None:
    text = "The so-called “green wall” of trees was planted along the river in 1998."
    assert find(finder, text) == []


@pytest.mark.parametrize("text, content, speaker", [
    ("Governor Ruth Alder said on Sunday that the roads would reopen by Friday.",
     "that the roads would reopen by Friday", "Governor Ruth Alder"),
    ("According to the fire brigade, three warehouses burned down overnight.",
     "three warehouses burned down overnight", "the fire brigade"),
    ("Coach Ivo Brandt told reporters the team had trained well all week.",
     "the team had trained well all week", "Coach Ivo Brandt"),
    ("The agency warned that prices would rise again in the spring.",
     "that prices would rise again in the spring", "The agency"),
])
def test_reported_speech(finder: QuoteFinder, text: str, content: str, speaker: str) -> None:
    quotes = [q for q in find(finder, text) if q.kind == "indirect"]
    assert len(quotes) == 1
    assert words(text, quotes[0]) == content
    assert source(text, quotes[0]) == speaker


def test_pronoun_and_description_resolve_to_the_first_mention(finder: QuoteFinder) -> None:
    text = ("A young customs officer at the border post spent a week at the gate.\n"
            "“I never saw so many trucks,” the officer told the newspaper.\n"
            "“Some drivers slept in their cabs for three nights,” he said.\n")
    quotes = find(finder, text)
    assert len(quotes) == 2
    assert [source(text, q) for q in quotes] == ["A young customs officer"] * 2
    # the words as written stay on the quote too: nothing the text said is lost
    assert [text[q.source[0]:q.source[1]] for q in quotes if q.source] == ["the officer", "he"]


def test_unbalanced_mark_is_flagged_and_kept(finder: QuoteFinder) -> None:
    text = "Director Lena Holt said: “We will keep the museum open all summer\nTickets go on sale in May."
    quotes = find(finder, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].unbalanced
    assert words(text, direct[0]) == "We will keep the museum open all summer"


def test_quotes_keep_to_their_story_and_out_of_noise(finder: QuoteFinder) -> None:
    first = "“The bridge is closed,” the mayor Ida Berg said.\n"
    second = "Read more: “Ten tips for your garden” here\n“Rain is coming,” forecaster Olaf Kern said.\n"
    text = first + second
    stories = (Story(0, len(first)), Story(len(first), len(text)))
    noise_end = len(first) + second.index("\n")
    quotes = find(finder, text, stories, (Span(len(first), noise_end, "link_residue"),))
    assert [(words(text, q), q.story) for q in quotes] == [("The bridge is closed,", 0), ("Rain is coming,", 1)]


def test_attribute_maps_sources_to_entities(finder: QuoteFinder) -> None:
    text = ("Prime Minister Karin Vold visited the flooded town.\n"
            "“We will rebuild every house,” Vold said.\n"
            "“The army is on its way,” she added.\n")
    quotes = find(finder, text)
    vold = Entity("e1", "Karin Vold", "PERSON", ((15, 25), (text.index("Vold said"), text.index("Vold said") + 4)))
    town = Entity("e2", "Oslo", "PLACE", ())
    named = attribute(quotes, text, [vold, town])
    assert [q.speaker for q in named] == ["e1", "e1"]
    assert attribute(quotes, text, []) == [q for q in quotes]  # no entities: nothing to name


def test_without_a_parser_quotation_marks_still_work() -> None:
    finder = QuoteFinder(None, QuoteConfig())
    text = "“The whole valley is under water and the roads are gone,” a resident said."
    quotes = finder(text, (Story(0, len(text)),), ())
    assert len(quotes) == 1 and quotes[0].cue is None


@pytest.mark.parametrize("text", [
    "\"" * 500,
    "“”‘’«»„\"' " * 200,
    "He said: “" + "word " * 4000 + "”",
    "“" + "word, " * 4000,
    "‘“«„" * 300 + "\n" + "»”’" * 300,
])
@pytest.mark.timeout(120)  # a hang (quadratic backtracking on marks) fails here; speed lives in bench/speed.py
def test_bad_input_is_sane_and_fast(finder: QuoteFinder, text: str) -> None:
    quotes = find(finder, text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)


def test_bad_config_is_refused() -> None:
    with pytest.raises(ConfigError):
        QuoteConfig(max_parse_chars=0)
    with pytest.raises(ConfigError):
        QuoteConfig(parser="")
    with pytest.raises(ConfigError):
        load_quote_parser(QuoteConfig(parser="/nonexistent/parser"))


def test_learned_frames_add_broad_attributions(finder: QuoteFinder) -> None:
    text = "Senator Hal Brook called for a ban on fishing in the bay."
    plain = find(finder, text)
    assert plain == []  # "called for" is not a reporting verb: nothing without the frame lexicon
    framed = QuoteFinder(finder.nlp, QuoteConfig(frames="newsdesk:quotes_frames"))
    quotes = framed(text, (Story(0, len(text)),), ())
    assert [(words(text, q), source(text, q)) for q in quotes] == [("a ban on fishing in the bay", "Senator Hal Brook")]


def test_missing_frame_lexicon_is_a_config_error(finder: QuoteFinder) -> None:
    with pytest.raises(ConfigError):
        QuoteFinder(finder.nlp, QuoteConfig(frames="/nonexistent/frames"))
    with pytest.raises(ConfigError):
        QuoteConfig(min_frame_precision=-1)


def test_passive_cue_names_no_speaker(finder: QuoteFinder) -> None:
    text = "The drivers were told to leave the trucks at the border."
    assert all(q.source is None for q in find(finder, text))


def test_cheaper_parse_annotates_as_the_full_pipeline(finder: QuoteFinder) -> None:
    """The finder runs the parser without spaCy's attribute ruler and lemmatizer and puts in stand-ins
    (quotes_parse.cheaper_tail): every tag, part of speech, morphology, relation and head, and every verb's
    lemma, must be what the full pipeline gives, two-token rules ("gon na", "y'all") and spaces included."""
    from spacy.attrs import DEP, HEAD, MORPH, POS, SENT_START, TAG

    assert finder.nlp is not None and "attribute_ruler" in finder._skip and "lemmatizer" in finder._skip
    texts = ["“We are gonna rebuild it,” the mayor said, and y'all ain't seen nothing yet.",
             "Let's be clear: there is no deal, she told reporters  \t in Kyiv.\u00a0It was hers.",
             "I said it to you; you gave it to me, and it was what they had done, did they not? Come on!",
             "Officials, who declined to be named, said that the talks gotta resume, but that it had been agreed.",
             " ", "Biden, speaking in Ohio, has repeatedly warned — and he insists — that \"nothing\" changes."]
    columns = [TAG, POS, MORPH, DEP, HEAD, SENT_START]
    full = list(finder.nlp.pipe(texts))
    for doc in finder.nlp.pipe(texts, disable=finder._skip):
        for step in finder._after:
            step(doc)
        want = full.pop(0)
        assert (doc.to_array(columns) == want.to_array(columns)).all(), doc.text
        assert [t.lemma_ for t in doc if t.pos_ in ("VERB", "AUX")] == [
            t.lemma_ for t in want if t.pos_ in ("VERB", "AUX")]
        assert any(t.lemma_ == "go" for t in want) or "gonna" not in doc.text


def test_speaker_of_a_verb_after_by_is_the_main_subject(finder: QuoteFinder) -> None:
    text = "The mayor responded by saying the budget would be balanced by June."
    quotes = find(finder, text)
    assert [(words(text, q), source(text, q)) for q in quotes] == [
        ("the budget would be balanced by June", "The mayor")]


@pytest.fixture(scope="module")
def learned(finder: QuoteFinder) -> QuoteFinder:
    """The finder with the shipped cue classifier (PolNeAR's broad attributions)."""
    return QuoteFinder(finder.nlp, QuoteConfig(cue_model="newsdesk:quotes_cues"))


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The governor criticized the plan as reckless and expensive on Tuesday.", "criticized", "The governor",
     "the plan"),
    ("Senator Ann Ruiz endorsed the harbour bill in a letter to voters.", "endorsed", "Senator Ann Ruiz",
     "the harbour bill"),
    ("Local farmers want the government to lower the tax on diesel.", "want", "Local farmers",
     "the government to lower the tax on diesel"),
])
def test_cue_model_finds_attributions_beyond_reporting_verbs(finder: QuoteFinder, learned: QuoteFinder, text: str,
                                                             cue: str, speaker: str, content: str) -> None:
    assert find(finder, text) == []  # no reporting verb: the rules alone find nothing
    quotes = find(learned, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "indirect" and q.cue is not None and text[q.cue[0]:q.cue[1]] == cue
    assert source(text, q) == speaker and words(text, q).startswith(content)


@pytest.mark.parametrize("text", ["The bridge over the Tana river collapsed on Monday after heavy rain.",
                                  "The trucks were loaded with grain and left the port at dawn."])
def test_cue_model_reads_events_as_no_attribution(learned: QuoteFinder, text: str) -> None:
    assert find(learned, text) == []


def test_cue_model_keeps_a_sure_attribution_without_source(learned: QuoteFinder) -> None:
    text = "A curfew was announced for the whole city on Friday night."
    quotes = find(learned, text)
    assert [(words(text, q), q.source) for q in quotes] == [("A curfew", None)]
    strict = QuoteFinder(learned.nlp, QuoteConfig(cue_model="newsdesk:quotes_cues", sourceless_cue_probability=1.0))
    assert find(strict, text) == []


def test_cue_model_still_finds_quotations(learned: QuoteFinder) -> None:
    text = "“The harbour will reopen next week,” the port director Mara Lind said on Monday."
    quotes = find(learned, text)
    assert [(words(text, q), q.kind, source(text, q)) for q in quotes] == [
        ("The harbour will reopen next week,", "direct", "the port director Mara Lind")]


def test_bad_cue_model_settings_are_config_errors(finder: QuoteFinder, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cue_model"):
        QuoteFinder(finder.nlp, QuoteConfig(cue_model=str(tmp_path / "absent")))
    (tmp_path / "cues.json").write_text('{"cue": {"bias": 0}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be loaded"):
        QuoteFinder(finder.nlp, QuoteConfig(cue_model=str(tmp_path)))
    with pytest.raises(ConfigError, match="threshold"):
        QuoteFinder(finder.nlp, QuoteConfig(cue_model="newsdesk:quotes_cues", cue_threshold=1.5))
    with pytest.raises(ConfigError):
        QuoteConfig(cue_model="")
    with pytest.raises(ConfigError):
        QuoteConfig(cue_veto_probability=-0.1)


@pytest.mark.parametrize("text, speaker, sides", [
    ("The latest missile test, the defence ministry said, was the biggest the country had carried out.",
     "the defence ministry", ["The latest missile test", "was the biggest the country had carried out"]),
    ("The new bridge, officials said on Monday, will open to traffic in the spring.", "officials",
     ["The new bridge", "will open to traffic in the spring"]),
])
def test_cue_interrupting_a_clause_reports_both_sides(finder: QuoteFinder, text: str, speaker: str,
                                                      sides: list[str]) -> None:
    quotes = find(finder, text)
    assert [words(text, q) for q in quotes] == sides
    assert {source(text, q) for q in quotes} == {speaker} and len({q.cue for q in quotes}) == 1


def test_paragraph_after_a_colon_cue_is_a_block_quote(finder: QuoteFinder) -> None:
    text = ("The harbour master added:\n\nThe storm cost us three days of loading and the insurers will want "
            "answers.\n\nShips left the port on Sunday.")
    quotes = find(finder, text)
    assert [(words(text, q), q.kind, source(text, q)) for q in quotes] == [
        ("The storm cost us three days of loading and the insurers will want answers.", "direct",
         "The harbour master")]


def test_quotation_signed_off_with_a_dash_names_its_speaker(finder: QuoteFinder) -> None:
    text = ("“The ferry is late every single morning and nobody tells us why.” ― Marta Ilves\n"
            "“We moved here for the schools, not the traffic.” — Tom Berg.\n"
            "Traffic was “a long wait for everyone on the road” — and it grows.")
    quotes = find(finder, text)
    got = [(words(text, q), source(text, q), text[q.cue[0]:q.cue[1]] if q.cue else None) for q in quotes]
    assert got[:2] == [("The ferry is late every single morning and nobody tells us why.", "Marta Ilves", "―"),
                       ("We moved here for the schools, not the traffic.", "Tom Berg", "—")]
    assert len(quotes) == 2  # a dash going on with the sentence signs nothing


def test_according_to_parsed_as_the_root_still_splits_source_and_content(finder: QuoteFinder) -> None:
    # the parser makes "According" the root here and hangs the clause under the name
    text = "According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation."
    quotes = find(finder, text)
    assert [(words(text, q), source(text, q)) for q in quotes] == [
        ("the move reeks of fear and desperation", "conservative talk radio host Rush Limbaugh")]
