"""The shipped CoNLL entity tagger (src/newsdesk/models/ner_conll) and the conlleval scorer of bench/ner.py.

The model tests skip, saying why, when spaCy or the model directory is absent; the scorer tests always run.
Sentences are written here by hand, not taken from any data set.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / "src" / "newsdesk" / "models" / "ner_conll"


def _bench_ner() -> ModuleType:
    return importlib.import_module("bench.ner")


ner = _bench_ner()


# -- the scorer ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        # IOB1 (CoNLL-2003): I- opens an entity after O; B- only splits two adjacent same-type entities
        (["I-PER", "I-PER", "O", "I-LOC", "B-LOC"], {(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")}),
        # IOB2: every entity opens with B-
        (["B-ORG", "I-ORG", "B-ORG", "O"], {(0, 2, "ORG"), (2, 3, "ORG")}),
        # a type change ends one entity and starts another, whatever the prefix
        (["I-PER", "I-LOC", "I-LOC"], {(0, 1, "PER"), (1, 3, "LOC")}),
        # an entity running to the sentence's end is closed there
        (["O", "O", "B-MISC"], {(2, 3, "MISC")}),
        (["O", "O"], set()),
        ([], set()),
    ],
)
def test_chunks_read_tags_as_conlleval_does(tags: list[str], expected: set[tuple[int, int, str]]) -> None:
    assert ner.chunks(tags) == expected


def test_score_counts_exact_span_and_type_matches() -> None:
    gold = [["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "O", "I-ORG"], ["I-ORG", "O"]]
    predicted = [["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O", "B-MISC"], ["B-ORG", "O"]]
    # gold: PER 0-2, LOC 3-4, LOC 4-5, ORG 6-7 | ORG 0-1           -> 5 entities
    # pred: PER 0-2 (right), LOC 3-5 (wrong span), MISC 6-7 (wrong type) | ORG 0-1 (right) -> 4, 2 correct
    result = ner.score(gold, predicted)
    overall = result.of()
    assert (overall.gold, overall.predicted, overall.correct) == (5, 4, 2)
    assert overall.precision == pytest.approx(2 / 4)
    assert overall.recall == pytest.approx(2 / 5)
    assert overall.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    assert (result.of(["LOC"]).gold, result.of(["LOC"]).predicted, result.of(["LOC"]).correct) == (2, 1, 0)
    assert result.of(["LOC"]).f1 == 0.0
    assert result.of(["ORG"]).as_dict() == {
        "precision": 100.0, "recall": 50.0, "f1": 66.67, "gold": 2, "predicted": 1, "correct": 1,
    }
    assert result.of(["MISC"]).precision == 0.0 and result.of(["MISC"]).recall == 0.0  # no gold MISC: 0, not a crash
    assert result.types() == ["PER", "LOC", "ORG", "MISC"]


def test_score_rejects_misaligned_sentences() -> None:
    with pytest.raises(ValueError, match="2 gold tags but 1 predicted"):
        ner.score([["O", "O"]], [["O"]])


def test_read_conll_splits_documents_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "mini.conll"
    path.write_text(
        "-DOCSTART- -X- O O\n\nAnna NNP I-NP I-PER\nsang VBD I-VP O\n\nOslo NNP I-NP I-LOC\n\n"
        "-DOCSTART- -X- O O\n\nAcme NNP I-NP I-ORG\n",
        encoding="utf-8",
    )
    sentences = ner.read_conll(path)
    assert [s.words for s in sentences] == [("Anna", "sang"), ("Oslo",), ("Acme",)]
    assert [s.document for s in sentences] == [0, 0, 1]
    assert sentences[0].tags == ("I-PER", "O")


def test_read_conll_names_the_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("Anna NNP I-NP I-PER\nsang VBD O\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.conll:2"):
        ner.read_conll(path)


def test_scorer_agrees_with_the_perl_conlleval_on_a_hand_made_sample() -> None:
    script = ner.CONLL / "conlleval"
    if shutil.which("perl") is None or not script.is_file():
        pytest.skip(f"needs perl and {script}")
    sentences = [
        ner.Sentence(("Anna", "Berg", "met", "Lee", "Kim", "in", "Oslo"),
                     ("I-PER", "I-PER", "O", "I-PER", "B-PER", "O", "I-LOC"), 0),
        ner.Sentence(("Acme", "Corp", "left", "Peru"), ("I-ORG", "I-ORG", "O", "I-LOC"), 0),
    ]
    predicted = [["B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O", "O", "B-MISC"]]
    mine = ner.score([s.tags for s in sentences], predicted).of()
    assert (mine.gold, mine.predicted, mine.correct) == (6, 5, 2)
    assert ner.conlleval_script(sentences, predicted, script) == pytest.approx(round(100 * mine.f1, 2))


# -- the model -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed (pip install spacy)")
    if not (MODEL / "config.cfg").is_file():
        pytest.skip(f"no trained model at {MODEL}: run `python train/ner/train.py`")
    return spacy.load(MODEL)


def _entities(nlp: Any, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    for ent in doc.ents:
        assert doc.text[ent.start_char:ent.end_char] == ent.text
    return {(ent.text, ent.label_) for ent in doc.ents}


def test_model_is_the_ner_alone_with_conll_labels(nlp: Any) -> None:
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor of Rotterdam, Hanna Verbeek, opened the new bridge on Monday.",
         {("Rotterdam", "LOC"), ("Hanna Verbeek", "PER")}),
        ("Shares in Siemens fell 3 percent after the company warned about orders from China.",
         {("Siemens", "ORG"), ("China", "LOC")}),
        ("Police in Nairobi said John Kamau was arrested at the airport.",
         {("Nairobi", "LOC"), ("John Kamau", "PER")}),
        ("The European Commission fined Google 2 billion euros, officials in Brussels said.",
         {("European Commission", "ORG"), ("Google", "ORG"), ("Brussels", "LOC")}),
    ],
)
def test_model_tags_people_places_and_organisations(nlp: Any, text: str, expected: set[tuple[str, str]]) -> None:
    found = _entities(nlp, text)
    assert expected <= found, f"missing {expected - found}; found {found}"


def test_model_finds_nothing_in_a_sentence_without_names(nlp: Any) -> None:
    assert _entities(nlp, "the weather was cold and wet all week, and the trains ran late.") == set()
