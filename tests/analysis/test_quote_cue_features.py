"""The cue classifier's class features (quotes_cues.class_features), on invented sentences: the evidence that
generalises past the lemmas of the training data (word classes, deverbal nouns, the kind of subject or owner,
a clause or quotation following, quotation marks beside the cue)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from newsdesk.analysis.quotes.cues import cue_features, deverbal, is_candidate, word_index
from newsdesk.analysis.quotes.finder import QuoteConfig, load_quote_parser
from newsdesk.errors import ConfigError


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return load_quote_parser(QuoteConfig())
    except ConfigError as exc:
        pytest.skip(f"parser not installed: {exc}")


def _token(nlp: Language, text: str, word: str) -> Token:
    return next(t for t in nlp(text) if t.text == word)


def _classes(tok: Token) -> set[str]:
    return {f for f in cue_features(tok, quoted=False) if f.startswith("x_")}


def test_deverbal_nouns_are_told_from_other_nouns() -> None:
    verbs, _ = word_index()
    if not verbs:
        pytest.skip("the English pipeline ships no word index")
    assert deverbal("statement", verbs)
    assert deverbal("allegation", verbs)
    assert deverbal("claim", verbs)
    assert not deverbal("river", verbs)
    assert not deverbal("senator", verbs)


def test_a_person_owned_reporting_noun_with_a_clause(nlp: Language) -> None:
    verbs, _ = word_index()
    if not verbs:
        pytest.skip("the English pipeline ships no word index")
    claim = _token(nlp, "The director's claim that the bridge is unsafe surprised the mayor.", "claim")
    assert is_candidate(claim)
    feats = _classes(claim)
    assert "x_poss=agent" in feats
    assert "x_dv=True" in feats
    assert any(f.startswith("x_cl=acl|") or f.startswith("x_cl=ccomp|") for f in feats)


def test_quotation_beside_the_cue_and_a_person_subject(nlp: Language) -> None:
    said = _token(nlp, "\u201cWe will rebuild the pier,\u201d she said on Tuesday.", "said")
    feats = _classes(said)
    assert "x_qadj=True|False" in feats
    assert "x_who=person" in feats
    assert any(f.startswith("x_sq=True|") for f in feats)


def test_an_event_verb_has_no_quotation_nor_person_evidence(nlp: Language) -> None:
    rose = _token(nlp, "The water rose three feet overnight.", "rose")
    feats = _classes(rose)
    assert "x_qadj=False|False" in feats
    assert "x_who=noun" in feats
    assert not any(f.startswith("x_cl=") for f in feats)


def test_a_report_by_an_agent_is_seen(nlp: Language) -> None:
    report = _token(nlp, "A report by the inspector found leaks in the tunnel.", "report")
    assert "x_pwho=by|agent" in _classes(report)
