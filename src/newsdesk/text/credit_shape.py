"""credit_shape: a credit line read by its shape, whatever its words, where the grammar says nothing.

The credit grammar (`newsdesk.text.credit`) knows phrasings. A line saying where a story came from
has a shape whatever its words: it is short, it tells no story (no quotation, no pronoun of a
narrative, no question), and it ends in a name-shaped slot (capitalised words, initials or a domain)
right after a preposition ("… carried by X") or a label's colon ("Content partner: X"), followed by
nothing but a year or rights words. Copyright lines are left to the grammar, which tells a site's
footer from a story's credit. Each class of evidence adds to a score with a hand-set weight:

* the slot at the line's end after a preposition or a label (required);
* a word of the publishing class before the slot: a credit word ("source", "courtesy") or a noun
  for a piece of text ("story", "article"); half as much for a past participle alone ("carried"),
  which passives of any kind have ("released by the police");
* a year or rights words after it;
* nothing before the slot but such words and small words: the line says nothing but where from;
* the slot shaped like an outlet: a known outlet, a domain, or a name whose head is a word news
  organisations are named with ("Valley Gazette");
* the name written elsewhere on the page in another credit-shaped line (a site repeats its template);
* against: a slot that may be a person ("Jane Doe"), a long line.

A line scoring `SHAPE_THRESHOLD` is read as a credit naming the story above it with weight
`SHAPE_CREDIT_WEIGHT`: below every grammar credit (4.0 and up), above a citation (0.25). Picture
credits, a site's platform ("Powered by X"), navigation ("Posted in World News"), follow and
subscribe lines are none: their slot is a platform or a section, or more words follow it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.text.credit_words import (
    CREDIT_CUES,
    CREDIT_GLUE,
    NOT_SOURCES,
    OUTLET_HEADS,
    SECTION_WORDS,
    WEEKDAYS,
)
from newsdesk.text.outlets import DOMAIN, is_domain, known_name
from newsdesk.text.places import place_names

#: What a credit read by its shape counts as origin evidence: less than any phrase of the grammar.
SHAPE_CREDIT_WEIGHT = 2.0
#: The score a line needs: the slot and three more classes of evidence, or two and a repeat on the page.
SHAPE_THRESHOLD = 3.0
#: A credit line is short: more words make it a sentence of the story.
MAX_WORDS = 14

_PREPOSITIONS = r"(?:on|at|from|by|via|of|in|for|with|to|through|courtesy)"
_NAME_WORD = r"(?:[A-Z0-9][\w'’&!+]*(?:[.-][\w'’&!+]+)*\.?)"
_NAME = rf"(?:{_NAME_WORD}(?:\s+(?:(?:of|and|for|the|&|de|la)\s+)*{_NAME_WORD}){{0,5}})"
# The slot: after a preposition (and "the"), a copyright sign or a year, a domain or a capitalised name.
_SLOT = re.compile(
    rf"(?:\b(?i:{_PREPOSITIONS})\s+|^[^:.!?©]{{1,30}}:\s*)(?P<name>{DOMAIN}(?![\w-])|(?:[Tt]he\s+)?{_NAME})")
# A copyright line is the grammar's to read, with the site's footers told apart (`newsdesk.text.credit`).
_COPYRIGHT = re.compile(r"(?i)©|\(c\)|\bcopyright\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RIGHTS = re.compile(r"(?i)\b(?:all\s+rights\s+reserved|rights\s+reserved|used\s+with\s+permission|"
                     r"with\s+permission|reprinted\s+with\s+permission)\b")
_TAIL_WORDS = re.compile(r"(?i)^(?:inc|ltd|llc|plc|limited|corp|co|gmbh)\.?$")
# A narrative sentence: pronouns of people and quotation marks do not stand in credit lines.
_NARRATIVE = re.compile(r"(?i)\b(?:he|she|they|them|his|her|hers|their|i|we|us|my|me|you|your|said|says)\b"
                        r"|[\"“”‘?!]|'\w")
# Lines that credit a picture or ask the reader to act: their slot is no source of the text.
_NOT_TEXT = re.compile(r"(?i)^\W*(?:cover|main|top|lead|header|powered|hosted|designed|developed|theme|sponsored|"
                       r"follow|subscribe|sign|join|like|share|download|listen|watch|contact|email|call|click|tap|"
                       r"tags?|filed|categor)|\b(?:photos?|photograph\w*|images?|pictures?|pics?|illustration|"
                       r"graphics?|video|audio|footage|file\s+image)\b")
_ARTICLE_NOUNS = frozenset("article story post piece report content item column text entry feature dispatch "
                           "copy release news".split())
_CALENDAR = frozenset("january february march april may june july august september october november december "
                      "jan feb mar apr jun jul aug sep sept oct nov dec".split()) | WEEKDAYS
# Small words that hold a credit together; "more", "read", "see", "visit" are a link's words ("More from X").
_SMALL = (CREDIT_GLUE - {"more", "read", "see", "visit", "full"}) | set(
    "on at from by via of in for with to through behalf".split()) | {""}
_IRREGULAR_PARTICIPLES = frozenset("written run ran seen shown given sent taken drawn brought made".split())


@dataclass(frozen=True, slots=True)
class ShapeReading:
    """A line read as a credit by its shape: where its outlet slot is (offsets into the line), what it
    holds, and the score and the classes of evidence that made it."""

    slot_start: int
    slot_end: int
    surface: str
    score: float
    reasons: tuple[str, ...]


def _text_word(word: str) -> bool:
    """A credit word or a noun for a piece of text: what a line saying where a text came from is made of."""
    w = word.casefold().strip(".,:;")
    return w in CREDIT_CUES or w in _ARTICLE_NOUNS


def _participle(word: str) -> bool:
    """A past participle ("carried", "written"): the verb of a passive saying who did something."""
    w = word.casefold().strip(".,:;")
    return (len(w) > 3 and w.endswith("ed")) or w in _IRREGULAR_PARTICIPLES


def _tail_clean(tail: str) -> tuple[bool, bool]:
    """Whether only a year, rights words, a company suffix or punctuation follow the slot; and whether
    a year or rights words are among them."""
    rest = _RIGHTS.sub(" ", tail)
    marked = rest != tail
    rest = _YEAR.sub(" ", rest)
    marked = marked or bool(_YEAR.search(tail))
    words = [w for w in re.split(r"[\s.,;:|()\[\]–—-]+", rest) if w]
    return all(_TAIL_WORDS.match(w) for w in words), marked


def _slot_kind(surface: str) -> str | None:
    """What the slot holds: 'outlet' (known, a domain or headed like an outlet), 'person' (two
    capitalised words, as a person's name is), 'name' (another name), or None (no source at all:
    a platform, a place, a section, a date, a number)."""
    folded = surface.casefold().removeprefix("the ")
    words = re.findall(r"[\w'’&]+", folded)
    if not words or folded in NOT_SOURCES or words[0] in NOT_SOURCES or folded in place_names():
        return None
    if (surface[:1].isdigit() or any(w in _CALENDAR or w.isdigit() for w in words)) and not is_domain(surface):
        return None  # a date ("April 8"), a number: no outlet
    if known_name(surface) or is_domain(surface):
        return "outlet"
    if all(w in SECTION_WORDS or w in OUTLET_HEADS or w in CREDIT_GLUE for w in words):
        return None  # "World News", "Local": which kind of page, not which outlet
    if any(w in OUTLET_HEADS for w in words[1:] or words):
        return "outlet"
    if len(words) == 2 and not surface.isupper():
        return "person"
    return "name"


def read_credit_shape(line: str, names_on_page: Iterable[str] = ()) -> ShapeReading | None:
    """The credit a short line is by its shape (see the module doc), or None when its score is
    below `SHAPE_THRESHOLD`. Offsets are into `line`."""
    text = line.strip()
    words = text.split()
    if (not 2 <= len(words) <= MAX_WORDS or "\n" in text or _NARRATIVE.search(text) or _NOT_TEXT.search(text)
            or _COPYRIGHT.search(text)):
        return None
    lead = len(line) - len(line.lstrip())
    pool = {n.casefold() for n in names_on_page}
    best: ShapeReading | None = None
    # Slots may overlap ("WITH PERMISSION OF LANTERN BLOG" holds two): each is tried.
    found = (_SLOT.search(text, at) for at in [0, *(w.end() for w in re.finditer(r"\s+", text))])
    for m in {m.span("name"): m for m in found if m is not None}.values():
        # a name ends at a sentence's end ("Valley Times. All rights reserved.")
        surface = re.split(r"\.\s", m.group("name"))[0].rstrip(".")
        tail_ok, marked = _tail_clean(text[m.start("name") + len(surface):])
        kind = _slot_kind(surface)
        if not tail_ok or kind is None:
            continue
        before = text[:m.start()].split()
        reasons = ["a name-shaped slot ends the line"]
        score = 1.0
        said = [*before, *m.group()[:m.start("name") - m.start()].split()]
        if any(_text_word(w) for w in said):
            score += 1.0
            reasons.append("a word of publishing or a text's noun before it")
        elif any(_participle(w) for w in said):
            score += 0.5  # "released by", "made available by": said of statements and goods as well
            reasons.append("a past participle before it")
        if said and all(_text_word(w) or _participle(w) or w.casefold().strip(".,:;-–—") in _SMALL for w in said):
            score += 1.0
            reasons.append("nothing but words of publishing and small words before it")
        if marked:
            score += 1.0
            reasons.append("a year or rights words after it")
        if kind == "outlet":
            score += 1.0
            reasons.append("the slot is shaped like an outlet")
        elif kind == "person":
            score -= 1.0
            reasons.append("the slot may be a person")
        if surface.casefold() in pool:
            score += 0.5
            reasons.append("the page names it elsewhere")
        if len(words) > 10:
            score -= 1.0
            reasons.append("long for a credit line")
        reading = ShapeReading(lead + m.start("name"), lead + m.start("name") + len(surface), surface, score,
                               tuple(reasons))
        if best is None or reading.score >= best.score:  # on a tie the later slot: an earlier one runs on
            best = reading
    return best if best is not None and best.score >= SHAPE_THRESHOLD else None
