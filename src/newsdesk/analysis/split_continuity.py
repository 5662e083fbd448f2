"""Whether a paragraph carries on the story above it by the names it repeats.

A report names a person in full once and then by the surname: after "Vancouver police spokesman Tim Fanning
said …" the next paragraph's "Fanning did not know …" is the same story, however much its vocabulary shifts
(from the shooting to the suspect's job), while a second report, even of the same event, introduces its people
afresh in full. So a paragraph that refers back by a bare name to one the text above introduced in full is
evidence against a cut that only the topic model asks for. The splitter weighs it
(`SplitConfig.continuity_extra`); cues of where a story sits (credits, datelines, bylines) are not affected.

Names are read by their form alone (a capitalised word of four letters or more, not opening a sentence or a
line, never a weekday, month or a word the page also writes in lower case), not from a list of names: any
outlet's story names its own.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

#: A capitalised word (Fanning, McDonald, O'Neill, TallGrass).
_CAPITALISED = re.compile(r"^[A-Z][a-z’'-]*[a-z](?:[A-Z][a-z]+)?$")
#: What ends a sentence or opens a quotation: a capital after it says nothing of a name.
_OPENS_SENTENCE = re.compile(r"(?:[.!?:;\"“”‘’'(\[—–-]|``|'')$")
_POSSESSIVE = re.compile(r"['’]s?$")
_CALENDAR = frozenset(w.casefold() for w in (*calendar.day_name, *calendar.month_name) if w)


def proper_names(text: str, lower_words: Iterable[str] = ()) -> set[str]:
    """The proper names `text` writes mid-sentence (four letters or more), minus calendar words and any word in
    `lower_words` (words the page also writes in lower case: a capital there marks a title, not a name)."""
    common = set(lower_words)
    out = set()
    for line in text.splitlines():
        tokens = line.split()
        for before, token in itertools.pairwise(tokens):
            name = _POSSESSIVE.sub("", token.strip(".,;:!?\"“”‘’()[]"))
            if len(name) < 4 or not _CAPITALISED.match(name) or _OPENS_SENTENCE.search(before):
                continue
            key = name.casefold()
            if key not in _CALENDAR and key not in common:
                out.add(name)
    return out


def lower_case_words(text: str) -> set[str]:
    """Every word the text writes wholly in lower case."""
    return set(re.findall(r"\b[a-z][a-z’'-]*\b", text))


def _forms(text: str, lower_words: set[str], page_names: set[str]) -> tuple[set[str], set[str]]:
    """The capitalised words `text` writes after another name ("Tim *Fanning*", "Kimani *Gray*": a full form)
    and those it writes bare, neither after nor before another name ("*Fanning* said", "*Gray*'s school"; not
    "*Russian* President"), possessives dropped. A word before a name introduces it only if it is a name too:
    never a word the page also writes in lower case (`lower_words`: "In", "The"), nor a sentence's first word
    the page never writes with a capital mid-sentence (`page_names`: "Although")."""
    full: set[str] = set()
    bare: set[str] = set()
    for line in text.splitlines():
        tokens = line.split()
        words = [_POSSESSIVE.sub("", t.strip(".,;:!?\"“”‘’()[]")) for t in tokens]
        capital = [bool(_CAPITALISED.match(w)) and w.casefold() not in lower_words for w in words]
        opens = [k == 0 or bool(_OPENS_SENTENCE.search(tokens[k - 1])) for k in range(len(tokens))]
        for k, word in enumerate(words):
            if not _CAPITALISED.match(word):
                continue
            # a token ending in punctuation ("Smith,") joins nothing after it
            after = k + 1 < len(words) and capital[k + 1] and tokens[k][-1:].isalpha()
            before = k > 0 and capital[k - 1] and tokens[k - 1][-1:].isalpha() and \
                (not opens[k - 1] or words[k - 1] in page_names)
            if before:
                full.add(word)
            elif not after:
                bare.add(word)
    return full, bare


def carried_names(above: str, below: str, page_names: set[str], lower_words: set[str]) -> set[str]:
    """The names the paragraph `below` refers back to: each introduced above in full ("Tim Fanning", "Kimani
    Gray") and written bare below ("Fanning did not know …", "Gray's school"), as a report refers again to whom
    it has named. A second report of the same event introduces its people afresh, in full: no carry-on.
    `page_names` (`proper_names` of the whole page) says which capitalised words are names at all, `lower_words`
    (`lower_case_words` of the page) which are only capitalised to open a sentence."""
    full_above, _ = _forms(above, lower_words, page_names)
    _, bare_below = _forms(below, lower_words, page_names)
    return full_above & bare_below & page_names


class Paragraph(Protocol):
    """What the check reads of a splitter's unit: its role (`body` for story text) and its text."""

    @property
    def role(self) -> str: ...

    @property
    def text(self) -> str: ...


def carries_on(units: Sequence[Paragraph], start: int, at: int, page_names: set[str],
               lower_words: set[str]) -> bool:
    """Whether the first body paragraph from unit `at` repeats a proper name of the body text of the story that
    runs from unit `start` to it."""
    above = "\n".join(u.text for u in units[start:at] if u.role == "body")
    below = next((u.text for u in units[at:] if u.role == "body"), "")
    return bool(carried_names(above, below, page_names, lower_words))
