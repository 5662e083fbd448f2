"""link_names: what a page's text says about a name, for corpus linking (`newsdesk.corpus.entities`).

* `role_words`: the word a report puts before a name ("actress Lindsay Lohan", "software maker Microsoft"),
  read from the page's content words in their order, so that a later "the actress" in the same event can
  mean her. It is learnt from the text, not from a list of titles: any noun a report uses as a name's
  premodifier counts, in any domain.
* `acronym_of`: the initials of a multi-word name ("International Olympic Committee" -> "ioc",
  "Internet Explorer" -> "ie"), to link "IOC" and the full name.
* `singular_noun`: whether a common noun is singular ("the actress", not "officers" or "police").
* `affix`: whether a name begins or ends another ("the Mediterranean", "the Mediterranean Sea").

Gains of the rules of `link_corpus` these serve, in `bench/xdoc.py` (ECB+, mean of 3 document orders, CoNLL F1 /
MUC / B3 / CEAF-e, each rule taken out of all): role words +0.0037 / +0.0010 / +0.0077 / +0.0021; begins-or-ends
+0.0067 / +0.0062 / +0.0066 / +0.0070; acronyms +0.0007 / +0.0010 / +0.0020 / -0.0010; "Jr" dropped from
surnames +0.0007 / +0.0003 / +0.0010 / +0.0005.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from anyascii import anyascii

from newsdesk.corpus.events import content_words

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


def affix(part: Sequence[str], whole: Sequence[str]) -> bool:
    """Whether the words `part` begin or end the longer `whole`."""
    n = len(part)
    return n < len(whole) and (tuple(whole[:n]) == tuple(part) or tuple(whole[-n:]) == tuple(part))


__all__ = ["acronym_of", "affix", "as_acronym", "role_words", "singular_noun"]
