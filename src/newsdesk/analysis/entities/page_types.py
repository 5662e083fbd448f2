"""page_types: one type per name on a page, decided by the weighed evidence of all its mentions (`settle_types`).

Used by `newsdesk.analysis.entities.mentions` on every page (newsdesk's PERSON/PLACE/ORG) and by bench/ner.py on
CoNLL documents (PER/LOC/ORG/MISC). The evidence, by class, never by list of names seen in data:

* each mention's tagger label (less on an all-caps line, where the tagger is weak);
* role words beside a mention: titles and jobs ("President", "Mr", "striker") say person; "province of", "X
  island" say place; "ministry of", "shares of X", "X 's chairman", "X chairman", "the daily X", "X Inc" say
  organisation; a name's own last word ("Snake Island", "Pirelli SpA") says what its head word names;
* the page's full personal names (a surname or first name alone is that person's), counted only when the full
  name's own mentions make it a person;
* the gazetteer, for a name it knows as a place, except an acronym it knows as no place's ("NATO", "UN");
* a dateline (a name opening a line before a date, qualified or not: "NICE, France 1996-08-30") stays a place.

Sentence-initial common words and adverbs are dropped, missed repeats of found names added (`_repeats`), and
for CoNLL's label set, adjectives made of names and demonyms take MISC (`_misc_names`).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsdesk.analysis.entities.gazetteer import Gazetteer

_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


class Overlaps:
    """Spans asked whether any overlaps [start, end), in O(log n) a question: a page's every mention
    is asked about its noise, and a scan of all the spans per mention made extraction quadratic."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        top = -1
        for _, b in ordered:
            top = max(top, b)
            self._reach.append(top)

    def hit(self, start: int, end: int) -> bool:
        """Some span [a, b) has a < end and start < b."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start


@dataclass(frozen=True, slots=True)
class Named:
    """A typed name at [start, end) of a page's text, in whatever label set the caller uses (newsdesk's
    PERSON/PLACE/ORG, or CoNLL's PER/LOC/ORG/MISC in bench/ner.py)."""

    start: int
    end: int
    text: str
    type: str


@dataclass(frozen=True, slots=True)
class TypeNames:
    """Which of the caller's labels means person, place and organisation (and, for CoNLL's label set, the
    label of other names: nationalities, events, adjectives made of names; None when the caller has none)."""

    person: str
    place: str
    org: str
    misc: str | None = None


#: Weights of the evidence (a tagger mention counts 1). A role word is worth several plain mentions: it is
#: what a reader goes by; the gazetteer outweighs the tagger's PERSON/ORG guesses on a place name, as
#: the earlier hard rule did ("Mariupol" tagged ORG), unless role words or a full personal name say otherwise.
_W_MENTION = 1.0
_W_SHOUTED = 0.4  # a mention on an all-caps line: the tagger is weakest there (MODEL_CARD: PER F1 62.5)
_W_ROLE = 3.0
_W_GAZETTEER = 1.5  # per mention of a name the gazetteer knows as a place
_W_SURNAME = 3.0

# Role words right before a name (same line): "President Biden", "Foreign Minister Kuleba", "Mr Ward".
_ROLE_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:\b(?:president|minister|mr|mrs|ms|dr|sir|senator|sen|governor|gov|mayor|general|gen|"
                r"secretary|chancellor|premier|spokesman|spokeswoman|spokesperson|judge|coach|captain|"
                r"prince|princess|king|queen|pope|lord|lady|chairman|chairwoman|commander|colonel|col|"
                r"lieutenant|lt|sergeant|sgt|ambassador|envoy|deputy|rep|representative|professor|prof)\.?)"
                r"\s+$", re.IGNORECASE), "person"),
    (re.compile(r"\b(?:province|region|oblast|state|city|town|village|island|islands|county|district|"
                r"republic|kingdom|port|capital)\s+of\s+$", re.IGNORECASE), "place"),
    (re.compile(r"\b(?:ministry|department|office|bureau|union|party|council|association|committee)\s+"
                r"(?:of|for)\s+$", re.IGNORECASE), "org"),
    # A company's shares, a sports club: "shares of Magna", "first division team Deportivo".
    (re.compile(r"\b(?:(?:shares|stake|stock)\s+(?:of|in)|team|club|side|firm|company|group|carmaker|airline|"
                r"bank|insurer|retailer|conglomerate|giant|maker|operator)\s+$", re.IGNORECASE), "org"),
    # The press and the trade: "the daily Sueddeutsche Zeitung", "news weekly Der Spiegel", "distributor Hachette".
    (re.compile(r"\b(?:daily|weekly|newspaper|magazine|agency|broadcaster|publisher|distributor|manufacturer|"
                r"supplier|lender|brokerage|producer)\s+$", re.IGNORECASE), "org"),
    (re.compile(r"\b(?:striker|midfielder|defender|goalkeeper|batsman|bowler|spokesman|spokeswoman|"
                r"manager|leader|chief|director|analyst|economist|actor|actress|singer|author)\s+$",
                re.IGNORECASE), "person"),
)
# Role words right after a name: "Zaporizhzhia province", "Snake Island", "Acme Inc", "Kamau, who".
_ROLE_AFTER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*(?:,\s*(?:(?:who|aged)\b|\d{1,2}\s*,)|['’]\s?s\s+(?:wife|husband|son|daughter|mother|father)\b|"
                r"(?:said|says)\s+(?:he|she)\b)", re.IGNORECASE), "person"),
    # "Pirelli 's cables division", "Jones shares": a company. ("Tokyo stock prices", "the Warsaw stock
    # exchange": a place names the market of its stocks.)
    (re.compile(r"^\s*(?:['’]\s?s\s+(?:shares|stock|profit|earnings|revenue|sales|chairman|"
                r"board|subsidiary|unit|division|shareholders|net|results)\b|\s(?:shares|stock)\b"
                r"(?!\s+(?:exchanges?|markets?|prices|index|indices|bourses?)\b))",
                re.IGNORECASE), "org"),
    (re.compile(r"^\s+(?:province|region|oblast|island|islands|county|district|river|peninsula|mountains)(?![\w-])",
                re.IGNORECASE), "place"),
    (re.compile(r"^\s+(?:inc|corp|corporation|ltd|plc|llc|co|company|group|party|ministry|bank)(?![\w-])",
                re.IGNORECASE), "org"),
    # "Deportivo chairman Augusto Lendoiro", "Ericsson chief executive …": only a body has a chairman or a board.
    # (Not "spokesman": "Yeltsin spokesman Sergei Yastrzhembsky" speaks for a person.)
    (re.compile(r"^\s+(?:chairman|chairwoman|chief\s+executive|board|shareholders)\b", re.IGNORECASE), "org"),
)
# "Magna said it": a company, or a country acting as one; weak evidence, a plain mention's worth.
_SAID_IT = re.compile(r"^\s*(?:said|says)\s+its?\b", re.IGNORECASE)
# "Mr" inside the tagged span ("Minister Kuleba" tagged PLACE): its first word says the type.
# (Not "Queen", "Lord", "General": they begin places and clubs too: "Queen's Park", "Lord's", "General Motors".)
_ROLE_INSIDE = re.compile(r"^(?:President|Minister|Mr|Mrs|Ms|Dr|Sir|Senator|Sen|Governor|Gov|Mayor|Secretary|"
                          r"Chancellor|Premier|Judge|Pope)\.?\s")
# "Snake Island", "Kherson Oblast": the name's own last word says it is a place, and its head word alone
# ("Snake") names the same place.
# ("County" is not one: "Notts County" is a football club.)
_PLACE_TAIL = re.compile(r"\s(?:Island|Islands|Province|Region|Oblast|River|Peninsula|Mountains|Bay)$")
# "Pirelli SpA", "Magna International Inc": a company, and its first word alone ("Pirelli") names it too.
_ORG_TAIL = re.compile(r"\s(?:Inc|Corp|Corporation|Ltd|Plc|PLC|SpA|AG|SA|NV|GmbH|Co|Group|Holdings|Airlines|Motors|"
                       r"International|Industries)\.?$")
# A dateline: a name opening a line, then a date or "(Reuters)": "KYIV, May 22 (Reuters)", "NEW YORK 1996-08-22".
# The place may be qualified by its country or state first: "NICE, France 1996-08-30", "ROCHESTER, N.H. 1996-08-30".
_DATELINE_AFTER = re.compile(r"^(?:\s*,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,?\s+(?:\d{4}-\d\d-\d\d|"
                             r"\((?:Reuters|AP|AFP)\)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")
_NOT_SENTENCE_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|No|U\.S|U\.K)\.$")


_WINDOW = 300  # characters around a name that the line tests look at


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the name at `start` opens a sentence (or a line), past any opening quote or bracket."""
    # (A window, not the whole line: a page without line breaks must not cost a scan per name.)
    line = text[max(text.rfind("\n", 0, start) + 1, start - _WINDOW):start]
    before = line.rstrip(" \t\"'“‘«(—–-")
    if not before:
        return True
    return before[-1] in ".!?:;" and _NOT_SENTENCE_END.search(before) is None


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether the name sits on an all-caps line (a headline), where case says nothing."""
    lo = max(text.rfind("\n", max(0, start - _WINDOW), start) + 1, start - _WINDOW)
    hi = text.find("\n", end, end + _WINDOW)
    line = text[lo:hi if hi >= 0 else min(len(text), end + _WINDOW)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _lower_words(text: str) -> frozenset[str]:
    """The words the page writes in lower case: those are common words on this page."""
    return frozenset(m.group() for m in re.finditer(r"\b[a-z][a-z’'-]+\b", text))


_ADVERB = re.compile(r"(?:ally|ately|ently|antly|ously|ively|fully|edly|ingly|ibly|ably)$")


def _common_word(text: str, n: Named, lower: frozenset[str]) -> bool:
    """A one-word name at a sentence's start that the page itself shows to be a common word: a sentence
    adverb ("Separately, …", "Steadily, …") or a word the page also writes in lower case ("Jury")."""
    if " " in n.text or not n.text[:1].isupper() or n.text.isupper() or not _sentence_initial(text, n.start):
        return False
    word = n.text.casefold()
    if word in lower:
        return True
    # A sentence adverb is followed by a comma and is long or has an adverb's suffix: "Steadily," but not
    # the short names "Kelly," "Emily," "Bradley,".
    adverb = (len(word) >= 8 and word.endswith("ly")) or _ADVERB.search(word) is not None
    return adverb and text[n.end:n.end + 1] == ","


def settle_types(text: str, names: Sequence[Named], types: TypeNames, places: Gazetteer | None = None,
                 find_repeats: bool = True, is_demonym: Callable[[str], bool] | None = None) -> list[Named]:
    """One type per name on a page, decided by the weighed evidence of all its mentions.

    Each mention votes for its own type (less on an all-caps line); a role word beside a mention votes for
    what it names; a place the gazetteer knows gets a place vote per mention, unless the page uses the
    word as a first name or surname ("Paris Hilton", "Biden" after "Joe Biden": those get a person vote
    instead, `_person_words`) or writes it only as an acronym the gazetteer lists for no place ("NATO").
    Every mention of the name then takes the winner; a mention keeps its own type on a tie.
    One-word names that the page shows to be common words are dropped (`_common_word`) unless the page
    also uses them as a name in mid-sentence. With `find_repeats`, an untagged occurrence of a found name
    (same spelling, word-bounded, not touching another capitalised word; or its capitals on an all-caps
    line) is added with the name's type. With `types.misc`, adjectives made of names and demonyms
    (`is_demonym`, a gazetteer's) take that type (`_misc_names`). Returns names sorted by start.
    """
    lower = _lower_words(text)
    place_heads = {" ".join(n.text.split()[:-1]).casefold() for n in names if _PLACE_TAIL.search(n.text)}
    org_heads = {n.text.split()[0].casefold() for n in names if _ORG_TAIL.search(n.text)}
    named_mid_sentence = {_key(n.text) for n in names if not _sentence_initial(text, n.start)}
    voters = {types.person, types.place, types.org}
    other = [n for n in names if n.type not in voters]  # CoNLL's MISC: neither votes nor changes
    kept = [n for n in names if n.type in voters
            and (_key(n.text) in named_mid_sentence or not _common_word(text, n, lower))]

    role_type = {"person": types.person, "place": types.place, "org": types.org}
    votes: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    # A dateline names a place whatever the page does with the name elsewhere ("NEW YORK 1996-08-22" above a
    # table of "New York" the team): it keeps PLACE and does not outvote the rest.
    datelines: set[tuple[int, int]] = set()
    written: dict[str, set[str]] = {}  # each name's spellings outside all-caps lines
    for n in kept:
        counts[_key(n.text)] = counts.get(_key(n.text), 0) + 1
        tally = votes.setdefault(_key(n.text), {})
        shouted = _shouted(text, n.start, n.end)
        tally[n.type] = tally.get(n.type, 0.0) + (_W_SHOUTED if shouted else _W_MENTION)
        if not shouted:
            written.setdefault(_key(n.text), set()).add(n.text)
        line_start = text.rfind("\n", 0, n.start) + 1
        line_end = text.find("\n", n.end)
        before = text[max(line_start, n.start - 40):n.start]
        after = text[n.end:min(n.end + 40, line_end if line_end >= 0 else len(text))]
        for patterns, side in ((_ROLE_BEFORE, before), (_ROLE_AFTER, after)):
            for pattern, role in patterns:
                if pattern.search(side):
                    kind = role_type[role]
                    tally[kind] = tally.get(kind, 0.0) + _W_ROLE
        if _SAID_IT.match(after):
            tally[types.org] = tally.get(types.org, 0.0) + _W_MENTION
        if _ROLE_INSIDE.match(n.text):
            tally[types.person] = tally.get(types.person, 0.0) + _W_ROLE
        if _PLACE_TAIL.search(n.text):
            tally[types.place] = tally.get(types.place, 0.0) + _W_ROLE
        if _ORG_TAIL.search(n.text):
            tally[types.org] = tally.get(types.org, 0.0) + _W_ROLE
        if n.start == line_start and _DATELINE_AFTER.match(after):
            datelines.add((n.start, n.end))
    surnames, person_words = _person_words(text, kept, votes, types.person)
    for key, tally in votes.items():
        if key in place_heads:
            tally[types.place] = tally.get(types.place, 0.0) + _W_ROLE + _W_MENTION * counts[key]
        elif key in org_heads:
            tally[types.org] = tally.get(types.org, 0.0) + _W_ROLE + _W_MENTION * counts[key]
        elif " " not in key and key in surnames | person_words:
            tally[types.person] = tally.get(types.person, 0.0) + _W_SURNAME
        elif (places is not None and key not in person_words and places.is_place(key)
              and not _acronym_of_no_place(written.get(key, set()), places)):
            tally[types.place] = tally.get(types.place, 0.0) + _W_GAZETTEER * counts[key]
    out: list[Named] = list(other)
    for n in kept:
        tally = votes[_key(n.text)]
        best = max(tally, key=lambda t: (tally[t], t == n.type))
        if (n.start, n.end) in datelines:
            best = types.place
            out.append(n if n.type == best else Named(n.start, n.end, n.text, best))
            continue
        out.append(n if tally[best] <= tally.get(n.type, 0.0) else Named(n.start, n.end, n.text, best))
    if types.misc is not None:
        out = _misc_names(text, out, types, lower, is_demonym or (lambda word: False), surnames | person_words)
    if find_repeats:
        out += _repeats(text, out, votes, lower)  # `out` holds `other` too: a MISC span is taken
    return sorted(out, key=lambda n: n.start)


# An acronym as written: "NATO", "UN", "U.N.".
_ACRONYM = re.compile(r"[A-Z]{2,6}|(?:[A-Z]\.){2,5}")


def _acronym_of_no_place(forms: set[str], places: Gazetteer) -> bool:
    """Whether a name's `forms` (its spellings outside all-caps headlines) are all acronyms that the gazetteer
    knows as no place's abbreviation: "NATO" and "UN" match villages' names case-blind, yet an acronym a
    gazetteer does not list for a place ("US", "UAE" it does) names an organisation."""
    return bool(forms) and all(_ACRONYM.fullmatch(f) and places.abbreviation(f) is None for f in forms)


def _person_words(text: str, names: Sequence[Named], votes: dict[str, dict[str, float]],
                  person: str) -> tuple[set[str], set[str]]:
    """The surnames and the other words of the page's full personal names: a name of two words or more whose
    mentions and role words make it a person (not a tie: "Dynamo Moscow", tagged a person once and a club
    once, says nothing of "Moscow"), not on an all-caps line."""
    surnames: set[str] = set()
    others: set[str] = set()
    for n in names:
        if n.type != person or _shouted(text, n.start, n.end):
            continue
        tally = votes[_key(n.text)]
        if any(tally[person] <= weight for kind, weight in tally.items() if kind != person):
            continue
        words = _NAME_WORD.findall(n.text)
        if len(words) >= 2:
            surnames.add(words[-1].casefold())
            others.update(w.casefold() for w in words[:-1])
    return surnames, others


# "London-based", "U.S.-led", "Surinamese-born", "Indonesian-origin": a name joined by a hyphen to a participle
# or a compound's head is an adjective (CoNLL's MISC), not the place or group it names. At least two characters
# before the hyphen ("A-rated", "X-ray" are no names); the head's shape is English morphology, so "Kim Sun-ho"
# and "Silpa-archa" (given names) do not match.
_NAME_COMPOUND = re.compile(r"(?<![\w'’.-])([A-Z][\w'’.]*[\w.])-(?:[a-z]+(?:ed|ing)|born|bound|held|run|made|"
                            r"built|grown|wide|style|type|era|origin)(?![\w'’-])")
# "ex-England", "pro-Moscow", "post-Soviet": an English derivational prefix on a name ("mid-August" is a date).
_PREFIXED_NAME = re.compile(r"(?<![\w'’.-])(?:ex|pro|anti|pre|post|non|neo|pan|mid|trans|semi|ultra|inter|multi|"
                            r"counter)-([A-Z][\w'’.]*[\w.])(?![\w'’-])")
_CALENDAR = frozenset(w.casefold() for w in (*calendar.month_name[1:], *calendar.month_abbr[1:],
                                             *calendar.day_name, *calendar.day_abbr))
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][A-Za-z]+(?![\w'’-])")


def _misc_names(text: str, found: list[Named], types: TypeNames, lower: frozenset[str],
                is_demonym: Callable[[str], bool], person_words: set[str]) -> list[Named]:
    """Names of the `misc` kind the tagger missed or typed as a person, place or organisation: adjectives made
    of a name (`_NAME_COMPOUND`, `_PREFIXED_NAME`) and one-word demonyms ("Welsh", "Kuwaiti", "Scots") that
    are not part of a longer name nor a name the page gives a person."""
    misc, place = types.misc or "MISC", types.place
    out = {(n.start, n.end): n for n in found}
    by_end = {n.end: n for n in found}
    named = {_key(n.text) for n in found}
    taken = Overlaps(out)
    compounds = [(m, False) for m in _NAME_COMPOUND.finditer(text)] + [(m, True) for m in _PREFIXED_NAME.finditer(text)]
    for m, prefixed in compounds:
        start, end, part = m.start(), m.end(), m.group(1)
        if part.casefold() in _CALENDAR or part.casefold() in lower:
            continue
        tagged = by_end.get(end)
        if tagged is not None and tagged.start <= start:  # "Hong Kong-based" tagged whole as an organisation
            out[(tagged.start, end)] = Named(tagged.start, end, tagged.text, misc)
            continue
        if taken.hit(start, end) or (not prefixed and _touches_capital(text, start, end, after=False)):
            continue  # part of a longer name the tagger did see, or of one it did not ("Kim Sun-ho")
        if _sentence_initial(text, start) and _key(part) not in named and not is_demonym(part):
            continue  # "Long-term", "Top-seeded": a capital that only opens the sentence
        out[(start, end)] = Named(start, end, text[start:end], misc)
    for n in list(out.values()):  # (a demonym tagged as a place stays one: "Czech" for the Czech Republic)
        if (n.type not in (misc, place) and " " not in n.text and n.text.casefold() not in person_words
                and is_demonym(n.text)):
            out[(n.start, n.end)] = Named(n.start, n.end, n.text, misc)
    taken = Overlaps(out)
    for m in _CAPITALISED.finditer(text):
        start, end = m.start(), m.end()
        if taken.hit(start, end) or not is_demonym(m.group()) or m.group().casefold() in lower:
            continue
        if _shouted(text, start, end) or not _touches_capital(text, start, end):
            out[(start, end)] = Named(start, end, m.group(), misc)
    return list(out.values())


def _repeats(text: str, found: Sequence[Named], votes: dict[str, dict[str, float]],
             lower: frozenset[str]) -> list[Named]:
    """Occurrences of found names that the tagger missed, typed as the page types the name."""
    covered = bytearray(len(text) + 1)
    for n in found:
        covered[n.start:n.end] = b"\x01" * (n.end - n.start)
    kinds: dict[str, str] = {}  # spelling (and its capitals) -> the name's type on the page
    for n in found:
        tally = votes.get(_key(n.text))
        if not tally or len(n.text) < 3 or not n.text[:1].isupper():
            continue
        if n.text.isupper() and len(n.text) > 4:
            continue  # a headline's capitals are no pattern for body text; its mixed-case spelling is
        kind = max(tally, key=lambda t: tally[t])
        kinds.setdefault(n.text, kind)
        kinds.setdefault(n.text.upper(), kind)
    if not kinds:
        return []
    # One pass over the page for all names, longest first so "New York" beats "York". The lookahead of
    # the names' first letters only skips places where no name can start: without it the engine tried
    # every name at every character, time growing with the page times its names.
    firsts = "".join(re.escape(c) for c in sorted({k[0] for k in kinds}))
    pattern = re.compile(f"(?=[{firsts}])(?<![\\w’'-])(?:"
                         + "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True)) + ")(?![\\w’'-])")
    out: list[Named] = []
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        if any(covered[start:end]):
            continue
        form = m.group()
        shouted = _shouted(text, start, end)
        if form.isupper() and len(form) > 4 and not shouted:
            continue  # capitals of a name count only in a headline
        if not shouted and _touches_capital(text, start, end):
            continue  # part of a longer name the tagger did not see ("Free Ukraine Radio")
        candidate = Named(start, end, form, kinds[form])
        if _common_word(text, candidate, lower) or (" " not in form and form.casefold() in lower):
            continue
        out.append(candidate)
        covered[start:end] = b"\x01" * (end - start)
    return out


def _touches_capital(text: str, start: int, end: int, after: bool = True) -> bool:
    """Whether a capitalised word (not a sentence's first) comes right before [start, end), or one right after."""
    before = re.search(r"([\w’'.-]+)\s*$", text[max(0, start - 30):start])
    next_word = re.match(r"\s*([\w’'-]+)", text[end:end + 30]) if after else None
    return bool((before and before.group(1)[:1].isupper() and not _sentence_initial(text, start))
                or (next_word and next_word.group(1)[:1].isupper()))
