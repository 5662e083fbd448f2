"""Initialisation callbacks the NER training configs refer to (imported by train.py before `spacy train` runs).

- `newsdesk.copy_lexeme_norm.v1` (before_init): copies the `lexeme_norm` lookup table from an installed pipeline
  into the new one's vocab, so the NORM feature (American spellings etc.) is computed as in the source pipeline
  and the table ships with the trained model (vocab/lookups.bin, ~70 kB).
- `newsdesk.copy_ner_tok2vec.v1` (after_init): copies the weights of a source pipeline's `ner` tok2vec (its own
  embedding + CNN, not the shared `tok2vec` component) into the new `ner`'s tok2vec; the architectures must match.
- `newsdesk.upper_case.v1` (augmenter): adds all-caps copies of some training sentences.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import spacy


@spacy.registry.callbacks("newsdesk.copy_lexeme_norm.v1")
def copy_lexeme_norm(source: str) -> Callable[[Any], Any]:
    def before_init(nlp: Any) -> Any:
        table = spacy.load(source, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer",
                                             "ner"]).vocab.lookups.get_table("lexeme_norm")
        if nlp.vocab.lookups.has_table("lexeme_norm"):
            nlp.vocab.lookups.remove_table("lexeme_norm")
        nlp.vocab.lookups.set_table("lexeme_norm", table)
        return nlp

    return before_init


@spacy.registry.callbacks("newsdesk.copy_ner_tok2vec.v1")
def copy_ner_tok2vec(source: str, component: str = "ner") -> Callable[[Any], Any]:
    def after_init(nlp: Any) -> Any:
        src = spacy.load(source, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])
        old = src.get_pipe("ner").model.get_ref("tok2vec")
        new = nlp.get_pipe(component).model.get_ref("tok2vec")
        new.from_bytes(old.to_bytes())
        return nlp

    return after_init


@spacy.registry.augmenters("newsdesk.upper_case.v1")
def upper_case(level: float) -> Callable[[Any, Any], Iterator[Any]]:
    """Yield each training example, and with probability `level` also an all-caps copy (news headlines are often
    set in capitals: "STORM HITS DUBLIN"). The copy keeps the gold tokens and entities."""
    from spacy.tokens import Doc
    from spacy.training import Example

    def augment(nlp: Any, example: Any) -> Iterator[Any]:
        yield example
        if random.random() < level:
            ref = example.reference
            doc = Doc(nlp.vocab, words=[t.text.upper() for t in ref], spaces=[bool(t.whitespace_) for t in ref])
            gold = example.to_dict()
            gold["token_annotation"]["ORTH"] = [t.text.upper() for t in ref]
            yield Example.from_dict(doc, gold)

    return augment
