"""link_names: what a page's text says about a name, for corpus linking (`newsdesk.corpus.entities`).

* `role_words`: the word a report puts before a name ("actress Lindsay Lohan", "software maker Microsoft"),
  read from the page's content words in their order, so that a later "the actress" in the same event can
  mean her. It is learnt from the text, not from a list of titles: any noun a report uses as a name's
  premodifier counts, in any domain.
* `acronym_of`: the initials of a multi-word name ("International Olympic Committee" -> "ioc",
  "Internet Explorer" -> "ie"), to link "IOC" and the full name; `article_initials` with its article ("The
  Hollywood Reporter" -> "thr").
* `singular_noun`: whether a common noun is singular ("the actress", not "officers" or "police"); `names_several`:
  whether a description's forms are all plural, so never one named person.
* `respelled`: how alike two names are as one name spelled two ways ("Gulf of Ekaterinsk", "Gulf of Akaterinsk").
* `affix`: whether a name begins or ends another ("the Mediterranean", "the Mediterranean Sea").
* `possessed`: whether a common noun has a possessor ("her lawyer", "Reid's rep"): someone's tie to another;
  `indefinite`: whether it opens on "a", "an" or "another" ("a friend said"): someone new.
* `name_words`, `given_names`, `head_word`: a name's words, a person's given names, a common noun's head
  (cardinals as digits: "three" and "3" of one report are one group; "three people" is known by its count).

Gains of the rules of `link_corpus` these serve, in `bench/xdoc.py` (ECB+, mean of 3 document orders, CoNLL F1 /
MUC / B3 / CEAF-e, each rule taken out of all): role words +0.0037 / +0.0010 / +0.0077 / +0.0021; begins-or-ends
+0.0067 / +0.0062 / +0.0066 / +0.0070; acronyms +0.0007 / +0.0010 / +0.0020 / -0.0010; "Jr" dropped from
surnames +0.0007 / +0.0003 / +0.0010 / +0.0005.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from anyascii import anyascii
from rapidfuzz import fuzz

from newsdesk.corpus.events import content_words

#: Words before a name or a noun that are not part of what it names ("in Queens", "the Betty Ford Center").
_LEAD = frozenset("""in at on from to into near by for of with the a an this that these those his her their its
    our my your some any another other former late president prime minister mr mrs ms miss dr sir lord lady
    king queen pope general gen col colonel captain capt sgt lt governor gov senator sen rep mayor chancellor
    secretary judge justice prince princess sheikh rev""".split())
#: Words after a common noun's head that start what modifies it ("the head of the company").
_AFTER_HEAD = frozenset("of in at on from for with who whom which that where near by to , ( -".split())
#: Words after a name that start what places or describes it ("Waitrose in Wellington"); "of" belongs to names.
_AFTER_NAME = frozenset("in at on near who whom which that where".split())
#: Generation suffixes after a surname.
_GENERATION = frozenset("jr sr ii iii iv".split())
#: Cardinal numbers written as words, as digits: a group a report calls "three" another calls "3".
_CARDINALS = {word: str(value) for value, word in enumerate("""zero one two three four five six seven eight nine ten
    eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty""".split())}
_TOKEN = re.compile(r"[\w'’.-]+|[,(]")


def name_words(form: str) -> list[str]:
    """A name's words: what follows it cut off ("Waitrose in Wellington" -> "Waitrose"), then the words
    before its first capitalised word and any title dropped ("defensive tackle Jamal Williams" -> "Jamal
    Williams", "President Joe Biden" -> "Joe Biden"), and a possessive. A form with no capital keeps its words."""
    words: list[str] = []
    for raw in _TOKEN.findall(form):
        word = raw.replace("’", "'").removesuffix("'s").strip(".'")
        named = any(w[:1].isupper() for w in words)
        if named and (word in {",", "("} or (word in _AFTER_NAME and word.islower())):
            break
        if word and word not in {",", "("}:
            words.append(word)
    capital = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    words = words[capital:]
    while len(words) > 1 and words[0].casefold() in _LEAD:
        words = words[1:]
    while len(words) > 2 and words[-1].casefold().rstrip(".") in _GENERATION:
        words = words[:-1]  # the surname comes before "Jr": "Arcade Joseph Comeaux Jr" is a Comeaux
    return words


def given_names(words: Sequence[str]) -> set[str]:
    """A person's given names and initials (every word but the surname), ASCII and case folded: "RB Reggie
    Bush" and "Reggie Bush" share "reggie"."""
    return {anyascii(w).casefold() for w in words[:-1]}


def head_word(form: str) -> str:
    """A common noun's head, case folded and singular: "the head of the company" -> "head", "officers" ->
    "officer", "Three" -> "3". English noun phrases end in their head unless a modifier follows it. A counted
    noun is known by its count ("three people", "3 workers" -> "3"): a report's "three people" are its "three"."""
    words = [w.replace("’", "'").removesuffix("'s").strip(".'") for w in _TOKEN.findall(form)]
    kept: list[str] = []
    for word in words:
        if kept and word.casefold() in _AFTER_HEAD:
            break
        if word and word not in {",", "("}:
            kept.append(word)
    while len(kept) > 1 and kept[0].casefold() in _LEAD:
        kept = kept[1:]
    if not kept:
        return ""
    folded = content_words(kept[-1])
    head = folded[0] if folded else kept[-1].casefold()
    if len(kept) > 1:
        count = kept[-2].casefold()
        if count in _CARDINALS or count.isdigit():
            return _CARDINALS.get(count, count)
    return _CARDINALS.get(head, head)  # "Three" and "3" of one report are one group of three


#: Words of a name left out of its initials ("Bank of England" -> "BoE" -> "be").
_NOT_INITIALS = frozenset("of and the for de la du von van der".split())


def role_words(words: Sequence[str], context: Sequence[str], other_words: Collection[str] = ()) -> Counter[str]:
    """The content words just before each occurrence of the name `words` in the ordered `context`
    (`link_events.content_words` of the page), counted. Words of the name itself and `other_words` (those
    of the entity's other forms, folded by `content_words`) are left out: "Lindsay" is no role of "Lohan"."""
    name = content_words(" ".join(words))
    out: Counter[str] = Counter()
    if not name:
        return out
    width = len(name)
    for i in range(1, len(context) - width + 1):
        if context[i] == name[0] and list(context[i:i + width]) == name and context[i - 1] not in name \
                and context[i - 1] not in other_words:
            out[context[i - 1]] += 1
    return out


def acronym_of(words: Sequence[str]) -> str | None:
    """A multi-word name's initials, case folded ("Internet Explorer" -> "ie"); None for a single word."""
    kept = [w for w in words if w.casefold() not in _NOT_INITIALS]
    if len(kept) < 2:
        return None
    return "".join(anyascii(w)[:1] for w in kept).casefold()


def article_initials(form: str) -> str | None:
    """The initials of a multi-word name with its leading article, case folded ("The Hollywood Reporter" ->
    "thr"), which some acronyms keep and `acronym_of` leaves out; None for a form without one."""
    raw = [w.strip("'\"‘’“”") for w in form.split()]
    raw = [w for w in raw if w]
    if len(raw) < 3 or raw[0].casefold() != "the" or not raw[1][:1].isupper():
        return None
    initials = acronym_of(name_words(form))
    return f"t{initials}" if initials else None


def as_acronym(words: Sequence[str]) -> str | None:
    """A single word written as an acronym ("IOC", "I.O.C.", "U.S.") as its letters case folded, else None:
    two to six letters, all capitals."""
    if len(words) != 1:
        # "U . S ." tokenised apart: single capitals in a row.
        if words and all(len(w) == 1 and w.isupper() for w in words):
            return "".join(words).casefold()
        return None
    letters = words[0].replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters.casefold()
    return None


#: Nouns that are plural or collective without a final "s".
_GROUP_NOUNS = frozenset("""people police men women children staff crew family team jury public youth
    personnel folk clergy""".split())


def singular_noun(form: str) -> bool:
    """Whether a common noun phrase ends in a singular noun ("the actress", "a 35-year-old man"), not a plural
    or a group ("officers", "police", "three"): a plural is the one a final "s" is dropped from
    (`link_events.content_words`)."""
    words = [w for w in form.replace("’", "'").split() if w[:1].isalpha()]
    if not words:
        return False
    last = words[-1].casefold().removesuffix("'s").strip("'")
    return content_words(last) == [last] and last not in _GROUP_NOUNS


def names_several(forms: Sequence[str]) -> bool:
    """Whether every form of a common noun names several ("friends", "three people", "police"): grammatical
    number says such a description is never one named person, whatever its head word."""
    return not any(singular_noun(f) for f in forms)


#: Determiners that make a noun someone's ("her lawyer", "their son").
_POSSESSIVE_DETERMINERS = frozenset("his her their its my our your whose".split())


def possessed(form: str) -> bool:
    """Whether a common noun phrase has a possessor before its head ("her lawyer", "Reid's rep", "the
    company's spokesman", "the players' coach"): it names someone by their tie to another, not the one the
    report is about. The head, the last word, is never its own possessor ("the teen's" is the teen)."""
    words = [w.replace("’", "'").casefold() for w in form.split()]
    return any(w in _POSSESSIVE_DETERMINERS or (len(w) > 2 and w.endswith(("'s", "s'"))) for w in words[:-1])


#: Determiners that introduce something the report has not named before ("a friend", "another inmate").
_INDEFINITE_DETERMINERS = frozenset("a an another".split())


def indefinite(form: str) -> bool:
    """Whether a common noun phrase opens on an indefinite determiner ("a friend said", "another inmate"): it
    brings in someone new, so it is no later mention of whom the report is about."""
    words = form.split()
    return bool(words) and words[0].casefold() in _INDEFINITE_DETERMINERS


def respelled(a: Sequence[str], b: Sequence[str], whole: float, each: float) -> float:
    """How alike two names of as many words (two or more) are as one name spelled two ways ("gulf of ekaterinsk",
    "gulf of akaterinsk"): the rapidfuzz ratio (0-100) of their whole, when it is `whole` or
    more and each pair of words is at least `each` alike (one word wholly changed makes another name), else 0."""
    if len(a) < 2 or len(a) != len(b):
        return 0.0
    score = float(fuzz.ratio(" ".join(a), " ".join(b)))
    if score < whole or any(fuzz.ratio(x, y) < each for x, y in zip(a, b, strict=True)):
        return 0.0
    return score


def affix(part: Sequence[str], whole: Sequence[str]) -> bool:
    """Whether the words `part` begin or end the longer `whole`."""
    n = len(part)
    return n < len(whole) and (tuple(whole[:n]) == tuple(part) or tuple(whole[-n:]) == tuple(part))


__all__ = ["acronym_of", "affix", "article_initials", "as_acronym", "given_names", "head_word", "indefinite",
           "name_words", "names_several", "possessed", "respelled", "role_words", "singular_noun"]
