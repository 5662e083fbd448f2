"""Whether a paragraph carries on the story above it by the names it repeats.

A report names a person in full once and then by the surname: after "Vancouver police spokesman Tim Fanning
said …" the next paragraph's "Fanning did not know …" is the same story, however much its vocabulary shifts
(from the shooting to the suspect's job), while a second report, even of the same event, introduces its people
afresh in full. So a paragraph that refers back by a bare name to one the text above introduced in full is
evidence against a cut that only the topic model asks for. The splitter weighs it
(`SplitConfig.continuity_extra`); cues of where a story sits (credits, datelines, bylines) are not affected.

Two more readings of the same kind, for a gap where nothing but the text stands (`carries_across`,
`names_run_through`): a sentence or quotation left open above and closed below, and names both sides keep
writing. A stitched page puts one report's end (nothing left open) before another's start (its own people).

Names are read by their form alone (a capitalised word of four letters or more, not opening a sentence or a
line, never a weekday, month or a word the page also writes in lower case), not from a list of names: any
outlet's story names its own.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

#: A capitalised word (Fanning, McDonald, O'Neill, TallGrass).
_CAPITALISED = re.compile(r"^[A-Z][a-z’'-]*[a-z](?:[A-Z][a-z]+)?$")
#: What ends a sentence or opens a quotation: a capital after it says nothing of a name.
_OPENS_SENTENCE = re.compile(r"(?:[.!?:;\"“”‘’'(\[—–-]|``|'')$")
_POSSESSIVE = re.compile(r"['’]s?$")
_CALENDAR = frozenset(w.casefold() for w in (*calendar.day_name, *calendar.month_name) if w)


def proper_names(text: str, lower_words: Iterable[str] = (), shortest: int = 4) -> set[str]:
    """The proper names `text` writes mid-sentence (`shortest` letters or more), minus calendar words and any word
    in `lower_words` (words the page also writes in lower case: a capital there marks a title, not a name)."""
    common = set(lower_words)
    out = set()
    for line in text.splitlines():
        tokens = line.split()
        for before, token in itertools.pairwise(tokens):
            name = _POSSESSIVE.sub("", token.strip(".,;:!?\"“”‘’()[]"))
            if len(name) < shortest or not _CAPITALISED.match(name) or _OPENS_SENTENCE.search(before):
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


def reintroduced_names(above: str, below: str, page_names: set[str], lower_words: set[str]) -> set[str]:
    """The names the first sentence of the paragraph `below` introduces in full ("Pierre Thomas was placed on
    injured reserve") that the text `above` already wrote bare ("Thomas", never "Pierre Thomas" only): a report
    goes on with the bare name, so naming its bearer afresh is a second report of the same event beginning.
    Only the sentence's first `OPENING_WORDS` words are read.
    A place written whole everywhere ("New Orleans") is never bare above and counts for nothing."""
    first = _FIRST_SENTENCE.match(below.lstrip())
    # the opening words only: a report's lead names its subject early, a later clause may name anyone
    opening = " ".join((first.group() if first else below).split()[:OPENING_WORDS])
    # a title and the surname ("Miss Jenkin") refers back as the bare surname does
    opening = _HONORIFIC.sub("", opening)
    full_below, _ = _forms(opening, lower_words, page_names)
    _, bare_above = _forms(above, lower_words, page_names)
    return full_below & bare_above & page_names


#: Titles of address: with a surname they refer back to someone named before, not name them afresh.
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord)\.?\s+(?=[A-Z])")
#: How many words of a paragraph's first sentence `reintroduced_names` reads.
OPENING_WORDS = 12
#: A paragraph's first sentence: up to the first full stop, question or exclamation mark before a space.
_FIRST_SENTENCE = re.compile(r".+?(?:[.!?][\"”’')]*(?=\s)|$)", re.DOTALL)


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


# -- a sentence or a quotation left open across the gap
#: Marks that open or close a quotation: curly, and the treebank's ``…'' (as tokenised corpora write them).
_OPENERS = ("“", "``")
_CLOSERS = ("”", "''")
_QUOTE_MARK = re.compile(r"``|''|[“”\"]")
#: A block that ends here leaves its sentence open: a comma, semicolon or dash. Not a colon, which
#: introduces what follows ("Full article from X below:"), nor an ellipsis, which may mark a cut ("… for…").
_OPEN_END = re.compile(r"[,;–—-][\"”'’)]*$")
#: ... and an ellipsis that trails off inside a quotation ("… we're all in shock . . ." then "and I lost …").
_TRAILING = re.compile(r"(?:\.\s?\.\s?\.|…)$")


def quotation_open(text: str) -> bool:
    """Whether a quotation opened in `text` is still open at its end (“, `` open and ”, '' close; a
    straight " opens or closes as it falls)."""
    state = False
    for m in _QUOTE_MARK.finditer(text):
        mark = m.group()
        state = True if mark in _OPENERS else False if mark in _CLOSERS else not state
    return state


def closes_quotation(text: str) -> bool:
    """Whether `text` starts inside a quotation that it then closes: its first quote mark closes one (”, ''),
    or its straight quote marks are odd in number and none opens it."""
    marks = [m.group() for m in _QUOTE_MARK.finditer(text)]
    if not marks or text.lstrip()[:1] in ("“", '"', "`"):
        return False
    if marks[0] in _CLOSERS:
        return True
    return marks[0] == '"' and len([m for m in marks if m == '"']) % 2 == 1


def carries_across(above: str, below: str) -> bool:
    """Whether the paragraph `below` goes on with a sentence or a quotation the text `above` left open: the
    quotation opened above closes below ("“Lindsay is grateful … Center." then "She has completed …,” Holley
    said"), or above stops on a comma, semicolon or dash (or trails off in an ellipsis inside a quotation) and
    below goes on in lower case ("… Brandau;" then "he also was convicted …"). A stitched page that cuts a
    report mid-sentence puts it after another report's end, which leaves nothing open; a text that leaves a
    sentence or quotation open and closes it in the next paragraph is one text."""
    quoting = quotation_open(above)
    if quoting and closes_quotation(below):
        return True
    end = above.rstrip()
    opened = bool(_OPEN_END.search(end)) or (quoting and bool(_TRAILING.search(end)))
    return opened and bool(re.match(r"[a-z]+\b", below.lstrip()))


# -- names that run through both sides
def paragraph_names(text: str, page_names: set[str], lower_words: set[str]) -> frozenset[str]:
    """The page's names (`proper_names` of the whole page) one paragraph writes."""
    return frozenset(proper_names(text, lower_words) & page_names)


def block_names(paragraphs: Iterable[Collection[str]]) -> Counter[str]:
    """In how many paragraphs each name is written, given each paragraph's names (`paragraph_names`)."""
    out: Counter[str] = Counter()
    for names in paragraphs:
        out.update(names)
    return out


def names_run_through(above: Counter[str], below: Counter[str], *, distinct: int, mentions: int,
                      ignore: Collection[str] = ()) -> set[str]:
    """The names both sides of a gap write (`block_names` of each), where they say the two sides are one story:
    at least `distinct` names shared, or one shared name written in at least `mentions` paragraphs of the two
    sides together (the story's subject: "Bettie Page" all through a profile). Names in `ignore` (an outlet's
    words: "Associated" of "The Associated Press") say who reports, not what about. Empty when neither holds:
    two reports that happen to name one place or one first name are not one story for it."""
    shared = {n for n in above.keys() & below.keys() if n.casefold() not in ignore}
    if len(shared) >= distinct or any(above[n] + below[n] >= mentions for n in shared):
        return shared
    return set()
