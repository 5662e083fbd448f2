"""credit_shape: a credit line read by its shape, whatever its words, where the grammar says nothing.

The credit grammar (`newsdesk.text.credit`) knows phrasings. A line saying where a story came from
has a shape whatever its words: it is short, it tells no story (no quotation, no pronoun of a
narrative, no question), and it ends in a name-shaped slot (capitalised words, initials or a domain)
right after a preposition ("… carried by X") or a label's colon ("Content partner: X"), followed by
nothing but a year, rights words, a link or clauses of crediting ("… under a Creative Commons
licence.", "… and is reprinted with permission."), when and where the text ran (a date, "3h ago",
"page 52") or the outlet's own domain in brackets; or it opens with the slot and says nothing after
it but words of crediting ("X contributed to this report."), never those a citation says ("X first
reported"). A note's label before it ("Editor's note:") is no part of it, nor a caption or a
translator's note beside it in a line of parts ("A file image | Report originally by X"). Copyright
lines are left to the grammar, which tells a site's footer from a story's credit, unless they say a
credit's words besides the rights ("Reproduced under licence from X. Copyright 2013."). Each class of
evidence adds to a score with a hand-set weight:

* the slot at the line's end after a preposition or a label, or at its start (required);
* a word of the publishing class beside the slot: a credit word ("source", "courtesy"), a word made
  from a verb of publishing ("publisher", "distributor"), a noun for a piece of text ("story") or a
  journalist's role ("… is a correspondent for X");
  half as much for a past participle alone ("carried"), which passives of any kind have;
* a year or rights words after it;
* nothing else beside the slot but such words and small words; a link's words ("read the full
  story at") where a noun for a text is among them; an intermediary's name after a preposition
  ("Distributed by Quillnet on behalf of X") where a credit word is;
* the slot shaped like an outlet: a known outlet, a domain, or a name whose head is a word news
  organisations are named with ("Valley Gazette");
* the name written elsewhere on the page in another credit-shaped line (a site repeats its template);
* against: a slot that may be a person (two plain capitalised words: not after "the", nor with a
  digit, initials or a word outlets and their beats are named with), a long line.

A slot never opens with a credit's own words ("BEHALF OF X", "From X"), nor is a unit of the site
("Web Desk"), nor follows "for" after a verb of making other than writing ("Media monitoring report
prepared for X" names the client the text was made for, not its source). A line scoring
`SHAPE_THRESHOLD` is read as a credit naming the story above it with weight `SHAPE_CREDIT_WEIGHT`, more
for each point above (`ShapeReading.weight`), up to
`SHAPE_CREDIT_MAX_WEIGHT`: below a wire dateline (3.0) and every grammar credit (4.0 and up), above a
citation (0.25). Picture credits, a site's platform ("Powered by X"), navigation ("Posted in World
News"), follow and subscribe lines are none: their slot is a platform or a section, or more words
follow it. Outlet names are written as `newsdesk.text.credit_names` says, for the grammar too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.text.credit_marks import NOTE_LABEL
from newsdesk.text.credit_names import SLOT_NAME
from newsdesk.text.credit_words import (
    CREDIT_CUES,
    CREDIT_GLUE,
    NOT_SOURCES,
    OUTLET_HEADS,
    ROLE_QUALIFIERS,
    SECTION_WORDS,
    WEEKDAYS,
)
from newsdesk.text.outlets import DOMAIN, is_domain, known_name
from newsdesk.text.places import place_names

#: What a credit read by its shape counts as origin evidence at `SHAPE_THRESHOLD`: less than any phrase
#: of the grammar. Each point of score above it adds `SHAPE_WEIGHT_PER_POINT`, up to `SHAPE_CREDIT_MAX_WEIGHT`.
SHAPE_CREDIT_WEIGHT = 2.0
SHAPE_WEIGHT_PER_POINT = 0.5
#: A credit read by its shape never counts as much as a wire dateline (3.0) or a grammar credit (4.0 and up).
SHAPE_CREDIT_MAX_WEIGHT = 2.75
#: The score a line needs: the slot and three more classes of evidence, or two and a repeat on the page.
SHAPE_THRESHOLD = 3.0
#: A credit line is short: more words make it a sentence of the story.
MAX_WORDS = 14

_PREPOSITIONS = r"(?:on|at|from|by|via|of|in|for|with|to|through|courtesy)"
# The slot: after a preposition (and "the"), a copyright sign or a year, a domain or a capitalised name.
_SLOT = re.compile(
    rf"(?:\b(?i:{_PREPOSITIONS})\s+|^[^:.!?©]{{1,30}}:\s*|[,;]\s*(?i:source|sources|credit|via|original)\s*:\s*|(?i:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s+)?)(?P<name>{DOMAIN}(?![\w-])|(?:[Tt]he\s+)?{SLOT_NAME})")
# A slot opening the line: a domain or a capitalised name, and what follows it after a colon or a dash.
_HEAD_SLOT = re.compile(rf"^(?P<name>{DOMAIN}(?![\w-])|(?:[Tt]he\s+)?{SLOT_NAME})(?=\s*[:,–—-]?\s+[a-z])")
# A copyright line is the grammar's to read, with the site's footers told apart (`newsdesk.text.credit`).
_COPYRIGHT = re.compile(r"(?i)©|\(c\)|\bcopyright\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RIGHTS = re.compile(r"(?i)\b(?:all\s+rights\s+reserved|rights\s+reserved|used\s+with\s+permission|"
                     r"with\s+permission|reprinted\s+with\s+permission)\b")
# A link after the slot is more of its address ("x.com: https://x.com/…").
_LINK = re.compile(r"(?i)(?:https?://|www\.)\S*")
_LICENCE = re.compile(r"(?i)\blicen[cs]e[ds]?\b")
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# When and where the credited text ran, after the slot: a date ("on 2013-08-04", ", March 15, 2022", "1 March
# 2022"), the time since it was posted ("| 3h ago", "| yesterday"), the print page ("page 52", "| Page 34").
# They say when the outlet published it, not who else did.
_WHEN = re.compile(
    rf"(?i)(?:\b(?:on|at|in|dated|updated)\s+)?(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?|"
    rf"{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|(?:yesterday|today|just\s+now)\b|"
    r"\d{1,3}\s*(?:s|secs?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s+ago\b|"
    r"\b(?:page|p\.|pg\.?)\s*[A-Z]?\d{1,4}[A-Z]?\b)")
# The outlet's own domain in brackets after its name ("X (x.net)"), or "below": where its text is, no other source.
_ASIDE = re.compile(rf"(?i)\(\s*{DOMAIN}\s*\)|\bbelow\b")
# The breaks between the parts of a line that are each a line of their own: a caption and then its credit
# ("Officials at the site | Report originally by X"), a credit and then a translator's note.
_SEGMENT_BREAK = re.compile(r"\s+[|·•]\s+|(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
# Verbs of copying a text from somewhere: the line says the text above is another's ("Article text copied from X").
_COPY_VERBS = frozenset("copied clipped excerpted lifted translated reposted mirrored archived".split())
# A clause after the slot: "and …", "under …", or a sentence of its own.
_TAIL_CLAUSE = re.compile(r"(?i)(?:\b(?:and|under|with)\b[^.;]*|(?<=[.;])\s*[^.;]+)")
_CLAUSE_WORDS = frozenset("is are was were here under and terms".split())
# A clause after the slot saying whom the copy is for ("… for those behind the paywall", "… for readers
# without a subscription"): its readers, not another source. Only after a verb of copying ("copied from X").
_FOR_READERS = re.compile(r"(?i)^\s*for\s+(?:the\s+)?(?:those|anyone|everyone|readers|subscribers|people|"
                          r"non-subscribers|members)\b[^.;]*[.;]?\s*$")
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
                           "copy release news version edition".split())
# A link's words: small words of a credit only where a noun for a text says what the link leads to
# ("Read the full story at X"), not alone ("More from X", "See more at X").
_LINK_WORDS = frozenset("more read reading see visit full view continue".split())
# The endings a noun of agency or an action takes on a verb's stem: "publisher", "distributor" and
# "provider" are said of a text as "published", "distributed" and "provided" are.
_STEM_ENDINGS = re.compile(r"(?:ers?|ors?|ings?|ions?|ed|es|s|e)$")
_CALENDAR = frozenset("january february march april may june july august september october november december "
                      "jan feb mar apr jun jul aug sep sept oct nov dec".split()) | WEEKDAYS
# Small words that hold a credit together; "more", "read", "see", "visit" are a link's words ("More from X").
_SMALL = (CREDIT_GLUE - {"more", "read", "see", "visit", "full"}) | set(
    "on at from by via of in for with to through behalf".split()) | {""}
# A journalist's role: "Jane Doe is a reporter for X", "Correspondent for X" say whose staff wrote the text.
_NEWS_ROLES = frozenset("writer writers reporter reporters correspondent correspondents contributor contributors "
                        "columnist journalist journalists editor editors".split())
_UNIT_WORDS = frozenset("desk desks team staff newsroom".split())  # a site's own units
_CITING_WORDS = frozenset("first original originally wrote writes cited quoted broke".split())
_PREPOSITION_WORDS = frozenset("on at from by via of for with through in".split())
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

    @property
    def weight(self) -> float:
        """What the reading counts as origin evidence: more the more classes of evidence agree (a line
        that is nothing but credit words and an outlet-shaped name), always below the grammar's credits."""
        extra = SHAPE_WEIGHT_PER_POINT * max(0.0, self.score - SHAPE_THRESHOLD)
        return min(SHAPE_CREDIT_MAX_WEIGHT, SHAPE_CREDIT_WEIGHT + extra)


def _text_word(word: str) -> bool:
    """A credit word or a noun for a piece of text: what a line saying where a text came from is made of."""
    w = word.casefold().strip(".,:;")
    # a plural of a credit word or a text's noun ("partners", "stories") is that word
    single = w[:-1] if w.endswith("s") and len(w) > 4 else w
    return (w in CREDIT_CUES or w in _ARTICLE_NOUNS or w in _NEWS_ROLES or w in _COPY_VERBS or single in CREDIT_CUES
            or single in _ARTICLE_NOUNS or (len(w) > 5 and _stem(w) in _CUE_STEMS))


def _stem(word: str) -> str:
    """A word without the ending of a noun of agency, an action or a participle ("publisher" → "publish")."""
    return _STEM_ENDINGS.sub("", word)


# The stems of the credit words that are verbs of publishing, their participles ("published" →
# "publish"; not "reserved", a word of rights), long enough that a stem says which verb it is.
_CUE_STEMS = frozenset(_stem(w) for w in CREDIT_CUES if w.endswith("ed") and w != "reserved" and len(_stem(w)) >= 5)


def _small(word: str, said: list[str]) -> bool:
    """A small word of a credit; a link's word only where a noun for a text is said too ("Read the full
    story at X"); a capitalised name only right after a preposition, an intermediary of a chain
    ("Distributed by Newstex on behalf of X")."""
    w = word.casefold().strip(".,:;-–—")
    if w in _SMALL:
        return True
    if w in _LINK_WORDS:
        return any(_text_word(v) for v in said)
    return word in _chained(said)


def _chained(said: list[str]) -> set[str]:
    """The capitalised words of a name that follows a preposition before the slot: the intermediary in
    "Distributed by Newstex on behalf of X", "Carried via Vantor Wire from X"."""
    chain: set[str] = set()
    after_preposition = False
    for word in said:
        bare = word.strip(".,:;")
        if bare.casefold() in _PREPOSITION_WORDS:
            after_preposition = True
        elif after_preposition and bare[:1].isupper():
            chain.add(word)
        else:
            after_preposition = False
    return chain


def _participle(word: str) -> bool:
    """A past participle ("carried", "written"): the verb of a passive saying who did something."""
    w = word.casefold().strip(".,:;")
    return (len(w) > 3 and w.endswith("ed")) or w in _IRREGULAR_PARTICIPLES


def _tail_clean(tail: str) -> tuple[bool, bool]:
    """Whether only a year, rights words, a company suffix, a link or more words of crediting follow
    the slot; and whether a year, rights words or a licence are among them."""
    rest = _ASIDE.sub(" ", _WHEN.sub(" ", _LINK.sub(" ", tail)))
    marked = bool(_RIGHTS.search(tail) or _YEAR.search(tail) or _WHEN.search(tail))
    # A clause or sentence of crediting after the slot ("… under a Creative Commons licence. Read the
    # original article.", "… and is reprinted with permission."): made of credit words and small words.
    for clause in _TAIL_CLAUSE.findall(rest):
        if _credit_clause(clause):
            rest = rest.replace(clause, " ", 1)
            marked = marked or _LICENCE.search(clause) is not None
    rest = _COPYRIGHT.sub(" ", _YEAR.sub(" ", _RIGHTS.sub(" ", rest)))
    words = [w for w in re.split(r"[\s.,;:|()\[\]–—-]+", rest) if w]
    return all(_TAIL_WORDS.match(w) for w in words), marked


def _credit_clause(clause: str) -> bool:
    """Whether a clause says only how a text is published: credit words (at least one) and small words,
    and at most two capitalised words, as in a licence's name ("under a Creative Commons licence")."""
    words = [w.strip(".,;:") for w in clause.split() if w.strip(".,;:")]
    if not words or not any(_text_word(w) or _participle(w) for w in words):
        return False
    odd = [w for w in words if not (_text_word(w) or _participle(w) or w.casefold() in _SMALL
                                     or w.casefold() in _LINK_WORDS or w.casefold() in _CLAUSE_WORDS)]
    licence = _LICENCE.search(clause) is not None
    return len(odd) <= (2 if licence else 0) and all(w[:1].isupper() for w in odd)


def _slot_kind(surface: str) -> str | None:
    """What the slot holds: 'outlet' (known, a domain or headed like an outlet), 'person' (two
    capitalised words, as a person's name is), 'name' (another name), or None (no source at all:
    a platform, a place, a section, a date, a number)."""
    folded = surface.casefold().removeprefix("the ")
    words = re.findall(r"[\w'’&]+", folded)
    # A brand written as one word of capitalised parts ("HarbourNews") is headed by its last part.
    parts = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", surface).casefold().split()
    if not words or folded in NOT_SOURCES or words[0] in NOT_SOURCES or folded in place_names():
        return None
    if "/" in surface and not (known_name(surface) or is_domain(surface)):
        return None  # "Jane Doe/Harbour Wire": a picture's credit, as the grammar reads it too
    if words[0] in _SMALL or words[0] in CREDIT_CUES:
        return None  # "BEHALF OF THE TIMES", "From Harbour Daily": a credit's own words, capitalised
    if (surface[:1].isdigit() or any(w in _CALENDAR or w.isdigit() for w in words)) and not is_domain(surface):
        return None  # a date ("April 8"), a number: no outlet
    if known_name(surface) or is_domain(surface):
        return "outlet"
    if all(w in SECTION_WORDS or w in OUTLET_HEADS or w in CREDIT_GLUE for w in words):
        return None  # "World News", "Local": which kind of page, not which outlet
    if words[-1] in _UNIT_WORDS and not any(w in OUTLET_HEADS and w not in _UNIT_WORDS for w in words[:-1]):
        return None  # "Web Desk", "Metro Team": a unit of the site itself, not an outlet
    if any(w in OUTLET_HEADS for w in words[1:] or words) or (len(parts) > len(words) and parts[-1] in OUTLET_HEADS):
        return "outlet"
    # Not a person's name: one after an article ("The Harbour Lantern"), with a word outlets or their
    # beats are named with ("Daily Harbour", "Harbour Sports"), a digit or initials ("HKX10 Harbour").
    beat = any(w in OUTLET_HEADS or w in SECTION_WORDS or w in ROLE_QUALIFIERS for w in words) or any(
        c.isdigit() for c in surface) or any(len(w) >= 3 and w.isupper() for w in surface.split())
    if len(words) == 2 and not surface.isupper() and not surface.casefold().startswith("the ") and not beat:
        return "person"
    return "name"


def read_credit_shape(line: str, names_on_page: Iterable[str] = (), *, segmented: bool = True) -> ShapeReading | None:
    """The credit a short line is by its shape (see the module doc), or None when its score is
    below `SHAPE_THRESHOLD`. Offsets are into `line`. A line of parts (`_SEGMENT_BREAK`) whose whole
    is no credit may end in one, unless `segmented` is False."""
    text = line.strip()
    words = text.split()
    label = NOTE_LABEL.match(text)  # "Editor's note: …" is a label before the credit, not part of it
    if label and label.end() < len(text):
        return _shifted(read_credit_shape(text[label.end():], names_on_page, segmented=segmented),
                        len(line) - len(line.lstrip()) + label.end())
    # The line may run on past the slot in clauses of crediting ("… under a Creative Commons licence."):
    # the words up to the slot's end are held to `MAX_WORDS` below.
    if not 2 <= len(words) <= 2 * MAX_WORDS or "\n" in text or _NARRATIVE.search(text) or (
            _COPYRIGHT.search(text) and not _credited_copy(text)):
        return None
    # A whole line crediting a text with its picture is the text's credit; after a caption's words it is
    # the caption's, which the cleaner reads.
    if _NOT_TEXT.search(text) and not (segmented and _text_and_picture(text)):
        # a caption before the text's credit ("A file image | Report originally by X"): a part that names
        # the text, as a picture's own credit ("File image. Credit: X") does not
        return _shifted(_best_segment(text, pool_of(names_on_page), names_text=True),
                        len(line) - len(line.lstrip())) if segmented else None
    lead = len(line) - len(line.lstrip())
    pool = pool_of(names_on_page)
    best = _head_slot(text, pool)
    # Slots may overlap ("WITH PERMISSION OF LANTERN BLOG" holds two): each is tried.
    found = (_SLOT.search(text, at) for at in [0, *(w.end() for w in re.finditer(r"\s+", text))])
    for m in {m.span("name"): m for m in found if m is not None}.values():
        # a name ends at a sentence's end ("Valley Times. All rights reserved.")
        surface = re.split(r"\.\s", m.group("name"))[0].rstrip(".")
        tail = text[m.start("name") + len(surface):]
        said_before = text[:m.start("name")].split()
        if any(w.casefold() in _COPY_VERBS for w in said_before) and _FOR_READERS.match(tail):
            tail = ""  # the readers the copy was made for say nothing of where it came from
        tail_ok, marked = _tail_clean(tail)
        kind = _slot_kind(surface)
        upto = len(text[:m.start("name") + len(surface)].split())
        if not tail_ok or kind is None or upto > MAX_WORDS:
            continue
        if kind == "person" and _WHEN.search(text[m.end("name"):]):
            continue  # "Posted by Jane Doe on May 3": a post's byline, its writer and day, no source
        said = [*text[:m.start()].split(), *m.group()[:m.start("name") - m.start()].split()]
        if _for_whom(said):
            continue
        score, reasons = _score(surface, kind, said, marked, upto, pool, "a name-shaped slot ends the line")
        reading = ShapeReading(m.start("name"), m.start("name") + len(surface), surface, score, reasons)
        # On a tie the later slot, as an earlier one runs on ("… BY X ON BEHALF OF Y"), unless both end
        # where the line does and the earlier holds the later ("THE TIMES OF HARBOURVILLE").
        if best is None or reading.score > best.score or (reading.score == best.score and (
                reading.slot_end > best.slot_end or reading.slot_start < best.slot_start)):
            best = reading
    if (best is None or best.score < SHAPE_THRESHOLD) and segmented:
        best = _best_segment(text, pool) or best
    return _shifted(best, lead) if best is not None and best.score >= SHAPE_THRESHOLD else None


# A text and its picture credited together ("Story and photo courtesy of X", "Text and images by X").
_TEXT_AND_PICTURE = re.compile(r"(?i)^\W*(?:story|article|text|report|words)\s+(?:and|&)\s+"
                               r"(?:photos?|images?|pictures?|pics?|video)\b")


def _text_and_picture(text: str) -> bool:
    """Whether the line credits a text along with its picture: then it is the text's credit too."""
    return _TEXT_AND_PICTURE.match(text) is not None


def pool_of(names_on_page: Iterable[str]) -> set[str]:
    """The names on the page, folded as slots are compared with them."""
    return {n.casefold() for n in names_on_page}


def _credited_copy(text: str) -> bool:
    """Whether a line with a copyright sign says more than a site's rights notice: a word of a text's
    credit besides the rights words ("Reproduced under licence from X. Copyright 2013.", "Copyright 2013 X.
    Used with permission.", "Original text (German) © 2013 X."), and no prohibition, which a site's own
    footer says ("Republication without permission prohibited")."""
    tokens = text.split()
    words = [w.casefold().strip(".,:;()") for w in tokens]
    if any(w in _PROHIBITIONS for w in words):
        return False
    # a sentence's words, not a name's ("© 2022 Harbour News" says nothing but the holder)
    said = [w for i, (w, token) in enumerate(zip(words, tokens, strict=True))
            if token[:1].islower() or i == 0 or tokens[i - 1].endswith(".")]
    return any(_text_word(w) and w not in _RIGHTS_WORDS for w in said)


_PROHIBITIONS = frozenset("without prohibited not may must no unauthorized unauthorised".split())
_RIGHTS_WORDS = frozenset("copyright © rights reserved all".split())


def _best_segment(text: str, pool: set[str], *, names_text: bool = False) -> ShapeReading | None:
    """The best reading of one part of a line of parts ("Officials at the site | Report originally by X",
    "Originally published on x.com. Translation by Jane Doe."), read as a line of its own: only one that
    says a word of publishing or names a text, as a story's sentence rarely does; after the first part, or
    anywhere where `names_text`, only one that names the text ("Report originally by X"), as a picture's
    credit beside its caption does not."""
    best: ShapeReading | None = None
    starts = [0, *(m.end() for m in _SEGMENT_BREAK.finditer(text))]
    ends = [m.start() for m in _SEGMENT_BREAK.finditer(text)] + [len(text)]
    if len(starts) < 2:
        return None
    for start, end in zip(starts, ends, strict=True):
        reading = _shifted(read_credit_shape(text[start:end], pool, segmented=False), start)
        if reading is None or "a word of publishing or a text's noun beside it" not in reading.reasons:
            continue
        # a part after a description credits the picture described unless it names the text ("… station.
        # Credit: X" is a caption's)
        if (names_text or start > 0) and not any(
                w.casefold().strip(".,:;") in _ARTICLE_NOUNS for w in text[start:end].split()):
            continue
        if best is None or reading.score > best.score:
            best = reading
    return best


def _head_slot(text: str, pool: set[str]) -> ShapeReading | None:
    """A slot that opens the line, followed by nothing but words of crediting ("Vantor Wire contributed
    to this report.", "harbour-news.com: original source"): the same evidence in the other order."""
    m = _HEAD_SLOT.match(text)
    if not m:
        return None
    surface = re.split(r"\.\s", m.group("name"))[0].rstrip(".")
    said = text[len(surface):].split()
    kind = _slot_kind(surface)
    # A word of crediting itself, that no citation says: "The Harbour Times first reported the story"
    # cites it; "X placed on injured reserve" is a headline.
    if kind is None or not said or len(text.split()) > MAX_WORDS or not any(
            w.casefold().strip(".,:;") in CREDIT_CUES and not _citing(w) for w in said):
        return None
    # Every word after the name is one of crediting, or the year and rights words of its tail.
    if not all(_text_word(w) or _participle(w) or _small(w, said) or _YEAR.fullmatch(w.strip(".,;:()")) for w in said):
        return None
    marked = bool(_RIGHTS.search(text) or _YEAR.search(text))
    score, reasons = _score(surface, kind, said, marked, len(text.split()), pool, "a name-shaped slot opens the line")
    return ShapeReading(0, len(surface), surface, score, reasons)


def _for_whom(said: list[str]) -> bool:
    """Whether the slot follows "for" after a verb of making that is not one of writing ("… report prepared
    for X", "Compiled for X"): X is whom the text was made for, a client, not where it came from. A text
    written, reported or produced for an outlet, or a reporter for one, names that outlet."""
    if len(said) < 2 or said[-1].casefold() != "for":
        return False
    before = said[-2].casefold().strip(".,:;")
    return _participle(before) and before not in _WRITTEN_FOR and _stem(before) not in _CUE_STEMS


# The verbs of writing and publishing that say for whom a text was written: its outlet ("written for X").
_WRITTEN_FOR = frozenset("written wrote reported produced filed published commissioned made".split())


def _citing(word: str) -> bool:
    """A word a citation says of an outlet ("reported", "first", "originally"), as a credit line does too."""
    w = word.casefold().strip(".,:;")
    return _stem(w) == "report" or w in _CITING_WORDS


def _score(surface: str, kind: str, said: list[str], marked: bool, length: int, pool: set[str],
           slot: str) -> tuple[float, tuple[str, ...]]:
    """A slot's score and the classes of evidence that made it (see the module doc); `said` are the
    line's other words, `length` its words up to the slot's end."""
    reasons = [slot]
    score = 1.0
    if any(_text_word(w) for w in said):
        score += 1.0
        reasons.append("a word of publishing or a text's noun beside it")
    elif any(_participle(w) for w in said):
        score += 0.5  # "released by", "made available by": said of statements and goods as well
        reasons.append("a past participle beside it")
    if said and all(_text_word(w) or _participle(w) or _small(w, said) for w in said) and (
            not _chained(said) or any(_text_word(w) for w in said)):
        score += 1.0
        reasons.append("nothing but words of publishing and small words beside it")
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
    if length > 10:
        score -= 1.0
        reasons.append("long for a credit line")
    return score, tuple(reasons)


def _shifted(reading: ShapeReading | None, by: int) -> ShapeReading | None:
    """A reading of part of a line with its offsets into the whole line."""
    if reading is None:
        return None
    return ShapeReading(reading.slot_start + by, reading.slot_end + by, reading.surface, reading.score,
                        reading.reasons)
