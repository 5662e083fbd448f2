"""The cue classifier's class features (quotes_cues.class_features), on invented sentences: the evidence that
generalises past the lemmas of the training data (word classes, deverbal nouns, the kind of subject or owner,
a clause or quotation following, quotation marks beside the cue, WordNet's classes of the cue, its subject and
its object), and the second reading that weighs a candidate beside the verbs around it (context_features)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from newsdesk.analysis.quotes.cues import (
    CueModel,
    context_features,
    cue_features,
    deverbal,
    is_candidate,
    probability_bucket,
    word_classes,
    word_index,
)
from tests.quoting import quote_parser


@pytest.fixture(scope="module")
def nlp() -> Language:
    return quote_parser()


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


def test_wordnet_classes_of_the_cue_its_subject_and_its_object(nlp: Language) -> None:
    if not word_classes("say", verb=True):
        pytest.skip("models/quotes_cues/lexnames.json is absent")
    issued = _token(nlp, "The spokeswoman issued a statement on the dam.", "issued")
    feats = _classes(issued)
    assert "x_slex=noun.person|" + word_classes("issue", verb=True)[0] in feats
    assert "x_olex=dobj|noun.communication" in feats


def test_a_word_never_seen_in_training_has_the_class_of_speech(nlp: Language) -> None:
    if not word_classes("say", verb=True):
        pytest.skip("models/quotes_cues/lexnames.json is absent")
    assert word_classes("quip", verb=True)[0] == "verb.communication"
    quipped = _token(nlp, "The ferryman quipped that the tide was late.", "quipped")
    assert "x_lex=verb.communication" in _classes(quipped)
    rose = _token(nlp, "The water rose three feet overnight.", "rose")
    assert not any(f == "x_lex=verb.communication" for f in _classes(rose))
    assert word_classes("zzxqv", verb=True) == []


def test_probability_steps() -> None:
    assert probability_bucket(None) == "none"
    assert [probability_bucket(p) for p in (0.0, 0.15, 0.3, 0.4, 0.6, 0.95)] == ["0", "1", "2", "3", "4", "5"]


def test_the_second_reading_sees_the_verb_above_and_the_rivals(nlp: Language) -> None:
    doc = nlp("The mayor said the old bridge collapsed in the storm.")
    said = next(t for t in doc if t.text == "said")
    collapsed = next(t for t in doc if t.text == "collapsed")
    first = {said.i: 0.9, collapsed.i: 0.2}

    def prob(t: Token) -> float | None:
        return first.get(t.i)

    feats = context_features(collapsed, prob)
    assert feats[f"h={collapsed.dep_}|5|2"] == 1.0
    assert feats["m=5|2"] == 1.0 and feats["n=1|2"] == 1.0
    assert feats["z"] < 0
    assert f"c={collapsed.dep_}|2" in context_features(said, prob)


def test_the_second_reading_changes_a_probability_only_when_the_model_has_one(nlp: Language) -> None:
    doc = nlp("The mayor said the old bridge collapsed in the storm.")
    said = next(t for t in doc if t.text == "said")
    collapsed = next(t for t in doc if t.text == "collapsed")
    weights = {"l=say": 3.0, "l=collapse": -1.0}
    alone = CueModel(weights, 0.0, {}, 0.0, 0.5)
    first = alone.probabilities(doc, lambda t: False)
    assert first[said.i] > 0.9 and 0.2 < first[collapsed.i] < 0.5
    # a second reading that doubts a verb hanging below a sure cue
    second = CueModel(weights, 0.0, {}, 0.0, 0.5, {"z": 1.0, f"h={collapsed.dep_}|5|2": -4.0}, 0.0)
    probs = second.probabilities(doc, lambda t: False)
    assert probs[collapsed.i] < 0.05 < first[collapsed.i]
    assert abs(probs[said.i] - first[said.i]) < 1e-9




def test_a_candidate_is_never_its_own_rival_nor_its_own_head(nlp: Language) -> None:
    # spaCy hands out a new Token object on each access, so these must compare token indices, not identity
    doc = nlp("The mayor said the old bridge collapsed in the storm.")
    said = next(t for t in doc if t.text == "said")
    collapsed = next(t for t in doc if t.text == "collapsed")
    assert said.dep_ == "ROOT"
    first = {said.i: 0.9, collapsed.i: 0.2}

    def prob(t: Token) -> float | None:
        return first.get(t.i)

    feats = context_features(said, prob)
    # its only rival is "collapsed" (step 2); "said" itself (step 5) is not counted
    assert feats["m=2|5"] == 1.0 and feats["n=0|5"] == 1.0
    assert not any(k.startswith("h=") for k in feats)
    assert feats == context_features(doc[said.i], prob)
    assert not any(f.startswith(("h=", "hl=")) for f in cue_features(said, quoted=False))
    assert f"hl=say|{collapsed.dep_}" in cue_features(collapsed, quoted=False)
