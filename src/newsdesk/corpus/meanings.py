"""meanings: whether two common nouns can describe one thing, from WordNet's noun senses.

    related_nouns("attorney", "lawyer")      # True: one sense (synset) of both
    related_nouns("weapon", "gun")           # True: a gun is a kind of weapon (a hypernym within `depth`)
    related_nouns("guard", "prisoner")       # False
    described_alike("lawyer", True, ["the attorney", "attorneys"])   # True: "the attorney", of one number

Corpus linking (`newsdesk.corpus.entities`) joins two descriptions of one event by their head word; a report
that calls the thing by another word ("the attorney" / "the lawyer", "the guns" / "the weapons", "the
photographs" / "the photos") needs what the words mean, which no rule on their letters gives. The table
(models/noun_senses/senses.json, built from WordNet 3.0 by train/xdoc/wordnet_nouns.py) holds each noun's
first three senses and every hypernym above them. Only a noun's frequent senses count (rare readings make
unrelated words look alike), and a kind is the same thing as its instance only a step or two above it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from newsdesk.corpus.names import head_word, singular_noun

__all__ = ["NounSenses", "described_alike", "noun_senses", "related_nouns"]


#: WordNet's detachment rules for nouns (morphy(7WN)), tried in this order.
_DETACHMENTS = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
                ("ies", "y"), ("s", ""))


@dataclass(frozen=True, slots=True)
class NounSenses:
    """WordNet's noun senses: `words` a noun's first senses (numbers), `parents` each sense's hypernyms,
    `classes` each sense's lexicographer file number, `plurals` irregular plurals ("women" -> "woman")."""

    words: dict[str, tuple[int, ...]]
    parents: tuple[tuple[int, ...], ...]
    classes: tuple[int, ...]
    plurals: dict[str, str]

    def lemma(self, noun: str) -> str:
        """The noun case folded, a plural as its singular: an irregular one from WordNet's exception list
        ("mice"), else by WordNet's own detachment rules (morphy: "women", "churches"), when the table knows it."""
        word = noun.casefold()
        if word in self.words or word in self.plurals:
            return self.plurals.get(word, word)
        for ending, base in _DETACHMENTS:
            if word.endswith(ending) and (stem := word[:len(word) - len(ending)] + base) in self.words:
                return stem
        return word

    def senses(self, noun: str, first: int = 3) -> tuple[int, ...]:
        """The first `first` senses of a noun (none for a word the table lacks)."""
        return self.words.get(self.lemma(noun), ())[:max(0, first)]

    def above(self, sense: int, depth: int) -> set[int]:
        """The senses at most `depth` hypernym steps above `sense`, itself included."""
        found, frontier = {sense}, {sense}
        for _ in range(depth):
            frontier = {p for s in frontier for p in self.parents[s]} - found
            if not frontier:
                break
            found |= frontier
        return found


@cache
def noun_senses() -> NounSenses:
    """The packaged table; an empty one when it is absent (then only equal nouns are related)."""
    path = Path(str(resources.files("newsdesk").joinpath("models", "noun_senses", "senses.json")))
    if not path.is_file():
        return NounSenses({}, (), (), {})
    table = json.loads(path.read_text(encoding="utf-8"))
    return NounSenses({w: tuple(s) for w, s in table["words"].items()}, tuple(tuple(p) for p in table["parents"]),
                      tuple(table["classes"]), dict(table["plurals"]))


def related_nouns(a: str, b: str, first: int = 3, depth: int = 1, senses: NounSenses | None = None) -> bool:
    """Whether nouns `a` and `b` (singular) can name one thing: the same word, a sense in common among the
    first `first` of each, or a sense of one at most `depth` hypernym steps above one of the other's."""
    if senses is None:  # the packaged table: answers kept, as linking asks about the same heads again and again
        return _related_in_table(a, b, first, depth)
    return _related(a, b, first, depth, senses)


@lru_cache(maxsize=1 << 16)
def _related_in_table(a: str, b: str, first: int, depth: int) -> bool:
    return _related(a, b, first, depth, noun_senses())


def _related(a: str, b: str, first: int, depth: int, table: NounSenses) -> bool:
    if table.lemma(a) == table.lemma(b):
        return True
    mine, theirs = table.senses(a, first), table.senses(b, first)
    if not mine or not theirs:
        return False
    if set(mine) & set(theirs):
        return True
    return depth > 0 and any(s in table.above(t, depth) or t in table.above(s, depth) for s in mine for t in theirs)


def described_alike(head: str, singular: bool, forms: Iterable[str], first: int = 3, depth: int = 1,
                    number: bool = True, senses: NounSenses | None = None) -> bool:
    """Whether any of `forms` (common noun phrases) is headed by a noun related to `head` (`related_nouns`)
    and, with `number`, is as singular as `singular` says: "the gunman" is not "the weapons"'s kind, and one
    "officer" is not the "officials" of a report (a group and one of its members are two entities)."""
    return any(related_nouns(head, head_word(form), first, depth, senses)
               and (not number or singular_noun(form) == singular) for form in forms)
