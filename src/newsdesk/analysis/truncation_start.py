"""truncation_start: a paragraph whose first words a republisher cut off, when it still opens on a
capital letter.

A paragraph opening in lower case is caught in `newsdesk.analysis.clean`. A cut that lands before a
capitalised word leaves a sentence that looks whole at a glance; English grammar still shows the lost
words in one shape, read here from the first sentence alone (no word list of any page): the tail of
an apposition. A single comma between a subject and its finite verb ("<noun phrase>, was fired …")
is the closing comma of an apposition or relative clause whose opening comma, and the subject before
it, were lost ("[Larry Brown, a former] NBA all-star while with the Sixers, was fired").

It abstains where that comma may be something else: after a verb (two clauses run together), after
a quotation mark (a quotation closing), after a connective adverb ("Smith however, was …"), after a
whole noun phrase opening on its determiner (a stray comma: "The bodies of …, were found"), and in
a question, where the verb comes before its subject ("As the war enters a new phase, can …?").
Tried and left out: a one-word name with an age ("Gomes, 35, is …") — news ledes write a surname
and an age often enough after a headline names the person that it flagged more whole paragraphs
than cut ones.
"""

from __future__ import annotations

import re

from newsdesk.analysis.line_shapes import FINITE_AUXILIARIES

#: Auxiliaries and copulas (`line_shapes.FINITE_AUXILIARIES`): a finite verb that needs a subject right before
#: it. A closed grammatical class, not the words of any page.
_FINITE = sorted(FINITE_AUXILIARIES)

#: "<words with no comma, stop or quotation mark>, <finite verb> …".
_APPOSITION_TAIL = re.compile(rf"^(?P<head>[^,.;:!?\"“”‘’()]{{3,}}?),\s+(?:{'|'.join(_FINITE)})\b")

#: Words that give the words before the comma a verb of their own (the comma may then join two
#: clauses), and connective adverbs, which a writer sets off with a comma after a subject.
_NOT_A_NOUN_PHRASE = frozenset([*_FINITE, *"be been being do said says".split(),
                                *"however meanwhile moreover though too also therefore instead".split()])

#: Determiners: a head opening on one is a whole noun phrase ("The bodies of Ms Reed and Miss Lane, were found"),
#: a writer's stray comma, while the tail of a cut apposition has lost its determiner with the words before it
#: ("[Tom Hale, a] harbour board aide …, was found"). A closed class.
_DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())

#: Longest head (in words) still read as the rest of a cut noun phrase.
_MAX_HEAD_WORDS = 12

#: The first sentence: up to the first stop, question or exclamation mark.
_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=[\s\"”’)]|$)|^.*$", re.DOTALL)


def lost_start(text: str) -> bool:
    """Whether a capitalised paragraph opening reads as the rest of a sentence whose first words were cut."""
    opening = text.lstrip()
    if not opening[:1].isupper():
        return False
    m = _APPOSITION_TAIL.match(opening)
    if m is None:
        return False
    first = _FIRST_SENTENCE.match(opening)
    if first is not None and first.group().rstrip("\"”’) ").endswith("?"):
        return False  # a question puts its verb before its subject
    words = m.group("head").split()
    if words[0].casefold() in _DETERMINERS:
        return False  # a whole noun phrase with its determiner: a subject set off by a stray comma
    return len(words) <= _MAX_HEAD_WORDS and not any(w.casefold() in _NOT_A_NOUN_PHRASE for w in words)
